package crossref

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/jsonwalk"
	"github.com/dop2i/fairmeta/internal/loss"
)

// MaxInputSize is the largest document the readers accept.
const MaxInputSize = 64 << 20

// ReadError reports input that is not Crossref metadata: malformed JSON or XML, another kind of document, a value
// of the wrong kind where the record needs one. Path locates the problem ("" for the whole input).
type ReadError struct {
	Format string // "JSON" or "XML"
	Path   string // where, e.g. "message.items[3]"
	Msg    string // what is wrong
	Err    error  // the underlying error (a syntax error, ErrNotCrossref), if any
}

// Error says where and what.
func (e *ReadError) Error() string {
	s := "crossref: reading " + e.Format
	if e.Path != "" {
		s += ": " + e.Path
	}
	return s + ": " + e.Msg
}

// Unwrap returns the underlying error.
func (e *ReadError) Unwrap() error { return e.Err }

// ErrNotCrossref is matched (errors.Is) by the error of a reader given JSON or XML that is not Crossref metadata.
var ErrNotCrossref = errors.New("crossref: not Crossref metadata")

// ReadJSON reads the Crossref REST API's JSON: a /works/{doi} response ({"message-type": "work", "message": ...}),
// a /works list ({"message-type": "work-list", "message": {"items": [...]}}), such a list's message alone
// ({"items": [...]}, with at least one work with a DOI) or a bare work. It returns one Resource per work and the
// notes of what the records cannot hold, paths prefixed with "[i]" for a list.
func ReadJSON(data []byte) ([]*fair.Resource, fair.Notes, error) {
	if len(data) > MaxInputSize {
		return nil, nil, &ReadError{Format: "JSON", Msg: fmt.Sprintf("input of %d bytes is larger than %d", len(data), MaxInputSize)}
	}
	root, err := jsonwalk.Parse(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if err != nil {
		return nil, nil, &ReadError{Format: "JSON", Msg: err.Error(), Err: err}
	}
	if root.Kind() != jsonwalk.Object {
		return nil, nil, &ReadError{Format: "JSON", Msg: "the input is " + root.Kind().String() + ", not a Crossref message", Err: ErrNotCrossref}
	}
	var envelope loss.Collector
	works, prefix := []jsonwalk.Value{root}, ""
	if mt := root.Get("message-type"); mt.Kind() != jsonwalk.Invalid {
		msg := root.Get("message")
		for k, v := range root.Members() {
			switch string(k) {
			case "message", "message-type", "message-version", "status":
			default:
				envelope.Lost(string(k), v, "part of the API response, not of the work")
			}
		}
		switch mt.Str() {
		case "work":
			works, prefix = []jsonwalk.Value{msg}, "message"
		case "work-list":
			works = nil
			for w := range msg.Get("items").Elements() {
				works = append(works, w)
			}
			prefix = "message.items"
			for k, v := range msg.Members() {
				if string(k) != "items" {
					envelope.Lost("message."+string(k), v, "part of the API response, not of the works")
				}
			}
		default:
			return nil, nil, &ReadError{Format: "JSON", Path: "message-type", Msg: fmt.Sprintf("%q is not a work or a work list", mt.Str()), Err: ErrNotCrossref}
		}
	} else if items := root.Get("items"); items.Kind() == jsonwalk.Array && root.Get("DOI").Kind() == jsonwalk.Invalid && anyWork(items) {
		// The message of a work list without its envelope ({"items": [...], "total-results": ...}).
		works, prefix = nil, "items"
		for w := range items.Elements() {
			works = append(works, w)
		}
		for k, v := range root.Members() {
			if string(k) != "items" {
				envelope.Lost(string(k), v, "part of the API response, not of the works")
			}
		}
	} else if root.Get("DOI").Kind() != jsonwalk.String {
		return nil, nil, &ReadError{Format: "JSON", Msg: "neither a Crossref API message nor a work (no DOI)", Err: ErrNotCrossref}
	}
	var recs []*fair.Resource
	notes := envelope.Notes()
	for i, w := range works {
		if w.Kind() != jsonwalk.Object {
			return nil, nil, &ReadError{Format: "JSON", Path: pathOf(prefix, i, len(works)), Msg: "is " + w.Kind().String() + ", not a work"}
		}
		var l loss.Collector
		rd := jsonWork{r: &fair.Resource{}, l: &l}
		rd.read(w)
		recs = append(recs, rd.r)
		p := pathOf(prefix, i, len(works))
		notes = append(notes, l.Notes().Prefixed(p)...)
	}
	if len(recs) == 0 {
		return nil, nil, &ReadError{Format: "JSON", Path: prefix, Msg: "no work in the list"}
	}
	return recs, notes, nil
}

func pathOf(prefix string, i, n int) string {
	if prefix == "message.items" || n > 1 {
		return loss.Index(prefix, i)
	}
	return prefix
}

// jsonWork reads one work of the REST API.
type jsonWork struct {
	r         *fair.Resource
	l         *loss.Collector
	typ       typeRow
	container *fair.RelatedItem
	isbns     []string
}

// bookkeepingJSON are members about the DOI's registration or Crossref's index rather than the work.
var bookkeepingJSON = map[string]bool{
	"created": true, "deposited": true, "indexed": true, "member": true, "prefix": true, "score": true, "source": true,
	"reference-count": true, "references-count": true, "is-referenced-by-count": true, "content-domain": true,
	"update-policy": true, "archive": true, "assertion": true, "free-to-read": true, "cited-count": true,
}

func (rd *jsonWork) cont() *fair.RelatedItem {
	if rd.container == nil {
		rd.container = &fair.RelatedItem{Type: rd.typ.container, RelationType: fair.RelIsPublishedIn}
		if rd.container.Type == "" {
			rd.container.Type = fair.ResourceTypeCollection
		}
	}
	return rd.container
}

func (rd *jsonWork) read(w jsonwalk.Value) {
	r := rd.r
	t := w.Get("type").Str()
	rd.typ, _ = typeOf(t)
	r.ResourceType = fair.ResourceType{General: rd.typ.general, Type: t}
	if st := w.Get("subtype").Str(); st != "" {
		r.ResourceType.Type += ", " + st
		if t == "posted-content" && st != "preprint" {
			r.ResourceType.General = fair.ResourceTypeText
		}
	}
	var issns []fair.RelatedItemIdentifier
	for k, v := range w.Members() {
		key := string(k)
		switch key {
		case "type", "subtype":
		case "DOI":
			if p, err := fair.ParseDOI(v.Str()); err == nil {
				r.Identifier = fair.Identifier{Value: p.Value, Type: "DOI"}
			} else {
				rd.l.Lost(key, v, "not a DOI")
			}
		case "URL":
			if !strings.Contains(v.Str(), "doi.org/") {
				r.URL = v.Str()
			}
		case "resource":
			if u := v.Get("primary").Get("URL").Str(); u != "" {
				r.URL = u
			}
			if s := v.Get("secondary"); !s.IsEmpty() {
				rd.l.Lost("resource.secondary", s, "the record has one landing page")
			}
		case "title":
			for i, s := range strs(v) {
				typ := fair.TitleType("")
				if i > 0 {
					typ = fair.TitleAlternativeTitle
				}
				addTitle(r, s, typ)
			}
		case "subtitle":
			for _, s := range strs(v) {
				addTitle(r, s, fair.TitleSubtitle)
			}
		case "short-title", "original-title":
			for _, s := range strs(v) {
				addTitle(r, s, fair.TitleAlternativeTitle)
			}
		case "author":
			rd.people(v, key, func(c fair.Creator) { r.Creators = append(r.Creators, c) })
		case "editor", "translator", "chair":
			ct := map[string]fair.ContributorType{"editor": fair.ContributorEditor, "translator": fair.ContributorTranslator,
				"chair": fair.ContributorOther}[key]
			rd.people(v, key, func(c fair.Creator) {
				r.Contributors = append(r.Contributors, fair.Contributor{Creator: c, ContributorType: ct})
			})
		case "publisher":
			r.Publisher.Name = v.Str()
		case "publisher-location":
			rd.l.Lost(key, v, "the record has no place for the publisher's location")
		case "issued":
			if d := dateParts(v); d != "" {
				r.Dates = append(r.Dates, fair.Date{Date: d, Type: fair.DateIssued})
				r.PublicationYear = yearOf(d)
			}
		case "published-print", "published-online", "published", "posted", "accepted", "approved", "content-created", "content-updated":
			rd.date(key, v)
		case "container-title":
			for i, s := range strs(v) {
				typ := fair.TitleType("")
				if i > 0 {
					typ = fair.TitleAlternativeTitle
				}
				c := rd.cont()
				if typ == "" {
					// The full title first, even when the short one came before it (and was the same).
					kept := []fair.Title{{Title: s}}
					for _, t := range c.Titles {
						if t.Title != s {
							kept = append(kept, t)
						}
					}
					c.Titles = kept
				} else {
					c.Titles = append(c.Titles, fair.Title{Title: s, Type: typ})
				}
			}
		case "short-container-title":
			for _, s := range strs(v) {
				c := rd.cont()
				if !hasTitleText(c.Titles, s) {
					c.Titles = append(c.Titles, fair.Title{Title: s, Type: fair.TitleAlternativeTitle})
				}
			}
		case "volume":
			rd.cont().Volume = text(v)
		case "issue":
			rd.cont().Issue = text(v)
		case "page":
			first, last := splitPages(text(v))
			c := rd.cont()
			c.FirstPage, c.LastPage = first, last
		case "article-number":
			c := rd.cont()
			c.Number, c.NumberType = text(v), fair.NumberArticle
		case "journal-issue":
			if iss := v.Get("issue").Str(); iss != "" && rd.cont().Issue == "" {
				rd.cont().Issue = iss
			}
			for k2, x := range v.Members() {
				if string(k2) != "issue" {
					rd.l.Lost("journal-issue."+string(k2), x, "the dates of the issue have no place in the record")
				}
			}
		case "ISSN":
			// issn-type says which is which; without it, the ISSNs in order.
			if len(issns) == 0 {
				for _, s := range strs(v) {
					issns = append(issns, fair.RelatedItemIdentifier{Identifier: s, Type: fair.IDTypeISSN})
				}
			}
		case "issn-type":
			issns = issns[:0]
			for x := range v.Elements() {
				t := fair.IDTypeISSN
				if x.Get("type").Str() == "electronic" {
					t = fair.IDTypeEISSN
				}
				issns = append(issns, fair.RelatedItemIdentifier{Identifier: x.Get("value").Str(), Type: t})
			}
		case "ISBN":
			if len(rd.isbns) == 0 {
				rd.isbns = strs(v)
			}
		case "isbn-type":
			rd.isbns = rd.isbns[:0]
			for x := range v.Elements() {
				rd.isbns = append(rd.isbns, x.Get("value").Str())
			}
		case "subject":
			for _, s := range strs(v) {
				r.Subjects = append(r.Subjects, fair.Subject{Subject: s})
			}
		case "group-title":
			r.Subjects = append(r.Subjects, fair.Subject{Subject: v.Str(), Scheme: "group"})
		case "abstract":
			if s := jatsText(v.Str()); s != "" {
				r.Descriptions = append(r.Descriptions, fair.Description{Description: s, Type: fair.DescriptionAbstract})
			}
		case "language":
			r.Language = v.Str()
		case "reference":
			rd.references(v)
		case "license":
			rd.licenses(v)
		case "funder":
			rd.funders(v)
		case "link":
			rd.links(v)
		case "relation":
			rd.relations(v)
		case "update-to":
			i := 0
			for x := range v.Elements() {
				if d := x.Get("DOI").Str(); d != "" {
					r.RelatedIdentifiers = append(r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: d, IdentifierType: fair.IDTypeDOI,
						RelationType: fair.RelOther, RelationTypeInformation: "updates (" + x.Get("type").Str() + ")"})
				} else {
					rd.l.Lost(loss.Index(key, i), x, "an update without DOI")
				}
				i++
			}
		case "event":
			rd.event(v)
		case "alternative-id":
			for _, s := range strs(v) {
				r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: s, Type: "publisher identifier"})
			}
		case "institution":
			i := 0
			for x := range v.Elements() {
				if n := x.Get("name").Str(); n != "" {
					r.Contributors = append(r.Contributors, fair.Contributor{ContributorType: fair.ContributorHostingInstitution,
						Creator: fair.Creator{Name: n, NameType: fair.NameOrganizational}})
				}
				for k2, y := range x.Members() {
					if string(k2) != "name" {
						rd.l.Lost(loss.Index(key, i)+"."+string(k2), y, "no place for it in an institution")
					}
				}
				i++
			}
		case "degree":
			for _, s := range strs(v) {
				r.ResourceType.Type += ", " + s
			}
		case "edition-number":
			r.Version = text(v)
		case "version":
			if ver := v.Get("version").Str(); ver != "" {
				r.Version = ver
			} else {
				rd.l.Lost(key, v, "not a version")
			}
		default:
			if bookkeepingJSON[key] {
				rd.l.Lost(key, v, "Crossref's bookkeeping of the DOI, not part of the work's metadata")
				continue
			}
			rd.l.Lost(key, v, "no place for it in the record")
		}
	}
	rd.finish(issns)
}

