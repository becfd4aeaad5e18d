package dmp

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"
	"testing"

	"github.com/dop2i/fairmeta/internal/testenv"
)

// fromJSONSchema reads a JSON Schema node into the validator's shape, failing on any keyword the validator does not
// evaluate, so that a schema using more than the table holds cannot pass unnoticed.
func fromJSONSchema(t *testing.T, v map[string]any, where string) *schema {
	t.Helper()
	s := &schema{minItems: -1}
	for k, x := range v {
		switch k {
		case "title", "description", "examples", "$schema", "$id", "$defs":
		case "$ref":
			s.ref = x.(string)[len("#/$defs/"):]
		case "type":
			s.typ = x.(string)
		case "format":
			s.format = x.(string)
		case "enum":
			for _, e := range x.([]any) {
				s.enum = append(s.enum, e.(string))
			}
		case "required":
			for _, e := range x.([]any) {
				s.required = append(s.required, e.(string))
			}
		case "properties":
			s.props = map[string]*schema{}
			for name, ps := range x.(map[string]any) {
				s.props[name] = fromJSONSchema(t, ps.(map[string]any), where+"."+name)
				s.keys = append(s.keys, name)
			}
		case "items":
			s.items = fromJSONSchema(t, x.(map[string]any), where+"[]")
		case "minItems":
			s.minItems = int(x.(float64))
		case "uniqueItems":
			s.unique = x.(bool)
		case "oneOf":
			for i, alt := range x.([]any) {
				s.oneOf = append(s.oneOf, fromJSONSchema(t, alt.(map[string]any), fmt.Sprintf("%s/oneOf/%d", where, i)))
			}
		default:
			t.Errorf("%s: keyword %q is not evaluated by the validator", where, k)
		}
	}
	if s.typ == "object" && s.props == nil {
		s.props = map[string]*schema{}
	}
	return s
}

func normalize(s *schema) {
	if s == nil {
		return
	}
	sort.Strings(s.keys)
	for _, p := range s.props {
		normalize(p)
	}
	normalize(s.items)
	for _, a := range s.oneOf {
		normalize(a)
	}
}

// TestSchemaTable checks that the validator's table is the official maDMP 1.2 schema, keyword for keyword.
func TestSchemaTable(t *testing.T) {
	data, err := os.ReadFile(testenv.SharedData(t, "dmp", "maDMP-schema-1.2.json"))
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	want := &schemaSet{root: fromJSONSchema(t, raw, "#"), defs: map[string]*schema{}}
	for name, d := range raw["$defs"].(map[string]any) {
		want.defs[name] = fromJSONSchema(t, d.(map[string]any), "#/$defs/"+name)
	}
	got := schema12()
	normalize(got.root)
	normalize(want.root)
	if !reflect.DeepEqual(got.root, want.root) {
		t.Errorf("root schema differs from the file")
	}
	for name, w := range want.defs {
		normalize(w)
		g := got.defs[name]
		normalize(g)
		if !reflect.DeepEqual(g, w) {
			t.Errorf("$defs/%s differs from the file:\n got %+v\nwant %+v", name, g, w)
		}
	}
	for name := range got.defs {
		if want.defs[name] == nil {
			t.Errorf("$defs/%s is in the table but not in the file", name)
		}
	}
}
