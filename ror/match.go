package ror

import (
	"cmp"
	"slices"
)

// Result is the outcome of matching one affiliation string.
type Result struct {
	// Affiliation is the string matched, as given.
	Affiliation string `json:"affiliation"`
	// Chosen is the organisation the string names, when the matcher is confident; nil otherwise. It is one of
	// Candidates.
	Chosen *Candidate `json:"chosen,omitempty"`
	// Candidates are the organisations whose names occur in the string, best first.
	Candidates []Candidate `json:"candidates,omitempty"`
}

// Candidate is an organisation an affiliation string may name.
type Candidate struct {
	// Organization is the organisation. It is shared with the index or client cache: do not modify it.
	Organization *Organization `json:"organization"`
	// Score is the matcher's confidence, from 0 to 1.
	Score float64 `json:"score"`
	// Substring is the part of the affiliation string that matched one of the organisation's names (with any HTML
	// entities of the string decoded).
	Substring string `json:"substring"`
	// MatchingType says how it matched: "exact" (the name is a whole part of the string), "partial" (the name is
	// inside a longer part), "acronym", "fuzzy" (with one misspelt word); or the ROR API's matching type for API
	// results.
	MatchingType string `json:"matching_type"`
	// NameType is the type of the name that matched; empty for API results.
	NameType NameType `json:"name_type,omitempty"`
	// Chosen reports whether this is the chosen candidate.
	Chosen bool `json:"chosen"`
}

// The thresholds of the choice: a candidate is chosen when it scores at least chooseAt and no candidate for the
// same words of the string comes within margin of it.
const (
	chooseAt = 0.9
	margin   = 0.1
)

// maxQueryTokens bounds the words of a string that Match reads.
const maxQueryTokens = 1000

// matchState is the scratch space of one Match call, pooled.
type matchState struct {
	toks  []token
	ids   []uint32
	fuzzy []bool // by token: its id is a spelling correction
	hits  []hit
	cands []cand
	cover []bool
}

// hit is a span of the query whose tokens are a key of the index.
type hit struct {
	i, j      int
	e         uint32
	dominated bool
}

// cand is the best evidence found so far for one organisation.
type cand struct {
	org   int32
	score float64
	hit   int // index in hits of the span behind the score
	kind  nameKind
	class matchClass
	fuzzy bool // a word of the match is a spelling correction
}

// matchClass says how a name sits in its part of the string.
type matchClass uint8

const (
	classExact matchClass = iota // the rest of the part is places, numbers and small words
	classUnit                    // the rest names a unit inside the organisation (department, school, ...)
	classOther                   // the name is inside other words
)

// baseScore is the confidence of a name match by the kind of name, before its place in the string and the evidence.
var baseScore = [5]float64{kindDisplay: 1, kindLabel: 1, kindAlias: 0.95, kindDerived: 0.9, kindAcronym: 0.83}

// ignorable words may surround a name in its part without making the match partial.
var ignorable = map[string]bool{
	"of": true, "and": true, "for": true, "at": true, "in": true, "on": true, "de": true, "di": true, "du": true,
	"des": true, "la": true, "le": true, "les": true, "del": true, "della": true, "der": true, "die": true, "das": true,
	"fur": true, "von": true, "van": true, "from": true, "to": true, "a": true, "an": true, "with": true, "also": true,
	"present": true, "address": true, "current": true, "email": true, "mail": true, "affiliated": true,
	"box": true, "po": true, "bp": true, "cedex": true, "limited": true, "incorporated": true, "company": true,
	"corporation": true, "llc": true, "plc": true, "gmbh": true, "ag": true, "sa": true, "srl": true, "spa": true,
	"bv": true, "nv": true, "kk": true, "ab": true, "oy": true, "main": true, "campus": true,
}

