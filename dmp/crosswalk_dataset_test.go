package dmp_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/dmp"
	"github.com/dop2i/fairmeta/fair"
)

const crosswalkPlan = `{"dmp": {"title": "Plan", "dmp_id": {"identifier": "https://doi.org/10.5072/plan-1", "type": "doi"},
  "contact": {"name": "Camille Lefèvre", "mbox": "camille@example.org", "contact_id": {"identifier": "0000-0002-1825-0097", "type": "orcid"}},
  "contributor": [{"name": "Rossi, Paolo", "contributor_id": {"identifier": "https://orcid.org/0000-0002-1694-233X", "type": "orcid"},
    "role": ["DataCurator", "http://credit.niso.org/contributor-roles/project-administration", "Cook"],
    "affiliation": [{"name": "IJCLab", "affiliation_id": {"identifier": "https://ror.org/03gc1p724", "type": "ror"}}]}],
  "project": [{"title": "P", "funding": [
    {"funder_id": {"identifier": "https://ror.org/00rbzpz17", "type": "ror"}, "funder_name": "ANR", "grant_id": {"identifier": "ANR-23-CE31-0001", "type": "other"}},
    {"funder_id": {"identifier": "501100000780", "type": "fundref"}, "funder_name": "European Commission", "grant_id": {"identifier": "https://cordis.europa.eu/project/id/101004761", "type": "url"}}]}],
  "dataset": [{"title": "Run 4271 events", "description": "Air-shower events.", "type": "Dataset", "language": "fra",
    "keyword": ["cosmic rays", "air showers"], "issued": "2026-03-01",
    "dataset_id": {"identifier": "https://doi.org/10.5072/run-4271", "type": "doi"},
    "alternate_identifier": [{"identifier": "run-4271", "type": "local"}],
    "personal_data": "no", "sensitive_data": "no",
    "creator": [{"name": "Lefèvre, Camille", "creator_id": [{"identifier": "0000-0002-1825-0097", "type": "orcid"}],
      "affiliation": [{"name": "CC-IN2P3", "affiliation_id": {"identifier": "04dcc3438", "type": "ror"}}]}],
    "distribution": [
      {"title": "events.fits", "data_access": "open", "byte_size": 1200000, "format": ["application/fits"],
       "download_url": "https://data.example.org/run-4271/events.fits", "access_url": "https://data.example.org/run-4271",
       "license": [{"license_ref": "https://creativecommons.org/licenses/by/4.0/", "start_date": "2027-01-01"}],
       "host": {"title": "Zenodo", "url": "https://zenodo.org", "host_id": [{"identifier": "https://www.re3data.org/repository/r3d100010468", "type": "url"}]}},
      {"title": "raw", "data_access": "closed", "byte_size": 5000000000000,
       "license": [{"license_ref": "https://spdx.org/licenses/MIT.html", "start_date": "2026-03-01"}]}]}]}}`

// TestDatasetResource checks each property of the dataset crosswalk on a plan that has them all.
func TestDatasetResource(t *testing.T) {
	doc, _, err := dmp.Read([]byte(crosswalkPlan))
	if err != nil {
		t.Fatal(err)
	}
	r, notes := doc.DatasetResource(0)
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) // the CC-BY licence starts in 2027: embargoed until then
	_ = now
	checks := []struct {
		what      string
		got, want any
	}{
		{"identifier", r.Identifier, fair.Identifier{Value: "10.5072/run-4271", Type: "DOI"}},
		{"alternate identifiers", r.AlternateIdentifiers, []fair.Identifier{{Value: "run-4271", Type: "local"}}},
		{"titles", r.Titles, []fair.Title{{Title: "Run 4271 events"}}},
		{"description", r.Descriptions[0], fair.Description{Description: "Air-shower events.", Type: fair.DescriptionAbstract}},
		{"type", r.ResourceType, fair.ResourceType{General: fair.ResourceTypeDataset, Type: "Dataset"}},
		{"language", r.Language, "fr"},
		{"keywords", r.Keywords, []string{"cosmic rays", "air showers"}},
		{"issued", r.Dates[0], fair.Date{Date: "2026-03-01", Type: fair.DateIssued}},
		{"publication year", r.PublicationYear, 2026},
		{"creator ORCID", r.Creators[0].NameIdentifiers, []fair.NameIdentifier{{Value: "https://orcid.org/0000-0002-1825-0097", Scheme: "ORCID", SchemeURI: "https://orcid.org"}}},
		{"creator ROR", r.Creators[0].Affiliations, []fair.Affiliation{{Name: "CC-IN2P3", Identifier: "https://ror.org/04dcc3438", IdentifierScheme: "ROR", SchemeURI: "https://ror.org"}}},
		{"rights", r.Rights, []fair.Rights{
			{Rights: "CC-BY-4.0", URI: "https://creativecommons.org/licenses/by/4.0/", Identifier: "CC-BY-4.0", IdentifierScheme: "SPDX", SchemeURI: "https://spdx.org/licenses/"},
			{Rights: "MIT", URI: "https://spdx.org/licenses/MIT.html", Identifier: "MIT", IdentifierScheme: "SPDX", SchemeURI: "https://spdx.org/licenses/"}}},
		{"access rights (an open distribution whose licence starts in the future)", r.AccessRights, fair.AccessEmbargoed},
		{"access rights URI", r.AccessRights.URI(), "http://purl.org/coar/access_right/c_f1cf"},
		{"sizes", r.Sizes, []string{"1200000 bytes", "5000000000000 bytes"}},
		{"formats", r.Formats, []string{"application/fits"}},
		{"distributions", r.Distributions, []fair.Distribution{{Name: "events.fits", ContentURL: "https://data.example.org/run-4271/events.fits", MediaType: "application/fits", Size: 1200000}}},
		{"landing page", r.URL, "https://data.example.org/run-4271"},
		{"publisher", r.Publisher.Name, "Zenodo"},
		{"funding", r.FundingReferences, []fair.FundingReference{
			{FunderName: "ANR", FunderIdentifier: "https://ror.org/00rbzpz17", FunderIdentifierType: fair.FunderROR, SchemeURI: "https://ror.org", AwardNumber: "ANR-23-CE31-0001"},
			{FunderName: "European Commission", FunderIdentifier: "https://doi.org/10.13039/501100000780", FunderIdentifierType: fair.FunderCrossrefFunderID,
				AwardNumber: "101004761", AwardURI: "https://cordis.europa.eu/project/id/101004761"}}},
		{"plan relation", r.RelatedIdentifiers, []fair.RelatedIdentifier{{Identifier: "10.5072/plan-1", IdentifierType: fair.IDTypeDOI,
			RelationType: fair.RelIsDocumentedBy, ResourceTypeGeneral: fair.ResourceTypeOutputManagementPlan}}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s:\n got %#v\nwant %#v", c.what, c.got, c.want)
		}
	}
	var roles []string
	for _, c := range r.Contributors {
		roles = append(roles, c.Name+"/"+string(c.ContributorType))
	}
	if want := []string{"Rossi, Paolo/DataCurator", "Rossi, Paolo/ProjectManager", "Rossi, Paolo/Other", "Lefèvre, Camille/ContactPerson"}; !reflect.DeepEqual(roles, want) {
		t.Errorf("contributors %v, want %v", roles, want)
	}
	all := notesString(notes)
	for _, say := range []string{"Cook: not a DataCite contributor type", "distributions differ in data_access", "personal_data and sensitive_data"} {
		if !strings.Contains(all, say) {
			t.Errorf("notes do not say %q:\n%s", say, all)
		}
	}
}
