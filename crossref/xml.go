package crossref

import (
	"fmt"
	"strings"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/loss"
	"github.com/dop2i/fairmeta/internal/xmltree"
)

// ReadXML reads Crossref XML: what the REST API and content negotiation return for a DOI (UNIXSD, a crossref_result
// around doi_record elements in the unixref schema), bare doi_record or crossref elements, and deposit files
// (doi_batch, schema 4.x and 5.x) with one record per work. Journal articles, books and chapters, conference
// papers, posted content, dissertations, datasets, reports, standards, peer reviews and components are read.
// Every element the records have no place for is a note, with its path.
func ReadXML(data []byte) ([]*fair.Resource, fair.Notes, error) {
	root, err := xmltree.Parse(data)
	if err != nil {
		return nil, nil, &ReadError{Format: "XML", Msg: err.Error(), Err: err}
	}
	var l loss.Collector
	var recs []*fair.Resource
	var notes fair.Notes
	switch root.Name {
	case "crossref_result":
		root.Used = true
		for _, qr := range root.Children("query_result") {
			qr.Child("head").All()
			body := qr.Child("body")
			for _, q := range body.Children("query") {
				target := q.Str("doi")
				meta := crmItems(q)
				for _, rec := range q.Children("doi_record") {
					if cr := rec.Child("crossref"); cr != nil {
						recs = append(recs, readCrossref(cr, target, meta, &l)...)
					}
				}
				if q.Attr("status") != "resolved" && len(q.Kids) > 0 && len(recs) == 0 {
					return nil, nil, &ReadError{Format: "XML", Path: "query", Msg: "query status " + q.Attr("status") + ": " + q.Str("msg")}
				}
			}
		}
	case "doi_records":
		root.Used = true
		for _, rec := range root.Children("doi_record") {
			recs = append(recs, readCrossref(rec.Child("crossref"), "", nil, &l)...)
		}
	case "doi_record":
		root.Used = true
		recs = readCrossref(root.Child("crossref"), "", nil, &l)
	case "crossref":
		recs = readCrossref(root, "", nil, &l)
	case "doi_batch":
		root.Used = true
		root.Child("head").All()
		body := root.Child("body")
		recs = readCrossref(body, "", nil, &l)
	default:
		return nil, nil, &ReadError{Format: "XML", Msg: "root element <" + root.Name + "> is not Crossref's", Err: ErrNotCrossref}
	}
	if len(recs) == 0 {
		return nil, nil, &ReadError{Format: "XML", Msg: "no work in the Crossref XML", Err: ErrNotCrossref}
	}
	root.Unused("", func(path string, n *xmltree.Node) {
		l.Lost(path, n, "no place for it in the record")
	})
	notes = l.Notes()
	return recs, notes, nil
}

// crmItems reads the query's metadata items (<crm-item name="publisher-name">) that say something of the work.
func crmItems(q *xmltree.Node) map[string]string {
	m := map[string]string{}
	for _, it := range q.Children("crm-item") {
		m[it.Attr("name")] = it.Text
	}
	return m
}

