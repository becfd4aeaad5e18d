package schemaorg

import (
	"errors"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testdiff"
)

func TestReadLandingPages(t *testing.T) {
	docs := landingDocs(t)
	for _, tc := range []struct {
		file, doi, title, publisher string
		year, creators              int
		unmapped                    []string // paths the report must name
	}{
		{"dryad.json", "10.5061/dryad.8515", "A new malaria agent in African hominids.", "Dryad", 0, 8, []string{"publisher.legalName"}},
		{"pangaea.json", "10.1594/pangaea.836178", "Hydrological and meteorological investigations in a lake near Kangerlussuaq, west Greenland", "PANGAEA", 2014, 8,
			[]string{"publisher.url", "@reverse.isBasedOn.isPartOf.name"}},
		{"zenodo.json", "10.5281/zenodo.1196821", "PsPM-SC4B: SCR, ECG, EMG, PSR and respiration measurements in a delay fear conditioning task with auditory CS and electrical US", "Zenodo", 2018, 6, nil},
	} {
		t.Run(tc.file, func(t *testing.T) {
			r, notRead, err := Read(docs[tc.file])
			if err != nil {
				t.Fatal(err)
			}
			if r.DOI() != tc.doi || r.MainTitle() != tc.title || r.Publisher.Name != tc.publisher || r.PublicationYear != tc.year || len(r.Creators) != tc.creators {
				t.Errorf("got DOI %q title %q publisher %q year %d %d creators; want %q %q %q %d %d",
					r.DOI(), r.MainTitle(), r.Publisher.Name, r.PublicationYear, len(r.Creators), tc.doi, tc.title, tc.publisher, tc.year, tc.creators)
			}
			if r.ResourceType.General != fair.ResourceTypeDataset {
				t.Errorf("type %q, want Dataset", r.ResourceType.General)
			}
			if len(r.Distributions) == 0 || len(r.Descriptions) == 0 || len(r.Rights) == 0 {
				t.Errorf("distributions %v, descriptions %d, rights %v", r.Distributions, len(r.Descriptions), r.Rights)
			}
			for _, want := range tc.unmapped {
				found := false
				for _, u := range notRead {
					found = found || u.Path == want
				}
				if !found {
					t.Errorf("the notes do not name %s: %v", want, notRead)
				}
			}
		})
	}
	// Specific mappings.
	dryad, _, _ := Read(docs["dryad.json"])
	if a := dryad.Creators[0].Affiliations; len(a) != 1 || a[0].Identifier != "https://ror.org/01wyqb997" || a[0].IdentifierScheme != "ROR" {
		t.Errorf("dryad affiliation from sameAs: %+v", a)
	}
	if len(dryad.Rights) != 1 || dryad.Rights[0].Identifier != "CC0-1.0" || dryad.Rights[0].Rights != "Creative Commons Zero v1.0 Universal" {
		t.Errorf("dryad licence: %+v", dryad.Rights)
	}
	if dryad.Version != "1" || dryad.AccessRights != fair.AccessOpen || len(dryad.Keywords) != 4 {
		t.Errorf("dryad version %q access %q keywords %v", dryad.Version, dryad.AccessRights, dryad.Keywords)
	}
	if got := dryad.TemporalCoverage(); len(got) != 2 || got[0] != "2011" {
		t.Errorf("dryad temporal coverage %v", got)
	}
	if len(dryad.RelatedIdentifiers) != 1 || dryad.RelatedIdentifiers[0] != (fair.RelatedIdentifier{Identifier: "10.1371/journal.ppat.1000446",
		IdentifierType: fair.IDTypeDOI, RelationType: fair.RelCites}) {
		t.Errorf("dryad citation: %+v", dryad.RelatedIdentifiers)
	}
	pangaea, _, _ := Read(docs["pangaea.json"])
	if len(pangaea.RelatedItems) != 1 || pangaea.RelatedItems[0].RelationType != fair.RelIsSourceOf || pangaea.RelatedItems[0].Volume != "7(1)" ||
		pangaea.RelatedItems[0].FirstPage != "93" || pangaea.RelatedItems[0].Type != fair.ResourceTypeJournalArticle {
		t.Errorf("pangaea @reverse isBasedOn: %+v", pangaea.RelatedItems)
	}
	if g := pangaea.GeoLocations; len(g) != 1 || g[0].Point == nil || g[0].Point.Latitude != 67.12594 {
		t.Errorf("pangaea place: %+v", g)
	}
	zenodo, _, _ := Read(docs["zenodo.json"])
	if len(zenodo.Keywords) != 12 || zenodo.Language != "eng" || len(zenodo.Contributors) != 2 || zenodo.Contributors[0].ContributorType != fair.ContributorEditor {
		t.Errorf("zenodo keywords %v language %q contributors %+v", zenodo.Keywords, zenodo.Language, zenodo.Contributors)
	}
}