// unitWords name the units inside an organisation; a name beside them is the organisation they belong to.
var unitWords = map[string]bool{
	"department": true, "departments": true, "faculty": true, "school": true, "college": true, "division": true,
	"section": true, "unit": true, "laboratory": true, "laboratories": true, "group": true, "program": true,
	"institute": true, "center": true, "centers": true, "clinic": true, "service": true, "chair": true,
	"graduate": true, "key": true, "research": true, "team": true, "office": true, "branch": true, "hospital": true,
	"cluster": true, "centro": true, "departamento": true, "dipartimento": true, "facultad": true, "instituto": true,
	"istituto": true, "institut": true, "laboratoire": true, "laboratorio": true, "fakultat": true, "lehrstuhl": true,
	"abteilung": true, "klinik": true, "equipe": true, "ufr": true, "umr": true, "inserm": true, "cnrs": true,
	"medicine": true, "engineering": true, "science": true, "sciences": true, "studies": true, "programme": true,
	"museum": true, "station": true, "observatory": true, "library": true, "directorate": true, "ministry": true,
}

// Match finds the organisations an affiliation string names and chooses one when confident. It never fails: a string
// with no known name gives a Result without candidates. Only the first 1,000 words of a string are read, which is
// far more than any affiliation has, so that the time a match takes is bounded whatever the input.
//
// The string is split into parts at commas, semicolons and brackets, normalised (case, accents, punctuation,
// abbreviations) and every run of words that is a name of an organisation is a candidate. A candidate scores by the
// type of name (display name and labels above aliases above acronyms), by whether the name is the whole of its part
// or sits beside a department or inside other words, and by whether the countries and cities the string mentions are
// the organisation's. Inactive and withdrawn records count as their active successor, or not at all. A candidate is
// chosen only when it scores high enough and no other organisation matched by the same words comes close; acronyms
// are chosen only when the string also names the organisation's city, and no other organisation of that acronym
// is there.
func (ix *Index) Match(affiliation string) Result {
	res := Result{Affiliation: affiliation}
	st := ix.pool.Get().(*matchState)
	defer ix.pool.Put(st)
	text := decodeText(affiliation) // the substrings below are taken from the text tokenised
	st.toks = tokenize(text, st.toks[:0])
	if len(st.toks) > maxQueryTokens {
		st.toks = st.toks[:maxQueryTokens]
	}
	if len(st.toks) == 0 || len(ix.entries) == 0 {
		return res
	}
	ix.findHits(st)
	if len(st.hits) == 0 {
		return res
	}
	ev := ix.evidence(st)
	ix.score(st, &ev)
	if len(st.cands) == 0 {
		return res
	}
	slices.SortStableFunc(st.cands, func(a, b cand) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(st.hits[a.hit].i, st.hits[b.hit].i)
	})
	chosen := ix.choose(st)
	res.Candidates = make([]Candidate, 0, min(len(st.cands), 10))
	for k, c := range st.cands {
		if k == 10 {
			break
		}
		h := st.hits[c.hit]
		mt := "exact"
		switch {
		case c.kind == kindAcronym:
			mt = "acronym"
		case c.fuzzy:
			mt = "fuzzy"
		case c.class != classExact:
			mt = "partial"
		}
		res.Candidates = append(res.Candidates, Candidate{
			Organization: ix.orgs[c.org],
			Score:        float64(int(c.score*1000+0.5)) / 1000,
			Substring:    text[st.toks[h.i].start:st.toks[h.j-1].end],
			MatchingType: mt,
			NameType:     c.kind.nameType(),
			Chosen:       k == chosen,
		})
	}
	if chosen >= 0 && chosen < len(res.Candidates) {
		res.Chosen = &res.Candidates[chosen]
	}
	return res
}

