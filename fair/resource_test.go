package fair_test

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/dop2i/fairmeta/fair"
)

// full returns a Resource with every field set, so that tests of the JSON form see every field.
func full() fair.Resource {
	creator := fair.Creator{Name: "Curie, Marie", NameType: fair.NamePersonal, Lang: "fr", GivenName: "Marie", FamilyName: "Curie",
		NameIdentifiers: []fair.NameIdentifier{{Value: "https://orcid.org/0000-0002-1825-0097", Scheme: "ORCID", SchemeURI: "https://orcid.org"}},
		Affiliations: []fair.Affiliation{{Name: "IJCLab", Identifier: "https://ror.org/03gc1p724", IdentifierScheme: "ROR", SchemeURI: "https://ror.org",
			OtherIdentifiers: []fair.NameIdentifier{{Value: "1002772", Scheme: fair.OrgSchemeHALStructure}}}},
		Email: "marie@example.org", Website: "https://example.org/marie", Alias: "mcurie",
		RawAffiliations: []string{"IJCLab, Université Paris-Saclay, CNRS/IN2P3, Orsay, France"}}
	pt := &fair.GeoPoint{Longitude: -69.3, Latitude: -35.2}
	return fair.Resource{
		Identifier:           fair.Identifier{Value: "10.1234/abcd-ef12", Type: "DOI"},
		Creators:             []fair.Creator{creator},
		Titles:               []fair.Title{{Title: "Événements", Type: fair.TitleTranslatedTitle, Lang: "fr"}, {Title: "Events"}},
		Publisher:            fair.Publisher{Name: "CC-IN2P3", Identifier: "https://ror.org/04dcc3438", IdentifierScheme: "ROR", SchemeURI: "https://ror.org/", Lang: "en"},
		PublicationYear:      2026,
		ResourceType:         fair.ResourceType{General: fair.ResourceTypeDataset, Type: "Event list"},
		Subjects:             []fair.Subject{{Subject: "Physical sciences", Scheme: "FOS", SchemeURI: "http://x", ValueURI: "http://y", ClassificationCode: "1.3", Lang: "en"}},
		Contributors:         []fair.Contributor{{Creator: creator, ContributorType: fair.ContributorContactPerson}},
		Dates:                []fair.Date{{Date: "2026-01-01/2026-02-01", Type: fair.DateCoverage, Information: "run period"}},
		Language:             "en",
		AlternateIdentifiers: []fair.Identifier{{Value: "run-4271", Type: "local"}},
		RelatedIdentifiers: []fair.RelatedIdentifier{{Identifier: "10.5281/zenodo.1", IdentifierType: fair.IDTypeDOI, RelationType: fair.RelIsCompiledBy,
			ResourceTypeGeneral: fair.ResourceTypeSoftware, RelatedMetadataScheme: "a", SchemeURI: "b", SchemeType: "c", RelationTypeInformation: "d"}},
		Sizes:        []string{"6 GB"},
		Formats:      []string{"application/x-hdf5"},
		Version:      "1.0",
		Rights:       []fair.Rights{{Rights: "CC BY 4.0", URI: "https://creativecommons.org/licenses/by/4.0/", Identifier: "CC-BY-4.0", IdentifierScheme: "SPDX", SchemeURI: "https://spdx.org/licenses/", Lang: "en"}},
		Descriptions: []fair.Description{{Description: "line 1\nline 2", Type: fair.DescriptionAbstract, Lang: "en"}},
		GeoLocations: []fair.GeoLocation{{Place: "Malargüe", Point: pt, Box: &fair.GeoBox{WestLongitude: -70, EastLongitude: -68, SouthLatitude: -36, NorthLatitude: -34},
			Polygons: []fair.GeoPolygon{{Points: []fair.GeoPoint{{-70, -36}, {-68, -36}, {-68, -34}, {-70, -36}}, InPolygonPoint: pt}}}},
		FundingReferences: []fair.FundingReference{{FunderName: "ANR", FunderIdentifier: "https://ror.org/00rbzpz17", FunderIdentifierType: fair.FunderROR,
			SchemeURI: "https://ror.org/", AwardNumber: "ANR-1", AwardURI: "https://anr.fr/1", AwardTitle: "Grant"}},
		RelatedItems: []fair.RelatedItem{{Type: fair.ResourceTypeJournalArticle, RelationType: fair.RelIsCitedBy, RelationTypeInformation: "x",
			Identifier: fair.RelatedItemIdentifier{Identifier: "10.1/x", Type: fair.IDTypeDOI, RelatedMetadataScheme: "m", SchemeURI: "s", SchemeType: "t"},
			Creators:   []fair.Creator{{Name: "Doe, J", NameType: fair.NamePersonal, GivenName: "J", FamilyName: "Doe"}},
			Titles:     []fair.Title{{Title: "Paper"}}, PublicationYear: 2025, Volume: "1", Issue: "2", Number: "3", NumberType: fair.NumberArticle,
			FirstPage: "4", LastPage: "5", Publisher: "APS", Edition: "1st",
			Contributors: []fair.Contributor{{Creator: fair.Creator{Name: "Ed"}, ContributorType: fair.ContributorEditor}}}},
		URL:              "https://data.example.org/run4271",
		Keywords:         []string{"cosmic rays"},
		Variables:        []fair.Variable{{Name: "energy", Description: "reconstructed primary energy", Unit: "EeV", PropertyID: "phys.energy"}},
		Distributions:    []fair.Distribution{{Name: "a.h5", ContentURL: "https://data.example.org/a.h5", MediaType: "application/x-hdf5", Size: 42, Checksum: fair.Checksum{Algorithm: "sha256", Value: "ab"}}},
		AccessRights:     fair.AccessOpen,
		AccessConditions: "none",
		References:       []fair.RelatedItem{{Type: fair.ResourceTypeSoftware, RelationType: fair.RelReferences, Titles: []fair.Title{{Title: "ROOT"}}}},
		Software: fair.Software{CodeRepository: "https://gitlab.in2p3.fr/x/y", ProgrammingLanguages: []string{"Go"}, RuntimePlatforms: []string{"go1.26"},
			OperatingSystems: []string{"Linux"}, Requirements: []fair.Requirement{{Name: "ROOT", Version: "6.30", Identifier: "https://root.cern"}},
			IssueTracker: "https://x/issues", ContinuousIntegration: "https://x/ci", DevelopmentStatus: "active", Commit: "abc", Tag: "v1"},
		Publication: fair.Publication{Conference: fair.Conference{Name: "International Conference on High Energy Physics", Acronym: "ICHEP 2022",
			Place: "Bologna, Italy", Country: "IT", StartDate: "2022-07-06", EndDate: "2022-07-13",
			Identifier: fair.Identifier{Value: "C22-07-06.1", Type: fair.AltIDInspireCNUM}, URL: "https://www.ichep2022.it"}},
	}
}

