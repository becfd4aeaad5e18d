// Package fieldpath parses and writes the paths fairmeta's reports use — "creators[0].affiliations[1].identifier" —
// and reads them against a Go value by the JSON names of its fields. datacite uses it to rename validation paths
// into fair.Resource's terms; tests use it to hold every report to the one path vocabulary: a path about a
// fair.Resource must name a field of fair.Resource's JSON form, with indexes inside the value's lists.
package fieldpath

import (
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// Segment is one step of a path: a member name, with an index when the member is a list (Index -1 otherwise).
type Segment struct {
	Name  string
	Index int
}

// Parse splits a path into its segments. The syntax is the one every report uses: members joined by ".", an index
// in brackets after a member ("a[2].b"); a path may start with an index ("[3].title") when it names an element of
// a top-level list. "" is the whole value (no segment).
func Parse(path string) ([]Segment, error) {
	var out []Segment
	rest := path
	for rest != "" {
		var seg Segment
		seg.Index = -1
		end := strings.IndexAny(rest, ".[")
		switch {
		case end < 0:
			seg.Name, rest = rest, ""
		default:
			seg.Name, rest = rest[:end], rest[end:]
		}
		if seg.Name == "" && (len(out) > 0 || rest == "" || rest[0] != '[') {
			return nil, fmt.Errorf("path %q: empty member name", path)
		}
		if rest != "" && rest[0] == '[' {
			close := strings.IndexByte(rest, ']')
			if close < 0 {
				return nil, fmt.Errorf("path %q: unclosed [", path)
			}
			n, err := strconv.Atoi(rest[1:close])
			if err != nil || n < 0 {
				return nil, fmt.Errorf("path %q: %q is not an index", path, rest[1:close])
			}
			seg.Index, rest = n, rest[close+1:]
		}
		if rest != "" {
			if rest[0] != '.' {
				return nil, fmt.Errorf("path %q: want . or [ after %q", path, seg.Name)
			}
			rest = rest[1:]
			if rest == "" {
				return nil, fmt.Errorf("path %q: ends with .", path)
			}
		}
		out = append(out, seg)
	}
	return out, nil
}

// Join writes segments back as a path, the inverse of Parse.
func Join(segs []Segment) string {
	var b strings.Builder
	for i, s := range segs {
		if i > 0 && s.Name != "" {
			b.WriteByte('.')
		}
		b.WriteString(s.Name)
		if s.Index >= 0 {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.Index))
			b.WriteByte(']')
		}
	}
	return b.String()
}

// ErrNoField is returned by Resolve when a member is not a field of the type it is looked up in.
var ErrNoField = errors.New("no such field")

// ErrIndex is returned by Resolve when an index is outside the list or the member is not a list.
var ErrIndex = errors.New("index out of range")

// Resolve follows path through v by JSON field names (embedded structs' fields included, as encoding/json does)
// and returns the value it names. A member that is a field of the type resolves even when its value is zero (a
// report may name a field because it is missing); an index must be inside the list's length; a path through a nil
// pointer or past a zero value resolves by type alone, returning the zero value of the field.
func Resolve(v any, path string) (reflect.Value, error) {
	segs, err := Parse(path)
	if err != nil {
		return reflect.Value{}, err
	}
	cur := reflect.ValueOf(v)
	for k, seg := range segs {
		cur = deref(cur)
		if seg.Name != "" {
			if cur.Kind() != reflect.Struct {
				return reflect.Value{}, fmt.Errorf("%s: %q: %s is not an object: %w", path, seg.Name, cur.Type(), ErrNoField)
			}
			f, ok := field(cur, seg.Name)
			if !ok {
				return reflect.Value{}, fmt.Errorf("%s: %q is not a field of %s: %w", path, seg.Name, cur.Type(), ErrNoField)
			}
			cur = f
		}
		if seg.Index >= 0 {
			cur = deref(cur)
			if cur.Kind() != reflect.Slice && cur.Kind() != reflect.Array {
				return reflect.Value{}, fmt.Errorf("%s: segment %d: %s is not a list: %w", path, k, cur.Type(), ErrIndex)
			}
			if seg.Index >= cur.Len() {
				return reflect.Value{}, fmt.Errorf("%s: segment %d: index %d of a list of %d: %w", path, k, seg.Index, cur.Len(), ErrIndex)
			}
			cur = cur.Index(seg.Index)
		}
	}
	return cur, nil
}

// deref follows pointers and interfaces; a nil pointer gives the zero value of its element type, so that a path
// can still be checked against the type.
func deref(v reflect.Value) reflect.Value {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			if v.Kind() == reflect.Interface {
				return v
			}
			return reflect.Zero(v.Type().Elem())
		}
		v = v.Elem()
	}
	return v
}

