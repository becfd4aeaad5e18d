package doi_test

import (
	"testing"

	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// Every exported function that takes a pointer, a function or options answers nil with an error (see
// testenv.CheckNil).
func TestNilArguments(t *testing.T) {
	t.Parallel()
	newResolver := func(t *testing.T, o doi.Option) {
		t.Helper()
		if r, err := doi.NewResolver(o); err == nil || r != nil {
			t.Errorf("NewResolver: %v, %v; want an error and no resolver", r, err)
		}
	}
	testenv.CheckNil(t, ".", map[string]func(t *testing.T){
		"NewResolver":    func(t *testing.T) { newResolver(t, nil) },
		"WithHTTPClient": func(t *testing.T) { newResolver(t, doi.WithHTTPClient(nil)) },
		"WithLogger":     func(t *testing.T) { newResolver(t, doi.WithLogger(nil)) },
	})
}
