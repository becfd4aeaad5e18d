package httpx

import (
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

func (r Retry) maxRetryAfter() time.Duration {
	if r.MaxRetryAfter <= 0 {
		return 2 * time.Minute
	}
	return r.MaxRetryAfter
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

// maxRetryAfterSeconds caps what RetryAfter returns: 68 years, far above any policy's MaxRetryAfter, far below
// the largest Duration.
const maxRetryAfterSeconds = 1 << 31

// RetryAfter reads a Retry-After header, in delay-seconds or as an HTTP date, and returns the wait from now, capped
// at 2^31 seconds so that any number, however large, reads as a long wait (never an overflow into a short one). It
// returns false when the header is absent or unreadable (a sign, a fraction, a word); a date in the past gives 0,
// true.
func RetryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if strings.Trim(v, "0123456789") == "" {
		// delay-seconds: capped before it becomes a Duration, so that no number can overflow into a short wait;
		// a number too long for int64 is as good as infinite.
		secs, err := strconv.ParseInt(v, 10, 64)
		if err != nil || secs > maxRetryAfterSeconds {
			secs = maxRetryAfterSeconds
		}
		return time.Duration(secs) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}
