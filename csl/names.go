package csl

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// nameCfg is the effective configuration of one cs:name (its attributes over the inherited ones).
type nameCfg struct {
	and               string
	delim             string
	delimPrecedesEtAl string
	delimPrecedesLast string
	// instPrecedesLast is delimiter-precedes-last before a last name that is an institution (a literal): as in
	// citeproc-js, cs:name's value does not apply there, only one inherited from cs:citation, cs:bibliography or
	// cs:style.
	instPrecedesLast      string
	etAlMin, etAlUseFirst int
	etAlUseLast           bool
	// etAlZeroFirst: et-al-use-first is 0, so a list long enough for et-al shows no name at all.
	etAlZeroFirst     bool
	initialize        bool
	initializeWith    string
	hasInitializeWith bool
	nameAsSortOrder   string
	sortSeparator     string
	form              string
	el                *nameEl
}

func (c *rctx) nameConfig(ne *nameEl) nameCfg {
	inherited := false
	get := func(k string) (string, bool) {
		if ne != nil && !inherited {
			if v, ok := ne.opts.get(k); ok {
				return v, true
			}
		}
		if c.area != nil {
			if v, ok := c.area.names.get(k); ok {
				return v, true
			}
			if k == "form" || k == "delimiter" {
				if v, ok := c.area.names.get("name-" + k); ok {
					return v, true
				}
			}
		}
		if v, ok := c.p.style.names.get(k); ok {
			return v, true
		}
		if k == "form" || k == "delimiter" {
			if v, ok := c.p.style.names.get("name-" + k); ok {
				return v, true
			}
		}
		return "", false
	}
	cfg := nameCfg{el: ne, initialize: true}
	cfg.and, _ = get("and")
	if v, ok := get("delimiter"); ok {
		cfg.delim = v
	} else {
		cfg.delim = ", "
	}
	cfg.delimPrecedesEtAl, _ = get("delimiter-precedes-et-al")
	cfg.delimPrecedesLast, _ = get("delimiter-precedes-last")
	inherited = true
	cfg.instPrecedesLast, _ = get("delimiter-precedes-last")
	inherited = false
	atoi := func(k string) int {
		v, ok := get(k)
		if !ok {
			return 0
		}
		n, _ := strconv.Atoi(strings.TrimSpace(v))
		return n
	}
	cfg.etAlMin = atoi("et-al-min")
	cfg.etAlUseFirst = atoi("et-al-use-first")
	if v, ok := get("et-al-use-first"); ok && strings.TrimSpace(v) == "0" {
		cfg.etAlZeroFirst = true
	}
	if c.cite != nil && c.cite.position != posFirst && !c.bib {
		if v := atoi("et-al-subsequent-min"); v > 0 {
			cfg.etAlMin = v
		}
		if v := atoi("et-al-subsequent-use-first"); v > 0 {
			cfg.etAlUseFirst = v
		}
	}
	if v, _ := get("et-al-use-last"); v == "true" {
		cfg.etAlUseLast = true
	}
	if v, _ := get("initialize"); v == "false" {
		cfg.initialize = false
	}
	cfg.initializeWith, cfg.hasInitializeWith = get("initialize-with")
	cfg.nameAsSortOrder, _ = get("name-as-sort-order")
	if v, ok := get("sort-separator"); ok {
		cfg.sortSeparator = v
	} else {
		cfg.sortSeparator = ", "
	}
	cfg.form, _ = get("form")
	if cfg.form == "" {
		cfg.form = "long"
	}
	return cfg
}

