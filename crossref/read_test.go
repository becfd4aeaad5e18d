package crossref_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/crossref"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/format"
	"github.com/dop2i/fairmeta/internal/pubtest"
	"github.com/dop2i/fairmeta/internal/testenv"
	"go.yaml.in/yaml/v3"
)

// examples returns the Crossref examples of the shared data: /works messages (commonmeta-py-*, INSPIRE's) and XML.
// The commonmeta-*.json files of the folder are commonmeta's own format, not Crossref's; see TestNotCrossref.
func examples(t *testing.T) (names []string, data [][]byte) {
	t.Helper()
	dir := testenv.SharedData(t, "publications", "crossref")
	files, _ := filepath.Glob(filepath.Join(dir, "commonmeta-py-*.json"))
	xmls, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
	insp, _ := filepath.Glob(filepath.Join(testenv.SharedData(t, "publications", "inspire-schemas", "crossref"), "*.json"))
	for _, f := range append(append(files, xmls...), insp...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, filepath.Base(f))
		data = append(data, b)
	}
	if len(names) < 40 {
		t.Fatalf("only %d Crossref examples", len(names))
	}
	return names, data
}

// TestReadExamples reads every example through the format registry (detection included) and checks what every
// work must have: a DOI equal to the one the file is named after, a type, creators with names.
func TestReadExamples(t *testing.T) {
	names, data := examples(t)
	reg := format.Default()
	for i, b := range data {
		t.Run(names[i], func(t *testing.T) {
			f, recs, notes, err := reg.Read("", b)
			if err != nil {
				t.Fatal(err)
			}
			if f.Name != "crossref" {
				t.Fatalf("detected as %s", f.Name)
			}
			r := recs[0]
			if want := doiOfName(names[i]); want != "" && !strings.EqualFold(strings.ReplaceAll(r.Identifier.Value, "/", "_"), strings.ReplaceAll(want, "/", "_")) {
				t.Errorf("DOI %q, want %q", r.Identifier.Value, want)
			}
			if !r.ResourceType.General.Valid() || r.ResourceType.Type == "" {
				t.Errorf("type %+v", r.ResourceType)
			}
			for j, c := range r.Creators {
				if c.Name == "" || c.NameType == "" {
					t.Errorf("creator %d: %+v", j, c)
				}
			}
			for _, n := range notes {
				if n.Reason == "" || n.Path == "" {
					t.Errorf("note without path or reason: %+v", n)
				}
			}
		})
	}
}

// doiOfName turns "bolognese-10.1103_physrevlett.120.117701.xml" into "10.1103/physrevlett.120.117701".
func doiOfName(name string) string {
	name = strings.TrimSuffix(strings.TrimSuffix(name, ".json"), ".xml")
	i := strings.Index(name, "10.")
	if i < 0 {
		return ""
	}
	return strings.Replace(name[i:], "_", "/", 1)
}

// TestAuthorsInOrder checks the JSON reader against the message decoded by encoding/json: every author, in order,
// with their ORCID and affiliation names.
func TestAuthorsInOrder(t *testing.T) {
	names, data := examples(t)
	for i, b := range data {
		if !strings.HasSuffix(names[i], ".json") {
			continue
		}
		var msg struct {
			Message struct {
				Author []struct {
					Given, Family, Name, ORCID string
					Affiliation                []struct{ Name string }
				}
			}
		}
		if err := json.Unmarshal(b, &msg); err != nil {
			t.Fatal(err)
		}
		recs, _, err := crossref.ReadJSON(b)
		if err != nil {
			t.Fatal(err)
		}
		r := recs[0]
		var want []fair.Creator
		for _, a := range msg.Message.Author {
			if a.Family == "" && a.Given == "" && a.Name == "" {
				continue
			}
			want = append(want, fair.Creator{FamilyName: a.Family, GivenName: a.Given})
			if len(a.Affiliation) > 0 {
				want[len(want)-1].Name = a.Affiliation[0].Name
			}
			if a.ORCID != "" {
				want[len(want)-1].Email = a.ORCID[strings.LastIndexByte(a.ORCID, '/')+1:]
			}
		}
		if len(r.Creators) != len(want) {
			t.Errorf("%s: %d creators, want %d", names[i], len(r.Creators), len(want))
			continue
		}
		for j, w := range want {
			c := r.Creators[j]
			if c.FamilyName != strings.TrimSpace(w.FamilyName) || c.GivenName != strings.TrimSpace(w.GivenName) {
				t.Errorf("%s: creator %d is %q %q, want %q %q", names[i], j, c.FamilyName, c.GivenName, w.FamilyName, w.GivenName)
			}
			if w.Name != "" && (len(c.Affiliations) == 0 || c.Affiliations[0].Name != strings.TrimSpace(w.Name)) {
				t.Errorf("%s: creator %d affiliations %+v, want %q first", names[i], j, c.Affiliations, w.Name)
			}
			if w.Email != "" && !slices.ContainsFunc(c.NameIdentifiers, func(n fair.NameIdentifier) bool { return strings.HasSuffix(n.Value, w.Email) }) {
				t.Errorf("%s: creator %d lost ORCID %s", names[i], j, w.Email)
			}
		}
	}
}

