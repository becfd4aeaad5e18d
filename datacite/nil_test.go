package datacite_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// Every exported function and method that takes a pointer, a function, a reader or writer, or options answers nil
// with an error, or with the empty result its documentation gives, and never panics. testenv.CheckNil finds them
// in the package's source, so a new one without a check here fails the test.
func TestNilArguments(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	_, c := setup(t, nil, datacite.WithRetry(1, 0, 0))
	rec := record("https://data.example.org/1")
	wantErr := func(t *testing.T, err error) {
		t.Helper()
		if err == nil {
			t.Error("nil accepted without an error")
		}
	}
	newClient := func(t *testing.T, o datacite.Option) {
		t.Helper()
		cl, err := datacite.NewClient(o)
		if err == nil || cl != nil {
			t.Errorf("NewClient: %v, %v; want an error and no client", cl, err)
		}
	}
	testenv.CheckNil(t, ".", map[string]func(t *testing.T){
		"NewClient":      func(t *testing.T) { newClient(t, nil) },
		"WithEnv":        func(t *testing.T) { newClient(t, datacite.WithEnv(nil)) },
		"WithHTTPClient": func(t *testing.T) { newClient(t, datacite.WithHTTPClient(nil)) },
		"WithLogger":     func(t *testing.T) { newClient(t, datacite.WithLogger(nil)) },
		"(*Client).Do":   func(t *testing.T) { _, err := c.Do(nil); wantErr(t, err) },
		"(*Client).MintBatch": func(t *testing.T) {
			res, err := c.MintBatch(ctx, []*datacite.Record{nil}, datacite.BatchOptions{Prefix: prefix})
			if err != nil || len(res) != 1 || res[0].Err == nil {
				t.Errorf("MintBatch of a nil record: %+v, %v; want one result with an error", res, err)
			}
		},
		"(*DOIService).Create": func(t *testing.T) { _, _, err := c.DOIs.Create(ctx, nil); wantErr(t, err) },
		"(*DOIService).Update": func(t *testing.T) { _, _, err := c.DOIs.Update(ctx, nil); wantErr(t, err) },
		"(*Record).WriteJSON": func(t *testing.T) {
			wantErr(t, rec.WriteJSON(nil))
			wantErr(t, (*datacite.Record)(nil).WriteJSON(new(bytes.Buffer)))
		},
		"(*Record).WriteXML": func(t *testing.T) {
			wantErr(t, rec.WriteXML(nil))
			wantErr(t, (*datacite.Record)(nil).WriteXML(new(bytes.Buffer)))
		},
		"WriteJSONList": func(t *testing.T) {
			wantErr(t, datacite.WriteJSONList(nil, []*datacite.Record{rec}))
			wantErr(t, datacite.WriteJSONList(new(bytes.Buffer), []*datacite.Record{rec, nil}))
		},
		"ReadJournal": func(t *testing.T) { _, err := datacite.ReadJournal(nil); wantErr(t, err) },
		"FromResource": func(t *testing.T) {
			if r := datacite.FromResource(nil); r != nil {
				t.Errorf("FromResource(nil) = %+v, want nil", r)
			}
		},
		"ToResource": func(t *testing.T) {
			if r := datacite.ToResource(nil); r != nil {
				t.Errorf("ToResource(nil) = %+v, want nil", r)
			}
		},
		"NotWritten": func(t *testing.T) {
			if n := datacite.NotWritten(nil); n != nil {
				t.Errorf("NotWritten(nil) = %v, want nil", n)
			}
		},
		"Fingerprint": func(t *testing.T) {
			if fp := datacite.Fingerprint(nil); fp != "" {
				t.Errorf("Fingerprint(nil) = %q, want \"\"", fp)
			}
		},
		"Validate":         func(t *testing.T) { wantErr(t, datacite.Validate(nil).Err()) },
		"ValidateResource": func(t *testing.T) { wantErr(t, datacite.ValidateResource(nil).Err()) },
	})
}
