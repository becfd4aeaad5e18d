package datacite

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/jsonwalk"
)

// ReadJSON reads DataCite JSON as the REST API speaks it: a JSON:API document holding one record
// ({"data": {"id": ..., "type": "dois", "attributes": {...}}}), a list ({"data": [...]}), or a bare attributes
// object. The document-level meta, links and included members of a list are not records and are not kept.
//
// Every generation of DataCite JSON reads into the same record: today's REST API; the REST API of 2019 (the DOI as
// a resolver URL among identifiers, affiliation as names or one name); Invenio's schemas 4.0 and 4.1 (identifier
// object, creatorName and contributorName, affiliations as names, resourceType as an object, funderIdentifier and
// awardNumber objects, one geoLocationPolygon of polygonPoints), 4.2 (affiliations as {"affiliation": name},
// geoLocationPolygons) and 4.3 to 4.5; the *URI spellings (rightsURI, schemeURI, valueURI, awardURI) beside the
// *Uri ones. A DOI listed among identifiers with identifierType DOI is the record's DOI, not an alternate identifier
// (another DOI than the record's stays an alternate identifier). publisher and affiliation read from plain strings
// or objects, publicationYear and coordinates from numbers or strings. Attributes the schema does not define (the REST API's citationCount, container, xml, ...) are kept in
// [Record.Extra], the JSON:API relationships in [Record.Relationships] and the client's ID in [Record.Client]; a key
// inside a metadata property that the schema does not define is not kept, and [Validate] reports it as a warning.
// Member names are matched exactly, as DataCite spells them.
// Malformed JSON or a value of the wrong type is a *ReadError with its line, column and path.
//
// notRead lists what the records cannot hold (a key inside a property that the schema does not define); in
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
	var se *jsonwalk.SyntaxError
	if err := jsonwalk.CheckText(data); errors.As(err, &se) {
		return nil, &ReadError{Format: "JSON", Line: se.Line, Column: se.Column, Path: se.Path, Msg: se.Msg, Err: err}
	}
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

// keyNames holds every member name the decoder knows, so that a path segment is a constant string, not a copy.
var keyNames = func() map[string]string {
	m := map[string]string{}
	for _, keys := range jsonKinds {
		for k := range keys {
			m[k] = k
		}
	}
	for k := range attrFields {
		m[k] = k
	}
	m["identifiers"] = "identifiers"
	return m
}()

// name returns k as a string, without allocating when it is a name the decoder knows.
func name(k []byte) string {
	if n, ok := keyNames[string(k)]; ok {
		return n
	}
	return string(k)
}

// unknown reports a key inside a property that the schema does not define, and skips its value.
func (d *dec) unknown(key []byte, vi int, path pathT) int {
	d.probs = append(d.probs, Problem{Path: path.String(), Severity: SeverityWarning,
		Message: fmt.Sprintf("key %q is not DataCite metadata and is not kept", key), lost: true})
	return d.skip(vi, path)
}

func (d *dec) strings(i int, path pathT, p *[]string) int {
	var out []string
	end := d.array(i, path, func(n, vi int) int {
		var s string
		e := d.str(vi, path.i(n), &s)
		out = append(out, s)
		return e
	})
	*p = out
	return end
}

func (d *dec) year(i int, path pathT, p *int) int {
	end := d.skip(i, path)
	if d.err != nil {
		return end
	}
	y, err := decodeYear(d.data, i, path.String(), d.data[i:end])
	if err != nil {
		if d.err == nil {
			d.err = err
		}
		return end
	}
	*p = y
	return end
}

func (d *dec) coord(i int, path pathT, p *float64) int {
	if d.isNull(i) {
		return i + 4
	}
	var s string
	var end int
	if i < len(d.data) && d.data[i] == '"' {
		end = d.str(i, path, &s)
	} else {
		end = d.skip(i, path)
		s = string(d.data[i:end])
	}
	if d.err != nil {
		return end
	}
	f, err := parseXSFloat(s)
	if err != nil {
		d.fail(i, path, fmt.Sprintf("coordinate %q is not a number", s))
		return end
	}
	*p = f
	return end
}

