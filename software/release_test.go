package software

import (
	"testing"
	"time"

	"github.com/dop2i/fairmeta/fair"
)

func TestReleaseResourceRoundTrip(t *testing.T) {
	rel := &Release{
		Name: "shower-calib", Version: "2.1.0", Description: "Calibrates air-shower events.",
		Repository: "https://gitlab.in2p3.fr/dop2i/shower-calib", URL: "https://shower-calib.example.org",
		Commit: "309cf2674ee7a0749978cf8265ab91a60aea0f7d", Tag: "v2.1.0", License: "Apache-2.0",
		Authors: []fair.Creator{{Name: "Lefèvre, Camille", NameType: fair.NamePersonal, GivenName: "Camille", FamilyName: "Lefèvre",
			NameIdentifiers: []fair.NameIdentifier{orcidIdentifier("0000-0002-1825-0097")},
			Affiliations:    []fair.Affiliation{{Name: "IJCLab", Identifier: "https://ror.org/03gc1p724", IdentifierScheme: "ROR"}}}},
		ProgrammingLanguages: []string{"Go"}, RuntimePlatforms: []string{"go1.26.0"}, OperatingSystems: []string{"linux/amd64"},
		Dependencies: []fair.Requirement{{Name: "github.com/dop2i/fairmeta", Version: "v1.2.0"}},
		DOI:          "10.5281/zenodo.1234568", ConceptDOI: "10.5281/zenodo.1234567",
		SWHID:      "swh:1:rev:309cf2674ee7a0749978cf8265ab91a60aea0f7d",
		CommitTime: time.Date(2026, 11, 1, 18, 30, 0, 0, time.UTC), Released: time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC),
		Keywords: []string{"cosmic rays"},
	}
	r := rel.Resource()
	if r.ResourceType.General != fair.ResourceTypeSoftware || r.DOI() != rel.DOI || r.PublicationYear != 2026 {
		t.Errorf("resource: type %q, DOI %q, year %d", r.ResourceType.General, r.DOI(), r.PublicationYear)
	}
	equalJSON(t, ReleaseFromResource(r), rel)
	if !(&Release{}).Resource().Software.IsZero() {
		t.Error("an empty release has software facts")
	}
}
