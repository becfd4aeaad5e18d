package schemaorg

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

// ContextURL is the @context the writer puts on every document: the schema.org context, which the processor serves
// offline from the embedded context.
const ContextURL = "https://schema.org/"

// Marshal returns r as a schema.org JSON-LD document (indented, with @context), typed after r's resourceTypeGeneral:
// a Dataset, SoftwareSourceCode, ScholarlyArticle or another CreativeWork type (see the package documentation for
// the tables). The document is safe to embed in an HTML <script> element: <, > and & are escaped. notWritten is
// what of r schema.org cannot hold ([NotWritten]).
func Marshal(r *fair.Resource) (doc []byte, notWritten fair.Notes, err error) {
	if r == nil {
		return nil, nil, errors.New("schemaorg: Marshal of a nil *fair.Resource")
	}
	node := append(obj{{"@context", ContextURL}}, resourceNode(r)...)
	var buf bytes.Buffer
	if err := json.Indent(&buf, mustJSON(node), "", "  "); err != nil {
		return nil, nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), NotWritten(r), nil
}

// Write writes r to w as Marshal does and returns what of r schema.org cannot hold ([NotWritten]).
func Write(w io.Writer, r *fair.Resource) (notWritten fair.Notes, err error) {
	if w == nil {
		return nil, errors.New("schemaorg: Write to a nil io.Writer")
	}
	b, notWritten, err := Marshal(r)
	if err != nil {
		return nil, err
	}
	_, err = w.Write(b)
	return notWritten, err
}

// Node returns r as a schema.org node object without @context, for embedding in a larger JSON-LD document (an
// RO-Crate @graph, a DataCatalog's dataset list). It marshals with encoding/json, keys in a stable order. What it
// cannot hold of r is [NotWritten]. A nil r gives a node that marshals as null.
func Node(r *fair.Resource) json.Marshaler {
	if r == nil {
		return json.RawMessage("null")
	}
	return resourceNode(r)
}

// obj is a JSON object that keeps its keys in the order they were added.
type obj []kv

type kv struct {
	k string
	v any
}

// add appends k unless v is empty (nil, "", an empty slice or object).
func (o *obj) add(k string, v any) {
	switch x := v.(type) {
	case nil:
		return
	case string:
		if x == "" {
			return
		}
	case []any:
		switch len(x) {
		case 0:
			return
		case 1:
			v = x[0]
		}
	case obj:
		if len(x) == 0 {
			return
		}
	}
	*o = append(*o, kv{k, v})
}

// MarshalJSON implements json.Marshaler.
func (o obj) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, e := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(mustJSON(e.k))
		b.WriteByte(':')
		v, err := json.Marshal(e.v)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		// Only strings, numbers, bools, slices and obj values are marshalled here.
		panic("schemaorg: internal error: " + err.Error())
	}
	return b
}

// text is a string, or a language-tagged value object when lang is set.
func text(s, lang string) any {
	if s == "" {
		return nil
	}
	if lang == "" {
		return s
	}
	return obj{{"@value", s}, {"@language", lang}}
}

