package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/internal/datagen"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// genFile writes n generated DataCite records, 1 % of them corrupted, as a .jsonl.gz file.
func genFile(t *testing.T, dir string, n int, seed uint64) (string, *datagen.Result) {
	t.Helper()
	data, err := os.ReadFile(testenv.SharedData(t, "datacite", "rest", "sample.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Data []json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, fmt.Sprintf("datacite-%d.jsonl.gz", n))
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestSpeed)
	bw := bufio.NewWriterSize(zw, 1<<20)
	res, err := datagen.Generate(bw, doc.Data, datagen.Options{Records: n, Seed: seed, Corrupt: 0.01})
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path, res
}

// procRun is one run of the fairmeta process.
type procRun struct {
	code       int
	out        string // path of its standard output
	stderr     string
	wall, cpu  time.Duration
	maxRSSKiB  int64
	recordsOut int
}

func runProcess(t testing.TB, outPath string, args ...string) procRun {
	t.Helper()
	cmd := fairmetaProcess(args...)
	out, err := os.Create(outPath)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = out, &errb
	start := time.Now()
	err = cmd.Run()
	r := procRun{out: outPath, stderr: errb.String(), wall: time.Since(start)}
	if cmd.ProcessState == nil {
		t.Fatalf("fairmeta %v: %v", args, err)
	}
	r.code = cmd.ProcessState.ExitCode()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.cpu = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		r.maxRSSKiB = ru.Maxrss
	}
	return r
}

// outputDOIs reads the DOI of each JSON:API line of an output file, in order.
func outputDOIs(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var dois []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		l := sc.Bytes()
		i := bytes.Index(l, []byte(`{"data":{"id":"`))
		if i != 0 {
			t.Fatalf("%s: a line that is not a JSON:API document: %.100s", path, l)
		}
		rest := l[len(`{"data":{"id":"`):]
		dois = append(dois, string(rest[:bytes.IndexByte(rest, '"')]))
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return dois
}

func sortedLines(t *testing.T, paths ...string) []string {
	t.Helper()
	var all []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")...)
	}
	sort.Strings(all)
	return all
}

