package schemaorg

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// errBail makes the fast canonicalization path give up on a document and leave it to json-gold: the document uses
// something the fast path does not implement, or something it cannot be sure to treat exactly as json-gold does.
var errBail = errors.New("schemaorg: fast path not applicable")

// jkind is the kind of a parsed JSON value.
type jkind uint8

const (
	jNull jkind = iota
	jBool
	jNum
	jStr
	jArr
	jObj
)

// jv is a parsed JSON value. Objects keep their members in document order (the last of duplicate keys wins, as
// with encoding/json), which the fast path needs no map for.
type jv struct {
	kind jkind
	b    bool
	n    float64
	s    string
	arr  []jv
	obj  []jmember
	// nested is set by the fast path on objects that are property values, where @context is not allowed.
	nested bool
}

type jmember struct {
	k string
	v jv
}

func (v *jv) get(k string) (*jv, bool) {
	for i := range v.obj {
		if v.obj[i].k == k {
			return &v.obj[i].v, true
		}
	}
	return nil, false
}

// toAny converts a parsed value to the form encoding/json gives (for contexts handed to json-gold), with strings
// of their own: the result may outlive the document.
func (v *jv) toAny() any {
	switch v.kind {
	case jBool:
		return v.b
	case jNum:
		return v.n
	case jStr:
		return strings.Clone(v.s)
	case jArr:
		out := make([]any, len(v.arr))
		for i := range v.arr {
			out[i] = v.arr[i].toAny()
		}
		return out
	case jObj:
		out := make(map[string]any, len(v.obj))
		for i := range v.obj {
			out[strings.Clone(v.obj[i].k)] = v.obj[i].v.toAny()
		}
		return out
	}
	return nil
}

// jparser is a small JSON parser for the fast path. It accepts what encoding/json accepts, and gives up (errBail)
// wherever encoding/json would transform the input (invalid UTF-8, lone surrogates) or reject it, so that such
// documents take the json-gold path and get its exact behaviour.
type jparser struct {
	b     []byte
	src   string // b as one string: unescaped strings are substrings of it, without a copy each
	i     int
	depth int
	// Members and elements are collected on stacks and copied to slabs when their object or array ends, so that a
	// document costs a few large allocations instead of one per object. A slab that grows leaves earlier values
	// on the old array, which they keep alive.
	mstack []jmember
	astack []jv
	mslab  []jmember
	aslab  []jv
}

// reset prepares a pooled parser for a document; reset(nil) after the document forgets it.
//
// src shares b's memory instead of copying it: the strings of a parse are valid while the caller does not modify
// the document, that is during the call that parses it, and must not outlive it. The fast path only keeps copies
// (the memo tables clone their keys, toAny clones what goes to json-gold) and reset(nil) clears the slabs.
func (p *jparser) reset(b []byte) {
	p.b, p.src, p.i, p.depth = b, unsafe.String(unsafe.SliceData(b), len(b)), 0, 0
	clear(p.mstack)
	clear(p.astack)
	clear(p.mslab)
	clear(p.aslab)
	p.mstack, p.astack = p.mstack[:0], p.astack[:0]
	p.mslab, p.aslab = p.mslab[:0], p.aslab[:0]
}

func parseFast(b []byte) (jv, error) {
	var p jparser
	return p.parse(b)
}

func (p *jparser) parse(b []byte) (jv, error) {
	p.reset(b)
	v, err := p.value()
	if err != nil {
		return jv{}, err
	}
	p.ws()
	if p.i != len(p.b) {
		return jv{}, errBail
	}
	return v, nil
}

func (p *jparser) ws() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *jparser) value() (jv, error) {
	p.ws()
	if p.i >= len(p.b) {
		return jv{}, errBail
	}
	switch c := p.b[p.i]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		s, err := p.str()
		return jv{kind: jStr, s: s}, err
	case c == 't':
		return p.lit("true", jv{kind: jBool, b: true})
	case c == 'f':
		return p.lit("false", jv{kind: jBool})
	case c == 'n':
		return p.lit("null", jv{})
	default:
		return p.num()
	}
}

func (p *jparser) lit(word string, v jv) (jv, error) {
	if len(p.b)-p.i < len(word) || string(p.b[p.i:p.i+len(word)]) != word {
		return jv{}, errBail
	}
	p.i += len(word)
	return v, nil
}

