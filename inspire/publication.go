package inspire

import (
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/jsonwalk"
)

// publicationInfo reads where the work was published: the journal (volume, issue, pages, article number), the
// proceedings or book it is part of, the conference it was presented at.
func (rd *literature) publicationInfo(v jsonwalk.Value) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path("publication_info"), i)
		i++
		if h, _ := e.Get("hidden").Bool(); h {
			rd.lost(p, e, "a publication note INSPIRE hides (a variant or a corrected error)")
			continue
		}
		rd.onePublication(e, p)
	}
}

func (rd *literature) onePublication(e jsonwalk.Value, p string) {
	material := e.Get("material").Str()
	info := ""
	if material != "" && material != "publication" {
		info = material // an erratum, an addendum, a translation, a reprint
	}
	var journal, parent *fair.RelatedItem
	if t := e.Get("journal_title").Str(); t != "" {
		journal = &fair.RelatedItem{Type: fair.ResourceTypeJournal, RelationType: fair.RelIsPublishedIn, RelationTypeInformation: info,
			Titles: []fair.Title{{Title: t}}}
		if n := recordNumber(e.Get("journal_record")); n != "" {
			journal.Identifier = fair.RelatedItemIdentifier{Identifier: "https://inspirehep.net/journals/" + n, Type: fair.IDTypeURL}
		}
		rd.journal = rd.journal || info == ""
	}
	isbn, parentRec, parentReport := e.Get("parent_isbn").Str(), recordNumber(e.Get("parent_record")), e.Get("parent_report_number").Str()
	if isbn != "" || parentRec != "" || parentReport != "" {
		// A book until finish knows the document type (proceedings for a conference paper).
		parent = &fair.RelatedItem{Type: fair.ResourceTypeBook, RelationType: fair.RelIsPublishedIn, RelationTypeInformation: info}
		switch {
		case isbn != "":
			parent.Identifier = fair.RelatedItemIdentifier{Identifier: isbn, Type: fair.IDTypeISBN}
		case parentRec != "":
			parent.Identifier = fair.RelatedItemIdentifier{Identifier: "https://inspirehep.net/literature/" + parentRec, Type: fair.IDTypeURL}
		}
		if parentReport != "" {
			parent.Number, parent.NumberType = parentReport, fair.NumberReport
		}
		if isbn != "" && parentRec != "" {
			rd.lostText(p+".parent_record", parentRec, "the parent is identified by its ISBN")
		}
		if journal != nil {
			parent.RelationType = fair.RelIsPartOf // the journal is where it is published
		}
	}
	main := journal
	if main == nil {
		main = parent
	}
	for k, x := range e.Members() {
		switch string(k) {
		case "journal_title", "journal_record", "parent_isbn", "parent_record", "parent_report_number", "material", "hidden":
		case "journal_volume", "journal_issue", "page_start", "page_end", "artid":
			if main == nil {
				rd.lost(join(p, string(k)), x, "publication details without a journal or book")
				continue
			}
			s, _ := x.Text()
			switch string(k) {
			case "journal_volume":
				main.Volume = s
			case "journal_issue":
				main.Issue = s
			case "page_start":
				main.FirstPage = s
			case "page_end":
				main.LastPage = s
			case "artid":
				main.Number, main.NumberType = s, fair.NumberArticle
			}
		case "year":
			y, ok := x.Int()
			if !ok || y < 1000 || y > 9999 {
				rd.lost(join(p, "year"), x, "not a year")
				continue
			}
			if main != nil {
				main.PublicationYear = int(y)
			}
			if rd.year == 0 && info == "" {
				rd.year = int(y)
			}
		case "cnum", "conf_acronym", "conference_record":
			rd.conference(e, p)
		case "pubinfo_freetext":
			rd.lost(join(p, "pubinfo_freetext"), x, "publication information as free text, not structured")
		case "curated_relation":
			rd.lostEach(join(p, "curated_relation"), x, "INSPIRE's bookkeeping, not part of the metadata")
		default:
			rd.lost(join(p, string(k)), x, "no place for it in the record")
		}
	}
	if journal != nil {
		rd.r.RelatedItems = append(rd.r.RelatedItems, *journal)
	}
	if parent != nil {
		rd.parents = append(rd.parents, len(rd.r.RelatedItems))
		rd.r.RelatedItems = append(rd.r.RelatedItems, *parent)
	}
}

