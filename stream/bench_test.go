package stream_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/internal/datagen"
	"github.com/dop2i/fairmeta/internal/testenv"
	"github.com/dop2i/fairmeta/stream"
)

// baseRecords returns the resource objects of the shared REST sample.
func baseRecords(tb testing.TB) []json.RawMessage {
	tb.Helper()
	data, err := os.ReadFile(testenv.SharedData(tb, "datacite", "rest", "sample.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var doc struct {
		Data []json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		tb.Fatal(err)
	}
	return doc.Data
}

// generated writes n generated records to a .jsonl.gz file in dir and returns its path.
func generated(tb testing.TB, dir string, n int, opts datagen.Options) (string, *datagen.Result) {
	tb.Helper()
	path := filepath.Join(dir, "records.jsonl.gz")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestSpeed)
	opts.Records = n
	res, err := datagen.Generate(zw, baseRecords(tb), opts)
	if err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	f.Close()
	return path, res
}

// convertFile runs the DataCite JSON conversion over path with the given workers on as many cores.
func convertFile(tb testing.TB, path string, workers int) (wall, cpu time.Duration, sum stream.Summary) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(workers))
	defer debug.SetGCPercent(debug.SetGCPercent(400)) // as the fairmeta command runs a stream
	conv := &stream.Conversion{To: "datacite-json"}
	w0, c0 := time.Now(), cpuTime()
	sum, err := stream.Run(context.Background(), []string{path}, io.Discard, conv.NewFunc, stream.Options{Workers: workers})
	if err != nil {
		tb.Fatal(err)
	}
	return time.Since(w0), cpuTime() - c0, sum
}

// pipelineCPU runs the datacite package's pipeline benchmark's work (read, to fair.Resource and back, validate,
// XML and JSON out) in process on the attributes of the same kind of records, one core, and returns records per
// CPU-second: the baseline the stream is compared with.
func pipelineCPU(tb testing.TB, n int) float64 {
	var buf bytes.Buffer
	res, err := datagen.Generate(&buf, baseRecords(tb), datagen.Options{Records: n, Seed: 3, Shapes: []int{datagen.ShapeAttributes}})
	if err != nil || len(res.DOIs) != n {
		tb.Fatal(err)
	}
	lines := bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n"))
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	c0 := cpuTime()
	var out []byte
	for _, l := range lines {
		r, _, err := datacite.ReadJSONRecord(l)
		if err != nil {
			tb.Fatal(err)
		}
		rec := datacite.FromResource(datacite.ToResource(r))
		_ = datacite.Validate(rec)
		out = rec.AppendXML(out[:0])
		if _, err := rec.MarshalJSONAPI(); err != nil {
			tb.Fatal(err)
		}
	}
	return float64(len(lines)) / (cpuTime() - c0).Seconds()
}

// BenchmarkStream converts a generated .jsonl.gz of 20,000 DataCite records (every input shape mixed) to DataCite
// JSON with 1 worker on 1 core and with 2 workers on 2 cores in the same iteration, and reports the speed-up of the
// second, the records per CPU-second of the first, and that rate against the in-process pipeline's (x-pipeline-cpu;
// x-pipeline-cpu-plain for the same records not compressed).
//
//	go test ./stream -run '^$' -bench Stream -benchtime 3x
func BenchmarkStream(b *testing.B) {
	dir := b.TempDir()
	path, res := generated(b, dir, 20000, datagen.Options{Seed: 1})
	plain := filepath.Join(dir, "records.jsonl") // the same records, not compressed
	if err := gunzipTo(path, plain); err != nil {
		b.Fatal(err)
	}
	base := pipelineCPU(b, 5000)
	var w1, w2, c1, c2, cp time.Duration
	for b.Loop() {
		wall, cpu, sum := convertFile(b, path, 1)
		if sum.Records != int64(len(res.DOIs)) || sum.Errors != 0 {
			b.Fatalf("summary %+v", sum)
		}
		w1, c1 = w1+wall, c1+cpu
		wall, cpu, _ = convertFile(b, path, 2)
		w2, c2 = w2+wall, c2+cpu
		_, cpu, _ = convertFile(b, plain, 1)
		cp += cpu
	}
	n := float64(b.N * len(res.DOIs))
	b.ReportMetric(w1.Seconds()/w2.Seconds(), "speedup-j2")
	b.ReportMetric(c2.Seconds()/w2.Seconds(), "cores-j2")
	b.ReportMetric(n/c1.Seconds(), "records/cpu-s")
	b.ReportMetric(n/w1.Seconds(), "records/s-j1")
	b.ReportMetric(n/w2.Seconds(), "records/s-j2")
	b.ReportMetric(n/c1.Seconds()/base, "x-pipeline-cpu")
	b.ReportMetric(n/cp.Seconds()/base, "x-pipeline-cpu-plain")
}

