package software

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testenv"
	"github.com/dop2i/fairmeta/schemaorg"
)

// The cffconvert conformance cases: for each CITATION.cff, cffconvert's expected CodeMeta, .zenodo.json and
// schema.org outputs. Ours must carry the same facts: type, name, version, authors (kind, given and family names,
// name, ORCID, affiliation, email, alias), identifiers, licence and URLs. What is compared is the facts, not the
// bytes: our CodeMeta is 3.0 where cffconvert writes 2.0, our Zenodo relations follow the CodeMeta crosswalk
// (cffconvert marks every related identifier isSupplementedBy), so relations are not compared, and package
// schemaorg names the authors "creator" and gives persons a full name beside their given and family names.

// jsonFacts are the facts of a schema.org-style document (CodeMeta or schema.org JSON-LD).
type jsonFacts struct {
	Type, Name, Version, URL, CodeRepository string
	Authors, Identifiers, Licenses           []string
}

func strOf(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case map[string]any:
		if s, ok := t["@id"].(string); ok {
			return s
		}
		if s, ok := t["value"].(string); ok { // a PropertyValue identifier
			return s
		}
		if s, ok := t["name"].(string); ok {
			return s
		}
	}
	return ""
}

func listOf(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	if v == nil {
		return nil
	}
	return []any{v}
}

// normID puts identifiers in one form: DOIs bare and lower case.
func normID(s string) string {
	if d := bareDOI(s); d != "" {
		return "doi:" + strings.ToLower(d)
	}
	return s
}

func schemaFacts(t *testing.T, data []byte) jsonFacts {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	f := jsonFacts{Type: strOf(m["@type"]), Name: strOf(m["name"]), Version: strOf(m["version"]), URL: strOf(m["url"]),
		CodeRepository: strOf(m["codeRepository"])}
	authors := m["author"]
	if authors == nil {
		authors = m["creator"] // schema.org's creator: the same people, as package schemaorg writes them
	}
	for _, a := range listOf(authors) {
		am, _ := a.(map[string]any)
		name := strOf(am["name"])
		if strOf(am["@type"]) == "Person" && (strOf(am["givenName"]) != "" || strOf(am["familyName"]) != "") {
			name = "" // a person's full name repeats the given and family names
		}
		var affs []string
		for _, af := range listOf(am["affiliation"]) {
			affs = append(affs, strOf(af))
		}
		f.Authors = append(f.Authors, strings.Join([]string{strOf(am["@type"]), strOf(am["givenName"]), strOf(am["familyName"]),
			name, strOf(am["@id"]), strings.Join(affs, "+"), strOf(am["email"]), strOf(am["alternateName"])}, "|"))
	}
	for _, id := range listOf(m["identifier"]) {
		// An identifier that is the landing page is the url fact again (the CFF identifiers of type url).
		if s := strOf(id); s != "" && s != f.URL {
			f.Identifiers = append(f.Identifiers, normID(s))
		}
	}
	sort.Strings(f.Identifiers)
	for _, l := range listOf(m["license"]) {
		f.Licenses = append(f.Licenses, strings.TrimPrefix(strings.TrimPrefix(strOf(l), "https://spdx.org/licenses/"), "http://spdx.org/licenses/"))
	}
	sort.Strings(f.Licenses)
	return f
}

type zenodoFacts struct {
	Title, UploadType, Version, License string
	Creators, Related                   []string
}

func zenodoFactsOf(t *testing.T, data []byte) zenodoFacts {
	t.Helper()
	var z struct {
		Title      string         `json:"title"`
		UploadType string         `json:"upload_type"`
		Version    string         `json:"version"`
		License    any            `json:"license"`
		Creators   []zenodoPerson `json:"creators"`
		Related    []struct {
			Identifier, Scheme string
		} `json:"related_identifiers"`
	}
	if err := json.Unmarshal(data, &z); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	f := zenodoFacts{Title: z.Title, UploadType: z.UploadType, Version: z.Version, License: strOf(z.License)}
	if m, ok := z.License.(map[string]any); ok {
		f.License = strOf(m["id"])
	}
	for _, c := range z.Creators {
		f.Creators = append(f.Creators, c.Name+"|"+c.Affiliation+"|"+c.ORCID)
	}
	for _, r := range z.Related {
		f.Related = append(f.Related, normID(r.Identifier)+"|"+r.Scheme)
	}
	sort.Strings(f.Related)
	return f
}

