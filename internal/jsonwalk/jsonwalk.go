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
	"errors"
	"fmt"
	"iter"
	"strconv"
	"strings"
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
	text   bool   // a problem of text (ErrText)
	Offset int    // byte offset of the problem
	Line   int    // line of the problem, from 1
	Column int    // column (in bytes) of the problem, from 1
	Path   string // for a problem of text in a string: the member path of the string, e.g. "creators[0].name"
	Msg    string // what is wrong
}

// Error gives the line, column, path when known and message.
func (e *SyntaxError) Error() string {
	if e.Path != "" {
		return fmt.Sprintf("invalid JSON at line %d, column %d (%s): %s", e.Line, e.Column, e.Path, e.Msg)
	}
	return fmt.Sprintf("invalid JSON at line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// ErrText is matched (errors.Is) by a *SyntaxError about the text of a string: invalid UTF-8, or a lone UTF-16
// surrogate escape (\ud800 without its pair), which encoding/json would silently replace by U+FFFD.
var ErrText = errors.New("jsonwalk: invalid text in a JSON string")

// Is makes errors.Is(err, ErrText) true for a problem of text.
func (e *SyntaxError) Is(target error) bool { return target == ErrText && e.text }

// CheckText refuses what a JSON decoder would silently replace: invalid UTF-8 and lone UTF-16 surrogate escapes in
// strings, as the XML readers refuse text that is not Unicode. It returns a *SyntaxError matching [ErrText], with
// the member path of the string, or nil; a document that is not JSON at all is left to the reader's own decoder
// (nil). Every JSON reader of the module calls it first: one policy for text, one message.
func CheckText(data []byte) error {
	if utf8.Valid(data) && !hasSurrogateEscape(data) {
		return nil // the common case: one vectorised pass
	}
	var se *SyntaxError
	if _, err := Parse(data); errors.As(err, &se) && se.text {
		return se
	}
	if len(data) > 0 && data[0] != '{' && data[0] != '[' {
		return nil
	}
	// JSON Lines and other streams of values: check each line on its own.
	for n, line := range bytes.Split(data, []byte("\n")) {
		if _, err := Parse(line); errors.As(err, &se) && se.text {
			se.Line = n + 1
			return se
		}
	}
	return nil
}

// hasSurrogateEscape reports whether data may hold a \u escape of a UTF-16 surrogate (\ud800-\udfff).
func hasSurrogateEscape(data []byte) bool {
	for i := 0; ; {
		j := bytes.Index(data[i:], []byte(`\u`))
		if j < 0 {
			return false
		}
		i += j + 2
		if i+1 < len(data) && (data[i] == 'd' || data[i] == 'D') {
			switch data[i+1] {
			case '8', '9', 'a', 'b', 'c', 'd', 'e', 'f', 'A', 'B', 'C', 'D', 'E', 'F':
				return true
			}
		}
	}
}

// hex4 decodes four hexadecimal digits.
func hex4(h []byte) (rune, bool) {
	if len(h) != 4 {
		return 0, false
	}
	var r rune
	for _, c := range h {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// failText is fail for a problem of text, with the path of the string.
func (p *parser) failText(i int, format string, args ...any) error {
	err := p.fail(i, format, args...).(*SyntaxError)
	err.text = true
	err.Path = pathAt(p.data, i)
	return err
}

// pathAt returns the member path ("a.b[2].c") of the string holding offset at in data, a document valid up to at.
func pathAt(data []byte, at int) string {
	type level struct {
		arr   bool
		index int
		key   string
	}
	var stack []level
	i := 0
	expectKey := false
	for i < len(data) && i <= at {
		c := data[i]
		switch c {
		case '{':
			stack = append(stack, level{})
			expectKey = true
			i++
		case '[':
			stack = append(stack, level{arr: true})
			expectKey = false
			i++
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			i++
		case ',':
			if n := len(stack); n > 0 {
				if stack[n-1].arr {
					stack[n-1].index++
				} else {
					expectKey = true
				}
			}
			i++
		case ':':
			expectKey = false
			i++
		case '"':
			end := skipString(data, i)
			if end > at {
				if expectKey && len(stack) > 0 {
					stack[len(stack)-1].key = "(a key)"
				}
				i = len(data)
				break
			}
			if expectKey && len(stack) > 0 {
				stack[len(stack)-1].key = unquoteLoose(data[i:end])
			}
			i = end
		default:
			i++
		}
	}
	var b strings.Builder
	for _, l := range stack {
		if l.arr {
			fmt.Fprintf(&b, "[%d]", l.index)
		} else if l.key != "" {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(l.key)
		}
	}
	if b.Len() == 0 {
		return "(the document)"
	}
	return b.String()
}

// unquoteLoose returns a key's text for a path; a key with bad text is shown as written.
func unquoteLoose(q []byte) string {
	var s string
	if err := json.Unmarshal(q, &s); err != nil || len(q) < 2 {
		return string(q)
	}
	return s
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
				u, ok := hex4(d[i+2 : i+6])
				if !ok {
					return i, p.fail(i, "malformed \\u escape")
				}
				switch {
				case u >= 0xDC00 && u <= 0xDFFF:
					return i, p.failText(i, "lone UTF-16 surrogate \\u%04x (a low surrogate without a high one)", u)
				case u >= 0xD800 && u <= 0xDBFF:
					if lo, ok := hex4(d[min(i+8, len(d)):min(i+12, len(d))]); i+12 > len(d) || d[i+6] != '\\' || d[i+7] != 'u' || !ok || lo < 0xDC00 || lo > 0xDFFF {
						return i, p.failText(i, "lone UTF-16 surrogate \\u%04x (a high surrogate without a low one)", u)
					}
					i += 12
					continue
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
				return i, p.failText(i, "invalid UTF-8 in a string (byte %#x)", d[i])
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
