package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/bibtex"
	"github.com/dop2i/fairmeta/fair"
)

// TestCiteStep: after minting, the quickstart prints the dataset's APA reference and a BibTeX entry that reads back
// as the record's DOI, title, year and creators.
func TestCiteStep(t *testing.T) {
	t.Setenv("DATACITE_USERNAME", "")
	t.Setenv("DATACITE_PASSWORD", "")
	rec := describe()
	if err := mintStep(rec); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := citeStep(&out, rec); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	apa := text[strings.Index(text, "APA:\n")+5 : strings.Index(text, "BibTeX:")]
	for _, want := range []string{"Lefèvre, C., & Rossi, P.", "(2026)", rec.MainTitle(), "https://doi.org/" + rec.Identifier.Value} {
		if !strings.Contains(apa, want) {
			t.Errorf("the APA reference %q lacks %q", apa, want)
		}
	}
	entry := text[strings.Index(text, "BibTeX:\n")+8:]
	recs, _, err := bibtex.Read([]byte(entry[:strings.Index(entry, "\n  (")]))
	if err != nil || len(recs) != 1 {
		t.Fatalf("the BibTeX entry does not read back: %v (%d records)\n%s", err, len(recs), entry)
	}
	back := recs[0]
	if !strings.EqualFold(back.Identifier.Value, rec.Identifier.Value) || back.MainTitle() != rec.MainTitle() || back.PublicationYear != rec.PublicationYear {
		t.Errorf("BibTeX read back as DOI %q, title %q, year %d; want %q, %q, %d", back.Identifier.Value, back.MainTitle(), back.PublicationYear,
			rec.Identifier.Value, rec.MainTitle(), rec.PublicationYear)
	}
	var names []string
	for _, c := range back.Creators {
		names = append(names, c.FamilyName+", "+c.GivenName)
	}
	if got := strings.Join(names, "; "); got != "Lefèvre, Camille; Rossi, Paolo" {
		t.Errorf("BibTeX creators read back as %q", got)
	}
	if back.ResourceType.General != fair.ResourceTypeDataset {
		t.Errorf("BibTeX type read back as %s, want Dataset", back.ResourceType.General)
	}
}
