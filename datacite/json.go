package datacite

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

// ReadJSON reads DataCite JSON as the REST API speaks it: a JSON:API document holding one record
// ({"data": {"id": ..., "type": "dois", "attributes": {...}}}), a list ({"data": [...]}), or a bare attributes
// object. The document-level meta, links and included members of a list are not records and are not kept.
//
// publisher and affiliation read from plain strings or objects, publicationYear and coordinates from numbers or
// strings. Attributes the schema does not define (the REST API's citationCount, container, xml, ...) are kept in
// [Record.Extra], the JSON:API relationships in [Record.Relationships] and the client's ID in [Record.Client]; a key
// inside a metadata property that the schema does not define is not kept, and [Validate] reports it as a warning.
// Member names are matched exactly, as DataCite spells them.
// Malformed JSON or a value of the wrong type is a *ReadError with its line, column and path.
//
// notRead lists what the records cannot hold (a key the schema does not define, a year that is not a number); in
// a list of several records each path starts with "data[i].". [Validate] reports these too.
func ReadJSON(data []byte) (recs []*Record, notRead fair.Notes, err error) {
	recs, err = readJSON(data)
	if err != nil {
		return nil, nil, err
	}
	for i, r := range recs {
		if len(recs) > 1 {
			notRead = append(notRead, problemNotes(r.problems).Indexed("data", i)...)
		} else {
			notRead = problemNotes(r.problems)
		}
	}
	return recs, notRead, nil
}

// readJSON is ReadJSON without the notes: the records keep their problems for Validate.
func readJSON(data []byte) ([]*Record, error) {
	data = trimBOM(data)
	start := skipWS(data, 0)
	if start >= len(data) {
		return nil, &ReadError{Format: "JSON", Msg: "empty input"}
	}
	if data[start] != '{' {
		line, col := lineCol(data, start)
		return nil, &ReadError{Format: "JSON", Line: line, Column: col, Msg: "want a JSON object (a JSON:API document or DataCite attributes)"}
	}
	// A first look at the member names only: a document with a "data" member is JSON:API, any other object holds
	// the attributes of one record.
	d := &dec{data: data}
	var root pathT
	isDoc := false
	end := d.object(start, root, func(key []byte, vi int) int {
		isDoc = isDoc || string(key) == "data"
		return d.bound(vi)
	})
	if d.err != nil {
		return nil, d.err
	}
	if rest := skipWS(data, end); rest < len(data) {
		return nil, syntaxErr(data, rest, "data after the JSON document")
	}
	if !isDoc {
		rec := new(Record)
		if err := rec.decodeAttributes(data, start, ""); err != nil {
			return nil, err
		}
		return []*Record{rec}, nil
	}
	var recs []*Record
	d.object(start, root, func(key []byte, vi int) int {
		if string(key) != "data" {
			return d.skip(vi, root.at(name(key))) // meta, links, included: checked, not kept
		}
		recs = recs[:0]
		switch data[vi] {
		case '{':
			rec, end := d.resource(vi, "data")
			if rec != nil {
				recs = append(recs, rec)
			}
			return end
		case '[':
			return d.array(vi, root.at("data"), func(n, ei int) int {
				if data[ei] != '{' {
					d.typeErr(ei, root.at("data").i(n), "a JSON:API resource object")
					return len(data)
				}
				rec, end := d.resource(ei, "data["+strconv.Itoa(n)+"]")
				if rec != nil {
					recs = append(recs, rec)
				}
				return end
			})
		case 'n':
			return d.skip(vi, root.at("data"))
		}
		d.typeErr(vi, root.at("data"), "an object or an array")
		return len(data)
	})
	if d.err != nil {
		return nil, d.err
	}
	return recs, nil
}

// ReadJSONRecord is [ReadJSON] for input that must hold exactly one record, such as a REST API response to a
// single DOI.
func ReadJSONRecord(data []byte) (rec *Record, notRead fair.Notes, err error) {
	rec, err = readJSONRecord(data)
	if err != nil {
		return nil, nil, err
	}
	return rec, problemNotes(rec.problems), nil
}

