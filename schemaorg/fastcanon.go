package schemaorg

// The fast canonicalization path: for the documents landing pages publish (node objects, @graph, @reverse, value
// objects, terms from one cached context without scoped contexts or containers) it goes from JSON to canonical
// N-Quads without building json-gold's intermediate forms, reproducing json-gold's expansion, RDF conversion
// (including which statements it drops as invalid) and URDNA2015 byte for byte. Anything else returns errBail and
// takes the json-gold path. FuzzCanonicalizeFastPath checks the two agree.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/piprate/json-gold/ld"
)

const (
	xsdString  = "http://www.w3.org/2001/XMLSchema#string"
	xsdBoolean = "http://www.w3.org/2001/XMLSchema#boolean"
	xsdInteger = "http://www.w3.org/2001/XMLSchema#integer"
	xsdDouble  = "http://www.w3.org/2001/XMLSchema#double"
	rdfLang    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
	rdfType    = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
)

// languageTag is json-gold's test for a language tag it keeps in RDF.
var languageTag = regexp.MustCompile("^[a-zA-Z]+(-[a-zA-Z0-9]+)*$")

// maxMemo bounds each memo table of the fast path.
const maxMemo = 1 << 16

// memo is a bounded concurrent map from strings to results.
type memo[V any] struct {
	m sync.Map
	n atomic.Int64
}

// get returns the memoised result for k, computing it with f the first time. Results are shared: read only.
func (m *memo[V]) get(k string, f func() V) *V {
	if v, ok := m.m.Load(k); ok {
		return v.(*V)
	}
	v := f()
	if m.n.Load() < maxMemo {
		// Keys are often substrings of a document; the clone keeps the memo from pinning whole documents.
		if _, loaded := m.m.LoadOrStore(strings.Clone(k), &v); !loaded {
			m.n.Add(1)
		}
	}
	return &v
}

// keyInfo is what a key of a node object means under a context.
type keyInfo struct {
	iri     string
	keyword string // "@id", "@type", ... when the key is a keyword or an alias of one
	td      *ld.TermDefinition
	pred    rdfTerm // the predicate, finished
	drop    bool    // expansion drops the key
	noLink  bool    // expansion keeps the key but RDF conversion drops its statements (not an absolute IRI)
	bail    bool    // the fast path does not handle the key
}

// fastContext holds the fast path's memo tables for one processed context.
type fastContext struct {
	fs    *fastState
	c     *ld.Context
	keys  memo[keyInfo]
	types memo[string] // @type values, expanded; "" means bail
	bail  bool         // the context has features the fast path does not handle
}

// fastState is the processor's fast-path state: memo tables per context, IRI validity.
type fastState struct {
	contexts sync.Map // *ld.Context -> *fastContext
	iris     memo[iriInfo]
	absolute memo[bool]
}

// iriInfo is what the fast path needs to know of an IRI: whether json-gold keeps it, and its N-Quads form.
type iriInfo struct {
	valid bool
	nq    string
}

func (fs *fastState) iri(s string) *iriInfo {
	return fs.iris.get(s, func() iriInfo {
		valid := !strings.HasPrefix(s, "http://") && !strings.HasPrefix(s, "https://") || ld.IsURL(s)
		return iriInfo{valid: valid, nq: "<" + escapeNQ(s) + ">"} // a new string: it does not pin the document
	})
}

func (fs *fastState) context(c *ld.Context) *fastContext {
	if v, ok := fs.contexts.Load(c); ok {
		return v.(*fastContext)
	}
	fc := &fastContext{fs: fs, c: c, bail: c.Values.Direction != ""}
	v, _ := fs.contexts.LoadOrStore(c, fc)
	return v.(*fastContext)
}

var fastKeywords = map[string]bool{"@id": true, "@type": true, "@context": true, "@graph": true, "@reverse": true,
	"@value": true, "@language": true}

