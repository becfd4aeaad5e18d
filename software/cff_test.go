package software

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// TestCFFRulesMatchSchema checks the Go transcription of the CFF 1.2.0 rules against the schema file itself, rule
// by rule, so that the validator enforces exactly what the schema says.
func TestCFFRulesMatchSchema(t *testing.T) {
	data, err := os.ReadFile(testenv.SharedData(t, "software", "cff", "schema-1.2.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	defs := schema["definitions"].(map[string]any)
	if len(defs)+1 != len(cffDefs) {
		t.Errorf("%d definitions in Go, %d in the schema (+ root)", len(cffDefs), len(defs))
	}
	compareRule(t, "root", schema, cffDefs["root"])
	for name, d := range defs {
		r, ok := cffDefs[name]
		if !ok {
			t.Errorf("definition %s missing in Go", name)
			continue
		}
		compareRule(t, name, d.(map[string]any), r)
	}
}

func compareRule(t *testing.T, path string, s map[string]any, r *rule) {
	t.Helper()
	if ref, ok := s["$ref"].(string); ok {
		if want := strings.TrimPrefix(ref, "#/definitions/"); r.ref != want {
			t.Errorf("%s: ref %q, schema %q", path, r.ref, want)
		}
		return
	}
	var types []string
	switch ty := s["type"].(type) {
	case string:
		types = []string{ty}
	case []any:
		for _, x := range ty {
			types = append(types, x.(string))
		}
	}
	if !slices.Equal(types, r.types) {
		t.Errorf("%s: types %v, schema %v", path, r.types, types)
	}
	num := func(k string) float64 { f, _ := s[k].(float64); return f }
	if int(num("minLength")) != r.minLength || int(num("maxLength")) != r.maxLength || int(num("minItems")) != r.minItems {
		t.Errorf("%s: lengths/minItems differ", path)
	}
	if p, _ := s["pattern"].(string); (r.pattern == nil && p != "") || (r.pattern != nil && r.pattern.String() != p) {
		t.Errorf("%s: pattern %v, schema %q", path, r.pattern, p)
	}
	var enum []string
	if e, ok := s["enum"].([]any); ok {
		for _, x := range e {
			enum = append(enum, x.(string))
		}
	}
	if !slices.Equal(enum, r.enum) {
		t.Errorf("%s: enum has %d values, schema %d", path, len(r.enum), len(enum))
	}
	for k, p := range map[string]*float64{"minimum": r.minimum, "maximum": r.maximum} {
		v, has := s[k].(float64)
		if has != (p != nil) || has && v != *p {
			t.Errorf("%s: %s differs", path, k)
		}
	}
	if u, _ := s["uniqueItems"].(bool); u != r.unique {
		t.Errorf("%s: uniqueItems %v, schema %v", path, r.unique, u)
	}
	if a, ok := s["additionalProperties"].(bool); (ok && !a) != r.closed {
		t.Errorf("%s: closed %v, schema additionalProperties %v", path, r.closed, s["additionalProperties"])
	}
	var req []string
	if x, ok := s["required"].([]any); ok {
		for _, k := range x {
			req = append(req, k.(string))
		}
	}
	if !slices.Equal(req, r.required) {
		t.Errorf("%s: required %v, schema %v", path, r.required, req)
	}
	if it, ok := s["items"].(map[string]any); ok != (r.items != nil) {
		t.Errorf("%s: items presence differs", path)
	} else if ok {
		compareRule(t, path+".items", it, r.items)
	}
	props, _ := s["properties"].(map[string]any)
	if len(props) != len(r.props) {
		t.Errorf("%s: %d properties, schema %d", path, len(r.props), len(props))
	}
	for k, p := range props {
		if rp, ok := r.props[k]; !ok {
			t.Errorf("%s: property %s missing", path, k)
		} else {
			compareRule(t, path+"."+k, p.(map[string]any), rp)
		}
	}
	for key, alts := range map[string][]*rule{"anyOf": r.anyOf, "oneOf": r.oneOf} {
		sa, _ := s[key].([]any)
		if len(sa) != len(alts) {
			t.Errorf("%s: %s has %d alternatives, schema %d", path, key, len(alts), len(sa))
			continue
		}
		for i := range sa {
			compareRule(t, fmt.Sprintf("%s.%s[%d]", path, key, i), sa[i].(map[string]any), alts[i])
		}
	}
}

func cffExamples(t *testing.T, kind string) []string {
	t.Helper()
	dir := testenv.SharedData(t, "software", "cff", "examples", kind)
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "CITATION.cff" {
			files = append(files, p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Fatalf("no examples under %s", dir)
	}
	return files
}

func TestValidateCFFExamples(t *testing.T) {
	for _, p := range cffExamples(t, "pass") {
		name, _ := filepath.Rel(filepath.Dir(filepath.Dir(p)), p)
		t.Run("pass/"+name, func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := ValidateCFF(data); err != nil {
				t.Errorf("valid example rejected: %v", err)
			}
		})
	}
	// Each failing example with the key paths its problems must name.
	wantPaths := map[string][]string{
		"additional-key": {"extra"},
		"tue-excellent-buildings/bso-toolbox-invalid-date": {"date-released"},
		"ls1mardyn/ls1-mardyn":                             {"date-released"},
		"ls1mardyn/ls1-mardyn-invalid-author-array":        {"author", "authors"},
	}
	failDir := testenv.SharedData(t, "software", "cff", "examples", "fail")
	files := cffExamples(t, "fail")
	if len(files) != len(wantPaths) {
		t.Errorf("%d failing examples, the test knows %d", len(files), len(wantPaths))
	}
	for _, p := range files {
		rel, _ := filepath.Rel(failDir, filepath.Dir(p))
		t.Run("fail/"+rel, func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			err = ValidateCFF(data)
			var ve *CFFValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("invalid example accepted (err %v)", err)
			}
			var paths []string
			for _, pr := range ve.Problems {
				paths = append(paths, pr.Path)
				if pr.Line == 0 || pr.Message == "" {
					t.Errorf("problem without line or message: %+v", pr)
				}
			}
			sort.Strings(paths)
			if want := wantPaths[filepath.ToSlash(rel)]; !slices.Equal(paths, want) {
				t.Errorf("problems at %q, want %q:\n%v", paths, want, err)
			}
			if _, _, rerr := ReadCFF(data); !errors.As(rerr, &ve) {
				t.Errorf("ReadCFF accepted an invalid file: %v", rerr)
			}
		})
	}
}

