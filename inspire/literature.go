package inspire

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/jsonwalk"
)

// MaxInputSize is the largest document Read accepts (INSPIRE's largest author lists make records of a few MB).
const MaxInputSize = 64 << 20

// ReadError reports input that is not an INSPIRE literature record: malformed JSON, a record of another kind, a
// value of the wrong kind where the record needs one. Path locates the problem in the input ("" for the whole).
type ReadError struct {
	Path string // where, e.g. "hits.hits[2].metadata.$schema"
	Msg  string // what is wrong
	Err  error  // the underlying error (a JSON syntax error, ErrNotLiterature), if any
}

// Error says where and what.
func (e *ReadError) Error() string {
	if e.Path == "" {
		return "inspire: " + e.Msg
	}
	return "inspire: " + e.Path + ": " + e.Msg
}

// Unwrap returns the underlying error.
func (e *ReadError) Unwrap() error { return e.Err }

// ErrNotLiterature is matched (errors.Is) by the error of Read given an INSPIRE record that is not a literature
// record (an institution, author, conference, ... record).
var ErrNotLiterature = errors.New("inspire: not a literature record")

// Read reads INSPIRE-HEP literature records as the REST API gives them: a record's metadata alone (the hep schema,
// as in INSPIRE's data dumps), a record with its "metadata" wrapper (/api/literature/N), or a search result
// ({"hits": {"hits": [...]}}). It returns one Resource per record and the notes of what the records cannot hold,
// paths prefixed with "[i]" when the input holds several records.
//
// The mapping is in the package documentation. Read never uses the network: affiliations keep the INSPIRE
// institution numbers, which a [Lookup] resolves to ROR and HAL structure identifiers offline.
func Read(data []byte) ([]*fair.Resource, fair.Notes, error) {
	if len(data) > MaxInputSize {
		return nil, nil, &ReadError{Msg: fmt.Sprintf("input of %d bytes is larger than %d", len(data), MaxInputSize)}
	}
	root, err := jsonwalk.Parse(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if err != nil {
		return nil, nil, &ReadError{Msg: err.Error(), Err: err}
	}
	if root.Kind() != jsonwalk.Object {
		return nil, nil, &ReadError{Msg: "the input is " + root.Kind().String() + ", not a record"}
	}
	if hits := root.Get("hits"); hits.Kind() == jsonwalk.Object {
		var recs []*fair.Resource
		var notes fair.Notes
		list := hits.Get("hits")
		if list.Kind() != jsonwalk.Array {
			return nil, nil, &ReadError{Path: "hits.hits", Msg: "is " + list.Kind().String() + ", not a list of records"}
		}
		i := 0
		for h := range list.Elements() {
			r, ns, err := readRecord(h)
			if err != nil {
				var re *ReadError
				if errors.As(err, &re) {
					re.Path = join(idx("hits.hits", i), re.Path)
				}
				return nil, nil, err
			}
			recs = append(recs, r)
			notes = append(notes, ns.Indexed("", i)...)
			i++
		}
		if len(recs) == 0 {
			return nil, nil, &ReadError{Path: "hits.hits", Msg: "no record in the search result"}
		}
		return recs, notes, nil
	}
	r, notes, err := readRecord(root)
	if err != nil {
		return nil, nil, err
	}
	return []*fair.Resource{r}, notes, nil
}

// readRecord reads one record, wrapped in {"metadata": ...} or not.
func readRecord(v jsonwalk.Value) (*fair.Resource, fair.Notes, error) {
	if v.Kind() != jsonwalk.Object {
		return nil, nil, &ReadError{Msg: "is " + v.Kind().String() + ", not a record"}
	}
	var l lossReport
	meta, prefix := v, ""
	if m := v.Get("metadata"); m.Kind() == jsonwalk.Object {
		meta, prefix = m, "metadata"
		for k, x := range v.Members() {
			if string(k) != "metadata" {
				l.lost(string(k), x, "REST API bookkeeping of the record, not part of its metadata")
			}
		}
	}
	if kind := recordKind(meta); kind != "" && kind != "hep" && kind != "literature" {
		return nil, nil, &ReadError{Path: join(prefix, "$schema"), Msg: "an INSPIRE " + kind + " record: " + ErrNotLiterature.Error(),
			Err: ErrNotLiterature}
	}
	if meta.Get("titles").Kind() != jsonwalk.Array && meta.Get("control_number").Kind() == jsonwalk.Invalid {
		return nil, nil, &ReadError{Path: prefix, Msg: "neither titles nor control_number: not an INSPIRE literature record", Err: ErrNotLiterature}
	}
	rd := literature{r: &fair.Resource{}, lossReport: &l, prefix: prefix}
	rd.read(meta)
	return rd.r, l.Notes(), nil
}

// recordKind returns the kind of INSPIRE record: the schema $schema names ("hep", "institutions", "authors", ...),
// else the collection _collections names (lower case: "literature", "authors", ...), else what its members show;
// "" when nothing tells.
func recordKind(meta jsonwalk.Value) string {
	if s := meta.Get("$schema").Str(); s != "" {
		s = s[strings.LastIndexByte(s, '/')+1:]
		return strings.TrimSuffix(s, ".json")
	}
	for c := range meta.Get("_collections").Elements() {
		switch k := strings.ToLower(c.Str()); k {
		case "literature", "authors", "institutions", "conferences", "experiments", "journals", "jobs", "seminars", "data":
			return k
		}
	}
	switch {
	case meta.Get("titles").Kind() == jsonwalk.Array || meta.Get("document_type").Kind() == jsonwalk.Array:
		return "literature"
	case meta.Get("ICN").Kind() == jsonwalk.Array || meta.Get("legacy_ICN").Kind() == jsonwalk.String:
		return "institutions"
	case meta.Get("name").Kind() == jsonwalk.Object && meta.Get("ids").Kind() == jsonwalk.Array:
		return "authors"
	}
	return ""
}

// literature reads one hep record into r.
type literature struct {
	r *fair.Resource
	*lossReport
	prefix string

	docTypes, pubTypes []string
	journal            bool // a publication_info names a journal
	collaborations     []fair.Creator
	corporate          []fair.Creator
	authors            []fair.Creator
	year               int    // from publication_info
	imprintYear        int    // from imprints
	preprintYear       int    // from preprint_date
	thesisYear         int    // from thesis_info
	issued             string // a full date of publication, from imprints
	arxiv              []string
	parents            []int // indices in r.RelatedItems of the books or proceedings the work is part of
}

// bookkeeping are INSPIRE's fields about the record rather than the work.
var bookkeeping = map[string]string{
	"$schema": "", "_collections": "", "_bucket": "", "_files": "", "_desy_bookkeeping": "", "_private_notes": "private notes of INSPIRE's curators",
	"_export_to": "", "acquisition_source": "", "citeable": "", "core": "", "curated": "", "deleted": "", "deleted_records": "",
	"legacy_creation_date": "", "legacy_version": "", "new_record": "", "self": "", "withdrawn": "", "rpp": "",
}

func (rd *literature) path(name string) string { return join(rd.prefix, name) }

func (rd *literature) read(meta jsonwalk.Value) {
	r := rd.r
	for k, v := range meta.Members() {
		key := string(k)
		switch key {
		case "control_number":
			if n, ok := v.Int(); ok {
				id := strconv.FormatInt(n, 10)
				r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: id, Type: fair.AltIDInspire})
				r.URL = "https://inspirehep.net/literature/" + id
			} else {
				rd.lost(rd.path(key), v, "not a record number")
			}
		case "titles":
			rd.titles(v)
		case "title_translations":
			rd.translations(v)
		case "authors":
			rd.readAuthors(v)
		case "collaborations":
			rd.readCollaborations(v)
		case "corporate_author":
			i := 0
			for e := range v.Elements() {
				if s := e.Str(); s != "" {
					rd.corporate = append(rd.corporate, fair.Creator{Name: s, NameType: fair.NameOrganizational})
				} else {
					rd.lost(idx(rd.path(key), i), e, "not a name")
				}
				i++
			}
		case "abstracts":
			rd.abstracts(v)
		case "arxiv_eprints":
			rd.eprints(v)
		case "dois":
			rd.dois(v)
		case "document_type":
			rd.docTypes = strs(v)
		case "publication_type":
			rd.pubTypes = strs(v)
		case "publication_info":
			rd.publicationInfo(v)
		case "report_numbers":
			rd.values(v, key, func(val string) {
				r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: val, Type: fair.AltIDReportNumber})
			}, "hidden", "source")
		case "texkeys":
			i := 0
			for e := range v.Elements() {
				if s := e.Str(); s != "" {
					r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: s, Type: fair.AltIDInspireTeXKey})
				} else {
					rd.lost(idx(rd.path(key), i), e, "not a TeX key")
				}
				i++
			}
		case "external_system_identifiers", "persistent_identifiers":
			rd.externalIDs(v, key)
		case "isbns":
			rd.values(v, key, func(val string) {
				r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: val, Type: fair.Scheme(fair.IDTypeISBN)})
			}, "medium")
		case "keywords":
			rd.keywords(v)
		case "inspire_categories":
			rd.categories(v)
		case "accelerator_experiments":
			rd.experiments(v)
		case "languages":
			for i, s := range strs(v) {
				if i == 0 {
					r.Language = s
				} else {
					rd.lostText(idx(rd.path(key), i), s, "the record has one language")
				}
			}
		case "license":
			rd.licenses(v)
		case "copyright":
			rd.copyrights(v)
		case "number_of_pages":
			if n, ok := v.Int(); ok && n > 0 {
				r.Sizes = append(r.Sizes, strconv.FormatInt(n, 10)+" pages")
			} else {
				rd.lost(rd.path(key), v, "not a number of pages")
			}
		case "preprint_date":
			if d := v.Str(); d != "" {
				r.Dates = append(r.Dates, fair.Date{Date: d, Type: fair.DateAvailable, Information: "preprint"})
				rd.preprintYear = yearOf(d)
			}
		case "imprints":
			rd.imprints(v)
		case "thesis_info":
			rd.thesis(v)
		case "public_notes":
			rd.sourced(v, key, func(s string) {
				r.Descriptions = append(r.Descriptions, fair.Description{Description: s, Type: fair.DescriptionOther})
			})
		case "funding_info":
			rd.funding(v)
		case "references":
			rd.references(v)
		case "related_records":
			rd.related(v)
		case "data":
			rd.data(v)
		case "book_series":
			rd.bookSeries(v)
		case "editions":
			for i, s := range strs(v) {
				if i == 0 {
					r.Version = s
				} else {
					rd.lostText(idx(rd.path(key), i), s, "the record has one edition")
				}
			}
		case "documents":
			rd.documents(v)
		case "figures":
			rd.lost(rd.path(key), v, fmt.Sprintf("%d figures with captions: no place in the record", v.Len()))
		case "urls":
			rd.urls(v)
		case "refereed":
			if b, ok := v.Bool(); ok {
				rd.lostText(rd.path(key), strconv.FormatBool(b), "whether the work was refereed has no place in the record")
			}
		default:
			if reason, ok := bookkeeping[key]; ok {
				if reason == "" {
					reason = "INSPIRE's bookkeeping of the record, not part of its metadata"
				}
				rd.lost(rd.path(key), v, reason)
				continue
			}
			rd.lost(rd.path(key), v, "not a field of the INSPIRE hep schema fairmeta knows")
		}
	}
	rd.finish()
}

