package testenv

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// childEnv names the test a child process started by [Bounded] runs.
const childEnv = "FAIRMETA_BOUNDED_CHILD"

// MaxRSS is the memory any crafted input may take, the whole test process included, and MaxDuration the time it
// may take (checked as a figure in the log: the test fails only on a stall, at ten times that, since the shared
// machines' load varies).
const (
	MaxRSS      = 300 << 20
	MaxDuration = 5 * time.Second
)

// Usage is what a child process took.
type Usage struct {
	Elapsed time.Duration // wall clock, process start included
	CPU     time.Duration // user and system time: on a loaded machine, the figure to compare with the limit
	PeakRSS int64         // bytes
}

func (u Usage) String() string {
	return fmt.Sprintf("%.2f s wall, %.2f s CPU, peak RSS %.1f MB", u.Elapsed.Seconds(), u.CPU.Seconds(), float64(u.PeakRSS)/(1<<20))
}

// Bounded runs body in a child process — the test binary again, running only the calling test — and fails the test
// when the child fails, takes more than [MaxRSS] of memory (not checked under the race detector, whose shadow memory
// multiplies it) or stalls (ten times [MaxDuration], fifty under the race detector). In the child it runs body and
// returns a zero Usage. The figures are logged.
//
// The test calling Bounded must do its set-up (files, servers) inside body or before it deterministically, since
// the child runs the whole test function again.
func Bounded(t *testing.T, body func(t *testing.T)) Usage {
	t.Helper()
	if os.Getenv(childEnv) == t.Name() {
		body(t)
		return Usage{}
	}
	parts := strings.Split(t.Name(), "/")
	for i, p := range parts {
		parts[i] = "^" + regexp.QuoteMeta(p) + "$"
	}
	stall := 10 * MaxDuration
	if raceEnabled {
		stall *= 5 // the race detector slows everything down several times
	}
	ctx, cancel := context.WithTimeout(context.Background(), stall)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run="+strings.Join(parts, "/"), "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), childEnv+"="+t.Name())
	start := time.Now()
	out, err := cmd.CombinedOutput()
	u := Usage{Elapsed: time.Since(start)}
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			u.PeakRSS = ru.Maxrss << 10
			u.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		}
	}
	if ctx.Err() != nil {
		t.Fatalf("stalled: still running after %v\n%s", stall, out)
	}
	if err != nil {
		t.Fatalf("child process: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "--- PASS: "+t.Name()+" ") {
		t.Fatalf("child process ran nothing:\n%s", out)
	}
	t.Logf("%s: %v (limits %v, %d MB)", t.Name(), u, MaxDuration, MaxRSS>>20)
	if !raceEnabled && u.PeakRSS > MaxRSS {
		t.Errorf("peak RSS %.1f MB, want under %d MB", float64(u.PeakRSS)/(1<<20), MaxRSS>>20)
	}
	return u
}
