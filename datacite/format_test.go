package datacite_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testdiff"
)

func TestNotWritten(t *testing.T) {
	res := &fair.Resource{
		Creators:      []fair.Creator{{Name: "A", Email: "a@example.org"}, {Name: "B", Website: "https://b.example.org"}},
		Contributors:  []fair.Contributor{{Creator: fair.Creator{Name: "C", Email: "c@example.org"}, ContributorType: fair.ContributorEditor}},
		Distributions: []fair.Distribution{{ContentURL: "https://x/1"}, {ContentURL: "https://x/2"}},
		Software:      fair.Software{Tag: "v1"},
	}
	testdiff.Check(t, "NotWritten", datacite.NotWritten(res), fair.Notes{
		{Path: "distributions", Value: "2 distributions", Reason: "DataCite has no property for it"},
		{Path: "software", Reason: "DataCite has no property for it"},
		{Path: "creators[0].email", Value: "a@example.org", Reason: "DataCite has no property for a person's email"},
		{Path: "creators[1].website", Value: "https://b.example.org", Reason: "DataCite has no property for a person's website"},
		{Path: "contributors[0].email", Value: "c@example.org", Reason: "DataCite has no property for a person's email"},
	})
	// The formats' writers return the same notes.
	for _, f := range []fair.Format{datacite.XMLFormat(), datacite.JSONFormat()} {
		var b bytes.Buffer
		notWritten, err := f.Write(&b, res)
		if err != nil {
			t.Fatal(err)
		}
		testdiff.Check(t, f.Name+" notWritten", notWritten, datacite.NotWritten(res))
	}
	if datacite.NotWritten(&fair.Resource{Titles: []fair.Title{{Title: "T"}}}) != nil {
		t.Error("a record DataCite holds whole has notes")
	}
}

func TestReadXMLNotes(t *testing.T) {
	_, notRead, err := datacite.ReadXML([]byte(`<resource xmlns="http://datacite.org/schema/kernel-4"><titles><title>T</title></titles>
<publicationYear>twenty</publicationYear></resource>`))
	if err != nil {
		t.Fatal(err)
	}
	if len(notRead) != 1 || notRead[0].Path != "publicationYear" || !strings.Contains(notRead[0].Reason, "is not a year") {
		t.Errorf("notRead %v, want the year that is not a number", notRead)
	}
}

// ValidateInput checks DataCite's own formats as documents, and other formats through the records they read with
// what those could not carry in as warnings.
func TestValidateInput(t *testing.T) {
	for _, tc := range []struct {
		name  string
		f     fair.Format
		in    string
		check func(t *testing.T, reps []datacite.Report)
	}{
		{"XML element the schema does not allow", datacite.XMLFormat(), `<resource xmlns="http://datacite.org/schema/kernel-4"><titles><title>T</title></titles>
<colour>red</colour></resource>`, func(t *testing.T, reps []datacite.Report) {
			found := false
			for _, p := range reps[0].Errors() {
				found = found || strings.Contains(p.Message, "<colour> is not allowed")
			}
			if len(reps) != 1 || !found {
				t.Errorf("reports %v, want the unknown element as an error", reps)
			}
		}},
		{"JSON:API list", datacite.JSONFormat(), `{"data":[{"type":"dois","attributes":{"doi":"10.82433/x"}},{"type":"dois","attributes":{"doi":"10.82433/y"}}]}`,
			func(t *testing.T, reps []datacite.Report) {
				if len(reps) != 2 || !reps[0].HasErrors() || !reps[1].HasErrors() {
					t.Errorf("reports %v, want two, each missing the mandatory properties", reps)
				}
			}},
		{"another format", fair.JSONFormat(), `{"titles":[{"title":"T"}]}`, func(t *testing.T, reps []datacite.Report) {
			if len(reps) != 1 || !reps[0].HasErrors() {
				t.Errorf("reports %v, want one with the missing properties", reps)
			}
		}},
		{"what another reader could not carry in", fair.Format{Name: "noted", Read: func([]byte) ([]*fair.Resource, fair.Notes, error) {
			return []*fair.Resource{{Titles: []fair.Title{{Title: "T"}}}}, fair.Notes{{Path: "x.y", Value: "v", Reason: "no place"}}, nil
		}}, "", func(t *testing.T, reps []datacite.Report) {
			last := reps[0][len(reps[0])-1]
			if last.Path != "x.y" || last.Severity != datacite.SeverityWarning || last.Message != "not carried over: v (no place)" {
				t.Errorf("last problem %v, want the note as a warning", last)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reps, err := datacite.ValidateInput(tc.f, []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, reps)
		})
	}
	if _, err := datacite.ValidateInput(fair.Format{Name: "write-only"}, []byte("x")); err == nil {
		t.Error("a format without a reader validated")
	}
}
