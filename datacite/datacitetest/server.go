// Package datacitetest runs an in-process DataCite REST API on a loopback address, for tests: the fairmeta tests and
// examples use it, and so can pipelines that mint DOIs and want to test that code without the network or an account.
//
// It behaves like api.datacite.org for what a minting client uses:
//
//   - JSON:API documents (application/vnd.api+json) on /dois and /dois/{doi}: POST creates (with a generated suffix
//     when only a prefix is sent), PUT updates (and, like DataCite, creates a DOI that does not exist yet), GET
//     reads, DELETE removes drafts only, GET /dois lists with page[size] and page[number] (refused past the first
//     10,000 records, as DataCite does) or cursor paging (page[cursor]=1, then links.next), with the filters
//     prefix, client-id, state, resource-type-id, created and registered years, and query (date ranges of created,
//     updated and registered, and plain terms);
//   - HTTP basic authentication against the repositories it was given, each with its prefixes: 401 for bad
//     credentials, 403 for a prefix or DOI of another repository;
//   - the states draft, registered and findable with exactly DataCite's events (register and publish from draft,
//     publish or show from registered, hide from findable; like DataCite, an event from another state is ignored
//     and the DOI returned unchanged), validation of the mandatory properties when a DOI
//     leaves draft (422 with DataCite's error document, one problem per missing property), 422 "This DOI has
//     already been taken" for an existing DOI;
//   - a rate limit answering 429 with Retry-After, and injectable faults: 5xx before or after the record is stored,
//     the connection dropped before or after the record is stored, latency, 429.
//
// The store is in memory and can be inspected ([Server.DOIs], [Server.Lookup]) and seeded ([Server.Add]), so a test
// checks what the server really holds, not what the client reported.
//
// It also answers like the DOI resolver for the DOIs it holds: the Handle API (/api/handles/{doi}) and content
// negotiation on /{doi} for DataCite JSON, so resolution code can be tested against the same server.
//
// A Server is safe for concurrent use. Start one with [NewServer] and Close it when done:
//
//	srv := datacitetest.NewServer(datacitetest.WithRepository("TEST.REPO", "secret", "10.5072"))
//	defer srv.Close()
//	client, err := datacite.NewClient(datacite.WithBaseURL(srv.URL), datacite.WithCredentials("TEST.REPO", "secret"))
package datacitetest

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Server is a loopback DataCite REST API. Its exported methods are safe for concurrent use.
type Server struct {
	// URL is the base URL of the API, "http://127.0.0.1:port", to give to a client as its API URL.
	URL string

	hs *httptest.Server

	mu       sync.Mutex
	repos    map[string]repository // by repository ID, upper case
	prefixes map[string]string     // prefix → repository ID
	store    map[string]*record    // by DOI, lower case
	seq      int64                 // creation order
	now      func() time.Time

	// rate limit (generic cell rate algorithm), guarded by mu
	rateInterval time.Duration
	rateTau      time.Duration
	rateTAT      time.Time

	// faults, guarded by mu
	faults Faults
	rng    *rand.Rand
	queue  []queued

	stats counters

	cite Citer // formats text/x-bibliography; nil: 406
}

type repository struct {
	id, password string
	prefixes     []string
	domains      []string // the hosts landing pages may be on; none means any
}

type record struct {
	doi        string
	client     string
	state      string
	attrs      map[string]json.RawMessage
	created    time.Time
	updated    time.Time
	registered time.Time
	seq        int64
}

type queued struct {
	method string
	fault  Fault
}

type counters struct {
	requests, created, updated, deleted, rateLimited atomic.Int64
	faults                                           [numFaults]atomic.Int64
}

// Option configures a Server.
type Option func(*Server)

// WithRepository adds a repository account (its ID, e.g. "TEST.REPO", and password) owning the given DOI prefixes.
// Repository IDs compare without regard to case, as DataCite's do.
func WithRepository(id, password string, prefixes ...string) Option {
	return func(s *Server) {
		key := strings.ToUpper(id)
		s.repos[key] = repository{id: key, password: password, prefixes: prefixes}
		for _, p := range prefixes {
			s.prefixes[strings.ToLower(p)] = key
		}
	}
}

