package httpx

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
)

// Core is a built client configuration: the one path every request of a fairmeta API client takes. It adds the
// User-Agent and the credentials, waits for the rate limiter, bounds each attempt by the timeout, reads the body up
// to the cap, retries what is safe to retry and keeps credentials out of errors, logs and foreign redirects. Make
// one with [Config.Build]; it is safe for concurrent use.
//
// Turning a non-2xx answer into an error is left to the package, which knows its API's error documents: [Core.Do]
// and [Core.Send] return every HTTP answer as a *Response.
type Core struct {
	pkg       string
	base      *url.URL
	hc        *http.Client
	retry     Retry
	limiter   *Limiter
	userAgent string
	timeout   time.Duration
	maxBody   int64
	logger    *slog.Logger
	creds     Credentials
	secrets   []string
	requests  atomic.Int64
}

// Response is an HTTP answer whose body has been read (up to the cap) and closed.
type Response struct {
	*http.Response
	// Body is the response body.
	Body []byte
	// Attempts is the number of HTTP requests the call made, retries included.
	Attempts int
}

// TransportError is a request that got no complete HTTP answer: the connection failed, was cut, or the attempt
// timed out. Sent reports whether the whole request had been written, in which case the server may have acted on
// it. Its message holds no credentials.
type TransportError struct {
	Method string
	URL    string // the request URL, secrets redacted
	Sent   bool
	Err    error
}

// Error describes the failure in one line.
func (e *TransportError) Error() string {
	when := "before the request was sent"
	if e.Sent {
		when = "after the request was sent"
	}
	return fmt.Sprintf("%s %s: no answer (%s): %v", e.Method, e.URL, when, e.Err)
}

// Unwrap returns the network error.
func (e *TransportError) Unwrap() error { return e.Err }

// Base returns the base URL (its path ends in "/").
func (c *Core) Base() *url.URL { u := *c.base; return &u }

// HTTPClient returns the HTTP client requests go through (the caller's, copied, with the redirect policy).
func (c *Core) HTTPClient() *http.Client { return c.hc }

// Limiter returns the rate limiter shared by every request of the client; nil when there is no limit.
func (c *Core) Limiter() *Limiter { return c.limiter }

// RetryPolicy returns the retry policy.
func (c *Core) RetryPolicy() Retry { return c.retry }

// Requests returns the number of HTTP requests sent, retries included.
func (c *Core) Requests() int64 { return c.requests.Load() }

// Scrub removes the credentials from err's message (see [Scrub]).
func (c *Core) Scrub(err error) error { return Scrub(err, c.secrets...) }

// ScrubString removes the credentials from s.
func (c *Core) ScrubString(s string) string { return ScrubString(s, c.secrets...) }

// Resolve returns ref resolved against the base URL. ref must be relative ("dois/10.5072/x", "items?page=2"): an
// absolute URL or a path starting with "/" is an error, so that no request leaves the API by mistake.
func (c *Core) Resolve(ref string) (*url.URL, error) {
	rel, err := url.Parse(ref)
	if err != nil || rel.IsAbs() || rel.Host != "" || strings.HasPrefix(ref, "/") {
		return nil, fmt.Errorf("%s: request path %q must be relative to the API base URL", c.pkg, ref)
	}
	return c.base.ResolveReference(rel), nil
}

// NewRequest builds a request to the absolute URL u with the client's User-Agent and credentials, the given Accept
// header (none when empty) and body (none when nil) of type contentType.
func (c *Core) NewRequest(ctx context.Context, method, u string, body []byte, accept, contentType string) (*http.Request, error) {
	var rd io.Reader
	if body != nil {
		rd = strings.NewReader(string(body))
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.pkg, c.Scrub(err))
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	if body != nil && contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("User-Agent", c.userAgent)
	c.authorize(req)
	return req, nil
}

func (c *Core) authorize(req *http.Request) {
	if c.creds.Username != "" || c.creds.Password != "" {
		req.SetBasicAuth(c.creds.Username, c.creds.Password)
	}
	for k, vs := range c.creds.Header {
		req.Header[http.CanonicalHeaderKey(k)] = append([]string(nil), vs...)
	}
}

// credentialHeaders are the headers a redirect to another origin must not carry.
func (c *Core) credentialHeaders() []string {
	h := []string{"Authorization", "Proxy-Authorization", "Cookie"}
	for k := range c.creds.Header {
		h = append(h, k)
	}
	return h
}

// redirectPolicy returns the CheckRedirect of the core's HTTP client: at most 10 redirects, never to plain http://
// outside loopback, credentials removed when the origin (scheme, host, port) changes; then the caller's own policy.
func (c *Core) redirectPolicy(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if len(via) >= 10 {
			return fmt.Errorf("%s: stopped after 10 redirects", c.pkg)
		}
		if req.URL.Scheme != "https" && (req.URL.Scheme != "http" || !IsLoopback(req.URL.Hostname())) {
			return fmt.Errorf("%s: redirect to %s refused: only https:// (or http:// on loopback)", c.pkg, RedactURL(req.URL.String()))
		}
		if !sameOrigin(req.URL, via[0].URL) {
			for _, h := range c.credentialHeaders() {
				req.Header.Del(h)
			}
		}
		if next != nil {
			return next(req, via)
		}
		return nil
	}
}

func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) && port(a) == port(b)
}