func readJSONRecord(data []byte) (*Record, error) {
	recs, err := readJSON(data)
	if err != nil {
		return nil, err
	}
	if len(recs) != 1 {
		return nil, &ReadError{Format: "JSON", Path: "data", Msg: fmt.Sprintf("holds %d records, want 1", len(recs))}
	}
	return recs[0], nil
}

// resource reads the JSON:API resource object {"id", "type", "attributes", "relationships"} at i, which stands at
// path in the document ("data", "data[3]"), and returns its record (nil after an error) and its end.
func (d *dec) resource(i int, path string) (*Record, int) {
	rec := new(Record)
	var id string
	attrOff := -1
	outer := d.prefix
	d.prefix = path
	var root pathT
	end := d.object(i, root, func(key []byte, vi int) int {
		switch string(key) {
		case "id":
			return d.str(vi, root.at("id"), &id)
		case "type":
			var t string
			end := d.str(vi, root.at("type"), &t)
			if t != "" && t != "dois" {
				d.fail(vi, root.at("type"), fmt.Sprintf("resource type %q is not a DOI record (want \"dois\")", t))
			}
			return end
		case "attributes":
			if d.isNull(vi) {
				return vi + 4
			}
			if d.data[vi] != '{' {
				d.typeErr(vi, root.at("attributes"), "an object")
				return len(d.data)
			}
			attrOff = vi
			return d.bound(vi) // decoded below, which checks it
		case "relationships":
			end := d.skip(vi, root.at("relationships"))
			if d.err == nil && !d.isNull(vi) {
				rec.Relationships = append(json.RawMessage(nil), d.data[vi:end]...)
			}
			return end
		}
		return d.skip(vi, root.at(name(key)))
	})
	d.prefix = outer
	if d.err != nil {
		return nil, end
	}
	if attrOff >= 0 {
		if err := rec.decodeAttributes(d.data, attrOff, path+".attributes"); err != nil {
			d.err = err
			return nil, end
		}
	}
	if rec.DOI == "" {
		rec.DOI = id
	}
	if len(rec.Relationships) > 0 {
		var rel struct {
			Client struct {
				Data struct {
					ID string `json:"id"`
				} `json:"data"`
			} `json:"client"`
		}
		if json.Unmarshal(rec.Relationships, &rel) == nil {
			rec.Client = rel.Client.Data.ID
		}
	}
	return rec, end
}

// UnmarshalJSON reads a DataCite attributes object (the `data.attributes` of the REST API) into r, replacing its
// contents. Use [ReadJSON] for whole JSON:API documents.
func (r *Record) UnmarshalJSON(data []byte) error {
	*r = Record{}
	start := skipWS(data, 0)
	if start >= len(data) || data[start] != '{' {
		return &ReadError{Format: "JSON", Msg: "want a JSON object of DataCite attributes"}
	}
	return r.decodeAttributes(data, start, "")
}

// attrFields are the JSON names of the attributes the record has fields for; the others go to Extra.
var attrFields = map[string]bool{
	"doi": true, "identifierType": true, "prefix": true, "suffix": true, "event": true, "url": true, "state": true,
	"created": true, "updated": true, "registered": true, "published": true, "schemaVersion": true, "creators": true,
	"titles": true, "publisher": true, "publicationYear": true, "types": true, "subjects": true, "contributors": true,
	"dates": true, "language": true, "alternateIdentifiers": true, "relatedIdentifiers": true, "sizes": true,
	"formats": true, "version": true, "rightsList": true, "descriptions": true, "geoLocations": true,
	"fundingReferences": true, "relatedItems": true,
}

// fieldName returns the attribute a member name stands for ("identifiers" included), matching names without regard
// to case as encoding/json does, or "" for a name the record keeps in Extra.
func fieldName(key []byte) string {
	if len(key) > 32 {
		return ""
	}
	var low [32]byte
	for i, c := range key {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		low[i] = c
	}
	return attrFieldsLower[string(low[:len(key)])]
}

var attrFieldsLower = func() map[string]string {
	m := map[string]string{"identifiers": "identifiers"}
	for k := range attrFields {
		m[strings.ToLower(k)] = k
	}
	return m
}()

// decodeAttributes decodes the attributes object at data[off:]; path is where it stands in the document.
func (r *Record) decodeAttributes(data []byte, off int, path string) error {
	d := dec{data: data, prefix: path}
	d.attributes(off, r)
	if d.err != nil {
		return d.err
	}
	r.problems = append(r.problems, d.probs...)
	return nil
}

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

