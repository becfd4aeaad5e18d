package schemaorg

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
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
		return textVal{s: scalar(val), lang: lang}, true
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

func (rd *reader) resource(m map[string]any) *fair.Resource {
	r := &fair.Resource{}
	n := rd.view(m, "")
	rd.readType(n, r)
	rd.readIdentifiers(n, r)
	rd.readTitles(n, r)
	rd.readDescriptions(n, r)
	r.URL = rd.text(n, "url")
	r.Version = rd.text(n, "version")
	if r.Version == "" {
		r.Version = rd.text(n, "softwareVersion")
	}
	r.Language = rd.language(n)
	rd.readAgents(n, r)
	rd.readDates(n, r)
	rd.readKeywords(n, r)
	rd.readVariables(n, r)
	rd.readRights(n, r)
	for _, f := range rd.texts(n, "encodingFormat") {
		r.Formats = append(r.Formats, f.s)
	}
	for _, f := range rd.texts(n, "fileFormat") {
		r.Formats = append(r.Formats, f.s)
	}
	rd.readSizes(n, r)
	rd.readDistributions(n, r)
	rd.readPlaces(n, r)
	rd.readFunding(n, r)
	rd.readSoftware(n, r)
	rd.readRelations(n, r)
	rd.readArticlePages(n, r)
	rd.done(n)
	return r
}

// language reads inLanguage: a tag, or a Language node whose alternateName is the code.
func (rd *reader) language(n *node) string {
	vals := n.get("inLanguage")
	lang := ""
	for i, v := range vals {
		path := n.child("inLanguage", i, len(vals))
		var l string
		if t, ok := literal(v); ok {
			l = t.s
		} else {
			c := rd.view(v.(map[string]any), path)
			l = rd.text(c, "alternateName")
			if l == "" {
				l = rd.text(c, "name")
			} else {
				c.get("name")
			}
			rd.done(c)
		}
		if lang == "" {
			lang = l
		} else if l != lang {
			rd.skip(path, l, "only one language fits the record")
		}
	}
	return lang
}

func (rd *reader) readType(n *node, r *fair.Resource) {
	r.ResourceType.General = generalOfNode(n.m)
	if r.ResourceType.General == "" {
		r.ResourceType.General = fair.ResourceTypeOther
	}
	for _, a := range rd.texts(n, "additionalType") {
		if g, ok := fair.ParseResourceTypeGeneral(a.s); ok && string(g) == a.s && g != r.ResourceType.General {
			r.ResourceType.General = g
			continue
		}
		if r.ResourceType.Type == "" {
			r.ResourceType.Type = a.s
		} else {
			rd.skip(n.child("additionalType", 0, 1), a.s, "only one specific type fits the record")
		}
	}
}

// pidOf reads an identifier node or literal: (value, scheme).
func (rd *reader) pidOf(v any, path string) (value, scheme string) {
	if t, ok := literal(v); ok {
		if p, err := fair.DetectPID(t.s); err == nil {
			return p.Value, string(p.Scheme)
		}
		return t.s, ""
	}
	c := rd.view(v.(map[string]any), path)
	value = rd.text(c, "value")
	scheme = rd.text(c, "propertyID")
	u := rd.text(c, "url")
	c.get("name")
	if value == "" {
		value = u
	}
	if value == "" {
		value = c.id()
	}
	if scheme == "" {
		if p, err := fair.DetectPID(value); err == nil {
			value, scheme = p.Value, string(p.Scheme)
		}
	}
	rd.done(c)
	return value, scheme
}

func (rd *reader) readIdentifiers(n *node, r *fair.Resource) {
	if id := n.id(); id != "" {
		if p, err := fair.ParseDOI(id); err == nil {
			r.Identifier = fair.Identifier{Value: p.Value, Type: "DOI"}
		}
	}
	vals := n.get("identifier")
	for i, v := range vals {
		val, scheme := rd.pidOf(v, n.child("identifier", i, len(vals)))
		if val == "" {
			continue
		}
		if scheme == "DOI" {
			if p, err := fair.ParseDOI(val); err == nil {
				val = p.Value
			}
		}
		id := fair.Identifier{Value: val, Type: scheme}
		switch {
		case r.Identifier.Value == "":
			r.Identifier = id
		case strings.EqualFold(r.Identifier.Value, val):
		default:
			r.AlternateIdentifiers = append(r.AlternateIdentifiers, id)
		}
	}
	if r.Identifier.Value == "" {
		if id := n.id(); id != "" && !strings.HasPrefix(id, "./") && !strings.HasPrefix(id, "#") {
			if p, err := fair.DetectPID(id); err == nil {
				r.Identifier = fair.Identifier{Value: p.Value, Type: string(p.Scheme)}
			}
		}
	}
}

func (rd *reader) readTitles(n *node, r *fair.Resource) {
	names := rd.texts(n, "name")
	heads := rd.texts(n, "headline")
	for i, t := range append(names, heads...) {
		typ := fair.TitleType("")
		if i > 0 {
			if t.s == r.Titles[0].Title {
				continue
			}
			typ = fair.TitleAlternativeTitle
		}
		r.Titles = append(r.Titles, fair.Title{Title: t.s, Type: typ, Lang: t.lang})
	}
	for _, t := range rd.texts(n, "alternateName") {
		r.Titles = append(r.Titles, fair.Title{Title: t.s, Type: fair.TitleAlternativeTitle, Lang: t.lang})
	}
	for _, t := range rd.texts(n, "alternativeHeadline") {
		r.Titles = append(r.Titles, fair.Title{Title: t.s, Type: fair.TitleSubtitle, Lang: t.lang})
	}
}

