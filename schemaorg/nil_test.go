package schemaorg_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testenv"
	"github.com/dop2i/fairmeta/schemaorg"
)

// Every exported function that takes a pointer, a function, a reader or writer, or options answers nil with an
// error, or with the empty result its documentation gives, and never panics (see testenv.CheckNil).
func TestNilArguments(t *testing.T) {
	t.Parallel()
	res := &fair.Resource{Titles: []fair.Title{{Title: "Run 4271"}}}
	testenv.CheckNil(t, ".", map[string]func(t *testing.T){
		"NewProcessor": func(t *testing.T) {
			if p, err := schemaorg.NewProcessor(nil); err == nil || p != nil {
				t.Errorf("NewProcessor(nil) = %v, %v; want an error", p, err)
			}
		},
		"WithRemoteContexts": func(t *testing.T) {
			// A nil client is documented: a client with Go's default transport.
			if _, err := schemaorg.NewProcessor(schemaorg.WithRemoteContexts(nil, "https://w3id.org/")); err != nil {
				t.Errorf("WithRemoteContexts(nil, ...): %v", err)
			}
		},
		"Marshal": func(t *testing.T) {
			if _, _, err := schemaorg.Marshal(nil); err == nil {
				t.Error("Marshal(nil) without an error")
			}
		},
		"Write": func(t *testing.T) {
			if _, err := schemaorg.Write(nil, res); err == nil {
				t.Error("Write to a nil writer without an error")
			}
			if _, err := schemaorg.Write(new(bytes.Buffer), nil); err == nil {
				t.Error("Write of a nil resource without an error")
			}
		},
		"Node": func(t *testing.T) {
			if b, err := json.Marshal(schemaorg.Node(nil)); err != nil || string(b) != "null" {
				t.Errorf("Node(nil) marshals as %s, %v; want null", b, err)
			}
		},
		"NotWritten": func(t *testing.T) {
			if n := schemaorg.NotWritten(nil); n != nil {
				t.Errorf("NotWritten(nil) = %v, want nil", n)
			}
		},
	})
}