// attributes decodes the attributes object at i into r.
func (d *dec) attributes(i int, r *Record) int {
	var root pathT
	var ids []AlternateIdentifier
	idsEnd, idsStart := -1, -1
	hasAlt := false
	var oldType Types
	var oldID AlternateIdentifier // the 4.0 and 4.1 identifier object, or the old REST API's identifier URL
	end := d.object(i, root, func(key []byte, vi int) int {
		p := root.at(name(key))
		switch string(key) {
		case "doi":
			return d.str(vi, p, &r.DOI)
		case "identifier":
			// Invenio's 4.0 and 4.1 schemas: {"identifier": "10.…", "identifierType": "DOI"}; the REST API before
			// 2019: "https://doi.org/10.…".
			if vi < len(d.data) && d.data[vi] == '"' {
				return d.str(vi, p, &oldID.Identifier)
			}
			return d.object(vi, p, func(k []byte, vi int) int {
				switch string(k) {
				case "identifier":
					return d.str(vi, p.at("identifier"), &oldID.Identifier)
				case "identifierType":
					return d.str(vi, p.at("identifierType"), &oldID.Type)
				}
				return d.unknown(k, vi, p)
			})
		case "resourceType":
			// Invenio's 4.0 and 4.1 schemas: the type as an object; what types gives wins.
			t := &oldType
			e := d.object(vi, p, func(k []byte, vi int) int {
				switch string(k) {
				case "resourceTypeGeneral":
					return d.str(vi, p.at("resourceTypeGeneral"), (*string)(&t.ResourceTypeGeneral))
				case "resourceType":
					return d.str(vi, p.at("resourceType"), &t.ResourceType)
				}
				return d.unknown(k, vi, p)
			})
			return e
		case "identifierType":
			return d.str(vi, p, &r.IdentifierType)
		case "prefix":
			return d.str(vi, p, &r.Prefix)
		case "suffix":
			return d.str(vi, p, &r.Suffix)
		case "event":
			return d.str(vi, p, (*string)(&r.Event))
		case "url":
			return d.str(vi, p, &r.URL)
		case "state":
			return d.str(vi, p, (*string)(&r.State))
		case "created":
			return d.str(vi, p, &r.Created)
		case "updated":
			return d.str(vi, p, &r.Updated)
		case "registered":
			return d.str(vi, p, &r.Registered)
		case "published":
			return d.str(vi, p, &r.Published)
		case "schemaVersion":
			return d.str(vi, p, &r.SchemaVersion)
		case "language":
			return d.str(vi, p, &r.Language)
		case "version":
			return d.str(vi, p, &r.Version)
		case "creators":
			r.Creators = nil
			return d.array(vi, p, func(n, ei int) int {
				var c Creator
				e := d.person(ei, p.i(n), &c, nil)
				r.Creators = append(r.Creators, c)
				return e
			})
		case "contributors":
			r.Contributors = nil
			return d.array(vi, p, func(n, ei int) int {
				var c Contributor
				e := d.person(ei, p.i(n), &c.Creator, &c.ContributorType)
				r.Contributors = append(r.Contributors, c)
				return e
			})
		case "titles":
			return d.titles(vi, p, &r.Titles)
		case "publisher":
			return d.publisher(vi, p, &r.Publisher)
		case "publicationYear":
			return d.year(vi, p, &r.PublicationYear)
		case "types":
			return d.types(vi, p, &r.Types)
		case "subjects":
			r.Subjects = nil
			return d.array(vi, p, func(n, ei int) int {
				var s Subject
				q := p.i(n)
				e := d.object(ei, q, func(k []byte, vi int) int {
					switch string(k) {
					case "subject":
						return d.str(vi, q.at("subject"), &s.Subject)
					case "subjectScheme":
						return d.str(vi, q.at("subjectScheme"), &s.Scheme)
					case "schemeUri", "schemeURI":
						return d.str(vi, q.at(name(k)), &s.SchemeURI)
					case "valueUri", "valueURI":
						return d.str(vi, q.at(name(k)), &s.ValueURI)
					case "classificationCode":
						return d.str(vi, q.at("classificationCode"), &s.ClassificationCode)
					case "lang":
						return d.str(vi, q.at("lang"), &s.Lang)
					}
					return d.unknown(k, vi, q)
				})
				r.Subjects = append(r.Subjects, s)
				return e
			})
		case "dates":
			r.Dates = nil
			return d.array(vi, p, func(n, ei int) int {
				var dt Date
				q := p.i(n)
				e := d.object(ei, q, func(k []byte, vi int) int {
					switch string(k) {
					case "date":
						return d.str(vi, q.at("date"), &dt.Date)
					case "dateType":
						return d.str(vi, q.at("dateType"), (*string)(&dt.Type))
					case "dateInformation":
						return d.str(vi, q.at("dateInformation"), &dt.Information)
					}
					return d.unknown(k, vi, q)
				})
				r.Dates = append(r.Dates, dt)
				return e
			})
		case "alternateIdentifiers":
			hasAlt = true
			r.AlternateIdentifiers = nil
			return d.array(vi, p, func(n, ei int) int {
				var a AlternateIdentifier
				q := p.i(n)
				e := d.object(ei, q, func(k []byte, vi int) int {
					switch string(k) {
					case "alternateIdentifier":
						return d.str(vi, q.at("alternateIdentifier"), &a.Identifier)
					case "alternateIdentifierType":
						return d.str(vi, q.at("alternateIdentifierType"), &a.Type)
					}
					return d.unknown(k, vi, q)
				})
				r.AlternateIdentifiers = append(r.AlternateIdentifiers, a)
				return e
			})
		case "identifiers":
			// The REST API's newer name for the alternate identifiers; decided on at the end.
			ids, idsStart = nil, vi
			idsEnd = d.array(vi, p, func(n, ei int) int {
				var a AlternateIdentifier
				q := p.i(n)
				e := d.object(ei, q, func(k []byte, vi int) int {
					switch string(k) {
					case "identifier":
						return d.str(vi, q.at("identifier"), &a.Identifier)
					case "identifierType":
						return d.str(vi, q.at("identifierType"), &a.Type)
					}
					return d.unknown(k, vi, q)
				})
				ids = append(ids, a)
				return e
			})
			return idsEnd
		case "relatedIdentifiers":
			r.RelatedIdentifiers = nil
			return d.array(vi, p, func(n, ei int) int {
				var ri RelatedIdentifier
				q := p.i(n)
				e := d.object(ei, q, func(k []byte, vi int) int {
					switch string(k) {
					case "relatedIdentifier":
						return d.str(vi, q.at("relatedIdentifier"), &ri.Identifier)
					case "relatedIdentifierType":
						return d.str(vi, q.at("relatedIdentifierType"), (*string)(&ri.IdentifierType))
					case "relationType":
						return d.str(vi, q.at("relationType"), (*string)(&ri.RelationType))
					case "resourceTypeGeneral":
						return d.str(vi, q.at("resourceTypeGeneral"), (*string)(&ri.ResourceTypeGeneral))
					case "relatedMetadataScheme":
						return d.str(vi, q.at("relatedMetadataScheme"), &ri.RelatedMetadataScheme)
					case "schemeUri", "schemeURI":
						return d.str(vi, q.at(name(k)), &ri.SchemeURI)
					case "schemeType":
						return d.str(vi, q.at("schemeType"), &ri.SchemeType)
					case "relationTypeInformation":
						return d.str(vi, q.at("relationTypeInformation"), &ri.RelationTypeInformation)
					}
					return d.unknown(k, vi, q)
				})
				r.RelatedIdentifiers = append(r.RelatedIdentifiers, ri)
				return e
			})
		case "sizes":
			return d.strings(vi, p, &r.Sizes)
		case "formats":
			return d.strings(vi, p, &r.Formats)
		case "rightsList":
			r.RightsList = nil
			return d.array(vi, p, func(n, ei int) int {
				var rt Rights
				q := p.i(n)
				e := d.object(ei, q, func(k []byte, vi int) int {
					switch string(k) {
					case "rights":
						return d.str(vi, q.at("rights"), &rt.Rights)
					case "rightsUri", "rightsURI":
						return d.str(vi, q.at(name(k)), &rt.URI)
					case "rightsIdentifier":
						return d.str(vi, q.at("rightsIdentifier"), &rt.Identifier)
					case "rightsIdentifierScheme":
						return d.str(vi, q.at("rightsIdentifierScheme"), &rt.IdentifierScheme)
					case "schemeUri", "schemeURI":
						return d.str(vi, q.at(name(k)), &rt.SchemeURI)
					case "lang":
						return d.str(vi, q.at("lang"), &rt.Lang)
					}
					return d.unknown(k, vi, q)
				})
				r.RightsList = append(r.RightsList, rt)
				return e
			})
		case "descriptions":
			r.Descriptions = nil
			return d.array(vi, p, func(n, ei int) int {
				var ds Description
				q := p.i(n)
				e := d.object(ei, q, func(k []byte, vi int) int {
					switch string(k) {
					case "description":
						return d.str(vi, q.at("description"), &ds.Description)
					case "descriptionType":
						return d.str(vi, q.at("descriptionType"), (*string)(&ds.Type))
					case "lang":
						return d.str(vi, q.at("lang"), &ds.Lang)
					}
					return d.unknown(k, vi, q)
				})
				r.Descriptions = append(r.Descriptions, ds)
				return e
			})
		case "geoLocations":
			r.GeoLocations = nil
			return d.array(vi, p, func(n, ei int) int {
				var g GeoLocation
				e := d.geoLocation(ei, p.i(n), &g)
				r.GeoLocations = append(r.GeoLocations, g)
				return e
			})
		case "fundingReferences":
			r.FundingReferences = nil
			return d.array(vi, p, func(n, ei int) int {
				var f FundingReference
				q := p.i(n)
				e := d.object(ei, q, func(k []byte, vi int) int {
					switch string(k) {
					case "funderName":
						return d.str(vi, q.at("funderName"), &f.FunderName)
					case "funderIdentifier":
						if vi < len(d.data) && d.data[vi] == '{' {
							// Invenio's 4.0 and 4.1 schemas: {"funderIdentifier": ..., "funderIdentifierType": ...}.
							fq := q.at("funderIdentifier")
							return d.object(vi, fq, func(k []byte, vi int) int {
								switch string(k) {
								case "funderIdentifier":
									return d.str(vi, fq.at("funderIdentifier"), &f.FunderIdentifier)
								case "funderIdentifierType":
									return d.str(vi, fq.at("funderIdentifierType"), (*string)(&f.FunderIdentifierType))
								case "schemeURI", "schemeUri":
									return d.str(vi, fq.at(name(k)), &f.SchemeURI)
								}
								return d.unknown(k, vi, fq)
							})
						}
						return d.str(vi, q.at("funderIdentifier"), &f.FunderIdentifier)
					case "funderIdentifierType":
						return d.str(vi, q.at("funderIdentifierType"), (*string)(&f.FunderIdentifierType))
					case "schemeUri", "schemeURI":
						return d.str(vi, q.at(name(k)), &f.SchemeURI)
					case "awardNumber":
						if vi < len(d.data) && d.data[vi] == '{' {
							// Invenio's 4.0 and 4.1 schemas: {"awardNumber": ..., "awardURI": ...}.
							aq := q.at("awardNumber")
							return d.object(vi, aq, func(k []byte, vi int) int {
								switch string(k) {
								case "awardNumber":
									return d.str(vi, aq.at("awardNumber"), &f.AwardNumber)
								case "awardURI", "awardUri":
									return d.str(vi, aq.at(name(k)), &f.AwardURI)
								}
								return d.unknown(k, vi, aq)
							})
						}
						return d.str(vi, q.at("awardNumber"), &f.AwardNumber)
					case "awardUri", "awardURI":
						return d.str(vi, q.at(name(k)), &f.AwardURI)
					case "awardTitle":
						return d.str(vi, q.at("awardTitle"), &f.AwardTitle)
					}
					return d.unknown(k, vi, q)
				})
				r.FundingReferences = append(r.FundingReferences, f)
				return e
			})
		case "relatedItems":
			r.RelatedItems = nil
			return d.array(vi, p, func(n, ei int) int {
				var it RelatedItem
				e := d.relatedItem(ei, p.i(n), &it)
				r.RelatedItems = append(r.RelatedItems, it)
				return e
			})
		}
		// Another attribute of the REST API: kept as it came.
		e := d.skip(vi, p)
		if d.err == nil {
			if r.Extra == nil {
				r.Extra = make(map[string]json.RawMessage, 32)
			}
			r.Extra[string(key)] = append(json.RawMessage(nil), d.data[vi:e]...)
		}
		return e
	})
	if r.Types.ResourceTypeGeneral == "" {
		r.Types.ResourceTypeGeneral = oldType.ResourceTypeGeneral
	}
	if r.Types.ResourceType == "" {
		r.Types.ResourceType = oldType.ResourceType
	}
	if d.err == nil && oldID.Identifier != "" {
		d.ownIdentifier(r, oldID, root.at("identifier"))
	}
	if idsStart >= 0 && d.err == nil {
		// Invenio's 4.2 and 4.3 schemas and older REST responses list the DOI itself among the identifiers: it is
		// the record's DOI, not an alternate identifier.
		kept := ids[:0:0]
		for n, a := range ids {
			if strings.EqualFold(strings.TrimSpace(a.Type), "DOI") && (r.DOI == "" || doi.Equal(a.Identifier, r.DOI)) {
				d.ownIdentifier(r, a, root.at("identifiers").i(n))
				continue
			}
			kept = append(kept, a)
		}
		raw := d.data[idsStart:idsEnd]
		if len(kept) < len(ids) {
			raw, _ = json.Marshal(identifiersJSON(kept))
		}
		ids = kept
		if hasAlt {
			// Both names: alternateIdentifiers is the metadata, identifiers stays as the API gave it.
			if r.Extra == nil {
				r.Extra = make(map[string]json.RawMessage, 1)
			}
			r.Extra["identifiers"] = append(json.RawMessage(nil), raw...)
		} else {
			r.AlternateIdentifiers = ids
		}
	}
	return end
}

