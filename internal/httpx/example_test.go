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

// A client core built from a configuration, as an API client package builds it: a GET retried through two 503s,
// with a rate limit and a body cap.
func ExampleConfig_Build() {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= 2 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, `{"ok":true}`)
	}))
	defer srv.Close()

	cfg := httpx.Config{Package: "example", UserAgent: "example/1.0", Timeout: 10 * time.Second}
	for _, err := range []error{ // what the package's WithBaseURL, WithRetry, ... options do
		cfg.SetBaseURL(srv.URL), // http:// is fine: the test server is on loopback
		cfg.SetRetry(5, time.Millisecond, 0),
		cfg.SetRateLimit(50, 5),
		cfg.SetMaxResponseSize(1 << 10),
	} {
		if err != nil {
			fmt.Println(err)
			return
		}
	}
	core, err := cfg.Build()
	if err != nil {
		fmt.Println(err)
		return
	}
	u, _ := core.Resolve("status")
	resp, err := core.Get(context.Background(), u.String(), "application/json")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(resp.StatusCode, string(resp.Body), "after", resp.Attempts, "attempts")
	fmt.Println(cfg.SetRetry(0, 0, 0))
	// Output:
	// 200 {"ok":true} after 3 attempts
	// example: WithRetry(0, 0s, 0s): want at least 1 attempt and waits >= 0
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
