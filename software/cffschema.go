package software

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The rules of the CITATION.cff 1.2.0 JSON schema, in Go. A rule is the part of JSON Schema (draft 07) the CFF
// schema uses: types, string length and pattern, enumerations, numeric bounds, arrays (items, minItems,
// uniqueItems), closed objects with required keys, anyOf, oneOf and references to named definitions. The "format"
// annotations (date, uri) are not asserted, as JSON Schema validators do by default; the CFF schema gives dates
// and URLs a pattern that is.

type rule struct {
	types     []string // JSON types accepted: string, number, integer, boolean, array, object; nil accepts any
	minLength int
	maxLength int // 0: no maximum
	pattern   *regexp.Regexp
	enum      []string
	minimum   *float64
	maximum   *float64
	items     *rule
	minItems  int
	unique    bool
	props     map[string]*rule
	required  []string
	closed    bool // additionalProperties: false
	anyOf     []*rule
	oneOf     []*rule
	ref       string // a definition of cffDefs
}

// CFFProblem is one way a CITATION.cff file breaks the CFF 1.2.0 schema.
type CFFProblem struct {
	// Path is the key path of the offending value, e.g. "authors[0].orcid"; empty for the whole file.
	Path string
	// Line is the line of the value in the file, 1-based; 0 when unknown.
	Line int
	// Message says what is wrong.
	Message string
}

// String formats the problem as "path (line N): message".
func (p CFFProblem) String() string {
	where := p.Path
	if where == "" {
		where = "(file)"
	}
	if p.Line > 0 {
		return fmt.Sprintf("%s (line %d): %s", where, p.Line, p.Message)
	}
	return where + ": " + p.Message
}

// CFFValidationError lists every problem of a CITATION.cff file at once.
type CFFValidationError struct {
	// Problems are the problems in file order.
	Problems []CFFProblem
}

// Error lists every problem, separated by semicolons.
func (e *CFFValidationError) Error() string {
	msgs := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		msgs[i] = p.String()
	}
	return "software: invalid CITATION.cff: " + strings.Join(msgs, "; ")
}

// maxCFFNodes bounds the work of validating one file, so that YAML aliases cannot make it explode.
const maxCFFNodes = 200_000

type validator struct {
	problems []CFFProblem
	visited  int
}

func (v *validator) add(path string, n *yaml.Node, format string, args ...any) {
	line := 0
	if n != nil {
		line = n.Line
	}
	v.problems = append(v.problems, CFFProblem{Path: path, Line: line, Message: fmt.Sprintf(format, args...)})
}

// resolve follows aliases and document nodes.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && i < 100; i++ {
		switch n.Kind {
		case yaml.AliasNode:
			n = n.Alias
		case yaml.DocumentNode:
			if len(n.Content) == 0 {
				return nil
			}
			n = n.Content[0]
		default:
			return n
		}
	}
	return n
}

// jsonType returns the JSON type of a YAML node, and for numbers their value. YAML timestamps are strings, as the
// CFF schema asks of validators.
func jsonType(n *yaml.Node) (string, float64) {
	switch n.Kind {
	case yaml.MappingNode:
		return "object", 0
	case yaml.SequenceNode:
		return "array", 0
	}
	switch n.ShortTag() {
	case "!!int":
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err != nil {
			if i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, 64); err == nil {
				f = float64(i)
			}
		}
		return "integer", f
	case "!!float":
		f, _ := strconv.ParseFloat(n.Value, 64)
		return "number", f
	case "!!bool":
		return "boolean", 0
	case "!!null":
		return "null", 0
	default:
		return "string", 0
	}
}

func hasType(types []string, t string) bool {
	for _, x := range types {
		if x == t || x == "number" && t == "integer" {
			return true
		}
	}
	return false
}

