package dmp

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// schema is one JSON Schema node of the maDMP 1.2 schema, limited to the keywords that schema uses (type, enum,
// format, properties, required, items, minItems, uniqueItems, oneOf, $ref). schema_table.go holds the schema as Go
// values; the test TestSchemaTable reads the official schema file into the same shape and compares.
type schema struct {
	ref      string // name in $defs; nothing else is set beside it
	typ      string // "object", "array", "string", "number", "integer", "boolean" or ""
	enum     []string
	format   string
	required []string
	props    map[string]*schema
	keys     []string // property names in schema order
	items    *schema
	minItems int // -1 when absent
	unique   bool
	oneOf    []*schema
}

type schemaSet struct {
	root *schema
	defs map[string]*schema
}

func ref(name string) *schema { return &schema{ref: name, minItems: -1} }
func str() *schema            { return &schema{typ: "string", minItems: -1} }
func typed(t string) *schema  { return &schema{typ: t, minItems: -1} }
func format(f string) *schema { return &schema{typ: "string", format: f, minItems: -1} }
func enumOf(v ...string) *schema {
	return &schema{typ: "string", enum: v, minItems: -1}
}
func oneOf(alts ...*schema) *schema { return &schema{oneOf: alts, minItems: -1} }
func array(items *schema, minItems int, unique bool) *schema {
	return &schema{typ: "array", items: items, minItems: minItems, unique: unique}
}

type propDef struct {
	name string
	s    *schema
}

func prop(name string, s *schema) propDef { return propDef{name, s} }

func object(required []string, props ...propDef) *schema {
	s := &schema{typ: "object", required: required, props: map[string]*schema{}, minItems: -1}
	for _, p := range props {
		s.props[p.name] = p.s
		s.keys = append(s.keys, p.name)
	}
	return s
}

// maDMP12 is the 1.2 schema, built once.
var maDMP12 = sync.OnceValue(schema12)

// resolve follows $ref.
func (set *schemaSet) resolve(s *schema) *schema {
	for s != nil && s.ref != "" {
		s = set.defs[s.ref]
	}
	return s
}

// schemaError is one thing the schema rejects: the instance path, the keyword that failed and a message.
type schemaError struct {
	path, keyword, msg string
}

