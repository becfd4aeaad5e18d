package dmp_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/datacite/datacitetest"
	"github.com/dop2i/fairmeta/dmp"
	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/fair"
)

const checkPlan = `{"dmp": {"title": "Checks", "language": "eng", "created": "2025-01-01T00:00:00Z", "modified": "2025-01-01T00:00:00Z",
  "dmp_id": {"identifier": "https://example.org/dmp/1", "type": "url"}, "ethical_issues_exist": "no",
  "contact": {"name": "A", "mbox": "a@example.org", "contact_id": {"identifier": "0000-0002-1825-0097", "type": "orcid"}},
  "dataset": [
    {"title": "Run 4271 events", "dataset_id": {"identifier": "10.5072/run-4271", "type": "doi"}, "personal_data": "no", "sensitive_data": "no",
     "issued": "2024-06-01",
     "distribution": [{"title": "events", "data_access": "open",
       "license": [{"license_ref": "https://creativecommons.org/licenses/by/4.0/", "start_date": "2024-06-01"}],
       "host": {"title": "Zenodo", "url": "https://zenodo.org", "host_id": [{"identifier": "https://www.re3data.org/repository/r3d100010468", "type": "url"}]}}]},
    {"title": "Calibration constants", "dataset_id": {"identifier": "https://doi.org/10.5072/calib-2024", "type": "doi"}, "personal_data": "no", "sensitive_data": "no",
     "distribution": [{"title": "constants", "data_access": "open",
       "license": [{"license_ref": "https://creativecommons.org/licenses/by/4.0/", "start_date": "2024-06-01"}],
       "host": {"title": "Our lab server", "url": "https://lab.example.org"}}]},
    {"title": "Not registered", "dataset_id": {"identifier": "10.5072/not-registered", "type": "doi"}, "personal_data": "no", "sensitive_data": "no"},
    {"title": "Late", "dataset_id": {"identifier": "20.500.12345/late", "type": "handle"}, "personal_data": "no", "sensitive_data": "no",
     "issued": "2020-01-01"},
    {"title": "Planned", "dataset_id": {"identifier": "15", "type": "other"}, "personal_data": "no", "sensitive_data": "no",
     "issued": "2099-01-01"}
  ]}}`

func addDOI(t *testing.T, srv *datacitetest.Server, d, title, licence string) {
	t.Helper()
	rec := datacite.FromResource(&fair.Resource{
		Identifier: fair.Identifier{Value: d, Type: "DOI"}, Titles: []fair.Title{{Title: title}},
		Creators: []fair.Creator{{Name: "Lefèvre, Camille"}}, Publisher: fair.Publisher{Name: "CC-IN2P3"}, PublicationYear: 2024,
		ResourceType: fair.ResourceType{General: fair.ResourceTypeDataset}, Rights: []fair.Rights{{URI: licence}}, URL: "https://data.example.org/" + d,
	})
	attrs, err := rec.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.Add(datacitetest.StoredDOI{DOI: d, Client: datacitetest.DefaultRepository, State: "findable",
		URL: "https://data.example.org/" + d, Attributes: json.RawMessage(attrs)}); err != nil {
		t.Fatal(err)
	}
}

func findingsAt(rep *dmp.CheckReport) map[string]string {
	out := map[string]string{}
	for _, f := range rep.Findings {
		out[f.Path+" "+f.Keyword] = f.Severity.String() + ": " + f.Message
	}
	return out
}

