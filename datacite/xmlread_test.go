package datacite_test

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/fair"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

const plainXML = `<?xml version="1.0" encoding="UTF-8"?>
<resource xmlns="http://datacite.org/schema/kernel-4" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://datacite.org/schema/kernel-4 https://schema.datacite.org/meta/kernel-4/metadata.xsd">
  <identifier identifierType="DOI">10.82433/B09Z-4K37</identifier>
  <creators><creator><creatorName xml:lang="fr" nameType="Personal">Lefèvre, Camille</creatorName><givenName>Camille</givenName></creator></creators>
  <titles><title xml:lang="fr">Événements « calibrés » à Malargüe</title></titles>
  <publisher>Centre de Calcul de l'IN2P3</publisher>
  <publicationYear>2026</publicationYear>
  <resourceType resourceTypeGeneral="Dataset">Liste d'événements</resourceType>
  <descriptions><description descriptionType="Abstract">Première ligne<br/>deuxième ligne</description></descriptions>
</resource>`

// TestReadEncodingsAndPrefixes reads the same record in every encoding and namespace form and wants the same result.
func TestReadEncodingsAndPrefixes(t *testing.T) {
	want, _, err := datacite.ReadXML([]byte(plainXML))
	if err != nil {
		t.Fatal(err)
	}
	if got := want.Descriptions[0].Description; got != "Première ligne"+fair.LineBreak+"deuxième ligne" {
		t.Fatalf("description read as %q", got)
	}
	declared := func(enc string) string { return strings.Replace(plainXML, `encoding="UTF-8"`, `encoding="`+enc+`"`, 1) }
	encode := func(e interface{ Bytes([]byte) ([]byte, error) }, s string) []byte {
		b, err := e.Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	prefixed := regexp.MustCompile(`<(/?)([a-zA-Z])`).ReplaceAllString(
		strings.Replace(plainXML, `xmlns="http://datacite.org/schema/kernel-4"`, `xmlns:dc="http://datacite.org/schema/kernel-4"`, 1), "<${1}dc:$2")
	cases := map[string][]byte{
		"UTF-8 BOM":                 append([]byte("\xef\xbb\xbf"), plainXML...),
		"UTF-16LE BOM":              encode(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder(), declared("UTF-16")),
		"UTF-16BE BOM":              encode(unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder(), declared("UTF-16")),
		"UTF-16LE without BOM":      encode(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder(), declared("UTF-16LE")),
		"ISO-8859-1":                encode(charmap.ISO8859_1.NewEncoder(), strings.NewReplacer("«", `"`, "»", `"`).Replace(declared("ISO-8859-1"))),
		"prefix":                    []byte(prefixed),
		"no declaration":            []byte(plainXML[strings.Index(plainXML, "<resource"):]),
		"CRLF line ends":            []byte(strings.ReplaceAll(plainXML, "\n", "\r\n")),
		"comments and CDATA":        []byte(strings.Replace(plainXML, "<publisher>Centre de Calcul de l'IN2P3</publisher>", "<!-- c --><publisher><![CDATA[Centre de Calcul de l'IN2P3]]></publisher>", 1)),
		"entities":                  []byte(strings.Replace(plainXML, "l'IN2P3</publisher>", "l&apos;IN2P3</publisher>", 1)),
		"attributes in other order": []byte(strings.Replace(plainXML, `xml:lang="fr" nameType="Personal"`, `nameType="Personal" xml:lang="fr"`, 1)),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			got, _, err := datacite.ReadXML(data)
			if err != nil {
				t.Fatalf("ReadXML: %v", err)
			}
			w := datacite.ToResource(want)
			if name == "ISO-8859-1" {
				w.Titles[0].Title = strings.NewReplacer("«", `"`, "»", `"`).Replace(w.Titles[0].Title)
			}
			if g := datacite.ToResource(got); !reflect.DeepEqual(g, w) {
				t.Errorf("got %+v\nwant %+v", g, w)
			}
			if errs := datacite.Validate(got).Errors(); len(errs) > 0 {
				t.Errorf("Validate: %v", errs)
			}
		})
	}
}