func (rd *reader) readDescriptions(n *node, r *fair.Resource) {
	seen := map[string]bool{}
	add := func(name string, typ fair.DescriptionType) {
		for _, t := range rd.texts(n, name) {
			if seen[t.s] {
				continue
			}
			seen[t.s] = true
			r.Descriptions = append(r.Descriptions, fair.Description{Description: t.s, Type: typ, Lang: t.lang})
		}
	}
	add("description", fair.DescriptionAbstract)
	add("abstract", fair.DescriptionAbstract)
	add("measurementTechnique", fair.DescriptionMethods)
	add("measurementMethod", fair.DescriptionMethods)
	add("disambiguatingDescription", fair.DescriptionOther)
	add("comment", fair.DescriptionOther)
}

// agent reads a Person or Organization node (or a name).
func (rd *reader) agent(v any, path string) (fair.Creator, bool) {
	v = rd.deref(v)
	if t, ok := literal(v); ok {
		if strings.Contains(t.s, "://") {
			return fair.Creator{}, false
		}
		return fair.Creator{Name: t.s}, t.s != ""
	}
	c := rd.view(v.(map[string]any), path)
	var out fair.Creator
	switch {
	case c.is("Person"):
		out.NameType = fair.NamePersonal
	case c.is("Organization", "ResearchOrganization", "CollegeOrUniversity", "GovernmentOrganization", "Consortium", "NGO", "Corporation", "FundingAgency"):
		out.NameType = fair.NameOrganizational
	}
	out.Name = rd.text(c, "name")
	out.Alias = rd.text(c, "alternateName")
	out.GivenName = rd.text(c, "givenName")
	out.FamilyName = rd.text(c, "familyName")
	if out.Name == "" {
		out.Name = strings.TrimSuffix(out.FamilyName+", "+out.GivenName, ", ")
		out.Name = strings.TrimPrefix(out.Name, ", ")
	}
	if out.Name == "" {
		out.Name = rd.text(c, "legalName")
	}
	out.Email = strings.TrimPrefix(rd.text(c, "email"), "mailto:")
	out.Website = rd.text(c, "url")
	seen := map[string]bool{}
	addID := func(val, scheme string) {
		if val == "" || seen[val] {
			return
		}
		seen[val] = true
		ni := fair.NameIdentifier{Value: val, Scheme: scheme}
		switch scheme {
		case "ORCID":
			ni.Value, ni.SchemeURI = "https://orcid.org/"+val, "https://orcid.org"
		case "ROR":
			ni.SchemeURI = "https://ror.org"
		case "ISNI":
			ni.SchemeURI = "https://isni.org"
		}
		out.NameIdentifiers = append(out.NameIdentifiers, ni)
	}
	if id := c.id(); id != "" {
		if p, err := fair.DetectPID(id); err == nil && (p.Scheme == fair.SchemeORCID || p.Scheme == fair.SchemeROR || p.Scheme == fair.SchemeISNI) {
			addID(p.Value, string(p.Scheme))
		}
	}
	same := c.get("sameAs")
	for i, s := range same {
		val, scheme := rd.pidOf(s, c.child("sameAs", i, len(same)))
		switch scheme {
		case "ORCID", "ROR", "ISNI":
			addID(val, scheme)
		default:
			if out.Website == "" {
				out.Website = val
			} else if val != out.Website {
				rd.skip(c.child("sameAs", i, len(same)), val, "only ORCID, ROR and ISNI identifiers and one web site fit the record")
			}
		}
	}
	ids := c.get("identifier")
	for i, s := range ids {
		val, scheme := rd.pidOf(s, c.child("identifier", i, len(ids)))
		addID(val, scheme)
	}
	affs := c.get("affiliation")
	for i, a := range affs {
		if af, ok := rd.affiliation(a, c.child("affiliation", i, len(affs))); ok {
			out.Affiliations = append(out.Affiliations, af)
		}
	}
	if out.NameType == "" && (out.GivenName != "" || out.FamilyName != "") {
		out.NameType = fair.NamePersonal
	}
	rd.done(c)
	return out, out.Name != "" || len(out.NameIdentifiers) > 0
}

// org reads an organisation: name and identifier (ROR first). Its other identifiers have no place in a publisher
// or funder and are reported.
func (rd *reader) org(v any, path string) (name, id, scheme string) {
	name, id, scheme, others := rd.orgIDs(v, path)
	for _, o := range others {
		rd.skip(o.path, o.Value, "only one identifier of an organisation fits the record")
	}
	return name, id, scheme
}

// pathID is an identifier and where it was read.
type pathID struct {
	fair.NameIdentifier
	path string
}

// orgIDs reads an organisation: name, its identifier (ROR first) and its other identifiers in order.
func (rd *reader) orgIDs(v any, path string) (name, id, scheme string, others []pathID) {
	v = rd.deref(v)
	if t, ok := literal(v); ok {
		if strings.Contains(t.s, "://") {
			if p, err := fair.DetectPID(t.s); err == nil {
				return "", p.Value, string(p.Scheme), nil
			}
		}
		return t.s, "", "", nil
	}
	c := rd.view(v.(map[string]any), path)
	name = rd.text(c, "name")
	if name == "" {
		name = rd.text(c, "legalName")
	}
	idPath := c.path
	consider := func(val, sch, p string) {
		switch {
		case val == "" || val == id:
		case id == "":
			id, scheme, idPath = val, sch, p
		case sch == "ROR" && scheme != "ROR":
			others = append(others, pathID{fair.NameIdentifier{Value: id, Scheme: scheme}, idPath})
			id, scheme, idPath = val, sch, p
		default:
			for _, o := range others {
				if o.Value == val {
					return
				}
			}
			others = append(others, pathID{fair.NameIdentifier{Value: val, Scheme: sch}, p})
		}
	}
	if i := c.id(); i != "" {
		if p, err := fair.DetectPID(i); err == nil {
			consider(p.Value, string(p.Scheme), c.path+".@id")
		}
	}
	for _, key := range []string{"sameAs", "identifier"} {
		vals := c.get(key)
		for i, s := range vals {
			p := c.child(key, i, len(vals))
			val, sch := rd.pidOf(s, p)
			consider(val, sch, p)
		}
	}
	rd.done(c)
	return name, id, scheme, others
}

