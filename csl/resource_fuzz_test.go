package csl_test

import (
	"io"
	"testing"

	"github.com/dop2i/fairmeta/csl"
)

// FuzzJSONFormat: reading CSL-JSON into records never panics, gives records or an error (never both), and the
// records can be written as CSL-JSON again.
// go test ./csl -run '^$' -fuzz FuzzJSONFormat -fuzztime 60s
func FuzzJSONFormat(f *testing.F) {
	for _, s := range []string{
		`[{"id":"Aad:2012tfa","type":"article-journal","author":[{"literal":"ATLAS"},{"family":"Waals","given":"J. D.","non-dropping-particle":"van der","suffix":"Jr."}],"title":"T","container-title":"Phys. Lett. B","page":"1-29","number":"e1","issued":{"date-parts":[[2012,7]]},"DOI":"https://doi.org/10.1/x","custom":{"alternate-identifiers":[{"type":"arXiv","value":"1207.7214"}],"arxiv-categories":["hep-ex"]}}]`,
		`{"id":1,"type":"report","number":"CERN-1","issued":{"raw":"2001/2003"},"event-date":{"date-parts":[[2020,13]]},"editor":[{"family":"E"}],"custom":[1]}`,
		`[{"id":"x","type":"thesis","genre":"PhD thesis","edition":"2","ISBN":"978-3-16-148410-0","citation-key":"k","accessed":"2020"}]`,
		`[]`, `{`, `[1]`,
	} {
		f.Add([]byte(s))
	}
	format := csl.JSONFormat()
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, notes, err := format.Read(data)
		if err != nil {
			if len(recs) > 0 || len(notes) > 0 {
				t.Fatalf("records or notes beside the error %v", err)
			}
			return
		}
		if len(recs) == 0 {
			t.Fatal("no record and no error")
		}
		if _, err := format.WriteList(io.Discard, recs); err != nil {
			t.Fatalf("writing what was read: %v", err)
		}
	})
}
