package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/internal/git/gittest"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// A crafted input: files written by the test into dir, the command run on them, and what it must answer. Each runs
// in a child process (testenv.Bounded) whose time and peak memory are measured.
type hostileCase struct {
	name     string
	setup    func(t *testing.T, dir string) (stdin string, args []string)
	wantCode int
	wantErr  string // in the output or standard error
}

// cffAliasBomb writes nested YAML aliases under a uniqueItems key: 9^levels values once expanded.
func cffAliasBomb(levels int) string {
	var b strings.Builder
	b.WriteString("cff-version: 1.2.0\nmessage: m\ntitle: t\nauthors: [{name: x}]\nkeywords: &k0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, "x%d: &k%d [*k%d", i, i, i-1)
		b.WriteString(strings.Repeat(fmt.Sprintf(",*k%d", i-1), 8) + "]\n")
	}
	return b.String()
}

func writeFile(t *testing.T, path, data string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// jsonldClique is n blank nodes each linked to every other, jsonldChain n blank nodes in a chain: poison graphs
// for URDNA2015.
func jsonldClique(n int) string {
	var nodes []string
	for i := 0; i < n; i++ {
		var links []string
		for j := 0; j < n; j++ {
			if j != i {
				links = append(links, fmt.Sprintf(`{"@id":"_:%d"}`, j))
			}
		}
		nodes = append(nodes, fmt.Sprintf(`{"@id":"_:%d","k":[%s]}`, i, strings.Join(links, ",")))
	}
	return `{"@context":{"k":"http://e.org/k"},"@graph":[` + strings.Join(nodes, ",") + `]}`
}

func jsonldChain(n int) string {
	var b strings.Builder
	b.WriteString(`{"@context":{"k":"http://e.org/k"},"@graph":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"@id":"_:%d","k":{"@id":"_:%d"}}`, i, i+1)
	}
	return b.String() + "]}"
}

// craftedRepo writes a repository in dir (with a CITATION.cff so that describe has metadata), crafts it, and runs
// args on it.
func craftedRepo(craft func(t *testing.T, r *gittest.Repo), args ...string) func(t *testing.T, dir string) (string, []string) {
	return func(t *testing.T, dir string) (string, []string) {
		r := gittest.New(t, filepath.Join(dir, "repo"))
		writeFile(t, filepath.Join(r.Dir, "CITATION.cff"), "cff-version: 1.2.0\nmessage: m\ntitle: tool\nauthors: [{name: x}]\n")
		craft(t, r)
		return "", append(args, r.Dir)
	}
}

var hostileCases = []hostileCase{
	{"repository: 1 MB zlib bomb: software describe", craftedRepo(func(t *testing.T, r *gittest.Repo) {
		r.LooseBomb(t, r.Commit, "commit 100\x00", 1<<30)
	}, "software", "describe"), 1, "object body has 101 bytes"},
	{"repository: 1 MB zlib bomb: swhid -q", craftedRepo(func(t *testing.T, r *gittest.Repo) {
		r.LooseBomb(t, r.Commit, "commit 1073741824\x00", 1<<30)
	}, "swhid", "-q"), 0, "swh:1:dir:"},
	{"repository: 1000 chained ofs-deltas: software describe", craftedRepo(func(t *testing.T, r *gittest.Repo) {
		r.DeltaChainPack(t, r.Commit, 1000, 16<<20)
	}, "software", "describe"), 1, "MiB of inflation and delta work"},
	{"repository: HEAD symlinked to /dev/zero: software describe", craftedRepo(func(t *testing.T, r *gittest.Repo) {
		r.Symlink(t, "HEAD", "/dev/zero")
	}, "software", "describe"), 1, "HEAD: cannot be opened inside"},
	{"repository: HEAD symlinked to /dev/zero: swhid -q", craftedRepo(func(t *testing.T, r *gittest.Repo) {
		r.Symlink(t, "HEAD", "/dev/zero")
	}, "swhid", "-q"), 1, "HEAD: cannot be opened inside"},
	{"repository: ref symlinked to /dev/zero: software describe", craftedRepo(func(t *testing.T, r *gittest.Repo) {
		r.Symlink(t, "refs/heads/main", "/dev/zero")
	}, "software", "describe"), 1, "main: cannot be opened inside"},
	{"repository: config symlinked to /dev/zero: software describe", craftedRepo(func(t *testing.T, r *gittest.Repo) {
		r.Symlink(t, "config", "/dev/zero")
	}, "software", "describe"), 1, "config: cannot be opened inside"},
	{"repository: index symlinked to /dev/zero: software describe", craftedRepo(func(t *testing.T, r *gittest.Repo) {
		r.Symlink(t, "index", "/dev/zero")
	}, "software", "describe"), 1, "index: cannot be opened inside"},
	{"repository: HEAD a FIFO: software describe", craftedRepo(func(t *testing.T, r *gittest.Repo) {
		r.FIFO(t, "HEAD")
	}, "software", "describe"), 1, "HEAD: is a FIFO"},
	{"repository: HEAD a FIFO: swhid -q", craftedRepo(func(t *testing.T, r *gittest.Repo) {
		r.FIFO(t, "HEAD")
	}, "swhid", "-q"), 1, "HEAD: is a FIFO"},
	{"repository: packed-refs a FIFO: software describe", craftedRepo(func(t *testing.T, r *gittest.Repo) {
		os.Remove(filepath.Join(r.GitDir, "refs", "heads", "main"))
		r.FIFO(t, "packed-refs")
	}, "software", "describe"), 1, "packed-refs: is a FIFO"},
	{"repository: codemeta.json symlinked outside: software describe", craftedRepo(func(t *testing.T, r *gittest.Repo) {
		secret := writeFile(t, filepath.Join(filepath.Dir(r.Dir), "secret", "codemeta.json"), `{"@context": "https://w3id.org/codemeta/3.0", "name": "secret"}`)
		os.Symlink(secret, filepath.Join(r.Dir, "codemeta.json"))
	}, "software", "describe"), 1, "codemeta.json: cannot be opened inside"},
	{"repository: index entry ../../outside.txt: software describe", craftedRepo(func(t *testing.T, r *gittest.Repo) {
		writeFile(t, filepath.Join(filepath.Dir(r.Dir), "outside.txt"), "outside\n")
		r.Index(t, gittest.IndexEntry{Path: "../../outside.txt", ID: r.Commit, Size: 8})
	}, "software", "describe"), 1, `"../../outside.txt" is not a path inside the working tree`},
	{"json-ld 9 blank nodes all linked: canonicalize", func(t *testing.T, dir string) (string, []string) {
		return "", []string{"jsonld", "canonicalize", writeFile(t, filepath.Join(dir, "clique.jsonld"), jsonldClique(9))}
	}, 1, "work limit exceeded"},
	{"json-ld 9 blank nodes all linked, named graph: canonicalize -hash", func(t *testing.T, dir string) (string, []string) {
		return "[" + strings.Replace(jsonldClique(9), `"@graph"`, `"@id":"_:g","@graph"`, 1) + "]", []string{"jsonld", "canonicalize", "-hash", "-"}
	}, 1, "work limit exceeded"},
	{"json-ld chain of 500 blank nodes: canonicalize", func(t *testing.T, dir string) (string, []string) {
		return "", []string{"jsonld", "canonicalize", writeFile(t, filepath.Join(dir, "chain.jsonld"), jsonldChain(500))}
	}, 1, "work limit exceeded"},
	{"cff alias bomb: validate", func(t *testing.T, dir string) (string, []string) {
		return "", []string{"validate", writeFile(t, filepath.Join(dir, "CITATION.cff"), cffAliasBomb(8))}
	}, 1, "aliases expand to more than"},
	{"cff alias bomb: convert", func(t *testing.T, dir string) (string, []string) {
		return "", []string{"convert", "-to", "codemeta", writeFile(t, filepath.Join(dir, "CITATION.cff"), cffAliasBomb(8))}
	}, 1, "aliases expand to more than"},
	{"cff alias bomb: convert stdin", func(t *testing.T, dir string) (string, []string) {
		return cffAliasBomb(8), []string{"convert", "-from", "cff", "-to", "datacite-xml"}
	}, 1, "aliases expand to more than"},
	{"cff alias bomb: software describe", func(t *testing.T, dir string) (string, []string) {
		writeFile(t, filepath.Join(dir, "CITATION.cff"), cffAliasBomb(8))
		return "", []string{"software", "describe", dir}
	}, 1, "aliases expand to more than"},
}

// TestHostileInputs runs every crafted input through the command line: each must end with a clear error (or a
// stated result) in bounded time and memory.
func TestHostileInputs(t *testing.T) {
	for _, tc := range hostileCases {
		t.Run(tc.name, func(t *testing.T) {
			testenv.Bounded(t, func(t *testing.T) {
				stdin, args := tc.setup(t, t.TempDir())
				code, out, errs := runCLI(t, stdin, args...)
				if code != tc.wantCode || !strings.Contains(out+errs, tc.wantErr) {
					t.Errorf("fairmeta %s: exit %d, output %.500q, stderr %.500q; want exit %d and %q", strings.Join(args, " "), code, out, errs, tc.wantCode, tc.wantErr)
				}
			})
		})
	}
}
