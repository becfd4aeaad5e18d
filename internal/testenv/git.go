package testenv

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Git runs the real git in dir, isolated from the user's and the system's configuration and with a fixed author,
// committer and date, and returns its trimmed output. It skips the test (fails it under CI) when git is missing,
// and fails it when git fails.
func Git(tb testing.TB, dir, stdin string, args ...string) string {
	tb.Helper()
	bin := Tool(tb, "git", "apt-get install git")
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Camille Lefèvre", "GIT_AUTHOR_EMAIL=c@example.org", "GIT_COMMITTER_NAME=Camille Lefèvre",
		"GIT_COMMITTER_EMAIL=c@example.org", "GIT_AUTHOR_DATE=2026-11-02T10:00:00Z", "GIT_COMMITTER_DATE=2026-11-02T10:00:00Z")
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		tb.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// WriteFile writes content to path with exactly the given mode (the umask does not apply), creating its directory.
func WriteFile(tb testing.TB, path, content string, mode os.FileMode) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		tb.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		tb.Fatal(err)
	}
}
