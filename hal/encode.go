package hal

import (
	"errors"
	"io"
)

// Encode writes the document as HAL TEI for deposit (AOfr, the schema HAL's SWORD server validates against). The
// deposit holds what a depositor may give: HAL's own data of an export (collections, HAL's dates and files, the
// generated citations) is not written.
func (d *Document) Encode(w io.Writer) error {
	if w == nil {
		return errors.New("hal: Encode: nil writer")
	}
	wr := &writer{}
	wr.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	wr.write(d.tree(), 0)
	_, err := w.Write(wr.b.Bytes())
	return err
}

func (d *Document) tree() *el {
	bf := elem("biblFull")
	// titleStmt holds the funders only: the titles and authors are the analytic level's.
	if len(d.Funders) > 0 {
		ts := elem("titleStmt")
		for _, f := range d.Funders {
			if f.Ref != "" {
				ts.add(textEl("funder", f.Text, "ref", "#"+f.Ref))
			} else {
				ts.add(textEl("funder", f.Text))
			}
		}
		bf.add(ts)
	}
	var edition *el
	for _, dt := range d.Dates {
		if dt.Type == "whenWritten" {
			if edition == nil {
				edition = elem("edition")
			}
			edition.add(textEl("date", dt.Date, "type", dt.Type))
		}
	}
	for _, f := range d.Files {
		if edition == nil {
			edition = elem("edition")
		}
		typ := "file"
		if f.External {
			typ = "externalLink"
		}
		r := elem("ref", "type", typ, "subtype", f.Subtype, "n", f.N, "target", f.Target)
		if f.NotBefore != "" {
			r.add(elem("date", "notBefore", f.NotBefore))
		}
		edition.add(r)
	}
	if edition != nil {
		bf.add(elem("editionStmt").add(edition))
	}
	halID := d.Identifier("halId")
	if halID != "" || d.Licence.Target != "" || d.Licence.Text != "" {
		ps := elem("publicationStmt")
		if halID != "" {
			ps.add(textEl("idno", halID, "type", "halId"))
		}
		if d.Licence.Target != "" || d.Licence.Text != "" {
			ps.add(elem("availability").add(textEl("licence", d.Licence.Text, "target", d.Licence.Target)))
		}
		bf.add(ps)
	}
	if len(d.Metadata) > 0 {
		ns := elem("notesStmt")
		for _, m := range d.Metadata {
			ns.add(textEl("note", m.Text, "type", m.Type, "n", m.N))
		}
		bf.add(ns)
	}
	bf.add(elem("sourceDesc").add(d.biblStruct()))
	bf.add(d.profileDesc())

	text := elem("text").add(elem("body").add(elem("listBibl").add(bf)))
	if len(d.Structures) > 0 || len(d.Projects) > 0 {
		back := elem("back")
		if len(d.Structures) > 0 {
			lo := elem("listOrg", "type", "structures")
			for _, s := range d.Structures {
				lo.add(s.tree())
			}
			back.add(lo)
		}
		if len(d.Projects) > 0 {
			lo := elem("listOrg", "type", "projects")
			for _, p := range d.Projects {
				lo.add(p.tree())
			}
			back.add(lo)
		}
		text.add(back)
	}
	return elem("TEI", "xmlns", NamespaceTEI, "xmlns:hal", NamespaceHAL).add(text)
}

func (d *Document) biblStruct() *el {
	an := elem("analytic")
	for _, t := range d.Titles {
		typ := ""
		if t.Sub {
			typ = "sub"
		}
		an.add(textEl("title", t.Text, "xml:lang", t.Lang, "type", typ))
	}
	for _, a := range d.Authors {
		an.add(a.tree())
	}
	bs := elem("biblStruct").add(an)
	if m := d.Host.tree(); m != nil {
		bs.add(m)
	}
	if d.SeriesTitle != "" || len(d.SeriesEditors) > 0 {
		s := elem("series")
		for _, e := range d.SeriesEditors {
			s.add(textEl("editor", e))
		}
		if d.SeriesTitle != "" {
			s.add(textEl("title", d.SeriesTitle))
		}
		bs.add(s)
	}
	for _, id := range d.Identifiers {
		if id.Type == "halId" {
			continue // written in publicationStmt
		}
		bs.add(id.tree())
	}
	for _, r := range d.Refs {
		bs.add(textEl("ref", r.Target, "type", r.Type))
	}
	for _, r := range d.Related {
		bs.add(elem("relatedItem", "type", r.Type, "target", r.Target))
	}
	return bs
}

func (id Idno) tree() *el {
	return textEl("idno", id.Value, "type", id.Type, "notation", id.Notation, "n", id.N, "status", id.Status)
}

func (a Author) tree() *el {
	e := elem("author", "role", a.Role)
	if a.Surname != "" || len(a.Forenames) > 0 {
		pn := elem("persName")
		fns := a.Forenames
		if len(fns) == 0 {
			fns = []string{""}
		}
		for i, f := range fns {
			typ := "first"
			if i > 0 {
				typ = "middle"
			}
			pn.add(textEl("forename", f, "type", typ))
		}
		pn.add(textEl("surname", a.Surname))
		e.add(pn)
	}
	if a.Email != "" {
		e.add(textEl("email", a.Email))
	}
	for _, id := range a.Idnos {
		e.add(id.tree())
	}
	if a.OrgName != "" || a.OrgRef != "" {
		ref := ""
		if a.OrgRef != "" {
			ref = "#" + a.OrgRef
		}
		e.add(textEl("orgName", a.OrgName, "ref", ref))
	}
	for _, ref := range a.Affiliations {
		e.add(elem("affiliation", "ref", "#"+ref))
	}
	return e
}