func TestValidateCFFProblems(t *testing.T) {
	const base = "cff-version: 1.2.0\nmessage: m\ntitle: t\nauthors:\n  - family-names: Rossi\n"
	tests := []struct {
		name, yaml string
		want       []string // "path: fragment of the message"
	}{
		{"valid", base, nil},
		{"bad orcid and email", base + "    orcid: 0000-0002-1825-0097\n    email: nobody\n",
			[]string{"authors[0].email: \"nobody\" does not match", "authors[0].orcid: \"0000-0002-1825-0097\" does not match"}},
		{"unknown license", base + "license: Apache-3.0\n", []string{"license: \"Apache-3.0\" is not one of the allowed values"}},
		{"license list", base + "license: [MIT, Apache-2.0]\n", nil},
		{"duplicate author", base + "  - family-names: Rossi\n", []string{"authors[1]: repeats item 0"}},
		{"person with name and given", base + "  - name: CC-IN2P3\n    given-names: x\n", []string{"authors[1].name: unknown key"}},
		{"missing keys", "cff-version: 1.2.0\n", []string{"authors: required", "message: required", "title: required"}},
		{"wrong version", strings.Replace(base, "1.2.0", "1.1.0", 1), []string{"cff-version: \"1.1.0\" does not match"}},
		{"number version", base + "version: 1.0\n", nil},
		{"bad identifier", base + "identifiers:\n  - type: doi\n    value: not-a-doi\n", []string{"identifiers[0].value: \"not-a-doi\" does not match"}},
		{"bad type", base + "type: article\n", []string{"type: \"article\" is not one of the allowed values"}},
		{"reference month", base + "references:\n  - type: article\n    title: x\n    authors: [{name: a}]\n    month: 13\n",
			[]string{"references[0].month: 13 is greater than 12"}},
		{"empty title", strings.Replace(base, "title: t", "title: \"\"", 1), []string{"title: is empty"}},
		{"merge keys", "cff-version: 1.2.0\nmessage: m\ntitle: t\nauthors:\n  - &cam {given-names: Camille, family-names: Lefèvre}\n  - <<: *cam\n    given-names: Paolo\n", nil},
		{"merged unknown key", base + "  - <<: {family-names: Rossi, nickname: x}\n    given-names: P\n", []string{"authors[1].nickname: unknown key"}},
		{"not a mapping", "- a\n- b\n", []string{": is an array, want object"}},
		{"not yaml", "a: [\n", []string{": not YAML"}},
		{"empty", "", []string{": the file is empty"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := ValidateCFF([]byte(tc.yaml))
			var got []string
			if err != nil {
				var ve *CFFValidationError
				if !errors.As(err, &ve) {
					t.Fatalf("error %T, want *CFFValidationError", err)
				}
				for _, p := range ve.Problems {
					got = append(got, p.Path+": "+p.Message)
				}
			}
			sort.Strings(got)
			if len(got) != len(tc.want) {
				t.Fatalf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tc.want[i]) {
					t.Errorf("problem %d = %q, want it to start with %q", i, got[i], tc.want[i])
				}
			}
		})
	}
}