// renderNames renders cs:names, with substitution when every variable is empty.
func (c *rctx) renderNames(ne *namesEl) *node {
	if c.subNames != nil && ne.name == nil && ne.etAl == nil && ne.label == nil && c.substituting > 0 {
		// <names> in <substitute> inherits the parent's name, et-al and label.
		inh := *ne
		inh.name, inh.etAl, inh.label, inh.labelPos = c.subNames.name, c.subNames.etAl, c.subNames.label, c.subNames.labelPos
		if inh.delimiter == "" {
			inh.delimiter = c.subNames.delimiter
		}
		ne = &inh
	}
	c.called++
	top := c.substituting == 0 && !c.firstNamesDone
	n := c.renderNameVars(ne)
	if n != nil && !n.isEmpty() {
		c.found++
		if top {
			return c.takeFirstNames(n)
		}
		return n
	}
	if len(ne.substitute) == 0 {
		return nil
	}
	saved := c.subNames
	c.subNames = ne
	c.substituting++
	defer func() { c.subNames = saved; c.substituting-- }()
	for _, s := range ne.substitute {
		rec := map[string]bool{}
		before := c.recording
		c.recording = rec
		calledBefore, foundBefore := c.called, c.found
		c.curNameNodes = nil
		sn := c.render(s)
		c.called, c.found = calledBefore, foundBefore
		c.recording = before
		if sn != nil && !sn.isEmpty() {
			for v := range rec {
				if c.suppressed == nil {
					c.suppressed = map[string]bool{}
				}
				c.suppressed[v] = true
				if before != nil {
					before[v] = true
				}
			}
			c.found++
			sn = c.decorateNamesWrapper(sn, ne)
			if c.substituting == 1 && !c.firstNamesDone {
				return c.takeFirstNames(sn)
			}
			return sn
		}
	}
	return nil
}

// takeFirstNames records the first names rendered in a cite or entry; under suppress-author they are dropped.
func (c *rctx) takeFirstNames(n *node) *node {
	c.firstNamesDone = true
	c.firstNames = n
	c.firstNameNodes = c.curNameNodes
	c.firstNamesList = nil
	if len(c.firstNameNodes) == 0 {
		// A substitute that is not names (a title): its whole output is the one "name" the
		// subsequent-author-substitute rules compare and replace.
		c.firstNameNodes = []*node{n}
	}
	for _, k := range c.firstNameNodes {
		c.firstNamesList = append(c.firstNamesList, k.plain())
	}
	if c.suppressFirstNames {
		return nil
	}
	return n
}

func (c *rctx) decorateNamesWrapper(n *node, ne *namesEl) *node {
	cm := ne.common
	cm.delimiter = ""
	cm.textCase = ""
	return c.decorate(n, &cm)
}

// record notes that a variable rendered (for suppression after substitution).
func (c *rctx) record(v string) {
	if c.recording != nil {
		c.recording[v] = true
	}
}

type nameList struct {
	variable string
	names    []Name
}

func (c *rctx) renderNameVars(ne *namesEl) *node {
	var lists []nameList
	for _, v := range ne.variables {
		if c.suppressed[v] {
			continue
		}
		if ns := c.item.Names[v]; len(ns) > 0 {
			lists = append(lists, nameList{v, ns})
		}
	}
	if len(lists) == 0 {
		return nil
	}
	for _, l := range lists {
		c.record(l.variable)
	}
	// Editor and translator that are the same people are rendered once with the editortranslator term.
	labelForm := ""
	if ne.label != nil {
		labelForm = ne.label.form
	}
	if len(lists) == 2 && (lists[0].variable == "editor" && lists[1].variable == "translator" ||
		lists[0].variable == "translator" && lists[1].variable == "editor") && sameNames(lists[0].names, lists[1].names) &&
		(ne.label == nil || c.p.loc.termText("editortranslator", labelForm, false) != "") {
		lists = []nameList{{"editortranslator", lists[0].names}}
	}
	cfg := c.nameConfig(ne.name)
	if cfg.form == "count" {
		total := 0
		for _, l := range lists {
			total += c.countNames(l.names, cfg)
		}
		if total == 0 {
			return nil
		}
		if c.sortKey != nil {
			return leaf(numSortKey(strconv.Itoa(total)), kField)
		}
		return c.decorate(leaf(strconv.Itoa(total), kNumber), &ne.common)
	}
	var parts []*node
	for _, l := range lists {
		nl := c.renderNameList(l, cfg, ne)
		if nl == nil || nl.isEmpty() {
			continue
		}
		if ne.label != nil && c.sortKey == nil {
			lab := c.nameLabel(ne.label, l.variable, len(l.names))
			if lab != nil {
				if c.labelNodes == nil {
					c.labelNodes = map[*node]bool{}
				}
				c.labelNodes[lab] = true
				if ne.labelPos == 0 {
					nl = &node{kids: []*node{lab, nl}}
				} else {
					nl = &node{kids: []*node{nl, lab}}
				}
			}
		}
		parts = append(parts, nl)
	}
	delim := ne.delimiter
	if delim == "" && !ne.hasDelimiter() {
		if v, ok := c.areaOpt("names-delimiter"); ok {
			delim = v
		}
	}
	n := join(parts, delim)
	cm := ne.common
	cm.delimiter = ""
	return c.decorate(n, &cm)
}