func TestReadShapes(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		check     func(t *testing.T, r *fair.Resource, notRead fair.Notes) // beyond the title and type every case has
	}{
		{"http context", `{"@context": "http://schema.org", "@type": "Dataset", "name": "N"}`, nothingLost},
		{"https context with slash", `{"@context": "https://schema.org/", "@type": "Dataset", "name": "N"}`, nothingLost},
		{"object context", `{"@context": {"@vocab": "https://schema.org/"}, "@type": "Dataset", "name": "N"}`, nothingLost},
		{"array context", `{"@context": ["https://schema.org", {"ex": "https://example.org/"}], "@type": ["Dataset", "ex:Thing"], "name": ["N"]}`, nil},
		{"no schema.org context, full IRIs", `{"@type": "http://schema.org/Dataset", "http://schema.org/name": {"@value": "N"}}`, nothingLost},
		{"graph", `{"@context": "https://schema.org", "@graph": [{"@id": "#p", "@type": "Person", "name": "P"}, {"@type": "Dataset", "name": "N", "creator": {"@id": "#p"}}]}`,
			func(t *testing.T, r *fair.Resource, _ fair.Notes) {
				testdiff.Check(t, "creator by reference", r.Creators, []fair.Creator{{Name: "P", NameType: fair.NamePersonal}})
			}},
		{"unknown remote context", `{"@context": "https://w3id.org/ro/crate/1.1/context", "@type": "Dataset", "name": "N"}`,
			func(t *testing.T, _ *fair.Resource, notRead fair.Notes) {
				if len(notRead) == 0 || notRead[0].Path != "@context" || notRead[0].Value != "https://w3id.org/ro/crate/1.1/context" {
					t.Errorf("no note about the context that was not loaded: %v", notRead)
				}
			}},
		{"croissant", `{"@context": {"@language": "en", "@vocab": "https://schema.org/", "sc": "https://schema.org/", "cr": "http://mlcommons.org/croissant/",
			"recordSet": "cr:recordSet", "md5": "cr:md5"}, "@type": "sc:Dataset", "name": "N", "distribution": [{"@type": "cr:FileObject", "@id": "f",
			"name": "f.csv", "contentUrl": "https://example.org/f.csv", "encodingFormat": "text/csv", "md5": "ABC"}], "recordSet": [{"@type": "cr:RecordSet", "name": "r"}]}`,
			func(t *testing.T, r *fair.Resource, notRead fair.Notes) {
				if len(r.Distributions) != 1 || r.Distributions[0].Checksum.Algorithm != "md5" || r.Distributions[0].MediaType != "text/csv" {
					t.Errorf("croissant FileObject: %+v", r.Distributions)
				}
				if len(notRead) != 1 || notRead[0].Path != "http://mlcommons.org/croissant/recordSet" {
					t.Errorf("croissant recordSet not reported: %v", notRead)
				}
			}},
		{"html", `<!DOCTYPE html><html><head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "BreadcrumbList"}</script>
			<script TYPE='application/ld+json; charset=utf-8'>{"@context": "https://schema.org", "@type": "Dataset", "name": "N"}</script></head></html>`,
			func(t *testing.T, _ *fair.Resource, notRead fair.Notes) {
				if len(notRead) != 1 || !strings.Contains(notRead[0].Reason, "block 2 of 2") {
					t.Errorf("notes %v, want one saying the record is block 2 of 2", notRead)
				}
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, notRead, err := Read([]byte(tc.doc))
			if err != nil {
				t.Fatal(err)
			}
			if r.MainTitle() != "N" || r.ResourceType.General != fair.ResourceTypeDataset {
				t.Errorf("title %q type %q; notes %v", r.MainTitle(), r.ResourceType.General, notRead)
			}
			if tc.check != nil {
				tc.check(t, r, notRead)
			}
		})
	}
}

