package bibtex

import (
	"fmt"
	"strconv"
	"strings"
)

// Limits on what Read accepts: a hostile file is refused quickly instead of exhausting memory.
const (
	// MaxInput is the largest input Read reads, in bytes.
	MaxInput = 64 << 20
	// maxDepth is the deepest nesting of braces in a value.
	maxDepth = 100
	// maxValue is the longest value, after @string macros are expanded and parts concatenated, in bytes.
	maxValue = 1 << 20
	// maxFields is the most fields an entry may have.
	maxFields = 10000
	// maxMacros is the most @string macros a file may define.
	maxMacros = 100000
)

// SyntaxError reports BibTeX that cannot be read: where (line, the entry's key or type, the field) and what is
// wrong.
type SyntaxError struct {
	Line  int    // 1-based line of the problem
	Entry string // the entry's key, or its @type when the key was not read
	Field string // the field, when the problem is in one
	Msg   string
}

// Error says where and what, e.g. "bibtex: line 4: entry Smith:2020abc: field title: unbalanced braces".
func (e *SyntaxError) Error() string {
	var b strings.Builder
	b.WriteString("bibtex: line " + strconv.Itoa(e.Line))
	if e.Entry != "" {
		b.WriteString(": entry " + e.Entry)
	}
	if e.Field != "" {
		b.WriteString(": field " + e.Field)
	}
	return b.String() + ": " + e.Msg
}

// rawEntry is an entry as the file writes it: type and field names in lower case, values with their delimiters
// removed, macros expanded and parts joined, still LaTeX.
type rawEntry struct {
	Type, Key string
	Line      int
	Fields    []field
}

func (e *rawEntry) get(name string) string {
	for _, f := range e.Fields {
		if f.Name == name {
			return f.Value
		}
	}
	return ""
}

// monthMacros are BibTeX's predefined month macros.
var monthMacros = map[string]string{
	"jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
	"jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
}

type parser struct {
	s      string
	i      int
	macros map[string]string
}

func (p *parser) line() int { return strings.Count(p.s[:min(p.i, len(p.s))], "\n") + 1 }

func (p *parser) skipSpace() {
	for p.i < len(p.s) && strings.IndexByte(" \t\r\n\f\v", p.s[p.i]) >= 0 {
		p.i++
	}
}

// parseFile reads every entry of a BibTeX file. An entry that cannot be read is skipped and reported in skipped,
// with its error; the text outside entries is a comment, as BibTeX reads it.
func parseFile(s string) (entries []rawEntry, skipped []*SyntaxError) {
	p := &parser{s: s, macros: map[string]string{}}
	for {
		at := strings.IndexByte(p.s[p.i:], '@')
		if at < 0 {
			return entries, skipped
		}
		p.i += at + 1
		start := p.i
		e, err := p.entry()
		if err != nil {
			skipped = append(skipped, err)
			p.i = start // resume after the '@' that failed
			continue
		}
		if e != nil {
			entries = append(entries, *e)
		}
	}
}

func (p *parser) errorf(entry, field, format string, args ...any) *SyntaxError {
	return &SyntaxError{Line: p.line(), Entry: entry, Field: field, Msg: fmt.Sprintf(format, args...)}
}

func isIdent(c byte) bool {
	return c > ' ' && c < 127 && strings.IndexByte(`"#%'(),={}`, c) < 0
}

func (p *parser) ident() string {
	start := p.i
	for p.i < len(p.s) && isIdent(p.s[p.i]) {
		p.i++
	}
	return p.s[start:p.i]
}

