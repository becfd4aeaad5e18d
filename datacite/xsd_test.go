package datacite_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testenv"
	"golang.org/x/text/encoding/unicode"
)

// The tests here hold Validate to its rule, both ways, with xmllint and the 4.7 XSD as the judge: a document the XSD
// rejects must give an error, and a document the XSD accepts must give none. Nothing is hard-coded about which
// variant is valid: xmllint says, and Validate must agree.

// xsdVerdicts runs xmllint on every file at once and returns whether each validates.
func xsdVerdicts(t *testing.T, files []string) map[string]bool {
	t.Helper()
	verdict := map[string]bool{}
	for f, msg := range testenv.DataCiteXSD(t, files...) {
		verdict[f] = msg == ""
	}
	return verdict
}

// ourVerdict reads an XML document and reports whether fairmeta finds it free of errors, with the errors.
func ourVerdict(data []byte) (bool, string) {
	rec, _, err := datacite.ReadXML(data)
	if err != nil {
		return false, err.Error()
	}
	errs := datacite.Validate(rec).Errors()
	var b strings.Builder
	for _, p := range errs {
		b.WriteString(p.String() + "; ")
	}
	return len(errs) == 0, b.String()
}

// mutation changes the base document: old is replaced by new (the first occurrence only).
type mutation struct{ name, old, new string }