// finish sets what depends on several fields: creators in order, the type, the year, the primary identifier.
func (rd *literature) finish() {
	r := rd.r
	r.Creators = append(append(append(r.Creators, rd.collaborations...), rd.corporate...), rd.authors...)
	r.ResourceType = resourceType(rd.docTypes, rd.pubTypes, rd.journal)
	if r.ResourceType.General == fair.ResourceTypeConferencePaper {
		for _, i := range rd.parents {
			r.RelatedItems[i].Type = fair.ResourceTypeConferenceProceeding
		}
	}
	for _, y := range []int{rd.year, rd.imprintYear, rd.thesisYear, rd.preprintYear} {
		if y > 0 {
			r.PublicationYear = y
			break
		}
	}
	if rd.issued != "" {
		r.Dates = append([]fair.Date{{Date: rd.issued, Type: fair.DateIssued}}, r.Dates...)
	}
	if r.Identifier.Value == "" && len(rd.arxiv) > 0 {
		// A record without a DOI of its own is identified by the DOI arXiv registers for the e-print.
		if d := fair.ArXivDOI(rd.arxiv[0]); d != "" {
			r.Identifier = fair.Identifier{Value: d, Type: "DOI"}
		}
	}
	if c := r.Container(); c != nil && c.PublicationYear == 0 {
		c.PublicationYear = rd.year
	}
}

