package hal

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testenv"
	"github.com/dop2i/fairmeta/ror"
)

// tableFromExports builds the offline table a user would: every structure of HAL's TEI exports.
func tableFromExports(t *testing.T) *Table {
	t.Helper()
	var all []Structure
	for _, f := range sharedFiles(t, "tei") {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		tb, err := ReadTable(strings.NewReader(string(data)), Limits{})
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(f), err)
		}
		for _, s := range tb.byID {
			all = append(all, s)
		}
	}
	return NewTable(all)
}

func affiliatedRecord(affs ...fair.Affiliation) *fair.Resource {
	return &fair.Resource{
		Titles:       []fair.Title{{Title: "A measurement"}},
		ResourceType: fair.ResourceType{General: fair.ResourceTypePreprint},
		Creators: []fair.Creator{{Name: "Curie, Marie", GivenName: "Marie", FamilyName: "Curie", NameType: fair.NamePersonal,
			Affiliations: affs}},
	}
}

func rorAff(name, id string) fair.Affiliation {
	return fair.Affiliation{Name: name, Identifier: "https://ror.org/" + id, IdentifierScheme: "ROR", SchemeURI: "https://ror.org"}
}

func TestWriterResolvesAffiliations(t *testing.T) {
	table := tableFromExports(t)
	if table.Len() == 0 {
		t.Fatal("no structure in the exports")
	}
	// ROR parents as ROR gives them: LAPP (049nhh297) has no HAL structure in the exports; its parents are IN2P3
	// (none either) and the CNRS (02feahw73, struct-441569 in the exports).
	parents := RORIndexParents(ror.Default())
	cases := []struct {
		name      string
		w         Writer
		aff       fair.Affiliation
		via, want string
	}{
		{"structure number carried", Writer{Resolver: table}, fair.Affiliation{Name: "LML", OtherIdentifiers: []fair.NameIdentifier{{Value: "1252", Scheme: orgSchemeHAL}}}, "record", "struct-1252"},
		{"ROR to VALID structure", Writer{Resolver: table}, rorAff("Université de Lille", "02kzqn938"), "ror", "struct-374570"},
		{"ROR to OLD structure", Writer{Resolver: table}, rorAff("UMET", "03q99v794"), "ror", "struct-174496"},
		{"no structure, parent has one", Writer{Resolver: table, Parents: parents}, rorAff("LAPP", "049nhh297"), "parent", "localStruct-1"},
		{"no structure, affiliate to parent", Writer{Resolver: table, Parents: parents, AffiliateToParent: true}, rorAff("LAPP", "049nhh297"), "parent", "struct-441569"},
		{"no structure anywhere", Writer{Resolver: table}, rorAff("Elsewhere", "049nhh297"), "new", "localStruct-1"},
		{"name only, no resolver", Writer{}, fair.Affiliation{Name: "Laboratoire X"}, "new", "localStruct-1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dep, err := tc.w.Document(context.Background(), affiliatedRecord(tc.aff))
			if err != nil {
				t.Fatal(err)
			}
			if len(dep.Resolutions) != 1 {
				t.Fatalf("resolutions = %+v, want one", dep.Resolutions)
			}
			res := dep.Resolutions[0]
			if res.Via != tc.via || res.Structure != tc.want {
				t.Fatalf("resolved %+v, want via %s to %s", res, tc.via, tc.want)
			}
			a := dep.Document.Authors[0]
			if len(a.Affiliations) != 1 || a.Affiliations[0] != tc.want {
				t.Fatalf("author affiliations = %v, want [%s]", a.Affiliations, tc.want)
			}
			s, ok := dep.Document.Structure(tc.want)
			if !ok {
				t.Fatalf("structure %s not in listOrg", tc.want)
			}
			if tc.via == "new" || tc.via == "parent" && !tc.w.AffiliateToParent {
				// Kept as a named organisation with its ROR ID, and reported for the cataloguer.
				if s.Name != tc.aff.Name {
					t.Errorf("new structure named %q, want %q", s.Name, tc.aff.Name)
				}
				if ror := rorOf(tc.aff); ror != "" && s.Idno("ROR") != ror {
					t.Errorf("new structure idnos %v lack the ROR ID %s", s.Idnos, ror)
				}
				found := false
				for _, n := range dep.Notes {
					found = found || n.Path == "creators[0].affiliations[0]" && strings.Contains(n.Reason, "cataloguer")
				}
				if !found {
					t.Errorf("no note for the cataloguer among %v", dep.Notes)
				}
				problems := Check(dep.Document)
				review := false
				for _, p := range problems {
					review = review || p.Path == "authors[0].affiliations[0]" && p.Severity == Review
				}
				if !review {
					t.Errorf("Check does not ask to review the new structure: %v", problems)
				}
			}
			if tc.via == "parent" && !tc.w.AffiliateToParent && (len(s.Parents) != 1 || s.Parents[0].Ref != "struct-441569") {
				t.Errorf("new structure parents = %v, want struct-441569", s.Parents)
			}
		})
	}
}

