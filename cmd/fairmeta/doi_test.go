package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/datacite/datacitetest"
)

const cliValid = `"creators":[{"name":"Lefèvre, Camille"}],"publisher":{"name":"CC-IN2P3"},"publicationYear":2026,"types":{"resourceTypeGeneral":"Dataset"}`

// mintServer starts a test server and points the environment at it, as a user's shell would.
func mintServer(t *testing.T) *datacitetest.Server {
	srv := datacitetest.NewServer(datacitetest.WithRepository("IN2P3.CLI", "cli-pw-7731", "10.5072"))
	t.Cleanup(srv.Close)
	t.Setenv("DATACITE_API_URL", srv.URL)
	t.Setenv("DATACITE_USERNAME", "IN2P3.CLI")
	t.Setenv("DATACITE_PASSWORD", "cli-pw-7731")
	return srv
}

func TestDOIMintJSONL(t *testing.T) {
	srv := mintServer(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "records.jsonl")
	lines := []string{
		`{"data":{"type":"dois","attributes":{"url":"https://data.example.org/1","titles":[{"title":"Run 1"}],` + cliValid + `}}}`,
		``,
		`{"url":"https://data.example.org/3","titles":[{"title":"Run 3"}],` + cliValid + `}`,
		`{"url":"https://data.example.org/4",` + cliValid + `}`, // no title: refused on publish
		`{not json`,
	}
	if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	journal := filepath.Join(dir, "mint.journal")
	code, out, errs := runCLI(t, "", "doi", "mint", "-prefix", "10.5072", "-event", "publish", "-journal", journal, "-jsonl", in)
	if code != 1 {
		t.Errorf("exit %d, want 1 (two records failed); stderr:\n%s", code, errs)
	}
	got := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(got) != 4 {
		t.Fatalf("output:\n%s\nwant 4 lines", out)
	}
	for i, want := range []struct{ state, line string }{{"findable", "1"}, {"findable", "3"}, {"failed", "4"}, {"failed", "5"}} {
		f := strings.Split(got[i], "\t")
		if len(f) != 3 || f[1] != want.state || f[2] != want.line {
			t.Errorf("line %d = %q, want DOI<TAB>%s<TAB>%s", i, got[i], want.state, want.line)
		}
		if want.state == "findable" {
			if s, ok := srv.Lookup(f[0]); !ok || s.State != "findable" {
				t.Errorf("%s is not findable on the server", f[0])
			}
		}
	}
	// Line 4 is checked before minting (datacite.ValidateMint) and not sent.
	if !strings.Contains(errs, "line 4: not sent, DataCite would refuse it: titles: error: at least one title is required") || !strings.Contains(errs, "line 5:") ||
		!strings.Contains(errs, "2 minted (0 from the journal), 2 failed") {
		t.Errorf("stderr does not explain the failures or lacks the summary:\n%s", errs)
	}
	if strings.Contains(out+errs, "cli-pw-7731") {
		t.Errorf("the password appears in the output")
	}

	// A rerun with the journal mints nothing twice.
	code, out2, errs2 := runCLI(t, "", "doi", "mint", "-prefix", "10.5072", "-event", "publish", "-journal", journal, "-jsonl", in)
	if code != 1 || !strings.HasPrefix(out2, got[0]+"\n"+got[1]+"\n") || !strings.Contains(errs2, "2 minted (2 from the journal)") {
		t.Errorf("rerun: exit %d\n%s\n%s", code, out2, errs2)
	}
	if n := len(srv.DOIs()); n != 2 {
		t.Errorf("the server holds %d DOIs after the rerun, want 2", n)
	}
}

func TestDOIMintOneRecordFile(t *testing.T) {
	srv := mintServer(t)
	in := filepath.Join(t.TempDir(), "record.json")
	doc := `{"data":{"type":"dois","attributes":{"url":"https://data.example.org/one","titles":[{"title":"One"}],` + cliValid + `}}}`
	if err := os.WriteFile(in, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "", "doi", "mint", in, "-prefix", "10.5072", "-shoulder", "cli.")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	f := strings.Split(strings.TrimSpace(out), "\t")
	if len(f) != 3 || !strings.HasPrefix(f[0], "10.5072/cli.") || f[1] != "draft" || f[2] != "1" {
		t.Errorf("output %q, want 10.5072/cli.xxxx-xxxx<TAB>draft<TAB>1", out)
	}
	if s, ok := srv.Lookup(f[0]); !ok || s.URL != "https://data.example.org/one" {
		t.Errorf("server holds %+v", s)
	}
}

