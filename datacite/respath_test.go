package datacite_test

import (
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	. "github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/fieldpath"
)

// pathsResource is a valid resource that fills every place the DataCite validator checks, including the ones
// FromResource derives list elements from (keywords, raw affiliations, references, the conference, access rights).
func pathsResource() *fair.Resource {
	orcid, _ := fair.ORCID("0000-0002-1825-0097")
	ijclab, _ := fair.RORAffiliation("IJCLab", "https://ror.org/03gc1p724")
	ccby, _ := fair.SPDX("CC-BY-4.0")
	person := func(name string) fair.Creator {
		return fair.Creator{Name: name, NameType: fair.NamePersonal, GivenName: "A", FamilyName: name, Lang: "en",
			NameIdentifiers: []fair.NameIdentifier{orcid}, Affiliations: []fair.Affiliation{ijclab}}
	}
	pt := func(lon, lat float64) fair.GeoPoint { return fair.GeoPoint{Longitude: lon, Latitude: lat} }
	return &fair.Resource{
		Identifier: fair.Identifier{Value: "10.5072/example.1", Type: "DOI"},
		Creators: []fair.Creator{person("Curie"),
			{Name: "Joliot, Irène", NameType: fair.NamePersonal, RawAffiliations: []string{"IJCLab, Orsay", "CNRS/IN2P3"}}},
		Titles:          []fair.Title{{Title: "Calorimeter runs", Lang: "en"}, {Title: "Runs", Type: fair.TitleAlternativeTitle}},
		Publisher:       fair.Publisher{Name: "CC-IN2P3", Identifier: "https://ror.org/01swzjg91", IdentifierScheme: "ROR", SchemeURI: "https://ror.org", Lang: "en"},
		PublicationYear: 2026,
		ResourceType:    fair.ResourceType{General: fair.ResourceTypeDataset, Type: "Runs"},
		Subjects: []fair.Subject{{Subject: "Particle physics", Scheme: "PACS", SchemeURI: "https://example.org/pacs",
			ValueURI: "https://example.org/pacs/29", Lang: "en"}, {Subject: "calorimetry"}},
		Keywords: []string{"Calorimetry", "detectors", "test beam"},
		Contributors: []fair.Contributor{{Creator: person("Joliot"), ContributorType: fair.ContributorDataCurator},
			{Creator: fair.Creator{Name: "LAPP", NameType: fair.NameOrganizational, RawAffiliations: []string{"Annecy"}}, ContributorType: fair.ContributorHostingInstitution}},
		Dates:                []fair.Date{{Date: "2026-01-02", Type: fair.DateCollected}},
		Language:             "en",
		AlternateIdentifiers: []fair.Identifier{{Value: "run-42", Type: "local"}},
		RelatedIdentifiers: []fair.RelatedIdentifier{{Identifier: "10.5072/other", IdentifierType: fair.IDTypeDOI, RelationType: fair.RelIsPartOf,
			ResourceTypeGeneral: fair.ResourceTypeCollection}},
		Rights:       []fair.Rights{ccby},
		AccessRights: fair.AccessOpen,
		Descriptions: []fair.Description{{Description: "Runs of the calorimeter.", Type: fair.DescriptionAbstract, Lang: "en"}},
		GeoLocations: []fair.GeoLocation{{Place: "Orsay", Point: &fair.GeoPoint{Longitude: 2.17, Latitude: 48.7},
			Box:      &fair.GeoBox{WestLongitude: 2, EastLongitude: 3, SouthLatitude: 48, NorthLatitude: 49},
			Polygons: []fair.GeoPolygon{{Points: []fair.GeoPoint{pt(2, 48), pt(3, 48), pt(3, 49), pt(2, 48)}, InPolygonPoint: &fair.GeoPoint{Longitude: 2.5, Latitude: 48.3}}}}},
		FundingReferences: []fair.FundingReference{{FunderName: "ANR", FunderIdentifier: "https://ror.org/00rbzpz17", FunderIdentifierType: fair.FunderROR,
			SchemeURI: "https://ror.org", AwardNumber: "ANR-1", AwardURI: "https://anr.fr/ANR-1", AwardTitle: "Calo"}},
		RelatedItems: []fair.RelatedItem{{Type: fair.ResourceTypeJournalArticle, RelationType: fair.RelIsCitedBy,
			Identifier: fair.RelatedItemIdentifier{Identifier: "10.5072/paper", Type: fair.IDTypeDOI},
			Creators:   []fair.Creator{{Name: "Curie, M.", NameType: fair.NamePersonal}}, Titles: []fair.Title{{Title: "A paper"}},
			PublicationYear: 2025, Number: "3", NumberType: fair.NumberArticle,
			Contributors: []fair.Contributor{{Creator: fair.Creator{Name: "Editor, E."}, ContributorType: fair.ContributorEditor}}}},
		References: []fair.RelatedItem{{Type: fair.ResourceTypeDataset, RelationType: fair.RelReferences, Titles: []fair.Title{{Title: "Earlier runs"}},
			Identifier: fair.RelatedItemIdentifier{Identifier: "10.5072/earlier", Type: fair.IDTypeDOI}}},
		Publication: fair.Publication{Conference: fair.Conference{Name: "CHEP 2026", URL: "https://chep2026.example.org/"}},
		URL:         "https://data.example.org/runs",
	}
}

