package csl

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// xnode is a parsed XML element: the generic tree that styles and locales are compiled from.
type xnode struct {
	name  string
	attrs map[string]string
	kids  []*xnode
	text  string
	line  int
}

func (n *xnode) attr(k string) string { return n.attrs[k] }

func (n *xnode) has(k string) bool { _, ok := n.attrs[k]; return ok }

func (n *xnode) child(name string) *xnode {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// Limits on the XML of styles and locales.
const (
	maxXMLBytes    = 4 << 20
	maxXMLDepth    = 64
	maxXMLElements = 100000
)

// parseXML reads a CSL XML document (style or locale) into a tree of elements, namespaces dropped except xml:lang.
func parseXML(data []byte) (*xnode, error) {
	if len(data) > maxXMLBytes {
		return nil, fmt.Errorf("document larger than %d bytes", maxXMLBytes)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	dec.CharsetReader = func(charset string, input io.Reader) (io.Reader, error) {
		if strings.EqualFold(charset, "utf-8") || strings.EqualFold(charset, "us-ascii") {
			return input, nil
		}
		return nil, fmt.Errorf("unsupported encoding %q", charset)
	}
	var stack []*xnode
	var root *xnode
	count := 0
	for {
		line, _ := dec.InputPos()
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			count++
			if count > maxXMLElements {
				return nil, fmt.Errorf("more than %d elements", maxXMLElements)
			}
			if len(stack) >= maxXMLDepth {
				return nil, fmt.Errorf("elements nested deeper than %d", maxXMLDepth)
			}
			n := &xnode{name: t.Name.Local, attrs: make(map[string]string, len(t.Attr)), line: line}
			for _, a := range t.Attr {
				k := a.Name.Local
				if a.Name.Space == "xmlns" || (a.Name.Space == "" && k == "xmlns") {
					continue
				}
				if a.Name.Space == "http://www.w3.org/XML/1998/namespace" || a.Name.Space == "xml" {
					k = "xml:" + k
				}
				n.attrs[k] = a.Value
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			} else if root == nil {
				root = n
			} else {
				return nil, errors.New("more than one root element")
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) == 0 {
				return nil, errors.New("unbalanced end tag")
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if root == nil {
		return nil, errors.New("no root element")
	}
	return root, nil
}