// TestAgreesWithINSPIRE: INSPIRE's own tests give, for real Crossref messages, what INSPIRE makes of them; the
// reader must agree on the DOI, title, authors, journal, volume, issue, pages, article number and year.
func TestAgreesWithINSPIRE(t *testing.T) {
	dir := testenv.SharedData(t, "publications", "inspire-schemas", "crossref")
	files, _ := filepath.Glob(filepath.Join(dir, "*_expected.yml"))
	if len(files) < 5 {
		t.Fatalf("%d expected conversions", len(files))
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), "_expected.yml")
		t.Run(name, func(t *testing.T) {
			var want struct {
				Title   string
				DOIs    []struct{ DOI string } `yaml:"dois"`
				Authors []struct {
					FullName string `yaml:"full_name"`
				}
				Journal  string `yaml:"journal_title"`
				Volume   string `yaml:"journal_volume"`
				Issue    string `yaml:"journal_issue"`
				Start    string `yaml:"page_start"`
				End      string `yaml:"page_end"`
				Artid    string
				Year     any
				ISBN     string `yaml:"parent_isbn"`
				Material string
			}
			y, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := yaml.Unmarshal(y, &want); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(filepath.Join(dir, name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			recs, _, err := crossref.ReadJSON(b)
			if err != nil {
				t.Fatal(err)
			}
			r := recs[0]
			c := r.Container()
			if c == nil {
				t.Fatal("no container")
			}
			var authors []string
			// INSPIRE puts a dot after initials ("Naganuma, T."); the reader keeps the names as Crossref gives them.
			undot := func(s string) string { return strings.ReplaceAll(s, ".", "") }
			for _, a := range want.Authors {
				authors = append(authors, undot(a.FullName))
			}
			var got []string
			for _, cr := range r.Creators {
				got = append(got, undot(cr.Name))
			}
			ctitle := ""
			if len(c.Titles) > 0 {
				ctitle = c.Titles[0].Title
			}
			year, _ := strconv.Atoi(strings.TrimSpace(strings.Trim(strings.TrimSpace(anyString(want.Year)), "'")))
			checks := []struct {
				name      string
				got, want any
			}{
				{"doi", r.Identifier.Value, strings.ToLower(want.DOIs[0].DOI)},
				{"title", r.MainTitle(), want.Title},
				{"authors", got, authors},
				{"journal", map[bool]string{true: ctitle}[want.Journal != ""], want.Journal}, // INSPIRE names no book
				{"volume", c.Volume, want.Volume},
				{"issue", c.Issue, want.Issue},
				{"pages", [2]string{c.FirstPage, c.LastPage}, [2]string{want.Start, want.End}},
				{"article number", c.Number, want.Artid},
				{"year", r.PublicationYear, year},
			}
			if want.ISBN != "" {
				checks = append(checks, struct {
					name      string
					got, want any
				}{"book ISBN", c.Identifier.Identifier, want.ISBN})
			}
			for _, ck := range checks {
				if g, w := jsonOf(ck.got), jsonOf(ck.want); g != w {
					t.Errorf("%s: got %s, INSPIRE %s", ck.name, g, w)
				}
			}
		})
	}
}

func anyString(v any) string {
	switch x := v.(type) {
	case nil:
		return "0"
	case int:
		return strconv.Itoa(x)
	case string:
		return x
	}
	return "0"
}

func jsonOf(v any) string { b, _ := json.Marshal(v); return string(b) }

