package datacite

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
)

// MarshalJSON writes r as a DataCite attributes object: the metadata, the REST attributes that are set (doi, url,
// event, ...) and Extra. It is the `data.attributes` of a REST API request; [Record.MarshalJSONAPI] wraps it.
func (r Record) MarshalJSON() ([]byte, error) {
	type plain Record // drops the methods, keeps the tags
	b, err := json.Marshal((*plain)(&r))
	if err != nil {
		return nil, err
	}
	if len(r.Extra) == 0 {
		return b, nil
	}
	if _, ok := r.Extra["identifiers"]; ok && len(r.AlternateIdentifiers) == 0 {
		// identifiers was kept because alternateIdentifiers was given: say so again, or a reader would take
		// identifiers for the alternate identifiers.
		b = append(b[:len(b)-1], `,"alternateIdentifiers":[]}`...)
		if len(b) == len(`,"alternateIdentifiers":[]}`)+1 {
			b = append([]byte("{"), b[2:]...)
		}
	}
	keys := make([]string, 0, len(r.Extra))
	for k := range r.Extra {
		if f := fieldName([]byte(k)); f != "" && f != "identifiers" {
			continue // a field owns this name
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]byte, 0, len(b)+64*len(keys))
	out = append(out, b[:len(b)-1]...)
	for _, k := range keys {
		v := r.Extra[k]
		if !json.Valid(v) {
			return nil, fmt.Errorf("datacite: Extra[%q] is not valid JSON", k)
		}
		if len(out) > 1 {
			out = append(out, ',')
		}
		kb, _ := json.Marshal(k)
		out = append(out, kb...)
		out = append(out, ':')
		out = append(out, v...)
	}
	return append(out, '}'), nil
}

// MarshalJSONAPI writes r as a JSON:API document of one DOI: {"data": {"id": DOI, "type": "dois",
// "attributes": {...}, "relationships": {...}}}. id is left out when DOI is empty, relationships when r has none
// and no Client.
func (r *Record) MarshalJSONAPI() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"data":`)
	if err := r.appendResource(&b); err != nil {
		return nil, err
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func (r *Record) appendResource(b *bytes.Buffer) error {
	attrs, err := r.MarshalJSON()
	if err != nil {
		return err
	}
	b.WriteByte('{')
	if r.DOI != "" {
		id, _ := json.Marshal(r.DOI)
		b.WriteString(`"id":`)
		b.Write(id)
		b.WriteByte(',')
	}
	b.WriteString(`"type":"dois","attributes":`)
	b.Write(attrs)
	switch {
	case len(r.Relationships) > 0:
		b.WriteString(`,"relationships":`)
		b.Write(r.Relationships)
	case r.Client != "":
		c, _ := json.Marshal(r.Client)
		b.WriteString(`,"relationships":{"client":{"data":{"id":`)
		b.Write(c)
		b.WriteString(`,"type":"clients"}}}`)
	}
	b.WriteByte('}')
	return nil
}

// WriteJSON writes r to w as a JSON:API document of one DOI ([Record.MarshalJSONAPI]) and a newline.
func (r *Record) WriteJSON(w io.Writer) error {
	if r == nil || w == nil {
		return errNilWrite("WriteJSON", r == nil)
	}
	b, err := r.MarshalJSONAPI()
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// WriteJSONList writes recs to w as a JSON:API list document {"data": [...]} and a newline.
func WriteJSONList(w io.Writer, recs []*Record) error {
	if w == nil {
		return errNilWrite("WriteJSONList", false)
	}
	if i := slices.Index(recs, nil); i >= 0 {
		return fmt.Errorf("datacite: WriteJSONList: record %d is nil", i)
	}
	var b bytes.Buffer
	b.WriteString(`{"data":[`)
	for i, r := range recs {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := r.appendResource(&b); err != nil {
			return err
		}
	}
	b.WriteString("]}\n")
	_, err := w.Write(b.Bytes())
	return err
}

// MarshalJSON writes the coordinates as numbers.
func (p GeoPoint) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 64)
	b = append(b, `{"pointLongitude":`...)
	b = appendJSONFloat(b, p.Longitude)
	b = append(b, `,"pointLatitude":`...)
	b = appendJSONFloat(b, p.Latitude)
	return append(b, '}'), nil
}

// MarshalJSON writes the coordinates as numbers.
func (g GeoBox) MarshalJSON() ([]byte, error) {
	b := make([]byte, 0, 128)
	b = append(b, `{"westBoundLongitude":`...)
	b = appendJSONFloat(b, g.WestLongitude)
	b = append(b, `,"eastBoundLongitude":`...)
	b = appendJSONFloat(b, g.EastLongitude)
	b = append(b, `,"southBoundLatitude":`...)
	b = appendJSONFloat(b, g.SouthLatitude)
	b = append(b, `,"northBoundLatitude":`...)
	b = appendJSONFloat(b, g.NorthLatitude)
	return append(b, '}'), nil
}

// appendJSONFloat writes f as a JSON number; JSON has none for NaN and infinities, which go as XML Schema strings.
func appendJSONFloat(b []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(b, `"NaN"`...)
	case math.IsInf(f, 1):
		return append(b, `"INF"`...)
	case math.IsInf(f, -1):
		return append(b, `"-INF"`...)
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}

func entriesFromPolygon(p GeoPolygon) []polygonEntry {
	es := make([]polygonEntry, 0, len(p.Points)+1)
	for i := range p.Points {
		es = append(es, polygonEntry{PolygonPoint: &p.Points[i]})
	}
	if p.InPolygonPoint != nil {
		es = append(es, polygonEntry{InPolygonPoint: p.InPolygonPoint})
	}
	return es
}

// MarshalJSON writes a geoLocation; one polygon is an array of point entries, several an array of such arrays.
func (g GeoLocation) MarshalJSON() ([]byte, error) {
	type plain GeoLocation
	var v struct {
		plain
		Polygon any `json:"geoLocationPolygon,omitempty"`
	}
	v.plain = plain(g)
	switch {
	case len(g.Polygons) == 0:
	case len(g.Polygons) == 1 && (len(g.Polygons[0].Points) > 0 || g.Polygons[0].InPolygonPoint != nil):
		// An empty polygon goes in the array-of-arrays form, where it stays visible.
		v.Polygon = entriesFromPolygon(g.Polygons[0])
	default:
		all := make([][]polygonEntry, len(g.Polygons))
		for i, p := range g.Polygons {
			all[i] = entriesFromPolygon(p)
		}
		v.Polygon = all
	}
	return json.Marshal(v)
}

// MarshalJSON writes a related item with its publicationYear as a string, as the REST API does.
func (it RelatedItem) MarshalJSON() ([]byte, error) {
	type plain RelatedItem
	var v struct {
		plain
		Year string `json:"publicationYear,omitempty"`
	}
	v.plain = plain(it)
	if it.PublicationYear != 0 {
		v.Year = fmt.Sprintf("%04d", it.PublicationYear)
	}
	return json.Marshal(v)
}
