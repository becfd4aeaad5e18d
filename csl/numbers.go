package csl

import (
	"strconv"
	"strings"
	"unicode"
)

// numPart is one piece of a number variable: a number (possibly with letters around it) or a separator.
type numPart struct {
	text  string
	sep   string // separator that follows (normalised: "-", ", ", " & ", …)
	isNum bool
	n     int // the digits' value when the part is a plain number
	plain bool
}

// splitNumbers splits "12-15, 17 & 19" into numbers and separators. A backslash-escaped hyphen is literal.
func splitNumbers(v string) []numPart {
	var parts []numPart
	var cur strings.Builder
	flush := func(sep string) {
		t := strings.TrimSpace(cur.String())
		cur.Reset()
		p := numPart{text: t, sep: sep}
		p.isNum = numericToken(t)
		if n, err := strconv.Atoi(t); err == nil {
			p.n, p.plain = n, true
		}
		parts = append(parts, p)
	}
	rs := []rune(v)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\\' && i+1 < len(rs) && rs[i+1] == '-':
			cur.WriteRune('-')
			i++
		case r == '-' || r == '–' || r == '—':
			flush("-")
		case r == ',':
			flush(",")
		case r == '&':
			flush("&")
		case r == ' ' && i+4 < len(rs) && string(rs[i:i+5]) == " and ":
			flush("and")
			i += 4
		default:
			cur.WriteRune(r)
		}
	}
	flush("")
	return parts
}

// numericToken: digits with at most a letter prefix or suffix ("2", "2b", "D2", "L2d", "xii" roman).
func numericToken(t string) bool {
	if t == "" {
		return false
	}
	digits := 0
	for _, r := range t {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case unicode.IsLetter(r):
		default:
			return false
		}
	}
	if digits == 0 {
		return isRoman(strings.ToLower(t))
	}
	// Letters may only be at the edges.
	trimmed := strings.TrimFunc(t, unicode.IsLetter)
	for _, r := range trimmed {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func isRoman(s string) bool {
	if s == "" || len(s) > 10 {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("ivxlcdm", r) {
			return false
		}
	}
	return true
}

// isNumeric is the is-numeric test: the value consists only of numbers joined by hyphens, commas and ampersands.
func isNumeric(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" {
		return false
	}
	parts := splitNumbers(v)
	for i, p := range parts {
		if !p.isNum {
			return false
		}
		if p.sep == "" && i != len(parts)-1 {
			return false
		}
	}
	// Roman-only tokens count only in simple cases like "xii".
	return true
}

func (c *rctx) renderNumber(e *numberEl) *node {
	c.called++
	v := c.variable(e.variable)
	if v == "" {
		return nil
	}
	c.found++
	c.record(e.variable)
	if c.sortKey != nil {
		return leaf(numSortKey(v), kField)
	}
	if !isNumeric(v) {
		return c.decorate(parseRich(v, kField), &e.common)
	}
	parts := splitNumbers(v)
	gender := c.p.loc.termGender(e.variable)
	var b strings.Builder
	for i, p := range parts {
		txt := p.text
		if p.plain {
			switch e.form {
			case "ordinal":
				txt = strconv.Itoa(p.n) + c.p.loc.ordinalSuffix(p.n, gender)
			case "long-ordinal":
				txt = c.longOrdinal(p.n, gender)
			case "roman":
				txt = toRoman(p.n)
			}
		}
		b.WriteString(txt)
		if i < len(parts)-1 {
			switch p.sep {
			case "-":
				b.WriteString(c.rangeDelim())
			case ",":
				b.WriteString(", ")
			case "&":
				b.WriteString(" & ")
			case "and":
				b.WriteString(" and ")
			}
		}
	}
	n := &node{}
	if e.form == "ordinal" || e.form == "long-ordinal" {
		n = parseRich(b.String(), kNumber)
	} else {
		n = leaf(b.String(), kNumber)
	}
	return c.decorate(n, &e.common)
}

func (c *rctx) rangeDelim() string {
	if d := c.p.loc.termText("page-range-delimiter", "long", false); d != "" {
		return d
	}
	return "–"
}

