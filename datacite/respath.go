package datacite

import (
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/fieldpath"
)

// A path of a validation report names a place in what was validated: DataCite JSON members for a [Record], the
// members of fair.Resource's JSON form for a fair.Resource. This file turns the first into the second for a Record
// that [FromResource] made, so that ValidateResource speaks the same vocabulary as the writers' notes and
// ror.Enrich's reports about the same resource.

// pathRule is how one DataCite member is named in fair.Resource, and how the members under it are.
type pathRule struct {
	to  string              // the fair.Resource member ("" drops the segment and keeps the rest)
	sub map[string]pathRule // members under it; nil keeps their names
}

var (
	nameIdentifierRules = map[string]pathRule{"nameIdentifier": {to: "value"}, "nameIdentifierScheme": {to: "scheme"}, "schemeUri": {to: "schemeURI"}}
	affiliationRules    = map[string]pathRule{"affiliationIdentifier": {to: "identifier"}, "affiliationIdentifierScheme": {to: "identifierScheme"}, "schemeUri": {to: "schemeURI"}}
	personRules         = map[string]pathRule{"nameIdentifiers": {to: "nameIdentifiers", sub: nameIdentifierRules}, "affiliation": {to: "affiliations", sub: affiliationRules}}
	titleRules          = map[string]pathRule{"titleType": {to: "type"}}
	pointRules          = map[string]pathRule{"pointLongitude": {to: "longitude"}, "pointLatitude": {to: "latitude"}}

	recordPathRules = map[string]pathRule{
		"doi":            {to: "identifier.value"},
		"identifierType": {to: "identifier.type"},
		"publisher": {to: "publisher", sub: map[string]pathRule{"publisherIdentifier": {to: "identifier"},
			"publisherIdentifierScheme": {to: "identifierScheme"}, "schemeUri": {to: "schemeURI"}}},
		"types":        {to: "resourceType", sub: map[string]pathRule{"resourceTypeGeneral": {to: "general"}, "resourceType": {to: "type"}}},
		"creators":     {to: "creators", sub: personRules},
		"contributors": {to: "contributors", sub: personRules},
		"titles":       {to: "titles", sub: titleRules},
		"subjects": {to: "subjects", sub: map[string]pathRule{"subjectScheme": {to: "scheme"}, "schemeUri": {to: "schemeURI"},
			"valueUri": {to: "valueURI"}}},
		"dates":                {to: "dates", sub: map[string]pathRule{"dateType": {to: "type"}, "dateInformation": {to: "information"}}},
		"alternateIdentifiers": {to: "alternateIdentifiers", sub: map[string]pathRule{"alternateIdentifier": {to: "value"}, "alternateIdentifierType": {to: "type"}}},
		"relatedIdentifiers": {to: "relatedIdentifiers", sub: map[string]pathRule{"relatedIdentifier": {to: "identifier"},
			"relatedIdentifierType": {to: "identifierType"}, "schemeUri": {to: "schemeURI"}}},
		"rightsList": {to: "rights", sub: map[string]pathRule{"rightsUri": {to: "uri"}, "rightsIdentifier": {to: "identifier"},
			"rightsIdentifierScheme": {to: "identifierScheme"}, "schemeUri": {to: "schemeURI"}}},
		"descriptions": {to: "descriptions", sub: map[string]pathRule{"descriptionType": {to: "type"}}},
		"geoLocations": {to: "geoLocations", sub: map[string]pathRule{
			"geoLocationPlace": {to: "place"},
			"geoLocationPoint": {to: "point", sub: pointRules},
			"geoLocationBox": {to: "box", sub: map[string]pathRule{"westBoundLongitude": {to: "westLongitude"},
				"eastBoundLongitude": {to: "eastLongitude"}, "southBoundLatitude": {to: "southLatitude"}, "northBoundLatitude": {to: "northLatitude"}}},
			"geoLocationPolygon": {to: "polygons", sub: map[string]pathRule{"polygonPoints": {to: "points", sub: pointRules},
				"inPolygonPoint": {to: "inPolygonPoint", sub: pointRules}}},
		}},
		"fundingReferences": {to: "fundingReferences", sub: map[string]pathRule{"schemeUri": {to: "schemeURI"}, "awardUri": {to: "awardURI"}}},
		"relatedItems": {to: "relatedItems", sub: map[string]pathRule{
			"relatedItemType": {to: "type"},
			"relatedItemIdentifier": {to: "identifier", sub: map[string]pathRule{"relatedItemIdentifier": {to: "identifier"},
				"relatedItemIdentifierType": {to: "type"}}},
			"titles": {to: "titles", sub: titleRules},
		}},
	}
)

// resourcePath turns path, a place in rec = FromResource(res), into the place in res it was made from. Most members
// only change name; the list elements FromResource adds (subjects from Keywords, the rights entry of AccessRights,
// related items from References and Publication.Conference) and the affiliations written from RawAffiliations name
// their source instead. Members the table does not know keep their names (the REST members event, state, prefix).
func resourcePath(res *fair.Resource, rec *Record, path string) string {
	if path == "" || res == nil || rec == nil {
		return path
	}
	segs, err := fieldpath.Parse(path)
	if err != nil || len(segs) == 0 {
		return path
	}
	top := segs[0]
	if top.Index >= 0 {
		switch top.Name {
		case "subjects":
			if top.Index >= len(res.Subjects) && top.Index < len(rec.Subjects) {
				for k, kw := range res.Keywords {
					if kw == rec.Subjects[top.Index].Subject {
						return fieldpath.Join([]fieldpath.Segment{{Name: "keywords", Index: k}})
					}
				}
				return "keywords"
			}
		case "rightsList":
			if top.Index >= len(res.Rights) {
				return "accessRights"
			}
		case "relatedItems":
			if k := top.Index - len(res.RelatedItems); k >= 0 {
				if k < len(res.References) {
					segs[0] = fieldpath.Segment{Name: "references", Index: k}
					return fieldpath.Join(renamePath(segs, recordPathRules["relatedItems"].sub, 1))
				}
				return "publication.conference"
			}
		case "creators", "contributors":
			if len(segs) > 1 && segs[1].Name == "affiliation" && segs[1].Index >= 0 {
				var c *fair.Creator
				switch {
				case top.Name == "creators" && top.Index < len(res.Creators):
					c = &res.Creators[top.Index]
				case top.Name == "contributors" && top.Index < len(res.Contributors):
					c = &res.Contributors[top.Index].Creator
				}
				if c != nil && len(c.Affiliations) == 0 {
					return fieldpath.Join([]fieldpath.Segment{top, {Name: "rawAffiliations", Index: segs[1].Index}})
				}
			}
		}
	}
	return fieldpath.Join(renamePath(segs, recordPathRules, 0))
}

// renamePath renames segs[from:] by rules, level by level, in place.
func renamePath(segs []fieldpath.Segment, rules map[string]pathRule, from int) []fieldpath.Segment {
	for i := from; i < len(segs) && rules != nil; i++ {
		rule, ok := rules[segs[i].Name]
		if !ok {
			break
		}
		segs[i].Name = rule.to
		rules = rule.sub
	}
	return segs
}

// inResourceTerms rewrites the paths of rep, a report on rec = FromResource(res), into res's terms.
func inResourceTerms(rep Report, res *fair.Resource, rec *Record) Report {
	for i := range rep {
		rep[i].Path = resourcePath(res, rec, rep[i].Path)
	}
	return rep
}
