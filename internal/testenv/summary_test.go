package testenv

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

func TestMain(m *testing.M) { Main(m) }

// TestSkipSummary runs this package's tests in a child process as "go test" would without the shared data (an empty
// FAIRMETA_SHARED_DATA) and without a tool, and checks the one line Main writes after them.
func TestSkipSummary(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestWantsDataAndTool$")
	cmd.Env = append(os.Environ(), "FAIRMETA_SHARED_DATA="+t.TempDir(), "CI=", "FAIRMETA_TESTENV_SUMMARY=stderr", "FAIRMETA_TESTENV_CHILD=1")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("child: %v\n%s\n%s", err, out, stderr.String())
	}
	want := "fairmeta testenv: 2 tests skipped for want of ../shared/data (public reference data: README.md, Quick start), " +
		"1 test skipped for want of no-such-tool-fairmeta\n"
	if stderr.String() != want {
		t.Errorf("summary:\n got %q\nwant %q", stderr.String(), want)
	}
	// Nothing skipped, nothing said.
	cmd = exec.Command(os.Args[0], "-test.run=^TestSkipSummaryNothing$")
	cmd.Env = append(os.Environ(), "FAIRMETA_TESTENV_SUMMARY=stderr")
	stderr.Reset()
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil || stderr.Len() != 0 {
		t.Errorf("nothing skipped: %v, %q", err, stderr.String())
	}
}

// TestWantsDataAndTool is the child of TestSkipSummary: two tests needing shared files, one needing a tool.
func TestWantsDataAndTool(t *testing.T) {
	if os.Getenv("FAIRMETA_TESTENV_CHILD") == "" {
		t.Skip("run by TestSkipSummary in a child process")
	}
	t.Run("data", func(t *testing.T) { SharedData(t, "ror", "ror-records-v2.jsonl.gz") })
	t.Run("more data", func(t *testing.T) { SharedData(t, "datacite", "rest", "sample.json") })
	t.Run("tool", func(t *testing.T) { Tool(t, "no-such-tool-fairmeta", "nowhere") })
}

// TestSkipSummaryNothing is the child of TestSkipSummary that skips nothing.
func TestSkipSummaryNothing(t *testing.T) {}
