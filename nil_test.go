package fairmeta_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

var updateNilFuncs = flag.Bool("update", false, "rewrite nilfuncs_test.go from the exported functions of the tree")

// nilFunc is an exported function of the module and the names of its parameters, as listed in nilfuncs_test.go.
type nilFunc struct {
	fn     any
	params []string
	method bool // fn is a method expression: its first argument is the receiver
}

// nilAccepted lists the calls that may answer nil without an error, and why. Keys are the names the test prints:
// "pkg.Func(param=nil)", "pkg.Func(opts=[nil])" or "pkg.New(pkg.WithX(param=nil))".
var nilAccepted = map[string]string{
	"datacite.(*Client).MintBatch(recs=[nil])":                         "a batch goes on past a bad record: the nil record's BatchResult carries the error (datacite's nil test checks it)",
	"schemaorg.NewProcessor(schemaorg.WithRemoteContexts(client=nil))": "nil means a client with Go's default transport, as documented; the allowed prefixes still bound what is fetched",
	"software.WriteRunCrate(ds=nil)":                                   "the dataset is optional: a nil ds gives a root dataset with only what the run says (Run.Crate)",
}

// TestNilArgumentsEverywhere is the one mechanical nil check of the whole tree. It parses every public package of
// the module (everything outside internal/, cmd/ and examples/, the test helpers datacitetest and oaipmhtest
// included), finds each exported function (not method) that takes an argument a caller can pass as nil — a
// pointer, an interface, a function, a map, a slice of pointers, or a variadic list of options — and checks that
// nilfuncs_test.go lists exactly those, so that a function or package added later fails this test until the list
// is regenerated:
//
//	go test -run TestNilArgumentsEverywhere -update .
//
// It then calls each function once per such argument, that argument nil and the others non-nil stand-ins (a
// pointer to a zero value, io.Discard, an empty reader, a function returning zero values, ...), and once with a
// nil in its variadic list; each option constructor (a function returning an interface whose name ends in Option)
// called with nil is also passed to every constructor of its package that takes such options. No call may panic
// or hang, and a call that returns an error must return a non-nil one, unless nilAccepted says why nil is fine.
// Methods are checked package by package (the nil_test.go files, with testenv.CheckNil).
func TestNilArgumentsEverywhere(t *testing.T) {
	found := scanNilTargets(t, ".")
	if *updateNilFuncs {
		writeNilFuncs(t, found)
		return
	}
	var missing, extra []string
	for _, f := range found {
		if _, ok := nilFuncs[f.key]; !ok {
			missing = append(missing, f.key)
		}
	}
	for k := range nilFuncs {
		if !slices.ContainsFunc(found, func(f scanned) bool { return f.key == k }) {
			extra = append(extra, k)
		}
	}
	if len(missing)+len(extra) > 0 {
		slices.Sort(extra)
		t.Fatalf("nilfuncs_test.go is out of date (missing %v, no longer exported %v): run\n\tgo test -run TestNilArgumentsEverywhere -update .", missing, extra)
	}
	t.Chdir(t.TempDir()) // a function given zero values must not write into the repository
	keys := make([]string, 0, len(nilFuncs))
	for k := range nilFuncs {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	options := map[reflect.Type][]optionCall{} // option values made from nil, by option type
	calls := 0
	var skipped []string // methods whose zero receiver cannot be called
	for _, k := range keys {
		nf := nilFuncs[k]
		if nf.method && !zeroReceiverUsable(t, k, nf) {
			skipped = append(skipped, k)
			continue
		}
		for _, c := range nilCases(k, nf) {
			calls++
			out, ok := callGuarded(t, c.name, reflect.ValueOf(nf.fn), c.args)
			if !ok {
				continue
			}
			checkNilError(t, c.name, reflect.TypeOf(nf.fn), out)
			if ot := reflect.TypeOf(nf.fn); ot.NumOut() == 1 && ot.Out(0).Kind() == reflect.Interface &&
				strings.HasSuffix(ot.Out(0).Name(), "Option") && !out[0].IsNil() {
				options[ot.Out(0)] = append(options[ot.Out(0)], optionCall{c.name, out[0]})
			}
		}
	}
	for _, k := range keys {
		fv := reflect.ValueOf(nilFuncs[k].fn)
		ft := fv.Type()
		if !ft.IsVariadic() {
			continue
		}
		for _, o := range options[ft.In(ft.NumIn()-1).Elem()] {
			calls++
			args := make([]reflect.Value, 0, ft.NumIn())
			for i := range ft.NumIn() - 1 {
				args = append(args, standIn(ft.In(i)))
			}
			name := strings.SplitN(k, "(", 2)[0] + "(" + o.name + ")"
			if out, ok := callGuarded(t, name, fv, append(args, o.value)); ok {
				checkNilError(t, name, ft, out)
			}
		}
	}
	t.Logf("%d functions and methods, %d calls with nil; %d methods left to their package's nil test, their type's zero value being unusable: %v",
		len(keys), calls, len(skipped), skipped)
}

// zeroReceiverUsable calls a method on a zero receiver with stand-ins for every argument, quietly: the nil cases
// are meaningful only when that call neither panics nor hangs.
func zeroReceiverUsable(t *testing.T, key string, nf nilFunc) bool {
	ft := reflect.TypeOf(nf.fn)
	fixed := ft.NumIn()
	if ft.IsVariadic() {
		fixed--
	}
	args := make([]reflect.Value, fixed)
	for i := range fixed {
		args[i] = standIn(ft.In(i))
	}
	return quietCall(reflect.ValueOf(nf.fn), args, 5*time.Second)
}

func quietCall(fn reflect.Value, args []reflect.Value, limit time.Duration) bool {
	done := make(chan bool, 1)
	go func() {
		defer func() {
			if recover() != nil {
				done <- false
			}
		}()
		closeResults(fn.Call(args))
		done <- true
	}()
	select {
	case ok := <-done:
		return ok
	case <-time.After(limit):
		return false
	}
}

func closeResults(out []reflect.Value) {
	for _, v := range out {
		if (v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface) && !v.IsNil() {
			if c, ok := v.Interface().(interface{ Close() }); ok {
				c.Close()
			} else if c, ok := v.Interface().(io.Closer); ok {
				c.Close()
			}
		}
	}
}

type optionCall struct {
	name  string
	value reflect.Value
}

type nilCase struct {
	name string
	args []reflect.Value
}

// nilCases gives the calls of one function: one per argument that can be nil, and one with a nil option.
func nilCases(key string, nf nilFunc) []nilCase {
	ft := reflect.TypeOf(nf.fn)
	fixed := ft.NumIn()
	if ft.IsVariadic() {
		fixed--
	}
	base := func() []reflect.Value {
		args := make([]reflect.Value, fixed)
		for i := range fixed {
			args[i] = standIn(ft.In(i))
		}
		return args
	}
	param := func(i int) string {
		if i < len(nf.params) && nf.params[i] != "_" && nf.params[i] != "" {
			return nf.params[i]
		}
		return "arg" + strconv.Itoa(i+1)
	}
	var out []nilCase
	first := 0
	if nf.method {
		first = 1 // the receiver is a stand-in, never nil
	}
	for i := first; i < fixed; i++ {
		if v, ok := nilValue(ft.In(i)); ok {
			args := base()
			args[i] = v
			what := "nil"
			if ft.In(i).Kind() == reflect.Slice {
				what = "[nil]"
			}
			out = append(out, nilCase{key + "(" + param(i) + "=" + what + ")", args})
		}
	}
	if ft.IsVariadic() {
		if v, ok := nilValue(ft.In(fixed).Elem()); ok && ft.In(fixed).Elem().Kind() != reflect.Slice {
			out = append(out, nilCase{key + "(" + param(fixed) + "=[nil])", append(base(), v)})
		}
	}
	return out
}

var (
	errorType   = reflect.TypeFor[error]()
	contextType = reflect.TypeFor[context.Context]()
)

// nilValue is the nil a caller can pass for a parameter of type t: nil itself, or for a slice of pointers or
// interfaces a slice holding one nil. Contexts are left out: a nil Context is a caller's bug the standard library
// does not guard against either.
func nilValue(t reflect.Type) (reflect.Value, bool) {
	switch t.Kind() {
	case reflect.Pointer, reflect.Func, reflect.Map, reflect.Chan:
		return reflect.Zero(t), true
	case reflect.Interface:
		return reflect.Zero(t), t != contextType
	case reflect.Slice:
		switch t.Elem().Kind() {
		case reflect.Pointer, reflect.Interface, reflect.Func:
			s := reflect.MakeSlice(t, 1, 1)
			return s, true
		}
	}
	return reflect.Value{}, false
}

// standIns are non-nil values for interface parameters, tried in order.
var standIns = []any{
	context.Background(), io.Discard, new(bytes.Buffer), strings.NewReader(""), io.NopCloser(strings.NewReader("")),
	errors.New("stand-in error"), fstest.MapFS{}, slog.DiscardHandler, roundTripperFunc(noNetwork),
}

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func noNetwork(*http.Request) (*http.Response, error) {
	return nil, errors.New("no network in this test")
}

// standIn is a non-nil value of type t where one can be made without knowing the function: a pointer to a zero
// value, a stand-in implementing an interface, a function returning zero values, an empty map. Interfaces of the
// module (options, matchers) have none and stay nil.
func standIn(t reflect.Type) reflect.Value {
	switch t.Kind() {
	case reflect.Pointer:
		switch t {
		case reflect.TypeFor[*slog.Logger]():
			return reflect.ValueOf(slog.New(slog.DiscardHandler))
		case reflect.TypeFor[*http.Client]():
			return reflect.ValueOf(&http.Client{Transport: roundTripperFunc(noNetwork)})
		}
		return reflect.New(t.Elem())
	case reflect.Interface:
		for _, s := range standIns {
			if v := reflect.ValueOf(s); v.Type().Implements(t) {
				return v.Convert(t)
			}
		}
	case reflect.Func:
		return reflect.MakeFunc(t, func([]reflect.Value) []reflect.Value {
			out := make([]reflect.Value, t.NumOut())
			for i := range out {
				out[i] = reflect.Zero(t.Out(i))
			}
			return out
		})
	case reflect.Map:
		return reflect.MakeMap(t)
	}
	return reflect.Zero(t)
}

// callGuarded calls fn with args and reports a panic or a call that does not return within a minute. Results that
// can be closed (servers, files) are closed.
func callGuarded(t *testing.T, name string, fn reflect.Value, args []reflect.Value) ([]reflect.Value, bool) {
	t.Helper()
	type result struct {
		out   []reflect.Value
		panic any
		stack []byte
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- result{panic: r, stack: debug.Stack()}
			}
		}()
		done <- result{out: fn.Call(args)}
	}()
	select {
	case r := <-done:
		if r.panic != nil {
			t.Errorf("%s panics: %v\n%s", name, r.panic, r.stack)
			return nil, false
		}
		closeResults(r.out)
		return r.out, true
	case <-time.After(time.Minute):
		t.Errorf("%s does not return within a minute", name)
		return nil, false
	}
}

