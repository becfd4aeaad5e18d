package httpx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// redirectServers are three loopback servers: the API over http, another port over http, and the API over https.
type redirectServers struct {
	api, other, tls *httptest.Server
	otherHits       atomic.Int64
	seen            chan seenRequest
}

type seenRequest struct{ method, auth, clientID, body string }

func newRedirectServers(t *testing.T) *redirectServers {
	t.Helper()
	rs := &redirectServers{seen: make(chan seenRequest, 8)}
	record := func(w http.ResponseWriter, r *http.Request) {
		u, p, _ := r.BasicAuth()
		b, _ := io.ReadAll(r.Body)
		rs.seen <- seenRequest{r.Method, u + ":" + p, r.Header.Get("Client-Id"), string(b)}
		fmt.Fprint(w, "final")
	}
	rs.other = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rs.otherHits.Add(1)
		record(w, r)
	}))
	t.Cleanup(rs.other.Close)
	// The API redirects /to/CODE/TARGET to TARGET with status CODE; TARGET "api", "other", "host" (the API's port
	// under the name localhost) or "plain" (the API over plain http, from the https server).
	handler := func(w http.ResponseWriter, r *http.Request) {
		var code int
		var target string
		if _, err := fmt.Sscanf(r.URL.Path, "/to/%d/%s", &code, &target); err != nil {
			record(w, r)
			return
		}
		var dest string
		switch target {
		case "api":
			dest = "/final"
		case "other":
			dest = rs.other.URL + "/final"
		case "host":
			dest = strings.Replace(rs.api.URL, "127.0.0.1", "localhost", 1) + "/final"
		case "plain":
			dest = rs.api.URL + "/final"
		}
		http.Redirect(w, r, dest, code)
	}
	rs.api = httptest.NewServer(http.HandlerFunc(handler))
	t.Cleanup(rs.api.Close)
	rs.tls = httptest.NewTLSServer(http.HandlerFunc(handler))
	t.Cleanup(rs.tls.Close)
	return rs
}

// A request with credentials never follows a redirect to another scheme, host or port; a POST is never repeated at
// another origin nor turned into a GET; no redirect downgrades https to http. Each refusal is a *RedirectError, and
// the other server never sees the request.
func TestCoreRedirectPolicy(t *testing.T) {
	t.Parallel()
	rs := newRedirectServers(t)
	creds := Credentials{Username: "REPO", Password: "s3cret-pw", Header: http.Header{"Client-Id": {"cid-s3cret"}}}
	build := func(base string, withCreds bool) *Core {
		return newCore(t, base, func(c *Config) {
			c.Retry = Retry{MaxAttempts: 1}
			if withCreds {
				c.Credentials = creds
			}
			if strings.HasPrefix(base, "https") {
				c.HTTPClient = rs.tls.Client()
			}
		})
	}
	tests := []struct {
		name      string
		tls       bool   // the API over https
		creds     bool   // the core has credentials
		method    string // GET or POST
		path      string
		follow    bool        // the redirect is followed
		want      seenRequest // what the final server sees when followed
		otherSeen bool        // the other server is reached
	}{
		{"GET same origin, credentials", false, true, "GET", "/to/302/api", true, seenRequest{"GET", "REPO:s3cret-pw", "cid-s3cret", ""}, false},
		{"GET other port, credentials", false, true, "GET", "/to/302/other", false, seenRequest{}, false},
		{"GET other host, credentials", false, true, "GET", "/to/302/host", false, seenRequest{}, false},
		{"GET other port, 307, credentials", false, true, "GET", "/to/307/other", false, seenRequest{}, false},
		{"GET https to http, credentials", true, true, "GET", "/to/302/plain", false, seenRequest{}, false},
		{"POST 307 other port, credentials", false, true, "POST", "/to/307/other", false, seenRequest{}, false},
		{"POST 308 other host, credentials", false, true, "POST", "/to/308/host", false, seenRequest{}, false},
		{"POST 307 same origin, credentials", false, true, "POST", "/to/307/api", true, seenRequest{"POST", "REPO:s3cret-pw", "cid-s3cret", "{}"}, false},
		{"POST 302 same origin turned into GET", false, true, "POST", "/to/302/api", false, seenRequest{}, false},
		{"GET other port, no credentials", false, false, "GET", "/to/302/other", true, seenRequest{"GET", ":", "", ""}, true},
		{"GET https to http, no credentials", true, false, "GET", "/to/302/plain", false, seenRequest{}, false},
		{"POST 307 other port, no credentials", false, false, "POST", "/to/307/other", false, seenRequest{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := rs.api.URL
			if tt.tls {
				base = rs.tls.URL
			}
			c := build(base, tt.creds)
			before := rs.otherHits.Load()
			var body []byte
			if tt.method == "POST" {
				body = []byte("{}")
			}
			resp, err := c.Send(context.Background(), func(ctx context.Context) (*http.Request, error) {
				return c.NewRequest(ctx, tt.method, base+tt.path, body, "", "application/json")
			})
			var re *RedirectError
			switch {
			case tt.follow && err != nil:
				t.Fatalf("error %v; want the redirect followed", err)
			case tt.follow:
				if got := <-rs.seen; got != tt.want || string(resp.Body) != "final" {
					t.Errorf("final server saw %+v (body %q), want %+v", got, resp.Body, tt.want)
				}
			case !errors.As(err, &re):
				t.Fatalf("got %v, %v; want a *RedirectError", resp, err)
			case resp != nil:
				t.Errorf("a refused redirect returned a response %v", resp.Status)
			case strings.Contains(err.Error(), "s3cret"):
				t.Errorf("error %q shows a credential", err)
			case !strings.HasPrefix(err.Error(), "test: "+tt.method+" ") || !strings.Contains(err.Error(), "refused"):
				t.Errorf("error %q does not say which request was refused", err)
			}
			if got := rs.otherHits.Load() - before; (got > 0) != tt.otherSeen {
				t.Errorf("the other server got %d requests; want reached=%v", got, tt.otherSeen)
			}
			if c.Retryable(context.Background(), resp, err) && !tt.follow {
				t.Errorf("a refused redirect is retryable")
			}
		})
	}
}

