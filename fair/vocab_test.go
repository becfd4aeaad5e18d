package fair_test

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// xsdEnumerations reads every simpleType with enumerated values from the XSD files in dir: type name → values in
// the schema's order.
func xsdEnumerations(t *testing.T, dir string) map[string][]string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.xsd"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no XSD in %s: %v", dir, err)
	}
	type enum struct {
		Value string `xml:"value,attr"`
	}
	type simpleType struct {
		Name   string `xml:"name,attr"`
		Values []enum `xml:"restriction>enumeration"`
	}
	var schema struct {
		Types []simpleType `xml:"simpleType"`
	}
	out := map[string][]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		schema.Types = nil
		if err := xml.Unmarshal(data, &schema); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, st := range schema.Types {
			for _, v := range st.Values {
				out[st.Name] = append(out[st.Name], v.Value)
			}
		}
	}
	return out
}

func strs[T ~string](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// The DataCite controlled vocabularies of package fair are those the DataCite 4.7 XSD enumerates: the same values,
// in the schema's order, and one vocabulary for every enumerated type of the schema (xml.xsd's lang and space
// aside). A future XSD that adds a value or a list fails here.
func TestVocabulariesAgreeWithXSD(t *testing.T) {
	dir := testenv.SharedData(t, "datacite", "xsd", "kernel-4.7", "include")
	xsd := xsdEnumerations(t, dir)
	ours := map[string][]string{
		"resourceType":          strs(fair.ResourceTypeGenerals()),
		"relationType":          strs(fair.RelationTypes()),
		"relatedIdentifierType": strs(fair.RelatedIdentifierTypes()),
		"contributorType":       strs(fair.ContributorTypes()),
		"dateType":              strs(fair.DateTypes()),
		"descriptionType":       strs(fair.DescriptionTypes()),
		"titleType":             strs(fair.TitleTypes()),
		"nameType":              strs(fair.NameTypes()),
		"funderIdentifierType":  strs(fair.FunderIdentifierTypes()),
		"numberType":            strs(fair.NumberTypes()),
	}
	for name, want := range xsd {
		if name == "" || strings.HasPrefix(name, "xml") || name == "space" || name == "lang" {
			continue
		}
		got, ok := ours[name]
		if !ok {
			t.Errorf("the XSD enumerates %s %q, which package fair has no vocabulary for", name, want)
			continue
		}
		if missing, extra := diff(want, got), diff(got, want); len(missing)+len(extra) > 0 {
			t.Errorf("%s: fair lacks %q and has %q that the XSD does not list", name, missing, extra)
		} else if !slices.Equal(got, want) {
			t.Errorf("%s: fair's order\n%q\nis not the schema's\n%q", name, got, want)
		}
	}
	for name := range ours {
		if _, ok := xsd[name]; !ok {
			t.Errorf("fair's %s vocabulary has no enumeration in the XSD of %s", name, dir)
		}
	}
}

// diff returns the values of a that are not in b.
func diff(a, b []string) []string {
	var out []string
	for _, v := range a {
		if !slices.Contains(b, v) {
			out = append(out, v)
		}
	}
	return out
}