func (rd *jsonWork) finish(issns []fair.RelatedItemIdentifier) {
	r := rd.r
	c := rd.container
	if c == nil && (len(issns) > 0 || len(rd.isbns) > 0 && rd.typ.container == fair.ResourceTypeBook) {
		c = rd.cont()
	}
	if c != nil {
		// The print ISSN identifies the journal; another ISSN is a further identifier of the same journal.
		for i, id := range issns {
			if i == 0 {
				c.Identifier = id
				continue
			}
			r.RelatedIdentifiers = append(r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: id.Identifier, IdentifierType: id.Type,
				RelationType: fair.RelIsPublishedIn, ResourceTypeGeneral: c.Type})
		}
		c.PublicationYear = r.PublicationYear
		r.RelatedItems = append([]fair.RelatedItem{*c}, r.RelatedItems...)
	}
	// ISBNs identify the book a chapter is in, or the book itself.
	for i, s := range rd.isbns {
		if c != nil && rd.typ.container == fair.ResourceTypeBook && i == 0 && r.RelatedItems[0].Identifier.Identifier == "" {
			r.RelatedItems[0].Identifier = fair.RelatedItemIdentifier{Identifier: s, Type: fair.IDTypeISBN}
			continue
		}
		if rd.typ.container == fair.ResourceTypeBook {
			r.RelatedIdentifiers = append(r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: s, IdentifierType: fair.IDTypeISBN,
				RelationType: fair.RelIsPublishedIn, ResourceTypeGeneral: fair.ResourceTypeBook})
			continue
		}
		r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: s, Type: fair.Scheme(fair.IDTypeISBN)})
	}
}