func (ne *namesEl) hasDelimiter() bool { return ne.delimiter != "" }

func (c *rctx) areaOpt(k string) (string, bool) {
	if c.area != nil {
		if v, ok := c.area.names.get(k); ok {
			return v, true
		}
	}
	v, ok := c.p.style.names.get(k)
	return v, ok
}

func sameNames(a, b []Name) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (c *rctx) nameLabel(l *labelEl, variable string, count int) *node {
	plural := count > 1
	switch l.plural {
	case "always":
		plural = true
	case "never":
		plural = false
	}
	s := c.p.loc.termText(variable, l.form, plural)
	if s == "" {
		return nil
	}
	return c.decorate(parseRich(s, kTerm), &l.common)
}

// etAl computes how many names to show, and whether et-al or use-last applies.
func (c *rctx) etAl(total int, cfg nameCfg) (shown int, truncated bool) {
	shown = total
	min, first := cfg.etAlMin, cfg.etAlUseFirst
	if c.sortKey != nil {
		if c.sortKey.hasMin {
			min = c.sortKey.namesMin
		}
		if c.sortKey.hasFirst {
			first = c.sortKey.namesUseFirst
		}
	}
	if min > 0 && first > 0 && total >= min && first < total {
		shown = first
		truncated = true
	}
	if min > 0 && total >= min && first == 0 && cfg.etAlZeroFirst && (c.sortKey == nil || !c.sortKey.hasFirst) {
		return 0, true
	}
	if truncated && c.dis != nil && c.dis.addNames > 0 && c.sortKey == nil {
		shown += c.dis.addNames
		if shown >= total {
			shown, truncated = total, false
		}
	}
	return shown, truncated
}

func (c *rctx) countNames(names []Name, cfg nameCfg) int {
	shown, _ := c.etAl(len(names), cfg)
	return shown
}

// renderNameList renders one variable's names with et-al, delimiters and "and".
func (c *rctx) renderNameList(l nameList, cfg nameCfg, ne *namesEl) *node {
	names := l.names
	shown, truncated := c.etAl(len(names), cfg)
	if shown == 0 {
		return nil
	}
	useLastOpt := cfg.etAlUseLast
	if c.sortKey != nil && c.sortKey.hasLast {
		useLastOpt = c.sortKey.useLast
	}
	useLast := truncated && useLastOpt && shown+2 <= len(names)
	var items []*node
	inverted := make([]bool, 0, shown)
	for i := 0; i < shown; i++ {
		inv := cfg.nameAsSortOrder == "all" || (cfg.nameAsSortOrder == "first" && i == 0)
		if c.sortKey != nil {
			inv = true
		}
		if names[i].Literal != "" || (names[i].Family == "" && names[i].Given != "") {
			inv = false
		}
		items = append(items, c.renderName(names[i], cfg, inv, i))
		inverted = append(inverted, inv)
	}
	if c.sortKey != nil {
		// Sort keys: names in sort order, joined plainly; with et-al-use-last, the last name after the first ones.
		if useLast {
			items = append(items, c.renderName(names[len(names)-1], cfg, true, len(names)-1))
		}
		return join(items, " ")
	}
	out := &node{}
	andTerm := ""
	switch cfg.and {
	case "text":
		andTerm = c.p.loc.termText("and", "long", false)
	case "symbol":
		andTerm = "&"
	}
	n := len(items)
	for i, it := range items {
		if i > 0 {
			last := i == n-1 && !truncated
			if last && andTerm != "" {
				useDelim := false
				rule := cfg.delimPrecedesLast
				if i < len(names) && names[i].Literal != "" {
					rule = cfg.instPrecedesLast
					if rule == "after-inverted-name" {
						rule = ""
					}
				}
				switch rule {
				case "always":
					useDelim = true
				case "never":
					useDelim = false
				case "after-inverted-name":
					useDelim = inverted[i-1]
				default:
					useDelim = n > 2
				}
				if useDelim {
					out.kids = append(out.kids, leaf(cfg.delim, kAffix))
				} else {
					out.kids = append(out.kids, leaf(" ", kAffix))
				}
				out.kids = append(out.kids, leaf(andTerm, kTerm), leaf(" ", kAffix))
			} else {
				out.kids = append(out.kids, leaf(cfg.delim, kAffix))
			}
		}
		out.kids = append(out.kids, it)
	}
	if useLast {
		out.kids = append(out.kids, leaf(cfg.delim, kAffix), leaf("… ", kTerm))
		out.kids = append(out.kids, c.renderName(names[len(names)-1], cfg, cfg.nameAsSortOrder == "all", len(names)-1))
	} else if truncated {
		term := "et-al"
		var etal *etAlEl
		if ne != nil && ne.etAl != nil {
			etal = ne.etAl
			if etal.term != "" {
				term = etal.term
			}
		}
		s := c.p.loc.termText(term, "long", false)
		if s != "" {
			useDelim := false
			switch cfg.delimPrecedesEtAl {
			case "always":
				useDelim = true
			case "never":
				useDelim = false
			case "after-inverted-name":
				useDelim = len(inverted) > 0 && inverted[len(inverted)-1]
			default:
				useDelim = shown > 1
			}
			if useDelim {
				out.kids = append(out.kids, leaf(cfg.delim, kAffix))
			} else {
				out.kids = append(out.kids, leaf(" ", kAffix))
			}
			t := parseRich(s, kTerm)
			if etal != nil {
				t = c.decorate(t, &etal.common)
			}
			out.kids = append(out.kids, t)
		}
	}
	c.curNameNodes = items
	if ne != nil && ne.name != nil {
		cm := ne.name.common
		cm.delimiter = ""
		return c.decorate(out, &cm)
	}
	return out
}

