package software

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testenv"
)

func testRun() *Run {
	start := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	return &Run{
		ID: "#calibrate-4271", Name: "Calibrate run 4271", Description: "calibrate -constants 2026 run4271-raw.h5",
		Software: &Release{Name: "shower-calib", Version: "2.1.0", DOI: "10.5281/zenodo.1234568", ConceptDOI: "10.5281/zenodo.1234567",
			SWHID: "swh:1:rev:309cf2674ee7a0749978cf8265ab91a60aea0f7d", Repository: "https://gitlab.in2p3.fr/dop2i/shower-calib",
			Commit: "309cf2674ee7a0749978cf8265ab91a60aea0f7d", Tag: "v2.1.0", License: "Apache-2.0",
			RuntimePlatforms: []string{"go1.26.0"}, OperatingSystems: []string{"linux/amd64"}, ProgrammingLanguages: []string{"Go"},
			Dependencies: []fair.Requirement{{Name: "github.com/dop2i/fairmeta", Version: "v1.2.0"},
				{Name: "geant4", Version: "11.2", Identifier: "10.5281/zenodo.7777777"}}},
		Agent: &fair.Creator{Name: "Lefèvre, Camille", NameType: fair.NamePersonal, GivenName: "Camille", FamilyName: "Lefèvre",
			NameIdentifiers: []fair.NameIdentifier{orcidIdentifier("0000-0002-1825-0097")},
			Affiliations:    []fair.Affiliation{{Name: "IJCLab", Identifier: "https://ror.org/03gc1p724", IdentifierScheme: "ROR", SchemeURI: "https://ror.org"}}},
		Inputs: []Entity{
			{ID: "10.5281/zenodo.1111111", Name: "raw events, run 4271"},
			{ID: "constants/2026.yaml", Name: "2026.yaml", MediaType: "application/yaml", Size: 42,
				Checksum: fair.Checksum{Algorithm: "sha256", Value: strings.Repeat("ab", 32)}},
		},
		Outputs: []Entity{{ID: "run4271-calibrated.h5", Name: "run4271-calibrated.h5", MediaType: "application/x-hdf5", Size: 1024,
			Checksum: fair.Checksum{Algorithm: "sha256", Value: strings.Repeat("cd", 32)}}},
		Parameters: []Parameter{{Name: "gain-model", Value: "linear"}, {Name: "threshold", Value: "3.5"}},
		Start:      start, End: start.Add(90 * time.Second),
	}
}

