package csl

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// CiteItem is one reference to an item inside a citation, with what the author adds: a locator ("23") and its label
// ("page", "chapter", …), a prefix and a suffix, and whether the author's name is suppressed or alone.
type CiteItem struct {
	ID             string
	Locator        string
	Label          string
	Prefix         string
	Suffix         string
	SuppressAuthor bool
	AuthorOnly     bool
	// Position, when not nil, fixes the cite's position (0 first, 1 subsequent, 2 ibid, 3 ibid-with-locator)
	// instead of computing it from the citations before it.
	Position *int
	// NearNote, with Position, says the cite is near its previous one.
	NearNote bool
}

// Citation is one citation cluster: the cites of one place in a document, with the number of the footnote it is in
// (0 for in-text citations).
type Citation struct {
	ID        string
	Items     []CiteItem
	NoteIndex int
}

// ItemError reports a cite of an item that is not among the items given.
type ItemError struct {
	ID string
}

func (e *ItemError) Error() string { return fmt.Sprintf("csl: no item with id %q", e.ID) }

// doc is the state of one document: the items, the order they were first cited in and their disambiguation.
type doc struct {
	p         *Processor
	items     map[string]*Item
	order     []string // registry order (first cited / given)
	dis       map[string]*itemDis
	number    map[string]int // citation numbers
	coll      *collate.Collator
	sortCache map[string][]string
}

func (p *Processor) newDoc(items []*Item) *doc {
	d := &doc{p: p, items: make(map[string]*Item, len(items)), dis: map[string]*itemDis{}, number: map[string]int{}}
	for _, it := range items {
		if it == nil {
			continue
		}
		if _, dup := d.items[it.ID]; !dup {
			d.items[it.ID] = it
		}
	}
	tag, err := language.Parse(p.lang)
	if err != nil {
		tag = language.English
	}
	d.coll = collate.New(tag, collate.IgnoreCase, collate.IgnoreDiacritics)
	return d
}

func (d *doc) register(id string) {
	if _, ok := d.number[id]; ok {
		return
	}
	d.order = append(d.order, id)
	d.number[id] = len(d.order)
	d.dis[id] = &itemDis{}
}

// finishRegistry sorts the registry with the bibliography's keys and numbers the items.
func (d *doc) finishRegistry() {
	bib := d.p.style.bib
	if bib != nil && len(bib.sort) > 0 {
		ids := append([]string(nil), d.order...)
		d.sortIDs(ids, bib, true)
		d.order = ids
		for i, id := range ids {
			d.number[id] = i + 1
		}
	}
}

// ---- rendering one cite ----

func (d *doc) ctx(it *Item, area *layoutArea, cs *citeState, bib bool) *rctx {
	return &rctx{p: d.p, item: it, area: area, cite: cs, bib: bib, dis: d.dis[it.ID]}
}

// renderCite renders one cite (the layout's children for one item), without the layout's affixes.
func (d *doc) renderCite(it *Item, cs *citeState, noYearSuffix bool) (*node, *rctx) {
	area := d.p.style.citation
	c := d.ctx(it, area, cs, false)
	c.noYearSuffix = noYearSuffix
	if cs != nil && cs.suppressAuthor {
		c.suppressFirstNames = true
	}
	if cs != nil && cs.authorOnly {
		c.authorOnly = true
	}
	if cs != nil {
		c.termPredecessor = cs.termPredecessor
	}
	n := c.renderAll(area.layout.kids, "")
	if c.authorOnly {
		if c.firstNames == nil {
			return nil, c
		}
		return c.firstNames, c
	}
	return n, c
}

// ---- sorting ----

type sortVal struct {
	s     string
	empty bool
}