func schemeURI(scheme string) string {
	switch scheme {
	case "ROR":
		return "https://ror.org"
	case "ORCID":
		return "https://orcid.org"
	case "ISNI":
		return "https://isni.org"
	}
	return ""
}

func (rd *reader) affiliation(v any, path string) (fair.Affiliation, bool) {
	name, id, scheme, others := rd.orgIDs(v, path)
	a := fair.Affiliation{Name: name, Identifier: id, IdentifierScheme: scheme, SchemeURI: schemeURI(scheme)}
	for _, o := range others {
		a.OtherIdentifiers = append(a.OtherIdentifiers, o.NameIdentifier)
	}
	return a, name != "" || id != ""
}

func sameCreator(a, b fair.Creator) bool {
	if a.Name != b.Name {
		return false
	}
	if len(a.NameIdentifiers) > 0 && len(b.NameIdentifiers) > 0 {
		return a.NameIdentifiers[0].Value == b.NameIdentifiers[0].Value
	}
	return true
}

func (rd *reader) readAgents(n *node, r *fair.Resource) {
	fromCreator := 0 // the creators read from creator; author often repeats them, but a list may name a person twice
	for _, prop := range []string{"creator", "author"} {
		vals := n.get(prop)
		for i, v := range vals {
			c, ok := rd.agent(v, n.child(prop, i, len(vals)))
			if !ok {
				rd.skip(n.child(prop, i, len(vals)), v, "not a person or organisation")
				continue
			}
			dup := false
			for _, have := range r.Creators[:fromCreator] {
				if sameCreator(have, c) {
					dup = true
				}
			}
			if !dup {
				r.Creators = append(r.Creators, c)
			}
		}
		if prop == "creator" {
			fromCreator = len(r.Creators)
		}
	}
	typed := []struct {
		prop string
		typ  fair.ContributorType
	}{
		{"editor", fair.ContributorEditor}, {"producer", fair.ContributorProducer}, {"translator", fair.ContributorTranslator},
		{"sponsor", fair.ContributorSponsor}, {"copyrightHolder", fair.ContributorRightsHolder},
		{"maintainer", fair.ContributorContactPerson}, {"provider", fair.ContributorHostingInstitution},
		{"contributor", fair.ContributorOther},
	}
	for _, tp := range typed {
		vals := n.get(tp.prop)
		for i, v := range vals {
			path := n.child(tp.prop, i, len(vals))
			typ := tp.typ
			if m, ok := v.(map[string]any); ok {
				role := rd.view(m, path)
				if role.is("Role", "OrganizationRole", "PerformanceRole") {
					if rn := rd.text(role, "roleName"); rn != "" {
						if ct, ok := fair.ParseContributorType(rn); ok {
							typ = ct
						} else {
							rd.skip(path+".roleName", rn, "not a DataCite contributorType")
						}
					}
					inner := role.get(tp.prop)
					rd.done(role)
					if len(inner) == 0 {
						continue
					}
					v = inner[0]
				}
			}
			c, ok := rd.agent(v, path)
			if !ok {
				rd.skip(path, v, "not a person or organisation")
				continue
			}
			r.Contributors = append(r.Contributors, fair.Contributor{Creator: c, ContributorType: typ})
		}
	}
	pubs := n.get("publisher")
	for i, v := range pubs {
		name, id, scheme := rd.org(v, n.child("publisher", i, len(pubs)))
		if i > 0 {
			rd.skip(n.child("publisher", i, len(pubs)), v, "only one publisher fits the record")
			continue
		}
		r.Publisher = fair.Publisher{Name: name, Identifier: id, IdentifierScheme: scheme, SchemeURI: schemeURI(scheme)}
	}
	cats := n.get("includedInDataCatalog")
	for i, v := range cats {
		path := n.child("includedInDataCatalog", i, len(cats))
		name, id, scheme := rd.org(v, path)
		switch {
		case r.Publisher.Name == "" && r.Publisher.Identifier == "":
			r.Publisher = fair.Publisher{Name: name, Identifier: id, IdentifierScheme: scheme, SchemeURI: schemeURI(scheme)}
		case name == r.Publisher.Name:
		default:
			r.Contributors = append(r.Contributors, fair.Contributor{ContributorType: fair.ContributorHostingInstitution,
				Creator: fair.Creator{Name: name, NameType: fair.NameOrganizational}})
		}
	}
	// The provider is often the publisher again, by reference.
	var kept []fair.Contributor
	for _, c := range r.Contributors {
		if c.ContributorType == fair.ContributorHostingInstitution && c.Name == r.Publisher.Name {
			continue
		}
		kept = append(kept, c)
	}
	r.Contributors = kept
}

func (rd *reader) readDates(n *node, r *fair.Resource) {
	pub := rd.texts(n, "datePublished")
	for i, d := range pub {
		if i > 0 {
			rd.skip(n.child("datePublished", i, len(pub)), d.s, "only one publication date fits the record")
			continue
		}
		if y, err := strconv.Atoi(d.s[:min(4, len(d.s))]); err == nil && len(d.s) >= 4 {
			r.PublicationYear = y
		}
		if len(d.s) > 4 {
			r.Dates = append(r.Dates, fair.Date{Date: d.s, Type: fair.DateIssued})
		}
	}
	for _, dp := range dateProperties[1:] {
		for _, d := range rd.texts(n, dp.property) {
			r.Dates = append(r.Dates, fair.Date{Date: d.s, Type: dp.typ})
		}
	}
	for _, d := range rd.texts(n, "copyrightYear") {
		r.Dates = append(r.Dates, fair.Date{Date: d.s, Type: fair.DateCopyrighted})
	}
}

