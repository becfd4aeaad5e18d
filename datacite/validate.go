package datacite

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/fair"
	"golang.org/x/text/language"
)

// Validate checks r against the DataCite Metadata Schema 4.7, as the XML that [Record.WriteXML] writes for it, and
// returns every problem found, in the order of the record's properties. It runs in Go, needs nothing at run time and
// is safe for concurrent use.
//
// Severity follows one rule: a problem is a SeverityError exactly when the 4.7 XSD rejects the record (a mandatory property
// missing, a value outside a controlled list, a year that is not four digits, a coordinate out of range, a polygon of
// fewer than four points, a malformed language tag or URI), and a SeverityWarning when the XSD accepts it but it is likely a
// mistake (a DOI, ORCID iD or ROR ID that does not check, a date that is not ISO 8601, an unclosed polygon, a
// language tag that is not registered). The REST attributes the XSD does not cover are errors when DataCite would
// refuse them (an unknown event, a url that is not http or https).
//
// A record read by [ReadXML] or [ReadJSON] also carries what the reader found that the record cannot hold (an
// unknown element, a missing mandatory attribute, a kernel-3 upgrade); Validate reports those first.
func Validate(r *Record) Report {
	v := validator{}
	v.out = append(v.out, r.problems...)
	v.record(r)
	return v.out
}

// ValidateResource converts res with [FromResource] and validates the result: it says whether res can be registered
// with DataCite.
func ValidateResource(res *fair.Resource) Report { return Validate(FromResource(res)) }

type validator struct{ out Report }

func (v *validator) err(path, format string, args ...any) {
	v.out = append(v.out, Problem{Path: path, Severity: SeverityError, Message: fmt.Sprintf(format, args...)})
}

func (v *validator) warn(path, format string, args ...any) {
	v.out = append(v.out, Problem{Path: path, Severity: SeverityWarning, Message: fmt.Sprintf(format, args...)})
}

