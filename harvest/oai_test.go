package harvest_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/harvest"
	"github.com/dop2i/fairmeta/harvest/oaipmhtest"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// sampleRecords reads the shared REST sample and makes n records of it: the real records, then copies with new
// DOIs, so that every record is distinct.
func sampleRecords(tb testing.TB, n int) []*datacite.Record {
	tb.Helper()
	data, err := os.ReadFile(testenv.SharedData(tb, "datacite", "rest", "sample.json"))
	if err != nil {
		tb.Fatal(err)
	}
	base, _, err := datacite.ReadJSON(data)
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]*datacite.Record, 0, n)
	for i := 0; len(out) < n; i++ {
		src := base[i%len(base)]
		if i < len(base) {
			out = append(out, src)
			continue
		}
		b, _ := json.Marshal(src)
		var cp datacite.Record
		if err := json.Unmarshal(b, &cp); err != nil {
			tb.Fatal(err)
		}
		cp.DOI = fmt.Sprintf("10.5072/copy-%d-%s", i, strings.ToLower(strings.ReplaceAll(src.DOI, "/", "-")))
		cp.Prefix, cp.Suffix = "", ""
		out = append(out, &cp)
	}
	return out
}

// oaiServer starts a provider holding n DataCite records with datestamps spread over days (several per second,
// so restarts from a datestamp must leave out records already written).
func oaiServer(tb testing.TB, n int, opts ...oaipmhtest.Option) (*oaipmhtest.Server, []oaipmhtest.Record) {
	tb.Helper()
	recs := sampleRecords(tb, n)
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	items := make([]oaipmhtest.Record, len(recs))
	for i, r := range recs {
		// a few records share each datestamp; the order of datestamps is unrelated to that of identifiers
		step := (i / 3 * 7919) % len(recs)
		items[i] = oaipmhtest.DataCiteRecord(r, start.Add(time.Duration(step)*97*time.Minute), "TEST.REPO")
	}
	srv := oaipmhtest.NewServer(append([]oaipmhtest.Option{oaipmhtest.WithRecords(items...),
		oaipmhtest.WithSets(map[string]string{"TEST.REPO": "Test repository"})}, opts...)...)
	tb.Cleanup(srv.Close)
	return srv, items
}

