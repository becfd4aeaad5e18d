package software

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/internal/testenv"
)

// gitRun runs the real git in dir (see testenv.Git).
func gitRun(t testing.TB, dir, stdin string, args ...string) string {
	t.Helper()
	return testenv.Git(t, dir, stdin, args...)
}

// writeFile writes a file with exactly the given mode (see testenv.WriteFile).
func writeFile(t testing.TB, path, content string, mode os.FileMode) {
	t.Helper()
	testenv.WriteFile(t, path, content, mode)
}

// newRepo makes a repository with two commits, an annotated and a lightweight tag and a remote with credentials.
func newRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	gitRun(t, dir, "", "init", "-q", "-b", "main")
	writeFile(t, filepath.Join(dir, "README.md"), "# tool\n", 0o644)
	writeFile(t, filepath.Join(dir, "cmd", "run.sh"), "#!/bin/sh\necho run\n", 0o755)
	gitRun(t, dir, "", "add", "-A")
	gitRun(t, dir, "", "commit", "-q", "-m", "first")
	gitRun(t, dir, "", "tag", "-a", "v1.9.0", "-m", "old release")
	writeFile(t, filepath.Join(dir, "README.md"), "# tool\n\nSecond version.\n", 0o644)
	gitRun(t, dir, "", "commit", "-q", "-am", "second")
	gitRun(t, dir, "", "tag", "-a", "v1.10.0", "-m", "release 1.10")
	gitRun(t, dir, "", "tag", "candidate")
	gitRun(t, dir, "", "remote", "add", "origin", "https://builder:s3cret-token@gitlab.in2p3.fr/dop2i/tool.git")
	return dir
}

// The facts a release description needs, from a checkout: commit, time, highest tag, remote without credentials,
// and whether the tree is modified.
func TestRepoGit(t *testing.T) {
	dir := newRepo(t)
	repo, err := OpenRepo(filepath.Join(dir, "cmd"))
	if err != nil {
		t.Fatal(err)
	}
	if repo.WorkTree != dir {
		t.Errorf("WorkTree = %q, want %q", repo.WorkTree, dir)
	}
	g, err := repo.Git()
	if err != nil {
		t.Fatal(err)
	}
	want := GitInfo{Commit: gitRun(t, dir, "", "rev-parse", "HEAD"), CommitTime: time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC),
		Tag: "v1.10.0", Remote: "https://gitlab.in2p3.fr/dop2i/tool"}
	if g.Commit != want.Commit || !g.CommitTime.Equal(want.CommitTime) || g.Tag != want.Tag || g.Remote != want.Remote || g.Status.Dirty() {
		t.Errorf("Git() = %+v\nwant %+v", g, want)
	}
	writeFile(t, filepath.Join(dir, "README.md"), "changed\n", 0o644)
	if g, err := repo.Git(); err != nil || len(g.Status.Modified) != 1 || g.Status.Modified[0] != "README.md" || !g.Status.Dirty() {
		t.Errorf("after a change: %+v, %v; want README.md modified", g.Status, err)
	}
	sha256Repo := t.TempDir()
	gitRun(t, sha256Repo, "", "init", "-q", "--object-format=sha256")
	var ge *GitError
	if _, err := OpenRepo(sha256Repo); !errors.As(err, &ge) || !strings.Contains(err.Error(), "sha256") || !strings.HasPrefix(err.Error(), "software: git: ") {
		t.Errorf("SHA-256 repository: %v, want a *GitError naming the object format", err)
	}
	if _, err := OpenRepo(t.TempDir()); err != ErrNoRepo {
		t.Errorf("OpenRepo outside a repository: %v, want ErrNoRepo", err)
	}
	if _, err := (&Repo{}).Git(); err == nil {
		t.Errorf("Git on a zero Repo: no error")
	}
}

// A remote address carrying a credential — user information, a token in the query, an scp-style "user:token@" —
// never reaches what is published from a checkout: the record Discover makes, its CodeMeta, and an RO-Crate of a
// run of the release.
func TestRemoteCredentialsNeverPublished(t *testing.T) {
	dir := newRepo(t)
	writeFile(t, filepath.Join(dir, "codemeta.json"), `{"@context": "https://w3id.org/codemeta/3.0", "@type": "SoftwareSourceCode", "name": "tool", "version": "1.10.0"}`, 0o644)
	for _, remote := range []string{
		"https://gitlab.in2p3.fr/dop2i/tool.git?private_token=glpat-s3cret",
		"https://oauth2:glpat-s3cret@gitlab.in2p3.fr/dop2i/tool.git",
		"https://gitlab.in2p3.fr/dop2i/tool.git#s3cret",
		"ci:s3cret@gitlab.in2p3.fr:dop2i/tool.git",
	} {
		gitRun(t, dir, "", "remote", "set-url", "origin", remote)
		r, _, err := Discover(dir)
		if err != nil {
			t.Fatal(err)
		}
		if r.Software.CodeRepository != "https://gitlab.in2p3.fr/dop2i/tool" {
			t.Errorf("remote %s: code repository %q", remote, r.Software.CodeRepository)
		}
		var cm bytes.Buffer
		if _, err := WriteCodeMeta(&cm, r); err != nil {
			t.Fatal(err)
		}
		var crate bytes.Buffer
		run := &Run{Name: "calibrate", Software: ReleaseFromResource(r), Start: time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)}
		if err := WriteRunCrate(&crate, run, nil); err != nil {
			t.Fatal(err)
		}
		for name, out := range map[string]string{"CodeMeta": cm.String(), "RO-Crate": crate.String()} {
			if strings.Contains(out, "s3cret") || !strings.Contains(out, "https://gitlab.in2p3.fr/dop2i/tool") {
				t.Errorf("remote %s: %s shows the credential or lacks the repository:\n%s", remote, name, out)
			}
		}
	}
}
