package csl

import (
	"strings"
	"unicode/utf8"
)

// node is the intermediate output of rendering: a tree of text leaves under formatting frames, with affixes kept
// apart so that punctuation can be adjusted across element boundaries before the final string is written.
type node struct {
	text   string
	kids   []*node
	fmt    formatting
	quotes bool
	disp   string
	rich   richKind // frame from rich text markup in the data
	prefix string
	suffix string
	kind   leafKind
	// splice marks the output of cs:choose: its children take the enclosing group's delimiter one by one.
	splice bool
}

type leafKind uint8

const (
	kField  leafKind = iota // variable content
	kAffix                  // prefix, suffix or delimiter written by the style
	kTerm                   // a locale term or a text value
	kNumber                 // a rendered number
)

type richKind uint8

const (
	rNone richKind = iota
	rItalic
	rBold
	rSmallCaps
	rSup
	rSub
	rNoCase
	rQuote
	rQuoteSingle
	rNoDecor
)

func leaf(s string, k leafKind) *node { return &node{text: s, kind: k} }

// isEmpty reports whether a node renders no text (affixes do not count).
func (n *node) isEmpty() bool {
	if n == nil {
		return true
	}
	if n.text != "" {
		return false
	}
	for _, k := range n.kids {
		if !k.isEmpty() {
			return false
		}
	}
	return true
}

// plain returns the node's text without markup or quotes (for comparisons and sort keys).
func (n *node) plain() string {
	var b strings.Builder
	n.writePlain(&b)
	return b.String()
}

func (n *node) writePlain(b *strings.Builder) {
	if n == nil || n.isEmpty() {
		return
	}
	b.WriteString(n.prefix)
	b.WriteString(n.text)
	for _, k := range n.kids {
		k.writePlain(b)
	}
	b.WriteString(n.suffix)
}

// join builds a group node from non-empty parts with a delimiter between them.
func join(parts []*node, delim string) *node {
	g := &node{}
	first := true
	for _, p := range parts {
		if p.isEmpty() {
			continue
		}
		if p.splice && delim != "" {
			for _, k := range p.kids {
				if k.isEmpty() {
					continue
				}
				if !first {
					g.kids = append(g.kids, leaf(delim, kAffix))
				}
				g.kids = append(g.kids, k)
				first = false
			}
			continue
		}
		if !first && delim != "" {
			g.kids = append(g.kids, leaf(delim, kAffix))
		}
		g.kids = append(g.kids, p)
		first = false
	}
	return g
}

// ---- flattening into tokens ----

type tokKind uint8

const (
	tText tokKind = iota
	tOpen
	tClose
)

type frameKind uint8

const (
	fItalic frameKind = iota + 1
	fOblique
	fNormalStyle
	fBold
	fLight
	fNormalWeight
	fSmallCaps
	fNormalVariant
	fUnderline
	fNoDecoration
	fSup
	fSub
	fBaseline
	fQuote
	fQuoteSingle
	fNoDecor
	fDisplay
	fNoCaseMark
)

type tok struct {
	kind  tokKind
	text  string
	frame frameKind
	disp  string
	id    int // pairs an open with its close
	tk    leafKind
}

type flattener struct {
	toks []tok
	next int
}

func (f *flattener) open(k frameKind, disp string) int {
	f.next++
	f.toks = append(f.toks, tok{kind: tOpen, frame: k, disp: disp, id: f.next})
	return f.next
}

func (f *flattener) close(k frameKind, id int) {
	f.toks = append(f.toks, tok{kind: tClose, frame: k, id: id})
}

func (f *flattener) text(s string, k leafKind) {
	if k != kAffix && strings.ContainsAny(s, ":;?!»«") {
		s = frenchSpaces(s)
	}
	if s != "" {
		f.toks = append(f.toks, tok{kind: tText, text: s, tk: k})
	}
}

// fmtFrames lists the frames of a formatting, outermost first (font-style innermost, as citeproc-js nests them).
func fmtFrames(fm formatting) []frameKind {
	var fr []frameKind
	switch fm.verticalAlign {
	case "sup":
		fr = append(fr, fSup)
	case "sub":
		fr = append(fr, fSub)
	case "baseline":
		fr = append(fr, fBaseline)
	}
	switch fm.textDecoration {
	case "underline":
		fr = append(fr, fUnderline)
	case "none":
		fr = append(fr, fNoDecoration)
	}
	switch fm.fontWeight {
	case "bold":
		fr = append(fr, fBold)
	case "light":
		fr = append(fr, fLight)
	case "normal":
		fr = append(fr, fNormalWeight)
	}
	switch fm.fontVariant {
	case "small-caps":
		fr = append(fr, fSmallCaps)
	case "normal":
		fr = append(fr, fNormalVariant)
	}
	switch fm.fontStyle {
	case "italic":
		fr = append(fr, fItalic)
	case "oblique":
		fr = append(fr, fOblique)
	case "normal":
		fr = append(fr, fNormalStyle)
	}
	return fr
}