// readVariables reads variableMeasured: names, or PropertyValue nodes with a unit and a property ID.
func (rd *reader) readVariables(n *node, r *fair.Resource) {
	vals := n.get("variableMeasured")
	for i, v := range vals {
		if t, ok := literal(v); ok {
			if t.s != "" {
				r.Variables = append(r.Variables, fair.Variable{Name: t.s})
			}
			continue
		}
		c := rd.view(v.(map[string]any), n.child("variableMeasured", i, len(vals)))
		c.get("@type")
		va := fair.Variable{Name: rd.text(c, "name"), Description: rd.text(c, "description"),
			Unit: rd.text(c, "unitText"), PropertyID: rd.text(c, "propertyID")}
		if va.Name == "" {
			va.Name = rd.text(c, "value")
		}
		r.Variables = append(r.Variables, va)
		rd.done(c)
	}
}

func (rd *reader) readKeywords(n *node, r *fair.Resource) {
	vals := n.get("keywords")
	for i, v := range vals {
		if t, ok := literal(v); ok {
			if len(vals) == 1 && strings.Contains(t.s, ",") {
				for _, k := range strings.Split(t.s, ",") {
					if k = strings.TrimSpace(k); k != "" {
						r.Keywords = append(r.Keywords, k)
					}
				}
				continue
			}
			if t.s != "" {
				r.Keywords = append(r.Keywords, t.s)
			}
			continue
		}
		c := rd.view(v.(map[string]any), n.child("keywords", i, len(vals)))
		r.Subjects = append(r.Subjects, rd.subject(c))
	}
}

func (rd *reader) subject(c *node) fair.Subject {
	var s fair.Subject
	if t, ok := first(c.get("name")); ok {
		s.Subject, s.Lang = t.s, t.lang
	}
	s.ClassificationCode = rd.text(c, "termCode")
	s.ValueURI = rd.text(c, "url")
	if s.ValueURI == "" {
		s.ValueURI = c.id()
	}
	sets := c.get("inDefinedTermSet")
	for _, v := range sets {
		if t, ok := literal(v); ok {
			if strings.Contains(t.s, "://") {
				s.SchemeURI = t.s
			} else {
				s.Scheme = t.s
			}
			continue
		}
		set := rd.view(v.(map[string]any), c.child("inDefinedTermSet", 0, 1))
		s.Scheme = rd.text(set, "name")
		s.SchemeURI = rd.text(set, "url")
		if s.SchemeURI == "" {
			s.SchemeURI = set.id()
		}
		rd.done(set)
	}
	rd.done(c)
	return s
}

func (rd *reader) readRights(n *node, r *fair.Resource) {
	vals := n.get("license")
	for i, v := range vals {
		var rt fair.Rights
		if t, ok := literal(v); ok {
			if strings.Contains(t.s, "://") {
				rt.URI = t.s
			} else {
				rt.Rights = t.s
			}
		} else {
			c := rd.view(v.(map[string]any), n.child("license", i, len(vals)))
			if t, ok := first(c.get("name")); ok {
				rt.Rights, rt.Lang = t.s, t.lang
			}
			rt.URI = rd.text(c, "url")
			if rt.URI == "" {
				rt.URI = c.id()
			}
			if rt.URI == "" {
				rt.URI = rd.text(c, "license") // Dryad nests the licence URL in the licence
			}
			ids := c.get("identifier")
			for j, idv := range ids {
				val, scheme := rd.pidOf(idv, c.child("identifier", j, len(ids)))
				if rt.Identifier == "" {
					rt.Identifier, rt.IdentifierScheme = val, scheme
				}
			}
			rd.done(c)
		}
		if rt.Identifier == "" {
			if id, ok := strings.CutPrefix(rt.URI, "https://spdx.org/licenses/"); ok {
				rt.Identifier, rt.IdentifierScheme = strings.TrimSuffix(strings.TrimSuffix(id, ".html"), ".json"), "SPDX"
			}
		}
		if rt.IdentifierScheme == "SPDX" {
			rt.SchemeURI = "https://spdx.org/licenses/"
		}
		r.Rights = append(r.Rights, rt)
	}
	for _, v := range rd.texts(n, "isAccessibleForFree") {
		switch v.s {
		case "true":
			r.AccessRights = fair.AccessOpen
		case "false":
			r.AccessRights = fair.AccessRestricted
		}
	}
	r.AccessConditions = rd.text(n, "conditionsOfAccess")
}

func (rd *reader) readSizes(n *node, r *fair.Resource) {
	seen := map[string]bool{}
	for _, prop := range []string{"size", "contentSize"} {
		vals := n.get(prop)
		for i, v := range vals {
			var s string
			if t, ok := literal(v); ok {
				s = t.s
			} else {
				c := rd.view(v.(map[string]any), n.child(prop, i, len(vals)))
				s = strings.TrimSpace(rd.text(c, "value") + " " + rd.text(c, "unitText"))
				c.get("unitCode")
				if s == "" {
					s = rd.text(c, "name")
				}
				rd.done(c)
			}
			if s != "" && !seen[s] {
				seen[s] = true
				r.Sizes = append(r.Sizes, s)
			}
		}
	}
}

// parseBytes reads a content size such as "6442450944 B", "117743", "12.5 MB" or "3 KiB" as bytes.
func parseBytes(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.') {
		i++
	}
	num, err := strconv.ParseFloat(s[:i], 64)
	if err != nil || num < 0 {
		return 0, false
	}
	unit := strings.ToLower(strings.TrimSpace(s[i:]))
	mult := map[string]float64{"": 1, "b": 1, "byte": 1, "bytes": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
		"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40, "mbytes": 1e6, "kbytes": 1e3, "gbytes": 1e9}[unit]
	if mult == 0 {
		return 0, false
	}
	v := num * mult
	if v > math.MaxInt64/2 {
		return 0, false
	}
	return int64(math.Round(v)), true
}

