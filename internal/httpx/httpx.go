// Package httpx is the HTTP plumbing the fairmeta API clients share (DataCite, ROR, DOI resolution and every
// later client): one configuration core with the same settings and validation for every client, a pooled
// go-cleanhttp client, body reading with a size cap, retries with exponential backoff and jitter that honour
// Retry-After, a client-side token-bucket rate limiter, the "plain http:// only for loopback" rule for base URLs and
// redirects, credentials that never follow a redirect to another origin, and scrubbing of credentials from errors
// and log lines.
//
// It holds no global mutable state: every client, limiter and policy is a value its owner creates and configures.
//
// # Writing an API client
//
// A client package embeds [Config] in its settings, gives each setting an option under the shared name, and
// builds a [Core]:
//
//	type settings struct {
//		httpx.Config
//		// the package's own settings
//	}
//
//	// Option configures a Client. Options are made only by this package's With functions.
//	type Option interface{ apply(*settings) error }
//
//	type option func(*settings) error
//
//	func (o option) apply(s *settings) error { return o(s) }
//
//	// WithRetry sets ... (one line per shared option: WithBaseURL, WithHTTPClient, WithUserAgent, WithRateLimit,
//	// WithRetry, WithTimeout, WithMaxResponseSize, WithLogger, WithEnv)
//	func WithRetry(attempts int, base, maxWait time.Duration) Option {
//		return option(func(s *settings) error { return s.SetRetry(attempts, base, maxWait) })
//	}
//
//	func NewClient(opts ...Option) (*Client, error) {
//		s := settings{Config: httpx.Config{Package: "hal", BaseURL: DefaultBaseURL, UserAgent: "fairmeta-hal",
//			Timeout: 30 * time.Second, Rate: 5, Burst: 5}}
//		for i, o := range opts {
//			if o == nil {
//				return nil, s.NilOption(i)
//			}
//			if err := o.apply(&s); err != nil {
//				return nil, err
//			}
//		}
//		core, err := s.Build()
//		...
//	}
//
// Every request then goes through the core: [Core.Get] or [Core.Do] for requests that are safe to repeat (retried
// on network errors, 429 and 5xx), [Core.Send] for one attempt of a request that is not (the client decides with
// [Core.Retryable] and [Core.Backoff]). The core returns every HTTP answer as a [*Response]; the package turns a
// non-2xx answer into its own *APIError (StatusCode, Method, URL, Problems, RetryAfter) and matches its Err*
// conditions with an Is method.
package httpx

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-cleanhttp"
)

// DefaultMaxBody is the default cap on a response body read by API clients: 10 MiB, far above any metadata record.
const DefaultMaxBody = 10 << 20

// NewClient returns a new *http.Client with its own pooled transport (go-cleanhttp: dial, TLS-handshake, idle and
// keep-alive timeouts set, no shared global transport) and the given overall timeout per request, which includes
// reading the body. A timeout of 0 means no overall limit beyond the transport's own and the request's context.
func NewClient(timeout time.Duration) *http.Client {
	c := cleanhttp.DefaultPooledClient()
	c.Timeout = timeout
	return c
}

// BodyTooLargeError reports a response body longer than the cap it was read with.
type BodyTooLargeError struct {
	Limit int64 // the cap in bytes
}

// Error describes the failure in one line.
func (e *BodyTooLargeError) Error() string {
	return fmt.Sprintf("httpx: response body larger than %d bytes", e.Limit)
}

// ReadBody reads all of r, up to max bytes. A longer body gives a *BodyTooLargeError (what was read is discarded).
// max <= 0 means DefaultMaxBody.
func ReadBody(r io.Reader, max int64) ([]byte, error) {
	if max <= 0 {
		max = DefaultMaxBody
	}
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, &BodyTooLargeError{Limit: max}
	}
	return b, nil
}

// DrainClose reads up to 64 KiB of what is left of a body and closes it, so the connection can be reused.
func DrainClose(body io.ReadCloser) {
	if body == nil {
		return
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(body, 64<<10))
	_ = body.Close()
}

// URLError reports a base URL that a client must not use.
type URLError struct {
	URL    string // the URL with any user information removed
	Reason string
}

// Error describes the failure in one line.
func (e *URLError) Error() string { return fmt.Sprintf("httpx: base URL %q: %s", e.URL, e.Reason) }

// CheckBaseURL parses an API base URL and enforces the transport rule shared by all fairmeta clients: https:// for
// any host, plain http:// only for loopback hosts (localhost, 127.0.0.0/8, ::1), which is what test servers use.
// User information in the URL is refused rather than silently used: credentials belong in options, where they are
// kept out of errors. The returned URL has a path ending in "/" so that relative references resolve under it.
func CheckBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, &URLError{URL: RedactURL(raw), Reason: "not a URL"}
	}
	shown := RedactURL(raw)
	if u.User != nil {
		return nil, &URLError{URL: shown, Reason: "must not contain user information; pass credentials as options"}
	}
	if u.Host == "" {
		return nil, &URLError{URL: shown, Reason: "no host"}
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !IsLoopback(u.Hostname()) {
			return nil, &URLError{URL: shown, Reason: "plain http:// is accepted only for loopback hosts; use https://"}
		}
	default:
		return nil, &URLError{URL: shown, Reason: "scheme must be https (or http for loopback)"}
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, &URLError{URL: shown, Reason: "must not have a query or fragment"}
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		if u.RawPath != "" {
			u.RawPath += "/"
		}
	}
	return u, nil
}

// IsLoopback reports whether host (a name or an address, without port) is a loopback host: "localhost" or a name
// under ".localhost", an IPv4 address in 127.0.0.0/8, or ::1.
func IsLoopback(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// RedactURL returns raw with any password in its user information replaced by "xxxxx" and the values of query
// parameters that commonly carry secrets (token, key, password, ...) replaced too. Text that does not parse as a URL
// is returned with nothing removed only if it contains no "@"; otherwise it is replaced by a placeholder.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		if strings.Contains(raw, "@") {
			return "(unparsable URL)"
		}
		return raw
	}
	shown := u.Redacted() // password replaced by "xxxxx"
	if u.RawQuery != "" {
		q := u.Query()
		changed := false
		for k := range q {
			if secretParam(k) {
				q.Set(k, "xxxxx")
				changed = true
			}
		}
		if changed {
			u.RawQuery = q.Encode()
			shown = u.Redacted()
		}
	}
	return shown
}

func secretParam(k string) bool {
	k = strings.ToLower(k)
	for _, s := range []string{"token", "key", "password", "secret", "auth", "signature"} {
		if strings.Contains(k, s) {
			return true
		}
	}
	return false
}

// Scrub returns err with every occurrence of each non-empty secret in its message replaced by "[redacted]". The
// result still unwraps to err, so errors.Is and errors.As see the original chain; only Error() changes. It returns
// err itself when no secret occurs in the message, and nil for nil.
func Scrub(err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := ScrubString(msg, secrets...)
	if clean == msg {
		return err
	}
	return &scrubbed{msg: clean, err: err}
}

// ScrubString replaces every occurrence of each non-empty secret in s by "[redacted]", for log lines.
func ScrubString(s string, secrets ...string) string {
	for _, sec := range secrets {
		if sec != "" {
			s = strings.ReplaceAll(s, sec, "[redacted]")
		}
	}
	return s
}

type scrubbed struct {
	msg string
	err error
}

// Error describes the failure in one line.
func (s *scrubbed) Error() string { return s.msg }
func (s *scrubbed) Unwrap() error { return s.err }

// Sleep waits for d or until ctx is done, whichever comes first, and returns ctx.Err() in the second case.
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
