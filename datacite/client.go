package datacite

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
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
	core     *httpx.Core
	username string // for String; the password is only in the core
	password bool
	logger   *slog.Logger

	// DOIs is the service for DOIs: create, get, update, state events, delete, list.
	DOIs *DOIService
}

// settings is what options change before a Client is built.
type settings struct {
	httpx.Config
}

// Option configures a Client. Options are made only by the With functions of this package and apply in order; a
// later one overrides an earlier one. An invalid option makes NewClient fail.
type Option interface{ apply(*settings) error }

type option func(*settings) error

func (o option) apply(s *settings) error { return o(s) }

// WithBaseURL sets the API base URL, e.g. TestURL, ProductionURL or a datacitetest server's URL. Plain http:// is
// accepted only for loopback hosts.
func WithBaseURL(u string) Option {
	return option(func(s *settings) error { return s.SetBaseURL(u) })
}

// WithProduction selects the production API, ProductionURL.
func WithProduction() Option { return WithBaseURL(ProductionURL) }

// WithCredentials sets the repository ID (e.g. "CERN.ZENODO") and password used for HTTP basic authentication.
// They are sent only to the API's origin (never after a redirect to another scheme, host or port), and never appear
// in errors, logs or String().
func WithCredentials(repositoryID, password string) Option {
	return option(func(s *settings) error {
		if repositoryID == "" {
			return errors.New("datacite: WithCredentials: empty repository ID")
		}
		s.Credentials.Username, s.Credentials.Password = repositoryID, password
		return nil
	})
}

// WithEnv reads DATACITE_API_URL, DATACITE_USERNAME and DATACITE_PASSWORD through getenv (normally os.Getenv); an
// unset or empty variable leaves the setting as it is. The client reads no environment variable without it.
func WithEnv(getenv func(string) string) Option {
	return option(func(s *settings) error {
		if err := s.CheckGetenv(getenv); err != nil {
			return err
		}
		if v := getenv(EnvAPIURL); v != "" {
			s.BaseURL = v
		}
		if v := getenv(EnvUsername); v != "" {
			s.Credentials.Username = v
		}
		if v := getenv(EnvPassword); v != "" {
			s.Credentials.Password = v
		}
		return nil
	})
}

// WithHTTPClient sets the HTTP client. The default is a go-cleanhttp pooled client of the client's own. The client
// uses a copy of it with its redirect policy added; the caller's value is not changed.
func WithHTTPClient(hc *http.Client) Option {
	return option(func(s *settings) error { return s.SetHTTPClient(hc) })
}

// WithTimeout sets the time limit of one HTTP attempt (default 30 s); the whole call, retries included, is bounded
// by its context.
func WithTimeout(d time.Duration) Option {
	return option(func(s *settings) error { return s.SetTimeout(d) })
}

// WithRetry sets how often a failing call is tried (attempts, including the first; default 6) and the backoff
// between tries (base doubling up to maxWait, with jitter; 0 for the defaults, 250 ms and 30 s). A Retry-After up
// to 2 minutes is honoured.
func WithRetry(attempts int, base, maxWait time.Duration) Option {
	return option(func(s *settings) error { return s.SetRetry(attempts, base, maxWait) })
}

// WithRateLimit sets the client-side limit shared by all calls of the client: perSecond requests per second on
// average, in bursts of up to burst. 0 turns the limit off. The default is DefaultRateLimit with bursts of 8.
func WithRateLimit(perSecond float64, burst int) Option {
	return option(func(s *settings) error { return s.SetRateLimit(perSecond, burst) })
}

// WithUserAgent sets the User-Agent header. DataCite asks API users to identify themselves, ideally with a contact
// address: "mypipeline/1.2 (mailto:ops@example.org)".
func WithUserAgent(ua string) Option {
	return option(func(s *settings) error { return s.SetUserAgent(ua) })
}

// WithMaxResponseSize caps the size of a response body read (default 10 MiB); a larger one is an error.
func WithMaxResponseSize(n int64) Option {
	return option(func(s *settings) error { return s.SetMaxResponseSize(n) })
}

