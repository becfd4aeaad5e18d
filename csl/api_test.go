package csl

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/dop2i/fairmeta/internal/testenv"
)

// TestItemsRoundTrip reads every fixture's CSL-JSON, writes it, reads it back and checks that nothing changed, and
// that what is written is valid against the CSL-JSON schema (python3 jsonschema, the reference validator).
func TestItemsRoundTrip(t *testing.T) {
	corpus := fixtureCorpus(t)
	in := "[" + string(joinRaw(corpus)) + "]"
	items, err := ReadItems(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteItems(&buf, items); err != nil {
		t.Fatal(err)
	}
	back, err := ReadItems(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != len(items) {
		t.Fatalf("%d items back, want %d", len(back), len(items))
	}
	for i := range items {
		if !reflect.DeepEqual(items[i], back[i]) {
			t.Errorf("item %s changed in a round trip:\n got %#v\nwant %#v", items[i].ID, back[i], items[i])
		}
	}
	py := testenv.Python(t, "apt-get install python3-jsonschema", "jsonschema")
	schema := testenv.SharedData(t, "csl", "schema", "csl-data.json")
	dir := t.TempDir()
	inFile, outFile := filepath.Join(dir, "in.json"), filepath.Join(dir, "out.json")
	if err := os.WriteFile(inFile, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(outFile, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// Every item that is valid as read must be valid as written (some fixture items carry members the schema
	// does not know, which are kept).
	script := `import json,sys,jsonschema
s=json.load(open(sys.argv[1])); a=json.load(open(sys.argv[2])); b=json.load(open(sys.argv[3]))
v=jsonschema.Draft7Validator(s)
bad=[]
for x,y in zip(a,b):
    if v.is_valid([x]) and not v.is_valid([y]):
        bad.append(y["id"]+": "+"; ".join(e.message for e in v.iter_errors([y])))
print(sum(1 for x in a if v.is_valid([x])), "of", len(a), "inputs valid, all still valid as written"); print("\n".join(bad[:20])); sys.exit(1 if bad else 0)`
	out, err := exec.Command(py, "-c", script, schema, inFile, outFile).CombinedOutput()
	if err != nil {
		t.Errorf("written CSL-JSON is not valid against csl-data.json:\n%s", out)
	}
	t.Logf("schema check: %s", strings.TrimSpace(string(out)))
}

// TestReadItemsTolerant: what real data holds is read (numbers as strings and the reverse, raw and literal dates,
// single objects, names as strings), and what cannot be read is a DataError naming the member.
func TestReadItemsTolerant(t *testing.T) {
	items, err := ReadItems(strings.NewReader(`{"id": 7, "type": "book", "volume": 12, "issue": "3",
		"issued": {"date-parts": [["2001", "3", "15"]]}, "accessed": {"raw": "2020-05-01"},
		"original-date": {"literal": "ca. 1850"}, "submitted": "2019/2020", "event-date": {"date-parts": [[1999], [0]]},
		"author": [{"family": "van der Berg", "given": "Jan"}, {"literal": "CERN"}, "Plain Name"],
		"editor": {"family": "Solo", "given": "Han"}}`))
	if err != nil {
		t.Fatal(err)
	}
	it := items[0]
	checks := []struct {
		name      string
		got, want any
	}{
		{"id", it.ID, "7"},
		{"volume", it.Vars["volume"], "12"},
		{"issued", it.Dates["issued"].Parts, [][3]int{{2001, 3, 15}}},
		{"accessed", it.Dates["accessed"].Parts, [][3]int{{2020, 5, 1}}},
		{"original-date", it.Dates["original-date"].Literal, "ca. 1850"},
		{"submitted", it.Dates["submitted"].Parts, [][3]int{{2019, 0, 0}, {2020, 0, 0}}},
		{"event-date open range", it.Dates["event-date"].Parts, [][3]int{{1999, 0, 0}, {0, 0, 0}}},
		{"author count", len(it.Names["author"]), 3},
		{"author[2]", it.Names["author"][2].Literal, "Plain Name"},
		{"editor", it.Names["editor"][0].Family, "Solo"},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %#v, want %#v", c.name, c.got, c.want)
		}
	}
	_, err = ReadItems(strings.NewReader(`[{"id": "a", "author": [{"family": "ok"}, [1]]}]`))
	var de *DataError
	if !errors.As(err, &de) || de.Path != "[0].author[1]" {
		t.Errorf("bad name: got %v, want a DataError at [0].author[1]", err)
	}
	if _, err := ReadItems(strings.NewReader(`not json`)); !errors.As(err, &de) || de.Path != "" || strings.Contains(err.Error(), "csl: :") {
		t.Errorf("not JSON: got %v, want a DataError on the whole input (path \"\")", err)
	}
	// The one path syntax of fairmeta's reports: members joined by ".", indexes in brackets.
	for in, want := range map[string]string{`[{"id": "a"}, {"id": {}}]`: "[1].id", `[{"id": "a", "issued": {"date-parts": "x"}}]`: "[0].issued"} {
		if _, err := ReadItems(strings.NewReader(in)); !errors.As(err, &de) || de.Path != want {
			t.Errorf("%s: got %v, want a DataError at %s", in, err, want)
		}
	}
}

// TestBoundedWork: a style whose macros recurse, and an item with 20,000 authors, render in bounded time and
// without panics.
func TestBoundedWork(t *testing.T) {
	recursive := `<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<macro name="a"><text macro="b"/><text macro="b"/><text variable="title"/></macro>
<macro name="b"><text macro="a"/><text macro="a"/></macro>
<citation><layout><text macro="a"/></layout></citation></style>`
	s, err := ParseStyle([]byte(recursive))
	if err != nil {
		t.Fatal(err)
	}
	p, _ := New(s)
	items, _ := ReadItems(strings.NewReader(`[{"id":"x","title":"T"}]`))
	if _, err := p.Citations(items, []Citation{{Items: []CiteItem{{ID: "x"}}}}, Text); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString(`[{"id":"big","type":"article-journal","title":"Big collaboration","issued":{"date-parts":[[2020]]},"author":[`)
	for i := 0; i < 20000; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"family":"Author%d","given":"Given"}`, i)
	}
	b.WriteString(`]}]`)
	big, err := ReadItems(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"apa", "american-physics-society"} {
		st, _ := BundledStyle(name)
		p, _ := New(st)
		entries, err := p.Bibliography(big, Text)
		if err != nil || len(entries) != 1 {
			t.Fatalf("%s: %v, %d entries", name, err, len(entries))
		}
		if !strings.Contains(entries[0].Text, "Big collaboration") {
			t.Errorf("%s: entry lost its title: %.200s", name, entries[0].Text)
		}
	}
}

// TestConcurrentUse formats with one processor from many goroutines (run with -race) and gets the same output.
func TestConcurrentUse(t *testing.T) {
	items, _ := ReadItems(strings.NewReader(fuzzItems))
	s, _ := BundledStyle("chicago-author-date")
	p, err := New(s)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := p.Bibliography(items, HTML)
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				got, _ := p.Bibliography(items, HTML)
				if !reflect.DeepEqual(got, want) {
					errs <- fmt.Sprintf("got %v, want %v", got, want)
					return
				}
				if _, err := p.Citations(items, []Citation{{Items: []CiteItem{{ID: "a"}, {ID: "b"}}}}, Text); err != nil {
					errs <- err.Error()
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestDependentStyles: a dependent style formats as its bundled parent with its own default locale; one whose
// parent is not bundled is an ErrDependentStyle.
func TestDependentStyles(t *testing.T) {
	items, _ := ReadItems(strings.NewReader(fuzzItems))
	prd, _ := BundledStyle("physical-review-d")
	aps, _ := BundledStyle("american-physics-society")
	p1, err := New(prd)
	if err != nil {
		t.Fatal(err)
	}
	p2, _ := New(aps)
	e1, _ := p1.Bibliography(items, HTML)
	e2, _ := p2.Bibliography(items, HTML)
	if !reflect.DeepEqual(e1, e2) {
		t.Errorf("physical-review-d and its parent differ:\n%v\n%v", e1, e2)
	}
	orphan := `<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text"><info><id>x</id><title>X</title>
