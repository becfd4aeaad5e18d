package software

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/jsonwalk"
)

// CodeMeta (codemeta.json) read and write. The writer produces CodeMeta 3.0; the reader takes 3.0, 2.0 and plain
// schema.org SoftwareSourceCode in compacted JSON-LD (terms as the CodeMeta contexts define them, "schema:" and
// "codemeta:" prefixed terms, "id"/"type" aliases), and CodeMeta 1's terms under their CodeMeta 2 names (agents as
// author, licenseId as license, downloadLink, depends, tags, ...: codeMeta1). The crosswalk to fair.Resource:
//
//	name → main title; alternateName → alternative title; description → abstract; version, softwareVersion → version
//	identifier, @id → primary DOI / alternate identifiers (SWHID, other); PropertyValue "commit"/"tag" → the commit
//	  and tag
//	author → creators; maintainer, copyrightHolder, contributor, editor, producer, sponsor, provider → contributors
//	  of type ContactPerson, RightsHolder, Other, Editor, Producer, Sponsor, Distributor
//	license → rights (SPDX when recognisable); datePublished, dateCreated, dateModified, embargoEndDate → dates
//	  Issued, Created, Updated, Available
//	codeRepository, issueTracker, continuousIntegration (2.0: contIntegration), developmentStatus,
//	  programmingLanguage, runtimePlatform, operatingSystem, softwareRequirements → fair.Software
//	url → landing page; downloadUrl → distributions; sameAs → alternate URL identifiers
//	keywords → keywords; applicationCategory → subjects; publisher → publisher; funder, funding → funding references
//	citation, referencePublication, isPartOf, hasPart, relatedLink → related identifiers (Cites, IsDocumentedBy,
//	  IsPartOf, HasPart, References) or related items when given as text
//	fileSize, fileFormat → sizes, formats; isAccessibleForFree → access rights

// CodeMeta context URLs.
const (
	CodeMeta3Context = "https://w3id.org/codemeta/3.0"
	CodeMeta2Context = "https://doi.org/10.5063/schema/codemeta-2.0"
)

// CodeMetaError reports a codemeta.json file that cannot be read: not JSON, or not a JSON object.
type CodeMetaError struct {
	Reason string // what is wrong
}

// Error returns the reason with the package prefix.
func (e *CodeMetaError) Error() string { return "software: codemeta: " + e.Reason }

// contributor roles of CodeMeta / schema.org, in the order the writer emits them.
var codeMetaRoles = []struct {
	term string
	typ  fair.ContributorType
}{
	{"maintainer", fair.ContributorContactPerson},
	{"copyrightHolder", fair.ContributorRightsHolder},
	{"editor", fair.ContributorEditor},
	{"producer", fair.ContributorProducer},
	{"sponsor", fair.ContributorSponsor},
	{"provider", fair.ContributorDistributor},
	{"contributor", fair.ContributorOther},
}

// related-resource terms and their DataCite relations.
var codeMetaRelations = []struct {
	term string
	rel  fair.RelationType
}{
	{"referencePublication", fair.RelIsDocumentedBy},
	{"citation", fair.RelCites},
	{"isPartOf", fair.RelIsPartOf},
	{"hasPart", fair.RelHasPart},
	{"relatedLink", fair.RelReferences},
}

// ReadCodeMeta reads a codemeta.json file (CodeMeta 3.0, 2.0 or 1) into a record. Terms the record has no place for
// (softwareSuggestions, readme, buildInstructions, ...) are returned in notRead beside the record.
func ReadCodeMeta(data []byte) (r *fair.Resource, notRead fair.Notes, err error) {
	r, dropped, err := readCodeMeta(data)
	if err != nil {
		return nil, nil, err
	}
	return r, droppedNotes(dropped), nil
}

