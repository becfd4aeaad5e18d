package ror

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
	"sync"
)

// Index holds ROR organisations in memory for lookups by ID and offline affiliation matching. Build one with
// [NewIndex] from records, [LoadIndex] from a data dump file, [ReadIndex] from a reader, or use [Default], the
// curated set built into the package.
//
// An Index is immutable once built and safe for concurrent use by any number of goroutines. The *Organization values
// it returns are shared: callers must not modify them.
type Index struct {
	orgs []*Organization
	byID map[ID]int32
	info []orgInfo

	vocab map[string]uint32 // token → id (from 1); unknown query tokens get 0 and end every span
	words []string          // id → token, only while building
	fuzzy map[uint64]uint32 // deletion hash → word id, for spelling mistakes (fuzzy.go)
	keys  map[uint64]uint32 // hash of a token-id sequence → entries index
	// prefixes holds the hash of every start of a key ("university", "university paris"), true when it is a whole
	// key: a query stops reading on from a word once no key starts with the words so far.
	prefixes map[uint64]bool
	entries  []entry
	maxSpan  int
	// fullWord is set, by word id, for the words of names that are not acronyms: such a word capitalised is a
	// word, not an acronym written in lower case.
	fullWord []bool
	// namesakes are, in the built-in set only, the countries of the organisations outside it that have the name of
	// an entry (default.go).
	namesakes map[uint32][]string

	pool sync.Pool // of *matchState, reused between Match calls
}

// orgInfo is what the matcher needs about one organisation, precomputed.
type orgInfo struct {
	country string   // ISO code of the first location
	cities  []uint32 // entries of its location's city names
	parents []int32
	kids    []int32 // the organisations of the index whose parent it is
	// children is the number of children the record lists: an organisation with many ("CNRS", "CSIC") is an
	// umbrella that affiliations cite by acronym beside its country, rarely its city.
	children int32
	target   int32 // the organisation a match of this one resolves to: itself if active, an active successor, or -1
}

// entry is everything one normalised token sequence means: the organisation names and places written that way.
type entry struct {
	toks   []uint32
	breaks uint64 // bit i set when some name with this key had a part break before token i (i < 64)
	names  []nameRef
	places []placeRef
	// orgs is the number of distinct organisations (after successor resolution) among names.
	orgs int32
	// within is the number of other organisations with a longer name that contains this one: how generic the words
	// are ("Institute of Physics" is inside many names, a university named after its city inside few).
	within int32
	// unitName is set when the key starts with one of unitName ("department of ..."): a generic name.
	unitName bool
	// links has bit i set when, in some name with this key, a linking word ("of", "de") came before word i;
	// linksAll when one did in every name.
	links, linksAll uint64
	// shared is set, in the built-in set only, on an acronym that other organisations of the same country share in
	// the whole registry (default.go).
	shared bool
}

// nameKind ranks how a name was given: the ROR types, and variants the index derives itself.
type nameKind uint8

const (
	kindDisplay nameKind = iota
	kindLabel
	kindAlias
	kindDerived // a variant of a label or alias ("X University" for "University of X")
	kindAcronym
)

func (k nameKind) nameType() NameType {
	switch k {
	case kindDisplay:
		return NameDisplay
	case kindLabel:
		return NameLabel
	case kindAcronym:
		return NameAcronym
	}
	return NameAlias
}

// nameRef is one organisation's name under an entry.
type nameRef struct {
	org   int32
	kind  nameKind
	caps  bool // the name is written in capitals (an acronym like "CERN"); a query must then be too
	short bool // the name is in the curated short-name table of the built-in set (default.go)
}

// NewIndex builds an index of orgs. When an ID occurs twice, the later record wins.
func NewIndex(orgs []*Organization) *Index {
	b := newBuilder()
	for _, o := range orgs {
		if o != nil {
			b.add(o, prepare(o))
		}
	}
	return b.finish()
}

// MaxOrganizations bounds the organisations of an index built from a dump: ROR's registry holds about 120,000,
// and an index takes a few kilobytes of memory per organisation, so a small file of many tiny records (300,000 in
// 2 MB of gzip) would otherwise take gigabytes.
const MaxOrganizations = 200_000

// ErrTooManyOrganizations is matched by the error of a dump with more than [MaxOrganizations] organisations, and
// ErrNoOrganizations by that of a dump with none (an empty file, a gzip of spaces): an index of nothing would match
// nothing without saying why.
var (
	ErrTooManyOrganizations = fmt.Errorf("more than %d organisations: no ROR release holds that many", MaxOrganizations)
	ErrNoOrganizations      = errors.New("no organisations")
)

