package crossref

import (
	"fmt"
	"strings"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/loss"
)

// ReadXML reads Crossref XML: what the REST API and content negotiation return for a DOI (UNIXSD, a crossref_result
// around doi_record elements in the unixref schema), bare doi_record or crossref elements, and deposit files
// (doi_batch, schema 4.x and 5.x) with one record per work. Journal articles, books and chapters, conference
// papers, posted content, dissertations, datasets, reports, standards, peer reviews and components are read.
// Every element the records have no place for is a note, with its path.
func ReadXML(data []byte) ([]*fair.Resource, fair.Notes, error) {
	root, err := parseXML(data)
	if err != nil {
		return nil, nil, err
	}
	var l loss.Collector
	var recs []*fair.Resource
	var notes fair.Notes
	switch root.name {
	case "crossref_result":
		root.used = true
		for _, qr := range root.children("query_result") {
			qr.child("head").all()
			body := qr.child("body")
			for _, q := range body.children("query") {
				target := q.str("doi")
				meta := crmItems(q)
				for _, rec := range q.children("doi_record") {
					if cr := rec.child("crossref"); cr != nil {
						recs = append(recs, readCrossref(cr, target, meta, &l)...)
					}
				}
				if q.attr("status") != "resolved" && len(q.kids) > 0 && len(recs) == 0 {
					return nil, nil, &ReadError{Format: "XML", Path: "query", Msg: "query status " + q.attr("status") + ": " + q.str("msg")}
				}
			}
		}
	case "doi_records":
		root.used = true
		for _, rec := range root.children("doi_record") {
			recs = append(recs, readCrossref(rec.child("crossref"), "", nil, &l)...)
		}
	case "doi_record":
		root.used = true
		recs = readCrossref(root.child("crossref"), "", nil, &l)
	case "crossref":
		recs = readCrossref(root, "", nil, &l)
	case "doi_batch":
		root.used = true
		root.child("head").all()
		body := root.child("body")
		recs = readCrossref(body, "", nil, &l)
	default:
		return nil, nil, &ReadError{Format: "XML", Msg: "root element <" + root.name + "> is not Crossref's", Err: ErrNotCrossref}
	}
	if len(recs) == 0 {
		return nil, nil, &ReadError{Format: "XML", Msg: "no work in the Crossref XML", Err: ErrNotCrossref}
	}
	root.unused("", func(path string, n *node) {
		l.Lost(path, n, "no place for it in the record")
	})
	notes = l.Notes()
	return recs, notes, nil
}

// crmItems reads the query's metadata items (<crm-item name="publisher-name">) that say something of the work.
func crmItems(q *node) map[string]string {
	m := map[string]string{}
	for _, it := range q.children("crm-item") {
		m[it.attr("name")] = it.text
	}
	return m
}

// readCrossref reads the works under a crossref (or deposit body) element.
func readCrossref(cr *node, target string, meta map[string]string, l *loss.Collector) []*fair.Resource {
	if cr == nil {
		return nil
	}
	cr.used = true
	var recs []*fair.Resource
	for _, k := range cr.kids {
		var works []*xmlWork
		switch k.name {
		case "journal":
			works = journalWorks(k, target)
		case "book":
			works = bookWorks(k, target)
		case "conference":
			works = conferenceWorks(k, target)
		case "posted_content", "dissertation", "peer_review", "standard":
			works = []*xmlWork{{el: k, typ: xmlType(k)}}
		case "database":
			works = databaseWorks(k, target)
		case "report-paper":
			works = reportWorks(k, target)
		case "sa_component":
			works = componentWorks(k, target)
		default:
			continue
		}
		k.used = true
		for _, w := range works {
			w.l = l
			w.meta = meta
			w.r = &fair.Resource{}
			w.read()
			recs = append(recs, w.r)
		}
	}
	return recs
}

// xmlWork is one work of the XML and where it sits: its element, its container's elements, the type.
type xmlWork struct {
	el        *node   // the work's own element (journal_article, content_item, ...)
	journal   *node   // journal_metadata
	issue     *node   // journal_issue
	book      *node   // book_metadata (or series / set metadata), proceedings_metadata, database_metadata, report metadata
	event     *node   // event_metadata
	typ       typeRow // the work's type
	parentDOI string  // the DOI a component is part of

	r         *fair.Resource
	l         *loss.Collector
	meta      map[string]string
	container *fair.RelatedItem
}