func (v *validator) check(r *rule, n *yaml.Node, path string) {
	if v.visited++; v.visited > maxCFFNodes {
		if v.visited == maxCFFNodes+1 {
			v.add(path, n, "the file is too large or its aliases expand too far to validate")
		}
		return
	}
	if r.ref != "" {
		r = cffDefs[r.ref]
	}
	n = resolve(n)
	if n == nil {
		v.add(path, nil, "is empty")
		return
	}
	if len(r.anyOf) > 0 || len(r.oneOf) > 0 {
		v.checkAlternatives(r, n, path)
		if r.types == nil && r.props == nil {
			return
		}
	}
	t, num := jsonType(n)
	if r.types != nil && !hasType(r.types, t) {
		v.add(path, n, "is %s %s, want %s", article(t), t, strings.Join(r.types, " or "))
		return
	}
	switch t {
	case "string":
		s := n.Value
		if l := len([]rune(s)); l < r.minLength {
			if l == 0 {
				v.add(path, n, "is empty")
			} else {
				v.add(path, n, "is shorter than %d characters", r.minLength)
			}
		} else if r.maxLength > 0 && l > r.maxLength {
			v.add(path, n, "%q is longer than %d characters", s, r.maxLength)
		}
		if r.pattern != nil && !r.pattern.MatchString(s) {
			v.add(path, n, "%q does not match the pattern %s", s, r.pattern)
		}
		if r.enum != nil && !inList(r.enum, s) {
			v.add(path, n, "%q is not one of the allowed values%s", s, enumHint(r.enum))
		}
	case "integer", "number":
		if r.minimum != nil && num < *r.minimum {
			v.add(path, n, "%s is less than %g", n.Value, *r.minimum)
		}
		if r.maximum != nil && num > *r.maximum {
			v.add(path, n, "%s is greater than %g", n.Value, *r.maximum)
		}
		if r.enum != nil {
			v.add(path, n, "%s is a number; the allowed values are strings%s", n.Value, enumHint(r.enum))
		}
	case "array":
		if len(n.Content) < r.minItems {
			v.add(path, n, "has %d items, want at least %d", len(n.Content), r.minItems)
		}
		seen := map[string]int{}
		for i, item := range n.Content {
			p := fmt.Sprintf("%s[%d]", path, i)
			if r.items != nil {
				v.check(r.items, item, p)
			}
			if r.unique {
				k := canonical(item, 0)
				if j, dup := seen[k]; dup {
					v.add(p, item, "repeats item %d (items must be unique)", j)
				}
				seen[k] = i
			}
		}
	case "object":
		keys := map[string]bool{}
		for _, kv := range flatPairs(n) {
			kn, val := kv[0], kv[1]
			k := kn.Value
			p := joinPath(path, k)
			if keys[k] {
				v.add(p, kn, "key given twice")
				continue
			}
			keys[k] = true
			sub, known := r.props[k]
			if !known {
				if r.closed {
					v.add(p, kn, "unknown key %q%s", k, suggest(k, r.props))
				}
				continue
			}
			v.check(sub, val, p)
		}
		for _, k := range r.required {
			if !keys[k] {
				v.add(joinPath(path, k), n, "required key %q is missing", k)
			}
		}
	}
}

// flatPairs returns the key/value pairs of a mapping with YAML merge keys ("<<: *defaults") expanded: explicit keys
// win over merged ones, and earlier merged mappings over later ones, as YAML 1.1 merging does.
func flatPairs(n *yaml.Node) [][2]*yaml.Node {
	var out, merged [][2]*yaml.Node
	explicit := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			src := resolve(v)
			var sources []*yaml.Node
			if src != nil && src.Kind == yaml.SequenceNode {
				for _, c := range src.Content {
					sources = append(sources, resolve(c))
				}
			} else {
				sources = append(sources, src)
			}
			for _, m := range sources {
				if m == nil || m.Kind != yaml.MappingNode {
					continue
				}
				for j := 0; j+1 < len(m.Content); j += 2 {
					if m.Content[j].ShortTag() != "!!merge" { // one level of merging is enough for metadata files
						merged = append(merged, [2]*yaml.Node{m.Content[j], m.Content[j+1]})
					}
				}
			}
			continue
		}
		explicit[k.Value] = true
		out = append(out, [2]*yaml.Node{k, v})
	}
	seen := map[string]bool{}
	for _, kv := range merged {
		if k := kv[0].Value; !explicit[k] && !seen[k] {
			seen[k] = true
			out = append(out, kv)
		}
	}
	return out
}

