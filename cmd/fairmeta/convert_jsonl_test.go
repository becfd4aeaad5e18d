package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/format"
)

// convert -jsonl reports each bad line (its number and why) on standard error, converts all the others and exits 1
// at the end; it writes every JSON format one record per line, and a format that is not JSON is a usage error.
func TestConvertJSONLinesBadLinesEveryFormat(t *testing.T) {
	good := func(title string) string {
		return `{"data":{"type":"dois","attributes":{"doi":"10.5072/` + strings.ToLower(strings.ReplaceAll(title, " ", "-")) + `",` +
			`"creators":[{"name":"Lefèvre, Camille","nameType":"Personal"}],"titles":[{"title":"` + title + `"}],` +
			`"publisher":{"name":"CC-IN2P3"},"publicationYear":2026,"types":{"resourceTypeGeneral":"Dataset"}}}}`
	}
	input := strings.Join([]string{
		good("Run one"),
		`{"data": {"type": "dois", "attributes": {"titles": [`, // broken JSON
		good("Run two"),
		`plain words`, // no format reads it
		good("Run three"),
	}, "\n") + "\n"
	titles := []string{"Run one", "Run two", "Run three"}
	reg := format.Default()
	for _, f := range reg.Formats() {
		if !f.CanWrite() {
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			code, out, errs := runCLI(t, input, "convert", "-jsonl", "-j", "2", "-to", f.Name)
			if _, err := reg.LineWriter(f.Name); err != nil {
				if code != 2 || out != "" || !strings.Contains(errs, "fairmeta convert: -jsonl -to "+f.Name+": "+f.Name+" writes no JSON") ||
					!strings.Contains(errs, "Usage: fairmeta convert") {
					t.Errorf("exit %d, stdout %q, stderr %q; want a usage error", code, out, errs)
				}
				return
			}
			if code != 1 {
				t.Errorf("exit %d, want 1 for the two bad lines; stderr:\n%s", code, errs)
			}
			for _, want := range []string{"fairmeta convert: -:2: reading datacite-json: datacite: JSON line 1, column 53: unexpected end of input", "fairmeta convert: -:4: stream: no format reads this record"} {
				if !strings.Contains(errs, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errs)
				}
			}
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			if len(lines) != len(titles) {
				t.Fatalf("%d lines for the %d good records:\n%s", len(lines), len(titles), out)
			}
			for i, l := range lines {
				if !json.Valid([]byte(l)) || !strings.Contains(l, titles[i]) {
					t.Errorf("line %d is not the JSON of %q:\n%s", i+1, titles[i], l)
				}
			}
		})
	}
}