func addTitle(r *fair.Resource, s string, typ fair.TitleType) {
	if s = strings.TrimSpace(s); s == "" || hasTitleText(r.Titles, s) {
		return
	}
	r.Titles = append(r.Titles, fair.Title{Title: s, Type: typ})
}

func hasTitleText(ts []fair.Title, s string) bool {
	for _, t := range ts {
		if t.Title == s {
			return true
		}
	}
	return false
}

func strs(v jsonwalk.Value) []string {
	if v.Kind() == jsonwalk.String {
		return []string{v.Str()}
	}
	var out []string
	for e := range v.Elements() {
		if s := e.Str(); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func text(v jsonwalk.Value) string { s, _ := v.Text(); return strings.TrimSpace(s) }

// splitPages splits "385-390", "385–390" or "e1001"; a range's ends are trimmed.
func splitPages(p string) (first, last string) {
	for _, sep := range []string{"-", "–", "—"} {
		if f, l, ok := strings.Cut(p, sep); ok {
			return strings.TrimSpace(f), strings.TrimSpace(l)
		}
	}
	return strings.TrimSpace(p), ""
}

// dateParts reads Crossref's {"date-parts": [[2012, 9, 4]]} as "2012-09-04" (or "2012-09", "2012").
func dateParts(v jsonwalk.Value) string {
	var parts []string
	for dp := range v.Get("date-parts").Elements() {
		for x := range dp.Elements() {
			n, ok := x.Int()
			if !ok || n <= 0 {
				break
			}
			if len(parts) == 0 {
				parts = append(parts, fmt.Sprintf("%04d", n))
			} else {
				parts = append(parts, fmt.Sprintf("%02d", n))
			}
		}
		break
	}
	if len(parts) == 0 {
		if s := v.Get("date-time").Str(); len(s) >= 10 {
			return s[:10]
		}
	}
	return strings.Join(parts, "-")
}

func yearOf(d string) int {
	if len(d) < 4 {
		return 0
	}
	y, _ := strconv.Atoi(d[:4])
	return y
}

// dateTypes are Crossref's dates other than issued and what they are in DataCite.
var dateTypes = map[string]struct {
	typ  fair.DateType
	info string
}{
	"published-print": {fair.DateIssued, "print"}, "published-online": {fair.DateIssued, "online"}, "published": {fair.DateIssued, ""},
	"posted": {fair.DateAvailable, "posted"}, "accepted": {fair.DateAccepted, ""}, "approved": {fair.DateOther, "approved"},
	"content-created": {fair.DateCreated, ""}, "content-updated": {fair.DateUpdated, ""},
}

func (rd *jsonWork) date(key string, v jsonwalk.Value) {
	d := dateParts(v)
	if d == "" {
		rd.l.Lost(key, v, "not a date")
		return
	}
	dt := dateTypes[key]
	if dt.typ == fair.DateIssued {
		for _, have := range rd.r.Dates {
			if have.Type == fair.DateIssued && have.Date == d {
				return // the same as issued
			}
		}
	}
	rd.r.Dates = append(rd.r.Dates, fair.Date{Date: d, Type: dt.typ, Information: dt.info})
	if rd.r.PublicationYear == 0 && dt.typ == fair.DateIssued {
		rd.r.PublicationYear = yearOf(d)
	}
}

// people reads a list of persons or organisations.
func (rd *jsonWork) people(v jsonwalk.Value, key string, add func(fair.Creator)) {
	i := 0
	for p := range v.Elements() {
		path := loss.Index(key, i)
		i++
		var c fair.Creator
		for k, x := range p.Members() {
			switch string(k) {
			case "given":
				c.GivenName = strings.TrimSpace(x.Str())
			case "family":
				c.FamilyName = strings.TrimSpace(x.Str())
			case "name":
				c.Name = strings.TrimSpace(x.Str())
			case "suffix", "prefix":
				rd.l.LostEach(path+"."+string(k), x, "the record has no place for a name's "+string(k))
			case "ORCID":
				if pid, err := fair.ParseORCID(x.Str()); err == nil {
					c.NameIdentifiers = append(c.NameIdentifiers, fair.NameIdentifier{Value: pid.URL, Scheme: "ORCID", SchemeURI: "https://orcid.org"})
				} else {
					rd.l.Lost(path+".ORCID", x, "not an ORCID iD")
				}
			case "affiliation":
				j := 0
				for a := range x.Elements() {
					if af, ok := rd.affiliation(a, fmt.Sprintf("%s.affiliation[%d]", path, j)); ok {
						c.Affiliations = append(c.Affiliations, af)
					}
					j++
				}
			case "role":
				// Crossref's role of the person in this list ({"role": "author", "vocabulary": "crossref"}).
				for x := range x.Elements() {
					if role := x.Get("role").Str(); role != key && !(key == "chair" && role == "chair") {
						rd.l.LostEach(path+".role", x, "a role other than the list the person is in")
					}
				}
			case "sequence", "authenticated-orcid":
				// The order of the list is kept; whether Crossref checked the ORCID is not about the person.
				if string(k) == "authenticated-orcid" {
					rd.l.LostEach(path+".authenticated-orcid", x, "whether the ORCID iD was authenticated has no place in the record")
				}
			default:
				rd.l.Lost(path+"."+string(k), x, "no place for it in a creator")
			}
		}
		switch {
		case c.FamilyName != "" || c.GivenName != "":
			c.NameType = fair.NamePersonal
			if c.Name == "" {
				c.Name = strings.TrimSuffix(c.FamilyName+", "+c.GivenName, ", ")
				c.Name = strings.TrimPrefix(c.Name, ", ")
			}
		case c.Name != "":
			c.NameType = fair.NameOrganizational
		default:
			rd.l.Lost(path, p, "a person without a name")
			continue
		}
		add(c)
	}
}

// affiliation reads {"name": ..., "id": [{"id": ..., "id-type": "ROR"}], "department": [...], "place": [...]}.
func (rd *jsonWork) affiliation(a jsonwalk.Value, path string) (fair.Affiliation, bool) {
	var af fair.Affiliation
	for k, x := range a.Members() {
		switch string(k) {
		case "name":
			af.Name = strings.TrimSpace(x.Str())
		case "id":
			for id := range x.Elements() {
				val, typ := id.Get("id").Str(), id.Get("id-type").Str()
				if strings.EqualFold(typ, "ROR") {
					if p, err := fair.ParseROR(val); err == nil {
						af.AddIdentifier(p.Value, "ROR", "https://ror.org")
						continue
					}
				}
				if val != "" {
					af.AddIdentifier(val, typ, "")
				}
			}
		case "department", "place", "acronym":
			rd.l.LostEach(path+"."+string(k), x, "the record keeps an affiliation's name and identifiers only")
		default:
			rd.l.Lost(path+"."+string(k), x, "no place for it in an affiliation")
		}
	}
	if af.Name == "" && af.Identifier == "" {
		if !a.IsEmpty() {
			rd.l.Lost(path, a, "an affiliation without name")
		}
		return af, false
	}
	return af, true
}

// references reads the reference list: a cited work with details is described (with its DOI), one known only by
// its DOI is a Cites relation.
func (rd *jsonWork) references(v jsonwalk.Value) {
	i := 0
	for ref := range v.Elements() {
		path := loss.Index("reference", i)
		i++
		it := fair.RelatedItem{RelationType: fair.RelCites, Type: fair.ResourceTypeText}
		doi := ""
		detailed := false
		for k, x := range ref.Members() {
			s := text(x)
			switch string(k) {
			case "DOI":
				if p, err := fair.ParseDOI(s); err == nil {
					doi = p.Value
				}
			case "article-title", "volume-title":
				it.Titles = append(it.Titles, fair.Title{Title: s})
				detailed = true
			case "journal-title", "series-title":
				it.Titles = append(it.Titles, fair.Title{Title: s, Type: fair.TitleOther})
				it.Type = fair.ResourceTypeJournalArticle
				detailed = true
			case "unstructured":
				it.Titles = append(it.Titles, fair.Title{Title: s, Type: fair.TitleOther})
				detailed = true
			case "author":
				it.Creators = append(it.Creators, fair.Creator{Name: s})
				detailed = true
			case "year":
				it.PublicationYear = yearOf(s)
			case "volume":
				it.Volume = s
				detailed = true
			case "issue":
				it.Issue = s
			case "first-page":
				it.FirstPage = s
				detailed = true
			case "edition":
				it.Edition = s
			case "ISBN":
				if doi == "" {
					it.Identifier = fair.RelatedItemIdentifier{Identifier: s, Type: fair.IDTypeISBN}
				}
			case "key", "doi-asserted-by", "isbn-type", "issn-type", "component":
				rd.l.LostEach(path+"."+string(k), x, "Crossref's bookkeeping of references")
			default:
				rd.l.LostEach(path+"."+string(k), x, "no place for it in a reference")
			}
		}
		if doi != "" {
			it.Identifier = fair.RelatedItemIdentifier{Identifier: doi, Type: fair.IDTypeDOI}
		}
		switch {
		case detailed:
			rd.r.References = append(rd.r.References, it)
		case doi != "":
			rd.r.RelatedIdentifiers = append(rd.r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: doi, IdentifierType: fair.IDTypeDOI,
				RelationType: fair.RelCites})
		case it.Identifier.Identifier != "":
			rd.r.RelatedIdentifiers = append(rd.r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: it.Identifier.Identifier,
				IdentifierType: it.Identifier.Type, RelationType: fair.RelCites})
		default:
			rd.l.Lost(path, ref, "a reference with nothing to identify or describe the work")
		}
	}
}