func resourceNode(r *fair.Resource) obj {
	var n obj
	typ, exact := schemaType(r.ResourceType.General)
	if r.ResourceType.General == "" {
		typ, exact = "CreativeWork", true
	}
	if id := resourceID(r); id != "" {
		n.add("@id", id)
	}
	n.add("@type", typ)
	var addl []any
	if r.ResourceType.Type != "" {
		addl = append(addl, r.ResourceType.Type)
	}
	if !exact {
		addl = append(addl, string(r.ResourceType.General))
	}
	n.add("additionalType", addl)

	// Names.
	main := -1
	for i, t := range r.Titles {
		if t.Type == "" {
			main = i
			break
		}
	}
	if main < 0 && len(r.Titles) > 0 {
		main = 0
	}
	if main >= 0 {
		n.add("name", text(r.Titles[main].Title, r.Titles[main].Lang))
	}
	var alt, sub []any
	for i, t := range r.Titles {
		if i == main {
			continue
		}
		if t.Type == fair.TitleSubtitle {
			sub = append(sub, text(t.Title, t.Lang))
		} else {
			alt = append(alt, text(t.Title, t.Lang))
		}
	}
	n.add("alternateName", alt)
	n.add("alternativeHeadline", sub)

	// Descriptions: methods are the measurement technique, every other one a description.
	var desc, methods []any
	for _, d := range r.Descriptions {
		if d.Type == fair.DescriptionMethods {
			methods = append(methods, text(d.Description, d.Lang))
		} else {
			desc = append(desc, text(d.Description, d.Lang))
		}
	}
	n.add("description", desc)
	n.add("measurementTechnique", methods)
	n.add("variableMeasured", variables(r))

	n.add("identifier", identifiers(r))
	n.add("url", r.URL)
	n.add("version", r.Version)
	n.add("inLanguage", r.Language)

	var creators []any
	for _, c := range r.Creators {
		creators = append(creators, agent(c))
	}
	n.add("creator", creators)
	byProp := map[string][]any{}
	var props []string
	for _, c := range r.Contributors {
		p, role := contributorProperty(c.ContributorType)
		v := any(agent(c.Creator))
		if role {
			v = obj{{"@type", "Role"}, {"roleName", string(c.ContributorType)}, {"contributor", v}}
		}
		if _, seen := byProp[p]; !seen {
			props = append(props, p)
		}
		byProp[p] = append(byProp[p], v)
	}
	for _, p := range props {
		n.add(p, byProp[p])
	}
	if r.Publisher.Name != "" || r.Publisher.Identifier != "" {
		n.add("publisher", organization(r.Publisher.Name, r.Publisher.Identifier, r.Publisher.IdentifierScheme))
	}

	// Dates.
	issued := false
	for _, dp := range dateProperties {
		var vals []any
		for _, d := range r.Dates {
			if d.Type == dp.typ {
				vals = append(vals, d.Date)
			}
		}
		if dp.typ == fair.DateIssued && len(vals) > 0 {
			issued = true
			vals = vals[:1]
		}
		if dp.typ == fair.DateIssued && !issued && r.PublicationYear != 0 {
			vals = []any{strconv.Itoa(r.PublicationYear)}
		}
		n.add(dp.property, vals)
	}

	var kw []any
	for _, k := range r.Keywords {
		kw = append(kw, k)
	}
	for _, s := range r.Subjects {
		kw = append(kw, definedTerm(s))
	}
	n.add("keywords", kw)

	var lic []any
	for _, rt := range r.Rights {
		lic = append(lic, license(rt))
	}
	n.add("license", lic)
	switch r.AccessRights {
	case fair.AccessOpen:
		n.add("isAccessibleForFree", true)
	case fair.AccessEmbargoed, fair.AccessRestricted, fair.AccessMetadata:
		n.add("isAccessibleForFree", false)
	}
	n.add("conditionsOfAccess", r.AccessConditions)

	var formats, sizes []any
	for _, f := range r.Formats {
		formats = append(formats, f)
	}
	for _, s := range r.Sizes {
		sizes = append(sizes, s)
	}
	n.add("encodingFormat", formats)
	n.add("size", sizes)

	var dist []any
	for _, d := range r.Distributions {
		dist = append(dist, dataDownload(d))
	}
	n.add("distribution", dist)

	var places []any
	for _, g := range r.GeoLocations {
		places = append(places, place(g))
	}
	n.add("spatialCoverage", places)

	addFunding(&n, r.FundingReferences)
	addSoftware(&n, r.Software)
	if typ == "Dataset" && r.Publisher.Name != "" {
		// Google Dataset Search reads the repository from includedInDataCatalog.
		n.add("includedInDataCatalog", obj{{"@type", "DataCatalog"}, {"name", r.Publisher.Name}})
	}
	addRelations(&n, r)
	return n
}

// resourceID is the @id of the resource: the resolver URL of its primary identifier, when it has one.
func resourceID(r *fair.Resource) string {
	if r.Identifier.Value == "" {
		return ""
	}
	if p, err := fair.DetectPID(r.Identifier.Value); err == nil && p.URL != "" {
		return p.URL
	}
	return ""
}

