package fair_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// Every exported function that takes a pointer, a function, a reader or writer answers nil with an error and never
// panics (see testenv.CheckNil); the format descriptor's writers are checked for every format in package format.
func TestNilArguments(t *testing.T) {
	t.Parallel()
	rec := &fair.Resource{Titles: []fair.Title{{Title: "Run 4271"}}}
	testenv.CheckNil(t, ".", map[string]func(t *testing.T){
		"CheckWrite": func(t *testing.T) {
			for _, tc := range []struct {
				name string
				err  error
				ok   bool
			}{
				{"nil writer", fair.CheckWrite(nil, rec), false},
				{"nil record", fair.CheckWrite(new(bytes.Buffer), rec, nil), false},
				{"writer and records", fair.CheckWrite(new(bytes.Buffer), rec, rec), true},
				{"writer and no record", fair.CheckWrite(new(bytes.Buffer)), true},
			} {
				if tc.ok != (tc.err == nil) || !tc.ok && !errors.Is(tc.err, fair.ErrNilWrite) {
					t.Errorf("%s: %v", tc.name, tc.err)
				}
			}
		},
	})
	for _, f := range []fair.Format{fair.JSONFormat()} {
		if _, err := f.Write(nil, rec); !errors.Is(err, fair.ErrNilWrite) {
			t.Errorf("%s Write to a nil writer: %v, want ErrNilWrite", f.Name, err)
		}
	}
}
