package fair_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testdiff"
)

func TestNoteString(t *testing.T) {
	for _, tc := range []struct {
		note fair.Note
		want string
	}{
		{fair.Note{Path: "authors[0].alias", Value: "Cam", Reason: "no place for it in the record"}, "authors[0].alias = Cam: no place for it in the record"},
		{fair.Note{Path: "authors[0].alias", Reason: "no place for it in the record"}, "authors[0].alias: no place for it in the record"},
		{fair.Note{Value: "https://w3id.org/ro/crate/1.1/context", Reason: "not loaded"}, "https://w3id.org/ro/crate/1.1/context: not loaded"},
		{fair.Note{Reason: "the record is block 2 of 2"}, "the record is block 2 of 2"},
		{fair.Note{Path: "software"}, "software"},
	} {
		if got := tc.note.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.note, got, tc.want)
		}
	}
}

func TestNotes(t *testing.T) {
	var ns fair.Notes
	if ns.String() != "" || ns.Prefixed("data[0]") != nil {
		t.Errorf("empty notes: %q %v", ns.String(), ns.Prefixed("data[0]"))
	}
	ns.Add("titles[0].foo", "1", "unknown key")
	ns.Add("", "", "whole record")
	ns.Add("[2]", "", "position")
	testdiff.Check(t, "Indexed", ns.Indexed("data", 3), fair.Notes{
		{Path: "data[3].titles[0].foo", Value: "1", Reason: "unknown key"},
		{Path: "data[3]", Reason: "whole record"},
		{Path: "data[3][2]", Reason: "position"},
	})
	if ns[0].Path != "titles[0].foo" {
		t.Error("Prefixed changed its receiver")
	}
	if got, want := ns.String(), "titles[0].foo = 1: unknown key\nwhole record\n[2]: position"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestJSONFormat(t *testing.T) {
	f := fair.JSONFormat()
	rec := &fair.Resource{Titles: []fair.Title{{Title: "Events"}}, ResourceType: fair.ResourceType{General: fair.ResourceTypeDataset},
		Distributions: []fair.Distribution{{ContentURL: "https://data.example.org/a.h5"}}}
	for _, w := range []struct {
		name              string
		write             func(*bytes.Buffer) (fair.Notes, error)
		n                 int  // records written
		oneLine, detected bool // whether the output is one line, and detected as the fair form
	}{
		{"Write", func(b *bytes.Buffer) (fair.Notes, error) { return f.Write(b, rec) }, 1, false, true},
		{"WriteLine", func(b *bytes.Buffer) (fair.Notes, error) { return f.WriteLine(b, rec) }, 1, true, true},
		{"WriteList", func(b *bytes.Buffer) (fair.Notes, error) { return f.WriteList(b, []*fair.Resource{rec, rec}) }, 2, false, true},
	} {
		t.Run(w.name, func(t *testing.T) {
			var b bytes.Buffer
			notWritten, err := w.write(&b)
			if err != nil || notWritten != nil {
				t.Fatalf("notes %v, err %v", notWritten, err)
			}
			if got := strings.Count(b.String(), "\n") == 1; got != w.oneLine {
				t.Errorf("one line: %v, want %v: %q", got, w.oneLine, b.String())
			}
			if got := f.Detect(b.Bytes()); got != w.detected {
				t.Errorf("detected as the fair form: %v, want %v:\n%s", got, w.detected, b.String())
			}
			recs, notRead, err := f.Read(b.Bytes())
			if err != nil || notRead != nil || len(recs) != w.n {
				t.Fatalf("read back: %d records, %v, %v", len(recs), notRead, err)
			}
			testdiff.Check(t, "read back", recs[0], rec)
		})
	}
	for _, tc := range []struct{ name, in, want string }{
		{"unknown key", `{"titles":[{"title":"T"}],"colour":"red"}`, `unknown field "colour"`},
		{"trailing data", `{"titles":[{"title":"T"}]} {}`, "data after the record"},
		{"null in a list", `[{"titles":[{"title":"T"}]}, null]`, "[1] is null"},
		{"not JSON", `{"titles":`, "unexpected EOF"},
		{"empty list", `[]`, "no record"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			recs, notRead, err := f.Read([]byte(tc.in))
			var je *fair.JSONError
			if !errors.As(err, &je) || !strings.Contains(err.Error(), tc.want) || recs != nil || notRead != nil {
				t.Errorf("Read = %d records, %v, %v; want a *JSONError saying %q", len(recs), notRead, err, tc.want)
			}
		})
	}
}

// FuzzJSONFormat: the reader of the fair form never panics, gives records or an error, and what it reads writes
// out and reads back to the same records.
func FuzzJSONFormat(f *testing.F) {
	f.Add([]byte(`{"titles":[{"title":"T"}],"resourceType":{"general":"Dataset"}}`))
	f.Add([]byte(`[{"titles":[{"title":"T"}]},{"creators":[{"name":"A"}]}]`))
	f.Add([]byte(`[null]`))
	jf := fair.JSONFormat()
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, _, err := jf.Read(data)
		if (err == nil) != (len(recs) > 0) || err != nil && recs != nil {
			t.Fatalf("%d records beside error %v", len(recs), err)
		}
		if err != nil {
			return
		}
		var b bytes.Buffer
		if _, err := jf.WriteList(&b, recs); err != nil {
			t.Fatal(err)
		}
		again, _, err := jf.Read(b.Bytes())
		if err != nil {
			t.Fatalf("cannot read what was written: %v\n%s", err, b.String())
		}
		if d := testdiff.Diff(again, recs); d != "" {
			t.Fatalf("round trip changed the records:\n%s", d)
		}
	})
}
