package hal_test

import (
	"context"
	"fmt"
	"os"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/hal"
)

// A record whose affiliations carry ROR IDs becomes a HAL deposit; the offline table resolves one laboratory, the
// other is kept as a new named structure for the cataloguer.
func ExampleWriter() {
	table := hal.NewTable([]hal.Structure{{
		ID: "struct-441569", Name: "Centre National de la Recherche Scientifique", Status: "VALID",
		Idnos: []hal.Idno{{Type: "ROR", Value: "https://ror.org/02feahw73"}},
	}})
	rec := &fair.Resource{
		Titles:       []fair.Title{{Title: "A measurement", Lang: "en"}},
		ResourceType: fair.ResourceType{General: fair.ResourceTypePreprint},
		Subjects:     []fair.Subject{{Subject: "hep-ex", Scheme: "arXiv"}},
		Creators: []fair.Creator{{
			Name: "Curie, Marie", GivenName: "Marie", FamilyName: "Curie", NameType: fair.NamePersonal,
			Affiliations: []fair.Affiliation{
				{Name: "CNRS", Identifier: "https://ror.org/02feahw73", IdentifierScheme: "ROR"},
				{Name: "Laboratoire inconnu"},
			},
		}},
	}
	dep, err := (&hal.Writer{Resolver: table}).Document(context.Background(), rec)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range dep.Resolutions {
		fmt.Printf("%s → %s (%s)\n", r.Name, r.Structure, r.Via)
	}
	for _, p := range hal.Check(dep.Document) {
		if p.Severity == hal.Refused {
			fmt.Println(p)
		}
	}
	// Output:
	// CNRS → struct-441569 (ror)
	// Laboratoire inconnu → localStruct-1 (new)
}

// Reading a HAL export gives the record with its authors' HAL structures.
func ExampleRead() {
	data, err := os.ReadFile("testdata/export.xml")
	if err != nil {
		fmt.Println(err)
		return
	}
	recs, _, err := hal.Read(data)
	if err != nil {
		fmt.Println(err)
		return
	}
	r := recs[0]
	fmt.Println(r.MainTitle())
	for _, c := range r.Creators {
		for _, a := range c.Affiliations {
			fmt.Println(c.Name, "|", a.Name, "|", a.Identifier, a.OtherIdentifiers)
		}
	}
	// Output:
	// A measurement of something
	// Curie, Marie | Laboratoire de Physique des 2 Infinis Irène Joliot-Curie | https://ror.org/03gc1p724 [{1234 HAL structure } {200918469Z RNSR }]
}
