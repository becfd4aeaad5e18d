package csl

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/citation"
)

// FromResource returns the CSL-JSON item of a record, the input the processor (and citeproc-js, pandoc, Zotero)
// formats, with the notes of what of the record CSL-JSON cannot hold (paths in the record's JSON form). The
// crosswalk:
//
//	record                                          CSL-JSON
//	ResourceType.General                            type (table below); a specific type that is a CSL type name is
//	                                                the type itself, another is genre
//	Creators                                        author: persons as family, given, particles and suffix;
//	                                                organisations and collaborations as literal
//	Contributors Editor, Translator, Producer,      editor, translator, producer, curator, contributor
//	DataCurator, Other
//	main title (and Subtitle after ": ")            title
//	AlternativeTitle                                title-short
//	Publisher                                       publisher
//	Dates Issued (else PublicationYear)             issued; Available available-date; Submitted submitted
//	Identifier DOI, URL                             DOI, URL
//	AlternateIdentifiers                            custom.alternate-identifiers ({type, value}); also number
//	                                                (report number of a report, "arXiv:ID" of a preprint), PMID,
//	                                                PMCID, ISBN of the record
//	container (RelatedItems IsPublishedIn)          container-title, container-title-short, volume, issue, page,
//	                                                number (article number; also page when there is none),
//	                                                chapter-number, ISSN, ISBN, edition, container-author, editor
//	Publication.Conference                          event-title, event-place, event-date
//	Version; Language; first Abstract; Keywords     version; language; abstract; keyword (comma-separated)
//	arXiv categories (Subjects, scheme arXiv)       custom.arxiv-categories
//	Sizes "N pages"                                 number-of-pages
//
// A nil record gives an empty item and a note. The item's id is the record's citation key: its INSPIRE TeX key, or the "citation key" alternate identifier a
// reader of BibTeX, RIS or CSL-JSON kept, or a key made from the record in INSPIRE's form, Family:YEARxyz. The types:
//
//	resourceTypeGeneral                    CSL type
//	JournalArticle, DataPaper              article-journal
//	Preprint                               article
//	ConferencePaper                        paper-conference
//	Book, ConferenceProceeding             book
//	BookChapter                            chapter
//	Dissertation                           thesis
//	Report                                 report
//	Dataset                                dataset
//	Software, ComputationalNotebook,       software
//	Workflow
//	PeerReview                             review
//	Presentation, Poster                   speech
//	Audiovisual                            motion_picture
//	Sound                                  song
//	Image                                  graphic
//	Event                                  event
//	Collection                             collection
//	Journal                                periodical
//	Standard                               standard
//	InteractiveResource, Service           webpage
//	Text, Award, OutputManagementPlan,     document
//	Model, Instrument, PhysicalObject,
//	Project, StudyRegistration, Other
//
// Reading takes the first general type of each CSL type in this table; map and figure are read as Image, broadcast
// as Audiovisual, review-book as PeerReview, and the other CSL types as Text with the CSL type as specific type.
func FromResource(r *fair.Resource) (*Item, fair.Notes) {
	if r == nil {
		return &Item{Names: map[string][]Name{}, Dates: map[string]*Date{}, Vars: map[string]string{}}, fair.Notes{{Reason: "no record"}}
	}
	w := &toItem{r: r, it: &Item{Names: map[string][]Name{}, Dates: map[string]*Date{}, Vars: map[string]string{}, Extra: map[string]json.RawMessage{}}}
	w.write()
	return w.it, w.notes
}

// FromResources converts records as FromResource does and makes their ids unique within the list (a second record
// with the same key gets "-2" appended, and so on). Each record's notes have the path prefix "[i]".
func FromResources(rs []*fair.Resource) ([]*Item, fair.Notes) {
	items := make([]*Item, 0, len(rs))
	var notes fair.Notes
	seen := map[string]int{}
	for i, r := range rs {
		if r == nil {
			notes.Add("["+strconv.Itoa(i)+"]", "", "no record")
			continue
		}
		it, ns := FromResource(r)
		notes = append(notes, ns.Prefixed("["+strconv.Itoa(i)+"]")...)
		if n := seen[it.ID]; n > 0 {
			seen[it.ID] = n + 1
			id := it.ID + "-" + strconv.Itoa(n+1)
			for seen[id] > 0 {
				n++
				id = it.ID + "-" + strconv.Itoa(n+1)
			}
			it.ID = id
		}
		seen[it.ID]++
		items = append(items, it)
	}
	return items, notes
}

