package assess_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"github.com/dop2i/fairmeta/assess"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// Every exported function and method that takes a pointer, a function, a reader or writer, or options answers nil
// with an error and never panics (see testenv.CheckNil).
func TestNilArguments(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rec := &fair.Resource{Titles: []fair.Title{{Title: "Run 4271"}}}
	res, err := assess.Assess(ctx, rec)
	if err != nil {
		t.Fatal(err)
	}
	option := func(t *testing.T, o assess.Option) {
		t.Helper()
		if r, err := assess.Assess(ctx, rec, o); !errors.Is(err, assess.ErrInvalidOption) || r != nil {
			t.Errorf("Assess with the option: %v, %v; want ErrInvalidOption", r, err)
		}
	}
	testenv.CheckNil(t, ".", map[string]func(t *testing.T){
		"Assess": func(t *testing.T) {
			if r, err := assess.Assess(ctx, nil); err == nil || r != nil {
				t.Errorf("Assess(nil) = %v, %v; want an error", r, err)
			}
			option(t, nil)
		},
		"WithHTTPClient":  func(t *testing.T) { option(t, assess.WithHTTPClient(nil)) },
		"WithDOIResolver": func(t *testing.T) { option(t, assess.WithDOIResolver(nil)) },
		"(*Result).WriteText": func(t *testing.T) {
			if err := res.WriteText(nil); err == nil {
				t.Error("WriteText(nil) without an error")
			}
			if err := (*assess.Result)(nil).WriteText(new(bytes.Buffer)); err == nil {
				t.Error("WriteText of a nil result without an error")
			}
		},
		"(*Result).WriteHTML": func(t *testing.T) {
			if err := res.WriteHTML(nil); err == nil {
				t.Error("WriteHTML(nil) without an error")
			}
			if err := (*assess.Result)(nil).WriteHTML(new(bytes.Buffer)); err == nil {
				t.Error("WriteHTML of a nil result without an error")
			}
		},
	})
}
