package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/format"
)

const testCFF = `cff-version: 1.2.0
message: Please cite.
title: shower-calib
version: 2.1.0
doi: 10.5281/zenodo.1234568
authors:
  - given-names: Camille
    family-names: Lefèvre
    orcid: https://orcid.org/0000-0002-1825-0097
    affiliation: IJCLab
    post-code: "91405"
license: Apache-2.0
repository-code: https://gitlab.in2p3.fr/dop2i/shower-calib
`

func TestSoftwareDescribe(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "CITATION.cff"), []byte(testCFF), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "", "software", "describe", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var cm map[string]any
	if err := json.Unmarshal([]byte(out), &cm); err != nil {
		t.Fatalf("codemeta output is not JSON: %v\n%s", err, out)
	}
	if cm["@context"] != "https://w3id.org/codemeta/3.0" || cm["name"] != "shower-calib" || cm["version"] != "2.1.0" ||
		cm["identifier"] != "https://doi.org/10.5281/zenodo.1234568" || cm["license"] != "https://spdx.org/licenses/Apache-2.0" {
		t.Errorf("codemeta output:\n%s", out)
	}
	if !strings.Contains(errs, "not carried over: CITATION.cff: authors[0].post-code") {
		t.Errorf("the dropped post code is not reported: %q", errs)
	}
	for format, want := range map[string]string{
		"cff":    "doi: 10.5281/zenodo.1234568",
		"zenodo": `"upload_type": "software"`,
		"fair":   `"general": "Software"`,
		// The formats of packages schemaorg and datacite, through the same format table.
		"schemaorg":     `"@type": "SoftwareSourceCode"`,
		"datacite-xml":  `resourceTypeGeneral="Software"`,
		"datacite-json": `"resourceTypeGeneral": "Software"`,
	} {
		code, out, errs := runCLI(t, "", "software", "describe", "-format", format, dir)
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("-format %s: exit %d, stderr %q, output lacks %q:\n%s", format, code, errs, want, out)
		}
	}
	if code, _, errs := runCLI(t, "", "software", "describe", "-format", "nosuch", dir); code != 2 || !strings.Contains(errs, "nosuch") {
		t.Errorf("unknown format: exit %d, %q", code, errs)
	}
	code, out, _ = runCLI(t, "", "software", "describe", "-self", "-format", "fair")
	if code != 0 || !strings.Contains(out, `"programmingLanguages": [`) || !strings.Contains(out, `"Go"`) {
		t.Errorf("-self: exit %d:\n%s", code, out)
	}
	for _, c := range []struct{ dir, want string }{
		{filepath.Join(dir, "nope"), "nope: no such directory"},
		{filepath.Join(dir, "CITATION.cff"), "CITATION.cff: is not a directory"},
	} {
		if code, _, errs := runCLI(t, "", "software", "describe", c.dir); code != 1 || !strings.Contains(errs, c.want) {
			t.Errorf("software describe %s: exit %d, %q; want 1 and %q", c.dir, code, errs, c.want)
		}
	}
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "CITATION.cff"), []byte("cff-version: 1.2.0\ntitle: x\n"), 0o644)
	if code, _, errs := runCLI(t, "", "software", "describe", bad); code != 1 || !strings.Contains(errs, "authors") {
		t.Errorf("invalid CITATION.cff: exit %d, %q; want 1 naming the missing authors", code, errs)
	}
}

// TestSoftwareDescribeSelf describes this program, as the README shows, in every format: the Go build information
// completed with the project's own codemeta.json, so CFF gets its authors and every format the licence.
func TestSoftwareDescribeSelf(t *testing.T) {
	for format, want := range map[string]string{
		"cff":           "license: Apache-2.0",
		"codemeta":      `"license": "https://spdx.org/licenses/Apache-2.0"`,
		"zenodo":        `"id": "Apache-2.0"`,
		"datacite-xml":  `rightsIdentifier="Apache-2.0"`,
		"datacite-json": `"rightsIdentifier": "Apache-2.0"`,
	} {
		code, out, errs := runCLI(t, "", "software", "describe", "-format", format, "-self")
		if code != 0 || !strings.Contains(out, want) || !strings.Contains(out, "The fairmeta authors") {
			t.Errorf("software describe -format %s -self: exit %d, stderr %q; output lacks %q or the authors:\n%s", format, code, errs, want, out)
		}
		// A test binary carries no VCS stamp: the missing commit is said, not left silent.
		if !strings.Contains(errs, "warning: the software's build records no commit") {
			t.Errorf("software describe -format %s -self: stderr %q does not say the build records no commit", format, errs)
		}
	}
}

