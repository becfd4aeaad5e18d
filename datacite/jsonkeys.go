package datacite

import (
	"fmt"
	"strconv"
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
	"relatedItemIdentifier": {"relatedItemIdentifier": "", "relatedItemIdentifierType": "", "relatedMetadataScheme": "", "schemeURI": "",
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

// unknownKeys walks val, a value holding objects of kind (directly or in arrays, at any depth of arrays), and calls
// report for each key the kind does not define.
func unknownKeys(val []byte, kind, path string, report func(path, key string)) {
	if len(val) == 0 {
		return
	}
	switch val[0] {
	case '[':
		i := 0
		_ = scanArray(val, 0, func(v []byte, _ int) error {
			unknownKeys(v, kind, path+"["+strconv.Itoa(i)+"]", report)
			i++
			return nil
		})
	case '{':
		keys := jsonKinds[kind]
		_ = scanObject(val, 0, func(k, v []byte, _ int) error {
			sub, ok := keys[string(k)]
			switch {
			case !ok:
				report(path, string(k))
			case sub != "":
				unknownKeys(v, sub, path+"."+string(k), report)
			}
			return nil
		})
	}
}

// reportUnknownKeys adds a warning to r for every key inside the metadata attributes that it did not keep.
func (r *Record) reportUnknownKeys(members []member, path string) {
	for _, m := range members {
		kind, ok := attrKinds[string(m.key)]
		if !ok || string(m.key) == "identifiers" && r.Extra["identifiers"] != nil {
			continue
		}
		unknownKeys(m.val, kind, join(path, string(m.key)), func(p, key string) {
			r.problems = append(r.problems, Problem{Path: p, Severity: SeverityWarning,
				Message: fmt.Sprintf("key %q is not DataCite metadata and is not kept", key)})
		})
	}
}
