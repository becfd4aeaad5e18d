package git

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/internal/testenv"
)

// newRepo makes a repository with two commits, an annotated and a lightweight tag and a remote with credentials.
func newRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	testenv.Git(t, dir, "", "init", "-q", "-b", "main")
	testenv.WriteFile(t, filepath.Join(dir, "README.md"), "# tool\n", 0o644)
	testenv.WriteFile(t, filepath.Join(dir, "cmd", "run.sh"), "#!/bin/sh\necho run\n", 0o755)
	testenv.Git(t, dir, "", "add", "-A")
	testenv.Git(t, dir, "", "commit", "-q", "-m", "first")
	testenv.Git(t, dir, "", "tag", "-a", "v1.9.0", "-m", "old release")
	testenv.WriteFile(t, filepath.Join(dir, "README.md"), "# tool\n\nSecond version.\n", 0o644)
	testenv.Git(t, dir, "", "commit", "-q", "-am", "second")
	testenv.Git(t, dir, "", "tag", "-a", "v1.10.0", "-m", "release 1.10")
	testenv.Git(t, dir, "", "tag", "candidate")
	testenv.Git(t, dir, "", "remote", "add", "origin", "https://builder:s3cret-token@gitlab.in2p3.fr/dop2i/tool.git")
	return dir
}

func TestRepoHeadTagsRemote(t *testing.T) {
	dir := newRepo(t)
	for _, packed := range []bool{false, true} {
		name := "loose"
		if packed {
			name = "packed"
			testenv.Git(t, dir, "", "gc", "-q", "--aggressive") // packs objects (with deltas) and refs
			if _, err := os.Stat(filepath.Join(dir, ".git", "packed-refs")); err != nil {
				t.Fatalf("git gc did not pack refs: %v", err)
			}
		}
		t.Run(name, func(t *testing.T) {
			repo, err := Open(filepath.Join(dir, "cmd"))
			if err != nil {
				t.Fatal(err)
			}
			if repo.WorkTree != dir {
				t.Errorf("WorkTree = %q, want %q", repo.WorkTree, dir)
			}
			head, err := repo.Head()
			if err != nil {
				t.Fatal(err)
			}
			want := testenv.Git(t, dir, "", "rev-parse", "HEAD")
			if head.Commit != want || head.Ref != "refs/heads/main" {
				t.Errorf("Head = %+v, want commit %s on refs/heads/main", head, want)
			}
			tags, err := repo.TagsAt(head.Commit)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(tags, []string{"candidate", "v1.10.0"}) {
				t.Errorf("TagsAt(HEAD) = %q, want [candidate v1.10.0]", tags)
			}
			first := testenv.Git(t, dir, "", "rev-parse", "HEAD~1")
			if tags, _ := repo.TagsAt(first); !slices.Equal(tags, []string{"v1.9.0"}) {
				t.Errorf("TagsAt(HEAD~1) = %q, want [v1.9.0]", tags)
			}
			remote, err := repo.RemoteURL("origin")
			if err != nil {
				t.Fatal(err)
			}
			if remote != "https://gitlab.in2p3.fr/dop2i/tool" {
				t.Errorf("RemoteURL = %q, want the web address without credentials", remote)
			}
			kind, body, err := repo.ReadObject(head.Commit)
			if err != nil {
				t.Fatal(err)
			}
			if kind != "commit" || ObjectID("commit", body) != head.Commit {
				t.Errorf("ReadObject(HEAD) = %s whose ID is %s, want the commit %s", kind, ObjectID("commit", body), head.Commit)
			}
			st, err := repo.Status()
			if err != nil {
				t.Fatal(err)
			}
			if st.Dirty() {
				t.Errorf("fresh checkout is dirty: %+v", st)
			}
		})
	}
}