func xmlType(el *node) typeRow {
	name := map[string]string{
		"journal_article": "journal-article", "content_item": "book-chapter", "conference_paper": "proceedings-article",
		"posted_content": "posted-content", "dissertation": "dissertation", "peer_review": "peer-review", "dataset": "dataset",
		"database_metadata": "database", "component": "component", "journal_metadata": "journal", "journal_issue": "journal-issue",
		"book_metadata": "book", "book_series_metadata": "book", "book_set_metadata": "book-set", "proceedings_metadata": "proceedings",
		"proceedings_series_metadata": "proceedings", "report-paper_metadata": "report", "report-paper_series_metadata": "report",
		"standard": "standard",
	}[el.name]
	if el.name == "content_item" {
		switch el.attr("component_type") {
		case "section":
			name = "book-section"
		case "part":
			name = "book-part"
		case "reference_entry":
			name = "reference-entry"
		case "other":
			name = "book-part"
		}
		if el.attr("component_type") == "" {
			name = "book-chapter"
		}
	}
	if name == "" {
		name = "other"
	}
	row, _ := typeOf(name)
	return row
}

// pick returns the work elements whose DOI is target, or all of them when none is or target is "".
func pick(els []*node, target string) []*node {
	if target == "" {
		return els
	}
	for _, e := range els {
		if strings.EqualFold(doiOf(e), target) {
			return []*node{e}
		}
	}
	return els
}

func doiOf(el *node) string {
	for _, k := range el.kids {
		if k.name == "doi_data" {
			for _, d := range k.kids {
				if d.name == "doi" {
					return d.text
				}
			}
		}
	}
	return ""
}

func journalWorks(j *node, target string) []*xmlWork {
	jm, iss := j.child("journal_metadata"), j.child("journal_issue")
	arts := j.children("journal_article")
	switch {
	case len(arts) > 0 && !(target != "" && strings.EqualFold(doiOf(iss), target)) && !(target != "" && strings.EqualFold(doiOf(jm), target)):
		var out []*xmlWork
		for _, a := range pick(arts, target) {
			out = append(out, &xmlWork{el: a, journal: jm, issue: iss, typ: xmlType(a)})
		}
		return out
	case iss != nil && (target == "" || strings.EqualFold(doiOf(iss), target)):
		return []*xmlWork{{el: iss, journal: jm, typ: xmlType(iss)}}
	case jm != nil:
		return []*xmlWork{{el: jm, typ: xmlType(jm)}}
	}
	return nil
}

func bookWorks(b *node, target string) []*xmlWork {
	var bm *node
	for _, name := range []string{"book_metadata", "book_series_metadata", "book_set_metadata"} {
		if bm = b.child(name); bm != nil {
			break
		}
	}
	items := b.children("content_item")
	if len(items) > 0 && !(target != "" && strings.EqualFold(doiOf(bm), target)) {
		var out []*xmlWork
		for _, c := range pick(items, target) {
			out = append(out, &xmlWork{el: c, book: bm, typ: xmlType(c)})
		}
		return out
	}
	if bm == nil {
		return nil
	}
	return []*xmlWork{{el: bm, typ: xmlType(bm)}}
}

func conferenceWorks(c *node, target string) []*xmlWork {
	ev := c.child("event_metadata")
	var pm *node
	for _, name := range []string{"proceedings_metadata", "proceedings_series_metadata"} {
		if pm = c.child(name); pm != nil {
			break
		}
	}
	papers := c.children("conference_paper")
	if len(papers) > 0 && !(target != "" && strings.EqualFold(doiOf(pm), target)) {
		var out []*xmlWork
		for _, p := range pick(papers, target) {
			out = append(out, &xmlWork{el: p, book: pm, event: ev, typ: xmlType(p)})
		}
		return out
	}
	if pm == nil {
		return nil
	}
	return []*xmlWork{{el: pm, event: ev, typ: xmlType(pm)}}
}

func databaseWorks(d *node, target string) []*xmlWork {
	dm := d.child("database_metadata")
	sets := d.children("dataset")
	if len(sets) > 0 && !(target != "" && strings.EqualFold(doiOf(dm), target)) {
		var out []*xmlWork
		for _, s := range pick(sets, target) {
			out = append(out, &xmlWork{el: s, book: dm, typ: xmlType(s)})
		}
		return out
	}
	if dm == nil {
		return nil
	}
	return []*xmlWork{{el: dm, typ: xmlType(dm)}}
}

func reportWorks(rp *node, target string) []*xmlWork {
	var rm *node
	for _, name := range []string{"report-paper_metadata", "report-paper_series_metadata"} {
		if rm = rp.child(name); rm != nil {
			break
		}
	}
	items := rp.children("content_item")
	if len(items) > 0 && !(target != "" && strings.EqualFold(doiOf(rm), target)) {
		var out []*xmlWork
		for _, c := range pick(items, target) {
			w := &xmlWork{el: c, book: rm, typ: xmlType(c)}
			w.typ, _ = typeOf("report-component")
			out = append(out, w)
		}
		return out
	}
	if rm == nil {
		return nil
	}
	return []*xmlWork{{el: rm, typ: xmlType(rm)}}
}

