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
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

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

// isLanguageTag is json-gold's test for a language tag it keeps in RDF, the regexp ^[a-zA-Z]+(-[a-zA-Z0-9]+)*$
// written out.
func isLanguageTag(s string) bool {
	alpha := func(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
	i := 0
	for i < len(s) && alpha(s[i]) {
		i++
	}
	if i == 0 {
		return false
	}
	for i < len(s) {
		if s[i] != '-' {
			return false
		}
		i++
		j := i
		for i < len(s) && (alpha(s[i]) || '0' <= s[i] && s[i] <= '9') {
			i++
		}
		if i == j {
			return false
		}
	}
	return true
}

// maxMemo bounds each memo table of the fast path.
const maxMemo = 1 << 16

// memo is a bounded concurrent map from strings to results. Reads look up an immutable snapshot without a lock;
// new results go to a locked map that becomes the next snapshot once it has missed as many times as it has entries
// (so copying costs a constant per miss).
type memo[V any] struct {
	ro     atomic.Pointer[map[string]*V]
	mu     sync.Mutex
	all    map[string]*V // every result, the snapshot's and the newer ones; guarded by mu
	misses int
}

// get returns the memoised result for k, computing it with f the first time. Results are shared: read only.
func (m *memo[V]) get(k string, f func() V) *V {
	if ro := m.ro.Load(); ro != nil {
		if v, ok := (*ro)[k]; ok {
			return v
		}
	}
	m.mu.Lock()
	v, ok := m.all[k]
	m.mu.Unlock()
	if ok {
		m.miss()
		return v
	}
	r := f()
	v = &r
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.all[k]; ok {
		return old
	}
	if len(m.all) >= maxMemo {
		return v
	}
	if m.all == nil {
		m.all = map[string]*V{}
	}
	// Keys are often substrings of a document; the clone keeps the memo from pinning whole documents.
	m.all[strings.Clone(k)] = v
	m.missLocked()
	return v
}

func (m *memo[V]) miss() {
	m.mu.Lock()
	m.missLocked()
	m.mu.Unlock()
}

func (m *memo[V]) missLocked() {
	m.misses++
	if m.misses >= len(m.all) {
		ro := maps.Clone(m.all)
		m.ro.Store(&ro)
		m.misses = 0
	}
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
	// The context of the latest documents, which are mostly alike: looked up without hashing.
	recent    atomic.Pointer[fastContext]
	recentURL atomic.Pointer[urlContext]
	iris      memo[iriInfo]
	absolute  memo[bool]
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

// urlContext is the processed context of a @context that is one URL.
type urlContext struct {
	url string
	c   *ld.Context
}

func (fs *fastState) context(c *ld.Context) *fastContext {
	if fc := fs.recent.Load(); fc != nil && fc.c == c {
		return fc
	}
	if v, ok := fs.contexts.Load(c); ok {
		fc := v.(*fastContext)
		fs.recent.Store(fc)
		return fc
	}
	fc := &fastContext{fs: fs, c: c, bail: c.Values.Direction != ""}
	v, _ := fs.contexts.LoadOrStore(c, fc)
	fc = v.(*fastContext)
	fs.recent.Store(fc)
	return fc
}

// urlContext returns the processed context of a @context that is the URL u, with get the first time and while
// the documents alternate between contexts.
func (fs *fastState) urlContext(u string, get func(string) (*ld.Context, error)) (*ld.Context, error) {
	if uc := fs.recentURL.Load(); uc != nil && uc.url == u {
		return uc.c, nil
	}
	u = strings.Clone(u) // not a substring that pins the document
	c, err := get(u)
	if err != nil {
		return nil, err
	}
	fs.recentURL.Store(&urlContext{url: u, c: c})
	return c, nil
}

// fastKeyword returns the keyword k names if the fast path handles it. The result is a constant, not k: memo
// values must not hold strings of the document.
func fastKeyword(k string) (string, bool) {
	for _, kw := range [...]string{"@id", "@type", "@context", "@graph", "@reverse", "@value", "@language"} {
		if k == kw {
			return kw, true
		}
	}
	return "", false
}

func (fc *fastContext) key(k string) *keyInfo {
	return fc.keys.get(k, func() keyInfo {
		if k == "" {
			return keyInfo{bail: true}
		}
		if k[0] == '@' {
			if kw, ok := fastKeyword(k); ok {
				return keyInfo{keyword: kw}
			}
			return keyInfo{bail: true}
		}
		iri, err := fc.c.ExpandIri(k, false, true, nil, nil)
		if err != nil {
			return keyInfo{bail: true}
		}
		if strings.HasPrefix(iri, "@") {
			if kw, ok := fastKeyword(iri); ok {
				return keyInfo{keyword: kw}
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
	id   int32  // blank nodes: their number in the run
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
	seen   map[[3]string]struct{}
	labels map[string]int32
	next   int
	parser jparser
	arena  []byte // the N-Quads forms of literals
	// typePred is rdf:type, finished.
	typePred rdfTerm
	u        urdna // URDNA2015 state, kept with its maps and buffers between documents
}

func (r *fastRun) blank(label string) rdfTerm {
	if label != "" {
		if id, ok := r.labels[label]; ok {
			l := labelN("_:b", int(id))
			return rdfTerm{kind: tBlank, v: l, nq: l, ok: true, id: id}
		}
	}
	id := int32(r.next)
	l := labelN("_:b", r.next)
	r.next++
	if label != "" {
		r.labels[label] = id
	}
	return rdfTerm{kind: tBlank, v: l, nq: l, ok: true, id: id}
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
	start := len(r.arena)
	b := append(r.arena, '"')
	b = appendEscapedNQ(b, t.v)
	b = append(b, '"')
	switch t.dt {
	case rdfLang:
		b = append(b, '@')
		b = append(b, t.lang...)
		t.ok = t.lang == "" || isLanguageTag(t.lang)
	case xsdString:
		t.ok = true
	default:
		info := r.fs.iri(t.dt)
		b = append(b, "^^"...)
		b = append(b, info.nq...)
		t.ok = info.valid
	}
	r.arena = b
	// The run's strings live in its arena, reused by the next run: they must not outlive this one (the quads and
	// the statement set are cleared at its end; the output is a copy).
	t.nq = unsafe.String(unsafe.SliceData(b[start:]), len(b)-start)
	return t
}

// appendEscapedNQ appends s escaped as json-gold's N-Quads writer escapes it.
func appendEscapedNQ(b []byte, s string) []byte {
	for {
		i := strings.IndexAny(s, "\\\"\n\r\t")
		if i < 0 {
			return append(b, s...)
		}
		b = append(b, s[:i]...)
		switch s[i] {
		case '\\':
			b = append(b, `\\`...)
		case '"':
			b = append(b, `\"`...)
		case '\n':
			b = append(b, `\n`...)
		case '\r':
			b = append(b, `\r`...)
		case '\t':
			b = append(b, `\t`...)
		}
		s = s[i+1:]
	}
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
	// One hash of the key: the map grows only for a new statement.
	n := len(r.seen)
	r.seen[[3]string{s.nq, p.nq, o.nq}] = struct{}{}
	if len(r.seen) == n {
		return
	}
	r.quads = append(r.quads, rdfQuad{s, p, o})
}

// fastRuns recycles the buffers of the fast path between documents.
var fastRuns = sync.Pool{New: func() any {
	return &fastRun{seen: make(map[[3]string]struct{}, 128), labels: map[string]int32{}, quads: make([]rdfQuad, 0, 128)}
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
		r.u.release()
		r.arena = r.arena[:0]
		if cap(r.arena) > 1<<20 {
			r.arena = nil
		}
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
			for i, n := 0, each(g); i < n; i++ {
				it := item(g, i)
				if it.kind != jObj {
					if it.kind == jArr {
						return nil, errBail
					}
					continue // free-floating scalars are dropped
				}
				if _, has := it.get("@context"); has {
					return nil, errBail
				}
				if _, _, err := r.node(it); err != nil {
					return nil, err
				}
			}
			continue
		}
		if _, _, err := r.node(t); err != nil {
			return nil, err
		}
	}
	r.u.reset(r.quads, r.next)
	return r.u.canonicalNQuads()
}

// each is a property value's items: the elements of an array, or the value itself.
func each(v *jv) int {
	if v.kind == jArr {
		return len(v.arr)
	}
	return 1
}

// item is the i-th of each(v) items.
func item(v *jv, i int) *jv {
	if v.kind == jArr {
		return &v.arr[i]
	}
	return v
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
			for j, n := 0, each(&m.v); j < n; j++ {
				o, ok, err := r.object(m.k, ki.td, item(&m.v, j))
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
	for i, n := 0, each(v); i < n; i++ {
		it := item(v, i)
		if it.kind != jStr {
			return errBail
		}
		s := it.s
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
		for j, n := 0, each(&m.v); j < n; j++ {
			it := item(&m.v, j)
			if it.kind != jObj {
				return errBail // json-gold rejects literals under @reverse
			}
			if _, isValue := it.get("@value"); isValue {
				return errBail
			}
			it.nested = true
			s, ok, err := r.node(it)
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
func appendNQuad(b []byte, q *rdfQuad, label func(int32) string) []byte {
	if q.s.kind == tBlank {
		b = append(b, label(q.s.id)...)
	} else {
		b = append(b, q.s.nq...)
	}
	b = append(b, ' ')
	b = append(b, q.p.nq...)
	b = append(b, ' ')
	if q.o.kind == tBlank {
		b = append(b, label(q.o.id)...)
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
// Blank nodes are known by their number in the run (rdfTerm.id), so an issuer is two pointer-free slices.
type issuer struct {
	prefix string
	ids    []int32 // per blank node: the issued number plus one, 0 if none
	order  []int32
}

// newIssuer returns an empty issuer from the run's recycled ones.
func (u *urdna) newIssuer(prefix string) *issuer {
	var is *issuer
	switch {
	case u.nIssuers < len(u.issuers):
		is = u.issuers[u.nIssuers]
		u.nIssuers++
	case len(u.issuers) < 1024:
		is = &issuer{}
		u.issuers = append(u.issuers, is)
		u.nIssuers++
	default:
		is = &issuer{}
	}
	is.init(prefix, u.n)
	return is
}

// clone returns a copy of is from the run's recycled issuers.
func (u *urdna) clone(is *issuer) *issuer {
	c := u.newIssuer(is.prefix)
	copy(c.ids, is.ids)
	c.order = append(c.order, is.order...)
	return c
}

// init empties the issuer for n blank nodes, keeping its buffers.
func (is *issuer) init(prefix string, n int) {
	is.prefix = prefix
	is.ids = slices.Grow(is.ids[:0], n)[:n]
	clear(is.ids)
	is.order = is.order[:0]
}

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

func (is *issuer) issue(b int32) string {
	if k := is.ids[b]; k != 0 {
		return labelN(is.prefix, int(k-1))
	}
	k := len(is.order)
	is.ids[b] = int32(k + 1)
	is.order = append(is.order, b)
	return labelN(is.prefix, k)
}

func (is *issuer) has(b int32) bool { return is.ids[b] != 0 }

// hash is a SHA-256 sum; ordering sums as bytes orders them as their hexadecimal forms.
type hash = [32]byte

func appendHex(b []byte, h *hash) []byte { return hex.AppendEncode(b, h[:]) }

// nResult is a blank node's result of the hash N-degree quads algorithm.
type nResult struct {
	hash hash
	is   *issuer
}

// urdna is the state of one run of URDNA2015, kept with its buffers between documents.
type urdna struct {
	quads     []rdfQuad
	n         int       // blank nodes, numbered 0..n-1
	names     []string  // blank node -> its document label
	byBlank   [][]int32 // blank node -> indexes of the quads it appears in
	first     []hash    // blank node -> its first-degree hash
	canonical issuer
	tooMany   bool // a blank node has more than 8 indistinguishable neighbours: leave it to json-gold
	blanks    []int32
	sorted    []int32
	shared    [][]int32
	results   []nResult
	issuers   []*issuer // recycled issuers; the first nIssuers are in use in this run
	nIssuers  int
	// scratch space for serializing lines
	buf   []byte
	ends  []int
	lines [][]byte
	hbuf  []byte
}

// sumLines sorts lines and returns the hash of their concatenation.
func (u *urdna) sumLines(lines [][]byte) hash {
	slices.SortFunc(lines, bytes.Compare)
	h := u.hbuf[:0]
	for _, l := range lines {
		h = append(h, l...)
	}
	u.hbuf = h
	return sha256.Sum256(h)
}

func (u *urdna) hashFirstDegree(id int32) hash {
	label := func(b int32) string {
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
	h := u.sumLines(lines)
	u.buf, u.ends, u.lines = buf, ends, lines
	return h
}

func (u *urdna) hashRelated(related int32, q *rdfQuad, is *issuer, position byte) hash {
	b := append(u.hbuf[:0], position, '<')
	b = append(b, q.p.v...)
	b = append(b, '>')
	switch {
	case u.canonical.has(related):
		b = append(b, u.canonical.issue(related)...)
	case is.has(related):
		b = append(b, is.issue(related)...)
	default:
		b = appendHex(b, &u.first[related])
	}
	u.hbuf = b
	return sha256.Sum256(b)
}

func (u *urdna) hashNDegree(id int32, is *issuer) (hash, *issuer) {
	hashToRelated := map[hash][]int32{}
	for _, qi := range u.byBlank[id] {
		q := &u.quads[qi]
		if q.s.kind == tBlank && q.s.id != id {
			h := u.hashRelated(q.s.id, q, is, 's')
			hashToRelated[h] = append(hashToRelated[h], q.s.id)
		}
		if q.o.kind == tBlank && q.o.id != id {
			h := u.hashRelated(q.o.id, q, is, 'o')
			hashToRelated[h] = append(hashToRelated[h], q.o.id)
		}
	}
	hashes := make([]hash, 0, len(hashToRelated))
	for h := range hashToRelated {
		hashes = append(hashes, h)
	}
	slices.SortFunc(hashes, func(a, b hash) int { return bytes.Compare(a[:], b[:]) })
	var data []byte
	for i := range hashes {
		h := &hashes[i]
		data = appendHex(data, h)
		chosenPath := ""
		var chosen *issuer
		if len(hashToRelated[*h]) > 8 {
			u.tooMany = true
			return hash{}, is
		}
		perms := u.permutations(hashToRelated[*h])
	perm:
		for _, perm := range perms {
			isc := u.clone(is)
			path := ""
			var recursion []int32
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
				if u.tooMany {
					return hash{}, is
				}
				path += isc.issue(rel)
				path += "<" + string(appendHex(nil, &rh)) + ">"
				isc = ri
				if chosenPath != "" && len(path) >= len(chosenPath) && path > chosenPath {
					continue perm
				}
			}
			if chosenPath == "" || path < chosenPath {
				chosenPath, chosen = path, isc
			}
		}
		data = append(data, chosenPath...)
		is = chosen
	}
	return sha256.Sum256(data), is
}

// permutations returns every ordering of list (sorted by label first), in lexicographic order of the labels.
func (u *urdna) permutations(list []int32) [][]int32 {
	l := slices.Clone(list)
	less := func(a, b int32) bool { return u.names[a] < u.names[b] }
	slices.SortFunc(l, func(a, b int32) int { return strings.Compare(u.names[a], u.names[b]) })
	var out [][]int32
	for {
		out = append(out, slices.Clone(l))
		i := len(l) - 2
		for i >= 0 && !less(l[i], l[i+1]) {
			i--
		}
		if i < 0 {
			return out
		}
		j := len(l) - 1
		for !less(l[i], l[j]) {
			j--
		}
		l[i], l[j] = l[j], l[i]
		for a, b := i+1, len(l)-1; a < b; a, b = a+1, b-1 {
			l[a], l[b] = l[b], l[a]
		}
	}
}

// reset prepares the state for a dataset with n blank nodes, reusing its buffers.
func (u *urdna) reset(quads []rdfQuad, n int) {
	u.quads, u.n, u.tooMany = quads, n, false
	u.byBlank = slices.Grow(u.byBlank[:0], n)[:n]
	for i := range u.byBlank {
		u.byBlank[i] = u.byBlank[i][:0]
	}
	u.names = slices.Grow(u.names[:0], n)[:n]
	u.first = slices.Grow(u.first[:0], n)[:n]
	u.blanks = u.blanks[:0]
	u.nIssuers = 0
	u.canonical.init("_:c14n", n)
}

// release drops what the state refers to of a document.
func (u *urdna) release() {
	u.quads = nil
	clear(u.names)
	clear(u.results)
}

// canonicalNQuads runs URDNA2015 over the quads (all in the default graph) and returns the sorted N-Quads.
func (u *urdna) canonicalNQuads() ([]byte, error) {
	quads := u.quads
	blanks := u.blanks
	add := func(t *rdfTerm, i int) {
		if t.kind != tBlank {
			return
		}
		if len(u.byBlank[t.id]) == 0 {
			blanks = append(blanks, t.id)
			u.names[t.id] = t.v
		}
		u.byBlank[t.id] = append(u.byBlank[t.id], int32(i))
	}
	for i := range quads {
		add(&quads[i].s, i)
		add(&quads[i].o, i)
	}
	u.blanks = blanks
	for _, b := range blanks {
		u.first[b] = u.hashFirstDegree(b)
	}
	// The blank nodes by first-degree hash; equal hashes keep the order of first appearance.
	sorted := append(u.sorted[:0], blanks...)
	u.sorted = sorted
	slices.SortStableFunc(sorted, func(a, b int32) int { return bytes.Compare(u.first[a][:], u.first[b][:]) })
	shared := u.shared[:0]
	for i := 0; i < len(sorted); {
		j := i + 1
		for j < len(sorted) && u.first[sorted[j]] == u.first[sorted[i]] {
			j++
		}
		if j == i+1 {
			u.canonical.issue(sorted[i])
		} else {
			shared = append(shared, sorted[i:j])
		}
		i = j
	}
	u.shared = shared
	for _, group := range shared {
		results := u.results[:0]
		for _, b := range group {
			if u.canonical.has(b) {
				continue
			}
			is := u.newIssuer("_:b")
			is.issue(b)
			rh, ri := u.hashNDegree(b, is)
			if u.tooMany {
				return nil, errBail
			}
			results = append(results, nResult{rh, ri})
		}
		u.results = results
		slices.SortStableFunc(results, func(a, b nResult) int { return bytes.Compare(a.hash[:], b.hash[:]) })
		for _, res := range results {
			for _, old := range res.is.order {
				u.canonical.issue(old)
			}
		}
	}
	label := func(b int32) string { return u.canonical.issue(b) }
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
