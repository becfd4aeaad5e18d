package ror_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/dop2i/fairmeta/internal/testenv"
	"github.com/dop2i/fairmeta/ror"
)

// The accuracy targets of the matcher on the Crossref gold set (issue 6).
const (
	wantPrecision = 0.95
	wantF1        = 0.90
)

// fullIndex loads the shared 51,370-record dump once for all the tests and benchmarks that need it.
var fullIndex = sync.OnceValues(func() (*ror.Index, error) {
	d, ok := testenv.SharedDataDir()
	if !ok {
		return nil, os.ErrNotExist
	}
	return ror.LoadIndex(context.Background(), d+"/ror/ror-records-v2.jsonl.gz")
})

func loadFull(tb testing.TB) *ror.Index {
	tb.Helper()
	testenv.SharedData(tb, "ror", "ror-records-v2.jsonl.gz")
	ix, err := fullIndex()
	if err != nil {
		tb.Fatal(err)
	}
	return ix
}

type goldRow struct {
	Affiliation string   `json:"affiliation"`
	RORIDs      []string `json:"ror_ids"`
}

func loadGold(tb testing.TB) []goldRow {
	tb.Helper()
	p := testenv.SharedData(tb, "ror", "gold", "crossref-2024-02-19.json")
	b, err := os.ReadFile(p)
	if err != nil {
		tb.Fatal(err)
	}
	var rows []goldRow
	if err := json.Unmarshal(b, &rows); err != nil {
		tb.Fatal(err)
	}
	return rows
}

// score counts as issue 6 defines: only rows whose gold IDs are all in the registry (rows without a gold ID
// included); TP = chosen ID in gold, FP = a chosen ID not in gold, FN = nothing chosen while gold is not empty.
type score struct{ rows, tp, fp, fn int }

func (s score) p() float64  { return float64(s.tp) / float64(max(1, s.tp+s.fp)) }
func (s score) r() float64  { return float64(s.tp) / float64(max(1, s.tp+s.fn)) }
func (s score) f1() float64 { p, r := s.p(), s.r(); return 2 * p * r / max(1e-9, p+r) }
func (s score) String() string {
	return fmt.Sprintf("rows %d  TP %d  FP %d  FN %d  P %.4f  R %.4f  F1 %.4f", s.rows, s.tp, s.fp, s.fn, s.p(), s.r(), s.f1())
}

// TestMatchCrossrefGold is the evaluation harness: it matches the 3,000 Crossref affiliation strings against the
// shared dump and checks precision and F1 against the targets. It reports the even rows (used while developing the
// matcher) and the odd rows (held out) separately as well as together. Set ROR_EVAL_OUT to a file name to write
// every row's outcome as JSON Lines for a miss analysis.
func TestMatchCrossrefGold(t *testing.T) {
	ix := loadFull(t)
	rows := loadGold(t)
	var all, dev, held score
	var out *json.Encoder
	if p := os.Getenv("ROR_EVAL_OUT"); p != "" {
		f, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		out = json.NewEncoder(f)
	}
	for n, row := range rows {
		gold := map[ror.ID]bool{}
		inRegistry := true
		for _, g := range row.RORIDs {
			id, err := ror.ParseID(g)
			if err != nil {
				t.Fatalf("gold row %d: %v", n, err)
			}
			gold[id] = true
			if _, ok := ix.Get(id); !ok {
				inRegistry = false
			}
		}
		if !inRegistry {
			continue
		}
		m := ix.Match(row.Affiliation)
		var s score
		s.rows = 1
		outcome := "TN"
		switch {
		case m.Chosen != nil && gold[m.Chosen.Organization.ID]:
			s.tp, outcome = 1, "TP"
		case m.Chosen != nil:
			s.fp, outcome = 1, "FP"
		case len(gold) > 0:
			s.fn, outcome = 1, "FN"
		}
		for _, sc := range []*score{&all, map[bool]*score{true: &dev, false: &held}[n%2 == 0]} {
			sc.rows += s.rows
			sc.tp += s.tp
			sc.fp += s.fp
			sc.fn += s.fn
		}
		if out != nil {
			var chosen string
			if m.Chosen != nil {
				chosen = m.Chosen.Organization.ID.String() + " " + m.Chosen.Organization.DisplayName()
			}
			var cands []string
			for _, c := range m.Candidates {
				cands = append(cands, fmt.Sprintf("%.2f %s %s [%s %s] %q", c.Score, c.Organization.ID, c.Organization.DisplayName(), c.MatchingType, c.NameType, c.Substring))
			}
			var goldNames []string
			for g := range gold {
				o, _ := ix.Get(g)
				goldNames = append(goldNames, g.String()+" "+o.DisplayName()+" "+string(o.Status))
			}
			out.Encode(map[string]any{"row": n, "outcome": outcome, "affiliation": row.Affiliation, "gold": goldNames, "chosen": chosen, "candidates": cands})
		}
	}
	t.Logf("all:               %v", all)
	t.Logf("even rows (dev):   %v", dev)
	t.Logf("odd rows (held):   %v", held)
	if all.p() < wantPrecision || all.f1() < wantF1 {
		t.Errorf("precision %.4f (want ≥ %.2f), F1 %.4f (want ≥ %.2f)", all.p(), wantPrecision, all.f1(), wantF1)
	}
}