func identifiers(r *fair.Resource) []any {
	var out []any
	if r.Identifier.Value != "" {
		out = append(out, propertyValue(string(r.Identifier.Type), r.Identifier.Value))
	}
	for _, id := range r.AlternateIdentifiers {
		out = append(out, propertyValue(string(id.Type), id.Value))
	}
	return out
}

// variables writes each measured variable as a PropertyValue with its unit, or as its bare name when that is all
// the record says.
func variables(r *fair.Resource) []any {
	var out []any
	for _, v := range r.Variables {
		if v.Description == "" && v.Unit == "" && v.PropertyID == "" {
			out = append(out, v.Name)
			continue
		}
		o := obj{{"@type", "PropertyValue"}}
		o.add("name", v.Name)
		o.add("description", v.Description)
		o.add("unitText", v.Unit)
		o.add("propertyID", v.PropertyID)
		out = append(out, o)
	}
	return out
}

// propertyValue is an identifier of a scheme, with its resolver URL when the identifier has one.
func propertyValue(scheme, value string) obj {
	o := obj{{"@type", "PropertyValue"}}
	o.add("propertyID", scheme)
	o.add("value", value)
	if p, err := fair.DetectPID(value); err == nil && p.URL != "" && p.URL != value {
		o.add("url", p.URL)
	}
	return o
}

func contributorProperty(t fair.ContributorType) (property string, role bool) {
	for _, row := range contributorProperties {
		if row.typ == t {
			return row.property, false
		}
	}
	if t == "" {
		return "contributor", false
	}
	return "contributor", true
}

// agent is a Person or Organization. ORCID iDs (persons) and ROR IDs (organisations) are the @id and sameAs, as
// Google Dataset Search asks; other identifiers are PropertyValues.
func agent(c fair.Creator) obj {
	person := c.NameType == fair.NamePersonal || c.NameType == "" && (c.GivenName != "" || c.FamilyName != "")
	typ := "Organization"
	if person {
		typ = "Person"
	}
	var o obj
	var ids []any
	for _, ni := range c.NameIdentifiers {
		if u := agentIRI(ni.Value, string(ni.Scheme)); u != "" && !hasKey(o, "@id") {
			o.add("@id", u)
			continue
		}
		ids = append(ids, propertyValue(string(ni.Scheme), ni.Value))
	}
	o.add("@type", typ)
	o.add("name", c.Name)
	o.add("alternateName", c.Alias)
	o.add("givenName", c.GivenName)
	o.add("familyName", c.FamilyName)
	if id, ok := lookup(o, "@id"); ok {
		o.add("sameAs", id)
	}
	o.add("identifier", ids)
	o.add("email", c.Email)
	o.add("url", c.Website)
	var affs []any
	for _, a := range c.Affiliations {
		affs = append(affs, organization(a.Name, a.Identifier, a.IdentifierScheme, a.OtherIdentifiers...))
	}
	if len(c.Affiliations) == 0 {
		// Raw affiliation strings stand in for affiliations only when there are no others.
		for _, s := range c.RawAffiliations {
			affs = append(affs, organization(s, "", ""))
		}
	}
	o.add("affiliation", affs)
	return o
}

// agentIRI returns the ORCID or ROR URL of an identifier, or "".
func agentIRI(value, scheme string) string {
	switch strings.ToUpper(scheme) {
	case "ORCID":
		if p, err := fair.ParseORCID(value); err == nil {
			return p.URL
		}
	case "ROR":
		if p, err := fair.ParseROR(value); err == nil {
			return p.URL
		}
	}
	return ""
}

// organization is an Organization with its ROR ID as @id and sameAs, and its other identifiers as PropertyValues.
func organization(name, id, scheme string, others ...fair.NameIdentifier) obj {
	o := obj{}
	iri := agentIRI(id, scheme)
	if iri == "" && scheme == "" {
		iri = agentIRI(id, "ROR")
	}
	o.add("@id", iri)
	o.add("@type", "Organization")
	o.add("name", name)
	var ids []any
	if iri != "" {
		o.add("sameAs", iri)
	} else if id != "" {
		ids = append(ids, propertyValue(scheme, id))
	}
	for _, ni := range others {
		ids = append(ids, propertyValue(string(ni.Scheme), ni.Value))
	}
	o.add("identifier", ids)
	return o
}

