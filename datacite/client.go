package datacite

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/internal/httpx"
)

// API base URLs. The test system is the default; production is used only when chosen explicitly, with
// WithBaseURL(ProductionURL), WithProduction() or DATACITE_API_URL.
const (
	TestURL       = "https://api.test.datacite.org"
	ProductionURL = "https://api.datacite.org"
)

// Environment variables read by WithEnv.
const (
	EnvAPIURL   = "DATACITE_API_URL"  // API base URL; default TestURL
	EnvUsername = "DATACITE_USERNAME" // repository ID, e.g. "CERN.ZENODO"
	EnvPassword = "DATACITE_PASSWORD" // repository password
)

// DefaultRateLimit is the client-side limit in requests per second when none is set: 8/s, that is 2,400 per five
// minutes, under the 3,000 per five minutes DataCite documents for authenticated clients.
const DefaultRateLimit = 8

const (
	mediaJSONAPI     = "application/vnd.api+json"
	defaultTimeout   = 30 * time.Second
	defaultUserAgent = "fairmeta-datacite"
)

// Client talks to the DataCite REST API. Make one with NewClient; it is safe for concurrent use and should be reused,
// since it holds the connection pool and the rate limiter that all its calls share.
//
// Every call takes a context first and goes through NewRequest and Do, the one path where headers, credentials,
// size caps, rate limiting and error decoding happen. Calls that are safe to repeat (GET, PUT, DELETE, events) are
// retried on 429, 5xx and network errors with exponential backoff and jitter, honouring Retry-After, for as long as
// the context allows; creating a DOI is retried only through [Client.Mint], which makes sure a retry never makes a
// second DOI.
type Client struct {
	base      *url.URL
	hc        *http.Client
	username  string
	password  string
	retry     httpx.Retry
	limiter   *httpx.Limiter
	timeout   time.Duration
	userAgent string
	maxBody   int64
	logger    *slog.Logger

	requests atomic.Int64

	// DOIs is the service for DOIs: create, get, update, state events, delete, list.
	DOIs *DOIService
}

// settings is what options change before a Client is built.
type settings struct {
	base      string
	hc        *http.Client
	username  string
	password  string
	retry     httpx.Retry
	rate      float64
	burst     int
	timeout   time.Duration
	userAgent string
	maxBody   int64
	logger    *slog.Logger
}

// Option configures a Client. Options apply in order; a later one overrides an earlier one.
type Option func(*settings) error

// WithBaseURL sets the API base URL, e.g. TestURL, ProductionURL or a datacitetest server's URL. Plain http:// is
// accepted only for loopback hosts.
func WithBaseURL(u string) Option {
	return func(s *settings) error { s.base = u; return nil }
}

// WithProduction selects the production API, ProductionURL.
func WithProduction() Option { return WithBaseURL(ProductionURL) }

// WithCredentials sets the repository ID (e.g. "CERN.ZENODO") and password used for HTTP basic authentication.
// They are sent only to the configured API host, and never appear in errors, logs or String().
func WithCredentials(repositoryID, password string) Option {
	return func(s *settings) error { s.username, s.password = repositoryID, password; return nil }
}

// WithEnv reads DATACITE_API_URL, DATACITE_USERNAME and DATACITE_PASSWORD through getenv (normally os.Getenv); an
// unset or empty variable leaves the setting as it is.
func WithEnv(getenv func(string) string) Option {
	return func(s *settings) error {
		if v := getenv(EnvAPIURL); v != "" {
			s.base = v
		}
		if v := getenv(EnvUsername); v != "" {
			s.username = v
		}
		if v := getenv(EnvPassword); v != "" {
			s.password = v
		}
		return nil
	}
}

// WithHTTPClient sets the HTTP client. The default is a go-cleanhttp pooled client of the client's own.
func WithHTTPClient(hc *http.Client) Option {
	return func(s *settings) error {
		if hc == nil {
			return errors.New("datacite: WithHTTPClient(nil)")
		}
		s.hc = hc
		return nil
	}
}

// WithTimeout sets the time limit of one HTTP attempt (default 30 s); the whole call, retries included, is bounded
// by its context.
func WithTimeout(d time.Duration) Option {
	return func(s *settings) error {
		if d <= 0 {
			return fmt.Errorf("datacite: WithTimeout(%v): want a positive duration", d)
		}
		s.timeout = d
		return nil
	}
}

// WithRetry sets how often a failing call is tried (attempts, including the first; default 6) and the backoff
// between tries (base doubling up to maxWait, with jitter; defaults 250 ms and 30 s). A Retry-After up to 2 minutes
// is honoured.
func WithRetry(attempts int, base, maxWait time.Duration) Option {
	return func(s *settings) error {
		if attempts < 1 {
			return fmt.Errorf("datacite: WithRetry(%d, ...): want at least 1 attempt", attempts)
		}
		s.retry = httpx.Retry{MaxAttempts: attempts, Base: base, Max: maxWait}
		return nil
	}
}

