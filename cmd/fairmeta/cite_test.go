package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/csl"
	"github.com/dop2i/fairmeta/format"
	"github.com/dop2i/fairmeta/internal/testenv"
)

var (
	suiteSection = regexp.MustCompile(`(?m)^>>=+\s*([A-Z0-9-]+)\s*=+>>[ \t]*\r?\n`)
	suiteMark    = regexp.MustCompile(`(?m)^(>>|\.\.)\[\d+\] `)
	suiteSpace   = regexp.MustCompile(`\s+`)
	suiteDivs    = regexp.MustCompile(`\s*(<div[^>]*>|</div>)\s*`)
)

func suiteSections(data string) map[string]string {
	data = strings.ReplaceAll(strings.TrimPrefix(data, "\xef\xbb\xbf"), "\r\n", "\n")
	out := map[string]string{}
	for _, m := range suiteSection.FindAllStringSubmatchIndex(data, -1) {
		name := data[m[2]:m[3]]
		rest := data[m[1]:]
		end := regexp.MustCompile(`(?m)^<<=+\s*` + regexp.QuoteMeta(name) + `\s*=+<<`).FindStringIndex(rest)
		if end == nil {
			return nil
		}
		out[name] = strings.TrimSuffix(rest[:end[0]], "\n")
	}
	return out
}

func suiteNormalize(s string) string {
	s = suiteSpace.ReplaceAllString(strings.TrimSpace(s), " ")
	return suiteDivs.ReplaceAllString(s, "$1")
}

