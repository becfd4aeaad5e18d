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
// One exception is made for the REST API: a record with a Prefix and no DOI is a request for DataCite to generate the
// suffix, and its missing identifier is not reported.
//
// A record read by [ReadXML] or [ReadJSON] also carries what the reader found in the document that the record
// cannot show (an unknown element, elements out of order, a kernel-3 namespace); Validate reports those first. Each
// problem is reported once: where the reader could not keep a value (a year that is not a number), Validate does
// not add that the value is missing. A nil record gives a report of one error.
func Validate(r *Record) Report {
	if r == nil {
		return Report{{Severity: SeverityError, Message: "no record (nil)"}}
	}
	v := validator{}
	v.out = append(v.out, r.problems...)
	v.record(r)
	if len(r.problems) == 0 {
		return v.out
	}
	lost := map[string]bool{}
	for _, p := range r.problems {
		if p.lost {
			lost[p.Path] = true
		}
	}
	out := v.out[:len(r.problems)]
	for _, p := range v.out[len(r.problems):] {
		if !lost[p.Path] {
			out = append(out, p)
		}
	}
	return out
}

// ValidateMint is the check before [Client.Mint]: everything [Validate] checks of req.Record (or req.Resource) except what minting
// assigns — the DOI, which Mint generates under the prefix when the record has none — and what the request itself
// must get right: one prefix and one event (the request's and the record's may not differ, see [MintRequest]), a DOI
// or a prefix, a DOI under the prefix, a URLTemplate that gives a URL, and the url the REST API requires to register
// or publish (a record without one gets the template's). Paths are in DataCite JSON terms for req.Record and in
// fair.Resource's for req.Resource (see [ValidateResource]). A request whose
// report has no error, once minted, gives a record Validate finds no error in; validating first and minting after
// is clean.
func ValidateMint(req MintRequest) Report {
	if req.Record == nil && req.Resource == nil {
		return Report{{Severity: SeverityError, Message: "no record (nil)"}}
	}
	fromResource := req.Record == nil
	if fromResource {
		req.Record = FromResource(req.Resource)
	}
	var out Report
	r, err := req.resolved()
	if err != nil {
		out = append(out, Problem{Severity: SeverityError, Message: err.Error()})
		r = req
	}
	cp := *r.Record
	standIn := cp.DOI == "" && r.Prefix != ""
	if standIn {
		// What minting will assign: a DOI under the prefix, checked as such.
		cp.DOI = r.Prefix + "/0000-0000"
	}
	cp.Event = r.Event
	if cp.URL == "" && r.URLTemplate != "" {
		if d, err := doi.Parse(cp.DOI); err == nil {
			cp.URL, _ = ExpandURLTemplate(r.URLTemplate, d) // a bad template is reported by resolved
		}
	}
	rep := Validate(&cp)
	if _, err := doi.Parse(cp.DOI); standIn && err != nil {
		out = append(out, Problem{Path: "prefix", Severity: SeverityError, Message: fmt.Sprintf("%q is not a DOI prefix (e.g. 10.5072)", r.Prefix)})
	}
	if standIn {
		for i := range rep {
			if rep[i].Path == "doi" {
				rep[i].Path = "prefix"
				rep[i].Message = strings.ReplaceAll(rep[i].Message, strconv.Quote(cp.DOI), "the DOIs under prefix "+strconv.Quote(r.Prefix))
			}
		}
	}
	out = append(out, rep...)
	if (r.Event == EventPublish || r.Event == EventRegister) && strings.TrimSpace(cp.URL) == "" && r.URLTemplate == "" {
		out = append(out, Problem{Path: "url", Severity: SeverityError,
			Message: fmt.Sprintf("url is required to %s a DOI: give the landing page the DOI resolves to", r.Event)})
	}
	if fromResource {
		return inResourceTerms(out, req.Resource, req.Record)
	}
	return out
}

