package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/format"
	"github.com/dop2i/fairmeta/internal/testenv"
	"github.com/dop2i/fairmeta/schemaorg"
)

func TestJSONLDCanonicalize(t *testing.T) {
	official := testenv.SharedData(t, "schemaorg", "schemaorgcontext-30.0.jsonld")
	dir := testenv.SharedData(t, "schemaorg", "landing")
	files := []string{filepath.Join(dir, "zenodo.json"), filepath.Join(dir, "dryad.json")}

	code, out, errs := runCLI(t, "", append([]string{"jsonld", "canonicalize", "-context", official}, files...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var want strings.Builder
	var hashes []string
	b, _ := os.ReadFile(official)
	p, err := schemaorg.NewProcessor(schemaorg.WithSchemaOrgContext(b))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		doc, _ := os.ReadFile(f)
		nq, err := p.Canonicalize(t.Context(), doc)
		if err != nil {
			t.Fatal(err)
		}
		want.Write(nq)
		hashes = append(hashes, schemaorg.HashNQuads(nq)+"\t"+f)
	}
	if out != want.String() || !strings.Contains(out, "_:c14n0") {
		t.Errorf("N-Quads of both files in argument order expected; got:\n%s", out)
	}

	code, out, _ = runCLI(t, "", append([]string{"jsonld", "canonicalize", "-context", official, "-hash"}, files...)...)
	if code != 0 || out != strings.Join(hashes, "\n")+"\n" {
		t.Errorf("-hash: exit %d, output:\n%s\nwant:\n%s", code, out, strings.Join(hashes, "\n"))
	}
	if !regexp.MustCompile(`^sha256:[0-9a-f]{64}\t`).MatchString(out) {
		t.Errorf("-hash line format: %q", out)
	}
}

func TestJSONLDCanonicalizeRefusesLocalContext(t *testing.T) {
	f := filepath.Join(t.TempDir(), "evil.jsonld")
	if err := os.WriteFile(f, []byte(`{"@context": "/etc/passwd", "name": "x"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "", "jsonld", "canonicalize", f)
	if code != 1 || out != "" || !strings.Contains(errs, `"/etc/passwd" refused`) || !strings.Contains(errs, "local files are never read") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if code, _, _ := runCLI(t, "", "jsonld", "canonicalize"); code != 2 {
		t.Errorf("no files: exit %d, want 2", code)
	}
}

func TestSchemaorgFormat(t *testing.T) {
	f, ok := format.Default().Lookup("schemaorg")
	if !ok {
		t.Fatal("schemaorg format not registered")
	}
	page := []byte(`<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "Dataset",
		"name": "Run 4271", "identifier": "https://doi.org/10.5281/zenodo.4271"}</script></head></html>`)
	if got, err := format.Default().Detect(page); err != nil || got.Name != "schemaorg" {
		t.Fatalf("an HTML landing page is detected as %q (%v)", got.Name, err)
	}
	recs, _, err := f.Read(page)
	if err != nil || len(recs) != 1 || recs[0].MainTitle() != "Run 4271" || recs[0].DOI() != "10.5281/zenodo.4271" {
		t.Fatalf("read: %v %+v", err, recs)
	}
	var out strings.Builder
	if _, err := f.Write(&out, recs[0]); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"@id": "https://doi.org/10.5281/zenodo.4271"`) {
		t.Errorf("written:\n%s", out.String())
	}
	if got, err := format.Default().Detect([]byte(out.String())); err != nil || got.Name != "schemaorg" {
		t.Errorf("written JSON-LD is detected as %q (%v)", got.Name, err)
	}
}

// landingHTML wraps a shared landing-page JSON-LD document in an HTML page, as a repository serves it.
func landingHTML(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(testenv.SharedData(t, "schemaorg", "landing", name))
	if err != nil {
		t.Fatal(err)
	}
	return "<!DOCTYPE html>\n<html><head><title>x</title>\n<script type=\"application/ld+json\">\n" + string(b) +
		"\n</script>\n</head><body><h1>x</h1></body></html>\n"
}

func TestConvertSchemaorg(t *testing.T) {
	page := filepath.Join(t.TempDir(), "pangaea.html")
	if err := os.WriteFile(page, []byte(landingHTML(t, "pangaea.json")), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "", "convert", "-to", "datacite-xml", page)
	if code != 0 || !strings.Contains(out, `<identifier identifierType="DOI">10.1594/pangaea.836178</identifier>`) ||
		!strings.Contains(out, "<publicationYear>2014</publicationYear>") {
		t.Fatalf("HTML landing page to DataCite XML: exit %d, stderr %s\n%s", code, errs, out)
	}
	xml := filepath.Join(t.TempDir(), "pangaea.xml")
	if err := os.WriteFile(xml, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runCLI(t, "", "convert", "-to", "schemaorg", xml)
	if code != 0 || !strings.Contains(out, `"@id": "https://doi.org/10.1594/pangaea.836178"`) || !strings.Contains(out, `"@type": "Dataset"`) {
		t.Fatalf("DataCite XML to schema.org: exit %d, stderr %s\n%s", code, errs, out)
	}
	code, _, errs = runCLI(t, out, "convert", "-from", "schemaorg", "-to", "datacite-xml", "-")
	if code != 0 {
		t.Errorf("schema.org from stdin: exit %d: %s", code, errs)
	}
}

func TestValidateSchemaorg(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"dryad", "pangaea"} {
		if err := os.WriteFile(filepath.Join(dir, n+".html"), []byte(landingHTML(t, n+".json")), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	code, out, _ := runCLI(t, "", "validate", "-format", "schemaorg", filepath.Join(dir, "pangaea.html"))
	if code != 0 || strings.Contains(out, ": error:") {
		t.Errorf("PANGAEA has DataCite's mandatory fields: exit %d\n%s", code, out)
	}
	// What the page says that the record cannot hold is reported, not dropped: the publisher's URL among others.
	if !strings.Contains(out, "publisher.url: warning: not carried over: <https://www.pangaea.de/>") {
		t.Errorf("validate does not report the publisher URL it could not carry over:\n%s", out)
	}
	code, out, _ = runCLI(t, "", "validate", "-format", "schemaorg", filepath.Join(dir, "dryad.html"))
	if code != 1 || !strings.Contains(out, "publicationYear") {
		t.Errorf("Dryad has no publication year: exit %d, want 1 and a problem naming publicationYear\n%s", code, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.Contains(line, ": error:") && !strings.Contains(line, "publicationYear") {
			t.Errorf("an error other than the missing publicationYear: %s", line)
		}
	}
}
