package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/internal/datagen"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// BenchmarkStreamShapes runs the fairmeta process (convert -jsonl -to datacite-json -j 1, output to /dev/null) over
// the same 10,000 generated records written in each input shape — a JSON:API document, a resource object (the
// data file's), a bare attributes object, a harvested item — one plain JSON Lines file per shape, and measures the
// whole process's CPU time, as a user would. The shapes and the in-process pipeline baseline alternate within each
// iteration (each iteration starting with the next shape) so that all see the same machine load. It reports each shape's records per CPU-second, its CPU per
// record over the JSON:API document's (x-jsonapi-SHAPE: 1 when every shape takes the same path) and the process's
// rate over the datacite pipeline benchmark's work done in this process on one core (x-pipeline-cpu-SHAPE).
//
//	go test ./cmd/fairmeta -run '^$' -bench StreamShapes -benchtime 4x
func BenchmarkStreamShapes(b *testing.B) {
	data, err := os.ReadFile(testenv.SharedData(b, "datacite", "rest", "sample.json"))
	if err != nil {
		b.Fatal(err)
	}
	var doc struct {
		Data []json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		b.Fatal(err)
	}
	const n = 10000
	shapes := []struct {
		name  string
		shape int
	}{{"jsonapi", datagen.ShapeJSONAPI}, {"resource", datagen.ShapeResource}, {"attributes", datagen.ShapeAttributes}, {"harvested", datagen.ShapeHarvested}}
	dir := b.TempDir()
	paths := make([]string, len(shapes))
	var dois []string
	for i, s := range shapes {
		var buf bytes.Buffer
		res, err := datagen.Generate(&buf, doc.Data, datagen.Options{Records: n, Seed: 7, Shapes: []int{s.shape}})
		if err != nil {
			b.Fatal(err)
		}
		if i == 0 {
			dois = res.DOIs
		} else if len(res.DOIs) != len(dois) || res.DOIs[n-1] != dois[n-1] {
			b.Fatalf("shape %s: not the same records as the first shape", s.name)
		}
		paths[i] = filepath.Join(dir, s.name+".jsonl")
		if err := os.WriteFile(paths[i], buf.Bytes(), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	cpu := make([]time.Duration, len(shapes))
	var base float64
	it := 0
	for b.Loop() {
		for k := range shapes {
			i := (k + it) % len(shapes) // each iteration starts with another shape
			s := shapes[i]
			r := runProcess(b, os.DevNull, "convert", "-jsonl", "-to", "datacite-json", "-j", "1", paths[i])
			if r.code != exitOK {
				b.Fatalf("%s: exit %d: %.1000s", s.name, r.code, r.stderr)
			}
			cpu[i] += r.cpu
		}
		base += pipelineRate(b, 2000)
		it++
	}
	base /= float64(b.N)
	for i, s := range shapes {
		rate := float64(b.N*n) / cpu[i].Seconds()
		b.ReportMetric(rate, "records/cpu-s-"+s.name)
		b.ReportMetric(cpu[i].Seconds()/cpu[0].Seconds(), "x-jsonapi-"+s.name)
		b.ReportMetric(rate/base, "x-pipeline-cpu-"+s.name)
	}
}