// entry reads what follows an '@': an entry, or a @string, @preamble or @comment (which give nil).
func (p *parser) entry() (*rawEntry, *SyntaxError) {
	p.skipSpace()
	typ := strings.ToLower(p.ident())
	if typ == "" {
		return nil, p.errorf("", "", "an entry type must follow '@'")
	}
	p.skipSpace()
	if p.i >= len(p.s) || p.s[p.i] != '{' && p.s[p.i] != '(' {
		return nil, p.errorf("@"+typ, "", "'{' or '(' must follow @%s", typ)
	}
	closer := byte('}')
	if p.s[p.i] == '(' {
		closer = ')'
	}
	p.i++
	switch typ {
	case "comment":
		// Everything up to the matching brace (or the end of the line for other forms) is a comment.
		if closer == '}' {
			if end := matchingBrace(p.s, p.i-1); end > 0 {
				p.i = end + 1
				return nil, nil
			}
		}
		if nl := strings.IndexByte(p.s[p.i:], '\n'); nl >= 0 {
			p.i += nl + 1
		} else {
			p.i = len(p.s)
		}
		return nil, nil
	case "preamble":
		if _, err := p.value("@preamble", "preamble"); err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.i >= len(p.s) || p.s[p.i] != closer {
			return nil, p.errorf("@preamble", "", "%q must close @preamble", closer)
		}
		p.i++
		return nil, nil
	case "string":
		p.skipSpace()
		name := strings.ToLower(p.ident())
		if name == "" {
			return nil, p.errorf("@string", "", "a macro name must follow @string")
		}
		p.skipSpace()
		if p.i >= len(p.s) || p.s[p.i] != '=' {
			return nil, p.errorf("@string", name, "'=' must follow the macro name")
		}
		p.i++
		v, err := p.value("@string", name)
		if err != nil {
			return nil, err
		}
		p.skipSpace()
		if p.i >= len(p.s) || p.s[p.i] != closer {
			return nil, p.errorf("@string", name, "%q must close @string", closer)
		}
		p.i++
		if len(p.macros) >= maxMacros {
			return nil, p.errorf("@string", name, "more than %d macros", maxMacros)
		}
		p.macros[name] = v
		return nil, nil
	}
	e := &rawEntry{Type: typ, Line: p.line()}
	p.skipSpace()
	start := p.i
	for p.i < len(p.s) && p.s[p.i] != ',' && p.s[p.i] != closer && !strings.ContainsRune(" \t\r\n", rune(p.s[p.i])) {
		p.i++
	}
	e.Key = p.s[start:p.i]
	who := e.Key
	if who == "" {
		who = "@" + typ
	}
	seen := map[string]bool{}
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			return nil, p.errorf(who, "", "the file ends inside the entry")
		}
		switch p.s[p.i] {
		case closer:
			p.i++
			return e, nil
		case ',':
			p.i++
			continue
		}
		name := strings.ToLower(p.ident())
		if name == "" {
			return nil, p.errorf(who, "", "a field name or %q expected, found %q", closer, p.s[p.i])
		}
		p.skipSpace()
		if p.i >= len(p.s) || p.s[p.i] != '=' {
			return nil, p.errorf(who, name, "'=' must follow the field name")
		}
		p.i++
		v, err := p.value(who, name)
		if err != nil {
			return nil, err
		}
		if len(e.Fields) >= maxFields {
			return nil, p.errorf(who, name, "more than %d fields", maxFields)
		}
		if seen[name] {
			e.Fields = append(e.Fields, field{Name: name + "#duplicate", Value: v})
			continue
		}
		seen[name] = true
		e.Fields = append(e.Fields, field{Name: name, Value: v})
	}
}

// value reads a field value: parts in braces or quotes, numbers and macros, joined by '#'.
func (p *parser) value(who, name string) (string, *SyntaxError) {
	var b strings.Builder
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			return "", p.errorf(who, name, "the file ends before the value")
		}
		switch c := p.s[p.i]; {
		case c == '{':
			end, err := p.delimited(who, name, '{', '}')
			if err != nil {
				return "", err
			}
			b.WriteString(p.s[p.i+1 : end])
			p.i = end + 1
		case c == '"':
			end, err := p.delimited(who, name, '"', '"')
			if err != nil {
				return "", err
			}
			b.WriteString(p.s[p.i+1 : end])
			p.i = end + 1
		case c >= '0' && c <= '9':
			start := p.i
			for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
				p.i++
			}
			b.WriteString(p.s[start:p.i])
		default:
			m := strings.ToLower(p.ident())
			if m == "" {
				return "", p.errorf(who, name, "a value expected, found %q", c)
			}
			if v, ok := p.macros[m]; ok {
				b.WriteString(v)
			} else if v, ok := monthMacros[m]; ok {
				b.WriteString(v)
			} else {
				b.WriteString(m) // an undefined macro: BibTeX warns and reads it empty; keeping the word says more
			}
		}
		if b.Len() > maxValue {
			return "", p.errorf(who, name, "a value longer than %d bytes", maxValue)
		}
		p.skipSpace()
		if p.i < len(p.s) && p.s[p.i] == '#' {
			p.i++
			continue
		}
		return b.String(), nil
	}
}

// delimited returns the index of the delimiter closing the one at p.s[p.i]: braces nest (to maxDepth); a quote
// closes a quoted value only outside braces.
func (p *parser) delimited(who, name string, open, close byte) (int, *SyntaxError) {
	depth := 0
	if open == '{' {
		depth = 1
	}
	for j := p.i + 1; j < len(p.s); j++ {
		switch c := p.s[j]; c {
		case '{': // BibTeX counts every brace, escaped or not
			depth++
			if depth > maxDepth {
				return 0, p.errorf(who, name, "braces nested deeper than %d", maxDepth)
			}
		case '}':
			depth--
			if open == '{' && depth == 0 {
				return j, nil
			}
			if depth < 0 {
				return 0, p.errorf(who, name, "a '}' closes nothing")
			}
		case '"':
			if open == '"' && depth == 0 {
				return j, nil
			}
		}
	}
	return 0, p.errorf(who, name, "the value is not closed (unbalanced braces or quotes)")
}