<link href="http://www.zotero.org/styles/not-bundled" rel="independent-parent"/></info></style>`
	s, err := ParseStyle([]byte(orphan))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(s); !errors.Is(err, ErrDependentStyle) {
		t.Errorf("orphan dependent: got %v, want ErrDependentStyle", err)
	}
}

// TestLocaleFallback: fr falls back to fr-FR, an unknown dialect to its language's primary dialect or en-US, and a
// style's own locale element overrides the locale file.
func TestLocaleFallback(t *testing.T) {
	style := func(extra string) *Style {
		s, err := ParseStyle([]byte(`<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">` + extra +
			`<citation><layout><text term="and"/><text value=" "/><date variable="issued" form="text"/></layout></citation></style>`))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	items, _ := ReadItems(strings.NewReader(`[{"id":"a","issued":{"date-parts":[[2001,3,4]]}}]`))
	cases := []struct {
		name, lang, extra, want string
	}{
		{"en-US default", "", "", "and March 4, 2001"},
		{"fr to fr-FR", "fr", "", "et 4 mars 2001"},
		{"fr-CA not bundled falls to fr-FR", "fr-CA", "", "et 4 mars 2001"},
		{"de not bundled falls to en-US", "de-DE", "", "and March 4, 2001"},
		{"en-GB", "en-GB", "", "and 4 March 2001"},
		{"style locale overrides", "fr-FR", `<locale xml:lang="fr"><terms><term name="and">&amp;</term></terms></locale>`, "& 4 mars 2001"},
	}
	for _, c := range cases {
		var opts []Option
		if c.lang != "" {
			opts = append(opts, WithLocale(c.lang, true))
		}
		p, err := New(style(c.extra), opts...)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := p.CitationClusters(items, [][]CiteItem{{{ID: "a"}}}, Text)
		if got[0] != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got[0], c.want)
		}
	}
	if _, err := New(style(""), WithLocale("", false)); err == nil {
		t.Error("WithLocale(\"\") accepted")
	}
	if _, err := New(style(""), nil); err == nil {
		t.Error("nil option accepted")
	}
}
