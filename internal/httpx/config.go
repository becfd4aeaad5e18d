package httpx

import (
	"fmt"
	"log/slog"
	"math"
	"net/http"
	"sort"
	"strings"
	"time"
)

// Config is the configuration every fairmeta API client shares: base URL, HTTP client, User-Agent, rate limit,
// retry policy, per-attempt timeout, response size cap, logger and credentials. A client package embeds it in its
// own settings, sets its defaults, exposes one option per setting under the shared names, each a one-line call of
// the setter below, and calls [Config.Build] once every option is applied:
//
//	WithBaseURL(u string)                       -> SetBaseURL
//	WithHTTPClient(hc *http.Client)             -> SetHTTPClient
//	WithUserAgent(ua string)                    -> SetUserAgent
//	WithRateLimit(perSecond float64, burst int) -> SetRateLimit
//	WithRetry(attempts int, base, max Duration) -> SetRetry
//	WithTimeout(d time.Duration)                -> SetTimeout
//	WithMaxResponseSize(n int64)                -> SetMaxResponseSize
//	WithLogger(l *slog.Logger)                  -> SetLogger
//	WithEnv(getenv func(string) string)         -> CheckGetenv, then the package reads its own variables
//
// The setters validate their argument and return an error naming the option; nothing panics and nothing is read
// from the environment unless the caller passes WithEnv.
type Config struct {
	// Package is the client package's name; it starts every error message ("datacite: WithRetry(0, ...): ...").
	Package string
	// BaseURL is the API base URL, checked by Build with [CheckBaseURL].
	BaseURL string
	// HTTPClient is the caller's HTTP client; nil means a pooled go-cleanhttp client of the client's own. Build uses
	// a shallow copy with the redirect policy added, so the caller's value is never modified.
	HTTPClient *http.Client
	// UserAgent is the User-Agent header of every request.
	UserAgent string
	// Rate is the client-side limit in requests per second; 0 means no limit. Burst is the largest burst (>= 1).
	Rate  float64
	Burst int
	// Retry is the retry policy of requests that are safe to repeat.
	Retry Retry
	// Timeout bounds one HTTP attempt, body included; 0 means no limit beyond the context's.
	Timeout time.Duration
	// MaxBody caps a response body; 0 means DefaultMaxBody.
	MaxBody int64
	// Logger receives the client's debug lines (retries); nil discards them.
	Logger *slog.Logger
	// Credentials authenticate every request; see [Credentials].
	Credentials Credentials
}

// Credentials are what authenticates a client: HTTP basic authentication and/or headers carrying a token, an API
// key or a client ID. They are sent with requests to the API and to redirects within the same origin (scheme, host
// and port); a redirect to another origin is refused (a *RedirectError), and their values never appear in errors,
// log lines or the output of the fmt verbs (%v, %+v, %#v, %s).
type Credentials struct {
	Username, Password string      // basic authentication, sent when either is set
	Header             http.Header // e.g. {"Client-Id": {"..."}}
}

// String describes the credentials without their secrets, e.g. "{Username: REPO, Password: set, Header: [Client-Id]}".
func (cr Credentials) String() string {
	pw := "unset"
	if cr.Password != "" {
		pw = "set"
	}
	names := make([]string, 0, len(cr.Header))
	for k := range cr.Header {
		names = append(names, k)
	}
	sort.Strings(names)
	return fmt.Sprintf("{Username: %s, Password: %s, Header: [%s]}", cr.Username, pw, strings.Join(names, " "))
}

// GoString is String, so that %#v shows no secret either.
func (cr Credentials) GoString() string { return "httpx.Credentials" + cr.String() }

func (cr Credentials) secrets() []string {
	s := []string{cr.Password}
	for _, vs := range cr.Header {
		s = append(s, vs...)
	}
	return s
}

func (c *Config) errorf(format string, args ...any) error {
	return fmt.Errorf(c.Package+": "+format, args...)
}

// SetBaseURL sets the API base URL. It is checked by Build (https://, or http:// for loopback only; no user
// information, query or fragment), after every option, so that WithEnv may still change it.
func (c *Config) SetBaseURL(u string) error {
	if strings.TrimSpace(u) == "" {
		return c.errorf("WithBaseURL(%q): empty URL", u)
	}
	c.BaseURL = u
	return nil
}

// SetHTTPClient sets the HTTP client; nil is an error.
func (c *Config) SetHTTPClient(hc *http.Client) error {
	if hc == nil {
		return c.errorf("WithHTTPClient(nil): want an *http.Client")
	}
	c.HTTPClient = hc
	return nil
}