// conference reads the conference of a publication note, once.
func (rd *literature) conference(e jsonwalk.Value, p string) {
	c := &rd.r.Publication.Conference
	cnum, acr, rec := e.Get("cnum").Str(), e.Get("conf_acronym").Str(), recordNumber(e.Get("conference_record"))
	if cnum == c.Identifier.Value && acr == c.Acronym && (rec == "" || c.URL == "https://inspirehep.net/conferences/"+rec) {
		return // already read (or another member of this note)
	}
	if !c.IsZero() {
		rd.lostText(p+".cnum", cnum, "the record has one conference")
		return
	}
	if cnum != "" {
		c.Identifier = fair.Identifier{Value: cnum, Type: fair.AltIDInspireCNUM}
	}
	c.Acronym = acr
	if rec != "" {
		c.URL = "https://inspirehep.net/conferences/" + rec
	}
}

// Reasons for what references carry and the record has no place for.
const (
	reasonRawRef = "the reference as printed; the structured reference is kept"
	reasonRefBK  = "INSPIRE's bookkeeping of references, not part of the metadata"
)

// references reads the works the record cites: a reference with citation details becomes a described reference
// (its identifier, if any, with it); one that is only an identifier becomes a Cites relation. Either way the
// relation is Cites.
func (rd *literature) references(v jsonwalk.Value) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path("references"), i)
		i++
		var ref jsonwalk.Value
		rec := ""
		for k, x := range e.Members() {
			switch string(k) {
			case "reference":
				ref = x
			case "record":
				rec = recordNumber(x)
			case "raw_refs":
				rd.lostEach(join(p, "raw_refs"), x, reasonRawRef)
			case "curated_relation", "legacy_curated":
				rd.lostEach(join(p, string(k)), x, reasonRefBK)
			default:
				rd.lost(join(p, string(k)), x, "no place for it in a reference")
			}
		}
		rd.reference(ref, rec, p+".reference")
	}
}

