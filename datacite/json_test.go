package datacite_test

import (
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testdiff"
)

func TestReadJSONForms(t *testing.T) {
	attrs := `{"doi":"10.82433/x","publisher":"P","publicationYear":"2020","creators":[{"name":"A","affiliation":["B",{"name":"C","affiliationIdentifier":"https://ror.org/03gc1p724"}]}],
		"geoLocations":[{"geoLocationPoint":{"pointLatitude":"1.5","pointLongitude":2},"geoLocationPolygon":[[{"polygonPoint":{"pointLatitude":1,"pointLongitude":2}}],[{"inPolygonPoint":{"pointLatitude":3,"pointLongitude":4}}]]}],
		"relatedItems":[{"relatedItemType":"Journal","relationType":"IsPublishedIn","publicationYear":1999}],"types":{"resourceTypeGeneral":"Dataset"}}`
	forms := map[string]string{
		"bare":   attrs,
		"single": `{"data":{"id":"10.82433/x","type":"dois","attributes":` + attrs + `}}`,
		"list":   `{"data":[{"id":"10.82433/x","type":"dois","attributes":` + attrs + `}],"meta":{"total":1},"links":{"self":"x"}}`,
		"BOM":    "\ufeff" + attrs,
	}
	for name, in := range forms {
		t.Run(name, func(t *testing.T) {
			r, _, err := datacite.ReadJSONRecord([]byte(in))
			if err != nil {
				t.Fatal(err)
			}
			if r.Publisher.Name != "P" || r.PublicationYear != 2020 || r.Creators[0].Affiliations[0].Name != "B" ||
				r.Creators[0].Affiliations[1].Identifier != "https://ror.org/03gc1p724" {
				t.Errorf("publisher, year or affiliations misread: %+v", r)
			}
			g := r.GeoLocations[0]
			if *g.Point != (datacite.GeoPoint{Longitude: 2, Latitude: 1.5}) || len(g.Polygons) != 2 || g.Polygons[1].InPolygonPoint.Latitude != 3 {
				t.Errorf("geoLocation misread: %+v", g)
			}
			if r.RelatedItems[0].PublicationYear != 1999 {
				t.Errorf("related item year %d, want 1999", r.RelatedItems[0].PublicationYear)
			}
		})
	}
}

func TestReadJSONUnknownNestedKey(t *testing.T) {
	r, notRead, err := datacite.ReadJSONRecord([]byte(`{"doi":"10.82433/x","creators":[{"name":"A","email":"a@b.c","nameIdentifiers":[{"nameIdentifier":"x","nameIdentifierScheme":"ORCID","extra":1}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	// The reader says what it did not keep, and validation says it again.
	testdiff.Check(t, "notRead", notRead, fair.Notes{
		{Path: "creators[0]", Reason: `key "email" is not DataCite metadata and is not kept`},
		{Path: "creators[0].nameIdentifiers[0]", Reason: `key "extra" is not DataCite metadata and is not kept`},
	})
	var got []string
	for _, p := range datacite.Validate(r) {
		if strings.Contains(p.Message, "not kept") {
			got = append(got, p.String())
		}
	}
	want := []string{
		`creators[0]: warning: key "email" is not DataCite metadata and is not kept`,
		`creators[0].nameIdentifiers[0]: warning: key "extra" is not DataCite metadata and is not kept`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestReadJSONErrors(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"empty", "", "empty input"},
		{"array", "[1]", "want a JSON object"},
		{"malformed", "{\"doi\": }", "JSON line 1, column 9"},
		{"trailing", `{"doi":"x"} x`, "data after the JSON document"},
		{"year", `{"publicationYear": "MMXX"}`, `publicationYear: "MMXX" is not a year`},
		{"wrong type deep", "{\"creators\": [{\"name\": \"a\"},\n {\"name\": 3}]}", "JSON line 2"},
		{"other resource", `{"data":{"type":"clients","id":"x","attributes":{}}}`, `resource type "clients" is not a DOI record`},
		{"bad meta", `{"data":[],"meta":{]}`, "JSON line 1"},
		{"bad coordinate", `{"geoLocations":[{"geoLocationPoint":{"pointLatitude":"north"}}]}`, "not a number"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := datacite.ReadJSON([]byte(c.in))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
	if _, _, err := datacite.ReadJSONRecord([]byte(`{"data":[]}`)); err == nil || !strings.Contains(err.Error(), "holds 0 records") {
		t.Errorf("ReadJSONRecord of an empty list: %v", err)
	}
}

func TestRecordJSONRoundTripKeepsREST(t *testing.T) {
	in := `{"data":{"id":"10.82433/x","type":"dois","attributes":{"doi":"10.82433/x","state":"findable","url":"https://e.org/x","viewCount":3,"identifiers":[{"identifier":"u","identifierType":"URL"}],"alternateIdentifiers":[]},"relationships":{"client":{"data":{"id":"a.b","type":"clients"}}}}}`
	r, _, err := datacite.ReadJSONRecord([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if r.Client != "a.b" || r.State != datacite.StateFindable || string(r.Extra["viewCount"]) != "3" || len(r.AlternateIdentifiers) != 0 {
		t.Errorf("REST attributes misread: %+v", r)
	}
	out, err := r.MarshalJSONAPI()
	if err != nil {
		t.Fatal(err)
	}
	again, _, err := datacite.ReadJSONRecord(out)
	if err != nil {
		t.Fatal(err)
	}
	if string(again.Extra["identifiers"]) != `[{"identifier":"u","identifierType":"URL"}]` || len(again.AlternateIdentifiers) != 0 || again.Client != "a.b" {
		t.Errorf("written and read again: %s", out)
	}
}
