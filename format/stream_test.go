package format_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/format"
	"github.com/dop2i/fairmeta/internal/testdiff"
)

func TestDocuments(t *testing.T) {
	type doc struct {
		N, Line int
		Data    string
	}
	for _, tc := range []struct {
		name, in string
		want     []doc
		check    func(t *testing.T, err error) // nil: no error expected
	}{
		{"JSON Lines", "{\"a\":1}\n{\"b\":2}\n", []doc{{1, 1, `{"a":1}`}, {2, 2, `{"b":2}`}}, nil},
		{"blank lines and a byte-order mark", "\xef\xbb\xbf\n\n{\"a\":1}\n\n  [1,\n2]\n", []doc{{1, 3, `{"a":1}`}, {2, 5, "[1,\n2]"}}, nil},
		{"several on a line", `{"a":1} {"b":2}`, []doc{{1, 1, `{"a":1}`}, {2, 1, `{"b":2}`}}, nil},
		{"not JSON is one document", "\n<resource/>\n<x/>", []doc{{1, 2, "<resource/>\n<x/>"}}, nil},
		{"empty stream", " \n ", nil, nil},
		{"broken second document", "{\"a\":1}\n{\"b\": \n", []doc{{1, 1, `{"a":1}`}}, func(t *testing.T, err error) {
			var de *format.DocumentError
			if !errors.As(err, &de) || de.N != 2 || de.Line != 2 {
				t.Errorf("err = %v, want a *DocumentError at record 2, line 2", err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []doc
			var err error
			for d, e := range format.Documents(strings.NewReader(tc.in)) {
				if e != nil {
					err = e
					break
				}
				got = append(got, doc{d.N, d.Line, string(d.Data)})
			}
			testdiff.Check(t, "documents", got, tc.want)
			switch {
			case tc.check != nil:
				tc.check(t, err)
			case err != nil:
				t.Errorf("unexpected error %v", err)
			}
		})
	}
}

// A stream may be much larger than a document: only one document is held at a time, and one larger than
// MaxDocument stops the stream with ErrTooLarge instead of exhausting memory.
func TestDocumentsTooLarge(t *testing.T) {
	const max = 1000
	for _, size := range []int{max + 1, 200 << 10} { // just over, and beyond what the decoder reads ahead
		big := `{"a":"` + strings.Repeat("x", size) + `"}`
		n := 0
		var err error
		for _, e := range format.DocumentsMax(strings.NewReader(`{"small":1}`+"\n"+big), max) {
			if e != nil {
				err = e
				break
			}
			n++
		}
		var de *format.DocumentError
		if n != 1 || !errors.As(err, &de) || de.N != 2 || de.Line != 2 || !errors.Is(err, format.ErrTooLarge) {
			t.Errorf("document of %d bytes: %d documents before it, err %v; want 1 and ErrTooLarge at record 2, line 2", size, n, err)
		}
	}
	// A document that is not JSON is bounded the same way.
	for _, err := range format.DocumentsMax(strings.NewReader("<x>"+strings.Repeat("y", max)+"</x>"), max) {
		if !errors.Is(err, format.ErrTooLarge) {
			t.Errorf("a large XML document: %v, want ErrTooLarge", err)
		}
	}
}