// docTypeRows maps INSPIRE document types to DataCite general types, the strongest first: a record is a
// "conference paper" before it is an "article".
var docTypeRows = []struct {
	doc     string
	general fair.ResourceTypeGeneral
}{
	{"thesis", fair.ResourceTypeDissertation},
	{"conference paper", fair.ResourceTypeConferencePaper},
	{"book chapter", fair.ResourceTypeBookChapter},
	{"proceedings", fair.ResourceTypeConferenceProceeding},
	{"book", fair.ResourceTypeBook},
	{"report", fair.ResourceTypeReport},
	{"activity report", fair.ResourceTypeReport},
	{"article", fair.ResourceTypeJournalArticle},
	{"note", fair.ResourceTypeText},
}

// resourceType is the general type of the strongest document type (an article not published in a journal is a
// preprint) and, as the specific type, INSPIRE's document and publication types.
func resourceType(docTypes, pubTypes []string, journal bool) fair.ResourceType {
	var t fair.ResourceType
	for _, row := range docTypeRows {
		for _, d := range docTypes {
			if strings.EqualFold(d, row.doc) && t.General == "" {
				t.General = row.general
			}
		}
	}
	if t.General == fair.ResourceTypeJournalArticle && !journal {
		t.General = fair.ResourceTypePreprint
	}
	if t.General == "" {
		t.General = fair.ResourceTypeText
	}
	t.Type = strings.Join(append(append([]string(nil), docTypes...), pubTypes...), ", ")
	return t
}

