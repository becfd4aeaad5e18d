package fairmeta_test

import (
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// ownModule is the module path of this repository.
const ownModule = "github.com/dop2i/fairmeta"

// formatPackages own a metadata format: each converts only through fair.Resource, so none imports another.
var formatPackages = []string{
	"arxiv", "bibtex", "crossref", "csl", "datacite", "dmp", "hal", "inspire", "ris", "schemaorg", "software",
}

// packageImports maps each non-test package directory of the module (slash-separated, "." for the root) to the
// module packages its non-test files import, and to the standard-library packages it imports.
func packageImports(t *testing.T) (module, std map[string][]string) {
	t.Helper()
	module, std = map[string][]string{}, map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if path != "." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := filepath.ToSlash(filepath.Dir(path))
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			switch {
			case p == ownModule:
				module[dir] = appendNew(module[dir], ".")
			case strings.HasPrefix(p, ownModule+"/"):
				module[dir] = appendNew(module[dir], strings.TrimPrefix(p, ownModule+"/"))
			case !strings.Contains(strings.SplitN(p, "/", 2)[0], "."):
				std[dir] = appendNew(std[dir], p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(module) == 0 {
		t.Fatal("no package of the module imports another: the walk read nothing")
	}
	return module, std
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

func under(pkg, root string) bool { return pkg == root || strings.HasPrefix(pkg, root+"/") }

// TestImportDirection holds the house rules of DEVELOPERS.md against the code's own imports: fair knows no format
// and does no I/O; a format package imports no other format package (every conversion goes through fair.Resource);
// only the layers above the formats (format, stream, harvest, the CLI, examples, test helpers) know the registry;
// nothing imports the CLI or an example; the low-level packages (doi, internal/httpx) know no format.
func TestImportDirection(t *testing.T) {
	module, std := packageImports(t)
	problems := importProblems(module, std)
	for _, p := range problems {
		t.Error(p)
	}
	if len(problems) == 0 {
		t.Logf("%d packages checked; fair imports %v", len(module), module["fair"])
	}
}

// importProblems applies the house rules to a tree's imports, one message per broken rule.
func importProblems(module, std map[string][]string) []string {
	var problems []string
	bad := func(format string, args ...any) {
		problems = append(problems, fmt.Sprintf(format, args...))
	}

	// fair: the record, vocabularies and identifiers. It may use DOI syntax, checksums and the JSON text check
	// every JSON reader applies (internal/jsonwalk: no I/O, no format), nothing that reads, writes or talks.
	for _, imp := range module["fair"] {
		if imp != "doi" && imp != "internal/checksum" && imp != "internal/jsonwalk" {
			bad("fair imports %s: fair may import only doi (DOI syntax), internal/checksum and internal/jsonwalk", imp)
		}
	}
	for _, imp := range std["fair"] {
		if imp == "os" || imp == "os/exec" || under(imp, "net/http") || imp == "net" || imp == "io/ioutil" {
			bad("fair imports %s: fair does no I/O", imp)
		}
	}

	above := func(pkg string) bool {
		return under(pkg, "format") || under(pkg, "stream") || under(pkg, "harvest") || under(pkg, "cmd") ||
			under(pkg, "examples") || pkg == "internal/citation/citationtest"
	}
	dirs := make([]string, 0, len(module))
	for dir := range module {
		dirs = append(dirs, dir)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		for _, imp := range module[dir] {
			if under(imp, "cmd") || under(imp, "examples") {
				bad("%s imports %s: nothing imports the CLI or an example", dir, imp)
			}
			if under(imp, "format") && !above(dir) {
				bad("%s imports %s: only the layers above the formats know the registry", dir, imp)
			}
			if (under(imp, "stream") || under(imp, "harvest")) && !above(dir) {
				bad("%s imports %s: a format or the record does not depend on streaming or harvesting", dir, imp)
			}
		}
		for _, owner := range formatPackages {
			if !under(dir, owner) {
				continue
			}
			for _, imp := range module[dir] {
				for _, other := range formatPackages {
					if other != owner && under(imp, other) {
						bad("%s imports %s: formats convert through fair.Resource, never format to format", dir, imp)
					}
				}
			}
		}
	}
	for _, low := range []string{"doi", "internal/httpx", "internal/checksum", "internal/jsonwalk", "internal/xmltree", "internal/git"} {
		for _, imp := range module[low] {
			if imp == "fair" || slices.ContainsFunc(formatPackages, func(f string) bool { return under(imp, f) }) {
				bad("%s imports %s: the low-level packages know no record and no format", low, imp)
			}
		}
	}
	return problems
}

// TestImportDirectionSeesViolations makes sure the rules can fail: imports planted in a tree made for the purpose
// are read and each broken rule is reported.
func TestImportDirectionSeesViolations(t *testing.T) {
	dir := t.TempDir()
	write := func(path, src string) {
		full := filepath.Join(dir, path)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("bibtex/a.go", "package bibtex\nimport _ \""+ownModule+"/ris\"\n")
	write("fair/a.go", "package fair\nimport (_ \"net/http\"; _ \""+ownModule+"/datacite\")\n")
	write("ris/a.go", "package ris\n")
	write("dmp/a.go", "package dmp\nimport _ \""+ownModule+"/format\"\n")
	t.Chdir(dir)
	module, std := packageImports(t)
	got := strings.Join(importProblems(module, std), "\n")
	for _, want := range []string{
		"bibtex imports ris: formats convert through fair.Resource",
		"fair imports datacite: fair may import only",
		"fair imports net/http: fair does no I/O",
		"dmp imports format: only the layers above",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("planted violation not reported: %q\ngot:\n%s", want, got)
		}
	}
}
