package dmp

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/dop2i/fairmeta/internal/jsonwalk"
)

// Limits of the JSON reader: every read is bounded in bytes, depth and work.
const (
	// MaxBytes is the largest document Read, Parse and Validate accept.
	MaxBytes = 32 << 20
	// MaxDepth is the deepest nesting of arrays and objects they accept.
	MaxDepth = 200
	// maxNodes bounds the values of one document (each costs a little memory and work).
	maxNodes = 4 << 20
)

// SyntaxError is a document that is not JSON, or exceeds the reader's limits, with where the problem is.
type SyntaxError struct {
	Line, Column int    // 1-based position of the problem in the input
	Offset       int    // byte offset of the problem
	Msg          string // what is wrong
}

// Error returns "dmp: line L, column C: what is wrong".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("dmp: line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

type kind uint8

const (
	kNull kind = iota
	kBool
	kNumber
	kString
	kArray
	kObject
)

var kindNames = [...]string{"null", "boolean", "number", "string", "array", "object"}

func (k kind) String() string { return kindNames[k] }

// node is one JSON value: the reader's tree keeps member order and the exact text of numbers, so that what is not
// understood can be written back unchanged.
type node struct {
	kind kind
	b    bool
	s    string // a string's value, a number's text
	arr  []*node
	obj  []member
}

type member struct {
	key string
	val *node
}

// get returns the value of key in an object (the last one when the key is repeated, as most JSON readers do).
func (n *node) get(key string) *node {
	if n == nil || n.kind != kObject {
		return nil
	}
	for i := len(n.obj) - 1; i >= 0; i-- {
		if n.obj[i].key == key {
			return n.obj[i].val
		}
	}
	return nil
}

// parser reads JSON into nodes (RFC 8259; UTF-8; no comments, no trailing commas, no NaN).
type parser struct {
	data  []byte
	pos   int
	depth int
	nodes int
	dups  []string // paths of keys that occur twice in one object
}

func parseJSON(data []byte) (*node, []string, error) {
	p := &parser{data: data}
	if len(data) > MaxBytes {
		return nil, nil, p.errAt(MaxBytes, fmt.Sprintf("document larger than %d bytes", MaxBytes))
	}
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		p.pos = 3
	}
	var se *jsonwalk.SyntaxError
	if err := jsonwalk.CheckText(data); errors.As(err, &se) {
		return nil, nil, &SyntaxError{Line: se.Line, Column: se.Column, Offset: se.Offset, Msg: se.Path + ": " + se.Msg}
	}
	p.ws()
	n, err := p.value()
	if err != nil {
		return nil, nil, err
	}
	p.ws()
	if p.pos < len(p.data) {
		return nil, nil, p.err("unexpected text after the JSON value")
	}
	return n, p.dups, nil
}

func (p *parser) errAt(off int, msg string) *SyntaxError {
	off = min(off, len(p.data))
	line, col := 1, 1
	for i := 0; i < off; {
		r, size := utf8.DecodeRune(p.data[i:])
		if r == '\n' {
			line++
			col = 1
		} else {
			col++
		}
		i += size
	}
	return &SyntaxError{Line: line, Column: col, Offset: off, Msg: msg}
}

func (p *parser) err(msg string) *SyntaxError { return p.errAt(p.pos, msg) }