func strs(v jsonwalk.Value) []string {
	var out []string
	for e := range v.Elements() {
		if s := e.Str(); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// yearOf returns the year a date starts with, or 0.
func yearOf(d string) int {
	if len(d) < 4 {
		return 0
	}
	y, err := strconv.Atoi(d[:4])
	if err != nil || y < 1000 {
		return 0
	}
	return y
}

// recordNumber returns the number at the end of a JSON reference {"$ref": ".../api/institutions/902725"}.
func recordNumber(ref jsonwalk.Value) string {
	s := ref.Get("$ref").Str()
	n := s[strings.LastIndexByte(s, '/')+1:]
	if n == "" || strings.Trim(n, "0123456789") != "" {
		return ""
	}
	return n
}

// recordKindOf returns the collection a JSON reference points into ("literature", "institutions", ...).
func recordKindOf(ref jsonwalk.Value) string {
	s := strings.TrimRight(ref.Get("$ref").Str(), "0123456789")
	s = strings.TrimSuffix(s, "/")
	return s[strings.LastIndexByte(s, '/')+1:]
}

func (rd *literature) titles(v jsonwalk.Value) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path("titles"), i)
		i++
		t := e.Get("title").Str()
		if t == "" {
			rd.lost(p, e, "a title without text")
			continue
		}
		typ := fair.TitleAlternativeTitle
		if !hasTitle(rd.r.Titles, "") {
			typ = ""
		}
		if !hasTitle(rd.r.Titles, t) {
			rd.r.Titles = append(rd.r.Titles, fair.Title{Title: t, Type: typ})
		}
		for k, x := range e.Members() {
			switch string(k) {
			case "title", "source":
			case "subtitle":
				if s := x.Str(); s != "" && !hasTitle(rd.r.Titles, s) {
					rd.r.Titles = append(rd.r.Titles, fair.Title{Title: s, Type: fair.TitleSubtitle})
				}
			default:
				rd.lost(join(p, string(k)), x, "no place for it in a title")
			}
		}
	}
}