type toItem struct {
	r     *fair.Resource
	it    *Item
	notes fair.Notes
	alt   []altID // custom.alternate-identifiers
}

type altID struct {
	Type  string `json:"type"`
	Value string `json:"value"`
}

// set sets a variable that is not blank, as the record writes it.
func (w *toItem) set(v, value string) {
	if strings.TrimSpace(value) != "" {
		w.it.Vars[v] = value
	}
}

func (w *toItem) write() {
	r, it := w.r, w.it
	it.ID = citation.Key(r)
	it.Type = citation.CSLType(r.ResourceType)
	if back := citation.FromCSLType(it.Type); r.ResourceType.General != "" && back.General != r.ResourceType.General {
		w.notes.Add("resourceType.general", string(r.ResourceType.General), "written as CSL type "+it.Type+", read back as "+string(back.General))
	}
	switch t := r.ResourceType.Type; {
	case t == "":
	case t != it.Type && citation.IsCSLType(t):
		// A source's type code that is also a CSL type name but not this record's (INSPIRE's "article" on a
		// journal article) is no genre.
		w.notes.Add("resourceType.type", t, "a CSL type name that is not the record's CSL type "+it.Type+": not written")
	case t != it.Type:
		w.set("genre", t)
	case citation.FromCSLType(t).Type != t:
		w.notes.Add("resourceType.type", t, "the CSL type itself: read back as no specific type")
	}
	w.names()
	w.titles()
	w.set("publisher", r.Publisher.Name)
	w.dates()
	w.identifiers()
	w.container()
	w.conference()
	w.set("version", r.Version)
	w.set("language", r.Language)
	abstract := false
	for i, d := range r.Descriptions {
		if d.Type == fair.DescriptionAbstract && !abstract && strings.TrimSpace(d.Description) != "" {
			w.set("abstract", d.Description)
			abstract = true
			continue
		}
		w.notes.Add(index("descriptions", i), string(d.Type), "CSL-JSON holds one abstract")
	}
	if len(r.Keywords) > 0 {
		w.set("keyword", strings.Join(r.Keywords, ", "))
	}
	var cats []string
	for i, s := range r.Subjects {
		if strings.EqualFold(s.Scheme, fair.SubjectSchemeArXiv) {
			cats = append(cats, s.Subject)
			continue
		}
		w.notes.Add(index("subjects", i), s.Subject, "CSL-JSON has no subjects")
	}
	for i, s := range r.Sizes {
		if n, ok := pagesSize(s); ok && it.Vars["number-of-pages"] == "" {
			w.set("number-of-pages", n)
			continue
		}
		w.notes.Add(index("sizes", i), s, "CSL-JSON has no size other than a number of pages")
	}
	custom := map[string]any{}
	if len(w.alt) > 0 {
		custom["alternate-identifiers"] = w.alt
	}
	if len(cats) > 0 {
		custom["arxiv-categories"] = cats
	}
	if len(custom) > 0 {
		b, _ := json.Marshal(custom)
		it.Extra["custom"] = b
	}
	w.notes = append(w.notes, citation.NotHeld(r, "CSL-JSON")...)
}

func pagesSize(s string) (string, bool) {
	f := strings.Fields(s)
	if len(f) == 2 && (f[1] == "pages" || f[1] == "p." || f[1] == "pp.") {
		if _, err := strconv.Atoi(f[0]); err == nil {
			return f[0], true
		}
	}
	return "", false
}

func index(name string, i int) string { return name + "[" + strconv.Itoa(i) + "]" }

// contributorVars are the CSL name variables of the contributor roles CSL has.
var contributorVars = map[fair.ContributorType]string{
	fair.ContributorEditor:      "editor",
	fair.ContributorTranslator:  "translator",
	fair.ContributorProducer:    "producer",
	fair.ContributorDataCurator: "curator",
	fair.ContributorOther:       "contributor",
}

func cslName(n citation.Name) Name {
	if n.Literal != "" {
		return Name{Literal: n.Literal}
	}
	return Name{Family: n.Family, Given: n.Given, DroppingParticle: n.DroppingParticle, NonDroppingParticle: n.NonDroppingParticle, Suffix: n.Suffix}
}

