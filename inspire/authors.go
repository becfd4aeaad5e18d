package inspire

import (
	"strings"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/jsonwalk"
)

// Reasons for what every author carries and the record has no place for, reported once per kind.
const (
	reasonBookkeeping = "INSPIRE's bookkeeping of the author list, not part of the metadata"
	reasonCredit      = "CRediT roles have no place in the record"
)

// readAuthors reads the author list in order: authors are creators, editors and supervisors contributors.
func (rd *literature) readAuthors(v jsonwalk.Value) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path("authors"), i)
		i++
		c, role, ok := rd.author(e, p)
		if !ok {
			continue
		}
		switch role {
		case "editor":
			rd.r.Contributors = append(rd.r.Contributors, fair.Contributor{Creator: c, ContributorType: fair.ContributorEditor})
		case "supervisor":
			rd.r.Contributors = append(rd.r.Contributors, fair.Contributor{Creator: c, ContributorType: fair.ContributorSupervisor})
		default:
			rd.authors = append(rd.authors, c)
		}
	}
}

// author reads one author and the role that decides where it goes: "author" (the default), "editor" or
// "supervisor". An author with several roles is an author; the others are reported.
func (rd *literature) author(e jsonwalk.Value, p string) (fair.Creator, string, bool) {
	name := e.Get("full_name").Str()
	if name == "" {
		rd.lost(p, e, "an author without full_name")
		return fair.Creator{}, "", false
	}
	c := fair.Creator{Name: name, NameType: fair.NamePersonal}
	c.FamilyName, c.GivenName = splitName(name)
	role := "author"
	var rors []jsonwalk.Value
	for k, x := range e.Members() {
		switch string(k) {
		case "full_name":
		case "ids":
			j := 0
			for id := range x.Elements() {
				if ni, ok := personID(id.Get("schema").Str(), id.Get("value").Str()); ok {
					c.NameIdentifiers = append(c.NameIdentifiers, ni)
				} else {
					rd.lostEach(idx(p+".ids", j), id, "an identifier without scheme or value")
				}
				j++
			}
		case "record":
			if n := recordNumber(x); n != "" {
				c.NameIdentifiers = append(c.NameIdentifiers, fair.NameIdentifier{Value: n, Scheme: OrgSchemeAuthor})
			}
		case "affiliations":
			j := -1
			for a := range x.Elements() {
				j++
				af := fair.Affiliation{Name: a.Get("value").Str()}
				if af.Name == "" {
					rd.lostEach(idx(p+".affiliations", j), a, "an affiliation without name")
					continue
				}
				if n := recordNumber(a.Get("record")); n != "" {
					af.AddIdentifier(n, fair.OrgSchemeInspire, "")
				}
				c.Affiliations = append(c.Affiliations, af)
			}
		case "affiliations_identifiers":
			for a := range x.Elements() {
				rors = append(rors, a)
			}
		case "raw_affiliations":
			for a := range x.Elements() {
				if s := a.Get("value").Str(); s != "" {
					c.RawAffiliations = append(c.RawAffiliations, s)
				}
			}
		case "emails":
			for j, m := range strs(x) {
				if j == 0 {
					c.Email = m
				} else {
					rd.lostEach(idx(p+".emails", j), jsonwalk.Value{}, "the record keeps one address per person")
				}
			}
		case "alternative_names":
			for j, n := range strs(x) {
				if j == 0 {
					c.Alias = n
				} else {
					rd.lostText(p+".alternative_names", n, "the record keeps one other name per person")
				}
			}
		case "inspire_roles":
			roles := strs(x)
			for _, r := range roles {
				if r == "author" {
					role = "author"
					break
				}
				role = r
			}
			if len(roles) > 1 {
				rd.lostText(p+".inspire_roles", strings.Join(roles, ", "), "a person has one role in the record: "+role)
			}
		case "credit_roles":
			rd.lostEach(p+".credit_roles", x, reasonCredit)
		case "uuid", "signature_block", "curated_relation":
			rd.lostEach(join(p, string(k)), x, reasonBookkeeping)
		default:
			rd.lost(join(p, string(k)), x, "no place for it in a creator")
		}
	}
	rd.affiliationIDs(&c, rors, p)
	return c, role, true
}

