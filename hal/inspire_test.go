package hal_test

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/hal"
	"github.com/dop2i/fairmeta/inspire"
	"github.com/dop2i/fairmeta/internal/testenv"
	"github.com/dop2i/fairmeta/ror"
)

// inspireRecords returns every INSPIRE literature record of the shared data: the literature folder, the records of
// INSPIRE's serializer and HAL tests; the institution and author records are the lookup's.
func inspireRecords(t *testing.T) (names []string, data [][]byte, lk *inspire.Lookup) {
	t.Helper()
	dir := testenv.SharedData(t, "publications", "inspire")
	lk = &inspire.Lookup{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch strings.SplitN(filepath.ToSlash(rel), "/", 2)[0] {
		case "institutions", "authors":
			if _, err := lk.Add(b); err != nil {
				return fmt.Errorf("%s: %w", rel, err)
			}
		case "serializer-tests":
			if !inspire.Detect(b) {
				t.Logf("%s is not a literature record (a fragment of INSPIRE's serializer tests): skipped", rel)
				return nil
			}
			fallthrough
		default:
			names = append(names, rel)
			data = append(data, b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The schema's full example of a literature record.
	ex := testenv.SharedData(t, "publications", "inspire-schemas", "examples", "hep_example.json")
	b, err := os.ReadFile(ex)
	if err != nil {
		t.Fatal(err)
	}
	names, data = append(names, "inspire-schemas/examples/hep_example.json"), append(data, b)
	if len(names) < 50 {
		t.Fatalf("only %d INSPIRE literature records under %s", len(names), dir)
	}
	return names, data, lk
}

// exportTable is the offline ROR → HAL structure table a user builds from HAL TEI exports: here those of the
// shared data.
func exportTable(t *testing.T) *hal.Table {
	t.Helper()
	dir := testenv.SharedData(t, "publications", "hal", "tei")
	files, _ := filepath.Glob(filepath.Join(dir, "*.xml"))
	var all []hal.Structure
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs, _, err := hal.Decode(b, hal.Limits{})
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(f), err)
		}
		for _, d := range docs {
			all = append(all, d.Structures...)
		}
	}
	tab := hal.NewTable(all)
	if tab.Len() == 0 {
		t.Fatal("no structure in HAL's exports")
	}
	return tab
}