func TestCFFConvertCases(t *testing.T) {
	root := testenv.SharedData(t, "software", "cffconvert")
	var dirs []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "CITATION.cff" {
			dirs = append(dirs, filepath.Dir(p))
		}
		return nil
	})
	if len(dirs) < 20 {
		t.Fatalf("found %d cffconvert cases, expected the 26 of the shared data", len(dirs))
	}
	for _, dir := range dirs {
		name, _ := filepath.Rel(root, dir)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, "CITATION.cff"))
			if err != nil {
				t.Fatal(err)
			}
			r, _, err := ReadCFF(data)
			if err != nil {
				t.Fatal(err)
			}
			compareOutput(t, dir, "codemeta.json", r, WriteCodeMeta, schemaFacts)
			compareOutput(t, dir, "schemaorg.json", r, schemaOrgWriter, schemaFacts)
			compareOutput(t, dir, ".zenodo.json", r, WriteZenodo, zenodoFactsOf)
			// cffconvert's CodeMeta is 2.0: read it, write it as 3.0, and the facts are still the same.
			if cm, err := os.ReadFile(filepath.Join(dir, "codemeta.json")); err == nil && len(bytes.TrimSpace(cm)) > 0 {
				r2, _, err := ReadCodeMeta(cm)
				if err != nil {
					t.Fatalf("reading cffconvert's CodeMeta 2.0: %v", err)
				}
				compareOutput(t, dir, "codemeta.json", r2, WriteCodeMeta, schemaFacts)
			}
		})
	}
}

// schemaOrgWriter writes the schema.org JSON-LD compared with cffconvert's schemaorg.json: package schemaorg's writer
// over the record our CFF reader built.
var schemaOrgWriter = schemaorg.Write

func compareOutput[F any](t *testing.T, dir, file string, r *fair.Resource, write func(io.Writer, *fair.Resource) (fair.Notes, error), facts func(*testing.T, []byte) F) {
	t.Helper()
	want, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil || len(bytes.TrimSpace(want)) == 0 {
		return // cffconvert has no output of this kind for the case (CodeMeta of a dataset)
	}
	var buf bytes.Buffer
	if _, err := write(&buf, r); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	got, exp := facts(t, buf.Bytes()), facts(t, want)
	g, _ := json.MarshalIndent(got, "", "  ")
	e, _ := json.MarshalIndent(exp, "", "  ")
	if string(g) != string(e) {
		t.Errorf("%s: facts differ\nours:\n%s\ncffconvert:\n%s\nour output:\n%s", file, g, e, buf.String())
	}
}

func TestCodeMetaExamplesRoundTrip(t *testing.T) {
	dir := testenv.SharedData(t, "software", "codemeta", "examples")
	for _, name := range []string{"codemeta.json", "codemeta-software.json", "example-code-jsonld.json", "schema-org-codemeta.json"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			r1, _, err := ReadCodeMeta(data)
			if err != nil {
				t.Fatal(err)
			}
			if r1.MainTitle() == "" || len(r1.Creators) == 0 {
				t.Errorf("no title or authors read: %+v", r1)
			}
			var buf bytes.Buffer
			if _, err := WriteCodeMeta(&buf, r1); err != nil {
				t.Fatal(err)
			}
			r2, _, err := ReadCodeMeta(buf.Bytes())
			if err != nil {
				t.Errorf("re-reading our own output drops %v", err)
			}
			equalJSON(t, r2, r1)
		})
	}
	// The invalid example: misspelt and unknown terms are reported, not silently ignored.
	data, err := os.ReadFile(filepath.Join(dir, "example-codemeta-invalid.json"))
	if err != nil {
		t.Fatal(err)
	}
	_, notRead, err := ReadCodeMeta(data)
	if err != nil || !slices.Equal(notePaths(notRead), []string{"descriptionn", "not_in_schema"}) {
		t.Errorf("invalid example: %v, %v; want the two unknown terms reported", notRead, err)
	}
}

// notePaths returns the paths of notes, in order.
func notePaths(notes fair.Notes) []string {
	var out []string
	for _, n := range notes {
		out = append(out, n.Path)
	}
	return out
}

func TestReadCodeMetaDetails(t *testing.T) {
	data, err := os.ReadFile(testenv.SharedData(t, "software", "codemeta", "examples", "codemeta.json"))
	if err != nil {
		t.Fatal(err)
	}
	r, notRead, err := ReadCodeMeta(data)
	if err != nil || !slices.Equal(notePaths(notRead), []string{"softwareSuggestions"}) {
		t.Fatalf("not read %v (%v), want only softwareSuggestions", notRead, err)
	}
	rel := ReleaseFromResource(r)
	if rel.Name != "codemetar: Generate CodeMeta Metadata for R Packages" || rel.Version != "0.1.0" || rel.License != "MIT" ||
		rel.Repository != "https://github.com/codemeta/codemetar" || !slices.Equal(rel.ProgrammingLanguages, []string{"R 3.4.0"}) {
		t.Errorf("release = %+v", rel)
	}
	if len(rel.Dependencies) != 5 || rel.Dependencies[0] != (fair.Requirement{Name: "jsonlite", Version: "1.3"}) {
		t.Errorf("dependencies = %+v", rel.Dependencies)
	}
	if len(r.Creators) != 1 || orcidOf(r.Creators[0]) != "https://orcid.org/0000-0002-1642-628X" || r.Creators[0].FamilyName != "Boettiger" {
		t.Errorf("creators = %+v", r.Creators)
	}
	var types []fair.ContributorType
	for _, c := range r.Contributors {
		types = append(types, c.ContributorType)
	}
	if !slices.Equal(types, []fair.ContributorType{fair.ContributorRightsHolder, fair.ContributorContactPerson}) {
		t.Errorf("contributor types = %v, want the copyright holder and the maintainer", types)
	}
	if r.Software.ContinuousIntegration != "https://travis-ci.org/codemeta/codemetar" || r.Software.DevelopmentStatus != "wip" {
		t.Errorf("software = %+v", r.Software)
	}
	listed, _, err := ReadCodeMeta([]byte(`{"@context": "https://w3id.org/codemeta/3.0", "name": "x",
	  "author": {"@list": [{"@type": "Person", "givenName": "A", "familyName": "B"}, {"@type": "Organization", "name": "CC-IN2P3"}]}}`))
	if err != nil || len(listed.Creators) != 2 || listed.Creators[1].Name != "CC-IN2P3" {
		t.Errorf("authors in an @list: %+v, %v", listed.Creators, err)
	}
	if _, _, err := ReadCodeMeta([]byte("[1]")); err == nil {
		t.Error("a JSON array was accepted")
	}
}