// ---- one name ----

func isRomanesque(s string) bool {
	for _, r := range s {
		if r < 0x250 || unicode.Is(unicode.Greek, r) || unicode.Is(unicode.Cyrillic, r) || unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsDigit(r) {
			continue
		}
		if unicode.Is(unicode.Latin, r) || unicode.Is(unicode.Arabic, r) || unicode.Is(unicode.Hebrew, r) || unicode.Is(unicode.Armenian, r) || unicode.Is(unicode.Georgian, r) || unicode.Is(unicode.Thai, r) {
			continue
		}
		return false
	}
	return true
}

// normName splits particles and suffixes out of family and given names the way citeproc-js does when the data does
// not give them explicitly.
func normName(n Name) Name {
	if n.Literal != "" {
		return n
	}
	// Quoted family names are taken as they are.
	if len(n.Family) > 1 && strings.HasPrefix(n.Family, "\"") && strings.HasSuffix(n.Family, "\"") {
		n.Family = n.Family[1 : len(n.Family)-1]
		return n
	}
	if n.NonDroppingParticle == "" && n.Family != "" {
		words := strings.Fields(n.Family)
		i := 0
		for i < len(words)-1 && isParticle(words[i]) {
			i++
		}
		if i > 0 {
			n.NonDroppingParticle = strings.Join(words[:i], " ")
			n.Family = strings.Join(words[i:], " ")
		} else if p, rest, ok := apostropheParticle(n.Family); ok {
			n.NonDroppingParticle, n.Family = p, rest
		}
	}
	if n.DroppingParticle == "" && n.Given != "" {
		if i := strings.Index(n.Given, ",! "); i > 0 && n.Suffix == "" {
			n.Suffix = strings.TrimSpace(n.Given[i+3:])
			n.Given = strings.TrimSpace(n.Given[:i])
			n.CommaSuffix = true
		} else if i := strings.Index(n.Given, ", "); i > 0 && n.Suffix == "" {
			n.Suffix = strings.TrimSpace(n.Given[i+2:])
			n.Given = strings.TrimSpace(n.Given[:i])
			if strings.HasPrefix(n.Suffix, "!") {
				n.Suffix = strings.TrimSpace(n.Suffix[1:])
				n.CommaSuffix = true
			}
		}
		words := strings.Fields(n.Given)
		j := len(words)
		for j > 1 && isParticle(words[j-1]) {
			j--
		}
		if j < len(words) {
			n.DroppingParticle = strings.Join(words[j:], " ")
			n.Given = strings.Join(words[:j], " ")
		}
	}
	return n
}

