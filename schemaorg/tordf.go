package schemaorg

// The fast canonicalization path, JSON-LD to RDF: for the documents landing pages publish (node objects, @graph,
// @reverse, value objects, terms from one cached context without scoped contexts or containers) it goes from JSON
// to RDF statements without building json-gold's intermediate forms, reproducing json-gold's expansion and RDF
// conversion (including which statements it drops as invalid); urdna2015.go canonicalizes the statements and
// nquads.go writes them, byte for byte as json-gold does. Anything else returns errBail and takes the json-gold
// path. FuzzCanonicalizeFastPath checks the two agree.

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
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

// rdfQuad is a statement with its terms already written in N-Quads form (blank nodes by their document label), so
// that URDNA2015 can compose its many serializations without escaping again. The fast path's statements are all
// in the default graph (g.kind 0); the work estimate of json-gold's datasets (workCheck) has named graphs too.
type rdfQuad struct {
	s, p, o rdfTerm
	g       rdfTerm
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
	r.quads = append(r.quads, rdfQuad{s: s, p: p, o: o})
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
	r.u.reset(r.quads, r.next, p.workLimit())
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