// WithLogger makes the client log retries and recoveries at debug and warn levels. Credentials never appear in them.
func WithLogger(l *slog.Logger) Option {
	return option(func(s *settings) error { return s.SetLogger(l) })
}

// NewClient returns a client configured by opts; without options it talks to the DataCite test system without
// credentials (enough to read findable DOIs). It returns an error for a nil or invalid option, including an API URL
// that is not https:// (http:// is accepted for loopback test servers only).
func NewClient(opts ...Option) (*Client, error) {
	s := settings{Config: httpx.Config{Package: "datacite", BaseURL: TestURL, Rate: DefaultRateLimit, Burst: 8,
		Timeout: defaultTimeout, UserAgent: defaultUserAgent, MaxBody: httpx.DefaultMaxBody, Retry: httpx.Retry{MaxAttempts: 6}}}
	for i, o := range opts {
		if o == nil {
			return nil, s.NilOption(i)
		}
		if err := o.apply(&s); err != nil {
			return nil, httpx.Scrub(err, s.Credentials.Password)
		}
	}
	core, err := s.Build()
	if err != nil {
		return nil, httpx.Scrub(err, s.Credentials.Password)
	}
	logger := s.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	c := &Client{core: core, username: s.Credentials.Username, password: s.Credentials.Password != "", logger: logger}
	c.DOIs = &DOIService{c: c}
	return c, nil
}

// String describes the client without secrets, e.g.
// "datacite.Client(https://api.test.datacite.org/ as TEST.REPO, password set, 8 req/s, burst 8)".
func (c *Client) String() string {
	who := "anonymous"
	if c.username != "" {
		who = "as " + c.username
		if c.password {
			who += ", password set"
		}
	}
	return fmt.Sprintf("datacite.Client(%s %s, %s)", c.core.Base().Redacted(), who, c.core.Limiter())
}

// GoString is String, so that %#v shows no credential either.
func (c *Client) GoString() string { return c.String() }

// BaseURL returns the API base URL the client talks to.
func (c *Client) BaseURL() string { return c.core.Base().String() }

// Requests returns the number of HTTP requests the client has sent, retries included.
func (c *Client) Requests() int64 { return c.core.Requests() }

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
	u, err := c.core.Resolve(path)
	if err != nil {
		return nil, err
	}
	return c.core.NewRequest(ctx, method, u.String(), body, mediaJSONAPI, mediaJSONAPI)
}

// TransportError is a request that got no HTTP answer: the connection failed, was cut, or timed out. Sent reports
// whether the whole request had been written, in which case the server may have acted on it.
type TransportError struct {
	Method string
	URL    string // the request URL
	Sent   bool
	Err    error
}

// Error describes the failure in one line, without credentials.
func (e *TransportError) Error() string {
	when := "before the request was sent"
	if e.Sent {
		when = "after the request was sent"
	}
	return fmt.Sprintf("datacite: %s %s: no answer (%s): %v", e.Method, e.URL, when, e.Err)
}

// Unwrap returns the network error.
func (e *TransportError) Unwrap() error { return e.Err }

// RedirectError is a redirect the client refused to follow: to another scheme, host or port (credentials are never
// sent there), from https:// to http://, or one that would repeat a POST elsewhere or turn it into a GET. The
// request was not repeated; a create refused this way has not been taken as done.
type RedirectError = httpx.RedirectError

// BodyTooLargeError is a 2xx or 5xx answer larger than the size cap (WithMaxResponseSize; a 4xx one is an
// *APIError of its status). The server did answer: for a create it is ambiguous — the DOI may exist — and
// [Client.Mint] checks before creating again.
type BodyTooLargeError = httpx.BodyTooLargeError

// Do sends req once: it waits for the rate limiter, sends it within the client's per-attempt timeout, reads the body
// up to the size cap, and turns a non-2xx answer into an *APIError. A request without an answer gives a
// *TransportError. Errors never contain credentials.
func (c *Client) Do(req *http.Request) (*Response, error) {
	if req == nil {
		return nil, errors.New("datacite: Do(nil)")
	}
	resp, err := c.core.Send(req.Context(), func(ctx context.Context) (*http.Request, error) { return req.WithContext(ctx), nil })
	return c.result(req.Method, resp, err)
}

