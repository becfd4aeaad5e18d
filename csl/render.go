package csl

import (
	"strconv"
	"strings"
)

// rctx is the state of rendering one item (one cite or one bibliography entry).
type rctx struct {
	p    *Processor
	item *Item
	cite *citeState
	area *layoutArea
	bib  bool
	// sortKey is set while rendering a sort key (names in sort order, dates as numbers).
	sortKey *sortKey
	dis     *itemDis

	suppressed map[string]bool
	work       int

	called, found  int
	yearSuffixUsed bool // the style renders year-suffix itself

	substituting int
	subNames     *namesEl
	depth        int

	// firstNames records the names rendered first in the entry or cite (subsequent-author-substitute, cite
	// grouping, suppress-author and author-only).
	firstNames     *node
	firstNamesList []string
	firstNameNodes []*node
	curNameNodes   []*node
	// labelNodes are the cs:label renderings of the names (what subsequent-author-substitute compares without).
	labelNodes         map[*node]bool
	curNameTexts       []string
	firstNamesDone     bool
	suppressFirstNames bool
	authorOnly         bool
	recording          map[string]bool
	yearSuffixDone     bool
	termPredecessor    bool
	registrySort       bool
	// ambig marks a render made for disambiguation comparisons (no year-suffix).
	noYearSuffix bool
	// etAlCount for disambiguation of add-names: names shown per names element.
	namesShown []int
	// givenVariants records, for add-givenname, the names rendered.
	nameRecs []nameRec
}

// nameRec records a rendered name (for add-givenname disambiguation).
type nameRec struct {
	n     Name
	level int
}

// citeState is what a cite brings to rendering besides the item: position and locator.
type citeState struct {
	position        position
	nearNote        bool
	locator, label  string
	firstRefNote    int
	citationNumber  int
	termPredecessor bool
	authorOnly      bool
	suppressAuthor  bool
}

type position int

const (
	posFirst position = iota
	posSubsequent
	posIbid
	posIbidWithLocator
)

// itemDis holds the disambiguation settings of one item.
type itemDis struct {
	addNames   int            // extra names shown beyond et-al-use-first
	givenLevel int            // 0 none, 1 initials, 2 full given names (for all ambiguous names)
	givenPer   map[string]int // per name (nameKey)
	yearSuffix int            // 1-based; 0 none
	condition  bool
}

const maxWork = 200_000

func (c *rctx) tick() bool {
	c.work++
	return c.work < maxWork
}

// render renders a list of elements as a group without delimiter.
func (c *rctx) renderAll(els []elem, delim string) *node {
	parts := make([]*node, 0, len(els))
	for _, e := range els {
		if n := c.render(e); n != nil && !n.isEmpty() {
			parts = append(parts, n)
		}
	}
	if len(parts) == 1 && delim == "" {
		if parts[0].splice {
			return &node{kids: parts[0].kids}
		}
		return parts[0]
	}
	return join(parts, delim)
}

func (c *rctx) render(e elem) *node {
	if !c.tick() {
		return nil
	}
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > 200 {
		return nil
	}
	switch e := e.(type) {
	case *textEl:
		return c.renderText(e)
	case *numberEl:
		return c.renderNumber(e)
	case *labelEl:
		return c.renderLabel(e, "")
	case *dateEl:
		return c.renderDate(e)
	case *namesEl:
		return c.renderNames(e)
	case *groupEl:
		return c.renderGroup(e)
	case *chooseEl:
		for _, b := range e.branches {
			if c.evalBranch(b) {
				var kids []*node
				for _, k := range b.kids {
					if n := c.render(k); n != nil && !n.isEmpty() {
						kids = append(kids, n)
					}
				}
				if len(kids) == 1 {
					return kids[0]
				}
				return &node{kids: kids, splice: true}
			}
		}
	}
	return nil
}

