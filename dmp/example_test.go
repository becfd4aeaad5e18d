package dmp_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/dop2i/fairmeta/dmp"
)

// A document as DMPTool writes it: read, with the loss report, then upgraded and written as 1.2.
func ExampleRead() {
	in := `{"dmp": {"title": "Plan", "created": "2021-02-02T16:55:45", "modified": 1612284945000,
	  "dataset": [{"title": "Images", "is_reused": "false", "dataset_id": {"identifier": "10.5072/img", "type": "doi"},
	    "personal_data": "no", "sensitive_data": "no", "dmproadmap_privacy": "public"}]}}`
	doc, notes, err := dmp.Read([]byte(in))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, n := range notes {
		fmt.Println(n)
	}
	fmt.Println(*doc.DMP.Datasets[0].IsReused, doc.DMP.Modified)
	// Output:
	// dmp.created = 2021-02-02T16:55:45: date-time without a time zone; read as UTC
	// dmp.modified = 1612284945000: epoch milliseconds; read as 2021-02-02T16:55:45.000Z
	// dmp.dataset[0].is_reused = false: a string where a boolean is wanted; read as false
	// dmp.dataset[0].dmproadmap_privacy = public: unknown member kept and written back
	// false 2021-02-02T16:55:45.000Z
}

func ExampleValidate() {
	in := `{"dmp": {"title": "Plan", "language": "en", "created": "2024-01-10T09:00:00Z", "modified": "2024-01-10T09:00:00Z",
	  "ethical_issues_exist": "no", "dmp_id": {"identifier": "10.5072/plan", "type": "doi"},
	  "contact": {"name": "Camille", "mbox": "camille@example.org", "contact_id": {"identifier": "0000-0002-1825-0098", "type": "orcid"}},
	  "dataset": [{"title": "Events", "personal_data": "no", "sensitive_data": "no", "dataset_id": {"identifier": "10.5072/ev", "type": "doi"},
	    "distribution": [{"title": "FITS", "data_access": "open", "byte_size": "1000",
	      "host": {"title": "CC-IN2P3", "url": "https://cc.in2p3.fr", "supports_versioning": "yes"}}]}]}}`
	rep, err := dmp.Validate([]byte(in))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range rep {
		fmt.Println(p)
	}
	// Output:
	// dmp.language: error: "en" is not an ISO 639-3 language code of the schema's list (e.g. eng, fra); did you mean "eng"?
	// dmp.dataset[0].distribution[0].byte_size: error: must be an integer, not "1000" (write the number without quotes)
	// dmp.contact.contact_id.identifier: warning: "0000-0002-1825-0098" is not a valid ORCID: wrong check character '8' (MOD 11-2 gives '7')
	// dmp.dataset[0].distribution[0].host.supports_versioning: warning: legacy member: did you mean "support_versioning"? (misspelt in 1.0/1.1 documents and their tools)
}

// The computing and storage two years of a project need at CC-IN2P3, against what the centre's accounting says.
func ExampleResources() {
	plan := `{"dmp": {"title": "LSST-FR", "dataset": [{"title": "Images", "technical_resource": [{"name": "CC-IN2P3",
	  "technical_resource_id": [{"identifier": "https://ror.org/04dcc3438", "type": "ror"}],
	  "fairmeta_resource_need": [
	    {"year": 2026, "resource": "cpu", "amount": 1.2, "unit": "Mcore-hours"},
	    {"year": 2027, "resource": "cpu", "amount": 1500000, "unit": "core-hours"},
	    {"year": 2026, "resource": "disk", "amount": 500, "unit": "TB"}]}]}]}}`
	doc, _, _ := dmp.Read([]byte(plan))
	demands, _ := doc.Demands()
	usage, _ := dmp.ReadUsage(strings.NewReader("04dcc3438,2026,cpu,1300000,core-hours\n04dcc3438,2026,disk,0.4,PB\n"))
	rep := dmp.Resources(demands, usage, false)
	rep.WriteTable(os.Stdout)
	// Output:
	// plan     centre                      year  resource   declared       used    %  unit
	// LSST-FR  https://ror.org/04dcc3438   2026  cpu       1,200,000  1,300,000  108  core-hours  OVERRUN
	// LSST-FR  https://ror.org/04dcc3438   2027  cpu       1,500,000          -    -  core-hours
	// LSST-FR  https://ror.org/04dcc3438   2026  disk            500        400   80  TB
	// LSST-FR  https://ror.org/04dcc3438  total  cpu       2,700,000  1,300,000   48  core-hours  OVERRUN
	// LSST-FR  https://ror.org/04dcc3438  total  disk            500        400   80  TB
}

// The plan as a DataCite record of type OutputManagementPlan, and what it lacks for DataCite.
func ExampleDocument_PlanResource() {
	doc, _, _ := dmp.Read([]byte(`{"dmp": {"title": "LSST-FR plan", "created": "2025-11-03T09:00:00Z", "modified": "2026-01-15T14:30:00Z",
	  "dmp_id": {"identifier": "https://doi.org/10.5072/lsst-fr-dmp", "type": "doi"},
	  "contact": {"name": "Camille Lefèvre", "mbox": "camille@example.org", "contact_id": {"identifier": "0000-0002-1825-0097", "type": "orcid"}},
	  "dataset": [{"title": "Images", "dataset_id": {"identifier": "10.5072/lsst-fr-dr1", "type": "doi"}}]}}`))
	r, notes := doc.PlanResource()
	fmt.Println(r.ResourceType.General, r.Identifier.Value, r.PublicationYear, r.Creators[0].NameIdentifiers[0].Value)
	fmt.Println(r.RelatedIdentifiers[0].RelationType, r.RelatedIdentifiers[0].Identifier)
	for _, n := range notes {
		fmt.Println(n)
	}
	// Output:
	// OutputManagementPlan 10.5072/lsst-fr-dmp 2026 https://orcid.org/0000-0002-1825-0097
	// Documents 10.5072/lsst-fr-dr1
	// dmp.contact.affiliation: no publisher (DataCite requires one): the plan names no affiliation; set Resource.Publisher
}

// What a machine can check in a plan, offline, as of a given day.
func ExampleDocument_Check() {
	doc, _, _ := dmp.Read([]byte(`{"dmp": {"title": "Plan", "dataset": [
	  {"title": "Late data", "dataset_id": {"identifier": "20.500.12345/late", "type": "handle"}, "issued": "2025-06-30",
	   "distribution": [{"title": "files", "data_access": "open", "license": [{"license_ref": "https://creativecommons.org/licenses/by/4.0/", "start_date": "2025-06-30"}],
	     "host": {"title": "Lab server", "url": "https://lab.example.org"}}]}]}}`))
	rep, err := doc.Check(context.Background(), dmp.CheckOptions{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Println(err)
		return
	}
	var b bytes.Buffer
	rep.WriteText(&b)
	fmt.Print(strings.SplitAfterN(b.String(), "\n", 3)[0] + strings.SplitAfterN(b.String(), "\n", 3)[1])
	// Output:
	// dmp.dataset[0].distribution[0].host: warning: host "Lab server" has no re3data or FAIRsharing identifier: add one to host_id [host]
	// dmp.dataset[0].issued: error: issued on 2025-06-30 but has no DOI: the dataset is overdue, or its DOI is missing from the plan [overdue]
}
