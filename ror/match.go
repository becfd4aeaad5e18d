package ror

import (
	"cmp"
	"context"
	"slices"
	"strings"
)

// Result is the outcome of matching one affiliation string.
type Result struct {
	// Affiliation is the string matched, as given.
	Affiliation string `json:"affiliation"`
	// Chosen is the most specific organisation the string names (Matches[0]), when the matcher is confident; nil
	// otherwise.
	Chosen *Candidate `json:"chosen,omitempty"`
	// Matches are every organisation the matcher chose, most specific first: a laboratory before the institutions
	// it belongs to, and otherwise in the order the string names them. Each rests on its own words of the string.
	Matches []Candidate `json:"matches,omitempty"`
	// Candidates are the organisations whose names occur in the string, best first (at most ten).
	Candidates []Candidate `json:"candidates,omitempty"`
}

// IDs returns the IDs of the matches, most specific first.
func (r Result) IDs() []ID {
	ids := make([]ID, len(r.Matches))
	for i, c := range r.Matches {
		ids[i] = c.Organization.ID
	}
	return ids
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
	// Start and End are the byte offsets of Substring in the affiliation string as given (Affiliation[Start:End];
	// with HTML entities still encoded, if it had any). Both are 0 for API results.
	Start int `json:"start"`
	End   int `json:"end"`
	// MatchingType says how it matched: "exact" (the name is a whole part of the string), "partial" (the name is
	// inside a longer part), "acronym", "fuzzy" (with one misspelt word), "short name" (the curated short-name
	// table of [Default]); or the ROR API's matching type for API results.
	MatchingType string `json:"matching_type"`
	// NameType is the type of the name that matched; empty for API results.
	NameType NameType `json:"name_type,omitempty"`
	// Chosen reports whether the matcher chose this organisation (it is then one of the Result's Matches).
	Chosen bool `json:"chosen"`
	// Evidence is what the choice rests on besides the name: the city and country the string names, and the
	// organisations it also names that are this one's parent or child. Only chosen candidates carry it.
	Evidence []Evidence `json:"evidence,omitempty"`
}

// EvidenceKind says what a piece of [Evidence] is.
type EvidenceKind string

// The kinds of evidence.
const (
	EvidenceCity    EvidenceKind = "city"    // the string names the organisation's city
	EvidenceCountry EvidenceKind = "country" // the string names the organisation's country (or a region of it)
	EvidenceParent  EvidenceKind = "parent"  // the string also names a parent of the organisation (ID)
	EvidenceChild   EvidenceKind = "child"   // the string also names a child of the organisation (ID)
)