// person reads a creator, or a contributor when ctype is not nil.
func (d *dec) person(i int, path pathT, c *Creator, ctype *fair.ContributorType) int {
	return d.object(i, path, func(k []byte, vi int) int {
		switch string(k) {
		case "name":
			return d.str(vi, path.at("name"), &c.Name)
		case "creatorName", "contributorName":
			// Invenio's 4.0 and 4.1 schemas.
			return d.str(vi, path.at(name(k)), &c.Name)
		case "nameType":
			return d.str(vi, path.at("nameType"), (*string)(&c.NameType))
		case "lang":
			return d.str(vi, path.at("lang"), &c.Lang)
		case "givenName":
			return d.str(vi, path.at("givenName"), &c.GivenName)
		case "familyName":
			return d.str(vi, path.at("familyName"), &c.FamilyName)
		case "contributorType":
			if ctype != nil {
				return d.str(vi, path.at("contributorType"), (*string)(ctype))
			}
		case "nameIdentifiers":
			p := path.at("nameIdentifiers")
			c.NameIdentifiers = nil
			return d.array(vi, p, func(n, ei int) int {
				var id NameIdentifier
				q := p.i(n)
				e := d.object(ei, q, func(k []byte, vi int) int {
					switch string(k) {
					case "nameIdentifier":
						return d.str(vi, q.at("nameIdentifier"), &id.Value)
					case "nameIdentifierScheme":
						return d.str(vi, q.at("nameIdentifierScheme"), &id.Scheme)
					case "schemeUri", "schemeURI":
						return d.str(vi, q.at(name(k)), &id.SchemeURI)
					}
					return d.unknown(k, vi, q)
				})
				c.NameIdentifiers = append(c.NameIdentifiers, id)
				return e
			})
		case "affiliation", "affiliations":
			// affiliation: an array of objects (4.3 on) or of names (the REST API of 2019), or one name (4.2-era
			// JSON); affiliations: Invenio's 4.0 and 4.1 (names) and 4.2 ({"affiliation": name}) schemas.
			p := path.at(name(k))
			c.Affiliations = nil
			if vi < len(d.data) && d.data[vi] == '"' {
				var a Affiliation
				e := d.str(vi, p, &a.Name)
				if a.Name != "" {
					c.Affiliations = []Affiliation{a}
				}
				return e
			}
			return d.array(vi, p, func(n, ei int) int {
				var a Affiliation
				q := p.i(n)
				var e int
				if d.data[ei] == '"' {
					e = d.str(ei, q, &a.Name)
				} else {
					e = d.object(ei, q, func(k []byte, vi int) int {
						switch string(k) {
						case "name", "affiliation":
							return d.str(vi, q.at(name(k)), &a.Name)
						case "affiliationIdentifier":
							return d.str(vi, q.at("affiliationIdentifier"), &a.Identifier)
						case "affiliationIdentifierScheme":
							return d.str(vi, q.at("affiliationIdentifierScheme"), &a.IdentifierScheme)
						case "schemeUri", "schemeURI":
							return d.str(vi, q.at(name(k)), &a.SchemeURI)
						}
						return d.unknown(k, vi, q)
					})
				}
				c.Affiliations = append(c.Affiliations, a)
				return e
			})
		}
		return d.unknown(k, vi, path)
	})
}

