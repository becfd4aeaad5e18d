package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/internal/testenv"
)

const smallXML = `<?xml version="1.0" encoding="UTF-8"?>
<resource xmlns="http://datacite.org/schema/kernel-4">
  <identifier identifierType="DOI">10.82433/B09Z-4K37</identifier>
  <creators><creator><creatorName>Lefèvre, Camille</creatorName>
    <affiliation affiliationIdentifier="https://ror.org/03yrm5c27" affiliationIdentifierScheme="ROR">IJCLab</affiliation></creator></creators>
  <titles><title>Run 4271</title></titles>
  <publisher>CC-IN2P3</publisher>
  <publicationYear>2026</publicationYear>
  <resourceType resourceTypeGeneral="Dataset"/>
</resource>`

func TestConvertXMLToJSONAndBack(t *testing.T) {
	code, out, errs := runCLI(t, smallXML, "convert", "-to", "datacite-json")
	if code != 0 {
		t.Fatalf("convert -to datacite-json: exit %d, stderr %s", code, errs)
	}
	rec, _, err := datacite.ReadJSONRecord([]byte(out))
	if err != nil {
		t.Fatalf("output is not DataCite JSON: %v\n%s", err, out)
	}
	if rec.DOI != "10.82433/B09Z-4K37" || rec.Creators[0].Affiliations[0].Name != "IJCLab" || rec.PublicationYear != 2026 {
		t.Errorf("converted record lost data: %+v", rec)
	}
	// And back, with the format detected.
	code, back, errs := runCLI(t, out, "convert", "-to", "datacite-xml")
	if code != 0 {
		t.Fatalf("convert back: exit %d, stderr %s", code, errs)
	}
	if !strings.Contains(back, `<affiliation affiliationIdentifier="https://ror.org/03yrm5c27" affiliationIdentifierScheme="ROR">IJCLab</affiliation>`) ||
		!strings.Contains(back, `<identifier identifierType="DOI">10.82433/B09Z-4K37</identifier>`) {
		t.Errorf("XML → JSON → XML lost data:\n%s", back)
	}
}

func TestConvertJSONLines(t *testing.T) {
	sample := testenv.SharedData(t, "datacite", "rest", "sample.json")
	code, out, errs := runCLI(t, "", "convert", "-jsonl", "-to", "datacite-json", sample)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 100 {
		t.Fatalf("a list of 100 records gave %d lines", len(lines))
	}
	for i, l := range lines {
		if _, _, err := datacite.ReadJSONRecord([]byte(l)); err != nil {
			t.Fatalf("line %d is not one DataCite record: %v", i+1, err)
		}
	}
	// The stream reads back, one record per line, into the hub form.
	code, out2, errs := runCLI(t, out, "convert", "-jsonl", "-to", "fair")
	if code != 0 {
		t.Fatalf("stream in: exit %d: %s", code, errs)
	}
	if n := strings.Count(out2, "\n"); n != 100 {
		t.Errorf("100 lines in gave %d lines out", n)
	}
	// Without -jsonl, a list stays a list.
	code, out3, _ := runCLI(t, "", "convert", "-to", "datacite-json", sample)
	if recs, _, err := datacite.ReadJSON([]byte(out3)); code != 0 || err != nil || len(recs) != 100 {
		t.Errorf("list → list: exit %d, %d records, %v", code, len(recs), err)
	}
	// XML holds one record per document.
	if code, _, errs := runCLI(t, "", "convert", "-to", "datacite-xml", sample); code != 1 || !strings.Contains(errs, "100 records") {
		t.Errorf("list → XML: exit %d, stderr %q; want 1 and an explanation", code, errs)
	}
}

func TestConvertErrors(t *testing.T) {
	cases := []struct {
		name, stdin string
		args        []string
		code        int
		stderr      string
	}{
		{"no -to", smallXML, []string{"convert"}, 2, "Usage"},
		{"unknown -to", smallXML, []string{"convert", "-to", "marc"}, 2, `-to "marc": not a format fairmeta writes`},
		{"unknown -from", smallXML, []string{"convert", "-from", "marc", "-to", "fair"}, 2, `-from "marc": not a format fairmeta reads`},
		{"two files", "", []string{"convert", "-to", "fair", "a", "b"}, 2, "Usage"},
		{"malformed XML", "<resource xmlns=\"http://datacite.org/schema/kernel-4\">\n<titles>\n</resource>", []string{"convert", "-from", "datacite-xml", "-to", "fair"}, 1, "XML line 3"},
		{"wrong JSON type", "{\"data\": {\"type\": \"dois\",\n \"attributes\": {\"titles\": \"x\"}}}", []string{"convert", "-to", "datacite-xml"}, 1, "JSON line 2, column 27: data.attributes.titles: want an array, got a string"},
		{"undetectable", "hello", []string{"convert", "-to", "fair"}, 1, "cannot tell the format"},
		{"bad line in stream", "{\"types\":{\"resourceTypeGeneral\":\"Dataset\"}}\n{\"types\": \n", []string{"convert", "-jsonl", "-to", "datacite-json"}, 1, "-:2: invalid JSON"},
		{"-jsonl to XML", smallXML, []string{"convert", "-jsonl", "-to", "datacite-xml"}, 2, "datacite-xml writes no JSON, so not one record per line"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errs := runCLI(t, c.stdin, c.args...)
			if code != c.code || !strings.Contains(errs, c.stderr) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errs, c.code, c.stderr)
			}
		})
	}
}

