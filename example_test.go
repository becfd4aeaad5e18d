package fairmeta_test

import (
	"encoding/json"
	"fmt"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/schemaorg"
)

// A pipeline describes the dataset it wrote, checks an identifier, validates the record against what DataCite
// requires, and writes the landing page's schema.org JSON-LD — all through one fair.Resource.
func Example() {
	rec := &fair.Resource{
		Identifier:      fair.Identifier{Value: "10.5072/run-4271", Type: "DOI"},
		Titles:          []fair.Title{{Title: "Calibrated events, run 4271"}},
		Creators:        []fair.Creator{{Name: "Lefèvre, Camille", NameType: fair.NamePersonal}},
		Publisher:       fair.Publisher{Name: "CC-IN2P3"},
		PublicationYear: 2026,
		ResourceType:    fair.ResourceType{General: fair.ResourceTypeDataset},
		URL:             "https://data.example.org/runs/4271",
	}

	orcid, err := fair.DetectPID("0000-0002-1825-0097")
	if err != nil {
		fmt.Println(err)
		return
	}
	rec.Creators[0].NameIdentifiers = []fair.NameIdentifier{{Value: orcid.URL, Scheme: "ORCID", SchemeURI: "https://orcid.org"}}

	fmt.Println("DataCite errors:", len(datacite.ValidateResource(rec).Errors()))

	doc, _, err := schemaorg.Marshal(rec)
	if err != nil {
		fmt.Println(err)
		return
	}
	var node struct {
		ID   string `json:"@id"`
		Type string `json:"@type"`
	}
	if err := json.Unmarshal(doc, &node); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(node.Type, node.ID)
	// Output:
	// DataCite errors: 0
	// Dataset https://doi.org/10.5072/run-4271
}