// LoadIndex builds an index from a ROR data dump file in any form [ReadDumpFile] reads. A dump with no
// organisation, or more than [MaxOrganizations], is refused with a *DumpError.
func LoadIndex(ctx context.Context, name string) (*Index, error) {
	b := newBuilder()
	if err := readDumpFile(ctx, name, prepareAny, b.addAny); err != nil {
		return nil, dumpError(name, err)
	}
	if len(b.ix.orgs) == 0 {
		return nil, &DumpError{File: name, Err: ErrNoOrganizations}
	}
	return b.finish(), nil
}

// ReadIndex builds an index from a ROR data dump read from r, in any form [ReadDump] reads, refusing a dump as
// [LoadIndex] does.
func ReadIndex(ctx context.Context, r io.Reader) (*Index, error) {
	b := newBuilder()
	if err := readDump(ctx, "", r, prepareAny, b.addAny); err != nil {
		return nil, dumpError("", err)
	}
	if len(b.ix.orgs) == 0 {
		return nil, &DumpError{Err: ErrNoOrganizations}
	}
	return b.finish(), nil
}

// dumpError names the file of the builder's own refusal, which comes back from the read as is.
func dumpError(name string, err error) error {
	if errors.Is(err, ErrTooManyOrganizations) {
		return &DumpError{File: name, Err: err}
	}
	return err
}

// Len returns the number of organisations in the index.
func (ix *Index) Len() int { return len(ix.orgs) }

// Get returns the organisation with the given ID.
func (ix *Index) Get(id ID) (*Organization, bool) {
	i, ok := ix.byID[id]
	if !ok {
		return nil, false
	}
	return ix.orgs[i], true
}

// All iterates over the organisations in the order they were added.
func (ix *Index) All() iter.Seq[*Organization] {
	return func(yield func(*Organization) bool) {
		for _, o := range ix.orgs {
			if !yield(o) {
				return
			}
		}
	}
}

// Resolve returns the organisation that stands for id today: the record itself when it is active, else the active
// successor its relationships name (followed through several steps); false when there is none.
func (ix *Index) Resolve(id ID) (*Organization, bool) {
	i, ok := ix.byID[id]
	if !ok || ix.info[i].target < 0 {
		return nil, false
	}
	return ix.orgs[ix.info[i].target], true
}

// builder accumulates records and then computes the matcher's tables.
type builder struct {
	ix    *Index
	short []shortName // the curated short names, for the built-in set only
	// What the whole registry says of the built-in set's organisations and that their trimmed records do not: the
	// umbrellas (many children) and the acronyms shared within a country (default.go).
	umbrellas []ID
	shared    []string
	namesakes []namesake
	generic   []string
	preps     []*prepOrg // parallel to ix.orgs
	scratch   []uint32   // the ids of the name being added
	arena     []uint32   // backing store of the entries' keys, in chunks, to spare one allocation per key
}

// prepOrg is the tokenised names and places of one record, computed by the dump decoding workers in parallel so
// that the single-threaded part of building is only interning and hashing.
type prepOrg struct {
	names  []prepName
	places []prepPlace
}

type prepName struct {
	words
	kind nameKind
	caps bool
}

type prepPlace struct {
	words
	ref placeRef
	own bool // a city of the organisation itself
}

// words is the normalised words of a name, where its parts break (bit i: a break before word i) and which words
// followed a linking word (bit i: "of" or "de" before word i).
type words struct {
	texts         []string
	breaks, links uint64
}

func wordsOf(ts []token) words {
	w := words{texts: make([]string, len(ts))}
	for i, t := range ts {
		w.texts[i] = t.text
		if i > 0 && i < 64 && t.part != ts[i-1].part {
			w.breaks |= 1 << i
		}
		if i > 0 && i < 64 && t.afterLink {
			w.links |= 1 << i
		}
	}
	return w
}

func prepareAny(o *Organization) any { return prepare(o) }

// endsWith reports whether the texts of ts end with those of tail.
func endsWith(ts []string, tail []token) bool {
	for i := range tail {
		if ts[len(ts)-len(tail)+i] != tail[i].text {
			return false
		}
	}
	return true
}

