package ror

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dop2i/fairmeta/internal/httpx"
)

// DefaultBaseURL is the ROR API v2 endpoint.
const DefaultBaseURL = "https://api.ror.org/v2/"

// EnvClientID is the environment variable WithEnv reads the ROR client ID from.
const EnvClientID = "ROR_CLIENT_ID"

// ROR's published rate limits: 2,000 requests per 5 minutes with a client ID, 50 without. The client's token bucket
// keeps any 5-minute window under them: burst + rate × 300 s ≤ limit.
const (
	limitWindow       = 300.0 // seconds
	limitWithID       = 2000
	limitWithoutID    = 50
	burstWithID       = 20
	burstWithoutID    = 5
	defaultCacheSize  = 4096
	defaultTimeout    = 30 * time.Second
	maxSearchPages    = 500 // ROR serves at most 10,000 results (500 pages of 20)
	searchPageSize    = 20
	defaultUserAgent  = "fairmeta-ror (+https://github.com/dop2i/fairmeta)"
	maxAffiliationLen = 4096
)

// Client talks to the ROR API v2: it gets organisations by ID, searches, and matches affiliation strings. It sends a
// Client-Id header when one is configured (WithClientID, or ROR_CLIENT_ID through WithEnv), keeps under ROR's rate
// limits with a token bucket, retries 429 and 5xx responses with backoff (honouring Retry-After), caps response
// sizes and caches the organisations it has fetched. A Client is safe for concurrent use; create one and reuse it.
type Client struct {
	core  *httpx.Core
	hasID bool // for String; the client ID is only in the core

	mu        sync.Mutex
	cache     map[ID]*Organization
	order     []ID // insertion order, for eviction
	cacheSize int
}

// settings is what options change before a Client is built.
type settings struct {
	httpx.Config
	clientID  string
	rateSet   bool
	cacheSize int
}

// Option configures a Client. Options are made only by the With functions of this package and apply in order; an
// invalid option makes NewClient fail.
type Option interface{ apply(*settings) error }

type option func(*settings) error

func (o option) apply(s *settings) error { return o(s) }

// WithBaseURL sets the API base URL (default DefaultBaseURL). Plain http:// is accepted only for loopback hosts.
func WithBaseURL(u string) Option {
	return option(func(s *settings) error { return s.SetBaseURL(u) })
}

// WithClientID sets the ROR client ID sent in the Client-Id header, raising the rate limit to ROR's 2,000 requests
// per 5 minutes. It is sent only to the API's origin and never appears in errors.
func WithClientID(id string) Option {
	return option(func(s *settings) error {
		id = strings.TrimSpace(id)
		if id == "" || strings.ContainsAny(id, "\r\n") {
			return errors.New("ror: WithClientID: want a non-empty client ID on one line")
		}
		s.clientID = id
		return nil
	})
}

// WithEnv reads the client ID from ROR_CLIENT_ID through getenv (normally os.Getenv); an unset or empty variable
// leaves the setting as it is. The client reads no environment variable without it.
func WithEnv(getenv func(string) string) Option {
	return option(func(s *settings) error {
		if err := s.CheckGetenv(getenv); err != nil {
			return err
		}
		if v := strings.TrimSpace(getenv(EnvClientID)); v != "" {
			return WithClientID(v).apply(s)
		}
		return nil
	})
}

// WithHTTPClient sets the *http.Client used (default: a go-cleanhttp pooled client of the client's own). The client
// uses a copy of it with its redirect policy added; the caller's value is not changed.
func WithHTTPClient(hc *http.Client) Option {
	return option(func(s *settings) error { return s.SetHTTPClient(hc) })
}

// WithRateLimit replaces ROR's published limit with perSecond requests per second (bursts of burst), e.g. for a
// private mirror; 0 turns the limit off.
func WithRateLimit(perSecond float64, burst int) Option {
	return option(func(s *settings) error {
		s.rateSet = true
		return s.SetRateLimit(perSecond, burst)
	})
}

// WithRetry sets how often a failing request (network error, 429, 5xx) is tried (attempts, including the first;
// default 5) and the backoff between tries (base doubling up to maxWait, with jitter; 0 for the defaults, 250 ms
// and 30 s). A Retry-After up to 2 minutes is honoured.
func WithRetry(attempts int, base, maxWait time.Duration) Option {
	return option(func(s *settings) error { return s.SetRetry(attempts, base, maxWait) })
}