func (d *doc) sortKeys(id string, area *layoutArea, forRegistry bool) []sortVal {
	it := d.items[id]
	keys := make([]sortVal, len(area.sort))
	for i, k := range area.sort {
		c := d.ctx(it, area, &citeState{citationNumber: d.number[id]}, area == d.p.style.bib)
		c.sortKey = k
		c.registrySort = forRegistry
		var s string
		switch {
		case k.variable == "citation-number":
			if !forRegistry {
				s = fmt.Sprintf("%08d", d.number[id])
			}
		case k.variable != "":
			switch {
			case nameVars[k.variable]:
				ne := &namesEl{variables: []string{k.variable}}
				if n := c.renderNameVars(ne); n != nil {
					s = n.plain()
				}
			case dateVars[k.variable]:
				if dt := it.Dates[k.variable]; dt != nil {
					s = dateSortKey(dt)
				}
			case numberVars[k.variable]:
				if v := c.variable(k.variable); v != "" {
					s = numSortKey(v)
				}
			default:
				// Sort on the text, not its rich-text markup (<i>, <b>, …).
				if v := c.variable(k.variable); v != "" {
					s = parseRich(v, kField).plain()
				}
			}
		case k.macro != "":
			m := d.p.style.macros[k.macro]
			if n := c.renderAll(m, ""); n != nil {
				s = n.plain()
			}
		}
		s = strings.TrimSpace(s)
		keys[i] = sortVal{s: s, empty: s == ""}
	}
	return keys
}

func (d *doc) sortIDs(ids []string, area *layoutArea, forRegistry bool) {
	keys := make(map[string][]sortVal, len(ids))
	for _, id := range ids {
		keys[id] = d.sortKeys(id, area, forRegistry)
	}
	pos := map[string]int{}
	for i, id := range ids {
		pos[id] = i
	}
	sort.SliceStable(ids, func(a, b int) bool {
		ka, kb := keys[ids[a]], keys[ids[b]]
		for i, k := range area.sort {
			x, y := ka[i], kb[i]
			if x.empty || y.empty {
				if x.empty && y.empty {
					continue
				}
				return y.empty // empty keys last
			}
			cmp := d.compare(x.s, y.s)
			if cmp == 0 {
				continue
			}
			if k.desc && !(forRegistry && k.variable == "citation-number") {
				return cmp > 0
			}
			return cmp < 0
		}
		return pos[ids[a]] < pos[ids[b]]
	})
}

