package doi

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// DOI is a Digital Object Identifier in normalised form: "10.<registrant>/<suffix>" with the whole string in lower
// case, as the DataCite REST API returns it. DOIs are case-insensitive, so two DOIs are the same exactly when their
// normalised forms are equal. The zero value is the empty DOI, which is not valid.
type DOI string

// SyntaxError reports a string that is not a DOI, with the reason.
type SyntaxError struct {
	Input  string // the text as given
	Reason string // why it is not a DOI, for a person to read
}

// Error returns "doi: <input> is not a DOI: <reason>".
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("doi: %q is not a DOI: %s", e.Input, e.Reason)
}

// ErrSyntax is matched by every *SyntaxError with errors.Is.
var ErrSyntax = errors.New("doi: invalid syntax")

// Is makes errors.Is(err, ErrSyntax) true for a *SyntaxError.
func (e *SyntaxError) Is(target error) bool { return target == ErrSyntax }

// resolverHosts are the hosts whose URL paths are DOIs.
var resolverHosts = []string{"doi.org", "dx.doi.org", "www.doi.org", "hdl.handle.net"}

// prefixes are the textual prefixes people put before a bare DOI, matched without regard to case.
var prefixes = []string{"doi:", "info:doi/", "urn:doi:"}

// MaxLength is the longest text Parse reads, in bytes. The DOI Handbook sets no limit, but real DOIs are far
// shorter (DataCite's longest are a few hundred bytes); the limit keeps hostile input cheap to reject.
const MaxLength = 4096

// Parse reads a DOI from any of the forms people paste: bare ("10.1234/abc"), with a "doi:" or "DOI: " prefix,
// "info:doi/", "urn:doi:", or as a resolver URL ("https://doi.org/...", "http://dx.doi.org/...", "doi.org/...")
// with or without percent-encoding. Surrounding white space is ignored. It returns the normalised DOI or a
// *SyntaxError that says what is wrong.
func Parse(s string) (DOI, error) {
	in := s
	if len(s) > MaxLength {
		return "", &SyntaxError{in[:64] + "...", fmt.Sprintf("longer than %d bytes", MaxLength)}
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return "", &SyntaxError{in, "empty"}
	}
	if !utf8.ValidString(s) {
		return "", &SyntaxError{in, "not valid UTF-8"}
	}
	lower := strings.ToLower(s)
	stripped := false
	for _, p := range prefixes {
		if strings.HasPrefix(lower, p) {
			s = strings.TrimSpace(s[len(p):])
			stripped = true
			break
		}
	}
	if !stripped {
		if rest, ok := resolverPath(s); ok {
			s = rest
		} else if !strings.HasPrefix(s, "10.") && strings.Contains(lower, "://") {
			return "", &SyntaxError{in, "a URL, but not of a DOI resolver (doi.org)"}
		}
	}
	return check(in, s)
}

// resolverPath returns the DOI part of a resolver URL, percent-decoded, and whether s is such a URL.
func resolverPath(s string) (string, bool) {
	lower := strings.ToLower(s)
	rest := ""
	switch {
	case strings.HasPrefix(lower, "https://"):
		rest = s[len("https://"):]
	case strings.HasPrefix(lower, "http://"):
		rest = s[len("http://"):]
	default:
		rest = s
	}
	slash := strings.IndexByte(rest, '/')
	if slash < 0 {
		return "", false
	}
	host := strings.ToLower(rest[:slash])
	found := false
	for _, h := range resolverHosts {
		if host == h {
			found = true
		}
	}
	if !found {
		return "", false
	}
	path := rest[slash+1:]
	// A query or fragment belongs to the URL, not the DOI; a DOI with '?' or '#' arrives percent-encoded.
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	if dec, err := url.PathUnescape(path); err == nil {
		path = dec
	}
	return path, true
}

// check validates the "10.prefix/suffix" form and normalises it.
func check(in, s string) (DOI, error) {
	if !strings.HasPrefix(s, "10.") {
		return "", &SyntaxError{in, `does not start with "10."`}
	}
	slash := strings.IndexByte(s, '/')
	if slash < 0 {
		return "", &SyntaxError{in, `no "/" between prefix and suffix`}
	}
	prefix, suffix := s[:slash], s[slash+1:]
	reg := prefix[3:]
	if reg == "" {
		return "", &SyntaxError{in, "empty registrant code after \"10.\""}
	}
	for _, part := range strings.Split(reg, ".") {
		if part == "" {
			return "", &SyntaxError{in, fmt.Sprintf("registrant code %q has an empty part", reg)}
		}
		for _, c := range part {
			if c < '0' || c > '9' {
				return "", &SyntaxError{in, fmt.Sprintf("registrant code %q is not made of digits", reg)}
			}
		}
	}
	if suffix == "" {
		return "", &SyntaxError{in, "empty suffix"}
	}
	for _, r := range suffix {
		if unicode.IsSpace(r) || unicode.IsControl(r) || r == utf8.RuneError {
			return "", &SyntaxError{in, fmt.Sprintf("suffix contains %q", r)}
		}
	}
	return DOI(prefix + "/" + strings.ToLower(suffix)), nil
}

// MustParse is like Parse but panics on error. It is meant for constants in programs and tests.
func MustParse(s string) DOI {
	d, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Valid reports whether d is a normalised DOI.
func (d DOI) Valid() bool {
	p, err := Parse(string(d))
	return err == nil && p == d
}

// Prefix returns the part before the first "/", e.g. "10.1234".
func (d DOI) Prefix() string {
	p, _, _ := strings.Cut(string(d), "/")
	return p
}

// Suffix returns the part after the first "/".
func (d DOI) Suffix() string {
	_, s, _ := strings.Cut(string(d), "/")
	return s
}

// String returns the DOI as text, e.g. "10.1234/abc".
func (d DOI) String() string { return string(d) }

// URL returns the resolver address of d on https://doi.org/, percent-encoding what a URL path cannot carry.
func (d DOI) URL() string { return "https://doi.org/" + EscapePath(string(d)) }

// Equal reports whether a and b name the same DOI, in any of the forms Parse reads.
func Equal(a, b string) bool {
	da, err1 := Parse(a)
	db, err2 := Parse(b)
	return err1 == nil && err2 == nil && da == db
}

const upperHex = "0123456789ABCDEF"

// EscapePath percent-encodes a DOI for use as a URL path, keeping "/" and the characters that need no escaping.
func EscapePath(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~/:@!$&'()*+,;=", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(upperHex[c>>4])
		b.WriteByte(upperHex[c&15])
	}
	return b.String()
}
