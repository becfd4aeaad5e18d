package csl

import (
	"fmt"
	"strconv"
)

// renderDate renders cs:date, localized (form="text"/"numeric") or as the style spells it out.
func (c *rctx) renderDate(e *dateEl) *node {
	c.called++
	d := c.item.Dates[e.variable]
	if d == nil || c.suppressed[e.variable] {
		return nil
	}
	if c.sortKey != nil {
		c.found++
		if c.sortKey.macro != "" {
			// A date a macro renders sorts on the date parts the macro shows, the others counting as absent
			// (CSL 1.0.2, Sorting: a macro's sort key is what the macro renders).
			parts, _ := c.dateParts(e)
			return leaf(dateSortKeyParts(d, parts), kField)
		}
		return leaf(dateSortKey(d), kField)
	}
	if len(d.Parts) == 0 {
		if d.Literal == "" {
			return nil
		}
		c.found++
		c.record(e.variable)
		return c.decorate(parseRich(d.Literal, kField), &e.common)
	}
	parts, delim := c.dateParts(e)
	if len(parts) == 0 {
		return nil
	}
	var n *node
	if len(d.Parts) == 2 {
		n = c.dateRange(d, parts, delim)
	} else {
		n = c.dateSingle(d, d.Parts[0], parts, delim, true)
	}
	if n == nil || n.isEmpty() {
		return nil
	}
	// A date counts as content only when some part of it rendered.
	c.found++
	c.record(e.variable)
	cm := e.common
	if e.form != "" {
		// A localized date: the locale's date element gives the delimiter; the style's affixes wrap it.
		cm.delimiter = ""
	}
	return c.decorate(n, &cm)
}

// dateParts resolves the date-part elements to render, with their order, merging a localized format with the
// style's date-part overrides.
func (c *rctx) dateParts(e *dateEl) ([]*datePartEl, string) {
	if e.form == "" {
		return e.parts, e.delimiter
	}
	loc := c.p.loc.date(e.form)
	if loc == nil {
		return e.parts, e.delimiter
	}
	want := map[string]bool{"year": true, "month": true, "day": true}
	switch e.partsSel {
	case "year-month":
		want["day"] = false
	case "year":
		want["day"], want["month"] = false, false
	}
	var out []*datePartEl
	for _, lp := range loc.parts {
		if !want[lp.name] {
			continue
		}
		p := *lp
		for _, sp := range e.parts {
			if sp.name != lp.name {
				continue
			}
			// Style overrides: everything but affixes.
			if sp.form != "" {
				p.form = sp.form
			}
			if !sp.fmt.empty() {
				mergeFmt(&p.fmt, sp.fmt)
			}
			if sp.textCase != "" {
				p.textCase = sp.textCase
			}
			if sp.strip {
				p.strip = true
			}
			if sp.hasRangeDelim {
				p.rangeDelimiter, p.hasRangeDelim = sp.rangeDelimiter, true
			}
		}
		out = append(out, &p)
	}
	// The last rendered part drops a trailing suffix that only separated it from a dropped part.
	return out, loc.delimiter
}

func mergeFmt(dst *formatting, src formatting) {
	if src.fontStyle != "" {
		dst.fontStyle = src.fontStyle
	}
	if src.fontVariant != "" {
		dst.fontVariant = src.fontVariant
	}
	if src.fontWeight != "" {
		dst.fontWeight = src.fontWeight
	}
	if src.textDecoration != "" {
		dst.textDecoration = src.textDecoration
	}
	if src.verticalAlign != "" {
		dst.verticalAlign = src.verticalAlign
	}
}

func partIndex(name string) int {
	switch name {
	case "year":
		return 0
	case "month":
		return 1
	}
	return 2
}

// dateSingle renders one date (or one end of a range) with the given parts.
func (c *rctx) dateSingle(d *Date, dp [3]int, parts []*datePartEl, delim string, withSuffix bool) *node {
	var rendered []*node
	for _, p := range parts {
		if n := c.datePart(d, dp, p, withSuffix); n != nil {
			rendered = append(rendered, n)
		}
	}
	return join(rendered, delim)
}

