// Package citationjs runs citation-js (the npm packages @citation-js/core, plugin-bibtex and plugin-ris, pinned in
// testdata/package.json), a reference parser of BibTeX and RIS, from Go tests: what packages bibtex and ris write
// must parse without error in it and give back the same authors, title, year and identifiers. Tests that use it skip
// when node or the packages are missing and fail under CI, which installs both (.ci/run).
package citationjs

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/dop2i/fairmeta/internal/testenv"
)

// Doc is one document to parse: Format is "bibtex" or "ris".
type Doc struct {
	Format string `json:"format"`
	Text   string `json:"text"`
}

// Result is what citation-js read from a document: CSL-JSON items, and the errors it threw or logged.
type Result struct {
	Items  []map[string]any `json:"items"`
	Errors []string         `json:"errors"`
}

// dir is the folder of package.json, parse.js and node_modules.
func dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "testdata")
}

// Available returns node's path, skipping the test (failing it under CI) when node or the citation-js packages are
// missing.
func Available(tb testing.TB) string {
	tb.Helper()
	node := testenv.Tool(tb, "node", "apt-get install nodejs npm; then npm ci --prefix internal/citationjs/testdata")
	for _, p := range []string{"core", "plugin-bibtex", "plugin-ris"} {
		if _, err := os.Stat(filepath.Join(dir(), "node_modules", "@citation-js", p, "package.json")); err != nil {
			msg := "citation-js not installed (npm ci --prefix internal/citationjs/testdata)"
			if testenv.InCI() {
				tb.Fatal("CI must not skip: " + msg)
			}
			tb.Skip(msg)
		}
	}
	return node
}

// Parse parses the documents with citation-js in one node run and returns one Result per document.
func Parse(tb testing.TB, docs []Doc) []Result {
	tb.Helper()
	node := Available(tb)
	in, err := json.Marshal(map[string]any{"docs": docs})
	if err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join(dir(), "parse.js"))
	cmd.Dir = dir()
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("citation-js: %v: %s", err, stderr.String())
	}
	var res struct {
		Results []Result `json:"results"`
	}
	if err := json.Unmarshal(out, &res); err != nil {
		tb.Fatalf("citation-js output: %v", err)
	}
	if len(res.Results) != len(docs) {
		tb.Fatalf("citation-js gave %d results for %d documents", len(res.Results), len(docs))
	}
	return res.Results
}
