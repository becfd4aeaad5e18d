package datacite_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/datacite/datacitetest"
)

// BenchmarkMintBatchRateLimited mints 2,000 records against a server limited to R requests per second (bursts of
// R/10), with the client's limiter set to the same R but bursts of 2 — a client that spends the server's burst
// tolerance at the start has none left for network jitter, and every 429 costs a whole second of Retry-After — and
// reports the rate reached as a percentage of R ("pct_of_R"): the batch
// should be limited by the server alone. Run it with
//
//	go test -run '^$' -bench MintBatchRateLimited -benchtime 1x ./datacite/
func BenchmarkMintBatchRateLimited(b *testing.B) {
	for _, r := range []float64{200, 500} {
		b.Run(fmt.Sprintf("R=%v", r), func(b *testing.B) {
			const n = 2000
			var pct, rps float64
			for i := 0; i < b.N; i++ {
				srv := datacitetest.NewServer(datacitetest.WithRepository(repo, password, prefix), datacitetest.WithRateLimit(r, int(r/10)))
				c, err := datacite.NewClient(datacite.WithBaseURL(srv.URL), datacite.WithCredentials(repo, password),
					datacite.WithRateLimit(r, 2), datacite.WithRetry(6, 10*time.Millisecond, time.Second))
				if err != nil {
					b.Fatal(err)
				}
				recs := records(n, fmt.Sprintf("bench-%d", i))
				start := time.Now()
				results, err := c.MintBatch(context.Background(), recs, datacite.BatchOptions{Prefix: prefix, Event: datacite.EventPublish, Workers: 32})
				el := time.Since(start)
				if err != nil || failed(results) > 0 {
					b.Fatalf("batch: %v, %d failed", err, failed(results))
				}
				st := srv.Stats()
				// The first burst is free; the steady state is what the limit allows.
				rps = float64(st.Requests) / el.Seconds()
				pct = 100 * float64(n) / el.Seconds() / r
				b.Logf("R=%v: %d records in %v: %.1f records/s, %.1f requests/s (%d requests, %d answered 429) = %.1f%% of R",
					r, n, el.Round(time.Millisecond), float64(n)/el.Seconds(), rps, st.Requests, st.RateLimited, pct)
				srv.Close()
			}
			b.ReportMetric(pct, "pct_of_R")
			b.ReportMetric(rps, "req/s")
		})
	}
}