func (fc *fastContext) key(k string) *keyInfo {
	return fc.keys.get(k, func() keyInfo {
		if k == "" {
			return keyInfo{bail: true}
		}
		if k[0] == '@' {
			if fastKeywords[k] {
				return keyInfo{keyword: k}
			}
			return keyInfo{bail: true}
		}
		iri, err := fc.c.ExpandIri(k, false, true, nil, nil)
		if err != nil {
			return keyInfo{bail: true}
		}
		if strings.HasPrefix(iri, "@") {
			if fastKeywords[iri] {
				return keyInfo{keyword: iri}
			}
			return keyInfo{bail: true}
		}
		if strings.HasPrefix(iri, "_:") {
			return keyInfo{bail: true}
		}
		td := fc.c.GetTermDefinition(k)
		if td != nil && (td.Reverse || len(td.Container) > 0 || td.HasContext || td.Nest != "" || td.Index != "" ||
			td.HasDirection || td.Type == "@json" || td.Type == "@none") {
			return keyInfo{bail: true}
		}
		if iri == "" || !strings.Contains(iri, ":") {
			return keyInfo{drop: true}
		}
		iri = strings.Clone(iri)
		info := fc.fs.iri(iri)
		return keyInfo{iri: iri, td: td, noLink: !ld.IsAbsoluteIri(iri),
			pred: rdfTerm{kind: tIRI, v: iri, nq: info.nq, ok: info.valid}}
	})
}

// rdfTerm is an RDF term: an IRI, a blank node or a literal.
type rdfTerm struct {
	kind uint8 // tIRI, tBlank, tLiteral
	v    string
	dt   string
	lang string
	nq   string // the term in N-Quads form (blank nodes: their document label); set by finish
	ok   bool   // json-gold keeps statements with this term; set by finish
}

const (
	tIRI uint8 = iota + 1
	tBlank
	tLiteral
)

// rdfQuad is a statement of the default graph with its terms already written in N-Quads form (blank nodes by
// their document label), so that URDNA2015 can compose its many serializations without escaping again.
type rdfQuad struct {
	s, p, o rdfTerm
}

// fastRun is one document's conversion.
type fastRun struct {
	fs     *fastState
	fc     *fastContext
	quads  []rdfQuad
	seen   map[[3]string]bool
	labels map[string]string
	next   int
	parser jparser
	// typePred is rdf:type, finished.
	typePred rdfTerm
	u        urdna // URDNA2015 state, kept with its maps and buffers between documents
}

func (r *fastRun) blank(label string) rdfTerm {
	if label != "" {
		if l, ok := r.labels[label]; ok {
			return rdfTerm{kind: tBlank, v: l, nq: l, ok: true}
		}
	}
	l := labelN("_:b", r.next)
	r.next++
	if label != "" {
		r.labels[label] = l
	}
	return rdfTerm{kind: tBlank, v: l, nq: l, ok: true}
}

// iriTerm is an IRI term with its validity and N-Quads form from the processor's memo.
func (r *fastRun) iriTerm(v string) rdfTerm {
	info := r.fs.iri(v)
	return rdfTerm{kind: tIRI, v: v, nq: info.nq, ok: info.valid}
}

// finish sets a literal's N-Quads form and validity.
func (r *fastRun) finish(t rdfTerm) rdfTerm {
	if t.kind != tLiteral {
		return t
	}
	lit := "\"" + escapeNQ(t.v) + "\""
	switch t.dt {
	case rdfLang:
		t.nq, t.ok = lit+"@"+t.lang, t.lang == "" || languageTag.MatchString(t.lang)
	case xsdString:
		t.nq, t.ok = lit, true
	default:
		info := r.fs.iri(t.dt)
		t.nq, t.ok = lit+"^^"+info.nq, info.valid
	}
	return t
}

func (r *fastRun) isAbsolute(s string) bool {
	if strings.HasPrefix(s, "_:") {
		return true
	}
	return *r.fs.absolute.get(s, func() bool { return ld.IsAbsoluteIri(s) })
}

func (r *fastRun) emit(s, p, o rdfTerm) {
	if !s.ok || !p.ok || !o.ok {
		return
	}
	key := [3]string{s.nq, p.nq, o.nq}
	if r.seen[key] {
		return
	}
	r.seen[key] = true
	r.quads = append(r.quads, rdfQuad{s, p, o})
}

// fastRuns recycles the buffers of the fast path between documents.
var fastRuns = sync.Pool{New: func() any {
	return &fastRun{seen: make(map[[3]string]bool, 128), labels: map[string]string{}, quads: make([]rdfQuad, 0, 128)}
}}

