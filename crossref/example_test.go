package crossref_test

import (
	"fmt"

	"github.com/dop2i/fairmeta/crossref"
)

// Read a Crossref /works message: the journal is the related item the article is published in.
func Example() {
	msg := []byte(`{"status": "ok", "message-type": "work", "message": {
	  "DOI": "10.1103/PhysRevD.93.016005", "type": "journal-article", "publisher": "American Physical Society (APS)",
	  "title": ["Perturbative renormalization of neutron-antineutron operators"],
	  "author": [{"given": "Michael I.", "family": "Buchoff", "sequence": "first",
	              "affiliation": [{"name": "Lawrence Livermore National Laboratory"}]}],
	  "container-title": ["Physical Review D"], "short-container-title": ["Phys. Rev. D"],
	  "volume": "93", "issue": "1", "article-number": "016005", "ISSN": ["2470-0010"],
	  "issued": {"date-parts": [[2016, 1, 12]]}}}`)
	recs, notRead, err := crossref.Read(msg)
	if err != nil {
		fmt.Println(err)
		return
	}
	r := recs[0]
	j := r.Container()
	fmt.Println(r.ResourceType.General, r.Identifier.Value, r.PublicationYear)
	fmt.Println(r.Creators[0].Name, "|", r.Creators[0].Affiliations[0].Name)
	fmt.Println(j.Titles[0].Title, j.Identifier.Identifier, j.Volume, j.Issue, j.Number)
	fmt.Println(len(notRead), "notes")
	// Output:
	// JournalArticle 10.1103/physrevd.93.016005 2016
	// Buchoff, Michael I. | Lawrence Livermore National Laboratory
	// Physical Review D 2470-0010 93 1 016005
	// 0 notes
}
