// Package testenv finds what tests need outside the repository: the shared reference data (../shared/data) and
// external tools such as xmllint. When something is missing a test is skipped with a message saying what and how to
// get it, except under CI (the CI environment variable set), where a missing prerequisite fails the test: CI installs
// everything and must not skip.
package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

var findOnce = sync.OnceValue(func() string {
	if d := os.Getenv("FAIRMETA_SHARED_DATA"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		for _, cand := range []string{filepath.Join(dir, "shared", "data"), filepath.Join(dir, "..", "shared", "data")} {
			if st, err := os.Stat(filepath.Join(cand, "SOURCES.tsv")); err == nil && !st.IsDir() {
				return filepath.Clean(cand)
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
})

// SharedDataDir returns the shared reference data folder and whether it was found. It honours FAIRMETA_SHARED_DATA,
// then looks for shared/data beside the repository checkout (or any folder above it).
func SharedDataDir() (string, bool) {
	d := findOnce()
	return d, d != ""
}

// SharedData returns the path of rel inside the shared data folder, skipping the test (failing it under CI) when the
// folder or the file is missing.
func SharedData(tb testing.TB, rel ...string) string {
	tb.Helper()
	d, ok := SharedDataDir()
	if !ok {
		missing(tb, sharedDataWant, "shared reference data not found (expected ../shared/data beside the checkout, or set FAIRMETA_SHARED_DATA)")
		return ""
	}
	p := filepath.Join(append([]string{d}, rel...)...)
	if _, err := os.Stat(p); err != nil {
		missing(tb, sharedDataWant, "shared reference file missing: "+p)
	}
	return p
}

// Tool returns the path of an external program, skipping the test (failing it under CI) when it is not installed.
// hint says how to install it, e.g. "apt-get install libxml2-utils".
func Tool(tb testing.TB, name, hint string) string {
	tb.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		missing(tb, name, name+" not installed ("+hint+")")
	}
	return p
}

// InCI reports whether the tests run under CI, where nothing may be skipped for a missing prerequisite.
func InCI() bool { return os.Getenv("CI") != "" }

// missing skips the test (fails it under CI) for want of what (sharedDataWant or a tool's name), counted for [Main].
func missing(tb testing.TB, what, msg string) {
	tb.Helper()
	if InCI() {
		tb.Fatal("CI must not skip: " + msg)
	}
	countSkip(what)
	tb.Skip(msg)
}

// AbsurdRetryAfter returns the Retry-After values a broken or hostile server may send, which every client's test
// must survive alike: a huge number of seconds, one whose nanoseconds overflow an int64, one too long for any
// integer, and a date in the year 9999.
func AbsurdRetryAfter() []string {
	return []string{"999999", "18446744074", "99999999999999999999999", "Fri, 31 Dec 9999 23:59:59 GMT"}
}
