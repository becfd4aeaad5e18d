package httpx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestCheckBaseURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
		bad      string // substring of the error, empty when valid
	}{
		{in: "https://api.test.datacite.org", want: "https://api.test.datacite.org/"},
		{in: "https://api.example.org/v2/", want: "https://api.example.org/v2/"},
		{in: "http://127.0.0.1:8080", want: "http://127.0.0.1:8080/"},
		{in: "http://127.9.9.9/x", want: "http://127.9.9.9/x/"},
		{in: "http://localhost:1234", want: "http://localhost:1234/"},
		{in: "http://[::1]:80/", want: "http://[::1]:80/"},
		{in: "http://api.datacite.org", bad: "only for loopback"},
		{in: "http://10.0.0.1", bad: "only for loopback"},
		{in: "http://localhost.evil.org", bad: "only for loopback"},
		{in: "ftp://127.0.0.1", bad: "scheme"},
		{in: "https://user:hunter2@api.example.org", bad: "user information"},
		{in: "https://", bad: "no host"},
		{in: "https://api.example.org/?token=1", bad: "query"},
		{in: "::", bad: "not a URL"},
	}
	for _, tt := range tests {
		u, err := CheckBaseURL(tt.in)
		switch {
		case tt.bad == "" && err != nil:
			t.Errorf("CheckBaseURL(%q): %v", tt.in, err)
		case tt.bad == "" && u.String() != tt.want:
			t.Errorf("CheckBaseURL(%q) = %q, want %q", tt.in, u, tt.want)
		case tt.bad != "" && (err == nil || !strings.Contains(err.Error(), tt.bad)):
			t.Errorf("CheckBaseURL(%q) error %v, want one containing %q", tt.in, err, tt.bad)
		}
		if err != nil && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("CheckBaseURL(%q) leaks the password: %v", tt.in, err)
		}
	}
}

func TestRedact(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"https://u:pw@h/x":              "https://u:xxxxx@h/x",
		"https://h/x?api_key=s3&page=2": "https://h/x?api_key=xxxxx&page=2",
		"https://h/x?page=2":            "https://h/x?page=2",
	} {
		if got := RedactURL(in); got != want {
			t.Errorf("RedactURL(%q) = %q, want %q", in, got, want)
		}
	}
	base := fmt.Errorf("post: %w", context.DeadlineExceeded)
	err := Scrub(fmt.Errorf("auth s3cret failed: %w", base), "s3cret", "")
	if strings.Contains(err.Error(), "s3cret") || !strings.Contains(err.Error(), "[redacted]") {
		t.Errorf("Scrub left the secret: %q", err)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Scrub broke the error chain: %v", err)
	}
	if e := errors.New("clean"); Scrub(e, "s3cret") != e {
		t.Errorf("Scrub wrapped an error without secrets")
	}
	if Scrub(nil, "x") != nil {
		t.Errorf("Scrub(nil) != nil")
	}
}

func TestReadBody(t *testing.T) {
	t.Parallel()
	b, err := ReadBody(strings.NewReader("12345"), 5)
	if err != nil || string(b) != "12345" {
		t.Errorf("ReadBody at the cap = %q, %v", b, err)
	}
	_, err = ReadBody(strings.NewReader("123456"), 5)
	var tl *BodyTooLargeError
	if !errors.As(err, &tl) || tl.Limit != 5 {
		t.Errorf("ReadBody over the cap: %v, want *BodyTooLargeError{5}", err)
	}
}

