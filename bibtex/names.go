package bibtex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dop2i/fairmeta/internal/citation"
)

// formatName writes a name as BibTeX reads it back: "von Last, First", "von Last, Jr, First", a person without a
// given name "Last," (so that "Info Flora" stays one family name), or an organisation in braces so that it is never
// split ("{European Southern Observatory}"). A family name BibTeX would split (a comma, the word "and", a word in
// lower case after the first) is braced.
func formatName(n citation.Name) string {
	if n.Literal != "" {
		return "{" + Encode(n.Literal) + "}"
	}
	part := func(s string) string {
		e := Encode(s)
		if needsBraces(s) {
			return "{" + e + "}"
		}
		return e
	}
	last := Encode(n.Family)
	if needsBraces(n.Family) || hasLowerWord(n.Family) || startsLower(n.Family) {
		last = "{" + last + "}" // else parsers take a lower-case word, even "rla-archaeology", for a particle
	}
	if n.NonDroppingParticle != "" {
		last = part(n.NonDroppingParticle) + " " + last
	}
	given := n.FullGiven()
	switch {
	case n.Suffix != "":
		return last + ", " + part(n.Suffix) + ", " + part(given)
	case given != "":
		return last + ", " + part(given)
	case strings.ContainsAny(last, " {"):
		return last + "," // a person: "{X}" alone would be an organisation
	}
	return last
}

// hasLowerWord reports whether a family name of several words has one that starts in lower case, which BibTeX
// would read as a particle. BibTeX separates the words of a name at hyphens and ties too ("Ehtisham-ul-Haq").
func hasLowerWord(s string) bool {
	words := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '-' || r == '~' })
	if len(words) < 2 {
		return false
	}
	for _, w := range words {
		if startsLower(w) {
			return true
		}
	}
	return false
}

// needsBraces reports whether a part of a name holds a comma or the word "and", which BibTeX would split at.
func needsBraces(s string) bool {
	if strings.Contains(s, ",") {
		return true
	}
	for _, w := range strings.Fields(s) {
		if strings.EqualFold(w, "and") {
			return true
		}
	}
	return false
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// splitAnd splits a BibTeX name list at the word "and" outside braces.
func splitAnd(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '{':
			depth++
		case '}':
			if depth > 0 {
				depth--
			}
		case 'a', 'A':
			if depth == 0 && i > 0 && isSpace(s[i-1]) && i+3 < len(s) && strings.EqualFold(s[i:i+3], "and") && isSpace(s[i+3]) {
				out = append(out, strings.TrimSpace(s[start:i]))
				start = i + 3
				i += 2
			}
		}
	}
	out = append(out, strings.TrimSpace(s[start:]))
	res := out[:0]
	for _, n := range out {
		if n != "" {
			res = append(res, n)
		}
	}
	return res
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '~' }

// splitTop splits s at sep outside braces.
func splitTop(s string, sep func(byte) bool) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			i++ // \~ is an accent, \, a space: not separators
		case c == '{':
			depth++
		case c == '}':
			if depth > 0 {
				depth--
			}
		case depth == 0 && sep(c):
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// words splits a name part into its words, outside braces.
func words(s string) []string {
	var out []string
	for _, w := range splitTop(s, isSpace) {
		if w = strings.TrimSpace(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// isVon reports whether a word starts in lower case, as BibTeX decides it: the first letter outside braces, or the
// first letter of a special character ({\'e}) at the start.
func isVon(w string) bool {
	if strings.HasPrefix(w, "{") {
		if !strings.HasPrefix(w, `{\`) {
			return false // {Name} is protected: never a particle
		}
		return startsLower(Decode(w))
	}
	for _, r := range Decode(w) {
		if unicode.IsLetter(r) {
			return unicode.IsLower(r)
		}
	}
	return false
}

// parseName reads one BibTeX name: "First von Last", "von Last, First" or "von Last, Jr, First"; a name wholly in
// braces is an organisation.
func parseName(s string) citation.Name {
	s = strings.TrimSpace(s)
	if len(s) > 1 && s[0] == '{' && matchingBrace(s, 0) == len(s)-1 {
		return citation.Name{Literal: strings.TrimSpace(Decode(s[1 : len(s)-1]))}
	}
	parts := splitTop(s, func(c byte) bool { return c == ',' })
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	var von, last, jr, first []string
	switch len(parts) {
	case 1:
		w := words(parts[0])
		if len(w) == 0 {
			return citation.Name{}
		}
		// von spans from the first to the last lower-case word before the last word.
		vs, ve := -1, -1
		for i := 0; i < len(w)-1; i++ {
			if isVon(w[i]) {
				if vs < 0 {
					vs = i
				}
				ve = i
			}
		}
		if vs < 0 {
			first, last = w[:len(w)-1], w[len(w)-1:]
		} else {
			first, von, last = w[:vs], w[vs:ve+1], w[ve+1:]
		}
	default:
		w := words(parts[0])
		i := 0
		for i < len(w)-1 && isVon(w[i]) {
			i++
		}
		von, last = w[:i], w[i:]
		if len(parts) == 2 {
			first = words(parts[1])
		} else {
			jr = words(parts[1])
			first = words(strings.Join(parts[2:], ","))
		}
	}
	dec := func(ws []string) string { return strings.TrimSpace(Decode(strings.Join(ws, " "))) }
	n := citation.Name{NonDroppingParticle: dec(von), Family: dec(last), Suffix: dec(jr)}
	n.Given, n.DroppingParticle = dec(first), ""
	if n.Family == "" && n.NonDroppingParticle == "" {
		n.Family, n.Given = n.Given, ""
	}
	return n
}

// matchingBrace returns the index of the brace closing the one at s[i], or -1.
func matchingBrace(s string, i int) int {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return -1
}
