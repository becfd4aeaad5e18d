package testdiff

import (
	"fmt"
	"strings"
	"testing"
)

type recorder struct{ msgs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(format, args...))
}

func TestDiff(t *testing.T) {
	type rec struct {
		Name  string   `json:"name"`
		Items []string `json:"items,omitempty"`
	}
	for _, tc := range []struct {
		name      string
		got, want any
		check     func(t *testing.T, d string)
	}{
		{"equal values", rec{"a", []string{"x"}}, rec{"a", []string{"x"}}, func(t *testing.T, d string) {
			if d != "" {
				t.Errorf("diff of equal values = %q, want \"\"", d)
			}
		}},
		{"changed field", rec{Name: "b"}, rec{Name: "a"}, func(t *testing.T, d string) {
			want := "  {\n-   \"name\": \"a\"\n+   \"name\": \"b\"\n  }"
			if d != want {
				t.Errorf("diff =\n%s\nwant\n%s", d, want)
			}
		}},
		{"added item far from the start", rec{"a", []string{"1", "2", "3", "4", "5", "6", "new"}}, rec{"a", []string{"1", "2", "3", "4", "5", "6"}},
			func(t *testing.T, d string) {
				if !strings.HasPrefix(d, "  ...\n") || !strings.Contains(d, "+     \"new\"") || strings.Contains(d, `"1"`) {
					t.Errorf("diff does not show only the change and its context:\n%s", d)
				}
			}},
		{"unmarshalable values", func() {}, 1, func(t *testing.T, d string) {
			if d == "" {
				t.Error("a func and a number compare equal")
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) { tc.check(t, Diff(tc.got, tc.want)) })
	}
}

func TestCheck(t *testing.T) {
	var r recorder
	if !Check(&r, "same", []int{1}, []int{1}) || len(r.msgs) != 0 {
		t.Errorf("Check of equal values reported %v", r.msgs)
	}
	if Check(&r, "titles", []int{1}, []int{2}) || len(r.msgs) != 1 || !strings.HasPrefix(r.msgs[0], "titles: got differs from want (-want +got):\n") {
		t.Errorf("Check of different values reported %q", r.msgs)
	}
}