// TestCiteSuiteFixtures runs fairmeta cite on the CSL test suite's fixtures that package csl passes (its
// testdata/passing.txt) and that the command can express: the fixture's style as a .csl file, its INPUT as a CSL-JSON
// file, its CITATION-ITEMS or CITATIONS section as the -items or -citations file, the shared locales with -locales,
// and the mode and format its MODE says. The command must print the fixture's RESULT (whitespace normalised; for
// CITATIONS, each citation's line without the ">>[i]" marks of what the last call changed).
func TestCiteSuiteFixtures(t *testing.T) {
	dir := testenv.SharedData(t, "csl", "test-suite")
	locales := testenv.SharedData(t, "csl", "locales")
	passing, err := os.ReadFile("../../csl/testdata/passing.txt")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	ran, skipped := 0, 0
	for _, name := range strings.Fields(string(passing)) {
		data, err := os.ReadFile(filepath.Join(dir, name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		sec := suiteSections(string(data))
		mode := strings.TrimSpace(sec["MODE"])
		expressible := sec != nil && sec["INPUT"] != ""
		for _, s := range []string{"BIBENTRIES", "BIBSECTION", "OPTIONS", "ABBREVIATIONS"} {
			if _, ok := sec[s]; ok {
				expressible = false
			}
		}
		_, hasItems := sec["CITATION-ITEMS"]
		_, hasCitations := sec["CITATIONS"]
		args := []string{"cite", "-locales", locales}
		switch mode {
		case "citation":
			args = append(args, "-mode", "citation", "-format", "html")
		case "bibliography":
			args = append(args, "-mode", "bibliography", "-format", "html")
		case "bibliography-plain":
			args = append(args, "-mode", "bibliography", "-format", "text")
		default:
			expressible = false
		}
		if !expressible {
			skipped++
			continue
		}
		write := func(file, content string) string {
			p := filepath.Join(tmp, file)
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}
		args = append(args, "-style", write(name+".csl", sec["CSL"]))
		switch {
		case hasCitations:
			args = append(args, "-citations", write(name+"-citations.json", sec["CITATIONS"]))
		case hasItems && mode == "citation":
			args = append(args, "-items", write(name+"-items.json", sec["CITATION-ITEMS"]))
		case mode == "citation":
			// Without clusters the suite cites every item in one cluster, in the registry's order: the same
			// cluster, written as the -items file.
			cluster, err := oneCluster(sec["CSL"], sec["INPUT"])
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			args = append(args, "-items", write(name+"-items.json", cluster))
		}
		args = append(args, "-from", "csl-json", write(name+".json", sec["INPUT"]))
		code, out, errs := runCLI(t, "", args...)
		want := sec["RESULT"]
		if hasCitations && mode == "citation" {
			want = suiteMark.ReplaceAllString(want, "")
		}
		if mode == "bibliography-plain" {
			// The suite's plain bibliographies are the entries, one per line, as the command prints them.
			want = strings.TrimSpace(want)
		}
		if code != 0 || suiteNormalize(out) != suiteNormalize(want) {
			t.Errorf("%s: fairmeta %s: exit %d\n got %s\nwant %s\n%s", name, strings.Join(args, " "), code, out, want, errs)
		}
		ran++
	}
	t.Logf("fairmeta cite gave the expected output on %d test-suite fixtures (%d others need what the command does not express)", ran, skipped)
	if ran < 350 {
		t.Errorf("only %d fixtures ran", ran)
	}
}

// oneCluster writes, as a CITATION-ITEMS section, one cluster citing every item of input in the registry's order.
func oneCluster(style, input string) (string, error) {
	st, err := csl.ParseStyle([]byte(style))
	if err != nil {
		return "", err
	}
	p, err := csl.New(st)
	if err != nil {
		return "", err
	}
	items, err := csl.ReadItems(strings.NewReader(input))
	if err != nil {
		return "", err
	}
	var cites []map[string]string
	for _, id := range p.RegistryOrder(items) {
		cites = append(cites, map[string]string{"id": id})
	}
	b, err := json.Marshal([][]map[string]string{cites})
	return string(b), err
}

// TestCiteRecords formats the repository's example records (INSPIRE, Crossref, DataCite) in every bundled style and
// output format, and checks the command prints what package csl and package format give for the same records.
func TestCiteRecords(t *testing.T) {
	files := []string{"../../inspire/testdata/paper.json", "../../crossref/testdata/work.json"}
	reg := format.Default()
	var items []*csl.Item
	var recs = 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, rs, _, err := reg.Read("", data)
		if err != nil {
			t.Fatal(err)
		}
		its, _ := csl.FromResources(rs)
		items = append(items, its...)
		recs += len(rs)
	}
	for _, name := range csl.BundledStyles() {
		style, _ := csl.BundledStyle(name)
		p, err := csl.New(style)
		if err != nil {
			t.Fatal(err)
		}
		entries, _ := p.Bibliography(items, csl.Text)
		var want []string
		for _, e := range entries {
			want = append(want, e.Text)
		}
		code, out, errs := runCLI(t, "", append([]string{"cite", "-style", name}, files...)...)
		if code != 0 || out != strings.Join(want, "\n")+"\n" {
			t.Errorf("cite -style %s: exit %d\n got %q\nwant %q\n%s", name, code, out, strings.Join(want, "\n")+"\n", errs)
		}
		code, out, _ = runCLI(t, "", append([]string{"cite", "-style", name, "-mode", "citation", "-format", "html"}, files...)...)
		if lines := strings.Split(strings.TrimSpace(out), "\n"); code != 0 || len(lines) != recs {
			t.Errorf("cite -style %s -mode citation: exit %d, %d lines for %d records:\n%s", name, code, len(lines), recs, out)
		}
	}
	// French: the locale changes the terms.
	code, out, _ := runCLI(t, "", "cite", "-style", "chicago-author-date", "-locale", "fr-FR", "../../crossref/testdata/work.json")
	_, en, _ := runCLI(t, "", "cite", "-style", "chicago-author-date", "../../crossref/testdata/work.json")
	if code != 0 || out == en || !strings.Contains(out, " et ") {
		t.Errorf("-locale fr-FR: exit %d: %q (en-US: %q)", code, out, en)
	}
	// BibTeX and RIS are the registry's writers; CSL-JSON reads back as the same number of items.
	for _, to := range []string{"bibtex", "ris"} {
		var want bytes.Buffer
		data, _ := os.ReadFile(files[0])
		if _, _, _, err := reg.Convert(&want, data, "", to); err != nil {
			t.Fatal(err)
		}
		code, out, _ := runCLI(t, "", "cite", "-format", to, files[0])
		if code != 0 || out != want.String() {
			t.Errorf("-format %s: exit %d\n got %s\nwant %s", to, code, out, want.String())
		}
	}
	code, out, _ = runCLI(t, "", append([]string{"cite", "-format", "csl-json"}, files...)...)
	back, err := csl.ReadItems(strings.NewReader(out))
	if code != 0 || err != nil || len(back) != recs {
		t.Errorf("-format csl-json: exit %d, %d items back (%v), want %d", code, len(back), err, recs)
	}
	// A CSL-JSON array on standard input gives every item, as it is.
	code, out, _ = runCLI(t, out, "cite", "-style", "ieee", "-mode", "citation")
	if code != 0 || strings.TrimSpace(out) != "[1]\n[2]" {
		t.Errorf("CSL-JSON on standard input: exit %d: %q", code, out)
	}
}

// TestCiteErrors: bad flags are usage errors (2); unreadable inputs, styles and clusters are problems (1), with the
// file and what is wrong.
func TestCiteErrors(t *testing.T) {
	tmp := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(tmp, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	items := write("items.json", `[{"id": "a", "type": "book", "title": "A", "author": [{"family": "Doe", "given": "J."}], "issued": {"date-parts": [[2001]]}}]`)
	other := write("other.json", `[{"id": "a", "type": "book", "title": "B"}]`)
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"cite", "-format", "xml", items}, 2, `fairmeta cite: invalid value "xml" for flag -format: "xml" is not one of text, html, bibtex, ris, csl-json` + "\nUsage: fairmeta cite"},
		{[]string{"cite", items, "-mode", "note"}, 2, `invalid value "note" for flag -mode: "note" is not one of bibliography, citation`},
		{[]string{"cite", "-style", "nosuch", items}, 2, `fairmeta cite: -style "nosuch": not a bundled style (american-physics-society, apa,`},
		{[]string{"cite", "-from", "nosuch", items}, 2, `fairmeta cite: -from "nosuch": not a format fairmeta reads`},
		{[]string{"cite", "-items", items, "-citations", items, items}, 2, "fairmeta cite: -items and -citations exclude each other\nUsage: fairmeta cite"},
		{[]string{"cite", "-nosuchflag", items}, 2, "flag provided but not defined"},
		{[]string{"cite", "-", "-"}, 2, "standard input (-) named twice"},
		{[]string{"cite", filepath.Join(tmp, "missing.json")}, 1, "missing.json"},
		{[]string{"cite", "-style", write("bad.csl", "<style"), items}, 1, "bad.csl"},
		{[]string{"cite", "-locales", filepath.Join(tmp, "nodir"), items}, 1, "nodir"},
		{[]string{"cite", "-mode", "citation", "-items", write("cl.json", `[[{"locator": "3"}]]`), items}, 1, "[0][0].id"},
		{[]string{"cite", "-mode", "citation", "-items", write("cl2.json", `[[{"id": "zz"}]]`), items}, 1, `"zz"`},
		{[]string{"cite", "-citations", write("cs.json", `[[{"citationID": "A", "citationItems": [{"id": "a"}]}, [["B", 1]], []]]`), items}, 1, "[0][1][0]"},
		{[]string{"cite", items, other}, 1, `item id "a" is also in`},
		{[]string{"cite", "-from", "csl-json", write("empty.json", `[]`)}, 1, "no records"},
		{[]string{"cite", write("junk.txt", `not metadata`)}, 1, "junk.txt"},
	} {
		code, _, errs := runCLI(t, "", tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("fairmeta %s: exit %d, want %d; stderr %q, want it to contain %q", strings.Join(tc.args, " "), code, tc.code, errs, tc.msg)
		}
	}
}