func (v *validator) record(r *Record) {
	v.rest(r)
	v.identifier(r)

	if len(r.Creators) == 0 {
		v.err("creators", "at least one creator is required")
	}
	for i := range r.Creators {
		v.person(idx("", "creators", i), &r.Creators[i], false)
	}
	if len(r.Titles) == 0 {
		v.err("titles", "at least one title is required")
	}
	v.titles("titles", r.Titles)

	p := r.Publisher
	switch {
	case p.Name == "":
		v.err("publisher", "publisher is required: name the entity that publishes the resource (e.g. the repository)")
	default:
		v.text("publisher.name", p.Name)
	}
	v.uri("publisher.schemeUri", p.SchemeURI)
	v.xmlLang("publisher.lang", p.Lang)
	v.schemeID("publisher.publisherIdentifier", p.IdentifierScheme, p.Identifier)

	switch y := r.PublicationYear; {
	case y == 0:
		v.err("publicationYear", "publicationYear is required: the year the resource was or will be made public")
	case y < 0 || y > 9999:
		v.err("publicationYear", "%d is not a four-digit year", y)
	case y < 1000:
		v.warn("publicationYear", "%04d is an unlikely publication year", y)
	}

	switch g := r.Types.ResourceTypeGeneral; {
	case g == "":
		v.err("types.resourceTypeGeneral", "resourceTypeGeneral is required, e.g. Dataset, Software, Text")
	default:
		v.enum("types.resourceTypeGeneral", "resourceTypeGeneral", string(g), g.Valid(), func(s string) (string, bool) {
			t, ok := fair.ParseResourceTypeGeneral(s)
			return string(t), ok
		})
	}

	for i, s := range r.Subjects {
		path := idx("", "subjects", i)
		v.text(join(path, "subject"), s.Subject)
		v.uri(join(path, "schemeUri"), s.SchemeURI)
		v.uri(join(path, "valueUri"), s.ValueURI)
		v.uri(join(path, "classificationCode"), s.ClassificationCode)
		v.xmlLang(join(path, "lang"), s.Lang)
	}
	for i := range r.Contributors {
		c := &r.Contributors[i]
		path := idx("", "contributors", i)
		v.contributorType(join(path, "contributorType"), c.ContributorType)
		v.person(path, &c.Creator, true)
	}
	for i, d := range r.Dates {
		path := idx("", "dates", i)
		if d.Type == "" {
			v.err(join(path, "dateType"), "dateType is required, e.g. Issued, Created, Collected")
		} else {
			v.enum(join(path, "dateType"), "dateType", string(d.Type), d.Type.Valid(), func(s string) (string, bool) {
				t, ok := fair.ParseDateType(s)
				return string(t), ok
			})
		}
		v.date(join(path, "date"), d.Date)
	}
	if r.Language != "" {
		v.lang("language", r.Language, false)
	}
	for i, a := range r.AlternateIdentifiers {
		path := idx("", "alternateIdentifiers", i)
		if a.Type == "" {
			v.warn(join(path, "alternateIdentifierType"), "alternateIdentifierType is empty; say what kind of identifier it is (e.g. URL, ISBN, local)")
		}
		if a.Identifier == "" {
			v.warn(join(path, "alternateIdentifier"), "the alternate identifier is empty")
		}
	}
	for i, ri := range r.RelatedIdentifiers {
		v.relatedIdentifier(idx("", "relatedIdentifiers", i), ri)
	}
	for i, rt := range r.RightsList {
		path := idx("", "rightsList", i)
		v.uri(join(path, "rightsUri"), rt.URI)
		v.uri(join(path, "schemeUri"), rt.SchemeURI)
		v.xmlLang(join(path, "lang"), rt.Lang)
		if rt.Rights == "" && rt.URI == "" && rt.Identifier == "" {
			v.warn(path, "the rights entry is empty; give a statement, a rightsUri or an SPDX rightsIdentifier")
		}
	}
	for i, d := range r.Descriptions {
		path := idx("", "descriptions", i)
		if d.Type == "" {
			v.err(join(path, "descriptionType"), "descriptionType is required, e.g. Abstract, Methods, TechnicalInfo")
		} else {
			v.enum(join(path, "descriptionType"), "descriptionType", string(d.Type), d.Type.Valid(), func(s string) (string, bool) {
				t, ok := fair.ParseDescriptionType(s)
				return string(t), ok
			})
		}
		v.xmlLang(join(path, "lang"), d.Lang)
		v.text(join(path, "description"), d.Description)
	}
	for i, g := range r.GeoLocations {
		v.geoLocation(idx("", "geoLocations", i), g)
	}
	for i, f := range r.FundingReferences {
		v.funding(idx("", "fundingReferences", i), f)
	}
	for i := range r.RelatedItems {
		v.relatedItem(idx("", "relatedItems", i), &r.RelatedItems[i])
	}
}

// rest checks the REST API attributes, which the XSD does not cover.
func (v *validator) rest(r *Record) {
	switch r.Event {
	case "", EventPublish, EventRegister, EventHide:
	default:
		v.err("event", "event %q is not one the REST API knows; use publish, register or hide", r.Event)
	}
	switch r.State {
	case "", StateDraft, StateRegistered, StateFindable:
	default:
		v.warn("state", "state %q is not one the REST API reports (draft, registered, findable)", r.State)
	}
	if r.URL != "" {
		u, err := url.Parse(r.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			v.err("url", "url %q is not an absolute http or https address; DataCite refuses it", r.URL)
		}
	}
}

func (v *validator) identifier(r *Record) {
	if r.DOI == "" {
		if r.Prefix != "" && r.Event == "" {
			return // a REST request asking DataCite to generate the suffix
		}
		v.err("doi", "the identifier (DOI) is required and empty")
		return
	}
	if r.IdentifierType != "" && r.IdentifierType != "DOI" {
		v.warn("identifierType", "identifierType is %q; DataCite registers only DOIs (identifierType=\"DOI\")", r.IdentifierType)
		return
	}
	d, err := doi.Parse(r.DOI)
	if err != nil {
		reason := err.Error()
		var se *doi.SyntaxError
		if errors.As(err, &se) {
			reason = se.Reason
		}
		v.warn("doi", "%q is not a valid DOI (%s); DataCite will refuse it", r.DOI, reason)
		return
	}
	if !strings.EqualFold(string(d), r.DOI) {
		v.warn("doi", "write the DOI in its bare form %q, not %q", d, r.DOI)
	}
	if r.Prefix != "" && !strings.EqualFold(d.Prefix(), r.Prefix) {
		v.warn("prefix", "prefix %q does not match the DOI %q", r.Prefix, r.DOI)
	}
}

