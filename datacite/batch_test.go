package datacite_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/datacite/datacitetest"
	"github.com/dop2i/fairmeta/doi"
)

func records(n int, tag string) []*datacite.Record {
	recs := make([]*datacite.Record, n)
	for i := range recs {
		recs[i] = record(fmt.Sprintf("https://data.example.org/%s/%d", tag, i))
	}
	return recs
}

// checkStore verifies the exactly-once guarantees against what the server really holds: every record is stored
// under exactly one DOI, every DOI reported minted is stored holding its record, and nothing else is stored.
func checkStore(t *testing.T, srv *datacitetest.Server, recs []*datacite.Record, results []datacite.BatchResult) {
	t.Helper()
	byFP := map[string][]string{}
	stored := srv.DOIs()
	for _, s := range stored {
		rec, _, err := datacite.ReadJSONRecord(s.Attributes)
		if err != nil {
			t.Fatal(err)
		}
		byFP[datacite.Fingerprint(rec)] = append(byFP[datacite.Fingerprint(rec)], s.DOI)
	}
	dups, lost, wrong := 0, 0, 0
	for i, rec := range recs {
		dois := byFP[datacite.Fingerprint(rec)]
		switch {
		case len(dois) > 1:
			dups++
			if dups <= 3 {
				t.Errorf("record %d has %d DOIs: %v", i, len(dois), dois)
			}
		case len(dois) == 0:
			lost++
			if lost <= 3 {
				t.Errorf("record %d is not stored (result %+v)", i, results[i])
			}
		}
		if results != nil && results[i].Err == nil && (len(dois) == 0 || string(results[i].DOI) != dois[0]) {
			wrong++
			if wrong <= 3 {
				t.Errorf("record %d reported minted as %s, the server holds it as %v", i, results[i].DOI, dois)
			}
		}
	}
	if len(stored) != len(recs) {
		t.Errorf("the server holds %d DOIs for %d records", len(stored), len(recs))
	}
	if dups+lost+wrong > 0 {
		t.Errorf("%d duplicated, %d lost, %d misreported of %d records", dups, lost, wrong, len(recs))
	}
}

func TestMintBatch(t *testing.T) {
	t.Parallel()
	srv, c := setup(t, nil)
	recs := records(40, "batch")
	var progress []datacite.BatchProgress
	results, err := c.MintBatch(context.Background(), recs, datacite.BatchOptions{Prefix: prefix, Event: datacite.EventRegister, Workers: 5,
		Progress: func(p datacite.BatchProgress) { progress = append(progress, p) }})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range results {
		if r.Index != i || r.Err != nil || r.State != datacite.StateRegistered {
			t.Errorf("result %d: %+v", i, r)
		}
	}
	if len(progress) != 40 || progress[39] != (datacite.BatchProgress{Done: 40, Total: 40}) {
		t.Errorf("progress: %d calls, last %+v", len(progress), progress[len(progress)-1])
	}
	checkStore(t, srv, recs, results)
}

func TestMintBatchPerRecordFailures(t *testing.T) {
	t.Parallel()
	srv, c := setup(t, nil)
	recs := records(3, "bad")
	recs[1].Titles = nil // invalid for register
	results, err := c.MintBatch(context.Background(), recs, datacite.BatchOptions{Prefix: prefix, Event: datacite.EventPublish})
	if err != nil {
		t.Fatal(err)
	}
	if results[0].Err != nil || results[2].Err != nil || !errors.Is(results[1].Err, datacite.ErrInvalidMetadata) {
		t.Errorf("results: %+v", results)
	}
	if n := len(srv.DOIs()); n != 2 {
		t.Errorf("stored %d, want 2", n)
	}
}

