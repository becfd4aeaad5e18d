package csl

import (
	"strconv"
	"strings"
)

// collapse groups and collapses the cites of a citation per the style's collapse attribute: citation-number ranges,
// or cites of the same author grouped with their years (and year-suffixes) collapsed.
func (d *doc) collapse(rcs []*renderedCite) []citePart {
	area := d.p.style.citation
	delim := area.layout.delimiter
	mode := area.opts["collapse"]
	var parts []citePart
	plainParts := func() []citePart {
		for _, rc := range rcs {
			parts = append(parts, citePart{n: withAffixes(rc.node, rc.ci), delimBefore: delim, punctPrefix: punctStart(rc.ci.Prefix), punctSuffix: punctEnd(rc.ci.Suffix)})
		}
		return parts
	}
	_, grouping := area.opts["cite-group-delimiter"]
	switch mode {
	case "citation-number":
		return d.collapseNumbers(rcs, delim)
	case "year", "year-suffix", "year-suffix-ranged":
	default:
		if !grouping {
			return plainParts()
		}
	}
	// Cite grouping: cites whose names render the same are brought together, in order of first appearance.
	type group struct {
		key   string
		cites []*renderedCite
	}
	var groups []*group
	byKey := map[string]*group{}
	for _, rc := range rcs {
		key := ""
		if rc.ctx != nil && rc.ctx.firstNames != nil && !rc.cs.suppressAuthor {
			key = rc.ctx.firstNames.plain()
		}
		if key != "" {
			if g := byKey[key]; g != nil {
				g.cites = append(g.cites, rc)
				continue
			}
		}
		g := &group{key: key, cites: []*renderedCite{rc}}
		groups = append(groups, g)
		if key != "" {
			byKey[key] = g
		}
	}
	groupDelim, hasGroupDelim := area.opts["cite-group-delimiter"]
	if !hasGroupDelim {
		groupDelim = ", "
	}
	afterCollapse, ok := area.opts["after-collapse-delimiter"]
	if !ok {
		afterCollapse = delim
	}
	ysDelim, ok := area.opts["year-suffix-delimiter"]
	if !ok {
		ysDelim = delim
		if hasGroupDelim {
			ysDelim = groupDelim
		}
	}
	prevCollapsed := false
	for gi, g := range groups {
		suffixRun := false
		for ci, rc := range g.cites {
			n := rc.node
			db := delim
			if ci > 0 && mode == "" {
				db = groupDelim // grouped, not collapsed: the author stays
			} else if ci > 0 {
				db = groupDelim
				// Render without the author.
				cs := *rc.cs
				cs.suppressAuthor = true
				n, _ = d.renderCite(d.items[rc.id], &cs, false)
				// year-suffix collapsing: same year as the previous cite, both with suffixes, no locators.
				if mode != "year" && ci > 0 {
					prev := g.cites[ci-1]
					if ys := d.yearSuffixOnly(rc, prev); ys != nil {
						n = ys
						db = ysDelim
						suffixRun = true
					} else if suffixRun {
						// After a run of collapsed year-suffixes, the next year follows the after-collapse delimiter.
						db = afterCollapse
						suffixRun = false
					}
				}
			} else if gi > 0 && prevCollapsed {
				db = afterCollapse
			}
			parts = append(parts, citePart{n: withAffixes(n, rc.ci), delimBefore: db, punctPrefix: punctStart(rc.ci.Prefix), punctSuffix: punctEnd(rc.ci.Suffix)})
		}
		prevCollapsed = len(g.cites) > 1
	}
	if mode == "year-suffix-ranged" {
		parts = rangeYearSuffixes(parts)
	}
	return parts
}

// yearSuffixOnly returns the year-suffix alone when rc repeats prev's year (for collapse="year-suffix").
func (d *doc) yearSuffixOnly(rc, prev *renderedCite) *node {
	a, b := d.dis[rc.id], d.dis[prev.id]
	if a == nil || b == nil || a.yearSuffix == 0 || b.yearSuffix == 0 {
		return nil
	}
	if rc.cs.locator != "" || prev.cs.locator != "" || rc.ci.Prefix != "" || rc.ci.Suffix != "" {
		return nil
	}
	cs1, cs2 := *rc.cs, *prev.cs
	cs1.suppressAuthor, cs2.suppressAuthor = true, true
	n1, _ := d.renderCite(d.items[rc.id], &cs1, true)
	n2, _ := d.renderCite(d.items[prev.id], &cs2, true)
	if n1 == nil || n2 == nil || n1.plain() != n2.plain() {
		return nil
	}
	return &node{text: yearSuffixLetters(a.yearSuffix), kind: kField, suffix: "", prefix: ""}
}

// rangeYearSuffixes turns three or more consecutive year-suffixes ("a, b, c") into a range ("a–c").
func rangeYearSuffixes(parts []citePart) []citePart {
	var out []citePart
	for i := 0; i < len(parts); {
		j := i
		for j+1 < len(parts) && isSuffixLeaf(parts[j+1].n) && (isSuffixLeaf(parts[j].n) || j == i) &&
			nextLetter(lastLetter(parts[j].n)) == parts[j+1].n.text {
			j++
		}
		if j-i >= 2 && isSuffixLeaf(parts[i+1].n) {
			out = append(out, parts[i])
			out = append(out, citePart{n: &node{kids: []*node{leaf("–", kAffix), parts[j].n}}, delimBefore: ""})
			i = j + 1
			continue
		}
		out = append(out, parts[i])
		i++
	}
	return out
}

func isSuffixLeaf(n *node) bool {
	return n != nil && len(n.kids) == 0 && n.text != "" && isLetters(n.text)
}

func isLetters(s string) bool {
	for _, r := range s {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

func lastLetter(n *node) string {
	s := n.plain()
	if s == "" {
		return ""
	}
	return s[len(s)-1:]
}

func nextLetter(s string) string {
	if len(s) != 1 || s[0] < 'a' || s[0] >= 'z' {
		return ""
	}
	return string(s[0] + 1)
}

// collapseNumbers collapses runs of three or more consecutive citation numbers into ranges.
func (d *doc) collapseNumbers(rcs []*renderedCite, delim string) []citePart {
	var parts []citePart
	num := func(rc *renderedCite) int {
		if rc.cs.locator != "" || rc.ci.Prefix != "" || rc.ci.Suffix != "" {
			return -1
		}
		return rc.cs.citationNumber
	}
	for i := 0; i < len(rcs); {
		j := i
		if num(rcs[i]) > 0 {
			for j+1 < len(rcs) && num(rcs[j+1]) == num(rcs[j])+1 {
				j++
			}
		}
		if j-i >= 2 {
			rng := &node{kids: []*node{rcs[i].node, leaf("–", kAffix), rcs[j].node}}
			parts = append(parts, citePart{n: rng, delimBefore: delim})
			i = j + 1
			continue
		}
		parts = append(parts, citePart{n: withAffixes(rcs[i].node, rcs[i].ci), delimBefore: delim})
		i++
	}
	_ = strconv.Itoa
	return parts
}

func punctStart(s string) bool { return s != "" && isPunct(s[0]) }

func punctEnd(s string) bool {
	s = strings.TrimRight(s, " ")
	return s != "" && isPunct(s[len(s)-1])
}