func componentWorks(sa *node, target string) []*xmlWork {
	list := sa.child("component_list")
	var out []*xmlWork
	for _, c := range pick(list.children("component"), target) {
		out = append(out, &xmlWork{el: c, typ: xmlType(c), parentDOI: sa.attr("parent_doi")})
	}
	return out
}

func (w *xmlWork) cont() *fair.RelatedItem {
	if w.container == nil {
		t := w.typ.container
		if t == "" {
			t = fair.ResourceTypeCollection
		}
		w.container = &fair.RelatedItem{Type: t, RelationType: fair.RelIsPublishedIn}
	}
	return w.container
}

// read maps the work and its containers.
func (w *xmlWork) read() {
	r, el := w.r, w.el
	el.used = true
	r.ResourceType = fair.ResourceType{General: w.typ.general, Type: w.typ.crossref}
	if t := el.attr("type"); t != "" && el.name == "posted_content" {
		r.ResourceType.Type += ", " + t
		if t != "preprint" && t != "working_paper" {
			r.ResourceType.General = fair.ResourceTypeText
		}
	}
	if lang := el.attr("language"); lang != "" {
		r.Language = lang
	}
	w.common(el, true)
	if w.journal != nil {
		w.journalMetadata(w.journal)
	}
	if w.issue != nil {
		w.issueMetadata(w.issue)
	}
	if w.book != nil {
		w.bookMetadata(w.book)
	}
	if w.event != nil {
		w.eventMetadata(w.event)
	}
	if w.parentDOI != "" {
		r.RelatedIdentifiers = append(r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: w.parentDOI, IdentifierType: fair.IDTypeDOI,
			RelationType: fair.RelIsPartOf})
	}
	if r.Publisher.Name == "" {
		if p := w.meta["publisher-name"]; p != "" {
			r.Publisher.Name = p
		}
	}
	if c := w.container; c != nil {
		if c.PublicationYear == 0 {
			c.PublicationYear = r.PublicationYear
		}
		r.RelatedItems = append([]fair.RelatedItem{*c}, r.RelatedItems...)
	}
}