func (rd *reader) readDistributions(n *node, r *fair.Resource) {
	vals := n.get("distribution")
	for i, v := range vals {
		path := n.child("distribution", i, len(vals))
		if t, ok := literal(v); ok {
			r.Distributions = append(r.Distributions, fair.Distribution{ContentURL: t.s})
			continue
		}
		c := rd.view(v.(map[string]any), path)
		var d fair.Distribution
		d.Name = rd.text(c, "name")
		d.ContentURL = rd.text(c, "contentUrl")
		if d.ContentURL == "" {
			d.ContentURL = rd.text(c, "url")
		}
		d.MediaType = rd.text(c, "encodingFormat")
		if d.MediaType == "" {
			d.MediaType = rd.text(c, "fileFormat")
		}
		if cs := rd.text(c, "contentSize"); cs != "" {
			if b, ok := parseBytes(cs); ok {
				d.Size = b
			} else {
				rd.skip(path+".contentSize", cs, "not a size in bytes")
			}
		}
		if h := rd.text(c, "sha256"); h != "" {
			d.Checksum = fair.Checksum{Algorithm: "sha256", Value: strings.ToLower(h)}
		} else if h, ok := c.m["http://mlcommons.org/croissant/md5"]; ok {
			c.used["http://mlcommons.org/croissant/md5"] = true
			d.Checksum = fair.Checksum{Algorithm: "md5", Value: strings.ToLower(firstText(h))}
		}
		if d.ContentURL == "" {
			rd.skip(path, v, "a distribution without contentUrl (a Croissant FileSet?) has no place in the record")
			continue
		}
		rd.done(c)
		r.Distributions = append(r.Distributions, d)
	}
	// Dryad and others put contentUrl on the dataset itself.
	for _, u := range rd.texts(n, "contentUrl") {
		r.Distributions = append(r.Distributions, fair.Distribution{ContentURL: u.s})
	}
}

func parseFloats(s string) ([]float64, bool) {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == '\t' || r == '\n' })
	out := make([]float64, len(f))
	for i, x := range f {
		v, err := strconv.ParseFloat(x, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, false
		}
		out[i] = v
	}
	return out, true
}

func (rd *reader) readPlaces(n *node, r *fair.Resource) {
	for _, prop := range []string{"spatialCoverage", "spatial", "locationCreated", "contentLocation"} {
		vals := n.get(prop)
		for i, v := range vals {
			path := n.child(prop, i, len(vals))
			if t, ok := literal(v); ok {
				r.GeoLocations = append(r.GeoLocations, fair.GeoLocation{Place: t.s})
				continue
			}
			c := rd.view(v.(map[string]any), path)
			var g fair.GeoLocation
			g.Place = rd.text(c, "name")
			if g.Place == "" {
				g.Place = rd.text(c, "address")
			}
			geos := c.get("geo")
			for j, gv := range geos {
				gp := c.child("geo", j, len(geos))
				gm, ok := gv.(map[string]any)
				if !ok {
					rd.skip(gp, gv, "expected GeoCoordinates or GeoShape")
					continue
				}
				gn := rd.view(gm, gp)
				rd.geo(gn, &g)
				rd.done(gn)
			}
			rd.done(c)
			if g.Place != "" || g.Point != nil || g.Box != nil || len(g.Polygons) > 0 {
				r.GeoLocations = append(r.GeoLocations, g)
			}
		}
	}
}

func (rd *reader) geo(gn *node, g *fair.GeoLocation) {
	lat, lon := rd.text(gn, "latitude"), rd.text(gn, "longitude")
	if lat != "" || lon != "" {
		la, err1 := strconv.ParseFloat(lat, 64)
		lo, err2 := strconv.ParseFloat(lon, 64)
		if err1 != nil || err2 != nil || math.Abs(la) > 90 || math.Abs(lo) > 180 {
			rd.skip(gn.path, lat+" "+lon, "not a latitude and longitude in degrees")
		} else {
			g.Point = &fair.GeoPoint{Latitude: la, Longitude: lo}
		}
	}
	if b := rd.text(gn, "box"); b != "" {
		f, ok := parseFloats(b)
		if !ok || len(f) != 4 {
			rd.skip(gn.path+".box", b, `expected "south west north east"`)
		} else {
			g.Box = &fair.GeoBox{SouthLatitude: f[0], WestLongitude: f[1], NorthLatitude: f[2], EastLongitude: f[3]}
		}
	}
	for _, p := range rd.texts(gn, "polygon") {
		f, ok := parseFloats(p.s)
		if !ok || len(f)%2 != 0 || len(f) < 8 {
			rd.skip(gn.path+".polygon", p.s, "expected four or more latitude longitude pairs")
			continue
		}
		var poly fair.GeoPolygon
		for k := 0; k < len(f); k += 2 {
			poly.Points = append(poly.Points, fair.GeoPoint{Latitude: f[k], Longitude: f[k+1]})
		}
		g.Polygons = append(g.Polygons, poly)
	}
}

func (rd *reader) funder(v any, path string) fair.FundingReference {
	name, id, scheme := rd.org(v, path)
	f := fair.FundingReference{FunderName: name, FunderIdentifier: id}
	if id != "" {
		if t, ok := fair.ParseFunderIdentifierType(scheme); ok {
			f.FunderIdentifierType = t
		} else if scheme == "ROR" {
			f.FunderIdentifierType = fair.FunderROR
		} else if strings.Contains(id, "10.13039/") {
			f.FunderIdentifierType = fair.FunderCrossrefFunderID
		} else {
			f.FunderIdentifierType = fair.FunderOther
		}
	}
	return f
}