func gunzipTo(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	zr, err := gzip.NewReader(in)
	if err != nil {
		return err
	}
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, zr); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// BenchmarkDecodeShapes converts the same 2,000 generated records written in each input shape (JSON:API document,
// resource object, bare attributes, harvested item) to DataCite JSON with a Conversion's Func, one core, the shapes
// alternating within each iteration so that all see the same machine load. It reports each shape's records per
// CPU-second and its CPU per record over the JSON:API document's (x-jsonapi-SHAPE: 1 when every shape takes the
// same path).
//
//	go test ./stream -run '^$' -bench DecodeShapes -cpu 1 -benchtime 10x
func BenchmarkDecodeShapes(b *testing.B) {
	shapes := []struct {
		name  string
		shape int
	}{{"jsonapi", datagen.ShapeJSONAPI}, {"resource", datagen.ShapeResource}, {"attributes", datagen.ShapeAttributes}, {"harvested", datagen.ShapeHarvested}}
	lines := make([][][]byte, len(shapes))
	for i, s := range shapes {
		var buf bytes.Buffer
		if _, err := datagen.Generate(&buf, baseRecords(b), datagen.Options{Records: 2000, Seed: 5, Shapes: []int{s.shape}}); err != nil {
			b.Fatal(err)
		}
		lines[i] = bytes.Split(bytes.TrimSpace(buf.Bytes()), []byte("\n"))
	}
	cpu := make([]time.Duration, len(shapes))
	var out []byte
	it := 0
	for b.Loop() {
		for k := range shapes {
			i := (k + it) % len(shapes)
			conv := &stream.Conversion{To: "datacite-json"}
			fn := conv.NewFunc()
			c0 := cpuTime()
			for j, l := range lines[i] {
				var err error
				if out, err = fn(stream.Record{Data: l, Line: int64(j + 1)}, out[:0]); err != nil {
					b.Fatal(err)
				}
			}
			cpu[i] += cpuTime() - c0
		}
		it++
	}
	for i, s := range shapes {
		b.ReportMetric(float64(b.N*len(lines[i]))/cpu[i].Seconds(), "records/cpu-s-"+s.name)
		b.ReportMetric(cpu[i].Seconds()/cpu[0].Seconds(), "x-jsonapi-"+s.name)
	}
}

// BenchmarkStreamRead reads the same generated .jsonl.gz with a Func that does nothing: the rate at which one
// process decompresses and cuts lines, the ceiling of a single process however many cores convert.
//
//	go test ./stream -run '^$' -bench StreamRead -benchtime 3x
func BenchmarkStreamRead(b *testing.B) {
	path, res := generated(b, b.TempDir(), 20000, datagen.Options{Seed: 1})
	nothing := func() stream.Func { return func(_ stream.Record, out []byte) ([]byte, error) { return out, nil } }
	var bytesIn int64
	w0, c0 := time.Now(), cpuTime()
	for b.Loop() {
		sum, err := stream.Run(context.Background(), []string{path}, io.Discard, nothing, stream.Options{Workers: 1})
		if err != nil || sum.Records != int64(len(res.DOIs)) {
			b.Fatal(err, sum)
		}
		bytesIn = sum.Bytes
	}
	wall, cpu := time.Since(w0), cpuTime()-c0
	b.ReportMetric(float64(b.N*len(res.DOIs))/wall.Seconds(), "records/s")
	b.ReportMetric(float64(b.N*len(res.DOIs))/cpu.Seconds(), "records/cpu-s")
	b.ReportMetric(float64(b.N)*float64(bytesIn)/1e6/wall.Seconds(), "gz-MB/s")
}
