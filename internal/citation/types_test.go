package citation_test

import (
	"testing"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/citation"
)

// TestReadings holds the readings of the types that several resource types are written as, and of a few others:
// the table's order decides them, so a row added in the wrong place shows here.
func TestReadings(t *testing.T) {
	for _, tc := range []struct {
		format, typ string
		want        fair.ResourceTypeGeneral
	}{
		{"csl", "document", fair.ResourceTypeText},
		{"csl", "book", fair.ResourceTypeBook},
		{"csl", "software", fair.ResourceTypeSoftware},
		{"csl", "speech", fair.ResourceTypePresentation},
		{"csl", "webpage", fair.ResourceTypeInteractiveResource},
		{"csl", "article-journal", fair.ResourceTypeJournalArticle},
		{"csl", "article", fair.ResourceTypePreprint},
		{"csl", "map", fair.ResourceTypeImage},
		{"csl", "article-magazine", fair.ResourceTypeText},
		{"bibtex", "misc", fair.ResourceTypeOther},
		{"bibtex", "MISC", fair.ResourceTypeOther},
		{"bibtex", "article", fair.ResourceTypeJournalArticle},
		{"bibtex", "book", fair.ResourceTypeBook},
		{"bibtex", "proceedings", fair.ResourceTypeConferenceProceeding},
		{"bibtex", "inproceedings", fair.ResourceTypeConferencePaper},
		{"bibtex", "conference", fair.ResourceTypeConferencePaper},
		{"bibtex", "software", fair.ResourceTypeSoftware},
		{"bibtex", "dataset", fair.ResourceTypeDataset},
		{"bibtex", "phdthesis", fair.ResourceTypeDissertation},
		{"bibtex", "techreport", fair.ResourceTypeReport},
		{"ris", "GEN", fair.ResourceTypeText},
		{"ris", "JOUR", fair.ResourceTypeJournalArticle},
		{"ris", "BOOK", fair.ResourceTypeBook},
		{"ris", "CONF", fair.ResourceTypeConferenceProceeding},
		{"ris", "COMP", fair.ResourceTypeSoftware},
		{"ris", "DATA", fair.ResourceTypeDataset},
		{"ris", "ELEC", fair.ResourceTypeInteractiveResource},
		{"ris", "SLIDE", fair.ResourceTypePresentation},
	} {
		var got fair.ResourceType
		switch tc.format {
		case "csl":
			got = citation.FromCSLType(tc.typ)
		case "bibtex":
			got, _ = citation.FromBibTeXType(tc.typ)
		case "ris":
			got, _ = citation.FromRISType(tc.typ)
		}
		if got.General != tc.want {
			t.Errorf("%s type %s: read as %s, want %s", tc.format, tc.typ, got.General, tc.want)
		}
	}
}

// TestRow: every resourceTypeGeneral is written with its own row, all three formats filled.
func TestRow(t *testing.T) {
	for _, g := range fair.ResourceTypeGenerals() {
		row := citation.Row(fair.ResourceType{General: g})
		if row.General != g || row.CSL == "" || row.BibTeX == "" || row.RIS == "" {
			t.Errorf("%s: written with row %+v", g, row)
		}
	}
	if row := citation.Row(fair.ResourceType{General: fair.ResourceTypeDissertation, Type: "Master's thesis"}); row.BibTeX != "mastersthesis" {
		t.Errorf("a master's thesis: %+v", row)
	}
}
