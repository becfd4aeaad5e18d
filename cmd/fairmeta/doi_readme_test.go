package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/datacite/datacitetest"
)

// readmeBlock returns the first ```sh block of the README section with the given heading.
func readmeBlock(t *testing.T, heading string) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(data)
	i := strings.Index(section, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("README has no section %q", heading)
	}
	section = section[i+1:]
	if j := strings.Index(section[3:], "\n## "); j >= 0 {
		section = section[:j+3]
	}
	k := strings.Index(section, "```sh\n")
	if k < 0 {
		t.Fatalf("README section %q has no sh block", heading)
	}
	block := section[k+6:]
	return block[:strings.Index(block, "```")]
}

// TestREADMEDOICommands runs every command of the README's section on DOIs, in order, as a user would in a
// directory holding run-2.xml: the DataCite API and the DOI resolver are one loopback DataCite holding the DOIs the
// commands name, and convert DOI gets -resolver pointing at it.
func TestREADMEDOICommands(t *testing.T) {
	srv := mintServer(t)
	seedDOIs(t, srv, 2, 2)
	if err := srv.Add(datacitetest.StoredDOI{DOI: "10.5072/draft-3", Client: "IN2P3.CLI"}); err != nil {
		t.Fatal(err)
	}
	dryad := `{"doi":"10.5061/dryad.8515","titles":[{"title":"Data from: A new malaria agent in African hominids"}],` +
		`"creators":[{"name":"Ollomo, Benjamin","nameType":"Personal"}],"publisher":{"name":"Dryad"},"publicationYear":2011,` +
		`"types":{"resourceTypeGeneral":"Dataset"}}`
	if err := srv.Add(datacitetest.StoredDOI{DOI: "10.5061/dryad.8515", Client: "DRYAD.DRYAD", State: "findable",
		URL: "https://datadryad.org/stash/dataset/doi:10.5061/dryad.8515", Attributes: []byte(dryad)}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "run-2.xml"), []byte(strings.Replace(smallXML, "10.82433/B09Z-4K37", "10.5072/run-2", 1)), 0o600); err != nil {
		t.Fatal(err)
	}

	ran := 0
	for _, line := range strings.Split(strings.TrimSpace(readmeBlock(t, "## From a DOI to any format, and DOIs at DataCite")), "\n") {
		if c := strings.Index(line, "  #"); c >= 0 {
			line = line[:c]
		}
		args := strings.Fields(line)
		if len(args) == 0 || args[0] != "fairmeta" {
			t.Fatalf("not a fairmeta command: %q", line)
		}
		args = args[1:]
		var outFile string
		if n := len(args); n >= 2 && args[n-2] == ">" {
			outFile, args = filepath.Join(dir, args[n-1]), args[:n-2]
		}
		for j, a := range args {
			if _, err := os.Stat(filepath.Join(dir, a)); err == nil {
				args[j] = filepath.Join(dir, a)
			}
		}
		if args[0] == "convert" && !strings.Contains(line, "-jsonl") {
			args = append(args, "-resolver", srv.URL)
		}
		code, out, errs := runCLI(t, "", args...)
		if code != 0 {
			t.Errorf("%s: exit %d\n%s", line, code, errs)
			continue
		}
		if strings.TrimSpace(out) == "" {
			t.Errorf("%s: no output", line)
		}
		if outFile != "" {
			if err := os.WriteFile(outFile, []byte(out), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		ran++
	}
	if ran < 14 {
		t.Errorf("%d README commands ran", ran)
	}
	// What the commands did, on the server.
	for d, want := range map[string]string{"10.5072/run-1": "findable", "10.5072/run-2": "findable"} {
		if s, ok := srv.Lookup(d); !ok || s.State != want {
			t.Errorf("%s: %s on the server, want %s", d, s.State, want)
		}
	}
	if s, _ := srv.Lookup("10.5072/run-2"); s.URL != "https://data.example.org/runs/2" {
		t.Errorf("run-2 URL %q", s.URL)
	}
	if _, ok := srv.Lookup("10.5072/draft-3"); ok {
		t.Error("draft-3 was not deleted")
	}
	list, err := os.ReadFile(filepath.Join(dir, "dois.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(list), "\n"); n != 2 { // run-1 and the 10.5072/other of seedDOIs; run-2 was a draft then
		t.Errorf("doi list -state findable wrote %d lines:\n%s", n, list)
	}
	for _, l := range strings.Split(strings.TrimSpace(string(list)), "\n") {
		if _, _, err := datacite.ReadJSONRecord([]byte(l)); err != nil {
			t.Errorf("a line of doi list is not DataCite JSON: %v", err)
		}
	}
}
