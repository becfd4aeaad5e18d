package datacite_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/doi"
)

// The losslessness tests compare parsed trees, not strings. These are the trees and the few equivalences the
// package documents: numbers compared as numbers, publisher and affiliation strings as objects with a name, empty
// optional elements and JSON nulls as absent, the record's own DOI listed in identifiers as its DOI. Text is compared exactly: whitespace is text, and a description's
// <br/> is a mark no text can hold.

// xnode is an XML element reduced to what DataCite metadata means: local name, attributes, text, children.
type xnode struct {
	Name  string
	Attrs map[string]string
	Text  string
	Kids  []*xnode
}

var numericElems = map[string]bool{
	"pointLongitude": true, "pointLatitude": true, "westBoundLongitude": true, "eastBoundLongitude": true,
	"southBoundLatitude": true, "northBoundLatitude": true,
}

// allGroups are the elements whose children form an xs:all group.
var allGroups = map[string]bool{"resource": true, "geoLocationPoint": true, "polygonPoint": true, "inPolygonPoint": true,
	"geoLocationBox": true, "fundingReference": true}

// geoOrder ranks the children of a geoLocation, whose order the schema leaves free.
var geoOrder = map[string]int{"geoLocationPlace": 0, "geoLocationPoint": 1, "geoLocationBox": 2, "geoLocationPolygon": 3}

// brMark stands for a <br/> in the text of a parsed description: no character of XML text can be NUL.
const brMark = "\x00br\x00"

// parseXMLTree parses XML into an xnode tree; a <br/> in a description is brMark in its text, and the text of every
// leaf is compared exactly, whitespace included.
func parseXMLTree(t *testing.T, data []byte) *xnode {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = func(label string, r io.Reader) (io.Reader, error) { return r, nil }
	var stack []*xnode
	var root *xnode
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("parse XML: %v", err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			n := &xnode{Name: tk.Name.Local, Attrs: map[string]string{}}
			for _, a := range tk.Attr {
				switch {
				case a.Name.Space == "xmlns" || a.Name.Local == "xmlns" && a.Name.Space == "":
				case a.Name.Space == "http://www.w3.org/2001/XMLSchema-instance":
				case a.Name.Space == "http://www.w3.org/XML/1998/namespace":
					n.Attrs["xml:"+a.Name.Local] = a.Value
				default:
					n.Attrs[a.Name.Local] = a.Value
				}
			}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				if p.Name == "description" && n.Name == "br" {
					p.Text += brMark
				} else {
					p.Kids = append(p.Kids, n)
				}
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text += string(tk)
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
	return canonXML(root)
}

func canonXML(n *xnode) *xnode {
	kids := n.Kids[:0]
	for _, k := range n.Kids {
		if k.Name == "br" {
			continue
		}
		if c := canonXML(k); c != nil {
			kids = append(kids, c)
		}
	}
	n.Kids = kids
	if len(n.Kids) > 0 {
		n.Text = ""
	}
	switch {
	case numericElems[n.Name]:
		f, err := strconv.ParseFloat(strings.TrimSpace(n.Text), 64)
		if err == nil {
			n.Text = strconv.FormatFloat(f, 'g', -1, 64)
		}
	case n.Name == "publicationYear":
		n.Text = strings.TrimSpace(n.Text)
	case n.Name == "geoLocation":
		sort.SliceStable(n.Kids, func(i, j int) bool { return geoOrder[n.Kids[i].Name] < geoOrder[n.Kids[j].Name] })
	case allGroups[n.Name]:
		// xs:all: the order of the children carries no meaning.
		sort.SliceStable(n.Kids, func(i, j int) bool { return n.Kids[i].Name < n.Kids[j].Name })
	}
	if len(n.Attrs) == 0 && len(n.Kids) == 0 && n.Text == "" {
		return nil
	}
	return n
}

func (n *xnode) String() string {
	var b strings.Builder
	var walk func(n *xnode, depth int)
	walk = func(n *xnode, depth int) {
		keys := make([]string, 0, len(n.Attrs))
		for k := range n.Attrs {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintf(&b, "%s%s", strings.Repeat("  ", depth), n.Name)
		for _, k := range keys {
			fmt.Fprintf(&b, " %s=%q", k, n.Attrs[k])
		}
		if n.Text != "" {
			fmt.Fprintf(&b, " %q", n.Text)
		}
		b.WriteByte('\n')
		for _, k := range n.Kids {
			walk(k, depth+1)
		}
	}
	walk(n, 0)
	return b.String()
}

// diffLines returns the first differing line of two renderings, for failure messages.
func diffLines(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < max(len(al), len(bl)); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\n  in:  %s\n  out: %s", i+1, x, y)
		}
	}
	return "(no difference)"
}

