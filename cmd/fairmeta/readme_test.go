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

	"github.com/dop2i/fairmeta/csl"
	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/datacite/datacitetest"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/format"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// The README's commands, all of them, run as tests. readmeSections parses every ```sh block of README.md and
// takes each line that runs fairmeta (continuation lines joined, "  # comments" cut, the command of a GNU
// parallel line taken out of its quotes). TestREADMECommands then runs each one in-process, except those of the
// sections in readmeSectionTests, which have tests of their own (they check more than the exit status, or need
// generated data); it fails for a command it cannot run, so a command added to the README is a test from then on.
//
// How a command runs (the setup; add to it when a new command needs more):
//   - in a fresh working directory holding the files the README's examples name (readmeFixtures: record.json,
//     record.xml, sample.json, landing.html, doc.jsonld, records.jsonl, CITATION.cff, results/, ...), written from
//     one valid record through the format registry; other relative paths (ror/testdata/..., ".") are the
//     repository's own;
//   - with DATACITE_API_URL, DATACITE_USERNAME and DATACITE_PASSWORD pointing at a datacitetest server that holds
//     10.5072/abcd-ef12 and formats citations (package csl's bundled styles), and a loopback web serving the
//     record's landing page;
//   - with the flags of readmeExtraFlags added, so that commands that would reach the internet reach those
//     servers instead (-resolver for DOI resolution);
//   - with "> FILE" writing standard output to FILE;
//   - expecting exit status 0, or the status readmeExitStatus documents.

// readmeSectionTests are the README sections whose commands another test runs, by its name.
var readmeSectionTests = map[string]string{
	"Working at scale":                               "TestREADMEWorkingAtScale",
	"Affiliations to ROR IDs":                        "TestREADMERORCommands",
	"Data management plans (maDMP)":                  "TestREADMEDMPCommands",
	"Publications: INSPIRE-HEP, Crossref, arXiv":     "TestREADMEPublicationCommands",
	"From arXiv to HAL":                              "TestREADMEArXivToHAL",
	"From a DOI to any format, and DOIs at DataCite": "TestREADMEDOICommands",
}

// readmeExitStatus is the exit status the README documents for a command, by the command's first words.
var readmeExitStatus = map[string]int{
	"fairmeta id ": 1, // one of the README's example values is invalid on purpose: "exits 1 when any value is invalid"
}

// readmeExtraFlags are flags added to a command, by its first words, so that it talks to the loopback servers.
var readmeExtraFlags = map[string]func(s *readmeServers) []string{
	"fairmeta doi resolve ":      func(s *readmeServers) []string { return []string{"-resolver", s.datacite.URL} },
	"fairmeta assess -json -net": func(s *readmeServers) []string { return []string{"-resolver", s.datacite.URL} },
}

type readmeServers struct {
	datacite *datacitetest.Server
	web      *httptest.Server
}

// commandWords returns how many of args name the command ("doi resolve" is two).
func commandWords(args []string) int {
	if len(args) > 1 {
		if _, ok := commands[args[0]+" "+args[1]]; ok {
			return 2
		}
	}
	return 1
}

// cslCitations formats citations for datacitetest with package csl's bundled styles and locales (default APA in
// en-US), as DataCite's content negotiation formats them.
func cslCitations(cslJSON []byte, style, locale string) (string, error) {
	if style == "" {
		style = "apa"
	}
	if locale == "" {
		locale = "en-US"
	}
	st, err := csl.BundledStyle(style)
	if err != nil {
		return "", err
	}
	p, err := csl.New(st, csl.WithLocale(locale, false))
	if err != nil {
		return "", err
	}
	item, err := csl.ParseItem(cslJSON)
	if err != nil {
		return "", err
	}
	entries, err := p.Bibliography([]*csl.Item{item}, csl.Text)
	if err != nil {
		return "", err
	}
	if len(entries) == 0 {
		return "", fmt.Errorf("style %s gives no bibliography entry", style)
	}
	return entries[0].Text, nil
}

// readmeCommand is one fairmeta command line of the README.
type readmeCommand struct {
	section, line string
}

// readmeSections returns every fairmeta command of the README's ```sh blocks with its section (the "## " heading).
func readmeSections(t *testing.T) []readmeCommand {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var out []readmeCommand
	section := ""
	inBlock := false
	var block []string
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case !inBlock && strings.HasPrefix(line, "## "):
			section = strings.TrimPrefix(line, "## ")
		case !inBlock && line == "```sh":
			inBlock, block = true, nil
		case inBlock && line == "```":
			inBlock = false
			for _, c := range commandLines(strings.Join(block, "\n")) {
				out = append(out, readmeCommand{section, c})
			}
		case inBlock:
			block = append(block, line)
		}
	}
	return out
}

