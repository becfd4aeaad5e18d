package csl

import (
	"fmt"
	"strconv"
	"strings"
)

// Style is a parsed CSL 1.0.2 style. It is immutable once parsed and safe for concurrent use; parse it once and reuse
// it. A dependent style (one that only points to a parent) has Parent set and no layout: resolve it with
// ResolveParent or use the bundled parent (see BundledStyle).
type Style struct {
	// ID, Title and Class (in-text or note) come from the style's info and root element.
	ID, Title, Class string
	// DefaultLocale is the style's default-locale attribute ("" when unset).
	DefaultLocale string
	// Parent is the independent-parent link of a dependent style ("" for an independent style).
	Parent string

	locales  []*Locale
	macros   map[string][]elem
	citation *layoutArea
	bib      *layoutArea
	names    nameOpts // inheritable name options on <style>
	opts     map[string]string
	version  string

	usesYearSuffixVar    bool
	usesDisambiguateCond bool
}

// StyleError reports a style that cannot be parsed; Line is the line of the element at fault (0 when unknown).
type StyleError struct {
	Line int
	Msg  string
}

func (e *StyleError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("csl: style: line %d: %s", e.Line, e.Msg)
	}
	return "csl: style: " + e.Msg
}

// layoutArea is <citation> or <bibliography>.
type layoutArea struct {
	opts   map[string]string
	names  nameOpts
	sort   []*sortKey
	layout *groupEl
}

type sortKey struct {
	variable, macro  string
	desc             bool
	namesMin         int
	namesUseFirst    int
	hasMin, hasFirst bool
	// useLast is the key's names-use-last, when hasLast says it has one.
	useLast, hasLast bool
}

// formatting holds the CSL formatting attributes of one element.
type formatting struct {
	fontStyle, fontVariant, fontWeight, textDecoration, verticalAlign string
}

func (f formatting) empty() bool { return f == formatting{} }

type affixes struct{ prefix, suffix string }

// elem is a compiled rendering element: *textEl, *dateEl, *numberEl, *namesEl, *labelEl, *groupEl or *chooseEl.
type elem interface{}

type common struct {
	affixes
	fmt       formatting
	display   string
	textCase  string
	quotes    bool
	strip     bool
	delimiter string
}

type textEl struct {
	common
	variable, macro, term, value string
	form                         string
	plural                       bool
	macroRef                     *[]elem
}

type dateEl struct {
	common
	variable string
	form     string // "text", "numeric" or "" (non-localized)
	parts    []*datePartEl
	partsSel string // date-parts attribute: year-month-day, year-month, year
	hasParts bool
}

type datePartEl struct {
	common
	name           string
	form           string
	rangeDelimiter string
	hasRangeDelim  bool
}

type numberEl struct {
	common
	variable, form string
}

type labelEl struct {
	common
	variable, form, plural string
}

type groupEl struct {
	common
	kids []elem
}

type chooseEl struct {
	branches []*branch
}

type branch struct {
	conds []cond
	match string // all, any, none
	kids  []elem
}

type cond struct {
	kind   string // type, variable, is-numeric, is-uncertain-date, locator, position, disambiguate
	values []string
}

type namesEl struct {
	common
	variables  []string
	name       *nameEl
	etAl       *etAlEl
	label      *labelEl
	labelPos   int // label before (0) or after (1) the name
	substitute []elem
}

type nameEl struct {
	common
	opts  nameOpts
	parts map[string]*namePartEl
}

type namePartEl struct {
	common
	name string
}

type etAlEl struct {
	common
	term string
}

// nameOpts are the name attributes that inherit from style, citation and bibliography to cs:name.
type nameOpts struct {
	set map[string]string
}

func (o nameOpts) get(k string) (string, bool) {
	v, ok := o.set[k]
	return v, ok
}

var inheritableNameAttrs = []string{
	"and", "delimiter-precedes-et-al", "delimiter-precedes-last", "et-al-min", "et-al-use-first",
	"et-al-subsequent-min", "et-al-subsequent-use-first", "et-al-use-last", "initialize", "initialize-with",
	"name-as-sort-order", "sort-separator", "name-form", "form", "name-delimiter", "names-delimiter",
}

func readNameOpts(n *xnode) nameOpts {
	o := nameOpts{set: map[string]string{}}
	for _, a := range inheritableNameAttrs {
		if v, ok := n.attrs[a]; ok {
			o.set[a] = v
		}
	}
	return o
}

