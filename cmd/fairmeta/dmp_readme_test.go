package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/datacite/datacitetest"
)

// TestREADMEDMPCommands runs every fairmeta command of the README's maDMP section, from the repository root's
// point of view, and expects each to succeed.
func TestREADMEDMPCommands(t *testing.T) {
	block := strings.Join(readmeCommands(t, "Data management plans (maDMP)"), "\n")
	ran := 0
	for _, line := range strings.Split(block, "\n") {
		args := strings.Fields(line)
		if len(args) == 0 || args[0] != "fairmeta" {
			t.Fatalf("not a fairmeta command: %q", line)
		}
		args = args[1:]
		for j, a := range args {
			if _, err := os.Stat(filepath.Join("../..", a)); err == nil && strings.Contains(a, "/") {
				args[j] = filepath.Join("../..", a)
			}
			if a == "report.html" {
				args[j] = filepath.Join(t.TempDir(), a)
			}
		}
		if args[0] == "doi" {
			srv := mintServer(t)
			srv.InjectNext("", datacitetest.FaultDropAfter)
		}
		code, out, errs := runCLI(t, "", args...)
		if code != 0 {
			t.Errorf("%s: exit %d\n%s\n%s", line, code, out, errs)
		}
		ran++
	}
	if ran < 5 {
		t.Errorf("ran %d commands", ran)
	}
}
