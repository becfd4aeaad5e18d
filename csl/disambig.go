package csl

import "strings"

// disambiguate makes cites of different items render differently, trying in turn the style's methods: more names
// (disambiguate-add-names), fuller given names (disambiguate-add-givenname), the disambiguate="true" condition, and
// year-suffixes (disambiguate-add-year-suffix). cites is nil when every registered item counts (bibliography, or
// clusters formatted one by one).
func (d *doc) disambiguate(cites [][]*renderedCite) {
	cit := d.p.style.citation
	if cit == nil {
		return
	}
	addNames := cit.opts["disambiguate-add-names"] == "true"
	addGiven := cit.opts["disambiguate-add-givenname"] == "true"
	addYear := cit.opts["disambiguate-add-year-suffix"] == "true"
	rule := cit.opts["givenname-disambiguation-rule"]
	if rule == "" {
		rule = "by-cite"
	}
	ids := d.order
	if len(ids) < 1 {
		return
	}
	// Global name disambiguation (rules other than by-cite) applies whether or not cites are ambiguous.
	if addGiven && rule != "by-cite" {
		d.globalNames(ids, rule)
	}
	groups := d.ambiguous(ids)
	if len(groups) == 0 {
		return
	}
	if addNames || addGiven {
		givenByCite := addGiven && (rule == "by-cite" || rule == "all-names" || rule == "primary-name")
		for _, g := range groups {
			if addNames {
				d.resolveNames(g, 0, givenByCite, rule)
			} else if givenByCite {
				d.byCiteNames(g, rule)
			}
		}
		groups = d.ambiguous(ids)
	}
	// The disambiguate condition.
	if len(groups) > 0 && d.p.style.usesDisambiguateCond {
		for _, g := range groups {
			for _, id := range g {
				d.dis[id].condition = true
			}
		}
		groups = d.ambiguous(ids)
	}
	if addYear {
		// Items still ambiguous get year-suffixes in registry order; the groups are recomputed on the rendering
		// without suffixes so that every clash is covered.
		for _, g := range groups {
			inGroup := map[string]bool{}
			for _, id := range g {
				inGroup[id] = true
			}
			n := 0
			for _, id := range d.order {
				if inGroup[id] {
					n++
					d.dis[id].yearSuffix = n
				}
			}
		}
	}
}

// key renders an item's cite as plain text for ambiguity tests.
func (d *doc) key(id string) string {
	it := d.items[id]
	n, _ := d.renderCite(it, &citeState{citationNumber: d.number[id]}, true)
	if n == nil {
		return ""
	}
	return n.plain()
}

// ambiguous returns the groups of items (two or more) whose cites render the same.
func (d *doc) ambiguous(ids []string) [][]string {
	byKey := map[string][]string{}
	var keys []string
	for _, id := range ids {
		k := d.key(id)
		if k == "" {
			continue
		}
		if _, ok := byKey[k]; !ok {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], id)
	}
	var out [][]string
	for _, k := range keys {
		if len(byKey[k]) > 1 {
			out = append(out, byKey[k])
		}
	}
	return out
}

func distinctCount(d *doc, g []string) int {
	seen := map[string]bool{}
	for _, id := range g {
		seen[d.key(id)] = true
	}
	return len(seen)
}

// resolveNames shows more names in a group of ambiguous cites, one more at a time (with given names expanded where
// that helps), and recurses into the subgroups each split leaves; a group that no added name splits goes back to the
// names it had.
func (d *doc) resolveNames(g []string, from int, given bool, rule string) {
	if len(g) < 2 {
		return
	}
	maxNames := 0
	for _, id := range g {
		for _, ns := range d.items[id].Names {
			if len(ns) > maxNames {
				maxNames = len(ns)
			}
		}
	}
	saved := make(map[string]int, len(g))
	for _, id := range g {
		saved[id] = d.dis[id].addNames
	}
	for n := from + 1; n <= maxNames; n++ {
		for _, id := range g {
			d.dis[id].addNames = n
		}
		if given {
			d.byCiteNames(g, rule)
		}
		sub := map[string][]string{}
		var keys []string
		for _, id := range g {
			k := d.key(id)
			if _, ok := sub[k]; !ok {
				keys = append(keys, k)
			}
			sub[k] = append(sub[k], id)
		}
		if len(keys) > 1 {
			for _, k := range keys {
				d.resolveNames(sub[k], n, given, rule)
			}
			return
		}
	}
	for _, id := range g {
		d.dis[id].addNames = saved[id]
	}
	if given {
		d.byCiteNames(g, rule)
	}
}

// tryAddNames shows more names in a group of ambiguous cites until they differ (or all names are shown).
func (d *doc) tryAddNames(g []string, addGiven bool, rule string) {
	maxNames := 0
	for _, id := range g {
		for _, ns := range d.items[id].Names {
			if len(ns) > maxNames {
				maxNames = len(ns)
			}
		}
	}
	base := distinctCount(d, g)
	best, bestN := base, 0
	for n := 1; n <= maxNames; n++ {
		for _, id := range g {
			d.dis[id].addNames = n
		}
		if c := distinctCount(d, g); c > best {
			best, bestN = c, n
			if c == len(g) {
				break
			}
		}
	}
	for _, id := range g {
		d.dis[id].addNames = bestN
	}
}

// clashes reports whether id's cite renders like another item's in g.
func (d *doc) clashes(id string, g []string) bool {
	k := d.key(id)
	for _, o := range g {
		if o != id && d.key(o) == k {
			return true
		}
	}
	return false
}