// common reads the children every kind of work element has (contributors, titles, dates, DOI, references, ...).
// own is false when el is a container's element read for the container: then titles and identifiers describe
// the container.
func (w *xmlWork) common(el *node, own bool) {
	r := w.r
	for _, k := range el.kids {
		switch k.name {
		case "contributors":
			k.used = true
			w.contributors(k)
		case "person_name":
			k.used = true
			if c, role, ok := w.person(k); ok {
				w.addPerson(c, role)
			}
		case "titles":
			k.used = true
			for _, t := range k.kids {
				t.used = true
				switch t.name {
				case "title":
					addTitle(r, t.deepText(), "")
					if len(r.Titles) > 1 && r.Titles[len(r.Titles)-1].Type == "" && hasMain(r.Titles[:len(r.Titles)-1]) {
						r.Titles[len(r.Titles)-1].Type = fair.TitleAlternativeTitle
					}
				case "subtitle":
					addTitle(r, t.deepText(), fair.TitleSubtitle)
				case "original_language_title":
					addTitle(r, t.deepText(), fair.TitleTranslatedTitle)
					if lang := t.attr("language"); lang != "" {
						r.Titles[len(r.Titles)-1].Lang = lang
					}
				default:
					t.used = false
				}
			}
		case "publication_date", "posted_date", "acceptance_date", "approval_date", "review_date":
			k.used = true
			w.date(k)
		case "database_date":
			k.used = true
			for _, d := range k.kids {
				d.used = true
				w.date(d)
			}
		case "pages":
			k.used = true
			c := w.cont()
			c.FirstPage, c.LastPage = k.str("first_page"), k.str("last_page")
			if o := k.child("other_pages"); o != nil {
				w.l.Lost(o.name, o, "the record keeps first and last pages only")
			}
		case "publisher_item":
			k.used = true
			for _, it := range k.children("item_number") {
				switch t := it.attr("item_number_type"); {
				case t == "article_number" || t == "article-number":
					c := w.cont()
					c.Number, c.NumberType = it.text, fair.NumberArticle
				case strings.EqualFold(it.text, doiOf(el)):
					// The DOI again, as some publishers give it.
				default:
					r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: it.text, Type: orDefault(t, "item number")})
				}
			}
			for _, id := range k.children("identifier") {
				r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: id.text, Type: id.attr("id_type")})
			}
		case "item_number":
			k.used = true
			r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: k.text, Type: orDefault(k.attr("item_number_type"), "item number")})
		case "doi_data":
			k.used = true
			if own {
				w.doiData(k)
			}
		case "citation_list":
			k.used = true
			w.citations(k)
		case "abstract":
			k.used = true
			if s := k.deepText(); s != "" {
				r.Descriptions = append(r.Descriptions, fair.Description{Description: s, Type: fair.DescriptionAbstract})
			}
		case "description":
			k.used = true
			r.Descriptions = append(r.Descriptions, fair.Description{Description: k.deepText(), Type: fair.DescriptionAbstract})
		case "program":
			k.used = true
			w.program(k)
		case "crossmark":
			k.used = true
			if cm := k.child("custom_metadata"); cm != nil {
				for _, p := range cm.children("program") {
					w.program(p)
				}
			}
			for _, x := range k.kids {
				switch x.name {
				case "crossmark_version", "crossmark_policy", "crossmark_domains", "crossmark_domain_exclusive":
					x.all()
					w.l.LostEach("crossmark/"+x.name, x, "Crossmark's bookkeeping of the DOI")
				}
			}
		case "institution":
			k.used = true
			if name := k.str("institution_name"); name != "" {
				r.Contributors = append(r.Contributors, fair.Contributor{ContributorType: fair.ContributorHostingInstitution,
					Creator: fair.Creator{Name: name, NameType: fair.NameOrganizational}})
			}
		case "degree":
			k.used = true
			r.ResourceType.Type += ", " + k.text
		case "group_title":
			k.used = true
			r.Subjects = append(r.Subjects, fair.Subject{Subject: k.text, Scheme: "group"})
		case "edition_number":
			k.used = true
			if own {
				r.Version = k.text
			} else {
				w.cont().Edition = k.text
			}
		case "component_number":
			k.used = true
			c := w.cont()
			if c.Number == "" {
				c.Number, c.NumberType = k.text, fair.NumberChapter
			}
		case "publisher":
			k.used = true
			if r.Publisher.Name == "" {
				r.Publisher.Name = k.str("publisher_name")
			}
			if pl := k.child("publisher_place"); pl != nil {
				w.l.Lost("publisher/publisher_place", pl, "the record has no place for the publisher's location")
			}
		case "isbn":
			k.used = true
			if own && w.typ.container != fair.ResourceTypeBook {
				r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: k.text, Type: string(fair.IDTypeISBN)})
			} else {
				w.containerID(k.text, fair.IDTypeISBN)
			}
		case "format":
			k.used = true
			if mt := k.attr("mime_type"); mt != "" {
				r.Formats = append(r.Formats, mt)
			}
		case "component_list":
			k.used = true
			for _, c := range k.children("component") {
				c.all()
				if d := doiOf(c); d != "" {
					r.RelatedIdentifiers = append(r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: d, IdentifierType: fair.IDTypeDOI,
						RelationType: fair.RelHasPart})
				}
			}
		case "series_metadata":
			k.used = true
			it := fair.RelatedItem{Type: fair.ResourceTypeCollection, RelationType: fair.RelIsPartOf}
			if t := k.child("titles"); t != nil {
				it.Titles = append(it.Titles, fair.Title{Title: t.str("title")})
				if st := t.child("subtitle"); st != nil {
					it.Titles = append(it.Titles, fair.Title{Title: st.text, Type: fair.TitleSubtitle})
				}
			}
			for i, is := range k.children("issn") {
				t := fair.IDTypeISSN
				if is.attr("media_type") == "electronic" {
					t = fair.IDTypeEISSN
				}
				if i == 0 {
					it.Identifier = fair.RelatedItemIdentifier{Identifier: is.text, Type: t}
				} else {
					r.RelatedIdentifiers = append(r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: is.text, IdentifierType: t,
						RelationType: fair.RelIsPartOf, ResourceTypeGeneral: fair.ResourceTypeCollection})
				}
			}
			if cs := k.child("contributors"); cs != nil {
				for _, p := range cs.kids {
					p.used = true
					if c, role, ok := w.person(p); ok {
						if role == "editor" {
							it.Contributors = append(it.Contributors, fair.Contributor{Creator: c, ContributorType: fair.ContributorEditor})
						} else {
							it.Creators = append(it.Creators, c)
						}
					}
				}
			}
			it.Volume = k.str("volume")
			r.RelatedItems = append(r.RelatedItems, it)
		case "volume":
			// The volume of a book in its series.
			k.used = true
			if n := len(r.RelatedItems); n > 0 && r.RelatedItems[n-1].Type == fair.ResourceTypeCollection && r.RelatedItems[n-1].Volume == "" {
				r.RelatedItems[n-1].Volume = k.text
			} else {
				w.cont().Volume = k.text
			}
		case "archive_locations", "noisbn", "citation_list_count":
			k.used = true
			k.all()
			w.l.Lost(k.name, k, "no place for it in the record")
		}
	}
}

