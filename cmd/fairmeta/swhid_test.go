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

// TestSWHIDQualifiedOrigin: "swhid -q" names the origin only when it is an address others can reach, without the
// credentials a remote URL may carry; a clone of a local repository has no origin qualifier, never a local path —
// nor does "software describe" give it as the code repository.
func TestSWHIDQualifiedOrigin(t *testing.T) {
	dir := t.TempDir()
	testenv.WriteFile(t, filepath.Join(dir, "results", "hist.txt"), "run 4271\n", 0o644)
	testenv.WriteFile(t, filepath.Join(dir, "CITATION.cff"), "cff-version: 1.2.0\nmessage: cite\ntitle: tool\nauthors:\n  - name: CC-IN2P3\n", 0o644)
	testenv.Git(t, dir, "", "init", "-q")
	testenv.Git(t, dir, "", "add", ".")
	testenv.Git(t, dir, "", "commit", "-q", "-m", "results")
	head := testenv.Git(t, dir, "", "rev-parse", "HEAD")
	testenv.Git(t, dir, "", "remote", "add", "origin", "https://example.org/placeholder")
	for _, c := range []struct{ remote, want string }{
		{filepath.Join(t.TempDir(), "upstream.git"), ""},
		{"file://" + filepath.Join(t.TempDir(), "upstream.git"), ""},
		{"https://ci-bot:s3cret@gitlab.in2p3.fr/dop2i/tool.git", ";origin=https://gitlab.in2p3.fr/dop2i/tool"},
		{"https://gitlab.in2p3.fr/dop2i/tool.git?private_token=s3cret", ";origin=https://gitlab.in2p3.fr/dop2i/tool"},
		{"https://gitlab.in2p3.fr/dop2i/tool.git?token=s3cret#s3cret", ";origin=https://gitlab.in2p3.fr/dop2i/tool"},
		{"ci:s3cret@gitlab.in2p3.fr:dop2i/tool.git", ";origin=https://gitlab.in2p3.fr/dop2i/tool"},
	} {
		testenv.Git(t, dir, "", "remote", "set-url", "origin", c.remote)
		code, out, errs := runCLI(t, "", "swhid", "-q", filepath.Join(dir, "results"))
		want := c.want + ";anchor=swh:1:rev:" + head + ";path=/results\n"
		if code != 0 || !strings.HasPrefix(out, "swh:1:dir:") || !strings.HasSuffix(out, want) || strings.Contains(out, "s3cret") {
			t.Errorf("remote %s: swhid -q: exit %d, %q (%s); want it to end in %q", c.remote, code, out, errs, want)
		}
		// The same remote as the code repository of the tree's description: a web address or nothing.
		code, out, errs = runCLI(t, "", "software", "describe", "-format", "codemeta", dir)
		local := strings.TrimPrefix(c.remote, "file://")
		if code != 0 || strings.Contains(out, local) || strings.Contains(out, "s3cret") || c.want != "" && !strings.Contains(out, `"codeRepository": "https://gitlab.in2p3.fr/dop2i/tool"`) {
			t.Errorf("remote %s: software describe: exit %d (%s)\n%s", c.remote, code, errs, out)
		}
		if c.want == "" {
			continue
		}
		// The same remote through software describe, in every format it writes.
		// (DataCite has no property for a bare repository without a title: it is only checked for the credential.)
		for _, format := range []string{"codemeta", "schemaorg", "cff", "zenodo", "fair", "datacite-json"} {
			code, out, errs := runCLI(t, "", "software", "describe", "-format", format, dir)
			holds := format == "datacite-json" || strings.Contains(out, "gitlab.in2p3.fr/dop2i/tool")
			if strings.Contains(out+errs, "s3cret") || code != 0 || !holds {
				t.Errorf("remote %s: software describe -format %s: exit %d, shows the credential or lacks the repository:\n%s%s", c.remote, format, code, out, errs)
			}
		}
	}
}
