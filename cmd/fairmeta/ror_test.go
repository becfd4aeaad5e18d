package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/ror"
)

func TestRORMatch(t *testing.T) {
	in := "Istituto Nazionale di Fisica Nucleare, Sezione di Bologna, Italy\n\nCERN\nSomewhere Unknown\n"
	code, out, errs := runCLI(t, in, "ror", "match", "-all")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 3 lines (blank lines skipped), got:\n%s", out)
	}
	var first, second, third map[string]any
	for i, p := range []*map[string]any{&first, &second, &third} {
		if err := json.Unmarshal([]byte(lines[i]), p); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
	}
	if first["id"] != "https://ror.org/04j0x0h93" || first["score"] == nil || first["name"] == "" ||
		fmt.Sprint(first["ids"]) != "[https://ror.org/04j0x0h93 https://ror.org/005ta0471]" {
		t.Errorf("first line (the section, then INFN): %s", lines[0])
	}
	if second["id"] != nil || len(second["candidates"].([]any)) == 0 {
		t.Errorf("an acronym alone must not be chosen but listed: %s", lines[1])
	}
	if v, ok := third["id"]; !ok || v != nil || fmt.Sprint(third["ids"]) != "[]" {
		t.Errorf(`no match must give "id": null and "ids": []: %s`, lines[2])
	}
}

// The laboratory strings IN2P3 people write: the laboratory first, then its institutions.
func TestRORMatchLaboratoryFirst(t *testing.T) {
	code, out, errs := runCLI(t, "IJCLab, Université Paris-Saclay, CNRS/IN2P3, Orsay, France\nCC-IN2P3\n", "ror", "match")
	want := `{"affiliation":"IJCLab, Université Paris-Saclay, CNRS/IN2P3, Orsay, France","id":"https://ror.org/03gc1p724",` +
		`"ids":["https://ror.org/03gc1p724","https://ror.org/03xjwb503","https://ror.org/03fd77x13","https://ror.org/02feahw73"],` +
		`"name":"Laboratoire de Physique des 2 Infinis Irène Joliot-Curie","score":1}` + "\n" +
		`{"affiliation":"CC-IN2P3","id":"https://ror.org/04dcc3438","ids":["https://ror.org/04dcc3438","https://ror.org/03fd77x13"],` +
		`"name":"Centre de Calcul de l’Institut National de Physique Nucléaire et de Physique des Particules","score":0.95}` + "\n"
	if code != 0 || out != want {
		t.Errorf("exit %d, stderr %s\n got %s\nwant %s", code, errs, out, want)
	}
}

// -api asks the ROR API (here a loopback stand-in under a non-root path) and writes the same lines.
func TestRORMatchAPI(t *testing.T) {
	var queries []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/ror/v2/organizations" {
			http.NotFound(w, r)
			return
		}
		q := r.URL.Query().Get("affiliation")
		queries = append(queries, q)
		if q == "Nowhere" {
			fmt.Fprint(w, `{"number_of_results":0,"items":[]}`)
			return
		}
		fmt.Fprint(w, `{"number_of_results":1,"items":[{"substring":"CERN","score":1.0,"matching_type":"EXACT","chosen":true,`+
			`"organization":{"id":"https://ror.org/01ggx4157","status":"active","names":[{"value":"European Organization for Nuclear Research","types":["ror_display"]}]}}]}`)
	}))
	defer srv.Close()
	code, out, errs := runCLI(t, "CERN, Geneva\nNowhere\n", "ror", "match", "-api", "-api-url", srv.URL+"/ror/v2/")
	want := `{"affiliation":"CERN, Geneva","id":"https://ror.org/01ggx4157","ids":["https://ror.org/01ggx4157"],"name":"European Organization for Nuclear Research","score":1}` + "\n" +
		`{"affiliation":"Nowhere","id":null,"ids":[]}` + "\n"
	if code != 0 || out != want || strings.Join(queries, "|") != "CERN, Geneva|Nowhere" {
		t.Errorf("exit %d, stderr %s, queries %q\n got %s\nwant %s", code, errs, queries, out, want)
	}
	srv.Close()
	if code, _, errs := runCLI(t, "CERN\n", "ror", "match", "-api", "-api-url", srv.URL+"/ror/v2/"); code != 1 || !strings.Contains(errs, "CERN") {
		t.Errorf("server gone: exit %d, stderr %q", code, errs)
	}
	for _, args := range [][]string{{"-api", "-dump", "x.json"}, {"-api-url", srv.URL}} {
		if code, _, _ := runCLI(t, "", append([]string{"ror", "match"}, args...)...); code != 2 {
			t.Errorf("ror match %v: exit %d, want 2", args, code)
		}
	}
	if code, _, errs := runCLI(t, "", "ror", "match", "-api", "-api-url", "http://api.example.org/v2/"); code != 2 || errs == "" {
		t.Errorf("plain http to a remote host: exit %d, stderr %q", code, errs)
	}
}