// ParseStyle parses a CSL style (independent or dependent).
func ParseStyle(data []byte) (*Style, error) {
	root, err := parseXML(data)
	if err != nil {
		return nil, &StyleError{Msg: err.Error()}
	}
	if root.name != "style" {
		return nil, &StyleError{Line: root.line, Msg: fmt.Sprintf("root element is <%s>, want <style>", root.name)}
	}
	s := &Style{
		Class:         root.attr("class"),
		DefaultLocale: root.attr("default-locale"),
		macros:        map[string][]elem{},
		opts:          root.attrs,
		names:         readNameOpts(root),
		version:       root.attr("version"),
	}
	if info := root.child("info"); info != nil {
		if t := info.child("title"); t != nil {
			s.Title = strings.TrimSpace(t.text)
		}
		if id := info.child("id"); id != nil {
			s.ID = strings.TrimSpace(id.text)
		}
		for _, k := range info.kids {
			if k.name == "link" && k.attr("rel") == "independent-parent" {
				s.Parent = k.attr("href")
			}
		}
	}
	c := &compiler{style: s, macroNodes: map[string]*xnode{}}
	for _, k := range root.kids {
		switch k.name {
		case "macro":
			name := k.attr("name")
			if name == "" {
				return nil, &StyleError{Line: k.line, Msg: "macro without a name"}
			}
			c.macroNodes[name] = k
		case "locale":
			l, err := compileLocale(k)
			if err != nil {
				return nil, &StyleError{Line: k.line, Msg: err.Error()}
			}
			s.locales = append(s.locales, l)
		}
	}
	for name, n := range c.macroNodes {
		kids, err := c.elems(n.kids)
		if err != nil {
			return nil, err
		}
		s.macros[name] = kids
	}
	for _, k := range root.kids {
		switch k.name {
		case "citation", "bibliography":
			a, err := c.area(k)
			if err != nil {
				return nil, err
			}
			if k.name == "citation" {
				s.citation = a
			} else {
				s.bib = a
			}
		}
	}
	if s.Parent == "" && s.citation == nil {
		return nil, &StyleError{Line: root.line, Msg: "independent style without <citation>"}
	}
	if err := c.checkMacros(); err != nil {
		return nil, err
	}
	return s, nil
}

type compiler struct {
	style      *Style
	macroNodes map[string]*xnode
	textMacros []*textEl
}

func (c *compiler) checkMacros() error {
	for _, t := range c.textMacros {
		m, ok := c.style.macros[t.macro]
		if !ok {
			return &StyleError{Msg: fmt.Sprintf("text calls undefined macro %q", t.macro)}
		}
		t.macroRef = &m
	}
	return nil
}

func (c *compiler) area(n *xnode) (*layoutArea, error) {
	a := &layoutArea{opts: n.attrs, names: readNameOpts(n)}
	for _, k := range n.kids {
		switch k.name {
		case "sort":
			for _, key := range k.kids {
				if key.name != "key" {
					continue
				}
				sk := &sortKey{variable: key.attr("variable"), macro: key.attr("macro"), desc: key.attr("sort") == "descending"}
				if sk.macro != "" {
					if _, ok := c.macroNodes[sk.macro]; !ok {
						return nil, &StyleError{Line: key.line, Msg: fmt.Sprintf("sort key calls undefined macro %q", sk.macro)}
					}
				}
				sk.namesMin, sk.hasMin = atoiAttr(key, "names-min")
				sk.namesUseFirst, sk.hasFirst = atoiAttr(key, "names-use-first")
				if v, ok := key.attrs["names-use-last"]; ok {
					sk.useLast, sk.hasLast = v == "true", true
				}
				a.sort = append(a.sort, sk)
			}
		case "layout":
			g, err := c.group(k)
			if err != nil {
				return nil, err
			}
			a.layout = g
		}
	}
	if a.layout == nil {
		return nil, &StyleError{Line: n.line, Msg: "<" + n.name + "> without <layout>"}
	}
	return a, nil
}

func atoiAttr(n *xnode, k string) (int, bool) {
	v, ok := n.attrs[k]
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return 0, false
	}
	return i, true
}

func readCommon(n *xnode) common {
	return common{
		affixes:   affixes{prefix: n.attr("prefix"), suffix: n.attr("suffix")},
		fmt:       formatting{n.attr("font-style"), n.attr("font-variant"), n.attr("font-weight"), n.attr("text-decoration"), n.attr("vertical-align")},
		display:   n.attr("display"),
		textCase:  n.attr("text-case"),
		quotes:    n.attr("quotes") == "true",
		strip:     n.attr("strip-periods") == "true",
		delimiter: n.attr("delimiter"),
	}
}

