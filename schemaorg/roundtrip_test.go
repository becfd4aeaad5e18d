package schemaorg

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/fair"
)

var (
	orcid  = fair.NameIdentifier{Value: "https://orcid.org/0000-0002-1825-0097", Scheme: "ORCID", SchemeURI: "https://orcid.org"}
	ijclab = fair.Affiliation{Name: "Laboratoire de Physique des 2 Infinis Irène Joliot-Curie", Identifier: "https://ror.org/03gc1p724",
		IdentifierScheme: "ROR", SchemeURI: "https://ror.org"}
)

// fullDataset uses every field schema.org can carry, with values this package writes and reads back unchanged.
func fullDataset() *fair.Resource {
	return &fair.Resource{
		Identifier:           fair.Identifier{Value: "10.5281/zenodo.4271", Type: "DOI"},
		AlternateIdentifiers: []fair.Identifier{{Value: "run-4271", Type: "local"}},
		Creators: []fair.Creator{
			{Name: "Lefèvre, Camille", NameType: fair.NamePersonal, GivenName: "Camille", FamilyName: "Lefèvre",
				NameIdentifiers: []fair.NameIdentifier{orcid, {Value: "0000000121032683", Scheme: "ISNI", SchemeURI: "https://isni.org"}},
				Affiliations:    []fair.Affiliation{ijclab, {Name: "Université Paris-Saclay"}},
				Email:           "camille.lefevre@example.org", Website: "https://example.org/~lefevre"},
			{Name: "CTA Observatory", NameType: fair.NameOrganizational, Alias: "CTAO",
				NameIdentifiers: []fair.NameIdentifier{{Value: "https://ror.org/04dcc3438", Scheme: "ROR", SchemeURI: "https://ror.org"}}},
		},
		Titles: []fair.Title{
			{Title: "Calibrated air-shower events, run 4271", Lang: "en"},
			{Title: "Événements calibrés, run 4271", Type: fair.TitleAlternativeTitle, Lang: "fr"},
			{Title: "Run 4271", Type: fair.TitleSubtitle},
		},
		Publisher:       fair.Publisher{Name: "CC-IN2P3", Identifier: "https://ror.org/04dcc3438", IdentifierScheme: "ROR", SchemeURI: "https://ror.org"},
		PublicationYear: 2026,
		ResourceType:    fair.ResourceType{General: fair.ResourceTypeDataset, Type: "Calibrated event list"},
		Subjects: []fair.Subject{{Subject: "Physical sciences", Scheme: "Fields of Science and Technology (FOS)",
			SchemeURI: "http://www.oecd.org/science/inno/38235147.pdf", ClassificationCode: "1.3", ValueURI: "https://example.org/fos/1.3", Lang: "en"}},
		Contributors: []fair.Contributor{
			{ContributorType: fair.ContributorEditor, Creator: fair.Creator{Name: "Rossi, Paolo", NameType: fair.NamePersonal, GivenName: "Paolo", FamilyName: "Rossi"}},
			{ContributorType: fair.ContributorDataCollector, Creator: fair.Creator{Name: "Müller, Anna", NameType: fair.NamePersonal,
				GivenName: "Anna", FamilyName: "Müller", Affiliations: []fair.Affiliation{ijclab}}},
			{ContributorType: fair.ContributorContactPerson, Creator: fair.Creator{Name: "Data desk", NameType: fair.NameOrganizational, Email: "data@example.org"}},
		},
		Dates: []fair.Date{
			{Date: "2026-11-02", Type: fair.DateIssued},
			{Date: "2026-11-01", Type: fair.DateCreated},
			{Date: "2026-11-03T10:00:00Z", Type: fair.DateUpdated},
			{Date: "2026-03-01/2026-03-14", Type: fair.DateCoverage},
		},
		Language: "en",
		RelatedIdentifiers: []fair.RelatedIdentifier{
			{Identifier: "2101.00001", IdentifierType: fair.IDTypeArXiv, RelationType: fair.RelCites, ResourceTypeGeneral: fair.ResourceTypePreprint},
			{Identifier: "https://example.org/calib-note", IdentifierType: fair.IDTypeURL, RelationType: fair.RelReferences},
			{Identifier: "10.5281/zenodo.100", IdentifierType: fair.IDTypeDOI, RelationType: fair.RelIsPartOf, ResourceTypeGeneral: fair.ResourceTypeCollection},
			{Identifier: "10.5281/zenodo.1234567", IdentifierType: fair.IDTypeDOI, RelationType: fair.RelIsDerivedFrom, ResourceTypeGeneral: fair.ResourceTypeDataset},
			{Identifier: "https://example.org/v2", IdentifierType: fair.IDTypeURL, RelationType: fair.RelHasVersion},
			{Identifier: "https://example.org/same", IdentifierType: fair.IDTypeURL, RelationType: fair.RelIsIdenticalTo},
			{Identifier: "swh:1:rev:309cf2674ee7a0749978cf8265ab91a60aea0f7d", IdentifierType: fair.IDTypeSWHID, RelationType: fair.RelIsCompiledBy, ResourceTypeGeneral: fair.ResourceTypeSoftware},
			{Identifier: "https://example.org/supplement", IdentifierType: fair.IDTypeURL, RelationType: fair.RelIsSupplementTo, RelationTypeInformation: "calibration tables"},
			{Identifier: "10.1000/paper.1", IdentifierType: fair.IDTypeDOI, RelationType: fair.RelIsCitedBy, ResourceTypeGeneral: fair.ResourceTypeJournalArticle},
		},
		Sizes:   []string{"6 GB"},
		Formats: []string{"application/x-hdf5"},
		Version: "1.0",
		Rights: []fair.Rights{
			{Rights: "Creative Commons Attribution 4.0 International", URI: "https://creativecommons.org/licenses/by/4.0/legalcode",
				Identifier: "CC-BY-4.0", IdentifierScheme: "SPDX", SchemeURI: "https://spdx.org/licenses/", Lang: "en"},
			{URI: "https://example.org/terms"},
		},
		Descriptions: []fair.Description{
			{Description: "Air-shower events of observation run 4271, calibrated with the 2026 detector constants.", Type: fair.DescriptionAbstract, Lang: "en"},
			{Description: "Cherenkov light recorded by 4 telescopes; calibrated with muon rings.", Type: fair.DescriptionMethods},
		},
		GeoLocations: []fair.GeoLocation{
			{Place: "La Palma, Canary Islands", Point: &fair.GeoPoint{Latitude: 28.7619, Longitude: -17.8907},
				Box: &fair.GeoBox{SouthLatitude: 28.7, WestLongitude: -17.95, NorthLatitude: 28.8, EastLongitude: -17.85}},
			{Polygons: []fair.GeoPolygon{{Points: []fair.GeoPoint{{Latitude: 1, Longitude: 2}, {Latitude: 1, Longitude: 3}, {Latitude: 2, Longitude: 3}, {Latitude: 1, Longitude: 2}}}}},
		},
		FundingReferences: []fair.FundingReference{
			{FunderName: "Centre National de la Recherche Scientifique", FunderIdentifier: "https://ror.org/02feahw73", FunderIdentifierType: fair.FunderROR},
			{FunderName: "Agence Nationale de la Recherche", FunderIdentifier: "https://ror.org/00rbzpz17", FunderIdentifierType: fair.FunderROR,
				AwardNumber: "ANR-22-CE31-0001", AwardTitle: "Calibrating the sky", AwardURI: "https://anr.fr/Project-ANR-22-CE31-0001"},
		},
		RelatedItems: []fair.RelatedItem{{
			Type: fair.ResourceTypeJournal, RelationType: fair.RelIsPublishedIn,
			Identifier: fair.RelatedItemIdentifier{Identifier: "1234-5679", Type: fair.IDTypeISSN},
			Titles:     []fair.Title{{Title: "Astroparticle Physics"}}, Publisher: "Elsevier",
			Volume: "170", Issue: "2", FirstPage: "101", LastPage: "117", PublicationYear: 2026, Edition: "online",
			Creators:     []fair.Creator{{Name: "Doe, Jane", NameType: fair.NamePersonal, GivenName: "Jane", FamilyName: "Doe"}},
			Contributors: []fair.Contributor{{ContributorType: fair.ContributorEditor, Creator: fair.Creator{Name: "Roe, Rick", NameType: fair.NamePersonal, GivenName: "Rick", FamilyName: "Roe"}}},
		}},
		URL:      "https://data.example.org/runs/4271",
		Keywords: []string{"cosmic rays", "air showers, calibrated"},
		Variables: []fair.Variable{{Name: "energy", Description: "reconstructed primary energy", Unit: "EeV",
			PropertyID: "phys.energy"}, {Name: "zenith angle"}},
		AccessRights:     fair.AccessOpen,
		AccessConditions: "Free after registration.",
		Distributions: []fair.Distribution{{Name: "run4271.h5", ContentURL: "https://data.example.org/runs/4271/run4271.h5",
			MediaType: "application/x-hdf5", Size: 6_442_450_944,
			Checksum: fair.Checksum{Algorithm: "sha256", Value: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}}},
		References: []fair.RelatedItem{{Type: fair.ResourceTypeJournalArticle, RelationType: fair.RelCites,
			Identifier: fair.RelatedItemIdentifier{Identifier: "10.1000/ref.2", Type: fair.IDTypeDOI},
			Titles:     []fair.Title{{Title: "A calibration method"}}, PublicationYear: 2024,
			Creators: []fair.Creator{{Name: "Smith, Ann", NameType: fair.NamePersonal, GivenName: "Ann", FamilyName: "Smith"}}}},
	}
}

