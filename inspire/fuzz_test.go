package inspire_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/dop2i/fairmeta/inspire"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// FuzzRead: any input gives records or a *ReadError, never a panic; records come with notes that have reasons.
func FuzzRead(f *testing.F) {
	f.Add([]byte(`{"titles": [{"title": "x"}], "control_number": 1, "authors": [{"full_name": "A, B", "affiliations": [{"value": "CERN", "record": {"$ref": "x/902725"}}]}]}`))
	f.Add([]byte(`{"metadata": {"$schema": "https://inspirehep.net/schemas/records/hep.json", "titles": [], "publication_info": [{"journal_title": "J", "year": "x"}]}}`))
	f.Add([]byte(`{"hits": {"hits": [{"metadata": {"control_number": 2, "document_type": ["thesis"], "thesis_info": {"institutions": [{"name": "U"}]}}}]}}`))
	f.Add(collaborationPaper(3))
	if dir, ok := testenv.SharedDataDir(); ok {
		for _, name := range []string{"1113908.json", "1706052.json", "448462.json"} {
			if b, err := os.ReadFile(filepath.Join(dir, "publications", "inspire", "literature", name)); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, notes, err := inspire.Read(data)
		if err != nil {
			var re *inspire.ReadError
			if !errors.As(err, &re) || recs != nil {
				t.Fatalf("error %T %v with %d records", err, err, len(recs))
			}
			return
		}
		if len(recs) == 0 {
			t.Fatalf("no record and no error")
		}
		for _, n := range notes {
			if n.Reason == "" {
				t.Fatalf("a note without reason: %+v", n)
			}
		}
		var lk inspire.Lookup
		lk.Add(data)
		for _, r := range recs {
			lk.Resolve(r)
		}
	})
}