func (c *rctx) longOrdinal(n int, gender string) string {
	if n >= 1 && n <= 10 {
		name := "long-ordinal-" + twoDigits(n)
		if t := c.p.loc.term(name, "long", gender); t != nil {
			return t.single
		}
	}
	return strconv.Itoa(n) + c.p.loc.ordinalSuffix(n, gender)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func toRoman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// numSortKey pads the numbers in a value so that they sort numerically.
func numSortKey(v string) string {
	parts := splitNumbers(v)
	var b strings.Builder
	for i, p := range parts {
		if p.plain {
			s := strconv.Itoa(p.n)
			b.WriteString(strings.Repeat("0", max(0, 10-len(s))))
			b.WriteString(s)
		} else {
			b.WriteString(p.text)
		}
		if i < len(parts)-1 {
			b.WriteString(p.sep)
		}
	}
	return b.String()
}

// numberRange writes the ranges of a non-page locator with the range delimiter, without page-range-format.
func (c *rctx) numberRange(v string) string {
	saved := c.p.style.opts["page-range-format"]
	if saved == "" {
		return c.pageRange(v)
	}
	parts := splitNumbers(v)
	for _, p := range parts {
		if !p.isNum {
			return v
		}
	}
	return c.joinRanges(parts)
}

// joinRanges writes number parts back with the locale's range delimiter for hyphens and the other separators as
// they were.
func (c *rctx) joinRanges(parts []numPart) string {
	var b strings.Builder
	for i, p := range parts {
		b.WriteString(p.text)
		if i < len(parts)-1 {
			if p.sep == "-" {
				b.WriteString(c.rangeDelim())
			} else {
				writeSep(&b, p.sep, true)
			}
		}
	}
	return b.String()
}

// rangeVars are the number variables whose ranges of plain numbers cs:text writes with the range delimiter, as
// citeproc-js does ("273-275" in volume becomes "273–275").
var rangeVars = map[string]bool{"volume": true, "issue": true, "number": true, "edition": true, "collection-number": true,
	"chapter-number": true, "number-of-pages": true, "number-of-volumes": true}

// plainRange writes a value made only of plain numbers joined by hyphens, commas and ampersands ("273-275",
// "1-2, 5-7") with the locale's range delimiter; any other value is returned as it is.
func (c *rctx) plainRange(v string) string {
	if !strings.ContainsAny(v, "-–—") {
		return v
	}
	parts := splitNumbers(v)
	for _, p := range parts {
		if !p.plain {
			return v
		}
	}
	return c.joinRanges(parts)
}

// pageRange formats the page ranges in a page or locator value per the style's page-range-format, with the locale's
// range delimiter.
func (c *rctx) pageRange(v string) string {
	if !strings.ContainsAny(v, "-–—") {
		return v
	}
	format := c.p.style.opts["page-range-format"]
	parts := splitNumbers(v)
	var b strings.Builder
	for i := 0; i < len(parts); i++ {
		p := parts[i]
		if p.sep == "-" && i+1 < len(parts) {
			q := parts[i+1]
			lp, lq := letterPrefix(p.text), letterPrefix(q.text)
			if p.plain && q.plain {
				b.WriteString(p.text)
				b.WriteString(c.rangeDelim())
				b.WriteString(formatRangeEnd(p.text, q.text, format))
			} else if format != "" && lp != "" && lp == lq && isDigits(p.text[len(lp):]) && isDigits(q.text[len(lq):]) {
				b.WriteString(p.text)
				b.WriteString(c.rangeDelim())
				end := formatRangeEnd(p.text[len(lp):], q.text[len(lq):], format)
				if len(end) >= len(formatRangeEnd(p.text[len(lp):], q.text[len(lq):], "expanded")) {
					end = lq + end // nothing dropped: the prefix stays
				}
				b.WriteString(end)
			} else if isRoman(strings.ToLower(p.text)) && isRoman(strings.ToLower(q.text)) {
				b.WriteString(p.text)
				b.WriteString(c.rangeDelim())
				b.WriteString(q.text)
			} else if p.isNum && q.isNum && lp == lq {
				b.WriteString(p.text)
				b.WriteString(c.rangeDelim())
				b.WriteString(q.text)
			} else {
				b.WriteString(p.text)
				b.WriteString("-")
				b.WriteString(q.text)
			}
			writeSep(&b, q.sep, i+1 < len(parts)-1)
			i++
			continue
		}
		b.WriteString(p.text)
		writeSep(&b, p.sep, i < len(parts)-1)
	}
	return b.String()
}

func letterPrefix(s string) string {
	return strings.TrimRightFunc(s, func(r rune) bool { return !unicode.IsLetter(r) || unicode.IsDigit(r) })
}

func writeSep(b *strings.Builder, sep string, more bool) {
	if !more {
		return
	}
	switch sep {
	case ",":
		b.WriteString(", ")
	case "&":
		b.WriteString(" & ")
	case "and":
		b.WriteString(" and ")
	case "-":
		b.WriteString("-")
	}
}

// formatRangeEnd writes the second number of a range per page-range-format.
func formatRangeEnd(first, last, format string) string {
	if format == "" {
		return last
	}
	if len(last) < len(first) {
		// Expand "100-4" to "100-104" first.
		last = first[:len(first)-len(last)] + last
	}
	f, _ := strconv.Atoi(first)
	l, _ := strconv.Atoi(last)
	if l <= f && len(last) == len(first) && last < first {
		return last
	}
	minimal := func(keep int) string {
		if len(first) != len(last) {
			return last
		}
		i := 0
		for i < len(first) && first[i] == last[i] {
			i++
		}
		if len(last)-i < keep {
			i = len(last) - keep
			if i < 0 {
				i = 0
			}
		}
		return last[i:]
	}
	switch format {
	case "expanded":
		return last
	case "minimal":
		return minimal(1)
	case "minimal-two":
		return minimal(2)
	case "chicago", "chicago-15", "chicago-16":
		switch {
		case f < 100 || f%100 == 0:
			return last
		case f%100 < 10:
			return minimal(1)
		default:
			m := minimal(2)
			if format != "chicago-16" && len(first) == 4 && len(m) >= 3 {
				return last
			}
			return m
		}
	}
	return last
}