func software() *fair.Resource {
	return &fair.Resource{
		Identifier:      fair.Identifier{Value: "10.5281/zenodo.999", Type: "DOI"},
		Titles:          []fair.Title{{Title: "calibrate"}},
		Creators:        []fair.Creator{{Name: "Lefèvre, Camille", NameType: fair.NamePersonal, GivenName: "Camille", FamilyName: "Lefèvre", NameIdentifiers: []fair.NameIdentifier{orcid}}},
		Publisher:       fair.Publisher{Name: "Zenodo"},
		PublicationYear: 2026,
		ResourceType:    fair.ResourceType{General: fair.ResourceTypeSoftware},
		Version:         "1.4.0",
		Software: fair.Software{
			CodeRepository:       "https://gitlab.in2p3.fr/cta/calibrate",
			ProgrammingLanguages: []string{"Go"},
			RuntimePlatforms:     []string{"Go 1.26"},
			OperatingSystems:     []string{"Linux", "macOS"},
			Requirements: []fair.Requirement{{Name: "github.com/piprate/json-gold", Version: "v0.9.1", Identifier: "https://pkg.go.dev/github.com/piprate/json-gold"},
				{Name: "libhdf5", Version: ">=1.14"}},
		},
	}
}

// publication is a journal article with the facts of a publication: a collaboration among its creators, author
// identifiers of the field, affiliations with other identifiers, arXiv and report identifiers, arXiv categories,
// the journal with volume, issue and article number, references and the conference it was presented at.
func publication() *fair.Resource {
	return &fair.Resource{
		Identifier: fair.Identifier{Value: "10.1103/physrevd.86.054502", Type: "DOI"}, // the reader gives DOIs in lower case,
		AlternateIdentifiers: []fair.Identifier{{Value: "1205.1659", Type: fair.AltIDArXiv}, {Value: "DESY-12-065", Type: fair.AltIDReportNumber},
			{Value: "1113908", Type: fair.AltIDInspire}, {Value: "Horsley:2012ra", Type: fair.AltIDInspireTeXKey}},
		Creators: []fair.Creator{
			{Name: "QCDSF Collaboration", NameType: fair.NameOrganizational},
			{Name: "Horsley, R.", NameType: fair.NamePersonal, GivenName: "R.", FamilyName: "Horsley",
				NameIdentifiers: []fair.NameIdentifier{orcid, {Value: "INSPIRE-00300234", Scheme: fair.SchemeInspireID},
					{Value: "R.Horsley.1", Scheme: fair.SchemeInspireBAI}, {Value: "roger-horsley", Scheme: fair.SchemeIdHAL}},
				Affiliations: []fair.Affiliation{{Name: "IJCLab", Identifier: "https://ror.org/03gc1p724", IdentifierScheme: "ROR", SchemeURI: "https://ror.org",
					OtherIdentifiers: []fair.NameIdentifier{{Value: "1002772", Scheme: fair.OrgSchemeHALStructure}, {Value: "912453", Scheme: fair.OrgSchemeInspire}}}}},
		},
		Titles:          []fair.Title{{Title: "Wilson loops to 20th order numerical stochastic perturbation theory"}},
		Publisher:       fair.Publisher{Name: "American Physical Society"},
		PublicationYear: 2012,
		ResourceType:    fair.ResourceType{General: fair.ResourceTypeJournalArticle},
		Subjects: []fair.Subject{{Subject: "hep-lat", Scheme: fair.SubjectSchemeArXiv, SchemeURI: fair.SubjectSchemeURIArXiv},
			{Subject: "hep-ph", Scheme: fair.SubjectSchemeArXiv, SchemeURI: fair.SubjectSchemeURIArXiv}},
		Dates: []fair.Date{{Date: "2012-09-04", Type: fair.DateIssued}},
		Sizes: []string{"40 pages"},
		RelatedIdentifiers: []fair.RelatedIdentifier{{Identifier: "10.1016/0550-3213(79)90022-1", IdentifierType: fair.IDTypeDOI, RelationType: fair.RelCites},
			{Identifier: "hep-lat/0403009", IdentifierType: fair.IDTypeArXiv, RelationType: fair.RelCites}},
		RelatedItems: []fair.RelatedItem{{Type: fair.ResourceTypeJournal, RelationType: fair.RelIsPublishedIn,
			Identifier: fair.RelatedItemIdentifier{Identifier: "1550-7998", Type: fair.IDTypeISSN},
			Titles:     []fair.Title{{Title: "Physical Review D"}, {Title: "Phys.Rev.D", Type: fair.TitleAlternativeTitle}},
			Volume:     "86", Issue: "5", Number: "054502", NumberType: fair.NumberArticle, PublicationYear: 2012, Publisher: "American Physical Society"}},
		Publication: fair.Publication{Conference: fair.Conference{Name: "30th International Symposium on Lattice Field Theory", Acronym: "Lattice 2012",
			Place: "Cairns, Australia", Country: "AU", StartDate: "2012-06-24", EndDate: "2012-06-29",
			Identifier: fair.Identifier{Value: "C12-06-24", Type: fair.AltIDInspireCNUM}, URL: "https://www.physics.adelaide.edu.au/cssm/lattice2012/"}},
	}
}