// ValidateInput checks each record that data holds, in format f, against DataCite 4.7 and returns one report per
// record, in input order. Input in DataCite's own formats (f named as [XMLFormat] or [JSONFormat] name theirs) is
// checked as the document it is, with what only the document shows (unknown elements, elements out of order,
// missing attributes), and the paths are DataCite JSON's. Input in another format is read with f and each record
// checked with [ValidateResource], so the paths are fair.Resource's; what f could not carry into the records is
// added to the first report as warnings ("not carried over: ..."), since DataCite's rules cannot see it — their
// paths are the reader's, in the input's own terms, as the record has no place for what they name.
//
// The error is f's read error, or an error when f cannot be read.
func ValidateInput(f fair.Format, data []byte) ([]Report, error) {
	switch f.Name {
	case "datacite-xml":
		rec, err := readXML(data)
		if err != nil {
			return nil, err
		}
		return []Report{Validate(rec)}, nil
	case "datacite-json":
		recs, err := readJSON(data)
		if err != nil {
			return nil, err
		}
		reps := make([]Report, len(recs))
		for i, r := range recs {
			reps[i] = Validate(r)
		}
		return reps, nil
	}
	if f.Read == nil {
		return nil, &ReadError{Format: f.Name, Msg: "the format cannot be read"}
	}
	recs, notRead, err := f.Read(data)
	if err != nil {
		return nil, err
	}
	reps := make([]Report, len(recs))
	for i, r := range recs {
		reps[i] = ValidateResource(r)
	}
	if len(reps) > 0 {
		for _, n := range notRead {
			msg := n.Reason
			if n.Value != "" {
				msg = n.Value + " (" + n.Reason + ")"
			}
			reps[0] = append(reps[0], Problem{Path: n.Path, Severity: SeverityWarning, Message: "not carried over: " + strings.TrimSpace(msg)})
		}
	}
	return reps, nil
}

// ValidateResource converts res with [FromResource] and validates the result: it says whether res can be registered
// with DataCite. Each problem's path names the place in res, in fair.Resource's JSON terms, not in the DataCite
// record made from it: a problem with the affiliation a creator's raw affiliation string became is reported at
// "creators[0].rawAffiliations[0]", one with a keyword at "keywords[2]", one with the access rights at
// "accessRights", the DOI at "identifier.value", resourceTypeGeneral at "resourceType.general".
func ValidateResource(res *fair.Resource) Report {
	rec := FromResource(res)
	return inResourceTerms(Validate(rec), res, rec)
}

type validator struct{ out Report }

func (v *validator) err(path pathT, format string, args ...any) {
	v.out = append(v.out, Problem{Path: path.String(), Severity: SeverityError, Message: fmt.Sprintf(format, args...)})
}

func (v *validator) warn(path pathT, format string, args ...any) {
	v.out = append(v.out, Problem{Path: path.String(), Severity: SeverityWarning, Message: fmt.Sprintf(format, args...)})
}

// pathT is a property path such as creators[0].affiliation[1].name, kept as segments and made a string only when a
// problem is reported, so that validating a good record builds no strings.
type pathT struct {
	n    int
	segs [6]struct {
		name  string
		index int // -1 for none
	}
}

// at starts a path at a top-level property.
func at(name string) pathT { var p pathT; return p.at(name) }

// at returns p followed by the property name.
func (p pathT) at(name string) pathT {
	if p.n < len(p.segs) {
		p.segs[p.n].name, p.segs[p.n].index = name, -1
		p.n++
	}
	return p
}

// i returns p with index i on its last property.
func (p pathT) i(i int) pathT {
	if p.n > 0 {
		p.segs[p.n-1].index = i
	}
	return p
}

func (p pathT) String() string {
	var b strings.Builder
	for k := range p.n {
		if k > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p.segs[k].name)
		if p.segs[k].index >= 0 {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(p.segs[k].index))
			b.WriteByte(']')
		}
	}
	return b.String()
}