// OrgSchemeAuthor is the NameIdentifier scheme of an INSPIRE author record number ("983220"), which a [Lookup]
// built from INSPIRE author records turns into the person's ORCID and INSPIRE identifiers.
const OrgSchemeAuthor = "INSPIRE"

// affiliationIDs gives the ROR and GRID identifiers INSPIRE lists beside an author's affiliations to those
// affiliations: to the only one, or in order when there are as many of a scheme as affiliations. Others become
// affiliations of their own, named by the identifier, so that nothing is lost.
func (rd *literature) affiliationIDs(c *fair.Creator, ids []jsonwalk.Value, p string) {
	if len(ids) == 0 {
		return
	}
	byScheme := map[string][]string{}
	var order []string
	for _, id := range ids {
		s, v := strings.ToUpper(id.Get("schema").Str()), id.Get("value").Str()
		if s == "" || v == "" {
			rd.lost(p+".affiliations_identifiers", id, "an identifier without scheme or value")
			continue
		}
		if _, ok := byScheme[s]; !ok {
			order = append(order, s)
		}
		byScheme[s] = append(byScheme[s], v)
	}
	for _, s := range order {
		vals := byScheme[s]
		if len(vals) == len(c.Affiliations) {
			for j, v := range vals {
				setOrgID(&c.Affiliations[j], s, v)
			}
			continue
		}
		for _, v := range vals {
			a := fair.Affiliation{Name: v}
			setOrgID(&a, s, v)
			c.Affiliations = append(c.Affiliations, a)
		}
	}
}

// setOrgID gives an affiliation an identifier: the ROR ID as its identifier, others beside.
func setOrgID(a *fair.Affiliation, scheme, value string) {
	if scheme == "ROR" {
		if pid, err := fair.ParseROR(value); err == nil {
			a.AddIdentifier(pid.Value, "ROR", "https://ror.org")
			return
		}
	}
	a.AddIdentifier(value, scheme, "")
}

// personID is a person identifier of INSPIRE's ids list: ORCID as its URL, the others as INSPIRE names them
// (INSPIRE ID, INSPIRE BAI, CERN, ...).
func personID(schema, value string) (fair.NameIdentifier, bool) {
	if schema == "" || value == "" {
		return fair.NameIdentifier{}, false
	}
	if strings.EqualFold(schema, "ORCID") {
		if p, err := fair.ParseORCID(value); err == nil {
			return fair.NameIdentifier{Value: p.URL, Scheme: "ORCID", SchemeURI: "https://orcid.org"}, true
		}
	}
	return fair.NameIdentifier{Value: value, Scheme: fair.Scheme(schema)}, true
}

// splitName splits INSPIRE's "Family, Given" form.
func splitName(full string) (family, given string) {
	if f, g, ok := strings.Cut(full, ","); ok {
		return strings.TrimSpace(f), strings.TrimSpace(g)
	}
	return strings.TrimSpace(full), ""
}

// readCollaborations reads the collaborations that sign the work: organisational creators before the persons.
func (rd *literature) readCollaborations(v jsonwalk.Value) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path("collaborations"), i)
		i++
		name := e.Get("value").Str()
		if name == "" {
			rd.lost(p, e, "a collaboration without name")
			continue
		}
		c := fair.Creator{Name: name, NameType: fair.NameOrganizational}
		if n := recordNumber(e.Get("record")); n != "" {
			c.Website = "https://inspirehep.net/experiments/" + n
		}
		rd.collaborations = append(rd.collaborations, c)
	}
}