func (d *dec) titles(i int, path pathT, out *[]Title) int {
	*out = nil
	return d.array(i, path, func(n, ei int) int {
		var t Title
		q := path.i(n)
		e := d.object(ei, q, func(k []byte, vi int) int {
			switch string(k) {
			case "title":
				return d.str(vi, q.at("title"), &t.Title)
			case "titleType":
				return d.str(vi, q.at("titleType"), (*string)(&t.Type))
			case "lang":
				return d.str(vi, q.at("lang"), &t.Lang)
			}
			return d.unknown(k, vi, q)
		})
		*out = append(*out, t)
		return e
	})
}

func (d *dec) publisher(i int, path pathT, p *Publisher) int {
	*p = Publisher{}
	if i < len(d.data) && d.data[i] == '"' {
		return d.str(i, path, &p.Name)
	}
	return d.object(i, path, func(k []byte, vi int) int {
		switch string(k) {
		case "name":
			return d.str(vi, path.at("name"), &p.Name)
		case "publisherIdentifier":
			return d.str(vi, path.at("publisherIdentifier"), &p.Identifier)
		case "publisherIdentifierScheme":
			return d.str(vi, path.at("publisherIdentifierScheme"), &p.IdentifierScheme)
		case "schemeUri", "schemeURI":
			return d.str(vi, path.at(name(k)), &p.SchemeURI)
		case "lang":
			return d.str(vi, path.at("lang"), &p.Lang)
		}
		return d.unknown(k, vi, path)
	})
}

