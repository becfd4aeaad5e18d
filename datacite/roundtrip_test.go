package datacite_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testenv"
)

func sharedGlob(t *testing.T, rel, pattern string) []string {
	t.Helper()
	dir := testenv.SharedData(t, "datacite", rel)
	files, err := filepath.Glob(filepath.Join(dir, pattern))
	if err != nil || len(files) == 0 {
		t.Fatalf("no %s in %s", pattern, dir)
	}
	return files
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// xmllint validates files against the 4.7 XSD and returns its complaints, "" when all validate.
func xmllint(t *testing.T, files ...string) string {
	t.Helper()
	verdict := testenv.DataCiteXSD(t, files...)
	var bad []string
	for _, f := range files {
		if msg := verdict[f]; msg != "" {
			bad = append(bad, msg)
		}
	}
	return strings.Join(bad, "\n")
}

// TestOfficialExamplesRoundTrip reads every official 4.6 example and the Invenio XML, converts it to a Resource and
// back, and checks that the XML written has the same tree, validates against the 4.7 XSD, and that Validate finds
// no error in it.
func TestOfficialExamplesRoundTrip(t *testing.T) {
	files := append(sharedGlob(t, "examples/kernel-4.6", "*.xml"), sharedGlob(t, "invenio-pairs/4.5", "*.xml")...)
	dir := t.TempDir()
	var written []string
	for _, f := range files {
		name := filepath.Base(filepath.Dir(f)) + "-" + filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			in := readFile(t, f)
			rec, _, err := datacite.ReadXML(in)
			if err != nil {
				t.Fatalf("ReadXML: %v", err)
			}
			if errs := datacite.Validate(rec).Errors(); len(errs) > 0 {
				t.Errorf("Validate of an official example found errors: %v", errs)
			}
			out := datacite.FromResource(datacite.ToResource(rec)).MarshalXMLBytes()
			sameXML(t, in, out)
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, out, 0o644); err != nil {
				t.Fatal(err)
			}
			written = append(written, p)
		})
	}
	if msg := xmllint(t, written...); msg != "" {
		t.Errorf("written XML does not validate against the 4.7 XSD:\n%s", msg)
	}
}

// invenioDataDiffs are the properties in which the Invenio JSON and XML of one example really differ: the JSON is what
// the REST API returned for the registered DOI, after DataCite's own processing (it adds an Issued date and the url,
// rewrites rights from SPDX, completes or drops some name parts, lower-cases the DOI). Everything else must be equal;
// each listed difference must be present in the source files, so the list cannot hide a conversion bug that
// happens to match it.
var invenioDataDiffs = map[string][]string{
	"datacite-example-dataset-v4.json":    {"rights[0].identifier", "rights[0].rights", "rights[0].uri"},
	"datacite-example-instrument-v4.json": {"contributors[0].name", "contributors[0].nameIdentifiers[0].schemeURI", "dates[0].date", "dates[0].type"},
	"datacite-example-multilingual-v4.json": {"creators[0].familyName", "creators[0].givenName", "creators[0].nameIdentifiers[0].schemeURI",
		"creators[1].lang", "dates[1].date", "dates[1].type", "rights[0].identifier", "rights[0].uri", "rights[1].identifier",
		"rights[1].rights", "rights[1].uri", "rights[2].identifier", "rights[2].rights", "rights[2].uri"},
	"datacite-example-relateditem1-v4.json": nil,
	"datacite-example-relateditem2-v4.json": {"dates[0].date", "dates[0].type", "relatedItems[0].contributors[0].familyName", "relatedItems[0].contributors[0].givenName"},
	"datacite-example-relateditem3-v4.json": {"dates[0].date", "dates[0].type"},
}

// flatten renders v (decoded JSON) as path → scalar.
func flatten(v any, path string, out map[string]any) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			p := k
			if path != "" {
				p = path + "." + k
			}
			flatten(e, p, out)
		}
	case []any:
		for i, e := range x {
			flatten(e, path+"["+strconv.Itoa(i)+"]", out)
		}
	default:
		out[path] = v
	}
}

func flatResource(t *testing.T, r *fair.Resource) map[string]any {
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	flatten(decodeJSON(t, b), "", out)
	return out
}

