package ror_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testenv"
	"github.com/dop2i/fairmeta/ror"
)

// Every exported function that takes a pointer, a function, a reader or options answers nil with an error, or with
// the empty result its documentation gives, and never panics (see testenv.CheckNil).
func TestNilArguments(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	wantErr := func(t *testing.T, what string, err error) {
		t.Helper()
		if err == nil {
			t.Errorf("%s: no error", what)
		}
	}
	newClient := func(t *testing.T, o ror.Option) {
		t.Helper()
		if c, err := ror.NewClient(o); err == nil || c != nil {
			t.Errorf("NewClient: %v, %v; want an error and no client", c, err)
		}
	}
	rec := &fair.Resource{Creators: []fair.Creator{{Name: "Lefèvre, Camille", Affiliations: []fair.Affiliation{{Name: "CC-IN2P3, Villeurbanne"}}}}}
	testenv.CheckNil(t, ".", map[string]func(t *testing.T){
		"NewClient":      func(t *testing.T) { newClient(t, nil) },
		"WithEnv":        func(t *testing.T) { newClient(t, ror.WithEnv(nil)) },
		"WithHTTPClient": func(t *testing.T) { newClient(t, ror.WithHTTPClient(nil)) },
		"WithLogger":     func(t *testing.T) { newClient(t, ror.WithLogger(nil)) },
		"Enrich": func(t *testing.T) {
			_, err := ror.Enrich(ctx, rec, nil)
			wantErr(t, "Enrich with a nil Matcher", err)
			_, err = ror.Enrich(ctx, nil, ror.Default())
			wantErr(t, "Enrich of a nil record", err)
		},
		"NewIndex": func(t *testing.T) {
			ix := ror.NewIndex([]*ror.Organization{nil})
			if ix == nil || ix.Len() != 0 {
				t.Errorf("NewIndex of a nil organisation: %v; want an empty index", ix)
			}
		},
		"AffiliatedOrganizations": func(t *testing.T) {
			if orgs, unknown := ror.AffiliatedOrganizations(nil, ror.Default()); orgs != nil || unknown != nil {
				t.Errorf("AffiliatedOrganizations(nil): %v %v", orgs, unknown)
			}
			if orgs, _ := ror.AffiliatedOrganizations(rec, nil); orgs != nil {
				t.Errorf("AffiliatedOrganizations with a nil index: %v", orgs)
			}
		},
		"FindAffiliated": func(t *testing.T) {
			_, _, err := ror.FindAffiliated(ctx, nil, ror.Default(), ror.OrgFilter{})
			wantErr(t, "FindAffiliated of a nil record", err)
			_, _, err = ror.FindAffiliated(ctx, rec, nil, ror.OrgFilter{})
			wantErr(t, "FindAffiliated with a nil index", err)
		},
		"(OrgFilter).Selects": func(t *testing.T) {
			if (ror.OrgFilter{}).Selects(ror.Default(), nil) {
				t.Error("a nil organisation is selected")
			}
			cern, _ := ror.Default().Get("01ggx4157")
			if !(ror.OrgFilter{Within: []ror.ID{"01ggx4157"}}).Selects(nil, cern) {
				t.Error("with a nil index, CERN is not within itself")
			}
		},
		"(OrgFilter).Select": func(t *testing.T) {
			if got := (ror.OrgFilter{}).Select(nil, []ror.Affiliated{{}}); got != nil {
				t.Errorf("Select of an affiliation without organisation: %v", got)
			}
		},
		"ReadIndex": func(t *testing.T) { _, err := ror.ReadIndex(ctx, nil); wantErr(t, "ReadIndex(nil)", err) },
		"ReadDump": func(t *testing.T) {
			wantErr(t, "ReadDump(nil reader)", ror.ReadDump(ctx, nil, func(*ror.Organization) error { return nil }))
			wantErr(t, "ReadDump(nil callback)", ror.ReadDump(ctx, strings.NewReader("[]"), nil))
		},
		"ReadDumpFile": func(t *testing.T) {
			name := filepath.Join(t.TempDir(), "dump.jsonl")
			if err := os.WriteFile(name, []byte(`{"id":"https://ror.org/01ggx4157","names":[{"value":"CERN","types":["ror_display"]}],"status":"active"}`+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			wantErr(t, "ReadDumpFile(nil callback)", ror.ReadDumpFile(ctx, name, nil))
		},
	})
}
