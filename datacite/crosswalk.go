package datacite

import (
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

// ToResource converts r to a fair.Resource. Every property of the 4.7 schema has its place in a Resource, so the
// conversion loses no metadata: FromResource(ToResource(r)) writes the same XML and JSON metadata as r. The REST-only
// attributes other than url (state, dates of the DOI's life, client, Extra) stay on the Record.
//
// The access level of the resource ([fair.Resource.AccessRights]) is also set from a rights entry whose rightsURI is
// an info:eu-repo or COAR access-right URI; the rights entry itself is kept. A nil r gives nil.
func ToResource(r *Record) *fair.Resource {
	if r == nil {
		return nil
	}
	res := &fair.Resource{
		Publisher: fair.Publisher{Name: r.Publisher.Name, Identifier: r.Publisher.Identifier,
			IdentifierScheme: r.Publisher.IdentifierScheme, SchemeURI: r.Publisher.SchemeURI, Lang: r.Publisher.Lang},
		PublicationYear: r.PublicationYear,
		ResourceType:    fair.ResourceType{General: r.Types.ResourceTypeGeneral, Type: r.Types.ResourceType},
		Language:        r.Language,
		Sizes:           clone(r.Sizes),
		Formats:         clone(r.Formats),
		Version:         r.Version,
		URL:             r.URL,
	}
	if r.DOI != "" || r.IdentifierType != "" {
		t := r.IdentifierType
		if t == "" {
			t = "DOI"
		}
		res.Identifier = fair.Identifier{Value: r.DOI, Type: fair.Scheme(t)}
	}
	res.Creators = mapSlice(r.Creators, func(c Creator) fair.Creator { return toCreator(c) })
	res.Contributors = mapSlice(r.Contributors, func(c Contributor) fair.Contributor {
		return fair.Contributor{Creator: toCreator(c.Creator), ContributorType: c.ContributorType}
	})
	res.Titles = mapSlice(r.Titles, toTitle)
	res.Subjects = mapSlice(r.Subjects, func(s Subject) fair.Subject {
		return fair.Subject{Subject: s.Subject, Scheme: s.Scheme, SchemeURI: s.SchemeURI, ValueURI: s.ValueURI,
			ClassificationCode: s.ClassificationCode, Lang: s.Lang}
	})
	res.Dates = mapSlice(r.Dates, func(d Date) fair.Date { return fair.Date{Date: d.Date, Type: d.Type, Information: d.Information} })
	res.AlternateIdentifiers = mapSlice(r.AlternateIdentifiers, func(a AlternateIdentifier) fair.Identifier {
		return fair.Identifier{Value: a.Identifier, Type: fair.Scheme(a.Type)}
	})
	res.RelatedIdentifiers = mapSlice(r.RelatedIdentifiers, func(ri RelatedIdentifier) fair.RelatedIdentifier {
		return fair.RelatedIdentifier{Identifier: ri.Identifier, IdentifierType: ri.IdentifierType, RelationType: ri.RelationType,
			ResourceTypeGeneral: ri.ResourceTypeGeneral, RelatedMetadataScheme: ri.RelatedMetadataScheme, SchemeURI: ri.SchemeURI,
			SchemeType: ri.SchemeType, RelationTypeInformation: ri.RelationTypeInformation}
	})
	res.Rights = mapSlice(r.RightsList, func(rt Rights) fair.Rights {
		return fair.Rights{Rights: rt.Rights, URI: rt.URI, Identifier: rt.Identifier, IdentifierScheme: rt.IdentifierScheme,
			SchemeURI: rt.SchemeURI, Lang: rt.Lang}
	})
	for _, rt := range r.RightsList {
		if a, ok := accessRightsOf(rt.URI); ok {
			res.AccessRights = a
			break
		}
	}
	res.Descriptions = mapSlice(r.Descriptions, func(d Description) fair.Description {
		return fair.Description{Description: d.Description, Type: d.Type, Lang: d.Lang}
	})
	res.GeoLocations = mapSlice(r.GeoLocations, func(g GeoLocation) fair.GeoLocation {
		out := fair.GeoLocation{Place: g.Place}
		if g.Point != nil {
			out.Point = &fair.GeoPoint{Longitude: g.Point.Longitude, Latitude: g.Point.Latitude}
		}
		if g.Box != nil {
			b := fair.GeoBox(*g.Box)
			out.Box = &b
		}
		out.Polygons = mapSlice(g.Polygons, func(p GeoPolygon) fair.GeoPolygon {
			fp := fair.GeoPolygon{Points: mapSlice(p.Points, func(pt GeoPoint) fair.GeoPoint { return fair.GeoPoint(pt) })}
			if p.InPolygonPoint != nil {
				in := fair.GeoPoint(*p.InPolygonPoint)
				fp.InPolygonPoint = &in
			}
			return fp
		})
		return out
	})
	res.FundingReferences = mapSlice(r.FundingReferences, func(f FundingReference) fair.FundingReference { return fair.FundingReference(f) })
	for _, it := range r.RelatedItems {
		fi := toRelatedItem(it)
		switch {
		case isConferenceItem(fi) && res.Publication.Conference.IsZero():
			res.Publication.Conference = conferenceOf(fi)
		case (fi.RelationType == fair.RelCites || fi.RelationType == fair.RelReferences) && fi.RelationTypeInformation == "":
			res.References = append(res.References, fi)
		default:
			res.RelatedItems = append(res.RelatedItems, fi)
		}
	}
	return res
}

func toRelatedItem(it RelatedItem) fair.RelatedItem {
	{
		out := fair.RelatedItem{Type: it.Type, RelationType: it.RelationType, RelationTypeInformation: it.RelationTypeInformation,
			Titles: mapSlice(it.Titles, toTitle), PublicationYear: it.PublicationYear, Volume: it.Volume, Issue: it.Issue,
			Number: it.Number, NumberType: it.NumberType, FirstPage: it.FirstPage, LastPage: it.LastPage,
			Publisher: it.Publisher, Edition: it.Edition}
		if id := it.Identifier; id != nil {
			out.Identifier = fair.RelatedItemIdentifier(*id)
		}
		out.Creators = mapSlice(it.Creators, func(n RelatedItemName) fair.Creator {
			return fair.Creator{Name: n.Name, NameType: n.NameType, Lang: n.Lang, GivenName: n.GivenName, FamilyName: n.FamilyName}
		})
		out.Contributors = mapSlice(it.Contributors, func(n RelatedItemName) fair.Contributor {
			return fair.Contributor{Creator: fair.Creator{Name: n.Name, NameType: n.NameType, Lang: n.Lang, GivenName: n.GivenName,
				FamilyName: n.FamilyName}, ContributorType: n.ContributorType}
		})
		return out
	}
}

// FromResource converts res to a Record, the inverse of [ToResource]. Its types carry the schemaOrg, citeproc,
// bibtex and ris types DataCite's REST API derives from resourceTypeGeneral and resourceType ([DeriveTypes]), so its
// JSON is written as DataCite writes it. What the Resource holds beyond DataCite is carried where DataCite has a
// place for it and left out otherwise:
//
//   - Keywords become subjects without a scheme (unless an equal subject is already there);
//   - AccessRights becomes a rights entry with the info:eu-repo URI (unless a rights entry already says it);
//   - References become relatedItems (relationType Cites unless they say otherwise); [ToResource] reads relatedItems
//     of relation Cites or References without relationTypeInformation back into References;
//   - the conference of a publication becomes a relatedItem of type Event, relation Other and
//     relationTypeInformation "presented at", with the name and acronym as titles and the URL (or an identifier of
//     a DataCite type) as identifier; ToResource reads it back;
//   - the raw affiliation strings of a creator become its affiliations when it has no other;
//   - Distributions, Software, AccessConditions, the email, website and alias of persons, the other identifiers of
//     affiliations, raw affiliations beside affiliations, what related items' creators and contributors have
//     beyond their names, and a conference's place, country and dates have no DataCite property and are not
//     carried; [NotWritten] names those a Resource holds.
//
// A nil res gives nil.
func FromResource(res *fair.Resource) *Record {
	if res == nil {
		return nil
	}
	r := &Record{
		Publisher: Publisher{Name: res.Publisher.Name, Identifier: res.Publisher.Identifier,
			IdentifierScheme: res.Publisher.IdentifierScheme, SchemeURI: res.Publisher.SchemeURI, Lang: res.Publisher.Lang},
		PublicationYear: res.PublicationYear,
		Types:           DeriveTypes(Types{ResourceTypeGeneral: res.ResourceType.General, ResourceType: res.ResourceType.Type}),
		Language:        res.Language,
		Sizes:           clone(res.Sizes),
		Formats:         clone(res.Formats),
		Version:         res.Version,
		URL:             res.URL,
		DOI:             res.Identifier.Value,
	}
	if t := res.Identifier.Type; t != "DOI" {
		r.IdentifierType = string(t)
	}
	r.Creators = mapSlice(res.Creators, fromCreator)
	r.Contributors = mapSlice(res.Contributors, func(c fair.Contributor) Contributor {
		return Contributor{Creator: fromCreator(c.Creator), ContributorType: c.ContributorType}
	})
	r.Titles = mapSlice(res.Titles, fromTitle)
	r.Subjects = mapSlice(res.Subjects, func(s fair.Subject) Subject {
		return Subject{Subject: s.Subject, Scheme: s.Scheme, SchemeURI: s.SchemeURI, ValueURI: s.ValueURI,
			ClassificationCode: s.ClassificationCode, Lang: s.Lang}
	})
	for _, k := range res.Keywords {
		dup := false
		for _, s := range r.Subjects {
			if s.Scheme == "" && strings.EqualFold(s.Subject, k) {
				dup = true
				break
			}
		}
		if !dup {
			r.Subjects = append(r.Subjects, Subject{Subject: k})
		}
	}
	r.Dates = mapSlice(res.Dates, func(d fair.Date) Date { return Date{Date: d.Date, Type: d.Type, Information: d.Information} })
	r.AlternateIdentifiers = mapSlice(res.AlternateIdentifiers, func(a fair.Identifier) AlternateIdentifier {
		return AlternateIdentifier{Identifier: a.Value, Type: string(a.Type)}
	})
	r.RelatedIdentifiers = mapSlice(res.RelatedIdentifiers, func(ri fair.RelatedIdentifier) RelatedIdentifier {
		return RelatedIdentifier{Identifier: ri.Identifier, IdentifierType: ri.IdentifierType, RelationType: ri.RelationType,
			ResourceTypeGeneral: ri.ResourceTypeGeneral, RelatedMetadataScheme: ri.RelatedMetadataScheme, SchemeURI: ri.SchemeURI,
			SchemeType: ri.SchemeType, RelationTypeInformation: ri.RelationTypeInformation}
	})
	r.RightsList = mapSlice(res.Rights, func(rt fair.Rights) Rights {
		return Rights{Rights: rt.Rights, URI: rt.URI, Identifier: rt.Identifier, IdentifierScheme: rt.IdentifierScheme,
			SchemeURI: rt.SchemeURI, Lang: rt.Lang}
	})
	if res.AccessRights.Valid() {
		have := false
		for _, rt := range r.RightsList {
			if a, ok := accessRightsOf(rt.URI); ok && a == res.AccessRights {
				have = true
				break
			}
		}
		if !have {
			r.RightsList = append(r.RightsList, Rights{Rights: accessRightsLabel(res.AccessRights), URI: res.AccessRights.EURepoURI()})
		}
	}
	r.Descriptions = mapSlice(res.Descriptions, func(d fair.Description) Description {
		return Description{Description: d.Description, Type: d.Type, Lang: d.Lang}
	})
	r.GeoLocations = mapSlice(res.GeoLocations, func(g fair.GeoLocation) GeoLocation {
		out := GeoLocation{Place: g.Place}
		if g.Point != nil {
			out.Point = &GeoPoint{Longitude: g.Point.Longitude, Latitude: g.Point.Latitude}
		}
		if g.Box != nil {
			b := GeoBox(*g.Box)
			out.Box = &b
		}
		out.Polygons = mapSlice(g.Polygons, func(p fair.GeoPolygon) GeoPolygon {
			gp := GeoPolygon{Points: mapSlice(p.Points, func(pt fair.GeoPoint) GeoPoint { return GeoPoint(pt) })}
			if p.InPolygonPoint != nil {
				in := GeoPoint(*p.InPolygonPoint)
				gp.InPolygonPoint = &in
			}
			return gp
		})
		return out
	})
	r.FundingReferences = mapSlice(res.FundingReferences, func(f fair.FundingReference) FundingReference { return FundingReference(f) })
	r.RelatedItems = mapSlice(res.RelatedItems, fromRelatedItem)
	for _, it := range res.References {
		if it.RelationType == "" {
			it.RelationType = fair.RelCites
		}
		if it.Type == "" {
			it.Type = fair.ResourceTypeText
		}
		r.RelatedItems = append(r.RelatedItems, fromRelatedItem(it))
	}
	if c := res.Publication.Conference; !c.IsZero() {
		r.RelatedItems = append(r.RelatedItems, fromRelatedItem(conferenceItem(c)))
	}
	return r
}

func fromRelatedItem(it fair.RelatedItem) RelatedItem {
	{
		out := RelatedItem{Type: it.Type, RelationType: it.RelationType, RelationTypeInformation: it.RelationTypeInformation,
			Titles: mapSlice(it.Titles, fromTitle), PublicationYear: it.PublicationYear, Volume: it.Volume, Issue: it.Issue,
			Number: it.Number, NumberType: it.NumberType, FirstPage: it.FirstPage, LastPage: it.LastPage,
			Publisher: it.Publisher, Edition: it.Edition}
		if it.Identifier != (fair.RelatedItemIdentifier{}) {
			id := RelatedItemIdentifier(it.Identifier)
			out.Identifier = &id
		}
		out.Creators = mapSlice(it.Creators, func(c fair.Creator) RelatedItemName {
			return RelatedItemName{Name: c.Name, NameType: c.NameType, Lang: c.Lang, GivenName: c.GivenName, FamilyName: c.FamilyName}
		})
		out.Contributors = mapSlice(it.Contributors, func(c fair.Contributor) RelatedItemName {
			return RelatedItemName{Name: c.Name, NameType: c.NameType, Lang: c.Lang, GivenName: c.GivenName,
				FamilyName: c.FamilyName, ContributorType: c.ContributorType}
		})
		return out
	}
}

// conferenceInformation is the relationTypeInformation of the relatedItem that holds a conference.
const conferenceInformation = "presented at"

// conferenceItem is the relatedItem a conference is written as: an Event the resource was presented at, with its
// name and acronym as titles and its URL (or an identifier of a DataCite type) as identifier.
func conferenceItem(c fair.Conference) fair.RelatedItem {
	it := fair.RelatedItem{Type: fair.ResourceTypeEvent, RelationType: fair.RelOther, RelationTypeInformation: conferenceInformation}
	if c.Name != "" {
		it.Titles = append(it.Titles, fair.Title{Title: c.Name})
	}
	if c.Acronym != "" {
		it.Titles = append(it.Titles, fair.Title{Title: c.Acronym, Type: fair.TitleAlternativeTitle})
	}
	if t, ok := conferenceIDType(c); ok {
		it.Identifier = fair.RelatedItemIdentifier{Identifier: c.Identifier.Value, Type: t}
	} else if c.URL != "" {
		it.Identifier = fair.RelatedItemIdentifier{Identifier: c.URL, Type: fair.IDTypeURL}
	}
	return it
}

// conferenceIDType is the relatedIdentifierType of a conference's identifier, when it has one of DataCite's types.
func conferenceIDType(c fair.Conference) (fair.RelatedIdentifierType, bool) {
	if c.Identifier.Value == "" {
		return "", false
	}
	t := fair.RelatedIdentifierType(c.Identifier.Type)
	return t, t.Valid()
}

func isConferenceItem(it fair.RelatedItem) bool {
	return it.Type == fair.ResourceTypeEvent && it.RelationType == fair.RelOther &&
		strings.EqualFold(strings.TrimSpace(it.RelationTypeInformation), conferenceInformation)
}

// conferenceOf reads back what conferenceItem wrote.
func conferenceOf(it fair.RelatedItem) fair.Conference {
	var c fair.Conference
	for _, t := range it.Titles {
		switch {
		case t.Type == fair.TitleAlternativeTitle && c.Acronym == "":
			c.Acronym = t.Title
		case c.Name == "":
			c.Name = t.Title
		}
	}
	switch id := it.Identifier; {
	case id.Identifier == "":
	case id.Type == fair.IDTypeURL:
		c.URL = id.Identifier
	default:
		c.Identifier = fair.Identifier{Value: id.Identifier, Type: fair.Scheme(id.Type)}
	}
	return c
}

// NotWritten lists what of res a DataCite record has no place for and [FromResource] leaves out, with paths in
// the terms of the record's JSON form: "distributions", "software", "creators[0].email". It returns nil when
// FromResource carries everything. The DataCite formats' writers return these notes. A nil res gives nil.
func NotWritten(res *fair.Resource) fair.Notes {
	if res == nil {
		return nil
	}
	var out fair.Notes
	const noProperty = "DataCite has no property for it"
	if n := len(res.Distributions); n > 0 {
		out.Add("distributions", count(n, "distribution"), noProperty)
	}
	if n := len(res.Variables); n > 0 {
		out.Add("variables", count(n, "variable"), noProperty)
	}
	if !res.Software.IsZero() {
		out.Add("software", "", noProperty)
	}
	if res.AccessConditions != "" {
		out.Add("accessConditions", truncate(res.AccessConditions, 60), noProperty)
	}
	person := func(kind string, i int, c fair.Creator) {
		p := idx("", kind, i)
		if len(c.RawAffiliations) > 0 && len(c.Affiliations) > 0 {
			out.Add(p+".rawAffiliations", strings.Join(c.RawAffiliations, "; "), "DataCite holds the raw affiliations only of a person without other affiliations")
		}
		for j, a := range c.Affiliations {
			if n := len(a.OtherIdentifiers); n > 0 {
				out.Add(idx(p, "affiliations", j)+".otherIdentifiers", count(n, "identifier"), "DataCite holds one identifier per affiliation")
			}
		}
		if c.Email != "" {
			out.Add(p+".email", c.Email, "DataCite has no property for a person's email")
		}
		if c.Website != "" {
			out.Add(p+".website", c.Website, "DataCite has no property for a person's website")
		}
		if c.Alias != "" {
			out.Add(p+".alias", c.Alias, "DataCite has no property for another name of a person or organisation")
		}
	}
	for i, c := range res.Creators {
		person("creators", i, c)
	}
	for i, c := range res.Contributors {
		person("contributors", i, c.Creator)
	}
	// A related item's creators and contributors are names only in DataCite.
	namesOnly := func(p string, c fair.Creator) {
		const reason = "DataCite holds only the names of a related item's creators and contributors"
		if n := len(c.NameIdentifiers); n > 0 {
			out.Add(p+".nameIdentifiers", count(n, "identifier"), reason)
		}
		if n := len(c.Affiliations); n > 0 {
			out.Add(p+".affiliations", count(n, "affiliation"), reason)
		}
		if n := len(c.RawAffiliations); n > 0 {
			out.Add(p+".rawAffiliations", strings.Join(c.RawAffiliations, "; "), reason)
		}
		for _, f := range []struct{ name, v string }{{"email", c.Email}, {"website", c.Website}, {"alias", c.Alias}} {
			if f.v != "" {
				out.Add(p+"."+f.name, f.v, reason)
			}
		}
	}
	for _, items := range []struct {
		name  string
		items []fair.RelatedItem
	}{{"relatedItems", res.RelatedItems}, {"references", res.References}} {
		for i, it := range items.items {
			p := idx("", items.name, i)
			for j, c := range it.Creators {
				namesOnly(idx(p, "creators", j), c)
			}
			for j, c := range it.Contributors {
				namesOnly(idx(p, "contributors", j), c.Creator)
			}
		}
	}
	if c := res.Publication.Conference; !c.IsZero() {
		const p = "publication.conference."
		const noPlace = "DataCite's conference relatedItem has no place for it"
		for _, f := range []struct{ name, v string }{{"place", c.Place}, {"country", c.Country}, {"startDate", c.StartDate}, {"endDate", c.EndDate}} {
			if f.v != "" {
				out.Add(p+f.name, f.v, noPlace)
			}
		}
		if _, ok := conferenceIDType(c); ok && c.URL != "" {
			out.Add(p+"url", c.URL, "the conference's identifier is written instead")
		} else if !ok && c.Identifier.Value != "" {
			out.Add(p+"identifier", c.Identifier.Value, "not an identifier type DataCite knows")
		}
	}
	return out
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

func toCreator(c Creator) fair.Creator {
	return fair.Creator{Name: c.Name, NameType: c.NameType, Lang: c.Lang, GivenName: c.GivenName, FamilyName: c.FamilyName,
		NameIdentifiers: mapSlice(c.NameIdentifiers, func(n NameIdentifier) fair.NameIdentifier {
			return fair.NameIdentifier{Value: n.Value, Scheme: fair.Scheme(n.Scheme), SchemeURI: n.SchemeURI}
		}),
		Affiliations: mapSlice(c.Affiliations, func(a Affiliation) fair.Affiliation {
			return fair.Affiliation{Name: a.Name, Identifier: a.Identifier, IdentifierScheme: a.IdentifierScheme, SchemeURI: a.SchemeURI}
		}),
	}
}

func fromCreator(c fair.Creator) Creator {
	return Creator{Name: c.Name, NameType: c.NameType, Lang: c.Lang, GivenName: c.GivenName, FamilyName: c.FamilyName,
		NameIdentifiers: mapSlice(c.NameIdentifiers, func(n fair.NameIdentifier) NameIdentifier {
			return NameIdentifier{Value: n.Value, Scheme: string(n.Scheme), SchemeURI: n.SchemeURI}
		}),
		Affiliations: fromAffiliations(c),
	}
}

// fromAffiliations writes a creator's affiliations, or its raw affiliation strings when it has no other.
func fromAffiliations(c fair.Creator) []Affiliation {
	if len(c.Affiliations) == 0 {
		return mapSlice(c.RawAffiliations, func(s string) Affiliation { return Affiliation{Name: s} })
	}
	return mapSlice(c.Affiliations, func(a fair.Affiliation) Affiliation {
		return Affiliation{Name: a.Name, Identifier: a.Identifier, IdentifierScheme: a.IdentifierScheme, SchemeURI: a.SchemeURI}
	})
}

func toTitle(t Title) fair.Title { return fair.Title{Title: t.Title, Type: t.Type, Lang: t.Lang} }

func fromTitle(t fair.Title) Title { return Title{Title: t.Title, Type: t.Type, Lang: t.Lang} }

// accessRightsOf recognises an info:eu-repo or COAR access-right URI.
func accessRightsOf(uri string) (fair.AccessRights, bool) {
	u := strings.ToLower(strings.TrimSpace(uri))
	if !strings.HasPrefix(u, "info:eu-repo/semantics/") && !strings.Contains(u, "purl.org/coar/access_right/") {
		return "", false
	}
	return fair.ParseAccessRights(uri)
}

func accessRightsLabel(a fair.AccessRights) string {
	switch a {
	case fair.AccessOpen:
		return "Open Access"
	case fair.AccessEmbargoed:
		return "Embargoed Access"
	case fair.AccessRestricted:
		return "Restricted Access"
	}
	return "Metadata Only Access"
}

func mapSlice[S, T any](in []S, f func(S) T) []T {
	if len(in) == 0 {
		return nil
	}
	out := make([]T, len(in))
	for i, v := range in {
		out[i] = f(v)
	}
	return out
}

func clone(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return append([]string(nil), s...)
}