func (c *rctx) datePart(d *Date, dp [3]int, p *datePartEl, withYearSuffix bool) *node {
	var s string
	kind := kField
	switch p.name {
	case "year":
		y := dp[0]
		if y == 0 {
			return nil
		}
		switch {
		case y < 0:
			s = strconv.Itoa(-y) + c.p.loc.termText("bc", "long", false)
		case y < 1000:
			s = strconv.Itoa(y) + c.p.loc.termText("ad", "long", false)
		case p.form == "short":
			s = fmt.Sprintf("%02d", y%100)
		default:
			s = strconv.Itoa(y)
		}
		if withYearSuffix && c.dis != nil && c.dis.yearSuffix > 0 && !c.yearSuffixUsed && !c.yearSuffixDone && !c.noYearSuffix && c.p.style.usesYearSuffixVar == false {
			s += yearSuffixLetters(c.dis.yearSuffix)
			c.yearSuffixDone = true
		}
	case "month":
		m := dp[1]
		if m == 0 {
			if d.Season != "" && dp == d.Parts[0] {
				if n, err := strconv.Atoi(d.Season); err == nil && n >= 1 && n <= 4 {
					s = c.p.loc.termText(fmt.Sprintf("season-%02d", n), "long", false)
				} else {
					s = d.Season
				}
				break
			}
			return nil
		}
		if m >= 13 && m <= 16 {
			s = c.p.loc.termText(fmt.Sprintf("season-%02d", m-12), "long", false)
			break
		}
		if m > 12 {
			return nil
		}
		switch p.form {
		case "numeric":
			s = strconv.Itoa(m)
		case "numeric-leading-zeros":
			s = fmt.Sprintf("%02d", m)
		case "short":
			s = c.p.loc.termText(fmt.Sprintf("month-%02d", m), "short", false)
		default:
			s = c.p.loc.termText(fmt.Sprintf("month-%02d", m), "long", false)
		}
		kind = kTerm
	case "day":
		day := dp[2]
		if day == 0 || dp[1] == 0 || dp[1] > 12 {
			return nil
		}
		switch p.form {
		case "numeric-leading-zeros":
			s = fmt.Sprintf("%02d", day)
		case "ordinal":
			if day == 1 || c.p.loc.opt("limit-day-ordinals-to-day-1") != "true" {
				gender := c.p.loc.termGender(fmt.Sprintf("month-%02d", dp[1]))
				s = strconv.Itoa(day) + c.p.loc.ordinalSuffix(day, gender)
			} else {
				s = strconv.Itoa(day)
			}
		default:
			s = strconv.Itoa(day)
		}
	}
	if s == "" {
		return nil
	}
	n := parseRich(s, kind)
	cm := p.common
	return c.decorate(n, &cm)
}

