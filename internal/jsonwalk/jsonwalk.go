// Package jsonwalk walks a JSON document in place, without decoding it into Go values: a reader of a large format
// (an INSPIRE record with 3,000 authors, a Crossref list) visits the members it knows, names the others in its loss
// report, and copies only the strings it keeps.
//
// [Parse] checks the whole document once (grammar, UTF-8 in strings, nesting depth); the walk after it never fails
// and never panics. Values are views of the caller's bytes, which must not change while they are in use. Everything
// here is safe for concurrent use on distinct or shared documents.
package jsonwalk

import (
	"bytes"
	"encoding/json"
	"fmt"
	"iter"
	"strconv"
	"unicode/utf8"
)

// Kind is the kind of a JSON value.
type Kind byte

// The kinds of JSON values; Invalid is the kind of the zero Value (a member that is absent).
const (
	Invalid Kind = iota
	Null
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{"nothing", "null", "a boolean", "a number", "a string", "an array", "an object"}

// String names the kind as an error message would: "a string", "an object".
func (k Kind) String() string { return kindNames[k] }

// MaxDepth is the deepest nesting of arrays and objects Parse accepts.
const MaxDepth = 512

// SyntaxError is a document that is not JSON, at a byte offset.
type SyntaxError struct {
	Offset int    // byte offset of the problem
	Line   int    // line of the problem, from 1
	Column int    // column (in bytes) of the problem, from 1
	Msg    string // what is wrong
}

// Error gives the line, column and message.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("invalid JSON at line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// Value is one JSON value of a parsed document; the zero Value is absent (Kind Invalid).
type Value struct {
	d    *doc // the document
	s, e int  // the value's bytes are d.data[s:e], without surrounding space
}

// doc is a checked document with the end of every large object and array, found by Parse, so that walking past
// one (to the next member of its parent) costs a map look-up instead of a scan: a reader that visits the members of
// a 3,000-author list would otherwise scan each author once per level above it.
type doc struct {
	data []byte
	ends map[int]int // start offset -> end offset, for objects and arrays of at least indexedSize bytes
}

// indexedSize is the size from which Parse records where an object or array ends.
const indexedSize = 256

// b returns the value's bytes.
func (v Value) b() []byte {
	if v.d == nil {
		return nil
	}
	return v.d.data[v.s:v.e]
}

// Parse checks that data is one JSON value (surrounded by optional space, nested at most MaxDepth deep, with valid
// UTF-8 in its strings) and returns it. Errors are *SyntaxError values.
func Parse(data []byte) (Value, error) {
	p := parser{data: data, ends: map[int]int{}}
	i := p.space(0)
	end, err := p.value(i, 0)
	if err == nil {
		if j := p.space(end); j < len(data) {
			err = p.fail(j, "data after the JSON value")
		}
	}
	if err != nil {
		return Value{}, err
	}
	return Value{d: &doc{data: data, ends: p.ends}, s: i, e: end}, nil
}

type parser struct {
	data []byte
	ends map[int]int
}

func (p *parser) fail(i int, format string, args ...any) error {
	line, col := 1, 1
	for _, c := range p.data[:min(i, len(p.data))] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return &SyntaxError{Offset: i, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) space(i int) int {
	for i < len(p.data) {
		switch p.data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// value checks the value starting at i and returns the offset just after it.
func (p *parser) value(i, depth int) (int, error) {
	d := p.data
	if i >= len(d) {
		return i, p.fail(i, "unexpected end of input, want a value")
	}
	switch c := d[i]; {
	case c == '{' || c == '[':
		if depth >= MaxDepth {
			return i, p.fail(i, "nested deeper than %d", MaxDepth)
		}
		closer := byte('}')
		if c == '[' {
			closer = ']'
		}
		start := i
		i = p.space(i + 1)
		if i < len(d) && d[i] == closer {
			return i + 1, nil
		}
		for {
			var err error
			if c == '{' {
				if i >= len(d) || d[i] != '"' {
					return i, p.fail(i, "want a member name in quotes")
				}
				if i, err = p.str(i); err != nil {
					return i, err
				}
				i = p.space(i)
				if i >= len(d) || d[i] != ':' {
					return i, p.fail(i, "want ':' after a member name")
				}
				i = p.space(i + 1)
			}
			if i, err = p.value(i, depth+1); err != nil {
				return i, err
			}
			i = p.space(i)
			if i >= len(d) {
				return i, p.fail(i, "unexpected end of input, want ',' or '%c'", closer)
			}
			if d[i] == closer {
				if i+1-start >= indexedSize {
					p.ends[start] = i + 1
				}
				return i + 1, nil
			}
			if d[i] != ',' {
				return i, p.fail(i, "want ',' or '%c', found %q", closer, d[i])
			}
			i = p.space(i + 1)
		}
	case c == '"':
		return p.str(i)
	case c == '-' || c >= '0' && c <= '9':
		return p.number(i)
	case c == 't':
		return p.literal(i, "true")
	case c == 'f':
		return p.literal(i, "false")
	case c == 'n':
		return p.literal(i, "null")
	default:
		return i, p.fail(i, "want a value, found %q", c)
	}
}

func (p *parser) literal(i int, lit string) (int, error) {
	if len(p.data)-i < len(lit) || string(p.data[i:i+len(lit)]) != lit {
		return i, p.fail(i, "want %s", lit)
	}
	return i + len(lit), nil
}

func (p *parser) number(i int) (int, error) {
	d, start := p.data, i
	digits := func() bool {
		j := i
		for i < len(d) && d[i] >= '0' && d[i] <= '9' {
			i++
		}
		return i > j
	}
	if d[i] == '-' {
		i++
	}
	if i < len(d) && d[i] == '0' {
		i++
	} else if !digits() {
		return start, p.fail(start, "malformed number")
	}
	if i < len(d) && d[i] == '.' {
		i++
		if !digits() {
			return start, p.fail(start, "malformed number")
		}
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if !digits() {
			return start, p.fail(start, "malformed number")
		}
	}
	return i, nil
}

// str checks the string starting at the quote at i and returns the offset after the closing quote.
func (p *parser) str(i int) (int, error) {
	d, start := p.data, i
	i++
	for i < len(d) {
		c := d[i]
		switch {
		case c == '"':
			return i + 1, nil
		case c == '\\':
			if i+1 >= len(d) {
				return i, p.fail(i, "unterminated string")
			}
			switch d[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(d) {
					return i, p.fail(i, "short \\u escape")
				}
				for _, h := range d[i+2 : i+6] {
					if !(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F') {
						return i, p.fail(i, "malformed \\u escape")
					}
				}
				i += 6
			default:
				return i, p.fail(i, "unknown escape \\%c", d[i+1])
			}
		case c < 0x20:
			return i, p.fail(i, "control character %#x in a string", c)
		case c < utf8.RuneSelf:
			i++
		default:
			r, n := utf8.DecodeRune(d[i:])
			if r == utf8.RuneError && n == 1 {
				return i, p.fail(i, "invalid UTF-8 in a string")
			}
			i += n
		}
	}
	return start, p.fail(start, "unterminated string")
}

// Kind returns the kind of v.
func (v Value) Kind() Kind {
	if v.d == nil || v.e <= v.s {
		return Invalid
	}
	switch c := v.d.data[v.s]; {
	case c == '{':
		return Object
	case c == '[':
		return Array
	case c == '"':
		return String
	case c == 't' || c == 'f':
		return Bool
	case c == 'n':
		return Null
	default:
		return Number
	}
}

// Raw returns v's bytes as they are in the document.
func (v Value) Raw() []byte { return v.b() }

// IsEmpty reports whether v is absent, null, "", [] or {}.
func (v Value) IsEmpty() bool {
	switch v.Kind() {
	case Invalid, Null:
		return true
	case String:
		return v.e-v.s == 2
	case Array, Object:
		b := v.b()
		return len(b) == 2 || space(b, 1) == len(b)-1
	}
	return false
}

// Members yields the name and value of each member of an object, in document order; nothing when v is not an
// object. The name is a view of the document unless it had escapes; copy it to keep it.
func (v Value) Members() iter.Seq2[[]byte, Value] {
	return func(yield func([]byte, Value) bool) {
		if v.Kind() != Object {
			return
		}
		b := v.d.data[:v.e]
		i := space(b, v.s+1)
		for i < len(b) && b[i] == '"' {
			kend := skipString(b, i)
			key := b[i+1 : kend-1]
			if hasEscape(key) {
				key = []byte(unquote(b[i:kend]))
			}
			i = space(b, kend)
			i = space(b, i+1) // ':'
			vend := v.d.skip(i)
			if !yield(key, Value{v.d, i, vend}) {
				return
			}
			i = space(b, vend)
			if i < len(b) && b[i] == ',' {
				i = space(b, i+1)
			}
		}
	}
}

// Elements yields the elements of an array in order; nothing when v is not an array.
func (v Value) Elements() iter.Seq[Value] {
	return func(yield func(Value) bool) {
		if v.Kind() != Array {
			return
		}
		b := v.d.data[:v.e]
		i := space(b, v.s+1)
		for i < len(b) && b[i] != ']' {
			end := v.d.skip(i)
			if !yield(Value{v.d, i, end}) {
				return
			}
			i = space(b, end)
			if i < len(b) && b[i] == ',' {
				i = space(b, i+1)
			}
		}
	}
}

// Len returns the number of elements of an array or members of an object, 0 for other values.
func (v Value) Len() int {
	n := 0
	switch v.Kind() {
	case Array:
		for range v.Elements() {
			n++
		}
	case Object:
		for range v.Members() {
			n++
		}
	}
	return n
}

// Get returns the value of the first member named name, or the zero Value.
func (v Value) Get(name string) Value {
	for k, m := range v.Members() {
		if string(k) == name {
			return m
		}
	}
	return Value{}
}

// Str returns the text of a string value, "" for other values.
func (v Value) Str() string {
	if v.Kind() != String {
		return ""
	}
	b := v.b()
	if hasEscape(b[1 : len(b)-1]) {
		return unquote(b)
	}
	return string(b[1 : len(b)-1])
}

// Text returns the text of a string, the literal of a number or a boolean, and false for other values.
func (v Value) Text() (string, bool) {
	switch v.Kind() {
	case String:
		return v.Str(), true
	case Number, Bool:
		return string(v.b()), true
	}
	return "", false
}

// Int returns an integer number, or the integer a string holds; false otherwise.
func (v Value) Int() (int64, bool) {
	s, ok := v.Text()
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// Bool returns a boolean value; false, false for other values.
func (v Value) Bool() (val, ok bool) {
	if v.Kind() != Bool {
		return false, false
	}
	return v.d.data[v.s] == 't', true
}

// Short returns v as JSON text of at most 80 bytes, cut on a rune boundary with "…", for loss reports.
func (v Value) Short() string {
	if v.Kind() == String {
		s := v.Str()
		if len(s) <= 80 {
			return s
		}
		return cut(s, 80)
	}
	// Other values on one line, without the document's indentation; only the first bytes are looked at.
	var b []byte
	vb := v.b()
	inStr := false
	for i := 0; i < len(vb) && len(b) <= 80; i++ {
		c := vb[i]
		switch {
		case inStr:
			if c == '\\' && i+1 < len(vb) {
				b = append(b, c)
				i++
				c = vb[i]
			} else if c == '"' {
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			continue
		}
		b = append(b, c)
	}
	if len(b) <= 80 {
		return string(b)
	}
	return cut(string(b), 80)
}

func cut(s string, n int) string {
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func space(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the offset after the string starting at the quote at i (the document is valid). It jumps
// from quote to quote (bytes.IndexByte is vectorised) and counts the backslashes before each.
func skipString(b []byte, i int) int {
	i++
	for {
		j := bytes.IndexByte(b[i:], '"')
		if j < 0 {
			return len(b)
		}
		q := i + j
		k := q
		for k > i && b[k-1] == '\\' {
			k--
		}
		if (q-k)%2 == 0 {
			return q + 1
		}
		i = q + 1
	}
}

// skip returns the offset after the value starting at i: from the table of ends for a large object or array.
func (d *doc) skip(i int) int {
	if i < len(d.data) && (d.data[i] == '{' || d.data[i] == '[') {
		if e, ok := d.ends[i]; ok {
			return e
		}
	}
	return skip(d.data, i)
}

// skip returns the offset after the value starting at i (the document is valid).
func skip(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for i < len(b) {
			switch b[i] {
			case '"':
				i = skipString(b, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return i
	default:
		for i < len(b) {
			switch b[i] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				return i
			}
			i++
		}
		return i
	}
}

func hasEscape(s []byte) bool { return bytes.IndexByte(s, '\\') >= 0 }

// unquote decodes a valid JSON string with escapes; encoding/json does the rare work of \u surrogate pairs.
func unquote(q []byte) string {
	var s string
	if err := json.Unmarshal(q, &s); err != nil {
		return string(q[1 : len(q)-1])
	}
	return s
}