// commandLines returns the fairmeta command lines of a shell block.
func commandLines(src string) []string {
	var cmds []string
	for _, line := range strings.Split(strings.ReplaceAll(src, "\\\n", " "), "\n") {
		if c := strings.Index(line, " #"); c >= 0 {
			line = line[:c] // a shell comment
		}
		i := strings.Index(line, "fairmeta ")
		if i < 0 || strings.HasPrefix(strings.TrimSpace(line), "#") || i > 0 && line[i-1] != ' ' && line[i-1] != '\'' {
			continue
		}
		line = line[i:]
		if j := strings.Index(line, "'"); j >= 0 {
			line = line[:j]
		}
		cmds = append(cmds, strings.Join(strings.Fields(line), " "))
	}
	return cmds
}

// readmeCommands returns the fairmeta command lines of one README section.
func readmeCommands(t *testing.T, heading string) []string {
	t.Helper()
	var cmds []string
	for _, c := range readmeSections(t) {
		if c.section == heading {
			cmds = append(cmds, c.line)
		}
	}
	if len(cmds) == 0 {
		t.Fatalf("README section %q has no fairmeta command", heading)
	}
	return cmds
}

// readmeRecord is the record the fixtures are written from: valid DataCite, complete for schema.org, with its
// landing page on the loopback web.
func readmeRecord(landing string) *fair.Resource {
	return &fair.Resource{
		Identifier: fair.Identifier{Value: "10.5072/abcd-ef12", Type: "DOI"},
		Titles:     []fair.Title{{Title: "Calibrated air-shower events, run 4271"}},
		Creators: []fair.Creator{{Name: "Lefèvre, Camille", NameType: fair.NamePersonal, GivenName: "Camille", FamilyName: "Lefèvre",
			NameIdentifiers: []fair.NameIdentifier{{Value: "https://orcid.org/0000-0002-1825-0097", Scheme: "ORCID", SchemeURI: "https://orcid.org"}},
			Affiliations:    []fair.Affiliation{{Name: "IJCLab", Identifier: "https://ror.org/03gc1p724", IdentifierScheme: "ROR", SchemeURI: "https://ror.org"}}}},
		Publisher:       fair.Publisher{Name: "CC-IN2P3", Identifier: "https://ror.org/04dcc3438", IdentifierScheme: "ROR", SchemeURI: "https://ror.org"},
		PublicationYear: 2026,
		ResourceType:    fair.ResourceType{General: fair.ResourceTypeDataset, Type: "Event list"},
		Descriptions:    []fair.Description{{Description: "Air-shower events of run 4271, calibrated.", Type: fair.DescriptionAbstract}},
		Rights:          []fair.Rights{{Rights: "Creative Commons Attribution 4.0 International", URI: "https://creativecommons.org/licenses/by/4.0/legalcode", Identifier: "CC-BY-4.0", IdentifierScheme: "SPDX", SchemeURI: "https://spdx.org/licenses/"}},
		URL:             landing,
	}
}

// readmeFixtures writes the files the README's examples name into dir.
func readmeFixtures(t *testing.T, dir string, rec *fair.Resource) {
	t.Helper()
	reg := format.Default()
	write := func(name, formatName string) []byte {
		var buf bytes.Buffer
		if _, err := reg.Write(&buf, formatName, []*fair.Resource{rec}); err != nil {
			t.Fatalf("fixture %s: %v", name, err)
		}
		testenv.WriteFile(t, filepath.Join(dir, name), buf.String(), 0o644)
		return buf.Bytes()
	}
	write("record.json", "fair")
	write("record.xml", "datacite-xml")
	write("doc.jsonld", "schemaorg")
	jsonld := write("landing.jsonld", "schemaorg")
	testenv.WriteFile(t, filepath.Join(dir, "landing.html"), "<!DOCTYPE html>\n<html><head><title>Run 4271</title>\n<script type=\"application/ld+json\">\n"+
		string(jsonld)+"</script></head><body><h1>Run 4271</h1></body></html>\n", 0o644)
	attrs, err := datacite.FromResource(rec).MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	testenv.WriteFile(t, filepath.Join(dir, "sample.json"), `{"data":[{"id":"10.5072/abcd-ef12","type":"dois","attributes":`+string(attrs)+`}]}`, 0o644)
	var lines []string
	for i := range 3 {
		r := *rec
		r.Identifier, r.URL = fair.Identifier{}, fmt.Sprintf("%s/%d", rec.URL, i)
		r.Titles = []fair.Title{{Title: fmt.Sprintf("Calibrated air-shower events, run %d", 4272+i)}}
		data, err := datacite.FromResource(&r).MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, string(data))
	}
	testenv.WriteFile(t, filepath.Join(dir, "records.jsonl"), strings.Join(lines, "\n")+"\n", 0o644)
	testenv.WriteFile(t, filepath.Join(dir, "CITATION.cff"), testCFF, 0o644)
	testenv.WriteFile(t, filepath.Join(dir, "results", "histogram.csv"), "energy,count\n1.0,42\n", 0o644)
	ctx, err := os.ReadFile(filepath.Join("..", "..", "schemaorg", "context.jsonld"))
	if err != nil {
		t.Fatal(err)
	}
	testenv.WriteFile(t, filepath.Join(dir, "schemaorgcontext.jsonld"), string(ctx), 0o644)
}

