package datacite_test

import (
	"testing"

	"github.com/dop2i/fairmeta/datacite"
)

// TestDeriveTypesAsDataCite derives schemaOrg, citeproc, bibtex and ris from resourceTypeGeneral and resourceType
// alone for every shared REST record and compares with what the API wrote. The one record whose client sent its own
// bibtex type is the known exception (the API keeps a type a client gives, and so does DeriveTypes).
func TestDeriveTypesAsDataCite(t *testing.T) {
	recs, _, names := restRecords(t)
	same, n := 0, 0
	for i, rec := range recs {
		got := datacite.DeriveTypes(datacite.Types{ResourceTypeGeneral: rec.Types.ResourceTypeGeneral, ResourceType: rec.Types.ResourceType})
		n++
		if got == rec.Types {
			same++
			continue
		}
		if names[i] == "10.4230_lipics.tqc.2013.93.json#10.4230/lipics.tqc.2013.93" && got.Bibtex == "article" && rec.Types.Bibtex == "inproceedings" {
			continue // sent by the client
		}
		t.Errorf("%s: derived %+v, DataCite wrote %+v", names[i], got, rec.Types)
	}
	t.Logf("%d of %d REST records: all four derived types as DataCite wrote them", same, n)
	if kept := datacite.DeriveTypes(recs[0].Types); kept != recs[0].Types {
		t.Errorf("types given are not kept: %+v → %+v", recs[0].Types, kept)
	}
}