func (v *validator) person(path string, c *Creator, contributor bool) {
	switch {
	case c.Name == "" && contributor:
		v.err(join(path, "name"), "the contributor's name is required and empty")
	case c.Name == "":
		v.warn(join(path, "name"), "the creator's name is empty")
	default:
		v.text(join(path, "name"), c.Name)
	}
	if c.NameType != "" && !c.NameType.Valid() {
		v.enum(join(path, "nameType"), "nameType", string(c.NameType), false, func(s string) (string, bool) {
			t, ok := fair.ParseNameType(s)
			return string(t), ok
		})
	}
	v.xmlLang(join(path, "lang"), c.Lang)
	if c.NameType == fair.NamePersonal && c.GivenName == "" && c.FamilyName == "" && !strings.Contains(c.Name, ",") {
		v.warn(join(path, "name"), "personal name %q has no givenName or familyName and is not written \"Family, Given\"", c.Name)
	}
	for j, id := range c.NameIdentifiers {
		p := idx(path, "nameIdentifiers", j)
		// nameIdentifier and affiliation are of type anyType in the 4.7 XSD (see xmlread.go): nothing in them is an
		// error for the schema.
		if id.Value == "" {
			v.warn(join(p, "nameIdentifier"), "the name identifier is empty")
		}
		if id.Scheme == "" {
			v.warn(join(p, "nameIdentifierScheme"), "nameIdentifierScheme is empty; name the scheme (ORCID, ROR, ISNI, ...)")
		}
		v.uriWarn(join(p, "schemeUri"), id.SchemeURI)
		if id.Value != "" {
			v.schemeID(join(p, "nameIdentifier"), id.Scheme, id.Value)
		}
	}
	for j, a := range c.Affiliations {
		p := idx(path, "affiliation", j)
		if a.Name == "" {
			v.warn(join(p, "name"), "the affiliation's name is empty")
		}
		v.uriWarn(join(p, "schemeUri"), a.SchemeURI)
		v.schemeID(join(p, "affiliationIdentifier"), a.IdentifierScheme, a.Identifier)
		if a.Identifier != "" && a.IdentifierScheme == "" {
			v.warn(join(p, "affiliationIdentifierScheme"), "affiliationIdentifier %q has no affiliationIdentifierScheme; name it (e.g. ROR)", a.Identifier)
		}
	}
}

// schemeID checks an identifier whose scheme is named: ORCID, ROR and ISNI have check digits; the XSD does not
// check them, so a wrong one is a warning.
func (v *validator) schemeID(path, scheme, value string) {
	if value == "" {
		return
	}
	var err error
	var what string
	switch strings.ToUpper(strings.TrimSpace(scheme)) {
	case "ORCID":
		_, err = fair.ParseORCID(value)
		what = "ORCID iD"
	case "ROR":
		_, err = fair.ParseROR(value)
		what = "ROR ID"
	case "ISNI":
		_, err = fair.ParseISNI(value)
		what = "ISNI"
	default:
		return
	}
	if err == nil {
		return
	}
	reason := err.Error()
	var ie *fair.IdentifierError
	if errors.As(err, &ie) {
		reason = ie.Reason
	}
	if !strings.HasPrefix(reason, "has ") && !strings.HasPrefix(reason, "does ") && !strings.HasPrefix(reason, "is ") {
		reason = "is not valid: " + reason
	}
	v.warn(path, "%s %q %s", what, value, reason)
}

func (v *validator) contributorType(path string, t fair.ContributorType) {
	if t == "" {
		v.err(path, "contributorType is required, e.g. ContactPerson, DataCollector, HostingInstitution")
		return
	}
	if t == "Funder" {
		v.err(path, "contributorType Funder was removed in schema 4; describe funders in fundingReferences")
		return
	}
	v.enum(path, "contributorType", string(t), t.Valid(), func(s string) (string, bool) {
		t, ok := fair.ParseContributorType(s)
		return string(t), ok
	})
}