// dateRange renders a two-date range, sharing the parts the two ends have in common.
func (c *rctx) dateRange(d *Date, parts []*datePartEl, delim string) *node {
	a, b := d.Parts[0], d.Parts[1]
	if b[0] == 0 {
		// An open range: the first date and the range delimiter.
		first := c.dateSingle(d, a, parts, delim, true)
		rangeDelim := "–"
		for _, p := range parts {
			if p.name == "year" && p.hasRangeDelim {
				rangeDelim = p.rangeDelimiter
			}
		}
		return &node{kids: []*node{first, leaf(rangeDelim, kAffix)}}
	}
	// The largest part that differs.
	diff := -1
	for i := 0; i < 3; i++ {
		if a[i] != b[i] {
			diff = i
			break
		}
	}
	// Only compare parts that are rendered.
	rendered := map[int]bool{}
	for _, p := range parts {
		rendered[partIndex(p.name)] = true
	}
	if diff < 0 || !rendered[diff] {
		// Fall back: differing only in parts not rendered: render the first date.
		sameShown := true
		for i := 0; i < 3; i++ {
			if rendered[i] && a[i] != b[i] {
				sameShown = false
			}
		}
		if sameShown {
			return c.dateSingle(d, a, parts, delim, true)
		}
		for i := 0; i < 3; i++ {
			if rendered[i] && a[i] != b[i] {
				diff = i
				break
			}
		}
	}
	rangeDelim := "–"
	for _, p := range parts {
		if partIndex(p.name) == diff && p.hasRangeDelim {
			rangeDelim = p.rangeDelimiter
		}
	}
	if diff == 0 {
		first := c.dateSingle(d, a, parts, delim, false)
		second := c.dateSingle(d, b, parts, delim, true)
		return &node{kids: []*node{trimLastSuffix(first), leaf(rangeDelim, kAffix), trimFirstPrefix(second)}}
	}
	// The span of parts that differ (the differing part and smaller ones) in their rendered order.
	inSpan := func(p *datePartEl) bool { return partIndex(p.name) >= diff }
	start, end := -1, -1
	for i, p := range parts {
		if inSpan(p) {
			if start < 0 {
				start = i
			}
			end = i
		}
	}
	out := &node{}
	var pieces []*node
	for i := 0; i < start; i++ {
		if n := c.datePart(d, a, parts[i], true); n != nil {
			pieces = append(pieces, n)
		}
	}
	var first, second []*node
	for i := start; i <= end; i++ {
		if n := c.datePart(d, a, parts[i], true); n != nil {
			first = append(first, n)
		}
		if n := c.datePart(d, b, parts[i], true); n != nil {
			second = append(second, n)
		}
	}
	span := &node{kids: []*node{trimLastSuffix(join(first, delim)), leaf(rangeDelim, kAffix), trimFirstPrefix(join(second, delim))}}
	pieces = append(pieces, span)
	for i := end + 1; i < len(parts); i++ {
		if n := c.datePart(d, a, parts[i], true); n != nil {
			pieces = append(pieces, n)
		}
	}
	out = join(pieces, delim)
	return out
}

// trimLastSuffix removes the suffix of the last part of the first end of a range ("May 15, " → "May 15").
func trimLastSuffix(n *node) *node {
	if n == nil {
		return n
	}
	for i := len(n.kids) - 1; i >= 0; i-- {
		if !n.kids[i].isEmpty() {
			k := *n.kids[i]
			k.suffix = ""
			n.kids[i] = &k
			break
		}
	}
	if len(n.kids) == 0 {
		c := *n
		c.suffix = ""
		return &c
	}
	return n
}

func trimFirstPrefix(n *node) *node {
	if n == nil {
		return n
	}
	for i := range n.kids {
		if !n.kids[i].isEmpty() {
			k := *n.kids[i]
			k.prefix = ""
			n.kids[i] = &k
			break
		}
	}
	return n
}

// dateSortKeyParts is dateSortKey with the month and day left out unless parts has them (a year only when parts
// is empty).
func dateSortKeyParts(d *Date, parts []*datePartEl) string {
	if len(d.Parts) == 0 {
		return dateSortKey(d)
	}
	month, day := false, false
	for _, p := range parts {
		switch p.name {
		case "month":
			month = true
		case "day":
			day = true
		}
	}
	cut := *d
	cut.Parts = make([][3]int, len(d.Parts))
	for i, p := range d.Parts {
		if !month {
			p[1] = 0
		}
		if !day {
			p[2] = 0
		}
		cut.Parts[i] = p
	}
	return dateSortKey(&cut)
}

// dateSortKey is YYYYYMMDD (range end appended) so dates sort chronologically; literal dates sort after.
func dateSortKey(d *Date) string {
	if len(d.Parts) == 0 {
		return "~" + d.Literal
	}
	key := func(p [3]int) string {
		m := p[1]
		if m > 12 {
			m = 0
		}
		return fmt.Sprintf("%05d%02d%02d", p[0]+50000, m, p[2])
	}
	s := key(d.Parts[0])
	if len(d.Parts) == 2 {
		s += "-" + key(d.Parts[1])
	}
	return s
}