// findHits looks every span of the query up in the index and marks the spans inside longer ones as dominated.
func (ix *Index) findHits(st *matchState) {
	st.ids, st.fuzzy = st.ids[:0], st.fuzzy[:0]
	for _, t := range st.toks {
		id, fz := ix.vocab[t.text], false
		if id == 0 {
			id = ix.correct(t.text)
			fz = id != 0
		}
		st.ids = append(st.ids, id)
		st.fuzzy = append(st.fuzzy, fz)
	}
	st.hits = st.hits[:0]
	n := len(st.ids)
	allCaps := 0
	for _, t := range st.toks {
		if t.upper {
			allCaps++
		}
	}
	shouting := allCaps*2 > n // most words in capitals: capitals say nothing about acronyms
	for i := 0; i < n; i++ {
		h := hashSeed
		var breaks uint64
		for j := i; j < n && j-i < ix.maxSpan; j++ {
			id := st.ids[j]
			if id == 0 {
				break
			}
			if j > i && st.toks[j].part != st.toks[j-1].part && j-i < 64 {
				breaks |= 1 << (j - i)
			}
			h = mix(h, id)
			e := ix.find(h, st.ids[i:j+1])
			if e < 0 {
				continue
			}
			ent := &ix.entries[e]
			if breaks&^ent.breaks != 0 {
				continue // the span crosses a comma that the name does not have
			}
			if j == i && len(st.toks[i].text) <= 3 && (!st.toks[i].upper || shouting) && !ix.hasLongName(ent) {
				continue // a short word in lower case ("in", "us") is not the acronym or code it spells
			}
			st.hits = append(st.hits, hit{i: i, j: j + 1, e: uint32(e)})
		}
	}
	// A hit inside a longer one is dominated. In order of start, longest first, a hit is inside an earlier one
	// exactly when some earlier hit ends at or after its end (two hits never share both ends: one span, one key).
	slices.SortFunc(st.hits, func(a, b hit) int {
		if c := cmp.Compare(a.i, b.i); c != 0 {
			return c
		}
		return cmp.Compare(b.j, a.j)
	})
	maxEnd := -1
	for k := range st.hits {
		if st.hits[k].j <= maxEnd {
			st.hits[k].dominated = true
		}
		maxEnd = max(maxEnd, st.hits[k].j)
	}
}

// hasLongName reports whether some organisation name under e is not an acronym (so that case does not matter).
func (ix *Index) hasLongName(e *entry) bool {
	for _, n := range e.names {
		if n.kind != kindAcronym {
			return true
		}
	}
	return false
}

// evidence is what the string says about where the organisation is.
type evidence struct {
	strong, weak []string // countries named outright; countries implied by a state, region or city
	cities       []uint32 // entries of the cities named
}

func (ix *Index) evidence(st *matchState) evidence {
	var ev evidence
	for _, h := range st.hits {
		e := &ix.entries[h.e]
		if h.dominated || len(e.places) == 0 {
			continue
		}
		country, kinds, same := "", 0, true
		for _, p := range e.places {
			if country == "" {
				country = p.country
			} else if p.country != country {
				same = false
			}
			if p.kind == placeCountry {
				kinds++
			}
			if p.kind == placeCity {
				ev.cities = append(ev.cities, h.e)
			}
		}
		for _, p := range e.places {
			if kinds > 0 && same {
				ev.strong = appendNew(ev.strong, p.country)
			} else {
				ev.weak = appendNew(ev.weak, p.country)
			}
		}
	}
	return ev
}

