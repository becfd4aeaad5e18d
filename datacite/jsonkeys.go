package datacite

import (
	"fmt"
	"strings"
)

// The keys DataCite JSON defines inside each kind of object, and the kind of object each one holds (""
// for a plain value). The JSON reader walks the metadata properties with this table so that a key it does not know,
// and so does not keep, is reported instead of silently dropped.
var jsonKinds = map[string]map[string]string{
	"creator": {"name": "", "nameType": "", "lang": "", "givenName": "", "familyName": "",
		"nameIdentifiers": "nameIdentifier", "affiliation": "affiliation"},
	"contributor": {"name": "", "nameType": "", "lang": "", "givenName": "", "familyName": "",
		"nameIdentifiers": "nameIdentifier", "affiliation": "affiliation", "contributorType": ""},
	"nameIdentifier":      {"nameIdentifier": "", "nameIdentifierScheme": "", "schemeUri": ""},
	"affiliation":         {"name": "", "affiliationIdentifier": "", "affiliationIdentifierScheme": "", "schemeUri": ""},
	"title":               {"title": "", "titleType": "", "lang": ""},
	"publisher":           {"name": "", "publisherIdentifier": "", "publisherIdentifierScheme": "", "schemeUri": "", "lang": ""},
	"types":               {"resourceTypeGeneral": "", "resourceType": "", "schemaOrg": "", "citeproc": "", "bibtex": "", "ris": ""},
	"subject":             {"subject": "", "subjectScheme": "", "schemeUri": "", "valueUri": "", "classificationCode": "", "lang": ""},
	"date":                {"date": "", "dateType": "", "dateInformation": ""},
	"alternateIdentifier": {"alternateIdentifier": "", "alternateIdentifierType": ""},
	"identifier":          {"identifier": "", "identifierType": ""},
	"relatedIdentifier": {"relatedIdentifier": "", "relatedIdentifierType": "", "relationType": "", "resourceTypeGeneral": "",
		"relatedMetadataScheme": "", "schemeUri": "", "schemeType": "", "relationTypeInformation": ""},
	"rights":       {"rights": "", "rightsUri": "", "rightsIdentifier": "", "rightsIdentifierScheme": "", "schemeUri": "", "lang": ""},
	"description":  {"description": "", "descriptionType": "", "lang": ""},
	"geoLocation":  {"geoLocationPlace": "", "geoLocationPoint": "point", "geoLocationBox": "box", "geoLocationPolygon": "polygonEntry"},
	"point":        {"pointLongitude": "", "pointLatitude": ""},
	"box":          {"westBoundLongitude": "", "eastBoundLongitude": "", "southBoundLatitude": "", "northBoundLatitude": ""},
	"polygonEntry": {"polygonPoint": "point", "inPolygonPoint": "point"},
	"fundingReference": {"funderName": "", "funderIdentifier": "", "funderIdentifierType": "", "schemeUri": "", "awardNumber": "",
		"awardUri": "", "awardTitle": ""},
	"relatedItem": {"relatedItemType": "", "relationType": "", "relationTypeInformation": "", "relatedItemIdentifier": "relatedItemIdentifier",
		"creators": "itemName", "titles": "title", "publicationYear": "", "volume": "", "issue": "", "number": "", "numberType": "",
		"firstPage": "", "lastPage": "", "publisher": "", "edition": "", "contributors": "itemName"},
	"relatedItemIdentifier": {"relatedItemIdentifier": "", "relatedItemIdentifierType": "", "relatedMetadataScheme": "", "schemeURI": "", "schemeUri": "",
		"schemeType": ""},
	"itemName": {"name": "", "nameType": "", "lang": "", "givenName": "", "familyName": "", "contributorType": ""},
}

// attrKinds gives the kind of object each metadata attribute holds.
var attrKinds = map[string]string{
	"creators": "creator", "contributors": "contributor", "titles": "title", "publisher": "publisher", "types": "types",
	"subjects": "subject", "dates": "date", "alternateIdentifiers": "alternateIdentifier", "identifiers": "identifier",
	"relatedIdentifiers": "relatedIdentifier", "rightsList": "rights", "descriptions": "description",
	"geoLocations": "geoLocation", "fundingReferences": "fundingReference", "relatedItems": "relatedItem",
}