func xmlMutations() []mutation {
	var ms []mutation
	add := func(name, old, new string) { ms = append(ms, mutation{name, old, new}) }
	// Controlled lists, required attributes, whitespace in enumerations.
	for _, attr := range []string{`resourceTypeGeneral="Dataset"`, `nameType="Personal"`, `titleType="Subtitle"`,
		`contributorType="ContactPerson"`, `dateType="Accepted"`, `relatedIdentifierType="ARK"`, `relationType="IsCitedBy"`,
		`resourceTypeGeneral="Audiovisual"`, `descriptionType="Abstract"`, `funderIdentifierType="Crossref Funder ID"`,
		`relatedItemType="Text"`, `numberType="Other"`, `identifierType="DOI"`, `nameIdentifierScheme="ORCID"`,
		`alternateIdentifierType="Local accession number"`, `relatedItemIdentifierType="ISSN"`} {
		name, val, _ := strings.Cut(attr, "=")
		add(name+" removed", " "+attr, "")
		add(name+" empty", attr, name+`=""`)
		add(name+" bogus", attr, name+`="Bogus"`)
		add(name+" lower case", attr, strings.ToLower(attr))
		add(name+" padded", attr, name+`=" `+strings.Trim(val, `"`)+`"`)
	}
	// Language tags.
	for _, tag := range []string{"en-GB", "de-CH-1996", "x-klingon", "", "en_GB", "toolonglanguage", "en-", "e n", " en ", "zz", "i-klingon", "123"} {
		add("xml:lang "+tag, `<title xml:lang="en">Example Title`, `<title xml:lang="`+tag+`">Example Title`)
		add("language "+tag, `<language>en</language>`, `<language>`+tag+`</language>`)
	}
	// URIs (xs:anyURI).
	for _, u := range []string{"https://ror.org", "http://a b", "%zz", "http://host:abc/", "http://host:/x", "a#b#c", "1abc:x", "#[x]",
		"http://[::1]/", "http://x/[y]", "é", "?q=[1]", "mailto:x@y", "urn:isbn:123", "//host", "http://1.2.3.4x/",
		"http://256.1.1.1/", "", "a:b:c", ":x", "http://h/%41", "http://h/%4", "x y z"} {
		add("anyURI "+u, `schemeURI="http://www.oecd.org/science/inno"`, `schemeURI="`+u+`"`)
		add("nameIdentifier schemeURI "+u, `schemeURI="https://orcid.org"`, `schemeURI="`+u+`"`)
	}
	// Numbers: xs:float coordinates and years.
	for _, f := range []string{"180", "180.000001", "180.0001", "-180.00001", "1e2", "1.", ".5", "+1", "1e", "INF", "-INF", "NaN",
		"-0", "", "abc", "1,5", " 12.5 ", "0x10", "1e400", "-1e-400", "++1"} {
		add("longitude "+f, `<pointLongitude>-123.1207</pointLongitude>`, `<pointLongitude>`+f+`</pointLongitude>`)
		add("latitude "+f, `<pointLatitude>49.2827</pointLatitude>`, `<pointLatitude>`+f+`</pointLatitude>`)
	}
	for _, y := range []string{"2024", " 2024 ", "24", "20245", "abcd", "", "0999", "２０２４"} {
		add("year "+y, `<publicationYear>2024</publicationYear>`, `<publicationYear>`+y+`</publicationYear>`)
		add("item year "+y, `<publicationYear>1990</publicationYear>`, `<publicationYear>`+y+`</publicationYear>`)
	}
	// Structure.
	add("unknown element", `<version>1</version>`, `<version>1</version><edition>2</edition>`)
	add("unknown attribute", `<version>1</version>`, `<version foo="bar">1</version>`)
	add("foreign attribute", `<version>1</version>`, `<version xmlns:x="urn:x" x:foo="bar">1</version>`)
	add("duplicate version", `<version>1</version>`, `<version>1</version><version>2</version>`)
	add("out of order", `<givenName>ExampleGivenName</givenName>
            <familyName>ExampleFamilyName</familyName>`, `<familyName>ExampleFamilyName</familyName>
            <givenName>ExampleGivenName</givenName>`)
	add("no creatorName", `<creatorName nameType="Personal">ExampleFamilyName, ExampleGivenName</creatorName>`, "")
	add("empty creatorName", `<creatorName nameType="Personal">ExampleFamilyName, ExampleGivenName</creatorName>`, `<creatorName/>`)
	add("empty contributorName", `<contributorName nameType="Personal">ExampleFamilyName, ExampleGivenName</contributorName>`, `<contributorName/>`)
	add("empty affiliation", `schemeURI="https://ror.org">ExampleAffiliation</affiliation>`, `schemeURI="https://ror.org"></affiliation>`)
	add("empty identifier", `>10.82433/B09Z-4K37<`, `><`)
	add("empty publisher", `>Example Publisher</publisher>`, `></publisher>`)
	add("blank publisher", `>Example Publisher</publisher>`, `> </publisher>`)
	add("empty funderName", `<funderName>Example Funder</funderName>`, `<funderName></funderName>`)
	add("no funderName", `<funderName>Example Funder</funderName>`, ``)
	add("empty titles", `<title xml:lang="en">Example Title</title>`, "")
	add("text in creators", `<creators>`, `<creators>oops`)
	add("element in title", `>Example Title<`, `>Example <b>Title</b><`)
	add("br with text", `>Example Abstract<`, `>Example<br>x</br>Abstract<`)
	add("br", `>Example Abstract<`, `>Example<br/>Abstract<`)
	add("three-point polygon", `<polygonPoint>
                  <pointLatitude>41.991</pointLatitude>
                  <pointLongitude>-71.032</pointLongitude>
                </polygonPoint>`, "")
	add("unclosed polygon", `<polygonPoint>
                  <pointLatitude>41.991</pointLatitude>
                  <pointLongitude>-71.032</pointLongitude>
                </polygonPoint>
                <polygonPoint>`, `<polygonPoint>
                  <pointLatitude>41.0</pointLatitude>
                  <pointLongitude>-71.032</pointLongitude>
                </polygonPoint>
                <polygonPoint>`)
	add("box without west", `<westBoundLongitude>-123.27</westBoundLongitude>`, "")
	add("point without latitude", `<pointLatitude>49.2827</pointLatitude>`, "")
	add("two places", `<geoLocationPlace>Vancouver, British Columbia, Canada</geoLocationPlace>`,
		`<geoLocationPlace>Vancouver</geoLocationPlace><geoLocationPlace>British Columbia</geoLocationPlace>`)
	add("empty geoLocation", `<geoLocations>`, `<geoLocations><geoLocation/>`)
	add("givenName with attribute", `<givenName>ExampleGivenName</givenName>`, `<givenName foo="x">ExampleGivenName</givenName>`)
	add("related item creator with identifier", `<familyName>ExampleFamilyName</familyName>
                </creator>`, `<familyName>ExampleFamilyName</familyName>
                    <nameIdentifier nameIdentifierScheme="ORCID">x</nameIdentifier>
                </creator>`)
	add("bad ORCID", `0000-0001-5727-2427`, `0000-0001-5727-2428`)
	add("bad DOI", `>10.82433/B09Z-4K37<`, `>not a doi<`)
	add("bad date", `>2024-01-01</date>`, `>yesterday</date>`)
	add("empty language", `<language>en</language>`, `<language/>`)
	add("empty subjects", `<subject>Example Subject</subject>`, `<subject/>`)
	add("no namespace", `xmlns="http://datacite.org/schema/kernel-4"`, ``)
	add("other namespace", `xmlns="http://datacite.org/schema/kernel-4"`, `xmlns="http://datacite.org/schema/kernel-3"`)
	add("prefixed", `<resource xmlns:xsi`, `<resource xmlns:dc="http://datacite.org/schema/kernel-4" xmlns:xsi`)
	add("control character", `>Example Title<`, `>Example &#1; Title<`)
	add("malformed", `</creators>`, `</creator>`)
	add("funderIdentifier without type", ` funderIdentifierType="Crossref Funder ID"`, ``)
	add("awardNumber empty with URI", `>12345</awardNumber>`, `></awardNumber>`)
	return ms
}

