// Package xmltree reads an XML document into a tree of elements, bounded in size, depth and element count, and
// remembers which elements a mapping read, so that a reader can name everything else in its loss report. It serves
// the publication readers (Crossref, arXiv). A tree is not safe for concurrent use; parsing is.
package xmltree

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Limits of Parse.
const (
	MaxSize     = 64 << 20  // bytes of input
	MaxDepth    = 128       // nesting of elements
	MaxElements = 2_000_000 // elements in a document
)

// Error is a document Parse cannot read: malformed XML, an encoding other than UTF-8, a limit exceeded.
type Error struct {
	Line int    // the line of the problem, 0 when unknown
	Msg  string // what is wrong
	Err  error  // the underlying error, if any
}

// Error says where and what.
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Node is an XML element read into memory: its local name, attributes, text and children. Used marks what the
// mapping read, so that whatever it did not is named in the loss report.
type Node struct {
	Name  string     // the local name
	Space string     // the namespace URI
	Attrs []xml.Attr // the attributes
	Text  string     // the element's own character data, trimmed
	Kids  []*Node    // the child elements in order
	Used  bool       // whether a mapping read the element
	Line  int        // the line the element starts on
}

// Parse reads a UTF-8 document into a tree, bounded by MaxSize, MaxDepth and MaxElements. Errors are *Error values.
func Parse(data []byte) (*Node, error) {
	if len(data) > MaxSize {
		return nil, &Error{Msg: fmt.Sprintf("input of %d bytes is larger than %d", len(data), MaxSize)}
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	dec.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if strings.EqualFold(label, "utf-8") || strings.EqualFold(label, "us-ascii") {
			return r, nil
		}
		return nil, fmt.Errorf("encoding %q is not UTF-8", label)
	}
	var stack []*Node
	var root *Node
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
				return nil, &Error{Line: se.Line, Msg: se.Msg, Err: err}
			}
			return nil, &Error{Msg: err.Error(), Err: err}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			count++
			if count > MaxElements {
				return nil, &Error{Msg: fmt.Sprintf("more than %d elements", MaxElements)}
			}
			if len(stack) >= MaxDepth {
				return nil, &Error{Msg: fmt.Sprintf("elements nested deeper than %d", MaxDepth)}
			}
			line, _ := dec.InputPos()
			n := &Node{Name: t.Name.Local, Space: t.Name.Space, Attrs: append([]xml.Attr(nil), t.Attr...), Line: line}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Text += text.String()
				p.Kids = append(p.Kids, n)
			} else if root == nil {
				root = n
			}
			text.Reset()
			stack = append(stack, n)
		case xml.EndElement:
			n := stack[len(stack)-1]
			n.Text = strings.TrimSpace(n.Text + text.String())
			text.Reset()
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				if text.Len()+len(t) > MaxSize {
					return nil, &Error{Msg: "text too long"}
				}
				text.Write(t)
			}
		}
	}
	if root == nil {
		return nil, &Error{Msg: "no element"}
	}
	return root, nil
}

// Attr returns the value of the attribute with local name name.
func (n *Node) Attr(name string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// Child returns the first child named name, or nil; it marks it used.
func (n *Node) Child(name string) *Node {
	if n == nil {
		return nil
	}
	for _, k := range n.Kids {
		if k.Name == name {
			k.Used = true
			return k
		}
	}
	return nil
}

// Children returns the children named name and marks them used.
func (n *Node) Children(name string) []*Node {
	if n == nil {
		return nil
	}
	var out []*Node
	for _, k := range n.Kids {
		if k.Name == name {
			k.Used = true
			out = append(out, k)
		}
	}
	return out
}

// Str returns the text of the first child named name (marked used), or "".
func (n *Node) Str(name string) string {
	if c := n.Child(name); c != nil {
		return c.Text
	}
	return ""
}

// All marks n and its whole subtree used.
func (n *Node) All() *Node {
	if n == nil {
		return nil
	}
	n.Used = true
	for _, k := range n.Kids {
		k.All()
	}
	return n
}

// DeepText returns the text of n and its descendants, paragraphs (p, title elements) on lines of their own, and
// marks them used.
func (n *Node) DeepText() string {
	var b strings.Builder
	var walk func(*Node)
	walk = func(x *Node) {
		x.Used = true
		if x.Text != "" {
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
				b.WriteByte(' ')
			}
			b.WriteString(x.Text)
		}
		for _, k := range x.Kids {
			walk(k)
		}
		if x.Name == "p" || x.Name == "title" {
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
func (n *Node) short() string {
	if n.Text != "" {
		if len(n.Text) > 80 {
			return cut(n.Text, 80)
		}
		return n.Text
	}
	var names []string
	for _, k := range n.Kids {
		names = append(names, k.Name)
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

// Short shows the element in a note: its text, or its children's names.
func (n *Node) Short() string { return n.short() }

// Unused calls f for each topmost element of the subtree that was not read, with its path from n.
func (n *Node) Unused(path string, f func(path string, n *Node)) {
	counts := map[string]int{}
	for _, k := range n.Kids {
		counts[k.Name]++
	}
	seen := map[string]int{}
	for _, k := range n.Kids {
		p := path + "/" + k.Name
		if counts[k.Name] > 1 {
			p += fmt.Sprintf("[%d]", seen[k.Name])
		}
		seen[k.Name]++
		if !k.Used {
			f(p, k)
			continue
		}
		k.Unused(p, f)
	}
}