// hasTitle reports whether ts has a title with text t, or a main title when t is "".
func hasTitle(ts []fair.Title, t string) bool {
	for _, x := range ts {
		if t == "" && x.Type == "" || t != "" && x.Title == t {
			return true
		}
	}
	return false
}

func (rd *literature) translations(v jsonwalk.Value) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path("title_translations"), i)
		i++
		lang := e.Get("language").Str()
		for k, x := range e.Members() {
			switch string(k) {
			case "title":
				rd.r.Titles = append(rd.r.Titles, fair.Title{Title: x.Str(), Type: fair.TitleTranslatedTitle, Lang: lang})
			case "subtitle":
				rd.r.Titles = append(rd.r.Titles, fair.Title{Title: x.Str(), Type: fair.TitleSubtitle, Lang: lang})
			case "language", "source":
			default:
				rd.lost(join(p, string(k)), x, "no place for it in a title")
			}
		}
	}
}

func (rd *literature) abstracts(v jsonwalk.Value) {
	rd.sourced(v, "abstracts", func(s string) {
		for _, d := range rd.r.Descriptions {
			if d.Type == fair.DescriptionAbstract && d.Description == s {
				return
			}
		}
		rd.r.Descriptions = append(rd.r.Descriptions, fair.Description{Description: s, Type: fair.DescriptionAbstract})
	})
}

// sourced reads a list of {value, source} and gives each value to add; the source (which provider said it) is
// provenance of INSPIRE's, not of the work.
func (rd *literature) sourced(v jsonwalk.Value, key string, add func(string)) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path(key), i)
		i++
		if s := e.Get("value").Str(); s != "" {
			add(s)
		} else {
			rd.lost(p, e, "no text")
			continue
		}
		for k, x := range e.Members() {
			switch string(k) {
			case "value", "source":
			default:
				rd.lost(join(p, string(k)), x, "no place for it in the record")
			}
		}
	}
}

// values reads a list of {value, ...} objects, giving each value to add; the members named in ignore say nothing
// about the work (which source gave it, whether INSPIRE shows it) and are not reported.
func (rd *literature) values(v jsonwalk.Value, key string, add func(string), ignore ...string) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path(key), i)
		i++
		val := e.Get("value").Str()
		if val == "" {
			rd.lost(p, e, "no value")
			continue
		}
		add(val)
	members:
		for k, x := range e.Members() {
			if string(k) == "value" {
				continue
			}
			for _, ig := range ignore {
				if string(k) == ig {
					continue members
				}
			}
			rd.lost(join(p, string(k)), x, "no place for it in the record")
		}
	}
}

func (rd *literature) eprints(v jsonwalk.Value) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path("arxiv_eprints"), i)
		i++
		val := e.Get("value").Str()
		pid, err := fair.ParseArXiv(val)
		if err != nil {
			rd.lost(p+".value", e.Get("value"), "not an arXiv identifier")
			continue
		}
		id := pid.Value
		rd.arxiv = append(rd.arxiv, id)
		rd.r.AlternateIdentifiers = append(rd.r.AlternateIdentifiers, fair.Identifier{Value: id, Type: fair.AltIDArXiv})
		for k, x := range e.Members() {
			switch string(k) {
			case "value":
			case "categories":
				for _, c := range strs(x) {
					rd.addSubject(fair.Subject{Subject: c, Scheme: fair.SubjectSchemeArXiv, SchemeURI: fair.SubjectSchemeURIArXiv})
				}
			default:
				rd.lost(join(p, string(k)), x, "no place for it in the record")
			}
		}
	}
}

func (rd *literature) addSubject(s fair.Subject) {
	for _, have := range rd.r.Subjects {
		if have.Subject == s.Subject && have.Scheme == s.Scheme {
			return
		}
	}
	rd.r.Subjects = append(rd.r.Subjects, s)
}