// cffAliasBomb is a CITATION.cff file of nested aliases under a uniqueItems key: each level refers to the one below
// nine times, 9^levels values once expanded, in a few hundred bytes.
func cffAliasBomb(levels int) []byte {
	var b strings.Builder
	b.WriteString("cff-version: 1.2.0\nmessage: m\ntitle: t\nauthors: [{name: x}]\nkeywords: &k0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&b, "x%d: &k%d [", i, i)
		for j := 0; j < 9; j++ {
			if j > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(&b, "*k%d", i-1)
		}
		b.WriteString("]\n")
	}
	fmt.Fprintf(&b, "references: [{type: software, title: t, authors: [{name: x}], keywords: *k%d}]\n", levels)
	return []byte(b.String())
}

func TestCFFAliasBomb(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"nested aliases", cffAliasBomb(8), "aliases expand to more than 200000 nodes"},
		{"merge keys", []byte("cff-version: 1.2.0\nmessage: m\ntitle: t\nauthors: [{name: x}]\n" +
			"a: &a {k0: x, k1: x, k2: x, k3: x, k4: x, k5: x, k6: x, k7: x, k8: x}\n" +
			"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n" +
			"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n" +
			"f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\nidentifiers: [{<<: *f, type: doi, value: 10.5281/x}]\n"),
			"aliases expand to more than 200000 nodes"},
		{"alias inside its anchor", []byte("cff-version: 1.2.0\nmessage: m\ntitle: t\nauthors: [{name: x}]\nkeywords: &k [a, *k]\n"),
			"alias refers to its own anchor"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for name, call := range map[string]func([]byte) error{
				"ValidateCFF": ValidateCFF,
				"ReadCFF":     func(b []byte) error { _, _, err := ReadCFF(b); return err },
			} {
				err := call(tc.data)
				var ve *CFFValidationError
				if !errors.As(err, &ve) || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("%s(%d bytes) = %v, want a *CFFValidationError saying %q", name, len(tc.data), err, tc.want)
				}
			}
		})
	}
	// Under the budget, aliases are read as copies.
	small := cffAliasBomb(2)
	if err := ValidateCFF(small); err == nil || !strings.Contains(err.Error(), "repeats item") {
		t.Errorf("ValidateCFF(81 keywords by alias) = %v, want the repeated keywords reported", err)
	}
}

func TestCFFReadWriteRoundTrip(t *testing.T) {
	for _, p := range cffExamples(t, "pass") {
		name, _ := filepath.Rel(filepath.Dir(filepath.Dir(p)), p)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			r1, _, err := ReadCFF(data)
			if err != nil {
				t.Fatal(err)
			}
			if r1.MainTitle() == "" || len(r1.Creators) == 0 {
				t.Errorf("read record lacks title or creators: %+v", r1)
			}
			var buf bytes.Buffer
			if _, err := WriteCFF(&buf, r1); err != nil {
				t.Fatalf("WriteCFF: %v", err)
			}
			r2, _, err := ReadCFF(buf.Bytes())
			if err != nil {
				t.Fatalf("re-reading our output: %v\n%s", err, buf.String())
			}
			equalJSON(t, r2, r1)
		})
	}
}