func (c *rctx) renderGroup(g *groupEl) *node {
	calledBefore, foundBefore := c.called, c.found
	c.called, c.found = 0, 0
	parts := make([]*node, 0, len(g.kids))
	for _, k := range g.kids {
		if n := c.render(k); n != nil && !n.isEmpty() {
			parts = append(parts, n)
		}
	}
	called, found := c.called, c.found
	c.called, c.found = calledBefore+called, foundBefore+found
	if called > 0 && found == 0 {
		return nil
	}
	if len(parts) == 0 {
		return nil
	}
	// A nested group with output counts as content for its parent (citeproc-js), even when it holds only terms.
	c.called++
	c.found++
	n := join(parts, g.delimiter)
	return c.decorate(n, &g.common)
}

// decorate applies an element's affixes, formatting, quotes and display to a node.
func (c *rctx) decorate(n *node, cm *common) *node {
	if n == nil || n.isEmpty() {
		return nil
	}
	c.termPredecessor = true
	if cm.textCase != "" {
		c.textCase(n, cm.textCase)
	}
	if cm.strip {
		stripPeriods(n)
	}
	if c.sortKey != nil {
		return n
	}
	if cm.fmt.empty() && !cm.quotes && cm.display == "" && cm.prefix == "" && cm.suffix == "" {
		return n
	}
	w := &node{kids: []*node{n}, fmt: cm.fmt, quotes: cm.quotes, disp: cm.display, prefix: cm.prefix, suffix: cm.suffix}
	return w
}

func (c *rctx) textCase(n *node, mode string) {
	if mode == "title" {
		// Title case is English: the item's language decides, else the style's.
		lang := c.item.Vars["language"]
		if lang == "" {
			lang = c.p.lang
		}
		if !strings.HasPrefix(strings.ToLower(lang), "en") {
			return
		}
	}
	applyTextCase(n, mode)
}

func stripPeriods(n *node) {
	if n == nil {
		return
	}
	if n.text != "" {
		n.text = strings.ReplaceAll(n.text, ".", "")
	}
	for _, k := range n.kids {
		stripPeriods(k)
	}
}

// variable returns the value of a text or number variable for the current item and cite, honouring substitution.
func (c *rctx) variable(name string) string {
	if c.suppressed[name] {
		return ""
	}
	switch name {
	case "locator":
		if c.cite != nil {
			return c.cite.locator
		}
		return ""
	case "first-reference-note-number":
		if c.cite != nil && c.cite.firstRefNote > 0 && c.cite.position != posFirst {
			return strconv.Itoa(c.cite.firstRefNote)
		}
		return ""
	case "citation-number":
		if c.registrySort {
			return "" // while the registry is being ordered, numbers do not exist yet
		}
		if c.cite != nil && c.cite.citationNumber > 0 {
			return strconv.Itoa(c.cite.citationNumber)
		}
		return ""
	case "year-suffix":
		if c.dis != nil && c.dis.yearSuffix > 0 && !c.noYearSuffix {
			return yearSuffixLetters(c.dis.yearSuffix)
		}
		return ""
	case "page-first":
		if v := c.item.Vars["page-first"]; v != "" {
			return v
		}
		if pg := c.item.Vars["page"]; pg != "" {
			parts := splitNumbers(pg)
			return parts[0].text
		}
		return ""
	case "citation-label":
		v := c.item.Vars["citation-label"]
		if v == "" {
			v = c.citationLabel()
		}
		// The year-suffix goes on the label when the style does not place it itself.
		if c.dis != nil && c.dis.yearSuffix > 0 && !c.noYearSuffix && !c.p.style.usesYearSuffixVar && !c.yearSuffixDone {
			v += yearSuffixLetters(c.dis.yearSuffix)
			c.yearSuffixDone = true
		}
		return v
	}
	return c.item.Vars[name]
}

func yearSuffixLetters(n int) string {
	// a … z, aa … az, ba … (citeproc-js)
	s := ""
	for n > 0 {
		n--
		s = string(rune('a'+n%26)) + s
		n /= 26
	}
	return s
}

