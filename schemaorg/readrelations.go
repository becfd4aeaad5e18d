package schemaorg

import (
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

// relationProps are the properties the reader takes relations from, with the relation a plain value means.
var relationProps = func() []string {
	seen := map[string]bool{}
	var out []string
	for _, row := range relTable {
		if row.property != "" && !row.reverse && !seen[row.property] {
			seen[row.property] = true
			out = append(out, row.property)
		}
	}
	return append(out, "isRelatedTo")
}()

func (rd *reader) readRelations(n *node, r *fair.Resource) {
	for _, prop := range relationProps {
		vals := n.get(prop)
		rel, _ := primaryRelation(prop, false)
		if prop == "isRelatedTo" {
			rel = fair.RelOther
		}
		for i, v := range vals {
			rd.relation(r, v, n.child(prop, i, len(vals)), prop, rel)
		}
	}
	rev, _ := n.m["@reverse"].(map[string]any)
	if rev == nil {
		return
	}
	n.used["@reverse"] = len(rev) == 0
	allUsed := true
	for p, v := range rev {
		if local(p) == "workFeatured" {
			n.used["@reverse "+p] = true
			vals := asSlice(v)
			for i, e := range vals {
				rd.event(r, e, n.child("@reverse.workFeatured", i, len(vals)))
			}
			continue
		}
		rel, ok := primaryRelation(local(p), true)
		if local(p) == "" || !ok {
			allUsed = false
			continue
		}
		n.used["@reverse "+p] = true
		vals := asSlice(v)
		for i, e := range vals {
			rd.relation(r, e, n.child("@reverse."+local(p), i, len(vals)), local(p), rel)
		}
	}
	if allUsed {
		n.used["@reverse"] = true
	}
}

// relation reads one related resource: a plain identifier, a reference, a full description or a Role around one.
func (rd *reader) relation(r *fair.Resource, v any, path, prop string, rel fair.RelationType) {
	info := ""
	v = rd.deref(v)
	if m, ok := v.(map[string]any); ok && prop == "isPartOf" {
		if c := rd.view(m, path); c.is("PublicationIssue", "PublicationVolume", "Periodical") {
			rd.periodical(r, c)
			return
		}
	}
	if m, ok := v.(map[string]any); ok {
		role := rd.view(m, path)
		if role.is("Role") {
			if rn := rd.text(role, "roleName"); rn != "" {
				if rt, ok := fair.ParseRelationType(rn); ok {
					rel = rt
				} else {
					rd.skip(path+".roleName", rn, "not a DataCite relationType")
				}
			}
			info = rd.text(role, "description")
			inner := role.get(prop)
			rd.done(role)
			if len(inner) == 0 {
				return
			}
			v = rd.deref(inner[0])
		}
	}
	if t, ok := literal(v); ok {
		if p, err := fair.DetectPID(t.s); err == nil {
			r.RelatedIdentifiers = append(r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: p.Value,
				IdentifierType: idType(p.Scheme), RelationType: rel, RelationTypeInformation: info})
			return
		}
		if rel == fair.RelCites || rel == fair.RelReferences {
			// A citation written out as text.
			r.References = append(r.References, fair.RelatedItem{Type: fair.ResourceTypeText, RelationType: rel,
				Titles: []fair.Title{{Title: t.s}}, RelationTypeInformation: info})
			return
		}
		rd.skip(path, t.s, "neither an identifier nor a description of the related resource")
		return
	}
	c := rd.view(v.(map[string]any), path)
	general := generalOfNode(c.m)
	for _, a := range rd.texts(c, "additionalType") {
		if g, ok := fair.ParseResourceTypeGeneral(a.s); ok && string(g) == a.s {
			general = g
		} else {
			rd.skip(c.path+".additionalType", a.s, "a related resource has no specific type in the record")
		}
	}
	var idv string
	var idt fair.RelatedIdentifierType
	ids := c.get("identifier")
	for i, e := range ids {
		val, scheme := rd.pidOf(e, c.child("identifier", i, len(ids)))
		if idv == "" && val != "" {
			idv = val
			if t, ok := fair.ParseRelatedIdentifierType(scheme); ok {
				idt = t
			} else {
				idt = idType(fair.Scheme(scheme))
			}
		}
	}
	if idv == "" {
		for _, cand := range []string{c.id(), rd.text(c, "url")} {
			if p, err := fair.DetectPID(cand); err == nil && cand != "" {
				idv, idt = p.Value, idType(p.Scheme)
				break
			}
		}
	} else {
		c.get("url")
	}
	full := false
	for _, p := range []string{"name", "headline", "creator", "author", "volumeNumber", "issueNumber", "pageStart", "pageEnd", "position"} {
		if _, ok := c.m[schemaHTTP+p]; ok {
			full = true
		} else if _, ok := c.m[schemaHTTPS+p]; ok {
			full = true
		}
	}
	if !full {
		rd.done(c)
		if idv == "" {
			rd.skip(path, v, "a related resource without identifier or description")
			return
		}
		r.RelatedIdentifiers = append(r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: idv, IdentifierType: idt,
			RelationType: rel, ResourceTypeGeneral: general, RelationTypeInformation: info})
		return
	}
	it := fair.RelatedItem{Type: general, RelationType: rel, RelationTypeInformation: info,
		Identifier: fair.RelatedItemIdentifier{Identifier: idv, Type: idt}}
	if it.Type == "" {
		it.Type = fair.ResourceTypeOther
	}
	sub := &fair.Resource{}
	rd.readTitles(c, sub)
	it.Titles = sub.Titles
	for _, prop := range []string{"creator", "author"} {
		vals := c.get(prop)
		for i, e := range vals {
			if a, ok := rd.agent(e, c.child(prop, i, len(vals))); ok {
				it.Creators = append(it.Creators, a)
			}
		}
	}
	it.Contributors = rd.itemContributors(c)
	if d := rd.text(c, "datePublished"); len(d) >= 4 {
		if y, err := strconv.Atoi(d[:4]); err == nil {
			it.PublicationYear = y
		}
	}
	if pubs := c.get("publisher"); len(pubs) > 0 {
		it.Publisher, _, _ = rd.org(pubs[0], c.child("publisher", 0, 1))
	}
	it.Volume = rd.text(c, "volumeNumber")
	it.Issue = rd.text(c, "issueNumber")
	it.FirstPage = rd.text(c, "pageStart")
	it.LastPage = rd.text(c, "pageEnd")
	if pg := rd.text(c, "pagination"); pg != "" && it.FirstPage == "" {
		first, last, _ := strings.Cut(pg, "-")
		it.FirstPage, it.LastPage = strings.TrimSpace(first), strings.TrimSpace(last)
	}
	it.Edition = rd.text(c, "bookEdition")
	if it.Edition == "" {
		it.Edition = rd.text(c, "version")
	}
	if pos := rd.text(c, "position"); pos != "" {
		it.Number, it.NumberType = pos, fair.NumberArticle
	}
	// The periodical an article appeared in (PANGAEA's isPartOf of a related article).
	if parts := c.get("isPartOf"); len(parts) > 0 {
		if pm, ok := parts[0].(map[string]any); ok {
			pc := rd.view(pm, c.child("isPartOf", 0, 1))
			if it.Volume == "" {
				it.Volume = rd.text(pc, "volumeNumber")
			}
			if it.Issue == "" {
				it.Issue = rd.text(pc, "issueNumber")
			}
			if nm := rd.text(pc, "name"); nm != "" {
				rd.skip(pc.path+".name", nm, "the name of the periodical has no place in a related item")
			}
			rd.done(pc)
		}
	}
	rd.done(c)
	if (rel == fair.RelCites || rel == fair.RelReferences) && info == "" {
		r.References = append(r.References, it)
		return
	}
	r.RelatedItems = append(r.RelatedItems, it)
}