func (f *flattener) walk(n *node) {
	if n == nil || n.isEmpty() {
		return
	}
	dispID := 0
	if n.disp != "" {
		// A display block holds the element's affixes too ("<div class="csl-left-margin">1. </div>").
		dispID = f.open(fDisplay, n.disp)
	}
	f.text(n.prefix, kAffix)
	var opened [8]struct {
		k  frameKind
		id int
	}
	no := 0
	push := func(k frameKind, disp string) {
		if no < len(opened) {
			opened[no].k, opened[no].id = k, f.open(k, disp)
			no++
		}
	}
	for _, k := range fmtFrames(n.fmt) {
		push(k, "")
	}
	switch n.rich {
	case rItalic:
		push(fItalic, "")
	case rBold:
		push(fBold, "")
	case rSmallCaps:
		push(fSmallCaps, "")
	case rSup:
		push(fSup, "")
	case rSub:
		push(fSub, "")
	case rQuote:
		push(fQuote, "")
	case rQuoteSingle:
		push(fQuoteSingle, "")
	case rNoDecor:
		push(fNoDecor, "")
	}
	if n.quotes {
		push(fQuote, "")
	}
	f.text(n.text, n.kind)
	for _, k := range n.kids {
		f.walk(k)
	}
	for i := no - 1; i >= 0; i-- {
		f.close(opened[i].k, opened[i].id)
	}
	f.text(n.suffix, kAffix)
	if dispID != 0 {
		f.close(fDisplay, dispID)
	}
}

// ---- punctuation ----

func isPunct(r byte) bool {
	switch r {
	case '.', ',', ';', ':', '!', '?':
		return true
	}
	return false
}

// mergePunct gives what two adjacent punctuation marks become (citeproc-js's table): "" when both stay.
func mergePunct(l, r byte) string {
	if l == r {
		return string(l)
	}
	switch l {
	case '!':
		switch r {
		case '.', ':':
			return "!"
		}
	case '?':
		switch r {
		case '.', ':':
			return "?"
		}
	case ':':
		switch r {
		case '!', '?':
			return string(r)
		case '.':
			return ":"
		}
	case ';':
		switch r {
		case '!', '?':
			return string(r)
		case ':', '.':
			return ";"
		}
	}
	return ""
}

// prevText returns the index of the last non-empty text token before i, and whether a quote closes between them.
func prevText(toks []tok, i int) (int, bool) {
	quote := false
	for j := i - 1; j >= 0; j-- {
		switch toks[j].kind {
		case tText:
			if toks[j].text != "" {
				return j, quote
			}
		case tClose:
			if toks[j].frame == fQuote {
				quote = true
			}
		case tOpen:
			if toks[j].frame == fDisplay {
				return -1, quote
			}
		}
	}
	return -1, quote
}

// adjustPunct merges duplicate punctuation and spaces across token boundaries, and moves punctuation into closing
// quotes when the locale asks for it.
func adjustPunct(toks []tok, inQuote bool) {
	for i := range toks {
		t := &toks[i]
		if t.kind != tText || t.text == "" {
			continue
		}
		j, quote := prevText(toks, i)
		if j < 0 {
			continue
		}
		p := &toks[j]
		if p.tk != kAffix && t.tk != kAffix && !(t.tk == kTerm || p.tk == kTerm) {
			continue
		}
		// Spaces: never two in a row across a boundary.
		if t.text[0] == ' ' && p.text[len(p.text)-1] == ' ' {
			t.text = t.text[1:]
			if t.text == "" {
				continue
			}
		}
		c := t.text[0]
		if !isPunct(c) {
			continue
		}
		last := p.text[len(p.text)-1]
		if quote {
			if inQuote && (c == '.' || c == ',' || c == '!' || c == '?') {
				// Move the mark inside the quotes, merging with what ends them.
				if isPunct(last) {
					if m := mergePunct(last, c); m != "" {
						p.text = p.text[:len(p.text)-1] + m
					} else {
						p.text += string(c)
					}
				} else {
					p.text += string(c)
				}
				t.text = t.text[1:]
				continue
			}
			if isPunct(last) && last == c {
				t.text = t.text[1:]
			} else if isPunct(last) && (last == '!' || last == '?') && (c == '.') {
				t.text = t.text[1:]
			}
			continue
		}
		if !isPunct(last) {
			continue
		}
		if m := mergePunct(last, c); m != "" {
			p.text = p.text[:len(p.text)-1] + m
			t.text = t.text[1:]
		}
	}
}

