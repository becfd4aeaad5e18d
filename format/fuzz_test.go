package format_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/dop2i/fairmeta/format"
)

// FuzzRead: detecting and reading any input never panics, gives records or an error but not both, and every record
// read can be handed to every writer without a panic.
func FuzzRead(f *testing.F) {
	for _, s := range inlineSamples() {
		f.Add(s.data)
	}
	f.Add([]byte(`{"data":[{"type":"dois","attributes":{"titles":[{"title":"a"}]}},{"type":"dois","attributes":{"titles":[{"title":"b"}]}}]}`))
	reg := format.Default()
	f.Fuzz(func(t *testing.T, data []byte) {
		_, recs, notRead, err := reg.Read("", data)
		if err != nil {
			if recs != nil || notRead != nil {
				t.Fatalf("records or notes beside the error %v", err)
			}
			return
		}
		if len(recs) == 0 {
			t.Fatal("no record and no error")
		}
		for _, out := range reg.Formats() {
			if out.CanWrite() {
				_, _ = reg.Write(io.Discard, out.Name, recs)
			}
		}
		for doc, err := range format.Documents(bytes.NewReader(data)) {
			if err != nil {
				break
			}
			if len(doc.Data) == 0 || doc.N < 1 || doc.Line < 1 {
				t.Fatalf("document %+v", doc)
			}
		}
	})
}
