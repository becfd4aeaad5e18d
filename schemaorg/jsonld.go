package schemaorg

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/piprate/json-gold/ld"

	"github.com/dop2i/fairmeta/internal/jsonwalk"
)

// ErrJSONLD is matched (errors.Is) by every [*JSONLDError].
var ErrJSONLD = errors.New("schemaorg: JSON-LD processing failed")

// JSONLDError reports a document that is not valid JSON or that the JSON-LD algorithms reject. Code is the JSON-LD
// error code when the algorithms gave one ("invalid local context", "loading remote context failed", ...); the
// underlying error, such as a [*LoadError], is available to errors.As.
type JSONLDError struct {
	Op   string // "expand", "compact" or "canonicalize"
	Code string // JSON-LD error code, or "invalid JSON"
	Err  error
}

// Error describes the failure in one line, naming the refused context when there is one.
func (e *JSONLDError) Error() string {
	var le *LoadError
	if errors.As(e.Err, &le) {
		return fmt.Sprintf("schemaorg: %s: %s", e.Op, le.Error())
	}
	return fmt.Sprintf("schemaorg: %s: %s: %v", e.Op, e.Code, e.Err)
}

// Unwrap returns the underlying error.
func (e *JSONLDError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrJSONLD) true for a *JSONLDError.
func (e *JSONLDError) Is(target error) bool { return target == ErrJSONLD }

// ErrTooComplex is matched (errors.Is) by the error of a canonicalization refused for the work it would take: a
// graph whose blank nodes are so alike that URDNA2015's hash N-degree quads algorithm goes factorial in their number
// or quadratic in a chain of them — what the RDF canonicalization specification (RDFC-1.0) calls a poison graph.
var ErrTooComplex = errors.New("schemaorg: the graph's blank nodes are too alike to canonicalize within the work limit (a poison graph)")

// errWorkLimit is ErrTooComplex inside the URDNA2015 implementation.
var errWorkLimit = ErrTooComplex

// maxNDegreeWork bounds the hash N-degree quads algorithm of one canonicalization, in steps: each call and each
// permutation it tries is one. RDFC-1.0 asks implementations to bound these calls against poison graphs; documents
// that describe something (blank nodes told apart by their values) take none or a few.
const maxNDegreeWork = 50_000

// workLimit returns the processor's budget of N-degree hash steps.
func (p *Processor) workLimit() int {
	if p.work > 0 {
		return p.work
	}
	return maxNDegreeWork
}

// maxCachedContexts bounds the processed-context cache, so that documents with ever-new inline contexts cannot grow
// it without limit; past it contexts are processed per call.
const maxCachedContexts = 256

// Processor runs the JSON-LD algorithms the SDK needs (expansion, compaction, URDNA2015 canonical N-Quads and a
// content hash) on json-gold, with a safe document loader and a cache of processed contexts.
//
// The zero value is ready to use: it serves the schema.org context URLs from the context embedded in this package
// and refuses every other remote context. [NewProcessor] configures it otherwise. A Processor is safe for concurrent
// use and should be reused: each distinct @context is processed once and shared read-only by every later call.
type Processor struct {
	once   sync.Once
	cfg    config
	err    error
	loader *loader
	opts   *ld.JsonLdOptions // the options cached contexts are processed with; never modified after init

	// work is the budget of the hash N-degree quads algorithm per canonicalization; 0 means maxNDegreeWork.
	// Tests set it lower to keep each fuzzing run short.
	work int

	mu       sync.RWMutex
	contexts map[string]*ctxEntry
	empty    *ld.Context // the initial context, for documents without @context
	fast     fastState
}

type config struct {
	schemaOrg []byte            // the schema.org context document; nil means the embedded one
	docs      map[string][]byte // further documents by URL
	allow     []string          // URL prefixes the network may be used for
	client    *http.Client
}

// Option configures a [Processor]. Options are made only by the With functions of this package; a nil or invalid
// option makes NewProcessor fail.
type Option interface{ apply(*config) error }