// prepare tokenises a record's names (with their kinds and derived variants) and its places.
func prepare(o *Organization) *prepOrg {
	p := &prepOrg{}
	var acronyms []string // acronyms, and other names written in capitals ("DESY" as a label)
	for _, n := range o.Names {
		if n.Has(NameAcronym) || isCaps(n.Value) && !strings.Contains(n.Value, " ") {
			acronyms = append(acronyms, n.Value)
		}
	}
	addName := func(v string, kind nameKind) {
		ts := tokenize(decodeText(v), nil)
		if len(ts) == 0 || len(ts) > maxNameTokens {
			return
		}
		p.names = append(p.names, prepName{words: wordsOf(ts), kind: kind, caps: kind == kindAcronym && isCaps(v)})
	}
	var cities [][]token // the places a name may end with, that writers put in a part of their own
	for _, l := range o.Locations {
		if l.GeoNames.Name != "" {
			cities = append(cities, tokenize(decodeText(l.GeoNames.Name), nil))
		}
		if l.GeoNames.CountryName != "" {
			// "Universidad Nacional de Colombia" is also written "Universidad Nacional, Colombia".
			cities = append(cities, tokenize(decodeText(l.GeoNames.CountryName), nil))
		}
	}
	for _, n := range o.Names {
		kind := kindAlias
		switch {
		case n.Has(NameDisplay):
			kind = kindDisplay
		case n.Has(NameLabel):
			kind = kindLabel
		case n.Has(NameAcronym):
			kind = kindAcronym
		}
		if isCaps(n.Value) && !strings.ContainsAny(n.Value, " -") && len(n.Value) <= 10 && !hasDigit(n.Value) {
			// One word in capitals ("CERN" as a label) is an acronym, whatever its type; a code with digits
			// ("IN2P3", "UMR8227") keeps its type: few organisations share one.
			kind = kindAcronym
		}
		addName(n.Value, kind)
		if kind != kindAcronym {
			for _, ct := range cities {
				// "Institute of Something Sometown" is also written "..., Sometown": the key is the same,
				// with a part break allowed before the city.
				if len(p.names) == 0 {
					break
				}
				last := p.names[len(p.names)-1]
				if n := len(last.texts); len(ct) > 0 && n > len(ct)+1 && n-len(ct) < 64 && endsWith(last.texts, ct) {
					w := last.words
					w.breaks |= 1 << (n - len(ct))
					p.names = append(p.names, prepName{words: w, kind: kind})
				}
			}
			for _, v := range variants(n.Value, acronyms) {
				addName(v, kindDerived)
			}
		}
	}
	addPlace := func(v string, ref placeRef, own bool) {
		if ts := tokenize(decodeText(v), nil); len(ts) > 0 && len(ts) <= maxNameTokens {
			p.places = append(p.places, prepPlace{words: wordsOf(ts), ref: ref, own: own})
		}
	}
	for _, l := range o.Locations {
		g := l.GeoNames
		if g.CountryName != "" {
			addPlace(g.CountryName, placeRef{placeCountry, g.CountryCode}, false)
		}
		if g.CountrySubdivisionName != "" && !commonRegion[strings.ToLower(g.CountrySubdivisionName)] {
			addPlace(g.CountrySubdivisionName, placeRef{placeSubdivision, g.CountryCode}, false)
		}
		if g.Name != "" {
			addPlace(g.Name, placeRef{placeCity, g.CountryCode}, true)
		}
	}
	return p
}

// commonRegion are regions whose names are common words of organisations' names ("Centre for ...", "Central
// ..."): read as places they would set a country against every such name.
var commonRegion = map[string]bool{"centre": true, "center": true, "central": true, "north": true, "south": true,
	"east": true, "west": true, "northern": true, "southern": true, "eastern": true, "western": true, "capital": true,
	"national capital": true, "littoral": true, "coast": true, "island": true, "islands": true, "federal district": true}

func newBuilder() *builder {
	return &builder{ix: &Index{byID: map[ID]int32{}, vocab: map[string]uint32{}, keys: map[uint64]uint32{}}}
}

func (b *builder) addAny(o *Organization, p any) error {
	if len(b.ix.orgs) >= MaxOrganizations {
		if _, known := b.ix.byID[o.ID]; !known {
			return ErrTooManyOrganizations
		}
	}
	b.add(o, p.(*prepOrg))
	return nil
}

func (b *builder) add(o *Organization, p *prepOrg) {
	if o == nil || o.ID == "" {
		return
	}
	if i, ok := b.ix.byID[o.ID]; ok {
		b.ix.orgs[i], b.preps[i] = o, p
		return
	}
	b.ix.byID[o.ID] = int32(len(b.ix.orgs))
	b.ix.orgs = append(b.ix.orgs, o)
	b.preps = append(b.preps, p)
}