// HAL TEI written from every INSPIRE record of the shared data — affiliations resolved through INSPIRE's
// institution records, enriched offline with ROR, then resolved to HAL structures through a table of HAL's exports
// and ROR's parents — validates against the AOfr XSD; every author is in the deposit, in order, and every
// affiliation is either resolved to a HAL structure or kept as a named structure and listed in the notes for the
// cataloguer.
func TestInspireToAOfr(t *testing.T) {
	names, data, lk := inspireRecords(t)
	w := &hal.Writer{Resolver: exportTable(t), Parents: hal.RORIndexParents(ror.Default())}
	dir := t.TempDir()
	files := make([]string, len(names))
	noAuthor := map[string]bool{} // deposits the writer reported HAL cannot take: the record names no person
	var resolved, kept, total int
	for i, b := range data {
		recs, _, err := inspire.Read(b)
		if err != nil {
			t.Fatalf("%s: %v", names[i], err)
		}
		r := recs[0]
		lk.Resolve(r)
		if _, err := ror.Enrich(context.Background(), r, ror.Default()); err != nil {
			t.Fatalf("%s: %v", names[i], err)
		}
		dep, err := w.Document(context.Background(), r)
		if err != nil {
			t.Fatalf("%s: %v", names[i], err)
		}
		var out bytes.Buffer
		if err := dep.Document.Encode(&out); err != nil {
			t.Fatalf("%s: %v", names[i], err)
		}
		files[i] = filepath.Join(dir, strings.NewReplacer("/", "_").Replace(names[i])+".xml")
		if err := os.WriteFile(files[i], out.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		for _, n := range dep.Notes {
			if n.Path == "creators" && strings.Contains(n.Reason, "HAL requires at least one") {
				noAuthor[files[i]] = true
			}
		}
		back, _, err := hal.Decode(out.Bytes(), hal.Limits{})
		if err != nil {
			t.Fatalf("%s: the deposit does not read back: %v", names[i], err)
		}
		n, res, k := checkAffiliations(t, names[i], r, dep, back[0])
		resolved, kept, total = resolved+res, kept+k, total+n
	}
	valid := 0
	for f, v := range testenv.HALAOfrXSD(t, files...) {
		switch {
		case v == "":
			valid++
		case noAuthor[f] && onlyMissingAuthor(v):
			// AOfr requires an author: the writer said so in its notes, and nothing else is wrong.
			t.Logf("%s: no person author, which HAL requires, as the writer's notes say", filepath.Base(f))
		default:
			t.Errorf("%s does not validate against AOfr:\n%s", filepath.Base(f), v)
		}
	}
	if valid+len(noAuthor) != len(files) {
		t.Errorf("%d deposits valid, %d reported without author, of %d", valid, len(noAuthor), len(files))
	}
	t.Logf("%d of %d deposits valid against AOfr", valid, len(files))
	t.Logf("%d records, %d affiliations: %d resolved to HAL structures, %d kept as named structures for the cataloguer", len(names), total, resolved, kept)
}

// checkAffiliations checks that every person author of r is in the deposit in order, and that each of their
// affiliations (their raw strings when they have none) is resolved to a structure the deposit describes, and,
// when kept as a new structure, named there and listed in the notes. It returns the number of affiliations, and how
// many were resolved and kept.
func checkAffiliations(t *testing.T, name string, r *fair.Resource, dep *hal.Deposit, back *hal.Document) (total, resolved, kept int) {
	t.Helper()
	byPath := map[string]hal.Resolution{}
	for _, res := range dep.Resolutions {
		byPath[res.Path] = res
	}
	noted := map[string]bool{}
	for _, n := range dep.Notes {
		noted[n.Path] = true
	}
	k := 0
	for i, c := range r.Creators {
		if c.NameType == fair.NameOrganizational {
			continue
		}
		if k >= len(back.Authors) {
			t.Errorf("%s: creator %d (%s) is not in the deposit", name, i, c.Name)
			return
		}
		a := back.Authors[k]
		k++
		if _, surname := splitFamily(c); a.Surname != surname {
			t.Errorf("%s: author %d is %q, want %q", name, k-1, a.Name(), c.Name)
		}
		paths := make([]string, 0, len(c.Affiliations))
		orgs := make([]string, 0, len(c.Affiliations))
		for j, af := range c.Affiliations {
			paths, orgs = append(paths, fmt.Sprintf("creators[%d].affiliations[%d]", i, j)), append(orgs, af.Name)
		}
		if len(c.Affiliations) == 0 {
			for j, raw := range c.RawAffiliations {
				paths, orgs = append(paths, fmt.Sprintf("creators[%d].rawAffiliations[%d]", i, j)), append(orgs, raw)
			}
		}
		for j, p := range paths {
			if strings.TrimSpace(orgs[j]) == "" {
				continue
			}
			total++
			res, ok := byPath[p]
			if !ok {
				t.Errorf("%s: %s (%q) was neither resolved nor kept", name, p, orgs[j])
				continue
			}
			s, described := back.Structure(res.Structure)
			if !described || !containsString(a.Affiliations, res.Structure) {
				t.Errorf("%s: %s resolved to %s, which the deposit's author %d does not carry or listOrg does not describe", name, p, res.Structure, k-1)
				continue
			}
			switch res.Via {
			case "record", "ror":
				resolved++
			case "new", "parent":
				kept++
				if s.Name != orgs[j] {
					t.Errorf("%s: %s kept as %s named %q, want %q", name, p, res.Structure, s.Name, orgs[j])
				}
				if !noted[p] {
					t.Errorf("%s: %s (%q) kept as a new structure but not in the notes for the cataloguer", name, p, orgs[j])
				}
			default:
				t.Errorf("%s: %s resolved %q", name, p, res.Via)
			}
		}
	}
	return total, resolved, kept
}

// onlyMissingAuthor reports whether xmllint's complaints about a file are only that its analytic has no author.
func onlyMissingAuthor(verdict string) bool {
	for _, line := range strings.Split(verdict, "\n") {
		if strings.HasSuffix(line, " fails to validate") {
			continue
		}
		if !strings.Contains(line, "element analytic: Schemas validity error") || !strings.Contains(line, "Missing child element(s)") ||
			!strings.Contains(line, "}author") {
			return false
		}
	}
	return true
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if strings.TrimPrefix(x, "#") == s {
			return true
		}
	}
	return false
}

// splitFamily is the family name of a person as the record gives it.
func splitFamily(c fair.Creator) (given, family string) {
	if c.FamilyName != "" {
		return c.GivenName, c.FamilyName
	}
	if f, g, ok := strings.Cut(c.Name, ","); ok {
		return strings.TrimSpace(g), strings.TrimSpace(f)
	}
	return "", c.Name
}
