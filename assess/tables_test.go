package assess

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/internal/testenv"
	"go.yaml.in/yaml/v3"
)

// -update-lists regenerates lists.go from F-UJI's lookup tables in the shared data folder:
//
//	go test ./assess -run TestBundledLists -update-lists
var updateLists = flag.Bool("update-lists", false, "regenerate lists.go from ../shared/data/fair/fuji/data")

func readYAML(t *testing.T, v any, rel ...string) {
	t.Helper()
	p := testenv.SharedData(t, rel...)
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", p, err)
	}
}

// TestMetricTables checks dataMetrics and softwareMetrics against F-UJI's metric definitions: the same metrics and
// tests in the same order, with the same principles, names, points and maturity.
func TestMetricTables(t *testing.T) {
	type yTest struct {
		ID       string  `yaml:"metric_test_identifier"`
		Name     string  `yaml:"metric_test_name"`
		Score    float64 `yaml:"metric_test_score"`
		Maturity int     `yaml:"metric_test_maturity"`
	}
	type yMetric struct {
		ID        string  `yaml:"metric_identifier"`
		ShortName string  `yaml:"metric_short_name"`
		Principle string  `yaml:"fair_principle"`
		Total     float64 `yaml:"total_score"`
		Tests     []yTest `yaml:"metric_tests"`
	}
	for _, set := range []struct {
		file string
		defs []metricDef
	}{{"metrics_v0.8.yaml", dataMetrics}, {"metrics_v0.7_software.yaml", softwareMetrics}} {
		t.Run(set.file, func(t *testing.T) {
			var doc struct {
				Metrics []yMetric `yaml:"metrics"`
			}
			readYAML(t, &doc, "fair", "fuji", set.file)
			if len(doc.Metrics) != len(set.defs) {
				t.Fatalf("%d metrics in the YAML, %d in the table", len(doc.Metrics), len(set.defs))
			}
			for i, y := range doc.Metrics {
				m := set.defs[i]
				principle := y.Principle
				if principle == "" {
					principle = principleOf(y.ID) // FsF-F4-01M has none; F-UJI's summary reads it from the identifier
				}
				if m.id != y.ID || m.principle != principle || m.name != y.ShortName || m.total != y.Total {
					t.Errorf("metric %d: table {%s %s %q %v}, YAML {%s %s %q %v}", i, m.id, m.principle, m.name, m.total,
						y.ID, principle, y.ShortName, y.Total)
				}
				if got := principleOf(y.ID); got != principle {
					t.Errorf("%s: principle from identifier %q, YAML %q", y.ID, got, principle)
				}
				if len(m.tests) != len(y.Tests) {
					t.Errorf("%s: %d tests in the table, %d in the YAML", y.ID, len(m.tests), len(y.Tests))
					continue
				}
				for j, yt := range y.Tests {
					if got := m.tests[j]; got != (testDef{yt.ID, yt.Score, yt.Maturity, yt.Name}) {
						t.Errorf("%s test %d: table %+v, YAML %+v", y.ID, j, got, yt)
					}
				}
			}
		})
	}
}

// TestEveryTestBound checks that every test of both metric sets has a check, offline or network, or is one of the
// repository tests that the package doc lists with the reason.
func TestEveryTestBound(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, set := range [][]metricDef{dataMetrics, softwareMetrics} {
		for _, m := range set {
			for _, td := range m.tests {
				c, ok := checks[td.id]
				if !ok {
					t.Errorf("%s: no check bound", td.id)
					continue
				}
				switch c.kind {
				case kindOffline:
					if c.offline == nil {
						t.Errorf("%s: offline test without a check function", td.id)
					}
				case kindNetwork:
					if c.network == nil {
						t.Errorf("%s: network test without a check function", td.id)
					}
					if !bytes.Contains(doc, []byte(td.id)) {
						t.Errorf("%s is a network test but the package doc (doc.go) does not list it", td.id)
					}
				case kindRepository:
					if c.reason == "" {
						t.Errorf("%s: repository test without a reason", td.id)
					}
					if !bytes.Contains(doc, []byte(td.id)) {
						t.Errorf("%s needs the source repository but the package doc (doc.go) does not list it", td.id)
					}
				}
			}
		}
	}
	for id := range checks {
		if _, _, ok := findTest(id); !ok {
			t.Errorf("check bound to %s, which no metric defines", id)
		}
	}
}

func findTest(id string) (metricDef, testDef, bool) {
	for _, set := range [][]metricDef{dataMetrics, softwareMetrics} {
		for _, m := range set {
			for _, td := range m.tests {
				if td.id == id {
					return m, td, true
				}
			}
		}
	}
	return metricDef{}, testDef{}, false
}

