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

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/format"
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

// Shared returns the records of the shared examples that the formats of format.Default() read, in a stable order:
// the DataCite 4.6 examples and REST records, the Crossref records and the INSPIRE literature records. It skips the
// test (fails it under CI) when the shared data is missing, and logs the files no format of the registry reads.
func Shared(tb testing.TB) []Record {
	tb.Helper()
	root := testenv.SharedData(tb)
	reg := format.Default()
	var out []Record
	var unread []string
	for _, src := range []struct{ source, dir, pattern, formats string }{
		{"datacite", "datacite/examples/kernel-4.6", "*.xml", "datacite-xml"},
		{"datacite", "datacite/rest", "*.json", "datacite-json"},
		{"crossref", "publications/crossref", "*", "crossref crossref-xml"},
		{"inspire", "publications/inspire/literature", "*.json", "inspire"},
	} {
		files, _ := filepath.Glob(filepath.Join(root, src.dir, src.pattern))
		sort.Strings(files)
		for _, f := range files {
			name, _ := filepath.Rel(root, f)
			name = filepath.ToSlash(name)
			data, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			// The file's format is known: read it with that format when the registry has it (detection is the
			// registry's own test), else detect it and keep the records only when the detected format is it.
			from := ""
			for _, name := range strings.Fields(src.formats) {
				if f, ok := reg.Lookup(name); ok && f.CanRead() && from == "" {
					if _, _, _, err := reg.Read(name, data); err == nil {
						from = name
					}
				}
			}
			f, recs, _, err := reg.Read(from, data)
			switch {
			case err != nil:
				unread = append(unread, name+" ("+err.Error()+")")
				continue
			case !strings.Contains(" "+src.formats+" ", " "+f.Name+" "):
				unread = append(unread, name+" (detected as "+f.Name+")")
				continue
			}
			for i, r := range recs {
				n := name
				if len(recs) > 1 {
					n = fmt.Sprintf("%s[%d]", name, i)
				}
				h := fnv.New32a()
				h.Write([]byte(n))
				out = append(out, Record{Name: n, Source: src.source, HeldOut: h.Sum32()%2 == 1, Rec: r})
			}
		}
	}
	if len(unread) > 0 {
		tb.Logf("%d shared example files no format of the registry reads (yet): %s", len(unread), shortList(unread))
	}
	if len(out) == 0 {
		tb.Fatal("no shared example records read")
	}
	return out
}

func shortList(s []string) string {
	if len(s) > 5 {
		return strings.Join(s[:5], "; ") + fmt.Sprintf("; and %d more", len(s)-5)
	}
	return strings.Join(s, "; ")
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