func joinKey(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func joinIndex(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

func typeOK(t string, n *node) bool {
	switch t {
	case "":
		return true
	case "object":
		return n.kind == kObject
	case "array":
		return n.kind == kArray
	case "string":
		return n.kind == kString
	case "boolean":
		return n.kind == kBool
	case "number":
		return n.kind == kNumber
	case "integer":
		return n.kind == kNumber && isInteger(n.s)
	case "null":
		return n.kind == kNull
	}
	return false
}

// eval checks n against s as a draft 2020-12 validator does with formats as annotations, appending one error per
// failing keyword: every keyword applies to the instance, those of one type ignore other types.
func (set *schemaSet) eval(s *schema, n *node, path string, out *[]schemaError) {
	s = set.resolve(s)
	if s == nil {
		return
	}
	if !typeOK(s.typ, n) {
		*out = append(*out, schemaError{path, "type", typeMessage(s, n)})
	}
	if s.enum != nil {
		ok := false
		if n.kind == kString {
			for _, v := range s.enum {
				if v == n.s {
					ok = true
					break
				}
			}
		}
		if !ok {
			*out = append(*out, schemaError{path, "enum", enumMessage(s, n)})
		}
	}
	switch n.kind {
	case kObject:
		for _, r := range s.required {
			if n.get(r) == nil {
				msg := "required property is missing"
				if alt := similarKey(r, n); alt != "" {
					msg += fmt.Sprintf(" (the document has %q: did you mean %q?)", alt, r)
				}
				*out = append(*out, schemaError{joinKey(path, r), "required", msg})
			}
		}
		if s.props != nil {
			for _, m := range n.obj {
				if ps, ok := s.props[m.key]; ok {
					set.eval(ps, m.val, joinKey(path, m.key), out)
				}
			}
		}
	case kArray:
		if s.minItems > 0 && len(n.arr) < s.minItems {
			*out = append(*out, schemaError{path, "minItems", fmt.Sprintf("must have at least %d item(s)", s.minItems)})
		}
		if s.unique {
			if i, j, dup := firstDuplicate(n.arr); dup {
				*out = append(*out, schemaError{path, "uniqueItems", fmt.Sprintf("items [%d] and [%d] are equal; each must be unique", i, j)})
			}
		}
		if s.items != nil {
			for i, v := range n.arr {
				set.eval(s.items, v, joinIndex(path, i), out)
			}
		}
	}
	if s.oneOf != nil {
		valid := 0
		var scratch []schemaError
		for _, alt := range s.oneOf {
			scratch = scratch[:0]
			set.eval(alt, n, path, &scratch)
			if len(scratch) == 0 {
				valid++
			}
		}
		if valid != 1 {
			*out = append(*out, schemaError{path, "oneOf", set.oneOfMessage(s, n, valid)})
		}
	}
}

// firstDuplicate finds two equal items, hashing them so that long arrays cost linear time.
func firstDuplicate(items []*node) (int, int, bool) {
	seen := make(map[string][]int, len(items))
	var b strings.Builder
	for j, it := range items {
		b.Reset()
		canonKey(&b, it)
		k := b.String()
		for _, i := range seen[k] {
			if equal(items[i], it) {
				return i, j, true
			}
		}
		seen[k] = append(seen[k], j)
	}
	return 0, 0, false
}

func describe(n *node) string {
	switch n.kind {
	case kString:
		return strconv.Quote(clip(n.s, 60))
	case kNumber:
		return "the number " + clip(n.s, 30)
	case kBool:
		return "the boolean " + strconv.FormatBool(n.b)
	case kNull:
		return "null"
	case kArray:
		return fmt.Sprintf("an array of %d item(s)", len(n.arr))
	}
	return "an object"
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func article(t string) string {
	switch t {
	case "object", "array", "integer":
		return "an " + t
	}
	return "a " + t
}

func typeMessage(s *schema, n *node) string {
	msg := fmt.Sprintf("must be %s, not %s", article(s.typ), describe(n))
	switch {
	case s.typ == "array" && n.kind == kObject:
		msg += " (write it as a one-item array: [ {...} ])"
	case s.typ == "array" && n.kind == kString:
		msg += ` (write it as a one-item array: [ "..." ])`
	case (s.typ == "integer" || s.typ == "number") && n.kind == kString:
		msg += " (write the number without quotes)"
	case s.typ == "boolean" && n.kind == kString:
		msg += " (write true or false without quotes)"
	case s.typ == "string" && n.kind == kNumber && s.format != "":
		msg += fmt.Sprintf(" (write the %s as an ISO 8601 string)", s.format)
	}
	return msg
}

func enumMessage(s *schema, n *node) string {
	if len(s.enum) > 20 {
		what := "a code of the schema's list"
		switch &s.enum[0] {
		case &currencyCodes[0]:
			what = "an ISO 4217 currency code of the schema's list (e.g. EUR)"
		case &countryCodes[0]:
			what = "an ISO 3166-1 alpha-2 country code (e.g. FR)"
		case &languageCodes[0]:
			what = "an ISO 639-3 language code of the schema's list (e.g. eng, fra)"
		}
		msg := fmt.Sprintf("%s is not %s", describe(n), what)
		if n.kind == kString {
			if fix := enumFix(s.enum, n.s); fix != "" {
				msg += fmt.Sprintf("; did you mean %q?", fix)
			}
		}
		return msg
	}
	msg := fmt.Sprintf("%s is not one of %s", describe(n), strings.Join(s.enum, ", "))
	if n.kind == kString {
		if fix := enumFix(s.enum, n.s); fix != "" {
			msg += fmt.Sprintf("; write %q", fix)
		}
	}
	return msg
}

// enumFix returns the allowed value a wrong one most likely means: another case, or an ISO 639-1 code for 639-3.
func enumFix(allowed []string, v string) string {
	for _, a := range allowed {
		if strings.EqualFold(a, strings.TrimSpace(v)) {
			return a
		}
	}
	if len(allowed) > 0 && &allowed[0] == &languageCodes[0] {
		if l3, ok := iso639_1to3[strings.ToLower(strings.TrimSpace(v))]; ok {
			return l3
		}
	}
	return ""
}

func (set *schemaSet) oneOfMessage(s *schema, n *node, valid int) string {
	if valid > 1 {
		return "matches more than one of the allowed forms"
	}
	var forms []string
	for _, alt := range s.oneOf {
		a := set.resolve(alt)
		switch {
		case a.typ == "array" && a.minItems > 0:
			forms = append(forms, fmt.Sprintf("a non-empty array of them"))
		case a.typ == "array":
			forms = append(forms, "an array of them")
		case a.typ == "object":
			forms = append(forms, "an object {"+strings.Join(a.required, ", ")+"}")
		default:
			forms = append(forms, article(a.typ))
		}
	}
	return "must be " + strings.Join(forms, " or ") + ", not " + describe(n) + " that matches neither"
}

// similarKey returns a key of object n that looks like a misspelling of want, or "". It looks at the first 200
// members only, so that a huge object costs little.
func similarKey(want string, n *node) string {
	best, bestD := "", 3
	for i, m := range n.obj {
		if i == 200 {
			break
		}
		if d := editDistance(m.key, want); d > 0 && d < bestD && d <= len(want)/4+1 {
			best, bestD = m.key, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of two short strings (bounded: keys are short).
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 || len(a)-len(b) > 8 || len(b)-len(a) > 8 {
		if a == b {
			return 0
		}
		return 64
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