func TestValidateAgreesWithXSDOnMutations(t *testing.T) {
	base := string(readFile(t, testenv.SharedData(t, "datacite", "examples", "kernel-4.6", "datacite-example-full-v4.xml")))
	dir := t.TempDir()
	type doc struct {
		name string
		data []byte
		path string
	}
	var docs []doc
	for i, m := range xmlMutations() {
		if !strings.Contains(base, m.old) {
			t.Fatalf("mutation %q: %q is not in the base document", m.name, m.old)
		}
		data := []byte(strings.Replace(base, m.old, m.new, 1))
		docs = append(docs, doc{m.name, data, filepath.Join(dir, fmt.Sprintf("m%03d.xml", i))})
	}
	// The same record in UTF-16 (with a byte-order mark) and with a UTF-8 byte-order mark.
	u16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(strings.Replace(base, `encoding="UTF-8"`, `encoding="UTF-16"`, 1)))
	if err != nil {
		t.Fatal(err)
	}
	docs = append(docs, doc{"UTF-16", u16, filepath.Join(dir, "utf16.xml")}, doc{"UTF-8 BOM", append([]byte("\xef\xbb\xbf"), base...), filepath.Join(dir, "bom.xml")})
	var files []string
	for _, d := range docs {
		if err := os.WriteFile(d.path, d.data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, d.path)
	}
	verdicts := xsdVerdicts(t, files)
	valid, invalid := 0, 0
	for _, d := range docs {
		xsdOK := verdicts[d.path]
		ours, why := ourVerdict(d.data)
		if xsdOK {
			valid++
		} else {
			invalid++
		}
		switch {
		case xsdOK && !ours:
			t.Errorf("%s: the XSD accepts it, Validate reports errors: %s", d.name, why)
		case !xsdOK && ours:
			t.Errorf("%s: the XSD rejects it, Validate reports no error", d.name)
		}
	}
	t.Logf("%d variants: %d valid and %d invalid by the XSD", len(docs), valid, invalid)
	if valid < 20 || invalid < 20 {
		t.Errorf("the corpus should exercise both sides: %d valid, %d invalid", valid, invalid)
	}
}