func TestReadCFFMapping(t *testing.T) {
	data := []byte(`cff-version: 1.2.0
message: Please cite.
title: shower-calib
version: 2.1.0
abstract: Calibrates air-shower events.
date-released: 2026-11-02
type: software
authors:
  - given-names: Camille
    family-names: Lefèvre
    name-particle: de
    orcid: https://orcid.org/0000-0002-1825-0097
    affiliation: IJCLab
    alias: cam
  - name: CC-IN2P3
contact:
  - name: Support team
    email: support@cc.in2p3.fr
doi: 10.5281/zenodo.1234568
identifiers:
  - type: doi
    value: 10.5281/zenodo.1234567
    description: concept
  - type: swh
    value: swh:1:rev:309cf2674ee7a0749978cf8265ab91a60aea0f7d
license: Apache-2.0
repository-code: https://gitlab.in2p3.fr/dop2i/shower-calib
commit: 309cf2674ee7a0749978cf8265ab91a60aea0f7d
keywords: [cosmic rays]
`)
	r, notRead, err := ReadCFF(data)
	if err != nil || !slices.Equal(notePaths(notRead), []string{"identifiers[0].description"}) {
		t.Fatalf("not read %v (%v), want the identifier description", notRead, err)
	}
	want := &fair.Resource{
		Identifier: fair.Identifier{Value: "10.5281/zenodo.1234568", Type: "DOI"},
		Creators: []fair.Creator{
			{Name: "de Lefèvre, Camille", NameType: fair.NamePersonal, GivenName: "Camille", FamilyName: "de Lefèvre",
				NameIdentifiers: []fair.NameIdentifier{{Value: "https://orcid.org/0000-0002-1825-0097", Scheme: "ORCID", SchemeURI: "https://orcid.org"}},
				Affiliations:    []fair.Affiliation{{Name: "IJCLab"}}, Alias: "cam"},
			{Name: "CC-IN2P3", NameType: fair.NameOrganizational},
		},
		Titles:          []fair.Title{{Title: "shower-calib"}},
		PublicationYear: 2026,
		ResourceType:    fair.ResourceType{General: fair.ResourceTypeSoftware},
		Contributors: []fair.Contributor{{Creator: fair.Creator{Name: "Support team", NameType: fair.NameOrganizational, Email: "support@cc.in2p3.fr"},
			ContributorType: fair.ContributorContactPerson}},
		Dates:                []fair.Date{{Date: "2026-11-02", Type: fair.DateIssued}},
		AlternateIdentifiers: []fair.Identifier{{Value: "10.5281/zenodo.1234567", Type: "DOI"}, {Value: "swh:1:rev:309cf2674ee7a0749978cf8265ab91a60aea0f7d", Type: "SWHID"}},
		Version:              "2.1.0",
		Rights:               []fair.Rights{spdxRights("Apache-2.0")},
		Descriptions:         []fair.Description{{Description: "Calibrates air-shower events.", Type: fair.DescriptionAbstract}},
		URL:                  "https://gitlab.in2p3.fr/dop2i/shower-calib",
		Keywords:             []string{"cosmic rays"},
		Software:             fair.Software{CodeRepository: "https://gitlab.in2p3.fr/dop2i/shower-calib", Commit: "309cf2674ee7a0749978cf8265ab91a60aea0f7d"},
	}
	equalJSON(t, r, want)
	var buf bytes.Buffer
	if _, err := WriteCFF(&buf, r); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "\nurl:") {
		t.Errorf("the derived landing page (the code repository) was written back as url:\n%s", buf.String())
	}
}

func TestWriteCFFRejectsIncompleteRecord(t *testing.T) {
	_, err := WriteCFF(&bytes.Buffer{}, &fair.Resource{Titles: []fair.Title{{Title: "x"}}})
	var ve *CFFValidationError
	if !errors.As(err, &ve) || !strings.Contains(err.Error(), "authors") {
		t.Errorf("WriteCFF without creators: %v, want a validation error naming authors", err)
	}
}

