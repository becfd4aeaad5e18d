package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/datacite/datacitetest"
	"github.com/dop2i/fairmeta/doi"
)

// seedDOIs puts DOIs into a test server: 10.5072/run-1 to run-N of the CLI's repository, findable except the
// drafts named, and one DOI of another repository.
func seedDOIs(t *testing.T, srv *datacitetest.Server, n int, drafts ...int) {
	t.Helper()
	for i := 1; i <= n; i++ {
		state := "findable"
		for _, d := range drafts {
			if d == i {
				state = "draft"
			}
		}
		attrs := fmt.Sprintf(`{"doi":"10.5072/run-%d","titles":[{"title":"Run %d"}],%s,"url":"https://data.example.org/runs/%d"}`, i, i, cliValid, i)
		if err := srv.Add(datacitetest.StoredDOI{DOI: fmt.Sprintf("10.5072/run-%d", i), Client: "IN2P3.CLI", State: state,
			URL: fmt.Sprintf("https://data.example.org/runs/%d", i), Attributes: []byte(attrs)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := srv.Add(datacitetest.StoredDOI{DOI: "10.5072/other", Client: "OTHER.REPO", State: "findable",
		Attributes: []byte(`{"doi":"10.5072/other","titles":[{"title":"Other"}],` + cliValid + `}`)}); err != nil {
		t.Fatal(err)
	}
}

func TestDOIList(t *testing.T) {
	srv := mintServer(t)
	seedDOIs(t, srv, 7, 3)
	// Every page, as JSON Lines that convert -jsonl reads.
	code, out, errs := runCLI(t, "", "doi", "list", "-client", "IN2P3.CLI", "-page-size", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 7 {
		t.Fatalf("%d lines, want the 7 DOIs of the repository over 4 pages:\n%s", len(lines), out)
	}
	seen := map[string]bool{}
	for i, l := range lines {
		rec, _, err := datacite.ReadJSONRecord([]byte(l))
		if err != nil || !strings.HasPrefix(rec.DOI, "10.5072/run-") || rec.Titles[0].Title == "" {
			t.Errorf("line %d is not a DataCite record of the repository: %v\n%s", i+1, err, l)
			continue
		}
		seen[rec.DOI] = true
	}
	if len(seen) != 7 {
		t.Errorf("%d distinct DOIs in 7 lines: a page was repeated", len(seen))
	}
	if code, conv, errs := runCLI(t, strings.Join(lines, "\n")+"\n", "convert", "-jsonl", "-to", "csl-json"); code != 0 || strings.Count(conv, "\n") != 7 {
		t.Errorf("convert -jsonl of the listing: exit %d, %d lines: %s", code, strings.Count(conv, "\n"), errs)
	}
	// Filters: state, prefix with -max; a usage error names the flag and its values.
	if code, out, errs := runCLI(t, "", "doi", "list", "-prefix", "10.5072", "-state", "draft"); code != 0 || strings.Count(out, "\n") != 1 ||
		!strings.Contains(out, `"id":"10.5072/run-3"`) {
		t.Errorf("-state draft: exit %d, stderr %s, stdout:\n%s", code, errs, out)
	}
	if code, out, _ := runCLI(t, "", "doi", "list", "-prefix", "10.5072", "-page-size", "3", "-max", "5"); code != 0 || strings.Count(out, "\n") != 5 {
		t.Errorf("-max 5: exit %d, %d lines", code, strings.Count(out, "\n"))
	}
	if code, _, errs := runCLI(t, "", "doi", "list", "-state", "public"); code != 2 ||
		!strings.Contains(errs, `fairmeta doi list: invalid value "public" for flag -state: "public" is not one of draft, registered, findable`) {
		t.Errorf("-state public: exit %d, %s", code, errs)
	}
}

func TestDOIGetAndEvents(t *testing.T) {
	srv := mintServer(t)
	seedDOIs(t, srv, 3, 1, 2)
	state := func(d string) string {
		s, ok := srv.Lookup(d)
		if !ok {
			return "absent"
		}
		return s.State
	}

	code, out, errs := runCLI(t, "", "doi", "get", "https://doi.org/10.5072/RUN-3")
	rec, _, err := datacite.ReadJSONRecord([]byte(out))
	if code != 0 || err != nil || rec.State != datacite.StateFindable || rec.URL != "https://data.example.org/runs/3" || rec.Titles[0].Title != "Run 3" {
		t.Errorf("doi get: exit %d, %v, %s\n%s", code, err, errs, out)
	}
	if code, out, errs := runCLI(t, "", "doi", "get", "10.5072/run-3", "-to", "schemaorg"); code != 0 || !strings.Contains(out, `"name": "Run 3"`) {
		t.Errorf("doi get -to schemaorg: exit %d, %s\n%s", code, errs, out)
	}
	if code, _, errs := runCLI(t, "", "doi", "get", "10.5072/nope", "10.5072/run-3"); code != 1 || !strings.Contains(errs, "fairmeta doi get: ") {
		t.Errorf("doi get of a missing DOI: exit %d, %s", code, errs)
	}

	// The life of a DOI: register, publish, hide, show — each checked on the server.
	steps := []struct {
		cmd, doi, want string
	}{
		{"register", "10.5072/run-1", "registered"},
		{"show", "10.5072/run-1", "findable"},
		{"hide", "10.5072/run-1", "registered"},
		{"publish", "10.5072/run-1", "findable"},
		{"publish", "doi:10.5072/RUN-2", "findable"},
	}
	for _, s := range steps {
		code, out, errs := runCLI(t, "", "doi", s.cmd, s.doi)
		d, _ := doi.Parse(s.doi)
		if code != 0 || out != string(d)+"\t"+s.want+"\n" || state(string(d)) != s.want {
			t.Errorf("doi %s %s: exit %d, stdout %q, server state %s; want %s (%s)", s.cmd, s.doi, code, out, state(string(d)), s.want, errs)
		}
	}
	// "-": the DOIs of standard input, one per line.
	if code, out, errs := runCLI(t, "https://doi.org/10.5072/run-1\n\n10.5072/RUN-2\n", "doi", "hide", "-"); code != 0 ||
		out != "10.5072/run-1\tregistered\n10.5072/run-2\tregistered\n" || state("10.5072/run-2") != "registered" {
		t.Errorf("doi hide -: exit %d, %q, %s", code, out, errs)
	}
	// Delete: drafts only.
	if err := srv.Add(datacitetest.StoredDOI{DOI: "10.5072/draft-9", Client: "IN2P3.CLI"}); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := runCLI(t, "", "doi", "delete", "10.5072/draft-9"); code != 0 || out != "10.5072/draft-9\tdeleted\n" || state("10.5072/draft-9") != "absent" {
		t.Errorf("doi delete of a draft: exit %d, %q, %s", code, out, errs)
	}
	if code, out, errs := runCLI(t, "", "doi", "delete", "10.5072/run-3"); code != 1 || out != "" || !strings.Contains(errs, "fairmeta doi delete: ") ||
		state("10.5072/run-3") != "findable" {
		t.Errorf("doi delete of a findable DOI: exit %d, %q, %s", code, out, errs)
	}
	if code, _, errs := runCLI(t, "", "doi", "publish", "not-a-doi"); code != 1 || !strings.Contains(errs, "fairmeta doi publish: ") {
		t.Errorf("doi publish not-a-doi: exit %d, %s", code, errs)
	}
}

func TestDOIUpdate(t *testing.T) {
	srv := mintServer(t)
	seedDOIs(t, srv, 1)
	// Only the URL.
	code, out, errs := runCLI(t, "", "doi", "update", "10.5072/run-1", "-url", "https://data.example.org/v2/runs/1")
	if s, _ := srv.Lookup("10.5072/run-1"); code != 0 || out != "10.5072/run-1\tfindable\thttps://data.example.org/v2/runs/1\n" ||
		s.URL != "https://data.example.org/v2/runs/1" {
		t.Errorf("-url: exit %d, %q, %s; server URL %s", code, out, errs, s.URL)
	}
	// The metadata of a file in another format (DataCite XML), flags after the arguments.
	f := filepath.Join(t.TempDir(), "run.xml")
	if err := os.WriteFile(f, []byte(smallXML), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runCLI(t, "", "doi", "update", "10.5072/run-1", f, "-from", "datacite-xml")
	s, _ := srv.Lookup("10.5072/run-1")
	var attrs struct {
		DOI    string `json:"doi"`
		Titles []struct {
			Title string `json:"title"`
		} `json:"titles"`
	}
	json.Unmarshal(s.Attributes, &attrs)
	if code != 0 || !strings.HasPrefix(out, "10.5072/run-1\tfindable\t") || len(attrs.Titles) != 1 || attrs.Titles[0].Title != "Run 4271" ||
		!strings.EqualFold(attrs.DOI, "10.5072/run-1") {
		t.Errorf("update from XML: exit %d, %q, %s; server holds %s", code, out, errs, s.Attributes)
	}
	if code, _, errs := runCLI(t, "", "doi", "update", "10.5072/run-1"); code != 2 || !strings.Contains(errs, "nothing to change") {
		t.Errorf("nothing to change: exit %d, %s", code, errs)
	}
}

func TestDOISuffix(t *testing.T) {
	code, out, errs := runCLI(t, "", "doi", "suffix", "-shoulder", "cc-", "-n", "5")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != 0 || len(lines) != 5 {
		t.Fatalf("exit %d, %s\n%s", code, errs, out)
	}
	seen := map[string]bool{}
	for _, l := range lines {
		shoulder, _, err := doi.ParseSuffix(l)
		if err != nil || shoulder != "cc-" || doi.CheckSuffix(l) != nil {
			t.Errorf("suffix %q: shoulder %q, %v", l, shoulder, err)
		}
		seen[l] = true
	}
	if len(seen) < 4 { // 2^30 values: five draws collide twice with negligible probability
		t.Errorf("suffixes repeat: %q", lines)
	}
	code, out, _ = runCLI(t, "", "doi", "suffix", "-prefix", "10.5072")
	d, err := doi.Parse(strings.TrimSpace(out))
	if code != 0 || err != nil || d.Prefix() != "10.5072" || doi.CheckSuffix(d.Suffix()) != nil {
		t.Errorf("-prefix: exit %d, %q, %v", code, out, err)
	}
	for _, bad := range [][]string{{"-n", "0"}, {"-shoulder", "a b"}, {"extra"}} {
		if code, _, errs := runCLI(t, "", append([]string{"doi", "suffix"}, bad...)...); code != 2 || !strings.HasPrefix(errs, "fairmeta doi suffix: ") {
			t.Errorf("doi suffix %q: exit %d, %s", bad, code, errs)
		}
	}
}
