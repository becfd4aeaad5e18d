package datacite

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/dop2i/fairmeta/fair"
	"golang.org/x/text/encoding/ianaindex"
	xunicode "golang.org/x/text/encoding/unicode"
)

// ReadXML reads a DataCite XML record of kernel-4 (schema 4.0 to 4.7) or kernel-3, in any encoding the XML
// declaration names (UTF-8 with or without a byte-order mark, UTF-16 with a byte-order mark, ISO-8859-1, ...) and
// with or without namespace prefixes.
//
// A kernel-3 record is upgraded to 4.7: a contributor of type Funder becomes a fundingReference, geoLocationPoint and
// geoLocationBox written as "lat long" text become structured points and boxes. [Validate] lists each change as a
// warning, and reports the kernel-3 namespace itself as an error, since the 4.7 schema refuses it: write the record
// again to store the upgraded 4.7 form. A kernel-2 record (2.0 to 2.2) is upgraded the same way, and its <rights>
// becomes a rights entry and its StartDate and EndDate dates of type Other with that word as dateInformation.
//
// Malformed XML, or a root element other than resource, is a *ReadError with the line and column. Anything else the
// 4.7 schema forbids that the record cannot show (an unknown element or attribute, a missing attribute where the
// record cannot tell it from an empty one, a coordinate that is not a number, elements out of order) does not stop
// reading: it is kept with the record and reported by [Validate], with the XML line. What the record does not keep
// (the unknown element, the coordinate) is also returned in notRead, so that a conversion that does not validate
// still says it. What the record does show (a missing funderName, an empty resourceTypeGeneral) is left to
// [Validate], which reports it once.
func ReadXML(data []byte) (rec *Record, notRead fair.Notes, err error) {
	rec, err = readXML(data)
	if err != nil {
		return nil, nil, err
	}
	return rec, problemNotes(rec.problems), nil
}

// readXML is ReadXML without the notes: the record keeps its problems for Validate.
func readXML(data []byte) (*Record, error) {
	data, err := toUTF8(data)
	if err != nil {
		return nil, err
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charsetReader
	x := &xmlReader{d: d}
	var root xml.StartElement
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil, &ReadError{Format: "XML", Msg: "no root element"}
		}
		if err != nil {
			return nil, x.syntaxErr(err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			root = se
			break
		}
		if cd, ok := tok.(xml.CharData); ok && !isXMLSpace(cd) {
			return nil, x.errHere("text before the root element")
		}
	}
	if root.Name.Local != "resource" {
		return nil, x.errHere(fmt.Sprintf("root element is <%s>, want a DataCite <resource>", root.Name.Local))
	}
	x.ns = root.Name.Space
	switch x.ns {
	case Namespace:
	case namespace3:
		x.kernel3 = true
		x.add("", SeverityError, "this is a kernel-3 record, which the 4.7 schema does not accept; it was read and upgraded: write it again (fairmeta convert -to datacite-xml) to get 4.7")
	case namespace2 + "2.0", namespace2 + "2.1", namespace2 + "2.2":
		x.kernel2, x.kernel3 = true, true // kernel-3's upgrades apply to kernel-2 too
		x.add("", SeverityError, "this is a kernel-2 record, which the 4.7 schema does not accept; it was read and upgraded: write it again (fairmeta convert -to datacite-xml) to get 4.7")
	case "":
		x.add("", SeverityError, "the resource has no namespace; DataCite 4.7 wants xmlns=\""+Namespace+"\"")
	default:
		x.add("", SeverityError, fmt.Sprintf("namespace %q is not DataCite's; want %q", x.ns, Namespace))
	}
	rec := new(Record)
	if err := x.resource(root, rec); err != nil {
		return nil, err
	}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, x.syntaxErr(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return nil, x.errHere(fmt.Sprintf("element <%s> after the root element", t.Name.Local))
		case xml.CharData:
			if !isXMLSpace(t) {
				return nil, x.errHere("text after the root element")
			}
		}
	}
	rec.problems = x.probs
	return rec, nil
}

// toUTF8 turns UTF-16 input (with a byte-order mark, or recognisable from "<?" in two bytes) into UTF-8 and drops a
// UTF-8 byte-order mark.
func toUTF8(data []byte) ([]byte, error) {
	var enc *xunicode.Endianness
	be, le := xunicode.BigEndian, xunicode.LittleEndian
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], nil
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}), bytes.HasPrefix(data, []byte{0x00, '<', 0x00}):
		enc = &be
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{'<', 0x00}):
		enc = &le
	default:
		return data, nil
	}
	out, err := xunicode.UTF16(*enc, xunicode.ExpectBOM).NewDecoder().Bytes(data)
	if err != nil {
		// No BOM: decode without expecting one.
		out, err = xunicode.UTF16(*enc, xunicode.IgnoreBOM).NewDecoder().Bytes(data)
	}
	if err != nil {
		return nil, &ReadError{Format: "XML", Msg: "invalid UTF-16: " + err.Error(), Err: err}
	}
	return bytes.TrimPrefix(out, []byte{0xEF, 0xBB, 0xBF}), nil
}

// charsetReader decodes the encodings an XML declaration may name; UTF-16 input was already turned into UTF-8.
func charsetReader(label string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "utf-8", "utf8", "utf-16", "utf16", "utf-16le", "utf-16be", "us-ascii", "ascii":
		return input, nil
	}
	enc, err := ianaindex.IANA.Encoding(label)
	if err != nil || enc == nil {
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	return enc.NewDecoder().Reader(input), nil
}