func isParticle(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsLower(r) {
		return false
	}
	// A lowercase word that is a name part, not a particle, would have letters after an initial capital; a lowercase
	// start is what citeproc-js takes as a particle.
	return true
}

// apostropheParticle splits "d'Alembert" or "al-Hassan" style prefixes.
func apostropheParticle(f string) (string, string, bool) {
	for _, sep := range []string{"'", "’"} {
		if i := strings.Index(f, sep); i > 0 && i <= 3 {
			p := f[:i]
			r, _ := utf8.DecodeRuneInString(p)
			if unicode.IsLower(r) && !strings.Contains(p, " ") {
				return p + sep, f[i+len(sep):], true
			}
		}
	}
	if i := strings.Index(f, "-"); i > 0 && i <= 3 {
		p := f[:i]
		r, _ := utf8.DecodeRuneInString(p)
		if unicode.IsLower(r) {
			return p + "-", f[i+1:], true
		}
	}
	return "", "", false
}

// joinParticle joins a particle to what follows, without a space after an apostrophe or hyphen.
func joinParts(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			s := b.String()
			last, _ := utf8.DecodeLastRuneInString(s)
			if last != '\'' && last != '’' && last != '-' {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

func (c *rctx) demote() string {
	d := c.p.style.opts["demote-non-dropping-particle"]
	if d == "" {
		d = "display-and-sort"
	}
	return d
}

// givenLevel returns the disambiguation expansion for a name (0 none, 1 initials, 2 full).
func (c *rctx) givenLevel(n Name) int {
	if c.dis == nil || c.sortKey != nil {
		return 0
	}
	if c.dis.givenPer != nil {
		if l, ok := c.dis.givenPer[nameKey(n)]; ok {
			return l
		}
	}
	return c.dis.givenLevel
}

func (c *rctx) renderName(raw Name, cfg nameCfg, inverted bool, idx int) *node {
	n := raw
	if !raw.ParseNames || true {
		n = normName(raw)
	}
	var parts map[string]*namePartEl
	if cfg.el != nil {
		parts = cfg.el.parts
	}
	if n.Literal != "" || n.Family == "" && n.Given == "" {
		lit := n.Literal
		if lit == "" {
			return nil
		}
		if c.sortKey != nil {
			return leaf(stripSortPrefix(lit), kField)
		}
		ln := parseRich(lit, kField)
		if p := parts["family"]; p != nil {
			ln = c.decoratePart(ln, p)
		}
		return ln
	}
	if n.Family == "" {
		// Given name alone (e.g. a mononym stored as given).
		gn := parseRich(n.Given, kField)
		if p := parts["given"]; p != nil {
			gn = c.decoratePart(gn, p)
		}
		return gn
	}
	form := cfg.form
	level := c.givenLevel(raw)
	given := n.Given
	initWith := cfg.initializeWith
	useInit := cfg.hasInitializeWith
	if form == "short" {
		switch {
		case level >= 2 || level == 1 && !useInit:
			form = "long"
			useInit = false
		case level == 1:
			form = "long"
		}
	} else if level >= 2 || (level == 1 && useInit && false) {
		useInit = false
	}
	if useInit && level == 0 || useInit && form == "long" && level < 2 {
		given = initializeRich(given, initWith, cfg.initialize, c.p.style.opts["initialize-with-hyphen"] != "false")
	}
	if c.sortKey != nil {
		// family, particles, given, suffix in sort order
		demote := c.demote()
		fam := joinParts(n.NonDroppingParticle, n.Family)
		if form == "short" && c.sortKey.macro != "" {
			// A macro's names keep their form in its sort key (a variable key is always long): the family name alone.
			if demote != "never" {
				return leaf(strings.TrimSpace(joinParts(n.Family, n.NonDroppingParticle)), kField)
			}
			return leaf(fam, kField)
		}
		if demote != "never" {
			fam = n.Family
			return leaf(strings.TrimSpace(joinParts(fam, n.DroppingParticle, n.NonDroppingParticle, given, n.Suffix)), kField)
		}
		return leaf(strings.TrimSpace(joinParts(fam, n.DroppingParticle, given, n.Suffix)), kField)
	}
	romanesque := isRomanesque(n.Family + n.Given)
	if !romanesque {
		// East Asian names: family then given, no space.
		fam := c.decoratePart(parseRich(n.Family, kField), parts["family"])
		if form == "short" {
			return fam
		}
		gv := c.decoratePart(parseRich(n.Given, kField), parts["given"])
		return &node{kids: []*node{fam, gv}}
	}
	// A name-part's formatting applies to each of its pieces on its own: the family name and the non-dropping
	// particle ("<b>van</b> <b>Roe</b>"), the given names and the particles that follow them when inverted.
	formatted := func(part string, pieces ...string) *node {
		out := &node{}
		prev := ""
		for _, piece := range pieces {
			if piece == "" {
				continue
			}
			if prev != "" {
				if last, _ := utf8.DecodeLastRuneInString(prev); last != '\'' && last != '’' && last != '-' {
					out.kids = append(out.kids, leaf(" ", kAffix))
				}
			}
			pn := parseRich(piece, kField)
			if p := parts[part]; p != nil {
				pn = c.formatPart(pn, p)
			}
			out.kids = append(out.kids, pn)
			prev = piece
		}
		if len(out.kids) == 0 {
			return nil
		}
		if len(out.kids) == 1 {
			return out.kids[0]
		}
		return out
	}
	famCore := func(withNDP bool) *node {
		fn := formatted("family", n.Family)
		if withNDP {
			fn = formatted("family", n.NonDroppingParticle, n.Family)
		}
		if fn == nil {
			return leaf("", kField)
		}
		return fn
	}
	givenCore := func(extra ...string) *node {
		return formatted("given", append([]string{given}, extra...)...)
	}
	affix := func(nd *node, part string) *node {
		p := parts[part]
		if p == nil || nd == nil || nd.isEmpty() {
			return nd
		}
		return &node{kids: []*node{nd}, prefix: p.prefix, suffix: p.suffix}
	}
	if form == "short" {
		return affix(famCore(true), "family")
	}
	if n.StaticOrdering {
		return &node{kids: []*node{affix(famCore(true), "family"), leaf(" ", kAffix), affix(givenCore(), "given")}}
	}
	if !inverted {
		// given dropping non-dropping family suffix
		out := &node{}
		g := affix(givenCore(), "given")
		if g != nil && !g.isEmpty() {
			out.kids = append(out.kids, g)
			// No space after a given name, or its name-part suffix, that ends in a space of its own (a no-break one).
			gsuf := ""
			if p := parts["given"]; p != nil {
				gsuf = p.suffix
			}
			if !strings.HasSuffix(given, "\u00a0") && !endsSpace(gsuf) {
				out.kids = append(out.kids, leaf(" ", kAffix))
			}
		}
		fam := &node{}
		if n.DroppingParticle != "" {
			fam.kids = append(fam.kids, parseRich(n.DroppingParticle, kField))
			if !endsNoSpace(n.DroppingParticle) {
				fam.kids = append(fam.kids, leaf(" ", kAffix))
			}
		}
		fam.kids = append(fam.kids, famCore(true))
		if n.Suffix != "" {
			if n.CommaSuffix {
				fam.kids = append(fam.kids, leaf(", ", kAffix))
			} else {
				fam.kids = append(fam.kids, leaf(" ", kAffix))
			}
			fam.kids = append(fam.kids, leaf(n.Suffix, kField))
		}
		out.kids = append(out.kids, affix(fam, "family"))
		return out
	}
	// Inverted: family, given particles, suffix.
	out := &node{}
	var g *node
	if c.demote() == "display-and-sort" {
		out.kids = append(out.kids, affix(famCore(false), "family"))
		g = affix(givenCore(n.DroppingParticle, n.NonDroppingParticle), "given")
	} else {
		out.kids = append(out.kids, affix(famCore(true), "family"))
		g = affix(givenCore(n.DroppingParticle), "given")
	}
	if g != nil && !g.isEmpty() {
		out.kids = append(out.kids, leaf(cfg.sortSeparator, kAffix), g)
	}
	if n.Suffix != "" {
		out.kids = append(out.kids, leaf(cfg.sortSeparator, kAffix), leaf(n.Suffix, kField))
	}
	return out
}

// endsSpace says whether s ends in white space (a no-break space included).
func endsSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return s != "" && unicode.IsSpace(r)
}

func endsNoSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '\'' || r == '’' || r == '-'
}