func (d *dec) types(i int, path pathT, t *Types) int {
	*t = Types{}
	return d.object(i, path, func(k []byte, vi int) int {
		switch string(k) {
		case "resourceTypeGeneral":
			return d.str(vi, path.at("resourceTypeGeneral"), (*string)(&t.ResourceTypeGeneral))
		case "resourceType":
			return d.str(vi, path.at("resourceType"), &t.ResourceType)
		case "schemaOrg":
			return d.str(vi, path.at("schemaOrg"), &t.SchemaOrg)
		case "citeproc":
			return d.str(vi, path.at("citeproc"), &t.Citeproc)
		case "bibtex":
			return d.str(vi, path.at("bibtex"), &t.Bibtex)
		case "ris":
			return d.str(vi, path.at("ris"), &t.RIS)
		}
		return d.unknown(k, vi, path)
	})
}

func (d *dec) point(i int, path pathT, pt *GeoPoint) int {
	return d.object(i, path, func(k []byte, vi int) int {
		switch string(k) {
		case "pointLongitude":
			return d.coord(vi, path.at("pointLongitude"), &pt.Longitude)
		case "pointLatitude":
			return d.coord(vi, path.at("pointLatitude"), &pt.Latitude)
		}
		return d.unknown(k, vi, path)
	})
}

