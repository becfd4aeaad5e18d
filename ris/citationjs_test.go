package ris_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/internal/citation/citationtest"
	"github.com/dop2i/fairmeta/internal/citationjs"
	"github.com/dop2i/fairmeta/ris"
)

// TestCitationJS writes every shared example (DataCite, Crossref, INSPIRE) as RIS and parses it with citation-js, a
// reference parser: each reference parses without error and gives back the same authors, title, year and
// identifiers. citation-js reads no AN (arXiv identifier) and N1 only as a note; those are checked by this
// package's own reader (TestSharedExamples).
func TestCitationJS(t *testing.T) {
	citationjs.Available(t)
	recs := citationtest.Shared(t)
	var docs []citationjs.Doc
	var commaOrgs []bool // RIS cannot write an organisation whose name holds a comma; the writer notes it
	for _, x := range recs {
		var b bytes.Buffer
		notes, err := ris.Write(&b, x.Rec)
		if err != nil {
			t.Fatal(err)
		}
		commaOrgs = append(commaOrgs, strings.Contains(notes.String(), "read back as a person"))
		docs = append(docs, citationjs.Doc{Format: "ris", Text: b.String()})
	}
	results := citationjs.Parse(t, docs)
	bad := 0
	for i, res := range results {
		x := recs[i]
		var problems []string
		switch {
		case len(res.Errors) > 0:
			problems = append(problems, "citation-js: "+strings.Join(res.Errors, "; "))
		case len(res.Items) != 1:
			problems = append(problems, "citation-js read no reference")
		default:
			problems = citationtest.Parsed(res.Items[0], x.Rec, nil)
			if commaOrgs[i] {
				problems = slices.DeleteFunc(problems, func(p string) bool { return strings.HasPrefix(p, "author") })
			}
		}
		if len(problems) > 0 {
			bad++
			t.Errorf("%s:\n  %s\n%s", x.Name, strings.Join(problems, "\n  "), docs[i].Text)
		}
	}
	t.Logf("citation-js read %d of %d RIS references back unchanged (%s)", len(recs)-bad, len(recs), citationtest.Count(recs))
}
