package main

import (
	"regexp"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/format"
)

// convert says what it could not carry over, in both directions, instead of dropping it.
func TestConvertWarnsWhatIsNotCarriedOver(t *testing.T) {
	// fairmeta JSON → DataCite: DataCite has no place for distributions.
	in := `{"titles":[{"title":"Events"}],"creators":[{"name":"Curie, Marie"}],"publisher":{"name":"CC-IN2P3"},
		"publicationYear":2026,"resourceType":{"general":"Dataset"},
		"distributions":[{"contentURL":"https://data.example.org/a.h5","mediaType":"application/x-hdf5"}]}`
	code, out, errs := runCLI(t, in, "convert", "-from", "fair", "-to", "datacite-xml", "-")
	if code != 0 || !strings.Contains(out, "<title>Events</title>") {
		t.Fatalf("exit %d, stderr %s\n%s", code, errs, out)
	}
	if want := "fairmeta convert: warning: datacite-xml cannot hold: distributions"; !strings.Contains(errs, want) {
		t.Errorf("stderr does not say %q:\n%s", want, errs)
	}

	// CFF → fairmeta JSON: a key CFF defines that the record has no field for is named on the way in.
	cff := "cff-version: 1.2.0\nmessage: Cite it\ntitle: showercal\nauthors:\n  - family-names: Curie\n    given-names: Marie\n    post-code: \"75005\"\n"
	code, out, errs = runCLI(t, cff, "convert", "-from", "cff", "-to", "fair", "-")
	if code != 0 || !strings.Contains(out, `"showercal"`) {
		t.Fatalf("exit %d, stderr %s\n%s", code, errs, out)
	}
	if want := "warning: not carried over: authors[0].post-code"; !strings.Contains(errs, want) {
		t.Errorf("stderr does not say %q:\n%s", want, errs)
	}
}

// fairmeta formats lists every format of the registry with its media types, extensions and what it can do.
func TestFormatsCommand(t *testing.T) {
	code, out, errs := runCLI(t, "", "formats")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if !strings.HasPrefix(lines[0], "NAME") || len(lines) != 1+len(format.Default().Names()) {
		t.Fatalf("output:\n%s", out)
	}
	for _, want := range []string{
		`^datacite-json +yes +yes\+list\+lines +application/vnd\.datacite\.datacite\+json application/vnd\.api\+json +\.json +DataCite`,
		`^datacite-xml +yes +yes +application/vnd\.datacite\.datacite\+xml application/xml +\.xml +DataCite`,
		`^schemaorg +yes +yes +application/ld\+json text/html +\.jsonld \.html \.htm \.json +schema\.org`,
		`^cff +yes +yes +application/yaml +\.cff +Citation File Format`,
	} {
		found := false
		for _, l := range lines {
			found = found || regexp.MustCompile(want).MatchString(l)
		}
		if !found {
			t.Errorf("no line matches %s:\n%s", want, out)
		}
	}
	if code, _, _ := runCLI(t, "", "formats", "extra"); code != 2 {
		t.Errorf("an argument: exit %d, want 2", code)
	}
}
