package httpx

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSanitize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, in string
		max      int
		want     string
	}{
		{"plain", "DOI has already been taken", 0, "DOI has already been taken"},
		{"accents kept", "déjà pris — 已", 0, "déjà pris — 已"},
		{"ANSI colour and title", "\x1b[31mred\x1b]0;pwned\x07", 0, `\x1b[31mred\x1b]0;pwned\x07`},
		{"CR LF", "line1\r\nfairmeta: minted 10.5072/fake", 0, `line1\r\nfairmeta: minted 10.5072/fake`},
		{"C1 CSI and DEL", "a\u009b2Jb\x7f", 0, `a\u009b2Jb\x7f`},
		{"bidi override", "abc\u202edcba", 0, `abc\u202edcba`},
		{"invalid UTF-8", "a\xffb", 0, `a\xffb`},
		{"cut on a character", "ééééé", 5, "éé…"},
		{"cut inside an escape", "ab\x1b", 4, "ab…"},
	}
	for _, tt := range tests {
		if got := Sanitize(tt.in, tt.max); got != tt.want {
			t.Errorf("%s: Sanitize(%q, %d) = %q, want %q", tt.name, tt.in, tt.max, got, tt.want)
		}
	}
	big := Sanitize(strings.Repeat("\x1b", 5<<20), 0)
	if len(big) > MaxTextLen+len("…") || !utf8.ValidString(big) {
		t.Errorf("5 MB of escapes gave %d bytes; want at most %d", len(big), MaxTextLen+3)
	}
}

func TestJoinProblems(t *testing.T) {
	t.Parallel()
	many := make([]string, MaxProblems)
	for i := range many {
		many[i] = "p"
	}
	tests := []struct {
		in      []string
		omitted int
		want    string
	}{
		{nil, 0, ""},
		{[]string{"a", "b"}, 0, "a; b"},
		{many, 0, strings.Repeat("p; ", ShownProblems) + "and 90 more"},
		{many, 199900, strings.Repeat("p; ", ShownProblems) + "and 199990 more"},
		{nil, 3, "and 3 more"},
	}
	for _, tt := range tests {
		if got := JoinProblems(tt.in, tt.omitted); got != tt.want {
			t.Errorf("JoinProblems(%d problems, %d) = %q, want %q", len(tt.in), tt.omitted, got, tt.want)
		}
	}
}
