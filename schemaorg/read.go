package schemaorg

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

// ErrNoResource is returned when the input holds no schema.org node that describes a resource.
var ErrNoResource = errors.New("schemaorg: no Dataset, CreativeWork or other resource node in the input")

// ReadError reports input that could not be read: not JSON, not JSON-LD, or an HTML page without a usable
// JSON-LD block. It wraps the cause.
type ReadError struct {
	Source string // "json" or "html"
	Err    error
}

// Error says what could not be read and why.
func (e *ReadError) Error() string { return "schemaorg: reading " + e.Source + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *ReadError) Unwrap() error { return e.Err }

var defaultProcessor Processor

// Read reads schema.org JSON-LD, or an HTML page that embeds it in <script type="application/ld+json"> elements,
// into a fair.Resource. The @context may be any of the schema.org URLs, an object, an array or absent; values may be
// strings, objects or arrays; nodes may sit in a @graph and refer to each other by @id. The main node is the first
// Dataset, or failing that the first node of another resource type (the tables in the package documentation).
//
// Nothing is dropped silently: notRead lists, in document order, every property and value of the main node (and of
// the nodes it embeds) that has no place in the record, with its path ("creator[1].legalName", other IRIs in full),
// its value shortened for reading and the reason.
//
// Read uses a processor with the embedded context and no network access. Contexts it cannot load (a remote URL
// other than schema.org's) are read as if they mapped every term to schema.org, and notRead says so; use
// [Processor.Read] with [WithRemoteContexts] or [WithContextDocument] to load them.
func Read(data []byte) (r *fair.Resource, notRead fair.Notes, err error) {
	return defaultProcessor.Read(context.Background(), data)
}

// Read is [Read] with this processor's contexts and loader.
func (p *Processor) Read(ctx context.Context, data []byte) (r *fair.Resource, notRead fair.Notes, err error) {
	var blocks [][]byte
	if IsHTML(data) {
		var err error
		blocks, err = ScriptBlocks(data)
		if err != nil {
			return nil, nil, &ReadError{Source: "html", Err: err}
		}
		if len(blocks) == 0 {
			return nil, nil, &ReadError{Source: "html", Err: errors.New(`no <script type="application/ld+json"> element`)}
		}
	} else {
		blocks = [][]byte{data}
	}
	var firstErr error
	for i, b := range blocks {
		exp, notes, err := p.expandLenient(ctx, b)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		rd := newReader(exp)
		main := rd.mainNode()
		if main == nil {
			continue
		}
		if len(blocks) > 1 {
			notRead.Add("", "", fmt.Sprintf("the record is JSON-LD block %d of %d; the other blocks are not read", i+1, len(blocks)))
		}
		notRead = append(notRead, notes...)
		res := rd.resource(main)
		notRead = append(notRead, rd.unmapped...)
		return res, notRead, nil
	}
	src := "json"
	if IsHTML(data) {
		src = "html"
	}
	if firstErr != nil {
		return nil, nil, &ReadError{Source: src, Err: firstErr}
	}
	return nil, nil, &ReadError{Source: src, Err: ErrNoResource}
}

// expandLenient expands a block; contexts the loader refuses are replaced by a schema.org vocabulary mapping.
func (p *Processor) expandLenient(ctx context.Context, data []byte) ([]any, fair.Notes, error) {
	exp, err := p.Expand(ctx, data)
	if err == nil {
		return exp, nil, nil
	}
	var le *LoadError
	if !errors.As(err, &le) {
		return nil, nil, err
	}
	d, derr := decodeJSON(data)
	if derr != nil {
		return nil, nil, err
	}
	var notes fair.Notes
	local := false
	replaced := replaceContexts(d, func(u string) bool {
		_, lerr := p.loaderFor().load(ctx, u)
		if lerr != nil && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
			local = true // never guess for paths and other schemes: the refusal stands
			return false
		}
		if lerr != nil {
			notes.Add("@context", u, fmt.Sprintf("not loaded (%s); its terms were read as schema.org terms", reasonOf(lerr)))
			return true
		}
		return false
	})
	if !replaced || local {
		return nil, nil, err
	}
	b, merr := jsonMarshal(d)
	if merr != nil {
		return nil, nil, err
	}
	exp, err = p.Expand(ctx, b)
	return exp, notes, err
}

func (p *Processor) loaderFor() *loader { p.init(); return p.loader }

func reasonOf(err error) string {
	var le *LoadError
	if errors.As(err, &le) {
		return le.Reason
	}
	return err.Error()
}

// replaceContexts replaces, in the @context values of d, every URL string refuse reports true for by a mapping of
// all terms to schema.org. It reports whether it replaced any.
func replaceContexts(d any, refuse func(string) bool) bool {
	replaced := false
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			if c, ok := x["@context"]; ok {
				items := asSlice(c)
				for i, it := range items {
					if s, ok := it.(string); ok && refuse(s) {
						items[i] = map[string]any{"@vocab": "http://schema.org/"}
						replaced = true
					}
				}
				if _, isList := c.([]any); isList {
					x["@context"] = items
				} else {
					x["@context"] = items[0]
				}
			}
			for k, e := range x {
				if k != "@context" {
					walk(e)
				}
			}
		}
	}
	walk(d)
	return replaced
}