func TestDOIMintUsage(t *testing.T) {
	t.Setenv("DATACITE_PASSWORD", "cli-pw-7731")
	for _, args := range [][]string{
		{"doi", "mint", "-prefix", "10.5072"},                                         // no file
		{"doi", "mint", "-prefix", "10.5072", "-event", "x", "f"},                     // bad event
		{"doi", "mint", "-prefix", "10.5072", "-api", "http://api.datacite.org", "f"}, // plain http to a remote host
	} {
		code, out, errs := runCLI(t, "", args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2\n%s", args, code, errs)
		}
		if strings.Contains(out+errs, "cli-pw-7731") {
			t.Errorf("%v: the password appears in the output", args)
		}
	}
}

func TestDOIResolve(t *testing.T) {
	t.Parallel()
	srv := datacitetest.NewServer(datacitetest.WithCitations(cslCitations))
	defer srv.Close()
	attrs := `{"titles":[{"title":"Run 4271"}],"creators":[{"name":"Lefèvre, Camille","givenName":"Camille","familyName":"Lefèvre"}],"publicationYear":2026}`
	if err := srv.Add(datacitetest.StoredDOI{DOI: "10.5072/abcd-ef12", Client: datacitetest.DefaultRepository, State: "findable",
		URL: "https://data.example.org/runs/4271", Attributes: []byte(attrs)}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"doi", "resolve", "doi:10.5072/ABCD-EF12", "-resolver", srv.URL}, 0, "10.5072/abcd-ef12\thttps://data.example.org/runs/4271\n"},
		{[]string{"doi", "resolve", "10.5072/abcd-ef12", "-accept", "csl", "-resolver", srv.URL}, 0, `"title":"Run 4271"`},
		{[]string{"doi", "resolve", "-resolver", srv.URL, "-accept", "application/vnd.datacite.datacite+json", "https://doi.org/10.5072/abcd-ef12"}, 0, `"doi":"10.5072/abcd-ef12"`},
		{[]string{"doi", "resolve", "10.5072/abcd-ef12", "-accept", "citation", "-style", "apa", "-locale", "fr-FR", "-resolver", srv.URL}, 0,
			"Lefèvre, C. (2026). Run 4271 [Jeu de données]. https://doi.org/10.5072/abcd-ef12\n"},
		{[]string{"doi", "resolve", "10.5072/abcd-ef12", "-accept", "citation", "-style", "nosuch", "-resolver", srv.URL}, 1, ""},
		{[]string{"doi", "resolve", "10.5072/nope", "-resolver", srv.URL}, 1, ""},
		{[]string{"doi", "resolve", "10.5072/abcd-ef12", "-accept", "bibtex", "-resolver", srv.URL}, 1, ""},
		{[]string{"doi", "resolve", "not-a-doi"}, 1, ""},
		{[]string{"doi", "resolve", "10.5072/x", "-accept", "nosuch"}, 2, ""},
		{[]string{"doi", "resolve"}, 2, ""},
	}
	for _, tt := range tests {
		code, out, errs := runCLI(t, "", tt.args...)
		if code != tt.code || !strings.Contains(out, tt.want) {
			t.Errorf("%v: exit %d, output %q (stderr %q); want exit %d and %q", tt.args, code, out, errs, tt.code, tt.want)
		}
	}
}

func TestDOIMintProgress(t *testing.T) {
	srv := mintServer(t)
	var b strings.Builder
	for i := range 60 {
		fmt.Fprintf(&b, `{"url":"https://data.example.org/p/%d","titles":[{"title":"Run %d"}],%s}`+"\n", i, i, cliValid)
	}
	code, out, errs := runCLI(t, b.String(), "doi", "mint", "-prefix", "10.5072", "-workers", "8", "-rate", "500", "-jsonl", "-")
	if code != 0 || strings.Count(out, "\tdraft\t") != 60 || !strings.Contains(errs, "60/60 done, 0 failed") {
		t.Errorf("exit %d, %d drafts, stderr:\n%s", code, strings.Count(out, "\tdraft\t"), errs)
	}
	if n := len(srv.DOIs()); n != 60 {
		t.Errorf("server holds %d DOIs, want 60", n)
	}
}