func (rd *reader) readFunding(n *node, r *fair.Resource) {
	var grants []fair.FundingReference
	vals := n.get("funding")
	for i, v := range vals {
		path := n.child("funding", i, len(vals))
		m, ok := v.(map[string]any)
		if !ok {
			rd.skip(path, v, "expected a Grant")
			continue
		}
		c := rd.view(m, path)
		var f fair.FundingReference
		fs := c.get("funder")
		if len(fs) == 0 {
			fs = c.get("sponsor")
		}
		for j, fv := range fs {
			if j == 0 {
				f = rd.funder(fv, c.child("funder", j, len(fs)))
			} else {
				rd.skip(c.child("funder", j, len(fs)), fv, "one funder per award fits the record")
			}
		}
		f.AwardNumber = rd.text(c, "identifier")
		f.AwardTitle = rd.text(c, "name")
		f.AwardURI = rd.text(c, "url")
		if f.AwardURI == "" {
			f.AwardURI = c.id()
		}
		rd.done(c)
		grants = append(grants, f)
	}
	fs := n.get("funder")
	for i, v := range fs {
		f := rd.funder(v, n.child("funder", i, len(fs)))
		covered := false
		for _, g := range grants {
			if g.FunderName == f.FunderName && g.FunderIdentifier == f.FunderIdentifier {
				covered = true
			}
		}
		if !covered {
			r.FundingReferences = append(r.FundingReferences, f)
		}
	}
	r.FundingReferences = append(r.FundingReferences, grants...)
}

func (rd *reader) readSoftware(n *node, r *fair.Resource) {
	s := &r.Software
	s.CodeRepository = rd.text(n, "codeRepository")
	for _, t := range rd.texts(n, "programmingLanguage") {
		s.ProgrammingLanguages = append(s.ProgrammingLanguages, t.s)
	}
	for _, t := range rd.texts(n, "runtimePlatform") {
		s.RuntimePlatforms = append(s.RuntimePlatforms, t.s)
	}
	for _, t := range rd.texts(n, "operatingSystem") {
		s.OperatingSystems = append(s.OperatingSystems, t.s)
	}
	vals := n.get("softwareRequirements")
	for i, v := range vals {
		if t, ok := literal(v); ok {
			s.Requirements = append(s.Requirements, fair.Requirement{Name: t.s})
			continue
		}
		c := rd.view(v.(map[string]any), n.child("softwareRequirements", i, len(vals)))
		q := fair.Requirement{Name: rd.text(c, "name"), Version: rd.text(c, "softwareVersion")}
		if q.Version == "" {
			q.Version = rd.text(c, "version")
		}
		q.Identifier = rd.text(c, "identifier")
		if q.Identifier == "" {
			q.Identifier = c.id()
		}
		rd.done(c)
		s.Requirements = append(s.Requirements, q)
	}
}

// relationProps are the properties the reader takes relations from, with the relation a plain value means.
var relationProps = func() []string {
	seen := map[string]bool{}
	var out []string
	for _, row := range relTable {
		if row.property != "" && !row.reverse && !seen[row.property] {
			seen[row.property] = true
			out = append(out, row.property)
		}
	}
	return append(out, "isRelatedTo")
}()

func (rd *reader) readRelations(n *node, r *fair.Resource) {
	for _, prop := range relationProps {
		vals := n.get(prop)
		rel, _ := primaryRelation(prop, false)
		if prop == "isRelatedTo" {
			rel = fair.RelOther
		}
		for i, v := range vals {
			rd.relation(r, v, n.child(prop, i, len(vals)), prop, rel)
		}
	}
	rev, _ := n.m["@reverse"].(map[string]any)
	if rev == nil {
		return
	}
	n.used["@reverse"] = len(rev) == 0
	allUsed := true
	for p, v := range rev {
		if local(p) == "workFeatured" {
			n.used["@reverse "+p] = true
			vals := asSlice(v)
			for i, e := range vals {
				rd.event(r, e, n.child("@reverse.workFeatured", i, len(vals)))
			}
			continue
		}
		rel, ok := primaryRelation(local(p), true)
		if local(p) == "" || !ok {
			allUsed = false
			continue
		}
		n.used["@reverse "+p] = true
		vals := asSlice(v)
		for i, e := range vals {
			rd.relation(r, e, n.child("@reverse."+local(p), i, len(vals)), local(p), rel)
		}
	}
	if allUsed {
		n.used["@reverse"] = true
	}
}

