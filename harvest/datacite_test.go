package harvest_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/datacite/datacitetest"
	"github.com/dop2i/fairmeta/harvest"
)

// dataciteServer seeds a loopback DataCite with n findable DOIs updated over two years, unevenly (most of them in
// the last months), so that the time slices must be cut by counts, not by time.
func dataciteServer(tb testing.TB, n int, opts ...datacitetest.Option) (*datacitetest.Server, map[string]bool) {
	tb.Helper()
	srv := datacitetest.NewServer(opts...)
	tb.Cleanup(srv.Close)
	t0 := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	want := map[string]bool{}
	for i, rec := range sampleRecords(tb, n) {
		attrs, err := json.Marshal(rec)
		if err != nil {
			tb.Fatal(err)
		}
		frac := float64(i) / float64(n)
		updated := t0.Add(time.Duration(frac * frac * frac * float64(2*365*24*time.Hour)))
		if err := srv.Add(datacitetest.StoredDOI{DOI: rec.DOI, Client: datacitetest.DefaultRepository, State: "findable",
			Attributes: attrs, Created: t0, Updated: updated}); err != nil {
			tb.Fatal(err)
		}
		want[rec.DOI] = true
	}
	return srv, want
}

func dataciteClient(tb testing.TB, url string, opts ...datacite.Option) *datacite.Client {
	tb.Helper()
	c, err := datacite.NewClient(append([]datacite.Option{datacite.WithBaseURL(url), datacite.WithRateLimit(0, 0),
		datacite.WithRetry(12, 2*time.Millisecond, 40*time.Millisecond)}, opts...)...)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// TestHarvestDataCiteFaultsAndKill harvests 3,000 DOIs in parallel slices through 10 % failing requests, is killed
// part-way, resumes, and must end with every DOI exactly once; a rerun appends nothing, and an open-ended rerun
// appends what changed since.
func TestHarvestDataCiteFaultsAndKill(t *testing.T) {
	srv, want := dataciteServer(t, 3000, datacitetest.WithFaults(datacitetest.Faults{Rate: 0.10, Seed: 7,
		Kinds: []datacitetest.Fault{datacitetest.FaultServerError, datacitetest.FaultDropBefore, datacitetest.FaultDropAfter,
			datacitetest.FaultServerErrorAfter, datacitetest.FaultTooManyRequests}}))
	dir := t.TempDir()
	outPath, ckPath := filepath.Join(dir, "dois.jsonl"), filepath.Join(dir, "ck")
	q := harvest.DataCiteQuery{From: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC),
		PageSize: 40, Workers: 3}
	params := map[string]any{"api": srv.URL, "query": q}

	ctx, cancel := context.WithCancel(context.Background())
	var n atomic.Int64
	hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if n.Add(1) == 25 {
			cancel()
		}
		return http.DefaultTransport.RoundTrip(r)
	})}
	out, err := harvest.OpenOutput(outPath, ckPath, params)
	if err != nil {
		t.Fatal(err)
	}
	_, err = harvest.HarvestDataCite(ctx, dataciteClient(t, srv.URL, datacite.WithHTTPClient(hc)), q, out)
	out.Close()
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("first run: %v, want context.Canceled", err)
	}
	first := len(readItems(t, outPath))
	if first == 0 || first >= len(want) {
		t.Fatalf("the first run wrote %d of %d DOIs: not a kill part-way", first, len(want))
	}
	out, err = harvest.OpenOutput(outPath, ckPath, params)
	if err != nil {
		t.Fatal(err)
	}
	st, err := harvest.HarvestDataCite(context.Background(), dataciteClient(t, srv.URL), q, out)
	out.Close()
	if err != nil {
		t.Fatal(err)
	}
	items := readItems(t, outPath)
	checkDOIsOnce(t, items, want)
	sst := srv.Stats()
	t.Logf("first run %d DOIs; resume %+v; server %d requests, %d faults %v", first, st, sst.Requests, sst.FaultCount(), sst.Faults)
	if sst.FaultCount() < 5 {
		t.Errorf("only %d faults injected", sst.FaultCount())
	}
	for _, it := range items[:5] {
		var rec datacite.Record
		if err := json.Unmarshal(it.Record, &rec); err != nil || rec.DOI != it.Identifier || rec.Updated != it.Datestamp || len(rec.Titles) == 0 {
			t.Errorf("item %s: record %s %q, err %v", it.Identifier, rec.DOI, rec.Updated, err)
		}
	}

	// the same closed range again: nothing to add
	out, _ = harvest.OpenOutput(outPath, ckPath, params)
	st, err = harvest.HarvestDataCite(context.Background(), dataciteClient(t, srv.URL), q, out)
	out.Close()
	if err != nil || st.Items != 0 || st.Pages != 0 {
		t.Errorf("rerun of a finished closed range: %+v, %v; want nothing done", st, err)
	}
}

func TestHarvestDataCiteOpenEnded(t *testing.T) {
	srv, want := dataciteServer(t, 400)
	dir := t.TempDir()
	outPath, ckPath := filepath.Join(dir, "dois.jsonl"), filepath.Join(dir, "ck")
	q := harvest.DataCiteQuery{PageSize: 50, Workers: 2, Lag: time.Millisecond}
	params := map[string]any{"api": srv.URL, "query": q}
	run := func() harvest.Stats {
		out, err := harvest.OpenOutput(outPath, ckPath, params)
		if err != nil {
			t.Fatal(err)
		}
		defer out.Close()
		st, err := harvest.HarvestDataCite(context.Background(), dataciteClient(t, srv.URL), q, out)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	if st := run(); st.Items != int64(len(want)) {
		t.Errorf("first run: %+v, want %d items", st, len(want))
	}
	time.Sleep(10 * time.Millisecond)
	srv.Add(datacitetest.StoredDOI{DOI: "10.5072/new-since", Client: datacitetest.DefaultRepository, State: "findable",
		Attributes: []byte(`{"titles":[{"title":"New"}]}`), Updated: time.Now()})
	time.Sleep(1100 * time.Millisecond) // the next round ends a whole second later
	if st := run(); st.Items != 1 {
		t.Errorf("second run: %+v, want the one new DOI", st)
	}
	want["10.5072/new-since"] = true
	checkDOIsOnce(t, readItems(t, outPath), want)
}

func checkDOIsOnce(t *testing.T, items []harvest.Item, want map[string]bool) {
	t.Helper()
	seen := map[string]int{}
	for _, it := range items {
		seen[it.Identifier]++
		if seen[it.Identifier] == 2 {
			t.Errorf("%s harvested twice", it.Identifier)
		}
		if !want[it.Identifier] {
			t.Errorf("%s harvested but not selected", it.Identifier)
		}
	}
	if len(seen) != len(want) {
		t.Errorf("harvested %d distinct DOIs of %d", len(seen), len(want))
	}
}