// TestLicence holds the licence in one place: the LICENSE file is the Apache License 2.0, the project's codemeta.json
// says so, the README names it, and describing the source tree finds it.
func TestLicence(t *testing.T) {
	text, err := os.ReadFile("../../LICENSE")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(text, []byte("Apache License\n                           Version 2.0, January 2004")) ||
		!bytes.Contains(text, []byte("END OF TERMS AND CONDITIONS")) || !bytes.Contains(text, []byte("APPENDIX: How to apply the Apache License")) {
		t.Error("LICENSE is not the full text of the Apache License 2.0")
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(readme, []byte("[Apache License 2.0](LICENSE)")) {
		t.Error("the README does not name the licence")
	}
	code, out, errs := runCLI(t, "", "software", "describe", "-format", "codemeta", "../..")
	if code != 0 || !strings.Contains(out, `"license": "https://spdx.org/licenses/Apache-2.0"`) {
		t.Errorf("software describe of the repository: exit %d, %s\n%s", code, errs, out)
	}
}

func TestSoftwareFormatsConvert(t *testing.T) {
	// CFF → CodeMeta → CFF through the format table, as "fairmeta convert -from cff -to codemeta" does.
	f, err := format.Default().Detect([]byte(testCFF))
	if err != nil || f.Name != "cff" {
		t.Fatalf("CFF not detected: %v %q", err, f.Name)
	}
	recs, _, err := f.Read([]byte(testCFF))
	if err != nil {
		t.Fatal(err)
	}
	var cm bytes.Buffer
	if _, err := mustFormat(t, "codemeta").Write(&cm, recs[0]); err != nil {
		t.Fatal(err)
	}
	g, err := format.Default().Detect(cm.Bytes())
	if err != nil || g.Name != "codemeta" {
		t.Fatalf("CodeMeta not detected: %v %q", err, g.Name)
	}
	back, _, err := g.Read(cm.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var cff bytes.Buffer
	if _, err := mustFormat(t, "cff").Write(&cff, back[0]); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"title: shower-calib", "family-names: Lefèvre", "orcid: https://orcid.org/0000-0002-1825-0097",
		"affiliation: IJCLab", "license: Apache-2.0", "repository-code: https://gitlab.in2p3.fr/dop2i/shower-calib"} {
		if !strings.Contains(cff.String(), want) {
			t.Errorf("CFF → CodeMeta → CFF lost %q:\n%s", want, cff.String())
		}
	}
	var z bytes.Buffer
	if _, err := mustFormat(t, "zenodo").Write(&z, back[0]); err != nil {
		t.Fatal(err)
	}
	if h, err := format.Default().Detect(z.Bytes()); err != nil || h.Name != "zenodo" {
		t.Errorf(".zenodo.json not detected: %v", err)
	}
}

func TestConvertSoftwareFormats(t *testing.T) {
	dir := t.TempDir()
	cff := filepath.Join(dir, "CITATION.cff")
	if err := os.WriteFile(cff, []byte(testCFF), 0o644); err != nil {
		t.Fatal(err)
	}
	code, cm, errs := runCLI(t, "", "convert", "-from", "cff", "-to", "codemeta", cff)
	if code != 0 || !strings.Contains(cm, `"familyName": "Lefèvre"`) {
		t.Fatalf("convert -from cff -to codemeta: exit %d, %s\n%s", code, errs, cm)
	}
	// Detected without -from, and back to CFF.
	code, out, errs := runCLI(t, cm, "convert", "-to", "cff")
	if code != 0 || !strings.Contains(out, "doi: 10.5281/zenodo.1234568") || !strings.Contains(out, "license: Apache-2.0") {
		t.Errorf("convert codemeta -to cff: exit %d, %s\n%s", code, errs, out)
	}
	code, out, errs = runCLI(t, "", "convert", "-to", "zenodo", cff)
	if code != 0 || !strings.Contains(out, `"orcid": "0000-0002-1825-0097"`) {
		t.Errorf("convert -to zenodo: exit %d, %s\n%s", code, errs, out)
	}
	code, _, errs = runCLI(t, "cff-version: 1.2.0\ntitle: x\n", "convert", "-from", "cff", "-to", "codemeta")
	if code != 1 || !strings.Contains(errs, "authors") {
		t.Errorf("invalid CFF: exit %d, %q; want 1 naming authors", code, errs)
	}
}

// mustFormat returns the named format of the registry the commands use.
func mustFormat(t *testing.T, name string) fair.Format {
	t.Helper()
	f, ok := format.Default().Lookup(name)
	if !ok {
		t.Fatalf("no format %q", name)
	}
	return f
}
