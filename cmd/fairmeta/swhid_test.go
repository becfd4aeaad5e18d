package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/internal/testenv"
)

func TestSWHIDCommand(t *testing.T) {
	git := testenv.Tool(t, "git", "apt-get install git")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "data.txt"), []byte("run 4271\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(git, "hash-object", filepath.Join(dir, "data.txt")).Output()
	if err != nil {
		t.Fatal(err)
	}
	blob := strings.TrimSpace(string(out))
	code, stdout, stderr := runCLI(t, "", "swhid", filepath.Join(dir, "data.txt"))
	if code != 0 || stdout != "swh:1:cnt:"+blob+"\n" {
		t.Errorf("swhid FILE: exit %d, out %q, err %q; want swh:1:cnt:%s", code, stdout, stderr, blob)
	}
	code, stdout, _ = runCLI(t, "", "swhid", dir, filepath.Join(dir, "data.txt"))
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if code != 0 || len(lines) != 2 || !strings.HasPrefix(lines[0], "swh:1:dir:") || !strings.HasSuffix(lines[0], "\t"+dir) {
		t.Errorf("swhid DIR FILE: exit %d, out %q", code, stdout)
	}
	if code, _, stderr := runCLI(t, "", "swhid", filepath.Join(dir, "missing")); code != 1 || !strings.Contains(stderr, "missing") {
		t.Errorf("swhid MISSING: exit %d, stderr %q; want 1 naming the path", code, stderr)
	}
	code, stdout, _ = runCLI(t, "", "swhid", "-lines", "3-5", filepath.Join(dir, "data.txt"))
	if code != 0 || stdout != "swh:1:cnt:"+blob+";lines=3-5\n" {
		t.Errorf("swhid -lines: exit %d, %q", code, stdout)
	}
	if code, _, stderr := runCLI(t, "", "swhid", "-lines", "5-3", filepath.Join(dir, "data.txt")); code != 1 || !strings.Contains(stderr, "lines") {
		t.Errorf("swhid -lines 5-3: exit %d, %q; want 1", code, stderr)
	}
	if code, _, _ := runCLI(t, "", "swhid", "-lines", "1", dir); code != 1 {
		t.Errorf("swhid -lines on a directory: exit %d, want 1", code)
	}
	if code, _, _ := runCLI(t, "", "swhid"); code != 2 {
		t.Errorf("swhid without a path: exit %d, want 2", code)
	}
}