func (v *validator) record(r *Record) {
	v.rest(r)
	v.identifier(r)

	if len(r.Creators) == 0 {
		v.err(at("creators"), "at least one creator is required")
	}
	for i := range r.Creators {
		v.person(at("creators").i(i), &r.Creators[i], false)
	}
	if len(r.Titles) == 0 {
		v.err(at("titles"), "at least one title is required")
	}
	v.titles(at("titles"), r.Titles)

	p := r.Publisher
	switch {
	case p.Name == "":
		v.err(at("publisher"), "publisher is required: name the entity that publishes the resource (e.g. the repository)")
	default:
		v.text(at("publisher").at("name"), p.Name)
	}
	v.uri(at("publisher").at("schemeUri"), p.SchemeURI)
	v.xmlLang(at("publisher").at("lang"), p.Lang)
	v.schemeID(at("publisher").at("publisherIdentifier"), p.IdentifierScheme, p.Identifier)

	switch y := r.PublicationYear; {
	case y == 0:
		v.err(at("publicationYear"), "publicationYear is required: the year the resource was or will be made public")
	case y < 0 || y > 9999:
		v.err(at("publicationYear"), "%d is not a four-digit year", y)
	case y < 1000:
		v.warn(at("publicationYear"), "%04d is an unlikely publication year", y)
	}

	switch g := r.Types.ResourceTypeGeneral; {
	case g == "":
		v.err(at("types").at("resourceTypeGeneral"), "resourceTypeGeneral is required, e.g. Dataset, Software, Text")
	default:
		v.enum(at("types").at("resourceTypeGeneral"), "resourceTypeGeneral", string(g), g.Valid(), func(s string) (string, bool) {
			t, ok := fair.ParseResourceTypeGeneral(s)
			return string(t), ok
		})
	}

	for i, s := range r.Subjects {
		path := at("subjects").i(i)
		v.text(path.at("subject"), s.Subject)
		v.uri(path.at("schemeUri"), s.SchemeURI)
		v.uri(path.at("valueUri"), s.ValueURI)
		v.uri(path.at("classificationCode"), s.ClassificationCode)
		v.xmlLang(path.at("lang"), s.Lang)
	}
	for i := range r.Contributors {
		c := &r.Contributors[i]
		path := at("contributors").i(i)
		v.contributorType(path.at("contributorType"), c.ContributorType)
		v.person(path, &c.Creator, true)
	}
	for i, d := range r.Dates {
		path := at("dates").i(i)
		if d.Type == "" {
			v.err(path.at("dateType"), "dateType is required, e.g. Issued, Created, Collected")
		} else {
			v.enum(path.at("dateType"), "dateType", string(d.Type), d.Type.Valid(), func(s string) (string, bool) {
				t, ok := fair.ParseDateType(s)
				return string(t), ok
			})
		}
		v.date(path.at("date"), d.Date)
	}
	if r.Language != "" {
		v.lang(at("language"), r.Language, false)
	}
	for i, a := range r.AlternateIdentifiers {
		path := at("alternateIdentifiers").i(i)
		if a.Type == "" {
			v.warn(path.at("alternateIdentifierType"), "alternateIdentifierType is empty; say what kind of identifier it is (e.g. URL, ISBN, local)")
		}
		if a.Identifier == "" {
			v.warn(path.at("alternateIdentifier"), "the alternate identifier is empty")
		}
	}
	for i, ri := range r.RelatedIdentifiers {
		v.relatedIdentifier(at("relatedIdentifiers").i(i), ri)
	}
	for i, rt := range r.RightsList {
		path := at("rightsList").i(i)
		v.uri(path.at("rightsUri"), rt.URI)
		v.uri(path.at("schemeUri"), rt.SchemeURI)
		v.xmlLang(path.at("lang"), rt.Lang)
		if rt.Rights == "" && rt.URI == "" && rt.Identifier == "" {
			v.warn(path, "the rights entry is empty; give a statement, a rightsUri or an SPDX rightsIdentifier")
		}
	}
	for i, d := range r.Descriptions {
		path := at("descriptions").i(i)
		if d.Type == "" {
			v.err(path.at("descriptionType"), "descriptionType is required, e.g. Abstract, Methods, TechnicalInfo")
		} else {
			v.enum(path.at("descriptionType"), "descriptionType", string(d.Type), d.Type.Valid(), func(s string) (string, bool) {
				t, ok := fair.ParseDescriptionType(s)
				return string(t), ok
			})
		}
		v.xmlLang(path.at("lang"), d.Lang)
		v.text(path.at("description"), d.Description)
	}
	for i, g := range r.GeoLocations {
		v.geoLocation(at("geoLocations").i(i), g)
	}
	for i, f := range r.FundingReferences {
		v.funding(at("fundingReferences").i(i), f)
	}
	for i := range r.RelatedItems {
		v.relatedItem(at("relatedItems").i(i), &r.RelatedItems[i])
	}
}

