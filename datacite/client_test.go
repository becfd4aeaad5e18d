package datacite_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/datacite/datacitetest"
	"github.com/dop2i/fairmeta/fair"
)

const (
	repo     = "IN2P3.TEST"
	password = "pw-Zq81-secret"
	prefix   = "10.5072"
)

// setup starts a test server and a client for it with fast retries.
func setup(t *testing.T, srvOpts []datacitetest.Option, opts ...datacite.Option) (*datacitetest.Server, *datacite.Client) {
	t.Helper()
	srv := datacitetest.NewServer(append([]datacitetest.Option{datacitetest.WithRepository(repo, password, prefix),
		datacitetest.WithRepository("OTHER.REPO", "other-pw", "10.80001")}, srvOpts...)...)
	t.Cleanup(srv.Close)
	c, err := datacite.NewClient(append([]datacite.Option{datacite.WithBaseURL(srv.URL), datacite.WithCredentials(repo, password),
		datacite.WithRetry(6, time.Millisecond, 20*time.Millisecond), datacite.WithRateLimit(0, 0), datacite.WithTimeout(5 * time.Second)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// record returns a complete record with the given landing page.
func record(url string) *datacite.Record {
	return &datacite.Record{
		URL:             url,
		Creators:        []datacite.Creator{{Name: "Lefèvre, Camille", NameType: fair.NamePersonal}},
		Titles:          []datacite.Title{{Title: "Calibrated air-shower events " + url}},
		Publisher:       datacite.Publisher{Name: "CC-IN2P3"},
		PublicationYear: 2026,
		Types:           datacite.Types{ResourceTypeGeneral: fair.ResourceTypeDataset, ResourceType: "Event list"},
	}
}

func TestLifecycle(t *testing.T) {
	t.Parallel()
	srv, c := setup(t, nil)
	ctx := context.Background()
	rec := record("https://data.example.org/1")
	rec.DOI = "10.5072/LIFE-0001"
	got, _, err := c.DOIs.Create(ctx, rec)
	if err != nil {
		t.Fatal(err)
	}
	if got.DOI != "10.5072/life-0001" || got.State != datacite.StateDraft || got.Titles[0].Title != rec.Titles[0].Title {
		t.Fatalf("Create = %s %s %v", got.DOI, got.State, got.Titles)
	}
	steps := []struct {
		name string
		call func() (*datacite.Record, *datacite.Response, error)
		want datacite.State
	}{
		{"register", func() (*datacite.Record, *datacite.Response, error) { return c.DOIs.Register(ctx, "10.5072/life-0001") }, datacite.StateRegistered},
		{"publish", func() (*datacite.Record, *datacite.Response, error) { return c.DOIs.Publish(ctx, "10.5072/life-0001") }, datacite.StateFindable},
		{"hide", func() (*datacite.Record, *datacite.Response, error) { return c.DOIs.Hide(ctx, "doi:10.5072/LIFE-0001") }, datacite.StateRegistered},
		{"show", func() (*datacite.Record, *datacite.Response, error) { return c.DOIs.Show(ctx, "10.5072/life-0001") }, datacite.StateFindable},
		{"update", func() (*datacite.Record, *datacite.Response, error) {
			return c.DOIs.Update(ctx, &datacite.Record{DOI: "10.5072/life-0001", URL: "https://data.example.org/1b"})
		}, datacite.StateFindable},
		{"get", func() (*datacite.Record, *datacite.Response, error) {
			return c.DOIs.Get(ctx, "https://doi.org/10.5072/life-0001")
		}, datacite.StateFindable},
	}
	for _, st := range steps {
		got, _, err := st.call()
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got.State != st.want {
			t.Errorf("%s: state %s, want %s", st.name, got.State, st.want)
		}
		if s, _ := srv.Lookup("10.5072/life-0001"); s.State != string(st.want) {
			t.Errorf("%s: server holds state %s, want %s", st.name, s.State, st.want)
		}
	}
	if s, _ := srv.Lookup("10.5072/life-0001"); s.URL != "https://data.example.org/1b" {
		t.Errorf("update did not change the URL: %q", s.URL)
	}
	if _, err := c.DOIs.Delete(ctx, "10.5072/life-0001"); !errors.Is(err, datacite.ErrNotAllowed) {
		t.Errorf("delete of a findable DOI: %v, want ErrNotAllowed", err)
	}
	draft := record("https://data.example.org/2")
	draft.DOI = "10.5072/life-0002"
	if _, _, err := c.DOIs.Create(ctx, draft); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DOIs.Delete(ctx, "10.5072/life-0002"); err != nil {
		t.Errorf("delete of a draft: %v", err)
	}
	if _, ok := srv.Lookup("10.5072/life-0002"); ok {
		t.Errorf("deleted draft still stored")
	}
	// Create with an event, and with a server-generated suffix.
	pub := record("https://data.example.org/3")
	pub.Prefix, pub.Event = prefix, datacite.EventPublish
	got, _, err = c.DOIs.Create(ctx, pub)
	if err != nil || got.State != datacite.StateFindable || !strings.HasPrefix(got.DOI, "10.5072/") {
		t.Errorf("create findable with a generated suffix: %+v, %v", got, err)
	}
}

func TestErrorClasses(t *testing.T) {
	t.Parallel()
	srv, c := setup(t, nil)
	ctx := context.Background()
	taken := record("https://data.example.org/taken")
	taken.DOI = "10.5072/taken"
	if _, _, err := c.DOIs.Create(ctx, taken); err != nil {
		t.Fatal(err)
	}
	before, _ := srv.Lookup("10.5072/taken")
	bad, err := datacite.NewClient(datacite.WithBaseURL(srv.URL), datacite.WithCredentials(repo, "wrong"), datacite.WithRetry(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	other := record("https://other.example.org/x")
	other.DOI = "10.5072/taken"
	foreign := record("https://data.example.org/f")
	foreign.DOI = "10.80001/abc"
	incomplete := &datacite.Record{DOI: "10.5072/inc", Event: datacite.EventRegister, Titles: []datacite.Title{{Title: "only a title"}}}

	tests := []struct {
		name    string
		call    func() error
		is      error
		status  int
		sources []string
	}{
		{"bad credentials", func() error {
			r := record("https://x.org")
			r.Prefix = prefix
			_, _, err := bad.DOIs.Create(ctx, r)
			return err
		}, datacite.ErrUnauthorized, 401, nil},
		{"forbidden prefix", func() error { _, _, err := c.DOIs.Create(ctx, foreign); return err }, datacite.ErrForbidden, 403, nil},
		{"not found", func() error { _, _, err := c.DOIs.Get(ctx, "10.5072/nope"); return err }, datacite.ErrNotFound, 404, nil},
		{"update of a missing DOI", func() error {
			_, _, err := c.DOIs.Update(ctx, &datacite.Record{DOI: "10.5072/missing", URL: "https://x.org"})
			return err
		}, datacite.ErrNotFound, 404, nil},
		{"already taken", func() error { _, _, err := c.DOIs.Create(ctx, other); return err }, datacite.ErrAlreadyTaken, 422, []string{"doi"}},
		{"invalid metadata", func() error { _, _, err := c.DOIs.Create(ctx, incomplete); return err }, datacite.ErrInvalidMetadata, 422,
			[]string{"url", "creators", "publisher", "publicationYear", "types.resourceTypeGeneral"}},

		{"delete not allowed", func() error {
			if _, _, err := c.DOIs.Publish(ctx, "10.5072/taken"); err != nil {
				return err
			}
			_, err := c.DOIs.Delete(ctx, "10.5072/taken")
			return err
		}, datacite.ErrNotAllowed, 405, nil},
	}
	for _, tt := range tests {
		err := tt.call()
		var ae *datacite.APIError
		if !errors.Is(err, tt.is) || !errors.As(err, &ae) || ae.StatusCode != tt.status {
			t.Errorf("%s: %v, want %v with status %d", tt.name, err, tt.is, tt.status)
			continue
		}
		var sources []string
		for _, p := range ae.Problems {
			sources = append(sources, p.Source)
		}
		if tt.sources != nil && strings.Join(sources, " ") != strings.Join(tt.sources, " ") {
			t.Errorf("%s: problem sources %q, want %q", tt.name, sources, tt.sources)
		}
	}
	// DataCite ignores an event the state does not allow and answers 200: the client tells.
	_, _, err = c.DOIs.Register(ctx, "10.5072/taken") // findable since the publish above
	var se *datacite.StateError
	if !errors.Is(err, datacite.ErrNotAllowed) || !errors.As(err, &se) || se.State != datacite.StateFindable || se.Event != datacite.EventRegister {
		t.Errorf("register of a findable DOI: %v, want a *StateError matching ErrNotAllowed", err)
	}
	after, _ := srv.Lookup("10.5072/taken")
	if after.URL != before.URL || string(after.Attributes) == "" {
		t.Errorf("a create over an existing DOI changed it: URL %q → %q", before.URL, after.URL)
	}
	if srv.Stats().Created != 1 {
		t.Errorf("server created %d DOIs, want 1", srv.Stats().Created)
	}
}

func TestRateLimitedAndServerErrors(t *testing.T) {
	t.Parallel()
	srv, c := setup(t, nil, datacite.WithRetry(1, 0, 0))
	ctx := context.Background()
	srv.InjectNext("GET", datacitetest.FaultTooManyRequests, datacitetest.FaultServerError)
	_, _, err := c.DOIs.Get(ctx, "10.5072/x")
	var ae *datacite.APIError
	if !errors.Is(err, datacite.ErrRateLimited) || !errors.As(err, &ae) || ae.RetryAfter != time.Second {
		t.Errorf("429: %v, want ErrRateLimited with RetryAfter 1s", err)
	}
	if _, _, err := c.DOIs.Get(ctx, "10.5072/x"); !errors.Is(err, datacite.ErrServer) {
		t.Errorf("500: %v, want ErrServer", err)
	}
	// (net/http itself repeats a GET whose reused connection drops, so the dropped POST shows the error.)
	srv.InjectNext("POST", datacitetest.FaultDropBefore)
	r := record("https://x.org")
	r.DOI = "10.5072/drop"
	_, _, err = c.DOIs.Create(ctx, r)
	var te *datacite.TransportError
	if !errors.As(err, &te) || !te.Sent || !strings.Contains(err.Error(), "after the request was sent") {
		t.Errorf("dropped connection: %v, want a *TransportError sent", err)
	}
}

func TestRetries(t *testing.T) {
	t.Parallel()
	srv, c := setup(t, nil)
	ctx := context.Background()
	rec := record("https://data.example.org/r")
	rec.DOI, rec.Event = "10.5072/retry", datacite.EventPublish
	if _, _, err := c.DOIs.Create(ctx, rec); err != nil {
		t.Fatal(err)
	}
	srv.InjectNext("GET", datacitetest.FaultServerError, datacitetest.FaultDropBefore, datacitetest.FaultTooManyRequests, datacitetest.FaultServerErrorAfter)
	start := time.Now()
	before := srv.Stats().Requests
	got, resp, err := c.DOIs.Get(ctx, "10.5072/retry")
	if err != nil {
		t.Fatal(err)
	}
	// net/http may repeat the dropped GET itself, so the client counts 4 or 5 attempts; the server sees 5 requests.
	if n := srv.Stats().Requests - before; n != 5 || resp.Attempts < 4 || got.State != datacite.StateFindable {
		t.Errorf("Get through 4 faults: %d requests, %d attempts, state %s", n, resp.Attempts, got.State)
	}
	if time.Since(start) < time.Second {
		t.Errorf("Retry-After: 1 was not honoured: done in %v", time.Since(start))
	}
	// An event whose first answer is lost is applied once; the retry's refusal is checked against the state.
	srv.InjectNext("PUT", datacitetest.FaultDropAfter)
	got, _, err = c.DOIs.Hide(ctx, "10.5072/retry")
	if err != nil || got.State != datacite.StateRegistered {
		t.Errorf("Hide through a lost answer: %v, %v", got, err)
	}
	// Create retries only what the server certainly did not apply.
	srv.InjectNext("POST", datacitetest.FaultTooManyRequests)
	rec2 := record("https://data.example.org/r2")
	rec2.DOI = "10.5072/retry-2"
	if _, resp, err := c.DOIs.Create(ctx, rec2); err != nil || resp.Attempts != 2 {
		t.Errorf("Create after a 429: %v (attempts %v)", err, resp)
	}
	srv.InjectNext("POST", datacitetest.FaultServerErrorAfter)
	rec3 := record("https://data.example.org/r3")
	rec3.DOI = "10.5072/retry-3"
	if _, _, err := c.DOIs.Create(ctx, rec3); !errors.Is(err, datacite.ErrServer) {
		t.Errorf("Create after an ambiguous 504: %v, want ErrServer returned, not retried", err)
	}
}

func TestContextBoundsRetries(t *testing.T) {
	t.Parallel()
	srv, c := setup(t, []datacitetest.Option{datacitetest.WithFaults(datacitetest.Faults{Rate: 1, Kinds: []datacitetest.Fault{datacitetest.FaultServerError}})},
		datacite.WithRetry(100, 50*time.Millisecond, time.Second))
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, _, err := c.DOIs.Get(ctx, "10.5072/x")
	if !(errors.Is(err, datacite.ErrServer) || errors.Is(err, context.DeadlineExceeded)) || time.Since(start) > time.Second {
		t.Errorf("after %v: %v; want ErrServer or the deadline within the context's 300ms", time.Since(start), err)
	}
	if n := srv.Stats().Requests; n >= 100 || n < 2 {
		t.Errorf("%d requests: want a few retries, bounded by the context", n)
	}
}

func TestCredentialsNeverLeak(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv, c := setup(t, nil, datacite.WithLogger(logger), datacite.WithRetry(3, time.Millisecond, time.Millisecond))
	ctx := context.Background()
	var errs []error
	srv.InjectNext("", datacitetest.FaultServerError, datacitetest.FaultDropBefore, datacitetest.FaultDropAfter)
	_, _, err := c.DOIs.Get(ctx, "10.5072/x")
	errs = append(errs, err)
	bad, _ := datacite.NewClient(datacite.WithBaseURL(srv.URL), datacite.WithCredentials(repo, password+"x"), datacite.WithLogger(logger))
	_, _, err = bad.DOIs.Create(ctx, record("https://x.org"))
	errs = append(errs, err)
	_, err = c.Mint(ctx, datacite.MintRequest{Record: &datacite.Record{Titles: []datacite.Title{{Title: "x"}}}, Prefix: "10.80001"})
	errs = append(errs, err)
	srv.Close()
	_, _, err = c.DOIs.Get(ctx, "10.5072/x") // connection refused
	errs = append(errs, err)
	_, err = datacite.NewClient(datacite.WithBaseURL("http://example.org"), datacite.WithCredentials(repo, password))
	errs = append(errs, err)
	_, err = datacite.NewClient(datacite.WithCredentials(repo, password), datacite.WithTimeout(-1))
	errs = append(errs, err)
	texts := []string{c.String(), bad.String(), logs.String()}
	for _, e := range errs {
		if e == nil {
			t.Fatalf("expected an error in every case: %v", errs)
		}
		texts = append(texts, e.Error())
	}
	for _, s := range texts {
		if strings.Contains(s, "pw-Zq81") {
			t.Errorf("a credential leaked: %s", s)
		}
	}
	if !strings.Contains(c.String(), repo) || !strings.Contains(c.String(), "password set") {
		t.Errorf("String() = %q, want the repository and that a password is set", c.String())
	}
	if !strings.Contains(logs.String(), "retrying") {
		t.Errorf("the logger saw no retry: %q", logs.String())
	}
}

func TestOptions(t *testing.T) {
	t.Parallel()
	c, err := datacite.NewClient()
	if err != nil || c.BaseURL() != datacite.TestURL+"/" {
		t.Errorf("default base URL %q, %v; want the test system", c.BaseURL(), err)
	}
	env := map[string]string{"DATACITE_API_URL": "https://api.datacite.org", "DATACITE_USERNAME": "CERN.ZENODO", "DATACITE_PASSWORD": "pw"}
	c, err = datacite.NewClient(datacite.WithEnv(func(k string) string { return env[k] }))
	if err != nil || c.BaseURL() != datacite.ProductionURL+"/" || !strings.Contains(c.String(), "as CERN.ZENODO") {
		t.Errorf("from the environment: %v, %v", c, err)
	}
	c, err = datacite.NewClient(datacite.WithEnv(func(string) string { return "" }))
	if err != nil || c.BaseURL() != datacite.TestURL+"/" {
		t.Errorf("empty environment: %v, %v", c, err)
	}
	for i, bad := range []datacite.Option{datacite.WithBaseURL("http://api.datacite.org"), datacite.WithBaseURL("https://u:p@api.datacite.org"),
		datacite.WithBaseURL(""), datacite.WithHTTPClient(nil), datacite.WithRetry(0, 0, 0), datacite.WithRetry(2, -1, 0),
		datacite.WithRateLimit(-1, 1), datacite.WithRateLimit(5, 0), datacite.WithMaxResponseSize(0), datacite.WithTimeout(0),
		datacite.WithLogger(nil), datacite.WithEnv(nil), datacite.WithUserAgent("a\nb"), datacite.WithCredentials("", "pw"), nil} {
		if _, err := datacite.NewClient(datacite.WithRetry(2, 0, 0), bad); err == nil {
			t.Errorf("invalid option %d was accepted", i)
		} else if !strings.HasPrefix(err.Error(), "datacite: ") && !strings.HasPrefix(err.Error(), "httpx: base URL") {
			t.Errorf("invalid option %d: error %q does not say where it comes from", i, err)
		}
	}
	if _, err := datacite.NewClient(datacite.WithBaseURL("http://127.0.0.1:1")); err != nil {
		t.Errorf("http:// on loopback refused: %v", err)
	}
}

func TestList(t *testing.T) {
	t.Parallel()
	_, c := setup(t, nil)
	ctx := context.Background()
	for i := range 12 {
		rec := record("https://data.example.org/list/" + string(rune('a'+i)))
		rec.Prefix = prefix
		if i%3 == 0 {
			rec.Event = datacite.EventPublish
		}
		if _, _, err := c.DOIs.Create(ctx, rec); err != nil {
			t.Fatal(err)
		}
	}
	count := func(opt datacite.ListOptions) int {
		n := 0
		for rec, err := range c.DOIs.List(ctx, opt) {
			if err != nil {
				t.Fatalf("List(%+v): %v", opt, err)
			}
			if !strings.HasPrefix(rec.DOI, "10.5072/") {
				t.Errorf("listed %q", rec.DOI)
			}
			n++
		}
		return n
	}
	if n := count(datacite.ListOptions{Prefix: prefix, PageSize: 5}); n != 12 {
		t.Errorf("listed %d DOIs over pages of 5, want 12", n)
	}
	if n := count(datacite.ListOptions{ClientID: repo, State: datacite.StateFindable, PageSize: 2}); n != 4 {
		t.Errorf("listed %d findable DOIs, want 4", n)
	}
	n := 0
	for range c.DOIs.List(ctx, datacite.ListOptions{PageSize: 1}) {
		if n++; n == 3 {
			break
		}
	}
}

func TestListRefusesForeignNextLink(t *testing.T) {
	t.Parallel()
	var leaked bool
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			leaked = true
		}
	}))
	defer evil.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.api+json")
		w.Write([]byte(`{"data":[{"id":"10.5072/a","type":"dois","attributes":{"doi":"10.5072/a"}}],"links":{"next":"` + evil.URL + `/dois?page[number]=2"}}`))
	}))
	defer api.Close()
	c, err := datacite.NewClient(datacite.WithBaseURL(api.URL), datacite.WithCredentials(repo, password))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	var lastErr error
	for rec, err := range c.DOIs.List(context.Background(), datacite.ListOptions{}) {
		if err != nil {
			lastErr = err
			break
		}
		got = append(got, rec.DOI)
	}
	if len(got) != 1 || lastErr == nil || !strings.Contains(lastErr.Error(), "outside the API") || leaked {
		t.Errorf("got %v, error %v, credentials sent to the other host: %v", got, lastErr, leaked)
	}
}

func TestResponseSizeCap(t *testing.T) {
	t.Parallel()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(bytes.Repeat([]byte("x"), 5000))
	}))
	defer api.Close()
	c, _ := datacite.NewClient(datacite.WithBaseURL(api.URL), datacite.WithMaxResponseSize(1000))
	if _, _, err := c.DOIs.Get(context.Background(), "10.5072/x"); err == nil || !strings.Contains(err.Error(), "larger than 1000 bytes") {
		t.Errorf("a 5000-byte answer with a 1000-byte cap: %v", err)
	}
}