// WithRateLimit sets the client-side limit shared by all calls of the client: perSecond requests per second on
// average, in bursts of up to burst. 0 turns the limit off. The default is DefaultRateLimit with bursts of 8.
func WithRateLimit(perSecond float64, burst int) Option {
	return func(s *settings) error {
		if perSecond < 0 {
			return fmt.Errorf("datacite: WithRateLimit(%v, %d): negative rate", perSecond, burst)
		}
		s.rate, s.burst = perSecond, burst
		return nil
	}
}

// WithUserAgent sets the User-Agent header. DataCite asks API users to identify themselves, ideally with a contact
// address: "mypipeline/1.2 (mailto:ops@example.org)".
func WithUserAgent(ua string) Option {
	return func(s *settings) error { s.userAgent = ua; return nil }
}

// WithMaxResponseSize caps the size of a response body read (default 10 MiB); a larger one is an error.
func WithMaxResponseSize(n int64) Option {
	return func(s *settings) error {
		if n <= 0 {
			return fmt.Errorf("datacite: WithMaxResponseSize(%d): want a positive size", n)
		}
		s.maxBody = n
		return nil
	}
}

// WithLogger makes the client log retries and recoveries at debug and warn levels. Credentials never appear in them.
func WithLogger(l *slog.Logger) Option {
	return func(s *settings) error { s.logger = l; return nil }
}

// NewClient returns a client configured by opts; without options it talks to the DataCite test system without
// credentials (enough to read findable DOIs). It returns an error for an invalid option, including an API URL that
// is not https:// (http:// is accepted for loopback test servers only).
func NewClient(opts ...Option) (*Client, error) {
	s := settings{base: TestURL, rate: DefaultRateLimit, burst: 8, timeout: defaultTimeout, userAgent: defaultUserAgent,
		maxBody: httpx.DefaultMaxBody, retry: httpx.Retry{MaxAttempts: 6}}
	for _, o := range opts {
		if err := o(&s); err != nil {
			return nil, httpx.Scrub(err, s.password)
		}
	}
	base, err := httpx.CheckBaseURL(s.base)
	if err != nil {
		return nil, err
	}
	if s.hc == nil {
		s.hc = httpx.NewClient(0) // per-attempt timeouts come from the client's contexts
	}
	if s.logger == nil {
		s.logger = slog.New(slog.DiscardHandler)
	}
	c := &Client{base: base, hc: s.hc, username: s.username, password: s.password, retry: s.retry,
		limiter: httpx.NewLimiter(s.rate, s.burst), timeout: s.timeout, userAgent: s.userAgent, maxBody: s.maxBody, logger: s.logger}
	c.DOIs = &DOIService{c: c}
	return c, nil
}

// String describes the client without secrets, e.g.
// "datacite.Client(https://api.test.datacite.org/ as TEST.REPO, password set, 8 req/s, burst 8)".
func (c *Client) String() string {
	who := "anonymous"
	if c.username != "" {
		who = "as " + c.username
		if c.password != "" {
			who += ", password set"
		}
	}
	return fmt.Sprintf("datacite.Client(%s %s, %s)", c.base.Redacted(), who, c.limiter)
}

// BaseURL returns the API base URL the client talks to.
func (c *Client) BaseURL() string { return c.base.String() }

// Requests returns the number of HTTP requests the client has sent, retries included.
func (c *Client) Requests() int64 { return c.requests.Load() }

// Response is the HTTP answer to a call, its body already read and closed.
type Response struct {
	*http.Response
	// Body is the response body, read up to the client's size cap.
	Body []byte
	// Attempts is the number of HTTP requests the call made, retries included.
	Attempts int
}

