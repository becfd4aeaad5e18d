package csl

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// stopWords are the words title case leaves in lower case (unless first, last or after a colon): the CSL list and
// citeproc-js's longer one.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Split("about above across afore after against al along alongside amid amidst among amongst "+
		"anenst apropos apud around as aside astride at athwart atop barring before behind below beneath beside besides "+
		"between beyond but by circa despite down during et except for forenenst from given in inside into lest like "+
		"modulo near next notwithstanding of off on onto out over per plus pro qua sans since than through thru "+
		"throughout thruout till to toward towards under underneath until unto up upon versus vs. v. vs v via vis-à-vis "+
		"with within without or yet so and nor a an the de d' von van c ca", " ") {
		stopWords[w] = true
	}
}

// caseTagChars split a string into the pieces text-case works on, as citeproc-js does.
func isCaseTag(r rune) bool {
	switch r {
	case '-', '–', '—', '/', '.', ',', ';', '?', '!', ':', '[', ']', '(', ')', '"', '\'', '‘', '’', '“', '”':
		return true
	}
	return false
}

func isCaseSpace(r rune) bool {
	return r == ' ' || r == '\u00a0' || (r >= '\u2000' && r <= '\u200b') || r == '\u205f' || r == '\u3000'
}

type caseLeaf struct {
	n    *node
	prot bool
}

func collectCaseLeaves(n *node, prot bool, out []caseLeaf) []caseLeaf {
	if n == nil {
		return out
	}
	switch n.rich {
	case rNoCase, rSmallCaps, rSup, rSub, rNoDecor:
		prot = true
	}
	if n.text != "" {
		out = append(out, caseLeaf{n, prot})
	}
	for _, k := range n.kids {
		out = collectCaseLeaves(k, prot, out)
	}
	return out
}

// upper is a word in upper case with Unicode's special casing, as JavaScript's toUpperCase (which citeproc-js
// uses) does it: "ß" becomes "SS", "ﬁ" "FI".
func upper(w string) string {
	for _, r := range w {
		if r >= utf8.RuneSelf {
			return cases.Upper(language.Und).String(w)
		}
	}
	return strings.ToUpper(w)
}

func capitalise(w string) string {
	r, size := utf8.DecodeRuneInString(w)
	if r == utf8.RuneError {
		return w
	}
	// Lone Greek letters stay as they are (symbols in science titles).
	if r >= 0x370 && r <= 0x3ff && len(w) == size {
		return w
	}
	return string(unicode.ToUpper(r)) + w[size:]
}

type caseState struct {
	mode       string
	isFirst    bool
	afterPunct bool
	lastLeaf   *node
	lastStart  int
	lastEnd    int
}

// applyTextCase changes the case of the rich text under n in place. Text inside nocase, small-caps, sup and sub spans
// is left alone.
func applyTextCase(n *node, mode string) {
	if mode == "" || n == nil {
		return
	}
	leaves := collectCaseLeaves(n, false, nil)
	st := &caseState{mode: mode, isFirst: true}
	for li, l := range leaves {
		if l.prot {
			if strings.TrimSpace(l.n.text) != "" {
				st.isFirst = false
				st.afterPunct = false
				st.lastLeaf = nil
			}
			continue
		}
		var b strings.Builder
		s := l.n.text
		start := 0
		segIndex := 0
		flushSeg := func(end int, following rune) {
			seg := s[start:end]
			segStart := b.Len()
			if strings.TrimSpace(seg) != "" {
				st.words(seg, &b, l.n, segStart, li == 0 && segIndex == 0 && following == '-')
			} else {
				b.WriteString(seg)
			}
			segIndex++
		}
		for i, r := range s {
			if (r == '\'' || r == '’') && i > 0 && i+utf8.RuneLen(r) < len(s) {
				prev, _ := utf8.DecodeLastRuneInString(s[:i])
				next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
				if unicode.IsLetter(prev) && unicode.IsLetter(next) {
					continue // an apostrophe inside a word
				}
			}
			if isCaseTag(r) {
				flushSeg(i, r)
				b.WriteRune(r)
				start = i + utf8.RuneLen(r)
				if r == '!' || r == '?' || r == ':' {
					st.afterPunct = true
				}
			}
		}
		flushSeg(len(s), 0)
		if st.lastLeaf == l.n {
			// offsets were recorded against the new text
		}
		l.n.text = b.String()
	}
	if st.mode == "title" && st.lastLeaf != nil {
		t := st.lastLeaf.text
		w := t[st.lastStart:st.lastEnd]
		if utf8.RuneCountInString(w) > 1 && stopWords[strings.ToLower(w)] {
			st.lastLeaf.text = t[:st.lastStart] + capitalise(w) + t[st.lastEnd:]
		}
	}
}

// words applies the case to one piece of text between tags, writing it to b. base is the offset of the piece in the
// leaf's new text (to remember where the last word is).
func (st *caseState) words(seg string, b *strings.Builder, leaf *node, base int, hyphenFollows bool) {
	// Split on spaces, keeping them.
	i := 0
	type wpos struct{ s, e int }
	var positions []wpos
	for i < len(seg) {
		r, w := utf8.DecodeRuneInString(seg[i:])
		if isCaseSpace(r) {
			i += w
			continue
		}
		j := i
		for j < len(seg) {
			r2, w2 := utf8.DecodeRuneInString(seg[j:])
			if isCaseSpace(r2) {
				break
			}
			j += w2
		}
		positions = append(positions, wpos{i, j})
		i = j
	}
	out := []byte(nil)
	prev := 0
	for k, p := range positions {
		out = append(out, seg[prev:p.s]...)
		word := seg[p.s:p.e]
		lower := strings.ToLower(word)
		switch st.mode {
		case "lowercase":
			word = lower
		case "uppercase":
			word = upper(word)
		case "capitalize-first":
			if st.isFirst {
				if word == lower {
					word = capitalise(word)
				}
			}
		case "capitalize-all":
			if word == lower {
				word = capitalise(word)
			}
		case "sentence":
			if st.isFirst {
				word = capitalise(word)
			} else {
				word = lower
			}
		case "title":
			capz := false
			switch {
			case utf8.RuneCountInString(word) > 1 && !stopWords[lower]:
				capz = true
			case k == len(positions)-1 && hyphenFollows:
				capz = true
			case st.isFirst, st.afterPunct:
				capz = true
			}
			if capz && word == lower {
				word = capitalise(word)
			}
			st.lastLeaf = leaf
			st.lastStart = base + len(out)
			st.lastEnd = st.lastStart + len(word)
		}
		out = append(out, word...)
		prev = p.e
		st.isFirst = false
		st.afterPunct = false
	}
	out = append(out, seg[prev:]...)
	b.Write(out)
}
