package harvest_test

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/harvest"
)

func items(ids ...string) []harvest.Item {
	var out []harvest.Item
	for _, id := range ids {
		out = append(out, harvest.Item{Identifier: id, Datestamp: "2026-01-01", Record: json.RawMessage(`{"doi":"` + id + `"}`)})
	}
	return out
}

// TestOutputCrashBetweenWriteAndCheckpoint simulates a harvest killed after it wrote a page but before it
// checkpointed it, in the middle of writing the next line: the resumed harvest must write neither the page twice
// nor keep the torn line.
func TestOutputCrashBetweenWriteAndCheckpoint(t *testing.T) {
	dir := t.TempDir()
	outPath, ck := filepath.Join(dir, "out.jsonl"), filepath.Join(dir, "ck")
	o, err := harvest.OpenOutput(outPath, ck, "p")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := o.Commit("k", items("a", "b"), "after-ab"); err != nil {
		t.Fatal(err)
	}
	o.Close()
	// the crash: page c, d written without a checkpoint, then half a line
	f, _ := os.OpenFile(outPath, os.O_WRONLY|os.O_APPEND, 0)
	f.WriteString(`{"identifier":"c","datestamp":"2026-01-01","deleted":false,"record":{}}` + "\n" +
		`{"identifier":"d","datestamp":"2026-01-01","deleted":false,"record":{}}` + "\n" + `{"identifier":"e","dates`)
	f.Close()

	o, err = harvest.OpenOutput(outPath, ck, "p")
	if err != nil {
		t.Fatal(err)
	}
	if got := string(o.State("k")); got != `"after-ab"` {
		t.Errorf("state %s, want the last checkpointed one", got)
	}
	// the page after the checkpoint comes again, with the rest
	if _, _, err := o.Commit("k", items("c", "d", "e"), "after-e"); err != nil {
		t.Fatal(err)
	}
	o.Close()
	data, _ := os.ReadFile(outPath)
	var ids []string
	for _, ln := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var it harvest.Item
		if err := json.Unmarshal([]byte(ln), &it); err != nil {
			t.Fatalf("line %q: %v", ln, err)
		}
		ids = append(ids, it.Identifier)
	}
	if strings.Join(ids, ",") != "a,b,c,d,e" {
		t.Errorf("output holds %v, want a,b,c,d,e once each", ids)
	}
}

func TestOutputRefusesAnotherHarvestOrAShorterOutput(t *testing.T) {
	dir := t.TempDir()
	outPath, ck := filepath.Join(dir, "out.jsonl"), filepath.Join(dir, "ck")
	o, _ := harvest.OpenOutput(outPath, ck, map[string]string{"url": "https://a.example/oai"})
	_, _, _ = o.Commit("k", items("a"), 1)
	o.Close()
	var ce *harvest.CheckpointError
	if _, err := harvest.OpenOutput(outPath, ck, map[string]string{"url": "https://b.example/oai"}); !errors.As(err, &ce) {
		t.Errorf("other parameters: err %v, want a *CheckpointError", err)
	}
	if err := os.WriteFile(outPath, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := harvest.OpenOutput(outPath, ck, map[string]string{"url": "https://a.example/oai"}); !errors.As(err, &ce) {
		t.Errorf("truncated output: err %v, want a *CheckpointError", err)
	}
	// a file that is not a checkpoint is neither used nor changed
	notCk := filepath.Join(dir, "notes.txt")
	os.WriteFile(notCk, []byte("my notes, no newline"), 0o644)
	if _, err := harvest.OpenOutput(filepath.Join(dir, "o2"), notCk, "p"); !errors.As(err, &ce) {
		t.Errorf("a text file as checkpoint: err %v", err)
	}
	if b, _ := os.ReadFile(notCk); string(b) != "my notes, no newline" {
		t.Errorf("the text file was changed: %q", b)
	}
	// an existing output without a checkpoint is appended to, never truncated
	existing := filepath.Join(dir, "existing.jsonl")
	os.WriteFile(existing, []byte("{\"identifier\":\"old\"}\n"), 0o644)
	o, err := harvest.OpenOutput(existing, filepath.Join(dir, "ck2"), "p")
	if err != nil {
		t.Fatal(err)
	}
	_, _, _ = o.Commit("k", items("new"), 1)
	o.Close()
	if b, _ := os.ReadFile(existing); !strings.HasPrefix(string(b), "{\"identifier\":\"old\"}\n{\"identifier\":\"new\"") {
		t.Errorf("existing output: %q", b)
	}
}

func TestOutputCompactsCheckpoint(t *testing.T) {
	dir := t.TempDir()
	outPath, ck := filepath.Join(dir, "out.jsonl"), filepath.Join(dir, "ck")
	o, _ := harvest.OpenOutput(outPath, ck, "p")
	state := strings.Repeat("x", 30000)
	for i := 0; i < 60; i++ {
		if _, _, err := o.Commit("k", nil, state); err != nil {
			t.Fatal(err)
		}
	}
	_, _, _ = o.Commit("k", items("last"), "final")
	o.Close()
	if st, _ := os.Stat(ck); st.Size() > 1<<20+4096 {
		t.Errorf("checkpoint is %d bytes after 60 commits of 30 kB: not compacted", st.Size())
	}
	o, err := harvest.OpenOutput(outPath, ck, "p")
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	if got := string(o.State("k")); got != `"final"` {
		t.Errorf("state after compaction: %s", got)
	}
}

// TestDecodeMetadataOtherFormats: metadata in a format of the registry other than DataCite is converted to DataCite
// JSON attributes through fair.Resource, with what DataCite cannot hold in the notes; unknown metadata stays a string.
func TestDecodeMetadataOtherFormats(t *testing.T) {
	codemeta := []byte(`{"@context":"https://w3id.org/codemeta/3.0","@type":"SoftwareSourceCode","name":"fairmeta","identifier":"https://doi.org/10.5072/fm","author":[{"@type":"Person","givenName":"Camille","familyName":"Lefèvre","email":"c@example.org"}],"programmingLanguage":"Go"}`)
	rec, notes, problem := harvest.DecodeMetadata(codemeta)
	var attrs struct {
		Titles []struct{ Title string } `json:"titles"`
	}
	if err := json.Unmarshal(rec, &attrs); err != nil || problem != "" || len(attrs.Titles) == 0 || attrs.Titles[0].Title != "fairmeta" {
		t.Errorf("CodeMeta: record %s, problem %q, err %v", rec, problem, err)
	}
	found := false
	for _, n := range notes {
		found = found || strings.HasPrefix(n.Reason, "not written as DataCite")
	}
	if !found {
		t.Errorf("CodeMeta: no note of what DataCite cannot hold (email, language): %v", notes)
	}
	rec, notes, problem = harvest.DecodeMetadata([]byte(`<record xmlns="http://www.loc.gov/MARC21/slim"><leader>x</leader></record>`))
	var s string
	if json.Unmarshal(rec, &s) != nil || !strings.HasPrefix(s, "<record") || notes != nil || problem != "" {
		t.Errorf("MARC: %s %v %q", rec, notes, problem)
	}
}