// TestREADMECommands runs every fairmeta command of the README that no section test runs (see the comment above
// readmeSectionTests for the setup) and checks that the section tests named exist.
func TestREADMECommands(t *testing.T) {
	cmds := readmeSections(t)
	if len(cmds) < 30 {
		t.Fatalf("found %d commands in the README", len(cmds))
	}
	sources, _ := filepath.Glob("*_test.go")
	var src strings.Builder
	for _, f := range sources {
		data, _ := os.ReadFile(f)
		src.Write(data)
	}
	for section, test := range readmeSectionTests {
		if !strings.Contains(src.String(), "func "+test+"(t *testing.T)") {
			t.Errorf("README section %q: its commands are said to be run by %s, which does not exist", section, test)
		}
	}

	dc := datacitetest.NewServer(datacitetest.WithRepository("IN2P3.CLI", "cli-pw-7731", "10.5072"), datacitetest.WithCitations(cslCitations))
	defer dc.Close()
	web := httptest.NewServer(http.NotFoundHandler())
	defer web.Close()
	srv := &readmeServers{datacite: dc, web: web}
	rec := readmeRecord(web.URL + "/runs/4271")
	attrs, err := datacite.FromResource(rec).MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if err := dc.Add(datacitetest.StoredDOI{DOI: "10.5072/abcd-ef12", Client: "IN2P3.CLI", State: "findable", URL: rec.URL, Attributes: attrs}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	readmeFixtures(t, dir, rec)
	landing, err := os.ReadFile(filepath.Join(dir, "landing.html"))
	if err != nil {
		t.Fatal(err)
	}
	web.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(landing)
	})
	t.Setenv("DATACITE_API_URL", dc.URL)
	t.Setenv("DATACITE_USERNAME", "IN2P3.CLI")
	t.Setenv("DATACITE_PASSWORD", "cli-pw-7731")
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)

	ran := 0
	for _, c := range cmds {
		if _, ok := readmeSectionTests[c.section]; ok {
			continue
		}
		args := strings.Fields(c.line)[1:]
		for i, a := range args {
			if a != "." && (!strings.Contains(a, "/") || strings.Contains(a, "://")) {
				continue
			}
			if _, err := os.Stat(a); err != nil || a == "." {
				if _, err := os.Stat(filepath.Join(root, a)); err == nil {
					args[i] = filepath.Join(root, a) // a path of the repository
				}
			}
		}
		for prefix, extra := range readmeExtraFlags {
			if strings.HasPrefix(c.line, prefix) {
				n := commandWords(args) // the flags go right after the command's name
				args = append(append(append([]string{}, args[:n]...), extra(srv)...), args[n:]...)
			}
		}
		want := 0
		for prefix, code := range readmeExitStatus {
			if strings.HasPrefix(c.line, prefix) {
				want = code
			}
		}
		var redirect string
		if i := indexOf(args, ">"); i >= 0 && i == len(args)-2 {
			redirect, args = args[i+1], args[:i]
		}
		code, out, errs := runCLI(t, "", args...)
		if os.Getenv("README_DEBUG") != "" {
			fmt.Fprintf(os.Stderr, "== %s\n%s\n%s\n", c.line, out, errs)
		}
		if redirect != "" {
			if err := os.WriteFile(redirect, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if code != want || out == "" && !strings.Contains(c.line, " -html ") {
			t.Errorf("README (%s): %s\nexit %d, want %d; stdout:\n%s\nstderr:\n%s", c.section, c.line, code, want, out, errs)
		}
		ran++
	}
	t.Logf("ran %d README commands here; %d in the section tests", ran, len(cmds)-ran)
}
