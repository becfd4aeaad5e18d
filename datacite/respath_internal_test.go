package datacite

import (
	"fmt"
	"testing"

	"github.com/dop2i/fairmeta/fair"
)

// TestValidateResourcePathsDerived checks the list elements FromResource adds: the rights entry written for
// AccessRights, the relatedItem of a conference, keywords behind a subject of the same text.
func TestValidateResourcePathsDerived(t *testing.T) {
	ror, _ := fair.RORAffiliation("IJCLab", "https://ror.org/03gc1p724")
	res := &fair.Resource{
		Identifier: fair.Identifier{Value: "10.5072/x", Type: "DOI"},
		Creators:   []fair.Creator{{Name: "Curie, Marie", NameType: fair.NamePersonal, Affiliations: []fair.Affiliation{ror}}},
		Titles:     []fair.Title{{Title: "Runs"}}, Publisher: fair.Publisher{Name: "CC-IN2P3"}, PublicationYear: 2026,
		ResourceType: fair.ResourceType{General: fair.ResourceTypeDataset},
		Subjects:     []fair.Subject{{Subject: "Physics", Scheme: "PACS"}, {Subject: "calorimetry"}},
		Keywords:     []string{"Calorimetry", "detectors", "test beam"},
		Rights:       []fair.Rights{{Rights: "CC BY 4.0"}}, AccessRights: fair.AccessOpen,
		Publication: fair.Publication{Conference: fair.Conference{Name: "CHEP 2026"}},
		URL:         "https://data.example.org/runs",
	}
	rec := FromResource(res)
	n := len(res.Rights)
	if got := resourcePath(res, rec, fmt.Sprintf("rightsList[%d].rightsUri", n)); got != "accessRights" {
		t.Errorf("the access-rights entry: %q", got)
	}
	last := len(rec.RelatedItems) - 1
	if got := resourcePath(res, rec, fmt.Sprintf("relatedItems[%d].titles[0].title", last)); got != "publication.conference" {
		t.Errorf("the conference: %q", got)
	}
	// subjects: 2 of the resource, then keywords[1] and [2] (keywords[0] "Calorimetry" is subjects[1] "calorimetry").
	for i, want := range []string{"subjects[1].subject", "keywords[1]", "keywords[2]"} {
		if got := resourcePath(res, rec, fmt.Sprintf("subjects[%d].subject", i+1)); got != want {
			t.Errorf("subjects[%d]: %q, want %q", i+1, got, want)
		}
	}
	for _, p := range []string{"", "event", "state", "prefix"} {
		if got := resourcePath(res, rec, p); got != p {
			t.Errorf("%q became %q; a request's member keeps its name", p, got)
		}
	}
	// ValidateMint of a Resource speaks the same terms; of a Record, DataCite's.
	res.Creators[0].Affiliations[0].Identifier = "https://ror.org/03gc1p725"
	res.Identifier = fair.Identifier{}
	mr := ValidateMint(MintRequest{Resource: res, Prefix: "10.5072", Event: EventPublish})
	if len(mr) != 1 || mr[0].Path != "creators[0].affiliations[0].identifier" {
		t.Errorf("ValidateMint of a Resource: %v", mr)
	}
	mr = ValidateMint(MintRequest{Record: FromResource(res), Prefix: "10.5072", Event: EventPublish})
	if len(mr) != 1 || mr[0].Path != "creators[0].affiliation[0].affiliationIdentifier" {
		t.Errorf("ValidateMint of a Record: %v", mr)
	}
	mr = ValidateMint(MintRequest{Resource: res, Prefix: "10/x", Event: "publish"})
	if len(mr) == 0 || mr[0].Path != "prefix" {
		t.Errorf("ValidateMint with a bad prefix: %v", mr)
	}
}
