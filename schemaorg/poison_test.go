package schemaorg

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/piprate/json-gold/ld"
)

// cliqueGraph is n blank nodes each linked to every other: every node looks like every other, and URDNA2015's
// N-degree hash tries the permutations of each node's neighbours, recursively.
func cliqueGraph(n int) []byte {
	var nodes []string
	for i := 0; i < n; i++ {
		var links []string
		for j := 0; j < n; j++ {
			if j != i {
				links = append(links, fmt.Sprintf(`{"@id":"_:%d"}`, j))
			}
		}
		nodes = append(nodes, fmt.Sprintf(`{"@id":"_:%d","k":[%s]}`, i, strings.Join(links, ",")))
	}
	return []byte(`{"@context":{"k":"http://e.org/k"},"@graph":[` + strings.Join(nodes, ",") + `]}`)
}

// chainGraph is n blank nodes in a chain, alike but for their two ends: the N-degree hash of each walks the chain.
func chainGraph(n int) []byte {
	var nodes []string
	for i := 0; i < n; i++ {
		nodes = append(nodes, fmt.Sprintf(`{"@id":"_:%d","k":{"@id":"_:%d"}}`, i, i+1))
	}
	return []byte(`{"@context":{"k":"http://e.org/k"},"@graph":[` + strings.Join(nodes, ",") + `]}`)
}

// namedGraphs puts the nodes of doc's @graph into named graphs with blank names, which the fast path leaves to
// json-gold.
func namedGraphs(doc []byte) []byte {
	return []byte(`[` + strings.Replace(string(doc), `"@graph"`, `"@id":"_:g","@graph"`, 1) + `]`)
}

// TestPoisonGraphs: graphs that make URDNA2015 factorial or quadratic are refused with ErrTooComplex, on the fast
// path and on json-gold's, after a bounded amount of work; graphs of the same shapes that are small enough are
// canonicalized as json-gold does.
func TestPoisonGraphs(t *testing.T) {
	p := &Processor{}
	for _, tc := range []struct {
		name string
		doc  []byte
	}{
		{"9 blank nodes all linked", cliqueGraph(9)},
		{"12 blank nodes all linked", cliqueGraph(12)},
		{"chain of 500 blank nodes", chainGraph(500)},
		{"9 blank nodes all linked, named graph", namedGraphs(cliqueGraph(9))},
		{"chain of 500 blank nodes, named graph", namedGraphs(chainGraph(500))},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for path, canon := range map[string]func([]byte) ([]byte, error){
				"Canonicalize": func(d []byte) ([]byte, error) { return p.Canonicalize(context.Background(), d) },
				"json-gold":    func(d []byte) ([]byte, error) { return p.slowCanonicalize(context.Background(), d) },
			} {
				start := time.Now()
				_, err := canon(tc.doc)
				var je *JSONLDError
				if !errors.Is(err, ErrTooComplex) || !errors.As(err, &je) || je.Code != "work limit exceeded" {
					t.Errorf("%s (%d bytes) = %v, want a *JSONLDError matching ErrTooComplex", path, len(tc.doc), err)
				}
				t.Logf("%s: %d bytes refused in %v", path, len(tc.doc), time.Since(start))
			}
		})
	}
	l := ld.NewCachingDocumentLoader(&loader{docs: map[string]any{}})
	for _, doc := range [][]byte{cliqueGraph(4), chainGraph(30), namedGraphs(cliqueGraph(4)), namedGraphs(chainGraph(20))} {
		want, err := plainNormalizeErr(l, doc)
		if err != nil {
			t.Fatal(err)
		}
		got, err := p.Canonicalize(context.Background(), doc)
		if err != nil || string(got) != want {
			t.Errorf("Canonicalize(%s) = %v\n%s\nwant json-gold's\n%s", doc, err, got, want)
		}
		if got, err := p.slowCanonicalize(context.Background(), doc); err != nil || string(got) != want {
			t.Errorf("slowCanonicalize(%s) = %v, %s", doc, err, got)
		}
	}
}
