package csl_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/csl"
	"github.com/dop2i/fairmeta/internal/citation/citationtest"
	"github.com/dop2i/fairmeta/internal/citeprocjs"
)

// TestSharedExamplesAgreeWithCiteprocJS formats every record of the shared DataCite, Crossref and INSPIRE examples
// (read by fairmeta's readers, converted with FromResource) on its own in every bundled independent style, with this
// processor and with citeproc-js, and reports the share of (record, style) pairs whose bibliography entry and citation
// agree — per source, per style, and for the held-out half of the records apart. It fails below 95 % overall or
// for any one source.
func TestSharedExamplesAgreeWithCiteprocJS(t *testing.T) {
	citeprocjs.Available(t)
	recs := citationtest.Shared(t)
	t.Logf("shared examples: %d records (%s)", len(recs), citationtest.Count(recs))
	var items []*csl.Item
	source := map[string]string{}
	heldOut := map[string]bool{}
	name := map[string]string{}
	for i, r := range recs {
		it, _ := csl.FromResource(r.Rec)
		it.ID = fmt.Sprintf("S%04d", i+1)
		items = append(items, it)
		source[it.ID] = r.Source
		heldOut[it.ID] = r.HeldOut
		name[it.ID] = r.Name
	}
	var buf bytes.Buffer
	if err := csl.WriteItems(&buf, items); err != nil {
		t.Fatal(err)
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	byID := map[string]*csl.Item{}
	for _, it := range items {
		byID[it.ID] = it
	}
	locales := citeprocjs.Locales(t, "en-US", "en-GB", "fr-FR")
	type tally struct{ agree, total int }
	bySource := map[string]*tally{}
	held := map[bool]*tally{true: {}, false: {}}
	var all tally
	var report []string
	for _, styleName := range csl.BundledStyles() {
		style, _ := csl.BundledStyle(styleName)
		if style.Parent != "" {
			continue // dependents format as their parent
		}
		xml, err := os.ReadFile(filepath.Join("bundled", "styles", styleName+".csl"))
		if err != nil {
			t.Fatal(err)
		}
		p, err := csl.New(style)
		if err != nil {
			t.Fatal(err)
		}
		req := &citeprocjs.Request{Style: string(xml), Locales: locales, Items: raw, Format: "html"}
		pairs := citeprocjs.Compare(t, styleName, req, func(id string) (string, string) {
			it := byID[id]
			bib, _ := p.Bibliography([]*csl.Item{it}, csl.HTML)
			cites, _ := p.CitationClusters([]*csl.Item{it}, [][]csl.CiteItem{{{ID: id}}}, csl.HTML)
			b := ""
			if len(bib) > 0 {
				b = bib[0].Text
			}
			return b, strings.Join(cites, "")
		})
		n := 0
		for _, pr := range pairs {
			src := source[pr.ID]
			if bySource[src] == nil {
				bySource[src] = &tally{}
			}
			ok := pr.Agrees()
			for _, tl := range []*tally{bySource[src], held[heldOut[pr.ID]], &all} {
				tl.total++
				if ok {
					tl.agree++
				}
			}
			if ok {
				n++
			} else {
				report = append(report, fmt.Sprintf("%s %s (%s):\n  go  bib  %s\n  js  bib  %s\n  go  cite %s\n  js  cite %s", pr.Style, pr.ID, name[pr.ID], pr.GoBib, pr.JSBib, pr.GoCite, pr.JSCite))
			}
		}
		t.Logf("%-32s %d of %d records agree (%.1f %%)", styleName, n, len(pairs), pct(n, len(pairs)))
	}
	for _, src := range []string{"datacite", "crossref", "inspire"} {
		tl := bySource[src]
		if tl == nil || tl.total == 0 {
			t.Errorf("no %s records compared", src)
			continue
		}
		t.Logf("%-9s %d of %d (record, style) pairs agree (%.1f %%)", src, tl.agree, tl.total, pct(tl.agree, tl.total))
		if pct(tl.agree, tl.total) < 95 {
			t.Errorf("%s: agreement %.1f %% is below 95 %%", src, pct(tl.agree, tl.total))
		}
	}
	t.Logf("held-out records: %d of %d pairs agree (%.1f %%); the others: %d of %d (%.1f %%)",
		held[true].agree, held[true].total, pct(held[true].agree, held[true].total),
		held[false].agree, held[false].total, pct(held[false].agree, held[false].total))
	t.Logf("agreement with citeproc-js on the shared examples: %d of %d (record, style) pairs (%.1f %%)", all.agree, all.total, pct(all.agree, all.total))
	if testing.Verbose() {
		for _, r := range report {
			t.Log(r)
		}
	}
	if pct(all.agree, all.total) < 95 {
		t.Errorf("agreement %.1f %% is below 95 %%", pct(all.agree, all.total))
	}
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}