func (v *validator) titles(path string, ts []Title) {
	for i, t := range ts {
		p := idx("", path, i)
		if t.Title == "" {
			v.warn(join(p, "title"), "the title is empty")
		} else {
			v.text(join(p, "title"), t.Title)
		}
		if t.Type != "" {
			v.enum(join(p, "titleType"), "titleType", string(t.Type), t.Type.Valid(), func(s string) (string, bool) {
				t, ok := fair.ParseTitleType(s)
				return string(t), ok
			})
		}
		v.xmlLang(join(p, "lang"), t.Lang)
	}
}

// enum reports a value outside a controlled list, suggesting the canonical spelling when parse recognises it.
func (v *validator) enum(path, name, val string, valid bool, parse func(string) (string, bool)) {
	if valid {
		return
	}
	if s, ok := parse(val); ok {
		v.err(path, "%s %q is not in the DataCite 4.7 list; write %q (the list is case-sensitive)", name, val, s)
		return
	}
	v.err(path, "%s %q is not in the DataCite 4.7 list", name, val)
}

func (v *validator) relatedIdentifier(path string, ri RelatedIdentifier) {
	switch {
	case ri.IdentifierType == "":
		v.err(join(path, "relatedIdentifierType"), "relatedIdentifierType is required, e.g. DOI, URL, arXiv")
	default:
		v.enum(join(path, "relatedIdentifierType"), "relatedIdentifierType", string(ri.IdentifierType), ri.IdentifierType.Valid(), func(s string) (string, bool) {
			t, ok := fair.ParseRelatedIdentifierType(s)
			return string(t), ok
		})
	}
	v.relationType(join(path, "relationType"), ri.RelationType)
	if ri.ResourceTypeGeneral != "" {
		v.enum(join(path, "resourceTypeGeneral"), "resourceTypeGeneral", string(ri.ResourceTypeGeneral), ri.ResourceTypeGeneral.Valid(), func(s string) (string, bool) {
			t, ok := fair.ParseResourceTypeGeneral(s)
			return string(t), ok
		})
	}
	v.uri(join(path, "schemeUri"), ri.SchemeURI)
	if ri.Identifier == "" {
		v.warn(join(path, "relatedIdentifier"), "the related identifier is empty")
	} else {
		v.relatedID(join(path, "relatedIdentifier"), ri.IdentifierType, ri.Identifier)
	}
	if (ri.RelatedMetadataScheme != "" || ri.SchemeURI != "" || ri.SchemeType != "") &&
		ri.RelationType != fair.RelHasMetadata && ri.RelationType != fair.RelIsMetadataFor {
		v.warn(path, "relatedMetadataScheme, schemeUri and schemeType are meant only for HasMetadata and IsMetadataFor")
	}
}

// relatedID checks identifiers whose type has a syntax fairmeta knows.
func (v *validator) relatedID(path string, t fair.RelatedIdentifierType, id string) {
	var err error
	switch t {
	case fair.IDTypeDOI:
		_, err = doi.Parse(id)
	case fair.IDTypeURL:
		_, err = fair.ParseURL(id)
	case fair.IDTypeArXiv:
		_, err = fair.ParseArXiv(id)
	case fair.IDTypeSWHID:
		_, err = fair.ParseSWHID(id)
	default:
		return
	}
	if err != nil {
		reason := err.Error()
		var ie *fair.IdentifierError
		var se *doi.SyntaxError
		switch {
		case errors.As(err, &ie):
			reason = ie.Reason
		case errors.As(err, &se):
			reason = se.Reason
		}
		v.warn(path, "%q is not a valid %s: %s", id, t, reason)
	}
}

func (v *validator) relationType(path string, t fair.RelationType) {
	if t == "" {
		v.err(path, "relationType is required, e.g. IsSupplementTo, References, IsDerivedFrom")
		return
	}
	v.enum(path, "relationType", string(t), t.Valid(), func(s string) (string, bool) {
		t, ok := fair.ParseRelationType(s)
		return string(t), ok
	})
}