func readCodeMeta(data []byte) (*fair.Resource, []string, error) {
	if err := jsonwalk.CheckText(data); err != nil {
		return nil, nil, &CodeMetaError{Reason: err.Error()}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, nil, &CodeMetaError{Reason: "not JSON: " + err.Error()}
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, nil, &CodeMetaError{Reason: "the document is not a JSON object"}
	}
	if g, ok := obj["@graph"].([]any); ok {
		obj = nil
		for _, n := range g {
			if m, ok := n.(map[string]any); ok && isSoftwareType(texts(m["@type"])) {
				obj = m
				break
			}
		}
		if obj == nil {
			return nil, nil, &CodeMetaError{Reason: "the @graph has no SoftwareSourceCode or SoftwareApplication node"}
		}
	}
	c := &cmReader{}
	renamed := map[string]string{}
	r := c.read(codeMeta1Terms(normalizeKeys(obj), renamed))
	for i, p := range c.dropped { // paths in the input's terms: agents[0].role, not author[0].role
		term := p[:strings.IndexFunc(p+".", func(r rune) bool { return r == '.' || r == '[' || r == ' ' })]
		if v1, ok := renamed[term]; ok {
			c.dropped[i] = v1 + p[len(term):]
		}
	}
	return r, c.dropped, nil
}

// codeMeta1 maps the terms of CodeMeta 1 (and of the drafts before it: title, tags) that CodeMeta 2 renamed to
// their CodeMeta 2 names, after the codemeta-V1 column of CodeMeta's crosswalk.
var codeMeta1 = []struct{ v1, term string }{
	{"title", "name"},
	{"agents", "author"},
	{"tags", "keywords"},
	{"controlledTerms", "keywords"},
	{"licenseId", "license"},
	{"downloadLink", "downloadUrl"},
	{"operatingSystems", "operatingSystem"},
	{"depends", "softwareRequirements"},
	{"suggests", "softwareSuggestions"},
	{"uploadedBy", "maintainer"},
	{"relatedPublications", "referencePublication"},
	{"URL", "url"},
}

// codeMeta1Terms renames the CodeMeta 1 terms of a document to their CodeMeta 2 names where the document does not
// use the new name too (then the old term stays, and is reported as not read), and records each renaming.
func codeMeta1Terms(m map[string]any, renamed map[string]string) map[string]any {
	for _, a := range codeMeta1 {
		v, ok := m[a.v1]
		if _, taken := m[a.term]; !ok || taken {
			continue
		}
		delete(m, a.v1)
		m[a.term] = v
		renamed[a.term] = a.v1
	}
	return m
}

func isSoftwareType(types []string) bool {
	for _, t := range types {
		switch strings.TrimPrefix(t, "schema:") {
		case "SoftwareSourceCode", "SoftwareApplication", "Code":
			return true
		}
	}
	return false
}

// normalizeKeys removes the schema: and codemeta: prefixes and maps the id/type aliases, recursively.
func normalizeKeys(v any) map[string]any {
	m, _ := v.(map[string]any)
	out := make(map[string]any, len(m))
	for k, x := range m {
		k = strings.TrimPrefix(strings.TrimPrefix(k, "schema:"), "codemeta:")
		switch k {
		case "id":
			k = "@id"
		case "type":
			k = "@type"
		}
		out[k] = normalizeValue(x)
	}
	return out
}

func normalizeValue(x any) any {
	switch t := x.(type) {
	case map[string]any:
		return normalizeKeys(t)
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = normalizeValue(e)
		}
		return out
	}
	return x
}

// list returns v as a list.
func list(v any) []any {
	switch t := v.(type) {
	case nil:
		return nil
	case []any:
		return t
	case map[string]any:
		if l, ok := t["@list"].([]any); ok { // an ordered list written out ({"@list": [...]})
			return l
		}
	}
	return []any{v}
}

// texts returns the text values of v: strings, numbers, {"@value"}, {"@id"} and the names of objects.
func texts(v any) []string {
	var out []string
	for _, x := range list(v) {
		switch t := x.(type) {
		case string:
			out = append(out, t)
		case json.Number:
			out = append(out, t.String())
		case bool:
			out = append(out, strconv.FormatBool(t))
		case map[string]any:
			for _, k := range []string{"@value", "name", "@id", "url"} {
				if s := text(t[k]); s != "" {
					out = append(out, s)
					break
				}
			}
		}
	}
	return out
}

func text(v any) string {
	if t := texts(v); len(t) > 0 {
		return t[0]
	}
	return ""
}

