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

// String describes the core without its credentials, e.g. "httpx.Core(datacite https://api.test.datacite.org/)".
func (c *Core) String() string { return fmt.Sprintf("httpx.Core(%s %s)", c.pkg, c.base.Redacted()) }

// GoString is String, so that %#v shows no credential either.
func (c *Core) GoString() string { return c.String() }

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

// hasCredentials reports whether req carries credentials: the client's own, or an Authorization, Proxy-Authorization
// or Cookie header set some other way (by the caller's HTTP client or transport).
func (c *Core) hasCredentials(req *http.Request) bool {
	if c.creds.Username != "" || c.creds.Password != "" || len(c.creds.Header) > 0 {
		return true
	}
	for _, h := range []string{"Authorization", "Proxy-Authorization", "Cookie"} {
		if req.Header.Get(h) != "" {
			return true
		}
	}
	return false
}

// RedirectError reports a redirect the client refused to follow. The request was answered with the redirect and
// not repeated anywhere; for a request that changes something (a POST) the redirect is not taken as its answer.
type RedirectError struct {
	Package string // the client package, e.g. "datacite"
	Method  string // the method of the request that was redirected
	From    string // the URL that answered with the redirect, secrets redacted
	To      string // the URL it pointed to, secrets redacted
	Reason  string // why it was refused
}

// Error describes the refusal in one line, without credentials.
func (e *RedirectError) Error() string {
	return fmt.Sprintf("%s: %s %s: redirect to %s refused: %s", e.Package, e.Method, e.From, e.To, e.Reason)
}

// safeMethod reports the methods that may be repeated at another URL: they change nothing.
func safeMethod(m string) bool { return m == http.MethodGet || m == http.MethodHead }

// redirectPolicy returns the CheckRedirect of the core's HTTP client. A redirect is refused with a *RedirectError
// when it is the 11th, when it points to anything but https:// (or http:// on loopback), when it downgrades
// https:// to http://, when it leaves the request's origin (scheme, host, port) with credentials or with a method
// that changes something, and when it turns such a method into a GET. The caller's own policy runs last.
func (c *Core) redirectPolicy(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		first, prev := via[0], via[len(via)-1]
		refuse := func(reason string) error {
			return &RedirectError{Package: c.pkg, Method: first.Method, From: RedactURL(prev.URL.String()),
				To: RedactURL(req.URL.String()), Reason: reason}
		}
		secure := false
		for _, v := range via {
			secure = secure || strings.EqualFold(v.URL.Scheme, "https")
		}
		switch {
		case len(via) >= 10:
			return refuse("more than 10 redirects")
		case req.URL.Scheme != "https" && (req.URL.Scheme != "http" || !IsLoopback(req.URL.Hostname())):
			return refuse("only https:// (or http:// on loopback) is followed")
		case secure && req.URL.Scheme != "https":
			return refuse("https:// is never downgraded to http://")
		case !sameOrigin(req.URL, first.URL) && c.hasCredentials(first):
			return refuse("the request carries credentials, which are never sent to another origin (scheme, host or port)")
		case !safeMethod(first.Method) && !sameOrigin(req.URL, first.URL):
			return refuse("a " + first.Method + " is never repeated at another origin")
		case !safeMethod(first.Method) && req.Method != first.Method:
			return refuse("the server turned the " + first.Method + " into a " + req.Method + ", which cannot be its answer")
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
	var re *RedirectError
	if errors.As(err, &re) {
		return nil, re // an answer, not a transport failure: never retried
	}
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
	if retryAfter > c.retry.maxRetryAfter() {
		return false // checked before anything is paused: one answer cannot hold the client back for longer
	}
	d = max(d, retryAfter)
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		return false // this call gives up: the limiter other calls share is left as it is
	}
	if retryAfter > 0 {
		c.limiter.Pause(retryAfter)
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