func (w *toItem) names() {
	for i, c := range w.r.Creators {
		n := citation.SplitCreator(c)
		if n.IsZero() {
			w.notes.Add(index("creators", i), "", "a creator without a name")
			continue
		}
		w.it.Names["author"] = append(w.it.Names["author"], cslName(n))
	}
	for i, c := range w.r.Contributors {
		v, ok := contributorVars[c.ContributorType]
		if !ok {
			w.notes.Add(index("contributors", i), c.Name+" ("+string(c.ContributorType)+")", "CSL has no role "+string(c.ContributorType))
			continue
		}
		n := citation.SplitCreator(c.Creator)
		if n.IsZero() {
			w.notes.Add(index("contributors", i), "", "a contributor without a name")
			continue
		}
		w.it.Names[v] = append(w.it.Names[v], cslName(n))
	}
}

func (w *toItem) titles() {
	main, mainAt := citation.MainTitle(w.r)
	var sub, short string
	for i, t := range w.r.Titles {
		switch {
		case i == mainAt:
		case t.Type == fair.TitleSubtitle && sub == "":
			sub = t.Title
			w.notes.Add(index("titles", i), t.Title, "CSL-JSON has no subtitle: written after the title and a colon, read back as part of it")
		case t.Type == fair.TitleAlternativeTitle && short == "":
			short = t.Title
		default:
			w.notes.Add(index("titles", i), t.Title, "CSL-JSON holds one title and one short title")
		}
	}
	if sub != "" {
		main = strings.TrimRight(main, " :") + ": " + sub
	}
	w.set("title", main)
	w.set("title-short", short)
}

func cslDate(ds []citation.YMD) *Date {
	d := &Date{}
	for _, p := range ds {
		d.Parts = append(d.Parts, [3]int(p))
	}
	return d
}

func (w *toItem) dates() {
	r := w.r
	issued, at, ok := citation.Issued(r)
	if ok {
		w.it.Dates["issued"] = cslDate(issued)
	}
	vars := map[fair.DateType]string{fair.DateAvailable: "available-date", fair.DateSubmitted: "submitted"}
	for i, d := range r.Dates {
		p := index("dates", i)
		ds, parsed := citation.ParseDate(d.Date)
		if parsed && citation.FormatDates(ds) != d.Date {
			w.notes.Add(p, d.Date, "CSL-JSON holds the day: read back as "+citation.FormatDates(ds))
		}
		switch v, has := vars[d.Type]; {
		case i == at:
			if len(ds) == 1 && ds[0][1] == 0 {
				w.notes.Add(p, d.Date, "a year alone: read back as the publication year")
			}
		case d.Type == fair.DateIssued && parsed:
			w.notes.Add(p, d.Date, citation.NotWrittenDate(at))
			continue
		case has && parsed && w.it.Dates[v] == nil:
			w.it.Dates[v] = cslDate(ds)
		case !parsed && (d.Type == fair.DateIssued || has):
			w.notes.Add(p, d.Date, "not a date CSL-JSON can hold")
			continue
		default:
			w.notes.Add(p, d.Date+" ("+string(d.Type)+")", "CSL-JSON has no date of this type")
			continue
		}
		if d.Information != "" {
			w.notes.Add(p+".information", d.Information, "CSL-JSON has no date information")
		}
	}
}

func (w *toItem) identifiers() {
	r := w.r
	switch id := r.Identifier; {
	case id.Value == "":
	case r.DOI() != "":
		w.set("DOI", citation.BareDOI(id.Value))
	case strings.EqualFold(string(id.Type), "URL") && r.URL == "":
		w.set("URL", id.Value)
	default:
		w.alt = append(w.alt, altID{Type: string("primary " + id.Type), Value: id.Value})
	}
	w.set("URL", r.URL)
	arxiv := r.ArXivID()
	for _, a := range r.AlternateIdentifiers {
		w.alt = append(w.alt, altID{Type: string(a.Type), Value: a.Value})
		switch strings.ToUpper(string(a.Type)) {
		case "PMID":
			w.set("PMID", a.Value)
		case "PMCID":
			w.set("PMCID", a.Value)
		case "ISBN":
			w.set("ISBN", a.Value)
		}
	}
	if reports := r.AlternateIdentifiersOf(fair.AltIDReportNumber); len(reports) > 0 && r.ResourceType.General == fair.ResourceTypeReport {
		w.set("number", reports[0])
	} else if arxiv != "" && r.ResourceType.General == fair.ResourceTypePreprint && r.Container() == nil {
		w.set("number", "arXiv:"+arxiv)
	}
}