func (v *validator) geoLocation(path string, g GeoLocation) {
	if g.Point != nil {
		v.point(join(path, "geoLocationPoint"), *g.Point)
	}
	if b := g.Box; b != nil {
		p := join(path, "geoLocationBox")
		v.lon(join(p, "westBoundLongitude"), b.WestLongitude)
		v.lon(join(p, "eastBoundLongitude"), b.EastLongitude)
		v.lat(join(p, "southBoundLatitude"), b.SouthLatitude)
		v.lat(join(p, "northBoundLatitude"), b.NorthLatitude)
		if b.SouthLatitude > b.NorthLatitude {
			v.warn(p, "southBoundLatitude %v is north of northBoundLatitude %v; swap them", b.SouthLatitude, b.NorthLatitude)
		}
	}
	for i, pg := range g.Polygons {
		p := idx(path, "geoLocationPolygon", i)
		for j, pt := range pg.Points {
			v.point(idx(p, "polygonPoints", j), pt)
		}
		switch n := len(pg.Points); {
		case n < 4:
			v.err(p, "a polygon needs at least 4 points (the last repeating the first), it has %d", n)
		case pg.Points[0] != pg.Points[n-1]:
			v.warn(p, "the polygon is not closed: its last point (%v, %v) should repeat its first (%v, %v)",
				pg.Points[n-1].Latitude, pg.Points[n-1].Longitude, pg.Points[0].Latitude, pg.Points[0].Longitude)
		}
		if pg.InPolygonPoint != nil {
			v.point(join(p, "inPolygonPoint"), *pg.InPolygonPoint)
		}
	}
}

func (v *validator) point(path string, p GeoPoint) {
	v.lon(join(path, "pointLongitude"), p.Longitude)
	v.lat(join(path, "pointLatitude"), p.Latitude)
}

// lon and lat check a coordinate the way the XSD does: as an xs:float (single precision) in the range.
func (v *validator) lon(path string, f float64) { v.degrees(path, f, 180, "longitude") }
func (v *validator) lat(path string, f float64) { v.degrees(path, f, 90, "latitude") }

func (v *validator) degrees(path string, f float64, limit float32, what string) {
	if math.IsNaN(f) {
		v.err(path, "%s is NaN; give decimal degrees between %v and %v", what, -limit, limit)
		return
	}
	if x := float32(f); x < -limit || x > limit {
		v.err(path, "%s %v is out of range [%v, %v]", what, f, -limit, limit)
	}
}

func (v *validator) funding(path string, f FundingReference) {
	if f.FunderName == "" {
		v.err(join(path, "funderName"), "funderName is required and empty")
	}
	if f.FunderIdentifier != "" || f.FunderIdentifierType != "" || f.SchemeURI != "" {
		switch t := f.FunderIdentifierType; {
		case t == "":
			v.err(join(path, "funderIdentifierType"), "funderIdentifierType is required with a funderIdentifier (ROR, Crossref Funder ID, ISNI, GRID or Other)")
		default:
			v.enum(join(path, "funderIdentifierType"), "funderIdentifierType", string(t), t.Valid(), func(s string) (string, bool) {
				t, ok := fair.ParseFunderIdentifierType(s)
				return string(t), ok
			})
		}
		v.uri(join(path, "schemeUri"), f.SchemeURI)
		switch f.FunderIdentifierType {
		case fair.FunderROR:
			v.schemeID(join(path, "funderIdentifier"), "ROR", f.FunderIdentifier)
		case fair.FunderISNI:
			v.schemeID(join(path, "funderIdentifier"), "ISNI", f.FunderIdentifier)
		case fair.FunderCrossrefFunderID:
			if d, err := doi.Parse(f.FunderIdentifier); err != nil || d.Prefix() != "10.13039" {
				v.warn(join(path, "funderIdentifier"), "Crossref Funder ID %q should be a DOI under 10.13039, e.g. https://doi.org/10.13039/501100000780", f.FunderIdentifier)
			}
		}
	}
	v.uri(join(path, "awardUri"), f.AwardURI)
}