// fieldIndex finds the field of struct type t whose JSON name is name, looking into embedded structs as
// encoding/json does, and returns its index sequence for reflect.Value.FieldByIndex.
func fieldIndex(t reflect.Type, name string) ([]int, bool) {
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		jname, _, _ := strings.Cut(tag, ",")
		if sf.Anonymous && jname == "" {
			et := sf.Type
			if et.Kind() == reflect.Pointer {
				et = et.Elem()
			}
			if et.Kind() == reflect.Struct {
				if sub, ok := fieldIndex(et, name); ok {
					return append([]int{i}, sub...), true
				}
			}
			continue
		}
		if !sf.IsExported() {
			continue
		}
		if jname == "" {
			jname = sf.Name
		}
		if jname == name {
			return []int{i}, true
		}
	}
	return nil, false
}

// field is the field of struct v named name in JSON; through a nil embedded pointer it is the field's zero value.
func field(v reflect.Value, name string) (reflect.Value, bool) {
	idx, ok := fieldIndex(v.Type(), name)
	if !ok {
		return reflect.Value{}, false
	}
	f, err := v.FieldByIndexErr(idx)
	if err != nil {
		return reflect.Zero(v.Type().FieldByIndex(idx).Type), true
	}
	return f, true
}

// Set follows path through the value ptr points to, as Resolve does, and sets the string (or string-kinded) field it
// names to s. Lists are not grown: the path must name an existing element.
func Set(ptr any, path, s string) error {
	segs, err := Parse(path)
	if err != nil {
		return err
	}
	cur := reflect.ValueOf(ptr)
	if cur.Kind() != reflect.Pointer || cur.IsNil() {
		return errors.New("fieldpath.Set: want a non-nil pointer")
	}
	for _, seg := range segs {
		for cur.Kind() == reflect.Pointer {
			if cur.IsNil() {
				cur.Set(reflect.New(cur.Type().Elem()))
			}
			cur = cur.Elem()
		}
		if seg.Name != "" {
			if cur.Kind() != reflect.Struct {
				return fmt.Errorf("%s: %q: %s is not an object: %w", path, seg.Name, cur.Type(), ErrNoField)
			}
			f, ok := settableField(cur, seg.Name)
			if !ok {
				return fmt.Errorf("%s: %q is not a field of %s: %w", path, seg.Name, cur.Type(), ErrNoField)
			}
			cur = f
		}
		if seg.Index >= 0 {
			for cur.Kind() == reflect.Pointer && !cur.IsNil() {
				cur = cur.Elem()
			}
			if cur.Kind() != reflect.Slice || seg.Index >= cur.Len() {
				return fmt.Errorf("%s: index %d: %w", path, seg.Index, ErrIndex)
			}
			cur = cur.Index(seg.Index)
		}
	}
	for cur.Kind() == reflect.Pointer {
		if cur.IsNil() {
			cur.Set(reflect.New(cur.Type().Elem()))
		}
		cur = cur.Elem()
	}
	switch cur.Kind() {
	case reflect.String:
		cur.SetString(s)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return fmt.Errorf("%s: %q is not an integer", path, s)
		}
		cur.SetInt(n)
	case reflect.Float32, reflect.Float64:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Errorf("%s: %q is not a number", path, s)
		}
		cur.SetFloat(f)
	default:
		return fmt.Errorf("%s: %s is not a string or a number", path, cur.Type())
	}
	return nil
}

// Leaves lists the paths of the strings and numbers v holds, through its structs (by JSON names), lists and
// non-nil pointers, in field order; zero values are listed too, except under nil pointers and past list ends.
func Leaves(v any) []string {
	var out []string
	var walk func(rv reflect.Value, path string)
	walk = func(rv reflect.Value, path string) {
		for rv.Kind() == reflect.Pointer || rv.Kind() == reflect.Interface {
			if rv.IsNil() {
				return
			}
			rv = rv.Elem()
		}
		switch rv.Kind() {
		case reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Float32, reflect.Float64:
			out = append(out, path)
		case reflect.Slice, reflect.Array:
			for i := range rv.Len() {
				walk(rv.Index(i), path+"["+strconv.Itoa(i)+"]")
			}
		case reflect.Struct:
			t := rv.Type()
			for i := range t.NumField() {
				sf := t.Field(i)
				tag := sf.Tag.Get("json")
				jname, _, _ := strings.Cut(tag, ",")
				switch {
				case tag == "-":
				case sf.Anonymous && jname == "":
					walk(rv.Field(i), path)
				case sf.IsExported():
					if jname == "" {
						jname = sf.Name
					}
					if path != "" {
						jname = path + "." + jname
					}
					walk(rv.Field(i), jname)
				}
			}
		}
	}
	walk(reflect.ValueOf(v), "")
	return out
}

// settableField is field for a settable struct value, allocating nil embedded pointers on the way.
func settableField(v reflect.Value, name string) (reflect.Value, bool) {
	idx, ok := fieldIndex(v.Type(), name)
	if !ok {
		return reflect.Value{}, false
	}
	for k, i := range idx {
		if k > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(i)
	}
	return v, true
}
