package schemaorg

// The fast path's caches: memo tables of processed contexts, term definitions and IRIs, shared by every document
// a Processor canonicalizes.

import (
	"maps"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/piprate/json-gold/ld"
)

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
