package main

import (
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/datacite/datacitetest"
)

// With DATACITE_* set, the quickstart mints a draft at the configured API (here a loopback stand-in for DataCite)
// under DATACITE_PREFIX, with those credentials.
func TestMintStepWithCredentials(t *testing.T) {
	srv := datacitetest.NewServer(datacitetest.WithRepository("MYLAB.QS", "qs-secret", "10.80002"))
	defer srv.Close()
	t.Setenv("DATACITE_API_URL", srv.URL)
	t.Setenv("DATACITE_USERNAME", "MYLAB.QS")
	t.Setenv("DATACITE_PASSWORD", "qs-secret")
	t.Setenv("DATACITE_PREFIX", "10.80002")
	rec := describe()
	if err := mintStep(rec); err != nil {
		t.Fatal(err)
	}
	got, ok := srv.Lookup(rec.Identifier.Value)
	if !ok || got.State != "draft" || got.Client != "MYLAB.QS" || !strings.HasPrefix(got.DOI, "10.80002/qs-") {
		t.Errorf("the server holds %+v for %q", got, rec.Identifier.Value)
	}
	t.Setenv("DATACITE_PREFIX", "")
	if err := mintStep(describe()); err == nil || !strings.Contains(err.Error(), "DATACITE_PREFIX") {
		t.Errorf("credentials without a prefix: %v", err)
	}
}

// Without credentials the quickstart stays offline: an in-process server, a published DOI.
func TestMintStepOffline(t *testing.T) {
	t.Setenv("DATACITE_USERNAME", "")
	t.Setenv("DATACITE_PASSWORD", "")
	rec := describe()
	if err := mintStep(rec); err != nil {
		t.Fatal(err)
	}
	if rec.Identifier.Type != "DOI" || !strings.HasPrefix(rec.Identifier.Value, "10.5072/qs-") {
		t.Errorf("identifier %+v", rec.Identifier)
	}
}
