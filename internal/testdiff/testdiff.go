// Package testdiff is the tests' got/want diff: it shows how two values differ as a line diff of their indented JSON
// forms, so that a failing test says what changed instead of printing two large values. It is for tests only.
package testdiff

import (
	"encoding/json"
	"fmt"
	"strings"
)

// TB is the part of testing.TB that Check uses.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
}

// Check reports through t, as an error naming what, when got and want differ: "what: got differs from want
// (-want +got):" and the diff. It returns whether they were equal.
func Check(t TB, what string, got, want any) bool {
	t.Helper()
	d := Diff(got, want)
	if d == "" {
		return true
	}
	t.Errorf("%s: got differs from want (-want +got):\n%s", what, d)
	return false
}

// Diff returns "" when got and want have the same JSON form, and otherwise the lines of want's indented JSON that
// got lacks ("-") and those got adds ("+"), with two lines of context around each change. Values that cannot be
// marshalled are compared by their %#v form.
func Diff(got, want any) string {
	g, w := lines(got), lines(want)
	if strings.Join(g, "\n") == strings.Join(w, "\n") {
		return ""
	}
	return unified(w, g, 2)
}

func lines(v any) []string {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return strings.Split(fmt.Sprintf("%#v", v), "\n")
	}
	return strings.Split(string(b), "\n")
}

// maxCells bounds the work of the longest-common-subsequence table; larger inputs are shown whole.
const maxCells = 4 << 20

// unified returns a line diff from a to b: unchanged lines near a change with "  ", removed with "- ", added with
// "+ ", and "..." where unchanged lines are skipped.
func unified(a, b []string, ctx int) string {
	if (len(a)+1)*(len(b)+1) > maxCells {
		return "- " + strings.Join(a, "\n- ") + "\n+ " + strings.Join(b, "\n+ ")
	}
	// lcs[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type line struct {
		op   byte
		text string
	}
	var ops []line
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			ops = append(ops, line{' ', a[i]})
			i, j = i+1, j+1
		case i < len(a) && (j == len(b) || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, line{'-', a[i]})
			i++
		default:
			ops = append(ops, line{'+', b[j]})
			j++
		}
	}
	// Keep the changed lines and ctx unchanged lines on each side of them.
	keep := make([]bool, len(ops))
	for k, o := range ops {
		if o.op != ' ' {
			for m := max(0, k-ctx); m <= min(len(ops)-1, k+ctx); m++ {
				keep[m] = true
			}
		}
	}
	var sb strings.Builder
	skipped := false
	for k, o := range ops {
		if !keep[k] {
			if !skipped {
				sb.WriteString("  ...\n")
			}
			skipped = true
			continue
		}
		skipped = false
		sb.WriteByte(o.op)
		sb.WriteByte(' ')
		sb.WriteString(o.text)
		sb.WriteByte('\n')
	}
	return strings.TrimSuffix(sb.String(), "\n")
}
