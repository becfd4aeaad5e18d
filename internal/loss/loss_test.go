package loss

import (
	"strings"
	"testing"
)

func TestCollector(t *testing.T) {
	var c Collector
	c.Lost("a", Text("x"), "why")
	for i := 0; i < 3000; i++ {
		c.LostEach("authors[*].uuid", Text("u"), "bookkeeping")
	}
	c.LostEach("authors[*].uuid", Text("u"), "another reason")
	c.Lost("b", Text(strings.Repeat("é", 100)), "long")
	ns := c.Notes()
	if len(ns) != 4 {
		t.Fatalf("%d notes: %v", len(ns), ns)
	}
	if ns[1].Value != "u (and 2999 more)" || ns[2].Value != "u" {
		t.Errorf("counted: %q %q", ns[1].Value, ns[2].Value)
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
