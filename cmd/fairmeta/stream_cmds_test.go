package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/internal/datagen"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// smallStream writes 300 generated records, 1 % corrupted, as plain JSON Lines.
func smallStream(t *testing.T) (string, *datagen.Result) {
	t.Helper()
	data, err := os.ReadFile(testenv.SharedData(t, "datacite", "rest", "sample.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Data []json.RawMessage `json:"data"`
	}
	json.Unmarshal(data, &doc)
	var buf bytes.Buffer
	res, err := datagen.Generate(&buf, doc.Data, datagen.Options{Records: 300, Seed: 4, Corrupt: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "records.jsonl")
	os.WriteFile(p, buf.Bytes(), 0o644)
	return p, res
}

func TestStreamCommands(t *testing.T) {
	path, res := smallStream(t)
	t.Run("convert -dois with filters", func(t *testing.T) {
		code, out, stderr := runCLI(t, "", "convert", "-jsonl", "-dois", "-type", "Dataset", "-year", "2000-", "-j", "2", path)
		if code != exitProblem || !strings.Contains(stderr, "records (3 errors)") && len(res.Bad) == 3 {
			t.Errorf("exit %d, stderr:\n%s", code, stderr)
		}
		for _, d := range strings.Fields(out) {
			if !strings.HasPrefix(d, "10.5072/gen.") {
				t.Errorf("not a DOI: %q", d)
			}
		}
		if n := len(strings.Fields(out)); n == 0 || n >= len(res.DOIs) {
			t.Errorf("%d DOIs for datasets from 2000 of %d records", n, len(res.DOIs))
		}
	})
	t.Run("convert -to fair", func(t *testing.T) {
		code, out, _ := runCLI(t, "", "convert", "-jsonl", "-to", "fair", "-has-orcid", path)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != exitProblem || len(lines) == 0 || !strings.Contains(lines[0], "orcid.org") {
			t.Errorf("exit %d, %d lines: %.200s", code, len(lines), out)
		}
	})
	t.Run("IN2P3 records enriched with ROR IDs", func(t *testing.T) {
		code, out, _ := runCLI(t, "", "convert", "-jsonl", "-to", "datacite-json", "-enrich-ror", "-affiliation", "https://ror.org/03fd77x13", path)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != exitProblem || len(lines) != res.Affil {
			t.Fatalf("exit %d, %d records for %d with an IN2P3 laboratory", code, len(lines), res.Affil)
		}
		for _, l := range lines {
			if !strings.Contains(l, `"affiliationIdentifier":"https://ror.org/0`) {
				t.Errorf("an affiliation without its ROR ID: %.300s", l)
			}
		}
	})
	t.Run("validate -jsonl", func(t *testing.T) {
		code, out, stderr := runCLI(t, "", "validate", "-jsonl", "-j", "2", path)
		if code != exitProblem || !strings.Contains(out, path+":") || strings.Count(stderr, path+":") != len(res.Bad) {
			t.Errorf("exit %d\nout %.300s\nstderr %.500s", code, out, stderr)
		}
	})
	t.Run("assess -jsonl", func(t *testing.T) {
		code, out, _ := runCLI(t, "", "assess", "-jsonl", path)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != exitProblem || len(lines) != len(res.DOIs) {
			t.Fatalf("exit %d, %d lines for %d good records", code, len(lines), len(res.DOIs))
		}
		var l struct {
			Identifier string
			Overall    struct{ Percent float64 }
		}
		if err := json.Unmarshal([]byte(lines[0]), &l); err != nil || l.Identifier != res.DOIs[0] || l.Overall.Percent <= 0 {
			t.Errorf("first line %s: %+v %v", lines[0], l, err)
		}
	})
	t.Run("usage", func(t *testing.T) {
		for _, args := range [][]string{
			{"convert", "-jsonl", path},
			{"convert", "-jsonl", "-to", "datacite-xml", path},
			{"convert", "-jsonl", "-dois", "-shard", "4/3", path},
			{"convert", "-jsonl", "-dois", "-country", "France", path},
			{"convert", "-jsonl", "-dois", "-year", "20x", path},
		} {
			if code, _, stderr := runCLI(t, "", args...); code != exitUsage {
				t.Errorf("%v: exit %d, want 2: %s", args, code, stderr)
			}
		}
	})
}