type option func(*config) error

func (o option) apply(c *config) error { return o(c) }

// WithSchemaOrgContext makes the processor serve doc (a JSON-LD context document, {"@context": {...}}) for every
// schema.org context URL instead of the embedded context. Give it the official context, for instance the file
// schemaorgcontext.jsonld of a schema.org release, to process arbitrary schema.org input exactly as schema.org
// defines it; the embedded context only covers the terms this package writes.
func WithSchemaOrgContext(doc []byte) Option {
	return option(func(c *config) error {
		if err := checkContextDoc(doc); err != nil {
			return fmt.Errorf("schemaorg: WithSchemaOrgContext: %w", err)
		}
		c.schemaOrg = doc
		return nil
	})
}

// WithContextDocument makes the processor serve doc for url: a context (or document) that JSON-LD input names by
// that URL is then available offline.
func WithContextDocument(url string, doc []byte) Option {
	return option(func(c *config) error {
		if err := checkContextDoc(doc); err != nil {
			return fmt.Errorf("schemaorg: WithContextDocument(%q): %w", url, err)
		}
		if c.docs == nil {
			c.docs = map[string][]byte{}
		}
		c.docs[url] = doc
		return nil
	})
}

// WithRemoteContexts lets the processor fetch contexts it does not hold, over the network with client (nil means a
// client with Go's default transport), but only those whose URL starts with one of the allowed prefixes, only over
// https (or plain http to a loopback address), and at most 8 MiB each. Fetched documents are kept for the
// processor's lifetime. Without this option the processor never uses the network.
func WithRemoteContexts(client *http.Client, allowed ...string) Option {
	return option(func(c *config) error {
		for _, a := range allowed {
			if !strings.HasPrefix(a, "https://") && !strings.HasPrefix(a, "http://") {
				return fmt.Errorf("schemaorg: WithRemoteContexts: %q is not an http(s) URL prefix", a)
			}
			if strings.Count(a, "/") < 3 {
				return fmt.Errorf("schemaorg: WithRemoteContexts: prefix %q must include the host and a slash after it", a)
			}
		}
		c.allow = append(c.allow, allowed...)
		c.client = client
		return nil
	})
}

func checkContextDoc(doc []byte) error {
	d, err := decodeJSON(doc)
	if err != nil {
		return err
	}
	m, ok := d.(map[string]any)
	if !ok {
		return errors.New("not a JSON object")
	}
	if _, ok := m["@context"]; !ok {
		return errors.New("no @context member")
	}
	return nil
}

// NewProcessor returns a processor configured by opts. It returns an error for a nil or invalid option.
func NewProcessor(opts ...Option) (*Processor, error) {
	p := &Processor{}
	for i, o := range opts {
		if o == nil {
			return nil, fmt.Errorf("schemaorg: option %d is nil", i+1)
		}
		if err := o.apply(&p.cfg); err != nil {
			return nil, err
		}
	}
	p.init()
	if p.err != nil {
		return nil, p.err
	}
	return p, nil
}

func (p *Processor) init() {
	p.once.Do(func() {
		l := &loader{docs: map[string]any{}, allow: p.cfg.allow, client: p.cfg.client, fetched: map[string]any{}}
		so := p.cfg.schemaOrg
		if so == nil {
			so = embeddedContext
		}
		d, err := decodeJSON(so)
		if err != nil {
			p.err = fmt.Errorf("schemaorg: schema.org context: %w", err)
			return
		}
		for _, u := range schemaOrgContextURLs {
			l.docs[u] = d
		}
		for u, doc := range p.cfg.docs {
			if l.docs[u], err = decodeJSON(doc); err != nil {
				p.err = fmt.Errorf("schemaorg: context %s: %w", u, err)
				return
			}
		}
		p.loader = l
		p.opts = p.options(context.Background())
		p.contexts = map[string]*ctxEntry{}
		p.empty = ld.NewContext(nil, p.opts)
	})
}