func (d *doc) compare(a, b string) int {
	// Numbers padded by numSortKey compare correctly as strings; the collator handles letters.
	if c := d.coll.CompareString(a, b); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// ---- bibliography ----

// Entry is one formatted bibliography entry.
type Entry struct {
	ID   string
	Text string
}

// Bibliography formats the bibliography of items (all of them, sorted as the style says) in the given format. Items
// are numbered in the order given unless the style sorts them.
func (p *Processor) Bibliography(items []*Item, f Format) ([]Entry, error) {
	d := p.newDoc(items)
	for _, it := range items {
		if it != nil {
			d.register(it.ID)
		}
	}
	d.finishRegistry()
	d.disambiguate(nil)
	return d.bibliography(f), nil
}

// CitedBibliography formats the bibliography of the items cited in citations (numbered in order of first citation
// unless the style sorts them), disambiguated as in those citations.
func (p *Processor) CitedBibliography(items []*Item, citations []Citation, f Format) ([]Entry, error) {
	d := p.newDoc(items)
	for _, cit := range citations {
		for _, ci := range cit.Items {
			if d.items[ci.ID] == nil {
				return nil, &ItemError{ID: ci.ID}
			}
			d.register(ci.ID)
		}
	}
	d.finishRegistry()
	cites := d.positions(citations, true)
	d.disambiguate(cites)
	return d.bibliography(f), nil
}

func (d *doc) bibliography(f Format) []Entry {
	bib := d.p.style.bib
	if bib == nil {
		return nil
	}
	ids := append([]string(nil), d.order...)
	if len(bib.sort) > 0 {
		d.sortIDs(ids, bib, false)
	}
	var out []Entry
	var prevNames string
	var prevNamesList []string
	sas, hasSAS := bib.opts["subsequent-author-substitute"]
	rule := bib.opts["subsequent-author-substitute-rule"]
	if rule == "" {
		rule = "complete-all"
	}
	for _, id := range ids {
		it := d.items[id]
		c := d.ctx(it, bib, &citeState{citationNumber: d.number[id]}, true)
		n := c.renderAll(bib.layout.kids, "")
		if n == nil || n.isEmpty() {
			continue
		}
		if hasSAS {
			cur := ""
			var curList []string
			if c.firstNames != nil {
				// The names are compared without their label ("Doe, John" as editor is the author "Doe, John").
				cur = plainWithout(c.firstNames, c.labelNodes)
				curList = c.firstNamesList
			}
			if cur != "" && cur == prevNames && rule == "complete-all" {
				substituteNames(c.firstNames, sas)
			} else if cur != "" && rule != "complete-all" {
				applyPartialSubstitute(c, curList, prevNamesList, sas, rule)
			}
			prevNames, prevNamesList = cur, curList
		}
		out = append(out, Entry{ID: id, Text: d.p.writeEntry(n, bib, f)})
	}
	return out
}

// plainWithout is n's plain text without the nodes in skip.
func plainWithout(n *node, skip map[*node]bool) string {
	var b strings.Builder
	var walk func(*node)
	walk = func(n *node) {
		if n == nil || n.isEmpty() || skip[n] {
			return
		}
		b.WriteString(n.prefix)
		b.WriteString(n.text)
		for _, k := range n.kids {
			walk(k)
		}
		b.WriteString(n.suffix)
	}
	walk(n)
	return b.String()
}

func substituteNames(n *node, s string) {
	n.text = s
	n.kids = nil
	n.kind = kField
}

func applyPartialSubstitute(c *rctx, cur, prev []string, sas, rule string) {
	if len(cur) == 0 || len(prev) == 0 || len(c.firstNameNodes) != len(cur) {
		return
	}
	switch rule {
	case "complete-each":
		if strings.Join(cur, "\x00") == strings.Join(prev, "\x00") {
			for _, n := range c.firstNameNodes {
				substituteNames(n, sas)
			}
		}
	case "partial-each":
		for i := range cur {
			if i >= len(prev) || cur[i] != prev[i] {
				break
			}
			substituteNames(c.firstNameNodes[i], sas)
		}
	case "partial-first":
		if cur[0] == prev[0] {
			substituteNames(c.firstNameNodes[0], sas)
		}
	}
}

// writeEntry wraps an entry's rendering with the layout's affixes and formatting, and writes it.
func (p *Processor) writeEntry(n *node, area *layoutArea, f Format) string {
	l := area.layout
	w := &node{kids: []*node{n}, prefix: l.prefix, suffix: l.suffix}
	if area == p.style.bib && area.opts["second-field-align"] != "" {
		w = secondFieldAlign(w)
		if f == Text {
			// No blocks in plain text: a space between the first field and the rest.
			w.kids[1].prefix = " "
		}
	}
	// The layout's formatting wraps its affixes.
	w = &node{kids: []*node{w}, fmt: l.fmt}
	// Like citeproc-js, no trailing space at the end of an entry (inside its closing blocks).
	return trailingSpaceRe.ReplaceAllString(write(w, f, p.quotes, p.punctInQuote), "$1")
}

// secondFieldAlign splits an entry into a left-margin block (its first field) and the rest.
func secondFieldAlign(w *node) *node {
	// Find the first non-empty leaf-bearing child at the top of the rendering.
	root := w.kids[0]
	for len(root.kids) == 1 && root.text == "" && root.prefix == "" && root.suffix == "" && root.fmt.empty() {
		root = root.kids[0]
	}
	if len(root.kids) < 2 {
		return w
	}
	first := root.kids[0]
	rest := &node{kids: root.kids[1:], suffix: w.suffix}
	left := &node{kids: []*node{{kids: []*node{first}, prefix: w.prefix}}, disp: "left-margin"}
	right := &node{kids: []*node{rest}, disp: "right-inline"}
	return &node{kids: []*node{left, right}, fmt: w.fmt}
}

// ---- citations ----

type renderedCite struct {
	id   string
	ci   CiteItem
	cs   *citeState
	node *node
	ctx  *rctx
}

// Citations formats citation clusters in document order. Cites are numbered, positioned (first, subsequent, ibid,
// near-note) and disambiguated against all the citations given; the result holds one string per citation.
func (p *Processor) Citations(items []*Item, citations []Citation, f Format) ([]string, error) {
	d := p.newDoc(items)
	for _, cit := range citations {
		for _, ci := range cit.Items {
			if d.items[ci.ID] == nil {
				return nil, &ItemError{ID: ci.ID}
			}
			d.register(ci.ID)
		}
	}
	d.finishRegistry()
	cites := d.positions(citations, true)
	d.disambiguate(cites)
	out := make([]string, len(citations))
	for i := range citations {
		out[i] = d.renderCitation(cites[i], f)
	}
	return out, nil
}

// CitationClusters formats each cluster independently (as citeproc-js's makeCitationCluster): every item given is
// registered and disambiguated against all the others first; positions are "first" unless a cite sets one.
func (p *Processor) CitationClusters(items []*Item, clusters [][]CiteItem, f Format) ([]string, error) {
	d := p.newDoc(items)
	for _, it := range items {
		if it != nil {
			d.register(it.ID)
		}
	}
	d.finishRegistry()
	var cits []Citation
	for _, cl := range clusters {
		for _, ci := range cl {
			if d.items[ci.ID] == nil {
				return nil, &ItemError{ID: ci.ID}
			}
		}
		cits = append(cits, Citation{Items: cl})
	}
	cites := d.positions(cits, false)
	d.disambiguate(nil)
	out := make([]string, len(cits))
	for i := range cits {
		out[i] = d.renderCitation(cites[i], f)
	}
	return out, nil
}

// RegistryOrder returns the item IDs in the order the processor numbers them (bibliography order when the style
// sorts its bibliography, else the order given).
func (p *Processor) RegistryOrder(items []*Item) []string {
	d := p.newDoc(items)
	for _, it := range items {
		if it != nil {
			d.register(it.ID)
		}
	}
	d.finishRegistry()
	return append([]string(nil), d.order...)
}

// positions sorts the cites of each citation and computes their positions (when compute is set).
func (d *doc) positions(citations []Citation, compute bool) [][]*renderedCite {
	area := d.p.style.citation
	out := make([][]*renderedCite, len(citations))
	nearDist := 5
	if v, err := strconv.Atoi(area.opts["near-note-distance"]); err == nil {
		nearDist = v
	}
	firstRef := map[string]int{}
	lastRef := map[string]int{}
	seen := map[string]bool{}
	citesInNote := map[int]int{}
	for j, cit := range citations {
		var rcs []*renderedCite
		for _, ci := range cit.Items {
			rcs = append(rcs, &renderedCite{id: ci.ID, ci: ci, cs: &citeState{
				locator: strings.TrimSpace(ci.Locator), label: ci.Label, suppressAuthor: ci.SuppressAuthor,
				authorOnly: ci.AuthorOnly, citationNumber: d.number[ci.ID],
			}})
		}
		if len(area.sort) > 0 && len(rcs) > 1 {
			ids := make([]string, len(rcs))
			for i, rc := range rcs {
				ids[i] = rc.id
			}
			keys := map[int][]sortVal{}
			for i, rc := range rcs {
				keys[i] = d.sortKeys(rc.id, area, false)
			}
			idx := make([]int, len(rcs))
			for i := range idx {
				idx[i] = i
			}
			sort.SliceStable(idx, func(a, b int) bool {
				ka, kb := keys[idx[a]], keys[idx[b]]
				for i, k := range area.sort {
					x, y := ka[i], kb[i]
					if x.empty || y.empty {
						if x.empty && y.empty {
							continue
						}
						return y.empty
					}
					cmp := d.compare(x.s, y.s)
					if cmp == 0 {
						continue
					}
					if k.desc {
						return cmp > 0
					}
					return cmp < 0
				}
				return idx[a] < idx[b]
			})
			sorted := make([]*renderedCite, len(rcs))
			for i, k := range idx {
				sorted[i] = rcs[k]
			}
			rcs = sorted
		}
		out[j] = rcs
		citesInNote[cit.NoteIndex] += len(rcs)
		for k, rc := range rcs {
			cs := rc.cs
			if rc.ci.Position != nil {
				switch *rc.ci.Position {
				case 1:
					cs.position = posSubsequent
				case 2:
					cs.position = posIbid
				case 3:
					cs.position = posIbidWithLocator
				}
				cs.nearNote = rc.ci.NearNote
				continue
			}
			if !compute {
				continue
			}
			id := rc.id
			if !seen[id] {
				seen[id] = true
				firstRef[id] = cit.NoteIndex
				lastRef[id] = cit.NoteIndex
				cs.position = posFirst
				continue
			}
			ibid := false
			var prev *renderedCite
			if j > 0 && k == 0 && citations[j-1].NoteIndex != cit.NoteIndex {
				pc := out[j-1]
				if len(pc) > 0 && pc[0].id == id && citations[j-1].NoteIndex >= cit.NoteIndex-1 &&
					(citesInNote[citations[j-1].NoteIndex] == 1 || citations[j-1].NoteIndex == 0) {
					ibid = true
					prev = pc[0]
				}
			} else if k > 0 && rcs[k-1].id == id {
				ibid = true
				prev = rcs[k-1]
			} else if k == 0 && j > 0 && citations[j-1].NoteIndex == cit.NoteIndex {
				pc := out[j-1]
				if len(pc) > 0 && pc[len(pc)-1].id == id {
					ibid = true
					prev = pc[len(pc)-1]
				}
			}
			if ibid {
				pl, cl := "", ""
				if prev.cs.locator != "" {
					pl = prev.cs.locator + "|" + prev.cs.label
				}
				if cs.locator != "" {
					cl = cs.locator + "|" + cs.label
				}
				switch {
				case pl != "" && cl == "":
					ibid = false
				case pl == "" && cl != "":
					cs.position = posIbidWithLocator
				case pl == "" && cl == "":
					cs.position = posIbid
				case pl == cl:
					cs.position = posIbid
				default:
					cs.position = posIbidWithLocator
				}
			}
			if !ibid {
				cs.position = posSubsequent
			}
			if firstRef[id] != cit.NoteIndex {
				cs.firstRefNote = firstRef[id]
			}
			if cit.NoteIndex != 0 {
				if cit.NoteIndex-lastRef[id] <= nearDist {
					cs.nearNote = true
				}
				lastRef[id] = cit.NoteIndex
			} else {
				cs.nearNote = true
			}
		}
	}
	return out
}

// renderCitation renders one cluster with the layout's delimiter, affixes and collapsing.
func (d *doc) renderCitation(rcs []*renderedCite, f Format) string {
	area := d.p.style.citation
	l := area.layout
	for i, rc := range rcs {
		switch {
		case rc.ci.Prefix != "" && prefixResetsCase(rc.ci.Prefix):
			rc.cs.termPredecessor = false
		default:
			rc.cs.termPredecessor = i > 0 || rc.ci.Prefix != ""
		}
		rc.node, rc.ctx = d.renderCite(d.items[rc.id], rc.cs, false)
	}
	parts := d.collapse(rcs)
	body := &node{}
	prevPunctSuffix := false
	for _, part := range parts {
		if part.n == nil || part.n.isEmpty() {
			continue
		}
		if len(body.kids) > 0 && !part.punctPrefix {
			delim := part.delimBefore
			// After a cite whose own suffix ends in punctuation, the delimiter keeps only its spacing.
			if prevPunctSuffix && delim != "" && isPunct(delim[0]) {
				delim = strings.TrimLeft(delim, ".,;:!?")
			}
			body.kids = append(body.kids, leaf(delim, kAffix))
		}
		prevPunctSuffix = part.punctSuffix
		body.kids = append(body.kids, part.n)
	}
	if body.isEmpty() {
		body = leaf("[CSL STYLE ERROR: reference with no printed form.]", kField)
	}
	w := &node{kids: []*node{{kids: []*node{body}, prefix: l.prefix, suffix: l.suffix}}, fmt: l.fmt}
	return write(w, f, d.p.quotes, d.p.punctInQuote)
}

type citePart struct {
	n           *node
	delimBefore string
	// punctPrefix: the cite's prefix starts with punctuation, which takes the delimiter's place; punctSuffix: its
	// suffix ends with punctuation.
	punctPrefix bool
	punctSuffix bool
}

// withAffixes wraps a cite's rendering with the cite's own prefix and suffix.
func withAffixes(n *node, ci CiteItem) *node {
	if n == nil || n.isEmpty() {
		return n
	}
	if ci.Prefix == "" && ci.Suffix == "" {
		return n
	}
	pre := citePrefixSpace(ci.Prefix)
	suf := citeSuffixSpace(ci.Suffix)
	var kids []*node
	// The author's own prefix and suffix are text, not style punctuation: nothing moves in or out of them…
	if pre != "" {
		kids = append(kids, parseRich(pre, kField))
	}
	kids = append(kids, n)
	if suf != "" {
		// Except the punctuation a suffix starts with, which moves into a closing quote before it as the style's own
		// does under punctuation-in-quote ("“Title.” And …" for the suffix ". And …").
		lead := strings.TrimLeft(suf, ".,;:!?")
		if p := suf[:len(suf)-len(lead)]; p != "" {
			kids = append(kids, leaf(p, kAffix))
		}
		if lead != "" {
			kids = append(kids, parseRich(lead, kField))
		}
	}
	return &node{kids: kids}
}

// citePrefixSpace adds the space citeproc-js puts after a cite prefix that ends in a letter, a digit, a closing bracket
// or punctuation.
func citePrefixSpace(p string) string {
	if p == "" {
		return p
	}
	test := strings.TrimRight(tagRe.ReplaceAllString(p, ""), "\"'\u201d\u2019\u00bb\u202f\u00a0 ")
	sp := ""
	if test != "" {
		r, _ := utf8.DecodeLastRuneInString(test)
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(".:;!?)],&", r) {
			sp = " "
		}
	}
	return wsRunRe.ReplaceAllString(p+sp, " ")
}

// citeSuffixSpace adds a space before a cite suffix that starts with a letter or an opening bracket.
func citeSuffixSpace(s string) string {
	if s == "" {
		return s
	}
	r, _ := utf8.DecodeRuneInString(s)
	if unicode.IsLetter(r) || r == '[' || r == '(' {
		return " " + s
	}
	return s
}

var (
	trailingSpaceRe = regexp.MustCompile(`\s+((?:</div>)*)$`)
	tagRe           = regexp.MustCompile(`<[^>]+>`)
	wsRunRe         = regexp.MustCompile(`\s+`)
)

// prefixResetsCase reports whether a cite prefix ends a sentence (terminal punctuation, more than one word), so that a
// term starting the cite is capitalized.
func prefixResetsCase(p string) bool {
	test := strings.TrimRight(tagRe.ReplaceAllString(p, ""), "\"'\u201d\u2019\u00bb\u202f\u00a0 ")
	if test == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(test)
	return strings.ContainsRune(":.;!?", r) && strings.Contains(strings.TrimSpace(p), " ")
}