type cmReader struct {
	dropped []string
}

func (c *cmReader) read(m map[string]any) *fair.Resource {
	r := &fair.Resource{ResourceType: fair.ResourceType{General: fair.ResourceTypeSoftware}}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	roles := map[string]fair.ContributorType{}
	for _, row := range codeMetaRoles {
		roles[row.term] = row.typ
	}
	rels := map[string]fair.RelationType{}
	for _, row := range codeMetaRelations {
		rels[row.term] = row.rel
	}
	var ids []any
	var funders []fair.Creator
	var fundings []any
	for _, k := range keys {
		v := m[k]
		switch k {
		case "@context":
		case "@type":
			for _, t := range texts(v) {
				switch t {
				case "Dataset":
					r.ResourceType.General = fair.ResourceTypeDataset
				case "ScholarlyArticle":
					r.ResourceType.General = fair.ResourceTypeJournalArticle
				}
			}
		case "@id":
			ids = append([]any{v}, ids...)
		case "identifier":
			ids = append(ids, list(v)...)
		case "name":
			r.Titles = append([]fair.Title{{Title: text(v)}}, r.Titles...)
		case "alternateName":
			for _, t := range texts(v) {
				r.Titles = append(r.Titles, fair.Title{Title: t, Type: fair.TitleAlternativeTitle})
			}
		case "description":
			for _, d := range texts(v) {
				r.Descriptions = append(r.Descriptions, fair.Description{Description: d, Type: fair.DescriptionAbstract})
			}
		case "version", "softwareVersion":
			if r.Version == "" {
				r.Version = text(v)
			}
		case "author":
			for i, a := range list(v) {
				if p, ok := c.person(a, fmt.Sprintf("author[%d]", i)); ok {
					r.Creators = append(r.Creators, p)
				}
			}
		case "funder":
			for i, a := range list(v) {
				if p, ok := c.person(a, fmt.Sprintf("funder[%d]", i)); ok {
					funders = append(funders, p)
				}
			}
		case "funding":
			fundings = list(v)
		case "license":
			for _, l := range list(v) {
				u := text(l)
				if mm, ok := l.(map[string]any); ok {
					for _, key := range []string{"@id", "url", "identifier", "name"} {
						if s := text(mm[key]); s != "" {
							u = s
							break
						}
					}
				}
				if u != "" {
					r.Rights = append(r.Rights, licenseFromURL(u))
				}
			}
		case "datePublished":
			r.Dates = append(r.Dates, fair.Date{Date: text(v), Type: fair.DateIssued})
			r.PublicationYear = yearOf(text(v))
		case "dateCreated":
			r.Dates = append(r.Dates, fair.Date{Date: text(v), Type: fair.DateCreated})
		case "dateModified":
			r.Dates = append(r.Dates, fair.Date{Date: text(v), Type: fair.DateUpdated})
		case "embargoEndDate", "embargoDate":
			r.Dates = append(r.Dates, fair.Date{Date: text(v), Type: fair.DateAvailable})
		case "codeRepository":
			r.Software.CodeRepository = text(v)
		case "hasSourceCode":
			for _, s := range list(v) {
				if mm, ok := s.(map[string]any); ok && r.Software.CodeRepository == "" {
					r.Software.CodeRepository = text(mm["codeRepository"])
				}
			}
		case "issueTracker":
			r.Software.IssueTracker = text(v)
		case "continuousIntegration", "contIntegration":
			r.Software.ContinuousIntegration = text(v)
		case "developmentStatus":
			r.Software.DevelopmentStatus = text(v)
		case "programmingLanguage":
			r.Software.ProgrammingLanguages = append(r.Software.ProgrammingLanguages, namedVersions(v)...)
		case "runtimePlatform":
			r.Software.RuntimePlatforms = append(r.Software.RuntimePlatforms, texts(v)...)
		case "operatingSystem":
			r.Software.OperatingSystems = append(r.Software.OperatingSystems, texts(v)...)
		case "softwareRequirements":
			for _, x := range list(v) {
				r.Software.Requirements = append(r.Software.Requirements, requirement(x))
			}
		case "url":
			r.URL = text(v)
		case "downloadUrl":
			for _, u := range texts(v) {
				r.Distributions = append(r.Distributions, fair.Distribution{ContentURL: u})
			}
		case "sameAs":
			for _, u := range texts(v) {
				r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: u, Type: fair.Scheme(fair.IDTypeURL)})
			}
		case "keywords":
			for _, kw := range texts(v) {
				for _, part := range strings.FieldsFunc(kw, func(r rune) bool { return r == ',' || r == ';' }) {
					if p := strings.TrimSpace(part); p != "" {
						r.Keywords = append(r.Keywords, p)
					}
				}
			}
		case "applicationCategory":
			for _, s := range texts(v) {
				r.Subjects = append(r.Subjects, fair.Subject{Subject: s})
			}
		case "publisher":
			if p, ok := c.person(first(v), "publisher"); ok {
				r.Publisher = fair.Publisher{Name: p.Name}
				if len(p.NameIdentifiers) > 0 {
					r.Publisher.Identifier, r.Publisher.IdentifierScheme = p.NameIdentifiers[0].Value, string(p.NameIdentifiers[0].Scheme)
				}
			}
		case "fileSize":
			r.Sizes = append(r.Sizes, texts(v)...)
		case "fileFormat":
			r.Formats = append(r.Formats, texts(v)...)
		case "isAccessibleForFree":
			if b, ok := v.(bool); ok && b {
				r.AccessRights = fair.AccessOpen
			} else if ok {
				r.AccessRights = fair.AccessRestricted
			}
		default:
			if typ, ok := roles[k]; ok {
				for i, a := range list(v) {
					if p, ok := c.person(a, fmt.Sprintf("%s[%d]", k, i)); ok {
						r.Contributors = append(r.Contributors, fair.Contributor{Creator: p, ContributorType: typ})
					}
				}
				continue
			}
			if rel, ok := rels[k]; ok {
				for _, x := range list(v) {
					c.related(r, x, rel)
				}
				continue
			}
			c.dropped = append(c.dropped, k)
		}
	}
	c.identifiers(r, ids)
	r.FundingReferences = fundingRefs(funders, fundings)
	return r
}

