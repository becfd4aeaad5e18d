package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/internal/testenv"
)

// TestREADMERORCommands runs every fairmeta command of the README's ROR section from the repository root's point of
// view: the dump from the shared data, -api against a loopback stand-in for api.ror.org. It also checks that the
// sample output line the README shows is what the first command writes.
func TestREADMERORCommands(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	section := string(data)
	i := strings.Index(section, "## Affiliations to ROR IDs")
	if i < 0 {
		t.Fatal("README has no ROR section")
	}
	section = section[i:]
	section = section[:strings.Index(section[3:], "\n## ")+3]
	block := section[strings.Index(section, "```sh\n")+6:]
	block = block[:strings.Index(block, "```")]
	sample := section[strings.Index(section, "```\n{")+4:] // the output block after the commands
	sample = sample[:strings.Index(sample, "\n")]

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `{"number_of_results":1,"items":[{"substring":"CERN","score":1.0,"matching_type":"EXACT","chosen":true,`+
			`"organization":{"id":"https://ror.org/01ggx4157","status":"active","names":[{"value":"European Organization for Nuclear Research","types":["ror_display"]}]}}]}`)
	}))
	defer srv.Close()

	ran := 0
	for _, line := range strings.Split(strings.TrimSpace(block), "\n") {
		if c := strings.Index(line, "  #"); c >= 0 {
			line = line[:c]
		}
		args := strings.Fields(line)
		if len(args) == 0 || args[0] != "fairmeta" {
			t.Fatalf("not a fairmeta command: %q", line)
		}
		args = args[1:]
		for j, a := range args {
			switch {
			case strings.HasPrefix(a, "../shared/data/"):
				args[j] = testenv.SharedData(t, strings.Split(strings.TrimPrefix(a, "../shared/data/"), "/")...)
			case strings.Contains(a, "/") && !strings.Contains(a, "://"):
				args[j] = filepath.Join("../..", a)
			}
		}
		for _, a := range args {
			if a == "-api" {
				args = append(args, "-api-url", srv.URL+"/v2/")
			}
		}
		code, out, errs := runCLI(t, "", args...)
		if code != 0 {
			t.Errorf("%s: exit %d\n%s\n%s", line, code, out, errs)
		}
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			var v map[string]any
			if json.Unmarshal([]byte(l), &v) != nil && args[0] == "ror" && args[1] == "match" {
				t.Errorf("%s: not a JSON line: %s", line, l)
			}
		}
		if ran == 0 && !strings.HasPrefix(out, sample+"\n") {
			t.Errorf("the README's sample line is not what %q writes first:\n got %s\nwant %s", line, strings.SplitN(out, "\n", 2)[0], sample)
		}
		ran++
	}
	if ran < 4 {
		t.Errorf("ran %d commands", ran)
	}
}