const hashSeed uint64 = 14695981039346656037

func mix(h uint64, id uint32) uint64 {
	h ^= uint64(id)
	h *= 1099511628211
	h ^= h >> 29
	return h
}

// intern returns the ids of the words, adding new ones to the vocabulary. The slice is scratch space, valid until
// the next call.
func (b *builder) intern(texts []string) []uint32 {
	ids := slices.Grow(b.scratch[:0], len(texts))[:len(texts)]
	b.scratch = ids
	for i, t := range texts {
		id, ok := b.ix.vocab[t]
		if !ok {
			id = uint32(len(b.ix.vocab) + 1)
			b.ix.vocab[t] = id
			if len(b.ix.words) == 0 {
				b.ix.words = append(b.ix.words, "")
			}
			b.ix.words = append(b.ix.words, t)
		}
		ids[i] = id
	}
	return ids
}

// entryFor returns the index of the entry of a token-id sequence, creating it.
func (b *builder) entryFor(ids []uint32, breaks uint64) int {
	h := hashSeed
	for _, id := range ids {
		h = mix(h, id)
	}
	ix := b.ix
	for {
		e, ok := ix.keys[h]
		if !ok {
			if cap(b.arena)-len(b.arena) < len(ids) {
				b.arena = make([]uint32, 0, 1<<16)
			}
			n := len(b.arena)
			b.arena = append(b.arena, ids...)
			ix.keys[h] = uint32(len(ix.entries))
			ix.entries = append(ix.entries, entry{toks: b.arena[n:len(b.arena):len(b.arena)], breaks: breaks})
			if len(ids) > ix.maxSpan {
				ix.maxSpan = len(ids)
			}
			return len(ix.entries) - 1
		}
		if slices.Equal(ix.entries[e].toks, ids) {
			ix.entries[e].breaks |= breaks
			return int(e)
		}
		h++ // a 64-bit collision: probe on; lookups probe the same way
	}
}

func (b *builder) addName(pn prepName, org int32) {
	e := &b.ix.entries[b.entryFor(b.intern(pn.texts), pn.breaks)]
	if len(e.names) == 0 {
		e.linksAll = pn.links
	} else {
		e.linksAll &= pn.links
	}
	e.links |= pn.links
	for _, n := range e.names {
		if n.org == org {
			return // the same organisation under the same key: keep the first, best-ranked kind
		}
	}
	e.names = append(e.names, nameRef{org: org, kind: pn.kind, caps: pn.caps})
}

// addShortNames files the curated short names under their keys, as acronyms that the matcher knows to be short
// names. A record's acronym of that form is marked; a record's full name or alias of that form ("IN2P3") is left
// as it is, since it resolves without the table.
func (b *builder) addShortNames() {
	for _, sn := range b.short {
		ts := tokenize(sn.name, nil)
		if len(ts) == 0 {
			continue
		}
		w := wordsOf(ts)
		for _, id := range sn.ids {
			org, ok := b.ix.byID[id]
			if !ok {
				continue
			}
			e := &b.ix.entries[b.entryFor(b.intern(w.texts), w.breaks)]
			k := slices.IndexFunc(e.names, func(n nameRef) bool { return n.org == org })
			switch {
			case k < 0:
				e.names = append(e.names, nameRef{org: org, kind: kindAcronym, short: true})
			case e.names[k].kind == kindAcronym:
				e.names[k].short = true
			}
		}
	}
	for _, id := range b.umbrellas {
		if org, ok := b.ix.byID[id]; ok {
			b.ix.info[org].children = max(b.ix.info[org].children, umbrellaChildren)
		}
	}
	for _, s := range b.shared {
		if ts := tokenize(s, nil); len(ts) > 0 {
			w := wordsOf(ts)
			b.ix.entries[b.entryFor(b.intern(w.texts), w.breaks)].shared = true
		}
	}
	for _, n := range b.namesakes {
		if ts := tokenize(n.name, nil); len(ts) > 0 {
			w := wordsOf(ts)
			if b.ix.namesakes == nil {
				b.ix.namesakes = map[uint32][]string{}
			}
			b.ix.namesakes[uint32(b.entryFor(b.intern(w.texts), w.breaks))] = n.countries
		}
	}
}