func TestZenodoRoundTrip(t *testing.T) {
	rel := &Release{Name: "shower-calib", Version: "2.1.0", Description: "Calibrates air-shower events.", License: "Apache-2.0",
		Repository: "https://gitlab.in2p3.fr/dop2i/shower-calib", DOI: "10.5281/zenodo.1234568", ConceptDOI: "10.5281/zenodo.1234567",
		SWHID: "swh:1:rev:309cf2674ee7a0749978cf8265ab91a60aea0f7d", Keywords: []string{"cosmic rays"},
		Authors: []fair.Creator{{Name: "Lefèvre, Camille", NameType: fair.NamePersonal, GivenName: "Camille", FamilyName: "Lefèvre",
			NameIdentifiers: []fair.NameIdentifier{orcidIdentifier("0000-0002-1825-0097")}, Affiliations: []fair.Affiliation{{Name: "IJCLab"}}}}}
	var buf bytes.Buffer
	if _, err := WriteZenodo(&buf, rel.Resource()); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"upload_type": "software"`, `"orcid": "0000-0002-1825-0097"`, `"name": "Lefèvre, Camille"`,
		`"relation": "isVersionOf"`, `"scheme": "swh"`, `"id": "Apache-2.0"`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf(".zenodo.json lacks %s:\n%s", want, buf.String())
		}
	}
	r, _, err := ReadZenodo(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	back := ReleaseFromResource(r)
	if back.DOI != rel.DOI || back.ConceptDOI != rel.ConceptDOI || back.SWHID != rel.SWHID || back.License != rel.License ||
		back.Repository != rel.Repository || back.Name != rel.Name || orcidOf(back.Authors[0]) != orcidOf(rel.Authors[0]) {
		t.Errorf("round trip through .zenodo.json:\n got %+v\nwant %+v", back, rel)
	}
}

func TestNotWritten(t *testing.T) {
	r := &fair.Resource{
		Titles:            []fair.Title{{Title: "x"}, {Title: "y", Type: fair.TitleAlternativeTitle}},
		Contributors:      []fair.Contributor{{Creator: fair.Creator{Name: "m"}, ContributorType: fair.ContributorContactPerson}},
		FundingReferences: []fair.FundingReference{{FunderName: "ANR"}},
		Software:          fair.Software{Requirements: []fair.Requirement{{Name: "a"}}, Commit: "abc", Tag: "v1"},
		References:        []fair.RelatedItem{{Titles: []fair.Title{{Title: "paper"}}}},
		Language:          "en",
	}
	tests := map[string][]string{
		"cff":      {"fundingReferences", "language", "software.requirements", "software.tag", "titles"},
		"codemeta": {"language", "references"},
		"zenodo":   {"fundingReferences", "language", "software.commit", "software.requirements", "software.tag", "titles"},
		"other":    nil,
	}
	for format, want := range tests {
		got := NotWritten(format, r)
		if !slices.Equal(notePaths(got), want) {
			t.Errorf("NotWritten(%s) = %v, want the paths %q", format, got, want)
		}
		for _, n := range got {
			if n.Reason == "" || n.Path == "titles" && n.Reason != map[string]string{"cff": "CFF", "zenodo": ".zenodo.json"}[format]+" has no place for it (alternative)" {
				t.Errorf("NotWritten(%s): note %q does not say why", format, n)
			}
		}
	}
	// What NotWritten says CFF keeps does survive a CFF round trip.
	var buf bytes.Buffer
	if _, err := WriteCFF(&buf, &fair.Resource{Titles: r.Titles[:1], Creators: []fair.Creator{{Name: "c"}}, Contributors: r.Contributors,
		Software: fair.Software{Commit: "abc"}, References: r.References}); err != nil {
		t.Fatal(err)
	}
	back, _, err := ReadCFF(buf.Bytes())
	if err != nil || back.Software.Commit != "abc" || len(back.Contributors) != 1 || len(back.References) != 1 {
		t.Errorf("CFF round trip lost what it should carry: %+v, %v", back, err)
	}
}
