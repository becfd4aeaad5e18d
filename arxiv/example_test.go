package arxiv_test

import (
	"fmt"

	"github.com/dop2i/fairmeta/arxiv"
)

// Read an OAI-PMH record in the arXivRaw format: arXiv's DOI identifies the e-print, the author list is one string.
func Example() {
	xml := []byte(`<arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/">
	  <id>hep-th/9901001</id>
	  <version version="v1"><date>Fri, 1 Jan 1999 10:00:00 GMT</date><size>20kb</size></version>
	  <title>An example</title>
	  <authors>A. Bal\'azs (CERN), C. Dupont and the SYNTH Collaboration</authors>
	  <categories>hep-th hep-ph</categories>
	</arXivRaw>`)
	recs, _, err := arxiv.Read(xml)
	if err != nil {
		fmt.Println(err)
		return
	}
	r := recs[0]
	fmt.Println(r.Identifier.Value, r.ArXivID(), r.Version, r.ArXivPrimaryCategory(), r.PublicationYear)
	for _, c := range r.Creators {
		fmt.Println(c.NameType, c.Name, c.Affiliations)
	}
	// Output:
	// 10.48550/arXiv.hep-th/9901001 hep-th/9901001 v1 hep-th 1999
	// Personal Balázs, A. [{CERN    []}]
	// Personal Dupont, C. []
	// Organizational the SYNTH Collaboration []
}
