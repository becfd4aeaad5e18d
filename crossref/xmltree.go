package crossref

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Limits of the XML reader.
const (
	maxXMLDepth    = 128
	maxXMLElements = 2_000_000
)

// node is an XML element read into memory: its local name, attributes, text and children. used marks what the
// mapping read, so that whatever it did not is named in the loss report.
type node struct {
	name  string
	attrs []xml.Attr
	text  string // the element's own character data, trimmed
	kids  []*node
	used  bool
	line  int
}

// parseXML reads a document into a tree, bounded in size, depth and element count.
func parseXML(data []byte) (*node, error) {
	if len(data) > MaxInputSize {
		return nil, &ReadError{Format: "XML", Msg: fmt.Sprintf("input of %d bytes is larger than %d", len(data), MaxInputSize)}
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	dec.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if strings.EqualFold(label, "utf-8") || strings.EqualFold(label, "us-ascii") {
			return r, nil
		}
		return nil, fmt.Errorf("encoding %q is not UTF-8", label)
	}
	var stack []*node
	var root *node
	count := 0
	var text strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, &ReadError{Format: "XML", Msg: fmt.Sprintf("line %d: %s", se.Line, se.Msg), Err: err}
			}
			return nil, &ReadError{Format: "XML", Msg: err.Error(), Err: err}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			count++
			if count > maxXMLElements {
				return nil, &ReadError{Format: "XML", Msg: fmt.Sprintf("more than %d elements", maxXMLElements)}
			}
			if len(stack) >= maxXMLDepth {
				return nil, &ReadError{Format: "XML", Msg: fmt.Sprintf("elements nested deeper than %d", maxXMLDepth)}
			}
			line, _ := dec.InputPos()
			n := &node{name: t.Name.Local, attrs: append([]xml.Attr(nil), t.Attr...), line: line}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.text += text.String()
				p.kids = append(p.kids, n)
			} else if root == nil {
				root = n
			}
			text.Reset()
			stack = append(stack, n)
		case xml.EndElement:
			n := stack[len(stack)-1]
			n.text = strings.TrimSpace(n.text + text.String())
			text.Reset()
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				if text.Len()+len(t) > MaxInputSize {
					return nil, &ReadError{Format: "XML", Msg: "text too long"}
				}
				text.Write(t)
			}
		}
	}
	if root == nil {
		return nil, &ReadError{Format: "XML", Msg: "no element", Err: ErrNotCrossref}
	}
	return root, nil
}

// attr returns the value of the attribute with local name name.
func (n *node) attr(name string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// child returns the first child named name, or nil; it marks it used.
func (n *node) child(name string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.name == name {
			k.used = true
			return k
		}
	}
	return nil
}

// children returns the children named name and marks them used.
func (n *node) children(name string) []*node {
	if n == nil {
		return nil
	}
	var out []*node
	for _, k := range n.kids {
		if k.name == name {
			k.used = true
			out = append(out, k)
		}
	}
	return out
}

// str returns the text of the first child named name (marked used), or "".
func (n *node) str(name string) string {
	if c := n.child(name); c != nil {
		return c.text
	}
	return ""
}

// all marks n and its whole subtree used.
func (n *node) all() *node {
	if n == nil {
		return nil
	}
	n.used = true
	for _, k := range n.kids {
		k.all()
	}
	return n
}

// deepText returns the text of n and its descendants, paragraphs (p, title elements) on lines of their own, and
// marks them used.
func (n *node) deepText() string {
	var b strings.Builder
	var walk func(*node)
	walk = func(x *node) {
		x.used = true
		if x.text != "" {
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
				b.WriteByte(' ')
			}
			b.WriteString(x.text)
		}
		for _, k := range x.kids {
			walk(k)
		}
		if x.name == "p" || x.name == "title" {
			b.WriteByte('\n')
		}
	}
	walk(n)
	lines := strings.Split(b.String(), "\n")
	kept := lines[:0]
	for _, l := range lines {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, "\n")
}

// short shows an element in a note: its text, or its children's names.
func (n *node) short() string {
	if n.text != "" {
		if len(n.text) > 80 {
			return cut(n.text, 80)
		}
		return n.text
	}
	var names []string
	for _, k := range n.kids {
		names = append(names, k.name)
		if len(names) == 6 {
			names = append(names, "…")
			break
		}
	}
	if len(names) == 0 {
		return ""
	}
	return "<" + strings.Join(names, ", ") + ">"
}

func cut(s string, n int) string {
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

// Short implements loss.Shower.
func (n *node) Short() string { return n.short() }

// unused calls f for each topmost element of the subtree that was not read, with its path from n.
func (n *node) unused(path string, f func(path string, n *node)) {
	counts := map[string]int{}
	for _, k := range n.kids {
		counts[k.name]++
	}
	seen := map[string]int{}
	for _, k := range n.kids {
		p := path + "/" + k.name
		if counts[k.name] > 1 {
			p += fmt.Sprintf("[%d]", seen[k.name])
		}
		seen[k.name]++
		if !k.used {
			f(p, k)
			continue
		}
		k.unused(p, f)
	}
}
