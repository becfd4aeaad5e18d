package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestREADMEPublicationCommands runs every fairmeta command of the README's publications section, from the
// repository root's point of view, and expects each to succeed.
func TestREADMEPublicationCommands(t *testing.T) {
	block := strings.Join(readmeCommands(t, "Publications: INSPIRE-HEP, Crossref, arXiv"), "\n")
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
		}
		code, out, errs := runCLI(t, "", args...)
		if code != 0 || out == "" {
			t.Errorf("%s: exit %d\n%s\n%s", line, code, out, errs)
		}
		ran++
	}
	if ran < 5 {
		t.Errorf("ran %d commands", ran)
	}
}

// TestPublicationsAffiliations checks what the command finds in the example records: the French laboratories and
// the people there, per record, and the count.
func TestPublicationsAffiliations(t *testing.T) {
	files := []string{"../../inspire/testdata/paper.json", "../../crossref/testdata/work.json", "../../arxiv/testdata/oai-arXivRaw.xml", "../../arxiv/testdata/api-feed.xml"}
	code, out, errs := runCLI(t, "", append([]string{"publications", "affiliations", "-json", "-country", "FR"}, files...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	got := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var l struct {
			ID            string
			Organizations []struct {
				ID     string
				People []string
			}
		}
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		for _, o := range l.Organizations {
			got[l.ID] = append(got[l.ID], o.ID+" "+strings.Join(o.People, "; "))
		}
	}
	want := map[string][]string{
		"10.48550/arXiv.2101.00002":  {"https://ror.org/03gc1p724 Dubois, R.; Müller, S."},
		"10.5072/synthetic.2026.002": {"https://ror.org/00fw8bp86 Dupont, Marie"},
	}
	for id, w := range want {
		if strings.Join(got[id], "|") != strings.Join(w, "|") {
			t.Errorf("%s: %q, want %q", id, got[id], w)
		}
	}
	if len(got["10.5072/synthetic.2026.001"]) != 2 { // Université Paris-Saclay (or IJCLab) and LAPP
		t.Errorf("INSPIRE paper: %q", got["10.5072/synthetic.2026.001"])
	}
	// Five records: the feed holds two e-prints, of which the first has an author at IJCLab.
	if !strings.Contains(errs, "4 of 5 records have an author at a selected organisation") {
		t.Errorf("summary: %s", errs)
	}
}