// idType is the relatedIdentifierType of a detected scheme; person and organisation IDs are URLs here.
func idType(s fair.Scheme) fair.RelatedIdentifierType {
	if t, ok := fair.ParseRelatedIdentifierType(string(s)); ok {
		return t
	}
	return fair.IDTypeURL
}

// periodical reads the journal an article is published in: a PublicationIssue, PublicationVolume or Periodical
// under isPartOf, each part of the next, as the container of the record (a related item IsPublishedIn).
func (rd *reader) periodical(r *fair.Resource, c *node) {
	it := fair.RelatedItem{Type: fair.ResourceTypeJournal, RelationType: fair.RelIsPublishedIn}
	for depth := 0; c != nil; depth++ {
		if depth > 8 {
			rd.skip(c.path, c.m, "journal levels nested too deep")
			return
		}
		switch {
		case c.is("PublicationIssue"):
			it.Issue = rd.text(c, "issueNumber")
		case c.is("PublicationVolume"):
			it.Volume = rd.text(c, "volumeNumber")
		case c.is("Periodical"):
			rd.journal(c, &it)
		}
		if d := rd.text(c, "datePublished"); len(d) >= 4 && it.PublicationYear == 0 {
			if y, err := strconv.Atoi(d[:4]); err == nil {
				it.PublicationYear = y
			}
		}
		var next *node
		if parts := c.get("isPartOf"); len(parts) > 0 && !c.is("Periodical") {
			if m, ok := rd.deref(parts[0]).(map[string]any); ok {
				next = rd.view(m, c.child("isPartOf", 0, len(parts)))
			} else {
				rd.skip(c.child("isPartOf", 0, len(parts)), parts[0], "not a volume, issue or periodical")
			}
			for i := 1; i < len(parts); i++ {
				rd.skip(c.child("isPartOf", i, len(parts)), parts[i], "a journal level is part of one other")
			}
		}
		rd.done(c)
		c = next
	}
	r.RelatedItems = append(r.RelatedItems, it)
}

