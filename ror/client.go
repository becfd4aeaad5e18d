package ror

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dop2i/fairmeta/internal/httpx"
)

// DefaultBaseURL is the ROR API v2 endpoint.
const DefaultBaseURL = "https://api.ror.org/v2/"

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
	clientIDEnv       = "ROR_CLIENT_ID"
	defaultUserAgent  = "fairmeta-ror (+https://github.com/dop2i/fairmeta)"
	maxAffiliationLen = 4096
)

// Client talks to the ROR API v2: it gets organisations by ID, searches, and matches affiliation strings. It sends a
// Client-Id header when one is configured (option or ROR_CLIENT_ID), keeps under ROR's rate limits with a token
// bucket, retries 429 and 5xx responses with backoff (honouring Retry-After), caps response sizes and caches the
// organisations it has fetched. A Client is safe for concurrent use; create one and reuse it.
type Client struct {
	base     *url.URL
	hc       *http.Client
	lim      *httpx.Limiter
	retry    httpx.Retry
	clientID string
	ua       string
	maxBody  int64

	mu        sync.Mutex
	cache     map[ID]*Organization
	order     []ID // insertion order, for eviction
	cacheSize int
}

// Option configures a Client.
type Option func(*Client) error

// WithBaseURL sets the API base URL (default DefaultBaseURL). Plain http:// is accepted only for loopback hosts.
func WithBaseURL(raw string) Option {
	return func(c *Client) error {
		u, err := httpx.CheckBaseURL(raw)
		if err != nil {
			return err
		}
		c.base = u
		return nil
	}
}

// WithClientID sets the ROR client ID sent in the Client-Id header, raising the rate limit to ROR's 2,000 requests
// per 5 minutes. Without this option the client uses the ROR_CLIENT_ID environment variable when it is set.
func WithClientID(id string) Option {
	return func(c *Client) error {
		if strings.ContainsAny(id, "\r\n") {
			return errors.New("ror: client ID contains a line break")
		}
		c.clientID = strings.TrimSpace(id)
		return nil
	}
}

// WithHTTPClient sets the *http.Client used (default: a pooled go-cleanhttp client with a 30 s timeout).
func WithHTTPClient(hc *http.Client) Option {
	return func(c *Client) error {
		if hc == nil {
			return errors.New("ror: nil *http.Client")
		}
		c.hc = hc
		return nil
	}
}

// WithRateLimit replaces ROR's published limit with perSecond requests per second (bursts of burst), e.g. for a
// private mirror. perSecond must be positive.
func WithRateLimit(perSecond float64, burst int) Option {
	return func(c *Client) error {
		if perSecond <= 0 || burst < 1 {
			return fmt.Errorf("ror: rate limit %g/s, burst %d: both must be positive", perSecond, burst)
		}
		c.lim = httpx.NewLimiter(perSecond, burst)
		return nil
	}
}

// WithRetries sets how many times a failed request (network error, 429, 5xx) is tried in all, and the first wait
// (growing exponentially, with jitter). attempts 1 means no retry.
func WithRetries(attempts int, firstWait time.Duration) Option {
	return func(c *Client) error {
		if attempts < 1 || firstWait < 0 {
			return fmt.Errorf("ror: retries %d, wait %v: want at least one attempt and a non-negative wait", attempts, firstWait)
		}
		c.retry = httpx.Retry{MaxAttempts: attempts, Base: firstWait}
		return nil
	}
}

// WithCacheSize sets how many organisations the client keeps in memory (default 4096); 0 disables the cache.
func WithCacheSize(n int) Option {
	return func(c *Client) error {
		if n < 0 {
			return fmt.Errorf("ror: cache size %d is negative", n)
		}
		c.cacheSize = n
		return nil
	}
}

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) Option {
	return func(c *Client) error {
		if strings.ContainsAny(ua, "\r\n") {
			return errors.New("ror: user agent contains a line break")
		}
		c.ua = ua
		return nil
	}
}