func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if strings.EqualFold(u.Scheme, "http") {
		return "80"
	}
	return "443"
}

// Send makes one attempt: it waits for the rate limiter (under ctx), then builds the request with newReq under a
// context bounded by the per-attempt timeout, sends it and reads the body up to the cap. Every HTTP answer, 2xx or
// not, is a *Response with a nil error, except a body over the cap (*BodyTooLargeError, with the response). A
// request without a complete answer gives a *TransportError; an attempt that timed out while ctx is alive counts as
// one, sent.
func (c *Core) Send(ctx context.Context, newReq func(context.Context) (*http.Request, error)) (*Response, error) {
	if err := c.limiter.Wait(ctx); err != nil {
		return nil, err
	}
	actx, cancel := ctx, context.CancelFunc(func() {})
	if c.timeout > 0 {
		actx, cancel = context.WithTimeout(ctx, c.timeout)
	}
	defer cancel()
	var sent atomic.Bool
	trace := &httptrace.ClientTrace{WroteRequest: func(i httptrace.WroteRequestInfo) {
		if i.Err == nil {
			sent.Store(true)
		}
	}}
	req, err := newReq(httptrace.WithClientTrace(actx, trace))
	if err != nil {
		return nil, err
	}
	shown := RedactURL(req.URL.String())
	c.requests.Add(1)
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, c.Scrub(&TransportError{Method: req.Method, URL: shown, Sent: sent.Load() || timedOut(ctx, actx), Err: unwrapURLError(err)})
	}
	defer DrainClose(resp.Body)
	body, err := ReadBody(resp.Body, c.maxBody)
	r := &Response{Response: resp, Body: body, Attempts: 1}
	if err != nil {
		var tl *BodyTooLargeError
		if errors.As(err, &tl) {
			return r, fmt.Errorf("%s: %s %s: %w", c.pkg, req.Method, shown, err)
		}
		return nil, c.Scrub(&TransportError{Method: req.Method, URL: shown, Sent: true, Err: err})
	}
	return r, nil
}

// timedOut reports whether the attempt's own deadline passed while the call's context is alive.
func timedOut(ctx, actx context.Context) bool { return ctx.Err() == nil && actx.Err() != nil }

// unwrapURLError drops the *url.Error layer of a client error, whose message repeats the URL (with any query
// secrets); the TransportError gives the redacted URL instead.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) && ue.Err != nil {
		return ue.Err
	}
	return err
}

// Retryable reports whether an attempt that ended with resp and err may be repeated, for a request that is safe to
// repeat: a *TransportError while ctx is alive, or an answer whose status [RetryableStatus] accepts.
func (c *Core) Retryable(ctx context.Context, resp *Response, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	if err != nil {
		var te *TransportError
		return errors.As(err, &te) && !errors.Is(err, context.Canceled)
	}
	return resp != nil && RetryableStatus(resp.StatusCode)
}

// Backoff waits before retry number n (1 for the first retry) after an attempt that failed with err (or with an
// answer to retry; err is then only logged): the policy's jittered delay, or retryAfter — the wait the server asked
// for with Retry-After, 0 when it did not — if longer, which also pauses the limiter for every request of the
// client. It returns false without waiting when the server asks for more than the policy's MaxRetryAfter or the
// wait would outlast ctx's deadline, and false when ctx ends while waiting.
func (c *Core) Backoff(ctx context.Context, n int, retryAfter time.Duration, err error) bool {
	d := c.retry.Delay(n)
	if retryAfter > 0 {
		if retryAfter > c.retry.maxRetryAfter() {
			return false
		}
		c.limiter.Pause(retryAfter)
		d = max(d, retryAfter)
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		return false
	}
	what := ""
	if err != nil {
		what = c.ScrubString(err.Error())
	}
	c.logger.Debug(c.pkg+": retrying", "attempt", n+1, "wait", d, "after", what)
	return Sleep(ctx, d) == nil
}

// RetryAfter returns the wait a response asks for with its Retry-After header; 0 when it asks for none.
func (r *Response) RetryAfter() time.Duration {
	if r == nil || r.Response == nil {
		return 0
	}
	d, _ := RetryAfter(r.Header, time.Now())
	return d
}

// Do sends the request newReq builds (a fresh one per attempt) with [Core.Send], retrying while [Core.Retryable]
// holds and the policy allows, waiting with [Core.Backoff]. Use it only for requests that are safe to repeat. It
// returns the last answer, whatever its status, with Attempts set, or the last error.
func (c *Core) Do(ctx context.Context, newReq func(context.Context) (*http.Request, error)) (*Response, error) {
	for n := 1; ; n++ {
		resp, err := c.Send(ctx, newReq)
		if resp != nil {
			resp.Attempts = n
		}
		if n >= c.retry.Attempts() || !c.Retryable(ctx, resp, err) {
			return resp, err
		}
		why := err
		if why == nil {
			why = errors.New(resp.Status)
		}
		if !c.Backoff(ctx, n, resp.RetryAfter(), why) {
			return resp, err
		}
	}
}

// Get sends a GET of the absolute URL u with the given Accept header through [Core.Do].
func (c *Core) Get(ctx context.Context, u, accept string) (*Response, error) {
	return c.Do(ctx, func(ctx context.Context) (*http.Request, error) {
		return c.NewRequest(ctx, http.MethodGet, u, nil, accept, "")
	})
}