// formatPart applies a name-part's formatting and text-case (not its affixes).
func (c *rctx) formatPart(n *node, p *namePartEl) *node {
	if p == nil {
		return n
	}
	if p.textCase != "" {
		applyTextCase(n, p.textCase)
	}
	if p.fmt.empty() {
		return n
	}
	return &node{kids: []*node{n}, fmt: p.fmt}
}

func (c *rctx) decoratePart(n *node, p *namePartEl) *node {
	if p == nil {
		return n
	}
	n = c.formatPart(n, p)
	return &node{kids: []*node{n}, prefix: p.prefix, suffix: p.suffix}
}

// stripSortPrefix drops a leading article-like quote or bracket from a literal sort key.
func stripSortPrefix(s string) string { return strings.TrimLeft(s, "\"'“‘[(") }

// initializeRich is initialize for given names that may hold rich-text markup around whole names
// ("<b>John</b> Quiggly" → "<b>J.</b> Q."): it initialises the text without the markup, then puts each name's
// markup back around its initial. Markup inside a name, or an initial it cannot find, leaves the initials plain.
func initializeRich(given, with string, init bool, hyphen bool) string {
	if !strings.Contains(given, "<") {
		return initialize(given, with, init, hyphen)
	}
	toks := tokenizeRich(given)
	type word struct{ open, text, close string }
	var words []word
	var plain strings.Builder
	cur := word{}
	inText := false
	flush := func() {
		if cur.text != "" {
			words = append(words, cur)
		}
		cur, inText = word{}, false
	}
	for _, t := range toks {
		switch {
		case (t.open || t.close) && t.kind != 0 && t.quote == "":
			if t.open && !inText {
				cur.open += t.lit
			} else if t.close && inText {
				cur.close += t.lit
			} else {
				return initialize(tagRe.ReplaceAllString(given, ""), with, init, hyphen)
			}
		default:
			text := t.text
			if text == "" {
				text = t.lit
			}
			plain.WriteString(text)
			for _, r := range text {
				if r == ' ' || r == '-' || unicode.IsSpace(r) {
					flush()
					continue
				}
				if cur.close != "" {
					return initialize(tagRe.ReplaceAllString(given, ""), with, init, hyphen)
				}
				cur.text += string(r)
				inText = true
			}
		}
	}
	flush()
	out := initialize(plain.String(), with, init, hyphen)
	var b strings.Builder
	rest := out
	for _, w := range words {
		r := strings.TrimSpace(initialize(w.text, with, init, hyphen))
		i := strings.Index(rest, r)
		if r == "" || i < 0 {
			return out
		}
		b.WriteString(rest[:i])
		b.WriteString(w.open + r + w.close)
		rest = rest[i+len(r):]
	}
	b.WriteString(rest)
	return b.String()
}