// result turns the core's answer into the client's: a *TransportError for no answer, an *APIError for a non-2xx.
func (c *Client) result(method string, r *httpx.Response, err error) (*Response, error) {
	var resp *Response
	if r != nil {
		resp = &Response{Response: r.Response, Body: r.Body, Attempts: r.Attempts}
	}
	if err != nil {
		var te *httpx.TransportError
		var tl *BodyTooLargeError
		switch {
		case errors.As(err, &te):
			err = c.core.Scrub(&TransportError{Method: te.Method, URL: te.URL, Sent: te.Sent, Err: te.Err})
		case errors.As(err, &tl) && resp != nil && resp.StatusCode >= 300 && resp.StatusCode < 500:
			// A refusal too long to read is still a refusal, of the kind its status says; only a 2xx or 5xx over
			// the cap leaves the outcome unknown.
			e := decodeError(resp.StatusCode, method, httpx.RedactURL(resp.Request.URL.String()), resp.Header, nil, nil)
			e.Problems = []ErrorDetail{{Title: fmt.Sprintf("(the answer was larger than %d bytes and was not read)", tl.Limit)}}
			err = e
		}
		return resp, err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp, decodeError(resp.StatusCode, method, httpx.RedactURL(resp.Request.URL.String()), resp.Header, resp.Body, c.core.ScrubString)
	}
	return resp, nil
}

// retryable reports whether a failed attempt may be repeated for a request that is safe to repeat.
func retryable(err error) bool {
	var te *TransportError
	if errors.As(err, &te) {
		return !errors.Is(err, context.Canceled)
	}
	var ae *APIError
	return errors.As(err, &ae) && httpx.RetryableStatus(ae.StatusCode)
}

// ambiguous reports whether a failed create may have been applied by the server: an answer lost after the request
// was sent, a 5xx, or an answer (2xx or not) too large to read.
func ambiguous(err error) bool {
	var te *TransportError
	if errors.As(err, &te) {
		return te.Sent
	}
	var tl *BodyTooLargeError
	return errors.Is(err, ErrServer) || errors.As(err, &tl)
}

// newRequest returns the request builder of a call.
func (c *Client) newRequest(method, path string, body []byte) (func(context.Context) (*http.Request, error), error) {
	u, err := c.core.Resolve(path)
	if err != nil {
		return nil, err
	}
	target := u.String()
	return func(ctx context.Context) (*http.Request, error) {
		return c.core.NewRequest(ctx, method, target, body, mediaJSONAPI, mediaJSONAPI)
	}, nil
}

// attempt makes one try of a call, with the per-attempt timeout.
func (c *Client) attempt(ctx context.Context, method, path string, body []byte) (*Response, error) {
	newReq, err := c.newRequest(method, path, body)
	if err != nil {
		return nil, err
	}
	resp, err := c.core.Send(ctx, newReq)
	return c.result(method, resp, err)
}

// pause waits before retry n after err: the backoff, or the Retry-After the API asked for if longer, which also
// pauses the limiter shared by every call of the client. It returns false when the wait would outlast the context
// or the API asks for more than 2 minutes.
func (c *Client) pause(ctx context.Context, n int, err error) bool {
	var ra time.Duration
	var ae *APIError
	if errors.As(err, &ae) {
		ra = ae.RetryAfter
	}
	return c.core.Backoff(ctx, n, ra, err)
}

// attempts is the number of tries the retry policy allows.
func (c *Client) attempts() int { return c.core.RetryPolicy().Attempts() }

// call makes a request that is safe to repeat, with retries.
func (c *Client) call(ctx context.Context, method, path string, body []byte) (*Response, error) {
	newReq, err := c.newRequest(method, path, body)
	if err != nil {
		return nil, err
	}
	resp, err := c.core.Do(ctx, newReq)
	return c.result(method, resp, err)
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