// WithTimeout sets the time limit of one HTTP attempt (default 30 s); the whole call, retries included, is bounded
// by its context.
func WithTimeout(d time.Duration) Option {
	return option(func(s *settings) error { return s.SetTimeout(d) })
}

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option {
	return option(func(s *settings) error { return s.SetUserAgent(ua) })
}

// WithMaxResponseSize caps the size of a response body (default 10 MiB); a larger one is an error.
func WithMaxResponseSize(n int64) Option {
	return option(func(s *settings) error { return s.SetMaxResponseSize(n) })
}

// WithLogger makes the client log its retries at debug level. The client ID never appears in them.
func WithLogger(l *slog.Logger) Option {
	return option(func(s *settings) error { return s.SetLogger(l) })
}

// WithCacheSize sets how many organisations the client keeps in memory (default 4096); 0 disables the cache.
func WithCacheSize(n int) Option {
	return option(func(s *settings) error {
		if n < 0 {
			return fmt.Errorf("ror: WithCacheSize(%d): want a size >= 0", n)
		}
		s.cacheSize = n
		return nil
	})
}

// NewClient returns a client configured by opts; it fails when an option is nil or invalid.
func NewClient(opts ...Option) (*Client, error) {
	s := settings{Config: httpx.Config{Package: "ror", BaseURL: DefaultBaseURL, UserAgent: defaultUserAgent,
		Timeout: defaultTimeout, MaxBody: httpx.DefaultMaxBody}, cacheSize: defaultCacheSize}
	for i, o := range opts {
		if o == nil {
			return nil, s.NilOption(i)
		}
		if err := o.apply(&s); err != nil {
			return nil, httpx.Scrub(err, s.clientID)
		}
	}
	if !s.rateSet {
		limit, burst := limitWithoutID, burstWithoutID
		if s.clientID != "" {
			limit, burst = limitWithID, burstWithID
		}
		s.Rate, s.Burst = float64(limit-burst)/limitWindow, burst
	}
	if s.clientID != "" {
		s.Credentials.Header = http.Header{"Client-Id": {s.clientID}}
	}
	core, err := s.Build()
	if err != nil {
		return nil, httpx.Scrub(err, s.clientID)
	}
	return &Client{core: core, hasID: s.clientID != "", cacheSize: s.cacheSize, cache: map[ID]*Organization{}}, nil
}

// String describes the client without its client ID, e.g. "ror.Client(https://api.ror.org/v2/, client ID set,
// 6.6 req/s, burst 20)".
func (c *Client) String() string {
	id := "no client ID"
	if c.hasID {
		id = "client ID set"
	}
	return fmt.Sprintf("ror.Client(%s, %s, %s)", c.core.Base().Redacted(), id, c.core.Limiter())
}

// GoString is String, so that %#v shows no client ID either.
func (c *Client) GoString() string { return c.String() }

// RedirectError is a redirect the client refused to follow: with a client ID to another scheme, host or port (the
// ID is never sent there), or from https:// to http://.
type RedirectError = httpx.RedirectError

// APIError is an error answer of the ROR API: the HTTP status and the messages ROR gave. Use errors.Is with
// ErrNotFound, ErrRateLimited and ErrServer, errors.As for the details. The messages are bounded and safe to print:
// at most 100 are kept (Omitted counts the rest), each cut to 500 bytes with control characters escaped and the
// client ID redacted.
type APIError struct {
	StatusCode int           // the HTTP status
	Method     string        // the request method
	URL        string        // the request URL, secrets redacted
	Problems   []string      // ROR's error messages, in its order; empty when the body had none
	Omitted    int           // messages beyond those kept in Problems
	RetryAfter time.Duration // the wait ROR asked for with Retry-After; 0 when it gave none
}

// Error describes the answer: method, URL, status and ROR's messages.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "ror: %s %s: %d %s", e.Method, e.URL, e.StatusCode, http.StatusText(e.StatusCode))
	if all := joinProblems(e.Problems, e.Omitted); all != "" {
		b.WriteString(": ")
		b.WriteString(all)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %v)", e.RetryAfter)
	}
	return b.String()
}