// rest checks the REST API attributes, which the XSD does not cover.
func (v *validator) rest(r *Record) {
	switch r.Event {
	case "", EventPublish, EventRegister, EventHide:
	default:
		v.err(at("event"), "event %q is not one the REST API knows; use publish, register or hide", r.Event)
	}
	switch r.State {
	case "", StateDraft, StateRegistered, StateFindable:
	default:
		v.warn(at("state"), "state %q is not one the REST API reports (draft, registered, findable)", r.State)
	}
	if r.URL != "" {
		u, err := url.Parse(r.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			v.err(at("url"), "url %q is not an absolute http or https address; DataCite refuses it", r.URL)
		}
	}
}

func (v *validator) identifier(r *Record) {
	if r.DOI == "" {
		if r.Prefix != "" && r.Event == "" {
			return // a REST request asking DataCite to generate the suffix
		}
		v.err(at("doi"), "the identifier (DOI) is required and empty")
		return
	}
	if r.IdentifierType != "" && r.IdentifierType != "DOI" {
		v.warn(at("identifierType"), "identifierType is %q; DataCite registers only DOIs (identifierType=\"DOI\")", r.IdentifierType)
		return
	}
	d, err := doi.Parse(r.DOI)
	if err != nil {
		reason := err.Error()
		var se *doi.SyntaxError
		if errors.As(err, &se) {
			reason = se.Reason
		}
		v.warn(at("doi"), "%q is not a valid DOI (%s); DataCite will refuse it", r.DOI, reason)
		return
	}
	if !strings.EqualFold(string(d), r.DOI) {
		v.warn(at("doi"), "write the DOI in its bare form %q, not %q", d, r.DOI)
	}
	if r.Prefix != "" && !strings.EqualFold(d.Prefix(), r.Prefix) {
		v.warn(at("prefix"), "prefix %q does not match the DOI %q", r.Prefix, r.DOI)
	}
}

func (v *validator) person(path pathT, c *Creator, contributor bool) {
	switch {
	case c.Name == "" && contributor:
		v.err(path.at("name"), "the contributor's name is required and empty")
	case c.Name == "":
		v.warn(path.at("name"), "the creator's name is empty")
	default:
		v.text(path.at("name"), c.Name)
	}
	if c.NameType != "" && !c.NameType.Valid() {
		v.enum(path.at("nameType"), "nameType", string(c.NameType), false, func(s string) (string, bool) {
			t, ok := fair.ParseNameType(s)
			return string(t), ok
		})
	}
	v.xmlLang(path.at("lang"), c.Lang)
	if c.NameType == fair.NamePersonal && c.GivenName == "" && c.FamilyName == "" && !strings.Contains(c.Name, ",") {
		v.warn(path.at("name"), "personal name %q has no givenName or familyName and is not written \"Family, Given\"", c.Name)
	}
	for j, id := range c.NameIdentifiers {
		p := path.at("nameIdentifiers").i(j)
		// nameIdentifier and affiliation are of type anyType in the 4.7 XSD (see xmlread.go): nothing in them is an
		// error for the schema.
		if id.Value == "" {
			v.warn(p.at("nameIdentifier"), "the name identifier is empty")
		}
		if id.Scheme == "" {
			v.warn(p.at("nameIdentifierScheme"), "nameIdentifierScheme is empty; name the scheme (ORCID, ROR, ISNI, ...)")
		}
		v.uriWarn(p.at("schemeUri"), id.SchemeURI)
		if id.Value != "" {
			v.schemeID(p.at("nameIdentifier"), id.Scheme, id.Value)
		}
	}
	for j, a := range c.Affiliations {
		p := path.at("affiliation").i(j)
		if a.Name == "" {
			v.warn(p.at("name"), "the affiliation's name is empty")
		}
		v.uriWarn(p.at("schemeUri"), a.SchemeURI)
		v.schemeID(p.at("affiliationIdentifier"), a.IdentifierScheme, a.Identifier)
		if a.Identifier != "" && a.IdentifierScheme == "" {
			v.warn(p.at("affiliationIdentifierScheme"), "affiliationIdentifier %q has no affiliationIdentifierScheme; name it (e.g. ROR)", a.Identifier)
		}
	}
}

