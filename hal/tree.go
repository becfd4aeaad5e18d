package hal

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// The namespaces of HAL TEI.
const (
	// NamespaceTEI is the TEI namespace, the one every element of a HAL TEI document is in.
	NamespaceTEI = "http://www.tei-c.org/ns/1.0"
	// NamespaceHAL is HAL's own namespace, declared on the root of its exports and deposits.
	NamespaceHAL = "http://hal.archives-ouvertes.fr/"
	nsXML        = "http://www.w3.org/XML/1998/namespace"
	nsXSI        = "http://www.w3.org/2001/XMLSchema-instance"
)

// Limits bounds the work a read does, whatever the input. The zero value of a field means its default.
type Limits struct {
	// MaxBytes is the largest document read (default 64 MiB: a 3,000-author export is about 5 MiB).
	MaxBytes int
	// MaxDepth is the deepest element nesting accepted (default 64; HAL TEI nests about 12 deep).
	MaxDepth int
	// MaxElements is the most elements read (default 2,000,000).
	MaxElements int
}

func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = 64 << 20
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = 64
	}
	if l.MaxElements <= 0 {
		l.MaxElements = 2_000_000
	}
	return l
}

// ErrLimit is wrapped by the *ReadError of an input that goes past one of the Limits.
var ErrLimit = errors.New("hal: input exceeds a read limit")

// ReadError reports a document that cannot be read as HAL TEI: where (an element path such as
// "TEI/text/body/listBibl") and why.
type ReadError struct {
	Path   string // the element path, "" for the document as a whole
	Reason string // what is wrong
	Err    error  // the underlying error, if any (an *xml.SyntaxError, ErrLimit)
}

