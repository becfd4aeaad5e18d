package doi_test

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

	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// Servers that downgrade, throttle or answer with poisoned bodies, all on loopback.

// Content negotiation never follows a redirect from https:// to http://, even on loopback.
func TestResolverRefusesDowngrade(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", doi.TypeCSLJSON)
		fmt.Fprint(w, `{"title":"downgraded"}`)
	}))
	defer plain.Close()
	proxy := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, plain.URL+r.URL.Path, http.StatusFound)
	}))
	defer proxy.Close()
	r, err := doi.NewResolver(doi.WithBaseURL(proxy.URL), doi.WithHTTPClient(proxy.Client()), doi.WithRetry(3, time.Millisecond, 0))
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Metadata(context.Background(), doi.MustParse("10.5072/abcd-ef12"), doi.TypeCSLJSON)
	var re *doi.RedirectError
	if !errors.As(err, &re) || hits.Load() != 0 || !strings.Contains(err.Error(), "downgraded") {
		t.Errorf("Metadata through an https→http redirect: %v, %d requests over http; want a *doi.RedirectError and none", err, hits.Load())
	}
}

// One 429 asking for an absurd wait ends that call and leaves the resolver's shared limiter alone.
func TestResolverRetryAfterDoesNotFreeze(t *testing.T) {
	t.Parallel()
	for _, ra := range testenv.AbsurdRetryAfter() {
		t.Run(ra, func(t *testing.T) {
			t.Parallel()
			var calls atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				if strings.HasSuffix(r.URL.Path, "/throttled") {
					w.Header().Set("Retry-After", ra)
					w.WriteHeader(http.StatusTooManyRequests)
					return
				}
				w.Header().Set("Content-Type", doi.TypeCSLJSON)
				fmt.Fprint(w, `{"title":"ok"}`)
			}))
			defer srv.Close()
			r, err := doi.NewResolver(doi.WithBaseURL(srv.URL), doi.WithRetry(3, time.Millisecond, 0), doi.WithRateLimit(10, 1))
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			if _, err := r.Metadata(ctx, doi.MustParse("10.5072/throttled"), doi.TypeCSLJSON); !errors.Is(err, doi.ErrRateLimited) || calls.Load() != 1 {
				t.Errorf("Metadata: %v after %d calls; want ErrRateLimited after 1", err, calls.Load())
			}
			if m, err := r.Metadata(ctx, doi.MustParse("10.5072/fine"), doi.TypeCSLJSON); err != nil || string(m.Body) != `{"title":"ok"}` {
				t.Errorf("the next call: %v; want it unaffected", err)
			}
		})
	}
}

// A server's error text reaches a terminal bounded and inert.
func TestResolverErrorSanitised(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, "\x1b]0;owned\x07gone\r\nfairmeta: resolved OK"+strings.Repeat("x", 5<<20))
	}))
	defer srv.Close()
	r, err := doi.NewResolver(doi.WithBaseURL(srv.URL), doi.WithRetry(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Metadata(context.Background(), doi.MustParse("10.5072/x"), doi.TypeCSLJSON)
	var ae *doi.APIError
	if !errors.As(err, &ae) || len(ae.Problems) != 1 {
		t.Fatalf("got %v; want an *APIError with the server's text", err)
	}
	if p := ae.Problems[0]; strings.ContainsAny(p, "\x1b\x07\r\n") || len(p) > 310 || !strings.HasPrefix(p, `\x1b]0;owned\x07gone\r\nfairmeta`) {
		t.Errorf("problem %.100q (%d bytes); want it escaped and cut", p, len(p))
	}
}