func sameXML(t *testing.T, in, out []byte) {
	t.Helper()
	a, b := parseXMLTree(t, in), parseXMLTree(t, out)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("XML trees differ: %s", diffLines(a.String(), b.String()))
	}
}

// canonJSON applies the documented equivalences to a decoded DataCite JSON value at key.
func canonJSON(key string, v any) any {
	switch x := v.(type) {
	case nil:
		return nil
	case string:
		switch key {
		case "publisher", "affiliation":
			if x == "" {
				return nil
			}
			return map[string]any{"name": x}
		case "publicationYear", "pointLongitude", "pointLatitude", "westBoundLongitude", "eastBoundLongitude",
			"southBoundLatitude", "northBoundLatitude":
			if f, err := strconv.ParseFloat(strings.TrimSpace(x), 64); err == nil {
				return f
			}
		}
		if x == "" {
			return nil
		}
		return x
	case []any:
		out := []any{}
		for _, e := range x {
			if c := canonJSON(key, e); c != nil {
				out = append(out, c)
			}
		}
		if len(out) == 0 {
			return nil
		}
		return out
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			if c := canonJSON(k, e); c != nil {
				out[k] = c
			}
		}
		if ids, ok := out["identifiers"]; ok && out["alternateIdentifiers"] == nil && key == "attributes" {
			var alt []any
			for _, e := range ids.([]any) {
				m := e.(map[string]any)
				if ty, _ := m["identifierType"].(string); ty == "DOI" && doi.Equal(fmt.Sprint(m["identifier"]), fmt.Sprint(out["doi"])) {
					continue // the record's own DOI, read as its DOI
				}
				alt = append(alt, map[string]any{"alternateIdentifier": m["identifier"], "alternateIdentifierType": m["identifierType"]})
			}
			out["alternateIdentifiers"] = alt
			delete(out, "identifiers")
		}
		if len(out) == 0 {
			return nil
		}
		return out
	}
	return v
}

func decodeJSON(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("decode JSON: %v", err)
	}
	return v
}

// metadataKeys are the attributes that DataCite metadata defines (and url), the part that crosses fair.Resource.
var metadataKeys = []string{"doi", "url", "creators", "titles", "publisher", "publicationYear", "types", "subjects",
	"contributors", "dates", "language", "alternateIdentifiers", "relatedIdentifiers", "sizes", "formats", "version",
	"rightsList", "descriptions", "geoLocations", "fundingReferences", "relatedItems"}

// metadataOnly keeps the metadata attributes, and of types only the two the schema defines.
func metadataOnly(attrs map[string]any) map[string]any {
	out := map[string]any{}
	for _, k := range metadataKeys {
		if v, ok := attrs[k]; ok {
			out[k] = v
		}
	}
	if ty, ok := out["types"].(map[string]any); ok {
		kept := map[string]any{}
		for _, k := range []string{"resourceTypeGeneral", "resourceType"} {
			if v, ok := ty[k]; ok {
				kept[k] = v
			}
		}
		out["types"] = kept
	}
	return out
}

func sameJSON(t *testing.T, what string, in, out any) {
	t.Helper()
	if !reflect.DeepEqual(in, out) {
		a, _ := json.MarshalIndent(in, "", " ")
		b, _ := json.MarshalIndent(out, "", " ")
		t.Errorf("%s: JSON trees differ: %s", what, diffLines(string(a), string(b)))
	}
}