func (w *toItem) container() {
	r, it := w.r, w.it
	ci := -1
	for i := range r.RelatedItems {
		if r.RelatedItems[i].RelationType == fair.RelIsPublishedIn && ci < 0 {
			ci = i
		}
	}
	if ci < 0 {
		return
	}
	c := &r.RelatedItems[ci]
	p := index("relatedItems", ci)
	if want := citation.ContainerType(citation.FromCSLType(it.Type).General); c.Type != "" && c.Type != want {
		w.notes.Add(p+".type", string(c.Type), "CSL-JSON has no container type: read back from the item's type")
	}
	full, short := citation.ContainerTitles(c)
	w.set("container-title", full)
	w.set("container-title-short", short)
	for i, t := range c.Titles {
		if t.Title != full && t.Title != short {
			w.notes.Add(p+"."+index("titles", i), t.Title, "CSL-JSON holds a container's title and abbreviation")
		}
	}
	w.set("volume", c.Volume)
	w.set("issue", c.Issue)
	w.set("page", citation.Pages(c.FirstPage, c.LastPage, "-"))
	if c.Number != "" {
		switch c.NumberType {
		case fair.NumberChapter:
			w.set("chapter-number", c.Number)
		case fair.NumberArticle, "":
			if it.Vars["number"] != "" {
				w.notes.Add(p+".number", c.Number, "CSL-JSON's number holds the report number")
				break
			}
			w.set("number", c.Number)
			if it.Vars["page"] == "" {
				w.set("page", c.Number) // styles that print no number print the article number as the page
				w.notes.Add(p+".number", c.Number, "the article number is also written as the page, read back as the first page too")
			}
			if c.NumberType == "" {
				w.notes.Add(p+".numberType", "", "read back as an article number")
			}
		default:
			w.notes.Add(p+".number", c.Number+" ("+string(c.NumberType)+")", "CSL-JSON has no number of this type for a container")
		}
	}
	switch id := c.Identifier; strings.ToUpper(string(id.Type)) {
	case "":
	case "ISSN", "EISSN", "LISSN":
		w.set("ISSN", id.Identifier)
	case "ISBN":
		if it.Vars["ISBN"] == "" {
			w.set("ISBN", id.Identifier)
			break
		}
		fallthrough
	default:
		w.notes.Add(p+".identifier", id.Identifier, "CSL-JSON has no identifier of a container other than its ISSN or ISBN")
	}
	if c.Publisher != "" {
		if it.Vars["publisher"] == "" {
			w.set("publisher", c.Publisher)
			w.notes.Add(p+".publisher", c.Publisher, "written as the publisher; read back as the record's")
		} else if c.Publisher != it.Vars["publisher"] {
			w.notes.Add(p+".publisher", c.Publisher, "CSL-JSON holds one publisher")
		}
	}
	if c.Edition != "" {
		w.set("edition", c.Edition)
	}
	for i, cr := range c.Creators {
		n := citation.SplitCreator(cr)
		if !n.IsZero() {
			it.Names["container-author"] = append(it.Names["container-author"], cslName(n))
		} else {
			w.notes.Add(p+"."+index("creators", i), "", "a creator without a name")
		}
	}
	ownEditors := len(it.Names["editor"]) > 0
	for i, cr := range c.Contributors {
		n := citation.SplitCreator(cr.Creator)
		if cr.ContributorType == fair.ContributorEditor && !n.IsZero() && !ownEditors {
			it.Names["editor"] = append(it.Names["editor"], cslName(n))
			w.notes.Add(p+"."+index("contributors", i), cr.Name, "written as the item's editor, read back as the record's")
			continue
		}
		w.notes.Add(p+"."+index("contributors", i), cr.Name+" ("+string(cr.ContributorType)+")", "CSL-JSON holds the container's editors only when the record has none")
	}
}