// TestBundledLists checks the protocol and access-rights tables, and the generated licence, file-format and
// metadata-standard tables of lists.go, against F-UJI's lookup tables.
func TestBundledLists(t *testing.T) {
	t.Run("protocols", func(t *testing.T) {
		var y map[string]struct {
			Name string `yaml:"name"`
			Auth string `yaml:"auth"`
		}
		readYAML(t, &y, "fair", "fuji", "data", "standard_uri_protocols.yaml")
		if len(y) != len(standardProtocols) {
			t.Errorf("%d protocols in the YAML, %d in the table", len(y), len(standardProtocols))
		}
		for scheme, p := range y {
			got, ok := standardProtocols[scheme]
			if !ok || got.name != p.Name || got.auth != p.Auth {
				t.Errorf("protocol %s: table %+v (present %v), YAML %+v", scheme, got, ok, p)
			}
		}
	})
	t.Run("access rights", func(t *testing.T) {
		var y map[string]struct {
			Members []struct {
				Condition string `yaml:"access_condition"`
				URI       string `yaml:"uri"`
			} `yaml:"members"`
		}
		readYAML(t, &y, "fair", "fuji", "data", "access_rights.yaml")
		n := 0
		for _, vocab := range y {
			for _, m := range vocab.Members {
				n++
				if got, ok := accessRightTerms[m.URI]; !ok || got != m.Condition {
					t.Errorf("access right %s: table %q (present %v), YAML %q", m.URI, got, ok, m.Condition)
				}
			}
		}
		if n != len(accessRightTerms) {
			t.Errorf("%d access-right terms in the YAML, %d in the table", n, len(accessRightTerms))
		}
	})
	src := generateLists(t)
	if *updateLists {
		if err := os.WriteFile("lists.go", src, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	have, err := os.ReadFile("lists.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(have, src) {
		t.Errorf("lists.go differs from F-UJI's lookup tables; regenerate it: go test ./assess -run TestBundledLists -update-lists")
	}
}

// generateLists renders lists.go from the shared YAML files.
func generateLists(t *testing.T) []byte {
	t.Helper()
	var lic []struct {
		ID         string `yaml:"licenseId"`
		OSI        bool   `yaml:"isOsiApproved"`
		FSF        bool   `yaml:"isFsfLibre"`
		Deprecated bool   `yaml:"isDeprecatedLicenseId"`
	}
	readYAML(t, &lic, "fair", "fuji", "data", "licenses.yaml")
	var formats map[string]struct {
		Name   string   `yaml:"name"`
		Ext    []string `yaml:"ext"`
		Mime   []string `yaml:"mime"`
		Reason []string `yaml:"reason"`
	}
	readYAML(t, &formats, "fair", "fuji", "data", "file_formats.yaml")
	var standards map[string]struct {
		Title      string   `yaml:"title"`
		Acronym    string   `yaml:"acronym"`
		Field      []string `yaml:"field_of_science"`
		Subjects   []string `yaml:"subject_areas"`
		Identifier []struct {
			Type  string `yaml:"type"`
			Value string `yaml:"value"`
		} `yaml:"identifier"`
	}
	readYAML(t, &standards, "fair", "fuji", "data", "metadata_standards.yaml")

	var b bytes.Buffer
	b.WriteString("// Code generated by \"go test ./assess -run TestBundledLists -update-lists\" from F-UJI's lookup tables\n" +
		"// (pangaea-data-publisher/fuji, fuji_server/data: licenses.yaml, file_formats.yaml, metadata_standards.yaml,\n" +
		"// commit 3215372a). DO NOT EDIT.\n\npackage assess\n\n")
	b.WriteString("// spdxLicenses are the SPDX licence identifiers with their flags (licenses.yaml).\nvar spdxLicenses = []spdxLicense{\n")
	sort.Slice(lic, func(i, j int) bool { return lic[i].ID < lic[j].ID })
	for _, l := range lic {
		var f []string
		if l.OSI {
			f = append(f, "licOSI")
		}
		if l.FSF {
			f = append(f, "licFSF")
		}
		if l.Deprecated {
			f = append(f, "licDeprecated")
		}
		if len(f) == 0 {
			f = []string{"0"}
		}
		fmt.Fprintf(&b, "{%q, %s},\n", l.ID, strings.Join(f, "|"))
	}
	b.WriteString("}\n\n// fileFormats are the open, long-term and scientific file formats with their media types and file name\n" +
		"// extensions (file_formats.yaml).\nvar fileFormats = []fileFormat{\n")
	keys := make([]string, 0, len(formats))
	for k := range formats {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f := formats[k]
		var kinds []string
		for _, r := range f.Reason {
			switch r {
			case "open format":
				kinds = append(kinds, "fmtOpen")
			case "long term format":
				kinds = append(kinds, "fmtLongTerm")
			case "scientific format":
				kinds = append(kinds, "fmtScientific")
			default:
				t.Fatalf("file format %s: unknown reason %q", k, r)
			}
		}
		var exts []string
		for _, e := range f.Ext {
			exts = append(exts, strings.TrimPrefix(e, "*."))
		}
		fmt.Fprintf(&b, "{%q, %s, %#v, %#v},\n", f.Name, strings.Join(kinds, "|"), nilIfEmpty(f.Mime), nilIfEmpty(exts))
	}
	b.WriteString("}\n\n// metadataStandards are the metadata standards of the RDA Metadata Standards Catalog and FAIRsharing with\n" +
		"// their namespace and schema URIs; generic ones are multidisciplinary (metadata_standards.yaml).\n" +
		"var metadataStandards = []metadataStandard{\n")
	keys = keys[:0]
	for k := range standards {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		s := standards[k]
		generic := slices.Contains(s.Field, "sciences") || slices.Contains(s.Subjects, "Multidisciplinary")
		var uris []string
		for _, id := range s.Identifier {
			if id.Type == "namespace" || id.Type == "schema" {
				uris = append(uris, id.Value)
			}
		}
		fmt.Fprintf(&b, "{%q, %q, %q, %v, %#v},\n", k, s.Title, s.Acronym, generic, nilIfEmpty(uris))
	}
	b.WriteString("}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		t.Fatalf("generated source does not parse: %v", err)
	}
	return src
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}
