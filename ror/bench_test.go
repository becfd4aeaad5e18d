package ror_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/dop2i/fairmeta/internal/testenv"
	"github.com/dop2i/fairmeta/ror"
)

// BenchmarkLoadIndex builds the index of the shared 51,370-record dump (.jsonl.gz): read, decode, index. It reports
// the heap the finished index holds (index-MB), measured after a GC with the index alive.
func BenchmarkLoadIndex(b *testing.B) {
	p := testenv.SharedData(b, "ror", "ror-records-v2.jsonl.gz")
	var ix *ror.Index
	cpu0, cpuOK := cpuTime()
	n := 0
	for b.Loop() {
		var err error
		if ix, err = ror.LoadIndex(context.Background(), p); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.StopTimer()
	if cpu1, ok := cpuTime(); ok && cpuOK {
		b.ReportMetric((cpu1-cpu0).Seconds()/float64(n), "cpu-s/op")
	}
	var before, after runtime.MemStats
	ix = nil
	runtime.GC()
	runtime.ReadMemStats(&before)
	ix, _ = ror.LoadIndex(context.Background(), p)
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "index-MB")
	runtime.KeepAlive(ix)
}

// BenchmarkMatch matches the 3,000 Crossref gold affiliation strings against the full index and reports
// affiliations per second (run with -cpu 1 for the one-core figure).
func BenchmarkMatch(b *testing.B) {
	ix := loadFull(b)
	rows := loadGold(b)
	n := 0
	cpu0, cpuOK := cpuTime()
	for b.Loop() {
		ix.Match(rows[n%len(rows)].Affiliation)
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "affiliations/s")
	if cpu1, ok := cpuTime(); ok && cpuOK && cpu1 > cpu0 {
		b.ReportMetric(float64(n)/(cpu1-cpu0).Seconds(), "affiliations/cpu-s")
	}
}

// BenchmarkDecodeOnly is the baseline for BenchmarkLoadIndex: reading and decoding the dump without indexing, so
// the ratio says what the index itself costs.
func BenchmarkDecodeOnly(b *testing.B) {
	p := testenv.SharedData(b, "ror", "ror-records-v2.jsonl.gz")
	cpu0, cpuOK := cpuTime()
	runs := 0
	for b.Loop() {
		n := 0
		if err := ror.ReadDumpFile(context.Background(), p, func(*ror.Organization) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
		runs++
	}
	if cpu1, ok := cpuTime(); ok && cpuOK {
		b.ReportMetric((cpu1-cpu0).Seconds()/float64(runs), "cpu-s/op")
	}
}