// TestInvenioPairs checks that the XML and the JSON of each Invenio example convert to the same Resource (up to the
// differences of the source data themselves), and that the JSON survives JSON → Resource → JSON.
func TestInvenioPairs(t *testing.T) {
	for _, jf := range sharedGlob(t, "invenio-pairs/4.5", "*.json") {
		t.Run(filepath.Base(jf), func(t *testing.T) {
			allowed, known := invenioDataDiffs[filepath.Base(jf)]
			if !known {
				t.Fatalf("no entry in invenioDataDiffs for %s", filepath.Base(jf))
			}
			jdata := readFile(t, jf)
			xdata := readFile(t, strings.TrimSuffix(jf, ".json")+".xml")
			jrec, _, err := datacite.ReadJSONRecord(jdata)
			if err != nil {
				t.Fatalf("ReadJSONRecord: %v", err)
			}
			xrec, _, err := datacite.ReadXML(xdata)
			if err != nil {
				t.Fatalf("ReadXML: %v", err)
			}
			jres, xres := datacite.ToResource(jrec), datacite.ToResource(xrec)
			// DOIs are case-insensitive: the REST API gives them in lower case, the XML examples in upper case.
			xres.Identifier.Value = strings.ToLower(xres.Identifier.Value)
			if jres.URL == "" {
				t.Errorf("the JSON's url was not read")
			}
			jres.URL = "" // XML has no url
			a, b := flatResource(t, xres), flatResource(t, jres)
			allow := map[string]bool{}
			for _, p := range allowed {
				allow[p] = true
				if reflect.DeepEqual(a[p], b[p]) {
					t.Errorf("%s is listed as a difference of the source data but is equal: %v", p, a[p])
				}
			}
			for p := range a {
				if _, ok := b[p]; !ok && !allow[p] {
					t.Errorf("%s: only from XML: %v", p, a[p])
				}
			}
			for p, bv := range b {
				if av, ok := a[p]; !allow[p] && (!ok || !reflect.DeepEqual(av, bv)) {
					t.Errorf("%s: XML gives %v, JSON gives %v", p, av, bv)
				}
			}
			out, err := json.Marshal(datacite.FromResource(datacite.ToResource(jrec)))
			if err != nil {
				t.Fatal(err)
			}
			in := decodeJSON(t, jdata).(map[string]any)
			sameJSON(t, "JSON → Resource → JSON", metadataOnly(canonJSON("attributes", in).(map[string]any)), metadataOnly(canonJSON("attributes", decodeJSON(t, out)).(map[string]any)))
		})
	}
}

