package httpx_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"time"

	"github.com/dop2i/fairmeta/internal/httpx"
)

// A GET retried through two 503s, with a limiter and a body cap, as an API client does it.
func ExampleRetry_Do() {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= 2 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, `{"ok":true}`)
	}))
	defer srv.Close()

	base, err := httpx.CheckBaseURL(srv.URL) // http:// is fine: the test server is on loopback
	if err != nil {
		fmt.Println(err)
		return
	}
	policy := httpx.Retry{Base: time.Millisecond}
	resp, err := policy.Do(context.Background(), httpx.NewClient(10*time.Second), httpx.NewLimiter(50, 5),
		func(ctx context.Context) (*http.Request, error) {
			return http.NewRequestWithContext(ctx, http.MethodGet, base.JoinPath("status").String(), nil)
		})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, err := httpx.ReadBody(resp.Body, 1<<10)
	fmt.Println(resp.StatusCode, string(body), err, "after", calls.Load(), "attempts")
	// Output: 200 {"ok":true} <nil> after 3 attempts
}

func ExampleCheckBaseURL() {
	for _, u := range []string{"https://api.test.datacite.org", "http://127.0.0.1:8080", "http://api.datacite.org"} {
		base, err := httpx.CheckBaseURL(u)
		fmt.Println(base, err)
	}
	// Output:
	// https://api.test.datacite.org/ <nil>
	// http://127.0.0.1:8080/ <nil>
	// <nil> httpx: base URL "http://api.datacite.org": plain http:// is accepted only for loopback hosts; use https://
}