func (rd *literature) dois(v jsonwalk.Value) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path("dois"), i)
		i++
		pid, err := fair.ParseDOI(e.Get("value").Str())
		if err != nil {
			rd.lost(p, e, "not a DOI")
			continue
		}
		material := e.Get("material").Str()
		switch {
		case material != "" && material != "publication" && material != "preprint":
			// The DOI of an erratum, an addendum, a translation: another resource, related to this one.
			rd.r.RelatedIdentifiers = append(rd.r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: pid.Value,
				IdentifierType: fair.IDTypeDOI, RelationType: fair.RelOther, RelationTypeInformation: material})
		case rd.r.Identifier.Value == "":
			rd.r.Identifier = fair.Identifier{Value: pid.Value, Type: "DOI"}
		case !strings.EqualFold(rd.r.Identifier.Value, pid.Value):
			rd.r.AlternateIdentifiers = append(rd.r.AlternateIdentifiers, fair.Identifier{Value: pid.Value, Type: "DOI"})
		}
		for k, x := range e.Members() {
			switch string(k) {
			case "value", "source", "material":
			default:
				rd.lost(join(p, string(k)), x, "no place for it in the record")
			}
		}
	}
}

func (rd *literature) externalIDs(v jsonwalk.Value, key string) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path(key), i)
		i++
		schema, val := e.Get("schema").Str(), e.Get("value").Str()
		if schema == "" || val == "" {
			rd.lost(p, e, "an identifier without scheme or value")
			continue
		}
		if strings.EqualFold(schema, "HAL") {
			schema = fair.AltIDHAL
		}
		rd.r.AlternateIdentifiers = append(rd.r.AlternateIdentifiers, fair.Identifier{Value: val, Type: fair.Scheme(schema)})
		for k, x := range e.Members() {
			switch string(k) {
			case "schema", "value", "source", "material":
			default:
				rd.lost(join(p, string(k)), x, "no place for it in the record")
			}
		}
	}
}

func (rd *literature) keywords(v jsonwalk.Value) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path("keywords"), i)
		i++
		val := e.Get("value").Str()
		if val == "" {
			rd.lost(p, e, "a keyword without text")
			continue
		}
		if schema := e.Get("schema").Str(); schema != "" {
			rd.addSubject(fair.Subject{Subject: val, Scheme: schema})
		} else {
			rd.r.Keywords = append(rd.r.Keywords, val)
		}
		for k, x := range e.Members() {
			switch string(k) {
			case "value", "schema", "source":
			default:
				rd.lost(join(p, string(k)), x, "no place for it in a keyword")
			}
		}
	}
}

func (rd *literature) categories(v jsonwalk.Value) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path("inspire_categories"), i)
		i++
		if t := e.Get("term").Str(); t != "" {
			rd.addSubject(fair.Subject{Subject: t, Scheme: "INSPIRE"})
		} else {
			rd.lost(p, e, "a category without term")
		}
	}
}

func (rd *literature) experiments(v jsonwalk.Value) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path("accelerator_experiments"), i)
		i++
		name := e.Get("legacy_name").Str()
		if name == "" {
			name = strings.TrimSpace(e.Get("accelerator").Str() + " " + e.Get("experiment").Str())
		}
		if name == "" {
			rd.lost(p, e, "an experiment without name")
			continue
		}
		s := fair.Subject{Subject: name, Scheme: "INSPIRE experiment"}
		if n := recordNumber(e.Get("record")); n != "" {
			s.ValueURI = "https://inspirehep.net/experiments/" + n
		}
		rd.addSubject(s)
	}
}

func (rd *literature) licenses(v jsonwalk.Value) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path("license"), i)
		i++
		rt := fair.Rights{Rights: e.Get("license").Str(), URI: e.Get("url").Str()}
		if rt == (fair.Rights{}) {
			rd.lost(p, e, "a licence without name or URL")
			continue
		}
		rd.r.Rights = append(rd.r.Rights, rt)
		for k, x := range e.Members() {
			switch string(k) {
			case "license", "url":
			case "imposing", "material":
				rd.lost(join(p, string(k)), x, "no place for it in a licence")
			default:
				rd.lost(join(p, string(k)), x, "no place for it in a licence")
			}
		}
	}
}

