package arxiv_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/dop2i/fairmeta/arxiv"
)

// FuzzRead: any input gives e-prints or a *ReadError, never a panic; every note has a reason.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.xml"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`<arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/"><id>hep-th/9901001</id><authors>A. B\'e (1), C. D ((1) X)</authors><version version="v1"><date>bad</date></version></arXivRaw>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, notes, err := arxiv.Read(data)
		if err != nil {
			var re *arxiv.ReadError
			if !errors.As(err, &re) || recs != nil {
				t.Fatalf("error %T %v with %d records", err, err, len(recs))
			}
			return
		}
		if len(recs) == 0 {
			t.Fatal("no record and no error")
		}
		for _, r := range recs {
			if r.ArXivID() == "" || r.Identifier.Value == "" {
				t.Fatalf("an e-print without its identifiers: %+v", r.AlternateIdentifiers)
			}
		}
		for _, n := range notes {
			if n.Reason == "" {
				t.Fatalf("a note without reason: %+v", n)
			}
		}
	})
}