// fastCanonicalize converts a document on the fast path, or returns errBail.
func (p *Processor) fastCanonicalize(ctx contextGetter, doc []byte) ([]byte, error) {
	r := fastRuns.Get().(*fastRun)
	defer func() {
		clear(r.seen)
		clear(r.labels)
		clear(r.quads)
		r.quads, r.next, r.fs, r.fc = r.quads[:0], 0, nil, nil
		r.parser.reset(nil)
		fastRuns.Put(r)
	}()
	r.fs = &p.fast
	r.typePred = r.iriTerm(rdfType)
	d, err := r.parser.parse(doc)
	if err != nil {
		return nil, err
	}
	var tops []*jv
	switch d.kind {
	case jObj:
		tops = []*jv{&d}
	case jArr:
		for i := range d.arr {
			switch d.arr[i].kind {
			case jObj:
				tops = append(tops, &d.arr[i])
			case jArr:
				return nil, errBail
			}
		}
	default:
		return nil, errBail
	}
	for _, t := range tops {
		c, err := ctx(t)
		if err != nil {
			return nil, err
		}
		r.fc = p.fast.context(c)
		if r.fc.bail {
			return nil, errBail
		}
		if g, ok := t.get("@graph"); ok {
			// A document {"@context", "@graph"} is the default graph; anything more, or the same object inside a
			// top-level array, makes it a named graph, which the fast path leaves to json-gold.
			if d.kind == jArr {
				return nil, errBail
			}
			for _, m := range t.obj {
				if m.k != "@context" && m.k != "@graph" {
					return nil, errBail
				}
			}
			items := []jv{*g}
			if g.kind == jArr {
				items = g.arr
			}
			for i := range items {
				if items[i].kind != jObj {
					if items[i].kind == jArr {
						return nil, errBail
					}
					continue // free-floating scalars are dropped
				}
				if _, has := items[i].get("@context"); has {
					return nil, errBail
				}
				if _, _, err := r.node(&items[i]); err != nil {
					return nil, err
				}
			}
			continue
		}
		if _, _, err := r.node(t); err != nil {
			return nil, err
		}
	}
	r.u.reset(r.quads)
	return r.u.canonicalNQuads()
}

// contextGetter returns the processed context of a top-level object.
type contextGetter func(top *jv) (*ld.Context, error)

// node converts a node object and returns its subject and whether the subject is valid (an absolute IRI or a
// blank node); statements of an invalid subject are dropped, as json-gold drops them.
func (r *fastRun) node(v *jv) (rdfTerm, bool, error) {
	var subj rdfTerm
	valid := true
	idSet := false
	for i := range v.obj {
		m := &v.obj[i]
		ki := r.fc.key(m.k)
		if ki.bail {
			return subj, false, errBail
		}
		switch ki.keyword {
		case "@id":
			if m.v.kind != jStr || idSet {
				return subj, false, errBail
			}
			idSet = true
			iri, err := r.fc.c.ExpandIri(m.v.s, true, false, nil, nil)
			if err != nil {
				return subj, false, errBail
			}
			switch {
			case strings.HasPrefix(iri, "_:"):
				subj = r.blank(iri)
			case r.isAbsolute(iri):
				subj = r.iriTerm(iri)
			default:
				valid = false
			}
		case "@value", "@language", "@graph":
			return subj, false, errBail // a value object or a graph where a node was expected
		}
	}
	if !idSet {
		subj = r.blank("")
	}
	for i := range v.obj {
		m := &v.obj[i]
		ki := r.fc.key(m.k)
		switch {
		case ki.keyword == "@id", ki.keyword == "@context":
			// @context is allowed (and already processed) only on top-level objects.
			if ki.keyword == "@context" && v.nested {
				return subj, false, errBail
			}
		case ki.keyword == "@type":
			if err := r.types(subj, valid, &m.v); err != nil {
				return subj, false, err
			}
		case ki.keyword == "@reverse":
			if err := r.reverse(subj, valid, &m.v); err != nil {
				return subj, false, err
			}
		case ki.keyword != "":
			return subj, false, errBail
		case ki.drop:
		default:
			pred := ki.pred
			items := []jv{m.v}
			if m.v.kind == jArr {
				items = m.v.arr
			}
			for j := range items {
				o, ok, err := r.object(m.k, ki.td, &items[j])
				if err != nil {
					return subj, false, err
				}
				if ok && valid && !ki.noLink {
					r.emit(subj, pred, o)
				}
			}
		}
	}
	return subj, valid, nil
}

