package ror_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/internal/testenv"
	"github.com/dop2i/fairmeta/ror"
)

// Servers that redirect, throttle or answer with poisoned bodies, all on loopback.

// The Client-Id header never follows a redirect to another port, another host or plain http: the redirect is refused
// with a *ror.RedirectError and the other server never sees the request.
func TestClientIDNeverFollowsRedirects(t *testing.T) {
	t.Parallel()
	var otherHits atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherHits.Add(1)
		fmt.Fprint(w, rec1)
	}))
	defer other.Close()
	redirect := func(target string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, target+r.URL.Path, http.StatusFound) }
	}
	toPort := httptest.NewServer(redirect(other.URL))
	defer toPort.Close()
	toHost := httptest.NewServer(redirect(strings.Replace(other.URL, "127.0.0.1", "localhost", 1)))
	defer toHost.Close()
	toPlain := httptest.NewTLSServer(redirect(other.URL))
	defer toPlain.Close()
	for _, tt := range []struct {
		name   string
		srv    *httptest.Server
		id     bool // the client has a client ID
		follow bool
	}{
		{"other port with a client ID", toPort, true, false},
		{"other host with a client ID", toHost, true, false},
		{"https to http with a client ID", toPlain, true, false},
		{"https to http without a client ID", toPlain, false, false},
		{"other port without a client ID", toPort, false, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			opts := []ror.Option{ror.WithBaseURL(tt.srv.URL + "/v2/"), ror.WithRetry(3, time.Millisecond, 0), ror.WithHTTPClient(tt.srv.Client())}
			if tt.id {
				opts = append(opts, ror.WithClientID("cid-s3cret"))
			}
			c, err := ror.NewClient(opts...)
			if err != nil {
				t.Fatal(err)
			}
			before := otherHits.Load()
			o, err := c.Get(context.Background(), "01ggx4157")
			var re *ror.RedirectError
			switch {
			case tt.follow && (err != nil || o.DisplayName() == ""):
				t.Errorf("Get: %v; want the redirect followed", err)
			case !tt.follow && !errors.As(err, &re):
				t.Errorf("Get: %v, %v; want a *ror.RedirectError", o, err)
			case !tt.follow && otherHits.Load() != before:
				t.Errorf("the redirect target got a request")
			case err != nil && strings.Contains(err.Error(), "cid-s3cret"):
				t.Errorf("error shows the client ID: %v", err)
			}
		})
	}
}

// fmt never shows the client ID.
func TestClientPrintsNoClientID(t *testing.T) {
	t.Parallel()
	c, err := ror.NewClient(ror.WithClientID("cid-s3cret"))
	if err != nil {
		t.Fatal(err)
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if got := fmt.Sprintf(verb, c); strings.Contains(got, "cid-s3cret") || !strings.Contains(got, "client ID set") {
			t.Errorf("%s of the client = %s; want no client ID", verb, got)
		}
	}
}

// One 429 asking for an absurd wait — a huge number, one that overflows nanoseconds, a date in year 9999 — ends
// that call at once and leaves the client's shared limiter alone: the next call goes through.
func TestRetryAfterDoesNotFreezeClient(t *testing.T) {
	t.Parallel()
	for _, ra := range testenv.AbsurdRetryAfter() {
		t.Run(ra, func(t *testing.T) {
			t.Parallel()
			var calls atomic.Int32
			mux := http.NewServeMux()
			mux.HandleFunc("GET /organizations/{id}", func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				if r.PathValue("id") != "01ggx4157" {
					w.Header().Set("Retry-After", ra)
					w.WriteHeader(http.StatusTooManyRequests)
					return
				}
				fmt.Fprint(w, rec1)
			})
			c := setup(t, mux, ror.WithClientID("cid"), ror.WithRateLimit(10, 1))
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			_, err := c.Get(ctx, "02feahw73")
			if !errors.Is(err, ror.ErrRateLimited) || calls.Load() != 1 {
				t.Errorf("Get: %v after %d calls; want ErrRateLimited after 1", err, calls.Load())
			}
			if o, err := c.Get(ctx, "01ggx4157"); err != nil || o.DisplayName() == "" {
				t.Errorf("the next call: %v; want it unaffected", err)
			}
		})
	}
}

// ROR's error messages reach a terminal bounded and inert.
func TestErrorMessagesSanitised(t *testing.T) {
	t.Parallel()
	var body strings.Builder
	body.WriteString(`{"errors":["\u001b[31mbad\r\nfairmeta: ok cid-s3cret","` + strings.Repeat("A", 5<<20) + `"`)
	for i := range 200000 {
		fmt.Fprintf(&body, `,"e%d"`, i)
	}
	body.WriteString(`]}`)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /organizations/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, body.String())
	})
	c := setup(t, mux, ror.WithClientID("cid-s3cret"), ror.WithMaxResponseSize(16<<20))
	_, err := c.Get(context.Background(), "01ggx4157")
	var ae *ror.APIError
	if !errors.As(err, &ae) {
		t.Fatalf("got %v; want an *APIError", err)
	}
	msg := err.Error()
	switch {
	case strings.ContainsAny(msg, "\x1b\r\n") || strings.Contains(msg, "cid-s3cret") || len(msg) > 2000:
		t.Errorf("message (%d bytes) holds a control character, the client ID or too much: %.300q", len(msg), msg)
	case !strings.Contains(msg, `\x1b[31mbad\r\nfairmeta: ok [redacted]`) || !strings.HasSuffix(msg, "and 199992 more"):
		t.Errorf("message %.200q ... %q", msg, msg[len(msg)-40:])
	case len(ae.Problems) != 100 || ae.Omitted != 199902:
		t.Errorf("%d problems kept, %d omitted", len(ae.Problems), ae.Omitted)
	}
}