// SetUserAgent sets the User-Agent header; an empty value or one with a line break is an error.
func (c *Config) SetUserAgent(ua string) error {
	if strings.TrimSpace(ua) == "" || strings.ContainsAny(ua, "\r\n") {
		return c.errorf("WithUserAgent(%q): want a non-empty value on one line", ua)
	}
	c.UserAgent = ua
	return nil
}

// SetRateLimit sets the client-side rate limit: perSecond requests per second on average in bursts of up to burst.
// perSecond 0 turns the limit off (burst is then ignored); a negative or non-finite rate, or a burst below 1 with a
// limit, is an error.
func (c *Config) SetRateLimit(perSecond float64, burst int) error {
	switch {
	case perSecond < 0 || math.IsNaN(perSecond) || math.IsInf(perSecond, 0):
		return c.errorf("WithRateLimit(%v, %d): want a finite rate >= 0 (0 for no limit)", perSecond, burst)
	case perSecond > 0 && burst < 1:
		return c.errorf("WithRateLimit(%v, %d): want a burst of at least 1", perSecond, burst)
	}
	c.Rate, c.Burst = perSecond, burst
	return nil
}

// SetRetry sets the retry policy: attempts in all (1 means no retry), the wait before the first retry and the cap
// of one wait (0 for the policy's defaults, 250 ms and 30 s). attempts below 1 or a negative wait is an error.
func (c *Config) SetRetry(attempts int, base, maxWait time.Duration) error {
	if attempts < 1 || base < 0 || maxWait < 0 {
		return c.errorf("WithRetry(%d, %v, %v): want at least 1 attempt and waits >= 0", attempts, base, maxWait)
	}
	c.Retry = Retry{MaxAttempts: attempts, Base: base, Max: maxWait, MaxRetryAfter: c.Retry.MaxRetryAfter}
	return nil
}

// SetTimeout sets the time limit of one HTTP attempt, reading the body included; it must be positive.
func (c *Config) SetTimeout(d time.Duration) error {
	if d <= 0 {
		return c.errorf("WithTimeout(%v): want a positive duration", d)
	}
	c.Timeout = d
	return nil
}

// SetMaxResponseSize sets the cap on a response body; it must be positive.
func (c *Config) SetMaxResponseSize(n int64) error {
	if n <= 0 {
		return c.errorf("WithMaxResponseSize(%d): want a positive size in bytes", n)
	}
	c.MaxBody = n
	return nil
}

// SetLogger sets the logger; nil is an error (leave the option out to log nothing).
func (c *Config) SetLogger(l *slog.Logger) error {
	if l == nil {
		return c.errorf("WithLogger(nil): want a *slog.Logger")
	}
	c.Logger = l
	return nil
}

// CheckGetenv returns an error when the function WithEnv was given is nil. The package then reads its own
// variables through it, in the option itself, so that options keep their order.
func (c *Config) CheckGetenv(getenv func(string) string) error {
	if getenv == nil {
		return c.errorf("WithEnv(nil): want a function such as os.Getenv")
	}
	return nil
}

// NilOption is the error for a nil option at position i (0-based) of a constructor's options.
func (c *Config) NilOption(i int) error {
	return c.errorf("option %d is nil", i+1)
}

// Build checks the configuration and returns the client core. It fails for a base URL the rule of [CheckBaseURL]
// refuses, and for credentials whose header names or values cannot be sent. Errors never hold the credentials.
func (c *Config) Build() (*Core, error) {
	base, err := CheckBaseURL(c.BaseURL)
	if err != nil {
		return nil, err
	}
	cr := Credentials{Username: c.Credentials.Username, Password: c.Credentials.Password, Header: c.Credentials.Header.Clone()}
	if strings.ContainsAny(cr.Username+cr.Password, "\r\n") {
		return nil, c.errorf("credentials contain a line break")
	}
	for k, vs := range cr.Header {
		for _, v := range vs {
			if k == "" || strings.ContainsAny(k+v, "\r\n") {
				return nil, c.errorf("credential header %q contains a line break", k)
			}
		}
	}
	var hc http.Client
	if c.HTTPClient != nil {
		hc = *c.HTTPClient
	} else {
		hc = *NewClient(0) // per-attempt timeouts come from the core's contexts
	}
	logger := c.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	maxBody := c.MaxBody
	if maxBody <= 0 {
		maxBody = DefaultMaxBody
	}
	core := &Core{pkg: c.Package, base: base, retry: c.Retry, limiter: NewLimiter(c.Rate, c.Burst), userAgent: c.UserAgent,
		timeout: c.Timeout, maxBody: maxBody, logger: logger, creds: cr, secrets: cr.secrets()}
	hc.CheckRedirect = core.redirectPolicy(hc.CheckRedirect)
	core.hc = &hc
	return core, nil
}