// TestValidateResourcePaths breaks one place of a valid resource at a time, by its fair.Resource path, and wants
// ValidateResource to report a problem at exactly that path; every path reported must name a place in the
// resource (fieldpath.Resolve), and the report must be Validate's of the DataCite record with only the paths
// renamed.
func TestValidateResourcePaths(t *testing.T) {
	if rep := ValidateResource(pathsResource()); len(rep) != 0 {
		t.Fatalf("the base resource is not clean: %v", rep)
	}
	const badURI, badLang, badROR, badORCID = "http://exa mple.org/%zz", "x_y", "https://ror.org/03gc1p725", "https://orcid.org/0000-0002-1825-0098"
	cases := []struct{ path, value string }{
		{"identifier.value", "not-a-doi"},
		{"identifier.type", "Handle"},
		{"publicationYear", "12345"},
		{"url", "ftp://example.org/x"},
		{"language", badLang},
		{"publisher.schemeURI", badURI},
		{"publisher.lang", badLang},
		{"publisher.identifier", badROR},
		{"resourceType.general", "Bogus"},
		{"creators[0].name", "Curie\x01"},
		{"creators[0].nameType", "Bogus"},
		{"creators[0].lang", badLang},
		{"creators[0].nameIdentifiers[0].value", badORCID},
		{"creators[0].nameIdentifiers[0].scheme", ""},
		{"creators[0].nameIdentifiers[0].schemeURI", badURI},
		{"creators[0].affiliations[0].name", ""},
		{"creators[0].affiliations[0].identifier", badROR},
		{"creators[0].affiliations[0].identifierScheme", ""},
		{"creators[0].affiliations[0].schemeURI", badURI},
		{"creators[1].rawAffiliations[1]", ""},
		{"contributors[0].contributorType", "Bogus"},
		{"contributors[0].affiliations[0].identifier", badROR},
		{"contributors[1].rawAffiliations[0]", ""},
		{"titles[0].title", ""},
		{"titles[0].lang", badLang},
		{"titles[1].type", "Bogus"},
		{"subjects[0].subject", " padded "},
		{"subjects[0].schemeURI", badURI},
		{"subjects[0].valueURI", badURI},
		{"subjects[0].lang", badLang},
		{"keywords[2]", "test beam\x01"}, // keywords[0] is written once, as subjects[1]
		{"dates[0].date", "2026-13-45"},
		{"dates[0].type", "Bogus"},
		{"alternateIdentifiers[0].value", ""},
		{"alternateIdentifiers[0].type", ""},
		{"relatedIdentifiers[0].identifier", "not-a-doi"},
		{"relatedIdentifiers[0].identifierType", "Bogus"},
		{"relatedIdentifiers[0].relationType", "Bogus"},
		{"relatedIdentifiers[0].resourceTypeGeneral", "Bogus"},
		{"relatedIdentifiers[0].schemeURI", badURI},
		{"rights[0].uri", badURI},
		{"rights[0].schemeURI", badURI},
		{"rights[0].lang", badLang},
		{"descriptions[0].description", "Runs\x01"},
		{"descriptions[0].type", "Bogus"},
		{"descriptions[0].lang", badLang},
		{"geoLocations[0].point.longitude", "200"},
		{"geoLocations[0].point.latitude", "-95"},
		{"geoLocations[0].box.westLongitude", "-181"},
		{"geoLocations[0].box.eastLongitude", "181"},
		{"geoLocations[0].box.southLatitude", "-91"},
		{"geoLocations[0].box.northLatitude", "91"},
		{"geoLocations[0].polygons[0].points[1].latitude", "100"},
		{"geoLocations[0].polygons[0].inPolygonPoint.longitude", "500"},
		{"fundingReferences[0].funderName", ""},
		{"fundingReferences[0].funderIdentifier", badROR},
		{"fundingReferences[0].funderIdentifierType", "Bogus"},
		{"fundingReferences[0].schemeURI", badURI},
		{"fundingReferences[0].awardURI", badURI},
		{"relatedItems[0].type", "Bogus"},
		{"relatedItems[0].relationType", "Bogus"},
		{"relatedItems[0].identifier.type", "Bogus"},
		{"relatedItems[0].identifier.identifier", "not-a-doi"},
		{"relatedItems[0].identifier.schemeURI", badURI},
		{"relatedItems[0].creators[0].name", ""},
		{"relatedItems[0].titles[0].title", ""},
		{"relatedItems[0].publicationYear", "-3"},
		{"relatedItems[0].numberType", "Bogus"},
		{"relatedItems[0].contributors[0].contributorType", "Bogus"},
		{"references[0].type", "Bogus"}, // written after relatedItems[0]
		{"references[0].titles[0].type", "Bogus"},
		{"references[0].identifier.identifier", "not-a-doi"},
	}
	for _, c := range cases {
		res := pathsResource()
		if err := fieldpath.Set(res, c.path, c.value); err != nil {
			t.Fatalf("%s: %v", c.path, err)
		}
		rep := ValidateResource(res)
		var paths []string
		for _, p := range rep {
			paths = append(paths, p.Path)
			if _, err := fieldpath.Resolve(res, p.Path); err != nil {
				t.Errorf("%s = %q: reported at a path the resource does not have: %v", c.path, c.value, err)
			}
		}
		if !slices.Contains(paths, c.path) {
			t.Errorf("%s = %q: reported at %q, want a problem at %s", c.path, c.value, paths, c.path)
		}
		sameReportRenamed(t, c.path, rep, Validate(FromResource(res)))
	}
}