func first(v any) any {
	if l := list(v); len(l) > 0 {
		return l[0]
	}
	return nil
}

// namedVersions reads programming languages: "Go", or {"name": "R", "version": "3.4.0"} as "R 3.4.0".
func namedVersions(v any) []string {
	var out []string
	for _, x := range list(v) {
		if m, ok := x.(map[string]any); ok {
			s := strings.TrimSpace(text(m["name"]) + " " + text(m["version"]))
			if s != "" {
				out = append(out, s)
			}
			continue
		}
		out = append(out, texts(x)...)
	}
	return out
}

func requirement(x any) fair.Requirement {
	m, ok := x.(map[string]any)
	if _, value := m["@value"]; !ok || value { // text, or a typed value ({"@type": "URL", "@value": ...})
		s := text(x)
		if strings.Contains(s, "://") {
			return fair.Requirement{Name: s, Identifier: s}
		}
		return fair.Requirement{Name: s}
	}
	req := fair.Requirement{Name: text(m["name"]), Version: text(m["version"])}
	if req.Version == "" {
		req.Version = text(m["softwareVersion"])
	}
	for _, k := range []string{"identifier", "@id", "url"} {
		if s := text(m[k]); s != "" {
			req.Identifier = s
			break
		}
	}
	if req.Name == "" {
		req.Name = req.Identifier
	}
	return req
}