func (d *dec) geoLocation(i int, path pathT, g *GeoLocation) int {
	return d.object(i, path, func(k []byte, vi int) int {
		p := path.at(name(k))
		switch string(k) {
		case "geoLocationPlace":
			return d.str(vi, p, &g.Place)
		case "geoLocationPoint":
			if d.isNull(vi) {
				return vi + 4
			}
			g.Point = new(GeoPoint)
			return d.point(vi, p, g.Point)
		case "geoLocationBox":
			if d.isNull(vi) {
				return vi + 4
			}
			b := new(GeoBox)
			g.Box = b
			return d.object(vi, p, func(k []byte, vi int) int {
				switch string(k) {
				case "westBoundLongitude":
					return d.coord(vi, p.at("westBoundLongitude"), &b.WestLongitude)
				case "eastBoundLongitude":
					return d.coord(vi, p.at("eastBoundLongitude"), &b.EastLongitude)
				case "southBoundLatitude":
					return d.coord(vi, p.at("southBoundLatitude"), &b.SouthLatitude)
				case "northBoundLatitude":
					return d.coord(vi, p.at("northBoundLatitude"), &b.NorthLatitude)
				}
				return d.unknown(k, vi, p)
			})
		case "geoLocationPolygon":
			g.Polygons = nil
			if vi < len(d.data) && d.data[vi] == '{' {
				// Invenio's 4.0 and 4.1 schemas: one polygon as {"polygonPoints": [...], "inPolygonPoint": ...}.
				var pg GeoPolygon
				e := d.pointsPolygon(vi, p, &pg)
				g.Polygons = []GeoPolygon{pg}
				return e
			}
			// One polygon is an array of point entries; several are an array of such arrays.
			first := vi
			if vi < len(d.data) && d.data[vi] == '[' {
				first = skipWS(d.data, vi+1)
			}
			if first < len(d.data) && d.data[first] == '[' {
				return d.array(vi, p, func(n, ei int) int {
					var pg GeoPolygon
					e := d.polygon(ei, p.i(n), &pg)
					g.Polygons = append(g.Polygons, pg)
					return e
				})
			}
			var pg GeoPolygon
			e := d.polygon(vi, p, &pg)
			if len(pg.Points) > 0 || pg.InPolygonPoint != nil {
				g.Polygons = []GeoPolygon{pg}
			}
			return e
		case "geoLocationPolygons":
			// Invenio's 4.2 and 4.3 schemas: [{"polygonPoints": [point, ...], "inPolygonPoint": point}, ...].
			g.Polygons = nil
			return d.array(vi, p, func(n, ei int) int {
				var pg GeoPolygon
				e := d.pointsPolygon(ei, p.i(n), &pg)
				g.Polygons = append(g.Polygons, pg)
				return e
			})
		}
		return d.unknown(k, vi, path)
	})
}