func TestLinkDatasetAndProducedBy(t *testing.T) {
	run := testRun()
	ds := &fair.Resource{Titles: []fair.Title{{Title: "Calibrated events, run 4271"}}}
	run.LinkDataset(ds)
	run.LinkDataset(ds) // idempotent
	var got []string
	for _, ri := range ds.RelatedIdentifiers {
		got = append(got, string(ri.RelationType)+" "+string(ri.IdentifierType)+" "+ri.Identifier)
	}
	want := []string{
		"IsCompiledBy DOI 10.5281/zenodo.1234568",
		"IsCompiledBy SWHID swh:1:rev:309cf2674ee7a0749978cf8265ab91a60aea0f7d",
		"IsDerivedFrom DOI 10.5281/zenodo.1111111",
		"Requires DOI 10.5281/zenodo.7777777",
	}
	if !slices.Equal(got, want) {
		t.Errorf("related identifiers:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	refs := ProducedBy(ds)
	if len(refs) != 2 || refs[0].Identifier != run.Software.DOI || refs[1].SWHID.Hash != "309cf2674ee7a0749978cf8265ab91a60aea0f7d" {
		t.Errorf("ProducedBy = %+v, want the DOI and the SWHID of the software", refs)
	}
	// A release known only by its git commit is linked by the commit's SWHID.
	ds2 := &fair.Resource{}
	(&Run{Software: &Release{Name: "x", Commit: strings.Repeat("0a", 20)}}).LinkDataset(ds2)
	if refs := ProducedBy(ds2); len(refs) != 1 || refs[0].SWHID.String() != "swh:1:rev:"+strings.Repeat("0a", 20) {
		t.Errorf("commit-only release: %+v", refs)
	}
	// A modified build is not that commit: the repository is all that can be said.
	ds3 := &fair.Resource{}
	(&Run{Software: &Release{Name: "x", Version: "v1.0.0+dirty", Repository: "https://example.org/x", Commit: strings.Repeat("0a", 20)}}).LinkDataset(ds3)
	if refs := ProducedBy(ds3); len(refs) != 1 || refs[0].Identifier != "https://example.org/x" {
		t.Errorf("modified build: %+v, want the repository URL only", refs)
	}
}

// TestLinkDatasetUnpinned: a build that cannot be named by a commit is linked by what can be known, and every such
// case comes with a warning saying why and what to do.
func TestLinkDatasetUnpinned(t *testing.T) {
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "main.go"), []byte("package main\n"), 0o644)
	tree, err := DirSWHID(src)
	if err != nil {
		t.Fatal(err)
	}
	commit := strings.Repeat("0a", 20)
	for _, c := range []struct {
		name      string
		run       Run
		wantLink  string // IsCompiledBy target, "" for none
		wantInfo  string // its relationTypeInformation
		wantNotes string // a word of the warning, "" for no warning
	}{
		{"clean commit", Run{Software: &Release{Name: "calib", Version: "v1.4.0", Commit: commit}}, "swh:1:rev:" + commit, "", ""},
		{"no commit, module version and repository", Run{Software: &Release{Name: "calib", Version: "v1.4.0", Repository: "https://gitlab.in2p3.fr/a/calib"}},
			"https://gitlab.in2p3.fr/a/calib", "calib v1.4.0 (module version)", "records no commit"},
		{"no commit, source tree given", Run{Software: &Release{Name: "calib", Repository: "https://gitlab.in2p3.fr/a/calib"}, SourceDir: src},
			tree.String(), "calib", "SWHID of its source tree"},
		{"modified tree, source tree given", Run{Software: &Release{Name: "calib", Version: "v1.4.0+dirty", Commit: commit}, SourceDir: src},
			tree.String(), "calib v1.4.0+dirty", "untracked files"},
		{"nothing known", Run{Software: &Release{Name: "calib"}}, "", "", "no IsCompiledBy relation is added"},
		{"source tree missing", Run{Software: &Release{Name: "calib"}, SourceDir: filepath.Join(src, "nope")}, "", "", "could not be computed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ds := &fair.Resource{}
			notes := c.run.LinkDataset(ds)
			var link, info string
			for _, ri := range ds.RelatedIdentifiers {
				if ri.RelationType == fair.RelIsCompiledBy {
					link, info = ri.Identifier, ri.RelationTypeInformation
				}
			}
			if link != c.wantLink || info != c.wantInfo {
				t.Errorf("IsCompiledBy %q (%q), want %q (%q)", link, info, c.wantLink, c.wantInfo)
			}
			switch {
			case c.wantNotes == "" && len(notes) > 0:
				t.Errorf("warnings %v, want none", notes)
			case c.wantNotes != "" && (len(notes) != 1 || !strings.Contains(notes[0].Reason, c.wantNotes) || notes[0].Path != "relatedIdentifiers"):
				t.Errorf("warnings %v, want one at relatedIdentifiers saying %q", notes, c.wantNotes)
			}
			if strings.Contains(fmt.Sprint(ds), src) {
				t.Errorf("the record names the source directory: %+v", ds)
			}
		})
	}
}

// TestCrateLocalIdentifiers: a release without version or repository gets a local identifier without a dangling
// "-", a dependency named by a directory is not written, and an action without listed outputs has the crate's
// dataset as result.
func TestCrateLocalIdentifiers(t *testing.T) {
	run := &Run{Software: &Release{Name: "calib", Dependencies: []fair.Requirement{{Name: "../yaml", Version: "(devel)"}, {Name: "go.yaml.in/yaml/v3", Version: "v3.0.6"}}}}
	doc, err := json.Marshal(run.Crate(nil))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(doc, []byte(`"instrument":{"@id":"#calib"}`)) || bytes.Contains(doc, []byte("../yaml")) ||
		!bytes.Contains(doc, []byte(`"result":{"@id":"./"}`)) || !bytes.Contains(doc, []byte("go.yaml.in/yaml/v3")) {
		t.Errorf("crate:\n%s", doc)
	}
	checkProcessRunCrate(t, doc, processRunProfile)
	runs, err := ReadRunCrate(doc)
	if err != nil || len(runs) != 1 || len(runs[0].Outputs) != 0 {
		t.Errorf("read back: %v, %+v; want one run without outputs", err, runs)
	}
}

