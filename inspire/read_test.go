package inspire_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/format"
	"github.com/dop2i/fairmeta/inspire"
	"github.com/dop2i/fairmeta/internal/pubtest"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// examples returns the INSPIRE literature records of the shared data and the schema's full example.
func examples(t *testing.T) (names []string, data [][]byte) {
	t.Helper()
	dir := testenv.SharedData(t, "publications", "inspire", "literature")
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	files = append(files, testenv.SharedData(t, "publications", "inspire-schemas", "examples", "hep_example.json"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, filepath.Base(f))
		data = append(data, b)
	}
	if len(files) < 20 {
		t.Fatalf("only %d INSPIRE records in %s", len(files), dir)
	}
	return names, data
}

// source is the part of an INSPIRE record the tests check the reader against, decoded by encoding/json.
type source struct {
	Metadata *source `json:"metadata"`
	Authors  []struct {
		FullName     string `json:"full_name"`
		InspireRoles []string
		Roles        []string `json:"inspire_roles"`
		IDs          []struct{ Schema, Value string }
		Affiliations []struct {
			Value string
		}
		RawAffiliations []struct{ Value string } `json:"raw_affiliations"`
	}
	Collaborations []struct{ Value string }
	Corporate      []string `json:"corporate_author"`
	DOIs           []struct{ Value, Material string }
	ArXiv          []struct{ Value string } `json:"arxiv_eprints"`
	ReportNumbers  []struct{ Value string } `json:"report_numbers"`
	PubInfo        []struct {
		JournalTitle  string `json:"journal_title"`
		JournalVolume string `json:"journal_volume"`
		JournalIssue  string `json:"journal_issue"`
		PageStart     string `json:"page_start"`
		PageEnd       string `json:"page_end"`
		Artid         string
		Hidden        bool
		Material      string
	} `json:"publication_info"`
}

// TestReadExamples reads every example and checks, against the record decoded independently, that every author is
// there in order with their identifiers and affiliations, and that DOIs, arXiv identifiers, report numbers and the
// journal survive.
func TestReadExamples(t *testing.T) {
	names, data := examples(t)
	for i, b := range data {
		t.Run(names[i], func(t *testing.T) {
			f, recs, notes, err := format.Default().Read("", b) // detection included
			if err != nil {
				t.Fatal(err)
			}
			if f.Name != "inspire" {
				t.Fatalf("detected as %s", f.Name)
			}
			if len(recs) != 1 {
				t.Fatalf("%d records", len(recs))
			}
			r := recs[0]
			var src source
			if err := json.Unmarshal(b, &src); err != nil {
				t.Fatal(err)
			}
			if src.Metadata != nil {
				src = *src.Metadata
			}
			// Creators: collaborations, corporate authors, then the authors whose role is author, in order.
			var want []string
			for _, c := range src.Collaborations {
				want = append(want, c.Value)
			}
			want = append(want, src.Corporate...)
			var people []int
			for j, a := range src.Authors {
				if len(a.Roles) == 0 || slices.Contains(a.Roles, "author") {
					want = append(want, a.FullName)
					people = append(people, j)
				}
			}
			var got []string
			for _, c := range r.Creators {
				got = append(got, c.Name)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("creators: got %d, want %d (or not in order)", len(got), len(want))
			}
			off := len(src.Collaborations) + len(src.Corporate)
			for k, j := range people {
				a, c := src.Authors[j], r.Creators[off+k]
				for _, id := range a.IDs {
					if !slices.ContainsFunc(c.NameIdentifiers, func(ni fair.NameIdentifier) bool {
						return string(ni.Scheme) == id.Schema && (ni.Value == id.Value || strings.HasSuffix(ni.Value, "/"+id.Value))
					}) {
						t.Errorf("creator %d (%s) lost identifier %s %s", off+k, c.Name, id.Schema, id.Value)
					}
				}
				for m, af := range a.Affiliations {
					if m >= len(c.Affiliations) || c.Affiliations[m].Name != af.Value {
						t.Errorf("creator %d (%s) affiliation %d: want %q, have %+v", off+k, c.Name, m, af.Value, c.Affiliations)
					}
				}
				var raw []string
				for _, ra := range a.RawAffiliations {
					raw = append(raw, ra.Value)
				}
				if !slices.Equal(c.RawAffiliations, raw) {
					t.Errorf("creator %d raw affiliations %q, want %q", off+k, c.RawAffiliations, raw)
				}
			}
			for _, d := range src.DOIs {
				p, err := fair.ParseDOI(d.Value)
				if err != nil {
					continue
				}
				if !strings.EqualFold(r.Identifier.Value, p.Value) && !slices.Contains(r.AlternateIdentifiersOf("DOI"), p.Value) &&
					!slices.ContainsFunc(r.RelatedIdentifiers, func(ri fair.RelatedIdentifier) bool { return ri.Identifier == p.Value }) {
					t.Errorf("DOI %s lost", d.Value)
				}
			}
			for _, a := range src.ArXiv {
				if p, err := fair.ParseArXiv(a.Value); err == nil && !slices.Contains(r.AlternateIdentifiersOf(fair.AltIDArXiv), p.Value) {
					t.Errorf("arXiv %s lost", a.Value)
				}
			}
			var reps []string
			for _, rn := range src.ReportNumbers {
				reps = append(reps, rn.Value)
			}
			if got := r.AlternateIdentifiersOf(fair.AltIDReportNumber); !slices.Equal(got, reps) {
				t.Errorf("report numbers %q, want %q", got, reps)
			}
			for _, p := range src.PubInfo {
				if p.Hidden || p.JournalTitle == "" || p.Material != "" && p.Material != "publication" {
					continue
				}
				if !slices.ContainsFunc(r.RelatedItems, func(c fair.RelatedItem) bool {
					return c.RelationType == fair.RelIsPublishedIn && len(c.Titles) > 0 && c.Titles[0].Title == p.JournalTitle &&
						c.Volume == p.JournalVolume && c.Issue == p.JournalIssue && c.FirstPage == p.PageStart &&
						c.LastPage == p.PageEnd && c.Number == p.Artid
				}) {
					t.Errorf("journal %+v not among the related items %+v", p, r.RelatedItems)
				}
			}
			for _, n := range notes {
				if n.Reason == "" {
					t.Errorf("a note without reason: %v", n)
				}
			}
		})
	}
}

