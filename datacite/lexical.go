package datacite

import (
	"errors"
	"strconv"
	"strings"
)

// This file holds the lexical checks of the XML Schema datatypes the DataCite schema uses, written to accept exactly
// what libxml2 (xmllint, and so most XSD validators people run on DataCite XML) accepts.

var errNotFloat = errors.New("not an xs:float")

// parseXSFloat reads the lexical form of xs:float: an optional sign, digits with an optional fraction, an optional
// exponent, or INF, -INF, NaN. Surrounding XML whitespace is ignored (the type collapses it).
func parseXSFloat(s string) (float64, error) {
	s = strings.Trim(s, " \t\r\n")
	switch s {
	case "NaN":
		return strconv.ParseFloat("NaN", 64)
	case "INF":
		return strconv.ParseFloat("+Inf", 64)
	case "-INF":
		return strconv.ParseFloat("-Inf", 64)
	}
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	before, after := 0, 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		before++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			after++
		}
	}
	if before == 0 && after == 0 {
		return 0, errNotFloat
	}
	mant := i
	expDigits := 0
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '-' || s[i] == '+') {
			i++
		}
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			expDigits++
		}
	}
	if i != len(s) {
		return 0, errNotFloat
	}
	num := s
	if expDigits == 0 {
		num = s[:mant] // libxml2 accepts an exponent marker without digits
	}
	f, err := strconv.ParseFloat(num, 64)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && ne.Err == strconv.ErrRange {
			return f, nil // ±Inf or 0, as C's strtof gives
		}
		return 0, errNotFloat
	}
	return f, nil
}

// validLanguage reports whether s is in the lexical space of xs:language: [a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*, after
// whitespace collapse.
func validLanguage(s string) bool {
	s = strings.Trim(s, " \t\r\n")
	if s == "" {
		return false
	}
	for i, part := range strings.Split(s, "-") {
		if len(part) < 1 || len(part) > 8 {
			return false
		}
		for j := 0; j < len(part); j++ {
			c := part[j]
			alpha := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			if !alpha && (i == 0 || c < '0' || c > '9') {
				return false
			}
		}
	}
	return true
}

// validAnyURI reports whether libxml2 accepts s as an xs:anyURI: after whitespace collapse and replacing the
// characters a URI may not hold literally (spaces, non-ASCII, <>"{}|\^`') it must parse as an RFC 3986
// URI-reference, with libxml2's readings of the grammar (a port needs digits, a fragment may hold [ and ], a host
// is an IP literal or a reg-name).
func validAnyURI(s string) bool {
	s = collapse(s)
	if s == "" {
		return true
	}
	b := []byte(s)
	for i, c := range b {
		if c < 32 || c >= 127 || strings.IndexByte(" <>\"{}|\\^`'", c) >= 0 {
			b[i] = '_'
		}
	}
	p := uriParser{s: b}
	if p.absolute() {
		return true
	}
	p = uriParser{s: b}
	return p.relative()
}

func collapse(s string) string {
	if !strings.ContainsAny(s, " \t\r\n") {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\r' || r == '\n' }), " ")
}

type uriParser struct {
	s []byte
	i int
}

func (p *uriParser) at(k int) byte {
	if p.i+k < len(p.s) {
		return p.s[p.i+k]
	}
	return 0
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func (p *uriParser) unreserved() bool {
	c := p.at(0)
	return isAlpha(c) || isDigit(c) || c == '-' || c == '.' || c == '_' || c == '~'
}

func (p *uriParser) pct() bool {
	return p.at(0) == '%' && isHexDigit(p.at(1)) && isHexDigit(p.at(2))
}

func isHexDigit(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func (p *uriParser) subDelim() bool {
	c := p.at(0)
	return c != 0 && strings.IndexByte("!$&'()*+,;=", c) >= 0
}

func (p *uriParser) pchar() bool {
	return p.unreserved() || p.pct() || p.subDelim() || p.at(0) == ':' || p.at(0) == '@'
}

func (p *uriParser) next() {
	if p.pct() {
		p.i += 3
	} else {
		p.i++
	}
}

func (p *uriParser) absolute() bool {
	if !isAlpha(p.at(0)) {
		return false
	}
	p.i++
	for c := p.at(0); isAlpha(c) || isDigit(c) || c == '+' || c == '-' || c == '.'; c = p.at(0) {
		p.i++
	}
	if p.at(0) != ':' {
		return false
	}
	p.i++
	if !p.hierPart(false) {
		return false
	}
	return p.tail()
}

func (p *uriParser) relative() bool {
	if !p.hierPart(true) {
		return false
	}
	return p.tail()
}

// tail reads an optional query and fragment and reports whether the input ends there.
func (p *uriParser) tail() bool {
	if p.at(0) == '?' {
		p.i++
		for p.pchar() || p.at(0) == '/' || p.at(0) == '?' {
			p.next()
		}
	}
	if p.at(0) == '#' {
		p.i++
		for p.pchar() || p.at(0) == '/' || p.at(0) == '?' || p.at(0) == '[' || p.at(0) == ']' {
			p.next()
		}
	}
	return p.i == len(p.s)
}

func (p *uriParser) hierPart(noScheme bool) bool {
	switch {
	case p.at(0) == '/' && p.at(1) == '/':
		p.i += 2
		if !p.authority() {
			return false
		}
		return p.pathAbEmpty()
	case p.at(0) == '/':
		p.i++
		if p.segment(0, false) {
			return p.pathAbEmpty()
		}
		return true
	case p.pchar():
		var forbid byte
		if noScheme {
			forbid = ':'
		}
		if !p.segment(forbid, false) {
			return false
		}
		return p.pathAbEmpty()
	}
	return true
}

func (p *uriParser) pathAbEmpty() bool {
	for p.at(0) == '/' {
		p.i++
		if !p.segment(0, true) {
			return false
		}
	}
	return true
}

func (p *uriParser) segment(forbid byte, empty bool) bool {
	if !p.pchar() {
		return empty
	}
	for p.pchar() && (forbid == 0 || p.at(0) != forbid) {
		p.next()
	}
	return true
}

func (p *uriParser) authority() bool {
	start := p.i
	for p.unreserved() || p.pct() || p.subDelim() || p.at(0) == ':' {
		p.next()
	}
	if p.at(0) == '@' {
		p.i++
	} else {
		p.i = start
	}
	if !p.host() {
		return false
	}
	if p.at(0) == ':' {
		p.i++
		if !isDigit(p.at(0)) {
			return false
		}
		for isDigit(p.at(0)) {
			p.i++
		}
	}
	return true
}

func (p *uriParser) host() bool {
	if p.at(0) == '[' {
		p.i++
		for p.at(0) != ']' && p.i < len(p.s) {
			p.i++
		}
		if p.at(0) != ']' {
			return false
		}
		p.i++
		return true
	}
	// libxml2 tries an IPv4 address first, but its parser never completes one (it does not step over the second
	// dot), so every host that is not an IP literal is read as a reg-name.
	for p.unreserved() || p.pct() || p.subDelim() {
		p.next()
	}
	return true
}
