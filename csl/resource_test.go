package csl_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/csl"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/citation"
	"github.com/dop2i/fairmeta/internal/citation/citationtest"
	"github.com/dop2i/fairmeta/internal/testenv"
)

func names(it *csl.Item, v string) string {
	var parts []string
	for _, n := range it.Names[v] {
		b, _ := json.Marshal(n)
		parts = append(parts, string(b))
	}
	return strings.Join(parts, " ")
}

// TestFromResourceNames checks how creators become CSL names: persons split into family, given, particles and
// suffix; organisations and collaborations literal; names written only as "Family, Given" split.
func TestFromResourceNames(t *testing.T) {
	for _, tc := range []struct {
		name string
		c    fair.Creator
		want string
	}{
		{"split", fair.Creator{Name: "Rossi, Maria", GivenName: "Maria", FamilyName: "Rossi", NameType: fair.NamePersonal}, `{"family":"Rossi","given":"Maria"}`},
		{"from Name", fair.Creator{Name: "Gérard, Paweł"}, `{"family":"Gérard","given":"Paweł"}`},
		{"non-dropping particle", fair.Creator{Name: "van der Waals, Johannes Diderik", NameType: fair.NamePersonal}, `{"family":"Waals","given":"Johannes Diderik","non-dropping-particle":"van der"}`},
		{"dropping particle", fair.Creator{FamilyName: "Beethoven", GivenName: "Ludwig van", NameType: fair.NamePersonal}, `{"family":"Beethoven","given":"Ludwig","dropping-particle":"van"}`},
		{"suffix in Name", fair.Creator{Name: "King, Martin Luther, Jr.", GivenName: "Martin Luther", FamilyName: "King"}, `{"family":"King","given":"Martin Luther","suffix":"Jr."}`},
		{"suffix in given", fair.Creator{GivenName: "Martin Luther, Jr.", FamilyName: "King"}, `{"family":"King","given":"Martin Luther","suffix":"Jr."}`},
		{"BibTeX order", fair.Creator{Name: "King, Jr., Martin Luther"}, `{"family":"King","given":"Martin Luther","suffix":"Jr."}`},
		{"natural order", fair.Creator{Name: "Johannes Diderik van der Waals", NameType: fair.NamePersonal}, `{"family":"Waals","given":"Johannes Diderik","non-dropping-particle":"van der"}`},
		{"capitalised particle kept", fair.Creator{Name: "De Morgan, Augustus"}, `{"family":"De Morgan","given":"Augustus"}`},
		{"organisation", fair.Creator{Name: "European Organization for Nuclear Research", NameType: fair.NameOrganizational}, `{"literal":"European Organization for Nuclear Research"}`},
		{"collaboration", fair.Creator{Name: "ATLAS", NameType: fair.NameOrganizational}, `{"literal":"ATLAS"}`},
		{"unsplit name without type", fair.Creator{Name: "Pierre Auger Observatory"}, `{"literal":"Pierre Auger Observatory"}`},
		{"family only", fair.Creator{FamilyName: "Plato", NameType: fair.NamePersonal}, `{"family":"Plato"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			it, _ := csl.FromResource(&fair.Resource{Creators: []fair.Creator{tc.c}})
			if got := names(it, "author"); got != tc.want {
				t.Errorf("creator %+v\n got %s\nwant %s", tc.c, got, tc.want)
			}
			// Back: the record keeps the parts as family and given names.
			back, _ := csl.ToResource(it)
			again, _ := csl.FromResource(back)
			if got := names(again, "author"); got != tc.want {
				t.Errorf("after a round trip through the record: got %s, want %s", got, tc.want)
			}
		})
	}
}

// TestTypes checks every resourceTypeGeneral: its CSL type is the table's, and reading that type gives it back
// unless the writer's notes say what it is read back as.
func TestTypes(t *testing.T) {
	seen := map[fair.ResourceTypeGeneral]bool{}
	for _, row := range citation.Types {
		seen[row.General] = true
	}
	for _, g := range fair.ResourceTypeGenerals() {
		if !seen[g] {
			t.Errorf("resourceTypeGeneral %s has no row in the crosswalk", g)
		}
		r := &fair.Resource{ResourceType: fair.ResourceType{General: g}, Titles: []fair.Title{{Title: "T"}}}
		it, notes := csl.FromResource(r)
		if !citation.IsCSLType(it.Type) {
			t.Errorf("%s: written as %q, not a CSL 1.0.2 type", g, it.Type)
		}
		back, _ := csl.ToResource(it)
		noted := strings.Contains(notes.String(), "resourceType.general")
		if back.ResourceType.General != g && !noted {
			t.Errorf("%s: written as %s, read back as %s without a note", g, it.Type, back.ResourceType.General)
		}
		if back.ResourceType.General == g && noted {
			t.Errorf("%s: noted as lost but read back as itself: %s", g, notes)
		}
	}
	// Every CSL type reads as some record type and is written back as itself.
	for _, typ := range citation.CSLTypes {
		it := &csl.Item{ID: "x", Type: typ}
		rec, _ := csl.ToResource(it)
		again, _ := csl.FromResource(rec)
		if again.Type != typ {
			t.Errorf("CSL type %s: read as %+v, written as %s", typ, rec.ResourceType, again.Type)
		}
	}
}

// TestPublication converts a collaboration paper with everything a physics citation needs and checks each variable.
func TestPublication(t *testing.T) {
	r := &fair.Resource{
		Identifier: fair.Identifier{Value: "10.1016/j.physletb.2012.08.020", Type: "DOI"},
		Creators: []fair.Creator{
			{Name: "ATLAS", NameType: fair.NameOrganizational},
			{Name: "Aad, Georges", GivenName: "Georges", FamilyName: "Aad", NameType: fair.NamePersonal},
		},
		Titles:          []fair.Title{{Title: "Observation of a new particle"}},
		PublicationYear: 2012,
		ResourceType:    fair.ResourceType{General: fair.ResourceTypeJournalArticle},
		Dates:           []fair.Date{{Date: "2012-09-17", Type: fair.DateIssued}},
		AlternateIdentifiers: []fair.Identifier{
			{Value: "1207.7214", Type: fair.AltIDArXiv}, {Value: "CERN-PH-EP-2012-218", Type: fair.AltIDReportNumber},
			{Value: "Aad:2012tfa", Type: fair.AltIDInspireTeXKey},
		},
		Subjects: []fair.Subject{{Subject: "hep-ex", Scheme: fair.SubjectSchemeArXiv}},
		RelatedItems: []fair.RelatedItem{{
			Type: fair.ResourceTypeJournal, RelationType: fair.RelIsPublishedIn,
			Titles:     []fair.Title{{Title: "Physics Letters B"}, {Title: "Phys. Lett. B", Type: fair.TitleAlternativeTitle}},
			Identifier: fair.RelatedItemIdentifier{Identifier: "0370-2693", Type: fair.IDTypeISSN},
			Volume:     "716", Issue: "1", FirstPage: "1", LastPage: "29",
		}},
	}
	it, notes := csl.FromResource(r)
	var b bytes.Buffer
	if err := csl.WriteItems(&b, []*csl.Item{it}); err != nil {
		t.Fatal(err)
	}
	want := `[
  {"DOI":"10.1016/j.physletb.2012.08.020","ISSN":"0370-2693","author":[{"literal":"ATLAS"},{"family":"Aad","given":"Georges"}],"container-title":"Physics Letters B","container-title-short":"Phys. Lett. B","custom":{"alternate-identifiers":[{"type":"arXiv","value":"1207.7214"},{"type":"report number","value":"CERN-PH-EP-2012-218"},{"type":"INSPIRE TeX key","value":"Aad:2012tfa"}],"arxiv-categories":["hep-ex"]},"id":"Aad:2012tfa","issue":"1","issued":{"date-parts":[[2012,9,17]]},"page":"1-29","title":"Observation of a new particle","type":"article-journal","volume":"716"}
]
`
	if got := b.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if len(notes) != 0 {
		t.Errorf("notes for a record CSL-JSON holds whole: %s", notes)
	}
	back, notRead := csl.ToResource(it)
	if len(notRead) != 0 {
		t.Errorf("notes reading it back: %s", notRead)
	}
	r.Subjects[0].SchemeURI = fair.SubjectSchemeURIArXiv // the reader names the scheme's URI
	if !reflect.DeepEqual(back, r) {
		g, _ := json.MarshalIndent(back, "", " ")
		w, _ := json.MarshalIndent(r, "", " ")
		t.Errorf("round trip:\n got %s\nwant %s", g, w)
	}
}

// TestSharedExamples converts every shared example (DataCite, Crossref, INSPIRE) to CSL-JSON and back: the facts
// CSL-JSON holds come back, and every other fact is in the writer's notes.
func TestSharedExamples(t *testing.T) {
	recs := citationtest.Shared(t)
	t.Logf("%d records (%s)", len(recs), citationtest.Count(recs))
	for _, x := range recs {
		it, notes := csl.FromResource(x.Rec)
		raw, err := it.MarshalJSON()
		if err != nil {
			t.Fatalf("%s: %v", x.Name, err)
		}
		items, err := csl.ReadItems(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("%s: reading back: %v", x.Name, err)
		}
		back, _ := csl.ToResource(items[0])
		want, got := citationtest.Expected(x.Rec, notes), citationtest.Got(back, notes)
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s: %s:\n got %q\nwant %q", x.Name, k, got[k], w)
			}
		}
		if back.ResourceType.General != x.Rec.ResourceType.General && x.Rec.ResourceType.General != "" && !strings.Contains(notes.String(), "resourceType.general") {
			t.Errorf("%s: type %s read back as %s without a note", x.Name, x.Rec.ResourceType.General, back.ResourceType.General)
		}
		for _, field := range citationtest.Unnoted(x.Rec, back, notes) {
			t.Errorf("%s: %s changed in a round trip and no note says so", x.Name, field)
		}
	}
}

// TestSchema validates the CSL-JSON of every shared example against the CSL-JSON schema (csl-data.json) with
// Python's jsonschema.
func TestSchema(t *testing.T) {
	schema := testenv.SharedData(t, "csl", "schema", "csl-data.json")
	recs := citationtest.Shared(t)
	docs := map[string]json.RawMessage{}
	var all []*fair.Resource
	for _, x := range recs {
		var b bytes.Buffer
		it, _ := csl.FromResource(x.Rec)
		if err := csl.WriteItems(&b, []*csl.Item{it}); err != nil {
			t.Fatal(err)
		}
		docs[x.Name] = b.Bytes()
		all = append(all, x.Rec)
	}
	items, _ := csl.FromResources(all)
	var b bytes.Buffer
	if err := csl.WriteItems(&b, items); err != nil {
		t.Fatal(err)
	}
	docs["all records in one array"] = b.Bytes()
	ids := map[string]bool{}
	for _, it := range items {
		if ids[it.ID] {
			t.Errorf("id %s twice in the list", it.ID)
		}
		ids[it.ID] = true
	}
	bad := 0
	for name, msgs := range testenv.JSONSchema(t, schema, docs) {
		if len(msgs) > 0 {
			bad++
			t.Errorf("%s: not valid CSL-JSON:\n  %s", name, strings.Join(msgs, "\n  "))
		}
	}
	t.Logf("%d documents validated against csl-data.json, %d invalid", len(docs), bad)
}