func TestCheckOffline(t *testing.T) {
	doc, _, err := dmp.Read([]byte(checkPlan))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := doc.Check(context.Background(), dmp.CheckOptions{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	got := findingsAt(rep)
	for _, want := range []string{
		"dmp.dataset[1].distribution[0].host host", // no re3data or FAIRsharing id
		"dmp.dataset[2].distribution licence", "dmp.dataset[3].distribution licence", "dmp.dataset[4].distribution licence",
		"dmp.dataset[3].issued overdue", // issued 2020 and no DOI
		"dmp.dataset[4].dataset_id pid", // "15" is no PID
	} {
		if _, ok := got[want]; !ok {
			t.Errorf("no finding %q; got %v", want, got)
		}
	}
	if len(got) != 6 {
		t.Errorf("want exactly 6 findings offline, got %d: %v", len(got), got)
	}
	if !strings.HasPrefix(got["dmp.dataset[3].issued overdue"], "error:") {
		t.Errorf("overdue is not an error: %s", got["dmp.dataset[3].issued overdue"])
	}
	if len(rep.Assessments) != 5 || rep.Assessments[0].Source != "plan" || rep.Assessments[0].Overall.Total == 0 {
		t.Errorf("assessments %+v", rep.Assessments)
	}
	// A dataset with a DOI, a licence and a host scores higher than one without.
	if rep.Assessments[0].Overall.Percent <= rep.Assessments[4].Overall.Percent {
		t.Errorf("dataset 0 scores %.1f%%, dataset 4 %.1f%%", rep.Assessments[0].Overall.Percent, rep.Assessments[4].Overall.Percent)
	}
}

func TestCheckNetwork(t *testing.T) {
	srv := datacitetest.NewServer(datacitetest.WithRepository(datacitetest.DefaultRepository, "secret", "10.5072"))
	defer srv.Close()
	addDOI(t, srv, "10.5072/run-4271", "Run 4271 events", "https://creativecommons.org/licenses/by/4.0/legalcode")
	addDOI(t, srv, "10.5072/calib-2024", "Calibration constants v2", "https://spdx.org/licenses/MIT.html")
	resolver, err := doi.NewResolver(doi.WithBaseURL(srv.URL + "/"))
	if err != nil {
		t.Fatal(err)
	}
	fetch := func(ctx context.Context, d doi.DOI) (*fair.Resource, error) {
		md, err := resolver.Metadata(ctx, d, "application/vnd.datacite.datacite+json")
		if err != nil {
			return nil, err
		}
		rec, _, err := datacite.ReadJSONRecord(md.Body)
		if err != nil {
			return nil, err
		}
		return datacite.ToResource(rec), nil
	}
	doc, _, err := dmp.Read([]byte(checkPlan))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := doc.Check(context.Background(), dmp.CheckOptions{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Resolver: resolver, Fetch: fetch})
	if err != nil {
		t.Fatal(err)
	}
	got := findingsAt(rep)
	for want, text := range map[string]string{
		"dmp.dataset[2].dataset_id resolve":        "10.5072/not-registered does not resolve",
		"dmp.dataset[1].title agree":               `the plan says "Calibration constants", the DOI's record "Calibration constants v2"`,
		"dmp.dataset[1].distribution agree":        "the plan's licence (CC-BY-4.0) is not the DOI record's (MIT)",
		"dmp.dataset[3].issued overdue":            "issued on 2020-01-01 but has no DOI",
		"dmp.dataset[1].distribution[0].host host": "no re3data or FAIRsharing identifier",
	} {
		if !strings.Contains(got[want], text) {
			t.Errorf("finding %q = %q, want it to say %q", want, got[want], text)
		}
	}
	if _, ok := got["dmp.dataset[0].title agree"]; ok {
		t.Errorf("dataset 0 agrees with its record (same title, CC-BY-4.0 both), but: %v", got)
	}
	if _, ok := got["dmp.dataset[0].distribution agree"]; ok {
		t.Errorf("dataset 0's licence agrees (CC-BY-4.0 both), but: %v", got)
	}
	if rep.Assessments[0].Source != "record" || rep.Assessments[1].Source != "record" || rep.Assessments[2].Source != "plan" {
		t.Errorf("sources %s %s %s", rep.Assessments[0].Source, rep.Assessments[1].Source, rep.Assessments[2].Source)
	}
}