func (r *fastRun) types(subj rdfTerm, valid bool, v *jv) error {
	items := []jv{*v}
	if v.kind == jArr {
		items = v.arr
	}
	for i := range items {
		if items[i].kind != jStr {
			return errBail
		}
		s := items[i].s
		t := *r.fc.types.get(s, func() string {
			if td := r.fc.c.GetTermDefinition(s); td != nil && td.HasContext {
				return "" // a type-scoped context
			}
			iri, err := r.fc.c.ExpandIri(s, true, true, nil, nil)
			if err != nil || iri == "" || strings.HasPrefix(iri, "@") {
				return ""
			}
			return strings.Clone(iri)
		})
		if t == "" {
			return errBail
		}
		if !valid {
			continue
		}
		var o rdfTerm
		if strings.HasPrefix(t, "_:") {
			o = r.blank(t)
		} else {
			o = r.iriTerm(t)
		}
		r.emit(subj, r.typePred, o)
	}
	return nil
}

func (r *fastRun) reverse(subj rdfTerm, valid bool, v *jv) error {
	if v.kind != jObj {
		return errBail
	}
	for i := range v.obj {
		m := &v.obj[i]
		ki := r.fc.key(m.k)
		if ki.bail || ki.keyword != "" {
			return errBail
		}
		if ki.drop {
			continue
		}
		items := []jv{m.v}
		if m.v.kind == jArr {
			items = m.v.arr
		}
		for j := range items {
			if items[j].kind != jObj {
				return errBail // json-gold rejects literals under @reverse
			}
			if _, isValue := items[j].get("@value"); isValue {
				return errBail
			}
			items[j].nested = true
			s, ok, err := r.node(&items[j])
			if err != nil {
				return err
			}
			if ok && valid && !ki.noLink {
				r.emit(s, ki.pred, subj)
			}
		}
	}
	return nil
}

// object converts one value of a property: a literal, an IRI (by coercion or reference) or an embedded node.
func (r *fastRun) object(term string, td *ld.TermDefinition, v *jv) (rdfTerm, bool, error) {
	switch v.kind {
	case jNull:
		return rdfTerm{}, false, nil
	case jArr:
		return rdfTerm{}, false, errBail
	case jObj:
		if val, ok := v.get("@value"); ok {
			return r.valueObject(v, val)
		}
		v.nested = true
		s, ok, err := r.node(v)
		return s, ok, err
	}
	var coerce string
	if td != nil {
		coerce = td.Type
	}
	if v.kind == jStr && (coerce == "@id" || coerce == "@vocab") {
		iri, err := r.fc.c.ExpandIri(v.s, true, coerce == "@vocab", nil, nil)
		if err != nil {
			return rdfTerm{}, false, errBail
		}
		if strings.HasPrefix(iri, "_:") {
			return r.blank(iri), true, nil
		}
		if !r.isAbsolute(iri) {
			return rdfTerm{}, false, nil
		}
		return r.iriTerm(iri), true, nil
	}
	dt := ""
	if coerce != "" && coerce != "@id" && coerce != "@vocab" {
		dt = coerce
	}
	lang, tagged := "", false
	if v.kind == jStr && dt == "" {
		if td != nil && td.HasLanguage {
			if td.Language != nil {
				lang, tagged = *td.Language, true
			}
		} else if r.fc.c.Values.HasLanguage {
			lang, tagged = r.fc.c.Values.Language, true
		}
	}
	if tagged && lang == "" {
		return rdfTerm{}, false, errBail // json-gold writes an empty language tag
	}
	t, ok, err := rdfLiteral(v, dt, lang)
	return r.finish(t), ok, err
}