// UnmarshalJSON reads a publisher from a plain string (its name) or an object.
func (p *Publisher) UnmarshalJSON(data []byte) error {
	if len(data) > 0 && data[0] == '"' {
		*p = Publisher{}
		return json.Unmarshal(data, &p.Name)
	}
	type plain Publisher
	return json.Unmarshal(data, (*plain)(p))
}

// UnmarshalJSON reads an affiliation from a plain string (its name) or an object.
func (a *Affiliation) UnmarshalJSON(data []byte) error {
	if len(data) > 0 && data[0] == '"' {
		*a = Affiliation{}
		return json.Unmarshal(data, &a.Name)
	}
	type plain Affiliation
	return json.Unmarshal(data, (*plain)(a))
}

// coord is a coordinate in JSON: a number or a numeric string.
type coord float64

func (c *coord) UnmarshalJSON(data []byte) error {
	s := string(data)
	if s == "null" {
		return nil
	}
	if len(s) > 0 && s[0] == '"' {
		if err := json.Unmarshal(data, &s); err != nil {
			return err
		}
		s = strings.TrimSpace(s)
	}
	f, err := parseXSFloat(s)
	if err != nil {
		return fmt.Errorf("coordinate %s is not a number", data)
	}
	*c = coord(f)
	return nil
}