func hasMain(ts []fair.Title) bool {
	for _, t := range ts {
		if t.Type == "" {
			return true
		}
	}
	return false
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// containerID gives the container an identifier, or the record a relation to the container's other identifiers.
func (w *xmlWork) containerID(id string, t fair.RelatedIdentifierType) {
	c := w.cont()
	if c.Identifier.Identifier == "" {
		c.Identifier = fair.RelatedItemIdentifier{Identifier: id, Type: t}
		return
	}
	w.r.RelatedIdentifiers = append(w.r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: id, IdentifierType: t,
		RelationType: fair.RelIsPublishedIn, ResourceTypeGeneral: c.Type})
}

func (w *xmlWork) journalMetadata(jm *node) {
	jm.used = true
	c := w.cont()
	c.Type = fair.ResourceTypeJournal
	if t := jm.str("full_title"); t != "" {
		c.Titles = append(c.Titles, fair.Title{Title: t})
	}
	for _, a := range jm.children("abbrev_title") {
		if !hasTitleText(c.Titles, a.text) {
			c.Titles = append(c.Titles, fair.Title{Title: a.text, Type: fair.TitleAlternativeTitle})
		}
	}
	// The print ISSN first.
	issns := jm.children("issn")
	for _, is := range issns {
		if is.attr("media_type") != "electronic" {
			w.containerID(is.text, fair.IDTypeISSN)
		}
	}
	for _, is := range issns {
		if is.attr("media_type") == "electronic" {
			w.containerID(is.text, fair.IDTypeEISSN)
		}
	}
	if d := jm.child("doi_data"); d != nil {
		d.all()
		w.r.RelatedIdentifiers = append(w.r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: doiOf(jm), IdentifierType: fair.IDTypeDOI,
			RelationType: fair.RelIsPublishedIn, ResourceTypeGeneral: fair.ResourceTypeJournal})
	}
	if lang := jm.attr("language"); lang != "" && w.r.Language == "" {
		w.r.Language = lang
	}
	for _, k := range jm.kids {
		if !k.used && (k.name == "coden" || k.name == "archive_locations") {
			k.all()
			w.l.Lost("journal_metadata/"+k.name, k, "no place for it in the record")
		}
	}
}

func (w *xmlWork) issueMetadata(iss *node) {
	iss.used = true
	c := w.cont()
	c.Volume = iss.child("journal_volume").strOr("volume")
	c.Issue = iss.str("issue")
	for _, pd := range iss.children("publication_date") {
		if w.r.PublicationYear == 0 {
			w.date(pd)
		} else {
			pd.all()
			w.l.Lost("journal_issue/publication_date", pd, "the issue's date; the record keeps the work's own")
		}
	}
	if d := iss.child("doi_data"); d != nil {
		d.all()
		w.r.RelatedIdentifiers = append(w.r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: doiOf(iss), IdentifierType: fair.IDTypeDOI,
			RelationType: fair.RelIsPartOf, ResourceTypeGeneral: fair.ResourceTypeCollection})
	}
}

// strOr returns the text of the child name of n (journal_volume/volume).
func (n *node) strOr(name string) string {
	if n == nil {
		return ""
	}
	n.used = true
	return n.str(name)
}

// bookMetadata reads the book, proceedings, database or report a work is part of as its container.
func (w *xmlWork) bookMetadata(bm *node) {
	bm.used = true
	c := w.cont()
	sub := &xmlWork{r: &fair.Resource{}, l: w.l, typ: w.typ}
	for _, name := range []string{"titles", "proceedings_title", "contributors", "publisher", "isbn", "volume", "edition_number",
		"publication_date", "series_metadata", "doi_data", "database_date", "institution", "description", "publisher_item", "program"} {
		for _, k := range bm.children(name) {
			switch name {
			case "program":
				w.program(k)
			case "proceedings_title":
				c.Titles = append(c.Titles, fair.Title{Title: k.text})
			case "volume":
				c.Volume = k.text
			case "isbn":
				w.containerID(k.text, fair.IDTypeISBN)
			case "doi_data":
				k.all()
				if c.Identifier.Identifier == "" {
					c.Identifier = fair.RelatedItemIdentifier{Identifier: doiOf(bm), Type: fair.IDTypeDOI}
				} else {
					w.r.RelatedIdentifiers = append(w.r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: doiOf(bm),
						IdentifierType: fair.IDTypeDOI, RelationType: fair.RelIsPublishedIn, ResourceTypeGeneral: c.Type})
				}
			case "publisher":
				if p := k.str("publisher_name"); p != "" {
					c.Publisher = p
					if w.r.Publisher.Name == "" {
						w.r.Publisher.Name = p
					}
				}
				if pl := k.child("publisher_place"); pl != nil {
					w.l.Lost("publisher/publisher_place", pl, "the record has no place for the publisher's location")
				}
			case "publication_date", "database_date":
				if w.r.PublicationYear == 0 {
					if name == "database_date" {
						k.used = true
						for _, d := range k.kids {
							d.used = true
							w.date(d)
						}
					} else {
						w.date(k)
					}
				} else {
					k.all()
					w.l.Lost(bm.name+"/"+name, k, "the container's date; the record keeps the work's own")
				}
			case "contributors":
				for _, p := range k.kids {
					p.used = true
					if cr, role, ok := w.person(p); ok {
						if role == "editor" {
							c.Contributors = append(c.Contributors, fair.Contributor{Creator: cr, ContributorType: fair.ContributorEditor})
						} else {
							c.Creators = append(c.Creators, cr)
						}
					}
				}
			default:
				sub.common(&node{kids: []*node{k}}, false)
			}
		}
	}
	for _, t := range sub.r.Titles {
		c.Titles = append(c.Titles, t)
	}
	w.r.RelatedItems = append(w.r.RelatedItems, sub.r.RelatedItems...)
	w.r.Contributors = append(w.r.Contributors, sub.r.Contributors...)
	w.r.Descriptions = append(w.r.Descriptions, sub.r.Descriptions...)
	w.r.AlternateIdentifiers = append(w.r.AlternateIdentifiers, sub.r.AlternateIdentifiers...)
	if sub.container != nil && c.Edition == "" {
		c.Edition = sub.container.Edition
	}
	if sub.r.Version != "" && c.Edition == "" {
		c.Edition = sub.r.Version
	}
	if lang := bm.attr("language"); lang != "" && w.r.Language == "" {
		w.r.Language = lang
	}
}

