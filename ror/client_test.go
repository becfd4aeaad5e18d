package ror_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/ror"
)

// setup mounts mux under a non-root base path on a loopback server and returns a client for it.
func setup(t *testing.T, mux *http.ServeMux, opts ...ror.Option) *ror.Client {
	t.Helper()
	outer := http.NewServeMux()
	outer.Handle("/api/v2/", http.StripPrefix("/api/v2", mux))
	srv := httptest.NewServer(outer)
	t.Cleanup(srv.Close)
	c, err := ror.NewClient(append([]ror.Option{ror.WithBaseURL(srv.URL + "/api/v2/"), ror.WithRetry(3, time.Millisecond, 0),
		ror.WithRateLimit(1000, 100)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestClientGet(t *testing.T) {
	var calls atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("GET /organizations/{id}", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		if got := r.Header.Get("Client-Id"); got != "my-client" {
			t.Errorf("Client-Id header %q", got)
		}
		if r.PathValue("id") != "01ggx4157" {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"errors":["ROR ID 'x' does not exist"]}`)
			return
		}
		if calls.Load() == 1 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		fmt.Fprint(w, rec1)
	})
	c := setup(t, mux, ror.WithClientID("my-client"))
	ctx := context.Background()
	o, err := c.Get(ctx, "01ggx4157")
	if err != nil || o.DisplayName() != "European Organization for Nuclear Research" {
		t.Fatalf("Get = %v, %v", o, err)
	}
	if calls.Load() != 2 {
		t.Errorf("%d calls, want 2 (a 429, then the record)", calls.Load())
	}
	if _, err := c.Get(ctx, "https://ror.org/01GGX4157"); err != nil || calls.Load() != 2 {
		t.Errorf("second Get: %v, %d calls (want it from the cache)", err, calls.Load())
	}
	if _, err := c.Get(ctx, "01ggx4158"); err == nil || calls.Load() != 2 {
		t.Errorf("an invalid ID must fail before any request: %v", err)
	}
	_, err = c.Get(ctx, "02feahw73")
	var ae *ror.APIError
	if !errors.Is(err, ror.ErrNotFound) || !errors.As(err, &ae) || len(ae.Problems) != 1 || !strings.Contains(ae.Problems[0], "does not exist") {
		t.Errorf("unknown ID: %v", err)
	}
}

func TestClientSearchPages(t *testing.T) {
	mux := http.NewServeMux()
	var pages []string
	mux.HandleFunc("GET /organizations", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		pages = append(pages, q.Get("page"))
		if q.Get("query") != "physics" || q.Get("filter") != "status:active,country.country_code:FR" {
			t.Errorf("query %v", q)
		}
		// 45 results: pages of 20, 20, 5.
		n := 20
		if q.Get("page") == "3" {
			n = 5
		}
		items := make([]string, n)
		for i := range items {
			items[i] = rec1
		}
		fmt.Fprintf(w, `{"number_of_results":45,"items":[%s]}`, strings.Join(items, ","))
	})
	c := setup(t, mux)
	n := 0
	for o, err := range c.Search(context.Background(), "physics", ror.SearchOptions{Filter: []string{"status:active", "country.country_code:FR"}}) {
		if err != nil {
			t.Fatal(err)
		}
		if o.ID != "01ggx4157" {
			t.Fatalf("item %+v", o)
		}
		n++
	}
	if n != 45 || strings.Join(pages, ",") != "1,2,3" {
		t.Errorf("%d organisations from pages %v; want 45 from 1,2,3", n, pages)
	}
	pages = nil
	n = 0
	for range c.Search(context.Background(), "physics", ror.SearchOptions{Filter: []string{"status:active", "country.country_code:FR"}, MaxResults: 25}) {
		n++
	}
	if n != 25 || len(pages) != 2 {
		t.Errorf("MaxResults 25: %d organisations from pages %v", n, pages)
	}
}

func TestClientMatchAffiliation(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /organizations", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("affiliation") != "CERN, Geneva" || !q.Has("single_search") {
			t.Errorf("query %v", q)
		}
		fmt.Fprintf(w, `{"number_of_results":2,"items":[{"substring":"CERN, Geneva","score":0.9,"matching_type":"ACRONYM","chosen":false,"organization":%s},
			{"substring":"CERN, Geneva","score":1.0,"matching_type":"SINGLE SEARCH","chosen":true,"organization":%s}]}`, rec2, rec1)
	})
	c := setup(t, mux)
	m, err := c.MatchAffiliation(context.Background(), "CERN, Geneva", true)
	if err != nil || m.Chosen == nil || m.Chosen.Organization.ID != "01ggx4157" || m.Chosen.MatchingType != "SINGLE SEARCH" || len(m.Candidates) != 2 ||
		len(m.Matches) != 1 || m.Chosen.Start != 0 || m.Chosen.End != len("CERN, Geneva") {
		t.Fatalf("MatchAffiliation = %+v, %v", m, err)
	}
}

// ROR's default strategy may choose several organisations: the client gives them all, the laboratory before its
// parent whatever order ROR lists them in, and satisfies Matcher so that Enrich runs online.
func TestClientMatchContextSeveral(t *testing.T) {
	const lab = `{"id":"https://ror.org/03gc1p724","status":"active","names":[{"value":"IJCLab","types":["alias"]},{"value":"Laboratoire de Physique des 2 Infinis Irène Joliot-Curie","types":["ror_display"]}],
		"relationships":[{"type":"parent","id":"https://ror.org/03xjwb503","label":"Université Paris-Saclay"}]}`
	const univ = `{"id":"https://ror.org/03xjwb503","status":"active","names":[{"value":"Université Paris-Saclay","types":["ror_display"]}],
		"relationships":[{"type":"child","id":"https://ror.org/03gc1p724","label":"IJCLab"}]}`
	const aff = "IJCLab, Université Paris-Saclay, Orsay"
	mux := http.NewServeMux()
	mux.HandleFunc("GET /organizations", func(w http.ResponseWriter, r *http.Request) {
		if q := r.URL.Query(); q.Get("affiliation") != aff || q.Has("single_search") {
			t.Errorf("query %v", q)
		}
		fmt.Fprintf(w, `{"number_of_results":2,"items":[
			{"substring":"Université Paris-Saclay","score":1.0,"matching_type":"PHRASE","chosen":true,"organization":%s},
			{"substring":"IJCLab","score":1.0,"matching_type":"PHRASE","chosen":true,"organization":%s}]}`, univ, lab)
	})
	var m ror.Matcher = setup(t, mux)
	res, err := m.MatchContext(context.Background(), aff)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := res.IDs(), []ror.ID{"03gc1p724", "03xjwb503"}; !slices.Equal(got, want) {
		t.Errorf("matches %v, want %v", got, want)
	}
	if c := res.Matches[1]; aff[c.Start:c.End] != "Université Paris-Saclay" {
		t.Errorf("span %d:%d of %q", c.Start, c.End, c.Substring)
	}
	rec := &fair.Resource{Creators: []fair.Creator{{Name: "Doe, Jane", Affiliations: []fair.Affiliation{{Name: aff}}}}}
	rep, err := ror.Enrich(context.Background(), rec, m)
	if err != nil || len(rep.Splits) != 1 || len(rec.Creators[0].Affiliations) != 2 ||
		rec.Creators[0].Affiliations[0].Identifier != "https://ror.org/03gc1p724" {
		t.Errorf("online Enrich: %+v, %v; affiliations %+v", rep, err, rec.Creators[0].Affiliations)
	}
}

// An online matcher's failure stops Enrich with the error, naming the field.
func TestEnrichMatcherError(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /organizations", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"errors":["boom"]}`, http.StatusBadRequest)
	})
	c := setup(t, mux)
	rec := &fair.Resource{Creators: []fair.Creator{{Name: "Doe, Jane", Affiliations: []fair.Affiliation{{Name: "CERN"}}}}}
	_, err := ror.Enrich(context.Background(), rec, c)
	var apiErr *ror.APIError
	if !errors.As(err, &apiErr) || !strings.Contains(err.Error(), "creators[0].affiliations[0]") {
		t.Errorf("error %v", err)
	}
}

func TestClientErrors(t *testing.T) {
	if _, err := ror.NewClient(ror.WithBaseURL("http://api.ror.org/v2/")); err == nil {
		t.Error("plain http:// to a remote host was accepted")
	}
	if _, err := ror.NewClient(ror.WithRateLimit(-1, 1)); err == nil {
		t.Error("a negative rate was accepted")
	}
	mux := http.NewServeMux()
	var calls atomic.Int32
	mux.HandleFunc("GET /organizations/{id}", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.WriteHeader(http.StatusBadGateway)
	})
	c := setup(t, mux, ror.WithClientID("secret-client-id"))
	_, err := c.Get(context.Background(), "01ggx4157")
	var ae *ror.APIError
	if !errors.As(err, &ae) || ae.StatusCode != 502 || calls.Load() != 3 {
		t.Errorf("502: %v after %d calls; want an *APIError after 3", err, calls.Load())
	}
	if strings.Contains(err.Error(), "secret-client-id") {
		t.Errorf("error shows the client ID: %v", err)
	}
}

func TestClientOptions(t *testing.T) {
	t.Setenv(ror.EnvClientID, "from-the-environment")
	seen := make(chan string, 2)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /organizations/{id}", func(w http.ResponseWriter, r *http.Request) {
		seen <- r.Header.Get("Client-Id")
		fmt.Fprint(w, rec1)
	})
	// The environment is read only through WithEnv.
	for _, tt := range []struct {
		opts []ror.Option
		want string
	}{
		{nil, ""},
		{[]ror.Option{ror.WithEnv(func(k string) string { return map[string]string{ror.EnvClientID: "env-id"}[k] })}, "env-id"},
		{[]ror.Option{ror.WithEnv(func(string) string { return "" }), ror.WithClientID("option-id")}, "option-id"},
	} {
		c := setup(t, mux, append(tt.opts, ror.WithCacheSize(0))...)
		if _, err := c.Get(context.Background(), "01ggx4157"); err != nil {
			t.Fatal(err)
		}
		if got := <-seen; got != tt.want {
			t.Errorf("Client-Id %q, want %q", got, tt.want)
		}
	}
	for i, bad := range []ror.Option{ror.WithBaseURL(""), ror.WithBaseURL("https://u:p@api.ror.org/"), ror.WithHTTPClient(nil),
		ror.WithRetry(0, 0, 0), ror.WithRateLimit(-1, 1), ror.WithRateLimit(5, 0), ror.WithTimeout(0), ror.WithMaxResponseSize(-1),
		ror.WithLogger(nil), ror.WithEnv(nil), ror.WithUserAgent("a\nb"), ror.WithClientID(""), ror.WithClientID("a\r\nb"),
		ror.WithCacheSize(-1), nil} {
		if _, err := ror.NewClient(bad); err == nil {
			t.Errorf("invalid option %d was accepted", i)
		} else if !strings.HasPrefix(err.Error(), "ror: ") && !strings.HasPrefix(err.Error(), "httpx: base URL") {
			t.Errorf("invalid option %d: error %q does not say where it comes from", i, err)
		}
	}
}