// pointsPolygon reads a polygon of Invenio's schemas: {"polygonPoints": [point, ...], "inPolygonPoint": point}.
func (d *dec) pointsPolygon(i int, q pathT, pg *GeoPolygon) int {
	return d.object(i, q, func(k []byte, vi int) int {
		switch string(k) {
		case "polygonPoints":
			pq := q.at("polygonPoints")
			return d.array(vi, pq, func(m, pi int) int {
				var pt GeoPoint
				e := d.point(pi, pq.i(m), &pt)
				pg.Points = append(pg.Points, pt)
				return e
			})
		case "inPolygonPoint":
			return d.inPolygonPoint(vi, q, pg)
		}
		return d.unknown(k, vi, q)
	})
}

// inPolygonPoint reads a polygon's inPolygonPoint (null: none).
func (d *dec) inPolygonPoint(vi int, q pathT, pg *GeoPolygon) int {
	if d.isNull(vi) {
		return vi + 4
	}
	pg.InPolygonPoint = new(GeoPoint)
	return d.point(vi, q.at("inPolygonPoint"), pg.InPolygonPoint)
}

func (d *dec) polygon(i int, path pathT, pg *GeoPolygon) int {
	return d.array(i, path, func(n, ei int) int {
		q := path.i(n)
		return d.object(ei, q, func(k []byte, vi int) int {
			switch string(k) {
			case "polygonPoint":
				if d.isNull(vi) {
					return vi + 4
				}
				var pt GeoPoint
				e := d.point(vi, q.at("polygonPoint"), &pt)
				pg.Points = append(pg.Points, pt)
				return e
			case "inPolygonPoint":
				return d.inPolygonPoint(vi, q, pg)
			}
			return d.unknown(k, vi, q)
		})
	})
}

