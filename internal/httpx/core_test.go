package httpx

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// newCore builds a core for base with fast retries and no rate limit; mod, if set, changes the configuration first.
func newCore(t *testing.T, base string, mod func(*Config)) *Core {
	t.Helper()
	cfg := Config{Package: "test", BaseURL: base, UserAgent: "fairmeta-test", Retry: Retry{MaxAttempts: 3, Base: time.Millisecond}, Timeout: 5 * time.Second}
	if mod != nil {
		mod(&cfg)
	}
	c, err := cfg.Build()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestConfigSetters(t *testing.T) {
	t.Parallel()
	hc := &http.Client{}
	tests := []struct {
		name  string
		set   func(*Config) error
		check func(*Config) bool // nil for a setting that must be refused
	}{
		{"base URL", func(c *Config) error { return c.SetBaseURL("https://api.example.org/v2") },
			func(c *Config) bool { return c.BaseURL == "https://api.example.org/v2" }},
		{"empty base URL", func(c *Config) error { return c.SetBaseURL(" ") }, nil},
		{"HTTP client", func(c *Config) error { return c.SetHTTPClient(hc) }, func(c *Config) bool { return c.HTTPClient == hc }},
		{"nil HTTP client", func(c *Config) error { return c.SetHTTPClient(nil) }, nil},
		{"user agent", func(c *Config) error { return c.SetUserAgent("x/1 (mailto:a@b.org)") }, func(c *Config) bool { return c.UserAgent == "x/1 (mailto:a@b.org)" }},
		{"user agent with a line break", func(c *Config) error { return c.SetUserAgent("x\r\nEvil: 1") }, nil},
		{"empty user agent", func(c *Config) error { return c.SetUserAgent("") }, nil},
		{"rate limit", func(c *Config) error { return c.SetRateLimit(8, 2) }, func(c *Config) bool { return c.Rate == 8 && c.Burst == 2 }},
		{"no rate limit", func(c *Config) error { return c.SetRateLimit(0, 0) }, func(c *Config) bool { return c.Rate == 0 }},
		{"negative rate", func(c *Config) error { return c.SetRateLimit(-1, 1) }, nil},
		{"NaN rate", func(c *Config) error { return c.SetRateLimit(math.NaN(), 1) }, nil},
		{"infinite rate", func(c *Config) error { return c.SetRateLimit(math.Inf(1), 1) }, nil},
		{"zero burst", func(c *Config) error { return c.SetRateLimit(5, 0) }, nil},
		{"retry", func(c *Config) error { return c.SetRetry(4, time.Second, time.Minute) },
			func(c *Config) bool {
				return c.Retry.Attempts() == 4 && c.Retry.Base == time.Second && c.Retry.Max == time.Minute
			}},
		{"no attempt", func(c *Config) error { return c.SetRetry(0, 0, 0) }, nil},
		{"negative wait", func(c *Config) error { return c.SetRetry(2, -time.Second, 0) }, nil},
		{"timeout", func(c *Config) error { return c.SetTimeout(time.Second) }, func(c *Config) bool { return c.Timeout == time.Second }},
		{"zero timeout", func(c *Config) error { return c.SetTimeout(0) }, nil},
		{"size cap", func(c *Config) error { return c.SetMaxResponseSize(100) }, func(c *Config) bool { return c.MaxBody == 100 }},
		{"zero size cap", func(c *Config) error { return c.SetMaxResponseSize(0) }, nil},
		{"logger", func(c *Config) error { return c.SetLogger(slog.Default()) }, func(c *Config) bool { return c.Logger == slog.Default() }},
		{"nil logger", func(c *Config) error { return c.SetLogger(nil) }, nil},
		{"getenv", func(c *Config) error { return c.CheckGetenv(func(string) string { return "" }) }, func(*Config) bool { return true }},
		{"nil getenv", func(c *Config) error { return c.CheckGetenv(nil) }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Config{Package: "pkg"}
			err := tt.set(c)
			switch {
			case tt.check == nil && err == nil:
				t.Errorf("accepted; want an error")
			case tt.check == nil && !strings.HasPrefix(err.Error(), "pkg: With"):
				t.Errorf("error %q does not start with the package and the option", err)
			case tt.check != nil && err != nil:
				t.Errorf("error %v; want none", err)
			case tt.check != nil && !tt.check(c):
				t.Errorf("config %+v does not hold the setting", c)
			}
		})
	}
}

func TestBuild(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		cfg  Config
	}{
		{"plain http outside loopback", Config{BaseURL: "http://api.example.org"}},
		{"user information", Config{BaseURL: "https://u:secret@api.example.org"}},
		{"no base URL", Config{}},
		{"password with a line break", Config{BaseURL: "https://api.example.org", Credentials: Credentials{Password: "a\nb"}}},
		{"header with a line break", Config{BaseURL: "https://api.example.org", Credentials: Credentials{Header: http.Header{"Client-Id": {"a\r\nb"}}}}},
	} {
		if _, err := tt.cfg.Build(); err == nil {
			t.Errorf("%s: built; want an error", tt.name)
		} else if strings.Contains(err.Error(), "secret") || strings.Contains(err.Error(), "a\nb") {
			t.Errorf("%s: error %q shows the credential", tt.name, err)
		}
	}
	hc := &http.Client{}
	c := newCore(t, "http://127.0.0.1:1", func(c *Config) { c.HTTPClient = hc })
	if hc.CheckRedirect != nil || c.HTTPClient() == hc || c.HTTPClient().CheckRedirect == nil {
		t.Errorf("Build changed the caller's HTTP client or did not add its redirect policy")
	}
}

func TestCoreSend(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/slow":
			time.Sleep(300 * time.Millisecond)
		case "/big":
			w.Write(make([]byte, 2000))
		case "/echo":
			w.Header().Set("Content-Type", "text/plain")
			w.Write([]byte(r.Header.Get("Accept") + " " + r.Header.Get("User-Agent")))
		}
	}))
	defer srv.Close()
	c := newCore(t, srv.URL, func(c *Config) { c.MaxBody = 1000; c.Retry = Retry{MaxAttempts: 1} })
	short := newCore(t, srv.URL, func(c *Config) { c.Timeout = 50 * time.Millisecond; c.Retry = Retry{MaxAttempts: 1} })
	u, err := c.Resolve("echo")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Get(context.Background(), u.String(), "application/json")
	if err != nil || string(resp.Body) != "application/json fairmeta-test" || resp.Attempts != 1 {
		t.Errorf("echo: %v %q", err, resp.Body)
	}
	_, err = short.Get(context.Background(), srv.URL+"/slow", "")
	var te *TransportError
	if !errors.As(err, &te) || !te.Sent || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("attempt past its timeout: %v; want a *TransportError, sent, matching DeadlineExceeded", err)
	}
	resp, err = c.Get(context.Background(), srv.URL+"/big", "")
	var tl *BodyTooLargeError
	if !errors.As(err, &tl) || tl.Limit != 1000 || resp == nil || resp.StatusCode != 200 {
		t.Errorf("2000-byte body with a 1000-byte cap: %v; want a *BodyTooLargeError with the response", err)
	}
	for _, bad := range []string{"/echo", "https://evil.example.org/", "//evil.example.org/x"} {
		if _, err := c.Resolve(bad); err == nil {
			t.Errorf("Resolve(%q) accepted", bad)
		}
	}
	if n := c.Requests(); n != 2 {
		t.Errorf("Requests() = %d, want 2", n)
	}
}