// markGeneric makes the names of b.generic generic words, once countWithin has counted the index's own.
func (b *builder) markGeneric() {
	for _, s := range b.generic {
		if ts := tokenize(s, nil); len(ts) > 0 {
			w := wordsOf(ts)
			e := &b.ix.entries[b.entryFor(b.intern(w.texts), w.breaks)]
			e.within = max(e.within, genericWithin)
		}
	}
}

// maxNameTokens bounds the names indexed (and so the spans tried per query position); longer names are
// descriptions, not names.
const maxNameTokens = 24

func isCaps(s string) bool {
	up := 0
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			return false
		}
		if r >= 'A' && r <= 'Z' {
			up++
		}
	}
	return up >= 2
}

// addPlace records a place name.
func (b *builder) addPlace(w words, p placeRef) int {
	k := b.entryFor(b.intern(w.texts), 0)
	if e := &b.ix.entries[k]; !slices.Contains(e.places, p) {
		e.places = append(e.places, p)
	}
	return k
}

func (b *builder) finish() *Index {
	ix := b.ix
	ix.info = make([]orgInfo, len(ix.orgs))
	// Sized from the records (the full registry gives about 3.1 keys and 1.7 new words per organisation) to spare
	// the rehashing and copying of growing tables.
	n := len(ix.orgs)
	ix.vocab = make(map[string]uint32, 2*n+8192)
	ix.keys = make(map[uint64]uint32, 7*n/2+8192)
	ix.entries = make([]entry, 0, 7*n/2+8192)
	// Places first, so that city entries exist when organisations point at them.
	for code, names := range countryNames() {
		for _, n := range names {
			if ts := tokenize(n, nil); len(ts) > 0 {
				b.addPlace(wordsOf(ts), placeRef{placeCountry, code})
			}
		}
	}
	for _, c := range usStateCodes {
		b.addPlace(wordsOf(tokenize(c, nil)), placeRef{placeStateCode, "US"})
	}
	for i, o := range ix.orgs {
		inf := &ix.info[i]
		if len(o.Locations) > 0 {
			inf.country = o.Locations[0].GeoNames.CountryCode
		}
		for _, pl := range b.preps[i].places {
			e := b.addPlace(pl.words, pl.ref)
			if pl.own {
				if !slices.Contains(inf.cities, uint32(e)) {
					inf.cities = append(inf.cities, uint32(e))
				}
			}
		}
		for _, r := range o.Relationships {
			switch r.Type {
			case RelParent:
				if p, ok := ix.byID[r.ID]; ok {
					inf.parents = append(inf.parents, p)
				}
			case RelChild:
				inf.children++
			}
		}
	}
	for i := range ix.orgs {
		ix.info[i].target = ix.resolveTarget(int32(i))
		for _, p := range ix.info[i].parents {
			ix.info[p].kids = append(ix.info[p].kids, int32(i))
		}
	}
	for i, p := range b.preps {
		for _, pn := range p.names {
			b.addName(pn, int32(i))
		}
	}
	b.addShortNames()
	b.preps = nil
	ix.fullWord = make([]bool, len(ix.vocab)+1)
	for k := range ix.entries {
		e := &ix.entries[k]
		if slices.ContainsFunc(e.names, func(n nameRef) bool { return n.kind != kindAcronym }) {
			for _, id := range e.toks {
				ix.fullWord[id] = true
			}
		}
	}
	// The spelling table only reads the entries' keys and names: build it on another core meanwhile.
	fuzzyDone := make(chan struct{})
	go func() {
		b.buildFuzzy()
		close(fuzzyDone)
	}()
	b.countWithin()
	b.markGeneric()
	ix.prefixes = make(map[uint64]bool, 2*len(ix.entries))
	for k := range ix.entries {
		h := hashSeed
		toks := ix.entries[k].toks
		for i, id := range toks {
			h = mix(h, id)
			if i == len(toks)-1 {
				ix.prefixes[h] = true
			} else if _, ok := ix.prefixes[h]; !ok {
				ix.prefixes[h] = false
			}
		}
	}
	var seen []int32
	for k := range ix.entries {
		e := &ix.entries[k]
		e.unitName = len(e.names) > 0 && unitName[ix.word(e.toks[0])]
		seen = seen[:0]
		for _, n := range e.names {
			if t := ix.info[n.org].target; t >= 0 && !slices.Contains(seen, t) {
				seen = append(seen, t)
			}
		}
		e.orgs = int32(len(seen))
	}
	<-fuzzyDone
	ix.words = nil
	ix.pool.New = func() any { return new(matchState) }
	return ix
}