func (p *jparser) object() (jv, error) {
	p.depth++
	if p.depth > 200 {
		return jv{}, errBail
	}
	defer func() { p.depth-- }()
	p.i++
	v := jv{kind: jObj}
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == '}' {
		p.i++
		return v, nil
	}
	base := len(p.mstack)
	defer func() { p.mstack = p.mstack[:base] }()
	for {
		p.ws()
		if p.i >= len(p.b) || p.b[p.i] != '"' {
			return jv{}, errBail
		}
		k, err := p.str()
		if err != nil {
			return jv{}, err
		}
		p.ws()
		if p.i >= len(p.b) || p.b[p.i] != ':' {
			return jv{}, errBail
		}
		p.i++
		val, err := p.value()
		if err != nil {
			return jv{}, err
		}
		replaced := false
		for j := base; j < len(p.mstack); j++ {
			if p.mstack[j].k == k {
				p.mstack[j].v, replaced = val, true
			}
		}
		if !replaced {
			p.mstack = append(p.mstack, jmember{k, val})
		}
		p.ws()
		if p.i >= len(p.b) {
			return jv{}, errBail
		}
		if p.b[p.i] == ',' {
			p.i++
			continue
		}
		if p.b[p.i] == '}' {
			p.i++
			start := len(p.mslab)
			p.mslab = append(p.mslab, p.mstack[base:]...)
			v.obj = p.mslab[start:len(p.mslab):len(p.mslab)]
			return v, nil
		}
		return jv{}, errBail
	}
}

func (p *jparser) array() (jv, error) {
	p.depth++
	if p.depth > 200 {
		return jv{}, errBail
	}
	defer func() { p.depth-- }()
	p.i++
	v := jv{kind: jArr}
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == ']' {
		p.i++
		return v, nil
	}
	base := len(p.astack)
	defer func() { p.astack = p.astack[:base] }()
	for {
		val, err := p.value()
		if err != nil {
			return jv{}, err
		}
		p.astack = append(p.astack, val)
		p.ws()
		if p.i >= len(p.b) {
			return jv{}, errBail
		}
		if p.b[p.i] == ',' {
			p.i++
			continue
		}
		if p.b[p.i] == ']' {
			p.i++
			start := len(p.aslab)
			p.aslab = append(p.aslab, p.astack[base:]...)
			v.arr = p.aslab[start:len(p.aslab):len(p.aslab)]
			return v, nil
		}
		return jv{}, errBail
	}
}

func (p *jparser) str() (string, error) {
	p.i++ // opening quote
	start := p.i
	// Fast scan: no escapes, ASCII or valid UTF-8.
	for p.i < len(p.b) {
		c := p.b[p.i]
		if c == '"' {
			s := p.src[start:p.i]
			p.i++
			if !utf8.ValidString(s) {
				return "", errBail
			}
			return s, nil
		}
		if c == '\\' {
			break
		}
		if c < 0x20 {
			return "", errBail
		}
		p.i++
	}
	buf := append([]byte(nil), p.b[start:p.i]...)
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			if !utf8.Valid(buf) {
				return "", errBail
			}
			return string(buf), nil
		case c < 0x20:
			return "", errBail
		case c != '\\':
			buf = append(buf, c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.b) {
			return "", errBail
		}
		e := p.b[p.i+1]
		p.i += 2
		switch e {
		case '"', '\\', '/':
			buf = append(buf, e)
		case 'b':
			buf = append(buf, '\b')
		case 'f':
			buf = append(buf, '\f')
		case 'n':
			buf = append(buf, '\n')
		case 'r':
			buf = append(buf, '\r')
		case 't':
			buf = append(buf, '\t')
		case 'u':
			r, ok := p.hex4()
			if !ok {
				return "", errBail
			}
			if utf16.IsSurrogate(r) {
				if p.i+1 >= len(p.b) || p.b[p.i] != '\\' || p.b[p.i+1] != 'u' {
					return "", errBail
				}
				p.i += 2
				r2, ok := p.hex4()
				if !ok {
					return "", errBail
				}
				r = utf16.DecodeRune(r, r2)
				if r == utf8.RuneError {
					return "", errBail
				}
			}
			buf = utf8.AppendRune(buf, r)
		default:
			return "", errBail
		}
	}
	return "", errBail
}

func (p *jparser) hex4() (rune, bool) {
	if p.i+4 > len(p.b) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(p.b[p.i:p.i+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	p.i += 4
	return rune(n), true
}

// num reads a number with JSON's grammar and converts it as encoding/json does (strconv.ParseFloat).
func (p *jparser) num() (jv, error) {
	start := p.i
	if p.i < len(p.b) && p.b[p.i] == '-' {
		p.i++
	}
	digits := func() int {
		n := 0
		for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.i < len(p.b) && p.b[p.i] == '0' {
		p.i++
	} else if digits() == 0 {
		return jv{}, errBail
	}
	if p.i < len(p.b) && p.b[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return jv{}, errBail
		}
	}
	if p.i < len(p.b) && (p.b[p.i] == 'e' || p.b[p.i] == 'E') {
		p.i++
		if p.i < len(p.b) && (p.b[p.i] == '+' || p.b[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return jv{}, errBail
		}
	}
	f, err := strconv.ParseFloat(string(p.b[start:p.i]), 64)
	if err != nil {
		return jv{}, errBail
	}
	return jv{kind: jNum, n: f}, nil
}