func hasKey(o obj, k string) bool { _, ok := lookup(o, k); return ok }

func lookup(o obj, k string) (any, bool) {
	for _, e := range o {
		if e.k == k {
			return e.v, true
		}
	}
	return nil, false
}

func definedTerm(s fair.Subject) obj {
	o := obj{{"@type", "DefinedTerm"}}
	o.add("name", text(s.Subject, s.Lang))
	o.add("termCode", s.ClassificationCode)
	o.add("url", s.ValueURI)
	if s.Scheme != "" || s.SchemeURI != "" {
		set := obj{{"@type", "DefinedTermSet"}}
		set.add("name", s.Scheme)
		set.add("url", s.SchemeURI)
		o.add("inDefinedTermSet", set)
	}
	return o
}

// license is the licence URL alone when that is all there is to say, otherwise a CreativeWork.
func license(r fair.Rights) any {
	if r.URI != "" && r.Rights == "" && r.Identifier == "" && r.Lang == "" {
		return r.URI
	}
	o := obj{}
	o.add("@id", r.URI)
	o.add("@type", "CreativeWork")
	o.add("name", text(r.Rights, r.Lang))
	o.add("url", r.URI)
	if r.Identifier != "" {
		pv := obj{{"@type", "PropertyValue"}}
		pv.add("propertyID", r.IdentifierScheme)
		pv.add("value", r.Identifier)
		o.add("identifier", pv)
	}
	return o
}

func dataDownload(d fair.Distribution) obj {
	o := obj{{"@type", "DataDownload"}}
	o.add("name", d.Name)
	o.add("contentUrl", d.ContentURL)
	o.add("encodingFormat", d.MediaType)
	if d.Size > 0 {
		o.add("contentSize", strconv.FormatInt(d.Size, 10)+" B")
	}
	if strings.EqualFold(d.Checksum.Algorithm, "sha256") {
		o.add("sha256", d.Checksum.Value)
	}
	return o
}

func place(g fair.GeoLocation) obj {
	o := obj{{"@type", "Place"}}
	o.add("name", g.Place)
	var geo []any
	if g.Point != nil {
		geo = append(geo, obj{{"@type", "GeoCoordinates"}, {"latitude", g.Point.Latitude}, {"longitude", g.Point.Longitude}})
	}
	if g.Box != nil {
		// schema.org boxes are "south west north east": two "latitude longitude" corners.
		geo = append(geo, obj{{"@type", "GeoShape"}, {"box", joinFloats(g.Box.SouthLatitude, g.Box.WestLongitude,
			g.Box.NorthLatitude, g.Box.EastLongitude)}})
	}
	for _, poly := range g.Polygons {
		var f []float64
		for _, p := range poly.Points {
			f = append(f, p.Latitude, p.Longitude)
		}
		geo = append(geo, obj{{"@type", "GeoShape"}, {"polygon", joinFloats(f...)}})
	}
	o.add("geo", geo)
	return o
}

