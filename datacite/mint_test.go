package datacite_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/datacite/datacitetest"
	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/fair"
)

// holds checks that the server holds exactly one DOI for rec, the one given, with rec's content.
func holds(t *testing.T, srv *datacitetest.Server, d doi.DOI, rec *datacite.Record) {
	t.Helper()
	n := 0
	for _, s := range srv.DOIs() {
		got, _, err := datacite.ReadJSONRecord(s.Attributes)
		if err != nil {
			t.Fatal(err)
		}
		if datacite.Fingerprint(got) == datacite.Fingerprint(rec) {
			n++
			if s.DOI != string(d) {
				t.Errorf("the record is stored as %s, reported as %s", s.DOI, d)
			}
		}
	}
	if n != 1 {
		t.Errorf("the server holds %d DOIs for the record, want 1", n)
	}
}

func TestMintThroughEachFault(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		faults    []datacitetest.Fault // injected into the next requests, whatever their method
		recovered bool                 // the DOI was found by a check after an ambiguous failure
	}{
		{"no fault", nil, false},
		{"500 before store", []datacitetest.Fault{datacitetest.FaultServerError}, false},
		{"504 after store", []datacitetest.Fault{datacitetest.FaultServerErrorAfter}, true},
		{"dropped before store", []datacitetest.Fault{datacitetest.FaultDropBefore}, false},
		{"dropped after store", []datacitetest.Fault{datacitetest.FaultDropAfter}, true},
		{"429", []datacitetest.Fault{datacitetest.FaultTooManyRequests}, false},
		{"dropped after store, then the check fails too", []datacitetest.Fault{datacitetest.FaultDropAfter, datacitetest.FaultServerError, datacitetest.FaultDropBefore}, true},
		{"dropped after store twice over", []datacitetest.Fault{datacitetest.FaultDropAfter, datacitetest.FaultDropAfter, datacitetest.FaultDropAfter}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, c := setup(t, nil)
			srv.InjectNext("", tt.faults...)
			rec := record("https://data.example.org/" + tt.name)
			var planned []doi.DOI
			res, err := c.Mint(context.Background(), datacite.MintRequest{Record: rec, Prefix: prefix, Shoulder: "in2p3.", Event: datacite.EventPublish,
				OnPlan: func(d doi.DOI) error { planned = append(planned, d); return nil }})
			if err != nil {
				t.Fatal(err)
			}
			if res.State != datacite.StateFindable || res.Recovered != tt.recovered || res.Suffixes != 1 || len(planned) != 1 || planned[0] != res.DOI {
				t.Errorf("result %+v (planned %v), want findable, recovered=%v, one suffix", res, planned, tt.recovered)
			}
			if _, _, err := doi.ParseSuffix(res.DOI.Suffix()); err != nil || res.DOI.Suffix()[:6] != "in2p3." {
				t.Errorf("DOI %s: not a generated suffix after the shoulder: %v", res.DOI, err)
			}
			holds(t, srv, res.DOI, rec)
			if srv.Stats().Updated != 0 {
				t.Errorf("the server saw %d updates during a mint", srv.Stats().Updated)
			}
		})
	}
}

func TestMintThroughTimeout(t *testing.T) {
	t.Parallel()
	srv, c := setup(t, []datacitetest.Option{}, datacite.WithTimeout(150*time.Millisecond))
	srv.SetFaults(datacitetest.Faults{Latency: 400 * time.Millisecond})
	srv.InjectNext("POST", datacitetest.FaultLatency) // the server stores the DOI after the client gave up
	rec := record("https://data.example.org/slow")
	res, err := c.Mint(context.Background(), datacite.MintRequest{Record: rec, Prefix: prefix})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond) // let the slow request finish
	holds(t, srv, res.DOI, rec)
	if st := srv.Stats(); st.Created != 1 {
		t.Errorf("created %d, want 1", st.Created)
	}
}

func TestMintSuffixTakenByAnotherRecord(t *testing.T) {
	t.Parallel()
	srv, c := setup(t, nil)
	taken := doi.MustParse("10.5072/" + doi.FormatSuffix(12345))
	other := record("https://other.example.org/1")
	if err := srv.Add(datacitetest.StoredDOI{DOI: string(taken), Client: repo, State: "findable", URL: other.URL}); err != nil {
		t.Fatal(err)
	}
	before, _ := srv.Lookup(string(taken))
	rec := record("https://data.example.org/mine")
	// As a rerun from a journal would: the planned DOI is checked first and, held by another record, replaced.
	res, err := c.Mint(context.Background(), datacite.MintRequest{Record: rec, Prefix: prefix, Planned: taken})
	if err != nil {
		t.Fatal(err)
	}
	if res.DOI == taken || res.Suffixes != 2 {
		t.Errorf("minted %s after %d suffixes, want a fresh suffix", res.DOI, res.Suffixes)
	}
	holds(t, srv, res.DOI, rec)
	if after, _ := srv.Lookup(string(taken)); after.URL != before.URL || after.Updated != before.Updated {
		t.Errorf("the other record's DOI changed")
	}
	// The same through "already taken" on the create itself.
	exact := record("https://data.example.org/exact")
	exact.DOI = string(taken)
	_, err = c.Mint(context.Background(), datacite.MintRequest{Record: exact})
	var me *datacite.MintError
	if !errors.Is(err, datacite.ErrAlreadyTaken) || !errors.As(err, &me) || me.Unknown {
		t.Errorf("exact DOI held by another record: %v, want ErrAlreadyTaken, outcome known", err)
	}
}