func isXMLSpace(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

type xmlReader struct {
	d       *xml.Decoder
	ns      string
	kernel3 bool
	kernel2 bool // kernel-2.x: kernel3 is set too
	probs   []Problem
}

// add records what the document shows that the record cannot: a problem for validation (a kernel-3 namespace,
// elements out of order, an attribute given empty), not a loss.
func (x *xmlReader) add(path string, sev Severity, msg string) {
	line, _ := x.d.InputPos()
	x.probs = append(x.probs, Problem{Path: path, Severity: sev, Message: msg, Line: line})
}

// lose records something of the document the record does not keep (an unknown element, a year that is not a
// number): a problem for validation and a note of what was not read.
func (x *xmlReader) lose(path string, sev Severity, msg string) {
	line, _ := x.d.InputPos()
	x.probs = append(x.probs, Problem{Path: path, Severity: sev, Message: msg, Line: line, lost: true})
}

func (x *xmlReader) errHere(msg string) error {
	line, col := x.d.InputPos()
	return &ReadError{Format: "XML", Line: line, Column: col, Msg: msg}
}

func (x *xmlReader) syntaxErr(err error) error {
	line, col := x.d.InputPos()
	var se *xml.SyntaxError
	msg := err.Error()
	if errors.As(err, &se) {
		line, msg = se.Line, se.Msg
		col = 0
	}
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		msg = "unexpected end of input"
	}
	return &ReadError{Format: "XML", Line: line, Column: col, Msg: msg, Err: err}
}

// attrs passes each attribute of se to set, which reports whether it knows the name; namespace declarations and the
// xsi schema-location hints are skipped. xml:lang is named "xml:lang". Unknown attributes are errors, or warnings
// for elements of type anyType (which accept any attribute; fairmeta does not keep them).
func (x *xmlReader) attrs(se xml.StartElement, path string, anyType bool, set func(name, val string) bool) {
	for _, a := range se.Attr {
		name := a.Name.Local
		switch a.Name.Space {
		case "":
			if name == "xmlns" {
				continue
			}
		case "xmlns":
			continue
		case xmlNamespace:
			name = "xml:" + name
		case xsiNamespace:
			if name == "schemaLocation" || name == "noNamespaceSchemaLocation" {
				continue
			}
			name = "xsi:" + name
		default:
			name = a.Name.Space + ":" + name
		}
		if set != nil && set(name, a.Value) {
			if a.Value == "" && optionalEnums[name] && se.Name.Local != "resourceType" {
				x.add(join(path, name), SeverityError, fmt.Sprintf("attribute %s of <%s> is empty; give a value of its controlled list or leave it out", name, se.Name.Local))
			}
			continue
		}
		if anyType {
			x.lose(path, SeverityWarning, fmt.Sprintf("attribute %s of <%s> is not part of DataCite metadata and is not kept", name, se.Name.Local))
		} else {
			x.lose(path, SeverityError, fmt.Sprintf("<%s> has an attribute %s that the 4.7 schema does not define; remove it", se.Name.Local, name))
		}
	}
}

// optionalEnums are the optional attributes whose type is a controlled list: present and empty is not absent.
var optionalEnums = map[string]bool{"nameType": true, "titleType": true, "resourceTypeGeneral": true, "numberType": true,
	"relatedItemIdentifierType": true}

