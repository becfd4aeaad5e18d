package software

import (
	"crypto/rand"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestContentSWHIDEqualsGitBlob(t *testing.T) {
	dir := t.TempDir()
	contents := map[string]string{
		"empty":     "",
		"text.txt":  "hello\n",
		"utf8.txt":  "Lefèvre, Camille — 宇宙線\n",
		"no-eol":    "no newline at end",
		"crlf.txt":  "a\r\nb\r\n",
		"nul.bin":   "\x00\x01\x02\xff",
		"big.bin":   strings.Repeat("0123456789abcdef", 100_000), // larger than the 1 MiB read buffer
		"exec.sh":   "#!/bin/sh\n",
		"données.h": "é",
	}
	for name, c := range contents {
		p := filepath.Join(dir, name)
		writeFile(t, p, c, 0o644)
		want := gitRun(t, dir, "", "hash-object", "--no-filters", p)
		got, err := FileSWHID(p)
		if err != nil {
			t.Fatal(err)
		}
		if got.String() != "swh:1:cnt:"+want {
			t.Errorf("%s: FileSWHID = %s, git hash-object = %s", name, got, want)
		}
		if mem := ContentSWHID([]byte(c)); mem != got {
			t.Errorf("%s: ContentSWHID = %s, FileSWHID = %s", name, mem, got)
		}
		if r, err := ReaderSWHID(strings.NewReader(c), int64(len(c))); err != nil || r != got {
			t.Errorf("%s: ReaderSWHID = %s, %v", name, r, err)
		}
	}
	if _, err := ReaderSWHID(strings.NewReader("abc"), 4); err == nil {
		t.Error("ReaderSWHID with a short reader: no error")
	}
	if _, err := ReaderSWHID(strings.NewReader("abcde"), 4); err == nil {
		t.Error("ReaderSWHID with a long reader: no error")
	}
	// The SWHID specification's own example: the content "hello\n"... is not given; its example file is
	// swh:1:cnt:94a9ed024d3859793618152ea559a168bbcbb5e2, the GPL-3 text, which we cannot ship. The empty blob is
	// well known.
	if got := ContentSWHID(nil).String(); got != "swh:1:cnt:e69de29bb2d1d6434b8b29ae775ad8c2e48c5391" {
		t.Errorf("empty content: %s", got)
	}
}

// makeTree fills dir with the cases a tree hash must get right.
func makeTree(t *testing.T, dir string) {
	t.Helper()
	writeFile(t, filepath.Join(dir, "README.md"), "# tool\n", 0o644)
	writeFile(t, filepath.Join(dir, "run.sh"), "#!/bin/sh\necho run\n", 0o755)
	writeFile(t, filepath.Join(dir, "only-owner-x"), "x", 0o700)
	writeFile(t, filepath.Join(dir, "group-x-only"), "x", 0o654) // git ignores group/other x bits
	writeFile(t, filepath.Join(dir, "empty.txt"), "", 0o644)
	writeFile(t, filepath.Join(dir, "données", "événements.csv"), "run,energy\n4271,3.2\n", 0o644)
	writeFile(t, filepath.Join(dir, "日本", "宇宙線.txt"), "cosmic rays\n", 0o644)
	// Sort order: "a" the directory sorts as "a/", after "a-b" and "a.txt", before "a0".
	writeFile(t, filepath.Join(dir, "a", "inner", "deep", "leaf.txt"), "leaf\n", 0o644)
	writeFile(t, filepath.Join(dir, "a-b"), "1", 0o644)
	writeFile(t, filepath.Join(dir, "a.txt"), "2", 0o644)
	writeFile(t, filepath.Join(dir, "a0"), "3", 0o644)
	writeFile(t, filepath.Join(dir, "A"), "upper", 0o644)
	if err := os.Symlink("README.md", filepath.Join(dir, "link-to-readme")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../does/not/exist", filepath.Join(dir, "a", "dangling")); err != nil {
		t.Fatal(err)
	}
}

func TestDirSWHIDEqualsGitWriteTree(t *testing.T) {
	dir := t.TempDir()
	makeTree(t, dir)
	gitDir := t.TempDir()
	g := func(args ...string) string {
		return gitRun(t, dir, "", append([]string{"--git-dir=" + gitDir, "--work-tree=" + dir}, args...)...)
	}
	g("init", "-q")
	g("config", "core.filemode", "true")
	g("config", "core.symlinks", "true")
	g("config", "core.autocrlf", "false")
	g("add", "-A")
	want := g("write-tree")
	got, err := DirSWHID(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != "swh:1:dir:"+want {
		t.Fatalf("DirSWHID = %s, git write-tree = %s\n%s", got, want, g("ls-tree", "-r", want))
	}
	// Every subtree too.
	for _, sub := range []string{"a", "a/inner", "données", "日本"} {
		wantSub := g("rev-parse", want+":"+sub)
		gotSub, err := DirSWHID(filepath.Join(dir, filepath.FromSlash(sub)))
		if err != nil {
			t.Fatal(err)
		}
		if gotSub.Hash != wantSub {
			t.Errorf("%s: DirSWHID = %s, git = %s", sub, gotSub.Hash, wantSub)
		}
	}
	// Symbolic link content is the target text.
	link, err := FileSWHID(filepath.Join(dir, "link-to-readme"))
	if err != nil {
		t.Fatal(err)
	}
	if wantLink := g("rev-parse", want+":link-to-readme"); link.Hash != wantLink {
		t.Errorf("symlink: %s, git %s", link.Hash, wantLink)
	}
	// A .git directory inside the tree is not part of it.
	gitRun(t, dir, "", "init", "-q")
	if again, err := DirSWHID(dir); err != nil || again != got {
		t.Errorf("with a .git directory: %s, %v; want %s", again, err, got)
	}
}

func TestDirSWHIDEmptyDirectories(t *testing.T) {
	// git cannot stage empty directories; Software Heritage keeps them as empty trees. Build the expected tree with
	// git mktree from the tree git computes for the files plus the empty-tree entries.
	dir := t.TempDir()
	if got, err := DirSWHID(dir); err != nil || got.String() != "swh:1:dir:4b825dc642cb6eb9a060e54bf8d69288fbee4904" {
		t.Errorf("empty directory: %s, %v; want the empty tree", got, err)
	}
	writeFile(t, filepath.Join(dir, "file.txt"), "data\n", 0o644)
	if err := os.MkdirAll(filepath.Join(dir, "empty-dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	gitRun(t, repo, "", "init", "-q")
	empty := gitRun(t, repo, "", "mktree")
	blob := gitRun(t, repo, "", "hash-object", "-w", filepath.Join(dir, "file.txt"))
	want := gitRun(t, repo, fmt.Sprintf("040000 tree %s\tempty-dir\n100644 blob %s\tfile.txt\n", empty, blob), "mktree")
	got, err := DirSWHID(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got.Hash != want {
		t.Errorf("tree with an empty directory: %s, git mktree %s", got.Hash, want)
	}
}

func TestRevisionSWHIDAndQualified(t *testing.T) {
	dir := newRepo(t)
	head := gitRun(t, dir, "", "rev-parse", "HEAD")
	body := gitRun(t, dir, "", "cat-file", "commit", "HEAD") + "\n" // cat-file output ends with the message's newline
	if got := RevisionSWHID([]byte(body)); got.String() != "swh:1:rev:"+head {
		t.Errorf("RevisionSWHID = %s, want swh:1:rev:%s", got, head)
	}
	q, err := QualifiedSWHID(filepath.Join(dir, "cmd", "run.sh"))
	if err != nil {
		t.Fatal(err)
	}
	blob := gitRun(t, dir, "", "rev-parse", "HEAD:cmd/run.sh")
	want := "swh:1:cnt:" + blob + ";origin=https://gitlab.in2p3.fr/dop2i/tool;anchor=swh:1:rev:" + head + ";path=/cmd/run.sh"
	if q.String() != want {
		t.Errorf("QualifiedSWHID =\n %s\nwant\n %s", q, want)
	}
	qd, err := QualifiedSWHID(dir)
	if err != nil {
		t.Fatal(err)
	}
	if tree := gitRun(t, dir, "", "rev-parse", "HEAD^{tree}"); qd.Hash != tree || qd.ObjectType != "dir" || qd.Path != "" {
		t.Errorf("QualifiedSWHID(root) = %s, want dir %s without a path", qd, tree)
	}
	if _, err := PathSWHID(filepath.Join(dir, "missing")); err == nil {
		t.Error("PathSWHID of a missing path: no error")
	}
}

// BenchmarkContentSWHID hashes the same 64 MiB file with FileSWHID and with "git hash-object", and reports the
// ratio of the two times as "fairmeta/git" (below 1: faster than git). Run it whole, so both halves run:
//
//	go test ./software -run '^$' -bench ContentSWHID -benchtime 10x
func BenchmarkContentSWHID(b *testing.B) {
	dir := b.TempDir()
	p := filepath.Join(dir, "large.bin")
	data := make([]byte, 64<<20)
	rand.Read(data)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		b.Fatal(err)
	}
	gitRun(b, dir, "", "hash-object", p) // skip early when git is missing; warms the page cache
	var ours, theirs float64
	b.Run("fairmeta", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := FileSWHID(p); err != nil {
				b.Fatal(err)
			}
		}
		ours = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
	})
	b.Run("git-hash-object", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			gitRun(b, dir, "", "hash-object", p)
		}
		theirs = float64(b.Elapsed().Nanoseconds()) / float64(b.N)
		if ours > 0 {
			b.ReportMetric(ours/theirs, "fairmeta/git") // the ratio, reported on the second sub-benchmark
		}
	})
}