func (v *validator) relatedItem(path string, it *RelatedItem) {
	switch {
	case it.Type == "":
		v.err(join(path, "relatedItemType"), "relatedItemType is required, e.g. Journal, Book, Dataset")
	default:
		v.enum(join(path, "relatedItemType"), "relatedItemType", string(it.Type), it.Type.Valid(), func(s string) (string, bool) {
			t, ok := fair.ParseResourceTypeGeneral(s)
			return string(t), ok
		})
	}
	v.relationType(join(path, "relationType"), it.RelationType)
	if id := it.Identifier; id != nil {
		p := join(path, "relatedItemIdentifier")
		if id.Type != "" {
			v.enum(join(p, "relatedItemIdentifierType"), "relatedItemIdentifierType", string(id.Type), id.Type.Valid(), func(s string) (string, bool) {
				t, ok := fair.ParseRelatedIdentifierType(s)
				return string(t), ok
			})
			if id.Identifier != "" {
				v.relatedID(join(p, "relatedItemIdentifier"), id.Type, id.Identifier)
			}
		}
		v.uri(join(p, "schemeURI"), id.SchemeURI)
	}
	for i, c := range it.Creators {
		p := idx(path, "creators", i)
		v.itemName(p, c)
		if c.ContributorType != "" {
			v.warn(join(p, "contributorType"), "a related item's creator has no contributorType; it is not written")
		}
	}
	v.titles(join(path, "titles"), it.Titles)
	if y := it.PublicationYear; y < 0 || y > 9999 {
		v.err(join(path, "publicationYear"), "%d is not a four-digit year", y)
	}
	if it.NumberType != "" {
		v.enum(join(path, "numberType"), "numberType", string(it.NumberType), it.NumberType.Valid(), func(s string) (string, bool) {
			t, ok := fair.ParseNumberType(s)
			return string(t), ok
		})
	}
	for i, c := range it.Contributors {
		p := idx(path, "contributors", i)
		v.contributorType(join(p, "contributorType"), c.ContributorType)
		v.itemName(p, c)
	}
}

func (v *validator) itemName(path string, n RelatedItemName) {
	if n.Name == "" {
		v.warn(join(path, "name"), "the name is empty")
	}
	if n.NameType != "" && !n.NameType.Valid() {
		v.enum(join(path, "nameType"), "nameType", string(n.NameType), false, func(s string) (string, bool) {
			t, ok := fair.ParseNameType(s)
			return string(t), ok
		})
	}
	v.xmlLang(join(path, "lang"), n.Lang)
}

