package hal

import (
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

// Decode reads HAL TEI — an export of HAL's API or a deposit (AOfr) — into one Document per biblFull, with notes on
// every element it did not take into a Document. lim bounds the work (its zero value gives the defaults). An input
// that is not HAL TEI gives a *ReadError.
func Decode(data []byte, lim Limits) (docs []*Document, notRead fair.Notes, err error) {
	root, err := parseTree(data, lim)
	if err != nil {
		return nil, nil, err
	}
	return decodeTree(root)
}

func decodeTree(root *node) ([]*Document, fair.Notes, error) {
	if root.name != "TEI" || (root.space != NamespaceTEI && root.space != "") {
		return nil, nil, &ReadError{Path: root.name, Reason: "the root element is not TEI in the TEI namespace " + NamespaceTEI}
	}
	root.used = true
	var notes fair.Notes
	if root.space == "" {
		notes = append(notes, fair.Note{Path: "TEI", Reason: "the document declares no TEI namespace; read as HAL TEI all the same"})
	}
	// The export's teiHeader describes the export file (HAL as distributor, the licence of the metadata), not the
	// record: it is read and left out.
	if h := root.child("teiHeader"); h != nil {
		markAll(h)
	}
	text := root.child("text")
	if text == nil {
		return nil, nil, &ReadError{Path: "TEI", Reason: "no text element"}
	}
	bibls := text.child("body").child("listBibl").children("biblFull")
	if len(bibls) == 0 {
		return nil, nil, &ReadError{Path: "TEI/text/body/listBibl", Reason: "no biblFull record"}
	}
	var structures []Structure
	var projects []Project
	for _, lo := range text.child("back").children("listOrg") {
		switch lo.attr("type") {
		case "structures", "laboratories":
			for _, o := range lo.children("org") {
				structures = append(structures, decodeStructure(o))
			}
		case "projects":
			for _, o := range lo.children("org") {
				projects = append(projects, decodeProject(o))
			}
		default:
			lo.used = false
		}
	}
	docs := make([]*Document, 0, len(bibls))
	for _, b := range bibls {
		d := decodeBibl(b)
		d.Structures = usedStructures(d, structures)
		d.Projects = usedProjects(d, projects)
		docs = append(docs, d)
	}
	notes = append(notes, unread(root)...)
	return docs, notes, nil
}

// usedStructures returns the structures a document's authors reference, with all their ancestors, in listOrg order;
// with one document, every structure of the listOrg.
func usedStructures(d *Document, all []Structure) []Structure {
	if len(all) == 0 {
		return nil
	}
	byID := make(map[string]int, len(all))
	for i, s := range all {
		byID[s.ID] = i
	}
	keep := make([]bool, len(all))
	var mark func(id string, depth int)
	mark = func(id string, depth int) {
		i, ok := byID[id]
		if !ok || keep[i] || depth > 32 {
			return
		}
		keep[i] = true
		for _, p := range all[i].Parents {
			mark(p.Ref, depth+1)
		}
	}
	for _, a := range d.Authors {
		for _, id := range a.Affiliations {
			mark(id, 0)
		}
		if a.OrgRef != "" {
			mark(a.OrgRef, 0)
		}
	}
	var out []Structure
	for i, s := range all {
		if keep[i] {
			out = append(out, s)
		}
	}
	// Structures no author references are kept too when the file holds one record: they were deposited with it.
	if len(out) < len(all) && d.single {
		return all
	}
	return out
}

func usedProjects(d *Document, all []Project) []Project {
	var out []Project
	for _, p := range all {
		for _, f := range d.Funders {
			if f.Ref == p.ID {
				out = append(out, p)
				break
			}
		}
	}
	if d.single {
		return all
	}
	return out
}

// markAll marks n and everything under it as read.
func markAll(n *node) {
	n.used = true
	for _, k := range n.kids {
		markAll(k)
	}
}

// unread lists the elements under n that no decoder took, outermost first (their content goes with them).
func unread(n *node) fair.Notes {
	var out fair.Notes
	var walk func(*node)
	walk = func(m *node) {
		for _, k := range m.kids {
			if !k.used {
				v := k.fullText()
				if len(v) > 200 {
					v = v[:200] + "…"
				}
				out = append(out, fair.Note{Path: k.path(), Value: v, Reason: "element not read: a HAL record has no place for it"})
				continue
			}
			walk(k)
		}
	}
	walk(n)
	return out
}

func decodeBibl(b *node) *Document {
	d := &Document{}
	ts := b.child("titleStmt")
	bs := b.child("sourceDesc").child("biblStruct")
	an := bs.child("analytic")
	// The analytic level holds the titles and authors in a deposit; an export repeats them in titleStmt.
	titles, authors := an.children("title"), an.children("author")
	tsTitles, tsAuthors := ts.children("title"), ts.children("author")
	if len(titles) == 0 {
		titles = tsTitles
	}
	if len(authors) == 0 {
		authors = tsAuthors
	} else if len(tsAuthors) > 0 && len(tsAuthors) != len(authors) {
		for _, a := range tsAuthors {
			a.used = false
		}
	} else {
		for _, a := range tsAuthors {
			markAll(a)
		}
	}
	for _, t := range tsTitles {
		markAll(t)
	}
	for _, t := range titles {
		d.Titles = append(d.Titles, Title{Text: t.fullText(), Lang: t.attr("lang"), Sub: t.attr("type") == "sub"})
	}
	for _, a := range authors {
		d.Authors = append(d.Authors, decodeAuthor(a))
	}
	for _, f := range ts.children("funder") {
		d.Funders = append(d.Funders, Funder{Ref: trimHash(f.attr("ref")), Text: f.fullText()})
	}
	// The depositor (titleStmt/editor role="depositor") and editionStmt/respStmt are HAL's account of who
	// deposited: left for the loss report.
	for _, e := range ts.children("editor") {
		e.used = false
	}

	if es := b.child("editionStmt"); es != nil {
		for _, ed := range es.children("edition") {
			current := ed.attr("type") == "current" || len(es.children("edition")) == 1
			if !current {
				ed.used = false
				continue
			}
			d.Version = ed.attr("n")
			for _, dt := range ed.children("date") {
				d.Dates = append(d.Dates, TypedDate{Type: dt.attr("type"), Date: dateOf(dt)})
			}
			for _, r := range ed.children("ref") {
				switch r.attr("type") {
				case "file", "externalLink", "annex":
					f := File{Target: r.attr("target"), Subtype: r.attr("subtype"), N: r.attr("n"), External: r.attr("type") == "externalLink"}
					if f.Target == "" {
						f.Target = r.value()
					}
					if dt := r.child("date"); dt != nil {
						f.NotBefore = dt.attr("notBefore")
					}
					d.Files = append(d.Files, f)
				default:
					r.used = false
				}
			}
			if fs := ed.child("fs"); fs != nil {
				fs.used = false
			}
		}
		if rs := es.child("respStmt"); rs != nil {
			rs.used = false
		}
	}

	if ps := b.child("publicationStmt"); ps != nil {
		ps.child("distributor")
		for _, id := range ps.children("idno") {
			d.Identifiers = append(d.Identifiers, decodeIdno(id))
		}
		if l := ps.child("availability").child("licence"); l != nil {
			d.Licence = Licence{Target: l.attr("target"), Text: l.fullText()}
		}
		if dt := ps.child("date"); dt != nil {
			dt.used = false
		}
	}
	for _, id := range b.child("seriesStmt").children("idno") {
		d.Stamps = append(d.Stamps, Idno{Type: id.attr("type"), N: id.attr("n"), Value: id.fullText()})
	}
	for _, n := range b.child("notesStmt").children("note") {
		d.Metadata = append(d.Metadata, Meta{Type: n.attr("type"), N: n.attr("n"), Text: n.fullText()})
	}

	if m := bs.child("monogr"); m != nil {
		d.Host = decodeHost(m)
	}
	if s := bs.child("series"); s != nil {
		d.SeriesTitle = s.child("title").fullText()
		for _, e := range s.children("editor") {
			d.SeriesEditors = append(d.SeriesEditors, e.fullText())
		}
	}
	for _, id := range bs.children("idno") {
		d.Identifiers = append(d.Identifiers, decodeIdno(id))
	}
	for _, r := range bs.children("ref") {
		t := r.attr("target")
		if t == "" {
			t = r.fullText()
		}
		d.Refs = append(d.Refs, Ref{Type: r.attr("type"), Target: t})
	}
	for _, r := range bs.children("relatedItem") {
		d.Related = append(d.Related, Ref{Type: r.attr("type"), Target: r.attr("target")})
	}

	if pd := b.child("profileDesc"); pd != nil {
		if l := pd.child("langUsage").child("language"); l != nil {
			d.Language = l.attr("ident")
			l.fullText()
		}
		if tc := pd.child("textClass"); tc != nil {
			for _, kw := range tc.children("keywords") {
				for _, t := range kw.children("term") {
					d.Keywords = append(d.Keywords, Text{Text: t.fullText(), Lang: t.attr("lang")})
				}
			}
			for _, c := range tc.children("classCode") {
				cc := ClassCode{Scheme: c.attr("scheme"), Code: c.attr("n"), Text: c.fullText()}
				switch cc.Scheme {
				case "halTypology":
					d.Type, d.TypeLabel = cc.Code, cc.Text
				case "halOldTypology", "halTreeTypology":
					// HAL's older and tree views of the same typology.
				default:
					d.Classes = append(d.Classes, cc)
				}
			}
		}
		for _, a := range pd.children("abstract") {
			d.Abstracts = append(d.Abstracts, Text{Text: abstractText(a), Lang: a.attr("lang")})
		}
		for _, o := range pd.child("particDesc").children("org") {
			if o.attr("type") != "consortium" {
				o.used = false
				continue
			}
			d.Collaborations = append(d.Collaborations, o.fullText())
		}
	}
	d.single = len(b.parent.kids) == 1
	return d
}

// abstractText joins the paragraphs of an abstract with blank lines.
func abstractText(a *node) string {
	ps := a.children("p")
	if len(ps) == 0 {
		return a.fullText()
	}
	parts := make([]string, 0, len(ps)+1)
	if t := a.value(); t != "" {
		parts = append(parts, t)
	}
	for _, p := range ps {
		parts = append(parts, p.fullText())
	}
	return strings.Join(parts, "\n\n")
}

func decodeAuthor(a *node) Author {
	au := Author{Role: a.attr("role")}
	if pn := a.child("persName"); pn != nil {
		for _, f := range pn.children("forename") {
			au.Forenames = append(au.Forenames, f.fullText())
		}
		au.Surname = pn.child("surname").fullText()
		// Any other part of the name (addName, genName, roleName) is left for the loss report.
	}
	for _, e := range a.children("email") {
		switch e.attr("type") {
		case "md5":
			au.EmailMD5 = e.value()
		case "domain":
			au.EmailDomain = e.value()
		default:
			au.Email = e.value()
		}
	}
	for _, id := range a.children("idno") {
		au.Idnos = append(au.Idnos, decodeIdno(id))
	}
	if on := a.child("orgName"); on != nil {
		au.OrgRef = trimHash(on.attr("ref"))
		au.OrgName = on.fullText()
	}
	for _, af := range a.children("affiliation") {
		if r := trimHash(af.attr("ref")); r != "" {
			au.Affiliations = append(au.Affiliations, r)
		}
	}
	if p := a.child("ptr"); p != nil {
		p.used = false
	}
	return au
}

func decodeIdno(id *node) Idno {
	return Idno{Type: id.attr("type"), Value: id.fullText(), Notation: id.attr("notation"), N: id.attr("n"), Status: id.attr("status")}
}

func decodeHost(m *node) Host {
	var h Host
	for _, id := range m.children("idno") {
		h.Idnos = append(h.Idnos, decodeIdno(id))
	}
	for _, t := range m.children("title") {
		switch t.attr("level") {
		case "j":
			h.JournalTitle = t.fullText()
		default:
			if h.BookTitle == "" {
				h.BookTitle = t.fullText()
			} else {
				t.used = false
			}
		}
	}
	if mt := m.child("meeting"); mt != nil {
		h.Meeting.Title = mt.child("title").fullText()
		for _, dt := range mt.children("date") {
			switch dt.attr("type") {
			case "start":
				h.Meeting.Start = dateOf(dt)
			case "end":
				h.Meeting.End = dateOf(dt)
			default:
				dt.used = false
			}
		}
		h.Meeting.Settlement = mt.child("settlement").fullText()
		if c := mt.child("country"); c != nil {
			h.Meeting.CountryCode, h.Meeting.Country = c.attr("key"), c.fullText()
		}
	}
	h.Settlement = m.child("settlement").fullText()
	if c := m.child("country"); c != nil {
		h.CountryCode = c.attr("key")
	}
	for _, e := range m.children("editor") {
		h.Editors = append(h.Editors, e.fullText())
	}
	if im := m.child("imprint"); im != nil {
		for _, p := range im.children("publisher") {
			h.Publishers = append(h.Publishers, p.fullText())
		}
		for _, p := range im.children("pubPlace") {
			h.PubPlaces = append(h.PubPlaces, p.fullText())
		}
		for _, s := range im.children("biblScope") {
			v := s.fullText()
			switch s.attr("unit") {
			case "serie":
				h.Serie = v
			case "volume":
				h.Volume = v
			case "issue":
				h.Issue = v
			case "pp", "page":
				h.Pages = v
			default:
				s.used = false
			}
		}
		for _, dt := range im.children("date") {
			h.Dates = append(h.Dates, TypedDate{Type: dt.attr("type"), Date: dateOf(dt), InPress: dt.attr("subtype") == "inPress"})
		}
	}
	for _, a := range m.children("authority") {
		h.Authorities = append(h.Authorities, Authority{Type: a.attr("type"), Value: a.fullText()})
	}
	if rs := m.child("respStmt"); rs != nil {
		rs.used = false
	}
	return h
}

// dateOf is a date element's value: its text, or its when attribute.
func dateOf(n *node) string {
	if v := n.fullText(); v != "" {
		return v
	}
	return n.attr("when")
}

func decodeStructure(o *node) Structure {
	s := Structure{ID: o.attr("id"), Type: o.attr("type"), Status: o.attr("status")}
	for _, id := range o.children("idno") {
		s.Idnos = append(s.Idnos, decodeIdno(id))
	}
	for _, on := range o.children("orgName") {
		switch on.attr("type") {
		case "acronym":
			s.Acronym = on.fullText()
		case "":
			if s.Name == "" {
				s.Name = on.fullText()
			} else {
				on.used = false
			}
		default:
			on.used = false
		}
	}
	for _, dt := range o.children("date") {
		switch dt.attr("type") {
		case "start":
			s.Start = dateOf(dt)
		case "end":
			s.End = dateOf(dt)
		default:
			dt.used = false
		}
	}
	if desc := o.child("desc"); desc != nil {
		if ad := desc.child("address"); ad != nil {
			var lines []string
			for _, l := range ad.children("addrLine") {
				lines = append(lines, l.fullText())
			}
			s.Address = strings.Join(lines, "\n")
			if c := ad.child("country"); c != nil {
				s.CountryCode = c.attr("key")
				c.fullText()
			}
		}
		for _, r := range desc.children("ref") {
			if r.attr("type") == "url" && s.URL == "" {
				s.URL = r.fullText()
			} else {
				r.used = false
			}
		}
	}
	for _, r := range o.child("listRelation").children("relation") {
		s.Parents = append(s.Parents, Relation{Ref: trimHash(r.attr("active")), Type: r.attr("type"), Name: r.attr("name")})
	}
	return s
}

func decodeProject(o *node) Project {
	p := Project{ID: o.attr("id"), Type: o.attr("type"), Status: o.attr("status")}
	for _, id := range o.children("idno") {
		p.Idnos = append(p.Idnos, decodeIdno(id))
	}
	p.Name = o.child("orgName").fullText()
	p.Desc = o.child("desc").fullText()
	for _, dt := range o.children("date") {
		switch dt.attr("type") {
		case "start":
			p.Start = dateOf(dt)
		case "end":
			p.End = dateOf(dt)
		default:
			dt.used = false
		}
	}
	return p
}

func trimHash(s string) string { return strings.TrimPrefix(strings.TrimSpace(s), "#") }

func idnoOf(ids []Idno, typ string) string {
	for _, id := range ids {
		if strings.EqualFold(id.Type, typ) {
			return id.Value
		}
	}
	return ""
}