// TestREADMECite runs every fairmeta cite command of the README's citations section from the repository root's
// point of view: each must succeed and print something; the first must print the output the README shows, and the
// second the citations the README names.
func TestREADMECite(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(data)
	i := strings.Index(section, "## Citations: a CSL processor in Go")
	if i < 0 {
		t.Fatal("README has no citations section")
	}
	section = section[i:]
	section = section[:strings.Index(section[3:], "\n## ")+3]
	j := strings.Index(section, "```sh\nfairmeta cite")
	if j < 0 {
		t.Fatal("README's citations section has no fairmeta cite block")
	}
	block := section[j+6:]
	shown := block[strings.Index(block, "```\n```\n")+8:]
	shown = shown[:strings.Index(shown, "```")]
	block = block[:strings.Index(block, "```")]
	var outs []string
	for _, line := range strings.Split(strings.TrimSpace(block), "\n") {
		if c := strings.Index(line, "  #"); c >= 0 {
			line = line[:c]
		}
		args := strings.Fields(line)
		if len(args) < 2 || args[0] != "fairmeta" || args[1] != "cite" {
			t.Fatalf("not a fairmeta cite command: %q", line)
		}
		args = args[1:]
		for k, a := range args {
			if strings.Contains(a, "/") || strings.HasSuffix(a, ".json") {
				args[k] = filepath.Join("../..", a)
			}
		}
		code, out, errs := runCLI(t, "", args...)
		if code != 0 || out == "" {
			t.Errorf("%s: exit %d\n%s\n%s", line, code, out, errs)
		}
		outs = append(outs, out)
	}
	if len(outs) < 5 {
		t.Fatalf("ran %d commands", len(outs))
	}
	if outs[0] != shown {
		t.Errorf("the first command prints\n%s\nthe README shows\n%s", outs[0], shown)
	}
	if want := "[2, p. 3]\nsee [1], [3]\n[2]\n"; outs[1] != want {
		t.Errorf("the second command prints %q, the README says %q", outs[1], want)
	}
}

