package testenv

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
)

// What was skipped, counted so that a run without the shared data says so. "go test ./..." shows nothing of a
// passing package but its "ok" line — not the skip messages — so a newcomer on a fresh clone would not know that
// part of the suite did not run. [Main] prints one line per package that skipped tests, on the terminal.

// skips counts the tests of this test binary skipped for want of something: "../shared/data" or a tool's name.
var skips = struct {
	sync.Mutex
	n map[string]int
}{n: map[string]int{}}

func countSkip(what string) {
	skips.Lock()
	skips.n[what]++
	skips.Unlock()
}

// sharedDataWant names the shared data in the skip summary.
const sharedDataWant = "../shared/data"

// Main runs a package's tests and exits; call it from the package's TestMain. When tests were skipped for want of
// the shared reference data or a tool, it then writes one line saying how many and where the data comes from, to the
// terminal (/dev/tty, which "go test ./..." does not capture; standard error when there is none):
//
//	fairmeta ror: 7 tests skipped for want of ../shared/data (public reference data: README.md, Quick start)
func Main(m *testing.M) {
	code := m.Run()
	if line := skipSummary(filepath.Base(os.Args[0])); line != "" {
		w, closeW := summaryWriter()
		fmt.Fprintln(w, line)
		closeW()
	}
	os.Exit(code)
}

// skipSummary is the line of Main for the test binary named bin ("ror.test"), or "" when nothing was skipped.
func skipSummary(bin string) string {
	skips.Lock()
	defer skips.Unlock()
	if len(skips.n) == 0 {
		return ""
	}
	var parts []string
	if n := skips.n[sharedDataWant]; n > 0 {
		parts = append(parts, fmt.Sprintf("%d %s for want of %s (public reference data: README.md, Quick start)", n, plural(n), sharedDataWant))
	}
	var tools []string
	for what := range skips.n {
		if what != sharedDataWant {
			tools = append(tools, what)
		}
	}
	sort.Strings(tools)
	for _, t := range tools {
		n := skips.n[t]
		parts = append(parts, fmt.Sprintf("%d %s for want of %s", n, plural(n), t))
	}
	pkg := strings.TrimSuffix(strings.TrimSuffix(bin, ".exe"), ".test")
	return "fairmeta " + pkg + ": " + strings.Join(parts, ", ")
}

func plural(n int) string {
	if n == 1 {
		return "test skipped"
	}
	return "tests skipped"
}

// summaryWriter returns the terminal, or standard error when there is none (or FAIRMETA_TESTENV_SUMMARY=stderr).
func summaryWriter() (io.Writer, func()) {
	if os.Getenv("FAIRMETA_TESTENV_SUMMARY") != "stderr" {
		if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
			return tty, func() { tty.Close() }
		}
	}
	return os.Stderr, func() {}
}
