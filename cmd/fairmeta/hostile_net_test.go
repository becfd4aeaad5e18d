package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDOIMintJournalNotAJournal: -journal naming a file that is not a journal is refused before anything is minted,
// and the file keeps every byte (its unfinished last line was cut off before).
func TestDOIMintJournalNotAJournal(t *testing.T) {
	srv := mintServer(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "record.json")
	doc := `{"data":{"type":"dois","attributes":{"url":"https://data.example.org/j","titles":[{"title":"J"}],` + cliValid + `}}}`
	notes := "meeting notes\nremember: the last line has no newline"
	journal := filepath.Join(dir, "notes.txt")
	for path, content := range map[string]string{in: doc, journal: notes} {
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, _, errs := runCLI(t, "", "doi", "mint", "-prefix", "10.5072", "-journal", journal, in)
	if code != 1 || !strings.Contains(errs, "journal "+journal) || !strings.Contains(errs, "not a journal") {
		t.Errorf("exit %d, stderr %q; want 1 and the journal refused", code, errs)
	}
	if b, _ := os.ReadFile(journal); string(b) != notes {
		t.Errorf("the file was changed: %q", b)
	}
	if n := len(srv.DOIs()); n != 0 {
		t.Errorf("%d DOIs minted; want none", n)
	}
}

// TestDOIMintPoisonedErrors: what a server says in a 422 reaches the terminal bounded and inert — escapes and line
// breaks escaped, a 4 MB title cut, 200,000 problems summed up as "and N more", an echoed password redacted.
func TestDOIMintPoisonedErrors(t *testing.T) {
	var body bytes.Buffer
	body.WriteString(`{"errors":[{"source":"titles","title":"\u001b[2J\u001b]0;owned\u0007cleared\r\nfairmeta doi mint: 1 minted ` +
		`poison-pw-1234"},{"title":"` + strings.Repeat("T", 4<<20) + `"}`)
	for i := range 200000 {
		fmt.Fprintf(&body, `,{"title":"p%d"}`, i)
	}
	body.WriteString(`]}`)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.api+json")
		w.WriteHeader(http.StatusUnprocessableEntity)
		w.Write(body.Bytes())
	}))
	defer srv.Close()
	t.Setenv("DATACITE_API_URL", srv.URL)
	t.Setenv("DATACITE_USERNAME", "IN2P3.CLI")
	t.Setenv("DATACITE_PASSWORD", "poison-pw-1234")
	in := filepath.Join(t.TempDir(), "record.json")
	doc := `{"data":{"type":"dois","attributes":{"url":"https://data.example.org/p","titles":[{"title":"P"}],` + cliValid + `}}}`
	if err := os.WriteFile(in, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "", "doi", "mint", "-prefix", "10.5072", in)
	switch {
	case code != 1:
		t.Errorf("exit %d; want 1", code)
	case strings.ContainsAny(errs, "\x1b\x07\r") || strings.Count(errs, "\n") > 4 || len(errs) > 4000:
		t.Errorf("stderr (%d bytes, %d lines) holds control characters or too much: %.400q", len(errs), strings.Count(errs, "\n"), errs)
	case strings.Contains(out+errs, "poison-pw-1234"):
		t.Errorf("the echoed password reached the terminal")
	case !strings.Contains(errs, `\x1b[2J\x1b]0;owned\x07cleared\r\nfairmeta doi mint: 1 minted [redacted]`) || !strings.Contains(errs, "and 199992 more"):
		t.Errorf("stderr does not show the escaped problems and the count of the rest: %.600q", errs)
	}
}

// TestOutputFilesReplacedWhole: assess -html, dmp resources -html and dmp upgrade -o write a temporary file and
// rename it over the target: a second name (hard link) of the old file keeps the old content, which a truncation in
// place would have destroyed, and no temporary file is left.
func TestOutputFilesReplacedWhole(t *testing.T) {
	for _, tt := range []struct {
		name string
		args func(out string) []string
		want string
	}{
		{"assess -html", func(out string) []string { return []string{"assess", "-html", out, writeRecord(t, assessRecord())} }, "<html"},
		{"dmp resources -html", func(out string) []string {
			return []string{"dmp", "resources", "-html", out, dmpFixtures + "resources/plan-lsst.json"}
		}, "<svg"},
		{"dmp upgrade -o", func(out string) []string {
			return []string{"dmp", "upgrade", "-o", out, dmpFixtures + "resources/plan-lsst.json"}
		}, `"dmp"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			out, keep := filepath.Join(dir, "out"), filepath.Join(dir, "old-name")
			if err := os.WriteFile(out, []byte("old report"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Link(out, keep); err != nil {
				t.Skipf("no hard links here: %v", err)
			}
			if code, _, errs := runCLI(t, "", tt.args(out)...); code != exitOK {
				t.Fatalf("exit %d: %s", code, errs)
			}
			if b, _ := os.ReadFile(out); !strings.Contains(string(b), tt.want) {
				t.Errorf("the output lacks %q: %.200s", tt.want, b)
			}
			if b, _ := os.ReadFile(keep); string(b) != "old report" {
				t.Errorf("the old file was overwritten in place: its other name now holds %.80q", b)
			}
			if ents, _ := os.ReadDir(dir); len(ents) != 2 {
				t.Errorf("the directory holds %d entries; want 2 (a temporary file was left)", len(ents))
			}
		})
	}
}