func (w *toItem) conference() {
	c := w.r.Publication.Conference
	if c.IsZero() {
		return
	}
	name := c.Name
	if name == "" {
		name = c.Acronym
	} else if c.Acronym != "" {
		w.notes.Add("publication.conference.acronym", c.Acronym, "CSL-JSON holds the conference's name only")
	}
	w.set("event-title", name)
	place := c.Place
	if c.Country != "" {
		w.notes.Add("publication.conference.country", c.Country, "CSL-JSON has no country of an event")
	}
	w.set("event-place", place)
	var ds []citation.YMD
	for _, s := range []string{c.StartDate, c.EndDate} {
		if s == "" {
			continue
		}
		if d, ok := citation.ParseDate(s); ok {
			ds = append(ds, d[0])
		} else {
			w.notes.Add("publication.conference", s, "not a date CSL-JSON can hold")
		}
	}
	if len(ds) == 2 && ds[0] == ds[1] {
		ds = ds[:1]
	}
	if len(ds) > 0 {
		w.it.Dates["event-date"] = cslDate(ds)
	}
	if c.Identifier.Value != "" {
		w.notes.Add("publication.conference.identifier", c.Identifier.Value, "CSL-JSON has no identifier of an event")
	}
	if c.URL != "" {
		w.notes.Add("publication.conference.url", c.URL, "CSL-JSON has no address of an event")
	}
}

// ToResource returns the record of a CSL-JSON item, with the notes of what the record cannot hold (paths in
// CSL-JSON's terms, e.g. "original-date"). It is the reverse of FromResource's crosswalk; an id that is not the key
// the record would be given anyway is kept as the "citation key" alternate identifier.
func ToResource(it *Item) (*fair.Resource, fair.Notes) {
	if it == nil {
		return &fair.Resource{}, fair.Notes{{Reason: "no item"}}
	}
	rd := &fromItem{it: it, r: &fair.Resource{}, used: map[string]bool{"id": true, "type": true}}
	rd.read()
	return rd.r, rd.notes
}

type fromItem struct {
	it    *Item
	r     *fair.Resource
	notes fair.Notes
	used  map[string]bool
}

// v returns a variable and marks it read; a blank one is "".
func (rd *fromItem) v(name string) string {
	rd.used[name] = true
	if s := rd.it.Vars[name]; strings.TrimSpace(s) != "" {
		return s
	}
	return ""
}

// roleOfVar is contributorVars the other way.
var roleOfVar = map[string]fair.ContributorType{
	"editor":      fair.ContributorEditor,
	"translator":  fair.ContributorTranslator,
	"producer":    fair.ContributorProducer,
	"curator":     fair.ContributorDataCurator,
	"contributor": fair.ContributorOther,
}

func fairName(n Name) fair.Creator {
	if n.Literal != "" {
		return citation.Name{Literal: n.Literal}.Creator()
	}
	family, given := n.Family, n.Given
	if family == "" && given == "" {
		return fair.Creator{}
	}
	return citation.Name{Family: family, Given: given, DroppingParticle: n.DroppingParticle, NonDroppingParticle: n.NonDroppingParticle, Suffix: n.Suffix}.Creator()
}