func nameKey(n Name) string {
	return n.Family + "\x00" + n.Given + "\x00" + n.Literal + "\x00" + n.NonDroppingParticle + "\x00" + n.DroppingParticle
}

// byCiteNames expands given names in a group of ambiguous cites: each name that another item of the group renders
// alike (same family, another person) gets the smallest expansion (initials, then full given name) that tells the
// two apart.
func (d *doc) byCiteNames(g []string, rule string) {
	ne := d.firstNamesEl()
	for _, id := range g {
		dis := d.dis[id]
		for i, n := range d.renderedNames(id) {
			if rule == "primary-name" && i > 0 {
				break
			}
			k := nameKey(n)
			need := 0
			for _, o := range g {
				if o == id {
					continue
				}
				for _, m := range d.renderedNames(o) {
					if nameKey(m) == k || d.nameAt(ne, id, n, 0) != d.nameAt(ne, o, m, 0) {
						continue
					}
					l := 1
					if d.nameAt(ne, id, n, 1) == d.nameAt(ne, o, m, 1) {
						l = 2
					}
					if l > need {
						need = l
					}
				}
			}
			if need > 0 {
				if dis.givenPer == nil {
					dis.givenPer = map[string]int{}
				}
				if dis.givenPer[k] < need {
					dis.givenPer[k] = need
				}
			}
		}
	}
}

// nameAt renders one name of an item as the first cs:names of the citation would, at an expansion level.
func (d *doc) nameAt(ne *namesEl, id string, n Name, level int) string {
	c := d.ctx(d.items[id], d.p.style.citation, &citeState{}, false)
	c.dis = &itemDis{givenPer: map[string]int{nameKey(n): level}}
	var el *nameEl
	if ne != nil {
		el = ne.name
	}
	cfg := c.nameConfig(el)
	if cfg.form == "count" {
		cfg.form = "long"
	}
	r := c.renderName(n, cfg, false, 0)
	if r == nil {
		return ""
	}
	return r.plain()
}

// firstNamesEl finds the first cs:names of the citation layout (through groups, choices and macros).
func (d *doc) firstNamesEl() *namesEl {
	seen := map[*[]elem]bool{}
	var walk func(els []elem) *namesEl
	walk = func(els []elem) *namesEl {
		for _, e := range els {
			switch e := e.(type) {
			case *namesEl:
				return e
			case *groupEl:
				if r := walk(e.kids); r != nil {
					return r
				}
			case *chooseEl:
				for _, b := range e.branches {
					if r := walk(b.kids); r != nil {
						return r
					}
				}
			case *textEl:
				if e.macroRef != nil && !seen[e.macroRef] {
					seen[e.macroRef] = true
					if r := walk(*e.macroRef); r != nil {
						return r
					}
				}
			}
		}
		return nil
	}
	if d.p.style.citation == nil {
		return nil
	}
	return walk(d.p.style.citation.layout.kids)
}

func (d *doc) nameNeedsExpansion(n Name, g []string, self string) bool {
	for _, o := range g {
		if o == self {
			continue
		}
		for _, m := range d.renderedNames(o) {
			if nameFamily(normName(m)) == nameFamily(normName(n)) && nameKey(m) != nameKey(n) {
				return true
			}
		}
	}
	// Names shared by all: expanding does not help, but an item clash may come from other names; expand anyway at
	// level 1 when the family names are equal and given names differ.
	return false
}

// renderedNames returns the names an item's cite shows (all names of its first names variable).
func (d *doc) renderedNames(id string) []Name {
	it := d.items[id]
	for _, v := range []string{"author", "editor", "translator", "composer", "director", "interviewer", "recipient", "container-author", "collection-editor", "illustrator", "original-author", "reviewed-author"} {
		if ns := it.Names[v]; len(ns) > 0 {
			return ns
		}
	}
	return nil
}

// globalNames expands every name that another person's name renders alike anywhere among the items
// (givenname-disambiguation-rule all-names, all-names-with-initials, primary-name, primary-name-with-initials).
func (d *doc) globalNames(ids []string, rule string) {
	maxLevel := 2
	if strings.HasSuffix(rule, "with-initials") {
		maxLevel = 1
	}
	primary := strings.HasPrefix(rule, "primary-name")
	type person struct {
		n     Name
		items []string
	}
	byFamily := map[string]map[string]*person{}
	for _, id := range ids {
		for i, n := range d.renderedNames(id) {
			if primary && i > 0 {
				break
			}
			nn := normName(n)
			fam := joinParts(nn.NonDroppingParticle, nameFamily(nn))
			if byFamily[fam] == nil {
				byFamily[fam] = map[string]*person{}
			}
			k := nameKey(n)
			p := byFamily[fam][k]
			if p == nil {
				p = &person{n: nn}
				byFamily[fam][k] = p
			}
			p.items = append(p.items, id)
		}
	}
	for _, people := range byFamily {
		if len(people) < 2 {
			continue
		}
		// Initials distinguish them? Then level 1, else the maximum.
		inits := map[string]int{}
		for _, p := range people {
			inits[initialize(p.n.Given, ".", true, true)]++
		}
		for k, p := range people {
			level := maxLevel
			if inits[initialize(p.n.Given, ".", true, true)] == 1 {
				level = 1
			} else if maxLevel == 1 {
				level = 0 // initials cannot tell them apart: leave the name as it is
			}
			for _, id := range p.items {
				dis := d.dis[id]
				if dis.givenPer == nil {
					dis.givenPer = map[string]int{}
				}
				if dis.givenPer[k] < level {
					dis.givenPer[k] = level
				}
			}
		}
	}
}