// ---- writing ----

// Format is an output format of the processor.
type Format int

const (
	// HTML writes citeproc-js's HTML: <i>, <b>, <span style=…>, <sup>, <sub>, divs for display and entries.
	HTML Format = iota
	// Text writes plain text: formatting dropped, quotes kept.
	Text
)

type quoteTerms struct{ open, close, openInner, closeInner string }

// write serializes the node as HTML or text.
func write(n *node, f Format, q quoteTerms, inQuote bool) string {
	fl := flattener{}
	fl.walk(n)
	toks := fl.toks
	adjustPunct(toks, inQuote)
	return serialize(toks, f, q)
}

func serialize(toks []tok, f Format, q quoteTerms) string {
	var b strings.Builder
	type emitted struct {
		id    int
		close string
		state func()
	}
	var stack []emitted
	italic, bold, small, quoteLevel := false, false, false, -1
	// Drop frames that contain no text (one pass: a frame has text when text or a frame with text closes in it).
	empty := map[int]bool{}
	var open []int
	hasText := map[int]bool{}
	for i := range toks {
		switch toks[i].kind {
		case tOpen:
			open = append(open, toks[i].id)
		case tText:
			if toks[i].text != "" && len(open) > 0 {
				hasText[open[len(open)-1]] = true
			}
		case tClose:
			if len(open) > 0 {
				id := open[len(open)-1]
				open = open[:len(open)-1]
				if !hasText[id] {
					empty[id] = true
				} else if len(open) > 0 {
					hasText[open[len(open)-1]] = true
				}
			}
		}
	}
	for _, t := range toks {
		switch t.kind {
		case tText:
			if f == HTML {
				b.WriteString(superscripts(escapeHTML(t.text)))
			} else {
				b.WriteString(t.text)
			}
		case tOpen:
			if empty[t.id] {
				continue
			}
			open, close := "", ""
			var restore func()
			switch t.frame {
			case fItalic, fOblique:
				was := italic
				if italic {
					open, close = `<span style="font-style:normal;">`, "</span>"
				} else if t.frame == fOblique {
					open, close = `<span style="font-style:oblique;">`, "</span>"
				} else {
					open, close = "<i>", "</i>"
				}
				italic = !italic
				restore = func() { italic = was }
			case fNormalStyle:
				was := italic
				if italic {
					open, close = `<span style="font-style:normal;">`, "</span>"
				}
				italic = false
				restore = func() { italic = was }
			case fBold:
				was := bold
				if bold {
					open, close = `<span style="font-weight:normal;">`, "</span>"
				} else {
					open, close = "<b>", "</b>"
				}
				bold = !bold
				restore = func() { bold = was }
			case fLight:
				open, close = `<span style="font-weight:light;">`, "</span>"
			case fNormalWeight:
				was := bold
				if bold {
					open, close = `<span style="font-weight:normal;">`, "</span>"
				}
				bold = false
				restore = func() { bold = was }
			case fSmallCaps:
				was := small
				if small {
					open, close = `<span style="font-variant:normal;">`, "</span>"
				} else {
					open, close = `<span style="font-variant:small-caps;">`, "</span>"
				}
				small = !small
				restore = func() { small = was }
			case fNormalVariant:
				was := small
				if small {
					open, close = `<span style="font-variant:normal;">`, "</span>"
				}
				small = false
				restore = func() { small = was }
			case fUnderline:
				open, close = `<span style="text-decoration:underline;">`, "</span>"
			case fNoDecoration:
				open, close = `<span style="text-decoration:none;">`, "</span>"
			case fSup:
				open, close = "<sup>", "</sup>"
			case fSub:
				open, close = "<sub>", "</sub>"
			case fBaseline:
				open, close = `<span style="baseline">`, "</span>"
			case fDisplay:
				open, close = `<div class="csl-`+t.disp+`">`, "</div>"
			case fNoDecor:
				wasI, wasB, wasS := italic, bold, small
				if italic {
					open += `<span style="font-style:normal;">`
					close = "</span>" + close
				}
				if small {
					open += `<span style="font-variant:normal;">`
					close = "</span>" + close
				}
				if bold {
					open += `<span style="font-weight:normal;">`
					close = "</span>" + close
				}
				italic, bold, small = false, false, false
				restore = func() { italic, bold, small = wasI, wasB, wasS }
			case fQuote, fQuoteSingle:
				lvl := quoteLevel
				// Flip-flop: a quote inside quotes takes the other kind; at the top, single quotes in the data stay
				// single (inner) quotes.
				next := 0
				switch {
				case lvl >= 0:
					next = 1 - lvl
				case t.frame == fQuoteSingle:
					next = 1
				}
				if next == 0 {
					open, close = q.open, q.close
				} else {
					open, close = q.openInner, q.closeInner
				}
				quoteLevel = next
				restore = func() { quoteLevel = lvl }
				if f == HTML {
					open, close = escapeHTML(open), escapeHTML(close)
				}
				b.WriteString(open)
				stack = append(stack, emitted{t.id, close, restore})
				continue
			}
			if f != HTML {
				open, close = "", ""
			}
			b.WriteString(open)
			stack = append(stack, emitted{t.id, close, restore})
		case tClose:
			if empty[t.id] {
				continue
			}
			for len(stack) > 0 {
				e := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				b.WriteString(e.close)
				if e.state != nil {
					e.state()
				}
				if e.id == t.id {
					break
				}
			}
		}
	}
	for len(stack) > 0 {
		b.WriteString(stack[len(stack)-1].close)
		stack = stack[:len(stack)-1]
	}
	return b.String()
}

