package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/datacite/datacitetest"
	"github.com/dop2i/fairmeta/harvest/oaipmhtest"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// TestMain lets a test run this package's binary as the fairmeta command (FAIRMETA_TEST_MAIN=1), so that it can be
// killed like a real process; otherwise it runs the tests and says how many were skipped for want of the shared
// data or a tool (testenv.Main).
func TestMain(m *testing.M) {
	if os.Getenv("FAIRMETA_TEST_MAIN") == "1" {
		main()
	}
	testenv.Main(m)
}

// fairmetaProcess returns the command "fairmeta args..." run by the test binary.
func fairmetaProcess(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "FAIRMETA_TEST_MAIN=1")
	return cmd
}

// sampleDataCite returns n DataCite records: the shared REST sample's, then copies of them under new DOIs.
func sampleDataCite(tb testing.TB, n int) []*datacite.Record {
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
		b, _ := json.Marshal(base[i%len(base)])
		var r datacite.Record
		if err := json.Unmarshal(b, &r); err != nil {
			tb.Fatal(err)
		}
		if i >= len(base) {
			r.DOI = fmt.Sprintf("10.5072/cli-%d", i)
		}
		out = append(out, &r)
	}
	return out
}

func countIDs(tb testing.TB, path string) map[string]int {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	seen := map[string]int{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var it struct {
			Identifier string          `json:"identifier"`
			Record     json.RawMessage `json:"record"`
		}
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil || it.Identifier == "" || len(it.Record) == 0 {
			tb.Fatalf("%s: a line that is not a harvested item: %v\n%.200s", path, err, sc.Bytes())
		}
		seen[it.Identifier]++
	}
	return seen
}

// TestHarvestOAIKilled kills a fairmeta harvest process (SIGKILL) part-way through a harvest with 10 % failing
// requests; the same command run again must leave every record in the output exactly once.
func TestHarvestOAIKilled(t *testing.T) {
	recs := sampleDataCite(t, 1500)
	items := make([]oaipmhtest.Record, len(recs))
	t0 := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	for i, r := range recs {
		items[i] = oaipmhtest.DataCiteRecord(r, t0.Add(time.Duration(i/2)*time.Minute))
	}
	srv := oaipmhtest.NewServer(oaipmhtest.WithRecords(items...), oaipmhtest.WithPageSize(25),
		oaipmhtest.WithFaults(oaipmhtest.Faults{Rate: 0.10, Seed: 99}))
	defer srv.Close()
	dir := t.TempDir()
	out := filepath.Join(dir, "harvest.jsonl")
	args := []string{"harvest", "oai", "-metadata-prefix", "oai_datacite", "-rate", "0", "-o", out, srv.URL}

	cmd := fairmetaProcess(args...)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	for {
		st, err := os.Stat(out)
		if err == nil && st.Size() > 400_000 || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	cmd.Process.Kill()
	cmd.Wait()
	killedAt := len(countIDs(t, out))
	if killedAt == 0 || killedAt >= len(items) {
		t.Fatalf("killed with %d of %d records written: not part-way", killedAt, len(items))
	}
	srv.ExpireTokens() // and the token it held is gone meanwhile

	code, _, stderr := runCLI(t, "", args...)
	if code != 0 {
		t.Fatalf("resume: exit %d\n%s", code, stderr)
	}
	seen := countIDs(t, out)
	for _, it := range items {
		if seen[it.Identifier] != 1 {
			t.Errorf("%s is in the output %d times", it.Identifier, seen[it.Identifier])
		}
	}
	if len(seen) != len(items) {
		t.Errorf("%d distinct records, want %d", len(seen), len(items))
	}
	st := srv.Stats()
	t.Logf("killed after %d records; resume: %s; server: %d requests, faults %v", killedAt, strings.TrimSpace(stderr), st.Requests, st.Faults)
	if st.FaultCount() == 0 {
		t.Error("no fault was injected")
	}
	// a rerun appends nothing
	before, _ := os.ReadFile(out)
	if code, _, stderr := runCLI(t, "", args...); code != 0 || !strings.Contains(stderr, " 0 records written") {
		t.Errorf("rerun: exit %d: %s", code, stderr)
	}
	if after, _ := os.ReadFile(out); len(after) != len(before) {
		t.Errorf("a rerun of a finished harvest changed the output (%d → %d bytes)", len(before), len(after))
	}
}

func TestHarvestDataCiteCommand(t *testing.T) {
	srv := datacitetest.NewServer()
	defer srv.Close()
	t0 := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	recs := sampleDataCite(t, 300)
	for i, r := range recs {
		attrs, _ := json.Marshal(r)
		if err := srv.Add(datacitetest.StoredDOI{DOI: r.DOI, Client: datacitetest.DefaultRepository, State: "findable", Attributes: attrs,
			Created: t0, Updated: t0.Add(time.Duration(i) * 24 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "dois.jsonl")
	args := []string{"harvest", "datacite", "-api", srv.URL, "-rate", "0", "-from", "2023-01-01", "-until", "2024-01-01", "-j", "3", "-page-size", "20", "-o", out}
	code, _, stderr := runCLI(t, "", args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	seen := countIDs(t, out)
	want := 0
	for i := range recs {
		if t0.Add(time.Duration(i) * 24 * time.Hour).Before(time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)) {
			want++
		}
	}
	if len(seen) != want {
		t.Errorf("%d DOIs, want %d", len(seen), want)
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("%s %d times", id, n)
		}
	}
	if code, _, stderr := runCLI(t, "", "harvest", "datacite", "-checkpoint", "x", "-api", srv.URL); code != exitUsage {
		t.Errorf("-checkpoint without -o: exit %d, %s", code, stderr)
	}
}