func (rd *jsonWork) licenses(v jsonwalk.Value) {
	i := 0
	for x := range v.Elements() {
		path := loss.Index("license", i)
		i++
		u := x.Get("URL").Str()
		if u == "" {
			rd.l.Lost(path, x, "a licence without URL")
			continue
		}
		if !hasRights(rd.r.Rights, u) {
			rd.r.Rights = append(rd.r.Rights, fair.Rights{URI: u})
		}
		for k, y := range x.Members() {
			if string(k) != "URL" {
				rd.l.LostEach(path+"."+string(k), y, "the record keeps a licence's URL only")
			}
		}
	}
}

func hasRights(rs []fair.Rights, uri string) bool {
	for _, r := range rs {
		if r.URI == uri {
			return true
		}
	}
	return false
}

func (rd *jsonWork) funders(v jsonwalk.Value) {
	i := 0
	for x := range v.Elements() {
		path := loss.Index("funder", i)
		i++
		f := fair.FundingReference{FunderName: x.Get("name").Str()}
		if d := x.Get("DOI").Str(); d != "" {
			if p, err := fair.ParseDOI(d); err == nil {
				f.FunderIdentifier, f.FunderIdentifierType = "https://doi.org/"+p.Value, fair.FunderCrossrefFunderID
			}
		}
		for id := range x.Get("id").Elements() {
			if strings.EqualFold(id.Get("id-type").Str(), "DOI") && f.FunderIdentifier == "" {
				if p, err := fair.ParseDOI(id.Get("id").Str()); err == nil {
					f.FunderIdentifier, f.FunderIdentifierType = "https://doi.org/"+p.Value, fair.FunderCrossrefFunderID
				}
			}
		}
		if f.FunderName == "" && f.FunderIdentifier == "" {
			rd.l.Lost(path, x, "a funder without name or DOI")
			continue
		}
		if f.FunderName == "" {
			f.FunderName = f.FunderIdentifier // DataCite requires a name; the Funder Registry DOI names the funder
		}
		awards := strs(x.Get("award"))
		if len(awards) == 0 {
			rd.r.FundingReferences = append(rd.r.FundingReferences, f)
		}
		for _, a := range awards {
			g := f
			g.AwardNumber = a
			rd.r.FundingReferences = append(rd.r.FundingReferences, g)
		}
		for k, y := range x.Members() {
			switch string(k) {
			case "name", "DOI", "award", "id":
			case "doi-asserted-by":
				rd.l.LostEach(path+".doi-asserted-by", y, "Crossref's bookkeeping of funders")
			default:
				rd.l.Lost(path+"."+string(k), y, "no place for it in a funding reference")
			}
		}
	}
}

