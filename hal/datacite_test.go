package hal_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/hal"
	"github.com/dop2i/fairmeta/internal/pubtest"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// HAL's exports and examples go to DataCite 4.7 XML: either it validates against the XSD, or validation names
// each missing mandatory property (and the XSD rejects it).
func TestHALToDataCite(t *testing.T) {
	dir := t.TempDir()
	var files []string
	reports := map[string]datacite.Report{}
	for _, sub := range []string{"tei", "sword"} {
		d := testenv.SharedData(t, "publications", "hal", sub)
		in, _ := filepath.Glob(filepath.Join(d, "*.xml"))
		for _, f := range in {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			recs, _, err := hal.Read(data)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			for _, r := range recs {
				if len(r.Creators)+len(r.Contributors) == 0 || r.MainTitle() == "" {
					t.Errorf("%s: lost its authors or title", filepath.Base(f))
				}
				rec := datacite.FromResource(r)
				b := rec.MarshalXMLBytes()
				p := filepath.Join(dir, sub+"-"+filepath.Base(f))
				if err := os.WriteFile(p, b, 0o644); err != nil {
					t.Fatal(err)
				}
				files = append(files, p)
				reports[p] = datacite.ValidateResource(r)
			}
		}
	}
	for f, verdict := range testenv.DataCiteXSD(t, files...) {
		errs := reports[f].Errors()
		switch {
		case verdict == "" && len(errs) > 0:
			t.Errorf("%s: valid for the XSD but validation reports %v", filepath.Base(f), errs)
		case verdict != "" && len(errs) == 0:
			t.Errorf("%s: the XSD rejects it and validation names nothing:\n%s", filepath.Base(f), verdict)
		case verdict != "":
			for _, e := range errs {
				t.Logf("%s: names %s", filepath.Base(f), e)
			}
		}
	}
}

// Every HAL export and SWORD example keeps its authors in order with their identifiers and affiliations, its DOI,
// arXiv identifier, container with volume, issue and pages, and report numbers through DataCite 4.7 XML (valid, or
// validation names the missing mandatory properties) and schema.org, each read back.
func TestHALSurvivesConversion(t *testing.T) {
	var names []string
	var recs []*fair.Resource
	for _, sub := range []string{"tei", "sword"} {
		d := testenv.SharedData(t, "publications", "hal", sub)
		in, _ := filepath.Glob(filepath.Join(d, "*.xml"))
		for _, f := range in {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			rs, _, err := hal.Read(data)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			for _, r := range rs {
				names, recs = append(names, sub+"/"+filepath.Base(f)), append(recs, r)
			}
		}
	}
	if len(recs) < 30 {
		t.Fatalf("only %d HAL records", len(recs))
	}
	valid := pubtest.Survives(t, names, recs)
	t.Logf("%d of %d records are valid DataCite 4.7 XML as they are", valid, len(recs))
}