// text returns the character data in se, which the caller has just read. Child elements are problems and are
// skipped (warnings for elements of type anyType, which may hold them).
func (x *xmlReader) text(se xml.StartElement, path string, anyType bool) (string, error) {
	var b []byte
	for {
		tok, err := x.d.Token()
		if err != nil {
			return "", x.syntaxErr(err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			b = append(b, t...)
		case xml.StartElement:
			if anyType {
				x.lose(path, SeverityWarning, fmt.Sprintf("element <%s> inside <%s> is not part of DataCite metadata and is not kept", t.Name.Local, se.Name.Local))
			} else {
				x.lose(path, SeverityError, fmt.Sprintf("<%s> may hold only text, not an element <%s>", se.Name.Local, t.Name.Local))
			}
			if err := x.d.Skip(); err != nil {
				return "", x.syntaxErr(err)
			}
		case xml.EndElement:
			return string(b), nil
		}
	}
}

// leaf reads an element of simple content: its attributes through set and its text.
func (x *xmlReader) leaf(se xml.StartElement, path string, set func(name, val string) bool) (string, error) {
	x.attrs(se, path, false, set)
	return x.text(se, path, false)
}

// anyLeaf reads an element the schema gives no type (xs:anyType), of which fairmeta keeps the text.
func (x *xmlReader) anyLeaf(se xml.StartElement, path string) (string, error) {
	x.attrs(se, path, true, nil)
	return x.text(se, path, true)
}

// children calls f for each child element of the element just read, in the record's namespace; text between
// children and elements of other namespaces are errors.
func (x *xmlReader) children(parent, path string, f func(se xml.StartElement) error) error {
	for {
		tok, err := x.d.Token()
		if err != nil {
			return x.syntaxErr(err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			if !isXMLSpace(t) {
				x.lose(path, SeverityError, fmt.Sprintf("text %q is not allowed directly inside <%s>", truncate(strings.TrimSpace(string(t)), 40), parent))
			}
		case xml.StartElement:
			if t.Name.Space != x.ns {
				x.lose(path, SeverityError, fmt.Sprintf("element <%s> of namespace %q is not allowed inside <%s>", t.Name.Local, t.Name.Space, parent))
				if err := x.d.Skip(); err != nil {
					return x.syntaxErr(err)
				}
				continue
			}
			if err := f(t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

func (x *xmlReader) unknown(se xml.StartElement, parent, path string) error {
	x.lose(path, SeverityError, fmt.Sprintf("element <%s> is not allowed inside <%s> by the 4.7 schema", se.Name.Local, parent))
	if err := x.d.Skip(); err != nil {
		return x.syntaxErr(err)
	}
	return nil
}

// order checks the children of one element against the schema: each child has a rank, ranks must not decrease in
// a sequence (all == false), and children that may occur once must not repeat.
type order struct {
	all  bool
	last int
	seen [24]uint8
}

func (x *xmlReader) check(o *order, rank int, once bool, elem, parent, path string) bool {
	ok := true
	if !o.all && rank < o.last {
		x.add(path, SeverityError, fmt.Sprintf("<%s> is out of order inside <%s>; the schema fixes the order of its children", elem, parent))
		ok = false
	}
	if once && o.seen[rank] > 0 {
		x.add(path, SeverityError, fmt.Sprintf("<%s> occurs more than once inside <%s>", elem, parent))
		ok = false
	}
	if o.seen[rank] < 255 {
		o.seen[rank]++
	}
	o.last = max(o.last, rank)
	return ok
}

func idx(path, name string, i int) string {
	if path == "" {
		return name + "[" + strconv.Itoa(i) + "]"
	}
	return path + "." + name + "[" + strconv.Itoa(i) + "]"
}

func join(path, name string) string {
	switch {
	case path == "":
		return name
	case name == "":
		return path
	}
	return path + "." + name
}

var resourceChildren = map[string]int{
	"identifier": 0, "creators": 1, "titles": 2, "publisher": 3, "publicationYear": 4, "resourceType": 5,
	"subjects": 6, "contributors": 7, "dates": 8, "language": 9, "alternateIdentifiers": 10, "relatedIdentifiers": 11,
	"sizes": 12, "formats": 13, "version": 14, "rightsList": 15, "descriptions": 16, "geoLocations": 17,
	"fundingReferences": 18, "relatedItems": 19,
}

func (x *xmlReader) resource(root xml.StartElement, r *Record) error {
	x.attrs(root, "", false, nil)
	o := order{all: true}
	var funders []Contributor
	err := x.children("resource", "", func(se xml.StartElement) error {
		name := se.Name.Local
		rank, known := resourceChildren[name]
		if name == "rights" && x.kernel2 { // kernel-2's one <rights>, where later kernels have rightsList
			rank, known = resourceChildren["rightsList"], true
		}
		if !known {
			return x.unknown(se, "resource", "")
		}
		x.check(&o, rank, true, name, "resource", name)
		var err error
		switch name {
		case "identifier":
			has := false
			r.DOI, err = x.leaf(se, "doi", func(n, v string) bool {
				if n != "identifierType" {
					return false
				}
				has = true
				if v != "DOI" {
					r.IdentifierType = v
				}
				if v == "" {
					x.add("identifierType", SeverityWarning, "identifierType is empty; DataCite registers only identifierType=\"DOI\"")
				}
				return true
			})
			if !has {
				x.add("identifierType", SeverityError, "<identifier> lacks its mandatory identifierType attribute; add identifierType=\"DOI\"")
			}
		case "creators":
			err = x.list(se, "creators", "creator", func(i int, se xml.StartElement) error {
				var c Creator
				if err := x.person(se, idx("", "creators", i), "creatorName", &c, nil); err != nil {
					return err
				}
				r.Creators = append(r.Creators, c)
				return nil
			})
		case "titles":
			r.Titles, err = x.titles(se, "titles")
		case "publisher":
			p := &r.Publisher
			p.Name, err = x.leaf(se, "publisher", func(n, v string) bool {
				switch n {
				case "publisherIdentifier":
					p.Identifier = v
				case "publisherIdentifierScheme":
					p.IdentifierScheme = v
				case "schemeURI":
					p.SchemeURI = v
				case "xml:lang":
					p.Lang = v
				default:
					return false
				}
				return true
			})
		case "publicationYear":
			r.PublicationYear, err = x.year(se, "publicationYear")
		case "resourceType":
			r.Types.ResourceType, err = x.leaf(se, "types.resourceType", func(n, v string) bool {
				if n != "resourceTypeGeneral" {
					return false
				}
				r.Types.ResourceTypeGeneral = fair.ResourceTypeGeneral(v)
				return true
			})
		case "subjects":
			err = x.list(se, "subjects", "subject", func(i int, se xml.StartElement) error {
				var s Subject
				var err error
				s.Subject, err = x.leaf(se, idx("", "subjects", i), func(n, v string) bool {
					switch n {
					case "subjectScheme":
						s.Scheme = v
					case "schemeURI":
						s.SchemeURI = v
					case "valueURI":
						s.ValueURI = v
					case "classificationCode":
						s.ClassificationCode = v
					case "xml:lang":
						s.Lang = v
					default:
						return false
					}
					return true
				})
				r.Subjects = append(r.Subjects, s)
				return err
			})
		case "contributors":
			err = x.list(se, "contributors", "contributor", func(i int, se xml.StartElement) error {
				var c Contributor
				path := idx("", "contributors", i)
				if err := x.person(se, path, "contributorName", &c.Creator, func(n, v string) bool {
					if n != "contributorType" {
						return false
					}
					c.ContributorType = fair.ContributorType(v)
					return true
				}); err != nil {
					return err
				}
				if x.kernel3 && c.ContributorType == "Funder" {
					funders = append(funders, c)
					return nil
				}
				r.Contributors = append(r.Contributors, c)
				return nil
			})
		case "dates":
			err = x.list(se, "dates", "date", func(i int, se xml.StartElement) error {
				var d Date
				var err error
				d.Date, err = x.leaf(se, idx("", "dates", i), func(n, v string) bool {
					switch n {
					case "dateType":
						d.Type = fair.DateType(v)
					case "dateInformation":
						d.Information = v
					default:
						return false
					}
					return true
				})
				if x.kernel2 && (d.Type == "StartDate" || d.Type == "EndDate") {
					// Kernel-3 replaced them with date ranges of a type the source does not say.
					x.add(idx("", "dates", i), SeverityWarning, fmt.Sprintf("kernel-2 dateType %s read as Other with dateInformation %q", d.Type, d.Type))
					d.Information = strings.TrimSpace(string(d.Type) + " " + d.Information)
					d.Type = fair.DateOther
				}
				r.Dates = append(r.Dates, d)
				return err
			})
		case "language":
			r.Language, err = x.leaf(se, "language", nil)
			if err == nil && r.Language == "" {
				x.add("language", SeverityError, "<language> is empty; give a language tag such as en, or leave the element out")
			}
		case "alternateIdentifiers":
			err = x.list(se, "alternateIdentifiers", "alternateIdentifier", func(i int, se xml.StartElement) error {
				var a AlternateIdentifier
				path := idx("", "alternateIdentifiers", i)
				has := false
				var err error
				a.Identifier, err = x.leaf(se, path, func(n, v string) bool {
					if n != "alternateIdentifierType" {
						return false
					}
					has = true
					a.Type = v
					return true
				})
				if !has {
					x.add(join(path, "alternateIdentifierType"), SeverityError, "<alternateIdentifier> lacks its mandatory alternateIdentifierType attribute")
				}
				r.AlternateIdentifiers = append(r.AlternateIdentifiers, a)
				return err
			})
		case "relatedIdentifiers":
			err = x.list(se, "relatedIdentifiers", "relatedIdentifier", func(i int, se xml.StartElement) error {
				var ri RelatedIdentifier
				var err error
				ri.Identifier, err = x.leaf(se, idx("", "relatedIdentifiers", i), func(n, v string) bool {
					switch n {
					case "relatedIdentifierType":
						ri.IdentifierType = fair.RelatedIdentifierType(v)
					case "relationType":
						ri.RelationType = fair.RelationType(v)
					case "resourceTypeGeneral":
						ri.ResourceTypeGeneral = fair.ResourceTypeGeneral(v)
					case "relatedMetadataScheme":
						ri.RelatedMetadataScheme = v
					case "schemeURI":
						ri.SchemeURI = v
					case "schemeType":
						ri.SchemeType = v
					case "relationTypeInformation":
						ri.RelationTypeInformation = v
					default:
						return false
					}
					return true
				})
				r.RelatedIdentifiers = append(r.RelatedIdentifiers, ri)
				return err
			})
		case "sizes":
			r.Sizes, err = x.strings(se, "sizes", "size")
		case "formats":
			r.Formats, err = x.strings(se, "formats", "format")
		case "version":
			r.Version, err = x.leaf(se, "version", nil)
		case "rights": // kernel-2 only (above)
			var rt Rights
			rt.Rights, err = x.leaf(se, idx("", "rightsList", len(r.RightsList)), nil)
			r.RightsList = append(r.RightsList, rt)
		case "rightsList":
			err = x.list(se, "rightsList", "rights", func(i int, se xml.StartElement) error {
				var rt Rights
				var err error
				rt.Rights, err = x.leaf(se, idx("", "rightsList", i), func(n, v string) bool {
					switch n {
					case "rightsURI":
						rt.URI = v
					case "rightsIdentifier":
						rt.Identifier = v
					case "rightsIdentifierScheme":
						rt.IdentifierScheme = v
					case "schemeURI":
						rt.SchemeURI = v
					case "xml:lang":
						rt.Lang = v
					default:
						return false
					}
					return true
				})
				r.RightsList = append(r.RightsList, rt)
				return err
			})
		case "descriptions":
			err = x.list(se, "descriptions", "description", func(i int, se xml.StartElement) error {
				d, err := x.description(se, idx("", "descriptions", i))
				r.Descriptions = append(r.Descriptions, d)
				return err
			})
		case "geoLocations":
			err = x.list(se, "geoLocations", "geoLocation", func(i int, se xml.StartElement) error {
				gs, err := x.geoLocation(se, idx("", "geoLocations", len(r.GeoLocations)))
				r.GeoLocations = append(r.GeoLocations, gs...)
				return err
			})
		case "fundingReferences":
			err = x.list(se, "fundingReferences", "fundingReference", func(i int, se xml.StartElement) error {
				f, err := x.fundingReference(se, idx("", "fundingReferences", i))
				r.FundingReferences = append(r.FundingReferences, f)
				return err
			})
		case "relatedItems":
			err = x.list(se, "relatedItems", "relatedItem", func(i int, se xml.StartElement) error {
				it, err := x.relatedItem(se, idx("", "relatedItems", i))
				r.RelatedItems = append(r.RelatedItems, it)
				return err
			})
		}
		return err
	})
	if err != nil {
		return err
	}
	for _, c := range funders {
		f := FundingReference{FunderName: c.Name}
		if len(c.NameIdentifiers) > 0 {
			id := c.NameIdentifiers[0]
			f.FunderIdentifier, f.SchemeURI = id.Value, id.SchemeURI
			f.FunderIdentifierType = funderTypeOf(id.Scheme)
		}
		r.FundingReferences = append(r.FundingReferences, f)
		x.add(idx("", "fundingReferences", len(r.FundingReferences)-1), SeverityWarning,
			fmt.Sprintf("kernel-3 contributor %q of type Funder became a fundingReference, as schema 4 wants", c.Name))
	}
	return nil
}

// funderTypeOf maps a kernel-3 nameIdentifierScheme of a funder to a funderIdentifierType.
func funderTypeOf(scheme string) fair.FunderIdentifierType {
	if t, ok := fair.ParseFunderIdentifierType(scheme); ok {
		return t
	}
	switch strings.ToLower(strings.ReplaceAll(scheme, " ", "")) {
	case "fundref", "crossreffunder", "crossreffunderid", "crossref":
		return fair.FunderCrossrefFunderID
	}
	return fair.FunderOther
}

// list reads a wrapper element whose children are all named item, calling f with each and its index.
func (x *xmlReader) list(se xml.StartElement, path, item string, f func(i int, se xml.StartElement) error) error {
	x.attrs(se, path, false, nil)
	i := 0
	return x.children(se.Name.Local, path, func(c xml.StartElement) error {
		if c.Name.Local != item {
			return x.unknown(c, se.Name.Local, path)
		}
		err := f(i, c)
		i++
		return err
	})
}

func (x *xmlReader) strings(se xml.StartElement, path, item string) ([]string, error) {
	var out []string
	err := x.list(se, path, item, func(i int, c xml.StartElement) error {
		s, err := x.leaf(c, idx("", path, i), nil)
		out = append(out, s)
		return err
	})
	return out, err
}

func (x *xmlReader) titles(se xml.StartElement, path string) ([]Title, error) {
	var out []Title
	err := x.list(se, path, "title", func(i int, c xml.StartElement) error {
		var t Title
		var err error
		t.Title, err = x.leaf(c, idx("", path, i), func(n, v string) bool {
			switch n {
			case "titleType":
				t.Type = fair.TitleType(v)
			case "xml:lang":
				t.Lang = v
			default:
				return false
			}
			return true
		})
		out = append(out, t)
		return err
	})
	return out, err
}

func (x *xmlReader) year(se xml.StartElement, path string) (int, error) {
	s, err := x.leaf(se, path, nil)
	if err != nil {
		return 0, err
	}
	t := strings.Trim(s, " \t\r\n")
	ascii, ok := asciiDigits(t)
	if !ok || len(ascii) != 4 {
		x.lose(path, SeverityError, fmt.Sprintf("%q is not a year; write four digits, e.g. 2026", s))
		return 0, nil
	}
	if ascii != t {
		x.add(path, SeverityWarning, fmt.Sprintf("year %q is read as %s and written with ASCII digits", s, ascii))
	}
	y, _ := strconv.Atoi(ascii)
	if y == 0 {
		x.lose(path, SeverityWarning, "year 0000 cannot be kept and is read as no year")
	}
	return y, nil
}

// asciiDigits turns a string of decimal digits of any script (XML Schema's \d is any Unicode Nd digit) into ASCII.
func asciiDigits(s string) (string, bool) {
	var b strings.Builder
	for _, r := range s {
		d, ok := digitValue(r)
		if !ok {
			return "", false
		}
		b.WriteByte(byte('0' + d))
	}
	return b.String(), s != ""
}

// digitValue returns the value of a Unicode decimal digit: Nd digits come in runs of ten starting at zero.
func digitValue(r rune) (int, bool) {
	if r >= '0' && r <= '9' {
		return int(r - '0'), true
	}
	if !unicode.IsDigit(r) {
		return 0, false
	}
	zero := r
	for zero > 0 && unicode.IsDigit(zero-1) && r-zero < 9 {
		zero--
	}
	return int(r-zero) % 10, true
}

var personChildren = map[string]int{"givenName": 1, "familyName": 2, "nameIdentifier": 3, "affiliation": 4}

// person reads a creator or contributor; set receives the element's own attributes (contributorType).
func (x *xmlReader) person(se xml.StartElement, path, nameElem string, c *Creator, set func(n, v string) bool) error {
	x.attrs(se, path, false, set)
	o := order{}
	hasName := false
	err := x.children(se.Name.Local, path, func(ch xml.StartElement) error {
		n := ch.Name.Local
		rank, ok := personChildren[n]
		if n == nameElem {
			rank, ok = 0, true
		}
		if !ok {
			return x.unknown(ch, se.Name.Local, path)
		}
		x.check(&o, rank, rank <= 2, n, se.Name.Local, path)
		var err error
		switch n {
		case nameElem:
			hasName = true
			c.Name, err = x.leaf(ch, join(path, "name"), func(n, v string) bool {
				switch n {
				case "nameType":
					c.NameType = fair.NameType(v)
				case "xml:lang":
					c.Lang = v
				default:
					return false
				}
				return true
			})
		case "givenName":
			c.GivenName, err = x.anyLeaf(ch, join(path, "givenName"))
		case "familyName":
			c.FamilyName, err = x.anyLeaf(ch, join(path, "familyName"))
		case "nameIdentifier":
			// The schema declares nameIdentifier with xsi:type="nameIdentifier", which XML Schema ignores on a
			// declaration: the element is of type anyType, so its attributes are not checked by the XSD.
			var id NameIdentifier
			p := idx(path, "nameIdentifiers", len(c.NameIdentifiers))
			x.attrs(ch, p, true, func(n, v string) bool {
				switch n {
				case "nameIdentifierScheme":
					id.Scheme = v
				case "schemeURI":
					id.SchemeURI = v
				default:
					return false
				}
				return true
			})
			id.Value, err = x.text(ch, p, true)
			c.NameIdentifiers = append(c.NameIdentifiers, id)
		case "affiliation":
			// Of type anyType, like nameIdentifier.
			var a Affiliation
			p := idx(path, "affiliation", len(c.Affiliations))
			x.attrs(ch, p, true, func(n, v string) bool {
				switch n {
				case "affiliationIdentifier":
					a.Identifier = v
				case "affiliationIdentifierScheme":
					a.IdentifierScheme = v
				case "schemeURI":
					a.SchemeURI = v
				default:
					return false
				}
				return true
			})
			a.Name, err = x.text(ch, p, true)
			c.Affiliations = append(c.Affiliations, a)
		}
		return err
	})
	if err == nil && !hasName {
		x.add(join(path, "name"), SeverityError, fmt.Sprintf("<%s> lacks its mandatory <%s>", se.Name.Local, nameElem))
	}
	return err
}

// description reads mixed content: text, whitespace included, and <br/> line breaks, which become fair.LineBreak.
func (x *xmlReader) description(se xml.StartElement, path string) (Description, error) {
	var d Description
	x.attrs(se, path, false, func(n, v string) bool {
		switch n {
		case "descriptionType":
			d.Type = fair.DescriptionType(v)
		case "xml:lang":
			d.Lang = v
		default:
			return false
		}
		return true
	})
	var b []byte
	for {
		tok, err := x.d.Token()
		if err != nil {
			return d, x.syntaxErr(err)
		}
		switch t := tok.(type) {
		case xml.CharData:
			b = append(b, t...)
		case xml.StartElement:
			if t.Name.Local == "br" && t.Name.Space == x.ns {
				x.attrs(t, path, false, nil)
				txt, err := x.text(t, path, false)
				if err != nil {
					return d, err
				}
				if txt != "" {
					x.lose(path, SeverityError, "<br/> must be empty; put the text after it")
				}
				b = append(b, fair.LineBreak...)
				continue
			}
			x.lose(path, SeverityError, fmt.Sprintf("<description> may hold only text and <br/>, not <%s>", t.Name.Local))
			if err := x.d.Skip(); err != nil {
				return d, x.syntaxErr(err)
			}
		case xml.EndElement:
			d.Description = string(b)
			return d, nil
		}
	}
}

// geoLocation reads one geoLocation. The schema lets one hold several places, points and boxes; DataCite JSON and
// fairmeta hold one of each per geoLocation, so a second one starts a new geoLocation, with a warning.
func (x *xmlReader) geoLocation(se xml.StartElement, path string) ([]GeoLocation, error) {
	x.attrs(se, path, false, nil)
	out := []GeoLocation{{}}
	split := false
	err := x.children("geoLocation", path, func(ch xml.StartElement) error {
		g := &out[len(out)-1]
		var err error
		switch ch.Name.Local {
		case "geoLocationPlace":
			if g.Place != "" {
				out, split = append(out, GeoLocation{}), true
				g = &out[len(out)-1]
			}
			g.Place, err = x.anyLeaf(ch, join(path, "geoLocationPlace"))
		case "geoLocationPoint":
			if g.Point != nil {
				out, split = append(out, GeoLocation{}), true
				g = &out[len(out)-1]
			}
			var pt GeoPoint
			pt, err = x.point(ch, join(path, "geoLocationPoint"))
			g.Point = &pt
		case "geoLocationBox":
			if g.Box != nil {
				out, split = append(out, GeoLocation{}), true
				g = &out[len(out)-1]
			}
			var b GeoBox
			b, err = x.box(ch, join(path, "geoLocationBox"))
			g.Box = &b
		case "geoLocationPolygon":
			var pg GeoPolygon
			pg, err = x.polygon(ch, idx(path, "geoLocationPolygon", len(g.Polygons)))
			g.Polygons = append(g.Polygons, pg)
		default:
			return x.unknown(ch, "geoLocation", path)
		}
		return err
	})
	if split {
		x.add(path, SeverityWarning, fmt.Sprintf("this geoLocation holds more than one place, point or box; DataCite JSON and fairmeta keep one of each per geoLocation, so it is read as %d geoLocations", len(out)))
	}
	return out, err
}

func (x *xmlReader) coord(se xml.StartElement, path string) (float64, error) {
	s, err := x.leaf(se, path, nil)
	if err != nil {
		return 0, err
	}
	f, perr := parseXSFloat(strings.Trim(s, " \t\r\n"))
	if perr != nil {
		x.lose(path, SeverityError, fmt.Sprintf("%q is not a number; write decimal degrees such as 45.76", s))
	}
	return f, nil
}

// kernel3Coords reads the "lat long ..." text of a kernel-3 point or box.
func (x *xmlReader) kernel3Coords(se xml.StartElement, path string, n int) ([]float64, error) {
	s, err := x.leaf(se, path, nil)
	if err != nil {
		return nil, err
	}
	fields := strings.Fields(s)
	out := make([]float64, n)
	if len(fields) != n {
		x.lose(path, SeverityError, fmt.Sprintf("kernel-3 %s %q should hold %d numbers separated by spaces", se.Name.Local, s, n))
		return out, nil
	}
	for i, f := range fields {
		v, err := parseXSFloat(f)
		if err != nil {
			x.lose(path, SeverityError, fmt.Sprintf("%q in %s is not a number", f, se.Name.Local))
		}
		out[i] = v
	}
	x.add(path, SeverityWarning, fmt.Sprintf("kernel-3 %s %q read as latitude and longitude in schema 4 form", se.Name.Local, s))
	return out, nil
}

func (x *xmlReader) point(se xml.StartElement, path string) (GeoPoint, error) {
	var p GeoPoint
	if x.kernel3 {
		v, err := x.kernel3Coords(se, path, 2)
		if err != nil {
			return p, err
		}
		return GeoPoint{Latitude: v[0], Longitude: v[1]}, nil
	}
	x.attrs(se, path, false, nil)
	o := order{all: true}
	err := x.children(se.Name.Local, path, func(ch xml.StartElement) error {
		var err error
		switch ch.Name.Local {
		case "pointLongitude":
			x.check(&o, 0, true, ch.Name.Local, se.Name.Local, path)
			p.Longitude, err = x.coord(ch, join(path, "pointLongitude"))
		case "pointLatitude":
			x.check(&o, 1, true, ch.Name.Local, se.Name.Local, path)
			p.Latitude, err = x.coord(ch, join(path, "pointLatitude"))
		default:
			return x.unknown(ch, se.Name.Local, path)
		}
		return err
	})
	for i, n := range []string{"pointLongitude", "pointLatitude"} {
		if err == nil && o.seen[i] == 0 {
			x.add(path, SeverityError, fmt.Sprintf("<%s> lacks its mandatory <%s>", se.Name.Local, n))
		}
	}
	return p, err
}

var boxChildren = []string{"westBoundLongitude", "eastBoundLongitude", "southBoundLatitude", "northBoundLatitude"}

func (x *xmlReader) box(se xml.StartElement, path string) (GeoBox, error) {
	var b GeoBox
	if x.kernel3 {
		v, err := x.kernel3Coords(se, path, 4)
		if err != nil {
			return b, err
		}
		return GeoBox{SouthLatitude: v[0], WestLongitude: v[1], NorthLatitude: v[2], EastLongitude: v[3]}, nil
	}
	x.attrs(se, path, false, nil)
	o := order{all: true}
	dst := []*float64{&b.WestLongitude, &b.EastLongitude, &b.SouthLatitude, &b.NorthLatitude}
	err := x.children(se.Name.Local, path, func(ch xml.StartElement) error {
		for i, n := range boxChildren {
			if ch.Name.Local == n {
				x.check(&o, i, true, n, se.Name.Local, path)
				var err error
				*dst[i], err = x.coord(ch, join(path, n))
				return err
			}
		}
		return x.unknown(ch, se.Name.Local, path)
	})
	for i, n := range boxChildren {
		if err == nil && o.seen[i] == 0 {
			x.add(path, SeverityError, fmt.Sprintf("<geoLocationBox> lacks its mandatory <%s>", n))
		}
	}
	return b, err
}

func (x *xmlReader) polygon(se xml.StartElement, path string) (GeoPolygon, error) {
	var pg GeoPolygon
	x.attrs(se, path, false, nil)
	o := order{}
	err := x.children(se.Name.Local, path, func(ch xml.StartElement) error {
		switch ch.Name.Local {
		case "polygonPoint":
			x.check(&o, 0, false, ch.Name.Local, se.Name.Local, path)
			pt, err := x.point(ch, idx(path, "polygonPoints", len(pg.Points)))
			pg.Points = append(pg.Points, pt)
			return err
		case "inPolygonPoint":
			x.check(&o, 1, true, ch.Name.Local, se.Name.Local, path)
			pt, err := x.point(ch, join(path, "inPolygonPoint"))
			pg.InPolygonPoint = &pt
			return err
		}
		return x.unknown(ch, se.Name.Local, path)
	})
	return pg, err
}

var fundingChildren = map[string]int{"funderName": 0, "funderIdentifier": 1, "awardNumber": 2, "awardTitle": 3}

func (x *xmlReader) fundingReference(se xml.StartElement, path string) (FundingReference, error) {
	var f FundingReference
	x.attrs(se, path, false, nil)
	o := order{all: true}
	err := x.children(se.Name.Local, path, func(ch xml.StartElement) error {
		n := ch.Name.Local
		rank, ok := fundingChildren[n]
		if !ok {
			return x.unknown(ch, se.Name.Local, path)
		}
		x.check(&o, rank, true, n, se.Name.Local, path)
		var err error
		switch n {
		case "funderName":
			f.FunderName, err = x.leaf(ch, join(path, "funderName"), nil)
		case "funderIdentifier":
			has := false
			f.FunderIdentifier, err = x.leaf(ch, join(path, "funderIdentifier"), func(n, v string) bool {
				switch n {
				case "funderIdentifierType":
					f.FunderIdentifierType, has = fair.FunderIdentifierType(v), true
				case "schemeURI":
					f.SchemeURI = v
				default:
					return false
				}
				return true
			})
			if !has && f.FunderIdentifier == "" {
				// Validation reports a missing type beside an identifier; only the document shows it beside none.
				x.add(join(path, "funderIdentifierType"), SeverityError, "<funderIdentifier> lacks its mandatory funderIdentifierType attribute")
			}
		case "awardNumber":
			f.AwardNumber, err = x.leaf(ch, join(path, "awardNumber"), func(n, v string) bool {
				if n == "awardURI" {
					f.AwardURI = v
					return true
				}
				return false
			})
		case "awardTitle":
			f.AwardTitle, err = x.anyLeaf(ch, join(path, "awardTitle"))
		}
		return err
	})
	return f, err
}

var relatedItemChildren = map[string]int{
	"relatedItemIdentifier": 0, "creators": 1, "titles": 2, "publicationYear": 3, "volume": 4, "issue": 5, "number": 6,
	"firstPage": 7, "lastPage": 8, "publisher": 9, "edition": 10, "contributors": 11,
}

func (x *xmlReader) relatedItem(se xml.StartElement, path string) (RelatedItem, error) {
	var it RelatedItem
	x.attrs(se, path, false, func(n, v string) bool {
		switch n {
		case "relatedItemType":
			it.Type = fair.ResourceTypeGeneral(v)
		case "relationType":
			it.RelationType = fair.RelationType(v)
		case "relationTypeInformation":
			it.RelationTypeInformation = v
		default:
			return false
		}
		return true
	})
	o := order{}
	err := x.children(se.Name.Local, path, func(ch xml.StartElement) error {
		n := ch.Name.Local
		rank, ok := relatedItemChildren[n]
		if !ok {
			return x.unknown(ch, se.Name.Local, path)
		}
		x.check(&o, rank, true, n, se.Name.Local, path)
		var err error
		switch n {
		case "relatedItemIdentifier":
			id := &RelatedItemIdentifier{}
			id.Identifier, err = x.leaf(ch, join(path, n), func(n, v string) bool {
				switch n {
				case "relatedItemIdentifierType":
					id.Type = fair.RelatedIdentifierType(v)
				case "relatedMetadataScheme":
					id.RelatedMetadataScheme = v
				case "schemeURI":
					id.SchemeURI = v
				case "schemeType":
					id.SchemeType = v
				default:
					return false
				}
				return true
			})
			it.Identifier = id
		case "creators", "contributors":
			item, nameElem := "creator", "creatorName"
			if n == "contributors" {
				item, nameElem = "contributor", "contributorName"
			}
			err = x.list(ch, join(path, n), item, func(i int, c xml.StartElement) error {
				var rn RelatedItemName
				var cr Creator
				p := idx(path, n, i)
				err := x.person(c, p, nameElem, &cr, func(an, v string) bool {
					if item == "contributor" && an == "contributorType" {
						rn.ContributorType = fair.ContributorType(v)
						return true
					}
					return false
				})
				if len(cr.NameIdentifiers) > 0 || len(cr.Affiliations) > 0 {
					x.lose(p, SeverityError, "a related item's "+item+" may have only a name, givenName and familyName")
				}
				rn.Name, rn.NameType, rn.Lang, rn.GivenName, rn.FamilyName = cr.Name, cr.NameType, cr.Lang, cr.GivenName, cr.FamilyName
				if n == "creators" {
					it.Creators = append(it.Creators, rn)
				} else {
					it.Contributors = append(it.Contributors, rn)
				}
				return err
			})
		case "titles":
			it.Titles, err = x.titles(ch, join(path, "titles"))
		case "publicationYear":
			it.PublicationYear, err = x.year(ch, join(path, n))
		case "volume":
			it.Volume, err = x.anyLeaf(ch, join(path, n))
		case "issue":
			it.Issue, err = x.anyLeaf(ch, join(path, n))
		case "number":
			it.Number, err = x.leaf(ch, join(path, n), func(an, v string) bool {
				if an == "numberType" {
					it.NumberType = fair.NumberType(v)
					return true
				}
				return false
			})
		case "firstPage":
			it.FirstPage, err = x.anyLeaf(ch, join(path, n))
		case "lastPage":
			it.LastPage, err = x.anyLeaf(ch, join(path, n))
		case "publisher":
			it.Publisher, err = x.anyLeaf(ch, join(path, n))
		case "edition":
			it.Edition, err = x.anyLeaf(ch, join(path, n))
		}
		return err
	})
	return it, err
}