func (w *xmlWork) eventMetadata(ev *node) {
	ev.used = true
	c := &w.r.Publication.Conference
	c.Name = ev.str("conference_name")
	c.Acronym = ev.str("conference_acronym")
	c.Place = ev.str("conference_location")
	if d := ev.child("conference_date"); d != nil {
		c.StartDate = ymd(d.attr("start_year"), d.attr("start_month"), d.attr("start_day"))
		c.EndDate = ymd(d.attr("end_year"), d.attr("end_month"), d.attr("end_day"))
		if c.StartDate == "" && d.text != "" {
			w.l.Lost("event_metadata/conference_date", d, "a conference date as text, not structured")
		}
	}
	for _, k := range ev.kids {
		if !k.used {
			k.all()
			w.l.Lost("event_metadata/"+k.name, k, "no place for it in a conference")
		}
	}
}

func ymd(y, m, d string) string {
	if y == "" {
		return ""
	}
	out := y
	if m != "" {
		out += "-" + pad2(m)
		if d != "" {
			out += "-" + pad2(d)
		}
	}
	return out
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// date reads publication_date and the other dates: year, month, day children, media_type attribute.
func (w *xmlWork) date(k *node) {
	d := ymd(k.str("year"), k.str("month"), k.str("day"))
	if d == "" {
		if k.text == "" {
			d = ymd(k.attr("year"), k.attr("month"), k.attr("day"))
		}
		if d == "" {
			w.l.Lost(k.name, k, "a date without year")
			return
		}
	}
	r := w.r
	typ, info := fair.DateIssued, k.attr("media_type")
	switch k.name {
	case "posted_date":
		typ, info = fair.DateAvailable, "posted"
	case "acceptance_date":
		typ, info = fair.DateAccepted, ""
	case "approval_date":
		typ, info = fair.DateOther, "approved"
		if w.typ.general == fair.ResourceTypeDissertation || w.typ.general == fair.ResourceTypeReport {
			typ, info = fair.DateIssued, "approved"
		}
	case "review_date":
		typ, info = fair.DateIssued, "review"
	case "creation_date":
		typ, info = fair.DateCreated, ""
	case "update_date":
		typ, info = fair.DateUpdated, ""
	}
	for _, have := range r.Dates {
		if have.Type == typ && have.Date == d {
			return
		}
	}
	r.Dates = append(r.Dates, fair.Date{Date: d, Type: typ, Information: info})
	if typ == fair.DateIssued || typ == fair.DateAvailable && w.typ.general == fair.ResourceTypePreprint {
		if y := yearOf(d); y > 0 && (r.PublicationYear == 0 || y < r.PublicationYear) {
			r.PublicationYear = y
		}
	}
}

func (w *xmlWork) contributors(k *node) {
	for _, p := range k.kids {
		p.used = true
		if c, role, ok := w.person(p); ok {
			w.addPerson(c, role)
		}
	}
}

func (w *xmlWork) addPerson(c fair.Creator, role string) {
	switch role {
	case "", "author":
		w.r.Creators = append(w.r.Creators, c)
	case "editor":
		w.r.Contributors = append(w.r.Contributors, fair.Contributor{Creator: c, ContributorType: fair.ContributorEditor})
	case "translator":
		w.r.Contributors = append(w.r.Contributors, fair.Contributor{Creator: c, ContributorType: fair.ContributorTranslator})
	default:
		w.r.Contributors = append(w.r.Contributors, fair.Contributor{Creator: c, ContributorType: fair.ContributorOther})
	}
}

// person reads a person_name or an organization of a contributor list.
func (w *xmlWork) person(p *node) (fair.Creator, string, bool) {
	role := p.attr("contributor_role")
	switch p.name {
	case "organization":
		if p.text == "" {
			return fair.Creator{}, "", false
		}
		return fair.Creator{Name: p.text, NameType: fair.NameOrganizational}, role, true
	case "anonymous":
		w.l.Lost("contributors/anonymous", p, "an anonymous contributor has no place in the record")
		return fair.Creator{}, "", false
	case "person_name":
	default:
		p.used = false
		return fair.Creator{}, "", false
	}
	c := fair.Creator{NameType: fair.NamePersonal, GivenName: p.str("given_name"), FamilyName: p.str("surname")}
	c.Name = strings.TrimPrefix(strings.TrimSuffix(c.FamilyName+", "+c.GivenName, ", "), ", ")
	if c.Name == "" {
		return fair.Creator{}, "", false
	}
	if s := p.child("suffix"); s != nil {
		w.l.LostEach("contributors/person_name/suffix", s, "the record has no place for a name's suffix")
	}
	for _, o := range p.children("ORCID") {
		if pid, err := fair.ParseORCID(o.text); err == nil {
			c.NameIdentifiers = append(c.NameIdentifiers, fair.NameIdentifier{Value: pid.URL, Scheme: "ORCID", SchemeURI: "https://orcid.org"})
		} else {
			w.l.Lost("contributors/person_name/ORCID", o, "not an ORCID iD")
		}
	}
	for _, a := range p.children("affiliation") {
		if a.text != "" {
			c.Affiliations = append(c.Affiliations, fair.Affiliation{Name: a.text})
		}
	}
	if affs := p.child("affiliations"); affs != nil {
		for _, inst := range affs.children("institution") {
			af := fair.Affiliation{Name: inst.str("institution_name")}
			for _, id := range inst.children("institution_id") {
				t := id.attr("type")
				if strings.EqualFold(t, "ror") {
					if pid, err := fair.ParseROR(id.text); err == nil {
						af.AddIdentifier(pid.Value, "ROR", "https://ror.org")
						continue
					}
				}
				af.AddIdentifier(id.text, strings.ToUpper(t), "")
			}
			for _, name := range []string{"institution_acronym", "institution_place", "institution_department"} {
				for _, x := range inst.children(name) {
					w.l.LostEach("contributors/person_name/affiliations/institution/"+name, x, "the record keeps an affiliation's name and identifiers only")
				}
			}
			if af.Name != "" || af.Identifier != "" {
				c.Affiliations = append(c.Affiliations, af)
			}
		}
	}
	for _, a := range p.children("alt-name") {
		a.all()
		if c.Alias == "" {
			c.Alias = a.deepText()
		}
	}
	return c, role, true
}

func (w *xmlWork) doiData(k *node) {
	if p, err := fair.ParseDOI(k.str("doi")); err == nil {
		w.r.Identifier = fair.Identifier{Value: p.Value, Type: "DOI"}
	}
	w.r.URL = k.str("resource")
	for _, col := range k.children("collection") {
		col.all()
		for _, it := range col.kids {
			for _, res := range it.kids {
				if res.name == "resource" && res.text != "" {
					d := fair.Distribution{ContentURL: res.text, MediaType: res.attr("mime_type")}
					w.r.Distributions = append(w.r.Distributions, d)
				}
			}
		}
	}
	for _, name := range []string{"timestamp"} {
		if x := k.child(name); x != nil {
			w.l.Lost("doi_data/"+name, x, "Crossref's bookkeeping of the DOI")
		}
	}
}

// citations reads the reference list as the JSON reader does.
func (w *xmlWork) citations(k *node) {
	for _, c := range k.children("citation") {
		it := fair.RelatedItem{RelationType: fair.RelCites, Type: fair.ResourceTypeText}
		doi, detailed := "", false
		for _, x := range c.kids {
			x.used = true
			s := x.deepText()
			switch x.name {
			case "doi":
				if p, err := fair.ParseDOI(s); err == nil {
					doi = p.Value
				}
			case "article_title", "volume_title":
				it.Titles = append(it.Titles, fair.Title{Title: s})
				detailed = true
			case "journal_title", "series_title":
				it.Titles = append(it.Titles, fair.Title{Title: s, Type: fair.TitleOther})
				it.Type = fair.ResourceTypeJournalArticle
				detailed = true
			case "unstructured_citation":
				it.Titles = append(it.Titles, fair.Title{Title: s, Type: fair.TitleOther})
				detailed = true
			case "author":
				it.Creators = append(it.Creators, fair.Creator{Name: s})
				detailed = true
			case "cYear":
				it.PublicationYear = yearOf(s)
			case "volume":
				it.Volume, detailed = s, true
			case "issue":
				it.Issue = s
			case "first_page":
				it.FirstPage, detailed = s, true
			case "edition_number":
				it.Edition = s
			case "isbn":
				if doi == "" {
					it.Identifier = fair.RelatedItemIdentifier{Identifier: s, Type: fair.IDTypeISBN}
				}
			default:
				w.l.LostEach("citation_list/citation/"+x.name, x, "no place for it in a reference")
			}
		}
		if doi != "" {
			it.Identifier = fair.RelatedItemIdentifier{Identifier: doi, Type: fair.IDTypeDOI}
		}
		switch {
		case detailed:
			w.r.References = append(w.r.References, it)
		case it.Identifier.Identifier != "":
			w.r.RelatedIdentifiers = append(w.r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: it.Identifier.Identifier,
				IdentifierType: it.Identifier.Type, RelationType: fair.RelCites})
		default:
			w.l.LostEach("citation_list/citation", c, "a reference with nothing to identify or describe the work")
		}
	}
}