// NewRequest builds a request to the API: path is relative to the base URL ("dois", "dois/10.5072/abcd-ef12"),
// body (nil for none) is a JSON:API document. It sets Accept and Content-Type to application/vnd.api+json, the
// User-Agent and, when the client has credentials, basic authentication.
func (c *Client) NewRequest(ctx context.Context, method, path string, body []byte) (*http.Request, error) {
	rel, err := url.Parse(path)
	if err != nil || rel.IsAbs() || rel.Host != "" || strings.HasPrefix(path, "/") {
		return nil, fmt.Errorf("datacite: request path %q must be relative to the API base URL", path)
	}
	u := c.base.ResolveReference(rel)
	var rd io.Reader
	if body != nil {
		rd = strings.NewReader(string(body))
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", mediaJSONAPI)
	if body != nil {
		req.Header.Set("Content-Type", mediaJSONAPI)
	}
	req.Header.Set("User-Agent", c.userAgent)
	if c.username != "" || c.password != "" {
		req.SetBasicAuth(c.username, c.password)
	}
	return req, nil
}

// TransportError is a request that got no HTTP answer: the connection failed, was cut, or timed out. Sent reports
// whether the whole request had been written, in which case the server may have acted on it.
type TransportError struct {
	Method string
	Path   string
	Sent   bool
	Err    error
}

// Error describes the failure in one line, without credentials.
func (e *TransportError) Error() string {
	when := "before the request was sent"
	if e.Sent {
		when = "after the request was sent"
	}
	return fmt.Sprintf("datacite: %s %s: no answer (%s): %v", e.Method, e.Path, when, e.Err)
}

// Unwrap returns the network error.
func (e *TransportError) Unwrap() error { return e.Err }

// Do sends req once: it waits for the rate limiter, sends, reads the body up to the size cap, and turns a non-2xx
// answer into a *Error. A request without an answer gives a *TransportError. Errors never contain credentials.
func (c *Client) Do(req *http.Request) (*Response, error) {
	path := "/" + strings.TrimPrefix(req.URL.EscapedPath(), c.base.EscapedPath())
	if err := c.limiter.Wait(req.Context()); err != nil {
		return nil, httpx.Scrub(err, c.password)
	}
	var sent atomic.Bool
	trace := &httptrace.ClientTrace{WroteRequest: func(i httptrace.WroteRequestInfo) {
		if i.Err == nil {
			sent.Store(true)
		}
	}}
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
	c.requests.Add(1)
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, httpx.Scrub(&TransportError{Method: req.Method, Path: path, Sent: sent.Load(), Err: err}, c.password)
	}
	defer resp.Body.Close()
	body, err := httpx.ReadBody(resp.Body, c.maxBody)
	r := &Response{Response: resp, Body: body, Attempts: 1}
	if err != nil {
		var tl *httpx.BodyTooLargeError
		if errors.As(err, &tl) {
			return r, err
		}
		return r, httpx.Scrub(&TransportError{Method: req.Method, Path: path, Sent: true, Err: err}, c.password)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return r, decodeError(resp.StatusCode, req.Method, path, resp.Header, body)
	}
	return r, nil
}

// retryable reports whether a failed attempt may be repeated for a request that is safe to repeat.
func retryable(err error) bool {
	var te *TransportError
	if errors.As(err, &te) {
		return !errors.Is(err, context.Canceled)
	}
	var ae *Error
	return errors.As(err, &ae) && httpx.RetryableStatus(ae.StatusCode)
}

// ambiguous reports whether a failed create may have been applied by the server: an answer lost after the request
// was sent, or a 5xx.
func ambiguous(err error) bool {
	var te *TransportError
	if errors.As(err, &te) {
		return te.Sent
	}
	return errors.Is(err, ErrServer)
}

// attempt makes one try of a call with the per-attempt timeout.
func (c *Client) attempt(ctx context.Context, method, path string, body []byte) (*Response, error) {
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	req, err := c.NewRequest(actx, method, path, body)
	if err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err != nil && ctx.Err() == nil && actx.Err() != nil {
		// The attempt timed out while the call's own context is alive: report it as a transport failure.
		var te *TransportError
		if !errors.As(err, &te) {
			err = &TransportError{Method: method, Path: "/" + path, Sent: true, Err: actx.Err()}
		}
	}
	return resp, err
}

// maxRetryAfter is the longest Retry-After a call waits for; a server asking for more ends the retries.
const maxRetryAfter = 2 * time.Minute

// pause waits before retry n after err: the backoff, or the Retry-After of a 429 if longer, which also pauses the
// limiter shared by every call of the client. It returns false when the wait would outlast the context.
func (c *Client) pause(ctx context.Context, n int, err error) bool {
	d := c.retry.Delay(n)
	var ae *Error
	if errors.As(err, &ae) && ae.RetryAfter > 0 {
		if ae.RetryAfter > maxRetryAfter {
			return false
		}
		c.limiter.Pause(ae.RetryAfter)
		d = max(d, ae.RetryAfter)
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		return false
	}
	c.logger.Debug("datacite: retrying", "attempt", n+1, "wait", d, "error", httpx.ScrubString(err.Error(), c.password))
	return httpx.Sleep(ctx, d) == nil
}

// call makes a request that is safe to repeat, with retries.
func (c *Client) call(ctx context.Context, method, path string, body []byte) (*Response, error) {
	for n := 1; ; n++ {
		resp, err := c.attempt(ctx, method, path, body)
		if resp != nil {
			resp.Attempts = n
		}
		if err == nil || n >= c.retry.Attempts() || !retryable(err) || ctx.Err() != nil || !c.pause(ctx, n, err) {
			return resp, err
		}
	}
}

// doiPath is the API path of a DOI.
func doiPath(d doi.DOI) string { return "dois/" + doi.EscapePath(string(d)) }

// parseDOI normalises a DOI argument.
func parseDOI(s string) (doi.DOI, error) {
	d, err := doi.Parse(s)
	if err != nil {
		return "", err
	}
	return d, nil
}
