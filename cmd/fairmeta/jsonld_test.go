package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

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
	f, ok := formats["schemaorg"]
	if !ok {
		t.Fatal("schemaorg format not registered")
	}
	page := []byte(`<html><head><script type="application/ld+json">{"@context": "https://schema.org", "@type": "Dataset",
		"name": "Run 4271", "identifier": "https://doi.org/10.5281/zenodo.4271"}</script></head></html>`)
	if got, err := lookupFormat("", page); err != nil || got.name != "schemaorg" {
		t.Fatalf("an HTML landing page is detected as %q (%v)", got.name, err)
	}
	recs, err := f.read(page)
	if err != nil || len(recs) != 1 || recs[0].MainTitle() != "Run 4271" || recs[0].DOI() != "10.5281/zenodo.4271" {
		t.Fatalf("read: %v %+v", err, recs)
	}
	var out strings.Builder
	if err := f.write(&out, recs[0]); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"@id": "https://doi.org/10.5281/zenodo.4271"`) {
		t.Errorf("written:\n%s", out.String())
	}
	if got, err := lookupFormat("", []byte(out.String())); err != nil || got.name != "schemaorg" {
		t.Errorf("written JSON-LD is detected as %q (%v)", got.name, err)
	}
}