// UnmarshalJSON reads a point whose coordinates are numbers or numeric strings.
func (p *GeoPoint) UnmarshalJSON(data []byte) error {
	var v struct {
		Lon coord `json:"pointLongitude"`
		Lat coord `json:"pointLatitude"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*p = GeoPoint{Longitude: float64(v.Lon), Latitude: float64(v.Lat)}
	return nil
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

// UnmarshalJSON reads a box whose coordinates are numbers or numeric strings.
func (g *GeoBox) UnmarshalJSON(data []byte) error {
	var v struct {
		W coord `json:"westBoundLongitude"`
		E coord `json:"eastBoundLongitude"`
		S coord `json:"southBoundLatitude"`
		N coord `json:"northBoundLatitude"`
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	*g = GeoBox{WestLongitude: float64(v.W), EastLongitude: float64(v.E), SouthLatitude: float64(v.S), NorthLatitude: float64(v.N)}
	return nil
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

type polygonEntry struct {
	PolygonPoint   *GeoPoint `json:"polygonPoint,omitempty"`
	InPolygonPoint *GeoPoint `json:"inPolygonPoint,omitempty"`
}

func polygonFromEntries(es []polygonEntry) GeoPolygon {
	var p GeoPolygon
	for _, e := range es {
		if e.PolygonPoint != nil {
			p.Points = append(p.Points, *e.PolygonPoint)
		}
		if e.InPolygonPoint != nil {
			p.InPolygonPoint = e.InPolygonPoint
		}
	}
	return p
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

// UnmarshalJSON reads a geoLocation; geoLocationPolygon is one polygon (an array of point entries) or several (an
// array of such arrays).
func (g *GeoLocation) UnmarshalJSON(data []byte) error {
	type plain GeoLocation
	var v struct {
		*plain
		Polygon json.RawMessage `json:"geoLocationPolygon"`
	}
	*g = GeoLocation{}
	v.plain = (*plain)(g)
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	raw := bytes.TrimSpace(v.Polygon)
	if len(raw) == 0 || raw[0] == 'n' {
		return nil
	}
	var many [][]polygonEntry
	if err := json.Unmarshal(raw, &many); err == nil {
		for _, es := range many {
			g.Polygons = append(g.Polygons, polygonFromEntries(es))
		}
		return nil
	}
	var one []polygonEntry
	if err := json.Unmarshal(raw, &one); err != nil {
		return err
	}
	if len(one) > 0 {
		g.Polygons = []GeoPolygon{polygonFromEntries(one)}
	}
	return nil
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

// UnmarshalJSON reads a related item; its publicationYear is a number or a string.
func (it *RelatedItem) UnmarshalJSON(data []byte) error {
	type plain RelatedItem
	var v struct {
		*plain
		Year json.RawMessage `json:"publicationYear"`
	}
	*it = RelatedItem{}
	v.plain = (*plain)(it)
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	if len(v.Year) > 0 {
		y, err := decodeYear(v.Year, 0, "publicationYear", v.Year)
		if err != nil {
			return err
		}
		it.PublicationYear = y
	}
	return nil
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

// decodeYear reads a year from a JSON number, a string of digits, or null (0).
func decodeYear(data []byte, off int, path string, val []byte) (int, error) {
	s := string(val)
	switch {
	case s == "null":
		return 0, nil
	case len(s) > 0 && s[0] == '"':
		if err := json.Unmarshal(val, &s); err != nil {
			return 0, jsonErr(data, off, path, err)
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return 0, nil
		}
	}
	y, err := strconv.Atoi(s)
	if err != nil || y < 0 || y > 9999 {
		line, col := lineCol(data, off)
		return 0, &ReadError{Format: "JSON", Line: line, Column: col, Path: path, Msg: fmt.Sprintf("%s is not a year (want four digits, e.g. 2026)", val)}
	}
	return y, nil
}

// checkJSON reports malformed JSON in data[from:to], a value nothing decodes, with its position.
func checkJSON(data []byte, from, to int) error {
	if json.Valid(data[from:to]) {
		return nil
	}
	var v any
	err := json.Unmarshal(data[from:to], &v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return syntaxErr(data, from+int(se.Offset), strings.TrimPrefix(se.Error(), "json: "))
	}
	return syntaxErr(data, from, "malformed JSON value")
}

// jsonErr turns an encoding/json error about the value at data[off:] into a *ReadError with its position and path.
func jsonErr(data []byte, off int, path string, err error) error {
	e := &ReadError{Format: "JSON", Path: path, Msg: strings.TrimPrefix(err.Error(), "json: "), Err: err}
	pos := off
	var se *json.SyntaxError
	if errors.As(err, &se) {
		pos = off + int(se.Offset)
	}
	e.Line, e.Column = lineCol(data, pos)
	return e
}

func trimBOM(b []byte) []byte { return bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) }

func skipWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the end of the JSON value starting at data[i] (after whitespace). It finds boundaries only:
// the value itself is checked when it is decoded.
func skipValue(data []byte, i int) (int, error) {
	i = skipWS(data, i)
	if i >= len(data) {
		return i, syntaxErr(data, i, "unexpected end of input")
	}
	switch c := data[i]; c {
	case '"':
		return skipString(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				end, err := skipString(data, j)
				if err != nil {
					return end, err
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, nil
				}
			}
		}
		return len(data), syntaxErr(data, len(data), "unexpected end of input")
	default:
		j := i
		for j < len(data) {
			c := data[j]
			if c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				break
			}
			j++
		}
		if j == i {
			return i, syntaxErr(data, i, fmt.Sprintf("unexpected %q", data[i]))
		}
		if !json.Valid(data[i:j]) {
			return i, syntaxErr(data, i, fmt.Sprintf("invalid value %q", truncate(string(data[i:j]), 20)))
		}
		return j, nil
	}
}

func skipString(data []byte, i int) (int, error) {
	for j := i + 1; j < len(data); {
		k := bytes.IndexByte(data[j:], '"')
		if k < 0 {
			break
		}
		q := j + k
		bs := 0 // backslashes right before the quote: an odd number escapes it
		for q-1-bs > i && data[q-1-bs] == '\\' {
			bs++
		}
		if bs%2 == 0 {
			return q + 1, nil
		}
		j = q + 1
	}
	return len(data), syntaxErr(data, len(data), "unterminated string")
}

func syntaxErr(data []byte, off int, msg string) error {
	line, col := lineCol(data, off)
	return &ReadError{Format: "JSON", Line: line, Column: col, Msg: msg}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// UnmarshalJSON reads a related item identifier; its scheme URI is read from schemeURI, the REST API's spelling,
// or schemeUri, the spelling of the other properties.
func (id *RelatedItemIdentifier) UnmarshalJSON(data []byte) error {
	type plain RelatedItemIdentifier
	var v struct {
		*plain
		SchemeUri string `json:"schemeUri"`
	}
	*id = RelatedItemIdentifier{}
	v.plain = (*plain)(id)
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	if id.SchemeURI == "" {
		id.SchemeURI = v.SchemeUri
	}
	return nil
}
