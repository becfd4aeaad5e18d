package schemaorg_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testenv"
	"github.com/dop2i/fairmeta/schemaorg"
)

// missingMandatory lists the DataCite mandatory properties a record lacks, in DataCite JSON names.
func missingMandatory(r *fair.Resource) []string {
	var out []string
	if r.DOI() == "" {
		out = append(out, "doi")
	}
	if len(r.Creators) == 0 {
		out = append(out, "creators")
	}
	if r.MainTitle() == "" {
		out = append(out, "titles")
	}
	if r.Publisher.Name == "" {
		out = append(out, "publisher")
	}
	if r.PublicationYear == 0 {
		out = append(out, "publicationYear")
	}
	if r.ResourceType.General == "" {
		out = append(out, "types")
	}
	return out
}

// TestLandingPagesToDataCite: landing pages that carry DataCite's mandatory fields convert to DataCite XML that
// passes validation (and the 4.7 XSD, when xmllint is installed); the others fail validation on exactly what is
// missing.
func TestLandingPagesToDataCite(t *testing.T) {
	dir := testenv.SharedData(t, "schemaorg", "landing")
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		t.Run(e.Name(), func(t *testing.T) {
			doc, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			r, _, err := schemaorg.Read(doc)
			if err != nil {
				t.Fatal(err)
			}
			missing := missingMandatory(r)
			errs := datacite.ValidateResource(r).Errors()
			if len(missing) == 0 {
				if len(errs) > 0 {
					t.Fatalf("a record with every mandatory field fails validation: %v", errs)
				}
				var xml bytes.Buffer
				if err := datacite.FromResource(r).WriteXML(&xml); err != nil {
					t.Fatal(err)
				}
				xsdCheck(t, xml.Bytes())
				return
			}
			t.Logf("%s lacks %v", e.Name(), missing)
			for _, m := range missing {
				found := false
				for _, p := range errs {
					found = found || strings.HasPrefix(p.Path, m)
				}
				if !found {
					t.Errorf("validation does not name the missing %s: %v", m, errs)
				}
			}
			for _, p := range errs {
				named := false
				for _, m := range missing {
					named = named || strings.HasPrefix(p.Path, m)
				}
				if !named {
					t.Errorf("validation reports %v, which is not a missing mandatory field %v", p, missing)
				}
			}
		})
	}
}

func xsdCheck(t *testing.T, xml []byte) {
	t.Helper()
	if _, err := exec.LookPath("xmllint"); err != nil && !testenv.InCI() {
		t.Log("xmllint not installed: XSD check skipped")
		return
	}
	f := filepath.Join(t.TempDir(), "record.xml")
	if err := os.WriteFile(f, xml, 0o600); err != nil {
		t.Fatal(err)
	}
	if msg := testenv.DataCiteXSD(t, f)[f]; msg != "" {
		t.Errorf("the DataCite XML fails the 4.7 XSD:\n%s\n%s", msg, xml)
	}
}