// text warns about text that XML cannot carry and about surrounding whitespace.
func (v *validator) text(path, s string) {
	if !xmlCharOK(s) {
		v.warn(path, "holds characters XML 1.0 cannot carry (control characters or invalid UTF-8); they are written as U+FFFD")
	}
	if s != "" && (isSpaceByte(s[0]) || isSpaceByte(s[len(s)-1])) && strings.TrimSpace(s) != "" {
		v.warn(path, "has leading or trailing whitespace")
	} else if strings.TrimSpace(s) == "" && s != "" {
		v.warn(path, "holds only whitespace")
	}
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// uri checks an xs:anyURI attribute.
func (v *validator) uri(path, s string) {
	if s != "" && !validAnyURI(s) {
		v.err(path, "%q is not a valid URI (xs:anyURI); percent-encode what it cannot hold literally", s)
	}
}

// uriWarn checks a URI where the XSD does not: a bad one is a warning.
func (v *validator) uriWarn(path, s string) {
	if s != "" && !validAnyURI(s) {
		v.warn(path, "%q is not a valid URI; percent-encode what it cannot hold literally", s)
	}
}

// xmlLang checks an xml:lang value: empty, or an xs:language tag.
func (v *validator) xmlLang(path, s string) {
	if s != "" {
		v.lang(path, s, true)
	}
}

// lang checks a language tag: malformed for xs:language is an error; well formed but not BCP 47 a warning.
func (v *validator) lang(path, s string, attr bool) {
	if !validLanguage(s) {
		v.err(path, "%q is not a language tag; use BCP 47, e.g. en, fr, de-CH", s)
		return
	}
	t := strings.Trim(s, " \t\r\n")
	if _, err := language.Parse(t); err != nil {
		v.warn(path, "%q is not a registered BCP 47 language tag (%v); use e.g. en, fr, de-CH", s, err)
		return
	}
	if t != s && !attr {
		v.warn(path, "language %q has surrounding whitespace", s)
	}
}

// date warns about dates that are not ISO 8601 (W3CDTF) or RKMS-ISO8601 ranges, and about ranges that end before
// they start. The XSD types dates as plain strings, so these are never errors.
func (v *validator) date(path, s string) {
	if s == "" {
		v.warn(path, "the date is empty")
		return
	}
	if start, end, ok := strings.Cut(s, "/"); ok {
		var a, b dateValue
		var okA, okB bool
		if start != "" {
			a, okA = parseDate(start)
		}
		if end != "" {
			b, okB = parseDate(end)
		}
		switch {
		case start == "" && end == "":
			v.warn(path, "date range %q has neither start nor end", s)
		case start != "" && !okA, end != "" && !okB:
			v.warn(path, "date range %q is not start/end in ISO 8601 (e.g. 2026-03-01/2026-03-14)", s)
		case okA && okB && b.before(a):
			v.warn(path, "date range %q ends before it starts", s)
		}
		return
	}
	if _, ok := parseDate(s); !ok {
		v.warn(path, "date %q is not ISO 8601; write YYYY, YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ", s)
	}
}

type dateValue struct{ y, m, d, secs int }

func (a dateValue) before(b dateValue) bool {
	if a.y != b.y {
		return a.y < b.y
	}
	if a.m != b.m && a.m != 0 && b.m != 0 {
		return a.m < b.m
	}
	if a.d != b.d && a.d != 0 && b.d != 0 {
		return a.d < b.d
	}
	return false
}

// parseDate reads YYYY, YYYY-MM, YYYY-MM-DD and YYYY-MM-DDThh:mm[:ss[.fff]][Z|±hh:mm].
func parseDate(s string) (dateValue, bool) {
	var dv dateValue
	num := func(t string) (int, bool) {
		if t == "" || strings.Trim(t, "0123456789") != "" {
			return 0, false
		}
		n, err := strconv.Atoi(t)
		return n, err == nil
	}
	datePart, timePart, hasTime := strings.Cut(s, "T")
	parts := strings.Split(datePart, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return dv, false
	}
	var ok bool
	if dv.y, ok = num(parts[0]); !ok {
		return dv, false
	}
	if len(parts) >= 2 {
		if len(parts[1]) != 2 {
			return dv, false
		}
		if dv.m, ok = num(parts[1]); !ok || dv.m < 1 || dv.m > 12 {
			return dv, false
		}
	}
	if len(parts) == 3 {
		if len(parts[2]) != 2 {
			return dv, false
		}
		if dv.d, ok = num(parts[2]); !ok || dv.d < 1 || dv.d > daysIn(dv.y, dv.m) {
			return dv, false
		}
	}
	if !hasTime {
		return dv, true
	}
	if len(parts) != 3 {
		return dv, false
	}
	// Time zone.
	t := timePart
	switch {
	case strings.HasSuffix(t, "Z"):
		t = t[:len(t)-1]
	case len(t) > 6 && (t[len(t)-6] == '+' || t[len(t)-6] == '-') && t[len(t)-3] == ':':
		zh, ok1 := num(t[len(t)-5 : len(t)-3])
		zm, ok2 := num(t[len(t)-2:])
		if !ok1 || !ok2 || zh > 14 || zm > 59 {
			return dv, false
		}
		t = t[:len(t)-6]
	}
	if frac := strings.IndexByte(t, '.'); frac >= 0 {
		if _, ok := num(t[frac+1:]); !ok {
			return dv, false
		}
		t = t[:frac]
	}
	hms := strings.Split(t, ":")
	if len(hms) < 2 || len(hms) > 3 {
		return dv, false
	}
	limits := []int{24, 59, 60}
	for i, p := range hms {
		n, ok := num(p)
		if !ok || len(p) != 2 || n > limits[i] {
			return dv, false
		}
		dv.secs = dv.secs*60 + n
	}
	return dv, true
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
