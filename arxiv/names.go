package arxiv

import (
	"strings"
	"unicode/utf8"

	"github.com/dop2i/fairmeta/fair"
)

// parseAuthors reads arXivRaw's author list, one string as submitters type it: names separated by commas and
// "and", TeX accents, affiliations in parentheses after a name ("A. Author (CERN), B. Author") or numbered
// ("A. Author (1), B. Author (1 and 2) ((1) CERN, (2) LAL)"), collaborations among them.
func parseAuthors(s string) []fair.Creator {
	s = decodeTeX(strings.Join(strings.Fields(s), " "))
	// Numbered affiliations at the end: "((1) CERN, (2) LAL)".
	numbered := map[string]string{}
	if i := strings.LastIndex(s, "(("); i >= 0 && strings.HasSuffix(s, ")") {
		list := s[i+1 : len(s)-1]
		s = strings.TrimSpace(s[:i])
		// "(1) IJCLab, Orsay, France, (2) CERN": each affiliation runs from its marker to the next one.
		var key string
		start := -1
		flush := func(end int) {
			if key != "" && start >= 0 {
				numbered[key] = strings.TrimRight(strings.TrimSpace(list[start:end]), ",;")
			}
		}
		for j := 0; j < len(list); j++ {
			if list[j] != '(' {
				continue
			}
			k := strings.IndexByte(list[j:], ')')
			if k < 0 {
				break
			}
			if m := strings.TrimSpace(list[j+1 : j+k]); m != "" && len(m) <= 3 && (j == 0 || list[j-1] == ' ' || list[j-1] == ',') {
				flush(j)
				key, start = m, j+k+1
				j += k
			}
		}
		flush(len(list))
	}
	var out []fair.Creator
	for _, item := range splitTop(s, ',') {
		for _, name := range splitAnd(item) {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			var affs []string
			for {
				j := strings.LastIndexByte(name, '(')
				if j < 0 || !strings.HasSuffix(name, ")") {
					break
				}
				inner := strings.TrimSpace(name[j+1 : len(name)-1])
				name = strings.TrimSpace(name[:j])
				var parts []string
				for _, p := range strings.FieldsFunc(inner, func(r rune) bool { return r == ',' || r == ' ' }) {
					if p != "and" {
						parts = append(parts, p)
					}
				}
				allNumbers := len(parts) > 0
				for _, p := range parts {
					if _, ok := numbered[p]; !ok {
						allNumbers = false
					}
				}
				if allNumbers {
					for _, p := range parts {
						affs = append(affs, numbered[p])
					}
				} else {
					affs = append([]string{inner}, affs...)
				}
			}
			c := personOf(name)
			if c.Name == "" {
				continue
			}
			for _, a := range affs {
				c.Affiliations = append(c.Affiliations, fair.Affiliation{Name: a})
			}
			out = append(out, c)
		}
	}
	return out
}

// splitTop splits s on sep outside parentheses.
func splitTop(s string, sep byte) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case sep:
			if depth == 0 {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

// splitAnd splits "A. Author and B. Author" outside parentheses.
func splitAnd(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth > 0 {
				depth--
			}
		case ' ':
			if depth == 0 && strings.HasPrefix(s[i:], " and ") {
				out = append(out, s[start:i])
				start = i + 5
				i += 4
			}
		}
	}
	return append(out, s[start:])
}

