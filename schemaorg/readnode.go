package schemaorg

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

const (
	schemaHTTP  = "http://schema.org/"
	schemaHTTPS = "https://schema.org/"
)

// local returns the schema.org name of an expanded IRI ("http://schema.org/name" -> "name"), or "" when the IRI is
// not schema.org's.
func local(iri string) string {
	if strings.HasPrefix(iri, schemaHTTP) {
		return iri[len(schemaHTTP):]
	}
	if strings.HasPrefix(iri, schemaHTTPS) {
		return iri[len(schemaHTTPS):]
	}
	return ""
}

// displayName is how a property appears in report paths: its schema.org name, or its IRI.
func displayName(iri string) string {
	if l := local(iri); l != "" {
		return l
	}
	return iri
}

// reader walks expanded JSON-LD and collects what it cannot map.
type reader struct {
	top      []map[string]any
	byID     map[string]map[string]any
	unmapped fair.Notes
}

func newReader(exp []any) *reader {
	rd := &reader{byID: map[string]map[string]any{}}
	for _, v := range exp {
		if m, ok := v.(map[string]any); ok {
			rd.top = append(rd.top, m)
		}
	}
	// Index every node that says more than its @id, so that references ({"@id": ...}) can be followed.
	var index func(v any, depth int)
	index = func(v any, depth int) {
		if depth > 64 {
			return
		}
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				index(e, depth+1)
			}
		case map[string]any:
			if id, ok := x["@id"].(string); ok && len(x) > 1 {
				if _, seen := rd.byID[id]; !seen {
					rd.byID[id] = x
				}
			}
			for k, e := range x {
				if k != "@value" {
					index(e, depth+1)
				}
			}
		}
	}
	index(exp, 0)
	return rd
}

// deref returns the full node a bare reference ({"@id": ...}) points to, when the document has it.
func (rd *reader) deref(v any) any {
	if m, ok := v.(map[string]any); ok && len(m) == 1 {
		if id, ok := m["@id"].(string); ok {
			if full, ok := rd.byID[id]; ok {
				return full
			}
		}
	}
	return v
}

// generalOfNode returns the general type of a node's most specific known schema.org type.
func generalOfNode(m map[string]any) fair.ResourceTypeGeneral {
	var g fair.ResourceTypeGeneral
	for _, t := range types(m) {
		if x := generalOf(t); x != "" && (g == "" || g == fair.ResourceTypeOther) {
			g = x
		}
	}
	return g
}

// types returns the schema.org type names of a node (other IRIs in full).
func types(n map[string]any) []string {
	var out []string
	for _, t := range asSlice(n["@type"]) {
		if s, ok := t.(string); ok {
			out = append(out, displayName(s))
		}
	}
	return out
}

// mainNode picks the node the record describes: the first Dataset, else the first node of a resource type.
func (rd *reader) mainNode() map[string]any {
	for _, n := range rd.top {
		for _, t := range types(n) {
			if t == "Dataset" {
				return n
			}
		}
	}
	for _, n := range rd.top {
		for _, t := range types(n) {
			if generalOf(t) != "" {
				return n
			}
		}
	}
	return nil
}

// node is a view of an expanded node object that remembers which properties were read.
type node struct {
	m    map[string]any
	path string
	used map[string]bool
}

func (rd *reader) view(m map[string]any, path string) *node {
	// Follow a bare reference to the full node when the document has it.
	if id, ok := m["@id"].(string); ok && len(m) == 1 {
		if full, ok := rd.byID[id]; ok {
			m = full
		}
	}
	return &node{m: m, path: path, used: map[string]bool{"@id": true, "@type": true, "@index": true}}
}

// get returns the values of a schema.org property and marks it read.
func (n *node) get(name string) []any {
	var out []any
	for _, pre := range []string{schemaHTTP, schemaHTTPS} {
		if v, ok := n.m[pre+name]; ok {
			n.used[pre+name] = true
			out = append(out, asSlice(v)...)
		}
	}
	return out
}

func (n *node) id() string {
	s, _ := n.m["@id"].(string)
	if strings.HasPrefix(s, "_:") {
		return ""
	}
	return s
}

func (n *node) is(t ...string) bool {
	for _, have := range types(n.m) {
		for _, want := range t {
			if have == want {
				return true
			}
		}
	}
	return false
}

func (n *node) child(name string, i, count int) string {
	p := name
	if n.path != "" {
		p = n.path + "." + name
	}
	if count > 1 {
		p += "[" + strconv.Itoa(i) + "]"
	}
	return p
}

// done reports every property of n that was not read.
func (rd *reader) done(n *node) {
	keys := make([]string, 0, len(n.m))
	for k := range n.m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if n.used[k] {
			continue
		}
		if k == "@reverse" {
			rev, _ := n.m[k].(map[string]any)
			rk := make([]string, 0, len(rev))
			for p := range rev {
				rk = append(rk, p)
			}
			sort.Strings(rk)
			for _, p := range rk {
				if !n.used["@reverse "+p] {
					rd.skip(n.child("@reverse."+displayName(p), 0, 1), rev[p], "no fair.Resource field for this inverse relation")
				}
			}
			continue
		}
		reason := "no fair.Resource field for this property"
		if local(k) == "" && !strings.HasPrefix(k, "@") {
			reason = "not a schema.org property"
		}
		rd.skip(n.child(displayName(k), 0, 1), n.m[k], reason)
	}
}