func (r *fastRun) valueObject(v, val *jv) (rdfTerm, bool, error) {
	dt, lang := "", ""
	hasLang := false
	for _, m := range v.obj {
		switch r.fc.key(m.k).keyword {
		case "@value":
		case "@language":
			if m.v.kind != jStr {
				return rdfTerm{}, false, errBail
			}
			lang, hasLang = strings.ToLower(m.v.s), true
		case "@type":
			if m.v.kind != jStr {
				return rdfTerm{}, false, errBail
			}
			iri, err := r.fc.c.ExpandIri(m.v.s, true, true, nil, nil)
			if err != nil || strings.HasPrefix(iri, "_:") || !r.isAbsolute(iri) || iri == xsdString || strings.HasPrefix(iri, "@") {
				return rdfTerm{}, false, errBail
			}
			dt = iri
		default:
			return rdfTerm{}, false, errBail
		}
	}
	if hasLang && (dt != "" || val.kind != jStr) {
		return rdfTerm{}, false, errBail
	}
	switch val.kind {
	case jNull:
		return rdfTerm{}, false, nil
	case jArr, jObj:
		return rdfTerm{}, false, errBail
	}
	if hasLang && lang == "" {
		return rdfTerm{}, false, errBail
	}
	t, ok, err := rdfLiteral(val, dt, lang)
	return r.finish(t), ok, err
}

// rdfLiteral converts a JSON scalar to an RDF literal as json-gold's objectToRDF does.
func rdfLiteral(v *jv, dt, lang string) (rdfTerm, bool, error) {
	switch v.kind {
	case jBool:
		if dt == "" {
			dt = xsdBoolean
		}
		return rdfTerm{kind: tLiteral, v: strconv.FormatBool(v.b), dt: dt}, true, nil
	case jNum:
		f := v.n
		isInteger := f == float64(int64(f))
		if !isInteger || dt == xsdDouble {
			if dt == "" {
				dt = xsdDouble
			}
			return rdfTerm{kind: tLiteral, v: ld.GetCanonicalDouble(f), dt: dt}, true, nil
		}
		if dt == "" {
			dt = xsdInteger
		}
		return rdfTerm{kind: tLiteral, v: fmt.Sprintf("%d", int64(f)), dt: dt}, true, nil
	case jStr:
		if lang != "" {
			return rdfTerm{kind: tLiteral, v: v.s, dt: rdfLang, lang: lang}, true, nil
		}
		if dt == "" {
			dt = xsdString
		}
		return rdfTerm{kind: tLiteral, v: v.s, dt: dt}, true, nil
	}
	return rdfTerm{}, false, errBail
}