// program reads the fundref, access-indicators and relations programs.
func (w *xmlWork) program(p *node) {
	p.used = true
	r := w.r
	name := p.attr("name")
	if name == "" && len(p.kids) > 0 {
		// Some deposits leave out the name; the content says which program it is.
		name = map[string]string{"related_item": "relations", "license_ref": "AccessIndicators", "free_to_read": "AccessIndicators",
			"assertion": "fundref"}[p.kids[0].name]
	}
	switch name {
	case "fundref":
		for _, g := range p.children("assertion") {
			if g.attr("name") != "fundgroup" {
				g.all()
				w.l.Lost("program/assertion", g, "not a funding group")
				continue
			}
			f := fair.FundingReference{}
			var awards []string
			for _, a := range g.children("assertion") {
				switch a.attr("name") {
				case "funder_name":
					f.FunderName = a.text
					for _, id := range a.children("assertion") {
						if id.attr("name") == "funder_identifier" {
							if pid, err := fair.ParseDOI(id.text); err == nil {
								f.FunderIdentifier, f.FunderIdentifierType = "https://doi.org/"+pid.Value, fair.FunderCrossrefFunderID
							}
						}
					}
				case "funder_identifier":
					if pid, err := fair.ParseDOI(a.text); err == nil {
						f.FunderIdentifier, f.FunderIdentifierType = "https://doi.org/"+pid.Value, fair.FunderCrossrefFunderID
					}
				case "award_number":
					awards = append(awards, a.text)
				default:
					a.all()
					w.l.Lost("program/assertion/"+a.attr("name"), a, "no place for it in a funding reference")
				}
			}
			if f.FunderName == "" && f.FunderIdentifier == "" {
				if len(awards) > 0 {
					w.l.Lost("program/assertion[@name=fundgroup]", loss.Text(strings.Join(awards, ", ")), "an award without its funder has no place in the record")
				}
				continue
			}
			if f.FunderName == "" {
				f.FunderName = f.FunderIdentifier // DataCite requires a name; the Funder Registry DOI names the funder
			}
			if len(awards) == 0 {
				r.FundingReferences = append(r.FundingReferences, f)
			}
			for _, aw := range awards {
				g := f
				g.AwardNumber = aw
				r.FundingReferences = append(r.FundingReferences, g)
			}
		}
	case "AccessIndicators":
		for _, lr := range p.children("license_ref") {
			if lr.text != "" && !hasRights(r.Rights, lr.text) {
				r.Rights = append(r.Rights, fair.Rights{URI: lr.text})
			}
		}
		for _, k := range p.kids {
			if !k.used {
				k.all()
				w.l.Lost("program/"+k.name, k, "no place for it in the record")
			}
		}
	case "relations":
		for _, ri := range p.children("related_item") {
			for _, rel := range ri.kids {
				if rel.name != "inter_work_relation" && rel.name != "intra_work_relation" {
					continue
				}
				rel.used = true
				rt, info := relationOf(rel.attr("relationship-type"))
				it, ok := idTypes[strings.ToLower(rel.attr("identifier-type"))]
				if !ok || rel.text == "" {
					w.l.Lost("program/related_item/"+rel.name, rel, "a relation without an identifier of a known type")
					continue
				}
				if d := ri.child("description"); d != nil && d.text != "" {
					info = strings.TrimSpace(info + " " + d.text)
				}
				r.RelatedIdentifiers = append(r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: rel.text, IdentifierType: it,
					RelationType: rt, RelationTypeInformation: info})
			}
		}
	default:
		p.all()
		w.l.Lost(fmt.Sprintf("program[@name=%q]", p.attr("name")), p, "no place for it in the record")
	}
}