// joinProblems is the problems part of an error message: the first few, each sanitised again (an error may be built
// by hand), then "and N more".
func joinProblems(problems []string, omitted int) string {
	shown := make([]string, 0, min(len(problems), httpx.ShownProblems))
	for _, p := range problems[:min(len(problems), httpx.ShownProblems)] {
		shown = append(shown, httpx.Sanitize(p, 0))
	}
	return httpx.JoinProblems(shown, len(problems)-len(shown)+omitted)
}

// Conditions of API errors, matched by an *APIError with errors.Is.
var (
	ErrNotFound    = errors.New("ror: organisation not found") // 404: an ID that is well formed but not registered
	ErrRateLimited = errors.New("ror: rate limited")           // 429
	ErrServer      = errors.New("ror: server error")           // 5xx
)

// Is matches ErrNotFound (404), ErrRateLimited (429) and ErrServer (5xx).
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrServer:
		return e.StatusCode >= 500
	}
	return false
}

// get fetches path with query from the API and decodes the JSON into v.
func (c *Client) get(ctx context.Context, path string, q url.Values, v any) error {
	u, err := c.core.Resolve(path)
	if err != nil {
		return err
	}
	u.RawQuery = q.Encode()
	resp, err := c.core.Get(ctx, u.String(), "application/json")
	if err != nil {
		return c.core.Scrub(fmt.Errorf("ror: %w", err))
	}
	if resp.StatusCode != http.StatusOK {
		e := &APIError{StatusCode: resp.StatusCode, Method: http.MethodGet, URL: httpx.RedactURL(u.String()), RetryAfter: resp.RetryAfter()}
		var doc struct {
			Errors []string `json:"errors"`
		}
		if json.Unmarshal(resp.Body, &doc) == nil {
			for _, m := range doc.Errors {
				if len(e.Problems) == httpx.MaxProblems {
					e.Omitted++
					continue
				}
				e.Problems = append(e.Problems, httpx.Sanitize(c.core.ScrubString(m), 0))
			}
		}
		return e
	}
	if err := json.Unmarshal(resp.Body, v); err != nil {
		return fmt.Errorf("ror: %s: decoding the response: %w", httpx.RedactURL(u.String()), err)
	}
	return nil
}

// Get returns the organisation with the given ID (in any form ParseID reads), from the cache when it was fetched
// before.
func (c *Client) Get(ctx context.Context, id ID) (*Organization, error) {
	id, err := ParseID(string(id)) // any form: "https://ror.org/..." too
	if err != nil {
		return nil, err
	}
	if o := c.cached(id); o != nil {
		return o, nil
	}
	var o Organization
	if err := c.get(ctx, "organizations/"+string(id), nil, &o); err != nil {
		return nil, err
	}
	c.remember(&o)
	return &o, nil
}

func (c *Client) cached(id ID) *Organization {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cache[id]
}