// Evidence is one fact of the affiliation string that supports a match besides the organisation's name.
type Evidence struct {
	Kind EvidenceKind `json:"kind"`
	// Text is the words of the string the fact rests on; Start and End are their byte offsets in the string as
	// given.
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	// ID is the related organisation, for parent and child evidence.
	ID ID `json:"id,omitempty"`
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
	toks     []token
	ids      []uint32
	fuzzy    []bool // by token: its id is a spelling correction
	hits     []hit
	cands    []cand
	cover    []int32    // by token: 1 + the index in hits of a place or name that covers it, 0 for none
	seg      []int      // by token: the segment (one affiliation of several) it is in
	segNamed []bool     // by segment: it names an organisation
	offs     []int32    // offsets in the affiliation of the decoded text's bytes, when it had HTML entities
	picked   []int      // indexes in cands of the chosen, most specific first once ordered
	evs      []evidence // by segment
	text     string     // the text tokenised
	done     []bool
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
	raw   float64 // the score before the caps on acronyms without their city and generic names without a place
	hit   int     // index in hits of the span behind the score
	kind  nameKind
	class matchClass
	fuzzy bool // a word of the match is a spelling correction
	short bool // the name is in the curated short-name table
	// placed reports whether the candidate's segment names a place (a country, region or city).
	placed bool
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

// Match finds the organisations an affiliation string names and chooses those it is confident of. It never fails: a
// string with no known name gives a Result without candidates. Only the first 1,000 words of a string are read, which
// is far more than any affiliation has, so that the time a match takes is bounded whatever the input.
//
// The string is split into parts at commas, semicolons and brackets, normalised (case, accents, punctuation,
// abbreviations) and every run of words that is a name of an organisation is a candidate, unless it lies inside a
// longer name of another organisation. A candidate scores by the type of name (display name and labels above
// aliases above acronyms), by whether the name is the whole of its part or sits beside a department or inside other
// words, and by whether the countries and cities the string mentions are the organisation's. Inactive and withdrawn
// records count as their active successor, or not at all.
//
// Every candidate that scores high enough, with no other organisation matched by the same words coming close, is
// chosen; acronyms and generic names ("Institute of Physics") are chosen only when the string also names the
// organisation's city (and, for an acronym, no other organisation of that acronym is there) or, when the string
// also names a chosen organisation that is its parent or child: "IJCLab, Université Paris-Saclay, CNRS/IN2P3" is
// the laboratory and the three institutions it belongs to. The matches come most specific first.
func (ix *Index) Match(affiliation string) Result {
	res := Result{Affiliation: affiliation}
	st := ix.pool.Get().(*matchState)
	defer ix.pool.Put(st)
	var text string
	text, st.offs = decodeTextOffsets(affiliation, st.offs[:0]) // the substrings below are taken from the text tokenised
	st.text = text
	defer func() { st.text = "" }() // the pool must not keep the caller's string alive
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
	st.evs = ix.segments(st)
	ix.score(st, st.evs)
	if len(st.cands) == 0 {
		return res
	}
	slices.SortStableFunc(st.cands, func(a, b cand) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(st.hits[a.hit].i, st.hits[b.hit].i)
	})
	ix.chooseAll(st)
	at := func(i int) int { // offset in the affiliation of offset i in text
		if st.offs == nil {
			return i
		}
		return int(st.offs[i])
	}
	candidate := func(c cand) Candidate {
		h := st.hits[c.hit]
		mt := "exact"
		switch {
		case c.short:
			mt = "short name"
		case c.kind == kindAcronym:
			mt = "acronym"
		case c.fuzzy:
			mt = "fuzzy"
		case c.class != classExact:
			mt = "partial"
		}
		b, e := st.toks[h.i].start, st.toks[h.j-1].end
		return Candidate{
			Organization: ix.orgs[c.org],
			Score:        float64(int(c.score*1000+0.5)) / 1000,
			Substring:    text[b:e],
			Start:        at(b),
			End:          at(e),
			MatchingType: mt,
			NameType:     c.kind.nameType(),
		}
	}
	res.Candidates = make([]Candidate, 0, min(len(st.cands), 10))
	for k, c := range st.cands {
		chosen := slices.Contains(st.picked, k)
		if k >= 10 && !chosen {
			continue
		}
		cd := candidate(c)
		cd.Chosen = chosen
		res.Candidates = append(res.Candidates, cd)
	}
	if len(st.picked) > 0 {
		res.Matches = make([]Candidate, len(st.picked))
		for n, k := range st.picked {
			cd := candidate(st.cands[k])
			cd.Chosen = true
			cd.Evidence = ix.evidenceFor(st, k, text, at)
			res.Matches[n] = cd
		}
		res.Chosen = &res.Matches[0]
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
	allCaps, longCaps := 0, false
	for _, t := range st.toks {
		if t.upper {
			allCaps++
			longCaps = longCaps || len(t.text) >= 6
		}
	}
	// Most words in capitals, some of them long words rather than acronyms: capitals say nothing about acronyms.
	shouting := allCaps*2 > n && longCaps
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
			isKey, isPrefix := ix.prefixes[h]
			if !isPrefix {
				break // no name starts with these words: none goes on from here
			}
			if !isKey {
				continue
			}
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

// evidence is what one segment of the string says about where the organisations it names are.
type evidence struct {
	strong, weak []string // countries named outright; countries implied by a state, region or city
	cities       []uint32 // entries of the cities named
}

// segments splits the string into the affiliations it holds, each with its own places: a segment ends at a
// semicolon or a line break, after a country, and before an organisation's name that follows the places of an
// earlier one ("Univ. A, Seattle, WA 98195, Dept. of Physics, Univ. B, Notre Dame, Indiana, and Korea University,
// Seoul, Korea"). A segment that names no organisation (a postcode after the country) joins the one before it. It
// sets st.seg and returns the evidence of each segment, so that one affiliation's places do not count for or
// against another's organisation.
func (ix *Index) segments(st *matchState) []evidence {
	n := len(st.toks)
	st.seg = slices.Grow(st.seg[:0], n)[:n]
	clear(st.seg)
	// Mark the first token of every segment but the first with 1.
	nameSeen, placeEnd := false, -1 // placeEnd: the end of the last place after a name, or -1
	for _, h := range st.hits {
		if h.dominated {
			continue
		}
		if h.i > 0 && st.toks[h.i].hard && st.toks[h.i].part != st.toks[h.i-1].part {
			nameSeen, placeEnd = false, -1
		}
		e := &ix.entries[h.e]
		isPlace := len(e.places) > 0
		if !isPlace && len(e.names) > 0 && (h.j-h.i >= 2 || st.toks[h.i].upper) {
			if nameSeen && placeEnd >= 0 {
				b := h.i
				for b > placeEnd && st.toks[b-1].part == st.toks[h.i].part {
					b--
				}
				st.seg[b] = 1
				placeEnd = -1
			}
			nameSeen = true
		}
		if isPlace && nameSeen {
			placeEnd = h.j
		}
		if ix.strongCountry(e) && h.j < n {
			st.seg[h.j] = 1
			nameSeen, placeEnd = false, -1
		}
	}
	seg := 0
	for k := range n {
		if k > 0 && (st.seg[k] == 1 || st.toks[k].hard && st.toks[k].part != st.toks[k-1].part) {
			seg++
		}
		st.seg[k] = seg
	}
	// Segments without an organisation's name join the one before (or, for the first, after) them.
	st.segNamed = slices.Grow(st.segNamed[:0], seg+1)[:seg+1]
	clear(st.segNamed)
	for _, h := range st.hits {
		if !h.dominated && len(ix.entries[h.e].names) > 0 && len(ix.entries[h.e].places) == 0 {
			st.segNamed[st.seg[h.i]] = true
		}
	}
	remap, last := 0, -1
	for k := range n {
		s := st.seg[k]
		if st.segNamed[s] && s != last {
			if last >= 0 {
				remap++
			}
			last = s
		}
		st.seg[k] = remap
	}
	evs := make([]evidence, remap+1)
	for _, h := range st.hits {
		e := &ix.entries[h.e]
		if h.dominated || len(e.places) == 0 {
			continue
		}
		ev := &evs[st.seg[h.i]]
		strong := ix.strongCountry(e)
		for _, p := range e.places {
			if p.kind == placeCity {
				ev.cities = append(ev.cities, h.e)
			}
			if strong {
				ev.strong = appendNew(ev.strong, p.country)
			} else {
				ev.weak = appendNew(ev.weak, p.country)
			}
		}
	}
	return evs
}

// strongCountry reports whether e names a country outright: some of its places are countries, and all are in one.
func (ix *Index) strongCountry(e *entry) bool {
	if len(e.places) == 0 {
		return false
	}
	country, countries := "", 0
	for _, p := range e.places {
		if country == "" {
			country = p.country
		} else if p.country != country {
			return false
		}
		if p.kind == placeCountry {
			countries++
		}
	}
	return countries > 0
}

func appendNew(s []string, v string) []string {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

// umbrellaChildren is how many children make an organisation an umbrella ("CNRS", "CSIC", "Max Planck Society").
const umbrellaChildren = 50

// genericWithin is how many other organisations may have a name containing a name (not at its start, not after
// "of") before the name counts as generic words ("Institute of Physics") rather than a proper name; a generic name
// is chosen only when the string also names the organisation's country or city.
const genericWithin = 5

// score turns the undominated name hits into one candidate per organisation with its best score.
func (ix *Index) score(st *matchState, evs []evidence) {
	n := len(st.toks)
	st.cover = slices.Grow(st.cover[:0], n)[:n]
	clear(st.cover)
	// The words of places and of names that may stand for an organisation here are covered: the words around a
	// name are judged without them. A name that cannot ("School" read as someone's acronym) covers nothing.
	for hi, h := range st.hits {
		if h.dominated {
			continue
		}
		e := &ix.entries[h.e]
		cover := len(e.places) > 0
		for k := 0; k < len(e.names) && !cover; k++ {
			cover = ix.viable(st, h, e, e.names[k])
		}
		if cover {
			for k := h.i; k < h.j; k++ {
				if st.cover[k] == 0 {
					st.cover[k] = int32(hi + 1)
				}
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
		generic := e.within >= genericWithin || e.unitName
		fuzzy := st.fuzzyWords(h)
		for _, nr := range e.names {
			if !ix.viable(st, h, e, nr) {
				continue
			}
			t := ix.info[nr.org].target
			acr := nr.kind == kindAcronym
			s := baseScore[nr.kind] - 0.05*float64(fuzzy)
			if st.linkMissing(h, e) {
				// "University Budapest" is "University of Budapest" written loosely, or the end of "Semmelweis
				// University Budapest": less sure than the name as written.
				s -= 0.1
			}
			switch {
			case class == classUnit && generic:
				s -= 0.3
			case class == classOther && generic:
				s -= 0.4
			case class == classUnit:
				s -= 0.05
			case class == classOther && st.leftModified(h):
				s -= 0.25 // "Open University in Wales" is not the "University of Wales"
			case class == classOther && (st.leftOpen(h) || st.rightOpen(h)):
				s -= 0.15 // a word just before or after the name may make it another name ("Technical University of
				// X", "X University of Y")
			case class == classOther:
				s -= 0.05 // words after the name: mostly a unit in a language the matcher does not know, or an address
			}
			inf := &ix.info[t]
			ev := &evs[st.seg[h.i]]
			countryOK := slices.Contains(ev.strong, inf.country)
			weakOK := slices.Contains(ev.weak, inf.country)
			cityOK := false
			for _, c := range inf.cities {
				if slices.Contains(ev.cities, c) || acr && st.holds(h, c) {
					cityOK = true // the city named beside the name, or in an acronym's ("LPC Caen")
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
			raw := s
			guarded := acr && (cityOK || countryOK && inf.children >= umbrellaChildren) && ix.onlyOneIn(e, inf.country)
			short := false
			switch {
			case guarded:
				s += 0.05 // an acronym beside its city (an umbrella's beside its country) that no one else there uses
			case acr && nr.short && (cityOK || !ix.shortShared(e)):
				// A curated short name of the built-in set resolves alone (a shared one, "LPC", with its city):
				// as sure as an alias, as long as the string names no other organisation (dropLoneShortNames).
				s += baseScore[kindAlias] - baseScore[kindAcronym]
				short = true
			case acr:
				s = min(s, 0.6)
			case generic && !countryOK && !cityOK && !ix.namesOwnPlace(st, h, t):
				s = min(s, 0.6) // a generic name alone is too often someone else's
			}
			if len(e.places) > 0 {
				s, raw = min(s, 0.6), min(raw, 0.6) // a region's name ("Centre-Val de Loire") is the region's
			}
			if e.orgs > 1 && !acr {
				s -= 0.02 // a name several organisations share
			}
			s = max(0, min(1, s))
			c := cand{org: t, score: s, raw: max(0, min(1, raw)), hit: hi, kind: nr.kind, class: class, fuzzy: fuzzy > 0, short: short,
				placed: len(ev.strong)+len(ev.weak)+len(ev.cities) > 0}
			found := false
			for k := range st.cands {
				if st.cands[k].org == t {
					found = true
					if s > st.cands[k].score || s == st.cands[k].score && c.raw > st.cands[k].raw {
						st.cands[k] = c
					}
					break
				}
			}
			if !found {
				st.cands = append(st.cands, c)
			}
		}
	}
}

// namesOwnPlace reports whether the words of h hold the city or the country of organisation t ("University of Hong
// Kong", "University of Paris"): a name generic in its words is specific in its place.
func (ix *Index) namesOwnPlace(st *matchState, h hit, t int32) bool {
	inf := &ix.info[t]
	for _, o := range st.hits {
		if !o.dominated || o.i < h.i || o.j > h.j {
			continue
		}
		if slices.Contains(inf.cities, o.e) {
			return true
		}
		for _, p := range ix.entries[o.e].places {
			if p.kind == placeCountry && p.country == inf.country {
				return true
			}
		}
	}
	return false
}

// linkMissing reports whether the names of e all have a linking word ("of", "de") that the words of h lack.
func (st *matchState) linkMissing(h hit, e *entry) bool {
	for k := h.i + 1; k < h.j && k-h.i < 64; k++ {
		if e.linksAll&(1<<(k-h.i)) != 0 && !st.toks[k].afterLink {
			return true
		}
	}
	return false
}

// fuzzyWords counts the words of h that are spelling corrections.
func (st *matchState) fuzzyWords(h hit) int {
	n := 0
	for k := h.i; k < h.j; k++ {
		if st.fuzzy[k] {
			n++
		}
	}
	return n
}

// viable reports whether name nr of entry e, found at h, may stand for its organisation in this string at all,
// whatever its score.
func (ix *Index) viable(st *matchState, h hit, e *entry, nr nameRef) bool {
	if ix.info[nr.org].target < 0 {
		return false // withdrawn, or inactive without a successor
	}
	single := h.j-h.i == 1
	generic := e.within >= genericWithin || e.unitName
	acr := nr.kind == kindAcronym
	fuzzy := st.fuzzyWords(h)
	switch {
	case fuzzy > 1 || fuzzy == 1 && (single || generic || acr):
		return false // one corrected word per name, in a name of several words that is not generic
	case acr && (nr.caps && !ix.capsLike(st, h) || single && len(st.toks[h.i].text) <= 2):
		return false
	case acr && st.besideNumber(h):
		return false // "Sometown, XYZ 1234": capitals beside a postcode are a region's code
	case len(e.places) > 0 && (acr || single):
		return false // a place's name ("Georgia", "USA") is not an organisation here
	case st.toks[h.i].part != st.toks[h.j-1].part && ix.placesOnly(st, h):
		return false // nor places in a row ("Phoenix, United States")
	case single && !acr && (generic || !st.toks[h.i].capital):
		return false // one common word ("Engineering", "Faculty") is not a name here
	case st.inAddress(h):
		return false // "Carl-Zeiss-Promenade 10" is a street
	case st.unitSubject(h):
		return false // "Department of Molecular Microbiology" is a department, whoever is called "Molecular Microbiology"
	}
	return true
}

// unitSubject reports whether h follows a unit's word and a linking word ("Department of", "Centre for"): the
// subject of a unit, not an organisation.
func (st *matchState) unitSubject(h hit) bool {
	k := h.i - 1
	return k >= 0 && st.toks[h.i].afterLink && st.toks[k].part == st.toks[h.i].part && unitLead[st.toks[k].text] &&
		!headWords[st.toks[k].text]
}

// inAddress reports whether h is the first words of a street's name: joined by a hyphen to a street word, then a
// number ("Carl-Zeiss-Promenade 10", "Max-Planck-Str. 1").
func (st *matchState) inAddress(h hit) bool {
	k := h.j
	if k >= len(st.toks) || st.toks[k].part != st.toks[h.j-1].part || !isStreet(st.toks[k].text) ||
		st.text[st.toks[k-1].end:st.toks[k].start] != "-" {
		return false
	}
	return k+1 < len(st.toks) && st.toks[k+1].part == st.toks[k].part && hasDigit(st.toks[k+1].text)
}

// streetWords name streets in addresses; streetEnds end the words that do ("Bertoldstrasse").
var (
	streetWords = map[string]bool{"street": true, "road": true, "rd": true, "avenue": true, "ave": true,
		"boulevard": true, "blvd": true, "lane": true, "drive": true, "highway": true, "rue": true, "via": true,
		"viale": true, "piazza": true, "corso": true, "largo": true, "str": true, "strasse": true, "platz": true,
		"allee": true, "promenade": true, "weg": true, "gasse": true, "ring": true, "calle": true, "avenida": true,
		"rua": true, "ulica": true, "ul": true, "prospekt": true, "quai": true, "cours": true, "chaussee": true,
		"plaza": true, "square": true}
	streetEnds = []string{"strasse", "str", "weg", "gasse", "platz", "allee", "gatan", "vagen", "katu", "vej", "gade", "straat", "laan"}
)

func isStreet(t string) bool {
	if streetWords[t] {
		return true
	}
	for _, e := range streetEnds {
		if len(t) > len(e)+2 && strings.HasSuffix(t, e) {
			return true
		}
	}
	return false
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

// covered reports whether word k is a place's or another name's, other than a reading of h's own words: a name that
// overlaps h ("University of Science and Technology" across "Jiangxi Normal University of Science and Technology")
// competes with h for the words, it does not end h's part.
func (st *matchState) covered(k int, h hit) bool {
	c := st.cover[k]
	if c == 0 {
		return false
	}
	o := st.hits[c-1]
	return o.j <= h.i || o.i >= h.j
}

// rightOpen reports whether the name of h goes on in its part: a linking word ("of", "and", "de") follows it, then
// a word of some other name ("X University of Applied Arts", "Laboratoire de Chimie et ...").
func (st *matchState) rightOpen(h hit) bool {
	k := h.j
	p := st.toks[h.j-1].part
	if k >= len(st.toks) || st.toks[k].part != p || st.covered(k, h) {
		return false
	}
	if st.toks[k].text == "and" {
		k++
		if k >= len(st.toks) || st.toks[k].part != p || st.covered(k, h) {
			return false
		}
	} else if !st.toks[k].afterLink {
		return false
	}
	return !ignorable[st.toks[k].text] && !hasDigit(st.toks[k].text)
}

// placesOnly reports whether every part of h is the name of a place: "Phoenix (United States)" read in
// "Phoenix, United States" is a city and a country.
func (ix *Index) placesOnly(st *matchState, h hit) bool {
	for i := h.i; i < h.j; {
		j := i + 1
		for j < h.j && st.toks[j].part == st.toks[i].part {
			j++
		}
		hh := hashSeed
		for k := i; k < j; k++ {
			hh = mix(hh, st.ids[k])
		}
		e := ix.find(hh, st.ids[i:j])
		if e < 0 || len(ix.entries[e].places) == 0 {
			return false
		}
		i = j
	}
	return true
}

// leftOpen reports whether the word just before h, in the same part, may make the name another, longer one: a word
// that begins names ("Technical University of X", "Medical University of X"), or any capitalised word before a name
// that starts with a head word such as "University" ("Semmelweis University Budapest" is not the "University of
// Budapest"). A word after which names start ("the"), a small word, a number or another match does not.
func (st *matchState) leftOpen(h hit) bool {
	k := h.i - 1
	if k < 0 || st.toks[k].part != st.toks[h.i].part || st.covered(k, h) || st.toks[h.i].afterThe {
		return false
	}
	t := st.toks[k].text
	if ignorable[t] || len(t) < 2 || hasDigit(t) {
		return false
	}
	return nameModifiers[t] || st.toks[k].capital && headWords[st.toks[h.i].text]
}

// leftModified reports whether the word just before h begins names before a head word ("Technical", "Open").
func (st *matchState) leftModified(h hit) bool {
	k := h.i - 1
	return k >= 0 && st.toks[k].part == st.toks[h.i].part && !st.covered(k, h) && !st.toks[h.i].afterThe &&
		nameModifiers[st.toks[k].text] && headWords[st.toks[h.i].text]
}

// nameModifiers begin the names of organisations before a head word: "Technical University", "Medical College".
var nameModifiers = map[string]bool{
	"technical": true, "technological": true, "medical": true, "national": true, "state": true, "federal": true,
	"catholic": true, "polytechnic": true, "normal": true, "agricultural": true, "pedagogical": true,
	"international": true, "open": true, "free": true, "royal": true, "imperial": true, "american": true,
	"european": true, "new": true, "city": true, "metropolitan": true, "municipal": true, "provincial": true,
	"central": true, "pontifical": true, "military": true, "naval": true, "economic": true, "pharmaceutical": true,
	"veterinary": true, "christian": true, "islamic": true, "private": true, "public": true, "autonomous": true,
	"technische": true, "freie": true, "katholische": true, "libre": true, "nacional": true, "nazionale": true,
	"politecnico": true, "universidade": true, "universidad": true, "university": true, "institute": true,
	"college": true, "hospital": true, "children": true, "childrens": true, "womens": true, "general": true,
}

// headWords are the words names start with before "of X": "University of X", "Institute of X".
var headWords = map[string]bool{
	"university": true, "universities": true, "institute": true, "college": true, "school": true, "academy": true,
	"hospital": true, "center": true, "laboratory": true, "museum": true, "observatory": true, "foundation": true,
	"polytechnic": true, "conservatory": true, "seminary": true, "clinic": true,
}

// capsLike reports whether the words of h are written as an acronym is: in capitals, where the words of four
// letters or more may be capitalised instead ("LPC Caen"), and one word of five letters or more that no full name
// uses may stand alone capitalised ("Subatech", but not "Laboratory").
func (ix *Index) capsLike(st *matchState, h hit) bool {
	anyUpper := false
	for k := h.i; k < h.j; k++ {
		t := &st.toks[k]
		switch {
		case t.upper:
			anyUpper = true
		case !t.capital || len(t.text) < 4:
			return false
		}
	}
	if anyUpper {
		return true
	}
	id := st.ids[h.i]
	return h.j-h.i == 1 && len(st.toks[h.i].text) >= 5 && int(id) < len(ix.fullWord) && !ix.fullWord[id]
}

// holds reports whether a hit inside h (a dominated one) is the entry e.
func (st *matchState) holds(h hit, e uint32) bool {
	for _, o := range st.hits {
		if o.e == e && o.dominated && o.i >= h.i && o.j <= h.j {
			return true
		}
	}
	return false
}

// shortShared reports whether several organisations have e as a curated short name.
func (ix *Index) shortShared(e *entry) bool {
	n := 0
	for _, nr := range e.names {
		if nr.short {
			n++
		}
	}
	return n > 1
}

// onlyOneIn reports whether exactly one organisation (after successors) under e is in the given country.
func (ix *Index) onlyOneIn(e *entry, country string) bool {
	if e.shared {
		return false
	}
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
		case st.covered(k, h) || ignorable[t] || len(t) == 1 || t[0] >= '0' && t[0] <= '9':
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
	if k := h.j; k < len(st.toks) && st.toks[k].part == p1 && st.toks[k].afterLink && !st.covered(k, h) {
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

// relatedAt is the lowest score, before the caps on acronyms and generic names, at which a candidate that is the
// parent or child of a chosen organisation is chosen too.
const relatedAt = 0.75

// chooseAll sets st.picked to the chosen candidates, most specific first. First every confident candidate is chosen
// whose words no chosen one has taken and that no other candidate on the same words comes close to; then the
// candidates that are a parent or child of a chosen one, when their own score before the caps is high enough and no
// other organisation on their words is related too ("LAPP, CNRS": the CNRS that is LAPP's parent, not a namesake).
func (ix *Index) chooseAll(st *matchState) {
	st.picked = st.picked[:0]
	for k, c := range st.cands {
		if c.score < chooseAt {
			break
		}
		if !ix.contested(st, k) && !st.overlapsPicked(k) {
			st.picked = append(st.picked, k)
		}
	}
	if len(st.picked) == 0 {
		return
	}
	ix.dropQualifiers(st)
	ix.dropLoneShortNames(st)
	ix.addInnerAncestors(st)
	ix.addCampuses(st)
	for added := true; added; {
		added = false
		for k, c := range st.cands {
			if c.raw < relatedAt || slices.Contains(st.picked, k) || !ix.relatedToPicked(st, c.org) {
				continue
			}
			if st.overlapsPicked(k) && !ix.sameWordsRelative(st, k) {
				continue
			}
			rival := ix.unseenNamesake(st, k)
			for m, o := range st.cands {
				if m != k && st.overlap(m, k) && (ix.relatedToPicked(st, o.org) && o.org != c.org || o.score >= chooseAt) {
					rival = true
					break
				}
			}
			if !rival {
				st.picked = append(st.picked, k)
				added = true
			}
		}
	}
	ix.orderPicked(st)
}

// unitLead are the first words of the name of a unit: a department, laboratory, institute or centre.
var unitLead = map[string]bool{
	"department": true, "departments": true, "institute": true, "institutes": true, "laboratory": true,
	"laboratories": true, "laboratoire": true, "laboratorio": true, "center": true, "centers": true, "centro": true,
	"school": true, "faculty": true, "college": true, "division": true, "section": true, "unit": true,
	"graduate": true, "key": true, "chair": true, "group": true, "team": true, "program": true, "clinic": true,
	"departamento": true, "dipartimento": true, "departement": true, "facultad": true, "fakultat": true,
	"lehrstuhl": true, "abteilung": true, "equipe": true, "ufr": true, "umr": true, "escuela": true, "research": true,
}

// unitLed reports whether the words of h read like a unit's name: unit words, then a linking word ("Institute of
// Genetics", "Graduate School of Engineering", "State Key Laboratory of ...", "Institut für Humangenetik"), not a
// proper name that starts with one ("Centre National de la Recherche Scientifique", "Institut Pasteur").
func (st *matchState) unitLed(h hit) bool {
	k := h.i
	if st.toks[k].text == "state" && k+1 < h.j && st.toks[k+1].text == "key" {
		k++
	}
	if !unitLead[st.toks[k].text] {
		return false
	}
	for k++; k < h.j && !st.toks[k].afterLink && (unitLead[st.toks[k].text] || unitWords[st.toks[k].text]); k++ {
	}
	return k < h.j && st.toks[k].afterLink
}

// dropQualifiers removes the chosen organisations that an affiliation names only as part of another one's:
//
//   - a unit's name ("Institute of Genetics", "Department of Biotechnology") before or beside an unrelated
//     institution in the same affiliation is that institution's unit, whatever namesake the registry holds;
//   - a ministry beside an unrelated institution in the same affiliation qualifies a unit ("Key Laboratory of X,
//     Ministry of Education, Y University");
//   - an organisation named after "of" (or "de", ...) right behind another chosen one qualifies it ("X Medical University of the
//     Ministry of Health").
func (ix *Index) dropQualifiers(st *matchState) {
	if len(st.picked) < 2 {
		return
	}
	drop := st.done[:0]
	for range st.picked {
		drop = append(drop, false)
	}
	st.done = drop
	unrelated := func(a, b int32) bool { return a != b && !ix.isAncestor(a, b) && !ix.isAncestor(b, a) }
	for i, k := range st.picked {
		h := st.hits[st.cands[k].hit]
		if !st.unitLed(h) {
			continue
		}
		for _, m := range st.picked {
			hm := st.hits[st.cands[m].hit]
			if m != k && st.seg[hm.i] == st.seg[h.i] && unrelated(st.cands[k].org, st.cands[m].org) &&
				(hm.i > h.i || !st.unitLed(hm)) {
				drop[i] = true
				break
			}
		}
	}
	for i, k := range st.picked {
		h := st.hits[st.cands[k].hit]
		if drop[i] || h.i < 1 || !st.toks[h.i].afterLink || st.toks[h.i-1].part != st.toks[h.i].part {
			continue
		}
		for n, m := range st.picked {
			if !drop[n] && st.hits[st.cands[m].hit].j == h.i && unrelated(st.cands[k].org, st.cands[m].org) {
				drop[i] = true
				break
			}
		}
	}
	for i, k := range st.picked {
		h := st.hits[st.cands[k].hit]
		if drop[i] || !ministry[st.toks[h.i].text] {
			continue
		}
		for n, m := range st.picked {
			if n != i && !drop[n] && st.seg[st.hits[st.cands[m].hit].i] == st.seg[h.i] && unrelated(st.cands[k].org, st.cands[m].org) {
				drop[i] = true // "Key Laboratory of X, Ministry of Education, Y University": the ministry qualifies the unit
				break
			}
		}
	}
	kept := st.picked[:0]
	for i, k := range st.picked {
		if !drop[i] {
			kept = append(kept, k)
		}
	}
	st.picked = kept
}

// ministry are the first words of the names of ministries.
var ministry = map[string]bool{"ministry": true, "ministerio": true, "ministere": true, "ministero": true,
	"ministerium": true, "ministerstvo": true, "ministerie": true, "ministries": true}

// dropLoneShortNames keeps a curated short name only when the string names no other organisation than the short
// name's own parents and children: "LAPP, CNRS" is the laboratory, "LAPP, Example Corp" may not be.
func (ix *Index) dropLoneShortNames(st *matchState) {
	kept := st.picked[:0]
	for _, k := range st.picked {
		c := st.cands[k]
		ok := true
		if c.short {
			for m, o := range st.cands {
				if m != k && o.raw >= relatedAt && !st.overlap(m, k) && o.org != c.org &&
					!ix.isAncestor(o.org, c.org) && !ix.isAncestor(c.org, o.org) {
					ok = false
					break
				}
			}
		}
		if ok {
			kept = append(kept, k)
		}
	}
	st.picked = kept
}

// addInnerAncestors chooses the parents whose names a chosen organisation's name holds:
// "Istituto Nazionale di Fisica Nucleare, Sezione di Bologna" is the section and INFN, "Stanford University Medical
// Center" the centre and Stanford University.
func (ix *Index) addInnerAncestors(st *matchState) {
	for _, k := range st.picked[:len(st.picked):len(st.picked)] {
		outer := st.hits[st.cands[k].hit]
		child := st.cands[k].org
		for hi, h := range st.hits {
			if !h.dominated || h.i < outer.i || h.j > outer.j {
				continue
			}
			e := &ix.entries[h.e]
			for _, nr := range e.names {
				t := ix.info[nr.org].target
				if t < 0 || t == child || !slices.Contains(ix.info[child].parents, t) {
					continue
				}
				if nr.kind == kindAcronym && nr.caps && !st.allUpper(h) {
					continue
				}
				m := slices.IndexFunc(st.cands, func(c cand) bool { return c.org == t })
				if m < 0 {
					st.cands = append(st.cands, cand{org: t, score: st.cands[k].score, raw: st.cands[k].raw, hit: hi,
						kind: nr.kind, class: classExact})
					m = len(st.cands) - 1
				}
				if !slices.Contains(st.picked, m) {
					st.picked = append(st.picked, m)
				}
			}
		}
	}
}

// addCampuses chooses, for a chosen organisation whose name the string gives without its city ("University of
// Massachusetts, Amherst"), the one child of it that is in a city the string names and whose name holds the words
// matched: the campus, before the system it belongs to.
func (ix *Index) addCampuses(st *matchState) {
	for _, k := range st.picked[:len(st.picked):len(st.picked)] {
		c := st.cands[k]
		h := st.hits[c.hit]
		ev := &st.evs[st.seg[h.i]]
		if len(ev.cities) == 0 || len(ix.info[c.org].kids) == 0 || !slices.Contains(ix.orgs[c.org].Types, "education") {
			continue // campuses are a university system's
		}
		campus, city := int32(-1), uint32(0)
		for _, kid := range ix.info[c.org].kids {
			t := ix.info[kid].target
			if t < 0 || t == campus || !slices.Contains(ix.orgs[t].Types, "education") {
				continue
			}
			at := slices.IndexFunc(ix.info[t].cities, func(e uint32) bool { return slices.Contains(ev.cities, e) })
			if at < 0 {
				continue
			}
			if campus >= 0 {
				campus = -2 // several children there: the string does not say which
				break
			}
			campus, city = t, ix.info[t].cities[at]
		}
		if campus < 0 || slices.ContainsFunc(st.cands, func(o cand) bool { return o.org == campus }) || !ix.campusName(campus, st, h, city) {
			continue
		}
		st.cands = append(st.cands, cand{org: campus, score: c.score, raw: c.raw, hit: c.hit, kind: kindDerived, class: c.class, placed: true})
		st.picked = append(st.picked, len(st.cands)-1)
	}
}

// campusName reports whether a name of organisation t is a campus's name: the words of h, then the city (entry
// city) — "University of Colorado Denver" for "University of Colorado, ..., Denver".
func (ix *Index) campusName(t int32, st *matchState, h hit, city uint32) bool {
	var buf [16]token
	cityWords := ix.entries[city].toks
	for _, n := range ix.orgs[t].Names {
		ts := tokenize(decodeText(n.Value), buf[:0])
		if len(ts) < h.j-h.i+len(cityWords) {
			continue
		}
		same := true
		for k := h.i; k < h.j && same; k++ {
			same = ts[k-h.i].text == st.toks[k].text
		}
		for k, id := range cityWords {
			same = same && ix.vocab[ts[h.j-h.i+k].text] == id
		}
		if same {
			return true
		}
	}
	return false
}

// allUpper reports whether every word of h is written in capitals.
func (st *matchState) allUpper(h hit) bool {
	for k := h.i; k < h.j; k++ {
		if !st.toks[k].upper {
			return false
		}
	}
	return true
}

// sameWordsRelative reports whether candidate k rests on the very words of a chosen organisation that is its parent
// or child, scoring within margin of it: "University of Illinois" is the system's label and its campus's alias, and
// both are right.
func (ix *Index) sameWordsRelative(st *matchState, k int) bool {
	c := st.cands[k]
	for _, p := range st.picked {
		o := st.cands[p]
		if o.hit == c.hit && c.score >= chooseAt && c.score >= o.score-margin &&
			(slices.Contains(ix.info[c.org].parents, o.org) || slices.Contains(ix.info[o.org].parents, c.org)) {
			return true
		}
	}
	return false
}

// overlap reports whether the words of candidates a and b overlap.
func (st *matchState) overlap(a, b int) bool {
	ha, hb := st.hits[st.cands[a].hit], st.hits[st.cands[b].hit]
	return ha.i < hb.j && hb.i < ha.j
}

func (st *matchState) overlapsPicked(k int) bool {
	for _, p := range st.picked {
		if st.overlap(p, k) {
			return true
		}
	}
	return false
}

// relatedToPicked reports whether org is the parent or a child of a chosen organisation.
func (ix *Index) relatedToPicked(st *matchState, org int32) bool {
	for _, p := range st.picked {
		o := st.cands[p].org
		if o != org && (slices.Contains(ix.info[org].parents, o) || slices.Contains(ix.info[o].parents, org)) {
			return true
		}
	}
	return false
}

// orderPicked puts the chosen most specific first: an organisation comes after every chosen one it is an ancestor
// of, and otherwise in the order of the string (which runs from the unit to the institution).
func (ix *Index) orderPicked(st *matchState) {
	n := len(st.picked)
	if n < 2 {
		return
	}
	st.done = slices.Grow(st.done[:0], n)[:n]
	clear(st.done)
	order := make([]int, 0, n)
	for len(order) < n {
		best, fallback := -1, -1
		for i, k := range st.picked {
			if st.done[i] {
				continue
			}
			if fallback < 0 || st.hits[st.cands[k].hit].i < st.hits[st.cands[st.picked[fallback]].hit].i {
				fallback = i
			}
			free := true
			for j, k2 := range st.picked {
				if j != i && !st.done[j] && ix.isAncestor(st.cands[k].org, st.cands[k2].org) {
					free = false
					break
				}
			}
			if free && (best < 0 || st.hits[st.cands[k].hit].i < st.hits[st.cands[st.picked[best]].hit].i) {
				best = i
			}
		}
		if best < 0 {
			best = fallback // a cycle of parents in the data
		}
		st.done[best] = true
		order = append(order, st.picked[best])
	}
	copy(st.picked, order)
}

// evidenceFor lists the places and relatives in the string that support chosen candidate k.
func (ix *Index) evidenceFor(st *matchState, k int, text string, at func(int) int) []Evidence {
	c := st.cands[k]
	inf := &ix.info[c.org]
	var out []Evidence
	span := func(kind EvidenceKind, h hit, id ID) Evidence {
		b, e := st.toks[h.i].start, st.toks[h.j-1].end
		return Evidence{Kind: kind, Text: text[b:e], Start: at(b), End: at(e), ID: id}
	}
	city, country, weak := -1, -1, -1
	seg := st.seg[st.hits[c.hit].i]
	for hi, h := range st.hits {
		if h.dominated || st.seg[h.i] != seg {
			continue
		}
		e := &ix.entries[h.e]
		if city < 0 && slices.Contains(inf.cities, h.e) {
			city = hi
		}
		for _, p := range e.places {
			if p.country != inf.country {
				continue
			}
			if p.kind == placeCountry && country < 0 {
				country = hi
			} else if p.kind != placeCity && weak < 0 {
				weak = hi
			}
		}
	}
	if city >= 0 {
		out = append(out, span(EvidenceCity, st.hits[city], ""))
	}
	if country < 0 {
		country = weak
	}
	if country >= 0 {
		out = append(out, span(EvidenceCountry, st.hits[country], ""))
	}
	for _, p := range st.picked {
		o := st.cands[p].org
		switch {
		case o == c.org:
		case ix.isAncestor(o, c.org):
			out = append(out, span(EvidenceParent, st.hits[st.cands[p].hit], ix.orgs[o].ID))
		case ix.isAncestor(c.org, o):
			out = append(out, span(EvidenceChild, st.hits[st.cands[p].hit], ix.orgs[o].ID))
		}
	}
	return out
}

// contested reports whether another candidate matched by overlapping words scores within margin of candidate k.
func (ix *Index) contested(st *matchState, k int) bool {
	c := st.cands[k]
	ch := st.hits[c.hit]
	if ix.unseenNamesake(st, k) {
		return true
	}
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

// unseenNamesake reports whether candidate k of the built-in set has a namesake in the registry that a dump would
// weigh against it: one in the same country, or anywhere when the string names no place.
func (ix *Index) unseenNamesake(st *matchState, k int) bool {
	c := st.cands[k]
	cs, ok := ix.namesakes[st.hits[c.hit].e]
	return ok && c.kind != kindAcronym && (slices.Contains(cs, ix.info[c.org].country) || !c.placed)
}

// isAncestor reports whether a is a parent of b, or a parent of a parent of b (three levels at most).
func (ix *Index) isAncestor(a, b int32) bool {
	for _, p := range ix.info[b].parents {
		if p == a {
			return true
		}
		for _, q := range ix.info[p].parents {
			if q == a || slices.Contains(ix.info[q].parents, a) {
				return true
			}
		}
	}
	return false
}

// MatchContext is [Index.Match] for the [Matcher] interface: it fails only when ctx is done.
func (ix *Index) MatchContext(ctx context.Context, affiliation string) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{Affiliation: affiliation}, err
	}
	return ix.Match(affiliation), nil
}