func TestMintBatchResumeAfterCrash(t *testing.T) {
	t.Parallel()
	srv, c := setup(t, nil)
	dir := t.TempDir()
	path := filepath.Join(dir, "mint.journal")
	recs := records(60, "resume")

	// Run 1 "crashes" (its context is cancelled) after 20 records.
	ctx, cancel := context.WithCancel(context.Background())
	var once sync.Once
	first, err := c.MintBatch(ctx, recs, datacite.BatchOptions{Prefix: prefix, Workers: 4, Journal: path,
		Progress: func(p datacite.BatchProgress) {
			if p.Done >= 20 {
				once.Do(cancel)
			}
		}})
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	done1 := 0
	for _, r := range first {
		if r.Err == nil {
			done1++
		}
	}
	if done1 < 20 || done1 == len(recs) {
		t.Fatalf("run 1 minted %d of %d, want an interrupted run", done1, len(recs))
	}
	// A crash can also fall between storing a DOI and journalling it: plant such a planned-only entry.
	planned, err := c.Mint(context.Background(), datacite.MintRequest{Record: recs[59], Prefix: prefix})
	if err != nil {
		t.Fatal(err)
	}
	key := resumeKey(recs[59])
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	fmt.Fprintf(f, `{"key":%q,"doi":%q,"status":"planned"}`+"\n", key, planned.DOI)
	fmt.Fprintf(f, `{"key":"torn","doi":"10.5`) // and a torn last line
	f.Close()

	second, err := c.MintBatch(context.Background(), recs, datacite.BatchOptions{Prefix: prefix, Workers: 4, Journal: path})
	if err != nil {
		t.Fatal(err)
	}
	resumed := 0
	for i, r := range second {
		if r.Err != nil {
			t.Errorf("run 2, record %d: %v", i, r.Err)
		}
		if r.Resumed {
			resumed++
			if first[i].Err != nil || first[i].DOI != r.DOI {
				t.Errorf("record %d resumed as %s, run 1 said %+v", i, r.DOI, first[i])
			}
		}
	}
	if resumed != done1 {
		t.Errorf("run 2 resumed %d records, run 1 minted %d", resumed, done1)
	}
	if second[59].DOI != planned.DOI {
		t.Errorf("the planned-only DOI %s was not reused: %s", planned.DOI, second[59].DOI)
	}
	checkStore(t, srv, recs, second)

	// Run 3 has nothing left to do and makes no request.
	before := c.Requests()
	third, err := c.MintBatch(context.Background(), recs, datacite.BatchOptions{Prefix: prefix, Journal: path})
	if err != nil || c.Requests() != before {
		t.Errorf("run 3: %v, %d requests", err, c.Requests()-before)
	}
	for i, r := range third {
		if !r.Resumed || r.DOI != second[i].DOI {
			t.Errorf("run 3, record %d: %+v", i, r)
		}
	}
}

// resumeKey is the journal key of a record that is unique in its batch.
func resumeKey(r *datacite.Record) string { return datacite.Fingerprint(r) + "#0" }

func TestReadJournal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		want     map[string]string // key → status
		errLine  int
	}{
		{"empty", "", map[string]string{}, 0},
		{"last wins", `{"key":"a","doi":"10.5072/x","status":"planned"}` + "\n" + `{"key":"a","doi":"10.5072/y","status":"failed","unknown":true}` + "\n", map[string]string{"a": "failed"}, 0},
		{"minted is final", `{"key":"a","doi":"10.5072/x","status":"minted"}` + "\n" + `{"key":"a","doi":"10.5072/y","status":"planned"}` + "\n", map[string]string{"a": "minted"}, 0},
		{"torn last line", `{"key":"a","doi":"10.5072/x","status":"minted"}` + "\n" + `{"key":"b","do`, map[string]string{"a": "minted"}, 0},
		{"blank lines", "\n\n" + `{"key":"a","doi":"10.5072/x","status":"minted"}` + "\n", map[string]string{"a": "minted"}, 0},
		{"corrupt line", `{"key":"a","doi":"10.5072/x","status":"minted"}` + "\nnot json\n", nil, 2},
		{"bad DOI", `{"key":"a","doi":"11.5072/x","status":"minted"}` + "\n", nil, 1},
		{"bad status", `{"key":"a","doi":"10.5072/x","status":"done"}` + "\n", nil, 1},
		{"no key", `{"doi":"10.5072/x","status":"minted"}` + "\n", nil, 1},
	}
	for _, tt := range tests {
		got, err := datacite.ReadJournal(strings.NewReader(tt.in))
		if tt.errLine > 0 {
			var je *datacite.JournalError
			if !errors.As(err, &je) || je.Line != tt.errLine {
				t.Errorf("%s: %v, want a *JournalError at line %d", tt.name, err, tt.errLine)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: %d entries, want %d", tt.name, len(got), len(tt.want))
		}
		for k, st := range tt.want {
			if got[k].Status != st {
				t.Errorf("%s: %s is %q, want %q", tt.name, k, got[k].Status, st)
			}
		}
	}
}

