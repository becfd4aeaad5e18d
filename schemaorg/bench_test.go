package schemaorg

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/internal/testenv"
	"github.com/piprate/json-gold/ld"
)

func landingDocs(tb testing.TB) map[string][]byte {
	dir := testenv.SharedData(tb, "schemaorg", "landing")
	ents, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		out[e.Name()] = b
	}
	return out
}

func officialContext(tb testing.TB) []byte {
	b, err := os.ReadFile(testenv.SharedData(tb, "schemaorg", "schemaorgcontext-30.0.jsonld"))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// plainNormalize is json-gold used as its documentation shows: a caching loader holding the official context for the
// schema.org URLs, Normalize with URDNA2015 to N-Quads.
func plainLoader(tb testing.TB, official []byte) ld.DocumentLoader {
	d, err := decodeJSON(official)
	if err != nil {
		tb.Fatal(err)
	}
	l := ld.NewCachingDocumentLoader(&loader{docs: map[string]any{}})
	for _, u := range schemaOrgContextURLs {
		l.AddDocument(u, d)
	}
	return l
}

func plainNormalize(tb testing.TB, l ld.DocumentLoader, doc []byte) string {
	out, err := plainNormalizeErr(l, doc)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

type ldContext = ld.Context

func plainNormalizeErr(l ld.DocumentLoader, doc []byte) (_ string, err error) {
	defer guard("normalize", &err)
	d, err := decodeJSON(doc)
	if err != nil {
		return "", err
	}
	o := ld.NewJsonLdOptions("")
	o.DocumentLoader = l
	o.Algorithm = ld.AlgorithmURDNA2015
	o.Format = "application/n-quads"
	out, err := ld.NewJsonLdProcessor().Normalize(d, o)
	if err != nil {
		return "", err
	}
	return out.(string), nil
}

// cpuTime is the CPU time the process has used: on a shared machine it measures the work done, where the wall clock
// also counts the time other processes held the CPU.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds the CPU time per document and documents per CPU-second to a benchmark's results.
func reportCPU(b *testing.B, start time.Duration) {
	per := float64(cpuTime()-start) / float64(b.N)
	b.ReportMetric(per, "cpu-ns/op")
	b.ReportMetric(1e9/per, "docs/cpu-s")
}

func BenchmarkCanonicalize(b *testing.B) {
	docs := landingDocs(b)
	official := officialContext(b)
	names := []string{"dryad.json", "pangaea.json", "zenodo.json"}
	b.Run("jsongold", func(b *testing.B) {
		l := plainLoader(b, official)
		plainNormalize(b, l, docs[names[0]])
		b.ResetTimer()
		start := cpuTime()
		defer func() { reportCPU(b, start) }()
		for i := 0; b.Loop(); i++ {
			plainNormalize(b, l, docs[names[i%3]])
		}
	})
	b.Run("processor-jsongold-path", func(b *testing.B) {
		p, err := NewProcessor(WithSchemaOrgContext(official))
		if err != nil {
			b.Fatal(err)
		}
		p.Canonicalize(context.Background(), docs[names[0]]) // process the context once, outside the timing
		b.ResetTimer()
		start := cpuTime()
		defer func() { reportCPU(b, start) }()
		for i := 0; b.Loop(); i++ {
			if _, err := p.slowCanonicalize(context.Background(), docs[names[i%3]]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("processor", func(b *testing.B) {
		p, err := NewProcessor(WithSchemaOrgContext(official))
		if err != nil {
			b.Fatal(err)
		}
		p.Canonicalize(context.Background(), docs[names[0]]) // process the context once, outside the timing
		b.ResetTimer()
		start := cpuTime()
		defer func() { reportCPU(b, start) }()
		for i := 0; b.Loop(); i++ {
			if _, err := p.Canonicalize(context.Background(), docs[names[i%3]]); err != nil {
				b.Fatal(err)
			}
		}
	})
}
