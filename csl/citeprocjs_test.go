package csl

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/internal/citeprocjs"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// fixtureCorpus collects the distinct CSL-JSON items of the test suite's fixtures (ids renamed to be unique), the
// real-world-shaped records the comparison with citeproc-js and the benchmark use.
func fixtureCorpus(tb testing.TB) []json.RawMessage {
	tb.Helper()
	dir := testenv.SharedData(tb, "csl", "test-suite")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	seen := map[string]bool{}
	var out []json.RawMessage
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			tb.Fatal(err)
		}
		f, err := parseFixture(filepath.Base(file), data)
		if err != nil {
			continue
		}
		var items []map[string]any
		if json.Unmarshal([]byte(f.sections["INPUT"]), &items) != nil {
			continue
		}
		for _, it := range items {
			if it["title"] == nil || it["type"] == nil {
				continue
			}
			delete(it, "id")
			key, _ := json.Marshal(it)
			if seen[string(key)] {
				continue
			}
			seen[string(key)] = true
			it["id"] = fmt.Sprintf("R%04d", len(out)+1)
			b, _ := json.Marshal(it)
			out = append(out, b)
		}
	}
	return out
}

func bundledStyleXML(tb testing.TB, name string) string {
	data, err := bundledFS.ReadFile("bundled/styles/" + name + ".csl")
	if err != nil {
		tb.Fatal(err)
	}
	return string(data)
}

// TestAgreesWithCiteprocJS formats every corpus record on its own in every bundled independent style with this
// processor and with citeproc-js, and reports the share of (record, style) pairs whose entry and citation agree.
func TestAgreesWithCiteprocJS(t *testing.T) {
	citeprocjs.Available(t)
	corpus := fixtureCorpus(t)
	items, err := ReadItems(strings.NewReader("[" + string(joinRaw(corpus)) + "]"))
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*Item{}
	for _, it := range items {
		byID[it.ID] = it
	}
	locales := citeprocjs.Locales(t, "en-US", "en-GB", "fr-FR")
	total, agree := 0, 0
	var report []string
	for _, name := range BundledStyles() {
		style, _ := BundledStyle(name)
		if style.Parent != "" {
			continue // dependents format as their parent
		}
		p, err := New(style)
		if err != nil {
			t.Fatal(err)
		}
		req := &citeprocjs.Request{Style: bundledStyleXML(t, name), Locales: locales, Items: corpus, Format: "html"}
		pairs := citeprocjs.Compare(t, name, req, func(id string) (string, string) {
			it := byID[id]
			bib, _ := p.Bibliography([]*Item{it}, HTML)
			cites, _ := p.CitationClusters([]*Item{it}, [][]CiteItem{{{ID: id}}}, HTML)
			b := ""
			if len(bib) > 0 {
				b = bib[0].Text
			}
			return b, strings.Join(cites, "")
		})
		n := 0
		for _, pr := range pairs {
			total++
			if pr.Agrees() {
				agree++
				n++
			} else if len(pairs)-n < 0 || countPrefix(report, pr.Style+" ") < 6 {
				report = append(report, fmt.Sprintf("%s %s:\n  go  bib  %s\n  js  bib  %s\n  go  cite %s\n  js  cite %s", pr.Style, pr.ID, pr.GoBib, pr.JSBib, pr.GoCite, pr.JSCite))
			}
		}
		t.Logf("%-32s %d of %d records agree (%.1f %%)", name, n, len(pairs), 100*float64(n)/float64(len(pairs)))
	}
	rate := float64(agree) / float64(total)
	t.Logf("agreement with citeproc-js: %d of %d (record, style) pairs (%.1f %%)", agree, total, 100*rate)
	if testing.Verbose() {
		for _, r := range report {
			t.Log(r)
		}
	}
	// A floor under the measured agreement, raised as the processor improves.
	if rate < 0.95 {
		t.Errorf("agreement %.1f %% is below 95 %%", 100*rate)
	}
}

func joinRaw(rs []json.RawMessage) []byte {
	var b []byte
	for i, r := range rs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, r...)
	}
	return b
}

// benchRecords makes n distinct records from the corpus (ids and titles varied so nothing is cached).
func benchRecords(tb testing.TB, n int) []json.RawMessage {
	corpus := fixtureCorpus(tb)
	var typical []map[string]any
	for _, r := range corpus {
		var m map[string]any
		_ = json.Unmarshal(r, &m)
		if m["author"] != nil && m["issued"] != nil {
			typical = append(typical, m)
		}
	}
	sort.SliceStable(typical, func(i, j int) bool { return fmt.Sprint(typical[i]["id"]) < fmt.Sprint(typical[j]["id"]) })
	out := make([]json.RawMessage, 0, n)
	for i := 0; i < n; i++ {
		m := map[string]any{}
		for k, v := range typical[i%len(typical)] {
			m[k] = v
		}
		m["id"] = fmt.Sprintf("B%05d", i)
		m["title"] = fmt.Sprintf("%v, part %d", m["title"], i)
		b, _ := json.Marshal(m)
		out = append(out, b)
	}
	return out
}

func benchSetup(tb testing.TB) (*Processor, []*Item, []json.RawMessage) {
	raw := benchRecords(tb, 1000)
	items, err := ReadItems(strings.NewReader("[" + string(joinRaw(raw)) + "]"))
	if err != nil {
		tb.Fatal(err)
	}
	style, _ := BundledStyle("apa")
	p, err := New(style)
	if err != nil {
		tb.Fatal(err)
	}
	return p, items, raw
}

// BenchmarkBibliographyAPA1000 formats the bibliography of 1,000 records in APA (HTML), the work citeproc-js does in
// TestSpeedVsCiteprocJS: go test ./csl -run '^$' -bench BibliographyAPA1000 -cpu 1
func BenchmarkBibliographyAPA1000(b *testing.B) {
	p, items, _ := benchSetup(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := p.Bibliography(items, HTML); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSpeedVsCiteprocJS formats the same 1,000 records in APA with this processor (one core) and with citeproc-js
// (node, timed inside node after start-up) in the same run, and logs the ratio. It asserts
// nothing about time (the machine is shared); it checks that both formatted every record.
func TestSpeedVsCiteprocJS(t *testing.T) {
	citeprocjs.Available(t)
	p, items, raw := benchSetup(t)
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	var goEntries []Entry
	best := time.Duration(1 << 62)
	for r := 0; r < 3; r++ {
		start := time.Now()
		e, err := p.Bibliography(items, HTML)
		if err != nil {
			t.Fatal(err)
		}
		if d := time.Since(start); d < best {
			best = d
		}
		goEntries = e
	}
	res := citeprocjs.Run(t, &citeprocjs.Request{Style: bundledStyleXML(t, "apa"), Locales: citeprocjs.Locales(t, "en-US"),
		Items: raw, Format: "html", Bibliography: true, Repeat: 1})
	if res.Error != "" {
		t.Fatal(res.Error)
	}
	if len(goEntries) != 1000 || len(res.Bibliography) != 1000 {
		t.Fatalf("entries: go %d, citeproc-js %d, want 1000 each", len(goEntries), len(res.Bibliography))
	}
	js := time.Duration(res.Ns)
	t.Logf("1,000 APA entries: Go %v, citeproc-js %v: Go takes %.2f× citeproc-js's time (%.1f× faster)", best, js, float64(best)/float64(js), float64(js)/float64(best))
}

func countPrefix(list []string, prefix string) int {
	n := 0
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			n++
		}
	}
	return n
}
