package fair_test

import (
	"fmt"
	"testing"

	"github.com/dop2i/fairmeta/fair"
)

func TestArXivDOI(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"2101.00001v3", "10.48550/arXiv.2101.00001"},
		{"arXiv:hep-th/9901001", "10.48550/arXiv.hep-th/9901001"},
		{"https://arxiv.org/abs/0704.0001v1", "10.48550/arXiv.0704.0001"},
		{"not an id", ""},
	} {
		if got := fair.ArXivDOI(tc.in); got != tc.want {
			t.Errorf("ArXivDOI(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestResourceArXivID(t *testing.T) {
	for _, tc := range []struct {
		name string
		r    fair.Resource
		want string
	}{
		{"alternate", fair.Resource{AlternateIdentifiers: []fair.Identifier{{Value: "x", Type: "local"}, {Value: "1205.1659v2", Type: "arxiv"}}}, "1205.1659"},
		{"arXiv DOI", fair.Resource{Identifier: fair.Identifier{Value: "10.48550/ARXIV.hep-ph/0101001", Type: "DOI"}}, "hep-ph/0101001"},
		{"primary arXiv", fair.Resource{Identifier: fair.Identifier{Value: "2301.00002", Type: "arXiv"}}, "2301.00002"},
		{"bad alternate", fair.Resource{AlternateIdentifiers: []fair.Identifier{{Value: "2113.00001", Type: "arXiv"}}}, ""},
		{"none", fair.Resource{Identifier: fair.Identifier{Value: "10.1103/x", Type: "DOI"}}, ""},
	} {
		if got := tc.r.ArXivID(); got != tc.want {
			t.Errorf("%s: ArXivID() = %q, want %q", tc.name, got, tc.want)
		}
	}
}

func TestResourcePublicationAccessors(t *testing.T) {
	r := fair.Resource{
		Subjects: []fair.Subject{{Subject: "Lattice", Scheme: "INSPIRE"}, {Subject: "hep-lat", Scheme: fair.SubjectSchemeArXiv},
			{Subject: "hep-ph", Scheme: fair.SubjectSchemeArXiv}},
		RelatedItems: []fair.RelatedItem{{RelationType: fair.RelIsPartOf}, {RelationType: fair.RelIsPublishedIn, Volume: "86"}},
		AlternateIdentifiers: []fair.Identifier{{Value: "DESY-12-065", Type: fair.AltIDReportNumber}, {Value: "1", Type: fair.AltIDInspire},
			{Value: "EDINBURGH-2012-04", Type: "Report Number"}},
	}
	if got := r.ArXivPrimaryCategory(); got != "hep-lat" {
		t.Errorf("ArXivPrimaryCategory() = %q, want hep-lat", got)
	}
	if c := r.Container(); c == nil || c.Volume != "86" {
		t.Errorf("Container() = %+v, want the IsPublishedIn item", c)
	} else {
		c.Issue = "5"
		if r.RelatedItems[1].Issue != "5" {
			t.Errorf("Container() does not point into the record")
		}
	}
	if got := fmt.Sprint(r.AlternateIdentifiersOf(fair.AltIDReportNumber)); got != "[DESY-12-065 EDINBURGH-2012-04]" {
		t.Errorf("AlternateIdentifiersOf(report number) = %s", got)
	}
	if (&fair.Resource{}).Container() != nil || !(fair.Publication{}).IsZero() {
		t.Errorf("the zero Resource has a container or a publication")
	}
}

// A journal article as publication sources describe it: the journal is the related item it is published in, the
// arXiv identifier and report numbers are alternate identifiers, the arXiv categories are subjects.
func ExampleResource_Container() {
	r := fair.Resource{
		Identifier:   fair.Identifier{Value: "10.1103/PhysRevD.86.054502", Type: "DOI"},
		ResourceType: fair.ResourceType{General: fair.ResourceTypeJournalArticle},
		Creators: []fair.Creator{{Name: "QCDSF Collaboration", NameType: fair.NameOrganizational},
			{Name: "Horsley, R.", NameType: fair.NamePersonal, NameIdentifiers: []fair.NameIdentifier{
				{Value: "R.Horsley.1", Scheme: fair.SchemeInspireBAI}}}},
		AlternateIdentifiers: []fair.Identifier{{Value: "1205.1659", Type: fair.AltIDArXiv},
			{Value: "DESY-12-065", Type: fair.AltIDReportNumber}},
		Subjects: []fair.Subject{{Subject: "hep-lat", Scheme: fair.SubjectSchemeArXiv}},
		RelatedItems: []fair.RelatedItem{{Type: fair.ResourceTypeJournal, RelationType: fair.RelIsPublishedIn,
			Titles: []fair.Title{{Title: "Phys.Rev.D"}}, Volume: "86", Number: "054502", NumberType: fair.NumberArticle}},
	}
	j := r.Container()
	fmt.Println(j.Titles[0].Title, j.Volume, j.Number)
	fmt.Println(r.ArXivID(), r.ArXivPrimaryCategory(), fair.ArXivDOI(r.ArXivID()))
	fmt.Println(r.AlternateIdentifiersOf(fair.AltIDReportNumber))
	// Output:
	// Phys.Rev.D 86 054502
	// 1205.1659 hep-lat 10.48550/arXiv.1205.1659
	// [DESY-12-065]
}

func TestAffiliationAddIdentifier(t *testing.T) {
	var a fair.Affiliation
	steps := []struct {
		value, scheme string
		added         bool
	}{
		{"902725", fair.OrgSchemeInspire, true},
		{"902725", "inspire", false},
		{"1002772", fair.OrgSchemeHALStructure, true},
		{"https://ror.org/01ggx4157", "ROR", true},
		{"https://ror.org/01ggx4157", "ROR", false},
		{"https://ror.org/02feahw73", "ROR", true},
	}
	for _, s := range steps {
		if got := a.AddIdentifier(s.value, s.scheme, ""); got != s.added {
			t.Errorf("AddIdentifier(%q, %q) = %v, want %v", s.value, s.scheme, got, s.added)
		}
	}
	want := []fair.NameIdentifier{{Value: "https://ror.org/01ggx4157", Scheme: "ROR"}, {Value: "902725", Scheme: "INSPIRE"},
		{Value: "1002772", Scheme: "HAL structure"}, {Value: "https://ror.org/02feahw73", Scheme: "ROR"}}
	if got := a.Identifiers(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Identifiers() = %v, want %v", got, want)
	}
}