// sameReportRenamed checks that a report in fair.Resource terms is the DataCite record's report, problem by
// problem, with only paths changed.
func sameReportRenamed(t *testing.T, name string, got, dc Report) {
	t.Helper()
	if len(got) != len(dc) {
		t.Errorf("%s: %d problems in fair.Resource terms, %d in DataCite terms", name, len(got), len(dc))
		return
	}
	for i := range got {
		if got[i].Message != dc[i].Message || got[i].Severity != dc[i].Severity {
			t.Errorf("%s: problem %d is %v, DataCite's %v", name, i, got[i], dc[i])
		}
	}
}

// TestValidateResourcePathsCorpus reads every DataCite record of the shared data into a fair.Resource, breaks
// seeded random places of it (strings and numbers, each set to a value some check refuses), and wants every
// problem ValidateResource reports to name a place the resource has. Half the records (by name) are held out from
// the development of the path map: the figures are printed for each half.
func TestValidateResourcePathsCorpus(t *testing.T) {
	var recs []*Record
	var names []string
	for _, f := range append(sharedGlob(t, "examples/kernel-4.6", "*.xml"), sharedGlob(t, "invenio-pairs/4.5", "*.xml")...) {
		rec, _, err := ReadXML(readFile(t, f))
		if err != nil {
			continue
		}
		recs, names = append(recs, rec), append(names, filepath.Base(f))
	}
	rest, _, restNames := restRecords(t)
	recs, names = append(recs, rest...), append(names, restNames...)
	if len(recs) == 0 {
		t.Fatal("no record read")
	}
	bad := []string{"\x01", "Bogus", "http://exa mple.org/%zz", "x_y", "not-a-doi", "2026-13-45", "", "500", "-7", " padded "}
	rng := rand.New(rand.NewPCG(7, 11))
	var checked, problems [2]int
	for i, rec := range recs {
		half := i % 2
		base := ToResource(rec)
		leaves := fieldpath.Leaves(base)
		for range 20 {
			res := ToResource(rec)
			for range 3 {
				if len(leaves) == 0 {
					break
				}
				_ = fieldpath.Set(res, leaves[rng.IntN(len(leaves))], bad[rng.IntN(len(bad))]) // a number refuses a word: skipped
			}
			rep := ValidateResource(res)
			checked[half]++
			for _, p := range rep {
				problems[half]++
				if _, err := fieldpath.Resolve(res, p.Path); err != nil {
					t.Errorf("%s: %v is at a path the resource does not have: %v", names[i], p, err)
				}
			}
			sameReportRenamed(t, names[i], rep, Validate(FromResource(res)))
		}
	}
	for h, name := range []string{"development (even records)", "held out (odd records)"} {
		t.Logf("%s: %d broken resources, %d problems, every path names a place of the resource", name, checked[h], problems[h])
		if problems[h] == 0 {
			t.Errorf("%s: no problem reported at all; the test checks nothing", name)
		}
	}
}
