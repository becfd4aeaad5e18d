package hal

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
)

// Referentials that downgrade or throttle absurdly, all on loopback.

const structureJSON = `{"response":{"numFound":1,"docs":[{"docid":441569,"name_s":"CNRS","valid_s":"VALID","type_s":"institution"}]}}`

// The client never follows a redirect from https:// to http://.
func TestClientRefusesDowngrade(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, structureJSON)
	}))
	defer plain.Close()
	api := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, plain.URL+r.URL.RequestURI(), http.StatusFound)
	}))
	defer api.Close()
	c, err := NewClient(WithBaseURL(api.URL+"/"), WithHTTPClient(api.Client()), WithRetry(3, time.Millisecond, 0))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = c.StructureByID(context.Background(), "441569")
	var re *RedirectError
	if !errors.As(err, &re) || hits.Load() != 0 || !strings.Contains(err.Error(), "downgraded") {
		t.Errorf("StructureByID through an https→http redirect: %v, %d requests over http; want a *RedirectError and none", err, hits.Load())
	}
}

// One 429 asking for an absurd wait ends that call and leaves the client's shared limiter alone.
func TestClientRetryAfterDoesNotFreeze(t *testing.T) {
	t.Parallel()
	for _, ra := range testenv.AbsurdRetryAfter() {
		t.Run(ra, func(t *testing.T) {
			t.Parallel()
			var calls atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if calls.Add(1) == 1 {
					w.Header().Set("Retry-After", ra)
					w.WriteHeader(http.StatusTooManyRequests)
					return
				}
				fmt.Fprint(w, structureJSON)
			}))
			defer srv.Close()
			c, err := NewClient(WithBaseURL(srv.URL+"/"), WithRetry(5, time.Millisecond, 0), WithRateLimit(10, 1))
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			_, _, err = c.StructureByID(ctx, "441569")
			var ae *APIError
			if !errors.As(err, &ae) || ae.StatusCode != http.StatusTooManyRequests || calls.Load() != 1 {
				t.Errorf("StructureByID: %v after %d calls; want the 429 after 1", err, calls.Load())
			}
			if s, ok, err := c.StructureByID(ctx, "441569"); err != nil || !ok || s.Name != "CNRS" {
				t.Errorf("the next call: %+v, %v, %v; want it unaffected", s, ok, err)
			}
		})
	}
}
