package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/datacite/datacitetest"
	"github.com/dop2i/fairmeta/fair"
)

// mintXML writes a DataCite XML record (which has no url) with the given DOI ("" for none) and returns its path.
func mintXML(t *testing.T, dir, name, d string) string {
	t.Helper()
	rec := &datacite.Record{DOI: d, Creators: []datacite.Creator{{Name: "Lefèvre, Camille", NameType: fair.NamePersonal}},
		Titles: []datacite.Title{{Title: "Calibrated air-shower events " + name}}, Publisher: datacite.Publisher{Name: "CC-IN2P3"},
		PublicationYear: 2026, Types: datacite.Types{ResourceTypeGeneral: fair.ResourceTypeDataset}}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, rec.MarshalXMLBytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestDOIMintFromXML: DataCite XML has no url; -url-template gives each record its landing page from its DOI, so
// -event publish works, with the record's own DOI or one generated under -prefix; -o writes the records minted,
// each carrying its DOI.
func TestDOIMintFromXML(t *testing.T) {
	srv := mintServer(t)
	dir := t.TempDir()
	withDOI := mintXML(t, dir, "run4271.xml", "10.5072/FK2-RUN4271")
	out := filepath.Join(dir, "minted.xml")
	code, stdout, errs := runCLI(t, "", "doi", "mint", "-url-template", "https://data.example.org/{suffix}", "-event", "publish", "-o", out, withDOI)
	if code != 0 || stdout != "10.5072/fk2-run4271\tfindable\t1\n" {
		t.Fatalf("exit %d, stdout %q\nstderr:\n%s", code, stdout, errs)
	}
	if s, ok := srv.Lookup("10.5072/fk2-run4271"); !ok || s.State != "findable" || s.URL != "https://data.example.org/fk2-run4271" {
		t.Errorf("server holds %+v", s)
	}
	rec, _, err := datacite.ReadXML(readTestFile(t, out))
	if err != nil || !strings.EqualFold(rec.DOI, "10.5072/FK2-RUN4271") {
		t.Errorf("-o wrote DOI %q (%v)", rec.DOI, err)
	}

	// Without a DOI: generated under -prefix, and the record written carries it.
	noDOI := mintXML(t, dir, "run4272.xml", "")
	code, stdout, errs = runCLI(t, "", "doi", "mint", "-prefix", "10.5072", "-url-template", "https://data.example.org/runs/{doi}", "-event", "publish", "-o", out, noDOI)
	f := strings.Split(strings.TrimSpace(stdout), "\t")
	if code != 0 || len(f) != 3 || !strings.HasPrefix(f[0], "10.5072/") || f[1] != "findable" {
		t.Fatalf("exit %d, stdout %q\nstderr:\n%s", code, stdout, errs)
	}
	if s, ok := srv.Lookup(f[0]); !ok || s.URL != "https://data.example.org/runs/"+f[0] {
		t.Errorf("server holds %+v", s)
	}
	rec, _, err = datacite.ReadXML(readTestFile(t, out))
	if err != nil || rec.DOI != f[0] || datacite.Validate(rec).HasErrors() {
		t.Errorf("-o wrote DOI %q (%v), errors %v", rec.DOI, err, datacite.Validate(rec).Errors())
	}

	// -url gives the one record its page; without a prefix a record without DOI is not sent.
	code, stdout, errs = runCLI(t, "", "doi", "mint", "-url", "https://data.example.org/one", "-event", "publish", noDOI)
	if code != 1 || !strings.Contains(stdout, "-\tfailed\t1") || !strings.Contains(errs, "no prefix") {
		t.Errorf("no prefix: exit %d, stdout %q\nstderr:\n%s", code, stdout, errs)
	}
	code, _, errs = runCLI(t, "", "doi", "mint", "-prefix", "10.5072", "-url", "https://data.example.org/one", "-url-template", "https://x.example.org/{doi}", noDOI)
	if code != 2 {
		t.Errorf("-url with -url-template: exit %d\n%s", code, errs)
	}
	// Publishing without a url is caught before sending, naming the url.
	code, _, errs = runCLI(t, "", "doi", "mint", "-prefix", "10.5072", "-event", "publish", noDOI)
	if code != 1 || !strings.Contains(errs, "not sent") || !strings.Contains(errs, "url") {
		t.Errorf("publish without url: exit %d\n%s", code, errs)
	}
}

// TestDOIMintRejectedRerun: DataCite refuses a landing page outside the repository's domains (422); the first run
// and a rerun with the journal both say "rejected" with DataCite's reason, never that the outcome is unknown, and
// nothing is created.
func TestDOIMintRejectedRerun(t *testing.T) {
	srv := datacitetest.NewServer(datacitetest.WithRepository("IN2P3.CLI", "cli-pw-7731", "10.5072"),
		datacitetest.WithDomains("IN2P3.CLI", "data.example.org", "*.in2p3.fr"))
	t.Cleanup(srv.Close)
	t.Setenv("DATACITE_API_URL", srv.URL)
	t.Setenv("DATACITE_USERNAME", "IN2P3.CLI")
	t.Setenv("DATACITE_PASSWORD", "cli-pw-7731")
	dir := t.TempDir()
	in := mintXML(t, dir, "run.xml", "")
	journal := filepath.Join(dir, "journal")
	for run := 1; run <= 2; run++ {
		code, stdout, errs := runCLI(t, "", "doi", "mint", "-prefix", "10.5072", "-url-template", "https://elsewhere.example.com/{suffix}",
			"-event", "publish", "-journal", journal, in)
		f := strings.Split(strings.TrimSpace(stdout), "\t")
		if code != 1 || len(f) != 3 || f[1] != "rejected" {
			t.Errorf("run %d: exit %d, stdout %q", run, code, stdout)
		}
		if !strings.Contains(errs, "rejected by DataCite: url: URL is not allowed by repository domain settings.") || strings.Contains(errs, "unknown") {
			t.Errorf("run %d: stderr:\n%s", run, errs)
		}
	}
	if n := len(srv.DOIs()); n != 0 {
		t.Errorf("the server holds %d DOIs", n)
	}
	// A page on an allowed domain is published.
	code, stdout, errs := runCLI(t, "", "doi", "mint", "-prefix", "10.5072", "-url-template", "https://cc.in2p3.fr/data/{suffix}",
		"-event", "publish", "-journal", journal, in)
	if code != 0 || !strings.Contains(stdout, "\tfindable\t1") {
		t.Errorf("allowed domain: exit %d, stdout %q\n%s", code, stdout, errs)
	}
}

func readTestFile(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDOIMintPathsNameTheInput: the problems found before minting name the place in the input — fair.Resource's
// members for the hub JSON, DataCite's for DataCite JSON — the same vocabulary as `validate` on the same file.
func TestDOIMintPathsNameTheInput(t *testing.T) {
	mintServer(t)
	dir := t.TempDir()
	hub := filepath.Join(dir, "run.json")
	doc := `{"titles":[{"title":"Runs"}],"resourceType":{"general":"Dataset"},"publisher":{"name":"CC-IN2P3"},"publicationYear":2026,` +
		`"url":"https://data.example.org/runs","creators":[{"name":"Lefèvre, Camille","affiliations":[{"name":"IJCLab",` +
		`"identifier":"https://ror.org/03gc1p725","identifierScheme":"ROR"}]}]}`
	if err := os.WriteFile(hub, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	code, dc, errs := runCLI(t, "", "convert", "-to", "datacite-json", hub)
	if code != 0 {
		t.Fatalf("convert: exit %d: %s", code, errs)
	}
	dcFile := filepath.Join(dir, "run-datacite.json")
	if err := os.WriteFile(dcFile, []byte(dc), 0o644); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{hub: "creators[0].affiliations[0].identifier: warning: ROR ID",
		dcFile: "creators[0].affiliation[0].affiliationIdentifier: warning: ROR ID"} {
		code, _, errs := runCLI(t, "", "doi", "mint", "-prefix", "10.5072", file)
		if code != 0 || !strings.Contains(errs, "line 1: warning: "+want) {
			t.Errorf("%s: exit %d, stderr lacks %q:\n%s", filepath.Base(file), code, want, errs)
		}
		_, out, _ := runCLI(t, "", "validate", file)
		if !strings.Contains(out, want) {
			t.Errorf("%s: validate says otherwise:\n%s", filepath.Base(file), out)
		}
	}
}
