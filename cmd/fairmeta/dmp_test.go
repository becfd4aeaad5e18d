package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/datacite/datacitetest"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testenv"
)

const dmpFixtures = "../../dmp/testdata/"

func TestDMPValidate(t *testing.T) {
	ex := testenv.SharedData(t, "dmp", "examples", "ex1-header-fundedProject.json")
	code, out, _ := runCLI(t, "", "dmp", "validate", ex)
	if code != 0 || strings.Contains(out, ": error: ") {
		t.Errorf("exit %d for an official example:\n%s", code, out)
	}
	real := testenv.SharedData(t, "dmp", "real", "dmptool-full.json")
	code, out, _ = runCLI(t, "", "dmp", "validate", real)
	if code != 1 || !strings.Contains(out, real+": dmp.contact.affiliation: error: must be an array, not an object") ||
		!strings.Contains(out, real+`: dmp.project[0].start: warning: "2021-09-03T00:00:00Z" is not an ISO 8601 date`) {
		t.Errorf("exit %d:\n%s", code, out)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte("{\"dmp\": {\n  \"title\": \"x\",\n  \"dataset\": [1, 2,]\n}}"), 0o644)
	code, _, errs := runCLI(t, "", "dmp", "validate", bad)
	if code != 1 || !strings.Contains(errs, "fairmeta dmp validate: "+bad+": dmp: line 3, column 20:") {
		t.Errorf("exit %d for unparseable JSON:\n%s", code, errs)
	}
	code, out, _ = runCLI(t, `{"dmp": {"dataset": [{"distribution": [{"host": {"supports_versioning": "yes"}}]}]}}`, "dmp", "validate", "-json", "-")
	var res struct {
		Problems []struct{ Path, Severity, Keyword, Message string }
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 1 {
		t.Fatalf("exit %d, %v:\n%s", code, err, out)
	}
	found := false
	for _, p := range res.Problems {
		found = found || p.Path == "dmp.dataset[0].distribution[0].host.supports_versioning" && strings.Contains(p.Message, "support_versioning")
	}
	if !found {
		t.Errorf("no did-you-mean for supports_versioning: %s", out)
	}
}

func TestDMPUpgrade(t *testing.T) {
	in := testenv.SharedData(t, "dmp", "real", "suchanek-ex9-dmp-long.json")
	code, out, errs := runCLI(t, "", "dmp", "upgrade", in)
	if code != 0 || !strings.Contains(out, `"project_id": [`) || !strings.Contains(errs, "moved to project_id") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	code, vout, _ := runCLI(t, out, "dmp", "validate", "-")
	if code != 0 {
		t.Errorf("the upgraded document does not validate:\n%s", vout)
	}
}

func TestDMPResources(t *testing.T) {
	html := filepath.Join(t.TempDir(), "report.html")
	code, out, errs := runCLI(t, "", "dmp", "resources", "-sum", "-usage", dmpFixtures+"resources/usage.csv", "-html", html,
		dmpFixtures+"resources/plan-lsst.json", dmpFixtures+"resources/plan-cta.json")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	for _, want := range []string{"(all plans)", "1,900,000", "1,650,000", "OVERRUN", "total"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	page, err := os.ReadFile(html)
	if err != nil || !strings.Contains(string(page), "<svg") {
		t.Errorf("HTML report: %v", err)
	}
	code, out, _ = runCLI(t, "", "dmp", "resources", "-json", dmpFixtures+"opidor-plan.json")
	var rep struct {
		Rows []struct{ Resource, Unit string }
	}
	if code != 0 || json.Unmarshal([]byte(out), &rep) != nil || len(rep.Rows) != 12 {
		t.Errorf("DMP OPIDoR plan: exit %d, %d rows\n%s", code, len(rep.Rows), out)
	}
}

func TestDMPConvertToDataCite(t *testing.T) {
	in := testenv.SharedData(t, "dmp", "examples", "ex9-dmp-long.json")
	code, out, errs := runCLI(t, "", "convert", "-to", "datacite-json", in)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	rec, _, err := datacite.ReadJSONRecord([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if rec.Types.ResourceTypeGeneral != fair.ResourceTypeOutputManagementPlan || len(rec.Creators) != 4 || rec.DOI != "10.0000/00.0.1234" {
		t.Errorf("record: %+v", rec)
	}
	if !strings.Contains(errs, "no publisher (DataCite requires one)") {
		t.Errorf("the loss report does not name the missing publisher:\n%s", errs)
	}
	// And back: a DataCite record written as a maDMP. What the 1.2 schema requires and the record cannot give (the
	// contact's e-mail and identifier, affiliation identifiers) is named by the writer's loss report: every
	// validation error of the document is named by a note of the loss report (the note is at the place in the record,
	// its reason names the member of the plan), and nothing else is an error.
	for _, name := range []string{"10.5061_dryad.8515.json", "10.5438_zhyx-n122.json", "10.6084_m9.figshare.1449060.json"} {
		rest := testenv.SharedData(t, "datacite", "rest", name)
		code, out, werrs := runCLI(t, "", "convert", "-from", "datacite-json", "-to", "madmp", rest)
		if code != 0 {
			t.Fatalf("%s: exit %d\n%s", name, code, werrs)
		}
		_, vout, _ := runCLI(t, out, "dmp", "validate", "-")
		for _, line := range strings.Split(strings.TrimSpace(vout), "\n") {
			parts := strings.SplitN(line, ": ", 4)
			if len(parts) < 4 || parts[2] != "error" {
				continue
			}
			if !strings.Contains(werrs, parts[1]) {
				t.Errorf("%s: the maDMP has an error the loss report does not name: %s\nloss report:\n%s", name, line, werrs)
			}
		}
	}
}

// TestDMPMintExactlyOnce mints a plan's OutputManagementPlan record with fairmeta doi mint through a DataCite test
// server that drops the connection after storing and answers 5xx after storing: the server holds exactly one DOI.
func TestDMPMintExactlyOnce(t *testing.T) {
	srv := mintServer(t)
	srv.InjectNext("", datacitetest.FaultDropAfter, datacitetest.FaultServerErrorAfter, datacitetest.FaultServerError)
	code, out, errs := runCLI(t, "", "doi", "mint", "-prefix", "10.5072", "-event", "publish", "-from", "madmp", dmpFixtures+"resources/plan-lsst.json")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	if n := len(srv.DOIs()); n != 1 {
		t.Fatalf("the server holds %d DOIs, want exactly 1\n%s", n, out)
	}
	s := srv.DOIs()[0]
	rec, _, err := datacite.ReadJSONRecord(s.Attributes)
	if err != nil {
		t.Fatal(err)
	}
	if s.State != "findable" || rec.Types.ResourceTypeGeneral != fair.ResourceTypeOutputManagementPlan ||
		!strings.HasPrefix(out, s.DOI+"\tfindable") || len(rec.RelatedIdentifiers) != 2 || rec.Publisher.Name != "CC-IN2P3" {
		t.Errorf("stored %s %s %+v; output %q", s.DOI, s.State, rec, out)
	}
	// Minting the same file again makes a second DOI only because nothing ties the runs: with a journal it does not.
	journal := filepath.Join(t.TempDir(), "mint.journal")
	srv2 := mintServer(t)
	for range 2 {
		srv2.InjectNext("", datacitetest.FaultDropAfter)
		if code, out, errs := runCLI(t, "", "doi", "mint", "-prefix", "10.5072", "-journal", journal, "-from", "madmp", dmpFixtures+"resources/plan-lsst.json"); code != 0 {
			t.Fatalf("exit %d\n%s\n%s", code, out, errs)
		}
	}
	if n := len(srv2.DOIs()); n != 1 {
		t.Errorf("two runs with one journal: the server holds %d DOIs, want 1", n)
	}
}

// TestDMPCheckNetwork runs dmp check -network against a loopback DataCite server that answers as the DOI resolver.
func TestDMPCheckNetwork(t *testing.T) {
	srv := datacitetest.NewServer()
	defer srv.Close()
	attrs := `{"titles":[{"title":"Processed images, data release 1"}],"creators":[{"name":"Lefèvre, Camille"}],"publisher":{"name":"CC-IN2P3"},` +
		`"publicationYear":2026,"types":{"resourceTypeGeneral":"Dataset"},"url":"https://data.example.org/dr1"}`
	if err := srv.Add(datacitetest.StoredDOI{DOI: "10.5072/lsst-fr-dr1", Client: datacitetest.DefaultRepository, State: "findable",
		URL: "https://data.example.org/dr1", Attributes: json.RawMessage(attrs)}); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "", "dmp", "check", "-network", "-resolver", srv.URL+"/", dmpFixtures+"resources/plan-lsst.json")
	if code != 1 || !strings.Contains(out, "dmp.dataset[1].dataset_id: error: DOI 10.5072/lsst-fr-sim does not resolve") ||
		strings.Contains(out, "dmp.dataset[0].dataset_id: error") || !strings.Contains(out, "of the record: Processed images") {
		t.Errorf("exit %d\n%s\n%s", code, out, errs)
	}
}
