package datacite

// The keys DataCite JSON defines inside each kind of object, and the kind of object each one holds ("" for a plain
// value): the table the JSON decoder (jsondecode.go) follows, kept as data for reference and for its path names.
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
	// The spellings of older generations (Invenio's 4.0–4.3 schemas, the REST API before 4.3), read as the above.
	"legacy": {"creatorName": "", "contributorName": "", "affiliations": "", "schemeURI": "", "valueURI": "", "rightsURI": "",
		"awardURI": "", "geoLocationPolygons": "", "polygonPoints": "", "resourceType": "", "identifier": ""},
	"itemName": {"name": "", "nameType": "", "lang": "", "givenName": "", "familyName": "", "contributorType": ""},
}