func (rd *literature) copyrights(v jsonwalk.Value) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path("copyright"), i)
		i++
		text := e.Get("statement").Str()
		if text == "" {
			parts := []string{"©"}
			if y, ok := e.Get("year").Text(); ok {
				parts = append(parts, y)
			}
			if h := e.Get("holder").Str(); h != "" {
				parts = append(parts, h)
			}
			if len(parts) == 1 {
				rd.lost(p, e, "a copyright without statement, year or holder")
				continue
			}
			text = strings.Join(parts, " ")
		} else {
			for _, k := range []string{"holder", "year"} {
				if x := e.Get(k); !x.IsEmpty() {
					rd.lost(join(p, k), x, "the copyright's statement is kept, not its parts")
				}
			}
		}
		rd.r.Rights = append(rd.r.Rights, fair.Rights{Rights: text, URI: e.Get("url").Str()})
		if x := e.Get("material"); !x.IsEmpty() {
			rd.lost(join(p, "material"), x, "no place for it in a rights statement")
		}
	}
}

func (rd *literature) imprints(v jsonwalk.Value) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path("imprints"), i)
		i++
		for k, x := range e.Members() {
			switch string(k) {
			case "publisher":
				if rd.r.Publisher.Name == "" {
					rd.r.Publisher.Name = x.Str()
				} else {
					rd.lost(join(p, "publisher"), x, "the record has one publisher")
				}
			case "date":
				d := x.Str()
				if rd.issued == "" {
					rd.issued = d
					rd.imprintYear = yearOf(d)
				} else {
					rd.r.Dates = append(rd.r.Dates, fair.Date{Date: d, Type: fair.DateIssued})
				}
			default:
				rd.lost(join(p, string(k)), x, "no place for it in the record")
			}
		}
	}
}

// degreeTypes are INSPIRE's degree types as the specific type of a thesis.
var degreeTypes = map[string]string{
	"phd": "PhD thesis", "master": "Master's thesis", "diploma": "Diploma thesis", "bachelor": "Bachelor's thesis",
	"habilitation": "Habilitation thesis", "laurea": "Laurea thesis", "other": "Thesis",
}

func (rd *literature) thesis(v jsonwalk.Value) {
	p := rd.path("thesis_info")
	for k, x := range v.Members() {
		switch string(k) {
		case "degree_type":
			if t, ok := degreeTypes[x.Str()]; ok {
				rd.pubTypes = append(rd.pubTypes, t)
			} else {
				rd.pubTypes = append(rd.pubTypes, x.Str())
			}
		case "date":
			d := x.Str()
			rd.thesisYear = yearOf(d)
			rd.r.Dates = append(rd.r.Dates, fair.Date{Date: d, Type: fair.DateIssued, Information: "thesis"})
		case "defense_date":
			rd.r.Dates = append(rd.r.Dates, fair.Date{Date: x.Str(), Type: fair.DateOther, Information: "defence"})
		case "institutions":
			// The university that awards the degree publishes the thesis (DataCite's convention); others host it.
			j := 0
			for inst := range x.Elements() {
				name := inst.Get("name").Str()
				if name == "" {
					rd.lost(idx(join(p, "institutions"), j), inst, "an institution without name")
				} else if j == 0 && rd.r.Publisher.Name == "" {
					rd.r.Publisher.Name = name
				} else {
					rd.r.Contributors = append(rd.r.Contributors, fair.Contributor{ContributorType: fair.ContributorHostingInstitution,
						Creator: fair.Creator{Name: name, NameType: fair.NameOrganizational}})
				}
				if n := recordNumber(inst.Get("record")); n != "" {
					rd.lostText(idx(join(p, "institutions"), j)+".record", n, "the INSPIRE record of a thesis institution has no place in the record")
				}
				j++
			}
		default:
			rd.lost(join(p, string(k)), x, "no place for it in the record")
		}
	}
}

