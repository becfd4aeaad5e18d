package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/format"
	"github.com/dop2i/fairmeta/software"
)

// The conventions every command shares: flags before or after the arguments, "-" for standard input, usage errors
// naming the flag and what it allows (exit 2), errors on standard error prefixed with the command's full name.
func TestConventions(t *testing.T) {
	dir := t.TempDir()
	xmlFile := filepath.Join(dir, "run.xml")
	if err := os.WriteFile(xmlFile, []byte(smallXML), 0o600); err != nil {
		t.Fatal(err)
	}
	affFile := filepath.Join(dir, "aff.txt")
	if err := os.WriteFile(affFile, []byte("CC-IN2P3\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	wantSWHID := software.ContentSWHID([]byte(smallXML)).String() + "\n"
	type tc struct {
		name  string
		stdin string
		args  []string
		code  int
		out   string // a part of standard output
		err   string // a part of standard error
	}
	cases := []tc{
		// Flags after the arguments.
		{name: "convert FILE -to", args: []string{"convert", xmlFile, "-to", "datacite-json"}, out: `"doi": "10.82433/B09Z-4K37"`},
		{name: "validate FILE -format", args: []string{"validate", xmlFile, "-format", "datacite-xml"}, out: xmlFile + ": creators[0].affiliation[0].affiliationIdentifier: warning"},
		{name: "swhid PATH -lines", args: []string{"swhid", xmlFile, "-lines", "2"}, out: ";lines=2"},
		{name: "ror match FILE -all", args: []string{"ror", "match", affFile, "-all"}, out: `"candidates":[`},
		{name: "ror get ID -dump", args: []string{"ror", "get", "https://ror.org/04dcc3438", "-dump", ""}, out: `"id": "https://ror.org/04dcc3438"`},
		{name: "software describe DIR -format", args: []string{"software", "describe", "testdata/nosuchdir", "-format", "cff"}, code: 1, err: "fairmeta software describe: "},
		{name: "-- ends the flags", args: []string{"id", "--", "-to"}, code: 1, out: "-to\tinvalid"},
		// "-" is standard input.
		{name: "convert -", stdin: smallXML, args: []string{"convert", "-", "-to", "datacite-json"}, out: `"doi": "10.82433/B09Z-4K37"`},
		{name: "validate -", stdin: smallXML, args: []string{"validate", "-"}, out: "-: creators[0].affiliation[0].affiliationIdentifier: warning"},
		{name: "swhid -", stdin: smallXML, args: []string{"swhid", "-"}, out: wantSWHID},
		{name: "id -", stdin: "10.5281/ZENODO.1234\n\nhttps://ror.org/02feahw73\n", args: []string{"id", "-"},
			out: "10.5281/ZENODO.1234\tDOI\t10.5281/zenodo.1234\thttps://doi.org/10.5281/zenodo.1234\nhttps://ror.org/02feahw73\tROR\t"},
		{name: "jsonld canonicalize -", stdin: `{"@context": {"name": "https://schema.org/name"}, "name": "x"}`, args: []string{"jsonld", "canonicalize", "-"},
			out: `_:c14n0 <https://schema.org/name> "x" .`},
		{name: "ror match -", stdin: "CC-IN2P3\n", args: []string{"ror", "match", "-"}, out: `"id":"https://ror.org/04dcc3438"`},
		{name: "dmp validate -", stdin: "{not json", args: []string{"dmp", "validate", "-"}, code: 1, err: "fairmeta dmp validate: -: "},
		// Usage errors: what was wrong, the flag and the allowed values, then the usage; exit 2.
		{name: "bad -event", args: []string{"doi", "mint", "-prefix", "10.5072", "x.json", "-event", "findable"}, code: 2,
			err: `fairmeta doi mint: invalid value "findable" for flag -event: "findable" is not one of draft, register, publish` + "\nUsage: fairmeta doi mint"},
		{name: "bad -to", args: []string{"convert", xmlFile, "-to", "pdf"}, code: 2, err: `fairmeta convert: -to "pdf": not a format fairmeta writes (writes: fair, hal-tei, datacite-xml`},
		{name: "read-only -to", args: []string{"convert", xmlFile, "-to", "crossref"}, code: 2, err: `fairmeta convert: -to "crossref": not a format fairmeta writes`},
		{name: "bad -from", args: []string{"convert", xmlFile, "-from", "pdf", "-to", "fair"}, code: 2, err: `fairmeta convert: -from "pdf": not a format fairmeta reads`},
		{name: "no -to", args: []string{"convert", xmlFile}, code: 2, err: "fairmeta convert: -to FORMAT is required\nUsage: fairmeta convert"},
		{name: "bad -format", args: []string{"validate", xmlFile, "-format", "pdf"}, code: 2, err: `fairmeta validate: -format "pdf": not a format fairmeta reads`},
		{name: "bad software -format", args: []string{"software", "describe", "-format", "inspire"}, code: 2, err: `fairmeta software describe: -format "inspire": not a format fairmeta writes`},
		{name: "unknown flag", args: []string{"id", "x", "-nope"}, code: 2, err: "fairmeta id: flag provided but not defined: -nope\nUsage: fairmeta id"},
		{name: "bad -j", args: []string{"convert", "-jsonl", "-to", "fair", "-j", "many"}, code: 2, err: `fairmeta convert: invalid value "many" for flag -j`},
		{name: "bad -accept", args: []string{"doi", "resolve", "10.5072/x", "-accept", "pdf"}, code: 2, err: `fairmeta doi resolve: -accept "pdf": not a media type`},
		{name: "-q with -", args: []string{"swhid", "-q", "-"}, code: 2, err: "fairmeta swhid: -q needs a file"},
		{name: "-api-url without -api", args: []string{"ror", "match", "-api-url", "http://127.0.0.1:1"}, code: 2, err: "fairmeta ror match: -api-url goes with -api"},
		{name: "-url with -url-template", args: []string{"doi", "mint", "x.xml", "-url", "https://a.example/", "-url-template", "https://a.example/{suffix}"}, code: 2,
			err: "fairmeta doi mint: -url and -url-template exclude each other\nUsage: fairmeta doi mint"},
		{name: "-json with -html", args: []string{"assess", xmlFile, "-json", "-html", "x.html"}, code: 2, err: "fairmeta assess: -json and -html exclude each other\nUsage: fairmeta assess"},
		{name: "bad -page-size", args: []string{"harvest", "datacite", "-page-size", "5000"}, code: 2, err: "fairmeta harvest datacite: -page-size 5000: want 1 to 1000"},
		{name: "bad -from date", args: []string{"harvest", "datacite", "-from", "yesterday"}, code: 2, err: `fairmeta harvest datacite: -from: "yesterday" is not a date`},
		{name: "two plans to upgrade", args: []string{"dmp", "upgrade", "a.json", "b.json"}, code: 2, err: "fairmeta dmp upgrade: want one FILE, got 2"},
		{name: "formats with an argument", args: []string{"formats", "datacite"}, code: 2, err: `fairmeta formats: no arguments expected, got ["datacite"]`},
		// Errors on standard error, prefixed with the full command name; nothing on standard output.
		{name: "validate missing file", args: []string{"validate", filepath.Join(dir, "nope.xml")}, code: 1, err: "fairmeta validate: " + filepath.Join(dir, "nope.xml") + ": open "},
		{name: "ror get missing dump", args: []string{"ror", "get", "https://ror.org/04dcc3438", "-dump", filepath.Join(dir, "nope.zip")}, code: 1, err: "fairmeta ror get: "},
		// -h lists the format names, on standard error, exit 0.
		{name: "convert -h", args: []string{"convert", "-h"}, err: "Formats: " + formatNames(format.Default())},
		{name: "validate -h", args: []string{"validate", "-h"}, err: "Formats: fair, inspire, crossref"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := runCLI(t, c.stdin, c.args...)
			if code != c.code || !strings.Contains(out, c.out) || !strings.Contains(errs, c.err) {
				t.Errorf("fairmeta %s: exit %d (want %d)\nstdout: %s\nstderr: %s\nwant stdout with %q, stderr with %q",
					strings.Join(c.args, " "), code, c.code, out, errs, c.out, c.err)
			}
			if code != 0 && c.out == "" && out != "" {
				t.Errorf("a failing command wrote to standard output: %q", out)
			}
		})
	}
}

// fairmeta help lists every command with a one-line description; help CMD and a group word alone print that
// command's help or the group's commands.
func TestHelp(t *testing.T) {
	code, out, _ := runCLI(t, "", "help")
	if code != 0 {
		t.Fatalf("help: exit %d", code)
	}
	for name, c := range commands {
		line := regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(name) + ` +(.+)$`).FindStringSubmatch(out)
		if line == nil || line[1] != c.summary || c.summary == "" || strings.Contains(c.summary, "\n") {
			t.Errorf("help does not list %q with its one-line summary:\n%s", name, out)
		}
	}
	for _, extra := range []string{"help", "version"} {
		if !regexp.MustCompile(`(?m)^  ` + extra + ` +\S`).MatchString(out) {
			t.Errorf("help does not list %q", extra)
		}
	}

	code, out, errs := runCLI(t, "", "help", "convert")
	if code != 0 || !strings.HasPrefix(out, "fairmeta convert: "+commands["convert"].summary) || !strings.Contains(out, "Usage: fairmeta convert") ||
		!strings.Contains(out, "-to format") || !strings.Contains(out, "Formats: ") || errs != "" {
		t.Errorf("help convert: exit %d\nstdout: %s\nstderr: %s", code, out, errs)
	}
	code, out, _ = runCLI(t, "", "help", "doi", "mint")
	if code != 0 || !strings.Contains(out, "Usage: fairmeta doi mint") || !strings.Contains(out, "-prefix") {
		t.Errorf("help doi mint: exit %d\n%s", code, out)
	}
	var doiCmds []string
	for name := range commands {
		if strings.HasPrefix(name, "doi ") {
			doiCmds = append(doiCmds, name)
		}
	}
	slices.Sort(doiCmds)
	for _, args := range [][]string{{"help", "doi"}, {"doi"}, {"doi", "-h"}} {
		code, out, _ := runCLI(t, "", args...)
		want := 0
		if len(args) == 1 {
			want = 2 // no command given, like "fairmeta" alone
		}
		if code != want || !strings.HasPrefix(out, "Usage: fairmeta doi <command>") {
			t.Errorf("fairmeta %s: exit %d (want %d)\n%s", strings.Join(args, " "), code, want, out)
		}
		for _, n := range doiCmds {
			if !strings.Contains(out, "  "+n+" ") {
				t.Errorf("fairmeta %s does not list %s:\n%s", strings.Join(args, " "), n, out)
			}
		}
	}
	if code, _, errs := runCLI(t, "", "doi", "frobnicate"); code != 2 || !strings.Contains(errs, `fairmeta doi: unknown command "frobnicate"`) ||
		!strings.Contains(errs, "doi resolve") {
		t.Errorf("doi frobnicate: exit %d, stderr %s", code, errs)
	}
	if code, _, errs := runCLI(t, "", "help", "frobnicate"); code != 2 || !strings.Contains(errs, `unknown command "frobnicate"`) {
		t.Errorf("help frobnicate: exit %d, stderr %s", code, errs)
	}
}