func (rd *jsonWork) links(v jsonwalk.Value) {
	i := 0
	for x := range v.Elements() {
		path := loss.Index("link", i)
		i++
		d := fair.Distribution{ContentURL: x.Get("URL").Str()}
		if ct := x.Get("content-type").Str(); ct != "unspecified" {
			d.MediaType = ct
		}
		if d.ContentURL == "" {
			rd.l.Lost(path, x, "a link without URL")
			continue
		}
		rd.r.Distributions = append(rd.r.Distributions, d)
		for k, y := range x.Members() {
			switch string(k) {
			case "URL", "content-type":
			default:
				rd.l.LostEach(path+"."+string(k), y, "the record keeps a full-text link's URL and media type only")
			}
		}
	}
}

func (rd *jsonWork) relations(v jsonwalk.Value) {
	for k, list := range v.Members() {
		rel, info := relationOf(string(k))
		i := 0
		for x := range list.Elements() {
			path := loss.Index("relation."+string(k), i)
			i++
			id, typ := x.Get("id").Str(), strings.ToLower(x.Get("id-type").Str())
			it, ok := idTypes[typ]
			if id == "" || !ok {
				rd.l.Lost(path, x, "a relation without an identifier of a known type")
				continue
			}
			if rel == fair.RelCites && hasCites(rd.r, id) {
				continue // the reference list has it already
			}
			rd.r.RelatedIdentifiers = append(rd.r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: id, IdentifierType: it,
				RelationType: rel, RelationTypeInformation: info})
		}
	}
}