func fastClient(tb testing.TB, url string, opts ...harvest.Option) *harvest.OAIClient {
	tb.Helper()
	c, err := harvest.NewOAIClient(url, append([]harvest.Option{harvest.WithRateLimit(0, 0),
		harvest.WithRetry(12, 5*time.Millisecond, 50*time.Millisecond)}, opts...)...)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// readItems reads an output file and fails on any line that is not an item.
func readItems(tb testing.TB, path string) []harvest.Item {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var items []harvest.Item
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for n := 1; sc.Scan(); n++ {
		var it harvest.Item
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			tb.Fatalf("%s: line %d is not an item: %v\n%s", path, n, err, sc.Bytes())
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return items
}

// checkExactlyOnce compares the harvested items with what the server holds: every record exactly once, each with
// its DOI in the DataCite attributes.
func checkExactlyOnce(t *testing.T, items []harvest.Item, want []oaipmhtest.Record) {
	t.Helper()
	count := map[string]int{}
	for _, it := range items {
		count[it.Identifier]++
		var attrs struct {
			DOI string `json:"doi"`
		}
		if err := json.Unmarshal(it.Record, &attrs); err != nil || "doi:"+attrs.DOI != it.Identifier {
			t.Errorf("%s: record is not its DataCite attributes (doi %q, err %v, problem %q)", it.Identifier, attrs.DOI, err, it.Problem)
		}
	}
	missing, dup := 0, 0
	for _, r := range want {
		switch c := count[r.Identifier]; {
		case c == 0:
			missing++
		case c > 1:
			dup++
			t.Errorf("%s harvested %d times", r.Identifier, c)
		}
		delete(count, r.Identifier)
	}
	if missing > 0 || dup > 0 || len(count) > 0 {
		t.Errorf("got %d items for %d records: %d missing, %d duplicated, %d unknown", len(items), len(want), missing, dup, len(count))
	}
}

func TestHarvestOAIFirstPageAndAttributes(t *testing.T) {
	srv, want := oaiServer(t, 120, oaipmhtest.WithPageSize(50))
	c := fastClient(t, srv.URL)
	dir := t.TempDir()
	out, err := harvest.OpenOutput(filepath.Join(dir, "out.jsonl"), filepath.Join(dir, "ck"), map[string]string{"url": srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	st, err := harvest.HarvestOAI(context.Background(), c, harvest.Query{MetadataPrefix: "oai_datacite"}, out)
	if err != nil {
		t.Fatal(err)
	}
	out.Close()
	if st.Pages != 3 || st.Items != 120 {
		t.Errorf("stats %+v, want 3 pages and 120 items", st)
	}
	items := readItems(t, filepath.Join(dir, "out.jsonl"))
	checkExactlyOnce(t, items, want)
	// the attributes read from oai_datacite are those of the record the server was given
	recs := sampleRecords(t, 1)
	var got datacite.Record
	if err := json.Unmarshal(items[0].Record, &got); err != nil {
		t.Fatal(err)
	}
	if got.DOI != recs[0].DOI || got.Titles[0].Title != recs[0].Titles[0].Title || len(got.Creators) != len(recs[0].Creators) {
		t.Errorf("first record: got %s %q, want %s %q", got.DOI, got.Titles[0].Title, recs[0].DOI, recs[0].Titles[0].Title)
	}
}

// TestHarvestOAIFaultsAndKill harvests through 10 % of failing requests (5xx, dropped connections, bodies cut
// short, 503 with Retry-After, expired tokens), is killed part-way, resumes, and must end with every record
// exactly once.
func TestHarvestOAIFaultsAndKill(t *testing.T) {
	for _, order := range []string{"datestamp", "identifier"} {
		t.Run(order, func(t *testing.T) {
			opts := []oaipmhtest.Option{oaipmhtest.WithPageSize(20),
				oaipmhtest.WithFaults(oaipmhtest.Faults{Rate: 0.10, Seed: 1818})}
			if order == "identifier" {
				opts = append(opts, oaipmhtest.WithIdentifierOrder())
			}
			srv, want := oaiServer(t, 1000, opts...)
			// besides the random ones, one fault of each kind early on
			srv.InjectNext(oaipmhtest.FaultServerError, oaipmhtest.FaultDrop, oaipmhtest.FaultNone, oaipmhtest.FaultUnavailable,
				oaipmhtest.FaultDropMidBody, oaipmhtest.FaultBadGateway, oaipmhtest.FaultExpiredToken)
			dir := t.TempDir()
			outPath, ckPath := filepath.Join(dir, "out.jsonl"), filepath.Join(dir, "ck")
			params := map[string]string{"url": srv.URL, "prefix": "oai_datacite"}

			// First run: killed (its context cancelled) after 12 requests.
			ctx, cancel := context.WithCancel(context.Background())
			var n atomic.Int64
			hc := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
				if n.Add(1) == 20 {
					cancel()
				}
				return http.DefaultTransport.RoundTrip(r)
			})}
			out, err := harvest.OpenOutput(outPath, ckPath, params)
			if err != nil {
				t.Fatal(err)
			}
			_, err = harvest.HarvestOAI(ctx, fastClient(t, srv.URL, harvest.WithHTTPClient(hc)), harvest.Query{MetadataPrefix: "oai_datacite"}, out)
			out.Close()
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("first run: err = %v, want context.Canceled", err)
			}
			first := len(readItems(t, outPath))
			if first == 0 || first >= len(want) {
				t.Fatalf("the first run wrote %d of %d items: not a kill part-way", first, len(want))
			}
			// The tokens the first run held expire meanwhile.
			srv.ExpireTokens()

			// Resume until done.
			var st harvest.Stats
			for try := 0; ; try++ {
				out, err = harvest.OpenOutput(outPath, ckPath, params)
				if err != nil {
					t.Fatal(err)
				}
				st, err = harvest.HarvestOAI(context.Background(), fastClient(t, srv.URL), harvest.Query{MetadataPrefix: "oai_datacite"}, out)
				out.Close()
				if err == nil {
					break
				}
				if try == 3 {
					t.Fatalf("resume: %v", err)
				}
				t.Logf("resume %d: %v", try, err)
			}
			checkExactlyOnce(t, readItems(t, outPath), want)
			sst := srv.Stats()
			t.Logf("%d records, first run %d, resume %+v; server: %d requests, %d faults %v", len(want), first, st, sst.Requests, sst.FaultCount(), sst.Faults)
			if sst.FaultCount() == 0 || st.Restarts == 0 {
				t.Errorf("the test injected %d faults and the harvest restarted %d times: the faults did not happen", sst.FaultCount(), st.Restarts)
			}

			// A rerun with the same files appends nothing; a new record and a deletion are appended.
			out, _ = harvest.OpenOutput(outPath, ckPath, params)
			srv.SetFaults(oaipmhtest.Faults{})
			// changed now, as a repository stamps changes
			later := time.Now().UTC().Add(time.Second)
			extra := want[len(want)-1]
			extra.Identifier, extra.Datestamp = "doi:10.5072/added-later", later
			srv.Add(extra)
			srv.Delete(want[0].Identifier, later)
			st, err = harvest.HarvestOAI(context.Background(), fastClient(t, srv.URL), harvest.Query{MetadataPrefix: "oai_datacite"}, out)
			out.Close()
			if err != nil {
				t.Fatal(err)
			}
			if st.Items != 2 || st.Deleted != 1 {
				t.Errorf("incremental rerun: %+v, want 2 items (1 deleted)", st)
			}
		})
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestHarvestOAIDublinCoreKeptAsString(t *testing.T) {
	srv, all := oaiServer(t, 60, oaipmhtest.WithGranularity(oaipmhtest.Days))
	c := fastClient(t, srv.URL)
	var sb strings.Builder
	out, _ := harvest.NewOutput(&sb)
	// at day granularity, a from with a time is cut to its day
	st, err := harvest.HarvestOAI(context.Background(), c, harvest.Query{MetadataPrefix: "oai_dc", From: "2024-01-03T10:00:00Z"}, out)
	if err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, r := range all {
		if !r.Datestamp.Before(time.Date(2024, 1, 3, 0, 0, 0, 0, time.UTC)) {
			want++
		}
	}
	if st.Items != int64(want) || want == 0 || want == len(all) {
		t.Errorf("from 2024-01-03 at day granularity: %d items, want %d of %d", st.Items, want, len(all))
	}
	for _, line := range strings.Split(strings.TrimSpace(sb.String()), "\n") {
		var it harvest.Item
		if err := json.Unmarshal([]byte(line), &it); err != nil {
			t.Fatal(err)
		}
		var s string
		if err := json.Unmarshal(it.Record, &s); err != nil || !strings.HasPrefix(s, "<oai_dc:dc") || !strings.Contains(s, `xmlns:dc=`) {
			t.Fatalf("oai_dc record: want its XML as a string, got %.120s", it.Record)
		}
		if len(it.Datestamp) != 10 {
			t.Errorf("datestamp %q at day granularity", it.Datestamp)
		}
	}
}

func TestOAIClientErrors(t *testing.T) {
	srv, _ := oaiServer(t, 5)
	c := fastClient(t, srv.URL)
	ctx := context.Background()
	_, err := c.ListRecordsPage(ctx, harvest.Query{MetadataPrefix: "marcxml"}, "")
	var pe *harvest.ProtocolError
	if !errors.As(err, &pe) || pe.Code != harvest.CodeCannotDisseminateFormat {
		t.Errorf("unknown format: %v, want cannotDisseminateFormat", err)
	}
	p, err := c.ListRecordsPage(ctx, harvest.Query{MetadataPrefix: "oai_dc", From: "2030-01-01"}, "")
	if err != nil || len(p.Records) != 0 || p.Token.Value != "" {
		t.Errorf("noRecordsMatch: page %+v, err %v; want an empty complete page", p, err)
	}
	if _, err := c.ListRecordsPage(ctx, harvest.Query{MetadataPrefix: "oai_dc"}, "garbage"); !errors.As(err, &pe) || pe.Code != harvest.CodeBadResumptionToken {
		t.Errorf("bad token: %v", err)
	}
	id, err := c.Identify(ctx)
	if err != nil || id.Granularity != "YYYY-MM-DDThh:mm:ssZ" || id.ProtocolVersion != "2.0" {
		t.Errorf("Identify: %+v, %v", id, err)
	}
	fs, err := c.ListMetadataFormats(ctx, "")
	if err != nil || len(fs) != 3 {
		t.Errorf("ListMetadataFormats: %v, %v", fs, err)
	}
	r, err := c.GetRecord(ctx, "doi:"+sampleRecords(t, 1)[0].DOI, "datacite")
	if err != nil || !strings.HasPrefix(string(r.Metadata), "<resource") {
		t.Errorf("GetRecord: %v, %.80s", err, r.Metadata)
	}
	for _, bad := range []string{"http://example.org/oai", "ftp://127.0.0.1/oai", "https://u:p@example.org/oai", "https://example.org/oai?x=1"} {
		if _, err := harvest.NewOAIClient(bad); err == nil {
			t.Errorf("NewOAIClient(%q): no error", bad)
		}
	}
	if _, err := harvest.NewOAIClient(srv.URL, nil); err == nil {
		t.Error("NewOAIClient with a nil option: no error")
	}
}

func TestOAIClientListRecordsIterator(t *testing.T) {
	srv, want := oaiServer(t, 75, oaipmhtest.WithPageSize(10))
	c := fastClient(t, srv.URL)
	seen := map[string]int{}
	i := 0
	for r, err := range c.ListRecords(context.Background(), harvest.Query{MetadataPrefix: "datacite"}) {
		if err != nil {
			t.Fatal(err)
		}
		seen[r.Identifier]++
		if i++; i == 33 {
			srv.ExpireTokens()
		}
	}
	if len(seen) != len(want) {
		t.Errorf("iterator: %d distinct records, want %d", len(seen), len(want))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("%s yielded %d times", id, n)
		}
	}
}