func appendNew(s []string, v string) []string {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

// genericWithin is how many other organisations may have a name containing a name (not at its start, not after
// "of") before the name counts as generic words ("Institute of Physics") rather than a proper name; a generic name
// is chosen only when the string also names the organisation's country or city.
const genericWithin = 5

// score turns the undominated name hits into one candidate per organisation with its best score.
func (ix *Index) score(st *matchState, ev *evidence) {
	n := len(st.toks)
	st.cover = slices.Grow(st.cover[:0], n)[:n]
	clear(st.cover)
	for _, h := range st.hits {
		if !h.dominated {
			for k := h.i; k < h.j; k++ {
				st.cover[k] = true
			}
		}
	}
	st.cands = st.cands[:0]
	for hi, h := range st.hits {
		e := &ix.entries[h.e]
		if h.dominated || len(e.names) == 0 {
			continue
		}
		class := st.classify(h)
		upper := true
		for k := h.i; k < h.j; k++ {
			upper = upper && st.toks[k].upper
		}
		single := h.j-h.i == 1
		generic := e.within >= genericWithin || e.unitName
		fuzzy := 0
		for k := h.i; k < h.j; k++ {
			if st.fuzzy[k] {
				fuzzy++
			}
		}
		if fuzzy > 1 || fuzzy == 1 && (single || generic) {
			continue // one corrected word per name, in a name of several words that is not generic
		}
		for _, nr := range e.names {
			t := ix.info[nr.org].target
			if t < 0 {
				continue
			}
			acr := nr.kind == kindAcronym
			if acr && (nr.caps && !upper || single && len(st.toks[h.i].text) <= 2) {
				continue
			}
			if acr && st.besideNumber(h) {
				continue // "Sometown, XYZ 1234": capitals beside a postcode are a region's code
			}
			if len(e.places) > 0 && (acr || single) {
				continue // a place's name ("Georgia", "USA") is not taken for an organisation of that name
			}
			if single && !acr && (generic || !st.toks[h.i].capital) {
				continue // one common word ("Engineering", "Faculty") is not a name here
			}
			if fuzzy > 0 && nr.kind == kindAcronym {
				continue
			}
			s := baseScore[nr.kind] - 0.05*float64(fuzzy)
			switch {
			case class == classUnit && generic:
				s -= 0.3
			case class == classOther && generic:
				s -= 0.4
			case class == classUnit:
				s -= 0.05
			case class == classOther && st.leftOpen(h):
				s -= 0.15 // a word just before the name may be part of another name ("Technical University of X")
			case class == classOther:
				s -= 0.1
			}
			inf := &ix.info[t]
			countryOK := slices.Contains(ev.strong, inf.country)
			weakOK := slices.Contains(ev.weak, inf.country)
			cityOK := false
			for _, c := range inf.cities {
				if slices.Contains(ev.cities, c) {
					cityOK = true
					break
				}
			}
			switch {
			case len(ev.strong) > 0 && !countryOK:
				s -= 0.35 // the string names another country
			case countryOK:
				s += 0.05
			case len(ev.strong) == 0 && len(ev.weak) > 0 && !weakOK:
				s -= 0.1 // the string names places elsewhere
			case weakOK:
				s += 0.02
			}
			if cityOK {
				s += 0.05
			}
			switch {
			case acr && !(cityOK && ix.onlyOneIn(e, inf.country)):
				s = min(s, 0.6) // an acronym is chosen with its city, when no one else in that country uses it
			case generic && !countryOK && !cityOK:
				s = min(s, 0.6) // a generic name alone is too often someone else's
			}
			if e.orgs > 1 && !acr {
				s -= 0.02 // a name several organisations share
			}
			s = max(0, min(1, s))
			found := false
			for k := range st.cands {
				if st.cands[k].org == t {
					found = true
					if s > st.cands[k].score {
						st.cands[k] = cand{org: t, score: s, hit: hi, kind: nr.kind, class: class, fuzzy: fuzzy > 0}
					}
					break
				}
			}
			if !found {
				st.cands = append(st.cands, cand{org: t, score: s, hit: hi, kind: nr.kind, class: class, fuzzy: fuzzy > 0})
			}
		}
	}
}

// besideNumber reports whether the part of h holds a token with a digit.
func (st *matchState) besideNumber(h hit) bool {
	p := st.toks[h.i].part
	for k := h.i - 1; k >= 0 && st.toks[k].part == p; k-- {
		if hasDigit(st.toks[k].text) {
			return true
		}
	}
	for k := h.j; k < len(st.toks) && st.toks[k].part == p; k++ {
		if hasDigit(st.toks[k].text) {
			return true
		}
	}
	return false
}

func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// unitName are the first words of names that every university has a unit of ("Department of Biological
// Sciences"): such a name is generic however few records carry it.
var unitName = map[string]bool{"department": true, "departments": true, "faculty": true, "division": true, "section": true}

// leftOpen reports whether the word just before h, in the same part, is a word of some other name rather than a
// small word, a number or another match.
func (st *matchState) leftOpen(h hit) bool {
	k := h.i - 1
	if k < 0 || st.toks[k].part != st.toks[h.i].part || st.cover[k] {
		return false
	}
	t := st.toks[k].text
	return !ignorable[t] && len(t) > 1 && !hasDigit(t)
}

// onlyOneIn reports whether exactly one organisation (after successors) under e is in the given country.
func (ix *Index) onlyOneIn(e *entry, country string) bool {
	var one int32 = -1
	for _, nr := range e.names {
		t := ix.info[nr.org].target
		if t < 0 || ix.info[t].country != country || t == one {
			continue
		}
		if one >= 0 {
			return false
		}
		one = t
	}
	return one >= 0
}

// classify looks at the rest of the parts a hit is in: nothing but places, numbers and small words (exact), words
// that name a unit such as a department (unit), or other words (other).
func (st *matchState) classify(h hit) matchClass {
	p0, p1 := st.toks[h.i].part, st.toks[h.j-1].part
	unit, other := false, false
	look := func(k int) {
		t := st.toks[k].text
		switch {
		case st.cover[k] || ignorable[t] || len(t) == 1 || t[0] >= '0' && t[0] <= '9':
		case unitWords[t]:
			unit = true
		default:
			other = true
		}
	}
	for k := h.i - 1; k >= 0 && st.toks[k].part >= p0; k-- {
		look(k)
	}
	for k := h.j; k < len(st.toks) && st.toks[k].part <= p1; k++ {
		look(k)
	}
	if k := h.j; k+1 < len(st.toks) && st.toks[k].part == p1 && (st.toks[k].text == "of" || st.toks[k].text == "for") && !st.cover[k+1] {
		return classOther // "Example University of Arts" is not "Example University": the name goes on
	}
	switch {
	case unit:
		return classUnit
	case other:
		return classOther
	}
	return classExact
}

// choose returns the index in st.cands of the chosen candidate, or -1. Among the confident candidates, a parent
// wins over its child and otherwise the organisation named last: affiliation strings run from the smallest unit to
// the institution ("Institute X, University Y, City"), and the institution is the affiliation to credit. A candidate
// is not chosen when another organisation matched by the same words comes within margin of it.
func (ix *Index) choose(st *matchState) int {
	best := -1
	for k, c := range st.cands {
		if c.score < chooseAt {
			break
		}
		if ix.contested(st, k) {
			continue
		}
		if best < 0 {
			best = k
			continue
		}
		b := st.cands[best]
		switch {
		case ix.isAncestor(c.org, b.org):
			best = k
		case ix.isAncestor(b.org, c.org):
		case c.score >= b.score-margin && c.class <= b.class && (c.kind != kindAcronym || b.kind == kindAcronym) &&
			st.hits[c.hit].i > st.hits[b.hit].i:
			best = k
		}
	}
	return best
}

// contested reports whether another candidate matched by overlapping words scores within margin of candidate k.
func (ix *Index) contested(st *matchState, k int) bool {
	c := st.cands[k]
	ch := st.hits[c.hit]
	for m, o := range st.cands {
		if m == k || o.score <= c.score-margin {
			continue
		}
		h := st.hits[o.hit]
		if h.i < ch.j && ch.i < h.j && !ix.isAncestor(o.org, c.org) && !ix.isAncestor(c.org, o.org) {
			return true
		}
	}
	return false
}

// isAncestor reports whether a is a parent of b, or a parent of a parent (three levels at most).
func (ix *Index) isAncestor(a, b int32) bool {
	for range 3 {
		ps := ix.info[b].parents
		if len(ps) == 0 {
			return false
		}
		if slices.Contains(ps, a) {
			return true
		}
		b = ps[0]
	}
	return false
}