// relation reads one related resource: a plain identifier, a reference, a full description or a Role around one.
func (rd *reader) relation(r *fair.Resource, v any, path, prop string, rel fair.RelationType) {
	info := ""
	v = rd.deref(v)
	if m, ok := v.(map[string]any); ok && prop == "isPartOf" {
		if c := rd.view(m, path); c.is("PublicationIssue", "PublicationVolume", "Periodical") {
			rd.periodical(r, c)
			return
		}
	}
	if m, ok := v.(map[string]any); ok {
		role := rd.view(m, path)
		if role.is("Role") {
			if rn := rd.text(role, "roleName"); rn != "" {
				if rt, ok := fair.ParseRelationType(rn); ok {
					rel = rt
				} else {
					rd.skip(path+".roleName", rn, "not a DataCite relationType")
				}
			}
			info = rd.text(role, "description")
			inner := role.get(prop)
			rd.done(role)
			if len(inner) == 0 {
				return
			}
			v = rd.deref(inner[0])
		}
	}
	if t, ok := literal(v); ok {
		if p, err := fair.DetectPID(t.s); err == nil {
			r.RelatedIdentifiers = append(r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: p.Value,
				IdentifierType: idType(p.Scheme), RelationType: rel, RelationTypeInformation: info})
			return
		}
		if rel == fair.RelCites || rel == fair.RelReferences {
			// A citation written out as text.
			r.References = append(r.References, fair.RelatedItem{Type: fair.ResourceTypeText, RelationType: rel,
				Titles: []fair.Title{{Title: t.s}}, RelationTypeInformation: info})
			return
		}
		rd.skip(path, t.s, "neither an identifier nor a description of the related resource")
		return
	}
	c := rd.view(v.(map[string]any), path)
	general := generalOfNode(c.m)
	for _, a := range rd.texts(c, "additionalType") {
		if g, ok := fair.ParseResourceTypeGeneral(a.s); ok && string(g) == a.s {
			general = g
		} else {
			rd.skip(c.path+".additionalType", a.s, "a related resource has no specific type in the record")
		}
	}
	var idv string
	var idt fair.RelatedIdentifierType
	ids := c.get("identifier")
	for i, e := range ids {
		val, scheme := rd.pidOf(e, c.child("identifier", i, len(ids)))
		if idv == "" && val != "" {
			idv = val
			if t, ok := fair.ParseRelatedIdentifierType(scheme); ok {
				idt = t
			} else {
				idt = idType(fair.Scheme(scheme))
			}
		}
	}
	if idv == "" {
		for _, cand := range []string{c.id(), rd.text(c, "url")} {
			if p, err := fair.DetectPID(cand); err == nil && cand != "" {
				idv, idt = p.Value, idType(p.Scheme)
				break
			}
		}
	} else {
		c.get("url")
	}
	full := false
	for _, p := range []string{"name", "headline", "creator", "author", "volumeNumber", "issueNumber", "pageStart", "pageEnd", "position"} {
		if _, ok := c.m[schemaHTTP+p]; ok {
			full = true
		} else if _, ok := c.m[schemaHTTPS+p]; ok {
			full = true
		}
	}
	if !full {
		rd.done(c)
		if idv == "" {
			rd.skip(path, v, "a related resource without identifier or description")
			return
		}
		r.RelatedIdentifiers = append(r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: idv, IdentifierType: idt,
			RelationType: rel, ResourceTypeGeneral: general, RelationTypeInformation: info})
		return
	}
	it := fair.RelatedItem{Type: general, RelationType: rel, RelationTypeInformation: info,
		Identifier: fair.RelatedItemIdentifier{Identifier: idv, Type: idt}}
	if it.Type == "" {
		it.Type = fair.ResourceTypeOther
	}
	sub := &fair.Resource{}
	rd.readTitles(c, sub)
	it.Titles = sub.Titles
	for _, prop := range []string{"creator", "author"} {
		vals := c.get(prop)
		for i, e := range vals {
			if a, ok := rd.agent(e, c.child(prop, i, len(vals))); ok {
				it.Creators = append(it.Creators, a)
			}
		}
	}
	it.Contributors = rd.itemContributors(c)
	if d := rd.text(c, "datePublished"); len(d) >= 4 {
		if y, err := strconv.Atoi(d[:4]); err == nil {
			it.PublicationYear = y
		}
	}
	if pubs := c.get("publisher"); len(pubs) > 0 {
		it.Publisher, _, _ = rd.org(pubs[0], c.child("publisher", 0, 1))
	}
	it.Volume = rd.text(c, "volumeNumber")
	it.Issue = rd.text(c, "issueNumber")
	it.FirstPage = rd.text(c, "pageStart")
	it.LastPage = rd.text(c, "pageEnd")
	if pg := rd.text(c, "pagination"); pg != "" && it.FirstPage == "" {
		first, last, _ := strings.Cut(pg, "-")
		it.FirstPage, it.LastPage = strings.TrimSpace(first), strings.TrimSpace(last)
	}
	it.Edition = rd.text(c, "bookEdition")
	if it.Edition == "" {
		it.Edition = rd.text(c, "version")
	}
	if pos := rd.text(c, "position"); pos != "" {
		it.Number, it.NumberType = pos, fair.NumberArticle
	}
	// The periodical an article appeared in (PANGAEA's isPartOf of a related article).
	if parts := c.get("isPartOf"); len(parts) > 0 {
		if pm, ok := parts[0].(map[string]any); ok {
			pc := rd.view(pm, c.child("isPartOf", 0, 1))
			if it.Volume == "" {
				it.Volume = rd.text(pc, "volumeNumber")
			}
			if it.Issue == "" {
				it.Issue = rd.text(pc, "issueNumber")
			}
			if nm := rd.text(pc, "name"); nm != "" {
				rd.skip(pc.path+".name", nm, "the name of the periodical has no place in a related item")
			}
			rd.done(pc)
		}
	}
	rd.done(c)
	if (rel == fair.RelCites || rel == fair.RelReferences) && info == "" {
		r.References = append(r.References, it)
		return
	}
	r.RelatedItems = append(r.RelatedItems, it)
}

// idType is the relatedIdentifierType of a detected scheme; person and organisation IDs are URLs here.
func idType(s fair.Scheme) fair.RelatedIdentifierType {
	if t, ok := fair.ParseRelatedIdentifierType(string(s)); ok {
		return t
	}
	return fair.IDTypeURL
}

// periodical reads the journal an article is published in: a PublicationIssue, PublicationVolume or Periodical
// under isPartOf, each part of the next, as the container of the record (a related item IsPublishedIn).
func (rd *reader) periodical(r *fair.Resource, c *node) {
	it := fair.RelatedItem{Type: fair.ResourceTypeJournal, RelationType: fair.RelIsPublishedIn}
	for depth := 0; c != nil; depth++ {
		if depth > 8 {
			rd.skip(c.path, c.m, "journal levels nested too deep")
			return
		}
		switch {
		case c.is("PublicationIssue"):
			it.Issue = rd.text(c, "issueNumber")
		case c.is("PublicationVolume"):
			it.Volume = rd.text(c, "volumeNumber")
		case c.is("Periodical"):
			rd.journal(c, &it)
		}
		if d := rd.text(c, "datePublished"); len(d) >= 4 && it.PublicationYear == 0 {
			if y, err := strconv.Atoi(d[:4]); err == nil {
				it.PublicationYear = y
			}
		}
		var next *node
		if parts := c.get("isPartOf"); len(parts) > 0 && !c.is("Periodical") {
			if m, ok := rd.deref(parts[0]).(map[string]any); ok {
				next = rd.view(m, c.child("isPartOf", 0, len(parts)))
			} else {
				rd.skip(c.child("isPartOf", 0, len(parts)), parts[0], "not a volume, issue or periodical")
			}
			for i := 1; i < len(parts); i++ {
				rd.skip(c.child("isPartOf", i, len(parts)), parts[i], "a journal level is part of one other")
			}
		}
		rd.done(c)
		c = next
	}
	r.RelatedItems = append(r.RelatedItems, it)
}