// checkNilError: a function that can fail must say that nil is an error, unless nilAccepted says why not.
func checkNilError(t *testing.T, name string, ft reflect.Type, out []reflect.Value) {
	t.Helper()
	if ft.NumOut() == 0 || ft.Out(ft.NumOut()-1) != errorType {
		return
	}
	if _, ok := nilAccepted[name]; ok {
		return
	}
	if out[len(out)-1].IsNil() {
		t.Errorf("%s returns no error (add it to nilAccepted with the reason if nil is meant to be accepted)", name)
	}
}

// scanned is an exported function found in the source.
type scanned struct {
	key, pkg, alias, expr string
	params                []string
	method                bool
}

// receiver returns the receiver's type as "T" or "*T" when T is exported and not generic.
func receiver(e ast.Expr) (string, bool) {
	star := ""
	if s, ok := e.(*ast.StarExpr); ok {
		star, e = "*", s.X
	}
	id, ok := e.(*ast.Ident)
	if !ok || !id.IsExported() {
		return "", false
	}
	return star + id.Name, true
}

// scanNilTargets parses the public packages under root and returns their exported functions that take an argument
// that can be nil, sorted by key ("datacite.FromResource", "datacite/datacitetest.NewServer").
func scanNilTargets(t *testing.T, root string) []scanned {
	t.Helper()
	mod := modulePath(t, root)
	type pkgSrc struct {
		rel, name string
		files     []*ast.File
	}
	var pkgs []*pkgSrc
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		name := d.Name()
		if path != root && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" ||
			name == "internal" || name == "cmd" || name == "examples" || name == "node_modules") {
			return filepath.SkipDir
		}
		files, _ := filepath.Glob(filepath.Join(path, "*.go"))
		p := &pkgSrc{rel: filepath.ToSlash(path)}
		for _, fn := range files {
			if strings.HasSuffix(fn, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, fn, nil, parser.SkipObjectResolution|parser.ParseComments)
			if err != nil {
				return err
			}
			if f.Name.Name == "main" || ignored(f) {
				continue
			}
			p.name = f.Name.Name
			p.files = append(p.files, f)
		}
		if len(p.files) > 0 && p.rel != "." {
			pkgs = append(pkgs, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The module's named types, by import path and name, to tell an interface or a pointer from a struct.
	types := map[string]ast.Expr{}
	for _, p := range pkgs {
		for _, f := range p.files {
			for _, d := range f.Decls {
				if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.TYPE {
					for _, s := range gd.Specs {
						ts := s.(*ast.TypeSpec)
						types[mod+"/"+p.rel+"."+ts.Name.Name] = ts.Type
					}
				}
			}
		}
	}
	aliases := map[string]string{}
	for _, p := range pkgs {
		if _, dup := aliases[p.name]; dup {
			aliases[p.name] = ""
		} else {
			aliases[p.name] = p.rel
		}
	}
	var out []scanned
	for _, p := range pkgs {
		alias := p.name
		if aliases[p.name] != p.rel {
			alias = strings.ReplaceAll(p.rel, "/", "_")
		}
		for _, f := range p.files {
			imports := map[string]string{}
			for _, im := range f.Imports {
				path, _ := strconv.Unquote(im.Path.Value)
				n := path[strings.LastIndex(path, "/")+1:]
				if im.Name != nil {
					n = im.Name.Name
				}
				imports[n] = path
			}
			r := typeResolver{mod: mod, pkg: mod + "/" + p.rel, imports: imports, types: types}
			for _, d := range f.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok || !fd.Name.IsExported() || fd.Type.TypeParams != nil {
					continue
				}
				var params []string
				key, expr := p.rel+"."+fd.Name.Name, alias+"."+fd.Name.Name
				if fd.Recv != nil {
					recv, ok := receiver(fd.Recv.List[0].Type)
					if !ok {
						continue
					}
					params = append(params, "recv")
					if strings.HasPrefix(recv, "*") {
						key, expr = p.rel+".("+recv+")."+fd.Name.Name, "(*"+alias+"."+recv[1:]+")."+fd.Name.Name
					} else {
						key, expr = p.rel+"."+recv+"."+fd.Name.Name, alias+"."+recv+"."+fd.Name.Name
					}
				}
				can := false
				for _, fld := range fd.Type.Params.List {
					can = can || r.canBeNil(fld.Type, 0)
					if len(fld.Names) == 0 {
						params = append(params, "_")
					}
					for _, n := range fld.Names {
						params = append(params, n.Name)
					}
				}
				if can {
					out = append(out, scanned{key: key, pkg: mod + "/" + p.rel, alias: alias, expr: expr, params: params, method: fd.Recv != nil})
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b scanned) int { return strings.Compare(a.key, b.key) })
	return out
}

// ignored reports a file left out of every build (//go:build ignore).
func ignored(f *ast.File) bool {
	for _, cg := range f.Comments {
		if cg.Pos() >= f.Package {
			break
		}
		for _, c := range cg.List {
			if strings.HasPrefix(c.Text, "//go:build") && strings.Contains(c.Text, "ignore") {
				return true
			}
		}
	}
	return false
}

func modulePath(t *testing.T, root string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(b)) {
		if m, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			return strings.TrimSpace(m)
		}
	}
	t.Fatal("go.mod names no module")
	return ""
}