func (d *dec) relatedItem(i int, path pathT, it *RelatedItem) int {
	return d.object(i, path, func(k []byte, vi int) int {
		p := path.at(name(k))
		switch string(k) {
		case "relatedItemType":
			return d.str(vi, p, (*string)(&it.Type))
		case "relationType":
			return d.str(vi, p, (*string)(&it.RelationType))
		case "relationTypeInformation":
			return d.str(vi, p, &it.RelationTypeInformation)
		case "relatedItemIdentifier":
			if d.isNull(vi) {
				return vi + 4
			}
			id := new(RelatedItemIdentifier)
			it.Identifier = id
			return d.object(vi, p, func(k []byte, vi int) int {
				switch string(k) {
				case "relatedItemIdentifier":
					return d.str(vi, p.at("relatedItemIdentifier"), &id.Identifier)
				case "relatedItemIdentifierType":
					return d.str(vi, p.at("relatedItemIdentifierType"), (*string)(&id.Type))
				case "relatedMetadataScheme":
					return d.str(vi, p.at("relatedMetadataScheme"), &id.RelatedMetadataScheme)
				case "schemeURI", "schemeUri":
					return d.str(vi, p.at("schemeURI"), &id.SchemeURI)
				case "schemeType":
					return d.str(vi, p.at("schemeType"), &id.SchemeType)
				}
				return d.unknown(k, vi, p)
			})
		case "creators", "contributors":
			contrib := string(k) == "contributors"
			var out []RelatedItemName
			e := d.array(vi, p, func(n, ei int) int {
				var nm RelatedItemName
				q := p.i(n)
				e := d.object(ei, q, func(k []byte, vi int) int {
					switch string(k) {
					case "name":
						return d.str(vi, q.at("name"), &nm.Name)
					case "nameType":
						return d.str(vi, q.at("nameType"), (*string)(&nm.NameType))
					case "lang":
						return d.str(vi, q.at("lang"), &nm.Lang)
					case "givenName":
						return d.str(vi, q.at("givenName"), &nm.GivenName)
					case "familyName":
						return d.str(vi, q.at("familyName"), &nm.FamilyName)
					case "contributorType":
						if contrib {
							return d.str(vi, q.at("contributorType"), (*string)(&nm.ContributorType))
						}
					}
					return d.unknown(k, vi, q)
				})
				out = append(out, nm)
				return e
			})
			if contrib {
				it.Contributors = out
			} else {
				it.Creators = out
			}
			return e
		case "titles":
			return d.titles(vi, p, &it.Titles)
		case "publicationYear":
			return d.year(vi, p, &it.PublicationYear)
		case "volume":
			return d.str(vi, p, &it.Volume)
		case "issue":
			return d.str(vi, p, &it.Issue)
		case "number":
			return d.str(vi, p, &it.Number)
		case "numberType":
			return d.str(vi, p, (*string)(&it.NumberType))
		case "firstPage":
			return d.str(vi, p, &it.FirstPage)
		case "lastPage":
			return d.str(vi, p, &it.LastPage)
		case "publisher":
			return d.str(vi, p, &it.Publisher)
		case "edition":
			return d.str(vi, p, &it.Edition)
		}
		return d.unknown(k, vi, path)
	})
}

// ownIdentifier takes id, given as the record's identifier by an older generation of DataCite JSON, as the record's
// DOI: a DOI in any form doi.Parse reads is kept as written without its resolver or "doi:" prefix; an identifier of
// another type is kept with its type.
func (d *dec) ownIdentifier(r *Record, id AlternateIdentifier, path pathT) {
	typ := strings.TrimSpace(id.Type)
	if typ == "" || strings.EqualFold(typ, "DOI") {
		if bare, ok := bareDOI(id.Identifier); ok {
			if r.DOI == "" {
				r.DOI = bare
			} else if !doi.Equal(bare, r.DOI) {
				d.probs = append(d.probs, Problem{Path: path.String(), Severity: SeverityWarning, lost: true,
					Message: fmt.Sprintf("identifier %q differs from the record's DOI %q and is not kept", id.Identifier, r.DOI)})
			}
			return
		}
		if typ == "" {
			// The old REST API's identifier is a URL of the DOI; anything else has no place.
			d.probs = append(d.probs, Problem{Path: path.String(), Severity: SeverityWarning, lost: true,
				Message: fmt.Sprintf("identifier %q is not a DOI and is not kept", id.Identifier)})
			return
		}
	}
	if r.DOI == "" {
		r.DOI, r.IdentifierType = strings.TrimSpace(id.Identifier), typ
	}
}

// bareDOI returns s as a DOI without its resolver or "doi:" prefix, in the case it was written.
func bareDOI(s string) (string, bool) {
	n, err := doi.Parse(s)
	if err != nil {
		return "", false
	}
	t := strings.TrimSpace(s)
	if len(t) >= len(n) && strings.EqualFold(t[len(t)-len(n):], string(n)) {
		return t[len(t)-len(n):], true
	}
	return string(n), true
}

// identifiersJSON is the identifiers attribute of ids.
func identifiersJSON(ids []AlternateIdentifier) []map[string]string {
	out := make([]map[string]string, len(ids))
	for i, a := range ids {
		out[i] = map[string]string{"identifier": a.Identifier, "identifierType": a.Type}
	}
	return out
}
