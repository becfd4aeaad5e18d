package datacite_test

import (
	"fmt"
	"os"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/fair"
)

func ExampleReadXML() {
	rec, _, err := datacite.ReadXML([]byte(`<?xml version="1.0" encoding="UTF-8"?>
<resource xmlns="http://datacite.org/schema/kernel-4">
  <identifier identifierType="DOI">10.82433/B09Z-4K37</identifier>
  <creators><creator><creatorName nameType="Personal">Lefèvre, Camille</creatorName></creator></creators>
  <titles><title xml:lang="en">Calibrated air-shower events</title></titles>
  <publisher>CC-IN2P3</publisher>
  <publicationYear>2026</publicationYear>
  <resourceType resourceTypeGeneral="Dataset">Event list</resourceType>
  <descriptions><description descriptionType="Abstract">Run 4271.<br/>Calibrated
    with the 2026 constants.</description></descriptions>
</resource>`))
	if err != nil {
		fmt.Println(err)
		return
	}
	res := datacite.ToResource(rec)
	fmt.Println(res.DOI(), res.MainTitle(), res.ResourceType.General, res.PublicationYear)
	// The newline and indentation are text; the <br/> is fair.LineBreak.
	fmt.Printf("%q\n", res.Descriptions[0].Description)
	// Output:
	// 10.82433/B09Z-4K37 Calibrated air-shower events Dataset 2026
	// "Run 4271.\u2028Calibrated\n    with the 2026 constants."
}

func ExampleValidate() {
	rec := &datacite.Record{
		DOI: "10.82433/b09z-4k37",
		Creators: []datacite.Creator{{
			Name: "Lefèvre, Camille", NameType: fair.NamePersonal,
			Affiliations: []datacite.Affiliation{{Name: "IJCLab", Identifier: "https://ror.org/03gc1p727", IdentifierScheme: "ROR"}},
		}},
		Titles:          []datacite.Title{{Title: "Calibrated air-shower events", Lang: "en_GB"}},
		Publisher:       datacite.Publisher{Name: "CC-IN2P3"},
		PublicationYear: 2026,
		Types:           datacite.Types{ResourceTypeGeneral: "dataset"},
	}
	for _, p := range datacite.Validate(rec) {
		fmt.Println(p)
	}
	// Output:
	// creators[0].affiliation[0].affiliationIdentifier: warning: ROR ID "https://ror.org/03gc1p727" has a wrong checksum (27, want 24)
	// titles[0].lang: error: "en_GB" is not a language tag; use BCP 47, e.g. en, fr, de-CH
	// types.resourceTypeGeneral: error: resourceTypeGeneral "dataset" is not in the DataCite 4.7 list; write "Dataset" (the list is case-sensitive)
}

func ExampleRecord_MarshalJSONAPI() {
	rec := &datacite.Record{
		DOI:             "10.82433/b09z-4k37",
		Event:           datacite.EventPublish,
		URL:             "https://data.example.org/runs/4271",
		Creators:        []datacite.Creator{{Name: "CC-IN2P3", NameType: fair.NameOrganizational}},
		Titles:          []datacite.Title{{Title: "Run 4271"}},
		Publisher:       datacite.Publisher{Name: "CC-IN2P3"},
		PublicationYear: 2026,
		Types:           datacite.Types{ResourceTypeGeneral: fair.ResourceTypeDataset},
	}
	body, err := rec.MarshalJSONAPI()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(body))
	// Output:
	// {"data":{"id":"10.82433/b09z-4k37","type":"dois","attributes":{"doi":"10.82433/b09z-4k37","event":"publish","url":"https://data.example.org/runs/4271","creators":[{"name":"CC-IN2P3","nameType":"Organizational"}],"titles":[{"title":"Run 4271"}],"publisher":{"name":"CC-IN2P3"},"publicationYear":2026,"types":{"resourceTypeGeneral":"Dataset"}}}}
}

func ExampleReadJSONRecord() {
	// A REST API response, shortened.
	resp := []byte(`{"data":{"id":"10.82433/b09z-4k37","type":"dois","attributes":{
		"doi":"10.82433/b09z-4k37","state":"findable","url":"https://data.example.org/runs/4271",
		"creators":[{"name":"Lefèvre, Camille","affiliation":["IJCLab"]}],"titles":[{"title":"Run 4271"}],
		"publisher":"CC-IN2P3","publicationYear":"2026","types":{"resourceTypeGeneral":"Dataset"},
		"citationCount":3},
		"relationships":{"client":{"data":{"id":"in2p3.cc","type":"clients"}}}}}`)
	rec, _, err := datacite.ReadJSONRecord(resp)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rec.DOI, rec.State, rec.Client, rec.PublicationYear, rec.Creators[0].Affiliations[0].Name, string(rec.Extra["citationCount"]))
	// Output:
	// 10.82433/b09z-4k37 findable in2p3.cc 2026 IJCLab 3
}

func ExampleRecord_WriteXML() {
	res := &fair.Resource{
		Identifier:      fair.Identifier{Value: "10.82433/b09z-4k37", Type: "DOI"},
		Creators:        []fair.Creator{{Name: "CC-IN2P3", NameType: fair.NameOrganizational}},
		Titles:          []fair.Title{{Title: "Run 4271"}},
		Publisher:       fair.Publisher{Name: "CC-IN2P3"},
		PublicationYear: 2026,
		ResourceType:    fair.ResourceType{General: fair.ResourceTypeDataset},
		Keywords:        []string{"cosmic rays"},
	}
	if err := datacite.FromResource(res).WriteXML(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// <?xml version="1.0" encoding="UTF-8"?>
	// <resource xmlns="http://datacite.org/schema/kernel-4" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://datacite.org/schema/kernel-4 https://schema.datacite.org/meta/kernel-4.7/metadata.xsd">
	//   <identifier identifierType="DOI">10.82433/b09z-4k37</identifier>
	//   <creators>
	//     <creator>
	//       <creatorName nameType="Organizational">CC-IN2P3</creatorName>
	//     </creator>
	//   </creators>
	//   <titles>
	//     <title>Run 4271</title>
	//   </titles>
	//   <publisher>CC-IN2P3</publisher>
	//   <publicationYear>2026</publicationYear>
	//   <resourceType resourceTypeGeneral="Dataset"></resourceType>
	//   <subjects>
	//     <subject>cosmic rays</subject>
	//   </subjects>
	// </resource>
}

func ExampleDeriveTypes() {
	for _, t := range []datacite.Types{
		{ResourceTypeGeneral: fair.ResourceTypeDataset},
		{ResourceTypeGeneral: fair.ResourceTypeText, ResourceType: "Journal article"},
		{ResourceTypeGeneral: fair.ResourceTypeSoftware},
	} {
		d := datacite.DeriveTypes(t)
		fmt.Println(d.SchemaOrg, d.Citeproc, d.Bibtex, d.RIS)
	}
	// Output:
	// Dataset dataset misc DATA
	// ScholarlyArticle article-journal article JOUR
	// SoftwareSourceCode article misc COMP
}
