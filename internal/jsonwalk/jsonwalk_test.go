package jsonwalk

import (
	"encoding/json"
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// toAny builds what encoding/json decodes from the walked value, to compare the two.
func toAny(v Value) any {
	switch v.Kind() {
	case Null:
		return nil
	case Bool:
		b, _ := v.Bool()
		return b
	case Number:
		f, _ := strconv.ParseFloat(string(v.Raw()), 64)
		return f
	case String:
		return v.Str()
	case Array:
		out := []any{}
		for e := range v.Elements() {
			out = append(out, toAny(e))
		}
		return out
	case Object:
		out := map[string]any{}
		for k, m := range v.Members() {
			out[string(k)] = toAny(m) // like encoding/json, the last of duplicate names wins
		}
		return out
	}
	return "invalid"
}

func TestParse(t *testing.T) {
	for _, tc := range []struct{ name, in, err string }{
		{"object", ` {"a": [1, -2.5e3, "x\u00e9\n", true, false, null], "b": {}} `, ""},
		{"escaped key", `{"a\"b": 1}`, ""},
		{"surrogates", `"\ud83d\ude00"`, ""},
		{"trailing", `{} x`, "data after the JSON value"},
		{"bad number", `[01]`, "want ',' or ']'"},
		{"bad escape", `"\x"`, "unknown escape"},
		{"control", "\"a\tb\"", "control character"},
		{"bad utf8", "\"\xff\"", "invalid UTF-8"},
		{"missing colon", `{"a" 1}`, "want ':'"},
		{"unterminated", `{"a": "b`, "unterminated string"},
		{"empty", ``, "unexpected end of input"},
		{"deep", strings.Repeat("[", MaxDepth+1) + strings.Repeat("]", MaxDepth+1), "nested deeper"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, err := Parse([]byte(tc.in))
			if tc.err != "" {
				var se *SyntaxError
				if !errors.As(err, &se) || !strings.Contains(se.Msg, tc.err) {
					t.Fatalf("Parse(%q) = %v, want a SyntaxError with %q", tc.in, err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var want any
			if err := json.Unmarshal([]byte(tc.in), &want); err != nil {
				t.Fatal(err)
			}
			if got := toAny(v); !reflect.DeepEqual(got, want) {
				t.Errorf("walk of %q = %#v, encoding/json gives %#v", tc.in, got, want)
			}
		})
	}
}

func TestSyntaxErrorPosition(t *testing.T) {
	_, err := Parse([]byte("{\n  \"a\": tru\n}"))
	var se *SyntaxError
	if !errors.As(err, &se) || se.Line != 2 || se.Column != 8 {
		t.Fatalf("error %v, want line 2 column 8", err)
	}
}

func TestAccessors(t *testing.T) {
	v, err := Parse([]byte(`{"n": 42, "s": "7", "f": 1.5, "e": [], "o": { }, "z": "", "long": "` + strings.Repeat("é", 60) + `"}`))
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := v.Get("n").Int(); !ok || n != 42 {
		t.Errorf("Int of 42: %d %v", n, ok)
	}
	if n, ok := v.Get("s").Int(); !ok || n != 7 {
		t.Errorf("Int of \"7\": %d %v", n, ok)
	}
	if _, ok := v.Get("f").Int(); ok {
		t.Errorf("Int of 1.5 is ok")
	}
	for _, k := range []string{"e", "o", "z", "missing"} {
		if !v.Get(k).IsEmpty() {
			t.Errorf("%s is not empty", k)
		}
	}
	if v.Get("n").IsEmpty() || v.Len() != 7 {
		t.Errorf("IsEmpty(42) or Len = %d", v.Len())
	}
	if s := v.Get("long").Short(); !utf8.ValidString(s) || !strings.HasSuffix(s, "…") || len(s) > 84 {
		t.Errorf("Short: %q", s)
	}
}

// FuzzParse holds Parse to encoding/json: it accepts what json.Valid accepts (given valid UTF-8 and the depth limit),
// and the walk gives what json.Unmarshal gives.
func FuzzParse(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{"b":null}]}`, `"\u00e9\ud83d\ude00"`, `[true,false,-0.5E+2]`, `{"a\\"b":"c"}`, `  []  `, `{"x":}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Parse(data)
		valid := json.Valid(data)
		if err == nil && !valid {
			t.Fatalf("Parse accepts %q, which json.Valid rejects", data)
		}
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %T", err)
			}
			// Lone surrogate escapes are refused by policy (ErrText); encoding/json replaces them.
			if valid && utf8.Valid(data) && !strings.Contains(se.Msg, "nested deeper") && !errors.Is(err, ErrText) {
				t.Fatalf("Parse rejects %q (%v), which json.Valid accepts", data, err)
			}
			return
		}
		var want any
		if err := json.Unmarshal(data, &want); err != nil {
			// Valid JSON that encoding/json cannot put in an any: a number beyond float64.
			var te *json.UnmarshalTypeError
			if !errors.As(err, &te) || !strings.HasPrefix(te.Value, "number") {
				t.Fatalf("json.Unmarshal: %v", err)
			}
			return
		}
		if got := toAny(v); !reflect.DeepEqual(got, want) {
			t.Fatalf("walk of %q = %#v, encoding/json gives %#v", data, got, want)
		}
	})
}

// TestCheckText: invalid UTF-8 and lone surrogate escapes are refused with the path of their string; surrogate
// pairs, escaped backslashes before a "u" and documents that are not JSON pass (the reader's decoder reports those).
func TestCheckText(t *testing.T) {
	for _, tc := range []struct {
		doc, path string // path "": valid
	}{
		{`{"a": "\ud83d\ude00 ok", "b": ["\\ud800"]}`, ""},
		{`{"a": "caf` + "\xc3\xa9" + `"}`, ""},
		{`{"creators": [{"name": "x"}, {"name": "a\ud800b"}]}`, "creators[1].name"},
		{`{"creators": [{"name": "x"}, {"name": "\udc00"}]}`, "creators[1].name"},
		{`{"titles": [{"title": "bad ` + "\xff" + ` byte"}]}`, "titles[0].title"},
		{`{"k` + "\xfe" + `": 1}`, "(a key)"},
		{`["ok", "\ud800\u0041"]`, "[1]"},
		{`"\ud800"`, "(the document)"},
		{"{\"a\": 1}\n{\"b\": {\"c\": \"\\udfff\"}}\n", "b.c"},
		{`{"a": "\ud800"`, "a"},
		{`not json at all`, ""},
	} {
		err := CheckText([]byte(tc.doc))
		var se *SyntaxError
		switch {
		case tc.path == "" && err != nil:
			t.Errorf("CheckText(%q) = %v, want nil", tc.doc, err)
		case tc.path != "" && (!errors.Is(err, ErrText) || !errors.As(err, &se) || se.Path != tc.path):
			t.Errorf("CheckText(%q) = %v, want a *SyntaxError matching ErrText at %s", tc.doc, err, tc.path)
		}
	}
}