// person reads a Person or Organization node; Role nodes (CodeMeta 3.0 role annotations) give false.
func (c *cmReader) person(v any, path string) (fair.Creator, bool) {
	if s, ok := v.(string); ok {
		if strings.Contains(s, "://") { // a reference by @id only
			return fair.Creator{Name: s, NameIdentifiers: []fair.NameIdentifier{nameIdentifierFromID(s)}}, true
		}
		return fair.Creator{Name: s}, true
	}
	m, ok := v.(map[string]any)
	if !ok {
		c.dropped = append(c.dropped, path)
		return fair.Creator{}, false
	}
	types := texts(m["@type"])
	if len(types) > 0 && types[0] == "Role" {
		c.dropped = append(c.dropped, path+" (Role)")
		return fair.Creator{}, false
	}
	var cr fair.Creator
	given := strings.Join(texts(m["givenName"]), " ")
	family := strings.Join(texts(m["familyName"]), " ")
	// CodeMeta 1's agents are typed "person" and "organization", in lower case.
	person := len(types) > 0 && strings.EqualFold(types[0], "Person") || len(types) == 0 && (given != "" || family != "")
	if person {
		cr.NameType = fair.NamePersonal
		cr.GivenName, cr.FamilyName = given, family
		cr.Name = personName(given, family)
		if cr.Name == "" {
			cr.Name = text(m["name"])
		}
	} else {
		cr.NameType = fair.NameOrganizational
		cr.Name = text(m["name"])
	}
	for _, id := range append(texts(m["@id"]), texts(m["identifier"])...) {
		if strings.HasPrefix(id, "_:") {
			continue // a blank node label identifies nothing
		}
		ni := nameIdentifierFromID(id)
		dup := false
		for _, x := range cr.NameIdentifiers {
			dup = dup || x.Value == ni.Value
		}
		if !dup {
			cr.NameIdentifiers = append(cr.NameIdentifiers, ni)
		}
	}
	cr.Email = strings.TrimPrefix(text(m["email"]), "mailto:")
	cr.Website = text(m["url"])
	for _, a := range list(m["affiliation"]) {
		if s, ok := a.(string); ok {
			cr.Affiliations = append(cr.Affiliations, fair.Affiliation{Name: s})
		} else if am, ok := a.(map[string]any); ok {
			id := text(am["@id"])
			if id == "" {
				id = text(am["identifier"])
			}
			cr.Affiliations = append(cr.Affiliations, affiliationFrom(text(am["name"]), id))
		}
	}
	cr.Alias = text(m["alternateName"])
	for k := range m {
		switch k {
		case "@type", "@id", "identifier", "givenName", "familyName", "name", "email", "url", "affiliation", "alternateName", "@context":
		default: // address, roleName, CodeMeta 1's role and mustBeCited, ...
			c.dropped = append(c.dropped, path+"."+k)
		}
	}
	return cr, true
}

// related reads a related work given as an identifier, URL, object or citation text.
func (c *cmReader) related(r *fair.Resource, x any, rel fair.RelationType) {
	s := text(x)
	if m, ok := x.(map[string]any); ok {
		for _, k := range []string{"@id", "identifier", "url"} {
			if id := text(m[k]); id != "" {
				s = id
				break
			}
		}
		if s == "" {
			s = text(m["name"])
		}
	}
	if v, typ, ok := classify(s); ok {
		r.RelatedIdentifiers = append(r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: v, IdentifierType: typ, RelationType: rel})
		return
	}
	if s != "" {
		r.RelatedItems = append(r.RelatedItems, fair.RelatedItem{Type: fair.ResourceTypeText, RelationType: rel,
			Titles: []fair.Title{{Title: s}}})
	}
}

// identifiers sorts the identifiers of the document: the first DOI is the primary identifier, PropertyValues
// "commit" and "tag" are the software's, the rest alternate identifiers.
func (c *cmReader) identifiers(r *fair.Resource, ids []any) {
	add := func(id fair.Identifier) {
		if id.Type == "DOI" && r.Identifier.Value == "" {
			r.Identifier = id
			return
		}
		if id == r.Identifier {
			return
		}
		for _, x := range r.AlternateIdentifiers {
			if x == id {
				return
			}
		}
		r.AlternateIdentifiers = append(r.AlternateIdentifiers, id)
	}
	for _, x := range ids {
		if m, ok := x.(map[string]any); ok && (text(m["propertyID"]) != "" || text(m["@type"]) == "PropertyValue") {
			prop, val := text(m["propertyID"]), text(m["value"])
			switch strings.ToLower(prop) {
			case "commit":
				r.Software.Commit = val
			case "tag":
				r.Software.Tag = val
			default:
				if val != "" {
					add(fair.Identifier{Value: val, Type: fair.Scheme(prop)})
				}
			}
			continue
		}
		s := text(x)
		if s == "" || strings.HasPrefix(s, "_:") {
			continue
		}
		switch v, typ, ok := classify(s); {
		case ok && typ == fair.IDTypeDOI:
			add(fair.Identifier{Value: v, Type: "DOI"})
		case ok:
			add(fair.Identifier{Value: v, Type: fair.Scheme(typ)})
		default:
			add(fair.Identifier{Value: s, Type: "local"})
		}
	}
}