// initialize turns given names into initials ("John Edward" → "J. E.", "Jean-Paul" → "J.-P.", "Guo-ping" → "G."),
// following citeproc-js. With init false, only names already abbreviated are normalised ("M.E." → "M. E.").
func initialize(given, with string, init bool, hyphen bool) string {
	if given == "" {
		return ""
	}
	if r, _ := utf8.DecodeRuneInString(given); !startsRomanesque(r) {
		return given
	}
	name := given
	if !hyphen {
		name = strings.ReplaceAll(name, "-", " ")
	}
	name = hyphenSpaceRe.ReplaceAllString(name, "-")
	name = strings.Join(strings.Fields(name), " ")
	// A hyphen before a lowercase letter joins the parts (not initialised separately).
	name = lowerHyphenRe.ReplaceAllString(name, "\u2013$1")
	// A space after every period inside the name.
	var nb strings.Builder
	for i := 0; i < len(name); i++ {
		nb.WriteByte(name[i])
		if name[i] == '.' && i+1 < len(name) && name[i+1] != ' ' {
			nb.WriteByte(' ')
		}
	}
	name = nb.String()
	strs := nameSplitRe.Split(name, -1)
	seps := nameSplitRe.FindAllString(name, -1)
	if len(seps) == 0 {
		if j := strings.LastIndex(strs[0], "."); true {
			tail := strs[0][j+1:]
			if utf8.RuneCountInString(tail) == 1 && strings.ToLower(tail) != tail {
				strs[0] += "."
			}
		}
	}
	var out string
	if init {
		out = doInitialize(strs, seps, with)
	} else {
		out = doNormalize(strs, seps, with)
	}
	return strings.ReplaceAll(out, "\u2013", "-")
}