// tree writes the monogr level; nil when there is nothing to write.
func (h Host) tree() *el {
	m := elem("monogr")
	for _, id := range h.Idnos {
		m.add(id.tree())
	}
	if h.JournalTitle != "" {
		m.add(textEl("title", h.JournalTitle, "level", "j"))
	}
	if h.BookTitle != "" {
		m.add(textEl("title", h.BookTitle, "level", "m"))
	}
	if mt := h.Meeting; !mt.IsZero() {
		me := elem("meeting")
		if mt.Title != "" {
			me.add(textEl("title", mt.Title))
		}
		if mt.Start != "" {
			me.add(textEl("date", mt.Start, "type", "start"))
		}
		if mt.End != "" {
			me.add(textEl("date", mt.End, "type", "end"))
		}
		if mt.Settlement != "" {
			me.add(textEl("settlement", mt.Settlement))
		}
		if mt.CountryCode != "" {
			me.add(textEl("country", mt.Country, "key", mt.CountryCode))
		}
		m.add(me)
	}
	if h.Settlement != "" {
		m.add(textEl("settlement", h.Settlement))
	}
	if h.CountryCode != "" {
		m.add(elem("country", "key", h.CountryCode))
	}
	for _, e := range h.Editors {
		m.add(textEl("editor", e))
	}
	im := elem("imprint")
	for _, p := range h.Publishers {
		im.add(textEl("publisher", p))
	}
	for _, p := range h.PubPlaces {
		im.add(textEl("pubPlace", p))
	}
	for _, s := range []struct{ unit, v string }{{"serie", h.Serie}, {"volume", h.Volume}, {"issue", h.Issue}, {"pp", h.Pages}} {
		if s.v != "" {
			im.add(textEl("biblScope", s.v, "unit", s.unit))
		}
	}
	for _, dt := range h.Dates {
		sub := ""
		if dt.InPress {
			sub = "inPress"
		}
		im.add(textEl("date", dt.Date, "type", dt.Type, "subtype", sub))
	}
	if len(im.kids) > 0 {
		m.add(im)
	}
	for _, a := range h.Authorities {
		m.add(textEl("authority", a.Value, "type", a.Type))
	}
	if len(m.kids) == 0 {
		return nil
	}
	return m
}

func (d *Document) profileDesc() *el {
	pd := elem("profileDesc")
	if d.Language != "" {
		pd.add(elem("langUsage").add(elem("language", "ident", d.Language)))
	}
	tc := elem("textClass")
	if len(d.Keywords) > 0 {
		kw := elem("keywords", "scheme", "author")
		for _, k := range d.Keywords {
			lang := k.Lang
			if lang == "" {
				lang = d.Language
			}
			if lang == "" {
				lang = "en"
			}
			kw.add(textEl("term", k.Text, "xml:lang", lang))
		}
		tc.add(kw)
	}
	for _, c := range d.Classes {
		tc.add(textEl("classCode", c.Text, "scheme", c.Scheme, "n", c.Code))
	}
	if d.Type != "" {
		tc.add(textEl("classCode", d.TypeLabel, "scheme", "halTypology", "n", d.Type))
	}
	if len(tc.kids) > 0 {
		pd.add(tc)
	}
	for _, a := range d.Abstracts {
		lang := a.Lang
		if lang == "" {
			lang = d.Language
		}
		if lang == "" {
			lang = "en"
		}
		pd.add(textEl("abstract", a.Text, "xml:lang", lang))
	}
	if len(d.Collaborations) > 0 {
		pc := elem("particDesc")
		for _, c := range d.Collaborations {
			pc.add(textEl("org", c, "type", "consortium"))
		}
		pd.add(pc)
	}
	return pd
}

func (s Structure) tree() *el {
	typ := s.Type
	if typ == "" {
		typ = "laboratory"
	}
	o := elem("org", "type", typ, "xml:id", s.ID, "status", s.Status)
	for _, id := range s.Idnos {
		o.add(id.tree())
	}
	if s.Name != "" {
		o.add(textEl("orgName", s.Name))
	}
	if s.Acronym != "" {
		o.add(textEl("orgName", s.Acronym, "type", "acronym"))
	}
	if s.Start != "" {
		o.add(textEl("date", s.Start, "type", "start"))
	}
	if s.End != "" {
		o.add(textEl("date", s.End, "type", "end"))
	}
	if s.Address != "" || s.CountryCode != "" || s.URL != "" {
		desc := elem("desc")
		if s.Address != "" || s.CountryCode != "" {
			ad := elem("address")
			if s.Address != "" {
				ad.add(textEl("addrLine", s.Address))
			}
			if s.CountryCode != "" {
				ad.add(elem("country", "key", s.CountryCode))
			}
			desc.add(ad)
		}
		if s.URL != "" {
			desc.add(textEl("ref", s.URL, "type", "url"))
		}
		o.add(desc)
	}
	if len(s.Parents) > 0 {
		lr := elem("listRelation")
		for _, p := range s.Parents {
			lr.add(elem("relation", "active", "#"+p.Ref, "type", p.Type, "name", p.Name))
		}
		o.add(lr)
	}
	return o
}

func (p Project) tree() *el {
	o := elem("org", "type", p.Type, "xml:id", p.ID, "status", p.Status)
	for _, id := range p.Idnos {
		o.add(id.tree())
	}
	if p.Name != "" {
		o.add(textEl("orgName", p.Name))
	}
	if p.Desc != "" {
		o.add(textEl("desc", p.Desc))
	}
	if p.Start != "" {
		o.add(textEl("date", p.Start, "type", "start"))
	}
	if p.End != "" {
		o.add(textEl("date", p.End, "type", "end"))
	}
	return o
}