// citationLabel builds a trigraph label ("Doe65") when the item has none.
func (c *rctx) citationLabel() string {
	var names []Name
	for _, v := range []string{"author", "editor", "translator"} {
		if ns := c.item.Names[v]; len(ns) > 0 {
			names = ns
			break
		}
	}
	year := ""
	if d := c.item.Dates["issued"]; d != nil && len(d.Parts) > 0 && d.Parts[0][0] != 0 {
		y := strconv.Itoa(d.Parts[0][0])
		if len(y) >= 2 {
			year = y[len(y)-2:]
		}
	}
	var b strings.Builder
	take := func(s string, n int) {
		r := []rune(s)
		if len(r) > n {
			r = r[:n]
		}
		b.WriteString(string(r))
	}
	switch {
	case len(names) == 1:
		take(nameFamily(names[0]), 4)
	case len(names) >= 2 && len(names) <= 3:
		for _, n := range names {
			take(nameFamily(n), 2)
		}
	case len(names) >= 4:
		for _, n := range names[:4] {
			take(nameFamily(n), 1)
		}
	}
	b.WriteString(year)
	return b.String()
}

func nameFamily(n Name) string {
	if n.Literal != "" {
		return n.Literal
	}
	return n.Family
}

func (c *rctx) renderText(t *textEl) *node {
	var n *node
	switch {
	case t.variable != "":
		v := c.textVariable(t.variable, t.form)
		// An empty year-suffix does not make its group empty (citeproc-js: "(n.d.)" with a year-suffix beside it).
		if t.variable != "year-suffix" || v != "" {
			c.called++
		}
		if v == "" {
			return nil
		}
		c.found++
		c.record(t.variable)
		if t.variable == "year-suffix" {
			c.yearSuffixUsed = true
		}
		if c.sortKey != nil {
			n = leaf(parseRich(v, kField).plain(), kField)
		} else if t.variable == "page" || t.variable == "locator" && c.cite != nil && (c.cite.label == "" || c.cite.label == "page") {
			n = parseRich(c.pageRange(v), kField)
		} else if t.variable == "locator" {
			n = parseRich(c.numberRange(v), kField)
		} else if rangeVars[t.variable] {
			n = parseRich(c.plainRange(v), kField)
		} else if t.variable == "URL" || t.variable == "DOI" {
			n = leaf(v, kField)
		} else {
			n = parseRich(v, kField)
		}
	case t.macro != "":
		if t.macroRef == nil {
			return nil
		}
		// A macro's rendering is treated as a group for suppression, but its variables count for the caller.
		calledBefore, foundBefore := c.called, c.found
		c.called, c.found = 0, 0
		n = c.renderAll(*t.macroRef, "")
		called, found := c.called, c.found
		c.called, c.found = calledBefore+called, foundBefore+found
		if n == nil || n.isEmpty() {
			return nil
		}
		// citeproc-js counts a macro that renders anything (even only a term) as content for the enclosing group.
		c.called++
		c.found++
	case t.term != "":
		plural := t.plural
		s := c.p.loc.termText(t.term, t.form, plural)
		if s == "" {
			return nil
		}
		n = parseRich(s, kTerm)
		if !c.termPredecessor && !(c.p.style.Class == "in-text" && !c.bib) && c.sortKey == nil {
			applyTextCase(n, "capitalize-first")
		}
	case t.value != "":
		if t.value == "\x00" {
			return nil
		}
		n = parseRich(t.value, kTerm)
	}
	return c.decorate(n, &t.common)
}

// textVariable gets a variable for cs:text, with the short forms of titles.
func (c *rctx) textVariable(name, form string) string {
	if form == "short" {
		for _, s := range []string{name + "-short", shortAlias[name]} {
			if s == "" {
				continue
			}
			if v := c.variable(s); v != "" {
				if c.suppressed[name] {
					return ""
				}
				return v
			}
		}
	}
	v := c.variable(name)
	if v == "" && name == "title-short" {
		return ""
	}
	return v
}

var shortAlias = map[string]string{
	"container-title": "journalAbbreviation",
	"title":           "shortTitle",
}

