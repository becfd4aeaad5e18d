package datacite_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// publication is a journal article presented at a conference, with what publication formats give: a collaboration
// among the creators, author identifiers of the field, affiliations with several identifiers, raw affiliation
// strings, arXiv and report identifiers, arXiv categories, the journal, references with and without identifiers.
func publication() *fair.Resource {
	return &fair.Resource{
		Identifier: fair.Identifier{Value: "10.1103/PhysRevD.86.054502", Type: "DOI"},
		AlternateIdentifiers: []fair.Identifier{{Value: "1205.1659", Type: fair.AltIDArXiv}, {Value: "DESY-12-065", Type: fair.AltIDReportNumber},
			{Value: "1113908", Type: fair.AltIDInspire}, {Value: "Horsley:2012ra", Type: fair.AltIDInspireTeXKey}},
		Creators: []fair.Creator{
			{Name: "QCDSF Collaboration", NameType: fair.NameOrganizational},
			{Name: "Horsley, R.", NameType: fair.NamePersonal, GivenName: "R.", FamilyName: "Horsley",
				NameIdentifiers: []fair.NameIdentifier{{Value: "https://orcid.org/0000-0002-1825-0097", Scheme: "ORCID", SchemeURI: "https://orcid.org"},
					{Value: "INSPIRE-00300234", Scheme: fair.SchemeInspireID}, {Value: "R.Horsley.1", Scheme: fair.SchemeInspireBAI},
					{Value: "roger-horsley", Scheme: fair.SchemeIdHAL}},
				Affiliations: []fair.Affiliation{{Name: "Edinburgh U.", Identifier: "https://ror.org/01nrxwf90", IdentifierScheme: "ROR", SchemeURI: "https://ror.org",
					OtherIdentifiers: []fair.NameIdentifier{{Value: "902787", Scheme: fair.OrgSchemeInspire}}}},
				RawAffiliations: []string{"School of Physics and Astronomy, University of Edinburgh, Edinburgh EH9 3FD, UK"}},
			{Name: "Hotzel, G.", NameType: fair.NamePersonal, GivenName: "G.", FamilyName: "Hotzel",
				RawAffiliations: []string{"Institut für Physik, Humboldt-Universität zu Berlin, 12489 Berlin, Germany"}},
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
		References: []fair.RelatedItem{{Type: fair.ResourceTypeJournalArticle, RelationType: fair.RelCites,
			Creators: []fair.Creator{{Name: "Shifman, M.A."}, {Name: "Vainshtein, A.I."}},
			Titles:   []fair.Title{{Title: "Nucl.Phys.B 147"}}, Volume: "147", FirstPage: "385"}},
		Publication: fair.Publication{Conference: fair.Conference{Name: "30th International Symposium on Lattice Field Theory", Acronym: "Lattice 2012",
			Place: "Cairns, Australia", Country: "AU", StartDate: "2012-06-24", EndDate: "2012-06-29",
			Identifier: fair.Identifier{Value: "C12-06-24", Type: fair.AltIDInspireCNUM}, URL: "https://www.physics.adelaide.edu.au/cssm/lattice2012/"}},
	}
}

// TestPublicationRoundTrip writes a publication as DataCite XML, checks it against the 4.7 XSD, reads it back and
// compares: everything comes back but what NotWritten names, and the raw affiliations of a creator without other
// affiliations, which come back as its affiliations.
func TestPublicationRoundTrip(t *testing.T) {
	in := publication()
	var unmapped []string
	for _, n := range datacite.NotWritten(in) {
		unmapped = append(unmapped, n.Path)
	}
	wantUnmapped := []string{"creators[1].rawAffiliations", "creators[1].affiliations[0].otherIdentifiers",
		"publication.conference.place", "publication.conference.country", "publication.conference.startDate",
		"publication.conference.endDate", "publication.conference.identifier"}
	if !reflect.DeepEqual(unmapped, wantUnmapped) {
		t.Errorf("NotWritten:\n got %q\nwant %q", unmapped, wantUnmapped)
	}
	xml := datacite.FromResource(in).MarshalXMLBytes()
	f := filepath.Join(t.TempDir(), "publication.xml")
	if err := os.WriteFile(f, xml, 0o600); err != nil {
		t.Fatal(err)
	}
	if v := testenv.DataCiteXSD(t, f)[f]; v != "" {
		t.Errorf("the XSD rejects the publication:\n%s\n%s", v, xml)
	}
	rec, _, err := datacite.ReadXML(xml)
	if err != nil {
		t.Fatal(err)
	}
	got := datacite.ToResource(rec)

	// What DataCite cannot hold, taken out of what went in.
	want := publication()
	want.Creators[1].RawAffiliations = nil
	want.Creators[1].Affiliations[0].OtherIdentifiers = nil
	want.Creators[2].Affiliations = []fair.Affiliation{{Name: want.Creators[2].RawAffiliations[0]}}
	want.Creators[2].RawAffiliations = nil
	want.Publication.Conference = fair.Conference{Name: in.Publication.Conference.Name, Acronym: in.Publication.Conference.Acronym,
		URL: in.Publication.Conference.URL}
	if !reflect.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", "  ")
		w, _ := json.MarshalIndent(want, "", "  ")
		t.Errorf("round trip through DataCite XML changed the record\nXML:\n%s\ngot:\n%s\nwant:\n%s", xml, g, w)
	}
}

// TestPublicationLongAuthorList keeps every author of a 3,000-author paper, in order.
func TestPublicationLongAuthorList(t *testing.T) {
	in := publication()
	for i := range 3000 {
		in.Creators = append(in.Creators, fair.Creator{Name: fmt.Sprintf("Author%d, N.", i), NameType: fair.NamePersonal,
			GivenName: "N.", FamilyName: fmt.Sprintf("Author%d", i), NameIdentifiers: []fair.NameIdentifier{
				{Value: fmt.Sprintf("INSPIRE-%08d", i), Scheme: fair.SchemeInspireID}}})
	}
	rec, _, err := datacite.ReadXML(datacite.FromResource(in).MarshalXMLBytes())
	if err != nil {
		t.Fatal(err)
	}
	got := datacite.ToResource(rec)
	names := func(cs []fair.Creator) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Name+" "+c.NameIdentifiers[len(c.NameIdentifiers)-1].Value)
		}
		return out
	}
	if len(got.Creators) != len(in.Creators) || !slices.Equal(names(got.Creators[3:]), names(in.Creators[3:])) {
		t.Errorf("%d creators came back of %d, or not in order", len(got.Creators), len(in.Creators))
	}
}
