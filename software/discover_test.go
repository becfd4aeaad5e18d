package software

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/fair"
)

func TestDiscover(t *testing.T) {
	dir := t.TempDir()
	gitRun(t, dir, "", "init", "-q", "-b", "main")
	writeFile(t, filepath.Join(dir, "go.mod"), "module gitlab.in2p3.fr/dop2i/shower-calib\n\ngo 1.26.0\n\nrequire (\n\tgithub.com/dop2i/fairmeta v1.2.0\n\tgolang.org/x/text v0.43.0 // indirect\n)\n", 0o644)
	writeFile(t, filepath.Join(dir, "CITATION.cff"), `cff-version: 1.2.0
message: Please cite.
title: shower-calib
version: 2.1.0
authors:
  - given-names: Camille
    family-names: Lefèvre
    orcid: https://orcid.org/0000-0002-1825-0097
    address: 15 rue Georges Clemenceau
license: Apache-2.0
`, 0o644)
	writeFile(t, filepath.Join(dir, "codemeta.json"), `{"@context": "https://w3id.org/codemeta/3.0", "@type": "SoftwareSourceCode",
  "name": "shower-calib", "description": "Calibrates air-shower events.", "issueTracker": "https://gitlab.in2p3.fr/dop2i/shower-calib/-/issues"}`, 0o644)
	gitRun(t, dir, "", "add", "-A")
	gitRun(t, dir, "", "commit", "-q", "-m", "release")
	gitRun(t, dir, "", "tag", "-a", "v2.1.0", "-m", "2.1.0")
	gitRun(t, dir, "", "remote", "add", "origin", "git@gitlab.in2p3.fr:dop2i/shower-calib.git")
	head := gitRun(t, dir, "", "rev-parse", "HEAD")

	r, notRead, err := Discover(dir)
	if err != nil || !slices.Equal(notePaths(notRead), []string{"CITATION.cff: authors[0].address"}) {
		t.Fatalf("Discover: not read %v (%v), want the author's address", notRead, err)
	}
	rel := ReleaseFromResource(r)
	want := Release{Name: "shower-calib", Version: "2.1.0", Description: "Calibrates air-shower events.",
		Repository: "https://gitlab.in2p3.fr/dop2i/shower-calib", Commit: head, Tag: "v2.1.0", License: "Apache-2.0",
		Authors: []fair.Creator{{Name: "Lefèvre, Camille", NameType: fair.NamePersonal, GivenName: "Camille", FamilyName: "Lefèvre",
			NameIdentifiers: []fair.NameIdentifier{orcidIdentifier("0000-0002-1825-0097")}}},
		ProgrammingLanguages: []string{"Go"}, RuntimePlatforms: []string{"go1.26.0"},
		Dependencies: []fair.Requirement{{Name: "github.com/dop2i/fairmeta", Version: "v1.2.0"}},
		CommitTime:   time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)}
	equalJSON(t, rel, &want)
	if r.Software.IssueTracker == "" {
		t.Errorf("the issue tracker of codemeta.json was not kept: %+v", r.Software)
	}

	writeFile(t, filepath.Join(dir, "go.mod"), "module gitlab.in2p3.fr/dop2i/shower-calib\n\ngo 1.26.1\n", 0o644)
	r, _, _ = Discover(dir)
	if r.Version != "2.1.0+dirty" {
		t.Errorf("modified tree: version %q, want 2.1.0+dirty", r.Version)
	}

	bad := t.TempDir()
	writeFile(t, filepath.Join(bad, "CITATION.cff"), "cff-version: 1.2.0\n", 0o644)
	if _, _, err := Discover(bad); err == nil {
		t.Errorf("invalid CITATION.cff: %v, want an error naming it", err)
	}
	if r, _, err := Discover(t.TempDir()); err != nil || r.ResourceType.General != fair.ResourceTypeSoftware {
		t.Errorf("empty directory: %+v, %v", r, err)
	}
}

func TestParseGoMod(t *testing.T) {
	mod, goV, reqs, err := ParseGoMod([]byte("// comment\nmodule \"example.org/m\"\ngo 1.26\nrequire example.org/a v1.0.0\nrequire (\n\texample.org/b v0.1.0 // indirect\n)\n"))
	if err != nil || mod != "example.org/m" || goV != "1.26" || !slices.Equal(reqs, []fair.Requirement{{Name: "example.org/a", Version: "v1.0.0"}}) {
		t.Errorf("ParseGoMod = %q %q %v %v", mod, goV, reqs, err)
	}
	for _, bad := range []string{"go 1.26\n", "module m\nrequire (\n\tonly-path\n)\n"} {
		if _, _, _, err := ParseGoMod([]byte(bad)); err == nil {
			t.Errorf("ParseGoMod(%q) accepted it", bad)
		}
	}
}

// TestDiscoverOpensOnlyFilesInside: a metadata file is read when it is a regular file inside the tree (through a
// link that stays inside too), and refused with an error naming it when it is a link out of the tree, a device or
// a FIFO — never read or published, and never blocking.
func TestDiscoverOpensOnlyFilesInside(t *testing.T) {
	const cm = `{"@context": "https://w3id.org/codemeta/3.0", "name": "%s", "author": [{"@type": "Person", "name": "X"}]}`
	for _, tc := range []struct {
		name  string
		craft func(t *testing.T, dir string)
		want  string // the name read, or in the error
		ok    bool
	}{
		{"link inside", func(t *testing.T, dir string) {
			writeTestFile(t, filepath.Join(dir, "meta", "codemeta.json"), fmt.Sprintf(cm, "inside"))
			os.Symlink("meta/codemeta.json", filepath.Join(dir, "codemeta.json"))
		}, "inside", true},
		{"link outside", func(t *testing.T, dir string) {
			out := filepath.Join(t.TempDir(), "codemeta.json")
			writeTestFile(t, out, fmt.Sprintf(cm, "secret"))
			os.Symlink(out, filepath.Join(dir, "codemeta.json"))
		}, "codemeta.json: cannot be opened inside", false},
		{"link to /dev/zero", func(t *testing.T, dir string) {
			os.Symlink("/dev/zero", filepath.Join(dir, "CITATION.cff"))
		}, "CITATION.cff: cannot be opened inside", false},
		{"FIFO", func(t *testing.T, dir string) {
			if err := syscall.Mkfifo(filepath.Join(dir, ".zenodo.json"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, ".zenodo.json: is a FIFO, not a regular file", false},
		{"go.mod link to /dev/zero", func(t *testing.T, dir string) {
			os.Symlink("/dev/zero", filepath.Join(dir, "go.mod"))
		}, "go.mod: cannot be opened inside", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.craft(t, dir)
			done := make(chan struct{})
			var r *fair.Resource
			var err error
			go func() { r, _, err = Discover(dir); close(done) }()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("Discover blocks")
			}
			switch {
			case tc.ok && (err != nil || r.MainTitle() != tc.want):
				t.Errorf("Discover = %v, %v; want the record named %q", r, err, tc.want)
			case !tc.ok && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("Discover = %v, %v; want an error saying %q", r, err, tc.want)
			}
		})
	}
}

func writeTestFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
