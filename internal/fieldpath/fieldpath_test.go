package fieldpath

import (
	"errors"
	"testing"
)

type inner struct {
	Name  string   `json:"name"`
	Notes []string `json:"notes,omitempty"`
}

type Embedded struct {
	Role string `json:"role"`
}

type outer struct {
	*Embedded
	Items  []inner `json:"items,omitempty"`
	Ptr    *inner  `json:"ptr,omitempty"`
	Hidden string  `json:"-"`
	Plain  string
}

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []Segment
		bad  bool
	}{
		{in: ""},
		{in: "a", want: []Segment{{"a", -1}}},
		{in: "a[2].b", want: []Segment{{"a", 2}, {"b", -1}}},
		{in: "[3].title", want: []Segment{{"", 3}, {"title", -1}}},
		{in: "a.b[0]", want: []Segment{{"a", -1}, {"b", 0}}},
		{in: "a.", bad: true},
		{in: ".a", bad: true},
		{in: "a[", bad: true},
		{in: "a[x]", bad: true},
		{in: "a[-1]", bad: true},
		{in: "a[0]b", bad: true},
		{in: "a..b", bad: true},
	} {
		got, err := Parse(c.in)
		if (err != nil) != c.bad {
			t.Errorf("Parse(%q) error %v, want error %v", c.in, err, c.bad)
			continue
		}
		if len(got) != len(c.want) {
			t.Errorf("Parse(%q) = %v, want %v", c.in, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("Parse(%q) = %v, want %v", c.in, got, c.want)
			}
		}
		if back := Join(got); !c.bad && back != c.in {
			t.Errorf("Join(Parse(%q)) = %q", c.in, back)
		}
	}
}

func TestResolve(t *testing.T) {
	v := &outer{Items: []inner{{Name: "x", Notes: []string{"n"}}}}
	for path, want := range map[string]string{"items[0].name": "x", "items[0].notes[0]": "n", "ptr.name": "", "role": ""} {
		got, err := Resolve(v, path)
		if err != nil || got.String() != want {
			t.Errorf("Resolve(%q) = %v, %v; want %q", path, got, err, want)
		}
	}
	for path, want := range map[string]error{"items[1]": ErrIndex, "items[0].name[0]": ErrIndex, "nope": ErrNoField,
		"Hidden": ErrNoField, "items[0].name.x": ErrNoField} {
		if _, err := Resolve(v, path); !errors.Is(err, want) {
			t.Errorf("Resolve(%q) error %v, want %v", path, err, want)
		}
	}
	if _, err := Resolve(v, "Plain"); err != nil {
		t.Errorf("an untagged field is named by its Go name: %v", err)
	}
}

func TestSet(t *testing.T) {
	v := &outer{Items: []inner{{}}}
	for _, path := range []string{"items[0].name", "ptr.name", "role"} {
		if err := Set(v, path, "set "+path); err != nil {
			t.Fatalf("Set(%q): %v", path, err)
		}
		got, err := Resolve(v, path)
		if err != nil || got.String() != "set "+path {
			t.Errorf("after Set(%q): %v, %v", path, got, err)
		}
	}
	if err := Set(v, "items[3].name", "x"); !errors.Is(err, ErrIndex) {
		t.Errorf("Set past the end: %v", err)
	}
	if err := Set(v, "items", "x"); err == nil {
		t.Error("Set on a list: no error")
	}
	if err := Set(*v, "role", "x"); err == nil {
		t.Error("Set on a non-pointer: no error")
	}
}

func TestLeaves(t *testing.T) {
	type num struct {
		N int     `json:"n"`
		F float64 `json:"f"`
	}
	v := struct {
		outer
		Num num `json:"num"`
	}{outer: outer{Embedded: &Embedded{}, Items: []inner{{Notes: []string{"a", "b"}}}}}
	got := Leaves(&v)
	want := []string{"role", "items[0].name", "items[0].notes[0]", "items[0].notes[1]", "Plain", "num.n", "num.f"}
	if len(got) != len(want) {
		t.Fatalf("Leaves = %q, want %q", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("Leaves = %q, want %q", got, want)
		}
		if _, err := Resolve(&v, got[i]); err != nil {
			t.Errorf("a leaf does not resolve: %v", err)
		}
	}
	if err := Set(&v, "num.n", "12"); err != nil || v.Num.N != 12 {
		t.Errorf("Set an int: %v, %d", err, v.Num.N)
	}
	if err := Set(&v, "num.f", "1.5"); err != nil || v.Num.F != 1.5 {
		t.Errorf("Set a float: %v, %g", err, v.Num.F)
	}
	if err := Set(&v, "num.n", "x"); err == nil {
		t.Error("Set an int to x: no error")
	}
}
