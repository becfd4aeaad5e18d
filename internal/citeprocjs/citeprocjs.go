// Package citeprocjs runs citeproc-js, the reference CSL processor (the citeproc npm package, pinned in
// package.json), from Go tests, to compare the csl package's output with it and to time it. Tests that use it skip
// when node or the npm package is missing (and fail under CI, which installs both: see .ci/run).
package citeprocjs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/internal/testenv"
)

// Request is what citeproc-js is asked to format.
type Request struct {
	Style        string            `json:"style"`
	Lang         string            `json:"lang,omitempty"`
	Locales      map[string]string `json:"locales"`
	Items        []json.RawMessage `json:"items"`
	Format       string            `json:"format"` // "html" or "text"
	Bibliography bool              `json:"bibliography"`
	Clusters     [][]Cite          `json:"clusters,omitempty"`
	Repeat       int               `json:"repeat,omitempty"`
	// Separately formats each item on its own (its entry and its citation), for per-record comparisons.
	Separately bool `json:"separately,omitempty"`
}

// Cite is one cite of a cluster, as citeproc-js takes it.
type Cite struct {
	ID      string `json:"id"`
	Locator string `json:"locator,omitempty"`
	Label   string `json:"label,omitempty"`
	Prefix  string `json:"prefix,omitempty"`
	Suffix  string `json:"suffix,omitempty"`
}

// Result is citeproc-js's output: one string per bibliography entry (the csl-entry div stripped) and per cluster,
// and the nanoseconds the last repetition took inside node (engine construction and formatting, no start-up).
type Result struct {
	Bibliography []string `json:"bibliography"`
	Clusters     []string `json:"clusters"`
	Each         []Single `json:"each"`
	Error        string   `json:"error"`
	Ns           int64    `json:"ns"`
}

// Single is one item formatted on its own.
type Single struct {
	ID           string `json:"id"`
	Bibliography string `json:"bibliography"`
	Citation     string `json:"citation"`
	Error        string `json:"error"`
}

// Pair is one (record, style) comparison.
type Pair struct {
	ID, Style      string
	GoBib, JSBib   string
	GoCite, JSCite string
}

// Agrees reports whether both outputs are the same, whitespace aside.
func (p Pair) Agrees() bool {
	return normalize(p.GoBib) == normalize(p.JSBib) && normalize(p.GoCite) == normalize(p.JSCite)
}

// normalize collapses white space, and drops it next to the block divs of a second-field or margin layout
// (citeproc-js puts a line break between them; in HTML it is not rendered).
func normalize(s string) string {
	return divSpace.ReplaceAllString(strings.Join(strings.Fields(s), " "), "$1")
}

var divSpace = regexp.MustCompile(`\s*(<div[^>]*>|</div>)\s*`)

// Compare formats every item alone with citeproc-js (one node run) and with format (the Go processor, given the
// item's id), and returns one Pair per item. styleName labels the pairs.
func Compare(tb testing.TB, styleName string, req *Request, format func(id string) (bib, cite string)) []Pair {
	tb.Helper()
	r := *req
	r.Separately = true
	r.Bibliography = true
	res := Run(tb, &r)
	if res.Error != "" {
		tb.Fatalf("citeproc-js failed on style %s: %s", styleName, res.Error)
	}
	var pairs []Pair
	for _, s := range res.Each {
		if s.Error != "" {
			tb.Logf("citeproc-js cannot format %s in %s (left out): %s", s.ID, styleName, s.Error)
			continue
		}
		gb, gc := format(s.ID)
		pairs = append(pairs, Pair{ID: s.ID, Style: styleName, GoBib: gb, JSBib: s.Bibliography, GoCite: gc, JSCite: s.Citation})
	}
	return pairs
}

// dir is this package's directory, where package.json and node_modules are.
func dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

// Available returns node's path, skipping the test (failing it under CI) when node or the citeproc package is
// missing.
func Available(tb testing.TB) string {
	tb.Helper()
	node := testenv.Tool(tb, "node", "apt-get install nodejs npm; then npm install --prefix internal/citeprocjs")
	if _, err := os.Stat(filepath.Join(dir(), "node_modules", "citeproc", "citeproc_commonjs.js")); err != nil {
		if testenv.InCI() {
			tb.Fatal("CI must not skip: citeproc npm package missing (npm install --prefix internal/citeprocjs)")
		}
		tb.Skip("citeproc npm package not installed: npm install --prefix internal/citeprocjs")
	}
	return node
}

// Run formats a request with citeproc-js.
func Run(tb testing.TB, req *Request) *Result {
	tb.Helper()
	node := Available(tb)
	in, err := json.Marshal(req)
	if err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join(dir(), "render.js"))
	cmd.Dir = dir()
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("citeproc-js: %v: %s", err, stderr.String())
	}
	var res Result
	if err := json.Unmarshal(out, &res); err != nil {
		tb.Fatalf("citeproc-js output: %v", err)
	}
	if res.Error != "" {
		tb.Logf("citeproc-js error: %s", res.Error)
	}
	return &res
}

// Locales reads locale files from the shared CSL data for the given tags.
func Locales(tb testing.TB, tags ...string) map[string]string {
	tb.Helper()
	m := map[string]string{}
	for _, tag := range tags {
		p := testenv.SharedData(tb, "csl", "locales", "locales-"+tag+".xml")
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		m[tag] = string(data)
	}
	return m
}

// String implements fmt.Stringer for debugging.
func (r *Result) String() string {
	return fmt.Sprintf("%d entries, %d clusters, %d ns", len(r.Bibliography), len(r.Clusters), r.Ns)
}
