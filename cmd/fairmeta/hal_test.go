package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dop2i/fairmeta/hal"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// TestREADMEArXivToHAL runs every command of the README's section "From arXiv to HAL" from the repository root's
// point of view, output redirected to a file where the README redirects it: each exits as the README says (0, or
// the status its comment gives), the deposits it writes validate against HAL's AOfr schema, and hal check finds
// nothing HAL would refuse in them.
func TestREADMEArXivToHAL(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(data)
	i := strings.Index(section, "## From arXiv to HAL")
	if i < 0 {
		t.Fatal("README has no section \"From arXiv to HAL\"")
	}
	section = section[i:]
	section = section[:strings.Index(section[3:], "\n## ")+3]
	block := section[strings.Index(section, "```sh\n")+6:]
	block = block[:strings.Index(block, "```")]
	dir := t.TempDir()
	var written []string
	ran := 0
	for _, line := range strings.Split(strings.TrimSpace(block), "\n") {
		want := 0
		if c := strings.Index(line, "  #"); c >= 0 {
			if strings.Contains(line[c:], "exits 1") {
				want = 1
			}
			line = line[:c]
		}
		cmd, redirect, _ := strings.Cut(line, ">")
		args := strings.Fields(cmd)
		if len(args) == 0 || args[0] != "fairmeta" {
			t.Fatalf("not a fairmeta command: %q", line)
		}
		args = args[1:]
		for j, a := range args {
			if _, err := os.Stat(filepath.Join("../..", a)); err == nil && strings.Contains(a, "/") {
				args[j] = filepath.Join("../..", a)
			} else if _, err := os.Stat(filepath.Join(dir, a)); err == nil {
				args[j] = filepath.Join(dir, a)
			}
		}
		code, out, errs := runCLI(t, "", args...)
		if code != want || out == "" {
			t.Errorf("%s: exit %d, want %d\n%s\n%s", line, code, want, out, errs)
		}
		if args[0] == "hal" && want == 0 && strings.Contains(out, ": refused: ") {
			t.Errorf("%s: HAL would refuse a deposit:\n%s", line, out)
		}
		if f := strings.TrimSpace(redirect); f != "" {
			p := filepath.Join(dir, f)
			if err := os.WriteFile(p, []byte(out), 0o600); err != nil {
				t.Fatal(err)
			}
			written = append(written, p)
			if !strings.Contains(errs, "cataloguer") {
				t.Errorf("%s: no report for the cataloguer on standard error:\n%s", line, errs)
			}
		}
		ran++
	}
	if ran < 4 || len(written) < 2 {
		t.Errorf("ran %d commands, wrote %d deposits", ran, len(written))
	}
	for f, v := range testenv.HALAOfrXSD(t, written...) {
		if v != "" {
			t.Errorf("%s does not validate against AOfr:\n%s", filepath.Base(f), v)
		}
	}
}