// typeResolver tells, from the source alone, whether a parameter type can hold nil.
type typeResolver struct {
	mod, pkg string
	imports  map[string]string
	types    map[string]ast.Expr
}

// notNilStd are the standard library's named types used in parameters that cannot be nil.
var notNilStd = map[string]bool{"time.Duration": true, "time.Time": true, "time.Month": true, "json.RawMessage": true,
	"big.Int": true, "netip.Addr": true, "language.Tag": true, "slog.Level": true, "fs.FileMode": true, "os.FileMode": true}

func (r typeResolver) canBeNil(e ast.Expr, depth int) bool {
	if depth > 8 {
		return true
	}
	switch e := e.(type) {
	case *ast.StarExpr, *ast.FuncType, *ast.MapType, *ast.ChanType, *ast.InterfaceType:
		return true
	case *ast.Ellipsis:
		return r.canBeNil(e.Elt, depth+1)
	case *ast.ArrayType:
		if e.Len != nil {
			return false
		}
		switch elt := e.Elt.(type) {
		case *ast.StarExpr, *ast.InterfaceType, *ast.FuncType:
			return true
		case *ast.Ident, *ast.SelectorExpr:
			return r.isInterface(elt, depth+1)
		}
		return false
	case *ast.ParenExpr:
		return r.canBeNil(e.X, depth+1)
	case *ast.Ident:
		switch e.Name {
		case "error", "any":
			return true
		case "string", "bool", "byte", "rune", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16",
			"uint32", "uint64", "uintptr", "float32", "float64", "complex64", "complex128":
			return false
		}
		if def, ok := r.types[r.pkg+"."+e.Name]; ok {
			return r.sub(r.pkg).canBeNil(def, depth+1)
		}
		return true
	case *ast.SelectorExpr:
		x, ok := e.X.(*ast.Ident)
		if !ok {
			return true
		}
		path := r.imports[x.Name]
		if strings.HasPrefix(path, r.mod+"/") || path == r.mod {
			if def, ok := r.types[path+"."+e.Sel.Name]; ok {
				return r.sub(path).canBeNil(def, depth+1)
			}
			return true
		}
		return !notNilStd[x.Name+"."+e.Sel.Name]
	case *ast.StructType:
		return false
	}
	return true
}