// options returns fresh json-gold options for one call: URDNA2015, N-Quads out, the safe loader bound to ctx.
func (p *Processor) options(ctx context.Context) *ld.JsonLdOptions {
	o := ld.NewJsonLdOptions("")
	o.DocumentLoader = ctxLoader{ctx: ctx, l: p.loader}
	o.Algorithm = ld.AlgorithmURDNA2015
	o.Format = "application/n-quads"
	return o
}

// decodeJSON decodes one JSON value as json-gold's own reader does (numbers as float64) and rejects trailing data.
func decodeJSON(data []byte) (any, error) {
	if err := jsonwalk.CheckText(data); err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err == nil {
		return nil, errors.New("data after the JSON value")
	}
	return v, nil
}

// ctxEntry is a processed context in the cache. The first caller processes it while later ones wait on done, so
// that goroutines starting together process a context once, not once each.
type ctxEntry struct {
	done    chan struct{}
	c       *ld.Context
	err     error
	inverse sync.Once    // json-gold builds the inverse context lazily, on the first compaction: once, here
	mu      sync.RWMutex // held for writing while the inverse is built, for reading while c is copied
}

// copyContext returns a per-call copy of the entry's context (see shallow).
func (e *ctxEntry) copyContext() *ld.Context {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return shallow(e.c)
}

// activeContext returns the processed form of a @context value, from the cache or processed now (and cached).
// The result is shared: callers and json-gold only read it. json-gold accepts a *ld.Context wherever a @context
// value may appear, and uses it as the active context as is.
func (p *Processor) activeContext(ctx context.Context, value any) (*ld.Context, error) {
	e, err := p.contextEntry(ctx, value)
	if err != nil {
		return nil, err
	}
	return e.c, nil
}