func (p *parser) ws() {
	for p.pos < len(p.data) {
		switch p.data[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *parser) value() (*node, error) {
	if p.nodes++; p.nodes > maxNodes {
		return nil, p.err(fmt.Sprintf("more than %d values", maxNodes))
	}
	if p.pos >= len(p.data) {
		return nil, p.err("unexpected end of input")
	}
	switch c := p.data[p.pos]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		return &node{kind: kString, s: s}, nil
	case c == 't':
		return p.lit("true", &node{kind: kBool, b: true})
	case c == 'f':
		return p.lit("false", &node{kind: kBool})
	case c == 'n':
		return p.lit("null", &node{kind: kNull})
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	default:
		return nil, p.err(fmt.Sprintf("unexpected character %q", rune(c)))
	}
}

func (p *parser) lit(word string, n *node) (*node, error) {
	if !bytes.HasPrefix(p.data[p.pos:], []byte(word)) {
		return nil, p.err("invalid literal, want " + word)
	}
	p.pos += len(word)
	return n, nil
}

func (p *parser) enter() error {
	if p.depth++; p.depth > MaxDepth {
		return p.err(fmt.Sprintf("nesting deeper than %d", MaxDepth))
	}
	return nil
}

func (p *parser) object() (*node, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	p.pos++
	n := &node{kind: kObject}
	seen := map[string]int{}
	p.ws()
	if p.pos < len(p.data) && p.data[p.pos] == '}' {
		p.pos++
		p.depth--
		return n, nil
	}
	for {
		p.ws()
		if p.pos >= len(p.data) || p.data[p.pos] != '"' {
			return nil, p.err("expected a string key")
		}
		k, err := p.str()
		if err != nil {
			return nil, err
		}
		p.ws()
		if p.pos >= len(p.data) || p.data[p.pos] != ':' {
			return nil, p.err("expected ':' after key")
		}
		p.pos++
		p.ws()
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		if i, dup := seen[k]; dup {
			// The last value wins, as in Python's json and Go's encoding/json; the key is reported.
			p.dups = append(p.dups, k)
			n.obj[i].val = v
		} else {
			seen[k] = len(n.obj)
			n.obj = append(n.obj, member{k, v})
		}
		p.ws()
		if p.pos >= len(p.data) {
			return nil, p.err("unexpected end of input in an object")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			p.depth--
			return n, nil
		default:
			return nil, p.err("expected ',' or '}' in an object")
		}
	}
}

func (p *parser) array() (*node, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	p.pos++
	n := &node{kind: kArray, arr: []*node{}}
	p.ws()
	if p.pos < len(p.data) && p.data[p.pos] == ']' {
		p.pos++
		p.depth--
		return n, nil
	}
	for {
		p.ws()
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		n.arr = append(n.arr, v)
		p.ws()
		if p.pos >= len(p.data) {
			return nil, p.err("unexpected end of input in an array")
		}
		switch p.data[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			p.depth--
			return n, nil
		default:
			return nil, p.err("expected ',' or ']' in an array")
		}
	}
}

func (p *parser) number() (*node, error) {
	start := p.pos
	if p.data[p.pos] == '-' {
		p.pos++
	}
	digits := func() int {
		s := p.pos
		for p.pos < len(p.data) && p.data[p.pos] >= '0' && p.data[p.pos] <= '9' {
			p.pos++
		}
		return p.pos - s
	}
	if p.pos < len(p.data) && p.data[p.pos] == '0' {
		p.pos++
	} else if digits() == 0 {
		return nil, p.err("invalid number")
	}
	if p.pos < len(p.data) && p.data[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return nil, p.err("invalid number: digits expected after '.'")
		}
	}
	if p.pos < len(p.data) && (p.data[p.pos] == 'e' || p.data[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.data) && (p.data[p.pos] == '+' || p.data[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return nil, p.err("invalid number: digits expected in the exponent")
		}
	}
	return &node{kind: kNumber, s: string(p.data[start:p.pos])}, nil
}

func (p *parser) str() (string, error) {
	p.pos++ // opening quote
	var b strings.Builder
	start := p.pos
	for {
		if p.pos >= len(p.data) {
			return "", p.err("unterminated string")
		}
		c := p.data[p.pos]
		switch {
		case c == '"':
			b.Write(p.data[start:p.pos])
			p.pos++
			return b.String(), nil
		case c == '\\':
			b.Write(p.data[start:p.pos])
			if p.pos+1 >= len(p.data) {
				return "", p.err("unterminated escape")
			}
			e := p.data[p.pos+1]
			p.pos += 2
			switch e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, ok := p.hex4()
				if !ok {
					return "", p.err("invalid \\u escape")
				}
				if utf16.IsSurrogate(r) {
					// A pair makes one character; a lone surrogate is kept as U+FFFD.
					if bytes.HasPrefix(p.data[p.pos:], []byte(`\u`)) {
						save := p.pos
						p.pos += 2
						if r2, ok := p.hex4(); ok && utf16.DecodeRune(r, r2) != utf8.RuneError {
							r = utf16.DecodeRune(r, r2)
						} else {
							p.pos = save
							r = utf8.RuneError
						}
					} else {
						r = utf8.RuneError
					}
				}
				b.WriteRune(r)
			default:
				return "", p.err(fmt.Sprintf("invalid escape \\%c", e))
			}
			start = p.pos
		case c < 0x20:
			return "", p.err("control character in a string")
		case c < utf8.RuneSelf:
			p.pos++
		default:
			r, size := utf8.DecodeRune(p.data[p.pos:])
			if r == utf8.RuneError && size == 1 {
				return "", p.err("invalid UTF-8")
			}
			p.pos += size
		}
	}
}

