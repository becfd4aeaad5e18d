package loss

import (
	"strings"
	"testing"
)

func TestCollector(t *testing.T) {
	var c Collector
	c.Lost("a", Text("x"), "why")
	for i := 0; i < 3000; i++ {
		c.LostEach(Index("authors", i+4)+".uuid", Text("u"), "bookkeeping")
	}
	c.LostEach("authors[9].uuid", Text("u"), "another reason")
	c.Lost("b", Text(strings.Repeat("é", 100)), "long")
	ns := c.Notes()
	if len(ns) != 4 {
		t.Fatalf("%d notes: %v", len(ns), ns)
	}
	if ns[1].Value != "u (and 2999 more)" || ns[2].Value != "u" {
		t.Errorf("counted: %q %q", ns[1].Value, ns[2].Value)
	}
	if ns[1].Path != "authors[4].uuid" || ns[2].Path != "authors[9].uuid" {
		t.Errorf("a kind is shown at its first value's path: %q %q", ns[1].Path, ns[2].Path)
	}
	for in, want := range map[string]string{"": "", "a.b": "a.b", "a[0]": "a[*]", "a[12].b[3].c": "a[*].b[*].c", "[2]": "[*]", "a[": "a["} {
		if got := Kind(in); got != want {
			t.Errorf("Kind(%q) = %q, want %q", in, got, want)
		}
	}
	if v := ns[3].Value; len(v) > 84 || !strings.HasSuffix(v, "…") {
		t.Errorf("long value %q", v)
	}
	if again := c.Notes(); again[1].Value != "u (and 2999 more)" {
		t.Errorf("Notes twice changed the count: %q", again[1].Value)
	}
	if Index("a", 2) != "a[2]" || Join("", "b") != "b" || Join("a", "b") != "a.b" {
		t.Error("paths")
	}
}
