package datacite

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"

	"github.com/dop2i/fairmeta/fair"
)

// dec decodes DataCite JSON attributes straight into a Record, in one pass over the input and without reflection:
// the REST API's records are the hot path of pipelines that convert thousands of them. It knows every property of the
// schema; an unknown top-level attribute goes to Extra, an unknown key inside a property is reported as a warning.
// Member names are matched exactly. Errors carry the position and the path.
type dec struct {
	data   []byte
	prefix string // path of the attributes object in the document, e.g. "data[3].attributes", for errors
	err    error
	probs  []Problem
}

func (d *dec) fail(i int, path pathT, msg string) {
	if d.err == nil {
		line, col := lineCol(d.data, i)
		d.err = &ReadError{Format: "JSON", Line: line, Column: col, Path: join(d.prefix, path.String()), Msg: msg}
	}
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

func (d *dec) kindAt(i int) string {
	if i >= len(d.data) {
		return "nothing"
	}
	switch d.data[i] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

func (d *dec) typeErr(i int, path pathT, want string) {
	d.fail(i, path, "want "+want+", got "+d.kindAt(i))
}

// skip returns the end of the value at i, checking that it is valid JSON (nothing else will).
func (d *dec) skip(i int, path pathT) int {
	end, err := skipValue(d.data, i)
	if err != nil {
		d.fail(i, path, "malformed JSON")
		return len(d.data)
	}
	if d.data[i] == '{' || d.data[i] == '[' {
		if err := checkJSON(d.data, i, end); err != nil && d.err == nil {
			d.err = err
		}
	}
	return end
}

// bound returns the end of the value at i, finding its boundaries only: for a value that is decoded afterwards, which
// checks it.
func (d *dec) bound(i int) int {
	end, err := skipValue(d.data, i)
	if err != nil {
		if d.err == nil {
			d.err = err
		}
		return len(d.data)
	}
	return end
}

func (d *dec) isNull(i int) bool {
	return i+4 <= len(d.data) && string(d.data[i:i+4]) == "null"
}

// object calls f for each member of the object at i, with the offset of its value; f returns the end of the value.
// A null is an empty object. It returns the end of the object.
func (d *dec) object(i int, path pathT, f func(key []byte, vi int) int) int {
	if d.isNull(i) {
		return i + 4
	}
	if i >= len(d.data) || d.data[i] != '{' {
		d.typeErr(i, path, "an object")
		return len(d.data)
	}
	i = skipWS(d.data, i+1)
	if i < len(d.data) && d.data[i] == '}' {
		return i + 1
	}
	for d.err == nil {
		if i >= len(d.data) || d.data[i] != '"' {
			d.fail(i, path, "want a member name in quotes")
			break
		}
		kend, err := skipString(d.data, i)
		if err != nil {
			d.fail(i, path, "unterminated member name")
			break
		}
		key := d.data[i+1 : kend-1]
		if !utf8.Valid(key) || containsByte(key, '\\') {
			var k string
			if err := json.Unmarshal(d.data[i:kend], &k); err != nil {
				d.fail(i, path, "invalid member name")
				break
			}
			key = []byte(k)
		}
		i = skipWS(d.data, kend)
		if i >= len(d.data) || d.data[i] != ':' {
			d.fail(i, path, "want ':' after a member name")
			break
		}
		vi := skipWS(d.data, i+1)
		if vi >= len(d.data) {
			d.fail(vi, path, "unexpected end of input")
			break
		}
		end := f(key, vi)
		if d.err != nil {
			break
		}
		i = skipWS(d.data, end)
		if i < len(d.data) && d.data[i] == ',' {
			i = skipWS(d.data, i+1)
			continue
		}
		if i < len(d.data) && d.data[i] == '}' {
			return i + 1
		}
		d.fail(i, path, "want ',' or '}' after an object member")
	}
	return len(d.data)
}

// array calls f for each element of the array at i with its index; f returns the end of the element. A null is an
// empty array. It returns the end of the array.
func (d *dec) array(i int, path pathT, f func(n, vi int) int) int {
	if d.isNull(i) {
		return i + 4
	}
	if i >= len(d.data) || d.data[i] != '[' {
		d.typeErr(i, path, "an array")
		return len(d.data)
	}
	i = skipWS(d.data, i+1)
	if i < len(d.data) && d.data[i] == ']' {
		return i + 1
	}
	for n := 0; d.err == nil; n++ {
		if i >= len(d.data) {
			d.fail(i, path, "unexpected end of input in an array")
			break
		}
		end := f(n, i)
		if d.err != nil {
			break
		}
		i = skipWS(d.data, end)
		if i < len(d.data) && d.data[i] == ',' {
			i = skipWS(d.data, i+1)
			continue
		}
		if i < len(d.data) && d.data[i] == ']' {
			return i + 1
		}
		d.fail(i, path, "want ',' or ']' after an array element")
	}
	return len(d.data)
}

func containsByte(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}

// str reads a string (or null, as "") at i and returns it and the end.
func (d *dec) str(i int, path pathT, p *string) int {
	if d.isNull(i) {
		return i + 4
	}
	if i >= len(d.data) || d.data[i] != '"' {
		d.typeErr(i, path, "a string")
		return len(d.data)
	}
	end, err := skipString(d.data, i)
	if err != nil {
		d.fail(i, path, "unterminated string")
		return len(d.data)
	}
	raw := d.data[i+1 : end-1]
	if containsByte(raw, '\\') || !utf8.Valid(raw) || hasControl(raw) {
		// Escapes, invalid UTF-8 (which encoding/json turns into U+FFFD) or raw control characters (which JSON
		// forbids): leave them to encoding/json.
		if err := json.Unmarshal(d.data[i:end], p); err != nil {
			d.fail(i, path, "invalid string")
		}
		return end
	}
	*p = string(raw)
	return end
}

func hasControl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 {
			return true
		}
	}
	return false
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
	end := d.object(i, root, func(key []byte, vi int) int {
		p := root.at(name(key))
		switch string(key) {
		case "doi":
			return d.str(vi, p, &r.DOI)
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
					case "schemeUri":
						return d.str(vi, q.at("schemeUri"), &s.SchemeURI)
					case "valueUri":
						return d.str(vi, q.at("valueUri"), &s.ValueURI)
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
					case "schemeUri":
						return d.str(vi, q.at("schemeUri"), &ri.SchemeURI)
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
					case "rightsUri":
						return d.str(vi, q.at("rightsUri"), &rt.URI)
					case "rightsIdentifier":
						return d.str(vi, q.at("rightsIdentifier"), &rt.Identifier)
					case "rightsIdentifierScheme":
						return d.str(vi, q.at("rightsIdentifierScheme"), &rt.IdentifierScheme)
					case "schemeUri":
						return d.str(vi, q.at("schemeUri"), &rt.SchemeURI)
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
						return d.str(vi, q.at("funderIdentifier"), &f.FunderIdentifier)
					case "funderIdentifierType":
						return d.str(vi, q.at("funderIdentifierType"), (*string)(&f.FunderIdentifierType))
					case "schemeUri":
						return d.str(vi, q.at("schemeUri"), &f.SchemeURI)
					case "awardNumber":
						return d.str(vi, q.at("awardNumber"), &f.AwardNumber)
					case "awardUri":
						return d.str(vi, q.at("awardUri"), &f.AwardURI)
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
	if idsStart >= 0 && d.err == nil {
		if hasAlt {
			// Both names: alternateIdentifiers is the metadata, identifiers stays as the API gave it.
			if r.Extra == nil {
				r.Extra = make(map[string]json.RawMessage, 1)
			}
			r.Extra["identifiers"] = append(json.RawMessage(nil), d.data[idsStart:idsEnd]...)
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
					case "schemeUri":
						return d.str(vi, q.at("schemeUri"), &id.SchemeURI)
					}
					return d.unknown(k, vi, q)
				})
				c.NameIdentifiers = append(c.NameIdentifiers, id)
				return e
			})
		case "affiliation":
			p := path.at("affiliation")
			c.Affiliations = nil
			return d.array(vi, p, func(n, ei int) int {
				var a Affiliation
				q := p.i(n)
				var e int
				if d.data[ei] == '"' {
					e = d.str(ei, q, &a.Name)
				} else {
					e = d.object(ei, q, func(k []byte, vi int) int {
						switch string(k) {
						case "name":
							return d.str(vi, q.at("name"), &a.Name)
						case "affiliationIdentifier":
							return d.str(vi, q.at("affiliationIdentifier"), &a.Identifier)
						case "affiliationIdentifierScheme":
							return d.str(vi, q.at("affiliationIdentifierScheme"), &a.IdentifierScheme)
						case "schemeUri":
							return d.str(vi, q.at("schemeUri"), &a.SchemeURI)
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
		case "schemeUri":
			return d.str(vi, path.at("schemeUri"), &p.SchemeURI)
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
		}
		return d.unknown(k, vi, path)
	})
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
				if d.isNull(vi) {
					return vi + 4
				}
				pg.InPolygonPoint = new(GeoPoint)
				return d.point(vi, q.at("inPolygonPoint"), pg.InPolygonPoint)
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