// journal reads a Periodical's name, identifiers (identifier, issn), publisher and creators into a container.
func (rd *reader) journal(c *node, it *fair.RelatedItem) {
	sub := &fair.Resource{}
	rd.readTitles(c, sub)
	it.Titles = sub.Titles
	ids := c.get("identifier")
	for i, e := range ids {
		val, scheme := rd.pidOf(e, c.child("identifier", i, len(ids)))
		if it.Identifier.Identifier == "" && val != "" {
			t, ok := fair.ParseRelatedIdentifierType(scheme)
			if !ok {
				t = idType(fair.Scheme(scheme))
			}
			it.Identifier = fair.RelatedItemIdentifier{Identifier: val, Type: t}
		} else if val != it.Identifier.Identifier {
			rd.skip(c.child("identifier", i, len(ids)), val, "a journal has one identifier in the record")
		}
	}
	issns := rd.texts(c, "issn")
	for i, v := range issns {
		switch {
		case it.Identifier.Identifier == "":
			it.Identifier = fair.RelatedItemIdentifier{Identifier: v.s, Type: fair.IDTypeISSN}
		case v.s != it.Identifier.Identifier:
			rd.skip(c.child("issn", i, len(issns)), v.s, "a journal has one identifier in the record")
		}
	}
	if pubs := c.get("publisher"); len(pubs) > 0 {
		it.Publisher, _, _ = rd.org(pubs[0], c.child("publisher", 0, len(pubs)))
		for i := 1; i < len(pubs); i++ {
			rd.skip(c.child("publisher", i, len(pubs)), pubs[i], "a journal has one publisher in the record")
		}
	}
	for _, prop := range []string{"creator", "author"} {
		vals := c.get(prop)
		for i, e := range vals {
			if a, ok := rd.agent(e, c.child(prop, i, len(vals))); ok {
				it.Creators = append(it.Creators, a)
			}
		}
	}
	it.Contributors = rd.itemContributors(c)
	it.Edition = rd.text(c, "bookEdition")
}