// accents maps a TeX accent command and a letter to the accented letter.
var accents = map[byte]map[byte]string{
	'\'': {'a': "á", 'e': "é", 'i': "í", 'o': "ó", 'u': "ú", 'y': "ý", 'c': "ć", 'n': "ń", 's': "ś", 'z': "ź", 'A': "Á", 'E': "É", 'I': "Í", 'O': "Ó", 'U': "Ú", 'C': "Ć", 'S': "Ś", 'Z': "Ź"},
	'`':  {'a': "à", 'e': "è", 'i': "ì", 'o': "ò", 'u': "ù", 'A': "À", 'E': "È", 'O': "Ò", 'U': "Ù"},
	'^':  {'a': "â", 'e': "ê", 'i': "î", 'o': "ô", 'u': "û", 'A': "Â", 'E': "Ê", 'I': "Î", 'O': "Ô", 'U': "Û"},
	'"':  {'a': "ä", 'e': "ë", 'i': "ï", 'o': "ö", 'u': "ü", 'y': "ÿ", 'A': "Ä", 'E': "Ë", 'O': "Ö", 'U': "Ü"},
	'~':  {'a': "ã", 'n': "ñ", 'o': "õ", 'A': "Ã", 'N': "Ñ", 'O': "Õ"},
	'c':  {'c': "ç", 's': "ş", 'C': "Ç", 'S': "Ş"},
	'v':  {'c': "č", 's': "š", 'z': "ž", 'r': "ř", 'e': "ě", 'n': "ň", 'C': "Č", 'S': "Š", 'Z': "Ž", 'R': "Ř"},
	'H':  {'o': "ő", 'u': "ű", 'O': "Ő", 'U': "Ű"},
	'k':  {'a': "ą", 'e': "ę", 'A': "Ą", 'E': "Ę"},
	'=':  {'a': "ā", 'e': "ē", 'o': "ō", 'u': "ū"},
	'.':  {'z': "ż", 'Z': "Ż", 'I': "İ"},
	'u':  {'a': "ă", 'g': "ğ", 'A': "Ă"},
	'r':  {'a': "å", 'A': "Å", 'u': "ů"},
}

// letters are TeX's named letters.
var letters = map[string]string{"ss": "ß", "o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å", "i": "ı"}

// decodeTeX turns the TeX accents of names and titles into letters (\'e, {\'e}, \'{e}, \"o, \c{c}, \ss, \o) and
// drops the braces around single letters; other TeX is kept as it is.
func decodeTeX(s string) string {
	if !strings.ContainsAny(s, "\\{") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c == '{' && i+2 < len(s) && s[i+1] == '\\' {
			// "{\'e}": decode the inside, drop the braces.
			if j := strings.IndexByte(s[i:], '}'); j > 0 {
				inner := s[i+1 : i+j]
				if dec := decodeTeX(inner); dec != inner && utf8.RuneCountInString(dec) <= 2 {
					b.WriteString(dec)
					i += j + 1
					continue
				}
			}
		}
		if c == '\\' && i+1 < len(s) {
			cmd := s[i+1]
			if m, ok := accents[cmd]; ok {
				j := i + 2
				if j < len(s) && s[j] == ' ' && (cmd >= 'a' && cmd <= 'z' || cmd >= 'A' && cmd <= 'Z') {
					j++
				}
				braced := j < len(s) && s[j] == '{'
				if braced {
					j++
				}
				if j < len(s) && s[j] == '\\' && j+1 < len(s) && s[j+1] == 'i' {
					// \'{\i}: the dotless i takes the accent.
					if r, ok := m['i']; ok {
						end := j + 2
						if braced && end < len(s) && s[end] == '}' {
							end++
						}
						b.WriteString(r)
						i = end
						continue
					}
				}
				if j < len(s) {
					if r, ok := m[s[j]]; ok {
						end := j + 1
						if braced && end < len(s) && s[end] == '}' {
							end++
						}
						b.WriteString(r)
						i = end
						continue
					}
				}
			}
			// Named letters: \ss, \o, \l, \ae ...
			j := i + 1
			for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
				j++
			}
			if r, ok := letters[s[i+1:j]]; ok {
				b.WriteString(r)
				if j < len(s) && (s[j] == ' ' || s[j] == '{' && j+1 < len(s) && s[j+1] == '}') {
					if s[j] == '{' {
						j++
					}
					j++
				}
				i = j
				continue
			}
		}
		if c == '{' && i+2 < len(s) && s[i+2] == '}' && !afterCommand(s, i) {
			b.WriteByte(s[i+1]) // "{B}" in a title
			i += 3
			continue
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// afterCommand reports whether s[i] follows a TeX command name ("\\cite{"), whose argument the brace opens.
func afterCommand(s string, i int) bool {
	k := i
	for k > 0 && (s[k-1] >= 'a' && s[k-1] <= 'z' || s[k-1] >= 'A' && s[k-1] <= 'Z') {
		k--
	}
	return k < i && k > 0 && s[k-1] == '\\'
}