func (rd *fromItem) read() {
	it, r := rd.it, rd.r
	r.ResourceType = citation.FromCSLType(it.Type)
	if g := rd.v("genre"); g != "" {
		r.ResourceType.Type = g
	}
	// Names.
	keys := make([]string, 0, len(it.Names))
	for k := range it.Names {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		names := it.Names[k]
		switch role, isRole := roleOfVar[k]; {
		case k == "author":
			for _, n := range names {
				r.Creators = append(r.Creators, fairName(n))
			}
		case k == "container-author":
		case isRole:
			for _, n := range names {
				r.Contributors = append(r.Contributors, fair.Contributor{Creator: fairName(n), ContributorType: role})
			}
		default:
			rd.notes.Add(k, fmt.Sprintf("%d names", len(names)), "the record has no role for "+k)
		}
	}
	for _, t := range []struct{ v string }{{"title"}} {
		if s := rd.v(t.v); s != "" {
			r.Titles = append(r.Titles, fair.Title{Title: s})
		}
	}
	if s := rd.v("title-short"); s != "" {
		r.Titles = append(r.Titles, fair.Title{Title: s, Type: fair.TitleAlternativeTitle})
	}
	if s := rd.v("publisher"); s != "" {
		r.Publisher.Name = s
	}
	rd.readDates()
	rd.readIdentifiers()
	rd.readContainer()
	rd.readConference()
	if s := rd.v("version"); s != "" {
		r.Version = s
	}
	if !rd.used["edition"] {
		if s := rd.v("edition"); s != "" && r.Version == "" {
			r.Version = s
		} else if s != "" {
			rd.notes.Add("edition", s, "the record holds one version")
		}
	}
	r.Language = rd.v("language")
	if s := rd.v("abstract"); s != "" {
		r.Descriptions = append(r.Descriptions, fair.Description{Description: s, Type: fair.DescriptionAbstract})
	}
	if s := rd.v("keyword"); s != "" {
		for _, k := range strings.FieldsFunc(s, func(c rune) bool { return c == ',' || c == ';' }) {
			if k = strings.TrimSpace(k); k != "" {
				r.Keywords = append(r.Keywords, k)
			}
		}
	}
	if s := rd.v("number-of-pages"); s != "" {
		r.Sizes = append(r.Sizes, s+" pages")
	}
	if s := rd.v("note"); s != "" {
		r.Descriptions = append(r.Descriptions, fair.Description{Description: s, Type: fair.DescriptionOther})
	}
	// The id: kept when it is not the key the record gets anyway.
	id := strings.TrimSpace(it.ID)
	if ck := rd.v("citation-key"); ck != "" {
		id = ck
	}
	if id != "" && id != citation.Key(r) {
		r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: id, Type: citation.AltIDCitationKey})
	}
	// What is left has no place.
	var left []string
	for k := range it.Vars {
		if !rd.used[k] {
			left = append(left, k)
		}
	}
	for k := range it.Extra {
		if !rd.used[k] {
			left = append(left, k)
		}
	}
	for k := range it.Dates {
		if !rd.used[k] {
			left = append(left, k)
		}
	}
	sort.Strings(left)
	for _, k := range left {
		val := it.Vars[k]
		if val == "" {
			if b, ok := it.Extra[k]; ok {
				val = string(b)
			} else if d := it.Dates[k]; d != nil {
				b, _ := d.MarshalJSON()
				val = string(b)
			}
		}
		rd.notes.Add(k, shorten(val), "the record has no place for it")
	}
}

func shorten(s string) string {
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}

func ymds(d *Date) []citation.YMD {
	var out []citation.YMD
	for _, p := range d.Parts {
		if p[0] == 0 || p[1] > 12 {
			return nil // a season, or no year: not an ISO date
		}
		out = append(out, citation.YMD(p))
	}
	return out
}

func (rd *fromItem) readDates() {
	it, r := rd.it, rd.r
	for _, dv := range []struct {
		v string
		t fair.DateType
	}{{"issued", fair.DateIssued}, {"available-date", fair.DateAvailable}, {"submitted", fair.DateSubmitted}} {
		d := it.Dates[dv.v]
		if d == nil {
			continue
		}
		rd.used[dv.v] = true
		ds := ymds(d)
		if len(ds) == 0 {
			b, _ := d.MarshalJSON()
			rd.notes.Add(dv.v, string(b), "not a date the record can hold (a literal date, a season or no year)")
			continue
		}
		if d.Circa {
			rd.notes.Add(dv.v+".circa", "true", "the record has no approximate dates")
		}
		if dv.t == fair.DateIssued {
			r.PublicationYear = ds[0][0]
			if len(ds) == 1 && ds[0][1] == 0 {
				continue // a year alone is the publication year
			}
		}
		r.Dates = append(r.Dates, fair.Date{Date: citation.FormatDates(ds), Type: dv.t})
	}
}

func (rd *fromItem) readIdentifiers() {
	r := rd.r
	if s := rd.v("DOI"); s != "" {
		r.Identifier = fair.Identifier{Value: citation.BareDOI(s), Type: "DOI"}
	}
	r.URL = rd.v("URL")
	have := map[string]bool{}
	if b, ok := rd.it.Extra["custom"]; ok {
		var custom struct {
			Alt  []altID  `json:"alternate-identifiers"`
			Cats []string `json:"arxiv-categories"`
		}
		var all map[string]json.RawMessage
		if json.Unmarshal(b, &custom) != nil || json.Unmarshal(b, &all) != nil {
			rd.notes.Add("custom", shorten(string(b)), "not the custom object fairmeta writes")
		} else {
			rd.used["custom"] = true
			for _, a := range custom.Alt {
				if t, ok := strings.CutPrefix(a.Type, "primary "); ok && r.Identifier.Value == "" {
					r.Identifier = fair.Identifier{Value: a.Value, Type: fair.Scheme(t)}
					continue
				}
				r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: a.Value, Type: fair.Scheme(a.Type)})
				have[strings.ToUpper(a.Type)+" "+a.Value] = true
			}
			for _, c := range custom.Cats {
				r.Subjects = append(r.Subjects, fair.Subject{Subject: c, Scheme: fair.SubjectSchemeArXiv, SchemeURI: fair.SubjectSchemeURIArXiv})
			}
			for k, v := range all {
				if k != "alternate-identifiers" && k != "arxiv-categories" {
					rd.notes.Add("custom."+k, shorten(string(v)), "the record has no place for it")
				}
			}
		}
	}
	add := func(typ, val string) {
		if val != "" && !have[strings.ToUpper(typ)+" "+val] {
			r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: val, Type: fair.Scheme(typ)})
			have[strings.ToUpper(typ)+" "+val] = true
		}
	}
	add("PMID", rd.v("PMID"))
	add("PMCID", rd.v("PMCID"))
	if n := rd.it.Vars["number"]; n != "" {
		switch {
		case strings.HasPrefix(strings.ToLower(n), "arxiv:"):
			rd.used["number"] = true
			add(fair.AltIDArXiv, strings.TrimSpace(n[len("arxiv:"):]))
		case r.ResourceType.General == fair.ResourceTypeReport:
			rd.used["number"] = true
			add(fair.AltIDReportNumber, n)
		}
	}
}

