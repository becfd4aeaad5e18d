package csl_test

import (
	"fmt"
	"strings"

	"github.com/dop2i/fairmeta/csl"
)

const exampleItems = `[
  {"id": "lhcb2015", "type": "article-journal",
   "title": "Observation of J/ψp resonances consistent with pentaquark states in Λb0→J/ψK−p decays",
   "author": [{"literal": "LHCb Collaboration"}],
   "container-title": "Physical Review Letters", "container-title-short": "Phys. Rev. Lett.",
   "volume": "115", "issue": "7", "page": "072001", "DOI": "10.1103/PhysRevLett.115.072001",
   "issued": {"date-parts": [[2015, 8, 12]]}},
  {"id": "dataset", "type": "dataset", "title": "Cosmic-ray muon flux measurements",
   "author": [{"family": "Dupont", "given": "Marie-Claire"}, {"family": "van der Berg", "given": "Jan"}],
   "publisher": "CC-IN2P3", "version": "2.1", "DOI": "10.5072/example.1234",
   "issued": {"date-parts": [[2024]]}}
]`

func ExampleProcessor_Bibliography() {
	items, err := csl.ReadItems(strings.NewReader(exampleItems))
	if err != nil {
		panic(err)
	}
	style, err := csl.BundledStyle("apa")
	if err != nil {
		panic(err)
	}
	p, err := csl.New(style)
	if err != nil {
		panic(err)
	}
	entries, err := p.Bibliography(items, csl.Text)
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		fmt.Println(e.Text)
	}
	// Output:
	// Dupont, M.-C., & van der Berg, J. (2024). Cosmic-ray muon flux measurements (Version 2.1) [Dataset]. CC-IN2P3. https://doi.org/10.5072/example.1234
	// LHCb Collaboration. (2015). Observation of J/ψp resonances consistent with pentaquark states in Λb0→J/ψK−p decays. Physical Review Letters, 115(7), 072001. https://doi.org/10.1103/PhysRevLett.115.072001
}

func ExampleProcessor_Citations() {
	items, _ := csl.ReadItems(strings.NewReader(exampleItems))
	style, _ := csl.BundledStyle("physical-review-letters")
	p, err := csl.New(style)
	if err != nil {
		panic(err)
	}
	citations := []csl.Citation{
		{Items: []csl.CiteItem{{ID: "dataset"}}},
		{Items: []csl.CiteItem{{ID: "lhcb2015"}, {ID: "dataset"}}},
	}
	cites, err := p.Citations(items, citations, csl.Text)
	if err != nil {
		panic(err)
	}
	for _, c := range cites {
		fmt.Println(strings.TrimSpace(c)) // the style puts a no-break space before the bracket
	}
	entries, _ := p.CitedBibliography(items, citations, csl.Text)
	for _, e := range entries {
		fmt.Println(e.Text)
	}
	// Output:
	// [1]
	// [1,2]
	// [1] M.-C. Dupont and J. van der Berg, Cosmic-Ray Muon Flux Measurements, https://doi.org/10.5072/example.1234.
	// [2] LHCb Collaboration, Observation of J/ψp resonances consistent with pentaquark states in Λb0→J/ψK−p decays, Phys. Rev. Lett. 115, 072001 (2015).
}