// restRecords returns every record of the shared REST files with the raw JSON:API resource object it came from.
func restRecords(t *testing.T) (recs []*datacite.Record, raws []map[string]any, names []string) {
	t.Helper()
	for _, f := range sharedGlob(t, "rest", "*.json") {
		data := readFile(t, f)
		rs, _, err := datacite.ReadJSON(data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		doc := decodeJSON(t, data).(map[string]any)
		var items []any
		switch d := doc["data"].(type) {
		case []any:
			items = d
		case map[string]any:
			items = []any{d}
		}
		if len(items) != len(rs) {
			t.Fatalf("%s: %d records read, %d in the file", f, len(rs), len(items))
		}
		for i, it := range items {
			recs = append(recs, rs[i])
			raws = append(raws, it.(map[string]any))
			names = append(names, filepath.Base(f)+"#"+rs[i].DOI)
		}
	}
	return recs, raws, names
}

// TestRESTRoundTrip reads the real REST records and checks that (1) writing the Record back gives the same JSON:API
// resource object, REST attributes, Extra and relationships included; (2) JSON → Resource → JSON keeps all the
// metadata; (3) JSON → Resource → XML → Resource gives the same Resource, and the XML validates.
func TestRESTRoundTrip(t *testing.T) {
	recs, raws, names := restRecords(t)
	if len(recs) < 100 {
		t.Fatalf("read %d REST records, want at least the 100 of sample.json", len(recs))
	}
	dir := t.TempDir()
	var written []string
	var hasErr []bool
	for i, rec := range recs {
		raw := raws[i]
		// (1) Record round trip.
		b, err := rec.MarshalJSONAPI()
		if err != nil {
			t.Fatalf("%s: MarshalJSONAPI: %v", names[i], err)
		}
		got := decodeJSON(t, b).(map[string]any)["data"].(map[string]any)
		wantAttrs, _ := raw["attributes"].(map[string]any)
		gotAttrs, _ := got["attributes"].(map[string]any)
		sameJSON(t, names[i]+" record attributes", canonJSON("attributes", wantAttrs), canonJSON("attributes", gotAttrs))
		for _, k := range []string{"id", "type", "relationships"} {
			sameJSON(t, names[i]+" "+k, canonJSON(k, raw[k]), canonJSON(k, got[k]))
		}

		// (2) JSON → Resource → JSON.
		res := datacite.ToResource(rec)
		back := datacite.FromResource(res)
		b, err = json.Marshal(back)
		if err != nil {
			t.Fatal(err)
		}
		// The derived types (schemaOrg, citeproc, bibtex, ris) are written again from the table; TestDeriveTypesAsDataCite
		// compares them with the API's.
		sameJSON(t, names[i]+" via Resource", metadataOnly(canonJSON("attributes", wantAttrs).(map[string]any)), metadataOnly(canonJSON("attributes", decodeJSON(t, b)).(map[string]any)))

		// (3) Through XML.
		x := back.MarshalXMLBytes()
		xrec, _, err := datacite.ReadXML(x)
		if err != nil {
			t.Fatalf("%s: ReadXML of written XML: %v", names[i], err)
		}
		xres := datacite.ToResource(xrec)
		xres.URL = res.URL // XML has no url
		if !reflect.DeepEqual(res, xres) {
			a, _ := json.MarshalIndent(res, "", " ")
			c, _ := json.MarshalIndent(xres, "", " ")
			t.Errorf("%s: JSON → XML → Resource differs: %s", names[i], diffLines(string(a), string(c)))
		}
		p := filepath.Join(dir, strings.NewReplacer("/", "_", "#", "_").Replace(names[i])+".xml")
		if err := os.WriteFile(p, x, 0o644); err != nil {
			t.Fatal(err)
		}
		written = append(written, p)
		hasErr = append(hasErr, datacite.Validate(back).HasErrors())
	}
	// Every record's XML is judged by the XSD, and Validate must agree with it.
	verdicts := xsdVerdicts(t, written)
	valid := 0
	for i, p := range written {
		if verdicts[p] {
			valid++
		}
		if verdicts[p] == hasErr[i] {
			t.Errorf("%s: the XSD says valid=%v, Validate says errors=%v", names[i], verdicts[p], hasErr[i])
		}
	}
	t.Logf("%d REST records written as XML, %d valid by the 4.7 XSD", len(written), valid)
}

func TestResourceOfExample(t *testing.T) {
	rec, _, err := datacite.ReadXML(readFile(t, testenv.SharedData(t, "datacite", "examples", "kernel-4.6", "datacite-example-full-v4.xml")))
	if err != nil {
		t.Fatal(err)
	}
	res := datacite.ToResource(rec)
	checks := []struct {
		name      string
		got, want any
	}{
		{"identifier", res.Identifier, fair.Identifier{Value: "10.82433/B09Z-4K37", Type: "DOI"}},
		{"creator[1] lang", res.Creators[1].Lang, "en"},
		{"publisher", res.Publisher, fair.Publisher{Name: "Example Publisher", Identifier: "https://ror.org/04z8jg394", IdentifierScheme: "ROR", SchemeURI: "https://ror.org/", Lang: "en"}},
		{"year", res.PublicationYear, 2024},
		{"type", res.ResourceType, fair.ResourceType{General: fair.ResourceTypeDataset, Type: "Example ResourceType"}},
		{"contributors", len(res.Contributors), 22},
		{"date information", res.Dates[11], fair.Date{Date: "2024-01-01", Type: fair.DateOther, Information: "ExampleDateInformation"}},
		{"box", *res.GeoLocations[0].Box, fair.GeoBox{WestLongitude: -123.27, EastLongitude: -123.02, SouthLatitude: 49.195, NorthLatitude: 49.315}},
		{"polygon points", len(res.GeoLocations[0].Polygons[0].Points), 5},
		{"award", res.FundingReferences[0].AwardURI, "https://example.com/example-award-uri"},
		// The example's one relatedItem cites a work described in full: a reference.
		{"related items", len(res.RelatedItems), 0},
		{"reference relation", res.References[0].RelationType, fair.RelCites},
		{"related item number type", res.References[0].NumberType, fair.NumberOther},
		{"related item year", res.References[0].PublicationYear, 1990},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %#v, want %#v", c.name, c.got, c.want)
		}
	}
}