func (rd *fromItem) readContainer() {
	it, r := rd.it, rd.r
	c := fair.RelatedItem{Type: citation.ContainerType(r.ResourceType.General), RelationType: fair.RelIsPublishedIn}
	if s := rd.v("container-title"); s != "" {
		c.Titles = append(c.Titles, fair.Title{Title: s})
	}
	short := rd.v("container-title-short")
	if short == "" {
		short = rd.v("journalAbbreviation")
	}
	if short != "" {
		c.Titles = append(c.Titles, fair.Title{Title: short, Type: fair.TitleAlternativeTitle})
	}
	c.Volume = rd.v("volume")
	c.Issue = rd.v("issue")
	page := rd.v("page")
	if n := it.Vars["number"]; n != "" && !rd.used["number"] {
		rd.used["number"] = true
		c.Number, c.NumberType = n, fair.NumberArticle
	}
	c.FirstPage, c.LastPage = citation.SplitPages(page)
	if s := rd.v("chapter-number"); s != "" {
		if c.Number == "" {
			c.Number, c.NumberType = s, fair.NumberChapter
		} else {
			rd.notes.Add("chapter-number", s, "the record's container holds one number")
		}
	}
	if s := rd.v("ISSN"); s != "" {
		c.Identifier = fair.RelatedItemIdentifier{Identifier: s, Type: fair.IDTypeISSN}
	}
	if s := rd.v("ISBN"); s != "" {
		switch {
		case c.Identifier.Identifier == "" && (len(c.Titles) > 0 || c.Type == fair.ResourceTypeBook):
			c.Identifier = fair.RelatedItemIdentifier{Identifier: s, Type: fair.IDTypeISBN}
		default:
			found := false
			for _, a := range r.AlternateIdentifiers {
				found = found || strings.EqualFold(string(a.Type), "ISBN") && a.Value == s
			}
			if !found {
				r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: s, Type: "ISBN"})
			}
		}
	}
	if len(c.Titles) > 0 {
		c.Edition = rd.v("edition")
	}
	for _, n := range it.Names["container-author"] {
		c.Creators = append(c.Creators, fairName(n))
	}
	if len(c.Titles) == 0 && c.Volume == "" && c.Issue == "" && c.FirstPage == "" && c.Number == "" && c.Identifier.Identifier == "" && len(c.Creators) == 0 {
		return
	}
	if c.Type == "" {
		c.Type = fair.ResourceTypeOther
	}
	r.RelatedItems = append(r.RelatedItems, c)
}

func (rd *fromItem) readConference() {
	it, r := rd.it, rd.r
	c := &r.Publication.Conference
	c.Name = rd.v("event-title")
	if c.Name == "" {
		c.Name = rd.v("event")
	}
	c.Place = rd.v("event-place")
	if d := it.Dates["event-date"]; d != nil {
		rd.used["event-date"] = true
		ds := ymds(d)
		if len(ds) == 0 {
			b, _ := d.MarshalJSON()
			rd.notes.Add("event-date", string(b), "not a date the record can hold")
		} else {
			c.StartDate = citation.FormatDate(ds[0])
			if len(ds) > 1 {
				c.EndDate = citation.FormatDate(ds[1])
			}
		}
	}
}
