package schemaorg

import (
	"context"
	"os"
	"path/filepath"
	"testing"

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
	d, err := decodeJSON(doc)
	if err != nil {
		tb.Fatal(err)
	}
	o := ld.NewJsonLdOptions("")
	o.DocumentLoader = l
	o.Algorithm = ld.AlgorithmURDNA2015
	o.Format = "application/n-quads"
	out, err := ld.NewJsonLdProcessor().Normalize(d, o)
	if err != nil {
		tb.Fatal(err)
	}
	return out.(string)
}

func BenchmarkCanonicalize(b *testing.B) {
	docs := landingDocs(b)
	official := officialContext(b)
	names := []string{"dryad.json", "pangaea.json", "zenodo.json"}
	b.Run("jsongold", func(b *testing.B) {
		l := plainLoader(b, official)
		for i := 0; b.Loop(); i++ {
			plainNormalize(b, l, docs[names[i%3]])
		}
	})
	b.Run("processor", func(b *testing.B) {
		p, err := NewProcessor(WithSchemaOrgContext(official))
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; b.Loop(); i++ {
			if _, err := p.Canonicalize(context.Background(), docs[names[i%3]]); err != nil {
				b.Fatal(err)
			}
		}
	})
}