func (rd *literature) funding(v jsonwalk.Value) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path("funding_info"), i)
		i++
		f := fair.FundingReference{FunderName: e.Get("agency").Str(), AwardNumber: e.Get("grant_number").Str()}
		if f.FunderName == "" {
			rd.lost(p, e, "funding without an agency")
			continue
		}
		if pn := e.Get("project_number").Str(); pn != "" {
			if f.AwardNumber == "" {
				f.AwardNumber = pn
			} else {
				f.AwardTitle = "project " + pn
			}
		}
		rd.r.FundingReferences = append(rd.r.FundingReferences, f)
	}
}

func (rd *literature) related(v jsonwalk.Value) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path("related_records"), i)
		i++
		n := recordNumber(e.Get("record"))
		if n == "" {
			rd.lost(p, e, "a related record without record number")
			continue
		}
		rel, info := fair.RelOther, e.Get("relation").Str()
		switch info {
		case "predecessor":
			rel, info = fair.RelContinues, ""
		case "successor":
			rel, info = fair.RelIsContinuedBy, ""
		case "parent":
			rel, info = fair.RelIsPartOf, ""
		}
		if ft := e.Get("relation_freetext").Str(); ft != "" {
			info = strings.TrimSpace(info + " " + ft)
		}
		rd.r.RelatedIdentifiers = append(rd.r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: "https://inspirehep.net/literature/" + n,
			IdentifierType: fair.IDTypeURL, RelationType: rel, RelationTypeInformation: info})
	}
}

func (rd *literature) data(v jsonwalk.Value) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path("data"), i)
		i++
		id, typ := e.Get("doi").Str(), fair.IDTypeDOI
		if id == "" {
			if n := recordNumber(e.Get("record")); n != "" {
				id, typ = "https://inspirehep.net/data/"+n, fair.IDTypeURL
			}
		}
		if id == "" {
			rd.lost(p, e, "a data set without DOI or record")
			continue
		}
		rd.r.RelatedIdentifiers = append(rd.r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: id, IdentifierType: typ,
			RelationType: fair.RelIsSupplementedBy, ResourceTypeGeneral: fair.ResourceTypeDataset})
	}
}

func (rd *literature) bookSeries(v jsonwalk.Value) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path("book_series"), i)
		i++
		t := e.Get("title").Str()
		if t == "" {
			rd.lost(p, e, "a series without title")
			continue
		}
		rd.r.RelatedItems = append(rd.r.RelatedItems, fair.RelatedItem{Type: fair.ResourceTypeCollection, RelationType: fair.RelIsPartOf,
			Titles: []fair.Title{{Title: t}}, Volume: e.Get("volume").Str()})
	}
}

func (rd *literature) documents(v jsonwalk.Value) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path("documents"), i)
		i++
		if h, _ := e.Get("hidden").Bool(); h {
			rd.lost(p, e, "a document INSPIRE does not show")
			continue
		}
		d := fair.Distribution{ContentURL: e.Get("url").Str(), Name: e.Get("filename").Str()}
		if d.Name == "" {
			d.Name = e.Get("key").Str()
		}
		if d.ContentURL == "" {
			rd.lost(p, e, "a document without URL")
			continue
		}
		if strings.HasSuffix(strings.ToLower(d.Name), ".pdf") {
			d.MediaType = "application/pdf"
		}
		rd.r.Distributions = append(rd.r.Distributions, d)
		for _, k := range []string{"description", "original_url", "material"} {
			if x := e.Get(k); !x.IsEmpty() {
				rd.lost(join(p, k), x, "no place for it in a distribution")
			}
		}
	}
}

func (rd *literature) urls(v jsonwalk.Value) {
	i := 0
	for e := range v.Elements() {
		p := idx(rd.path("urls"), i)
		i++
		u := e.Get("value").Str()
		if u == "" {
			rd.lost(p, e, "no URL")
			continue
		}
		// A link INSPIRE keeps for the work (a publisher's page, a scanned copy, a figure): related, of unknown kind.
		info := e.Get("description").Str()
		if info == "" {
			info = "link"
		}
		rd.r.RelatedIdentifiers = append(rd.r.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: u, IdentifierType: fair.IDTypeURL,
			RelationType: fair.RelOther, RelationTypeInformation: info})
	}
}