// writeDump writes a one-record dump and returns its path.
func writeDump(t *testing.T) string {
	dump := filepath.Join(t.TempDir(), "d.jsonl")
	err := os.WriteFile(dump, []byte(`{"id":"https://ror.org/01ggx4157","names":[{"value":"European Organization for Nuclear Research","types":["ror_display"]}],"status":"active"}`+"\n"), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	return dump
}

func TestRORMatchFileAndDump(t *testing.T) {
	dir := t.TempDir()
	dump := writeDump(t)
	aff := filepath.Join(dir, "a.txt")
	os.WriteFile(aff, []byte("European Organization for Nuclear Research, Geneva\n"), 0o644)
	code, out, errs := runCLI(t, "", "ror", "match", aff, "-dump", dump)
	if code != 0 || !strings.Contains(out, `"id":"https://ror.org/01ggx4157"`) || strings.Contains(out, "candidates") ||
		!strings.Contains(errs, "1 organisations read from") {
		t.Errorf("exit %d, out %s, err %s", code, out, errs)
	}
	if code, _, errs := runCLI(t, "", "ror", "match", "-dump", filepath.Join(dir, "missing.json")); code != 1 || errs == "" {
		t.Errorf("missing dump: exit %d, stderr %q", code, errs)
	}
}

func TestRORGet(t *testing.T) {
	code, out, _ := runCLI(t, "", "ror", "get", "https://ror.org/04dcc3438")
	var o struct {
		ID    string                   `json:"id"`
		Names []struct{ Value string } `json:"names"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &o) != nil || o.ID != "https://ror.org/04dcc3438" || len(o.Names) == 0 {
		t.Errorf("exit %d, output %s", code, out)
	}
	if code, out, _ := runCLI(t, "", "ror", "get", "01ggx4157", "-dump", writeDump(t)); code != 0 || !strings.Contains(out, "01ggx4157") {
		t.Errorf("ror get ID -dump FILE: exit %d, output %s", code, out)
	}
	if code, _, errs := runCLI(t, "", "ror", "get", "02feahw74"); code != 1 || !strings.Contains(errs, "checksum") {
		t.Errorf("bad ID: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := runCLI(t, "", "ror", "get", "05a28rw58"); code != 1 || !strings.Contains(errs, "not in the built-in set") {
		t.Errorf("unknown ID: exit %d, stderr %q", code, errs)
	}
	if code, _, _ := runCLI(t, "", "ror", "get"); code != 2 {
		t.Errorf("no ID: exit %d, want 2", code)
	}
}

// ror match streams like the other commands: several inputs (plain and gzip), -j workers with the output in input
// order, shards that together give every line once, and the same organisations as the matcher in process.
func TestRORMatchStream(t *testing.T) {
	base, err := os.ReadFile("../../ror/testdata/affiliations.txt")
	if err != nil {
		t.Fatal(err)
	}
	affs := strings.Split(strings.TrimSpace(string(base)), "\n")
	var lines []string
	var plain, zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	for i := range 9000 { // two files of several 256 KiB batches each
		l := fmt.Sprintf("Group %d, %s", i, affs[i%len(affs)])
		lines = append(lines, l)
		if i < 6000 {
			fmt.Fprintln(&plain, l)
		} else {
			fmt.Fprintln(zw, l)
		}
	}
	zw.Close()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt.gz")
	os.WriteFile(a, plain.Bytes(), 0o644)
	os.WriteFile(b, zipped.Bytes(), 0o644)

	run := func(args ...string) []matchLine {
		t.Helper()
		code, out, errs := runCLI(t, "", append([]string{"ror", "match"}, append(args, a, b)...)...)
		if code != 0 {
			t.Fatalf("ror match %v: exit %d: %s", args, code, errs)
		}
		var res []matchLine
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			var m matchLine
			if err := json.Unmarshal([]byte(l), &m); err != nil {
				t.Fatalf("ror match %v: %v: %s", args, err, l)
			}
			res = append(res, m)
		}
		return res
	}
	one, two := run("-j", "1"), run("-j", "2")
	if len(one) != len(lines) || len(two) != len(lines) {
		t.Fatalf("%d lines in, %d out with -j 1, %d with -j 2", len(lines), len(one), len(two))
	}
	chose := 0
	for i, l := range lines {
		want := ror.Default().Match(l).IDs()
		if one[i].Affiliation != l || two[i].Affiliation != l {
			t.Fatalf("line %d: -j 1 wrote %q, -j 2 %q, want %q (input order)", i+1, one[i].Affiliation, two[i].Affiliation, l)
		}
		for _, got := range [][]string{one[i].IDs, two[i].IDs} {
			if len(got) != len(want) {
				t.Fatalf("%q: ids %v, want %v", l, got, want)
			}
			for j := range want {
				if got[j] != want[j].String() {
					t.Fatalf("%q: ids %v, want %v", l, got, want)
				}
			}
		}
		chose += min(1, len(want))
	}
	if chose == 0 {
		t.Fatal("no line matched: the test proves nothing")
	}
	seen := map[string]int{}
	for _, sh := range []string{"1/2", "2/2"} {
		part := run("-shard", sh)
		if len(part) == 0 || len(part) == len(lines) {
			t.Errorf("shard %s: %d of %d lines", sh, len(part), len(lines))
		}
		for _, m := range part {
			seen[m.Affiliation]++
		}
	}
	for _, l := range lines {
		if seen[l] != 1 {
			t.Fatalf("%q is in %d shards, want 1", l, seen[l])
		}
	}
}

// -api with -j 2 asks two questions at a time (the server holds the first until a second is in flight) and still
// writes the answers in input order.
func TestRORMatchAPIParallel(t *testing.T) {
	t.Setenv(ror.EnvClientID, "test-client") // ROR's higher limit: a burst of 20 requests
	var inFlight, most atomic.Int64
	two := make(chan struct{})
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		if n >= 2 {
			once.Do(func() { close(two) })
		}
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		select {
		case <-two:
		case <-time.After(10 * time.Second):
		}
		q := r.URL.Query().Get("affiliation")
		fmt.Fprintf(w, `{"number_of_results":1,"items":[{"substring":%q,"score":1.0,"matching_type":"EXACT","chosen":true,`+
			`"organization":{"id":"https://ror.org/01ggx4157","status":"active","names":[{"value":%q,"types":["ror_display"]}]}}]}`, q, q)
	}))
	defer srv.Close()
	var in strings.Builder
	for i := range 16 {
		fmt.Fprintf(&in, "Lab %d\n", i)
	}
	code, out, errs := runCLI(t, in.String(), "ror", "match", "-api", "-api-url", srv.URL+"/v2/", "-j", "2")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 16 {
		t.Fatalf("exit %d, %d lines: %s", code, len(lines), errs)
	}
	for i, l := range lines {
		var m matchLine
		if err := json.Unmarshal([]byte(l), &m); err != nil || m.Affiliation != fmt.Sprintf("Lab %d", i) || m.Name != m.Affiliation {
			t.Fatalf("line %d: %s (%v), want the answer for Lab %d", i+1, l, err, i)
		}
	}
	if most.Load() < 2 {
		t.Errorf("at most %d request in flight with -j 2", most.Load())
	}
}

// An affiliation is text: a first line that starts like JSON is still one affiliation.
func TestRORMatchLinesLikeJSON(t *testing.T) {
	code, out, errs := runCLI(t, "[1] DESY, Hamburg\n{2} CERN, Geneva\n", "ror", "match")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 2 || !strings.Contains(lines[0], `"affiliation":"[1] DESY, Hamburg"`) ||
		!strings.Contains(lines[1], `"affiliation":"{2} CERN, Geneva"`) {
		t.Errorf("exit %d, stderr %s\n%s", code, errs, out)
	}
}