// fairmeta version and --version print the module version and VCS revision from the build information.
func TestVersion(t *testing.T) {
	rel, err := software.Self()
	if err != nil {
		t.Fatal(err)
	}
	for _, arg := range []string{"version", "--version"} {
		code, out, _ := runCLI(t, "", arg)
		if code != 0 || out != versionLine(rel)+"\n" || !strings.Contains(out, rel.RuntimePlatforms[0]) {
			t.Errorf("%s: exit %d, %q", arg, code, out)
		}
	}
	// A build from a checkout names its revision and whether the tree was modified.
	got := versionLine(&software.Release{Version: "v0.3.1-0.20261203061500-54e321807a6e+dirty", Commit: "54e321807a6ed2a0d52f0633af908b14f6be7ffe",
		RuntimePlatforms: []string{"go1.26.0"}, OperatingSystems: []string{"linux/amd64"}})
	if want := "fairmeta v0.3.1-0.20261203061500-54e321807a6e+dirty, revision 54e321807a6ed2a0d52f0633af908b14f6be7ffe, go1.26.0 linux/amd64"; got != want {
		t.Errorf("version line:\n%s\nwant\n%s", got, want)
	}
	if got := versionLine(&software.Release{}); !strings.Contains(got, "fairmeta (devel), no VCS revision recorded") {
		t.Errorf("version line without build information: %s", got)
	}
}

// ror match says that binary input is not text instead of matching garbage, and matches the lines that are.
func TestRORMatchNotText(t *testing.T) {
	binary := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"
	code, out, errs := runCLI(t, binary, "ror", "match")
	if code != 1 || out != "" || !strings.Contains(errs, "fairmeta ror match: -:1: not text") {
		t.Errorf("binary input: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	code, out, errs = runCLI(t, "CC-IN2P3\nCERN \xff\xfe\nCERN\n", "ror", "match")
	if code != 1 || strings.Count(out, "\n") != 2 || !strings.Contains(errs, "fairmeta ror match: -:2: not text") {
		t.Errorf("a line of bad UTF-8: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}