func hasCites(r *fair.Resource, id string) bool {
	for _, ri := range r.RelatedIdentifiers {
		if ri.RelationType == fair.RelCites && strings.EqualFold(ri.Identifier, id) {
			return true
		}
	}
	for _, it := range r.References {
		if strings.EqualFold(it.Identifier.Identifier, id) {
			return true
		}
	}
	return false
}

func (rd *jsonWork) event(v jsonwalk.Value) {
	c := &rd.r.Publication.Conference
	for k, x := range v.Members() {
		switch string(k) {
		case "name":
			c.Name = x.Str()
		case "acronym":
			c.Acronym = x.Str()
		case "location":
			c.Place = x.Str()
		case "start":
			c.StartDate = dateParts(x)
		case "end":
			c.EndDate = dateParts(x)
		default:
			rd.l.Lost("event."+string(k), x, "no place for it in a conference")
		}
	}
}

// jatsText turns a JATS abstract ("<jats:p>...</jats:p>") into plain text: paragraphs become lines, other tags go,
// entities are decoded.
func jatsText(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			b.WriteString(s[i:])
			break
		}
		tag := s[i+1 : i+j]
		if strings.HasPrefix(tag, "/") && (strings.HasSuffix(tag, ":p") || tag == "/p" || strings.HasSuffix(tag, ":title") || tag == "/title") {
			b.WriteByte('\n')
		}
		s = s[i+j+1:]
	}
	out := htmlUnescape(b.String())
	lines := strings.Split(out, "\n")
	kept := lines[:0]
	for _, l := range lines {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			kept = append(kept, l)
		}
	}
	return strings.Join(kept, "\n")
}

var entities = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'", "&#39;", "'", "&nbsp;", " ", "&amp;", "&")

func htmlUnescape(s string) string { return entities.Replace(s) }

// anyWork reports whether a list holds a work: an object with a DOI.
func anyWork(items jsonwalk.Value) bool {
	for w := range items.Elements() {
		if w.Kind() == jsonwalk.Object && w.Get("DOI").Kind() == jsonwalk.String {
			return true
		}
	}
	return false
}
