package datacitetest

import (
	"net/http"
	"testing"

	"github.com/dop2i/fairmeta/internal/testenv"
)

// NewServer, the one exported function that takes options, ignores a nil one (it has no error to return) and
// starts the default server.
func TestNilArguments(t *testing.T) {
	t.Parallel()
	testenv.CheckNil(t, ".", map[string]func(t *testing.T){
		"NewServer": func(t *testing.T) {
			srv := NewServer(nil, WithRateLimit(100, 10), nil)
			defer srv.Close()
			resp, err := http.Get(srv.URL + "/dois/10.5072/none")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("GET of an unknown DOI: %d, want 404", resp.StatusCode)
			}
		},
	})
}
