package dmp_test

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/dmp"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// TestReadOPIDoRPlan reads a plan in DMP OPIDoR's own format (modules and fields of its templates) and checks the
// maDMP it becomes: valid against the 1.2 schema, with the storage and computing its modules declare as needs.
func TestReadOPIDoRPlan(t *testing.T) {
	data, err := os.ReadFile("testdata/opidor-plan.json")
	if err != nil {
		t.Fatal(err)
	}
	if !dmp.DetectOPIDoR(data) || dmp.Detect(data) {
		t.Fatal("not detected as DMP OPIDoR")
	}
	doc, notes, err := dmp.ReadOPIDoR(data)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := doc.Write(&out); err != nil {
		t.Fatal(err)
	}
	rep, err := dmp.Validate(out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if rep.HasErrors() {
		t.Errorf("the maDMP made of the OPIDoR plan has schema errors: %v\n%s", rep.Errors(), out.String())
	}
	p := doc.DMP
	if p.Title != "PGD du projet HESS-FR" || p.Language != "fra" || p.Created != "2024-01-10T00:00:00Z" ||
		p.Contact.Name != "Martin, Léa" || p.Contact.ContactIDs[0].Type != "orcid" || p.DMPID.Type != "doi" {
		t.Errorf("header: %+v", p)
	}
	if f := p.Projects[0].Funding[0]; f.FunderID.Type != "fundref" || f.FundingStatus != "granted" || f.GrantID.Identifier != "ANR-23-CE31-0001" {
		t.Errorf("funding: %+v", f)
	}
	ds := p.Datasets[0]
	if ds.PersonalData != "no" || ds.Distributions[0].DataAccess != "open" || *ds.Distributions[0].ByteSize != 2e9 ||
		ds.Distributions[0].Host.HostIDs[0].Identifier != "https://www.re3data.org/repository/r3d100010468" {
		t.Errorf("dataset 0: %+v", ds)
	}
	demands, dn := doc.Demands()
	if len(dn) > 0 {
		t.Errorf("demand notes: %v", dn)
	}
	// Hand-computed: 30 To a year on disk at CC-IN2P3 in 2024–2026; 6 and 30 blocks of 1,000 GPU and CPU hours at
	// the Mésocentre spread over the 3 project years; 500 Go a year for the simulations.
	want := map[string]float64{}
	for _, y := range []string{"2024", "2025", "2026"} {
		want["https://ror.org/04dcc3438 disk "+y] = 30e12
		want["Mésocentre Clermont Auvergne gpu "+y] = 2000
		want["Mésocentre Clermont Auvergne cpu "+y] = 10000
		want["Mésocentre Clermont Auvergne disk "+y] = 500e9
	}
	got := map[string]float64{}
	for _, d := range demands {
		got[d.Centre+" "+d.Resource+" "+strconv.Itoa(d.Year)] += d.Amount
	}
	for k, v := range want {
		if math.Abs(got[k]-v) > 1e-6*v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("demands %v, want %v", got, want)
	}
	all := notesString(notes)
	for _, say := range []string{"spread evenly over 3 year(s)", "declared as disk in each year of the project (2024–2026)",
		"project.acronym", "backupPolicy", "dataStorage.description"} {
		if !strings.Contains(all, say) {
			t.Errorf("notes do not say %q:\n%s", say, all)
		}
	}
}

// TestReadOPIDoRSharedFragments assembles a plan from DMP OPIDoR's own example data (an ANR project, a storage
// module) and reads it.
func TestReadOPIDoRSharedFragments(t *testing.T) {
	dir := testenv.SharedData(t, "dmp", "opidor", "example_data")
	anr, err := os.ReadFile(filepath.Join(dir, "anr_example_data.json"))
	if err != nil {
		t.Fatal(err)
	}
	storage, err := os.ReadFile(filepath.Join(dir, "codebase_example_data.json"))
	if err != nil {
		t.Fatal(err)
	}
	// anr_example_data holds {project, meta}; add a research output whose dataStorage is the codebase example.
	plan := append(bytes.TrimRight(bytes.TrimSpace(anr), "}"), []byte(`,"researchOutput":[{"researchOutputDescription":{"title":"Données"},"dataStorage":`)...)
	plan = append(append(plan, storage...), "}]}"...)
	doc, notes, err := dmp.ReadOPIDoR(plan)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.DMP.Projects) != 1 || doc.DMP.Projects[0].Start != "2019-01-01" || doc.DMP.Projects[0].Funding[0].FundingStatus != "granted" {
		t.Errorf("project: %+v", doc.DMP.Projects)
	}
	demands, _ := doc.Demands()
	// estimatedVolume "1000" Octets in the project's only year (2019), on the first facility (Adonis).
	if len(demands) != 1 || demands[0].Amount != 1000 || demands[0].Year != 2019 || demands[0].CentreName != "Adonis" {
		t.Errorf("demands: %+v", demands)
	}
	if len(doc.DMP.Datasets[0].TechnicalResources) != 2 {
		t.Errorf("technical resources: %+v", doc.DMP.Datasets[0].TechnicalResources)
	}
	all := notesString(notes)
	for _, say := range []string{"project.partner", "dataPolicy", "affiliationId", "researchOutput[0].dataStorage.cost"} {
		if !strings.Contains(all, say) {
			t.Errorf("notes do not mention %q:\n%s", say, all)
		}
	}
}