// checkProcessRunCrate checks the requirements of the Process Run Crate profile that a document can show: the
// metadata descriptor, the root dataset conforming to the profile and mentioning its actions, and every
// CreateAction with an instrument that is a software entity of the graph, entities for its objects, results and
// agent, and times in ISO 8601.
func checkProcessRunCrate(t *testing.T, data []byte, profile string) {
	t.Helper()
	var doc struct {
		Context any              `json:"@context"`
		Graph   []map[string]any `json:"@graph"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	byID := map[string]map[string]any{}
	for _, n := range doc.Graph {
		byID[text(n["@id"])] = n
	}
	desc := byID[CrateMetadataFile]
	if desc == nil || text(desc["about"]) != "./" || !strings.HasPrefix(text(desc["conformsTo"]), "https://w3id.org/ro/crate/") {
		t.Errorf("metadata descriptor missing or wrong: %v", desc)
	}
	root := byID["./"]
	if root == nil || !hasCrateType(root, "Dataset") || !slices.Contains(texts(root["conformsTo"]), profile) {
		t.Fatalf("root dataset does not conform to %s: %v", profile, root)
	}
	actions := 0
	for _, n := range doc.Graph {
		if !hasCrateType(n, "CreateAction") {
			continue
		}
		actions++
		id := text(n["@id"])
		if !slices.Contains(texts(root["mentions"]), id) {
			t.Errorf("root does not mention %s", id)
		}
		sw := byID[text(first(n["instrument"]))]
		if sw == nil || !hasCrateType(sw, "SoftwareApplication") && !hasCrateType(sw, "SoftwareSourceCode") {
			t.Errorf("%s: instrument %v is not a software entity of the graph", id, n["instrument"])
		}
		for _, k := range []string{"object", "result", "agent"} {
			for _, x := range list(n[k]) {
				if byID[text(x)] == nil {
					t.Errorf("%s: %s %s has no entity in the graph", id, k, text(x))
				}
			}
		}
		for _, k := range []string{"startTime", "endTime"} {
			if v := text(n[k]); v != "" {
				if _, ok := parseDate(v); !ok {
					t.Errorf("%s: %s %q is not ISO 8601", id, k, v)
				}
			}
		}
	}
	if actions == 0 {
		t.Error("no CreateAction")
	}
}

func TestRunCrateProfileExample(t *testing.T) {
	data, err := os.ReadFile(testenv.SharedData(t, "provenance", "run-crate-0.5", "process_run_crate", "example1", "ro-crate-metadata.json"))
	if err != nil {
		t.Fatal(err)
	}
	// The profile's own example (it still says 0.4 in conformsTo) passes our checks and reads back.
	checkProcessRunCrate(t, data, "https://w3id.org/ro/wfrun/process/0.4")
	runs, err := ReadRunCrate(data)
	if err != nil {
		t.Fatal(err)
	}
	r := runs[0]
	if len(runs) != 1 || r.Software.Name != "ImageMagick" || r.Software.Version != "6.9.7-4" || r.Agent.Name != "Stian Soiland-Reyes" ||
		orcidOf(*r.Agent) != "https://orcid.org/0000-0001-9842-9718" || len(r.Inputs) != 1 || r.Outputs[0].ID != "pics/sepia_fence.jpg" ||
		r.End.IsZero() {
		t.Errorf("example run read as %+v", r)
	}
}

func TestRunCrateRoundTrip(t *testing.T) {
	run := testRun()
	ds := &fair.Resource{Titles: []fair.Title{{Title: "Calibrated events, run 4271"}}, Identifier: fair.Identifier{Value: "10.5281/zenodo.2222222", Type: "DOI"},
		Rights: []fair.Rights{spdxRights("CC-BY-4.0")}, PublicationYear: 2026}
	var buf bytes.Buffer
	if err := WriteRunCrate(&buf, run, ds); err != nil {
		t.Fatal(err)
	}
	checkProcessRunCrate(t, buf.Bytes(), "https://w3id.org/ro/wfrun/process/0.5")
	// PROV-O terms beside the schema.org ones.
	for _, term := range []string{`"prov:used"`, `"prov:wasAssociatedWith"`, `"prov:wasGeneratedBy"`, `"prov": "http://www.w3.org/ns/prov#"`} {
		if !strings.Contains(buf.String(), term) {
			t.Errorf("crate lacks %s", term)
		}
	}
	runs, err := ReadRunCrate(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 {
		t.Fatalf("%d runs read back", len(runs))
	}
	equalJSON(t, runs[0], run)
}

func TestWriteRunCrateDir(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "events.csv"), "run,energy\n4271,3.2\n", 0o644)
	writeFile(t, filepath.Join(dir, "plots", "energy spectrum.png"), "png", 0o644)
	run := testRun()
	run.Outputs = nil
	if err := WriteRunCrateDir(dir, run, &fair.Resource{Titles: []fair.Title{{Title: "out"}}}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, CrateMetadataFile))
	if err != nil {
		t.Fatal(err)
	}
	checkProcessRunCrate(t, data, "https://w3id.org/ro/wfrun/process/0.5")
	var ids []string
	for _, o := range run.Outputs {
		ids = append(ids, o.ID+" "+o.MediaType+" "+o.Checksum.Value)
	}
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }
	if !slices.Equal(ids, []string{"events.csv text/csv " + sum("run,energy\n4271,3.2\n"), "plots/energy%20spectrum.png image/png " + sum("png")}) {
		t.Errorf("outputs = %q", ids)
	}
	runs, err := ReadRunCrate(data)
	if err != nil || len(runs[0].Outputs) != 2 || runs[0].Outputs[1].Checksum != run.Outputs[1].Checksum {
		t.Errorf("read back: %+v, %v", runs, err)
	}
}

// A second WriteRunCrateDir replaces the metadata file by a rename — another name (hard link) of the old file keeps
// the old content, which a truncation in place would destroy — and a temporary file a crash left behind is not
// taken for an output.
func TestWriteRunCrateDirReplacesWhole(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "events.csv"), "run,energy\n4271,3.2\n", 0o644)
	meta := filepath.Join(dir, CrateMetadataFile)
	writeFile(t, meta, "old metadata", 0o644)
	keep := filepath.Join(t.TempDir(), "old-name")
	if err := os.Link(meta, keep); err != nil {
		t.Skipf("no hard links here: %v", err)
	}
	writeFile(t, filepath.Join(dir, ".fairmeta-tmp-"+CrateMetadataFile+"-123"), "left by a crash", 0o644)
	run := testRun()
	run.Outputs = nil
	if err := WriteRunCrateDir(dir, run, &fair.Resource{Titles: []fair.Title{{Title: "out"}}}); err != nil {
		t.Fatal(err)
	}
	if len(run.Outputs) != 1 || run.Outputs[0].ID != "events.csv" {
		t.Errorf("outputs = %+v; want events.csv only", run.Outputs)
	}
	if b, _ := os.ReadFile(keep); string(b) != "old metadata" {
		t.Errorf("the old metadata file was overwritten in place: %.80q", b)
	}
	if b, _ := os.ReadFile(meta); !strings.Contains(string(b), "events.csv") {
		t.Errorf("the new metadata lacks the output: %.200s", b)
	}
}

func TestReadRunCrateErrors(t *testing.T) {
	for _, bad := range []string{"", "[]", `{"@graph": []}`, `{"@graph": [{"@id": "./", "@type": "Dataset"}]}`} {
		if _, err := ReadRunCrate([]byte(bad)); err == nil {
			t.Errorf("ReadRunCrate(%q) gave no error", bad)
		}
	}
}
