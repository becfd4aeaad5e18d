package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRORMatch(t *testing.T) {
	in := "Istituto Nazionale di Fisica Nucleare, Sezione di Bologna, Italy\n\nCNRS\nSomewhere Unknown\n"
	code, out, errs := runCLI(t, in, "ror", "match", "-all")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 3 lines (blank lines skipped), got:\n%s", out)
	}
	var first, second, third map[string]any
	for i, p := range []*map[string]any{&first, &second, &third} {
		if err := json.Unmarshal([]byte(lines[i]), p); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
	}
	if first["id"] != "https://ror.org/04j0x0h93" || first["score"] == nil || first["name"] == "" {
		t.Errorf("first line: %s", lines[0])
	}
	if second["id"] != nil || len(second["candidates"].([]any)) == 0 {
		t.Errorf("an acronym alone must not be chosen but listed: %s", lines[1])
	}
	if v, ok := third["id"]; !ok || v != nil {
		t.Errorf(`no match must give "id": null: %s`, lines[2])
	}
}

// writeDump writes a one-record dump and returns its path.
func writeDump(t *testing.T) string {
	dump := filepath.Join(t.TempDir(), "d.jsonl")
	err := os.WriteFile(dump, []byte(`{"id":"https://ror.org/01ggx4157","names":[{"value":"European Organization for Nuclear Research","types":["ror_display"]}],"status":"active"}`+"\n"), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	return dump
}

func TestRORMatchFileAndDump(t *testing.T) {
	dir := t.TempDir()
	dump := writeDump(t)
	aff := filepath.Join(dir, "a.txt")
	os.WriteFile(aff, []byte("European Organization for Nuclear Research, Geneva\n"), 0o644)
	code, out, errs := runCLI(t, "", "ror", "match", aff, "-dump", dump)
	if code != 0 || !strings.Contains(out, `"id":"https://ror.org/01ggx4157"`) || strings.Contains(out, "candidates") ||
		!strings.Contains(errs, "1 organisations read from") {
		t.Errorf("exit %d, out %s, err %s", code, out, errs)
	}
	if code, _, errs := runCLI(t, "", "ror", "match", "-dump", filepath.Join(dir, "missing.json")); code != 1 || errs == "" {
		t.Errorf("missing dump: exit %d, stderr %q", code, errs)
	}
}

func TestRORGet(t *testing.T) {
	code, out, _ := runCLI(t, "", "ror", "get", "https://ror.org/04dcc3438")
	var o struct {
		ID    string                   `json:"id"`
		Names []struct{ Value string } `json:"names"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &o) != nil || o.ID != "https://ror.org/04dcc3438" || len(o.Names) == 0 {
		t.Errorf("exit %d, output %s", code, out)
	}
	if code, out, _ := runCLI(t, "", "ror", "get", "01ggx4157", "-dump", writeDump(t)); code != 0 || !strings.Contains(out, "01ggx4157") {
		t.Errorf("ror get ID -dump FILE: exit %d, output %s", code, out)
	}
	if code, _, errs := runCLI(t, "", "ror", "get", "02feahw74"); code != 1 || !strings.Contains(errs, "checksum") {
		t.Errorf("bad ID: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := runCLI(t, "", "ror", "get", "05a28rw58"); code != 1 || !strings.Contains(errs, "not in the built-in set") {
		t.Errorf("unknown ID: exit %d, stderr %q", code, errs)
	}
	if code, _, _ := runCLI(t, "", "ror", "get"); code != 2 {
		t.Errorf("no ID: exit %d, want 2", code)
	}
}