// journal reads a Periodical's name, identifiers (identifier, issn), publisher and creators into a container.
func (rd *reader) journal(c *node, it *fair.RelatedItem) {
	sub := &fair.Resource{}
	rd.readTitles(c, sub)
	it.Titles = sub.Titles
	ids := c.get("identifier")
	for i, e := range ids {
		val, scheme := rd.pidOf(e, c.child("identifier", i, len(ids)))
		if it.Identifier.Identifier == "" && val != "" {
			t, ok := fair.ParseRelatedIdentifierType(scheme)
			if !ok {
				t = idType(fair.Scheme(scheme))
			}
			it.Identifier = fair.RelatedItemIdentifier{Identifier: val, Type: t}
		} else if val != it.Identifier.Identifier {
			rd.skip(c.child("identifier", i, len(ids)), val, "a journal has one identifier in the record")
		}
	}
	issns := rd.texts(c, "issn")
	for i, v := range issns {
		switch {
		case it.Identifier.Identifier == "":
			it.Identifier = fair.RelatedItemIdentifier{Identifier: v.s, Type: fair.IDTypeISSN}
		case v.s != it.Identifier.Identifier:
			rd.skip(c.child("issn", i, len(issns)), v.s, "a journal has one identifier in the record")
		}
	}
	if pubs := c.get("publisher"); len(pubs) > 0 {
		it.Publisher, _, _ = rd.org(pubs[0], c.child("publisher", 0, len(pubs)))
		for i := 1; i < len(pubs); i++ {
			rd.skip(c.child("publisher", i, len(pubs)), pubs[i], "a journal has one publisher in the record")
		}
	}
	for _, prop := range []string{"creator", "author"} {
		vals := c.get(prop)
		for i, e := range vals {
			if a, ok := rd.agent(e, c.child(prop, i, len(vals))); ok {
				it.Creators = append(it.Creators, a)
			}
		}
	}
	it.Contributors = rd.itemContributors(c)
	it.Edition = rd.text(c, "bookEdition")
}

// itemContributors reads the contributors of a related item, each in a Role naming its contributorType.
func (rd *reader) itemContributors(c *node) []fair.Contributor {
	var out []fair.Contributor
	cons := c.get("contributor")
	for i, e := range cons {
		typ := fair.ContributorOther
		p := c.child("contributor", i, len(cons))
		if m, ok := e.(map[string]any); ok {
			role := rd.view(m, p)
			if role.is("Role") {
				if ct, ok := fair.ParseContributorType(rd.text(role, "roleName")); ok {
					typ = ct
				}
				inner := role.get("contributor")
				rd.done(role)
				if len(inner) == 0 {
					continue
				}
				e = inner[0]
			}
		}
		if a, ok := rd.agent(e, p); ok {
			out = append(out, fair.Contributor{Creator: a, ContributorType: typ})
		}
	}
	return out
}

// readArticlePages reads the pages and article number of the record within its container.
func (rd *reader) readArticlePages(n *node, r *fair.Resource) {
	cont := r.Container()
	if cont == nil {
		return // pageStart and the rest are reported as having no place
	}
	set := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	set(&cont.FirstPage, rd.text(n, "pageStart"))
	set(&cont.LastPage, rd.text(n, "pageEnd"))
	if pg := rd.text(n, "pagination"); pg != "" {
		first, last, _ := strings.Cut(pg, "-")
		set(&cont.FirstPage, strings.TrimSpace(first))
		set(&cont.LastPage, strings.TrimSpace(last))
	}
	if pos := rd.text(n, "position"); pos != "" && cont.Number == "" {
		cont.Number, cont.NumberType = pos, fair.NumberArticle
	}
}

// event reads the conference a work was presented at (an Event that features it).
func (rd *reader) event(r *fair.Resource, v any, path string) {
	v = rd.deref(v)
	m, ok := v.(map[string]any)
	if !ok || !r.Publication.Conference.IsZero() {
		rd.skip(path, v, "the record holds one conference, described by an Event")
		return
	}
	c := rd.view(m, path)
	var conf fair.Conference
	conf.Name = rd.text(c, "name")
	conf.Acronym = rd.text(c, "alternateName")
	conf.StartDate = rd.text(c, "startDate")
	conf.EndDate = rd.text(c, "endDate")
	conf.URL = rd.text(c, "url")
	ids := c.get("identifier")
	for i, e := range ids {
		val, scheme := rd.pidOf(e, c.child("identifier", i, len(ids)))
		if conf.Identifier.Value == "" {
			conf.Identifier = fair.Identifier{Value: val, Type: scheme}
		} else {
			rd.skip(c.child("identifier", i, len(ids)), val, "a conference has one identifier in the record")
		}
	}
	locs := c.get("location")
	for i, l := range locs {
		lp := c.child("location", i, len(locs))
		if i > 0 {
			rd.skip(lp, l, "a conference has one place in the record")
			continue
		}
		if t, ok := literal(l); ok {
			conf.Place = t.s
			continue
		}
		lc := rd.view(l.(map[string]any), lp)
		conf.Place = rd.text(lc, "name")
		for j, a := range lc.get("address") {
			ap := lc.child("address", j, 1)
			if t, ok := literal(a); ok {
				if conf.Place == "" {
					conf.Place = t.s
				} else {
					rd.skip(ap, a, "a conference has one place in the record")
				}
				continue
			}
			ac := rd.view(a.(map[string]any), ap)
			conf.Country = rd.text(ac, "addressCountry")
			if loc := rd.text(ac, "addressLocality"); loc != "" && conf.Place == "" {
				conf.Place = loc
			}
			rd.done(ac)
		}
		rd.done(lc)
	}
	rd.done(c)
	r.Publication.Conference = conf
}