// Do does not retry a refused redirect: the server answered.
func TestCoreRedirectNotRetried(t *testing.T) {
	t.Parallel()
	rs := newRedirectServers(t)
	c := newCore(t, rs.api.URL, func(c *Config) { c.Credentials = Credentials{Password: "pw"} })
	_, err := c.Get(context.Background(), rs.api.URL+"/to/302/other", "")
	var re *RedirectError
	if !errors.As(err, &re) || c.Requests() != 1 {
		t.Errorf("Get: %v after %d requests; want one request and a *RedirectError", err, c.Requests())
	}
}

// The fmt verbs never show a credential: %v, %+v, %#v and %s of the credentials, the configuration and the core.
func TestCredentialsNotPrinted(t *testing.T) {
	t.Parallel()
	cfg := Config{Package: "test", BaseURL: "https://api.example.org", UserAgent: "ua",
		Credentials: Credentials{Username: "REPO", Password: "s3cret-pw", Header: http.Header{"Client-Id": {"cid-s3cret"}}}}
	core, err := cfg.Build()
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []any{cfg.Credentials, &cfg.Credentials, cfg, &cfg, core} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			if got := fmt.Sprintf(verb, v); strings.Contains(got, "s3cret") {
				t.Errorf("%s of %T shows a secret: %s", verb, v, got)
			}
		}
	}
	if got := cfg.Credentials.String(); got != "{Username: REPO, Password: set, Header: [Client-Id]}" {
		t.Errorf("String() = %q", got)
	}
}

// One answer asking for a wait beyond the policy's cap (or one this call cannot make) ends the retries without
// pausing the limiter every call of the client shares: later calls go through at once.
func TestBackoffDoesNotPoisonLimiter(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ra := r.URL.Query().Get("ra"); ra != "" {
			n.Add(1)
			w.Header().Set("Retry-After", ra)
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	for _, ra := range []string{"999999", "18446744074", "99999999999999999999999999", "Fri, 31 Dec 9999 23:59:59 GMT", "121"} {
		c := newCore(t, srv.URL, func(c *Config) { c.Rate, c.Burst = 100, 1 })
		before := n.Load()
		resp, err := c.Get(context.Background(), srv.URL+"/?ra="+strings.ReplaceAll(ra, " ", "%20"), "")
		if err != nil || resp.StatusCode != http.StatusTooManyRequests || n.Load()-before != 1 {
			t.Errorf("Retry-After %q: %v, %d requests; want the 429 after one request", ra, err, n.Load()-before)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		resp, err = c.Get(ctx, srv.URL+"/", "")
		cancel()
		if err != nil || string(resp.Body) != "ok" {
			t.Errorf("the call after Retry-After %q: %v; want it unaffected", ra, err)
		}
	}
	// A wait under the cap that this call's deadline cannot make: the call gives up, the limiter is not paused.
	c := newCore(t, srv.URL, func(c *Config) { c.Rate, c.Burst = 100, 1 })
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	_, err := c.Get(ctx, srv.URL+"/?ra=60", "")
	cancel()
	ctx, cancel = context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if resp, err2 := c.Get(ctx, srv.URL+"/", ""); err2 != nil || string(resp.Body) != "ok" {
		t.Errorf("after a call that could not wait 60 s (%v): %v; want the next call unaffected", err, err2)
	}
}