// TestCiteJSONL: with -jsonl, each line's record gets its bibliography entry on one line, in input order, whatever
// the number of workers, and the same entry as the record cited alone from a file; bad lines are reported with their
// line number and the exit status is 1; what -jsonl cannot print is a usage error.
func TestCiteJSONL(t *testing.T) {
	tmp := t.TempDir()
	var lines []string
	var alone []string
	files := []string{"../../crossref/testdata/work.json", "../../inspire/testdata/paper.json", "../../codemeta.json"}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := json.Compact(&buf, data); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, buf.String())
	}
	for _, style := range []string{"apa", "ieee"} {
		alone = alone[:0]
		for _, f := range files {
			_, out, _ := runCLI(t, "", "cite", "-style", style, "-format", "html", f)
			alone = append(alone, strings.TrimSpace(out))
		}
		in := filepath.Join(tmp, "records.jsonl")
		if err := os.WriteFile(in, []byte(strings.Join(append(lines, lines...), "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, j := range []string{"1", "3"} {
			code, out, errs := runCLI(t, "", "cite", "-jsonl", "-j", j, "-style", style, "-format", "html", in)
			got := strings.Split(strings.TrimSpace(out), "\n")
			if code != 0 || len(got) != 2*len(files) {
				t.Fatalf("-jsonl -j %s -style %s: exit %d, %d lines\n%s\n%s", j, style, code, len(got), out, errs)
			}
			for i, g := range got {
				// The file form wraps the entry in the csl-bib-body and csl-entry divs.
				if want := alone[i%len(files)]; !strings.Contains(want, ">"+g+"</div>") {
					t.Errorf("-jsonl -j %s -style %s line %d:\n got %s\nwant it inside %s", j, style, i+1, g, want)
				}
			}
		}
	}
	bad := filepath.Join(tmp, "bad.jsonl")
	if err := os.WriteFile(bad, []byte(lines[0]+"\n{not json\n"+lines[1]+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "", "cite", "-jsonl", bad)
	if code != 1 || len(strings.Split(strings.TrimSpace(out), "\n")) != 2 || !strings.Contains(errs, "bad.jsonl:2:") {
		t.Errorf("a bad line: exit %d\n%s\n%s", code, out, errs)
	}
	for _, args := range [][]string{{"-format", "bibtex"}, {"-mode", "citation"}, {"-items", bad}} {
		code, _, errs := runCLI(t, "", append(append([]string{"cite", "-jsonl"}, args...), bad)...)
		if code != 2 || !strings.Contains(errs, "-jsonl prints bibliography entries") {
			t.Errorf("-jsonl %s: exit %d, %s", strings.Join(args, " "), code, errs)
		}
	}
}