// WithDomains restricts the landing pages of a repository's DOIs to the given hosts, as DataCite's repository
// "domains" setting does: an exact host ("data.example.org") or every subdomain of one ("*.example.org"). A create
// or update whose url is on another host is refused with 422 "URL is not allowed by repository domain settings.".
// The repository must have been added with WithRepository before.
func WithDomains(id string, domains ...string) Option {
	return func(s *Server) {
		key := strings.ToUpper(id)
		if r, ok := s.repos[key]; ok {
			r.domains = domains
			s.repos[key] = r
		}
	}
}

// WithRateLimit limits the server to perSecond requests per second on average, with bursts of burst requests;
// requests over the limit get 429 Too Many Requests with a Retry-After in whole seconds, as DataCite answers.
// 0 (the default) means no limit.
func WithRateLimit(perSecond float64, burst int) Option {
	return func(s *Server) {
		if perSecond <= 0 {
			s.rateInterval = 0
			return
		}
		s.rateInterval = time.Duration(float64(time.Second) / perSecond)
		s.rateTau = time.Duration(max(burst, 1)-1) * s.rateInterval
	}
}

// WithFaults makes the server inject faults at random from the start; see [Server.SetFaults].
func WithFaults(f Faults) Option { return func(s *Server) { s.setFaults(f) } }

// Default credentials of a Server started without WithRepository.
const (
	DefaultRepository = "TEST.REPO"
	DefaultPassword   = "test-password"
	DefaultPrefix     = "10.5072"
)

// NewServer starts a server on a loopback address. Without WithRepository it has one repository,
// DefaultRepository with DefaultPassword, owning DefaultPrefix (10.5072, the prefix reserved for tests). A nil
// option is ignored.
func NewServer(opts ...Option) *Server {
	s := &Server{
		repos:    map[string]repository{},
		prefixes: map[string]string{},
		store:    map[string]*record{},
		now:      func() time.Time { return time.Now().UTC() },
	}
	s.setFaults(Faults{})
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	if len(s.repos) == 0 {
		WithRepository(DefaultRepository, DefaultPassword, DefaultPrefix)(s)
	}
	s.hs = httptest.NewServer(http.HandlerFunc(s.serve))
	s.URL = s.hs.URL
	return s
}

// Close shuts the server down, dropping open connections.
func (s *Server) Close() {
	s.hs.CloseClientConnections()
	s.hs.Close()
}

// String describes the server without its repositories' passwords, e.g. "datacitetest.Server(http://127.0.0.1:41234)".
func (s *Server) String() string { return "datacitetest.Server(" + s.URL + ")" }

// GoString is String, so that %#v shows no password either.
func (s *Server) GoString() string { return s.String() }

// Client returns an *http.Client that talks to the server (the httptest client).
func (s *Server) Client() *http.Client { return s.hs.Client() }

// StoredDOI is a DOI as the server holds it.
type StoredDOI struct {
	DOI        string          // lower case, e.g. "10.5072/abcd-ef12"
	Client     string          // the owning repository ID
	State      string          // draft, registered or findable
	URL        string          // the url attribute, "" for a draft without one
	Attributes json.RawMessage // all attributes as the API returns them
	Created    time.Time
	Updated    time.Time
}

// DOIs returns a snapshot of every DOI the server holds, in creation order.
func (s *Server) DOIs() []StoredDOI {
	s.mu.Lock()
	defer s.mu.Unlock()
	recs := make([]*record, 0, len(s.store))
	for _, r := range s.store {
		recs = append(recs, r)
	}
	sort.Slice(recs, func(i, j int) bool { return recs[i].seq < recs[j].seq })
	out := make([]StoredDOI, len(recs))
	for i, r := range recs {
		out[i] = r.stored()
	}
	return out
}

// Lookup returns the stored DOI d (in any case) and whether the server holds it.
func (s *Server) Lookup(d string) (StoredDOI, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.store[strings.ToLower(d)]
	if !ok {
		return StoredDOI{}, false
	}
	return r.stored(), true
}

