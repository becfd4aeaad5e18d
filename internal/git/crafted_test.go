package git_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/internal/git"
	"github.com/dop2i/fairmeta/internal/git/gittest"
	"github.com/dop2i/fairmeta/internal/safefile"
)

// readAll reads what software describe reads of a repository: HEAD, the commit, tags, the remote, the status.
func readAll(dir string) error {
	r, err := git.Open(dir)
	if err != nil {
		return err
	}
	head, err := r.Head()
	if err != nil {
		return err
	}
	if _, _, err := r.ReadObject(head.Commit); err != nil {
		return err
	}
	if _, err := r.TagsAt(head.Commit); err != nil {
		return err
	}
	if _, err := r.RemoteURL("origin"); err != nil {
		return err
	}
	_, err = r.Status()
	return err
}

// TestCraftedRepositories: each crafted repository is refused with an error naming what is wrong, without
// reading a device, blocking on a FIFO, or inflating more than the budget of one object.
func TestCraftedRepositories(t *testing.T) {
	for _, tc := range []struct {
		name  string
		craft func(t *testing.T, r *gittest.Repo)
		want  string
	}{
		{"valid", func(t *testing.T, r *gittest.Repo) {}, ""},
		{"zlib bomb claiming 1 GiB", func(t *testing.T, r *gittest.Repo) {
			r.LooseBomb(t, r.Commit, "commit 1073741824\x00", 1<<30)
		}, "bad object header"},
		{"zlib bomb with a small header", func(t *testing.T, r *gittest.Repo) {
			r.LooseBomb(t, r.Commit, "commit 100\x00", 1<<30)
		}, "object body has"},
		{"zlib bomb without a header end", func(t *testing.T, r *gittest.Repo) {
			r.LooseBomb(t, r.Commit, "", 16<<20)
		}, "no object header"},
		{"1000 chained ofs-deltas", func(t *testing.T, r *gittest.Repo) {
			r.DeltaChainPack(t, r.Commit, 1000, 16<<20)
		}, "MiB of inflation and delta work"},
		{"HEAD symlinked to /dev/zero", func(t *testing.T, r *gittest.Repo) { r.Symlink(t, "HEAD", "/dev/zero") }, "HEAD: cannot be opened inside"},
		{"a ref symlinked to /dev/zero", func(t *testing.T, r *gittest.Repo) { r.Symlink(t, "refs/heads/main", "/dev/zero") }, "main: cannot be opened inside"},
		{"config symlinked to /dev/zero", func(t *testing.T, r *gittest.Repo) { r.Symlink(t, "config", "/dev/zero") }, "config: cannot be opened inside"},
		{"index symlinked to /dev/zero", func(t *testing.T, r *gittest.Repo) { r.Symlink(t, "index", "/dev/zero") }, "index: cannot be opened inside"},
		{"HEAD a FIFO", func(t *testing.T, r *gittest.Repo) { r.FIFO(t, "HEAD") }, "HEAD: is a FIFO, not a regular file"},
		{"packed-refs a FIFO", func(t *testing.T, r *gittest.Repo) {
			os.Remove(filepath.Join(r.GitDir, "refs", "heads", "main"))
			r.FIFO(t, "packed-refs")
		}, "packed-refs: is a FIFO, not a regular file"},
		{"index entry ../../outside.txt", func(t *testing.T, r *gittest.Repo) {
			r.Index(t, gittest.IndexEntry{Path: "../../outside.txt", ID: r.Commit, Size: 6})
		}, `"../../outside.txt" is not a path inside the working tree`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := gittest.New(t, filepath.Join(t.TempDir(), "repo"))
			tc.craft(t, r)
			done := make(chan error, 1)
			go func() { done <- readAll(r.Dir) }()
			var err error
			select {
			case err = <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("reading the repository blocks")
			}
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("valid repository: %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("got %v, want an error saying %q", err, tc.want)
			}
		})
	}
}

// TestDeltaChainUnderBudget: the generated chain is a real one, read whole when it stays within the budget.
func TestDeltaChainUnderBudget(t *testing.T) {
	r := gittest.New(t, filepath.Join(t.TempDir(), "repo"))
	id := strings.Repeat("ab", 20)
	r.DeltaChainPack(t, id, 3, 1<<17)
	repo, err := git.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	kind, body, err := repo.ReadObject(id)
	if err != nil || kind != "blob" || len(body) != 1<<17 {
		t.Errorf("ReadObject = %s, %d bytes, %v; want a blob of %d bytes", kind, len(body), err, 1<<17)
	}
}

// TestStatusStaysInTree: an index path through a symbolic link to a directory outside the tree is not hashed
// there: the file counts as changed, as git sees it.
func TestStatusStaysInTree(t *testing.T) {
	outside := t.TempDir()
	content := []byte("secret\n")
	os.WriteFile(filepath.Join(outside, "outside.txt"), content, 0o644)
	r := gittest.New(t, filepath.Join(t.TempDir(), "repo"))
	if err := os.Symlink(outside, filepath.Join(r.Dir, "link")); err != nil {
		t.Fatal(err)
	}
	r.Index(t, gittest.IndexEntry{Path: "link/outside.txt", ID: git.ObjectID("blob", content), Size: uint32(len(content))})
	repo, err := git.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := repo.Status()
	if err != nil || !slices.Contains(st.Modified, "link/outside.txt") {
		t.Errorf("Status = %+v, %v; want link/outside.txt modified (not hashed outside the tree)", st, err)
	}
	var se *safefile.Error
	_ = errors.As(err, &se)
}