// TestStreamAtScale runs the fairmeta process over generated DataCite data files of 200,000 and 50,000 records
// (every input shape mixed, 1 % of the lines corrupted): every good record must come out exactly once and in
// order, every bad line be reported with its line number, shards 1/3, 2/3 and 3/3 must together give the unsharded
// output, and memory must not grow with the input. The speed figures (-j 2 against -j 1, records per CPU-second)
// are logged; benchmarks, not this test, judge speed (go test ./stream -bench Stream).
func TestStreamAtScale(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("converts 450,000 records; skipped with -short and under the race detector (go test ./cmd/fairmeta -run StreamAtScale runs it)")
	}
	dir := t.TempDir()
	big, bigRes := genFile(t, dir, 200_000, 18)
	small, smallRes := genFile(t, dir, 50_000, 19)

	check := func(name string, r procRun, res *datagen.Result) {
		t.Helper()
		if r.code != exitProblem {
			t.Errorf("%s: exit %d, want 1 (bad lines)\n%.2000s", name, r.code, r.stderr)
		}
		got := outputDOIs(t, r.out)
		if len(got) != len(res.DOIs) {
			t.Errorf("%s: %d records out, want %d", name, len(got), len(res.DOIs))
		}
		for i := range min(len(got), len(res.DOIs)) {
			if got[i] != res.DOIs[i] {
				t.Errorf("%s: record %d out is %s, want %s (order or loss)", name, i, got[i], res.DOIs[i])
				break
			}
		}
		var lines []int
		for _, l := range strings.Split(r.stderr, "\n") {
			_, after, ok := strings.Cut(l, ".jsonl.gz:")
			var line int
			if _, err := fmt.Sscanf(after, "%d:", &line); ok && err == nil {
				lines = append(lines, line)
			}
		}
		if fmt.Sprint(lines) != fmt.Sprint(res.Bad) {
			t.Errorf("%s: %d bad lines reported, want %d (%v...)", name, len(lines), len(res.Bad), res.Bad[:min(5, len(res.Bad))])
		}
	}

	base := pipelineRate(t, 5000)
	j1 := runProcess(t, filepath.Join(dir, "j1.jsonl"), "convert", "-jsonl", "-to", "datacite-json", "-j", "1", big)
	check("200,000 records, -j 1", j1, bigRes)
	j2 := runProcess(t, filepath.Join(dir, "j2.jsonl"), "convert", "-jsonl", "-to", "datacite-json", "-j", "2", big)
	check("200,000 records, -j 2", j2, bigRes)
	s2 := runProcess(t, filepath.Join(dir, "s2.jsonl"), "convert", "-jsonl", "-to", "datacite-json", "-j", "2", small)
	check("50,000 records, -j 2", s2, smallRes)

	var shards []string
	for i := 1; i <= 3; i++ {
		p := filepath.Join(dir, fmt.Sprintf("shard%d.jsonl", i))
		r := runProcess(t, p, "convert", "-jsonl", "-to", "datacite-json", "-j", "2", "-shard", fmt.Sprintf("%d/3", i), small)
		if r.code != exitProblem && r.code != exitOK {
			t.Fatalf("shard %d/3: exit %d\n%.1000s", i, r.code, r.stderr)
		}
		shards = append(shards, p)
	}
	if u, all := sortedLines(t, shards...), sortedLines(t, s2.out); strings.Join(u, "\n") != strings.Join(all, "\n") {
		t.Errorf("the union of shards 1/3..3/3 (%d lines) is not the unsharded output (%d lines)", len(u), len(all))
	}

	aff := runProcess(t, filepath.Join(dir, "in2p3.txt"), "convert", "-jsonl", "-dois", "-affiliation", "https://ror.org/03fd77x13", "-j", "2", small)
	if b, _ := os.ReadFile(aff.out); strings.Count(string(b), "\n") != smallRes.Affil {
		t.Errorf("-affiliation IN2P3: %d DOIs, want the %d generated with an IN2P3 laboratory", strings.Count(string(b), "\n"), smallRes.Affil)
	}

	n := float64(len(bigRes.DOIs) + len(bigRes.Bad))
	t.Logf("200,000 records: -j 1 %.1fs wall %.1fs CPU (%.0f records/s, %.0f per CPU-second); -j 2 %.1fs wall %.1fs CPU (%.0f records/s): speed-up %.2f",
		j1.wall.Seconds(), j1.cpu.Seconds(), n/j1.wall.Seconds(), n/j1.cpu.Seconds(), j2.wall.Seconds(), j2.cpu.Seconds(), n/j2.wall.Seconds(), j1.wall.Seconds()/j2.wall.Seconds())
	t.Logf("records per CPU-second: the fairmeta process (-j 1, whole process, gzip included) %.0f, the in-process pipeline (datacite's benchmark work, one core, same moment) %.0f: %.2f of it",
		n/j1.cpu.Seconds(), base, n/j1.cpu.Seconds()/base)
	t.Logf("peak memory (max RSS), -j 2: 50,000 records %d KiB, 200,000 records %d KiB (ratio %.2f)", s2.maxRSSKiB, j2.maxRSSKiB,
		float64(j2.maxRSSKiB)/float64(s2.maxRSSKiB))
	if s2.maxRSSKiB > 0 && float64(j2.maxRSSKiB) > 1.2*float64(s2.maxRSSKiB) {
		t.Errorf("peak memory grows with the input: %d KiB for 200,000 records, %d KiB for 50,000", j2.maxRSSKiB, s2.maxRSSKiB)
	}
}

// pipelineRate measures, in this process and on one core, the records per CPU-second of the datacite package's
// pipeline benchmark work (read DataCite JSON attributes, to fair.Resource and back, validate, write XML and JSON)
// on n generated records: the baseline of the CLI's speed.
func pipelineRate(t testing.TB, n int) float64 {
	data, err := os.ReadFile(testenv.SharedData(t, "datacite", "rest", "sample.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Data []json.RawMessage `json:"data"`
	}
	json.Unmarshal(data, &doc)
	var buf bytes.Buffer
	if _, err := datagen.Generate(&buf, doc.Data, datagen.Options{Records: n, Seed: 3, Shapes: []int{datagen.ShapeAttributes}}); err != nil {
		t.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n"))
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	var ru0, ru1 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
	var out []byte
	for _, l := range lines {
		r, _, err := datacite.ReadJSONRecord(l)
		if err != nil {
			t.Fatal(err)
		}
		rec := datacite.FromResource(datacite.ToResource(r))
		_ = datacite.Validate(rec)
		out = rec.AppendXML(out[:0])
		if _, err := rec.MarshalJSONAPI(); err != nil {
			t.Fatal(err)
		}
	}
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
	cpu := time.Duration(ru1.Utime.Nano() + ru1.Stime.Nano() - ru0.Utime.Nano() - ru0.Stime.Nano())
	return float64(len(lines)) / cpu.Seconds()
}