func TestReadCFFMergeKeys(t *testing.T) {
	r, _, err := ReadCFF([]byte("cff-version: 1.2.0\nmessage: m\ntitle: t\nauthors:\n  - &cam {given-names: Camille, family-names: Lefèvre, affiliation: IJCLab}\n  - <<: *cam\n    given-names: Paolo\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Creators) != 2 || r.Creators[1].Name != "Lefèvre, Paolo" || len(r.Creators[1].Affiliations) != 1 {
		t.Errorf("merged author: %+v", r.Creators)
	}
}

// TestReadCFFEarlierVersions: a CITATION.cff of CFF 1.0.x or 1.1.x (the keys of 1.2.0 less a few, version and
// date-released required) is read by the 1.2.0 rules with a note on cff-version; its other problems, and versions
// that are not earlier 1.x ones, are still refused.
func TestReadCFFEarlierVersions(t *testing.T) {
	const file = `cff-version: %s
message: If you use this software, please cite it as below.
authors:
  - family-names: Roe
    given-names: Jane
    orcid: https://orcid.org/0000-0002-1825-0097
title: tool
version: 1.4
doi: 10.5072/tool.14
date-released: 2017-12-18
%s`
	for _, v := range []string{"1.0.3", `"1.1.0"`} {
		r, notRead, err := ReadCFF([]byte(fmt.Sprintf(file, v, "")))
		if err != nil {
			t.Fatalf("%s: %v", v, err)
		}
		if r.Identifier.Value != "10.5072/tool.14" || r.Version != "1.4" || r.PublicationYear != 2017 || len(r.Creators) != 1 {
			t.Errorf("%s: read %+v", v, r)
		}
		want := fair.Notes{{Path: "cff-version", Value: strings.Trim(v, `"`), Reason: "an earlier CFF version: the file was read and validated by the CFF 1.2.0 rules"}}
		if !slices.Equal(notRead, want) {
			t.Errorf("%s: notRead %v, want %v", v, notRead, want)
		}
	}
	// Another problem is still an error, and names only that problem.
	_, _, err := ReadCFF([]byte(fmt.Sprintf(file, "1.1.0", "extra: 1\n")))
	var ve *CFFValidationError
	if !errors.As(err, &ve) || len(ve.Problems) != 1 || ve.Problems[0].Path != "extra" {
		t.Errorf("1.1.0 with an unknown key: %v", err)
	}
	for _, v := range []string{"0.9.0", "1.3.0", "2.0.0", "1.1"} {
		if _, _, err := ReadCFF([]byte(fmt.Sprintf(file, v, ""))); !errors.As(err, &ve) || ve.Problems[0].Path != "cff-version" {
			t.Errorf("cff-version %s: %v, want a problem on cff-version", v, err)
		}
	}
}

// TestWriteCFFValuesCFFRefuses: a record whose licence is not an SPDX identifier, whose download URL is not http(s)
// or (s)ftp, whose reference has a DOI CFF's pattern refuses, whose Issued date is not YYYY-MM-DD, whose creator's
// ORCID iD is invalid and whose other reference has no title is written as a valid CITATION.cff, each such value
// left out with a note (a lower-case SPDX identifier as DataCite writes them is canonicalised, not dropped).
func TestWriteCFFValuesCFFRefuses(t *testing.T) {
	r := &fair.Resource{
		Titles: []fair.Title{{Title: "tool"}},
		Creators: []fair.Creator{{Name: "Roe, Jane", GivenName: "Jane", FamilyName: "Roe", NameType: fair.NamePersonal,
			NameIdentifiers: []fair.NameIdentifier{{Value: "0000-0001-9998-0117", Scheme: fair.SchemeORCID}}}},
		Rights: []fair.Rights{
			{Rights: "Creative Commons Attribution 4.0", Identifier: "cc-by-4.0", IdentifierScheme: "SPDX"},
			{Rights: "CC0 1.0", Identifier: "CC0 1.0"},
		},
		Distributions: []fair.Distribution{{ContentURL: "s3://bucket/tool.tar.gz"}},
		Dates:         []fair.Date{{Date: "2019.04.10", Type: fair.DateIssued}},
		RelatedIdentifiers: []fair.RelatedIdentifier{{Identifier: "10.5072/other", IdentifierType: fair.IDTypeDOI, RelationType: fair.RelCites},
			{Identifier: "git://example.org/tool", IdentifierType: fair.IDTypeURL, RelationType: fair.RelIsIdenticalTo}},
		References: []fair.RelatedItem{{Type: fair.ResourceTypeJournalArticle, RelationType: fair.RelCites,
			Titles: []fair.Title{{Title: "Cited"}}, Identifier: fair.RelatedItemIdentifier{Identifier: "10.1175/1520-0477(1996)077<1507:TJHWIT>2.0.CO;2", Type: fair.IDTypeDOI}},
			{Type: fair.ResourceTypeText, RelationType: fair.RelCites, Identifier: fair.RelatedItemIdentifier{Identifier: "10.5072/untitled", Type: fair.IDTypeDOI}}},
	}
	var b bytes.Buffer
	notWritten, err := WriteCFF(&b, r)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, n := range notWritten {
		got[n.Path] = n.Value
	}
	for p, v := range map[string]string{"rights[1].identifier": "CC0 1.0", "distributions[0].contentURL": "s3://bucket/tool.tar.gz",
		"references[0].identifier": "10.1175/1520-0477(1996)077<1507:TJHWIT>2.0.CO;2", "references[1]": "",
		"dates[0]": "2019.04.10", "creators[0].nameIdentifiers": "0000-0001-9998-0117", "relatedIdentifiers[1].identifier": "git://example.org/tool"} {
		if g, ok := got[p]; !ok || g != v {
			t.Errorf("no note %s = %q: %v", p, v, notWritten)
		}
	}
	back, _, err := ReadCFF(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Rights) != 1 || back.Rights[0].Identifier != "CC-BY-4.0" {
		t.Errorf("rights read back %+v", back.Rights)
	}
}