func TestRetryAfter(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		v    string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"3", 3 * time.Second, true},
		{" 0 ", 0, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{"Sun, 22 Nov 2026 08:00:10 GMT", 10 * time.Second, true},
		{"Sun, 22 Nov 2026 07:00:00 GMT", 0, true},
		{"999999", 999999 * time.Second, true},
		{"18446744074", maxRetryAfterSeconds * time.Second, true},                // * 1e9 overflows uint64
		{"99999999999999999999999999", maxRetryAfterSeconds * time.Second, true}, // too long for int64
		{"+5", 0, false},
		{"1.5", 0, false},
		{"Fri, 31 Dec 9999 23:59:59 GMT", time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC).Sub(now), true},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.v != "" {
			h.Set("Retry-After", tt.v)
		}
		got, ok := RetryAfter(h, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("RetryAfter(%q) = %v, %v; want %v, %v", tt.v, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRetryableStatus(t *testing.T) {
	t.Parallel()
	for code, want := range map[int]bool{200: false, 400: false, 404: false, 422: false, 429: true, 500: true, 501: false, 502: true, 503: true, 504: true, 505: false} {
		if got := RetryableStatus(code); got != want {
			t.Errorf("RetryableStatus(%d) = %v, want %v", code, got, want)
		}
	}
}

func TestDelayGrowsWithJitter(t *testing.T) {
	t.Parallel()
	r := Retry{Base: 100 * time.Millisecond, Max: 1 * time.Second}
	for n, want := range map[int]time.Duration{1: 100 * time.Millisecond, 2: 200 * time.Millisecond, 3: 400 * time.Millisecond, 5: time.Second, 30: time.Second} {
		seen := map[time.Duration]bool{}
		for range 50 {
			d := r.Delay(n)
			if d < want/2 || d > want {
				t.Fatalf("Delay(%d) = %v, want within [%v, %v]", n, d, want/2, want)
			}
			seen[d] = true
		}
		if len(seen) < 2 {
			t.Errorf("Delay(%d) has no jitter: always %v", n, seen)
		}
	}
}

// flaky serves failures from the list in order, then 200 "ok".
func flaky(t *testing.T, statuses ...int) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		if i < len(statuses) {
			if statuses[i] == http.StatusTooManyRequests {
				w.Header().Set("Retry-After", "0")
			}
			if statuses[i] == -1 { // drop the connection
				hj, _ := w.(http.Hijacker)
				c, _, _ := hj.Hijack()
				c.Close()
				return
			}
			w.WriteHeader(statuses[i])
			return
		}
		io.WriteString(w, "ok")
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func TestRetryDo(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		statuses  []int
		attempts  int
		wantCode  int
		wantCalls int32
		wantErr   bool
	}{
		{"success first", nil, 3, 200, 1, false},
		{"5xx then success", []int{503, 502, 500}, 5, 200, 4, false},
		{"429 honoured", []int{429, 429}, 5, 200, 3, false},
		{"network error retried", []int{-1}, 3, 200, 2, false},
		{"not retryable", []int{404}, 5, 404, 1, false},
		{"gives up", []int{503, 503, 503, 503}, 3, 503, 3, false},
		{"gives up on network", []int{-1, -1, -1}, 2, 0, 2, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv, calls := flaky(t, tt.statuses...)
			c := newCore(t, srv.URL, func(c *Config) {
				c.Retry = Retry{MaxAttempts: tt.attempts, Base: time.Millisecond, Max: 5 * time.Millisecond}
			})
			resp, err := c.Get(context.Background(), srv.URL, "")
			if tt.wantErr {
				var te *TransportError
				if !errors.As(err, &te) {
					t.Fatalf("error %v, want a *TransportError", err)
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				if resp.StatusCode != tt.wantCode || resp.Attempts != int(tt.wantCalls) {
					t.Errorf("status %d after %d attempts, want %d after %d", resp.StatusCode, resp.Attempts, tt.wantCode, tt.wantCalls)
				}
			}
			if got := calls.Load(); got != tt.wantCalls {
				t.Errorf("%d calls, want %d", got, tt.wantCalls)
			}
		})
	}
}

func TestRetryStopsAtDeadline(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "30")
		w.WriteHeader(http.StatusTooManyRequests)
	}))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	resp, err := newCore(t, srv.URL, nil).Get(ctx, srv.URL, "")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 429 || time.Since(start) > time.Second {
		t.Errorf("got %d after %v; want the 429 at once, since Retry-After outlasts the deadline", resp.StatusCode, time.Since(start))
	}
}

func TestLimiterRate(t *testing.T) {
	t.Parallel()
	const rate, burst, n = 200.0, 5, 45
	lim := NewLimiter(rate, burst)
	start := time.Now()
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			if err := lim.Wait(context.Background()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	// The first burst goes at once; the other n-burst are spaced 1/rate apart.
	min := time.Duration(float64(n-burst) / rate * float64(time.Second))
	if el := time.Since(start); el < min-5*time.Millisecond {
		t.Errorf("%d waits at %v took %v, less than the %v the limit allows", n, lim, el, min)
	}
}

func TestLimiterDeadlineAndPause(t *testing.T) {
	t.Parallel()
	lim := NewLimiter(1, 1)
	if err := lim.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	err := lim.Wait(ctx)
	var le *LimitError
	if !errors.As(err, &le) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Wait past the deadline: %v, want *LimitError matching DeadlineExceeded", err)
	}
	// The refused request gave its slot back: the next one is due about 1 s after the first, not 2 s.
	lim.mu.Lock()
	ahead := time.Until(lim.tat)
	lim.mu.Unlock()
	if ahead > 1100*time.Millisecond {
		t.Errorf("after a refused wait the next slot is %v ahead, want at most 1s", ahead)
	}
	lim2 := NewLimiter(1000, 1)
	lim2.Pause(80 * time.Millisecond)
	start := time.Now()
	if err := lim2.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el < 70*time.Millisecond {
		t.Errorf("Wait after Pause(80ms) returned after %v", el)
	}
	var nilLim *Limiter
	if err := nilLim.Wait(context.Background()); err != nil || nilLim.String() != "unlimited" {
		t.Errorf("nil limiter: %v, %q", err, nilLim.String())
	}
}

func TestIsLoopback(t *testing.T) {
	t.Parallel()
	for h, want := range map[string]bool{"localhost": true, "LOCALHOST.": true, "a.localhost": true, "127.0.0.1": true, "::1": true, "[::1]": true,
		"0.0.0.0": false, "example.org": false, "localhost.example.org": false, "192.168.1.1": false} {
		if got := IsLoopback(h); got != want {
			t.Errorf("IsLoopback(%q) = %v, want %v", h, got, want)
		}
	}
}