// TestReadXMLRecord checks one XML record field by field.
func TestReadXMLRecord(t *testing.T) {
	b, err := os.ReadFile(testenv.SharedData(t, "publications", "crossref", "bolognese-10.1103_physrevlett.120.117701.xml"))
	if err != nil {
		t.Fatal(err)
	}
	recs, _, err := crossref.ReadXML(b)
	if err != nil {
		t.Fatal(err)
	}
	r := recs[0]
	c := r.Container()
	checks := []struct {
		name      string
		got, want any
	}{
		{"doi", r.Identifier.Value, "10.1103/physrevlett.120.117701"},
		{"type", r.ResourceType.General, fair.ResourceTypeJournalArticle},
		{"publisher", r.Publisher.Name, "American Physical Society (APS)"},
		{"journal", c.Titles[0].Title, "Physical Review Letters"},
		{"issn", c.Identifier, fair.RelatedItemIdentifier{Identifier: "0031-9007", Type: fair.IDTypeISSN}},
		{"volume", c.Volume, "120"},
		{"issue", c.Issue, "11"},
		{"article number", [2]string{c.Number, string(c.NumberType)}, [2]string{"117701", "Article"}},
		{"year", r.PublicationYear, 2018},
	}
	for _, ck := range checks {
		if g, w := jsonOf(ck.got), jsonOf(ck.want); g != w {
			t.Errorf("%s: got %s, want %s", ck.name, g, w)
		}
	}
	if len(r.Creators) < 5 || r.Creators[0].FamilyName == "" {
		t.Errorf("creators: %+v", r.Creators)
	}
}

// TestNotCrossref: commonmeta's JSON, DataCite XML and other documents are neither detected nor read as Crossref.
func TestNotCrossref(t *testing.T) {
	dir := testenv.SharedData(t, "publications", "crossref")
	files, _ := filepath.Glob(filepath.Join(dir, "commonmeta-1*.json"))
	files = append(files, testenv.SharedData(t, "datacite", "examples", "kernel-4.6", "datacite-example-full-v4.xml"),
		testenv.SharedData(t, "publications", "inspire", "literature", "1113908.json"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if crossref.Detect(b) {
			t.Errorf("%s: detected as Crossref", filepath.Base(f))
		}
		_, _, err = crossref.Read(b)
		var re *crossref.ReadError
		if !errors.As(err, &re) || !errors.Is(err, crossref.ErrNotCrossref) {
			t.Errorf("%s: Read gives %v, want a ReadError that is ErrNotCrossref", filepath.Base(f), err)
		}
	}
}

// TestSurvivesConversion: Crossref → fair → DataCite XML (XSD-valid, or the missing mandatory properties named)
// and → schema.org keep authors, identifiers, affiliations, DOI, journal, pages.
func TestSurvivesConversion(t *testing.T) {
	names, data := examples(t)
	var recs []*fair.Resource
	for _, b := range data {
		rs, _, err := crossref.Read(b)
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rs[0])
	}
	valid := pubtest.Survives(t, names, recs)
	t.Logf("%d of %d records are valid DataCite 4.7 XML as they are", valid, len(recs))
}

// TestReadJSONListMessage: the message of a work list without its envelope ({"items": [...]}, as stored by tools
// that keep the API's message) is read as the list, an item without a DOI as a record without identifier, the
// list's other members noted; {"items": [...]} without any work is still not Crossref.
func TestReadJSONListMessage(t *testing.T) {
	in := `{"items": [{"type": "journal-article", "title": ["No DOI"], "indexed": {"date-parts": [[2024, 1, 1]]}},
		{"DOI": "10.5072/a", "type": "journal-article", "title": ["A"], "member": "1"}], "total-results": 2}`
	if !crossref.Detect([]byte(in)) {
		t.Error("not detected")
	}
	recs, notes, err := crossref.ReadJSON([]byte(in))
	if err != nil || len(recs) != 2 {
		t.Fatalf("%d records, %v", len(recs), err)
	}
	if recs[0].Identifier.Value != "" || recs[0].MainTitle() != "No DOI" || recs[1].Identifier.Value != "10.5072/a" {
		t.Errorf("records %+v %+v", recs[0].Identifier, recs[1].Identifier)
	}
	found := false
	for _, n := range notes {
		found = found || n.Path == "total-results"
	}
	if !found {
		t.Errorf("no note on total-results: %v", notes)
	}
	if _, _, err := crossref.ReadJSON([]byte(`{"items": [{"id": 1}]}`)); !errors.Is(err, crossref.ErrNotCrossref) {
		t.Errorf("a list of other things: %v", err)
	}
}