func (p *parser) hex4() (rune, bool) {
	if p.pos+4 > len(p.data) {
		return 0, false
	}
	v, err := strconv.ParseUint(string(p.data[p.pos:p.pos+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	p.pos += 4
	return rune(v), true
}

// isInteger reports whether a number's value is integral, as JSON Schema's "integer" means it (1.0 is an integer);
// a number too large for a float64 is not.
func isInteger(text string) bool {
	if !strings.ContainsAny(text, ".eE") {
		return true
	}
	f, err := strconv.ParseFloat(text, 64)
	return err == nil && !math.IsInf(f, 0) && f == math.Trunc(f)
}

// numEqual compares two JSON numbers by value (1 equals 1.0).
func numEqual(a, b string) bool {
	if a == b {
		return true
	}
	x, ok1 := new(big.Float).SetPrec(200).SetString(a)
	y, ok2 := new(big.Float).SetPrec(200).SetString(b)
	if !ok1 || !ok2 {
		return false
	}
	if !strings.ContainsAny(a, ".eE") && !strings.ContainsAny(b, ".eE") {
		return x.Cmp(y) == 0
	}
	// At least one is a float for most JSON readers: compare as float64 values.
	fa, _ := strconv.ParseFloat(a, 64)
	fb, _ := strconv.ParseFloat(b, 64)
	return fa == fb
}

// equal is JSON equality: numbers by value, booleans distinct from numbers, objects regardless of member order.
func equal(a, b *node) bool {
	if a.kind != b.kind {
		return false
	}
	switch a.kind {
	case kNull:
		return true
	case kBool:
		return a.b == b.b
	case kNumber:
		return numEqual(a.s, b.s)
	case kString:
		return a.s == b.s
	case kArray:
		if len(a.arr) != len(b.arr) {
			return false
		}
		for i := range a.arr {
			if !equal(a.arr[i], b.arr[i]) {
				return false
			}
		}
		return true
	default:
		if len(a.obj) != len(b.obj) {
			return false
		}
		if len(b.obj) > 16 {
			idx := make(map[string]*node, len(b.obj))
			for _, m := range b.obj {
				idx[m.key] = m.val
			}
			for _, m := range a.obj {
				o := idx[m.key]
				if o == nil || !equal(m.val, o) {
					return false
				}
			}
			return true
		}
		for _, m := range a.obj {
			o := b.get(m.key)
			if o == nil || !equal(m.val, o) {
				return false
			}
		}
		return true
	}
}

// canonKey is a text equal for JSON-equal values (numbers by float value, members sorted), for hashing.
func canonKey(b *strings.Builder, n *node) {
	switch n.kind {
	case kNumber:
		f, _ := strconv.ParseFloat(n.s, 64)
		b.WriteString("n" + strconv.FormatFloat(f, 'g', -1, 64))
	case kArray:
		b.WriteByte('[')
		for _, v := range n.arr {
			canonKey(b, v)
			b.WriteByte(',')
		}
		b.WriteByte(']')
	case kObject:
		keys := make([]string, 0, len(n.obj))
		vals := make(map[string]*node, len(n.obj))
		for _, m := range n.obj {
			keys = append(keys, m.key)
			vals[m.key] = m.val
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for _, k := range keys {
			b.WriteString(strconv.Quote(k))
			b.WriteByte(':')
			canonKey(b, vals[k])
			b.WriteByte(',')
		}
		b.WriteByte('}')
	default:
		b.Write(compact(n))
	}
}

// encode writes n as JSON: compact when indent is "", else indented; no HTML escaping.
func encode(buf *bytes.Buffer, n *node, indent, prefix string) {
	switch n.kind {
	case kNull:
		buf.WriteString("null")
	case kBool:
		buf.WriteString(strconv.FormatBool(n.b))
	case kNumber:
		buf.WriteString(n.s)
	case kString:
		quote(buf, n.s)
	case kArray:
		if len(n.arr) == 0 {
			buf.WriteString("[]")
			return
		}
		buf.WriteByte('[')
		for i, v := range n.arr {
			if i > 0 {
				buf.WriteByte(',')
			}
			newline(buf, indent, prefix+indent)
			encode(buf, v, indent, prefix+indent)
		}
		newline(buf, indent, prefix)
		buf.WriteByte(']')
	case kObject:
		if len(n.obj) == 0 {
			buf.WriteString("{}")
			return
		}
		buf.WriteByte('{')
		for i, m := range n.obj {
			if i > 0 {
				buf.WriteByte(',')
			}
			newline(buf, indent, prefix+indent)
			quote(buf, m.key)
			buf.WriteByte(':')
			if indent != "" {
				buf.WriteByte(' ')
			}
			encode(buf, m.val, indent, prefix+indent)
		}
		newline(buf, indent, prefix)
		buf.WriteByte('}')
	}
}

func newline(buf *bytes.Buffer, indent, prefix string) {
	if indent != "" {
		buf.WriteByte('\n')
		buf.WriteString(prefix)
	}
}

const hexDigits = "0123456789abcdef"

func quote(buf *bytes.Buffer, s string) {
	buf.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			buf.WriteString(`\"`)
		case r == '\\':
			buf.WriteString(`\\`)
		case r == '\n':
			buf.WriteString(`\n`)
		case r == '\r':
			buf.WriteString(`\r`)
		case r == '\t':
			buf.WriteString(`\t`)
		case r < 0x20:
			buf.WriteString(`\u00`)
			buf.WriteByte(hexDigits[r>>4])
			buf.WriteByte(hexDigits[r&0xF])
		case r == 0x2028 || r == 0x2029:
			fmt.Fprintf(buf, `\u%04x`, r)
		default:
			buf.WriteRune(r)
		}
	}
	buf.WriteByte('"')
}

func compact(n *node) []byte {
	var b bytes.Buffer
	encode(&b, n, "", "")
	return b.Bytes()
}

// str, num, boolean, arr and obj build nodes.
func strNode(s string) *node   { return &node{kind: kString, s: s} }
func numNode(s string) *node   { return &node{kind: kNumber, s: s} }
func boolNode(b bool) *node    { return &node{kind: kBool, b: b} }
func arrNode(v ...*node) *node { return &node{kind: kArray, arr: append([]*node{}, v...)} }
func objNode() *node           { return &node{kind: kObject} }

// set appends or replaces key in an object node.
func (n *node) set(key string, v *node) {
	for i := range n.obj {
		if n.obj[i].key == key {
			n.obj[i].val = v
			return
		}
	}
	n.obj = append(n.obj, member{key, v})
}
