package csl

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Rich text in field values: the HTML-like tags citeproc-js accepts (<i>, <b>, <sc>, <sup>, <sub>,
// <span style="font-variant:small-caps;">, <span class="nocase">) and quotation marks, which become quote frames so
// that nested quotes alternate between outer and inner marks. Unmatched tags and quotes stay as text.

type rtok struct {
	text  string
	open  bool
	close bool
	kind  richKind
	quote string // for quote tokens: the family ("\"", "'", "“", "‘", "«")
	lit   string // the literal text to use if unmatched
}

var richTags = []struct {
	open, close string
	kind        richKind
}{
	{"<i>", "</i>", rItalic},
	{"<b>", "</b>", rBold},
	{"<sc>", "</sc>", rSmallCaps},
	{"<sup>", "</sup>", rSup},
	{"<sub>", "</sub>", rSub},
	{`<span class="nocase">`, "</span>", rNoCase},
	{`<span style="font-variant:small-caps;">`, "</span>", rSmallCaps},
	{`<span style="font-variant: small-caps;">`, "</span>", rSmallCaps},
	{`<span style="font-style:italic;">`, "</span>", rItalic},
	{`<span style="font-weight:bold;">`, "</span>", rBold},
	{`<span class="nodecor">`, "</span>", rNoDecor},
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// parseRich parses a field value into a node tree of kind k leaves.
func parseRich(s string, k leafKind) *node {
	if !strings.ContainsAny(s, "<\"'“”‘’") {
		return leaf(s, k)
	}
	toks := tokenizeRich(s)
	// Match pairs with a stack; unmatched openers and closers become literal text.
	matched := make([]bool, len(toks))
	var stack []int
	for i, t := range toks {
		switch {
		case t.open && t.close: // an ambiguous straight quote: closes a matching open one, else opens
			closed := false
			for j := len(stack) - 1; j >= 0; j-- {
				o := toks[stack[j]]
				if o.kind == rQuote && o.quote == t.quote {
					matched[stack[j]], matched[i] = true, true
					toks[i].open = false
					stack = stack[:j]
					closed = true
					break
				}
				if o.kind != rQuote {
					break
				}
			}
			if !closed {
				toks[i].close = false
				stack = append(stack, i)
			}
		case t.open:
			stack = append(stack, i)
		case t.close:
			for j := len(stack) - 1; j >= 0; j-- {
				o := toks[stack[j]]
				if o.kind == t.kind && (t.kind != rQuote || o.quote == t.quote) {
					matched[stack[j]], matched[i] = true, true
					stack = stack[:j]
					break
				}
				if t.kind != rQuote && o.kind == rQuote {
					continue
				}
				if t.kind == rQuote && o.kind != rQuote {
					break
				}
			}
		}
	}
	root := &node{}
	cur := []*node{root}
	for i, t := range toks {
		top := cur[len(cur)-1]
		switch {
		case (t.open || t.close) && !matched[i]:
			appendText(top, t.lit, k)
		case t.open:
			n := &node{rich: t.kind}
			if t.kind == rQuote && t.quote == "'" && t.lit == "‘" {
				n.rich = rQuoteSingle // curly single quotes in the data stay single at the top level
			}
			top.kids = append(top.kids, n)
			cur = append(cur, n)
		case t.close:
			if len(cur) > 1 {
				cur = cur[:len(cur)-1]
			}
		default:
			appendText(top, t.text, k)
		}
	}
	if len(root.kids) == 1 && root.kids[0].rich == rNone {
		return root.kids[0]
	}
	return root
}

func appendText(n *node, s string, k leafKind) {
	if s == "" {
		return
	}
	if l := len(n.kids); l > 0 && n.kids[l-1].rich == rNone && n.kids[l-1].kids == nil {
		n.kids[l-1].text += s
		return
	}
	n.kids = append(n.kids, leaf(s, k))
}

func tokenizeRich(s string) []rtok {
	var toks []rtok
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			toks = append(toks, rtok{text: text.String()})
			text.Reset()
		}
	}
	// The closing tag </span> closes whichever span opened last; track span kinds.
	var spans []richKind
	for i := 0; i < len(s); {
		c := s[i]
		if c == '<' {
			found := false
			for _, tg := range richTags {
				if strings.HasPrefix(s[i:], tg.open) {
					flush()
					toks = append(toks, rtok{open: true, kind: tg.kind, lit: tg.open})
					if strings.HasPrefix(tg.open, "<span") {
						spans = append(spans, tg.kind)
					}
					i += len(tg.open)
					found = true
					break
				}
			}
			if !found {
				for _, tg := range richTags {
					if tg.close == "</span>" {
						continue
					}
					if strings.HasPrefix(s[i:], tg.close) {
						flush()
						toks = append(toks, rtok{close: true, kind: tg.kind, lit: tg.close})
						i += len(tg.close)
						found = true
						break
					}
				}
			}
			if !found && strings.HasPrefix(s[i:], "</span>") && len(spans) > 0 {
				flush()
				kind := spans[len(spans)-1]
				spans = spans[:len(spans)-1]
				toks = append(toks, rtok{close: true, kind: kind, lit: "</span>"})
				i += len("</span>")
				found = true
			}
			if !found {
				text.WriteByte(c)
				i++
			}
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		var prev, next rune = ' ', ' '
		if i > 0 {
			prev, _ = utf8.DecodeLastRuneInString(s[:i])
		}
		if i+w < len(s) {
			next, _ = utf8.DecodeRuneInString(s[i+w:])
		}
		switch r {
		case '"':
			flush()
			toks = append(toks, quoteTok("\"", "\"", prev, next))
		case '\'', '’':
			if isWordRune(prev) && isWordRune(next) {
				text.WriteString("’") // apostrophe
				break
			}
			t := quoteTok("'", "’", prev, next)
			if r == '’' {
				t.open, t.close = false, true
			}
			if !t.open && !t.close {
				text.WriteString("’")
				break
			}
			flush()
			toks = append(toks, t)
		case '‘':
			flush()
			toks = append(toks, rtok{open: true, kind: rQuote, quote: "'", lit: "‘"})
		case '“':
			flush()
			toks = append(toks, rtok{open: true, kind: rQuote, quote: "\"", lit: "“"})
		case '”':
			flush()
			toks = append(toks, rtok{close: true, kind: rQuote, quote: "\"", lit: "”"})
		default:
			text.WriteString(s[i : i+w])
		}
		i += w
	}
	flush()
	// A straight single quote that no other quote can match is an apostrophe.
	return toks
}

// quoteTok classifies a straight quote by its neighbours: opening before a word, closing after one.
func quoteTok(q, lit string, prev, next rune) rtok {
	t := rtok{kind: rQuote, quote: q, lit: lit}
	prevSpace := unicode.IsSpace(prev) || strings.ContainsRune("([{-–—/", prev)
	nextSpace := unicode.IsSpace(next) || (unicode.IsPunct(next) && next != '<' && next != '\'' && next != '"' && next != '‘' && next != '“')
	switch {
	case prevSpace && !nextSpace:
		t.open = true
	case !prevSpace && nextSpace:
		t.close = true
	case !prevSpace && !nextSpace:
		if q == "\"" {
			t.open, t.close = true, true
		}
	}
	if q == "\"" && t.lit == "\"" {
		t.lit = "\""
	}
	return t
}
