package software

import (
	"runtime"
	"runtime/debug"
	"slices"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/fair"
)

func TestFromBuildInfo(t *testing.T) {
	bi, err := debug.ParseBuildInfo(`go	go1.26.0
path	gitlab.in2p3.fr/dop2i/calib/cmd/calibrate
mod	gitlab.in2p3.fr/dop2i/calib	v0.0.0-20261102100000-0123456789ab+dirty	
dep	github.com/dop2i/fairmeta	v1.2.0	h1:abc=
dep	go.yaml.in/yaml/v3	v3.0.6	h1:def=
=>	../yaml	(devel)	
build	-buildmode=exe
build	GOARCH=amd64
build	GOOS=linux
build	vcs=git
build	vcs.revision=0123456789abcdef0123456789abcdef01234567
build	vcs.time=2026-11-02T10:00:00Z
build	vcs.modified=true
`)
	if err != nil {
		t.Fatal(err)
	}
	bi.GoVersion = "go1.26.0" // ParseBuildInfo leaves it unset
	r := FromBuildInfo(bi)
	want := Release{
		Name: "calibrate", Version: "v0.0.0-20261102100000-0123456789ab+dirty", Repository: "https://gitlab.in2p3.fr/dop2i/calib",
		Commit: "0123456789abcdef0123456789abcdef01234567", CommitTime: time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC),
		ProgrammingLanguages: []string{"Go"}, RuntimePlatforms: []string{"go1.26.0"}, OperatingSystems: []string{"linux/amd64"},
		Dependencies: []fair.Requirement{{Name: "github.com/dop2i/fairmeta", Version: "v1.2.0"}, {Name: "go.yaml.in/yaml/v3", Version: "(devel)"}},
	}
	if !equalJSON(t, r, &want) {
		return
	}
	if !r.Modified() || r.Tag != "" {
		t.Errorf("Modified() = %v, Tag %q; want a modified build with no tag (pseudo-version)", r.Modified(), r.Tag)
	}

	bi.Main.Version = "v1.4.0"
	bi.Settings = slices.DeleteFunc(bi.Settings, func(s debug.BuildSetting) bool { return s.Key == "vcs.modified" })
	if r := FromBuildInfo(bi); r.Version != "v1.4.0" || r.Tag != "v1.4.0" || r.Modified() {
		t.Errorf("tagged clean build: version %q tag %q modified %v", r.Version, r.Tag, r.Modified())
	}
}

func TestSelf(t *testing.T) {
	r, err := Self()
	if err != nil {
		t.Fatal(err)
	}
	if r.Name != "software.test" || !slices.Equal(r.RuntimePlatforms, []string{runtime.Version()}) {
		t.Errorf("Self() = name %q, runtime %q; want the test binary and %s", r.Name, r.RuntimePlatforms, runtime.Version())
	}
	if want := runtime.GOOS + "/" + runtime.GOARCH; !slices.Equal(r.OperatingSystems, []string{want}) {
		t.Errorf("Self() operating systems %q, want [%s]", r.OperatingSystems, want)
	}
	// Test binaries carry no dependency list; TestFromBuildInfo covers dependencies.
}

// TestSelfDescribed completes the build information of the running program with a CodeMeta document, as a
// program embedding its codemeta.json does: the document's authors, licence and description, the build's
// platform; the DOI of another version than the build's is not taken.
func TestSelfDescribed(t *testing.T) {
	doc := []byte(`{"@context": "https://w3id.org/codemeta/3.0", "@type": "SoftwareSourceCode", "name": "calibrate",
		"description": "Calibrates showers.", "license": "https://spdx.org/licenses/Apache-2.0", "version": "9.9.9",
		"identifier": "https://doi.org/10.5281/zenodo.99", "codeRepository": "https://gitlab.in2p3.fr/dop2i/calib",
		"author": [{"@type": "Person", "givenName": "Camille", "familyName": "Lefèvre", "@id": "https://orcid.org/0000-0002-1825-0097"}]}`)
	r, notRead, err := SelfDescribed(doc)
	if err != nil {
		t.Fatal(err)
	}
	if r.Name != "calibrate" || r.License != "Apache-2.0" || r.Description != "Calibrates showers." ||
		r.Repository != "https://gitlab.in2p3.fr/dop2i/calib" || len(r.Authors) != 1 || r.Authors[0].FamilyName != "Lefèvre" {
		t.Errorf("SelfDescribed = %+v, want the document's name, licence, description, repository and author", r)
	}
	if !slices.Equal(r.RuntimePlatforms, []string{runtime.Version()}) {
		t.Errorf("runtime %q, want the build's %s", r.RuntimePlatforms, runtime.Version())
	}
	if r.DOI != "" {
		t.Errorf("DOI %q taken from a document about version 9.9.9, not the build's %q", r.DOI, r.Version)
	}
	if len(notRead) != 0 {
		t.Errorf("notRead = %v", notRead)
	}
	if _, _, err := SelfDescribed([]byte("[1]")); err == nil {
		t.Error("SelfDescribed of a document that is not CodeMeta: no error")
	}
}