// convert -to hal-tei with a structure table resolves an affiliation through its ROR ID, keeps the others as named
// structures and warns about each; without the table, the same affiliation is a new structure.
func TestConvertToHALResolves(t *testing.T) {
	in := "../../inspire/testdata/paper.json"
	table := "../../hal/testdata/export.xml"
	code, out, errs := runCLI(t, "", "convert", "-to", "hal-tei", "-enrich-ror", "-hal-structures", table, in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	docs, _, err := hal.Decode([]byte(out), hal.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	refs := map[string]int{}
	for _, a := range d.Authors {
		for _, ref := range a.Affiliations {
			refs[strings.TrimPrefix(ref, "#")]++
		}
	}
	if refs["struct-1234"] == 0 {
		t.Errorf("IJCLab not resolved to struct-1234 of the table: %v", refs)
	}
	for id := range refs {
		s, ok := d.Structure(id)
		if !ok || s.Name == "" {
			t.Errorf("affiliation %s not described by name in listOrg", id)
		}
		if strings.HasPrefix(id, "localStruct-") && !strings.Contains(errs, s.Name+": no HAL structure") {
			t.Errorf("new structure %s (%s) not among the warnings:\n%s", id, s.Name, errs)
		}
	}
	// Without the table the laboratory is not resolved, but kept.
	code, out, _ = runCLI(t, "", "convert", "-to", "hal-tei", "-enrich-ror", in)
	if code != 0 || strings.Contains(out, "struct-1234") || !strings.Contains(out, "Irène Joliot-Curie") {
		t.Errorf("without a table: exit %d\n%s", code, out)
	}
	// Flags that cannot go together, or with -jsonl, are usage errors.
	for _, args := range [][]string{
		{"convert", "-to", "hal-tei", "-hal-structures", table, "-hal-api", "http://127.0.0.1:1", in},
		{"convert", "-jsonl", "-to", "fair", "-hal-structures", table, in},
		{"convert", "-to", "hal-tei", "-hal-api", "http://example.org", in},
	} {
		if code, _, errs := runCLI(t, "", args...); code != 2 {
			t.Errorf("%q: exit %d, want 2: %s", args, code, errs)
		}
	}
}

// hal check finds nothing HAL would refuse in HAL's own SWORD examples, refuses a deposit without its mandatory
// metadata (exit 1, the path named), and checks a record of another format by writing it as a deposit.
func TestHALCheck(t *testing.T) {
	sword := testenv.SharedData(t, "publications", "hal", "sword")
	files, _ := filepath.Glob(filepath.Join(sword, "*.xml"))
	if len(files) == 0 {
		t.Fatal("no SWORD examples")
	}
	code, out, errs := runCLI(t, "", append([]string{"hal", "check"}, files...)...)
	if code != 0 || strings.Contains(out, "refused") || !strings.Contains(errs, "0 findings HAL would refuse") {
		t.Errorf("HAL's examples: exit %d\n%s\n%s", code, out, errs)
	}
	data, err := os.ReadFile(filepath.Join(sword, "COMM.xml"))
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(data), "<settlement>", "<settlement-x>", 1) // the conference's city, mandatory
	bad = strings.Replace(bad, "</settlement>", "</settlement-x>", 1)
	p := filepath.Join(t.TempDir(), "COMM.xml")
	if err := os.WriteFile(p, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCLI(t, "", "hal", "check", "-json", p)
	var found bool
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var c checkLine
		if err := json.Unmarshal([]byte(l), &c); err != nil {
			t.Fatalf("not a JSON line: %q", l)
		}
		found = found || c.Path == "host.meeting.settlement" && c.Severity == hal.Refused
	}
	if code != 1 || !found {
		t.Errorf("a conference paper without its city: exit %d\n%s", code, out)
	}
	code, out, errs = runCLI(t, "", "hal", "check", "-enrich-ror", "../../arxiv/testdata/oai-arXivRaw.xml")
	if code != 0 || !strings.Contains(out, "has no affiliation") || !strings.Contains(errs, "as hal-tei cannot hold") {
		t.Errorf("an arXiv record: exit %d\n%s\n%s", code, out, errs)
	}
}

// convert -hal-api asks HAL's structure referential (here a loopback stand-in answering from the example program's
// referential extract) for each ROR ID, and walks up ROR's parents: LAPP, which the referential does not know, is
// deposited as a new structure under IN2P3's.
func TestConvertToHALThroughAPI(t *testing.T) {
	data, err := os.ReadFile("../../examples/publications/structures.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Response struct {
			Docs []map[string]any `json:"docs"`
		} `json:"response"`
	}
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query().Get("q")
		if r.URL.Path != "/ref/structure" || q == "" {
			http.NotFound(w, r)
			return
		}
		mu.Lock()
		asked = append(asked, q)
		mu.Unlock()
		var docs []map[string]any
		for _, d := range ref.Response.Docs {
			for _, u := range d["rorUrl_s"].([]any) {
				if strings.Contains(q, `"`+u.(string)+`"`) {
					docs = append(docs, d)
				}
			}
		}
		json.NewEncoder(w).Encode(map[string]any{"response": map[string]any{"numFound": len(docs), "docs": docs}})
	}))
	defer srv.Close()
	code, out, errs := runCLI(t, "", "convert", "-to", "hal-tei", "-enrich-ror", "-hal-api", srv.URL, "../../inspire/testdata/paper.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	docs, _, err := hal.Decode([]byte(out), hal.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var lapp hal.Structure
	for _, s := range docs[0].Structures {
		if s.Idno("ROR") == "https://ror.org/049nhh297" {
			lapp = s
		}
	}
	if len(lapp.Parents) != 1 || lapp.Parents[0].Ref != "struct-1236" {
		t.Errorf("LAPP deposited as %+v, want a new structure under struct-1236 (IN2P3)\n%s", lapp, out)
	}
	if _, ok := docs[0].Structure("struct-1236"); !ok {
		t.Errorf("IN2P3's structure is not described in listOrg")
	}
	mu.Lock()
	defer mu.Unlock()
	if len(asked) == 0 || !strings.Contains(strings.Join(asked, "\n"), "049nhh297") {
		t.Errorf("the referential was asked %q", asked)
	}
}

// -ror-first gives an affiliation string only its laboratory: the INSPIRE example's first author, at "IJCLab,
// Université Paris-Saclay, CNRS/IN2P3", is affiliated with IJCLab alone, where -enrich-ror alone adds the
// institutions the string names.
func TestConvertToHALRORFirst(t *testing.T) {
	affs := func(args ...string) []string {
		t.Helper()
		code, out, errs := runCLI(t, "", append(append([]string{"convert", "-to", "hal-tei", "-enrich-ror"}, args...), "../../inspire/testdata/paper.json")...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		docs, _, err := hal.Decode([]byte(out), hal.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, ref := range docs[0].Authors[0].Affiliations {
			s, _ := docs[0].Structure(ref)
			names = append(names, s.Name)
		}
		return names
	}
	all, first := affs(), affs("-ror-first")
	if len(first) != 1 || !strings.Contains(first[0], "IJCLab") && !strings.Contains(first[0], "Joliot-Curie") {
		t.Errorf("with -ror-first the first author is at %q, want IJCLab alone", first)
	}
	if len(all) <= len(first) {
		t.Errorf("without -ror-first the first author is at %q, want the institutions too", all)
	}
	if code, _, _ := runCLI(t, "", "convert", "-jsonl", "-to", "fair", "-ror-first", "../../inspire/testdata/paper.json"); code != 2 {
		t.Errorf("-ror-first with -jsonl: exit %d, want 2", code)
	}
}