// itemContributors reads the contributors of a related item, each in a Role naming its contributorType.
func (rd *reader) itemContributors(c *node) []fair.Contributor {
	var out []fair.Contributor
	cons := c.get("contributor")
	for i, e := range cons {
		typ := fair.ContributorOther
		p := c.child("contributor", i, len(cons))
		if m, ok := e.(map[string]any); ok {
			role := rd.view(m, p)
			if role.is("Role") {
				if ct, ok := fair.ParseContributorType(rd.text(role, "roleName")); ok {
					typ = ct
				}
				inner := role.get("contributor")
				rd.done(role)
				if len(inner) == 0 {
					continue
				}
				e = inner[0]
			}
		}
		if a, ok := rd.agent(e, p); ok {
			out = append(out, fair.Contributor{Creator: a, ContributorType: typ})
		}
	}
	return out
}

// readArticlePages reads the pages and article number of the record within its container.
func (rd *reader) readArticlePages(n *node, r *fair.Resource) {
	cont := r.Container()
	if cont == nil {
		return // pageStart and the rest are reported as having no place
	}
	set := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	set(&cont.FirstPage, rd.text(n, "pageStart"))
	set(&cont.LastPage, rd.text(n, "pageEnd"))
	if pg := rd.text(n, "pagination"); pg != "" {
		first, last, _ := strings.Cut(pg, "-")
		set(&cont.FirstPage, strings.TrimSpace(first))
		set(&cont.LastPage, strings.TrimSpace(last))
	}
	if pos := rd.text(n, "position"); pos != "" && cont.Number == "" {
		cont.Number, cont.NumberType = pos, fair.NumberArticle
	}
}

// event reads the conference a work was presented at (an Event that features it).
func (rd *reader) event(r *fair.Resource, v any, path string) {
	v = rd.deref(v)
	m, ok := v.(map[string]any)
	if !ok || !r.Publication.Conference.IsZero() {
		rd.skip(path, v, "the record holds one conference, described by an Event")
		return
	}
	c := rd.view(m, path)
	var conf fair.Conference
	conf.Name = rd.text(c, "name")
	conf.Acronym = rd.text(c, "alternateName")
	conf.StartDate = rd.text(c, "startDate")
	conf.EndDate = rd.text(c, "endDate")
	conf.URL = rd.text(c, "url")
	ids := c.get("identifier")
	for i, e := range ids {
		val, scheme := rd.pidOf(e, c.child("identifier", i, len(ids)))
		if conf.Identifier.Value == "" {
			conf.Identifier = fair.Identifier{Value: val, Type: fair.Scheme(scheme)}
		} else {
			rd.skip(c.child("identifier", i, len(ids)), val, "a conference has one identifier in the record")
		}
	}
	locs := c.get("location")
	for i, l := range locs {
		lp := c.child("location", i, len(locs))
		if i > 0 {
			rd.skip(lp, l, "a conference has one place in the record")
			continue
		}
		if t, ok := literal(l); ok {
			conf.Place = t.s
			continue
		}
		lc := rd.view(l.(map[string]any), lp)
		conf.Place = rd.text(lc, "name")
		for j, a := range lc.get("address") {
			ap := lc.child("address", j, 1)
			if t, ok := literal(a); ok {
				if conf.Place == "" {
					conf.Place = t.s
				} else {
					rd.skip(ap, a, "a conference has one place in the record")
				}
				continue
			}
			ac := rd.view(a.(map[string]any), ap)
			conf.Country = rd.text(ac, "addressCountry")
			if loc := rd.text(ac, "addressLocality"); loc != "" && conf.Place == "" {
				conf.Place = loc
			}
			rd.done(ac)
		}
		rd.done(lc)
	}
	rd.done(c)
	r.Publication.Conference = conf
}
