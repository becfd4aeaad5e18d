// Package pubtest checks, for the tests of the publication readers, that what matters in a publication survives
// the record's conversion to DataCite XML (valid against the 4.7 XSD, or with the missing mandatory properties
// named by validation) and to schema.org JSON-LD, each read back.
package pubtest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testenv"
	"github.com/dop2i/fairmeta/schemaorg"
)

// Facts are what a publication must keep through any conversion: every author in order with their identifiers and
// affiliations, the DOI, the arXiv identifier, the container and where in it, the report numbers.
type Facts struct {
	Creators      []string // "name | identifiers | affiliations"
	DOI           string
	ArXiv         string
	Container     string // "title | volume | issue | first-last | number"
	ReportNumbers []string
}

// FactsOf extracts the facts of r. Raw affiliation strings count as affiliations when a creator has no other (that
// is how writers without a place for them carry them).
func FactsOf(r *fair.Resource) Facts {
	var f Facts
	for _, c := range r.Creators {
		var ids, affs []string
		for _, ni := range c.NameIdentifiers {
			ids = append(ids, string(ni.Scheme)+":"+ni.Value)
		}
		sort.Strings(ids) // their order says nothing
		for _, a := range c.Affiliations {
			affs = append(affs, strings.TrimSpace(a.Name+" "+a.Identifier))
		}
		if len(c.Affiliations) == 0 {
			affs = append(affs, c.RawAffiliations...)
		}
		f.Creators = append(f.Creators, c.Name+" | "+strings.Join(ids, ",")+" | "+strings.Join(affs, "; "))
	}
	f.DOI = strings.ToLower(r.DOI())
	f.ArXiv = r.ArXivID()
	if c := r.Container(); c != nil {
		title := ""
		if len(c.Titles) > 0 {
			title = c.Titles[0].Title
		}
		f.Container = fmt.Sprintf("%s | %s | %s | %s-%s | %s", title, c.Volume, c.Issue, c.FirstPage, c.LastPage, c.Number)
	}
	f.ReportNumbers = r.AlternateIdentifiersOf(fair.AltIDReportNumber)
	return f
}

// mandatory are the DataCite properties whose absence is a validation error a source may not let us avoid.
var mandatory = []string{"identifier", "doi", "creators", "titles", "publisher", "publicationYear", "types"}

// Survives writes each record as DataCite XML and schema.org, checks the XML against the 4.7 XSD, reads both back
// and compares the facts. A record the XSD rejects must have validation errors, all about missing mandatory
// properties. It returns how many records the XSD accepted.
func Survives(t *testing.T, names []string, recs []*fair.Resource) int {
	t.Helper()
	dir := t.TempDir()
	files := make([]string, len(recs))
	xmls := make([][]byte, len(recs))
	for i, r := range recs {
		xmls[i] = datacite.FromResource(r).MarshalXMLBytes()
		files[i] = filepath.Join(dir, fmt.Sprintf("%03d.xml", i))
		if err := os.WriteFile(files[i], xmls[i], 0o600); err != nil {
			t.Fatal(err)
		}
	}
	verdicts := testenv.DataCiteXSD(t, files...)
	valid := 0
	for i, r := range recs {
		name := names[i]
		want := FactsOf(r)
		if v := verdicts[files[i]]; v == "" {
			valid++
		} else {
			errs := datacite.ValidateResource(r).Errors()
			if len(errs) == 0 {
				t.Errorf("%s: the XSD rejects the DataCite XML but validation finds no error:\n%s", name, v)
			}
			for _, p := range errs {
				if !isMandatory(p) {
					t.Errorf("%s: DataCite validation error that is not a missing mandatory property: %s: %s", name, p.Path, p.Message)
				}
			}
		}
		rec, _, err := datacite.ReadXML(xmls[i])
		if err != nil {
			t.Errorf("%s: reading the DataCite XML back: %v", name, err)
			continue
		}
		compare(t, name+" → DataCite XML", FactsOf(datacite.ToResource(rec)), want)

		doc, _, err := schemaorg.Marshal(r)
		if err != nil {
			t.Errorf("%s: schema.org: %v", name, err)
			continue
		}
		back, _, err := schemaorg.Read(doc)
		if err != nil {
			t.Errorf("%s: reading the schema.org back: %v", name, err)
			continue
		}
		compare(t, name+" → schema.org", FactsOf(back), want)
	}
	return valid
}

func isMandatory(p datacite.Problem) bool {
	for _, m := range mandatory {
		if p.Path == m || strings.HasPrefix(p.Path, m+".") || strings.HasPrefix(p.Path, m+"[") {
			return strings.Contains(p.Message, "missing") || strings.Contains(p.Message, "empty") ||
				strings.Contains(p.Message, "required") || strings.Contains(p.Message, "no ")
		}
	}
	return false
}

func compare(t *testing.T, what string, got, want Facts) {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return
	}
	g, _ := json.MarshalIndent(got, "", "  ")
	w, _ := json.MarshalIndent(want, "", "  ")
	gs, ws := strings.Split(string(g), "\n"), strings.Split(string(w), "\n")
	for i := 0; i < len(gs) || i < len(ws); i++ {
		var a, b string
		if i < len(gs) {
			a = gs[i]
		}
		if i < len(ws) {
			b = ws[i]
		}
		if a != b {
			t.Errorf("%s changed the facts at line %d:\n got %s\nwant %s", what, i+1, a, b)
			return
		}
	}
}