func TestRoundTrip(t *testing.T) {
	paper := &fair.Resource{Titles: []fair.Title{{Title: "Proceedings paper"}}, Publisher: fair.Publisher{Name: "PoS"},
		PublicationYear: 2025, ResourceType: fair.ResourceType{General: fair.ResourceTypeConferencePaper, Type: "Talk"}}
	for name, in := range map[string]*fair.Resource{"dataset": fullDataset(), "software": software(), "conference paper": paper,
		"publication": publication()} {
		t.Run(name, func(t *testing.T) {
			doc, _, err := Marshal(in)
			if err != nil {
				t.Fatal(err)
			}
			got, notRead, err := Read(doc)
			if err != nil {
				t.Fatalf("reading what Marshal wrote: %v\n%s", err, doc)
			}
			if len(notRead) > 0 {
				t.Errorf("reading what Marshal wrote left things out: %v", notRead)
			}
			if !reflect.DeepEqual(got, in) {
				g, _ := json.MarshalIndent(got, "", "  ")
				w, _ := json.MarshalIndent(in, "", "  ")
				t.Errorf("round trip changed the record\nschema.org:\n%s\ngot:\n%s\nwant:\n%s", doc, g, w)
			}
		})
	}
}

// TestWriteGoogleDataset checks the properties Google Dataset Search requires or recommends.
func TestWriteGoogleDataset(t *testing.T) {
	doc, _, err := Marshal(fullDataset())
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(doc, &m); err != nil {
		t.Fatal(err)
	}
	if m["@context"] != ContextURL || m["@type"] != "Dataset" || m["@id"] != "https://doi.org/10.5281/zenodo.4271" {
		t.Errorf("@context/@type/@id: %v %v %v", m["@context"], m["@type"], m["@id"])
	}
	for _, p := range []string{"name", "description", "alternateName", "creator", "citation", "funder", "isAccessibleForFree",
		"isBasedOn", "identifier", "isPartOf", "keywords", "license", "measurementTechnique", "sameAs", "spatialCoverage",
		"temporalCoverage", "version", "url", "includedInDataCatalog", "distribution", "publisher", "datePublished"} {
		if _, ok := m[p]; !ok {
			t.Errorf("Dataset lacks %s", p)
		}
	}
	c := m["creator"].([]any)[0].(map[string]any)
	if c["@type"] != "Person" || c["sameAs"] != "https://orcid.org/0000-0002-1825-0097" || c["@id"] != c["sameAs"] {
		t.Errorf("creator with ORCID: %v", c)
	}
	d := m["distribution"].(map[string]any)
	if d["@type"] != "DataDownload" || d["contentUrl"] == nil || d["encodingFormat"] != "application/x-hdf5" {
		t.Errorf("distribution: %v", d)
	}
	if strings.Contains(string(doc), "<") {
		t.Errorf("the document contains a raw '<', unsafe inside <script>")
	}
}