func (c *compiler) elems(ns []*xnode) ([]elem, error) {
	var out []elem
	for _, n := range ns {
		e, err := c.elem(n)
		if err != nil {
			return nil, err
		}
		if e != nil {
			out = append(out, e)
		}
	}
	return out, nil
}

func (c *compiler) group(n *xnode) (*groupEl, error) {
	kids, err := c.elems(n.kids)
	if err != nil {
		return nil, err
	}
	return &groupEl{common: readCommon(n), kids: kids}, nil
}

func (c *compiler) elem(n *xnode) (elem, error) {
	switch n.name {
	case "text":
		t := &textEl{common: readCommon(n), variable: n.attr("variable"), macro: n.attr("macro"), term: n.attr("term"),
			form: n.attr("form"), plural: n.attr("plural") == "true"}
		if v, ok := n.attrs["value"]; ok {
			t.value = v
			if v == "" {
				t.value = "\x00" // an explicit empty value renders nothing but is not a variable
			}
		}
		if t.macro != "" {
			c.textMacros = append(c.textMacros, t)
		}
		if t.variable == "year-suffix" {
			c.style.usesYearSuffixVar = true
		}
		if t.variable == "" && t.macro == "" && t.term == "" && t.value == "" {
			return nil, &StyleError{Line: n.line, Msg: "<text> needs one of variable, macro, term or value"}
		}
		return t, nil
	case "date":
		return compileDate(n, nil)
	case "number":
		return &numberEl{common: readCommon(n), variable: n.attr("variable"), form: n.attr("form")}, nil
	case "label":
		return &labelEl{common: readCommon(n), variable: n.attr("variable"), form: n.attr("form"), plural: n.attr("plural")}, nil
	case "group":
		return c.group(n)
	case "choose":
		ch := &chooseEl{}
		for _, b := range n.kids {
			if b.name != "if" && b.name != "else-if" && b.name != "else" {
				continue
			}
			br := &branch{match: b.attr("match")}
			if br.match == "" {
				br.match = "all"
			}
			if b.name != "else" {
				for _, k := range []string{"type", "variable", "is-numeric", "is-uncertain-date", "locator", "position", "disambiguate"} {
					if v, ok := b.attrs[k]; ok {
						if k == "disambiguate" {
							c.style.usesDisambiguateCond = true
						}
						br.conds = append(br.conds, cond{kind: k, values: strings.Fields(v)})
					}
				}
			}
			kids, err := c.elems(b.kids)
			if err != nil {
				return nil, err
			}
			br.kids = kids
			ch.branches = append(ch.branches, br)
		}
		return ch, nil
	case "names":
		ne := &namesEl{common: readCommon(n), variables: strings.Fields(n.attr("variable"))}
		for _, k := range n.kids {
			switch k.name {
			case "name":
				ne.name = compileName(k)
			case "et-al":
				ne.etAl = &etAlEl{common: readCommon(k), term: k.attr("term")}
			case "label":
				ne.label = &labelEl{common: readCommon(k), form: k.attr("form"), plural: k.attr("plural")}
				if ne.name != nil {
					ne.labelPos = 1
				}
			case "substitute":
				kids, err := c.elems(k.kids)
				if err != nil {
					return nil, err
				}
				ne.substitute = kids
			}
		}
		return ne, nil
	}
	return nil, nil
}

func compileName(k *xnode) *nameEl {
	ne := &nameEl{common: readCommon(k), opts: readNameOpts(k), parts: map[string]*namePartEl{}}
	if v, ok := k.attrs["delimiter"]; ok {
		ne.opts.set["delimiter"] = v
	}
	for _, p := range k.kids {
		if p.name == "name-part" {
			ne.parts[p.attr("name")] = &namePartEl{common: readCommon(p), name: p.attr("name")}
		}
	}
	return ne
}

func compileDate(n *xnode, _ *compiler) (*dateEl, error) {
	d := &dateEl{common: readCommon(n), variable: n.attr("variable"), form: n.attr("form"), partsSel: n.attr("date-parts")}
	if d.partsSel == "" {
		d.partsSel = "year-month-day"
	}
	for _, k := range n.kids {
		if k.name != "date-part" {
			continue
		}
		p := &datePartEl{common: readCommon(k), name: k.attr("name"), form: k.attr("form")}
		if v, ok := k.attrs["range-delimiter"]; ok {
			p.rangeDelimiter, p.hasRangeDelim = v, true
		}
		d.parts = append(d.parts, p)
		d.hasParts = true
	}
	return d, nil
}