func nothingLost(t *testing.T, _ *fair.Resource, notRead fair.Notes) {
	t.Helper()
	if len(notRead) != 0 {
		t.Errorf("notes %v, want none", notRead)
	}
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct{ name, doc string }{
		{"not JSON", `{"@context": `},
		{"no resource", `{"@context": "https://schema.org", "@type": "Person", "name": "P"}`},
		{"html without JSON-LD", `<html><body>hello</body></html>`},
		{"local context", `{"@context": "/etc/passwd", "@type": "Dataset", "name": "N"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := Read([]byte(tc.doc))
			var re *ReadError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v (%T), want a *ReadError", err, err)
			}
		})
	}
	_, _, err := Read([]byte(`{"@context": "https://schema.org", "@type": "Person", "name": "P"}`))
	if !errors.Is(err, ErrNoResource) {
		t.Errorf("a page without a resource: err = %v, want ErrNoResource", err)
	}
}

func FuzzRead(f *testing.F) {
	for _, d := range []string{`{"@context": "https://schema.org", "@type": "Dataset", "name": "N", "creator": {"@type": "Person", "name": "P"}}`,
		`<script type="application/ld+json">{"@type": "Dataset"}</script>`, `[{"@graph": []}]`} {
		f.Add([]byte(d))
	}
	if doc, _, err := Marshal(fullDataset()); err == nil {
		f.Add(doc)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, notRead, err := Read(data)
		if err == nil && r == nil {
			t.Fatal("nil record without an error")
		}
		if err != nil && (r != nil || notRead != nil) {
			t.Fatalf("a record or notes beside the error %v", err)
		}
		if err == nil {
			if _, _, err := Marshal(r); err != nil {
				t.Fatalf("cannot write what was read: %v", err)
			}
		}
	})
}

// TestReadOtherCreativeWorkTypes: the kinds of CreativeWork that blogs, news sites and old CodeMeta files use are
// read as resources of the general type they mean, and a type name written in the wrong case is read as the type
// it spells, with a note saying so.
func TestReadOtherCreativeWorkTypes(t *testing.T) {
	for _, c := range []struct {
		typ  string
		want fair.ResourceTypeGeneral
		note bool
	}{
		{"BlogPosting", fair.ResourceTypeText, false},
		{"NewsArticle", fair.ResourceTypeText, false},
		{"Code", fair.ResourceTypeSoftware, false},
		{"Movie", fair.ResourceTypeAudiovisual, false},
		{"DataSet", fair.ResourceTypeDataset, true},
		{"softwaresourcecode", fair.ResourceTypeSoftware, true},
	} {
		in := `{"@context": "http://schema.org", "@type": "` + c.typ + `", "@id": "https://doi.org/10.5072/x", "name": "N",
			"author": {"@type": ["Person"], "name": "Jane Roe"}}`
		r, notRead, err := Read([]byte(in))
		if err != nil {
			t.Errorf("%s: %v", c.typ, err)
			continue
		}
		if r.ResourceType.General != c.want || len(r.Titles) != 1 || r.Titles[0].Title != "N" || len(r.Creators) != 1 {
			t.Errorf("%s: read %+v %+v %+v", c.typ, r.ResourceType, r.Titles, r.Creators)
		}
		var noted bool
		for _, n := range notRead {
			noted = noted || n.Path == "@type" && n.Value == c.typ
		}
		if noted != c.note {
			t.Errorf("%s: a note on @type is %v, want %v: %v", c.typ, noted, c.note, notRead)
		}
	}
	if _, _, err := Read([]byte(`{"@context": "https://schema.org", "@type": "Person", "name": "N"}`)); !errors.Is(err, ErrNoResource) {
		t.Errorf("a Person alone: %v, want ErrNoResource", err)
	}
}

// TestReadLanguageTagCase: JSON-LD processing lower-cases the language of values; the reader gives tags back in
// their conventional case, so that a title in en-US or zh-Hant-TW comes back as written.
func TestReadLanguageTagCase(t *testing.T) {
	in := `{"@context": "https://schema.org", "@type": "Dataset", "name": {"@value": "Run", "@language": "en-US"},
		"alternateName": [{"@value": "运行", "@language": "ZH-hant-tw"}, {"@value": "Lauf", "@language": "de-CH-x-Zurich"}]}`
	r, _, err := Read([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tt := range r.Titles {
		got = append(got, tt.Lang)
	}
	if want := []string{"en-US", "zh-Hant-TW", "de-CH-x-zurich"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("languages %v, want %v", got, want)
	}
}