// The online client asks HAL's referential on a loopback server under a non-root base path.
func TestClientStructuresByROR(t *testing.T) {
	var gotQuery string
	mux := http.NewServeMux()
	mux.HandleFunc("/api/ref/structure", func(w http.ResponseWriter, r *http.Request) {
		gotQuery = r.URL.Query().Get("q")
		if r.URL.Query().Get("wt") != "json" {
			http.Error(w, "wt", http.StatusBadRequest)
			return
		}
		docs := []map[string]any{
			{"docid": 1001, "name_s": "Old lab", "valid_s": "OLD", "type_s": "laboratory", "ror_s": []string{"02feahw73"}},
			{"docid": "441569", "name_s": "Centre National de la Recherche Scientifique", "acronym_s": "CNRS", "valid_s": "VALID",
				"type_s": "regroupinstitution", "country_s": "fr", "rorUrl_s": []string{"https://ror.org/02feahw73"}, "parentDocid_i": []int{}},
		}
		json.NewEncoder(w).Encode(map[string]any{"response": map[string]any{"numFound": len(docs), "docs": docs}})
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	c, err := NewClient(WithBaseURL(srv.URL + "/api/"))
	if err != nil {
		t.Fatal(err)
	}
	ss, err := c.StructuresByROR(context.Background(), "ror.org/02feahw73")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(gotQuery, `"02feahw73"`) || !strings.Contains(gotQuery, `"https://ror.org/02feahw73"`) {
		t.Errorf("query %q does not ask for the ROR ID in both forms", gotQuery)
	}
	if len(ss) != 2 || ss[0].ID != "struct-441569" || ss[0].Status != "VALID" || ss[0].CountryCode != "FR" || ss[0].Idno("ROR") != "https://ror.org/02feahw73" {
		t.Fatalf("structures = %+v, want the VALID CNRS first", ss)
	}
	// The writer uses it as any resolver.
	dep, err := (&Writer{Resolver: c}).Document(context.Background(), affiliatedRecord(rorAff("CNRS", "02feahw73")))
	if err != nil {
		t.Fatal(err)
	}
	if dep.Document.Authors[0].Affiliations[0] != "struct-441569" {
		t.Errorf("affiliation = %v, want struct-441569", dep.Document.Authors[0].Affiliations)
	}

	// Errors: a status, a bad ROR ID, bad options.
	srv404 := httptest.NewServer(http.NotFoundHandler())
	defer srv404.Close()
	c404, _ := NewClient(WithBaseURL(srv404.URL))
	var apiErr *APIError
	if _, err := c404.StructuresByROR(context.Background(), "02feahw73"); !asAPIError(err, &apiErr) || apiErr.StatusCode != 404 {
		t.Errorf("404: err = %v, want an *APIError with status 404", err)
	}
	if _, err := c.StructuresByROR(context.Background(), "not-a-ror"); err == nil {
		t.Error("a bad ROR ID gave no error")
	}
	for _, opt := range []ClientOption{nil, WithBaseURL("http://example.org/"), WithRateLimit(-1, 1), WithRetry(0, 0, 0)} {
		if _, err := NewClient(opt); err == nil {
			t.Errorf("NewClient(%v) accepted an invalid option", opt)
		}
	}
}

func TestReadTableJSON(t *testing.T) {
	in := `{"response":{"docs":[{"docid":"1252","name_s":"LML","valid_s":"OLD","ror_s":"03q99v794","idref_s":["150645597"],"parentDocid_i":["92973"]}]}}`
	tb, err := ReadTable(strings.NewReader(in), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	s, ok := tb.Structure("struct-1252")
	if !ok || s.Idno("IdRef") != "150645597" || len(s.Parents) != 1 || s.Parents[0].Ref != "struct-92973" {
		t.Fatalf("structure = %+v", s)
	}
	if ss, _ := tb.StructuresByROR(context.Background(), "https://ror.org/03q99v794"); len(ss) != 1 {
		t.Errorf("by ROR = %v", ss)
	}
	for _, bad := range []string{`{"response":{"docs":[{"docid":"x"}]}}`, `[{"docid":`, `{"docid": true}`} {
		if _, err := ReadTable(strings.NewReader(bad), Limits{}); err == nil {
			t.Errorf("ReadTable(%s) gave no error", bad)
		}
	}
	_ = testenv.InCI
}

func asAPIError(err error, target **APIError) bool { return errorsAs(err, target) }

var (
	errorsAs = func(err error, target any) bool { return errors.As(err, target) }
	errorsIs = errors.Is
)
