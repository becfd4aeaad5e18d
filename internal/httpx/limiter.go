package httpx

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// Limiter is a client-side token-bucket rate limiter: on average at most a given number of requests per second, with
// bursts of up to a given size. It is implemented as a generic cell rate algorithm (one "theoretical arrival time",
// no background goroutine). A nil *Limiter never waits. Safe for concurrent use.
type Limiter struct {
	mu       sync.Mutex
	interval time.Duration // time between two requests at the sustained rate
	tau      time.Duration // how far ahead of schedule a burst may run: (burst-1) intervals
	tat      time.Time     // theoretical arrival time of the next request
}

// NewLimiter returns a limiter allowing perSecond requests per second on average and bursts of burst requests.
// perSecond <= 0 returns nil, the limiter that never waits; burst < 1 is taken as 1.
func NewLimiter(perSecond float64, burst int) *Limiter {
	if perSecond <= 0 {
		return nil
	}
	burst = max(burst, 1)
	iv := time.Duration(float64(time.Second) / perSecond)
	return &Limiter{interval: iv, tau: time.Duration(burst-1) * iv}
}

// String describes the limit, e.g. "8 req/s, burst 8".
func (l *Limiter) String() string {
	if l == nil {
		return "unlimited"
	}
	return fmt.Sprintf("%.4g req/s, burst %d", float64(time.Second)/float64(l.interval), int(l.tau/l.interval)+1)
}

// LimitError reports that a wait for the limiter would outlast the context's deadline.
type LimitError struct {
	Wait time.Duration // how long the wait would have been
}

// Error describes the failure in one line.
func (e *LimitError) Error() string {
	return fmt.Sprintf("httpx: rate limit wait of %v exceeds the context deadline", e.Wait.Round(time.Millisecond))
}

// Unwrap makes errors.Is(err, context.DeadlineExceeded) true.
func (e *LimitError) Unwrap() error { return context.DeadlineExceeded }

// Wait blocks until a request may be sent, or returns an error when ctx ends first or its deadline is too near for
// the wait (a *LimitError); a request that was not sent gives its slot back.
func (l *Limiter) Wait(ctx context.Context) error {
	if l == nil {
		return ctx.Err()
	}
	l.mu.Lock()
	now := time.Now()
	tat := l.tat
	if tat.Before(now) {
		tat = now
	}
	start := tat.Add(-l.tau)
	l.tat = tat.Add(l.interval)
	l.mu.Unlock()
	wait := start.Sub(now)
	if wait <= 0 {
		return ctx.Err()
	}
	if dl, ok := ctx.Deadline(); ok && dl.Before(start) {
		l.giveBack()
		return &LimitError{Wait: wait}
	}
	if err := Sleep(ctx, wait); err != nil {
		l.giveBack()
		return err
	}
	return nil
}

func (l *Limiter) giveBack() {
	l.mu.Lock()
	l.tat = l.tat.Add(-l.interval)
	l.mu.Unlock()
}

// Pause holds every request back for d from now, as a server's Retry-After asks; requests already scheduled later
// are not moved. A nil limiter ignores it.
func (l *Limiter) Pause(d time.Duration) {
	if l == nil || d <= 0 {
		return
	}
	l.mu.Lock()
	if next := time.Now().Add(d + l.tau); next.After(l.tat) {
		l.tat = next
	}
	l.mu.Unlock()
}