func (c *Client) remember(o *Organization) {
	if c.cacheSize == 0 || o == nil || o.ID == "" {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.cache[o.ID]; ok {
		c.cache[o.ID] = o
		return
	}
	for len(c.order) >= c.cacheSize {
		delete(c.cache, c.order[0])
		c.order = c.order[1:]
	}
	c.cache[o.ID] = o
	c.order = append(c.order, o.ID)
}

// SearchOptions narrow a [Client.Search].
type SearchOptions struct {
	// Filter holds ROR filters such as "status:active", "types:education", "country.country_code:FR"; they are
	// combined with AND.
	Filter []string
	// AllStatuses includes inactive and withdrawn records, which ROR leaves out by default.
	AllStatuses bool
	// MaxResults stops the iteration after that many organisations; 0 means all (ROR serves at most 10,000).
	MaxResults int
}

// Search iterates over the organisations matching query (ROR's query syntax; "" lists all), page by page as the
// iteration goes on. An error ends the iteration with a nil organisation and the error.
func (c *Client) Search(ctx context.Context, query string, opts SearchOptions) iter.Seq2[*Organization, error] {
	return func(yield func(*Organization, error) bool) {
		n := 0
		for page := 1; page <= maxSearchPages; page++ {
			q := url.Values{"page": {strconv.Itoa(page)}}
			if query != "" {
				q.Set("query", query)
			}
			if len(opts.Filter) > 0 {
				q.Set("filter", strings.Join(opts.Filter, ","))
			}
			if opts.AllStatuses {
				q.Set("all_status", "true")
			}
			var res struct {
				NumberOfResults int             `json:"number_of_results"`
				Items           []*Organization `json:"items"`
			}
			if err := c.get(ctx, "organizations", q, &res); err != nil {
				yield(nil, err)
				return
			}
			for _, o := range res.Items {
				c.remember(o)
				n++
				if !yield(o, nil) || opts.MaxResults > 0 && n >= opts.MaxResults {
					return
				}
			}
			if len(res.Items) < searchPageSize || page*searchPageSize >= res.NumberOfResults {
				return
			}
		}
	}
}

// MatchAffiliation asks ROR's affiliation-matching service which organisations an affiliation string names. With
// single true it uses ROR's "single search" strategy (at most one chosen). The result has the same shape as
// [Index.Match]: candidates with ROR's score, substring and matching type, and the candidates ROR marks as chosen
// as Matches, most specific first (by the parent and child relationships of their records, then in ROR's order).
// Start and End locate the substring in the affiliation when it occurs there as ROR gives it, and are 0 otherwise.
func (c *Client) MatchAffiliation(ctx context.Context, affiliation string, single bool) (Result, error) {
	res := Result{Affiliation: affiliation}
	if len(affiliation) > maxAffiliationLen {
		return res, fmt.Errorf("ror: affiliation of %d bytes is longer than %d", len(affiliation), maxAffiliationLen)
	}
	q := url.Values{"affiliation": {affiliation}}
	if single {
		q.Set("single_search", "")
	}
	var body struct {
		Items []struct {
			Substring    string        `json:"substring"`
			Score        float64       `json:"score"`
			MatchingType string        `json:"matching_type"`
			Chosen       bool          `json:"chosen"`
			Organization *Organization `json:"organization"`
		} `json:"items"`
	}
	if err := c.get(ctx, "organizations", q, &body); err != nil {
		return res, err
	}
	seen := map[ID]bool{}
	for _, it := range body.Items {
		if it.Organization == nil || seen[it.Organization.ID] && it.Chosen {
			continue
		}
		c.remember(it.Organization)
		cd := Candidate{Organization: it.Organization, Score: it.Score, Substring: it.Substring,
			MatchingType: it.MatchingType, Chosen: it.Chosen && !seen[it.Organization.ID]}
		if i := strings.Index(affiliation, it.Substring); it.Substring != "" && i >= 0 {
			cd.Start, cd.End = i, i+len(it.Substring)
		}
		if cd.Chosen {
			seen[it.Organization.ID] = true
			res.Matches = append(res.Matches, cd)
		}
		res.Candidates = append(res.Candidates, cd)
	}
	res.Matches = mostSpecificFirst(res.Matches)
	if len(res.Matches) > 0 {
		res.Chosen = &res.Matches[0]
	}
	return res, nil
}

// MatchContext asks ROR's affiliation matching (its default, multiple-search strategy) for the [Matcher]
// interface, so that [Enrich] can run online.
func (c *Client) MatchContext(ctx context.Context, affiliation string) (Result, error) {
	return c.MatchAffiliation(ctx, affiliation, false)
}

// mostSpecificFirst orders matches so that an organisation comes after the ones its record lists as its children
// (or that list it as their parent), keeping the given order otherwise.
func mostSpecificFirst(ms []Candidate) []Candidate {
	if len(ms) < 2 {
		return ms
	}
	parentOf := func(a, b *Organization) bool { // a is b's parent
		return slices.Contains(b.Related(RelParent), a.ID) || slices.Contains(a.Related(RelChild), b.ID)
	}
	out := make([]Candidate, 0, len(ms))
	done := make([]bool, len(ms))
	for len(out) < len(ms) {
		pick := -1
		for i := range ms {
			if done[i] {
				continue
			}
			free := true
			for j := range ms {
				if j != i && !done[j] && parentOf(ms[i].Organization, ms[j].Organization) {
					free = false
					break
				}
			}
			if free {
				pick = i
				break
			}
		}
		if pick < 0 { // a cycle of parents in the data: keep the given order
			for i := range ms {
				if !done[i] {
					pick = i
					break
				}
			}
		}
		done[pick] = true
		out = append(out, ms[pick])
	}
	return out
}