// checkAlternatives applies anyOf and oneOf. When no alternative fits, it reports the problems of the one that
// came closest (fewest problems), which is what a person needs to fix.
func (v *validator) checkAlternatives(r *rule, n *yaml.Node, path string) {
	alts, one := r.anyOf, false
	if len(r.oneOf) > 0 {
		alts, one = r.oneOf, true
	}
	var best []CFFProblem
	valid := 0
	for _, a := range alts {
		sub := &validator{visited: v.visited}
		sub.check(a, n, path)
		v.visited = sub.visited
		if len(sub.problems) == 0 {
			valid++
			continue
		}
		if best == nil || len(sub.problems) < len(best) {
			best = sub.problems
		}
	}
	switch {
	case valid == 0:
		v.problems = append(v.problems, best...)
	case one && valid > 1:
		v.add(path, n, "matches %d of the alternatives, want exactly one", valid)
	}
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func article(t string) string {
	if t == "integer" || t == "object" || t == "array" {
		return "an"
	}
	return "a"
}

func inList(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func enumHint(enum []string) string {
	if len(enum) > 12 {
		return fmt.Sprintf(" (%d values, e.g. %s)", len(enum), strings.Join(enum[:3], ", "))
	}
	return " (" + strings.Join(enum, ", ") + ")"
}

// suggest names a known key close to an unknown one ("author" for "authors").
func suggest(k string, props map[string]*rule) string {
	var names []string
	for name := range props {
		if strings.HasPrefix(name, k) || strings.HasPrefix(k, name) || strings.EqualFold(strings.ReplaceAll(name, "-", "_"), strings.ReplaceAll(k, "-", "_")) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	if len(names) == 0 {
		return ""
	}
	return "; did you mean " + strings.Join(names, " or ") + "?"
}

// canonical is a string equal for two nodes exactly when their JSON values are equal.
func canonical(n *yaml.Node, depth int) string {
	n = resolve(n)
	if n == nil || depth > 50 {
		return "null"
	}
	switch n.Kind {
	case yaml.MappingNode:
		var parts []string
		for i := 0; i+1 < len(n.Content); i += 2 {
			parts = append(parts, strconv.Quote(n.Content[i].Value)+":"+canonical(n.Content[i+1], depth+1))
		}
		sort.Strings(parts)
		return "{" + strings.Join(parts, ",") + "}"
	case yaml.SequenceNode:
		parts := make([]string, len(n.Content))
		for i, c := range n.Content {
			parts[i] = canonical(c, depth+1)
		}
		return "[" + strings.Join(parts, ",") + "]"
	}
	switch t, num := jsonType(n); t {
	case "integer", "number":
		return strconv.FormatFloat(num, 'g', -1, 64)
	case "string":
		return strconv.Quote(n.Value)
	default:
		return t + ":" + n.Value
	}
}

// ValidateCFF checks a CITATION.cff file against the rules of the CFF 1.2.0 schema and returns a
// *CFFValidationError listing every problem, each with its key path and line, or nil when the file is valid.
// A file whose nodes, with every alias and merge key expanded, number more than 200,000 is refused unread, so a
// few hundred bytes of nested aliases cannot take the memory and time of their expansion.
func ValidateCFF(data []byte) error {
	doc, err := parseCFF(data)
	if err != nil {
		return err
	}
	return validateCFF(doc)
}

func validateCFF(doc *yaml.Node) error {
	v := &validator{}
	if doc.Kind == 0 || resolve(doc) == nil {
		v.add("", nil, "the file is empty")
	} else {
		v.check(&rule{ref: "root"}, doc, "")
	}
	if len(v.problems) > 0 {
		return &CFFValidationError{Problems: v.problems}
	}
	return nil
}

// parseCFF parses a CITATION.cff file into its YAML document and measures it with its aliases expanded: the
// validator, the unique-items check and the reader all walk aliases as copies, so a file that expands past
// maxCFFNodes is refused before any of them runs.
func parseCFF(data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, &CFFValidationError{Problems: []CFFProblem{{Message: "not YAML: " + err.Error()}}}
	}
	e := expansion{size: map[*yaml.Node]int{}}
	if n := e.count(&doc); n > maxCFFNodes {
		msg := fmt.Sprintf("the file's aliases expand to more than %d nodes (a YAML alias bomb?); fairmeta reads files up to that size", maxCFFNodes)
		if e.cycle {
			msg = "an alias refers to its own anchor, so the file expands without end"
		}
		return nil, &CFFValidationError{Problems: []CFFProblem{{Message: msg}}}
	}
	return &doc, nil
}

// expansion counts the nodes of a YAML tree with aliases expanded, each distinct node counted once (memoised), so
// the count costs the size of the file, not of its expansion.
type expansion struct {
	size  map[*yaml.Node]int // -1 while the node is being counted
	cycle bool
}

// count returns the expanded node count of n, saturated just past maxCFFNodes.
func (e *expansion) count(n *yaml.Node) int {
	if n == nil {
		return 0
	}
	if s, ok := e.size[n]; ok {
		if s < 0 { // an alias inside its own anchor
			e.cycle = true
			return maxCFFNodes + 1
		}
		return s
	}
	e.size[n] = -1
	total := 1
	if n.Kind == yaml.AliasNode {
		total = e.count(n.Alias)
	}
	for _, c := range n.Content {
		if total > maxCFFNodes {
			break
		}
		total += e.count(c)
	}
	total = min(total, maxCFFNodes+1)
	e.size[n] = total
	return total
}
