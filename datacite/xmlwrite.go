package datacite

import (
	"fmt"
	"github.com/dop2i/fairmeta/fair"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The kernel-4 namespace and the schema location written on every record.
const (
	Namespace      = "http://datacite.org/schema/kernel-4"
	SchemaLocation = "http://datacite.org/schema/kernel-4 https://schema.datacite.org/meta/kernel-4.7/metadata.xsd"
	namespace3     = "http://datacite.org/schema/kernel-3"
	namespace2     = "http://datacite.org/schema/kernel-" // + "2.0", "2.1", "2.2"
	xsiNamespace   = "http://www.w3.org/2001/XMLSchema-instance"
	xmlNamespace   = "http://www.w3.org/XML/1998/namespace"
)

// WriteXML writes r to w as DataCite 4.7 XML: the kernel-4 namespace and schema location, properties in the schema's
// order, optional properties left out when empty. A description's fair.LineBreak (U+2028) is written as <br/>; its
// other whitespace is written as text. Characters that
// XML 1.0 cannot carry (most C0 controls, invalid UTF-8) are written as U+FFFD; [Validate] warns about them.
//
// WriteXML does not validate: call [Validate] first to know whether DataCite would accept the result.
func (r *Record) WriteXML(w io.Writer) error {
	if r == nil || w == nil {
		return errNilWrite("WriteXML", r == nil)
	}
	_, err := w.Write(r.AppendXML(nil))
	return err
}

// errNilWrite is the error of a writer given a nil record or a nil io.Writer.
func errNilWrite(fn string, nilRecord bool) error {
	if nilRecord {
		return fmt.Errorf("datacite: %s: nil record", fn)
	}
	return fmt.Errorf("datacite: %s: nil io.Writer", fn)
}

// MarshalXMLBytes returns r as DataCite 4.7 XML, as [Record.WriteXML] writes it.
func (r *Record) MarshalXMLBytes() []byte { return r.AppendXML(nil) }

// AppendXML appends r as DataCite 4.7 XML to b and returns the extended buffer.
func (r *Record) AppendXML(b []byte) []byte {
	w := xw{b: b}
	w.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	w.raw(`<resource xmlns="` + Namespace + `" xmlns:xsi="` + xsiNamespace + `" xsi:schemaLocation="` + SchemaLocation + `">` + "\n")
	idType := r.IdentifierType
	if idType == "" {
		idType = "DOI"
	}
	w.leaf(1, "identifier", r.DOI, "identifierType", idType)

	w.open(1, "creators")
	for i := range r.Creators {
		w.person(2, "creator", "creatorName", &r.Creators[i], "")
	}
	w.close(1, "creators")

	w.titles(1, r.Titles)
	p := r.Publisher
	w.leaf(1, "publisher", p.Name, "publisherIdentifier", p.Identifier, "publisherIdentifierScheme", p.IdentifierScheme,
		"schemeURI", p.SchemeURI, "xml:lang", p.Lang)
	if r.PublicationYear != 0 {
		w.leaf(1, "publicationYear", year(r.PublicationYear))
	}
	w.leafReq(1, "resourceType", r.Types.ResourceType, "resourceTypeGeneral", string(r.Types.ResourceTypeGeneral))

	if len(r.Subjects) > 0 {
		w.open(1, "subjects")
		for _, s := range r.Subjects {
			w.leaf(2, "subject", s.Subject, "subjectScheme", s.Scheme, "schemeURI", s.SchemeURI, "valueURI", s.ValueURI,
				"classificationCode", s.ClassificationCode, "xml:lang", s.Lang)
		}
		w.close(1, "subjects")
	}
	if len(r.Contributors) > 0 {
		w.open(1, "contributors")
		for i := range r.Contributors {
			c := &r.Contributors[i]
			w.person(2, "contributor", "contributorName", &c.Creator, string(c.ContributorType))
		}
		w.close(1, "contributors")
	}
	if len(r.Dates) > 0 {
		w.open(1, "dates")
		for _, d := range r.Dates {
			w.leafReq(2, "date", d.Date, "dateType", string(d.Type), "dateInformation", d.Information)
		}
		w.close(1, "dates")
	}
	if r.Language != "" {
		w.leaf(1, "language", r.Language)
	}
	if len(r.AlternateIdentifiers) > 0 {
		w.open(1, "alternateIdentifiers")
		for _, a := range r.AlternateIdentifiers {
			w.leafReq(2, "alternateIdentifier", a.Identifier, "alternateIdentifierType", a.Type)
		}
		w.close(1, "alternateIdentifiers")
	}
	if len(r.RelatedIdentifiers) > 0 {
		w.open(1, "relatedIdentifiers")
		for _, ri := range r.RelatedIdentifiers {
			w.leafReq(2, "relatedIdentifier", ri.Identifier, "relatedIdentifierType", string(ri.IdentifierType),
				"relationType", string(ri.RelationType), "resourceTypeGeneral", string(ri.ResourceTypeGeneral),
				"relatedMetadataScheme", ri.RelatedMetadataScheme, "schemeURI", ri.SchemeURI, "schemeType", ri.SchemeType,
				"relationTypeInformation", ri.RelationTypeInformation)
		}
		w.close(1, "relatedIdentifiers")
	}
	w.list(1, "sizes", "size", r.Sizes)
	w.list(1, "formats", "format", r.Formats)
	if r.Version != "" {
		w.leaf(1, "version", r.Version)
	}
	if len(r.RightsList) > 0 {
		w.open(1, "rightsList")
		for _, rt := range r.RightsList {
			w.leaf(2, "rights", rt.Rights, "rightsURI", rt.URI, "rightsIdentifier", rt.Identifier,
				"rightsIdentifierScheme", rt.IdentifierScheme, "schemeURI", rt.SchemeURI, "xml:lang", rt.Lang)
		}
		w.close(1, "rightsList")
	}
	if len(r.Descriptions) > 0 {
		w.open(1, "descriptions")
		for _, d := range r.Descriptions {
			w.indent(2)
			w.raw("<description")
			w.attr("descriptionType", string(d.Type), true)
			w.attr("xml:lang", d.Lang, false)
			w.raw(">")
			for rest := d.Description; ; {
				line, after, more := strings.Cut(rest, fair.LineBreak)
				w.text(line)
				if !more {
					break
				}
				w.raw("<br/>")
				rest = after
			}
			w.raw("</description>\n")
		}
		w.close(1, "descriptions")
	}
	if len(r.GeoLocations) > 0 {
		w.open(1, "geoLocations")
		for _, g := range r.GeoLocations {
			w.open(2, "geoLocation")
			if g.Place != "" {
				w.leaf(3, "geoLocationPlace", g.Place)
			}
			if g.Point != nil {
				w.point(3, "geoLocationPoint", *g.Point)
			}
			if g.Box != nil {
				w.open(3, "geoLocationBox")
				w.leaf(4, "westBoundLongitude", xsFloat(g.Box.WestLongitude))
				w.leaf(4, "eastBoundLongitude", xsFloat(g.Box.EastLongitude))
				w.leaf(4, "southBoundLatitude", xsFloat(g.Box.SouthLatitude))
				w.leaf(4, "northBoundLatitude", xsFloat(g.Box.NorthLatitude))
				w.close(3, "geoLocationBox")
			}
			for _, p := range g.Polygons {
				w.open(3, "geoLocationPolygon")
				for _, pt := range p.Points {
					w.point(4, "polygonPoint", pt)
				}
				if p.InPolygonPoint != nil {
					w.point(4, "inPolygonPoint", *p.InPolygonPoint)
				}
				w.close(3, "geoLocationPolygon")
			}
			w.close(2, "geoLocation")
		}
		w.close(1, "geoLocations")
	}
	if len(r.FundingReferences) > 0 {
		w.open(1, "fundingReferences")
		for _, f := range r.FundingReferences {
			w.open(2, "fundingReference")
			w.leaf(3, "funderName", f.FunderName)
			if f.FunderIdentifier != "" || f.FunderIdentifierType != "" || f.SchemeURI != "" {
				w.leafReq(3, "funderIdentifier", f.FunderIdentifier, "funderIdentifierType", string(f.FunderIdentifierType), "schemeURI", f.SchemeURI)
			}
			if f.AwardNumber != "" || f.AwardURI != "" {
				w.leaf(3, "awardNumber", f.AwardNumber, "awardURI", f.AwardURI)
			}
			if f.AwardTitle != "" {
				w.leaf(3, "awardTitle", f.AwardTitle)
			}
			w.close(2, "fundingReference")
		}
		w.close(1, "fundingReferences")
	}
	if len(r.RelatedItems) > 0 {
		w.open(1, "relatedItems")
		for i := range r.RelatedItems {
			w.relatedItem(2, &r.RelatedItems[i])
		}
		w.close(1, "relatedItems")
	}
	w.raw("</resource>\n")
	return w.b
}

func year(y int) string {
	s := strconv.Itoa(y)
	for len(s) < 4 {
		s = "0" + s
	}
	return s
}

// xsFloat formats f in the lexical space of xs:float.
func xsFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "INF"
	case math.IsInf(f, -1):
		return "-INF"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// xw appends indented XML to a buffer.
type xw struct{ b []byte }

func (w *xw) raw(s string) { w.b = append(w.b, s...) }

func (w *xw) indent(n int) {
	for range n {
		w.b = append(w.b, "  "...)
	}
}

func (w *xw) open(n int, name string) {
	w.indent(n)
	w.b = append(w.b, '<')
	w.b = append(w.b, name...)
	w.b = append(w.b, ">\n"...)
}

func (w *xw) close(n int, name string) {
	w.indent(n)
	w.b = append(w.b, "</"...)
	w.b = append(w.b, name...)
	w.b = append(w.b, ">\n"...)
}

// leaf writes <name attr="v"...>text</name> leaving out attributes whose value is empty.
func (w *xw) leaf(n int, name, text string, attrs ...string) {
	w.leafAttrs(n, name, text, false, attrs)
}

// leafReq is leaf with the first attribute required: written even when empty.
func (w *xw) leafReq(n int, name, text string, attrs ...string) {
	w.leafAttrs(n, name, text, true, attrs)
}

func (w *xw) leafAttrs(n int, name, text string, firstReq bool, attrs []string) {
	w.indent(n)
	w.b = append(w.b, '<')
	w.b = append(w.b, name...)
	for i := 0; i+1 < len(attrs); i += 2 {
		w.attr(attrs[i], attrs[i+1], firstReq && i == 0)
	}
	w.b = append(w.b, '>')
	w.text(text)
	w.b = append(w.b, "</"...)
	w.b = append(w.b, name...)
	w.b = append(w.b, ">\n"...)
}

func (w *xw) attr(name, val string, always bool) {
	if val == "" && !always {
		return
	}
	w.b = append(w.b, ' ')
	w.b = append(w.b, name...)
	w.b = append(w.b, `="`...)
	w.escape(val, true)
	w.b = append(w.b, '"')
}

func (w *xw) text(s string) { w.escape(s, false) }

func (w *xw) list(n int, wrapper, name string, items []string) {
	if len(items) == 0 {
		return
	}
	w.open(n, wrapper)
	for _, s := range items {
		w.leaf(n+1, name, s)
	}
	w.close(n, wrapper)
}

func (w *xw) titles(n int, ts []Title) {
	w.open(n, "titles")
	for _, t := range ts {
		w.leaf(n+1, "title", t.Title, "titleType", string(t.Type), "xml:lang", t.Lang)
	}
	w.close(n, "titles")
}

func (w *xw) point(n int, name string, p GeoPoint) {
	w.open(n, name)
	w.leaf(n+1, "pointLongitude", xsFloat(p.Longitude))
	w.leaf(n+1, "pointLatitude", xsFloat(p.Latitude))
	w.close(n, name)
}

// person writes a creator or, with a contributorType, a contributor.
func (w *xw) person(n int, elem, nameElem string, c *Creator, contributorType string) {
	w.indent(n)
	w.raw("<" + elem)
	if elem == "contributor" {
		w.attr("contributorType", contributorType, true)
	}
	w.raw(">\n")
	w.leaf(n+1, nameElem, c.Name, "nameType", string(c.NameType), "xml:lang", c.Lang)
	if c.GivenName != "" {
		w.leaf(n+1, "givenName", c.GivenName)
	}
	if c.FamilyName != "" {
		w.leaf(n+1, "familyName", c.FamilyName)
	}
	for _, id := range c.NameIdentifiers {
		w.leafReq(n+1, "nameIdentifier", id.Value, "nameIdentifierScheme", id.Scheme, "schemeURI", id.SchemeURI)
	}
	for _, a := range c.Affiliations {
		w.leaf(n+1, "affiliation", a.Name, "affiliationIdentifier", a.Identifier, "affiliationIdentifierScheme", a.IdentifierScheme, "schemeURI", a.SchemeURI)
	}
	w.close(n, elem)
}

func (w *xw) relatedItem(n int, it *RelatedItem) {
	w.indent(n)
	w.raw("<relatedItem")
	w.attr("relatedItemType", string(it.Type), true)
	w.attr("relationType", string(it.RelationType), true)
	w.attr("relationTypeInformation", it.RelationTypeInformation, false)
	w.raw(">\n")
	if id := it.Identifier; id != nil {
		w.leaf(n+1, "relatedItemIdentifier", id.Identifier, "relatedItemIdentifierType", string(id.Type),
			"relatedMetadataScheme", id.RelatedMetadataScheme, "schemeURI", id.SchemeURI, "schemeType", id.SchemeType)
	}
	names := func(wrapper, elem, nameElem string, ns []RelatedItemName) {
		if len(ns) == 0 {
			return
		}
		w.open(n+1, wrapper)
		for _, c := range ns {
			w.indent(n + 2)
			w.raw("<" + elem)
			if elem == "contributor" {
				w.attr("contributorType", string(c.ContributorType), true)
			}
			w.raw(">\n")
			w.leaf(n+3, nameElem, c.Name, "nameType", string(c.NameType), "xml:lang", c.Lang)
			if c.GivenName != "" {
				w.leaf(n+3, "givenName", c.GivenName)
			}
			if c.FamilyName != "" {
				w.leaf(n+3, "familyName", c.FamilyName)
			}
			w.close(n+2, elem)
		}
		w.close(n+1, wrapper)
	}
	names("creators", "creator", "creatorName", it.Creators)
	if len(it.Titles) > 0 {
		w.titles(n+1, it.Titles)
	}
	if it.PublicationYear != 0 {
		w.leaf(n+1, "publicationYear", year(it.PublicationYear))
	}
	for _, kv := range [][2]string{{"volume", it.Volume}, {"issue", it.Issue}} {
		if kv[1] != "" {
			w.leaf(n+1, kv[0], kv[1])
		}
	}
	if it.Number != "" || it.NumberType != "" {
		w.leaf(n+1, "number", it.Number, "numberType", string(it.NumberType))
	}
	for _, kv := range [][2]string{{"firstPage", it.FirstPage}, {"lastPage", it.LastPage}, {"publisher", it.Publisher}, {"edition", it.Edition}} {
		if kv[1] != "" {
			w.leaf(n+1, kv[0], kv[1])
		}
	}
	names("contributors", "contributor", "contributorName", it.Contributors)
	w.close(n, "relatedItem")
}

// escape appends s with XML's special characters escaped; in attributes, whitespace characters are escaped too so
// that they survive attribute-value normalisation. Characters XML 1.0 cannot carry become U+FFFD.
func (w *xw) escape(s string, attr bool) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			var rep string
			switch {
			case c == '&':
				rep = "&amp;"
			case c == '<':
				rep = "&lt;"
			case c == '>':
				rep = "&gt;"
			case c == '"' && attr:
				rep = "&quot;"
			case c == '\r':
				rep = "&#xD;"
			case c == '\n' && attr:
				rep = "&#xA;"
			case c == '\t' && attr:
				rep = "&#x9;"
			case c < 0x20 && c != '\n' && c != '\t':
				rep = "\uFFFD"
			default:
				i++
				continue
			}
			w.b = append(w.b, s[last:i]...)
			w.b = append(w.b, rep...)
			i++
			last = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r == 0xFFFE || r == 0xFFFF {
			w.b = append(w.b, s[last:i]...)
			w.b = append(w.b, "\uFFFD"...)
			i += size
			last = i
			continue
		}
		i += size
	}
	w.b = append(w.b, s[last:]...)
}

// xmlCharOK reports whether s holds only characters XML 1.0 can carry.
func xmlCharOK(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' && c != '\t' && c != '\r' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r == 0xFFFE || r == 0xFFFF {
			return false
		}
		i += size
	}
	return true
}
