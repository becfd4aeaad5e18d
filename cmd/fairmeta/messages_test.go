package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMessagesPointTheRightWay: the errors a newcomer meets first say what is actually wrong.
func TestMessagesPointTheRightWay(t *testing.T) {
	srv := mintServer(t)
	dir := t.TempDir()
	rec := filepath.Join(dir, "record.json")
	os.WriteFile(rec, []byte(`{"data":{"type":"dois","attributes":{"url":"https://data.example.org/1","titles":[{"title":"Run 1"}],`+cliValid+`}}}`), 0o644)
	empty := filepath.Join(dir, "empty.json")
	os.WriteFile(empty, nil, 0o644)
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"mint without a prefix", []string{"doi", "mint", rec}, 1, "no DOI prefix given"},
		{"empty input", []string{"convert", "-to", "fair", empty}, 1, "the input is empty"},
		{"empty input, validate", []string{"validate", empty}, 1, "empty"},
		{"no such directory", []string{"software", "describe", filepath.Join(dir, "nope")}, 1, "nope: no such directory"},
	} {
		code, _, errs := runCLI(t, "", c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", c.name, code, errs, c.code, c.want)
		}
	}
	if n := len(srv.DOIs()); n != 0 {
		t.Errorf("%d DOIs minted without a prefix", n)
	}
}
