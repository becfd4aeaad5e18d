package harvest_test

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

	"github.com/dop2i/fairmeta/harvest"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// Repositories that downgrade or throttle absurdly, all on loopback.

const identifyXML = `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2026-12-01T00:00:00Z</responseDate>
<request verb="Identify">http://127.0.0.1/oai</request><Identify><repositoryName>Test</repositoryName>
<baseURL>http://127.0.0.1/oai</baseURL><protocolVersion>2.0</protocolVersion><adminEmail>a@example.org</adminEmail>
<earliestDatestamp>2000-01-01</earliestDatestamp><deletedRecord>no</deletedRecord><granularity>YYYY-MM-DD</granularity>
</Identify></OAI-PMH>`

// An OAI-PMH client never follows a redirect from https:// to http://.
func TestOAIClientRefusesDowngrade(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprint(w, identifyXML)
	}))
	defer plain.Close()
	repo := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, plain.URL+r.URL.RequestURI(), http.StatusMovedPermanently)
	}))
	defer repo.Close()
	c, err := harvest.NewOAIClient(repo.URL+"/oai", harvest.WithHTTPClient(repo.Client()), harvest.WithRetry(3, time.Millisecond, 0))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Identify(context.Background())
	var re *harvest.RedirectError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "downgraded") || hits.Load() != 0 {
		t.Errorf("Identify through an https→http redirect: %v, %d requests over http; want a refusal and none", err, hits.Load())
	}
}

// One 503 asking for an absurd wait ends that call and leaves the client's shared limiter alone.
func TestOAIRetryAfterDoesNotFreeze(t *testing.T) {
	t.Parallel()
	for _, ra := range testenv.AbsurdRetryAfter() {
		t.Run(ra, func(t *testing.T) {
			t.Parallel()
			var calls atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if calls.Add(1) == 1 {
					w.Header().Set("Retry-After", ra)
					w.WriteHeader(http.StatusServiceUnavailable)
					return
				}
				fmt.Fprint(w, identifyXML)
			}))
			defer srv.Close()
			c, err := harvest.NewOAIClient(srv.URL+"/oai", harvest.WithRetry(5, time.Millisecond, 0), harvest.WithRateLimit(10, 1))
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			_, err = c.Identify(ctx)
			var re *harvest.RequestError
			if !errors.As(err, &re) || re.Status != http.StatusServiceUnavailable || calls.Load() != 1 {
				t.Errorf("Identify: %v after %d calls; want the 503 after 1", err, calls.Load())
			}
			if id, err := c.Identify(ctx); err != nil || id.RepositoryName != "Test" {
				t.Errorf("the next call: %v; want it unaffected", err)
			}
		})
	}
}
