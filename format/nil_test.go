package format_test

import (
	"bytes"
	"testing"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/format"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// Every exported function and method that takes a pointer, a reader or a writer answers nil with an error and never
// panics (see testenv.CheckNil).
func TestNilArguments(t *testing.T) {
	t.Parallel()
	reg := format.Default()
	rec := &fair.Resource{Titles: []fair.Title{{Title: "Run 4271"}}, PublicationYear: 2026}
	input := []byte(`{"titles":[{"title":"Run 4271"}],"publicationYear":2026}`)
	writes := func(t *testing.T, name string, write func(w *bytes.Buffer, recs []*fair.Resource, nilWriter bool) error) {
		t.Helper()
		if err := write(nil, []*fair.Resource{rec}, true); err == nil {
			t.Errorf("%s to a nil writer: no error", name)
		}
		if err := write(new(bytes.Buffer), []*fair.Resource{rec, nil}, false); err == nil {
			t.Errorf("%s of a nil record: no error", name)
		}
		if err := write(new(bytes.Buffer), []*fair.Resource{nil}, false); err == nil {
			t.Errorf("%s of one nil record: no error", name)
		}
	}
	testenv.CheckNil(t, ".", map[string]func(t *testing.T){
		"(*Registry).Write": func(t *testing.T) {
			writes(t, "Write", func(b *bytes.Buffer, recs []*fair.Resource, nilWriter bool) error {
				if nilWriter {
					_, err := reg.Write(nil, "datacite-json", recs)
					return err
				}
				_, err := reg.Write(b, "datacite-json", recs)
				return err
			})
		},
		"(*Registry).WriteLines": func(t *testing.T) {
			writes(t, "WriteLines", func(b *bytes.Buffer, recs []*fair.Resource, nilWriter bool) error {
				if nilWriter {
					_, err := reg.WriteLines(nil, "datacite-json", recs)
					return err
				}
				_, err := reg.WriteLines(b, "datacite-json", recs)
				return err
			})
		},
		"(*Registry).Convert": func(t *testing.T) {
			if _, _, _, err := reg.Convert(nil, input, "fair", "datacite-json"); err == nil {
				t.Error("Convert to a nil writer: no error")
			}
		},
		"Documents": func(t *testing.T) {
			n := 0
			for _, err := range format.Documents(nil) {
				n++
				if err == nil {
					t.Error("Documents(nil) yielded a document without an error")
				}
			}
			if n != 1 {
				t.Errorf("Documents(nil) yielded %d times, want one error", n)
			}
		},
	})
}

// Every format of Default answers nil input, a nil writer and a nil record with an error (Detect with false), and
// never panics: what CheckWrite gives the writers of a new format once it is in the list.
func TestFormatsNil(t *testing.T) {
	t.Parallel()
	rec := &fair.Resource{Titles: []fair.Title{{Title: "Run 4271"}}, PublicationYear: 2026}
	for _, f := range format.Default().Formats() {
		t.Run(f.Name, func(t *testing.T) {
			check := func(what string, call func() error) {
				t.Helper()
				defer func() {
					if r := recover(); r != nil {
						t.Errorf("%s panics: %v", what, r)
					}
				}()
				if err := call(); err == nil {
					t.Errorf("%s: no error", what)
				}
			}
			if f.Detect != nil && f.Detect(nil) {
				t.Errorf("Detect(nil) claims the empty input")
			}
			if f.Read != nil {
				check("Read(nil)", func() error { _, _, err := f.Read(nil); return err })
			}
			if f.Write != nil {
				check("Write to a nil writer", func() error { _, err := f.Write(nil, rec); return err })
				check("Write of a nil record", func() error { _, err := f.Write(new(bytes.Buffer), nil); return err })
			}
			if f.WriteList != nil {
				check("WriteList to a nil writer", func() error { _, err := f.WriteList(nil, []*fair.Resource{rec, rec}); return err })
				check("WriteList of a nil record", func() error { _, err := f.WriteList(new(bytes.Buffer), []*fair.Resource{rec, nil}); return err })
			}
			if f.WriteLine != nil {
				check("WriteLine to a nil writer", func() error { _, err := f.WriteLine(nil, rec); return err })
				check("WriteLine of a nil record", func() error { _, err := f.WriteLine(new(bytes.Buffer), nil); return err })
			}
		})
	}
}
