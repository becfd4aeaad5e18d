package httpx

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Retry is a retry policy: how many attempts, and how long to wait between them. Waits grow exponentially from Base
// to Max with jitter (each wait is uniformly drawn between half and all of the exponential value), and a server's
// Retry-After is honoured when it asks for longer. The zero value is a useful policy (5 attempts, 250 ms base,
// 30 s cap, Retry-After honoured up to 2 minutes). A Retry is a plain value, safe for concurrent use.
type Retry struct {
	// MaxAttempts is the number of attempts including the first; 0 means 5, 1 means no retry.
	MaxAttempts int
	// Base is the wait before the first retry, before jitter; 0 means 250 ms.
	Base time.Duration
	// Max caps one computed wait; 0 means 30 s.
	Max time.Duration
	// MaxRetryAfter is the longest Retry-After honoured; a server asking for longer ends the retries. 0 means 2 min.
	MaxRetryAfter time.Duration
}

func (r Retry) attempts() int {
	if r.MaxAttempts <= 0 {
		return 5
	}
	return r.MaxAttempts
}

// Attempts returns the number of attempts the policy allows, including the first.
func (r Retry) Attempts() int { return r.attempts() }

// Delay returns the jittered wait before retry number n (n = 1 for the first retry).
func (r Retry) Delay(n int) time.Duration {
	base, maxd := r.Base, r.Max
	if base <= 0 {
		base = 250 * time.Millisecond
	}
	if maxd <= 0 {
		maxd = 30 * time.Second
	}
	d := base
	for i := 1; i < n && d < maxd; i++ {
		d *= 2
	}
	d = min(d, maxd)
	half := d / 2
	return half + time.Duration(rand.Int64N(int64(half)+1))
}

// Wait sleeps before retry number n after resp (which may be nil after a network error): the longer of Delay(n) and
// the response's Retry-After. It returns false without sleeping when the server asks for more than MaxRetryAfter or
// when ctx's deadline would pass before the wait ends, and false after sleeping if ctx was cancelled meanwhile.
func (r Retry) Wait(ctx context.Context, n int, resp *http.Response) bool {
	d := r.Delay(n)
	if resp != nil {
		if ra, ok := RetryAfter(resp.Header, time.Now()); ok {
			lim := r.MaxRetryAfter
			if lim <= 0 {
				lim = 2 * time.Minute
			}
			if ra > lim {
				return false
			}
			d = max(d, ra)
		}
	}
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		return false
	}
	return Sleep(ctx, d) == nil
}

// Retryable reports whether a request that ended with resp and err may be worth repeating: a network error (other
// than the context ending), 429 Too Many Requests, or a 5xx status other than 501 Not Implemented and 505.
func Retryable(ctx context.Context, resp *http.Response, err error) bool {
	if err != nil {
		return ctx.Err() == nil && !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
	}
	return RetryableStatus(resp.StatusCode)
}

// RetryableStatus reports whether an HTTP status is worth retrying: 429, and 5xx except 501 and 505.
func RetryableStatus(code int) bool {
	switch {
	case code == http.StatusTooManyRequests:
		return true
	case code == http.StatusNotImplemented || code == http.StatusHTTPVersionNotSupported:
		return false
	default:
		return code >= 500 && code <= 599
	}
}

// RetryAfter reads a Retry-After header, in delay-seconds or as an HTTP date, and returns the wait from now.
// It returns false when the header is absent or unreadable; a date in the past gives 0, true.
func RetryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > 1<<31 {
			secs = 1 << 31
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}

// Do sends the request newReq builds (a fresh one per attempt, so bodies can be re-read), waiting for lim (nil for no
// limit) before each attempt and retrying as the policy says while [Retryable] holds. A 429 also pauses lim for the
// Retry-After, so every goroutine sharing the limiter slows down, not only this one.
//
// It returns the last response, whose body the caller must close, or the last error. Bodies of responses that were
// retried are drained and closed. Use Do only for requests that are safe to repeat.
func (r Retry) Do(ctx context.Context, hc *http.Client, lim *Limiter, newReq func(context.Context) (*http.Request, error)) (*http.Response, error) {
	n := r.attempts()
	for attempt := 1; ; attempt++ {
		if err := lim.Wait(ctx); err != nil {
			return nil, err
		}
		req, err := newReq(ctx)
		if err != nil {
			return nil, err
		}
		resp, err := hc.Do(req)
		if attempt >= n || !Retryable(ctx, resp, err) {
			return resp, err
		}
		if resp != nil && resp.StatusCode == http.StatusTooManyRequests {
			if ra, ok := RetryAfter(resp.Header, time.Now()); ok {
				lim.Pause(ra)
			}
		}
		if !r.Wait(ctx, attempt, resp) {
			return resp, err
		}
		if resp != nil {
			DrainClose(resp.Body)
		}
	}
}