// schemeID checks an identifier whose scheme is named: ORCID, ROR and ISNI have check digits; the XSD does not
// check them, so a wrong one is a warning.
func (v *validator) schemeID(path pathT, scheme, value string) {
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

func (v *validator) contributorType(path pathT, t fair.ContributorType) {
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

func (v *validator) titles(path pathT, ts []Title) {
	for i, t := range ts {
		p := path.i(i)
		if t.Title == "" {
			v.warn(p.at("title"), "the title is empty")
		} else {
			v.text(p.at("title"), t.Title)
		}
		if t.Type != "" {
			v.enum(p.at("titleType"), "titleType", string(t.Type), t.Type.Valid(), func(s string) (string, bool) {
				t, ok := fair.ParseTitleType(s)
				return string(t), ok
			})
		}
		v.xmlLang(p.at("lang"), t.Lang)
	}
}

// enum reports a value outside a controlled list, suggesting the canonical spelling when parse recognises it.
func (v *validator) enum(path pathT, name, val string, valid bool, parse func(string) (string, bool)) {
	if valid {
		return
	}
	if s, ok := parse(val); ok {
		v.err(path, "%s %q is not in the DataCite 4.7 list; write %q (the list is case-sensitive)", name, val, s)
		return
	}
	v.err(path, "%s %q is not in the DataCite 4.7 list", name, val)
}

func (v *validator) relatedIdentifier(path pathT, ri RelatedIdentifier) {
	switch {
	case ri.IdentifierType == "":
		v.err(path.at("relatedIdentifierType"), "relatedIdentifierType is required, e.g. DOI, URL, arXiv")
	default:
		v.enum(path.at("relatedIdentifierType"), "relatedIdentifierType", string(ri.IdentifierType), ri.IdentifierType.Valid(), func(s string) (string, bool) {
			t, ok := fair.ParseRelatedIdentifierType(s)
			return string(t), ok
		})
	}
	v.relationType(path.at("relationType"), ri.RelationType)
	if ri.ResourceTypeGeneral != "" {
		v.enum(path.at("resourceTypeGeneral"), "resourceTypeGeneral", string(ri.ResourceTypeGeneral), ri.ResourceTypeGeneral.Valid(), func(s string) (string, bool) {
			t, ok := fair.ParseResourceTypeGeneral(s)
			return string(t), ok
		})
	}
	v.uri(path.at("schemeUri"), ri.SchemeURI)
	if ri.Identifier == "" {
		v.warn(path.at("relatedIdentifier"), "the related identifier is empty")
	} else {
		v.relatedID(path.at("relatedIdentifier"), ri.IdentifierType, ri.Identifier)
	}
	if (ri.RelatedMetadataScheme != "" || ri.SchemeURI != "" || ri.SchemeType != "") &&
		ri.RelationType != fair.RelHasMetadata && ri.RelationType != fair.RelIsMetadataFor {
		v.warn(path, "relatedMetadataScheme, schemeUri and schemeType are meant only for HasMetadata and IsMetadataFor")
	}
}

// relatedID checks identifiers whose type has a syntax fairmeta knows.
func (v *validator) relatedID(path pathT, t fair.RelatedIdentifierType, id string) {
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

func (v *validator) relationType(path pathT, t fair.RelationType) {
	if t == "" {
		v.err(path, "relationType is required, e.g. IsSupplementTo, References, IsDerivedFrom")
		return
	}
	v.enum(path, "relationType", string(t), t.Valid(), func(s string) (string, bool) {
		t, ok := fair.ParseRelationType(s)
		return string(t), ok
	})
}

func (v *validator) geoLocation(path pathT, g GeoLocation) {
	if g.Point != nil {
		v.point(path.at("geoLocationPoint"), *g.Point)
	}
	if b := g.Box; b != nil {
		p := path.at("geoLocationBox")
		v.lon(p.at("westBoundLongitude"), b.WestLongitude)
		v.lon(p.at("eastBoundLongitude"), b.EastLongitude)
		v.lat(p.at("southBoundLatitude"), b.SouthLatitude)
		v.lat(p.at("northBoundLatitude"), b.NorthLatitude)
		if b.SouthLatitude > b.NorthLatitude {
			v.warn(p, "southBoundLatitude %v is north of northBoundLatitude %v; swap them", b.SouthLatitude, b.NorthLatitude)
		}
	}
	for i, pg := range g.Polygons {
		p := path.at("geoLocationPolygon").i(i)
		for j, pt := range pg.Points {
			v.point(p.at("polygonPoints").i(j), pt)
		}
		switch n := len(pg.Points); {
		case n < 4:
			v.err(p, "a polygon needs at least 4 points (the last repeating the first), it has %d", n)
		case pg.Points[0] != pg.Points[n-1]:
			v.warn(p, "the polygon is not closed: its last point (%v, %v) should repeat its first (%v, %v)",
				pg.Points[n-1].Latitude, pg.Points[n-1].Longitude, pg.Points[0].Latitude, pg.Points[0].Longitude)
		}
		if pg.InPolygonPoint != nil {
			v.point(p.at("inPolygonPoint"), *pg.InPolygonPoint)
		}
	}
}

func (v *validator) point(path pathT, p GeoPoint) {
	v.lon(path.at("pointLongitude"), p.Longitude)
	v.lat(path.at("pointLatitude"), p.Latitude)
}

// lon and lat check a coordinate the way the XSD does: as an xs:float (single precision) in the range.
func (v *validator) lon(path pathT, f float64) { v.degrees(path, f, 180, "longitude") }
func (v *validator) lat(path pathT, f float64) { v.degrees(path, f, 90, "latitude") }

func (v *validator) degrees(path pathT, f float64, limit float32, what string) {
	if math.IsNaN(f) {
		v.err(path, "%s is NaN; give decimal degrees between %v and %v", what, -limit, limit)
		return
	}
	if x := float32(f); x < -limit || x > limit {
		v.err(path, "%s %v is out of range [%v, %v]", what, f, -limit, limit)
	}
}

func (v *validator) funding(path pathT, f FundingReference) {
	if f.FunderName == "" {
		v.err(path.at("funderName"), "funderName is required and empty")
	}
	if f.FunderIdentifier != "" || f.FunderIdentifierType != "" || f.SchemeURI != "" {
		switch t := f.FunderIdentifierType; {
		case t == "":
			v.err(path.at("funderIdentifierType"), "funderIdentifierType is required with a funderIdentifier (ROR, Crossref Funder ID, ISNI, GRID or Other)")
		default:
			v.enum(path.at("funderIdentifierType"), "funderIdentifierType", string(t), t.Valid(), func(s string) (string, bool) {
				t, ok := fair.ParseFunderIdentifierType(s)
				return string(t), ok
			})
		}
		v.uri(path.at("schemeUri"), f.SchemeURI)
		switch f.FunderIdentifierType {
		case fair.FunderROR:
			v.schemeID(path.at("funderIdentifier"), "ROR", f.FunderIdentifier)
		case fair.FunderISNI:
			v.schemeID(path.at("funderIdentifier"), "ISNI", f.FunderIdentifier)
		case fair.FunderCrossrefFunderID:
			if d, err := doi.Parse(f.FunderIdentifier); err != nil || d.Prefix() != "10.13039" {
				v.warn(path.at("funderIdentifier"), "Crossref Funder ID %q should be a DOI under 10.13039, e.g. https://doi.org/10.13039/501100000780", f.FunderIdentifier)
			}
		}
	}
	v.uri(path.at("awardUri"), f.AwardURI)
}

func (v *validator) relatedItem(path pathT, it *RelatedItem) {
	switch {
	case it.Type == "":
		v.err(path.at("relatedItemType"), "relatedItemType is required, e.g. Journal, Book, Dataset")
	default:
		v.enum(path.at("relatedItemType"), "relatedItemType", string(it.Type), it.Type.Valid(), func(s string) (string, bool) {
			t, ok := fair.ParseResourceTypeGeneral(s)
			return string(t), ok
		})
	}
	v.relationType(path.at("relationType"), it.RelationType)
	if id := it.Identifier; id != nil {
		p := path.at("relatedItemIdentifier")
		if id.Type != "" {
			v.enum(p.at("relatedItemIdentifierType"), "relatedItemIdentifierType", string(id.Type), id.Type.Valid(), func(s string) (string, bool) {
				t, ok := fair.ParseRelatedIdentifierType(s)
				return string(t), ok
			})
			if id.Identifier != "" {
				v.relatedID(p.at("relatedItemIdentifier"), id.Type, id.Identifier)
			}
		}
		v.uri(p.at("schemeURI"), id.SchemeURI)
	}
	for i, c := range it.Creators {
		p := path.at("creators").i(i)
		v.itemName(p, c)
		if c.ContributorType != "" {
			v.warn(p.at("contributorType"), "a related item's creator has no contributorType; it is not written")
		}
	}
	v.titles(path.at("titles"), it.Titles)
	if y := it.PublicationYear; y < 0 || y > 9999 {
		v.err(path.at("publicationYear"), "%d is not a four-digit year", y)
	}
	if it.NumberType != "" {
		v.enum(path.at("numberType"), "numberType", string(it.NumberType), it.NumberType.Valid(), func(s string) (string, bool) {
			t, ok := fair.ParseNumberType(s)
			return string(t), ok
		})
	}
	for i, c := range it.Contributors {
		p := path.at("contributors").i(i)
		v.contributorType(p.at("contributorType"), c.ContributorType)
		v.itemName(p, c)
	}
}

func (v *validator) itemName(path pathT, n RelatedItemName) {
	if n.Name == "" {
		v.warn(path.at("name"), "the name is empty")
	}
	if n.NameType != "" && !n.NameType.Valid() {
		v.enum(path.at("nameType"), "nameType", string(n.NameType), false, func(s string) (string, bool) {
			t, ok := fair.ParseNameType(s)
			return string(t), ok
		})
	}
	v.xmlLang(path.at("lang"), n.Lang)
}

// text warns about text that XML cannot carry and about surrounding whitespace.
func (v *validator) text(path pathT, s string) {
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
func (v *validator) uri(path pathT, s string) {
	if s != "" && !validAnyURI(s) {
		v.err(path, "%q is not a valid URI (xs:anyURI); percent-encode what it cannot hold literally", s)
	}
}

// uriWarn checks a URI where the XSD does not: a bad one is a warning.
func (v *validator) uriWarn(path pathT, s string) {
	if s != "" && !validAnyURI(s) {
		v.warn(path, "%q is not a valid URI; percent-encode what it cannot hold literally", s)
	}
}

// xmlLang checks an xml:lang value: empty, or an xs:language tag.
func (v *validator) xmlLang(path pathT, s string) {
	if s != "" {
		v.lang(path, s, true)
	}
}

// lang checks a language tag: malformed for xs:language is an error; well formed but not BCP 47 a warning.
func (v *validator) lang(path pathT, s string, attr bool) {
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
func (v *validator) date(path pathT, s string) {
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