func TestValidateCommand(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.xml")
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(good, []byte(smallXML), 0o644); err != nil {
		t.Fatal(err)
	}
	badJSON := `{"doi":"10.82433/x","creators":[{"name":"A","nameIdentifiers":[{"nameIdentifier":"0000-0002-1825-0098","nameIdentifierScheme":"ORCID"}]}],
		"titles":[{"title":"T"}],"publisher":"P","publicationYear":"26","types":{"resourceTypeGeneral":"Data set"}}`
	if err := os.WriteFile(bad, []byte(badJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, "", "validate", good, bad)
	if code != 1 {
		t.Errorf("exit %d, want 1 (bad.json has errors)", code)
	}
	want := []string{
		good + `: creators[0].affiliation[0].affiliationIdentifier: warning: ROR ID "https://ror.org/03yrm5c27" has a wrong checksum (27, want 26)`,
		bad + `: creators[0].nameIdentifiers[0].nameIdentifier: warning: ORCID iD "0000-0002-1825-0098" `,
		bad + `: publicationYear: warning: 0026 is an unlikely publication year`,
		bad + `: types.resourceTypeGeneral: error: resourceTypeGeneral "Data set" is not in the DataCite 4.7 list; write "Dataset"`,
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	// Warnings only: exit 0.
	if code, out, _ := runCLI(t, "", "validate", good); code != 0 || !strings.Contains(out, "warning") {
		t.Errorf("warnings only: exit %d, output %q; want 0", code, out)
	}
	// Standard input, named format, unreadable input.
	if code, out, _ := runCLI(t, smallXML, "validate", "-format", "datacite-xml", "-"); code != 0 || !strings.HasPrefix(out, "-: ") {
		t.Errorf("stdin: exit %d, output %q", code, out)
	}
	if code, out, errs := runCLI(t, "<resource", "validate", "-format", "datacite-xml", "-"); code != 1 || out != "" || !strings.Contains(errs, "fairmeta validate: -: datacite: XML line 1") {
		t.Errorf("malformed: exit %d, stdout %q, stderr %q; want 1 with the position on stderr", code, out, errs)
	}
	if code, _, _ := runCLI(t, "", "validate"); code != 2 {
		t.Errorf("no files: exit %d, want 2", code)
	}
	if code, _, _ := runCLI(t, "", "validate", "-format", "nope", good); code != 2 {
		t.Errorf("unknown format: exit %d, want 2", code)
	}
}

// TestValidateThroughResource checks that formats without a validate hook are validated through fair.Resource: the
// hub form here, whose problems are named by fair.Resource's paths; the same record as DataCite JSON is named by
// DataCite's.
func TestValidateThroughResource(t *testing.T) {
	res := map[string]any{
		"titles":       []any{map[string]any{"title": "T"}},
		"resourceType": map[string]any{"general": "Dataset"},
		"creators": []any{map[string]any{"name": "A", "affiliations": []any{
			map[string]any{"name": "IJCLab", "identifier": "https://ror.org/03gc1p725", "identifierScheme": "ROR"}}}},
	}
	b, _ := json.Marshal(res)
	code, out, _ := runCLI(t, string(b), "validate", "-")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, w := range []string{"-: identifier.value: error: the identifier (DOI) is required", "-: publisher: error: publisher is required",
		"-: publicationYear: error", "-: creators[0].affiliations[0].identifier: warning: ROR ID"} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
	code, dc, _ := runCLI(t, string(b), "convert", "-to", "datacite-json", "-")
	if code != 0 {
		t.Fatalf("convert: exit %d", code)
	}
	_, out, _ = runCLI(t, dc, "validate", "-")
	for _, w := range []string{"-: doi: error: the identifier (DOI) is required", "-: creators[0].affiliation[0].affiliationIdentifier: warning: ROR ID"} {
		if !strings.Contains(out, w) {
			t.Errorf("DataCite JSON: output lacks %q:\n%s", w, out)
		}
	}
}

// TestDetectDataCite checks that convert tells the DataCite formats from the input alone, in UTF-16 too.
func TestDetectDataCite(t *testing.T) {
	u16 := []byte{0xFF, 0xFE}
	for _, r := range strings.Replace(smallXML, `encoding="UTF-8"`, `encoding="UTF-16"`, 1) {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	cases := map[string]string{
		"XML":           smallXML,
		"UTF-16 XML":    string(u16),
		"bare JSON":     `{"doi":"10.82433/x","types":{"resourceTypeGeneral":"Dataset"},"titles":[{"title":"T"}]}`,
		"JSON:API":      `{"data":{"id":"10.82433/x","type":"dois","attributes":{"titles":[{"title":"T"}]}}}`,
		"JSON:API list": `{"data":[{"id":"10.82433/x","type":"dois","attributes":{"titles":[{"title":"T"}]}}]}`,
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			code, out, errs := runCLI(t, in, "convert", "-to", "fair")
			if code != 0 || !strings.Contains(out, `"title": `) {
				t.Errorf("exit %d, stderr %q, output %q", code, errs, out)
			}
		})
	}
}