func (p *Processor) contextEntry(ctx context.Context, value any) (*ctxEntry, error) {
	var key string
	if s, ok := value.(string); ok {
		key = "s" + s
	} else {
		b, err := json.Marshal(value)
		if err != nil {
			return nil, err
		}
		key = "j" + string(b)
	}
	p.mu.Lock()
	e, ok := p.contexts[key]
	if !ok {
		e = &ctxEntry{done: make(chan struct{})}
		if len(p.contexts) < maxCachedContexts {
			p.contexts[key] = e
		}
	}
	p.mu.Unlock()
	if ok {
		select {
		case <-e.done:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if e.err != nil {
			return nil, e.err
		}
		return e, nil
	}
	e.c, e.err = p.processContext(ctx, value)
	close(e.done)
	if e.err != nil {
		// Failures are not cached: a remote context may load next time.
		p.mu.Lock()
		if p.contexts[key] == e {
			delete(p.contexts, key)
		}
		p.mu.Unlock()
		return nil, e.err
	}
	return e, nil
}

func (p *Processor) processContext(ctx context.Context, value any) (*ld.Context, error) {
	// Fetch the remote contexts this value names with the caller's ctx, so a slow server stops with the call; the
	// loader keeps them for the parse below.
	for _, v := range asSlice(value) {
		if s, ok := v.(string); ok {
			if _, err := p.loader.load(ctx, s); err != nil {
				return nil, err
			}
		}
	}
	return ld.NewContext(nil, p.opts).Parse(value)
}

func asSlice(v any) []any {
	if s, ok := v.([]any); ok {
		return s
	}
	return []any{v}
}

// prepare decodes a document and replaces the @context of its top-level node objects by their processed form.
func (p *Processor) prepare(ctx context.Context, op string, doc []byte) (any, error) {
	p.init()
	if p.err != nil {
		return nil, p.err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d, err := decodeJSON(doc)
	if err != nil {
		return nil, &JSONLDError{Op: op, Code: "invalid JSON", Err: err}
	}
	for _, n := range asSlice(d) {
		m, ok := n.(map[string]any)
		if !ok {
			continue
		}
		v, ok := m["@context"]
		if !ok || v == nil {
			continue
		}
		e, err := p.contextEntry(ctx, v)
		if err != nil {
			return nil, wrap(op, err)
		}
		m["@context"] = e.copyContext()
	}
	return d, nil
}

// shallow returns a copy of a cached context for one use. json-gold, given a *ld.Context as a @context value, still
// writes the processing mode into its Values; the copy has its own Values and shares the term definitions and the
// inverse context, which json-gold only reads.
func shallow(c *ld.Context) *ld.Context {
	cp := *c
	v := *c.Values
	cp.Values = &v
	return &cp
}

func wrap(op string, err error) error {
	var je *ld.JsonLdError
	if errors.As(err, &je) {
		return &JSONLDError{Op: op, Code: string(je.Code), Err: err}
	}
	var le *LoadError
	if errors.As(err, &le) {
		return &JSONLDError{Op: op, Code: string(ld.LoadingRemoteContextFailed), Err: err}
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return &JSONLDError{Op: op, Code: "error", Err: err}
}

// guard turns a panic inside json-gold (it has some on malformed input, such as {"": 0}) into a *JSONLDError.
func guard(op string, err *error) {
	if v := recover(); v != nil {
		*err = &JSONLDError{Op: op, Code: "invalid input", Err: fmt.Errorf("json-gold failed: %v", v)}
	}
}

// Expand returns the expanded form of a JSON-LD document: every term replaced by its IRI, every value in an array.
func (p *Processor) Expand(ctx context.Context, doc []byte) (_ []any, err error) {
	defer guard("expand", &err)
	d, err := p.prepare(ctx, "expand", doc)
	if err != nil {
		return nil, err
	}
	out, err := ld.NewJsonLdProcessor().Expand(d, p.options(ctx))
	if err != nil {
		return nil, wrap("expand", err)
	}
	return out, nil
}

// Compact returns the document compacted with jsonldContext, a @context value (a URL string, an object or an
// array) or a document that has a @context member.
func (p *Processor) Compact(ctx context.Context, doc []byte, jsonldContext any) (_ map[string]any, err error) {
	defer guard("compact", &err)
	d, err := p.prepare(ctx, "compact", doc)
	if err != nil {
		return nil, err
	}
	if m, ok := jsonldContext.(map[string]any); ok {
		if inner, ok := m["@context"]; ok {
			jsonldContext = inner
		}
	}
	opts := p.options(ctx)
	expanded, err := ld.NewJsonLdProcessor().Expand(d, opts)
	if err != nil {
		return nil, wrap("compact", err)
	}
	e, err := p.contextEntry(ctx, jsonldContext)
	if err != nil {
		return nil, wrap("compact", err)
	}
	e.inverse.Do(func() {
		e.mu.Lock()
		e.c.GetInverse()
		e.mu.Unlock()
	})
	ac := e.copyContext()
	compacted, err := ld.NewJsonLdApi().Compact(ac, "", expanded, opts.CompactArrays)
	if err != nil {
		return nil, wrap("compact", err)
	}
	var out map[string]any
	switch c := compacted.(type) {
	case map[string]any:
		out = c
	case []any:
		// Several top-level nodes: the result is a @graph (under its alias, if the context has one).
		out = map[string]any{}
		if len(c) > 0 {
			alias, err := ac.CompactIri("@graph", nil, false, false)
			if err != nil {
				return nil, wrap("compact", err)
			}
			out[alias] = c
		}
	default:
		out = map[string]any{}
	}
	if len(out) > 0 {
		if s, ok := jsonldContext.([]any); ok && len(s) == 1 {
			out["@context"] = s[0]
		} else if m, ok := jsonldContext.(map[string]any); !ok || len(m) > 0 {
			out["@context"] = jsonldContext
		}
	}
	return out, nil
}

// Canonicalize returns the canonical form of a JSON-LD document: its RDF dataset as N-Quads, blank nodes labelled
// and lines ordered by the URDNA2015 algorithm (RDF Dataset Canonicalization). Two documents that say the same
// thing in different JSON (key order, compact or expanded, other term names) have the same canonical form.
//
// The output is byte for byte what json-gold's Normalize gives for the same document and contexts; only the
// processing of each context is done once per processor instead of once per call. The work is bounded as RDFC-1.0
// recommends against poison graphs: a graph whose blank nodes are too alike to tell apart in 50,000 steps of the
// hash N-degree quads algorithm (nine blank nodes all linked to each other, a chain of a few hundred) is refused
// with a *JSONLDError matching [ErrTooComplex], on either path.
func (p *Processor) Canonicalize(ctx context.Context, doc []byte) (_ []byte, err error) {
	defer guard("canonicalize", &err)
	p.init()
	if p.err != nil {
		return nil, p.err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := jsonwalk.CheckText(doc); err != nil {
		return nil, &JSONLDError{Op: "canonicalize", Code: "invalid JSON", Err: err}
	}
	nq, err := p.fastCanonicalize(p.topContext(ctx), doc)
	if err == nil {
		return nq, nil
	}
	if errors.Is(err, errWorkLimit) {
		return nil, &JSONLDError{Op: "canonicalize", Code: "work limit exceeded", Err: err}
	}
	// Anything the fast path does not handle, and every error, goes through json-gold, which gives the exact
	// result or error.
	return p.slowCanonicalize(ctx, doc)
}

// topContext returns the fast path's contextGetter: the cached processed context of a top-level object's @context.
// The values it hands to activeContext are copies, never substrings of the document.
func (p *Processor) topContext(ctx context.Context) contextGetter {
	return func(top *jv) (*ld.Context, error) {
		cv, ok := top.get("@context")
		if !ok || cv.kind == jNull {
			return p.empty, nil
		}
		if cv.kind == jStr {
			return p.fast.urlContext(cv.s, func(u string) (*ld.Context, error) { return p.activeContext(ctx, u) })
		}
		return p.activeContext(ctx, cv.toAny())
	}
}

// slowCanonicalize is Canonicalize through json-gold's Normalize, with the cached contexts.
func (p *Processor) slowCanonicalize(ctx context.Context, doc []byte) (_ []byte, err error) {
	defer guard("canonicalize", &err)
	d, err := p.prepare(ctx, "canonicalize", doc)
	if err != nil {
		return nil, err
	}
	// json-gold's Normalize in its two steps, with the work of the second estimated in between: its URDNA2015 has
	// no bound of its own.
	opts := p.options(ctx)
	toRDF := ld.NewJsonLdOptions(opts.Base)
	toRDF.ProcessingMode = opts.ProcessingMode
	toRDF.Format = ""
	toRDF.DocumentLoader = opts.DocumentLoader
	ds, err := ld.NewJsonLdProcessor().ToRDF(d, toRDF)
	if err != nil {
		return nil, wrap("canonicalize", err)
	}
	dataset, ok := ds.(*ld.RDFDataset)
	if !ok {
		return nil, &JSONLDError{Op: "canonicalize", Code: "error", Err: fmt.Errorf("json-gold returned %T, not a dataset", ds)}
	}
	if err := workCheck(dataset, p.workLimit()); err != nil {
		return nil, &JSONLDError{Op: "canonicalize", Code: "work limit exceeded", Err: err}
	}
	out, err := ld.NewJsonLdApi().Normalize(dataset, opts)
	if err != nil {
		return nil, wrap("canonicalize", err)
	}
	s, _ := out.(string)
	return []byte(s), nil
}

// Hash returns the content hash of a JSON-LD document: "sha256:" and the lower-case hexadecimal SHA-256 of its
// canonical N-Quads ([Processor.Canonicalize]).
func (p *Processor) Hash(ctx context.Context, doc []byte) (string, error) {
	nq, err := p.Canonicalize(ctx, doc)
	if err != nil {
		return "", err
	}
	return HashNQuads(nq), nil
}

// HashNQuads returns "sha256:" and the lower-case hexadecimal SHA-256 of canonical N-Quads.
func HashNQuads(nquads []byte) string {
	sum := sha256.Sum256(nquads)
	return "sha256:" + hex.EncodeToString(sum[:])
}