var (
	hyphenSpaceRe = regexp.MustCompile(`\s*-\s*`)
	lowerHyphenRe = regexp.MustCompile(`-([a-z])`)
	nameSplitRe   = regexp.MustCompile(`[-\s]+`)
	trailSpaceRe  = regexp.MustCompile(`[\t\n\v\f\r \x{feff}\x{a0}]+$`)
	spacesRe      = regexp.MustCompile(`[\t\n\v\f\r ]+`)
)

func startsRomanesque(r rune) bool {
	return r == '&' || r < 0x250 && unicode.IsLetter(r) || r >= 0x370 && r <= 0x52f || r >= 0x590 && r <= 0x6ff || r >= 0xe01 && r <= 0xe5b || r >= 0x1f00 && r <= 0x1fff
}

func isInitialUpper(r rune) bool {
	return unicode.IsUpper(r) && (r < 0x250 || r >= 0x370 && r <= 0x52f)
}

func cleanName(s string) string {
	s = trailSpaceRe.ReplaceAllString(s, "")
	s = hyphenSpaceRe.ReplaceAllString(s, "-")
	return spacesRe.ReplaceAllString(s, " ")
}

func doInitialize(strs, seps []string, term string) string {
	var tail []string
	for i, n := range strs {
		if n == "" {
			continue
		}
		first, size := utf8.DecodeRuneInString(n)
		if isInitialUpper(first) {
			rest := n[size:]
			letters := strings.TrimRightFunc(rest, func(r rune) bool { return r == '.' })
			periods := len(rest) - len(letters)
			// letters must be letters only for the initial match
			lettersOnly := strings.IndexFunc(letters, func(r rune) bool { return !unicode.IsLetter(r) }) < 0
			init := string(first)
			if lettersOnly && letters != "" && periods > 0 {
				init += letters // an abbreviation such as "Ph." keeps its letters
			} else if lettersOnly && letters != "" {
				// Leading capitals of a name written in capitals stay ("JOHN" → "J").
				up := ""
				for _, r := range letters {
					if unicode.IsUpper(r) {
						up += string(r)
					} else {
						break
					}
				}
				if len(up) < len(letters) {
					init += strings.ToLower(up)
				}
			}
			strs[i] = init
			if i < len(seps) {
				if strings.Contains(seps[i], "-") {
					seps[i] = term + "-"
				} else {
					seps[i] = term
				}
			} else {
				tail = append(tail, term)
			}
		} else {
			strs[i] = " " + n
		}
	}
	var b strings.Builder
	for i, s := range strs {
		b.WriteString(s)
		if i < len(seps) {
			b.WriteString(seps[i])
		}
	}
	for _, t := range tail {
		b.WriteString(t)
	}
	return cleanName(b.String())
}

func doNormalize(strs, seps []string, term string) string {
	abbrev := make([]bool, len(strs))
	for i, n := range strs {
		switch {
		case utf8.RuneCountInString(n) > 1 && strings.HasSuffix(n, "."):
			j := strings.LastIndex(n, ".")
			strs[i] = n[:j] + n[j+1:]
			abbrev[i] = true
		case utf8.RuneCountInString(n) == 1 && strings.ToUpper(n) == n:
			abbrev[i] = true
		}
	}
	for i := range strs {
		if !abbrev[i] {
			continue
		}
		if i < len(strs)-1 {
			sep := ""
			if !abbrev[i+1] {
				sep = " "
			}
			if utf8.RuneCountInString(strs[i+1]) > 1 {
				sep = strings.TrimSuffix(term, "\ufeff") + sep
			} else {
				sep = term
			}
			seps[i] = sep
		} else {
			strs[i] += term
		}
	}
	var b strings.Builder
	for i, s := range strs {
		b.WriteString(s)
		if i < len(seps) {
			b.WriteString(seps[i])
		}
	}
	return cleanName(b.String())
}