func joinFloats(f ...float64) string {
	s := make([]string, len(f))
	for i, x := range f {
		s[i] = strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strings.Join(s, " ")
}

func funderOrg(f fair.FundingReference) obj {
	o := obj{}
	if strings.HasPrefix(f.FunderIdentifier, "https://") || strings.HasPrefix(f.FunderIdentifier, "http://") {
		o.add("@id", f.FunderIdentifier)
	}
	o.add("@type", "Organization")
	o.add("name", f.FunderName)
	if f.FunderIdentifier != "" {
		o.add("identifier", propertyValue(string(f.FunderIdentifierType), f.FunderIdentifier))
	}
	return o
}

// addFunding writes every funder under funder (Google Dataset Search reads it) and every award as a MonetaryGrant
// under funding.
func addFunding(n *obj, refs []fair.FundingReference) {
	var funders, grants []any
	seen := map[string]bool{}
	for _, f := range refs {
		org := funderOrg(f)
		if key := f.FunderName + "\x00" + f.FunderIdentifier; !seen[key] {
			seen[key] = true
			funders = append(funders, org)
		}
		if f.AwardNumber == "" && f.AwardTitle == "" && f.AwardURI == "" {
			continue
		}
		g := obj{}
		g.add("@id", f.AwardURI)
		g.add("@type", "MonetaryGrant")
		g.add("identifier", f.AwardNumber)
		g.add("name", f.AwardTitle)
		g.add("url", f.AwardURI)
		g.add("funder", org)
		grants = append(grants, g)
	}
	n.add("funder", funders)
	n.add("funding", grants)
}

func addSoftware(n *obj, s fair.Software) {
	n.add("codeRepository", s.CodeRepository)
	n.add("programmingLanguage", strs(s.ProgrammingLanguages))
	n.add("runtimePlatform", strs(s.RuntimePlatforms))
	n.add("operatingSystem", strs(s.OperatingSystems))
	var reqs []any
	for _, q := range s.Requirements {
		o := obj{}
		if strings.Contains(q.Identifier, "://") {
			o.add("@id", q.Identifier)
		}
		o.add("@type", "SoftwareApplication")
		o.add("name", q.Name)
		o.add("softwareVersion", q.Version)
		o.add("identifier", q.Identifier)
		reqs = append(reqs, o)
	}
	n.add("softwareRequirements", reqs)
}

func strs(s []string) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = x
	}
	return out
}

// relatedNode is the node of a resource this one relates to, identified by identifier (and typed).
func relatedNode(id string, idType fair.RelatedIdentifierType, general fair.ResourceTypeGeneral) obj {
	o := obj{}
	if p, err := fair.DetectPID(id); err == nil && p.URL != "" {
		o.add("@id", p.URL)
	}
	if general != "" {
		t, exact := schemaType(general)
		o.add("@type", t)
		if !exact {
			o.add("additionalType", string(general))
		}
	}
	if id != "" {
		o.add("identifier", propertyValue(string(idType), id))
	}
	return o
}

// itemNode is a related item described in full.
func itemNode(it fair.RelatedItem) obj {
	o := relatedNode(it.Identifier.Identifier, it.Identifier.Type, it.Type)
	if !hasKey(o, "@type") {
		o.add("@type", "CreativeWork")
	}
	for i, t := range it.Titles {
		if i == 0 {
			o.add("name", text(t.Title, t.Lang))
		} else {
			o.add("alternateName", text(t.Title, t.Lang))
		}
	}
	var cs []any
	for _, c := range it.Creators {
		cs = append(cs, agent(c))
	}
	o.add("creator", cs)
	var contribs []any
	for _, c := range it.Contributors {
		contribs = append(contribs, obj{{"@type", "Role"}, {"roleName", string(c.ContributorType)}, {"contributor", agent(c.Creator)}})
	}
	o.add("contributor", contribs)
	if it.PublicationYear != 0 {
		o.add("datePublished", strconv.Itoa(it.PublicationYear))
	}
	if it.Publisher != "" {
		o.add("publisher", obj{{"@type", "Organization"}, {"name", it.Publisher}})
	}
	o.add("volumeNumber", it.Volume)
	o.add("issueNumber", it.Issue)
	o.add("pageStart", it.FirstPage)
	o.add("pageEnd", it.LastPage)
	o.add("position", it.Number)
	o.add("bookEdition", it.Edition)
	return o
}