func (r typeResolver) isInterface(e ast.Expr, depth int) bool {
	switch e := e.(type) {
	case *ast.Ident:
		if e.Name == "error" || e.Name == "any" {
			return true
		}
		if def, ok := r.types[r.pkg+"."+e.Name]; ok {
			_, is := def.(*ast.InterfaceType)
			return is
		}
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok {
			if def, ok := r.types[r.imports[x.Name]+"."+e.Sel.Name]; ok {
				_, is := def.(*ast.InterfaceType)
				return is
			}
			return x.Name == "io" || x.Name == "context" && e.Sel.Name != "Context"
		}
	}
	return false
}

// sub resolves names in another package of the module. Its imports are unknown here, so a selector in a type
// declared there counts as possibly nil.
func (r typeResolver) sub(pkg string) typeResolver {
	if pkg == r.pkg {
		return r
	}
	return typeResolver{mod: r.mod, pkg: pkg, imports: map[string]string{}, types: r.types}
}

// writeNilFuncs writes nilfuncs_test.go: the function values of found, which reflection cannot look up by name.
func writeNilFuncs(t *testing.T, found []scanned) {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("// Code generated by go test -run TestNilArgumentsEverywhere -update .; DO NOT EDIT.\n\npackage fairmeta_test\n\nimport (\n")
	seen := map[string]bool{}
	for _, f := range found {
		if !seen[f.pkg] {
			seen[f.pkg] = true
			if f.alias != f.pkg[strings.LastIndex(f.pkg, "/")+1:] {
				fmt.Fprintf(&b, "\t%s %q\n", f.alias, f.pkg)
			} else {
				fmt.Fprintf(&b, "\t%q\n", f.pkg)
			}
		}
	}
	b.WriteString(")\n\n// nilFuncs are the module's exported functions that take an argument that can be nil.\nvar nilFuncs = map[string]nilFunc{\n")
	for _, f := range found {
		if f.method {
			fmt.Fprintf(&b, "\t%q: {%s, %#v, true},\n", f.key, f.expr, f.params)
		} else {
			fmt.Fprintf(&b, "\t%q: {%s, %#v, false},\n", f.key, f.expr, f.params)
		}
	}
	b.WriteString("}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if err := os.WriteFile("nilfuncs_test.go", src, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote nilfuncs_test.go: %d functions", len(found))
}