func (ix *Index) find(h uint64, ids []uint32) int {
	for {
		e, ok := ix.keys[h]
		if !ok {
			return -1
		}
		if slices.Equal(ix.entries[e].toks, ids) {
			return int(e)
		}
		h++
	}
}

// resolveTarget follows successor relationships from an inactive or withdrawn record to an active one.
func (ix *Index) resolveTarget(i int32) int32 {
	for range 8 {
		o := ix.orgs[i]
		if o.Status == StatusActive || o.Status == "" {
			return i
		}
		next := int32(-1)
		for _, r := range o.Relationships {
			if r.Type == RelSuccessor {
				if j, ok := ix.byID[r.ID]; ok {
					next = j
					break
				}
			}
		}
		if next < 0 {
			return -1
		}
		i = next
	}
	return -1
}

// variants derives other common forms of a name: "University of X" ↔ "X University" (X of one to three words),
// the name without a parenthesised part, and the name without the organisation's acronym at its end
// ("Deutsches Elektronen-Synchrotron DESY").
func variants(name string, acronyms []string) []string {
	var out []string
	for _, a := range acronyms {
		if rest, ok := strings.CutSuffix(name, " "+a); ok && len(a) >= 3 && len(tokenize(rest, nil)) >= 3 {
			out = append(out, rest)
		}
	}
	if i := strings.IndexByte(name, '('); i > 0 {
		if j := strings.IndexByte(name[i:], ')'); j > 0 {
			out = append(out, strings.TrimSpace(name[:i])+" "+strings.TrimSpace(name[i+j+1:]))
		}
	}
	words := strings.Fields(name)
	if len(words) >= 3 && len(words) <= 5 && strings.EqualFold(words[0], "University") && strings.EqualFold(words[1], "of") {
		rest := words[2:]
		if !slices.ContainsFunc(rest, func(w string) bool {
			return strings.EqualFold(w, "of") || strings.EqualFold(w, "and") || strings.Contains(w, ",")
		}) {
			out = append(out, strings.Join(rest, " ")+" University")
		}
	}
	if len(words) >= 2 && len(words) <= 4 && strings.EqualFold(words[len(words)-1], "University") {
		rest := words[:len(words)-1]
		if !slices.ContainsFunc(rest, func(w string) bool {
			return strings.EqualFold(w, "of") || strings.EqualFold(w, "and") || strings.Contains(w, ",")
		}) {
			out = append(out, "University of "+strings.Join(rest, " "))
		}
	}
	return out
}

// word returns the text of a vocabulary id; the builder keeps the reverse table while it works.
func (ix *Index) word(id uint32) string {
	if int(id) < len(ix.words) {
		return ix.words[id]
	}
	return ""
}

// related reports whether a relationship links organisations a and b, either way.
func (ix *Index) related(a, b int32) bool {
	for _, r := range ix.orgs[a].Relationships {
		if r.ID == ix.orgs[b].ID {
			return true
		}
	}
	for _, r := range ix.orgs[b].Relationships {
		if r.ID == ix.orgs[a].ID {
			return true
		}
	}
	return false
}

// countWithin sets every name entry's within: for each organisation, each phrase inside one of its names, after its
// first word, that is another entry's key counts that organisation once. "Sometown University of Technology" makes
// "University of Technology" more generic; "X University Hospital" says nothing about "X University".
func (b *builder) countWithin() {
	ix := b.ix
	last := make([]int32, len(ix.entries)) // the last organisation counted for an entry, +1
	for k := range ix.entries {
		e := &ix.entries[k]
		if len(e.names) == 0 {
			continue
		}
		for _, nr := range e.names {
			org := nr.org
			ids := e.toks
			for i := 1; i < len(ids); i++ { // phrases at the start of a name are mostly the units of an organisation
				if i < 64 && e.links&(1<<i) != 0 {
					continue // "Medical School of X University" names a unit of X University, not another one
				}
				h := hashSeed
				for j := i; j < len(ids); j++ {
					h = mix(h, ids[j])
					if j-i+1 == len(ids) {
						break
					}
					f := ix.find(h, ids[i:j+1])
					if f < 0 || len(ix.entries[f].names) == 0 || last[f] == org+1 {
						continue
					}
					if slices.ContainsFunc(ix.entries[f].names, func(n nameRef) bool { return n.org == org || ix.related(n.org, org) }) {
						continue // its own name, or a unit of it named after it ("X University School of Medicine")
					}
					last[f] = org + 1
					ix.entries[f].within++
				}
			}
		}
	}
}