func TestReadXMLErrors(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"empty", "", "no root element"},
		{"not XML", "hello", "text before the root element"},
		{"wrong root", `<record xmlns="http://datacite.org/schema/kernel-4"/>`, "root element is <record>"},
		{"unclosed", "<resource xmlns=\"http://datacite.org/schema/kernel-4\">\n<titles>", "XML line 2"},
		{"mismatched", "<resource xmlns=\"http://datacite.org/schema/kernel-4\">\n<titles></title>\n</resource>", "XML line 2"},
		{"two roots", `<resource xmlns="http://datacite.org/schema/kernel-4"/><resource/>`, "after the root element"},
		{"unknown encoding", `<?xml version="1.0" encoding="EBCDIC-XYZ"?><resource/>`, "EBCDIC-XYZ"},
		{"undefined entity", `<resource xmlns="http://datacite.org/schema/kernel-4"><version>&nbsp;</version></resource>`, "entity"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := datacite.ReadXML([]byte(c.in))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}

const kernel3XML = `<?xml version="1.0" encoding="UTF-8"?>
<resource xmlns="http://datacite.org/schema/kernel-3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://datacite.org/schema/kernel-3 http://schema.datacite.org/meta/kernel-3/metadata.xsd">
  <identifier identifierType="DOI">10.5072/K3-EXAMPLE</identifier>
  <creators><creator><creatorName>Auger Collaboration</creatorName></creator></creators>
  <titles><title>Surface detector events</title></titles>
  <publisher>Pierre Auger Observatory</publisher>
  <publicationYear>2014</publicationYear>
  <resourceType resourceTypeGeneral="Dataset">Events</resourceType>
  <contributors>
    <contributor contributorType="Funder">
      <contributorName>Agence Nationale de la Recherche</contributorName>
      <nameIdentifier nameIdentifierScheme="FundRef" schemeURI="http://www.crossref.org/fundref/">https://doi.org/10.13039/501100001665</nameIdentifier>
    </contributor>
    <contributor contributorType="HostingInstitution"><contributorName>CC-IN2P3</contributorName></contributor>
  </contributors>
  <geoLocations>
    <geoLocation>
      <geoLocationPoint>-35.206667 -69.315833</geoLocationPoint>
      <geoLocationBox>-36.0 -70.0 -35.0 -68.5</geoLocationBox>
      <geoLocationPlace>Malargüe</geoLocationPlace>
    </geoLocation>
  </geoLocations>
</resource>`

func TestReadKernel3(t *testing.T) {
	rec, _, err := datacite.ReadXML([]byte(kernel3XML))
	if err != nil {
		t.Fatal(err)
	}
	wantFunding := []datacite.FundingReference{{FunderName: "Agence Nationale de la Recherche", FunderIdentifier: "https://doi.org/10.13039/501100001665",
		FunderIdentifierType: fair.FunderCrossrefFunderID, SchemeURI: "http://www.crossref.org/fundref/"}}
	if !reflect.DeepEqual(rec.FundingReferences, wantFunding) {
		t.Errorf("funding: got %+v, want %+v", rec.FundingReferences, wantFunding)
	}
	if len(rec.Contributors) != 1 || rec.Contributors[0].ContributorType != fair.ContributorHostingInstitution {
		t.Errorf("contributors: got %+v, want only the hosting institution", rec.Contributors)
	}
	g := rec.GeoLocations[0]
	if *g.Point != (datacite.GeoPoint{Latitude: -35.206667, Longitude: -69.315833}) ||
		*g.Box != (datacite.GeoBox{SouthLatitude: -36, WestLongitude: -70, NorthLatitude: -35, EastLongitude: -68.5}) || g.Place != "Malargüe" {
		t.Errorf("geoLocation: got point %+v, box %+v, place %q", *g.Point, *g.Box, g.Place)
	}
	rep := datacite.Validate(rec)
	var errs, warns []string
	for _, p := range rep {
		if p.Severity == datacite.SeverityError {
			errs = append(errs, p.String())
		} else {
			warns = append(warns, p.String())
		}
	}
	if len(errs) != 1 || !strings.Contains(errs[0], "kernel-3") {
		t.Errorf("want exactly the kernel-3 namespace as an error, got %q", errs)
	}
	if len(warns) != 3 {
		t.Errorf("want a warning per upgrade (funder, point, box), got %q", warns)
	}
	// The upgraded record, written again, is valid 4.7.
	out := rec.MarshalXMLBytes()
	again, _, err := datacite.ReadXML(out)
	if err != nil {
		t.Fatal(err)
	}
	if errs := datacite.Validate(again).Errors(); len(errs) > 0 {
		t.Errorf("upgraded record has errors: %v", errs)
	}
	p := filepath.Join(t.TempDir(), "k3.xml")
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
	if msg := xmllint(t, p); msg != "" {
		t.Errorf("upgraded record does not validate: %s", msg)
	}
}