// fundingRefs pairs funders with fundings: CodeMeta 3.0 Grant objects carry their funder; 2.0 gives funder
// organisations and funding texts side by side.
func fundingRefs(funders []fair.Creator, fundings []any) []fair.FundingReference {
	var out []fair.FundingReference
	used := 0
	for _, f := range fundings {
		ref := fair.FundingReference{}
		if m, ok := f.(map[string]any); ok {
			ref.AwardNumber = text(m["identifier"])
			ref.AwardTitle = text(m["name"])
			ref.AwardURI = text(m["url"])
			if fm, ok := first(m["funder"]).(map[string]any); ok {
				ref.FunderName = text(fm["name"])
				ref.FunderIdentifier = text(fm["@id"])
			}
		} else {
			ref.AwardNumber = text(f)
		}
		if ref.FunderName == "" && used < len(funders) {
			ref.FunderName = funders[used].Name
			if len(funders[used].NameIdentifiers) > 0 {
				ref.FunderIdentifier = funders[used].NameIdentifiers[0].Value
			}
			used++
		}
		out = append(out, ref)
	}
	for _, f := range funders[used:] {
		ref := fair.FundingReference{FunderName: f.Name}
		if len(f.NameIdentifiers) > 0 {
			ref.FunderIdentifier = f.NameIdentifiers[0].Value
		}
		out = append(out, ref)
	}
	for i := range out {
		if strings.Contains(out[i].FunderIdentifier, "ror.org/") {
			out[i].FunderIdentifierType = fair.FunderROR
		} else if strings.Contains(out[i].FunderIdentifier, "10.13039/") {
			out[i].FunderIdentifierType = fair.FunderCrossrefFunderID
		} else if out[i].FunderIdentifier != "" {
			out[i].FunderIdentifierType = fair.FunderOther
		}
	}
	return out
}

// codeMetaPerson writes a creator as a schema.org Person or Organization.
func codeMetaPerson(c fair.Creator) map[string]any {
	m := map[string]any{}
	if isPerson(c) {
		m["@type"] = "Person"
		given, family := nameParts(c)
		if given != "" {
			m["givenName"] = given
		}
		if family != "" {
			m["familyName"] = family
		}
		if given == "" && family == "" {
			m["name"] = c.Name
		}
	} else {
		m["@type"] = "Organization"
		m["name"] = c.Name
	}
	var others []string
	for _, n := range c.NameIdentifiers {
		v := n.Value
		if strings.EqualFold(string(n.Scheme), "ORCID") {
			v = orcidIdentifier(v).Value
		}
		if _, has := m["@id"]; !has && strings.Contains(v, "://") {
			m["@id"] = v
		} else {
			others = append(others, v)
		}
	}
	if len(others) > 0 {
		m["identifier"] = one(others)
	}
	if c.Email != "" {
		m["email"] = c.Email
	}
	if c.Website != "" {
		m["url"] = c.Website
	}
	if c.Alias != "" {
		m["alternateName"] = c.Alias
	}
	var affs []any
	for _, a := range c.Affiliations {
		am := map[string]any{"@type": "Organization", "name": a.Name}
		if a.Identifier != "" {
			am["@id"] = a.Identifier
		}
		affs = append(affs, am)
	}
	if len(affs) > 0 {
		m["affiliation"] = oneAny(affs)
	}
	return m
}

// one returns a single string as itself and several as a list, as compacted JSON-LD does.
func one(ss []string) any {
	if len(ss) == 1 {
		return ss[0]
	}
	return ss
}

func oneAny(xs []any) any {
	if len(xs) == 1 {
		return xs[0]
	}
	return xs
}