// TestReadRecord checks one record field by field.
func TestReadRecord(t *testing.T) {
	b, err := os.ReadFile(testenv.SharedData(t, "publications", "inspire", "literature", "1113908.json"))
	if err != nil {
		t.Fatal(err)
	}
	recs, notes, err := inspire.Read(b)
	if err != nil {
		t.Fatal(err)
	}
	r := recs[0]
	c := r.Container()
	checks := []struct {
		name      string
		got, want any
	}{
		{"doi", r.Identifier, fair.Identifier{Value: "10.1103/physrevd.86.054502", Type: "DOI"}},
		{"arXiv", r.ArXivID(), "1205.1659"},
		{"primary category", r.ArXivPrimaryCategory(), "hep-lat"},
		{"type", r.ResourceType, fair.ResourceType{General: fair.ResourceTypeJournalArticle, Type: "article"}},
		{"year", r.PublicationYear, 2012},
		{"journal", c.Titles, []fair.Title{{Title: "Phys.Rev.D"}}},
		{"volume and article", [3]string{c.Volume, c.Number, string(c.NumberType)}, [3]string{"86", "054502", "Article"}},
		{"report numbers", r.AlternateIdentifiersOf(fair.AltIDReportNumber), []string{"DESY-12-065", "EDINBURGH-2012-04", "HU-EP-12-14", "LIVERPOOL-LTH-919"}},
		{"texkey", r.AlternateIdentifiersOf(fair.AltIDInspireTeXKey), []string{"Horsley:2012ra"}},
		{"inspire", r.AlternateIdentifiersOf(fair.AltIDInspire), []string{"1113908"}},
		{"url", r.URL, "https://inspirehep.net/literature/1113908"},
		{"first author", r.Creators[0].Name, "Horsley, R."},
		{"first author split", [2]string{r.Creators[0].FamilyName, r.Creators[0].GivenName}, [2]string{"Horsley", "R."}},
		{"first author ids", r.Creators[0].NameIdentifiers, []fair.NameIdentifier{{Value: "R.Horsley.1", Scheme: "INSPIRE BAI"}, {Value: "1005563", Scheme: "INSPIRE"}}},
		{"first affiliation", r.Creators[0].Affiliations, []fair.Affiliation{{Name: "Edinburgh U.", Identifier: "902787", IdentifierScheme: fair.OrgSchemeInspire}}},
		{"pages", r.Sizes, []string{"40 pages"}},
	}
	for _, ck := range checks {
		if g, w := jsonOf(ck.got), jsonOf(ck.want); g != w {
			t.Errorf("%s: got %s, want %s", ck.name, g, w)
		}
	}
	// References: 42 in the record, each either described or an identifier, all Cites.
	cites := 0
	for _, ri := range r.RelatedIdentifiers {
		if ri.RelationType == fair.RelCites {
			cites++
		}
	}
	if len(r.References)+cites < 42 {
		t.Errorf("%d described references and %d cited identifiers for 42 references", len(r.References), cites)
	}
	var sawFigures bool
	for _, n := range notes {
		sawFigures = sawFigures || n.Path == "figures"
	}
	if !sawFigures {
		t.Errorf("the figures are not in the loss report: %v", notes)
	}
}

func jsonOf(v any) string { b, _ := json.Marshal(v); return string(b) }

// TestSurvivesConversion: INSPIRE → fair → DataCite XML (XSD-valid, or the missing mandatory properties named) and
// → schema.org, read back, keep authors, identifiers, affiliations, DOI, arXiv, journal, pages, report numbers.
func TestSurvivesConversion(t *testing.T) {
	names, data := examples(t)
	var recs []*fair.Resource
	for _, b := range data {
		rs, _, err := inspire.Read(b)
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rs[0])
	}
	valid := pubtest.Survives(t, names, recs)
	t.Logf("%d of %d records are valid DataCite 4.7 XML as they are", valid, len(recs))
}