// keyWalker walks the metadata attributes with jsonKinds, keeping the path as segments so that nothing is built
// unless a key is reported.
type keyWalker struct {
	segs []struct {
		name  string
		index int // -1 for none
	}
	report func(path, key string)
}

func (w *keyWalker) path() string {
	var p pathT
	for _, s := range w.segs {
		p = p.at(s.name)
		if s.index >= 0 {
			p = p.i(s.index)
		}
	}
	return p.String()
}

// walk checks val, a value holding objects of kind directly or in arrays (at any depth).
func (w *keyWalker) walk(val []byte, kind string) {
	if len(val) == 0 {
		return
	}
	switch val[0] {
	case '[':
		last := len(w.segs) - 1
		saved := w.segs[last].index
		it := jsonIter{data: val, i: 1}
		for n := 0; ; n++ {
			v, ok := it.element()
			if !ok {
				break
			}
			if saved < 0 {
				w.segs[last].index = n
			}
			w.walk(v, kind)
		}
		w.segs[last].index = saved
	case '{':
		keys := jsonKinds[kind]
		it := jsonIter{data: val, i: 1}
		for {
			k, v, ok := it.member()
			if !ok {
				break
			}
			sub, known := keys[string(k)]
			if !known {
				// encoding/json matches names without regard to case, and so keeps "schemeURI" as schemeUri.
				for name, kind := range keys {
					if strings.EqualFold(name, string(k)) {
						sub, known = kind, true
						break
					}
				}
			}
			switch {
			case !known:
				w.report(w.path(), string(k))
			case sub != "":
				w.segs = append(w.segs, struct {
					name  string
					index int
				}{string(k), -1})
				w.walk(v, sub)
				w.segs = w.segs[:len(w.segs)-1]
			}
		}
	}
}

// jsonIter steps through the members of an object or the elements of an array, already known to be valid JSON.
type jsonIter struct {
	data []byte
	i    int
}

func (it *jsonIter) element() ([]byte, bool) {
	i := skipWS(it.data, it.i)
	if i >= len(it.data) || it.data[i] == ']' {
		return nil, false
	}
	end, err := skipValue(it.data, i)
	if err != nil {
		return nil, false
	}
	it.i = skipWS(it.data, end)
	if it.i < len(it.data) && it.data[it.i] == ',' {
		it.i++
	}
	return it.data[i:end], true
}

func (it *jsonIter) member() (key, val []byte, ok bool) {
	i := skipWS(it.data, it.i)
	if i >= len(it.data) || it.data[i] != '"' {
		return nil, nil, false
	}
	kend, err := skipString(it.data, i)
	if err != nil {
		return nil, nil, false
	}
	key = it.data[i+1 : kend-1]
	i = skipWS(it.data, kend)
	if i >= len(it.data) || it.data[i] != ':' {
		return nil, nil, false
	}
	i = skipWS(it.data, i+1)
	end, err := skipValue(it.data, i)
	if err != nil {
		return nil, nil, false
	}
	it.i = skipWS(it.data, end)
	if it.i < len(it.data) && it.data[it.i] == ',' {
		it.i++
	}
	return key, it.data[i:end], true
}

// reportUnknownKeys adds a warning to r for every key inside the metadata attributes that it did not keep.
func (r *Record) reportUnknownKeys(members []member) {
	w := keyWalker{report: func(p, key string) {
		r.problems = append(r.problems, Problem{Path: p, Severity: SeverityWarning,
			Message: fmt.Sprintf("key %q is not DataCite metadata and is not kept", key)})
	}}
	for _, m := range members {
		name := fieldName(m.key)
		kind, ok := attrKinds[name]
		if !ok || name == "identifiers" && r.Extra["identifiers"] != nil {
			continue
		}
		w.segs = append(w.segs[:0], struct {
			name  string
			index int
		}{name, -1})
		w.walk(m.val, kind)
	}
}