// nquadEscape escapes as json-gold's N-Quads writer does.
var nquadEscape = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`)

// appendNQuad appends one N-Quad line; label gives the label of blank nodes.
func appendNQuad(b []byte, q *rdfQuad, label func(string) string) []byte {
	if q.s.kind == tBlank {
		b = append(b, label(q.s.v)...)
	} else {
		b = append(b, q.s.nq...)
	}
	b = append(b, ' ')
	b = append(b, q.p.nq...)
	b = append(b, ' ')
	if q.o.kind == tBlank {
		b = append(b, label(q.o.v)...)
	} else {
		b = append(b, q.o.nq...)
	}
	return append(b, " .\n"...)
}

func escapeNQ(s string) string {
	if strings.ContainsAny(s, "\\\"\n\r\t") {
		return nquadEscape.Replace(s)
	}
	return s
}

// issuer issues identifiers with a prefix, remembering the order (the Identifier Issuer of RDF canonicalization).
type issuer struct {
	prefix string
	ids    map[string]string
	order  []string
}

func newIssuer(prefix string) *issuer { return &issuer{prefix: prefix, ids: map[string]string{}} }

// Labels for the first blank nodes, built once: issuing them costs no allocation.
var (
	bLabels    = labelTable("_:b")
	c14nLabels = labelTable("_:c14n")
)

func labelTable(prefix string) []string {
	t := make([]string, 512)
	for i := range t {
		t[i] = prefix + strconv.Itoa(i)
	}
	return t
}

func labelN(prefix string, n int) string {
	switch {
	case n < len(bLabels) && prefix == "_:b":
		return bLabels[n]
	case n < len(c14nLabels) && prefix == "_:c14n":
		return c14nLabels[n]
	}
	return prefix + strconv.Itoa(n)
}

func (is *issuer) issue(old string) string {
	if id, ok := is.ids[old]; ok {
		return id
	}
	id := labelN(is.prefix, len(is.order))
	is.ids[old] = id
	is.order = append(is.order, old)
	return id
}

func (is *issuer) has(old string) bool { _, ok := is.ids[old]; return ok }

func (is *issuer) clone() *issuer {
	c := &issuer{prefix: is.prefix, ids: make(map[string]string, len(is.ids)), order: append([]string(nil), is.order...)}
	for k, v := range is.ids {
		c.ids[k] = v
	}
	return c
}

// urdna is the state of one run of URDNA2015.
type urdna struct {
	quads        []rdfQuad
	byBlank      map[string][]int // blank node -> indexes of the quads it appears in
	firstHash    map[string]string
	canonical    *issuer
	tooMany      bool // a blank node has more than 8 indistinguishable neighbours: leave it to json-gold
	hashToBlanks map[string][]string
	// scratch space for serializing lines
	buf   []byte
	ends  []int
	lines [][]byte
}

func sha256Hex(parts ...string) string {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	buf := make([]byte, 0, n)
	for _, p := range parts {
		buf = append(buf, p...)
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:])
}

func (u *urdna) hashFirstDegree(id string) string {
	if h, ok := u.firstHash[id]; ok {
		return h
	}
	label := func(b string) string {
		if b == id {
			return "_:a"
		}
		return "_:z"
	}
	buf := u.buf[:0]
	ends := u.ends[:0]
	for _, qi := range u.byBlank[id] {
		buf = appendNQuad(buf, &u.quads[qi], label)
		ends = append(ends, len(buf))
	}
	lines := u.lines[:0]
	start := 0
	for _, e := range ends {
		lines = append(lines, buf[start:e])
		start = e
	}
	slices.SortFunc(lines, bytes.Compare)
	md := sha256.New()
	for _, l := range lines {
		md.Write(l)
	}
	u.buf, u.ends, u.lines = buf, ends, lines
	h := hex.EncodeToString(md.Sum(nil))
	u.firstHash[id] = h
	return h
}

func (u *urdna) hashRelated(related string, q *rdfQuad, is *issuer, position string) string {
	var id string
	switch {
	case u.canonical.has(related):
		id = u.canonical.issue(related)
	case is.has(related):
		id = is.issue(related)
	default:
		id = u.hashFirstDegree(related)
	}
	if position == "g" {
		return sha256Hex(position, id)
	}
	return sha256Hex(position, "<"+q.p.v+">", id)
}

func (u *urdna) hashNDegree(id string, is *issuer) (string, *issuer) {
	hashToRelated := map[string][]string{}
	for _, qi := range u.byBlank[id] {
		q := &u.quads[qi]
		if q.s.kind == tBlank && q.s.v != id {
			h := u.hashRelated(q.s.v, q, is, "s")
			hashToRelated[h] = append(hashToRelated[h], q.s.v)
		}
		if q.o.kind == tBlank && q.o.v != id {
			h := u.hashRelated(q.o.v, q, is, "o")
			hashToRelated[h] = append(hashToRelated[h], q.o.v)
		}
	}
	hashes := make([]string, 0, len(hashToRelated))
	for h := range hashToRelated {
		hashes = append(hashes, h)
	}
	sort.Strings(hashes)
	md := sha256.New()
	for _, h := range hashes {
		md.Write([]byte(h))
		chosenPath := ""
		var chosen *issuer
		if len(hashToRelated[h]) > 8 {
			u.tooMany = true
			return "", is
		}
		perms := permutations(hashToRelated[h])
	perm:
		for _, perm := range perms {
			isc := is.clone()
			path := ""
			var recursion []string
			for _, rel := range perm {
				if u.canonical.has(rel) {
					path += u.canonical.issue(rel)
				} else {
					if !isc.has(rel) {
						recursion = append(recursion, rel)
					}
					path += isc.issue(rel)
				}
				if chosenPath != "" && len(path) >= len(chosenPath) && path > chosenPath {
					continue perm
				}
			}
			for _, rel := range recursion {
				rh, ri := u.hashNDegree(rel, isc)
				path += isc.issue(rel)
				path += "<" + rh + ">"
				isc = ri
				if chosenPath != "" && len(path) >= len(chosenPath) && path > chosenPath {
					continue perm
				}
			}
			if chosenPath == "" || path < chosenPath {
				chosenPath, chosen = path, isc
			}
		}
		md.Write([]byte(chosenPath))
		is = chosen
	}
	return hex.EncodeToString(md.Sum(nil)), is
}

// permutations returns every ordering of list (sorted first), in lexicographic order.
func permutations(list []string) [][]string {
	l := append([]string(nil), list...)
	sort.Strings(l)
	var out [][]string
	for {
		out = append(out, append([]string(nil), l...))
		i := len(l) - 2
		for i >= 0 && l[i] >= l[i+1] {
			i--
		}
		if i < 0 {
			return out
		}
		j := len(l) - 1
		for l[j] <= l[i] {
			j--
		}
		l[i], l[j] = l[j], l[i]
		for a, b := i+1, len(l)-1; a < b; a, b = a+1, b-1 {
			l[a], l[b] = l[b], l[a]
		}
	}
}

// reset prepares the state for a dataset, reusing its maps and buffers.
func (u *urdna) reset(quads []rdfQuad) {
	u.quads, u.tooMany = quads, false
	if u.byBlank == nil {
		u.byBlank, u.firstHash, u.hashToBlanks = map[string][]int{}, map[string]string{}, map[string][]string{}
	}
	clear(u.byBlank)
	clear(u.firstHash)
	clear(u.hashToBlanks)
	u.canonical = newIssuer("_:c14n")
}

// canonicalNQuads runs URDNA2015 over the quads (all in the default graph) and returns the sorted N-Quads.
func (u *urdna) canonicalNQuads() ([]byte, error) {
	quads := u.quads
	var blanks []string
	for i := range quads {
		for _, t := range []*rdfTerm{&quads[i].s, &quads[i].o} {
			if t.kind == tBlank {
				if _, ok := u.byBlank[t.v]; !ok {
					blanks = append(blanks, t.v)
				}
				u.byBlank[t.v] = append(u.byBlank[t.v], i)
			}
		}
	}
	hashToBlanks := u.hashToBlanks
	for _, b := range blanks {
		h := u.hashFirstDegree(b)
		hashToBlanks[h] = append(hashToBlanks[h], b)
	}
	hashes := make([]string, 0, len(hashToBlanks))
	for h := range hashToBlanks {
		hashes = append(hashes, h)
	}
	sort.Strings(hashes)
	var shared []string
	for _, h := range hashes {
		if len(hashToBlanks[h]) == 1 {
			u.canonical.issue(hashToBlanks[h][0])
		} else {
			shared = append(shared, h)
		}
	}
	for _, h := range shared {
		type result struct {
			hash string
			is   *issuer
		}
		var results []result
		for _, b := range hashToBlanks[h] {
			if u.canonical.has(b) {
				continue
			}
			is := newIssuer("_:b")
			is.issue(b)
			rh, ri := u.hashNDegree(b, is)
			if u.tooMany {
				return nil, errBail
			}
			results = append(results, result{rh, ri})
		}
		sort.SliceStable(results, func(i, j int) bool { return results[i].hash < results[j].hash })
		for _, res := range results {
			for _, old := range res.is.order {
				u.canonical.issue(old)
			}
		}
	}
	label := func(b string) string { return u.canonical.issue(b) }
	size := 0
	for i := range quads {
		size += len(quads[i].s.nq) + len(quads[i].p.nq) + len(quads[i].o.nq) + 16
	}
	buf := slices.Grow(u.buf[:0], size)
	ends := u.ends[:0]
	for i := range quads {
		buf = appendNQuad(buf, &quads[i], label)
		ends = append(ends, len(buf))
	}
	lines := u.lines[:0]
	start := 0
	for _, e := range ends {
		lines = append(lines, buf[start:e])
		start = e
	}
	slices.SortFunc(lines, bytes.Compare)
	u.buf, u.ends, u.lines = buf, ends, lines
	out := make([]byte, 0, len(buf))
	for _, l := range lines {
		out = append(out, l...)
	}
	return out, nil
}
