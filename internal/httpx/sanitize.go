package httpx

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Limits on server text shown to a person: an API's error answer may hold a title of megabytes, hundreds of
// thousands of problems, or terminal escape sequences.
const (
	// MaxTextLen is the default cap in bytes on one piece of server text (a problem's title or source) after
	// [Sanitize].
	MaxTextLen = 500
	// MaxProblems is the number of problems an API error keeps; the rest are only counted.
	MaxProblems = 100
	// ShownProblems is the number of problems an error message lists before "and N more".
	ShownProblems = 10
)

// Sanitize makes server text safe to print on a terminal and bounded: control characters (C0, DEL and C1, so ESC
// and CSI sequences, CR and LF), Unicode line and paragraph separators and bidirectional overrides are written as Go
// escapes ("\x1b", "\n", "\u202e"), bytes that are not UTF-8 as "\xff", and the result is cut on a character
// boundary to at most max bytes plus "…". max <= 0 means MaxTextLen.
func Sanitize(s string, max int) string {
	if max <= 0 {
		max = MaxTextLen
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		var piece string
		switch {
		case r == utf8.RuneError && size == 1:
			piece = fmt.Sprintf(`\x%02x`, s[i])
		case r == '\n':
			piece = `\n`
		case r == '\r':
			piece = `\r`
		case r == '\t':
			piece = `\t`
		case r < 0x20 || r == 0x7f:
			piece = fmt.Sprintf(`\x%02x`, r)
		case unsafeRune(r):
			piece = fmt.Sprintf(`\u%04x`, r)
		default:
			piece = s[i : i+size]
		}
		if b.Len()+len(piece) > max {
			b.WriteString("…")
			return b.String()
		}
		b.WriteString(piece)
		i += size
	}
	return b.String()
}

// unsafeRune reports the non-ASCII runes that change what a terminal shows: C1 controls, line and paragraph
// separators, bidirectional embeddings, overrides and isolates, and the byte order mark.
func unsafeRune(r rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x2028 || r == 0x2029 || r == 0xfeff:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e || r == 0x200f || r == 0x061c:
		return true
	}
	return false
}

// JoinProblems joins problems already passed through [Sanitize] with "; ", listing at most ShownProblems of them and
// then "and N more", where N counts the ones not listed plus omitted, the problems an error did not keep.
func JoinProblems(problems []string, omitted int) string {
	n := min(len(problems), ShownProblems)
	s := strings.Join(problems[:n], "; ")
	if more := len(problems) - n + omitted; more > 0 {
		if s != "" {
			s += "; "
		}
		s += fmt.Sprintf("and %d more", more)
	}
	return s
}