// ---- conditions ----

func (c *rctx) evalBranch(b *branch) bool {
	if len(b.conds) == 0 {
		return true
	}
	var results []bool
	for _, cd := range b.conds {
		for _, v := range cd.values {
			results = append(results, c.evalCond(cd.kind, v))
		}
	}
	switch b.match {
	case "any":
		for _, r := range results {
			if r {
				return true
			}
		}
		return false
	case "none":
		for _, r := range results {
			if r {
				return false
			}
		}
		return true
	default:
		for _, r := range results {
			if !r {
				return false
			}
		}
		return true
	}
}

func (c *rctx) evalCond(kind, v string) bool {
	switch kind {
	case "type":
		return c.item.Type == v
	case "variable":
		return c.hasVariable(v)
	case "is-numeric":
		val := c.variable(v)
		if v == "locator" || nameVars[v] || dateVars[v] {
			if nameVars[v] || dateVars[v] {
				return false
			}
		}
		return isNumeric(val)
	case "is-uncertain-date":
		d := c.item.Dates[v]
		return d != nil && d.Circa
	case "locator":
		if c.cite == nil || c.cite.locator == "" {
			return false
		}
		l := c.cite.label
		if l == "" {
			l = "page"
		}
		if v == "sub-verbo" {
			v = "sub verbo"
		}
		return l == v
	case "position":
		if c.cite == nil || c.bib {
			return false
		}
		switch v {
		case "first":
			return c.cite.position == posFirst
		case "subsequent":
			return c.cite.position != posFirst
		case "ibid":
			return c.cite.position == posIbid || c.cite.position == posIbidWithLocator
		case "ibid-with-locator":
			return c.cite.position == posIbidWithLocator
		case "near-note":
			return c.cite.position != posFirst && c.cite.nearNote
		}
		return false
	case "disambiguate":
		return (v == "true") == (c.dis != nil && c.dis.condition)
	}
	return false
}

func (c *rctx) hasVariable(v string) bool {
	if nameVars[v] {
		return len(c.item.Names[v]) > 0
	}
	if dateVars[v] {
		return c.item.Dates[v] != nil
	}
	return c.variable(v) != ""
}

// ---- labels ----

func (c *rctx) renderLabel(l *labelEl, variable string) *node {
	if variable == "" {
		variable = l.variable
	}
	if c.sortKey != nil {
		return nil
	}
	var termName, value string
	plural := false
	switch variable {
	case "locator":
		if c.cite == nil || c.cite.locator == "" {
			return nil
		}
		termName = c.cite.label
		if termName == "" {
			termName = "page"
		}
		value = c.cite.locator
	default:
		value = c.variable(variable)
		if value == "" {
			return nil
		}
		termName = variable
	}
	switch l.plural {
	case "always":
		plural = true
	case "never":
		plural = false
	default:
		switch variable {
		case "number-of-pages", "number-of-volumes":
			n, err := strconv.Atoi(strings.TrimSpace(value))
			plural = err == nil && n > 1
		default:
			// The locale's "and" joins numbers as " and " does ("213 et 235").
			if and := c.p.loc.termText("and", "long", false); and != "" && and != "and" {
				value = strings.ReplaceAll(value, " "+and+" ", " and ")
			}
			plural = isPluralValue(value)
		}
	}
	form := l.form
	s := c.p.loc.termText(termName, form, plural)
	if s == "" {
		return nil
	}
	return c.decorate(parseRich(s, kTerm), &l.common)
}

// isPluralValue reports whether a number variable holds more than one number ("12–15", "1, 3", "2 & 4").
func isPluralValue(v string) bool {
	nums := splitNumbers(v)
	count := 0
	for _, p := range nums {
		if p.isNum {
			count++
		}
		if p.sep != "" && strings.ContainsAny(p.sep, "-–—,&") || strings.Contains(p.sep, " and ") {
			if count >= 1 {
				// a separator after a number
			}
		}
	}
	return count > 1
}
