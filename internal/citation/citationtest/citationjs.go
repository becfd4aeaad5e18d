package citationtest

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/dop2i/fairmeta/bibtex"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/citation"
)

// Parsed checks what a reference parser (citation-js) read from a written record, a CSL-JSON item, against the
// record: the authors (those authors selects; all creators when nil), the title, the year and the identifiers the
// format wrote (DOI, URL, ISBN, ISSN). Names are compared as family (with particles) and given names followed by
// the suffix ("Martin Luther, Jr."), whichever part each side reads a suffix into. It returns one message per
// difference.
func Parsed(item map[string]any, r *fair.Resource, authors func(fair.Creator) bool) []string {
	var out []string
	str := func(k string) string { s, _ := item[k].(string); return s }
	// Authors.
	var want []string
	for _, c := range r.Creators {
		if authors != nil && !authors(c) {
			continue
		}
		n := citation.SplitCreator(c)
		if n.IsZero() {
			continue
		}
		if n.Literal != "" {
			want = append(want, normText(n.Literal)+"|")
			continue
		}
		want = append(want, normText(n.FullFamily())+"|"+normText(withSuffix(n.FullGiven(), n.Suffix)))
	}
	var got []string
	list, _ := item["author"].([]any)
	for _, a := range list {
		m, _ := a.(map[string]any)
		s := func(k string) string { v, _ := m[k].(string); return v }
		if lit := s("literal"); lit != "" {
			got = append(got, normText(lit)+"|")
			continue
		}
		family := strings.TrimSpace(s("non-dropping-particle") + " " + s("family"))
		given := strings.TrimSpace(s("given") + " " + s("dropping-particle"))
		got = append(got, normText(family)+"|"+normText(withSuffix(given, s("suffix"))))
	}
	if len(got) != len(want) {
		out = append(out, fmt.Sprintf("authors: read %d, wrote %d", len(got), len(want)))
	}
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			out = append(out, fmt.Sprintf("author %d: read %q, wrote %q", i, got[i], want[i]))
			break
		}
	}
	// Title (the subtitle, when there is one, is written after it).
	title := r.MainTitle()
	for _, t := range r.Titles {
		if t.Type == fair.TitleSubtitle {
			title = strings.TrimRight(title, " :") + ": " + t.Title
			break
		}
	}
	read := str("title")
	if strings.Contains(read, `\ensuremath`) {
		// citation-js does not know \ensuremath (INSPIRE's form of symbols outside math) and leaves it and the
		// symbol's command in the text: read those with the LaTeX table of package bibtex.
		read = bibtex.Decode(read)
	}
	if !sameTitle(read, title) {
		out = append(out, fmt.Sprintf("title:\n   read  %q\n   wrote %q", str("title"), title))
	}
	// Year.
	if y := citation.Year(r); y > 0 {
		got := 0
		if issued, ok := item["issued"].(map[string]any); ok {
			if parts, ok := issued["date-parts"].([]any); ok && len(parts) > 0 {
				if p, ok := parts[0].([]any); ok && len(p) > 0 {
					switch v := p[0].(type) {
					case float64:
						got = int(v)
					case string:
						fmt.Sscan(v, &got)
					}
				}
			}
		}
		if got != y {
			out = append(out, fmt.Sprintf("year: read %d, wrote %d", got, y))
		}
	}
	// Identifiers.
	if d := r.DOI(); d != "" && !strings.EqualFold(str("DOI"), citation.BareDOI(d)) {
		out = append(out, fmt.Sprintf("DOI: read %q, wrote %q", str("DOI"), d))
	}
	if r.URL != "" && str("URL") != r.URL {
		out = append(out, fmt.Sprintf("URL: read %q, wrote %q", str("URL"), r.URL))
	}
	if c := r.Container(); c != nil && c.Identifier.Identifier != "" {
		k := ""
		switch c.Identifier.Type {
		case fair.IDTypeISBN:
			k = "ISBN"
		case fair.IDTypeISSN, fair.IDTypeEISSN:
			k = "ISSN"
		}
		if k != "" && str(k) != c.Identifier.Identifier {
			out = append(out, fmt.Sprintf("%s: read %q, wrote %q", k, str(k), c.Identifier.Identifier))
		}
	}
	return out
}

func short(s string) string {
	if len(s) > 300 {
		return s[:300] + "..."
	}
	return s
}

// sameTitle compares a title a parser read with the one written. A title with TeX math ($\sqrt{s}$, as INSPIRE
// writes them) is the same when its text outside the math is found, in order, in what the parser read: parsers
// render the math their own way (citation-js as HTML, <sub>μ</sub>).
func sameTitle(read, wrote string) bool {
	r, w := normText(read), normText(wrote)
	if r == w || strings.ReplaceAll(r, " ", "") == strings.ReplaceAll(w, " ", "") {
		return true // the second: TeX eats the space after a command word the parser left in the text
	}
	parts := strings.Split(wrote, "$")
	if len(parts) < 3 || len(parts)%2 == 0 {
		return false
	}
	rest := r
	for i := 0; i < len(parts); i += 2 {
		p := normText(parts[i])
		j := strings.Index(rest, p)
		if j < 0 {
			return false
		}
		rest = rest[j+len(p):]
	}
	return true
}

// normText is the form in which titles and names are compared: Unicode composed, TeX markup the reference parser
// leaves of what it does not read ($, braces, backslashes, \ensuremath) dropped, dotless i with an accent as i,
// quotes and dashes folded, white space collapsed (and dropped after a hyphen, as citation-js joins hyphenated
// names).
func normText(s string) string {
	s = strings.ReplaceAll(s, `\ensuremath`, "")
	s = norm.NFD.String(s)
	s = strings.ReplaceAll(s, "ı\u0301", "i\u0301")
	s = strings.ReplaceAll(s, "ı\u0308", "i\u0308")
	s = norm.NFC.String(s)
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '$', '{', '}', '\\':
			continue
		case '“', '”', '‘', '’', '`', '\'', '"':
			r = '\''
		case '–', '—', '−':
			r = '-'
		}
		if unicode.IsSpace(r) {
			r = ' '
		}
		b.WriteRune(r)
	}
	return strings.ReplaceAll(strings.Join(strings.Fields(b.String()), " "), "- ", "-")
}

func withSuffix(given, suffix string) string {
	if suffix == "" {
		return given
	}
	return given + ", " + suffix
}