// readCrossref reads the works under a crossref (or deposit body) element.
func readCrossref(cr *xmltree.Node, target string, meta map[string]string, l *loss.Collector) []*fair.Resource {
	if cr == nil {
		return nil
	}
	cr.Used = true
	var recs []*fair.Resource
	for _, k := range cr.Kids {
		var works []*xmlWork
		switch k.Name {
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
		k.Used = true
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
	el        *xmltree.Node // the work's own element (journal_article, content_item, ...)
	journal   *xmltree.Node // journal_metadata
	issue     *xmltree.Node // journal_issue
	book      *xmltree.Node // book_metadata (or series / set metadata), proceedings_metadata, database_metadata, report metadata
	event     *xmltree.Node // event_metadata
	typ       typeRow       // the work's type
	parentDOI string        // the DOI a component is part of

	r         *fair.Resource
	l         *loss.Collector
	meta      map[string]string
	container *fair.RelatedItem
}

func xmlType(el *xmltree.Node) typeRow {
	name := map[string]string{
		"journal_article": "journal-article", "content_item": "book-chapter", "conference_paper": "proceedings-article",
		"posted_content": "posted-content", "dissertation": "dissertation", "peer_review": "peer-review", "dataset": "dataset",
		"database_metadata": "database", "component": "component", "journal_metadata": "journal", "journal_issue": "journal-issue",
		"book_metadata": "book", "book_series_metadata": "book", "book_set_metadata": "book-set", "proceedings_metadata": "proceedings",
		"proceedings_series_metadata": "proceedings", "report-paper_metadata": "report", "report-paper_series_metadata": "report",
		"standard": "standard",
	}[el.Name]
	if el.Name == "content_item" {
		switch el.Attr("component_type") {
		case "section":
			name = "book-section"
		case "part":
			name = "book-part"
		case "reference_entry":
			name = "reference-entry"
		case "other":
			name = "book-part"
		}
		if el.Attr("component_type") == "" {
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
func pick(els []*xmltree.Node, target string) []*xmltree.Node {
	if target == "" {
		return els
	}
	for _, e := range els {
		if strings.EqualFold(doiOf(e), target) {
			return []*xmltree.Node{e}
		}
	}
	return els
}

func doiOf(el *xmltree.Node) string {
	for _, k := range el.Kids {
		if k.Name == "doi_data" {
			for _, d := range k.Kids {
				if d.Name == "doi" {
					return d.Text
				}
			}
		}
	}
	return ""
}

func journalWorks(j *xmltree.Node, target string) []*xmlWork {
	jm, iss := j.Child("journal_metadata"), j.Child("journal_issue")
	arts := j.Children("journal_article")
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

func bookWorks(b *xmltree.Node, target string) []*xmlWork {
	var bm *xmltree.Node
	for _, name := range []string{"book_metadata", "book_series_metadata", "book_set_metadata"} {
		if bm = b.Child(name); bm != nil {
			break
		}
	}
	items := b.Children("content_item")
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

func conferenceWorks(c *xmltree.Node, target string) []*xmlWork {
	ev := c.Child("event_metadata")
	var pm *xmltree.Node
	for _, name := range []string{"proceedings_metadata", "proceedings_series_metadata"} {
		if pm = c.Child(name); pm != nil {
			break
		}
	}
	papers := c.Children("conference_paper")
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

func databaseWorks(d *xmltree.Node, target string) []*xmlWork {
	dm := d.Child("database_metadata")
	sets := d.Children("dataset")
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

func reportWorks(rp *xmltree.Node, target string) []*xmlWork {
	var rm *xmltree.Node
	for _, name := range []string{"report-paper_metadata", "report-paper_series_metadata"} {
		if rm = rp.Child(name); rm != nil {
			break
		}
	}
	items := rp.Children("content_item")
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

func componentWorks(sa *xmltree.Node, target string) []*xmlWork {
	list := sa.Child("component_list")
	var out []*xmlWork
	for _, c := range pick(list.Children("component"), target) {
		out = append(out, &xmlWork{el: c, typ: xmlType(c), parentDOI: sa.Attr("parent_doi")})
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
	el.Used = true
	r.ResourceType = fair.ResourceType{General: w.typ.general, Type: w.typ.crossref}
	if t := el.Attr("type"); t != "" && el.Name == "posted_content" {
		r.ResourceType.Type += ", " + t
		if t != "preprint" && t != "working_paper" {
			r.ResourceType.General = fair.ResourceTypeText
		}
	}
	if lang := el.Attr("language"); lang != "" {
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
func (w *xmlWork) common(el *xmltree.Node, own bool) {
	r := w.r
	for _, k := range el.Kids {
		switch k.Name {
		case "contributors":
			k.Used = true
			w.contributors(k)
		case "person_name":
			k.Used = true
			if c, role, ok := w.person(k); ok {
				w.addPerson(c, role)
			}
		case "titles":
			k.Used = true
			for _, t := range k.Kids {
				t.Used = true
				switch t.Name {
				case "title":
					addTitle(r, t.DeepText(), "")
					if len(r.Titles) > 1 && r.Titles[len(r.Titles)-1].Type == "" && hasMain(r.Titles[:len(r.Titles)-1]) {
						r.Titles[len(r.Titles)-1].Type = fair.TitleAlternativeTitle
					}
				case "subtitle":
					addTitle(r, t.DeepText(), fair.TitleSubtitle)
				case "original_language_title":
					addTitle(r, t.DeepText(), fair.TitleTranslatedTitle)
					if lang := t.Attr("language"); lang != "" {
						r.Titles[len(r.Titles)-1].Lang = lang
					}
				default:
					t.Used = false
				}
			}
		case "publication_date", "posted_date", "acceptance_date", "approval_date", "review_date":
			k.Used = true
			w.date(k)
		case "database_date":
			k.Used = true
			for _, d := range k.Kids {
				d.Used = true
				w.date(d)
			}
		case "pages":
			k.Used = true
			c := w.cont()
			c.FirstPage, c.LastPage = k.Str("first_page"), k.Str("last_page")
			if o := k.Child("other_pages"); o != nil {
				w.l.Lost(o.Name, o, "the record keeps first and last pages only")
			}
		case "publisher_item":
			k.Used = true
			for _, it := range k.Children("item_number") {
				switch t := it.Attr("item_number_type"); {
				case t == "article_number" || t == "article-number":
					c := w.cont()
					c.Number, c.NumberType = it.Text, fair.NumberArticle
				case strings.EqualFold(it.Text, doiOf(el)):
					// The DOI again, as some publishers give it.
				default:
					r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: it.Text, Type: fair.Scheme(orDefault(t, "item number"))})
				}
			}
			for _, id := range k.Children("identifier") {
				r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: id.Text, Type: fair.Scheme(id.Attr("id_type"))})
			}
		case "item_number":
			k.Used = true
			r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: k.Text, Type: fair.Scheme(orDefault(k.Attr("item_number_type"), "item number"))})
		case "doi_data":
			k.Used = true
			if own {
				w.doiData(k)
			}
		case "citation_list":
			k.Used = true
			w.citations(k)
		case "abstract":
			k.Used = true
			if s := k.DeepText(); s != "" {
				r.Descriptions = append(r.Descriptions, fair.Description{Description: s, Type: fair.DescriptionAbstract})
			}
		case "description":
			k.Used = true
			r.Descriptions = append(r.Descriptions, fair.Description{Description: k.DeepText(), Type: fair.DescriptionAbstract})
		case "program":
			k.Used = true
			w.program(k)
		case "crossmark":
			k.Used = true
			if cm := k.Child("custom_metadata"); cm != nil {
				for _, p := range cm.Children("program") {
					w.program(p)
				}
			}
			for _, x := range k.Kids {
				switch x.Name {
				case "crossmark_version", "crossmark_policy", "crossmark_domains", "crossmark_domain_exclusive":
					x.All()
					w.l.LostEach("crossmark/"+x.Name, x, "Crossmark's bookkeeping of the DOI")
				}
			}
		case "institution":
			k.Used = true
			if name := k.Str("institution_name"); name != "" {
				r.Contributors = append(r.Contributors, fair.Contributor{ContributorType: fair.ContributorHostingInstitution,
					Creator: fair.Creator{Name: name, NameType: fair.NameOrganizational}})
			}
		case "degree":
			k.Used = true
			r.ResourceType.Type += ", " + k.Text
		case "group_title":
			k.Used = true
			r.Subjects = append(r.Subjects, fair.Subject{Subject: k.Text, Scheme: "group"})
		case "edition_number":
			k.Used = true
			if own {
				r.Version = k.Text
			} else {
				w.cont().Edition = k.Text
			}
		case "component_number":
			k.Used = true
			c := w.cont()
			if c.Number == "" {
				c.Number, c.NumberType = k.Text, fair.NumberChapter
			}
		case "publisher":
			k.Used = true
			if r.Publisher.Name == "" {
				r.Publisher.Name = k.Str("publisher_name")
			}
			if pl := k.Child("publisher_place"); pl != nil {
				w.l.Lost("publisher/publisher_place", pl, "the record has no place for the publisher's location")
			}
		case "isbn":
			k.Used = true
			if own && w.typ.container != fair.ResourceTypeBook {
				r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: k.Text, Type: fair.Scheme(fair.IDTypeISBN)})
			} else {
				w.containerID(k.Text, fair.IDTypeISBN)
			}
		case "format":
			k.Used = true
			if mt := k.Attr("mime_type"); mt != "" {
				r.Formats = append(r.Formats, mt)
			}
		case "component_list":
			k.Used = true
			for _, c := range k.Children("component") {
				c.All()
				if d := doiOf(c); d != "" {
					r.RelatedIdentifiers = append(r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: d, IdentifierType: fair.IDTypeDOI,
						RelationType: fair.RelHasPart})
				}
			}
		case "series_metadata":
			k.Used = true
			it := fair.RelatedItem{Type: fair.ResourceTypeCollection, RelationType: fair.RelIsPartOf}
			if t := k.Child("titles"); t != nil {
				it.Titles = append(it.Titles, fair.Title{Title: t.Str("title")})
				if st := t.Child("subtitle"); st != nil {
					it.Titles = append(it.Titles, fair.Title{Title: st.Text, Type: fair.TitleSubtitle})
				}
			}
			for i, is := range k.Children("issn") {
				t := fair.IDTypeISSN
				if is.Attr("media_type") == "electronic" {
					t = fair.IDTypeEISSN
				}
				if i == 0 {
					it.Identifier = fair.RelatedItemIdentifier{Identifier: is.Text, Type: t}
				} else {
					r.RelatedIdentifiers = append(r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: is.Text, IdentifierType: t,
						RelationType: fair.RelIsPartOf, ResourceTypeGeneral: fair.ResourceTypeCollection})
				}
			}
			if cs := k.Child("contributors"); cs != nil {
				for _, p := range cs.Kids {
					p.Used = true
					if c, role, ok := w.person(p); ok {
						if role == "editor" {
							it.Contributors = append(it.Contributors, fair.Contributor{Creator: c, ContributorType: fair.ContributorEditor})
						} else {
							it.Creators = append(it.Creators, c)
						}
					}
				}
			}
			it.Volume = k.Str("volume")
			r.RelatedItems = append(r.RelatedItems, it)
		case "volume":
			// The volume of a book in its series.
			k.Used = true
			if n := len(r.RelatedItems); n > 0 && r.RelatedItems[n-1].Type == fair.ResourceTypeCollection && r.RelatedItems[n-1].Volume == "" {
				r.RelatedItems[n-1].Volume = k.Text
			} else {
				w.cont().Volume = k.Text
			}
		case "archive_locations", "noisbn", "citation_list_count":
			k.Used = true
			k.All()
			w.l.Lost(k.Name, k, "no place for it in the record")
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

func (w *xmlWork) journalMetadata(jm *xmltree.Node) {
	jm.Used = true
	c := w.cont()
	c.Type = fair.ResourceTypeJournal
	if t := jm.Str("full_title"); t != "" {
		c.Titles = append(c.Titles, fair.Title{Title: t})
	}
	for _, a := range jm.Children("abbrev_title") {
		if !hasTitleText(c.Titles, a.Text) {
			c.Titles = append(c.Titles, fair.Title{Title: a.Text, Type: fair.TitleAlternativeTitle})
		}
	}
	// The print ISSN first.
	issns := jm.Children("issn")
	for _, is := range issns {
		if is.Attr("media_type") != "electronic" {
			w.containerID(is.Text, fair.IDTypeISSN)
		}
	}
	for _, is := range issns {
		if is.Attr("media_type") == "electronic" {
			w.containerID(is.Text, fair.IDTypeEISSN)
		}
	}
	if d := jm.Child("doi_data"); d != nil {
		d.All()
		w.r.RelatedIdentifiers = append(w.r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: doiOf(jm), IdentifierType: fair.IDTypeDOI,
			RelationType: fair.RelIsPublishedIn, ResourceTypeGeneral: fair.ResourceTypeJournal})
	}
	if lang := jm.Attr("language"); lang != "" && w.r.Language == "" {
		w.r.Language = lang
	}
	for _, k := range jm.Kids {
		if !k.Used && (k.Name == "coden" || k.Name == "archive_locations") {
			k.All()
			w.l.Lost("journal_metadata/"+k.Name, k, "no place for it in the record")
		}
	}
}

func (w *xmlWork) issueMetadata(iss *xmltree.Node) {
	iss.Used = true
	c := w.cont()
	if jv := iss.Child("journal_volume"); jv != nil {
		c.Volume = jv.Str("volume")
	}
	c.Issue = iss.Str("issue")
	for _, pd := range iss.Children("publication_date") {
		if w.r.PublicationYear == 0 {
			w.date(pd)
		} else {
			pd.All()
			w.l.Lost("journal_issue/publication_date", pd, "the issue's date; the record keeps the work's own")
		}
	}
	if d := iss.Child("doi_data"); d != nil {
		d.All()
		w.r.RelatedIdentifiers = append(w.r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: doiOf(iss), IdentifierType: fair.IDTypeDOI,
			RelationType: fair.RelIsPartOf, ResourceTypeGeneral: fair.ResourceTypeCollection})
	}
}

// bookMetadata reads the book, proceedings, database or report a work is part of as its container.
func (w *xmlWork) bookMetadata(bm *xmltree.Node) {
	bm.Used = true
	c := w.cont()
	sub := &xmlWork{r: &fair.Resource{}, l: w.l, typ: w.typ}
	for _, name := range []string{"titles", "proceedings_title", "contributors", "publisher", "isbn", "volume", "edition_number",
		"publication_date", "series_metadata", "doi_data", "database_date", "institution", "description", "publisher_item", "program"} {
		for _, k := range bm.Children(name) {
			switch name {
			case "program":
				w.program(k)
			case "proceedings_title":
				c.Titles = append(c.Titles, fair.Title{Title: k.Text})
			case "volume":
				c.Volume = k.Text
			case "isbn":
				w.containerID(k.Text, fair.IDTypeISBN)
			case "doi_data":
				k.All()
				if c.Identifier.Identifier == "" {
					c.Identifier = fair.RelatedItemIdentifier{Identifier: doiOf(bm), Type: fair.IDTypeDOI}
				} else {
					w.r.RelatedIdentifiers = append(w.r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: doiOf(bm),
						IdentifierType: fair.IDTypeDOI, RelationType: fair.RelIsPublishedIn, ResourceTypeGeneral: c.Type})
				}
			case "publisher":
				if p := k.Str("publisher_name"); p != "" {
					c.Publisher = p
					if w.r.Publisher.Name == "" {
						w.r.Publisher.Name = p
					}
				}
				if pl := k.Child("publisher_place"); pl != nil {
					w.l.Lost("publisher/publisher_place", pl, "the record has no place for the publisher's location")
				}
			case "publication_date", "database_date":
				if w.r.PublicationYear == 0 {
					if name == "database_date" {
						k.Used = true
						for _, d := range k.Kids {
							d.Used = true
							w.date(d)
						}
					} else {
						w.date(k)
					}
				} else {
					k.All()
					w.l.Lost(bm.Name+"/"+name, k, "the container's date; the record keeps the work's own")
				}
			case "contributors":
				for _, p := range k.Kids {
					p.Used = true
					if cr, role, ok := w.person(p); ok {
						if role == "editor" {
							c.Contributors = append(c.Contributors, fair.Contributor{Creator: cr, ContributorType: fair.ContributorEditor})
						} else {
							c.Creators = append(c.Creators, cr)
						}
					}
				}
			default:
				sub.common(&xmltree.Node{Kids: []*xmltree.Node{k}}, false)
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
	if lang := bm.Attr("language"); lang != "" && w.r.Language == "" {
		w.r.Language = lang
	}
}

func (w *xmlWork) eventMetadata(ev *xmltree.Node) {
	ev.Used = true
	c := &w.r.Publication.Conference
	c.Name = ev.Str("conference_name")
	c.Acronym = ev.Str("conference_acronym")
	c.Place = ev.Str("conference_location")
	if d := ev.Child("conference_date"); d != nil {
		c.StartDate = ymd(d.Attr("start_year"), d.Attr("start_month"), d.Attr("start_day"))
		c.EndDate = ymd(d.Attr("end_year"), d.Attr("end_month"), d.Attr("end_day"))
		if c.StartDate == "" && d.Text != "" {
			w.l.Lost("event_metadata/conference_date", d, "a conference date as text, not structured")
		}
	}
	for _, k := range ev.Kids {
		if !k.Used {
			k.All()
			w.l.Lost("event_metadata/"+k.Name, k, "no place for it in a conference")
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
func (w *xmlWork) date(k *xmltree.Node) {
	d := ymd(k.Str("year"), k.Str("month"), k.Str("day"))
	if d == "" {
		if k.Text == "" {
			d = ymd(k.Attr("year"), k.Attr("month"), k.Attr("day"))
		}
		if d == "" {
			w.l.Lost(k.Name, k, "a date without year")
			return
		}
	}
	r := w.r
	typ, info := fair.DateIssued, k.Attr("media_type")
	switch k.Name {
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

func (w *xmlWork) contributors(k *xmltree.Node) {
	for _, p := range k.Kids {
		p.Used = true
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
func (w *xmlWork) person(p *xmltree.Node) (fair.Creator, string, bool) {
	role := p.Attr("contributor_role")
	switch p.Name {
	case "organization":
		if p.Text == "" {
			return fair.Creator{}, "", false
		}
		return fair.Creator{Name: p.Text, NameType: fair.NameOrganizational}, role, true
	case "anonymous":
		w.l.Lost("contributors/anonymous", p, "an anonymous contributor has no place in the record")
		return fair.Creator{}, "", false
	case "person_name":
	default:
		p.Used = false
		return fair.Creator{}, "", false
	}
	c := fair.Creator{NameType: fair.NamePersonal, GivenName: p.Str("given_name"), FamilyName: p.Str("surname")}
	c.Name = strings.TrimPrefix(strings.TrimSuffix(c.FamilyName+", "+c.GivenName, ", "), ", ")
	if c.Name == "" {
		return fair.Creator{}, "", false
	}
	if s := p.Child("suffix"); s != nil {
		w.l.LostEach("contributors/person_name/suffix", s, "the record has no place for a name's suffix")
	}
	for _, o := range p.Children("ORCID") {
		if pid, err := fair.ParseORCID(o.Text); err == nil {
			c.NameIdentifiers = append(c.NameIdentifiers, fair.NameIdentifier{Value: pid.URL, Scheme: "ORCID", SchemeURI: "https://orcid.org"})
		} else {
			w.l.Lost("contributors/person_name/ORCID", o, "not an ORCID iD")
		}
	}
	for _, a := range p.Children("affiliation") {
		if a.Text != "" {
			c.Affiliations = append(c.Affiliations, fair.Affiliation{Name: a.Text})
		}
	}
	if affs := p.Child("affiliations"); affs != nil {
		for _, inst := range affs.Children("institution") {
			af := fair.Affiliation{Name: inst.Str("institution_name")}
			for _, id := range inst.Children("institution_id") {
				t := id.Attr("type")
				if strings.EqualFold(t, "ror") {
					if pid, err := fair.ParseROR(id.Text); err == nil {
						af.AddIdentifier(pid.Value, "ROR", "https://ror.org")
						continue
					}
				}
				af.AddIdentifier(id.Text, strings.ToUpper(t), "")
			}
			for _, name := range []string{"institution_acronym", "institution_place", "institution_department"} {
				for _, x := range inst.Children(name) {
					w.l.LostEach("contributors/person_name/affiliations/institution/"+name, x, "the record keeps an affiliation's name and identifiers only")
				}
			}
			if af.Name != "" || af.Identifier != "" {
				c.Affiliations = append(c.Affiliations, af)
			}
		}
	}
	for _, a := range p.Children("alt-name") {
		a.All()
		if c.Alias == "" {
			c.Alias = a.DeepText()
		}
	}
	return c, role, true
}

func (w *xmlWork) doiData(k *xmltree.Node) {
	if p, err := fair.ParseDOI(k.Str("doi")); err == nil {
		w.r.Identifier = fair.Identifier{Value: p.Value, Type: "DOI"}
	}
	w.r.URL = k.Str("resource")
	for _, col := range k.Children("collection") {
		col.All()
		for _, it := range col.Kids {
			for _, res := range it.Kids {
				if res.Name == "resource" && res.Text != "" {
					d := fair.Distribution{ContentURL: res.Text, MediaType: res.Attr("mime_type")}
					w.r.Distributions = append(w.r.Distributions, d)
				}
			}
		}
	}
	for _, name := range []string{"timestamp"} {
		if x := k.Child(name); x != nil {
			w.l.Lost("doi_data/"+name, x, "Crossref's bookkeeping of the DOI")
		}
	}
}

// citations reads the reference list as the JSON reader does.
func (w *xmlWork) citations(k *xmltree.Node) {
	for _, c := range k.Children("citation") {
		it := fair.RelatedItem{RelationType: fair.RelCites, Type: fair.ResourceTypeText}
		doi, detailed := "", false
		for _, x := range c.Kids {
			x.Used = true
			s := x.DeepText()
			switch x.Name {
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
				w.l.LostEach("citation_list/citation/"+x.Name, x, "no place for it in a reference")
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
func (w *xmlWork) program(p *xmltree.Node) {
	p.Used = true
	r := w.r
	name := p.Attr("name")
	if name == "" && len(p.Kids) > 0 {
		// Some deposits leave out the name; the content says which program it is.
		name = map[string]string{"related_item": "relations", "license_ref": "AccessIndicators", "free_to_read": "AccessIndicators",
			"assertion": "fundref"}[p.Kids[0].Name]
	}
	switch name {
	case "fundref":
		for _, g := range p.Children("assertion") {
			if g.Attr("name") != "fundgroup" {
				g.All()
				w.l.Lost("program/assertion", g, "not a funding group")
				continue
			}
			f := fair.FundingReference{}
			var awards []string
			for _, a := range g.Children("assertion") {
				switch a.Attr("name") {
				case "funder_name":
					f.FunderName = a.Text
					for _, id := range a.Children("assertion") {
						if id.Attr("name") == "funder_identifier" {
							if pid, err := fair.ParseDOI(id.Text); err == nil {
								f.FunderIdentifier, f.FunderIdentifierType = "https://doi.org/"+pid.Value, fair.FunderCrossrefFunderID
							}
						}
					}
				case "funder_identifier":
					if pid, err := fair.ParseDOI(a.Text); err == nil {
						f.FunderIdentifier, f.FunderIdentifierType = "https://doi.org/"+pid.Value, fair.FunderCrossrefFunderID
					}
				case "award_number":
					awards = append(awards, a.Text)
				default:
					a.All()
					w.l.Lost("program/assertion/"+a.Attr("name"), a, "no place for it in a funding reference")
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
		for _, lr := range p.Children("license_ref") {
			if lr.Text != "" && !hasRights(r.Rights, lr.Text) {
				r.Rights = append(r.Rights, fair.Rights{URI: lr.Text})
			}
		}
		for _, k := range p.Kids {
			if !k.Used {
				k.All()
				w.l.Lost("program/"+k.Name, k, "no place for it in the record")
			}
		}
	case "relations":
		for _, ri := range p.Children("related_item") {
			for _, rel := range ri.Kids {
				if rel.Name != "inter_work_relation" && rel.Name != "intra_work_relation" {
					continue
				}
				rel.Used = true
				rt, info := relationOf(rel.Attr("relationship-type"))
				it, ok := idTypes[strings.ToLower(rel.Attr("identifier-type"))]
				if !ok || rel.Text == "" {
					w.l.Lost("program/related_item/"+rel.Name, rel, "a relation without an identifier of a known type")
					continue
				}
				if d := ri.Child("description"); d != nil && d.Text != "" {
					info = strings.TrimSpace(info + " " + d.Text)
				}
				r.RelatedIdentifiers = append(r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: rel.Text, IdentifierType: it,
					RelationType: rt, RelationTypeInformation: info})
			}
		}
	default:
		p.All()
		w.l.Lost(fmt.Sprintf("program[@name=%q]", p.Attr("name")), p, "no place for it in the record")
	}
}
