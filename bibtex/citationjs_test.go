package bibtex_test

import (
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/bibtex"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/citation/citationtest"
	"github.com/dop2i/fairmeta/internal/citationjs"
)

// TestCitationJS writes every shared example (DataCite, Crossref, INSPIRE) as BibTeX and parses it with citation-js,
// a reference parser: each entry parses without error and gives back the same authors, title, year and identifiers.
// citation-js has no place for eprint, reportNumber and collaboration (no CSL variable takes them); those are
// checked by this package's own reader (TestSharedExamples).
func TestCitationJS(t *testing.T) {
	citationjs.Available(t)
	recs := citationtest.Shared(t)
	var docs []citationjs.Doc
	for _, x := range recs {
		b, _, err := bibtex.Writer{}.Marshal(x.Rec)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, citationjs.Doc{Format: "bibtex", Text: string(b)})
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
			problems = append(problems, "citation-js read no entry")
		default:
			problems = citationtest.Parsed(res.Items[0], x.Rec, authorOf(x.Rec))
		}
		if len(problems) > 0 {
			bad++
			t.Errorf("%s:\n  %s\n%s", x.Name, strings.Join(problems, "\n  "), docs[i].Text)
		}
	}
	t.Logf("citation-js read %d of %d BibTeX entries back unchanged (%s)", len(recs)-bad, len(recs), citationtest.Count(recs))
}

// authorOf selects the creators BibTeX writes as authors: not the organisations written as collaborations.
func authorOf(r *fair.Resource) func(fair.Creator) bool {
	persons := false
	for _, c := range r.Creators {
		persons = persons || c.NameType != fair.NameOrganizational && c.Name+c.FamilyName+c.GivenName != ""
	}
	return func(c fair.Creator) bool {
		return c.NameType != fair.NameOrganizational || !persons && !strings.Contains(strings.ToLower(c.Name), "collaboration")
	}
}