func TestMintPlannedAlreadyOurs(t *testing.T) {
	t.Parallel()
	srv, c := setup(t, nil)
	rec := record("https://data.example.org/resume")
	first, err := c.Mint(context.Background(), datacite.MintRequest{Record: rec, Prefix: prefix})
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.Mint(context.Background(), datacite.MintRequest{Record: rec, Prefix: prefix, Planned: first.DOI})
	if err != nil || again.DOI != first.DOI || !again.Recovered || again.Attempts != 1 {
		t.Errorf("re-mint of a planned DOI the server holds: %+v, %v; want the same DOI from one check", again, err)
	}
	holds(t, srv, first.DOI, rec)
}

func TestMintFailures(t *testing.T) {
	t.Parallel()
	srv, c := setup(t, nil, datacite.WithRetry(3, time.Millisecond, time.Millisecond))
	ctx := context.Background()
	// Invalid metadata: refused at once, outcome known.
	_, err := c.Mint(ctx, datacite.MintRequest{Record: &datacite.Record{URL: "https://x.org"}, Prefix: prefix, Event: datacite.EventPublish})
	var me *datacite.MintError
	if !errors.Is(err, datacite.ErrInvalidMetadata) || !errors.As(err, &me) || me.Unknown || me.DOI == "" {
		t.Errorf("invalid metadata: %v", err)
	}
	// Every answer lost after the store: the DOI exists, but the client cannot tell; it must say so and keep it.
	srv.SetFaults(datacitetest.Faults{Rate: 1, Kinds: []datacitetest.Fault{datacitetest.FaultDropAfter}})
	rec := record("https://data.example.org/lost")
	_, err = c.Mint(ctx, datacite.MintRequest{Record: rec, Prefix: prefix})
	if !errors.As(err, &me) || !me.Unknown || me.DOI == "" {
		t.Fatalf("all answers lost: %v, want an unknown outcome with the DOI", err)
	}
	srv.SetFaults(datacitetest.Faults{})
	res, err := c.Mint(ctx, datacite.MintRequest{Record: rec, Prefix: prefix, Planned: me.DOI})
	if err != nil || res.DOI != me.DOI {
		t.Errorf("retry with the kept DOI: %+v, %v", res, err)
	}
	holds(t, srv, me.DOI, rec)
	if _, err := c.Mint(ctx, datacite.MintRequest{}); err == nil {
		t.Errorf("Mint without a record succeeded")
	}
}

// TestMintResource mints a fair.Resource, as a pipeline holding one does: the DOI is written back into it, and a
// request without a prefix says that the prefix is missing, before any request is sent.
func TestMintResource(t *testing.T) {
	t.Parallel()
	srv, c := setup(t, nil)
	rec := &fair.Resource{
		Titles:          []fair.Title{{Title: "Calibrated events, run 4271"}},
		Creators:        []fair.Creator{{Name: "Lefèvre, Camille", NameType: fair.NamePersonal}},
		Publisher:       fair.Publisher{Name: "CC-IN2P3"},
		PublicationYear: 2026,
		ResourceType:    fair.ResourceType{General: fair.ResourceTypeDataset},
		URL:             "https://data.example.org/runs/4271",
	}
	_, err := c.Mint(context.Background(), datacite.MintRequest{Resource: rec})
	if !errors.Is(err, doi.ErrNoPrefix) || !strings.Contains(err.Error(), "no DOI prefix given") || srv.Stats().Requests != 0 {
		t.Errorf("Mint without a prefix: %v after %d requests; want doi.ErrNoPrefix before any request", err, srv.Stats().Requests)
	}
	res, err := c.Mint(context.Background(), datacite.MintRequest{Resource: rec, Prefix: prefix})
	if err != nil {
		t.Fatal(err)
	}
	if rec.DOI() != string(res.DOI) || rec.Identifier.Type != "DOI" {
		t.Errorf("the record's identifier after minting %s: %+v", res.DOI, rec.Identifier)
	}
	holds(t, srv, res.DOI, datacite.FromResource(rec))
}

func TestMintRefusesOtherEvents(t *testing.T) {
	t.Parallel()
	srv, c := setup(t, nil)
	for _, ev := range []datacite.Event{datacite.EventHide, datacite.EventShow, "retract"} {
		if _, err := c.Mint(context.Background(), datacite.MintRequest{Record: record("https://x.org"), Prefix: prefix, Event: ev}); err == nil {
			t.Errorf("Mint with event %q succeeded", ev)
		}
	}
	if srv.Stats().Requests != 0 {
		t.Errorf("%d requests sent for refused events", srv.Stats().Requests)
	}
}