// addRelations writes related identifiers and items under the properties of the relation table.
func addRelations(n *obj, r *fair.Resource) {
	type out struct {
		prop    string
		reverse bool
	}
	vals := map[out][]any{}
	var order []out
	put := func(rel fair.RelationType, info string, node obj) {
		prop, reverse, role := relationProperty(rel)
		if rel == fair.RelIsPartOf {
			// A plain isPartOf of a journal, volume or issue means the journal the work is published in.
			if t, _ := lookup(node, "@type"); t == "Periodical" {
				role = true
			}
		}
		var v any = node
		if role || info != "" {
			if reverse {
				prop, reverse = "isRelatedTo", false
			}
			ro := obj{{"@type", "Role"}, {"roleName", string(rel)}}
			ro.add("description", info)
			ro = append(ro, kv{prop, node})
			v = ro
		}
		k := out{prop, reverse}
		if _, ok := vals[k]; !ok {
			order = append(order, k)
		}
		vals[k] = append(vals[k], v)
	}
	for _, ri := range r.RelatedIdentifiers {
		put(ri.RelationType, ri.RelationTypeInformation, relatedNode(ri.Identifier, ri.IdentifierType, ri.ResourceTypeGeneral))
	}
	cont := r.Container()
	for i, it := range r.RelatedItems {
		if &r.RelatedItems[i] == cont && isPeriodical(it) {
			// The journal: the article is part of its issue, of its volume, of the periodical.
			k := out{"isPartOf", false}
			if _, ok := vals[k]; !ok {
				order = append(order, k)
			}
			vals[k] = append(vals[k], periodicalChain(it))
			n.add("pageStart", it.FirstPage)
			n.add("pageEnd", it.LastPage)
			n.add("position", it.Number)
			continue
		}
		put(it.RelationType, it.RelationTypeInformation, itemNode(it))
	}
	for _, it := range r.References {
		rel := it.RelationType
		if rel == "" {
			rel = fair.RelCites
		}
		put(rel, it.RelationTypeInformation, itemNode(it))
	}
	var rev obj
	for _, k := range order {
		if k.reverse {
			rev.add(k.prop, vals[k])
		} else {
			n.add(k.prop, vals[k])
		}
	}
	if c := r.Publication.Conference; !c.IsZero() {
		rev.add("workFeatured", eventNode(c))
	}
	n.add("@reverse", rev)
}

// isPeriodical reports whether a container is a journal, written as a Periodical chain.
func isPeriodical(it fair.RelatedItem) bool {
	return it.Type == fair.ResourceTypeJournal && it.RelationTypeInformation == ""
}

// periodicalChain is the journal an article is published in: a PublicationIssue (issueNumber) that is part of a
// PublicationVolume (volumeNumber) that is part of the Periodical (name, issn, publisher), each level present only
// when the record has it. The publication year goes on the innermost level.
func periodicalChain(it fair.RelatedItem) obj {
	per := itemNode(fair.RelatedItem{Type: fair.ResourceTypeJournal, Identifier: it.Identifier, Titles: it.Titles,
		Creators: it.Creators, Contributors: it.Contributors, Publisher: it.Publisher, Edition: it.Edition})
	switch it.Identifier.Type {
	case fair.IDTypeISSN, fair.IDTypeEISSN, fair.IDTypeLISSN:
		per.add("issn", it.Identifier.Identifier)
	}
	node := per
	if it.Volume != "" {
		v := obj{{"@type", "PublicationVolume"}}
		v.add("volumeNumber", it.Volume)
		v.add("isPartOf", node)
		node = v
	}
	if it.Issue != "" {
		is := obj{{"@type", "PublicationIssue"}}
		is.add("issueNumber", it.Issue)
		is.add("isPartOf", node)
		node = is
	}
	if it.PublicationYear != 0 {
		node.add("datePublished", strconv.Itoa(it.PublicationYear))
	}
	return node
}

// eventNode is the conference a work was presented at, an Event that features the work.
func eventNode(c fair.Conference) obj {
	o := obj{{"@type", "Event"}}
	o.add("name", c.Name)
	o.add("alternateName", c.Acronym)
	o.add("startDate", c.StartDate)
	o.add("endDate", c.EndDate)
	if c.Place != "" || c.Country != "" {
		loc := obj{{"@type", "Place"}}
		loc.add("name", c.Place)
		if c.Country != "" {
			loc.add("address", obj{{"@type", "PostalAddress"}, {"addressCountry", c.Country}})
		}
		o.add("location", loc)
	}
	if c.Identifier.Value != "" {
		o.add("identifier", propertyValue(string(c.Identifier.Type), c.Identifier.Value))
	}
	o.add("url", c.URL)
	return o
}
