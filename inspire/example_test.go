package inspire_test

import (
	"fmt"

	"github.com/dop2i/fairmeta/inspire"
)

// Read an INSPIRE literature record and resolve its affiliation offline from an institution record.
func Example() {
	literature := []byte(`{"metadata": {
	  "$schema": "https://inspirehep.net/schemas/records/hep.json", "control_number": 1113908,
	  "document_type": ["article"], "titles": [{"title": "Wilson loops to 20th order"}],
	  "authors": [{"full_name": "Horsley, R.", "ids": [{"schema": "INSPIRE BAI", "value": "R.Horsley.1"}],
	    "affiliations": [{"value": "CERN", "record": {"$ref": "https://inspirehep.net/api/institutions/902725"}}]}],
	  "arxiv_eprints": [{"value": "1205.1659", "categories": ["hep-lat"]}],
	  "dois": [{"value": "10.1103/PhysRevD.86.054502"}],
	  "publication_info": [{"journal_title": "Phys.Rev.D", "journal_volume": "86", "artid": "054502", "year": 2012}]}}`)
	institution := []byte(`{"$schema": "https://inspirehep.net/schemas/records/institutions.json", "control_number": 902725,
	  "ICN": ["CERN"], "external_system_identifiers": [{"schema": "ROR", "value": "https://ror.org/01ggx4157"}]}`)

	recs, _, err := inspire.Read(literature)
	if err != nil {
		fmt.Println(err)
		return
	}
	r := recs[0]
	j := r.Container()
	fmt.Println(r.ResourceType.General, r.Identifier.Value, r.ArXivID(), r.ArXivPrimaryCategory())
	fmt.Println(j.Titles[0].Title, j.Volume, j.Number, j.PublicationYear)

	var lk inspire.Lookup
	if _, err := lk.Add(institution); err != nil {
		fmt.Println(err)
		return
	}
	lk.Resolve(r)
	a := r.Creators[0].Affiliations[0]
	fmt.Println(r.Creators[0].Name, "|", a.Name, a.Identifier, a.OtherIdentifiers[0].Scheme, a.OtherIdentifiers[0].Value)
	// Output:
	// JournalArticle 10.1103/physrevd.86.054502 1205.1659 hep-lat
	// Phys.Rev.D 86 054502 2012
	// Horsley, R. | CERN https://ror.org/01ggx4157 INSPIRE 902725
}