// TestValidateAgreesWithXSDOnRecords builds records from pools of good and bad values, writes them as XML and checks
// that Validate finds errors exactly when the XSD rejects the written XML.
func TestValidateAgreesWithXSDOnRecords(t *testing.T) {
	n := 300
	if testing.Short() {
		n = 60
	}
	rng := rand.New(rand.NewPCG(47, 2026))
	// Each pool starts with its most common value, picked most of the time, so that some records come out valid.
	pick := func(vals ...string) string {
		if rng.IntN(100) < 90 {
			return vals[0]
		}
		return vals[rng.IntN(len(vals))]
	}
	coord := func() float64 {
		if rng.IntN(100) < 90 {
			return 45.5
		}
		return []float64{0, 45.5, -90, 90, 180, -180, 180.000001, 90.0001, -200, math.NaN(), math.Inf(1), 1e-7}[rng.IntN(12)]
	}
	dir := t.TempDir()
	var files []string
	var recs []*datacite.Record
	for i := range n {
		r := &datacite.Record{
			DOI:             pick("10.82433/b09z-4k37", "", "not-a-doi"),
			PublicationYear: []int{2026, 2026, 2026, 2026, 2026, 2026, 0, 999, 10000, -1, 1}[rng.IntN(11)],
			Publisher:       datacite.Publisher{Name: pick("CC-IN2P3", ""), SchemeURI: pick("", "https://ror.org", "%zz"), Lang: pick("", "fr", "fr_FR")},
			Types:           datacite.Types{ResourceTypeGeneral: fair.ResourceTypeGeneral(pick("Dataset", "Software", "dataset", "", "Poster"))},
			Language:        pick("", "en", "en-GB", "english language", "e"),
		}
		for range 1 + rng.IntN(2) - rng.IntN(2)*rng.IntN(2) {
			r.Creators = append(r.Creators, datacite.Creator{Name: pick("Lefèvre, Camille", ""), NameType: fair.NameType(pick("", "Personal", "Person")),
				Affiliations: []datacite.Affiliation{{Name: pick("IJCLab", ""), Identifier: pick("", "https://ror.org/03gc1p724", "03gc1p725"), IdentifierScheme: "ROR"}},
				NameIdentifiers: []datacite.NameIdentifier{{Value: pick("0000-0002-1825-0097", "", "0000-0002-1825-0098"), Scheme: pick("ORCID", ""),
					SchemeURI: pick("https://orcid.org", "http://a b", "1abc:x")}}})
		}
		for range 1 + rng.IntN(2) - rng.IntN(2)*rng.IntN(2) {
			r.Titles = append(r.Titles, datacite.Title{Title: pick("Run 4271", ""), Type: fair.TitleType(pick("", "Subtitle", "Main")), Lang: pick("", "en", "-en")})
		}
		for range rng.IntN(2) {
			r.Contributors = append(r.Contributors, datacite.Contributor{Creator: datacite.Creator{Name: pick("CC-IN2P3", "")},
				ContributorType: fair.ContributorType(pick("HostingInstitution", "", "Funder", "hosting institution"))})
		}
		for range rng.IntN(2) {
			r.Dates = append(r.Dates, datacite.Date{Date: pick("2026", "2026-02-30", "2026/2025", ""), Type: fair.DateType(pick("Issued", "", "Published"))})
		}
		for range rng.IntN(2) {
			r.RelatedIdentifiers = append(r.RelatedIdentifiers, datacite.RelatedIdentifier{Identifier: pick("10.5281/zenodo.1234567", ""),
				IdentifierType: fair.RelatedIdentifierType(pick("DOI", "doi", "SWHID", "")), RelationType: fair.RelationType(pick("IsDerivedFrom", "Other", "", "Derives")),
				ResourceTypeGeneral: fair.ResourceTypeGeneral(pick("", "Software", "Code")), SchemeURI: pick("", "https://x.org/s", "%%")})
		}
		for range rng.IntN(2) {
			g := datacite.GeoLocation{Place: pick("", "Malargüe")}
			if rng.IntN(2) == 0 {
				g.Point = &datacite.GeoPoint{Longitude: coord(), Latitude: coord()}
			}
			if rng.IntN(2) == 0 {
				g.Box = &datacite.GeoBox{WestLongitude: coord(), EastLongitude: coord(), SouthLatitude: coord(), NorthLatitude: coord()}
			}
			if rng.IntN(2) == 0 {
				var pg datacite.GeoPolygon
				for range 2 + rng.IntN(4) {
					pg.Points = append(pg.Points, datacite.GeoPoint{Longitude: coord(), Latitude: coord()})
				}
				g.Polygons = append(g.Polygons, pg)
			}
			r.GeoLocations = append(r.GeoLocations, g)
		}
		for range rng.IntN(2) {
			r.FundingReferences = append(r.FundingReferences, datacite.FundingReference{FunderName: pick("ANR", ""),
				FunderIdentifier: pick("", "https://ror.org/00rbzpz17"), FunderIdentifierType: fair.FunderIdentifierType(pick("", "ROR", "Ror")),
				AwardURI: pick("", "https://anr.fr/p", "http://host:x")})
		}
		for range rng.IntN(2) {
			r.RelatedItems = append(r.RelatedItems, datacite.RelatedItem{Type: fair.ResourceTypeGeneral(pick("Journal", "", "journal")),
				RelationType: fair.RelationType(pick("IsPublishedIn", "")), PublicationYear: []int{0, 2020, 20201}[rng.IntN(3)],
				NumberType:   fair.NumberType(pick("", "Article", "Page")),
				Contributors: []datacite.RelatedItemName{{Name: "Ed", ContributorType: fair.ContributorType(pick("Editor", ""))}}})
		}
		for range rng.IntN(2) {
			r.Descriptions = append(r.Descriptions, datacite.Description{Description: pick("Line one\nline two", "x\x01y"), Type: fair.DescriptionType(pick("Abstract", "", "Summary"))})
		}
		p := filepath.Join(dir, fmt.Sprintf("r%03d.xml", i))
		if err := os.WriteFile(p, r.MarshalXMLBytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
		recs = append(recs, r)
	}
	verdicts := xsdVerdicts(t, files)
	valid := 0
	for i, r := range recs {
		xsdOK := verdicts[files[i]]
		if xsdOK {
			valid++
		}
		errs := datacite.Validate(r).Errors()
		switch {
		case xsdOK && len(errs) > 0:
			t.Errorf("record %d: the XSD accepts its XML, Validate reports %v", i, errs)
		case !xsdOK && len(errs) == 0:
			out, _ := exec.Command("xmllint", "--noout", "--schema", testenv.SharedData(t, "datacite", "xsd", "kernel-4.7", "metadata.xsd"), files[i]).CombinedOutput()
			t.Errorf("record %d: the XSD rejects its XML, Validate reports no error; xmllint says:\n%s", i, out)
		}
	}
	t.Logf("%d records: %d valid by the XSD", n, valid)
	if valid == 0 || valid == n {
		t.Errorf("the generated records should fall on both sides: %d of %d valid", valid, n)
	}
}