func FuzzReadJournal(f *testing.F) {
	f.Add(`{"key":"a","doi":"10.5072/x","status":"planned"}` + "\n" + `{"key":"a","doi":"10.5072/x","status":"minted","state":"findable"}` + "\n")
	f.Add(`{"key":"a","doi":"10.5072/x","status":"failed","unknown":true,"error":"x"}` + "\n{\"ke")
	f.Add("\n\n\x00")
	f.Fuzz(func(t *testing.T, in string) {
		got, err := datacite.ReadJournal(strings.NewReader(in))
		if err != nil {
			var je *datacite.JournalError
			if !errors.As(err, &je) || je.Line < 1 {
				t.Fatalf("ReadJournal(%q): %T %v", in, err, err)
			}
			return
		}
		for k, e := range got {
			if k == "" || e.Key != k || !e.DOI.Valid() {
				t.Fatalf("ReadJournal(%q) kept %q → %+v", in, k, e)
			}
		}
	})
}

// TestSoak mints through every kind of fault, with an interrupted first run resumed from the journal, and checks
// the server's store: zero duplicates, zero lost, nothing misreported. CI runs it in full (2,000 records, under
// -race too); -short shrinks it.
func TestSoak(t *testing.T) {
	n := 2000
	if testing.Short() {
		n = 300
	}
	const rate = 0.15
	srv := datacitetest.NewServer(datacitetest.WithRepository(repo, password, prefix),
		datacitetest.WithFaults(datacitetest.Faults{Rate: rate, Latency: 250 * time.Millisecond, RetryAfter: 1, Seed: 20261122}))
	defer srv.Close()
	c, err := datacite.NewClient(datacite.WithBaseURL(srv.URL), datacite.WithCredentials(repo, password),
		datacite.WithRetry(12, 2*time.Millisecond, 40*time.Millisecond), datacite.WithTimeout(100*time.Millisecond), datacite.WithRateLimit(0, 0))
	if err != nil {
		t.Fatal(err)
	}
	recs := records(n, "soak")
	path := filepath.Join(t.TempDir(), "soak.journal")
	start := time.Now()

	ctx, cancel := context.WithCancel(context.Background())
	var once sync.Once
	var results []datacite.BatchResult
	results, err = c.MintBatch(ctx, recs, datacite.BatchOptions{Prefix: prefix, Event: datacite.EventPublish, Workers: 48, Journal: path,
		Progress: func(p datacite.BatchProgress) {
			if p.Done >= n/3 {
				once.Do(cancel) // the first run is interrupted a third of the way
			}
		}})
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	runs := 1
	for ; runs < 6 && failed(results) > 0; runs++ {
		if results, err = c.MintBatch(context.Background(), recs, datacite.BatchOptions{Prefix: prefix, Event: datacite.EventPublish, Workers: 48, Journal: path}); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(300 * time.Millisecond) // requests the client timed out on may still be applied: wait, then look
	st := srv.Stats()
	if f := failed(results); f > 0 {
		t.Errorf("%d records still failed after %d runs", f, runs)
	}
	checkStore(t, srv, recs, results)
	frac := float64(st.FaultCount()) / float64(st.Requests)
	t.Logf("%d records, %d runs, %v: %d requests, %d faults (%.1f%%): %v; updates %d",
		n, runs, time.Since(start).Round(time.Millisecond), st.Requests, st.FaultCount(), 100*frac, st.Faults, st.Updated)
	if frac < 0.10 {
		t.Errorf("only %.1f%% of requests failed, want at least 10%%", 100*frac)
	}
	for _, f := range datacitetest.AllFaults() {
		if st.Faults[f] == 0 {
			t.Errorf("no %v fault was injected", f)
		}
	}
	if st.Updated != 0 {
		t.Errorf("the server saw %d updates: a create must never overwrite", st.Updated)
	}
	stored := map[string]bool{}
	for _, s := range srv.DOIs() {
		stored[s.DOI] = true
		if s.State != "findable" {
			t.Errorf("%s is %s, want findable", s.DOI, s.State)
		}
		if _, _, err := doi.ParseSuffix(s.DOI[len(prefix)+1:]); err != nil {
			t.Errorf("%s: %v", s.DOI, err)
		}
	}
}

func failed(rs []datacite.BatchResult) int {
	n := 0
	for _, r := range rs {
		if r.Err != nil {
			n++
		}
	}
	return n
}
