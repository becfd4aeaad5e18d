package datacite_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// addSharedSeeds adds the shared DataCite files matching pattern as seeds, when the shared data is there.
func addSharedSeeds(f *testing.F, pattern string) {
	dir, ok := testenv.SharedDataDir()
	if !ok {
		return
	}
	files, _ := filepath.Glob(filepath.Join(dir, "datacite", pattern))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil && len(b) < 64<<10 {
			f.Add(b)
		}
	}
}

// FuzzReadXML: reading never panics, and what is read writes out as XML that reads back to the same XML.
func FuzzReadXML(f *testing.F) {
	f.Add([]byte(plainXML))
	f.Add([]byte(kernel3XML))
	f.Add([]byte(`<resource xmlns="http://datacite.org/schema/kernel-4"><geoLocations><geoLocation><geoLocationPlace>a</geoLocationPlace><geoLocationPlace>b</geoLocationPlace><geoLocationPolygon><polygonPoint><pointLongitude>NaN</pointLongitude></polygonPoint></geoLocationPolygon></geoLocation></geoLocations><publicationYear>٢٠٢٤</publicationYear></resource>`))
	f.Add([]byte("\xff\xfe<\x00r\x00/\x00>\x00"))
	addSharedSeeds(f, "examples/kernel-4.6/*.xml")
	addSharedSeeds(f, "invenio-pairs/4.5/*.xml")
	f.Fuzz(func(t *testing.T, data []byte) {
		rec, _, err := datacite.ReadXML(data)
		if err != nil {
			return
		}
		_ = datacite.Validate(rec)
		once := datacite.FromResource(datacite.ToResource(rec)).MarshalXMLBytes()
		again, _, err := datacite.ReadXML(once)
		if err != nil {
			t.Fatalf("written XML does not read back: %v\n%s", err, once)
		}
		if twice := again.MarshalXMLBytes(); !bytes.Equal(once, twice) {
			t.Fatalf("XML → read → XML is not stable:\n%s\n---\n%s", once, twice)
		}
	})
}

// FuzzReadJSON: reading never panics, and each record read writes out as JSON that reads back to the same JSON.
func FuzzReadJSON(f *testing.F) {
	f.Add([]byte(`{"data":{"id":"10.1/x","type":"dois","attributes":{"publisher":"P","publicationYear":"2020","creators":[{"name":"A","affiliation":["B",{"name":"C"}]}],"geoLocations":[{"geoLocationPoint":{"pointLatitude":"1.5","pointLongitude":2},"geoLocationPolygon":[[{"polygonPoint":{"pointLatitude":1,"pointLongitude":2}}]]}],"citationCount":3},"relationships":{"client":{"data":{"id":"c","type":"clients"}}}}}`))
	f.Add([]byte(`{"data":[{"type":"dois","attributes":{"doi":"10.1/y","identifiers":[{"identifier":"u","identifierType":"URL"}]}},{"id":"10.1/z"}]}`))
	f.Add([]byte(`{"doi":"10.1/x","relatedItems":[{"relatedItemType":"Journal","relationType":"IsPublishedIn","publicationYear":1999}]}`))
	// Older generations: Invenio 4.0/4.1, 4.2, the REST API of 2019.
	f.Add([]byte(`{"identifier":{"identifier":"10.1/X","identifierType":"DOI"},"creators":[{"creatorName":"A","affiliations":["B"]}],"resourceType":{"resourceTypeGeneral":"Dataset"},"rightsList":[{"rightsURI":"https://x"}],"fundingReferences":[{"funderName":"F","funderIdentifier":{"funderIdentifier":"f","funderIdentifierType":"ROR"},"awardNumber":{"awardNumber":"1","awardURI":"https://a"}}],"geoLocations":[{"geoLocationPolygon":{"polygonPoints":[{"pointLongitude":"1","pointLatitude":"2"}]}}]}`))
	f.Add([]byte(`{"identifiers":[{"identifier":"10.1/X","identifierType":"DOI"},{"identifier":"u","identifierType":"URL"}],"creators":[{"name":"A","affiliations":[{"affiliation":"B"}]}],"geoLocations":[{"geoLocationPolygons":[{"polygonPoints":[{"pointLongitude":"1","pointLatitude":"2"}],"inPolygonPoint":{"pointLongitude":"1","pointLatitude":"2"}}]}]}`))
	f.Add([]byte(`{"doi":"10.1/x","identifiers":[{"identifier":"https://doi.org/10.1/X","identifierType":"DOI"}],"alternateIdentifiers":[],"creators":[{"name":"A","affiliation":"B"}]}`))
	addSharedSeeds(f, "invenio-pairs/4.5/*.json")
	addSharedSeeds(f, "rest/10.*.json")
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, _, err := datacite.ReadJSON(data)
		if err != nil {
			return
		}
		for _, rec := range recs {
			_ = datacite.Validate(rec)
			_ = rec.MarshalXMLBytes()
			once, err := rec.MarshalJSONAPI()
			if err != nil {
				t.Fatalf("MarshalJSONAPI: %v", err)
			}
			again, _, err := datacite.ReadJSONRecord(once)
			if err != nil {
				t.Fatalf("written JSON does not read back: %v\n%s", err, once)
			}
			twice, err := again.MarshalJSONAPI()
			if err != nil || !bytes.Equal(once, twice) {
				t.Fatalf("JSON → read → JSON is not stable (%v):\n%s\n---\n%s", err, once, twice)
			}
		}
	})
}