// TestWriteRawAffiliations: raw affiliation strings stand in for affiliations only when a creator has none.
func TestWriteRawAffiliations(t *testing.T) {
	r := publication()
	r.Creators[1].RawAffiliations = []string{"University of Edinburgh"}
	r.Creators = append(r.Creators, fair.Creator{Name: "Hotzel, G.", NameType: fair.NamePersonal, GivenName: "G.", FamilyName: "Hotzel",
		RawAffiliations: []string{"Humboldt-Universität zu Berlin, Germany", "DESY, Zeuthen"}})
	doc, _, err := Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := Read(doc)
	if err != nil {
		t.Fatal(err)
	}
	if a := got.Creators[1].Affiliations; len(a) != 1 || a[0].Name != "IJCLab" {
		t.Errorf("creator with affiliations: %+v, want IJCLab alone", a)
	}
	want := []fair.Affiliation{{Name: "Humboldt-Universität zu Berlin, Germany"}, {Name: "DESY, Zeuthen"}}
	if a := got.Creators[2].Affiliations; !reflect.DeepEqual(a, want) {
		t.Errorf("creator with raw affiliations only: %+v, want %+v", a, want)
	}
}

// TestNotWritten: each fact the package documentation says schema.org cannot hold is named by NotWritten, with its
// path, and is indeed lost (or changed) by a write and read back; records without such facts get no note.
func TestNotWritten(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(r *fair.Resource)
		path   string // the note's path; "" for a record NotWritten must find nothing in
	}{
		{"full dataset", func(*fair.Resource) {}, ""},
		{"person's name language", func(r *fair.Resource) { r.Creators[0].Lang = "fr" }, "creators[0].lang"},
		{"scheme URI of another scheme", func(r *fair.Resource) {
			r.Creators[0].NameIdentifiers = append(r.Creators[0].NameIdentifiers, fair.NameIdentifier{Value: "A-1234-2010", Scheme: "ResearcherID", SchemeURI: "https://www.researcherid.com/"})
		}, "creators[0].nameIdentifiers[2].schemeURI"},
		{"publisher language", func(r *fair.Resource) { r.Publisher.Lang = "en" }, "publisher.lang"},
		{"description type", func(r *fair.Resource) {
			r.Descriptions = append(r.Descriptions, fair.Description{Description: "HDF5 files", Type: fair.DescriptionTechnicalInfo})
		}, "descriptions[2].type"},
		{"date without a property", func(r *fair.Resource) {
			r.Dates = append(r.Dates, fair.Date{Date: "2026-03-01", Type: fair.DateCollected})
		}, "dates[4]"},
		{"second Issued date", func(r *fair.Resource) {
			r.Dates = append(r.Dates, fair.Date{Date: "2027", Type: fair.DateIssued})
		}, "dates[4]"},
		{"date information", func(r *fair.Resource) { r.Dates[0].Information = "first release" }, "dates[0].information"},
		{"embargo", func(r *fair.Resource) { r.AccessRights = fair.AccessEmbargoed }, "accessRights"},
		{"MD5 checksum", func(r *fair.Resource) { r.Distributions[0].Checksum = fair.Checksum{Algorithm: "md5", Value: "abc"} }, "distributions[0].checksum"},
		{"funder scheme URI", func(r *fair.Resource) { r.FundingReferences[0].SchemeURI = "https://ror.org/" }, "fundingReferences[0].schemeURI"},
		{"software commit", func(r *fair.Resource) { r.Software.Commit = "0123abcd" }, "software.commit"},
		{"translated title", func(r *fair.Resource) {
			r.Titles = append(r.Titles, fair.Title{Title: "Titre", Type: fair.TitleTranslatedTitle, Lang: "fr"})
		}, "titles[3].type"},
		{"main title with a type", func(r *fair.Resource) { r.Titles[0].Type = fair.TitleOther }, "titles[0].type"},
		{"creator of unknown kind", func(r *fair.Resource) {
			r.Creators = append(r.Creators, fair.Creator{Name: "Roe, Jane"})
		}, "creators[2].nameType"},
		{"Issued date of a year alone", func(r *fair.Resource) {
			for i := range r.Dates {
				if r.Dates[i].Type == fair.DateIssued {
					r.Dates[i].Date = strconv.Itoa(r.PublicationYear)
				}
			}
		}, "dates[0]"},
		{"publication year other than the Issued date's", func(r *fair.Resource) { r.PublicationYear-- }, "publicationYear"},
		{"reference's second title type", func(r *fair.Resource) {
			r.References = append(r.References, fair.RelatedItem{Type: fair.ResourceTypeBook, RelationType: fair.RelCites,
				Titles:   []fair.Title{{Title: "Proceedings"}, {Title: "Lecture Notes", Type: fair.TitleOther}},
				Creators: []fair.Creator{{Name: "Smith, Anne", NameType: fair.NamePersonal, GivenName: "Anne", FamilyName: "Smith"}}})
		}, "references[1].titles[1].type"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := fullDataset()
			tc.change(in)
			doc, notWritten, err := Marshal(in)
			if err != nil {
				t.Fatal(err)
			}
			got, _, err := Read(doc)
			if err != nil {
				t.Fatal(err)
			}
			lost := !reflect.DeepEqual(got, in)
			if tc.path == "" {
				if len(notWritten) != 0 || lost {
					t.Errorf("notes %v; round trip changed the record: %v", notWritten, lost)
				}
				return
			}
			if len(notWritten) != 1 || notWritten[0].Path != tc.path || notWritten[0].Reason == "" {
				t.Errorf("notes %v, want one for %s", notWritten, tc.path)
			}
			if !lost {
				t.Errorf("%s is noted as not written, but the round trip keeps it", tc.path)
			}
		})
	}
}