func (rd *literature) reference(ref jsonwalk.Value, rec, p string) {
	it := fair.RelatedItem{RelationType: fair.RelCites}
	var ids []fair.RelatedItemIdentifier
	detailed := false
	for k, x := range ref.Members() {
		switch string(k) {
		case "dois":
			for d := range x.Elements() {
				if pid, err := fair.ParseDOI(d.Str()); err == nil {
					ids = append(ids, fair.RelatedItemIdentifier{Identifier: pid.Value, Type: fair.IDTypeDOI})
				} else {
					rd.lostEach(join(p, "dois"), d, "not a DOI")
				}
			}
		case "arxiv_eprint":
			if pid, err := fair.ParseArXiv(x.Str()); err == nil {
				ids = append(ids, fair.RelatedItemIdentifier{Identifier: pid.Value, Type: fair.IDTypeArXiv})
			} else {
				rd.lostEach(join(p, "arxiv_eprint"), x, "not an arXiv identifier")
			}
		case "isbn":
			if s := x.Str(); s != "" {
				ids = append(ids, fair.RelatedItemIdentifier{Identifier: s, Type: fair.IDTypeISBN})
			}
		case "persistent_identifiers":
			for d := range x.Elements() {
				t, _ := fair.ParseRelatedIdentifierType(d.Get("schema").Str())
				if val := d.Get("value").Str(); val != "" && t != "" {
					ids = append(ids, fair.RelatedItemIdentifier{Identifier: val, Type: t})
				} else {
					rd.lostEach(join(p, "persistent_identifiers"), d, "an identifier of a scheme DataCite does not list")
				}
			}
		case "urls":
			for u := range x.Elements() {
				if s := u.Get("value").Str(); s != "" {
					ids = append(ids, fair.RelatedItemIdentifier{Identifier: s, Type: fair.IDTypeURL})
				}
			}
		case "title":
			if t := x.Get("title").Str(); t != "" {
				it.Titles = append(it.Titles, fair.Title{Title: t})
				detailed = true
			}
		case "authors":
			for a := range x.Elements() {
				name := a.Get("full_name").Str()
				if name == "" {
					continue
				}
				c := fair.Creator{Name: name}
				if a.Get("inspire_role").Str() == "editor" {
					it.Contributors = append(it.Contributors, fair.Contributor{Creator: c, ContributorType: fair.ContributorEditor})
				} else {
					it.Creators = append(it.Creators, c)
				}
				detailed = true
			}
		case "collaborations":
			for _, s := range strs(x) {
				it.Creators = append(it.Creators, fair.Creator{Name: s, NameType: fair.NameOrganizational})
				detailed = true
			}
		case "publication_info":
			rd.referencePubInfo(x, &it, p)
			detailed = true
		case "imprint":
			if s := x.Get("publisher").Str(); s != "" {
				it.Publisher = s
				detailed = true
			}
			if y := yearOf(x.Get("date").Str()); y > 0 && it.PublicationYear == 0 {
				it.PublicationYear = y
			}
		case "document_type":
			if t := resourceType([]string{x.Str()}, nil, true).General; t != fair.ResourceTypeText {
				it.Type = t
			}
		case "report_numbers":
			for _, s := range strs(x) {
				if it.Number == "" {
					it.Number, it.NumberType = s, fair.NumberReport
				} else {
					rd.lostEach(join(p, "report_numbers"), jsonwalk.Value{}, "a described reference keeps one report number")
				}
			}
			detailed = true
		case "book_series":
			if t := x.Get("title").Str(); t != "" {
				rd.lostEach(join(p, "book_series"), x, "the series of a cited book has no place in a reference")
			}
		case "label", "texkey", "misc":
			rd.lostEach(join(p, string(k)), x, "no place for it in a reference")
		default:
			rd.lost(join(p, string(k)), x, "no place for it in a reference")
		}
	}
	if rec != "" {
		ids = append(ids, fair.RelatedItemIdentifier{Identifier: "https://inspirehep.net/literature/" + rec, Type: fair.IDTypeURL})
	}
	if !detailed {
		for _, id := range ids {
			rd.r.RelatedIdentifiers = append(rd.r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: id.Identifier,
				IdentifierType: id.Type, RelationType: fair.RelCites})
		}
		if len(ids) == 0 && !ref.IsEmpty() {
			rd.lostEach(p, ref, "a reference with nothing to identify or describe the work")
		}
		return
	}
	if it.Type == "" {
		it.Type = fair.ResourceTypeText
		if it.Volume != "" || len(it.Titles) > 0 && it.Number == "" {
			it.Type = fair.ResourceTypeJournalArticle
		}
	}
	if len(ids) > 0 {
		it.Identifier = ids[0]
	}
	rd.r.References = append(rd.r.References, it)
	// The reference's other identifiers say the same work is cited.
	for _, id := range ids[min(1, len(ids)):] {
		rd.r.RelatedIdentifiers = append(rd.r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: id.Identifier,
			IdentifierType: id.Type, RelationType: fair.RelCites})
	}
}

// referencePubInfo reads where a cited work was published; the journal's name is the reference's title when it
// has none (DataCite's related item has no journal field).
func (rd *literature) referencePubInfo(x jsonwalk.Value, it *fair.RelatedItem, p string) {
	for k, y := range x.Members() {
		s, _ := y.Text()
		switch string(k) {
		case "journal_title":
			if len(it.Titles) == 0 {
				it.Titles = append(it.Titles, fair.Title{Title: s})
			} else {
				it.Titles = append(it.Titles, fair.Title{Title: s, Type: fair.TitleOther})
			}
			if it.Type == "" {
				it.Type = fair.ResourceTypeJournalArticle
			}
		case "journal_volume":
			it.Volume = s
		case "journal_issue":
			it.Issue = s
		case "page_start":
			it.FirstPage = s
		case "page_end":
			it.LastPage = s
		case "artid":
			if it.FirstPage != s {
				if it.Number == "" {
					it.Number, it.NumberType = s, fair.NumberArticle
				} else {
					rd.lostEach(join(join(p, "publication_info"), "artid"), y, "a described reference keeps one number")
				}
			}
		case "year":
			if n, ok := y.Int(); ok {
				it.PublicationYear = int(n)
			}
		case "cnum", "conference_record", "journal_record", "parent_record", "parent_isbn", "material", "curated_relation",
			"conf_acronym", "parent_report_number", "parent_title", "pubinfo_freetext", "hidden":
			rd.lostEach(join(join(p, "publication_info"), string(k)), y, "no place for it in a reference")
		default:
			rd.lost(join(join(p, "publication_info"), string(k)), y, "no place for it in a reference")
		}
	}
}