// Error names the path and the problem.
func (e *ReadError) Error() string {
	msg := "hal: "
	if e.Path != "" {
		msg += e.Path + ": "
	}
	msg += e.Reason
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Unwrap returns the underlying error.
func (e *ReadError) Unwrap() error { return e.Err }

// node is one element of a parsed document. Text is the character data directly inside the element (the text of
// its children is theirs); used marks the elements the reader has taken into a Document, so that everything else
// can be reported as not carried over.
type node struct {
	space, name string
	attrs       []xml.Attr
	kids        []*node
	text        string
	used        bool
	parent      *node
}

// attr returns the value of the attribute with the local name local (any namespace but xmlns), and "" when absent.
func (n *node) attr(local string) string {
	for _, a := range n.attrs {
		if a.Name.Local == local && a.Name.Space != "xmlns" {
			return a.Value
		}
	}
	return ""
}

// hasAttr reports whether the attribute is present, even empty.
func (n *node) hasAttr(local string) bool {
	for _, a := range n.attrs {
		if a.Name.Local == local && a.Name.Space != "xmlns" {
			return true
		}
	}
	return false
}

// child returns the first child named name, marking it used; nil when there is none.
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

// children returns the children named name, marking them used.
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

// path is the element path of n from the root, with 1-based positions among same-named siblings where there are
// several: "TEI/text/body/listBibl/biblFull/titleStmt/author[2]".
func (n *node) path() string {
	var parts []string
	for c := n; c != nil; c = c.parent {
		p := c.name
		if c.parent != nil {
			same, pos := 0, 0
			for _, s := range c.parent.kids {
				if s.name == c.name {
					same++
					if s == c {
						pos = same
					}
				}
			}
			if same > 1 {
				p += fmt.Sprintf("[%d]", pos)
			}
		}
		parts = append(parts, p)
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, "/")
}

// fullText is the text of n and all its descendants, in document order, with runs of white space collapsed.
func (n *node) fullText() string {
	if n == nil {
		return ""
	}
	if len(n.kids) == 0 {
		return collapse(n.text)
	}
	var b strings.Builder
	var walk func(*node)
	walk = func(m *node) {
		m.used = true
		b.WriteString(m.text)
		for _, k := range m.kids {
			b.WriteByte(' ')
			walk(k)
		}
	}
	walk(n)
	return collapse(b.String())
}

// value is the collapsed text directly inside n; "" for a nil node.
func (n *node) value() string {
	if n == nil {
		return ""
	}
	return collapse(n.text)
}

// collapse trims s and turns every run of white space into one space.
func collapse(s string) string {
	if !strings.ContainsAny(s, "\t\n\r") && !strings.Contains(s, "  ") {
		return strings.TrimSpace(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// parseTree reads a whole XML document into a tree, within the limits. Text between elements is kept per element;
// comments, processing instructions and the DOCTYPE are skipped (a DOCTYPE with an internal subset is refused: its
// entities could expand without bound).
func parseTree(data []byte, lim Limits) (*node, error) {
	lim = lim.withDefaults()
	if len(data) > lim.MaxBytes {
		return nil, &ReadError{Reason: fmt.Sprintf("document of %d bytes is larger than the limit of %d", len(data), lim.MaxBytes), Err: ErrLimit}
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = func(charset string, in io.Reader) (io.Reader, error) {
		switch strings.ToLower(charset) {
		case "utf-8", "utf8", "us-ascii", "ascii":
			return in, nil
		}
		return nil, fmt.Errorf("encoding %q is not supported (HAL TEI is UTF-8)", charset)
	}
	var root, cur *node
	depth, count := 0, 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			p := ""
			if cur != nil {
				p = cur.path()
			}
			return nil, &ReadError{Path: p, Reason: "malformed XML", Err: err}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			count++
			if depth > lim.MaxDepth {
				return nil, &ReadError{Path: cur.path(), Reason: fmt.Sprintf("elements nested deeper than %d", lim.MaxDepth), Err: ErrLimit}
			}
			if count > lim.MaxElements {
				return nil, &ReadError{Path: cur.path(), Reason: fmt.Sprintf("more than %d elements", lim.MaxElements), Err: ErrLimit}
			}
			if cur == nil && root != nil {
				return nil, &ReadError{Reason: "more than one root element"}
			}
			n := &node{space: t.Name.Space, name: t.Name.Local, attrs: t.Attr, parent: cur}
			if cur == nil {
				root = n
			} else {
				cur.kids = append(cur.kids, n)
			}
			cur = n
		case xml.EndElement:
			if cur == nil || t.Name.Local != cur.name || t.Name.Space != cur.space {
				return nil, &ReadError{Reason: fmt.Sprintf("unexpected end element </%s>", t.Name.Local)}
			}
			depth--
			cur = cur.parent
		case xml.CharData:
			if cur != nil {
				cur.text += string(t)
			} else if len(bytes.TrimSpace(t)) > 0 {
				return nil, &ReadError{Reason: "text outside the root element"}
			}
		case xml.Directive:
			if bytes.Contains(t, []byte("[")) || bytes.Contains(t, []byte("ENTITY")) {
				return nil, &ReadError{Reason: "DOCTYPE with an internal subset or entity declarations is not accepted"}
			}
		}
	}
	if root == nil {
		return nil, &ReadError{Reason: "no root element"}
	}
	if cur != nil {
		return nil, &ReadError{Path: cur.path(), Reason: "document ends inside an element", Err: io.ErrUnexpectedEOF}
	}
	resolveNamespaces(root, nil)
	return root, nil
}

// resolveNamespaces replaces the prefixes RawToken leaves in element and attribute names by namespace URLs.
func resolveNamespaces(n *node, scope map[string]string) {
	local, copied := scope, false
	for _, a := range n.attrs {
		if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
			if !copied {
				local, copied = make(map[string]string, len(scope)+2), true
				for k, v := range scope {
					local[k] = v
				}
			}
			if a.Name.Space == "" {
				local[""] = a.Value
			} else {
				local[a.Name.Local] = a.Value
			}
		}
	}
	n.space = lookupNS(local, n.space)
	for i, a := range n.attrs {
		switch {
		case a.Name.Space == "xml":
			n.attrs[i].Name.Space = nsXML
		case a.Name.Space != "" && a.Name.Space != "xmlns":
			n.attrs[i].Name.Space = lookupNS(local, a.Name.Space)
		}
	}
	for _, k := range n.kids {
		resolveNamespaces(k, local)
	}
}

func lookupNS(scope map[string]string, prefix string) string {
	if v, ok := scope[prefix]; ok {
		return v
	}
	return prefix
}

// writer writes an XML tree with two-space indentation. Elements with text are written on one line.
type writer struct {
	b bytes.Buffer
}

// el is an element to write: name, attributes as name/value pairs in order (with an "xml:" prefix for the XML
// namespace's), text, children. Attributes with empty values are left out.
type el struct {
	name  string
	attrs []string
	text  string
	kids  []*el
}

func elem(name string, attrs ...string) *el { return &el{name: name, attrs: attrs} }

func (e *el) add(k ...*el) *el {
	for _, c := range k {
		if c != nil {
			e.kids = append(e.kids, c)
		}
	}
	return e
}

func textEl(name, text string, attrs ...string) *el {
	return &el{name: name, text: text, attrs: attrs}
}

// pads is the indentation of the deepest elements written; deeper ones are indented as deep.
const pads = "                                                                "

func (w *writer) pad(indent int) {
	n := 2 * indent
	if n > len(pads) {
		n = len(pads)
	}
	w.b.WriteString(pads[:n])
}

// escape writes s escaped as xml.EscapeText does; text without anything to escape is written as it is.
func (w *writer) escape(s string) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' || c >= 0x80 {
			if c >= 0x80 && utf8.ValidString(s[i:]) && !strings.ContainsAny(s[i:], "\uFFFE\uFFFF") &&
				!hasControl(s[i:]) && !strings.ContainsAny(s[i:], `&<>"'`) {
				break
			}
			xml.EscapeText(&w.b, []byte(s))
			return
		}
	}
	w.b.WriteString(s)
}

// hasControl reports whether s holds a byte below 0x20.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 {
			return true
		}
	}
	return false
}

func (w *writer) write(e *el, indent int) {
	w.pad(indent)
	w.b.WriteByte('<')
	w.b.WriteString(e.name)
	for i := 0; i+1 < len(e.attrs); i += 2 {
		if e.attrs[i+1] == "" {
			continue
		}
		w.b.WriteByte(' ')
		w.b.WriteString(e.attrs[i])
		w.b.WriteString(`="`)
		w.escape(e.attrs[i+1])
		w.b.WriteByte('"')
	}
	switch {
	case len(e.kids) == 0 && e.text == "":
		w.b.WriteString("/>\n")
	case len(e.kids) == 0:
		w.b.WriteByte('>')
		w.escape(e.text)
		w.closeTag(e.name)
	default:
		w.b.WriteString(">\n")
		if e.text != "" {
			w.pad(indent + 1)
			w.escape(e.text)
			w.b.WriteByte('\n')
		}
		for _, k := range e.kids {
			w.write(k, indent+1)
		}
		w.pad(indent)
		w.closeTag(e.name)
	}
}

func (w *writer) closeTag(name string) {
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteString(">\n")
}
