package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/internal/checksum"
	"github.com/dop2i/fairmeta/internal/git/gittest"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// A crafted input: files written by the test into dir, the command run on them, and what it must answer. Each runs
// in a child process (testenv.Bounded) whose time and peak memory are measured.
type hostileCase struct {
	name     string
	setup    func(t *testing.T, dir string) (stdin io.Reader, args []string)
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
func craftedRepo(craft func(t *testing.T, r *gittest.Repo), args ...string) func(t *testing.T, dir string) (io.Reader, []string) {
	return func(t *testing.T, dir string) (io.Reader, []string) {
		r := gittest.New(t, filepath.Join(dir, "repo"))
		writeFile(t, filepath.Join(r.Dir, "CITATION.cff"), "cff-version: 1.2.0\nmessage: m\ntitle: tool\nauthors: [{name: x}]\n")
		craft(t, r)
		return nil, append(args, r.Dir)
	}
}

// devZero opens /dev/zero as standard input.
func devZero(t *testing.T) io.Reader {
	f, err := os.Open("/dev/zero")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// rorID is the n-th well-formed ROR ID.
func rorID(n int) string {
	const alpha = "0123456789abcdefghjkmnpqrstvwxyz"
	b := []byte("0000000")
	for i, v := 6, n; i >= 1; i, v = i-1, v/32 {
		b[i] = alpha[v%32]
	}
	m, _ := checksum.DecodeCrockford(string(b))
	return string(b) + checksum.Mod97(m)
}

// tinyRORDump writes n minimal ROR v2 records as gzipped JSON Lines: 300,000 fit in 2 MB.
func tinyRORDump(t *testing.T, path string, n int) string {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	for i := 0; i < n; i++ {
		fmt.Fprintf(zw, `{"id":"https://ror.org/%s","names":[{"value":"O%d","types":["ror_display"]}],"status":"active"}`+"\n", rorID(i), i)
	}
	zw.Close()
	return writeFile(t, path, b.String())
}

// gzipOf writes the gzip of data.
func gzipOf(t *testing.T, path, data string) string {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(data))
	zw.Close()
	return writeFile(t, path, b.String())
}

var hostileCases = []hostileCase{
	{"ror dump of 300,000 tiny records: ror match", func(t *testing.T, dir string) (io.Reader, []string) {
		return strings.NewReader("CNRS\n"), []string{"ror", "match", "-dump", tinyRORDump(t, filepath.Join(dir, "tiny.jsonl.gz"), 300_000)}
	}, 1, "more than 200000 organisations"},
	{"ror dump of gzipped spaces: ror match", func(t *testing.T, dir string) (io.Reader, []string) {
		return strings.NewReader("CNRS\n"), []string{"ror", "match", "-dump", gzipOf(t, filepath.Join(dir, "spaces.jsonl.gz"), strings.Repeat(" ", 1<<20))}
	}, 1, "no organisations"},
	{"ror dump of gzipped spaces: convert -jsonl -ror-dump", func(t *testing.T, dir string) (io.Reader, []string) {
		return strings.NewReader(`{"id": "10.5072/x", "type": "dois", "attributes": {}}` + "\n"), []string{"convert", "-jsonl", "-from", "datacite-json", "-to", "datacite-json", "-affiliation", "https://ror.org/03fd77x13",
			"-ror-dump", gzipOf(t, filepath.Join(dir, "spaces.jsonl.gz"), strings.Repeat(" ", 1<<20)), "-"}
	}, 2, "no organisations"}, // a -ror-dump the stream cannot use is a usage error
	{"input cap: convert /dev/zero", func(t *testing.T, dir string) (io.Reader, []string) {
		return nil, []string{"convert", "-from", "datacite-json", "-to", "datacite-xml", "/dev/zero"}
	}, 1, "input larger than 64 MiB"},
	{"input cap: convert from standard input", func(t *testing.T, dir string) (io.Reader, []string) {
		return devZero(t), []string{"convert", "-from", "datacite-json", "-to", "datacite-xml"}
	}, 1, "input larger than 64 MiB"},
	{"input cap: validate /dev/zero", func(t *testing.T, dir string) (io.Reader, []string) {
		return nil, []string{"validate", "/dev/zero"}
	}, 1, "input larger than 64 MiB"},
	{"input cap: validate from standard input", func(t *testing.T, dir string) (io.Reader, []string) {
		return devZero(t), []string{"validate", "-"}
	}, 1, "input larger than 64 MiB"},
	{"input cap: jsonld canonicalize /dev/zero", func(t *testing.T, dir string) (io.Reader, []string) {
		return nil, []string{"jsonld", "canonicalize", "/dev/zero"}
	}, 1, "input larger than 64 MiB"},
	{"input cap: jsonld canonicalize from standard input", func(t *testing.T, dir string) (io.Reader, []string) {
		return devZero(t), []string{"jsonld", "canonicalize", "-"}
	}, 1, "input larger than 64 MiB"},
	{"input cap: assess /dev/zero", func(t *testing.T, dir string) (io.Reader, []string) {
		return nil, []string{"assess", "/dev/zero"}
	}, 1, "input larger than 64 MiB"},
	{"input cap: assess from standard input", func(t *testing.T, dir string) (io.Reader, []string) {
		return devZero(t), []string{"assess", "-"}
	}, 1, "input larger than 64 MiB"},
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
	{"json-ld 9 blank nodes all linked: canonicalize", func(t *testing.T, dir string) (io.Reader, []string) {
		return nil, []string{"jsonld", "canonicalize", writeFile(t, filepath.Join(dir, "clique.jsonld"), jsonldClique(9))}
	}, 1, "work limit exceeded"},
	{"json-ld 9 blank nodes all linked, named graph: canonicalize -hash", func(t *testing.T, dir string) (io.Reader, []string) {
		return strings.NewReader("[" + strings.Replace(jsonldClique(9), `"@graph"`, `"@id":"_:g","@graph"`, 1) + "]"), []string{"jsonld", "canonicalize", "-hash", "-"}
	}, 1, "work limit exceeded"},
	{"json-ld chain of 500 blank nodes: canonicalize", func(t *testing.T, dir string) (io.Reader, []string) {
		return nil, []string{"jsonld", "canonicalize", writeFile(t, filepath.Join(dir, "chain.jsonld"), jsonldChain(500))}
	}, 1, "work limit exceeded"},
	{"cff alias bomb: validate", func(t *testing.T, dir string) (io.Reader, []string) {
		return nil, []string{"validate", writeFile(t, filepath.Join(dir, "CITATION.cff"), cffAliasBomb(8))}
	}, 1, "aliases expand to more than"},
	{"cff alias bomb: convert", func(t *testing.T, dir string) (io.Reader, []string) {
		return nil, []string{"convert", "-to", "codemeta", writeFile(t, filepath.Join(dir, "CITATION.cff"), cffAliasBomb(8))}
	}, 1, "aliases expand to more than"},
	{"cff alias bomb: convert stdin", func(t *testing.T, dir string) (io.Reader, []string) {
		return strings.NewReader(cffAliasBomb(8)), []string{"convert", "-from", "cff", "-to", "datacite-xml"}
	}, 1, "aliases expand to more than"},
	{"cff alias bomb: software describe", func(t *testing.T, dir string) (io.Reader, []string) {
		writeFile(t, filepath.Join(dir, "CITATION.cff"), cffAliasBomb(8))
		return nil, []string{"software", "describe", dir}
	}, 1, "aliases expand to more than"},
}

// TestHostileInputs runs every crafted input through the command line: each must end with a clear error (or a
// stated result) in bounded time and memory.
func TestHostileInputs(t *testing.T) {
	for _, tc := range hostileCases {
		t.Run(tc.name, func(t *testing.T) {
			testenv.Bounded(t, func(t *testing.T) {
				stdin, args := tc.setup(t, t.TempDir())
				if stdin == nil {
					stdin = strings.NewReader("")
				}
				var outb, errb bytes.Buffer
				code := run(context.Background(), args, stdio{stdin, &outb, &errb})
				out, errs := outb.String(), errb.String()
				if code != tc.wantCode || !strings.Contains(out+errs, tc.wantErr) {
					t.Errorf("fairmeta %s: exit %d, output %.500q, stderr %.500q; want exit %d and %q", strings.Join(args, " "), code, out, errs, tc.wantCode, tc.wantErr)
				}
			})
		})
	}
}

// TestUnknownContextNotes: a JSON-LD @context fairmeta does not load is reported by every command that reads the
// record, never dropped on the way to the output.
func TestUnknownContextNotes(t *testing.T) {
	const ctx = "https://w3id.org/ro/crate/1.1/context"
	file := writeFile(t, filepath.Join(t.TempDir(), "rc.jsonld"), `{"@context": "`+ctx+`", "@type": "Dataset", "name": "N",
		"identifier": "https://doi.org/10.5281/zenodo.1", "creator": {"@type": "Person", "name": "X"},
		"publisher": {"@type": "Organization", "name": "P"}, "datePublished": "2020"}`)
	for _, args := range [][]string{
		{"convert", "-from", "schemaorg", "-to", "datacite-xml", file},
		{"validate", "-format", "schemaorg", file},
		{"assess", "-from", "schemaorg", file},
		{"convert", "-jsonl", "-from", "schemaorg", "-to", "fair", file},
	} {
		_, out, errs := runCLI(t, "", args...)
		// A stream sums its notes up by path and reason, without the values.
		if !strings.Contains(out+errs, "@context") || args[1] != "-jsonl" && !strings.Contains(out+errs, ctx) || !strings.Contains(out+errs, "not loaded") {
			t.Errorf("fairmeta %s: the unloaded context is not reported:\n%s\n%s", strings.Join(args, " "), errs, out)
		}
	}
}
