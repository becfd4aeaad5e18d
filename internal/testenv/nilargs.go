package testenv

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// NilTargets lists the exported functions and methods of the package in dir (its non-test files) that take an
// argument a caller can pass as nil: a pointer, a slice of pointers, a function, an io.Reader or io.Writer, or a
// variadic list of options (a type whose name ends in "Option"). Methods count when their receiver's type is
// exported. Each is named as go doc names it: "FromResource", "(*Client).Do", "(Report).Err".
func NilTargets(tb testing.TB, dir string) []string {
	tb.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			tb.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, parser.SkipObjectResolution)
		if err != nil {
			tb.Fatal(err)
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || !fd.Name.IsExported() {
				continue
			}
			id := fd.Name.Name
			if fd.Recv != nil {
				rt := expr(fset, fd.Recv.List[0].Type)
				base, _, _ := strings.Cut(strings.TrimPrefix(rt, "*"), "[")
				if !ast.IsExported(base) {
					continue
				}
				id = "(" + rt + ")." + id
			}
			for _, p := range fd.Type.Params.List {
				if nilable(expr(fset, p.Type)) {
					out = append(out, id)
					break
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

func expr(fset *token.FileSet, e ast.Expr) string {
	var b bytes.Buffer
	_ = printer.Fprint(&b, fset, e)
	return b.String()
}

func nilable(t string) bool {
	switch {
	case strings.HasPrefix(t, "*"), strings.HasPrefix(t, "[]*"), strings.HasPrefix(t, "func("):
		return true
	case t == "io.Reader" || t == "io.Writer" || t == "io.ReadCloser" || t == "io.WriteCloser":
		return true
	case strings.HasPrefix(t, "..."):
		return strings.HasSuffix(t, "Option") || nilable(t[3:])
	}
	return false
}

// CheckNil runs one check per nil target of the package in dir, each calling the function with nil where it takes
// a pointer (see [NilTargets]) and checking it answers with an error (or, for a function without one, a documented
// empty result). A target without a check, a check for no target, and a panic all fail the test.
func CheckNil(t *testing.T, dir string, checks map[string]func(t *testing.T)) {
	t.Helper()
	targets := NilTargets(t, dir)
	for _, name := range targets {
		if _, ok := checks[name]; !ok {
			t.Errorf("%s takes a pointer, a function, a reader or writer, or options, and has no nil check", name)
		}
	}
	for name, check := range checks {
		if !slices.Contains(targets, name) {
			t.Errorf("nil check for %s, which is not an exported function taking a pointer (renamed?)", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s panics on nil: %v", name, r)
				}
			}()
			check(t)
		})
	}
}