// superscriptChars are the Unicode superscript letters citeproc-js writes as <sup> (ordinal suffixes in locales).
var superscriptChars = map[rune]string{
	'ª': "a", '²': "2", '³': "3", '¹': "1", 'º': "o", 'ʰ': "h", 'ʲ': "j", 'ʳ': "r", 'ʷ': "w", 'ʸ': "y",
	'ˡ': "l", 'ˢ': "s", 'ˣ': "x", 'ᴬ': "A", 'ᴮ': "B", 'ᴰ': "D", 'ᴱ': "E", 'ᴳ': "G", 'ᴴ': "H", 'ᴵ': "I",
	'ᴶ': "J", 'ᴷ': "K", 'ᴸ': "L", 'ᴹ': "M", 'ᴺ': "N", 'ᴼ': "O", 'ᴾ': "P", 'ᴿ': "R", 'ᵀ': "T", 'ᵁ': "U",
	'ᵂ': "W", 'ᵃ': "a", 'ᵇ': "b", 'ᵈ': "d", 'ᵉ': "e", 'ᵍ': "g", 'ᵏ': "k", 'ᵐ': "m", 'ᵒ': "o", 'ᵖ': "p",
	'ᵗ': "t", 'ᵘ': "u", 'ᵛ': "v", 'ᶜ': "c", 'ᶠ': "f", 'ᶻ': "z", '⁰': "0", 'ⁱ': "i", '⁴': "4", '⁵': "5",
	'⁶': "6", '⁷': "7", '⁸': "8", '⁹': "9", '⁺': "+", '⁻': "−", '⁼': "=", '⁽': "(", '⁾': ")", 'ⁿ': "n",
	'℠': "SM", '™': "TM",
}

func superscripts(s string) string {
	has := false
	for _, r := range s {
		if _, ok := superscriptChars[r]; ok {
			has = true
			break
		}
	}
	if !has {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if t, ok := superscriptChars[r]; ok {
			b.WriteString("<sup>" + t + "</sup>")
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func escapeHTML(s string) string {
	if !strings.ContainsAny(s, "&<>") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch r {
		case '&':
			b.WriteString("&#38;")
		case '<':
			b.WriteString("&#60;")
		case '>':
			b.WriteString("&#62;")
		default:
			b.WriteString(s[i : i+w])
		}
		i += w
	}
	return b.String()
}

// frenchSpaces turns a space before a high punctuation mark or guillemet (and after «) into a narrow no-break space,
// as citeproc-js does for all rendered text.
func frenchSpaces(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if r == ' ' && i+1 < len(rs) && strings.ContainsRune(":;?!»", rs[i+1]) {
			b.WriteRune('\u202f')
			continue
		}
		if r == ' ' && i > 0 && rs[i-1] == '«' {
			b.WriteRune('\u202f')
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