func TestResourceJSONRoundTrip(t *testing.T) {
	r := full()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back fair.Resource
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(r, back) {
		t.Errorf("JSON round trip changed the record:\n got %+v\nwant %+v", back, r)
	}
	// Every field of the struct must be set in full(), so that this test covers it.
	checkAllSet(t, reflect.ValueOf(r), "Resource", map[reflect.Type]bool{})
}

// checkAllSet checks that the first value of each struct type met has every field set.
func checkAllSet(t *testing.T, v reflect.Value, path string, seen map[reflect.Type]bool) {
	t.Helper()
	switch v.Kind() {
	case reflect.Struct:
		if seen[v.Type()] {
			return
		}
		seen[v.Type()] = true
		for i := 0; i < v.NumField(); i++ {
			checkAllSet(t, v.Field(i), path+"."+v.Type().Field(i).Name, seen)
		}
	case reflect.Slice:
		if v.Len() == 0 {
			t.Errorf("%s is empty in full()", path)
			return
		}
		checkAllSet(t, v.Index(0), path+"[0]", seen)
	case reflect.Pointer:
		if v.IsNil() {
			t.Errorf("%s is nil in full()", path)
			return
		}
		checkAllSet(t, v.Elem(), path, seen)
	default:
		if v.IsZero() {
			t.Errorf("%s is zero in full()", path)
		}
	}
}

func TestZeroResourceJSON(t *testing.T) {
	b, err := json.Marshal(fair.Resource{})
	if err != nil || string(b) != "{}" {
		t.Errorf("json.Marshal(Resource{}) = %s, %v; want {}", b, err)
	}
}

// The lists themselves are checked against the DataCite 4.7 XSD in TestVocabulariesAgreeWithXSD; this checks Valid,
// the funder spelling and the lenient parsers.
func TestVocabularies(t *testing.T) {
	for _, tc := range []struct {
		ok bool
		v  interface{ Valid() bool }
	}{
		{true, fair.ResourceTypePoster}, {true, fair.IDTypeSWHID}, {true, fair.IDTypeRAiD}, {true, fair.FunderCrossrefFunderID},
		{false, fair.ResourceTypeGeneral("dataset")}, {false, fair.RelationType("IsCompiledby")}, {false, fair.DateType("")},
		{true, fair.AccessEmbargoed}, {false, fair.AccessRights("open")},
	} {
		if tc.v.Valid() != tc.ok {
			t.Errorf("%v.Valid() = %v, want %v", tc.v, !tc.ok, tc.ok)
		}
	}
	if fair.FunderCrossrefFunderID != "Crossref Funder ID" {
		t.Errorf("FunderCrossrefFunderID = %q", fair.FunderCrossrefFunderID)
	}
	if rt, ok := fair.ParseResourceTypeGeneral("computational notebook"); !ok || rt != fair.ResourceTypeComputationalNotebook {
		t.Errorf("ParseResourceTypeGeneral = %q, %v", rt, ok)
	}
	for in, want := range map[string]fair.AccessRights{"info:eu-repo/semantics/openAccess": fair.AccessOpen, "http://purl.org/coar/access_right/c_f1cf": fair.AccessEmbargoed,
		"Restricted": fair.AccessRestricted, "closedAccess": fair.AccessMetadata} {
		if got, ok := fair.ParseAccessRights(in); !ok || got != want {
			t.Errorf("ParseAccessRights(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}