func TestRepoStatus(t *testing.T) {
	dir := newRepo(t)
	repo, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	status := func() Status {
		t.Helper()
		st, err := repo.Status()
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	// Rewrite a file with the same content and size: stat data change, content does not.
	time.Sleep(10 * time.Millisecond)
	testenv.WriteFile(t, filepath.Join(dir, "README.md"), "# tool\n\nSecond version.\n", 0o644)
	if st := status(); st.Dirty() {
		t.Errorf("same content rewritten: dirty %+v, want clean", st)
	}
	testenv.WriteFile(t, filepath.Join(dir, "README.md"), "# tool\n\nSecond versioN.\n", 0o644) // same size
	if st := status(); !slices.Equal(st.Modified, []string{"README.md"}) || st.Staged {
		t.Errorf("modified file: %+v, want README.md modified, nothing staged", st)
	}
	testenv.Git(t, dir, "", "add", "README.md")
	if st := status(); len(st.Modified) != 0 || !st.Staged {
		t.Errorf("staged change: %+v, want staged only", st)
	}
	testenv.Git(t, dir, "", "commit", "-q", "-m", "third")
	if err := os.Chmod(filepath.Join(dir, "cmd", "run.sh"), 0o644); err != nil {
		t.Fatal(err)
	}
	if st := status(); !slices.Equal(st.Modified, []string{"cmd/run.sh"}) {
		t.Errorf("executable bit removed: %+v, want cmd/run.sh modified", st)
	}
	if err := os.Chmod(filepath.Join(dir, "cmd", "run.sh"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "README.md"))
	if st := status(); !slices.Equal(st.Modified, []string{"README.md"}) {
		t.Errorf("deleted file: %+v, want README.md modified", st)
	}
	testenv.Git(t, dir, "", "checkout", "--", "README.md")
	testenv.WriteFile(t, filepath.Join(dir, "untracked.txt"), "new", 0o644)
	if st := status(); st.Dirty() {
		t.Errorf("untracked file only: %+v, want clean (untracked files are not considered)", st)
	}
	// Index format version 4 (prefix-compressed paths).
	testenv.Git(t, dir, "", "update-index", "--index-version", "4")
	entries, err := repo.Index()
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, e := range entries {
		paths = append(paths, e.Path)
	}
	if !slices.Equal(paths, []string{"README.md", "cmd/run.sh"}) {
		t.Errorf("index v4 paths = %q", paths)
	}
	if st := status(); st.Dirty() {
		t.Errorf("index v4, clean tree: %+v", st)
	}
}

func TestRepoWorktreeAndDetached(t *testing.T) {
	dir := newRepo(t)
	wt := filepath.Join(t.TempDir(), "linked")
	testenv.Git(t, dir, "", "worktree", "add", "-q", "--detach", wt, "v1.9.0")
	repo, err := Open(wt)
	if err != nil {
		t.Fatal(err)
	}
	head, err := repo.Head()
	if err != nil {
		t.Fatal(err)
	}
	want := testenv.Git(t, dir, "", "rev-parse", "v1.9.0^{commit}")
	if head.Commit != want || head.Ref != "" {
		t.Errorf("linked worktree Head = %+v, want detached at %s", head, want)
	}
	if tags, _ := repo.TagsAt(head.Commit); !slices.Equal(tags, []string{"v1.9.0"}) {
		t.Errorf("TagsAt = %q, want [v1.9.0]", tags)
	}
	if st, err := repo.Status(); err != nil || st.Dirty() {
		t.Errorf("linked worktree status %+v, %v; want clean", st, err)
	}
	sha256Repo := t.TempDir()
	testenv.Git(t, sha256Repo, "", "init", "-q", "--object-format=sha256")
	var ge *Error
	if _, err := Open(sha256Repo); !errors.As(err, &ge) || !strings.Contains(err.Error(), "sha256") {
		t.Errorf("SHA-256 repository: %v, want an *Error naming the object format", err)
	}
	if _, err := Open(t.TempDir()); err != ErrNoRepo {
		t.Errorf("OpenRepo outside a repository: %v, want ErrNoRepo", err)
	}
}

func TestParsePackedRefs(t *testing.T) {
	a, b := strings.Repeat("a", 40), strings.Repeat("b", 40)
	got, err := ParsePackedRefs([]byte("# pack-refs with: peeled fully-peeled sorted \n" + a + " refs/heads/main\n" + b + " refs/tags/v1\n^" + a + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got["refs/heads/main"] != (PackedRef{ID: a}) || got["refs/tags/v1"] != (PackedRef{ID: b, Peeled: a}) {
		t.Errorf("ParsePackedRefs = %+v", got)
	}
	for _, bad := range []string{"^" + a + "\n", "xyz refs/heads/main\n", a + "\n"} {
		if _, err := ParsePackedRefs([]byte(bad)); err == nil {
			t.Errorf("ParsePackedRefs(%q) accepted bad input", bad)
		}
	}
}

func TestParseConfigAndWebURL(t *testing.T) {
	cfg, err := ParseConfig([]byte("[core]\n\tbare = false\n[remote \"origin\"]\n\turl = \"git@github.com:dop2i/fairmeta.git\" ; comment\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[Remote \"Up\"]\n\tURL = ssh://git@gitlab.in2p3.fr:2222/a/b.git\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg["remote.origin.url"]; !slices.Equal(got, []string{"git@github.com:dop2i/fairmeta.git"}) {
		t.Errorf("remote.origin.url = %q", got)
	}
	tests := []struct{ in, want string }{
		{"git@github.com:dop2i/fairmeta.git", "https://github.com/dop2i/fairmeta"},
		{"ssh://git@gitlab.in2p3.fr:2222/a/b.git", "https://gitlab.in2p3.fr/a/b"},
		{"https://user:pass@example.org/x/y.git", "https://example.org/x/y"},
		{"https://example.org/x/y", "https://example.org/x/y"},
		{"/srv/git/tool", ""}, // a path of this machine is no address
		{"../tool", ""},
		{`C:\git\tool`, ""},
		{"file:///srv/git/tool.git", ""},
		// Credentials in any part of the address never reach the web address.
		{"https://gitlab.example.org/g/tool.git?private_token=glpat-s3cret", "https://gitlab.example.org/g/tool"},
		{"https://gitlab.example.org/g/tool.git?token=s3cret#frag", "https://gitlab.example.org/g/tool"},
		{"https://oauth2:glpat-s3cret@gitlab.example.org/g/tool.git", "https://gitlab.example.org/g/tool"},
		{"https://x-access-token:s3cret@github.com/o/r", "https://github.com/o/r"},
		{"ssh://user:s3cret@host.example.org:22/g/tool.git", "https://host.example.org/g/tool"},
		{"user:s3cret@host.example.org:g/tool.git", "https://host.example.org/g/tool"},
		{"git@host.example.org:g/tool.git?token=s3cret", "https://host.example.org/g/tool"},
		{"https:s3cret@host", ""},
		{"javascript://x/%0aalert(1)", ""},
	}
	for _, tc := range tests {
		if got := WebURL(tc.in); got != tc.want {
			t.Errorf("WebURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := cfg["remote.Up.url"]; !slices.Equal(got, []string{"ssh://git@gitlab.in2p3.fr:2222/a/b.git"}) {
		t.Errorf("remote.Up.url = %q", got)
	}
}

func TestApplyDelta(t *testing.T) {
	base := []byte("hello, world")
	// source 12, target 11: copy 7 bytes at 0 ("hello, "), insert "there" ... then copy "!"? build by hand:
	delta := []byte{12, 12, 0x90, 7, 5, 't', 'h', 'e', 'r', 'e'}
	got, err := ApplyDelta(base, delta)
	if err != nil || string(got) != "hello, there" {
		t.Errorf("ApplyDelta = %q, %v; want \"hello, there\"", got, err)
	}
	for _, bad := range [][]byte{{}, {11, 5}, {12, 3, 0}, {12, 3, 0x91, 20, 3}, {12, 5, 3, 'a'}} {
		if _, err := ApplyDelta(base, bad); err == nil {
			t.Errorf("ApplyDelta(%v) accepted a bad delta", bad)
		}
	}
}

func TestTreeObjectRejectsBadEntries(t *testing.T) {
	id := strings.Repeat("a", 40)
	for _, es := range [][]TreeEntry{
		{{Mode: ModeFile, Name: "", ID: id}},
		{{Mode: ModeFile, Name: "a/b", ID: id}},
		{{Mode: ModeFile, Name: "x", ID: "abc"}},
		{{Mode: ModeFile, Name: "x", ID: id}, {Mode: ModeFile, Name: "x", ID: id}},
	} {
		if _, err := TreeObject(es); err == nil {
			t.Errorf("TreeObject(%+v) accepted bad entries", es)
		}
	}
}