// NewClient returns a client configured by opts; it fails when an option is invalid.
func NewClient(opts ...Option) (*Client, error) {
	c := &Client{ua: defaultUserAgent, maxBody: httpx.DefaultMaxBody, cacheSize: defaultCacheSize, cache: map[ID]*Organization{}}
	c.clientID = strings.TrimSpace(os.Getenv(clientIDEnv))
	for _, o := range opts {
		if err := o(c); err != nil {
			return nil, err
		}
	}
	if c.base == nil {
		c.base, _ = url.Parse(DefaultBaseURL)
	}
	if c.hc == nil {
		c.hc = httpx.NewClient(defaultTimeout)
	}
	if c.lim == nil {
		limit, burst := limitWithoutID, burstWithoutID
		if c.clientID != "" {
			limit, burst = limitWithID, burstWithID
		}
		c.lim = httpx.NewLimiter(float64(limit-burst)/limitWindow, burst)
	}
	return c, nil
}

// APIError reports an unsuccessful response from the ROR API.
type APIError struct {
	StatusCode int    // the HTTP status
	Message    string // ROR's error message(s), or the status text
	URL        string // the request URL, with secrets redacted
}

// Error describes the response: URL, status and ROR's message.
func (e *APIError) Error() string {
	return fmt.Sprintf("ror: %s: %d %s", e.URL, e.StatusCode, e.Message)
}

// ErrNotFound is matched with errors.Is by the *APIError of a 404 (an ID that is well formed but not registered).
var ErrNotFound = errors.New("ror: organisation not found")

// Is makes errors.Is(err, ErrNotFound) true for a 404.
func (e *APIError) Is(target error) bool {
	return target == ErrNotFound && e.StatusCode == http.StatusNotFound
}

// get fetches path with query from the API and decodes the JSON into v.
func (c *Client) get(ctx context.Context, path string, q url.Values, v any) error {
	u := c.base.JoinPath(path)
	u.RawQuery = q.Encode()
	resp, err := httpx.Retry(c.retry).Do(ctx, c.hc, c.lim, func(ctx context.Context) (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("User-Agent", c.ua)
		if c.clientID != "" {
			req.Header.Set("Client-Id", c.clientID)
		}
		return req, nil
	})
	if err != nil {
		return httpx.Scrub(fmt.Errorf("ror: %s: %w", httpx.RedactURL(u.String()), err), c.clientID)
	}
	defer httpx.DrainClose(resp.Body)
	body, err := httpx.ReadBody(resp.Body, c.maxBody)
	if err != nil {
		return fmt.Errorf("ror: %s: %w", httpx.RedactURL(u.String()), err)
	}
	if resp.StatusCode != http.StatusOK {
		msg := http.StatusText(resp.StatusCode)
		var e struct {
			Errors []string `json:"errors"`
		}
		if json.Unmarshal(body, &e) == nil && len(e.Errors) > 0 {
			msg = strings.Join(e.Errors, "; ")
		}
		return &APIError{StatusCode: resp.StatusCode, Message: httpx.ScrubString(msg, c.clientID), URL: httpx.RedactURL(u.String())}
	}
	if err := json.Unmarshal(body, v); err != nil {
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

// MatchAffiliation asks ROR's affiliation-matching service which organisation an affiliation string names. With
// single true it uses ROR's "single search" strategy. The result has the same shape as [Index.Match]: candidates
// with ROR's score, substring and matching type, and the candidate ROR marks as chosen, if any.
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
	chosen := -1
	for _, it := range body.Items {
		if it.Organization == nil {
			continue
		}
		c.remember(it.Organization)
		if it.Chosen && chosen < 0 {
			chosen = len(res.Candidates)
		}
		res.Candidates = append(res.Candidates, Candidate{Organization: it.Organization, Score: it.Score,
			Substring: it.Substring, MatchingType: it.MatchingType, Chosen: it.Chosen && chosen == len(res.Candidates)})
	}
	if chosen >= 0 {
		res.Chosen = &res.Candidates[chosen]
	}
	return res, nil
}
