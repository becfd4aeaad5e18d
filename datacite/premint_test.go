package datacite_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/doi"
)

// TestValidateMintThenMint: a record without a DOI fails Validate only on the DOI, passes ValidateMint, and once
// minted is valid; ValidateMint still finds every other problem and the url a published DOI needs.
func TestValidateMintThenMint(t *testing.T) {
	t.Parallel()
	rec := record("https://data.example.org/premint")
	errs := datacite.Validate(rec).Errors()
	if len(errs) != 1 || errs[0].Path != "doi" {
		t.Fatalf("Validate of a record without a DOI: %v, want the one doi error", errs)
	}
	req := datacite.MintRequest{Record: rec, Prefix: prefix, Event: datacite.EventPublish}
	if errs := datacite.ValidateMint(req).Errors(); len(errs) != 0 {
		t.Fatalf("ValidateMint: %v, want none", errs)
	}
	_, c := setup(t, nil)
	res, err := c.Mint(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if res.Record.DOI != string(res.DOI) {
		t.Errorf("the record the API returned has DOI %q, minted %q", res.Record.DOI, res.DOI)
	}
	if errs := datacite.Validate(res.Record).Errors(); len(errs) != 0 {
		t.Errorf("the minted record: %v", errs)
	}

	// What ValidateMint must still find, each by its path.
	bad := record("")
	bad.PublicationYear = 0
	bad.Titles = nil
	got := map[string]bool{}
	for _, p := range datacite.ValidateMint(datacite.MintRequest{Record: bad, Prefix: prefix, Event: datacite.EventPublish}).Errors() {
		got[p.Path] = true
	}
	for _, want := range []string{"url", "publicationYear", "titles"} {
		if !got[want] {
			t.Errorf("ValidateMint does not report %s: %v", want, got)
		}
	}
	if got["doi"] || got["prefix"] {
		t.Errorf("ValidateMint reports the DOI minting assigns: %v", got)
	}
	if errs := datacite.ValidateMint(datacite.MintRequest{Record: record("https://x.example.org/")}).Errors(); len(errs) == 0 {
		t.Error("ValidateMint accepts a record with neither DOI nor prefix")
	}
	if errs := datacite.ValidateMint(datacite.MintRequest{Record: record("https://x.example.org/"), Prefix: "not a prefix"}).Errors(); len(errs) == 0 {
		t.Error("ValidateMint accepts a bad prefix")
	}
}

// TestMintOnePrefixOneEvent: the request's and the record's prefix and event are one setting: either may give it,
// and when both do they must agree; a DOI must be under the prefix.
func TestMintOnePrefixOneEvent(t *testing.T) {
	t.Parallel()
	srv, c := setup(t, nil)
	ctx := context.Background()

	rec := record("https://data.example.org/prefix-on-record")
	rec.Prefix, rec.Event = prefix, datacite.EventPublish
	res, err := c.Mint(ctx, datacite.MintRequest{Record: rec})
	if err != nil {
		t.Fatalf("the record's prefix and event are ignored: %v", err)
	}
	if res.DOI.Prefix() != prefix || res.State != datacite.StateFindable {
		t.Errorf("minted %s in state %s, want a findable DOI under %s", res.DOI, res.State, prefix)
	}
	holds(t, srv, res.DOI, rec)

	conflicts := []datacite.MintRequest{
		{Record: &datacite.Record{Prefix: "10.80001"}, Prefix: prefix},
		{Record: &datacite.Record{Event: datacite.EventRegister}, Prefix: prefix, Event: datacite.EventPublish},
		{Record: &datacite.Record{DOI: "10.80001/abc"}, Prefix: prefix},
		{Record: &datacite.Record{Event: datacite.EventHide}, Prefix: prefix},
		{Record: &datacite.Record{}},
	}
	before := len(srv.DOIs())
	for i, req := range conflicts {
		full := record("https://data.example.org/conflict")
		full.Prefix, full.Event, full.DOI = req.Record.Prefix, req.Record.Event, req.Record.DOI
		req.Record = full
		_, err := c.Mint(ctx, req)
		var me *datacite.MintError
		if !errors.As(err, &me) || me.Unknown {
			t.Errorf("conflict %d: %v, want a definite *MintError", i, err)
		}
		if errs := datacite.ValidateMint(req).Errors(); len(errs) == 0 {
			t.Errorf("conflict %d: ValidateMint finds nothing", i)
		}
	}
	if n := len(srv.DOIs()); n != before {
		t.Errorf("conflicting requests created %d DOIs", n-before)
	}
}

// TestRerunAfterRejection: a journal holds the DOI planned for a record the API refused (422); on the rerun the
// check finds no such DOI, the API refuses again, and the outcome is a definite rejection with the API's reasons,
// not "outcome unknown".
func TestRerunAfterRejection(t *testing.T) {
	t.Parallel()
	_, c := setup(t, nil)
	rec := record("") // no url: publishing is refused
	journal := filepath.Join(t.TempDir(), "journal")
	for run := 1; run <= 2; run++ {
		res, err := c.MintBatch(context.Background(), []*datacite.Record{rec}, datacite.BatchOptions{Prefix: prefix, Event: datacite.EventPublish, Journal: journal})
		if err != nil {
			t.Fatal(err)
		}
		var me *datacite.MintError
		var api *datacite.APIError
		if !errors.As(res[0].Err, &me) || !errors.As(res[0].Err, &api) {
			t.Fatalf("run %d: %v, want a *MintError holding the *APIError", run, res[0].Err)
		}
		if me.Unknown || strings.Contains(me.Error(), "unknown") {
			t.Errorf("run %d: %v: the outcome is known, the API refused the record", run, me)
		}
		if api.StatusCode != 422 || len(api.Problems) == 0 || api.Problems[0].Source != "url" {
			t.Errorf("run %d: %+v, want 422 naming url", run, api)
		}
		if !errors.Is(res[0].Err, datacite.ErrInvalidMetadata) {
			t.Errorf("run %d: not ErrInvalidMetadata", run)
		}
		if _, err := doi.Parse(string(me.DOI)); err != nil {
			t.Errorf("run %d: the planned DOI is not kept: %v", run, err)
		}
	}
}

// TestMintURLTemplate: a record without a url gets the template's for the DOI minted — generated suffix or exact
// DOI —, and is published with it; a template without a placeholder or that gives no http URL is refused at once.
func TestMintURLTemplate(t *testing.T) {
	t.Parallel()
	srv, c := setup(t, nil)
	ctx := context.Background()
	const tmpl = "https://data.example.org/runs/{suffix}?doi={doi}"
	rec := record("")
	req := datacite.MintRequest{Record: rec, Prefix: prefix, Event: datacite.EventPublish, URLTemplate: tmpl}
	if errs := datacite.ValidateMint(req).Errors(); len(errs) != 0 {
		t.Fatalf("ValidateMint: %v", errs)
	}
	res, err := c.Mint(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	want := "https://data.example.org/runs/" + res.DOI.Suffix() + "?doi=" + string(res.DOI)
	if res.Record.URL != want || res.State != datacite.StateFindable || res.Record.DOI != string(res.DOI) {
		t.Errorf("minted %s (%s) with url %q, want %q", res.Record.DOI, res.State, res.Record.URL, want)
	}
	if rec.URL != "" {
		t.Error("Mint changed the caller's record")
	}
	withURL := *rec
	withURL.URL = want
	holds(t, srv, res.DOI, &withURL)

	exact := record("")
	exact.DOI = prefix + "/Run-4271"
	res, err = c.Mint(ctx, datacite.MintRequest{Record: exact, Event: datacite.EventPublish, URLTemplate: "https://data.example.org/{doi}"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Record.URL != "https://data.example.org/"+string(res.DOI) {
		t.Errorf("exact DOI %s got url %q", res.DOI, res.Record.URL)
	}

	for _, bad := range []string{"https://data.example.org/landing", "ftp://x.example.org/{suffix}", "{suffix}"} {
		_, err := c.Mint(ctx, datacite.MintRequest{Record: record(""), Prefix: prefix, URLTemplate: bad})
		var te *datacite.URLTemplateError
		if !errors.As(err, &te) {
			t.Errorf("template %q: %v, want a *URLTemplateError", bad, err)
		}
		if errs := datacite.ValidateMint(datacite.MintRequest{Record: record(""), Prefix: prefix, URLTemplate: bad}).Errors(); len(errs) == 0 {
			t.Errorf("ValidateMint accepts template %q", bad)
		}
	}
}
