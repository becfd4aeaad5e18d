package software_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/internal/testenv"
	"github.com/dop2i/fairmeta/software"
)

// pipelineMain is a pipeline as a user writes one: it describes itself, links the dataset it wrote to that build
// and writes the run's RO-Crate, printing all of it as JSON.
const pipelineMain = `package main

import (
	"encoding/json"
	"os"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/software"
)

func main() {
	rel, err := software.Self()
	if err != nil {
		panic(err)
	}
	run := &software.Run{Software: rel, SourceDir: os.Getenv("SOURCE_DIR")}
	ds := &fair.Resource{Titles: []fair.Title{{Title: "Calibrated events"}}}
	warnings := run.LinkDataset(ds)
	json.NewEncoder(os.Stdout).Encode(map[string]any{"release": rel, "dataset": ds, "warnings": warnings, "crate": run.Crate(ds)})
}
`

type pipelineOutput struct {
	Release software.Release
	Dataset struct {
		RelatedIdentifiers []struct{ Identifier, IdentifierType, RelationType, RelationTypeInformation string }
	}
	Warnings []struct{ Path, Value, Reason string }
	Crate    struct {
		Graph []map[string]any `json:"@graph"`
	}
	raw string
}

// TestProvenanceOfRealBuilds builds a small pipeline program that uses this module through a local replace
// directive, as "go run" with -buildvcs=false and as "go build" from a git checkout with an untracked file, and
// checks what it publishes: the missing commit is said, never silently, the software is named by the SWHID of its
// source tree, and no path of the build machine appears anywhere in the output.
func TestProvenanceOfRealBuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goBin); err != nil {
		goBin = testenv.Tool(t, "go", "install Go")
	}
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	testenv.WriteFile(t, filepath.Join(dir, "go.mod"), "module example.org/calib\n\ngo 1.26\n\nrequire github.com/dop2i/fairmeta v0.0.0\n\nreplace github.com/dop2i/fairmeta => "+root+"\n", 0o644)
	testenv.WriteFile(t, filepath.Join(dir, "go.sum"), string(sum), 0o644)
	testenv.WriteFile(t, filepath.Join(dir, "main.go"), pipelineMain, 0o644)

	run := func(t *testing.T, bin string, env []string, args ...string) pipelineOutput {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), append([]string{"GOPROXY=off", "SOURCE_DIR=" + dir}, env...)...)
		out, err := cmd.Output()
		if err != nil {
			stderr := ""
			if ee, ok := err.(*exec.ExitError); ok {
				stderr = string(ee.Stderr)
			}
			t.Fatalf("%s %s: %v\n%s", bin, strings.Join(args, " "), err, stderr)
		}
		if len(out) == 0 {
			return pipelineOutput{}
		}
		var po pipelineOutput
		if err := json.Unmarshal(out, &po); err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		po.raw = string(out)
		for _, local := range []string{dir, root, filepath.Dir(dir)} {
			if strings.Contains(po.raw, local) {
				t.Errorf("the output names %s, a path of this machine:\n%s", local, po.raw)
			}
		}
		return po
	}
	checkCrate := func(t *testing.T, po pipelineOutput, swhid string) {
		t.Helper()
		for _, n := range po.Crate.Graph {
			if types, _ := n["@type"].([]any); len(types) > 0 && types[0] == "CreateAction" && n["instrument"].(map[string]any)["@id"] != swhid {
				t.Errorf("the CreateAction's instrument is %v, want %s", n["instrument"], swhid)
			}
			id, _ := n["@id"].(string)
			if strings.HasSuffix(id, "-") {
				t.Errorf("crate entity %q: an identifier with an empty version", id)
			}
			if types, _ := n["@type"].([]any); len(types) > 0 && types[0] == "CreateAction" && n["result"] == nil {
				t.Errorf("the CreateAction has no result: %v", n)
			}
		}
	}
	swhidOf := func(t *testing.T) string {
		id, err := software.DirSWHID(dir)
		if err != nil {
			t.Fatal(err)
		}
		return id.String()
	}

	t.Run("go run -buildvcs=false", func(t *testing.T) {
		po := run(t, goBin, []string{"GOFLAGS=-mod=mod -buildvcs=false"}, "run", ".")
		dirSWHID := swhidOf(t) // after go run, which may have tidied go.sum
		if po.Release.Commit != "" {
			t.Fatalf("commit %q from a build without VCS stamping", po.Release.Commit)
		}
		if len(po.Warnings) != 1 || !strings.Contains(po.Warnings[0].Reason, "records no commit") {
			t.Errorf("warnings %+v, want one saying the build records no commit", po.Warnings)
		}
		if rel := po.Dataset.RelatedIdentifiers; len(rel) != 1 || rel[0].Identifier != dirSWHID || rel[0].RelationType != "IsCompiledBy" {
			t.Errorf("related identifiers %+v, want IsCompiledBy %s", rel, dirSWHID)
		}
		for _, d := range po.Release.Dependencies {
			if d.Name == "github.com/dop2i/fairmeta" && d.Version != "(devel)" {
				t.Errorf("the replaced dependency: %+v", d)
			}
		}
		checkCrate(t, po, dirSWHID)
	})

	t.Run("go build from a checkout with an untracked file", func(t *testing.T) {
		testenv.Git(t, dir, "", "init", "-q")
		testenv.Git(t, dir, "", "add", ".")
		testenv.Git(t, dir, "", "commit", "-q", "-m", "calib")
		testenv.Git(t, dir, "", "remote", "add", "origin", filepath.Join(filepath.Dir(dir), "upstream.git")) // a local remote
		commit := testenv.Git(t, dir, "", "rev-parse", "HEAD")
		testenv.WriteFile(t, filepath.Join(dir, "notes.txt"), "not committed\n", 0o644)
		bin := filepath.Join(t.TempDir(), "calib")
		run(t, goBin, []string{"GOFLAGS=-mod=mod -buildvcs=true"}, "build", "-o", bin, ".")
		po := run(t, bin, nil)
		if po.Release.Commit != commit || !po.Release.Modified() {
			t.Fatalf("release commit %q modified %v, want %s modified (the untracked file)", po.Release.Commit, po.Release.Modified(), commit)
		}
		now := swhidOf(t)
		if len(po.Warnings) != 1 || !strings.Contains(po.Warnings[0].Reason, "untracked files") {
			t.Errorf("warnings %+v, want one saying the tree had changes", po.Warnings)
		}
		if rel := po.Dataset.RelatedIdentifiers; len(rel) != 1 || rel[0].Identifier != now {
			t.Errorf("related identifiers %+v, want IsCompiledBy %s, not the commit", rel, now)
		}
		checkCrate(t, po, now)
	})
}
