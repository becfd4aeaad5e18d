package schemaorg

import (
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

// agent reads a Person or Organization node (or a name).
func (rd *reader) agent(v any, path string) (fair.Creator, bool) {
	v = rd.deref(v)
	if t, ok := literal(v); ok {
		if strings.Contains(t.s, "://") {
			return fair.Creator{}, false
		}
		return fair.Creator{Name: t.s}, t.s != ""
	}
	c := rd.view(v.(map[string]any), path)
	var out fair.Creator
	switch {
	case c.is("Person"):
		out.NameType = fair.NamePersonal
	case c.is("Organization", "ResearchOrganization", "CollegeOrUniversity", "GovernmentOrganization", "Consortium", "NGO", "Corporation", "FundingAgency"):
		out.NameType = fair.NameOrganizational
	}
	out.Name = rd.text(c, "name")
	out.Alias = rd.text(c, "alternateName")
	out.GivenName = rd.text(c, "givenName")
	out.FamilyName = rd.text(c, "familyName")
	if out.Name == "" {
		out.Name = strings.TrimSuffix(out.FamilyName+", "+out.GivenName, ", ")
		out.Name = strings.TrimPrefix(out.Name, ", ")
	}
	if out.Name == "" {
		out.Name = rd.text(c, "legalName")
	}
	out.Email = strings.TrimPrefix(rd.text(c, "email"), "mailto:")
	out.Website = rd.text(c, "url")
	seen := map[string]bool{}
	addID := func(val, scheme string) {
		if val == "" || seen[val] {
			return
		}
		seen[val] = true
		ni := fair.NameIdentifier{Value: val, Scheme: fair.Scheme(scheme)}
		switch scheme {
		case "ORCID":
			ni.Value, ni.SchemeURI = "https://orcid.org/"+val, "https://orcid.org"
		case "ROR":
			ni.SchemeURI = "https://ror.org"
		case "ISNI":
			ni.SchemeURI = "https://isni.org"
		}
		out.NameIdentifiers = append(out.NameIdentifiers, ni)
	}
	if id := c.id(); id != "" {
		if p, err := fair.DetectPID(id); err == nil && (p.Scheme == fair.SchemeORCID || p.Scheme == fair.SchemeROR || p.Scheme == fair.SchemeISNI) {
			addID(p.Value, string(p.Scheme))
		}
	}
	same := c.get("sameAs")
	for i, s := range same {
		val, scheme := rd.pidOf(s, c.child("sameAs", i, len(same)))
		switch scheme {
		case "ORCID", "ROR", "ISNI":
			addID(val, scheme)
		default:
			if out.Website == "" {
				out.Website = val
			} else if val != out.Website {
				rd.skip(c.child("sameAs", i, len(same)), val, "only ORCID, ROR and ISNI identifiers and one web site fit the record")
			}
		}
	}
	ids := c.get("identifier")
	for i, s := range ids {
		val, scheme := rd.pidOf(s, c.child("identifier", i, len(ids)))
		addID(val, scheme)
	}
	affs := c.get("affiliation")
	for i, a := range affs {
		if af, ok := rd.affiliation(a, c.child("affiliation", i, len(affs))); ok {
			out.Affiliations = append(out.Affiliations, af)
		}
	}
	if out.NameType == "" && (out.GivenName != "" || out.FamilyName != "") {
		out.NameType = fair.NamePersonal
	}
	rd.done(c)
	return out, out.Name != "" || len(out.NameIdentifiers) > 0
}

// org reads an organisation: name and identifier (ROR first). Its other identifiers have no place in a publisher
// or funder and are reported.
func (rd *reader) org(v any, path string) (name, id, scheme string) {
	name, id, scheme, others := rd.orgIDs(v, path)
	for _, o := range others {
		rd.skip(o.path, o.Value, "only one identifier of an organisation fits the record")
	}
	return name, id, scheme
}

// pathID is an identifier and where it was read.
type pathID struct {
	fair.NameIdentifier
	path string
}

// orgIDs reads an organisation: name, its identifier (ROR first) and its other identifiers in order.
func (rd *reader) orgIDs(v any, path string) (name, id, scheme string, others []pathID) {
	v = rd.deref(v)
	if t, ok := literal(v); ok {
		if strings.Contains(t.s, "://") {
			if p, err := fair.DetectPID(t.s); err == nil {
				return "", p.Value, string(p.Scheme), nil
			}
		}
		return t.s, "", "", nil
	}
	c := rd.view(v.(map[string]any), path)
	name = rd.text(c, "name")
	if name == "" {
		name = rd.text(c, "legalName")
	}
	idPath := c.path
	consider := func(val, sch, p string) {
		switch {
		case val == "" || val == id:
		case id == "":
			id, scheme, idPath = val, sch, p
		case sch == "ROR" && scheme != "ROR":
			others = append(others, pathID{fair.NameIdentifier{Value: id, Scheme: fair.Scheme(scheme)}, idPath})
			id, scheme, idPath = val, sch, p
		default:
			for _, o := range others {
				if o.Value == val {
					return
				}
			}
			others = append(others, pathID{fair.NameIdentifier{Value: val, Scheme: fair.Scheme(sch)}, p})
		}
	}
	if i := c.id(); i != "" {
		if p, err := fair.DetectPID(i); err == nil {
			consider(p.Value, string(p.Scheme), c.path+".@id")
		}
	}
	for _, key := range []string{"sameAs", "identifier"} {
		vals := c.get(key)
		for i, s := range vals {
			p := c.child(key, i, len(vals))
			val, sch := rd.pidOf(s, p)
			consider(val, sch, p)
		}
	}
	rd.done(c)
	return name, id, scheme, others
}

func schemeURI(scheme string) string {
	switch scheme {
	case "ROR":
		return "https://ror.org"
	case "ORCID":
		return "https://orcid.org"
	case "ISNI":
		return "https://isni.org"
	}
	return ""
}

func (rd *reader) affiliation(v any, path string) (fair.Affiliation, bool) {
	name, id, scheme, others := rd.orgIDs(v, path)
	a := fair.Affiliation{Name: name, Identifier: id, IdentifierScheme: scheme, SchemeURI: schemeURI(scheme)}
	for _, o := range others {
		a.OtherIdentifiers = append(a.OtherIdentifiers, o.NameIdentifier)
	}
	return a, name != "" || id != ""
}

func sameCreator(a, b fair.Creator) bool {
	if a.Name != b.Name {
		return false
	}
	if len(a.NameIdentifiers) > 0 && len(b.NameIdentifiers) > 0 {
		return a.NameIdentifiers[0].Value == b.NameIdentifiers[0].Value
	}
	return true
}

func (rd *reader) readAgents(n *node, r *fair.Resource) {
	fromCreator := 0 // the creators read from creator; author often repeats them, but a list may name a person twice
	for _, prop := range []string{"creator", "author"} {
		vals := n.get(prop)
		for i, v := range vals {
			c, ok := rd.agent(v, n.child(prop, i, len(vals)))
			if !ok {
				rd.skip(n.child(prop, i, len(vals)), v, "not a person or organisation")
				continue
			}
			dup := false
			for _, have := range r.Creators[:fromCreator] {
				if sameCreator(have, c) {
					dup = true
				}
			}
			if !dup {
				r.Creators = append(r.Creators, c)
			}
		}
		if prop == "creator" {
			fromCreator = len(r.Creators)
		}
	}
	typed := []struct {
		prop string
		typ  fair.ContributorType
	}{
		{"editor", fair.ContributorEditor}, {"producer", fair.ContributorProducer}, {"translator", fair.ContributorTranslator},
		{"sponsor", fair.ContributorSponsor}, {"copyrightHolder", fair.ContributorRightsHolder},
		{"maintainer", fair.ContributorContactPerson}, {"provider", fair.ContributorHostingInstitution},
		{"contributor", fair.ContributorOther},
	}
	for _, tp := range typed {
		vals := n.get(tp.prop)
		for i, v := range vals {
			path := n.child(tp.prop, i, len(vals))
			typ := tp.typ
			if m, ok := v.(map[string]any); ok {
				role := rd.view(m, path)
				if role.is("Role", "OrganizationRole", "PerformanceRole") {
					if rn := rd.text(role, "roleName"); rn != "" {
						if ct, ok := fair.ParseContributorType(rn); ok {
							typ = ct
						} else {
							rd.skip(path+".roleName", rn, "not a DataCite contributorType")
						}
					}
					inner := role.get(tp.prop)
					rd.done(role)
					if len(inner) == 0 {
						continue
					}
					v = inner[0]
				}
			}
			c, ok := rd.agent(v, path)
			if !ok {
				rd.skip(path, v, "not a person or organisation")
				continue
			}
			r.Contributors = append(r.Contributors, fair.Contributor{Creator: c, ContributorType: typ})
		}
	}
	pubs := n.get("publisher")
	for i, v := range pubs {
		name, id, scheme := rd.org(v, n.child("publisher", i, len(pubs)))
		if i > 0 {
			rd.skip(n.child("publisher", i, len(pubs)), v, "only one publisher fits the record")
			continue
		}
		r.Publisher = fair.Publisher{Name: name, Identifier: id, IdentifierScheme: scheme, SchemeURI: schemeURI(scheme)}
	}
	cats := n.get("includedInDataCatalog")
	for i, v := range cats {
		path := n.child("includedInDataCatalog", i, len(cats))
		name, id, scheme := rd.org(v, path)
		switch {
		case r.Publisher.Name == "" && r.Publisher.Identifier == "":
			r.Publisher = fair.Publisher{Name: name, Identifier: id, IdentifierScheme: scheme, SchemeURI: schemeURI(scheme)}
		case name == r.Publisher.Name:
		default:
			r.Contributors = append(r.Contributors, fair.Contributor{ContributorType: fair.ContributorHostingInstitution,
				Creator: fair.Creator{Name: name, NameType: fair.NameOrganizational}})
		}
	}
	// The provider is often the publisher again, by reference.
	var kept []fair.Contributor
	for _, c := range r.Contributors {
		if c.ContributorType == fair.ContributorHostingInstitution && c.Name == r.Publisher.Name {
			continue
		}
		kept = append(kept, c)
	}
	r.Contributors = kept
}

func (rd *reader) funder(v any, path string) fair.FundingReference {
	name, id, scheme := rd.org(v, path)
	f := fair.FundingReference{FunderName: name, FunderIdentifier: id}
	if id != "" {
		if t, ok := fair.ParseFunderIdentifierType(scheme); ok {
			f.FunderIdentifierType = t
		} else if scheme == "ROR" {
			f.FunderIdentifierType = fair.FunderROR
		} else if strings.Contains(id, "10.13039/") {
			f.FunderIdentifierType = fair.FunderCrossrefFunderID
		} else {
			f.FunderIdentifierType = fair.FunderOther
		}
	}
	return f
}

func (rd *reader) readFunding(n *node, r *fair.Resource) {
	var grants []fair.FundingReference
	vals := n.get("funding")
	for i, v := range vals {
		path := n.child("funding", i, len(vals))
		m, ok := v.(map[string]any)
		if !ok {
			rd.skip(path, v, "expected a Grant")
			continue
		}
		c := rd.view(m, path)
		var f fair.FundingReference
		fs := c.get("funder")
		if len(fs) == 0 {
			fs = c.get("sponsor")
		}
		for j, fv := range fs {
			if j == 0 {
				f = rd.funder(fv, c.child("funder", j, len(fs)))
			} else {
				rd.skip(c.child("funder", j, len(fs)), fv, "one funder per award fits the record")
			}
		}
		f.AwardNumber = rd.text(c, "identifier")
		f.AwardTitle = rd.text(c, "name")
		f.AwardURI = rd.text(c, "url")
		if f.AwardURI == "" {
			f.AwardURI = c.id()
		}
		rd.done(c)
		grants = append(grants, f)
	}
	fs := n.get("funder")
	for i, v := range fs {
		f := rd.funder(v, n.child("funder", i, len(fs)))
		covered := false
		for _, g := range grants {
			if g.FunderName == f.FunderName && g.FunderIdentifier == f.FunderIdentifier {
				covered = true
			}
		}
		if !covered {
			r.FundingReferences = append(r.FundingReferences, f)
		}
	}
	r.FundingReferences = append(r.FundingReferences, grants...)
}
