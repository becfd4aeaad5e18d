package datacite

import (
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
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

// pathSeg is one member of a path, with its index or -1.
type pathSeg struct {
	name  string
	index int
}

// splitPath splits a validator path ("creators[0].affiliation[1].name") into its members. The validator writes
// every path, so the syntax is known good; anything else is kept as one member.
func splitPath(p string) []pathSeg {
	parts := strings.Split(p, ".")
	out := make([]pathSeg, len(parts))
	for i, part := range parts {
		out[i] = pathSeg{name: part, index: -1}
		if open := strings.IndexByte(part, '['); open > 0 && strings.HasSuffix(part, "]") {
			if n, err := strconv.Atoi(part[open+1 : len(part)-1]); err == nil && n >= 0 {
				out[i] = pathSeg{name: part[:open], index: n}
			}
		}
	}
	return out
}

// joinPath writes members back as a path.
func joinPath(segs []pathSeg) string {
	var b strings.Builder
	for i, s := range segs {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.name)
		if s.index >= 0 {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.index))
			b.WriteByte(']')
		}
	}
	return b.String()
}

// resourcePath turns path, a place in rec = FromResource(res), into the place in res it was made from. Most members
// only change name; the list elements FromResource adds (subjects from Keywords, the rights entry of AccessRights,
// related items from References and Publication.Conference) and the affiliations written from RawAffiliations name
// their source instead. Members the table does not know keep their names (the REST members event, state, prefix).
func resourcePath(res *fair.Resource, rec *Record, path string) string {
	if path == "" || res == nil || rec == nil {
		return path
	}
	segs := splitPath(path)
	top := segs[0]
	if top.index >= 0 {
		switch top.name {
		case "subjects":
			if top.index >= len(res.Subjects) && top.index < len(rec.Subjects) {
				for k, kw := range res.Keywords {
					if kw == rec.Subjects[top.index].Subject {
						return joinPath([]pathSeg{{"keywords", k}})
					}
				}
				return "keywords"
			}
		case "rightsList":
			if top.index >= len(res.Rights) {
				return "accessRights"
			}
		case "relatedItems":
			if k := top.index - len(res.RelatedItems); k >= 0 {
				if k < len(res.References) {
					segs[0] = pathSeg{"references", k}
					return joinPath(renamePath(segs, recordPathRules["relatedItems"].sub, 1))
				}
				return "publication.conference"
			}
		case "creators", "contributors":
			if len(segs) > 1 && segs[1].name == "affiliation" && segs[1].index >= 0 {
				var c *fair.Creator
				switch {
				case top.name == "creators" && top.index < len(res.Creators):
					c = &res.Creators[top.index]
				case top.name == "contributors" && top.index < len(res.Contributors):
					c = &res.Contributors[top.index].Creator
				}
				if c != nil && len(c.Affiliations) == 0 {
					return joinPath([]pathSeg{top, {"rawAffiliations", segs[1].index}})
				}
			}
		}
	}
	return joinPath(renamePath(segs, recordPathRules, 0))
}

// renamePath renames segs[from:] by rules, level by level, in place.
func renamePath(segs []pathSeg, rules map[string]pathRule, from int) []pathSeg {
	for i := from; i < len(segs) && rules != nil; i++ {
		rule, ok := rules[segs[i].name]
		if !ok {
			break
		}
		segs[i].name = rule.to
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