// Add puts a DOI into the store as if it had been created earlier, e.g. to make a suffix "already taken" or to seed
// a listing. d.DOI and d.Client are required; State defaults to draft; Attributes may be nil; Created defaults to
// now and Updated to Created. It returns an error if the DOI exists.
func (s *Server) Add(d StoredDOI) error {
	attrs := map[string]json.RawMessage{}
	if len(d.Attributes) > 0 {
		if err := json.Unmarshal(d.Attributes, &attrs); err != nil {
			return fmt.Errorf("datacitetest: Add %s: attributes: %w", d.DOI, err)
		}
	}
	if d.URL != "" {
		attrs["url"] = mustJSON(d.URL)
	}
	key := strings.ToLower(d.DOI)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.store[key]; dup {
		return fmt.Errorf("datacitetest: Add: %s exists", d.DOI)
	}
	state := d.State
	if state == "" {
		state = stateDraft
	}
	created, updated := d.Created.UTC(), d.Updated.UTC()
	if d.Created.IsZero() {
		created = s.now()
	}
	if d.Updated.IsZero() {
		updated = created
	}
	s.seq++
	s.store[key] = &record{doi: key, client: strings.ToUpper(d.Client), state: state, attrs: attrs, created: created, updated: updated, seq: s.seq}
	return nil
}

// Stats counts what the server did since it started.
type Stats struct {
	Requests    int64           // every request received
	Created     int64           // DOIs created (POST, or PUT of a new DOI)
	Updated     int64           // DOIs updated
	Deleted     int64           // drafts deleted
	RateLimited int64           // 429 answers of the rate limit (injected 429s count as faults)
	Faults      map[Fault]int64 // injected faults by kind
}

// Stats returns the counters.
func (s *Server) Stats() Stats {
	st := Stats{
		Requests: s.stats.requests.Load(), Created: s.stats.created.Load(), Updated: s.stats.updated.Load(),
		Deleted: s.stats.deleted.Load(), RateLimited: s.stats.rateLimited.Load(), Faults: map[Fault]int64{},
	}
	for f := FaultServerError; f < numFaults; f++ {
		if n := s.stats.faults[f].Load(); n > 0 {
			st.Faults[f] = n
		}
	}
	return st
}

// FaultCount returns the total of injected faults.
func (st Stats) FaultCount() int64 {
	var n int64
	for _, v := range st.Faults {
		n += v
	}
	return n
}

func (r *record) stored() StoredDOI {
	var url string
	if raw, ok := r.attrs["url"]; ok {
		_ = json.Unmarshal(raw, &url)
	}
	return StoredDOI{DOI: r.doi, Client: r.client, State: r.state, URL: url, Attributes: mustJSON(r.view()),
		Created: r.created, Updated: r.updated}
}

// view is the attributes object of the record as the API returns it.
func (r *record) view() map[string]json.RawMessage {
	out := make(map[string]json.RawMessage, len(r.attrs)+10)
	for k, v := range r.attrs {
		out[k] = v
	}
	prefix, suffix, _ := strings.Cut(r.doi, "/")
	out["doi"] = mustJSON(r.doi)
	out["prefix"] = mustJSON(prefix)
	out["suffix"] = mustJSON(suffix)
	out["identifiers"] = json.RawMessage("[]")
	out["state"] = mustJSON(r.state)
	out["isActive"] = mustJSON(r.state == stateFindable)
	out["created"] = mustJSON(r.created.Format(time.RFC3339))
	out["updated"] = mustJSON(r.updated.Format(time.RFC3339))
	if !r.registered.IsZero() {
		out["registered"] = mustJSON(r.registered.Format(time.RFC3339))
	} else {
		out["registered"] = json.RawMessage("null")
	}
	out["schemaVersion"] = mustJSON("http://datacite.org/schema/kernel-4")
	if _, ok := out["url"]; !ok {
		out["url"] = json.RawMessage("null")
	}
	return out
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only called with values that always marshal
	}
	return b
}

// allow applies the rate limit and returns 0 or the wait before the next allowed request.
func (s *Server) allow() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rateInterval == 0 {
		return 0
	}
	now := time.Now()
	tat := s.rateTAT
	if tat.Before(now) {
		tat = now
	}
	if start := tat.Add(-s.rateTau); start.After(now) {
		return start.Sub(now)
	}
	s.rateTAT = tat.Add(s.rateInterval)
	return 0
}

func retryAfterSeconds(d time.Duration) string {
	return fmt.Sprint(max(1, int(math.Ceil(d.Seconds()))))
}