// CodeMeta builds the CodeMeta 3.0 document of a record as a JSON object (map keys are the CodeMeta terms). It is
// what [WriteCodeMeta] writes, for callers that embed it elsewhere. A nil r gives nil.
func CodeMeta(r *fair.Resource) map[string]any {
	if r == nil {
		return nil
	}
	m := map[string]any{"@context": CodeMeta3Context}
	switch r.ResourceType.General {
	case fair.ResourceTypeSoftware, "":
		m["@type"] = "SoftwareSourceCode"
	case fair.ResourceTypeDataset:
		m["@type"] = "Dataset"
	default:
		m["@type"] = "CreativeWork"
	}
	set := func(k string, v any) {
		switch t := v.(type) {
		case string:
			if t == "" {
				return
			}
		case []string:
			if len(t) == 0 {
				return
			}
		case []any:
			if len(t) == 0 {
				return
			}
		}
		m[k] = v
	}
	var ids []any
	if d := r.DOI(); d != "" {
		m["@id"] = doiURL(d)
		ids = append(ids, doiURL(d))
	}
	var sameAs []string
	for _, id := range r.AlternateIdentifiers {
		switch strings.ToUpper(string(id.Type)) {
		case "DOI":
			ids = append(ids, doiURL(id.Value))
		case "URL":
			sameAs = appendUnique(sameAs, id.Value)
		case "SWHID", "LOCAL", "":
			ids = append(ids, id.Value)
		default:
			ids = append(ids, map[string]any{"@type": "PropertyValue", "propertyID": id.Type, "value": id.Value})
		}
	}
	if r.Software.Commit != "" {
		ids = append(ids, map[string]any{"@type": "PropertyValue", "propertyID": "commit", "value": r.Software.Commit})
	}
	if r.Software.Tag != "" {
		ids = append(ids, map[string]any{"@type": "PropertyValue", "propertyID": "tag", "value": r.Software.Tag})
	}
	if len(ids) > 0 {
		m["identifier"] = oneAny(ids)
	}
	set("name", r.MainTitle())
	var alt []string
	for _, t := range r.Titles {
		if t.Type == fair.TitleAlternativeTitle {
			alt = append(alt, t.Title)
		}
	}
	if len(alt) > 0 {
		m["alternateName"] = one(alt)
	}
	var descs []string
	for _, d := range r.Descriptions {
		descs = append(descs, d.Description)
	}
	if len(descs) > 0 {
		m["description"] = one(descs)
	}
	set("version", r.Version)
	var authors []any
	for _, c := range r.Creators {
		authors = append(authors, codeMetaPerson(c))
	}
	set("author", authors)
	for _, row := range codeMetaRoles {
		var ps []any
		for _, c := range r.Contributors {
			t := c.ContributorType
			if t == row.typ || row.term == "contributor" && !knownRole(t) {
				ps = append(ps, codeMetaPerson(c.Creator))
			}
		}
		set(row.term, ps)
	}
	ids2, uris := spdxOf(r)
	var lic []string
	for _, id := range ids2 {
		if c, ok := spdxCanonical(id); ok { // DataCite writes SPDX identifiers in lower case
			lic = append(lic, "https://spdx.org/licenses/"+c)
		} else if i := slices.IndexFunc(r.Rights, func(rt fair.Rights) bool { return rt.Identifier == id }); r.Rights[i].URI != "" {
			lic = append(lic, r.Rights[i].URI) // not an SPDX identifier: no spdx.org URL for it
		} else {
			lic = append(lic, id)
		}
	}
	lic = append(lic, uris...)
	if len(lic) > 0 {
		m["license"] = one(lic)
	}
	set("datePublished", dateOf(r, fair.DateIssued))
	set("dateCreated", dateOf(r, fair.DateCreated))
	set("dateModified", dateOf(r, fair.DateUpdated))
	set("embargoEndDate", dateOf(r, fair.DateAvailable))
	set("codeRepository", r.Software.CodeRepository)
	set("issueTracker", r.Software.IssueTracker)
	set("continuousIntegration", r.Software.ContinuousIntegration)
	set("developmentStatus", r.Software.DevelopmentStatus)
	set("programmingLanguage", r.Software.ProgrammingLanguages)
	set("runtimePlatform", r.Software.RuntimePlatforms)
	set("operatingSystem", r.Software.OperatingSystems)
	var reqs []any
	for _, q := range r.Software.Requirements {
		rm := map[string]any{"@type": "SoftwareApplication", "name": q.Name}
		if q.Version != "" {
			rm["version"] = q.Version
		}
		if q.Identifier != "" {
			rm["identifier"] = q.Identifier
		}
		reqs = append(reqs, rm)
	}
	set("softwareRequirements", reqs)
	set("url", r.URL)
	var downloads []string
	for _, d := range r.Distributions {
		downloads = appendUnique(downloads, d.ContentURL)
	}
	if len(downloads) > 0 {
		m["downloadUrl"] = one(downloads)
	}
	for _, ri := range r.RelatedIdentifiers {
		if ri.RelationType == fair.RelIsIdenticalTo && ri.IdentifierType == fair.IDTypeURL {
			sameAs = appendUnique(sameAs, ri.Identifier)
		}
	}
	if len(sameAs) > 0 {
		m["sameAs"] = one(sameAs)
	}
	set("keywords", r.Keywords)
	var cats []string
	for _, s := range r.Subjects {
		cats = append(cats, s.Subject)
	}
	set("applicationCategory", cats)
	if r.Publisher.Name != "" {
		p := map[string]any{"@type": "Organization", "name": r.Publisher.Name}
		if r.Publisher.Identifier != "" {
			p["@id"] = r.Publisher.Identifier
		}
		m["publisher"] = p
	}
	var grants []any
	for _, f := range r.FundingReferences {
		g := map[string]any{"@type": "Grant"}
		if f.AwardNumber != "" {
			g["identifier"] = f.AwardNumber
		}
		if f.AwardTitle != "" {
			g["name"] = f.AwardTitle
		}
		if f.AwardURI != "" {
			g["url"] = f.AwardURI
		}
		if f.FunderName != "" {
			fm := map[string]any{"@type": "Organization", "name": f.FunderName}
			if f.FunderIdentifier != "" {
				fm["@id"] = f.FunderIdentifier
			}
			g["funder"] = fm
		}
		grants = append(grants, g)
	}
	set("funding", grants)
	for _, row := range codeMetaRelations {
		var vals []any
		for _, ri := range r.RelatedIdentifiers {
			if ri.RelationType != row.rel {
				continue
			}
			if ri.IdentifierType == fair.IDTypeDOI {
				vals = append(vals, doiURL(ri.Identifier))
			} else {
				vals = append(vals, ri.Identifier)
			}
		}
		for _, it := range r.RelatedItems {
			if it.RelationType == row.rel && len(it.Titles) > 0 {
				vals = append(vals, it.Titles[0].Title)
			}
		}
		if len(vals) > 0 {
			m[row.term] = oneAny(vals)
		}
	}
	set("fileSize", r.Sizes)
	set("fileFormat", r.Formats)
	switch r.AccessRights {
	case fair.AccessOpen:
		m["isAccessibleForFree"] = true
	case fair.AccessRestricted:
		m["isAccessibleForFree"] = false
	}
	return m
}

func knownRole(t fair.ContributorType) bool {
	for _, row := range codeMetaRoles {
		if row.typ == t && row.term != "contributor" {
			return true
		}
	}
	return false
}

// WriteCodeMeta writes r as a CodeMeta 3.0 codemeta.json document. A record without a title gives an error:
// CodeMeta's name is what every consumer shows. notWritten is [NotWritten]("codemeta", r).
func WriteCodeMeta(w io.Writer, r *fair.Resource) (notWritten fair.Notes, err error) {
	if err := checkWrite("WriteCodeMeta", w, r); err != nil {
		return nil, err
	}
	if err := writeCodeMeta(w, r); err != nil {
		return nil, err
	}
	return NotWritten("codemeta", r), nil
}

func writeCodeMeta(w io.Writer, r *fair.Resource) error {
	if r.MainTitle() == "" {
		return errors.New("software: codemeta: the record has no title (CodeMeta name)")
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(CodeMeta(r))
}
