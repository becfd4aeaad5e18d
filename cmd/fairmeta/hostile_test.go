package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

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

var hostileCases = []hostileCase{
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
