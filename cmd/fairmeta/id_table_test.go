package main

import (
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/internal/pidtable"
)

// TestIDRealTable runs `fairmeta id` on the table of real identifiers written the ways people paste them: every one
// is recognised, with its scheme and normalised form.
func TestIDRealTable(t *testing.T) {
	args := []string{"id"}
	for _, c := range pidtable.Table {
		args = append(args, c.In)
	}
	code, out, errOut := runCLI(t, "", args...)
	if code != 0 {
		t.Errorf("exit %d, want 0; stderr: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(pidtable.Table) {
		t.Fatalf("%d lines for %d identifiers:\n%s", len(lines), len(pidtable.Table), out)
	}
	pass := 0
	for i, c := range pidtable.Table {
		f := strings.Split(lines[i], "\t")
		if len(f) != 4 || f[0] != c.In || f[1] != c.Scheme || f[2] != c.Value {
			t.Errorf("fairmeta id %q: %q, want %s\t%s", c.In, lines[i], c.Scheme, c.Value)
			continue
		}
		pass++
	}
	t.Logf("fairmeta id: %d of %d identifiers right", pass, len(pidtable.Table))
}
