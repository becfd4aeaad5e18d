package software_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testenv"
	"github.com/dop2i/fairmeta/software"
)

// Every exported function and method that takes a pointer, a function, a reader or writer, or options answers nil
// with an error, or with the empty result its documentation gives, and never panics (see testenv.CheckNil).
func TestNilArguments(t *testing.T) {
	t.Parallel()
	res := &fair.Resource{Titles: []fair.Title{{Title: "shower-calib"}}, ResourceType: fair.ResourceType{General: fair.ResourceTypeSoftware}}
	run := &software.Run{Name: "calibrate", Start: time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)}
	wantErr := func(t *testing.T, what string, err error) {
		t.Helper()
		if err == nil {
			t.Errorf("%s: no error", what)
		}
	}
	type writer func(*bytes.Buffer, *fair.Resource) error
	writers := map[string]writer{
		"WriteCFF": func(b *bytes.Buffer, r *fair.Resource) error { _, err := software.WriteCFF(nilIfNil(b), r); return err },
		"WriteCodeMeta": func(b *bytes.Buffer, r *fair.Resource) error {
			_, err := software.WriteCodeMeta(nilIfNil(b), r)
			return err
		},
		"WriteZenodo": func(b *bytes.Buffer, r *fair.Resource) error {
			_, err := software.WriteZenodo(nilIfNil(b), r)
			return err
		},
	}
	checks := map[string]func(t *testing.T){
		"ReaderSWHID": func(t *testing.T) { _, err := software.ReaderSWHID(nil, 3); wantErr(t, "ReaderSWHID(nil, 3)", err) },
		"CodeMeta": func(t *testing.T) {
			if m := software.CodeMeta(nil); m != nil {
				t.Errorf("CodeMeta(nil) = %v, want nil", m)
			}
		},
		"NotWritten": func(t *testing.T) {
			if n := software.NotWritten("cff", nil); n != nil {
				t.Errorf("NotWritten(cff, nil) = %v, want nil", n)
			}
		},
		"FromBuildInfo": func(t *testing.T) {
			if r := software.FromBuildInfo(nil); r != nil {
				t.Errorf("FromBuildInfo(nil) = %+v, want nil", r)
			}
		},
		"ReleaseFromResource": func(t *testing.T) {
			if r := software.ReleaseFromResource(nil); r != nil {
				t.Errorf("ReleaseFromResource(nil) = %+v, want nil", r)
			}
		},
		"ProducedBy": func(t *testing.T) {
			if refs := software.ProducedBy(nil); refs != nil {
				t.Errorf("ProducedBy(nil) = %v, want nil", refs)
			}
		},
		"(*Run).Crate": func(t *testing.T) {
			if c := run.Crate(nil); c == nil {
				t.Error("Crate(nil): no crate; want one whose root dataset holds only what the run says")
			}
			if c := (*software.Run)(nil).Crate(res); c != nil {
				t.Errorf("Crate of a nil run = %v, want nil", c)
			}
		},
		"(*Run).LinkDataset": func(t *testing.T) {
			run.LinkDataset(nil) // nothing to link: no panic is all there is to check
			(*software.Run)(nil).LinkDataset(res)
			if len(res.RelatedIdentifiers) != 0 {
				t.Errorf("a nil run linked %v", res.RelatedIdentifiers)
			}
		},
		"WriteRunCrate": func(t *testing.T) {
			wantErr(t, "WriteRunCrate(nil writer)", software.WriteRunCrate(nil, run, res))
			wantErr(t, "WriteRunCrate(nil run)", software.WriteRunCrate(new(bytes.Buffer), nil, res))
			if err := software.WriteRunCrate(new(bytes.Buffer), run, nil); err != nil {
				t.Errorf("WriteRunCrate(nil dataset): %v, want the crate of the run alone", err)
			}
		},
		"WriteRunCrateDir": func(t *testing.T) {
			wantErr(t, "WriteRunCrateDir(nil run)", software.WriteRunCrateDir(t.TempDir(), nil, res))
		},
	}
	for name, w := range writers {
		checks[name] = func(t *testing.T) {
			wantErr(t, name+" to a nil writer", w(nil, res))
			wantErr(t, name+" of a nil record", w(new(bytes.Buffer), nil))
		}
	}
	testenv.CheckNil(t, ".", checks)
}

// nilIfNil turns a nil *bytes.Buffer into a nil io.Writer interface, not a non-nil interface holding nil.
func nilIfNil(b *bytes.Buffer) interface{ Write([]byte) (int, error) } {
	if b == nil {
		return nil
	}
	return b
}
