package schemaorg_test

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/schemaorg"
)

func ExampleMarshal() {
	rec := &fair.Resource{
		Identifier:      fair.Identifier{Value: "10.5281/zenodo.4271", Type: "DOI"},
		Titles:          []fair.Title{{Title: "Calibrated air-shower events, run 4271"}},
		Descriptions:    []fair.Description{{Type: fair.DescriptionAbstract, Description: "Events of run 4271, calibrated."}},
		Creators:        []fair.Creator{{Name: "Lefèvre, Camille", NameType: fair.NamePersonal, GivenName: "Camille", FamilyName: "Lefèvre"}},
		Publisher:       fair.Publisher{Name: "CC-IN2P3"},
		PublicationYear: 2026,
		ResourceType:    fair.ResourceType{General: fair.ResourceTypeDataset},
		Rights:          []fair.Rights{{URI: "https://creativecommons.org/licenses/by/4.0/"}},
		Dates:           []fair.Date{{Date: "2026-03-01/2026-03-09", Type: fair.DateCollected}},
	}
	notWritten, err := schemaorg.Write(os.Stdout, rec)
	if err != nil {
		fmt.Println(err)
	}
	for _, n := range notWritten {
		fmt.Println("not written:", n)
	}
	// Output:
	// {
	//   "@context": "https://schema.org/",
	//   "@id": "https://doi.org/10.5281/zenodo.4271",
	//   "@type": "Dataset",
	//   "name": "Calibrated air-shower events, run 4271",
	//   "description": "Events of run 4271, calibrated.",
	//   "identifier": {
	//     "@type": "PropertyValue",
	//     "propertyID": "DOI",
	//     "value": "10.5281/zenodo.4271",
	//     "url": "https://doi.org/10.5281/zenodo.4271"
	//   },
	//   "creator": {
	//     "@type": "Person",
	//     "name": "Lefèvre, Camille",
	//     "givenName": "Camille",
	//     "familyName": "Lefèvre"
	//   },
	//   "publisher": {
	//     "@type": "Organization",
	//     "name": "CC-IN2P3"
	//   },
	//   "datePublished": "2026",
	//   "license": "https://creativecommons.org/licenses/by/4.0/",
	//   "includedInDataCatalog": {
	//     "@type": "DataCatalog",
	//     "name": "CC-IN2P3"
	//   }
	// }
	// not written: dates[0] = 2026-03-01/2026-03-09: schema.org has no property for date type Collected
}

func ExampleRead() {
	page := []byte(`<!DOCTYPE html><html><head>
<script type="application/ld+json">
{"@context": "http://schema.org", "@type": "Dataset", "@id": "https://doi.org/10.5281/zenodo.4271",
 "name": "Calibrated air-shower events, run 4271",
 "creator": {"@type": "Person", "name": "Camille Lefèvre", "sameAs": "https://orcid.org/0000-0002-1825-0097"},
 "variableMeasured": {"@type": "PropertyValue", "name": "energy", "unitText": "EeV"},
 "publisher": {"@type": "Organization", "name": "CC-IN2P3", "url": "https://cc.in2p3.fr/"}}
</script></head><body>...</body></html>`)
	rec, notRead, err := schemaorg.Read(page)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(rec.DOI(), "|", rec.MainTitle(), "|", rec.Creators[0].NameIdentifiers[0].Value)
	fmt.Printf("variable %s in %s\n", rec.Variables[0].Name, rec.Variables[0].Unit)
	for _, n := range notRead {
		fmt.Println("not read:", n)
	}
	// Output:
	// 10.5281/zenodo.4271 | Calibrated air-shower events, run 4271 | https://orcid.org/0000-0002-1825-0097
	// variable energy in EeV
	// not read: publisher.url = <https://cc.in2p3.fr/>: no fair.Resource field for this property
}

func ExampleProcessor_Canonicalize() {
	var p schemaorg.Processor // the zero value: embedded schema.org context, no network
	doc := []byte(`{"@context": "https://schema.org/", "@type": "Dataset", "name": "Run 4271",
		"creator": {"@type": "Person", "name": "Camille Lefèvre"}}`)
	nq, err := p.Canonicalize(context.Background(), doc)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(nq))
	fmt.Println(schemaorg.HashNQuads(nq))
	// Output:
	// _:c14n0 <http://schema.org/name> "Camille Lefèvre" .
	// _:c14n0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Person> .
	// _:c14n1 <http://schema.org/creator> _:c14n0 .
	// _:c14n1 <http://schema.org/name> "Run 4271" .
	// _:c14n1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://schema.org/Dataset> .
	// sha256:50123ac9fec9d12f3f2a210a1d8aa1f95c0bd22ad375a75718258397720a4e98
}

func ExampleProcessor_Expand_refused() {
	var p schemaorg.Processor
	_, err := p.Expand(context.Background(), []byte(`{"@context": "/etc/passwd", "name": "x"}`))
	fmt.Println(errors.Is(err, schemaorg.ErrContextRefused))
	fmt.Println(err)
	// Output:
	// true
	// schemaorg: expand: schemaorg: JSON-LD context "/etc/passwd" refused: not an absolute http(s) URL; local files are never read
}