func (rd *reader) skip(path string, v any, reason string) {
	rd.unmapped.Add(path, short(v), reason)
}

// short renders an expanded value compactly for a report.
func short(v any) string {
	var s string
	switch x := v.(type) {
	case []any:
		if len(x) == 1 {
			return short(x[0])
		}
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = short(e)
		}
		s = "[" + strings.Join(parts, ", ") + "]"
	case map[string]any:
		if val, ok := x["@value"]; ok {
			s = scalar(val)
		} else if id, ok := x["@id"].(string); ok && len(x) == 1 {
			s = "<" + id + ">"
		} else {
			ts := types(x)
			name := firstText(x[schemaHTTP+"name"])
			s = "{" + strings.Join(ts, ",")
			if name != "" {
				s += " " + strconv.Quote(name)
			}
			s += "}"
		}
	default:
		s = scalar(x)
	}
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return s
}

func scalar(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			return strconv.FormatInt(int64(x), 10)
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return "null"
	default:
		b, _ := jsonMarshal(x)
		return string(b)
	}
}

// textVal is a literal with its language.
type textVal struct{ s, lang string }

// literal returns the text of a value object or the IRI of a reference; ok is false for a node with properties.
func literal(v any) (textVal, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		return textVal{s: scalar(v)}, true
	}
	if val, ok := m["@value"]; ok {
		lang, _ := m["@language"].(string)
		return textVal{s: scalar(val), lang: tagCase(lang)}, true
	}
	if id, ok := m["@id"].(string); ok && len(m) == 1 {
		return textVal{s: id}, true
	}
	return textVal{}, false
}

func firstText(v any) string {
	for _, e := range asSlice(v) {
		if t, ok := literal(e); ok {
			return t.s
		}
	}
	return ""
}

// texts reads the literals of a property; nodes are reported unless named() gives them a text.
func (rd *reader) texts(n *node, name string) []textVal {
	vals := n.get(name)
	var out []textVal
	for i, v := range vals {
		if t, ok := literal(v); ok {
			if t.s != "" {
				out = append(out, t)
			}
			continue
		}
		// A node in place of text: use its name (a Language, a ComputerLanguage, a DefinedTerm).
		c := rd.view(v.(map[string]any), n.child(name, i, len(vals)))
		nm := c.get("name")
		if t, ok := first(nm); ok {
			out = append(out, t)
			c.get("alternateName")
			rd.done(c)
			continue
		}
		rd.skip(c.path, v, "expected text")
	}
	return out
}

func first(vals []any) (textVal, bool) {
	for _, v := range vals {
		if t, ok := literal(v); ok && t.s != "" {
			return t, true
		}
	}
	return textVal{}, false
}

func (rd *reader) text(n *node, name string) string {
	ts := rd.texts(n, name)
	if len(ts) == 0 {
		return ""
	}
	for _, extra := range ts[1:] {
		if extra.s != ts[0].s {
			rd.skip(n.child(name, 0, 1), extra.s, "only one value fits the record")
		}
	}
	return ts[0].s
}

// nodes returns the values of a property as node views (literals are returned as nil views with their text).
func (rd *reader) nodes(n *node, name string) (views []*node, lits []textVal) {
	vals := n.get(name)
	for i, v := range vals {
		m, ok := v.(map[string]any)
		if !ok {
			lits = append(lits, textVal{s: scalar(v)})
			continue
		}
		if _, isVal := m["@value"]; isVal {
			t, _ := literal(m)
			lits = append(lits, t)
			continue
		}
		views = append(views, rd.view(m, n.child(name, i, len(vals))))
	}
	return views, lits
}

// tagCase writes a BCP 47 language tag in its conventional case ("en-US", "zh-Hant-TW", "sr-Latn"): JSON-LD
// processing may lower-case the @language of values (json-gold does), and language tags are case-insensitive, so
// the reader gives back the form people and DataCite write.
func tagCase(tag string) string {
	parts := strings.Split(tag, "-")
	for i, p := range parts {
		switch {
		case i == 0:
			parts[i] = strings.ToLower(p)
		case len(parts[i-1]) == 1: // the subtags after a singleton (x-, u-, ...) keep lower case
			parts[i] = strings.ToLower(p)
			for j := i + 1; j < len(parts); j++ {
				parts[j] = strings.ToLower(parts[j])
			}
			return strings.Join(parts, "-")
		case len(p) == 2:
			parts[i] = strings.ToUpper(p)
		case len(p) == 4:
			parts[i] = strings.ToUpper(p[:1]) + strings.ToLower(p[1:])
		default:
			parts[i] = strings.ToLower(p)
		}
	}
	return strings.Join(parts, "-")
}