// TestGeoLocationSplit covers the one shape the XSD allows that DataCite JSON cannot hold: several places, points
// or boxes in one geoLocation.
func TestGeoLocationSplit(t *testing.T) {
	in := strings.Replace(plainXML, "</descriptions>", `</descriptions>
  <geoLocations><geoLocation>
    <geoLocationPoint><pointLongitude>2.35</pointLongitude><pointLatitude>48.85</pointLatitude></geoLocationPoint>
    <geoLocationPlace>Paris</geoLocationPlace>
    <geoLocationPlace>Orsay</geoLocationPlace>
    <geoLocationPoint><pointLatitude>48.70</pointLatitude><pointLongitude>2.17</pointLongitude></geoLocationPoint>
  </geoLocation></geoLocations>`, 1)
	rec, _, err := datacite.ReadXML([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []datacite.GeoLocation{
		{Place: "Paris", Point: &datacite.GeoPoint{Longitude: 2.35, Latitude: 48.85}},
		{Place: "Orsay", Point: &datacite.GeoPoint{Longitude: 2.17, Latitude: 48.70}},
	}
	if !reflect.DeepEqual(rec.GeoLocations, want) {
		t.Errorf("got %+v, want %+v", rec.GeoLocations, want)
	}
	rep := datacite.Validate(rec)
	if rep.HasErrors() || len(rep) != 1 || !strings.Contains(rep[0].Message, "read as 2 geoLocations") {
		t.Errorf("want one warning about the split, got %v", rep)
	}

}

// TestReadKernel2: a kernel-2.x record is read and upgraded like a kernel-3 one: its <rights> directly in <resource>
// becomes a rights entry, its StartDate and EndDate dates become type Other with that word as dateInformation, and
// Validate says so (warnings) beside the namespace error; nothing is reported as not read.
func TestReadKernel2(t *testing.T) {
	in := `<?xml version="1.0" encoding="UTF-8"?>
<resource xmlns="http://datacite.org/schema/kernel-2.2">
  <identifier identifierType="DOI">10.5072/K2</identifier>
  <creators><creator><creatorName>Roe, Jane</creatorName></creator></creators>
  <titles><title>Kernel 2</title></titles>
  <publisher>P</publisher>
  <publicationYear>2010</publicationYear>
  <dates><date dateType="StartDate">2009-04-29</date><date dateType="EndDate">2010-01-05</date><date dateType="Issued">2010</date></dates>
  <rights>CC BY-ND</rights>
  <descriptions><description descriptionType="Abstract">A.</description></descriptions>
</resource>`
	rec, notRead, err := datacite.ReadXML([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(notRead) != 0 {
		t.Errorf("notRead %v", notRead)
	}
	if len(rec.RightsList) != 1 || rec.RightsList[0].Rights != "CC BY-ND" {
		t.Errorf("rights %+v", rec.RightsList)
	}
	want := []datacite.Date{{Date: "2009-04-29", Type: fair.DateOther, Information: "StartDate"},
		{Date: "2010-01-05", Type: fair.DateOther, Information: "EndDate"}, {Date: "2010", Type: fair.DateIssued}}
	if !reflect.DeepEqual(rec.Dates, want) {
		t.Errorf("dates %+v, want %+v", rec.Dates, want)
	}
	var warnings, kernel int
	for _, p := range datacite.Validate(rec) {
		switch {
		case strings.Contains(p.Message, "kernel-2 dateType"):
			warnings++
		case strings.Contains(p.Message, "kernel-2 record"):
			kernel++
		}
	}
	if warnings != 2 || kernel != 1 {
		t.Errorf("Validate: %d date warnings, %d namespace errors: %v", warnings, kernel, datacite.Validate(rec))
	}
	// In a later kernel, <rights> outside rightsList stays an unknown element.
	_, notRead, err = datacite.ReadXML([]byte(strings.Replace(in, "kernel-2.2", "kernel-4", 1)))
	if err != nil || len(notRead) != 1 || !strings.Contains(notRead[0].Reason, "<rights>") {
		t.Errorf("kernel-4 with <rights>: %v, %v", notRead, err)
	}
}
