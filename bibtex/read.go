package bibtex

import (
	"errors"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/citation"
)

// ErrNoEntry is returned by Read for input that holds no BibTeX entry.
var ErrNoEntry = errors.New("bibtex: no entry in the input")

// Read reads every entry of a BibTeX (or BibLaTeX) file into a record, with the notes of what the records cannot
// hold (paths "[i].field", i the entry's place in the file). An entry that cannot be parsed is left out and named in
// the notes with the reason; when no entry can be read the error is the first entry's *SyntaxError, or ErrNoEntry.
// @string macros, '#' concatenation and the month macros are expanded; LaTeX is decoded to Unicode (TeX math between
// $ signs is kept).
func Read(data []byte) (recs []*fair.Resource, notRead fair.Notes, err error) {
	if len(data) > MaxInput {
		return nil, nil, &SyntaxError{Line: 1, Msg: "input larger than " + strconv.Itoa(MaxInput) + " bytes"}
	}
	s := strings.TrimPrefix(string(data), "\ufeff")
	entries, skipped := parseFile(s)
	if len(entries) == 0 {
		if len(skipped) > 0 {
			return nil, nil, skipped[0]
		}
		return nil, nil, ErrNoEntry
	}
	for _, e := range skipped {
		notRead.Add("line "+strconv.Itoa(e.Line), e.Entry, "entry not read: "+e.Error())
	}
	for i, e := range entries {
		r, ns := toResource(&e)
		recs = append(recs, r)
		notRead = append(notRead, ns.Prefixed("["+strconv.Itoa(i)+"]")...)
	}
	return recs, notRead, nil
}

// fieldReaders are the fields toResource reads; the others are reported.
var fieldReaders = map[string]bool{
	"author": true, "editor": true, "collaboration": true, "title": true, "booktitle": true, "journal": true,
	"journaltitle": true, "shortjournal": true, "eprint": true, "archiveprefix": true, "eprinttype": true,
	"primaryclass": true, "eprintclass": true, "reportnumber": true, "number": true, "doi": true, "url": true,
	"volume": true, "pages": true, "chapter": true, "publisher": true, "school": true, "institution": true,
	"organization": true, "edition": true, "isbn": true, "issn": true, "version": true, "month": true,
	"year": true, "date": true, "abstract": true, "keywords": true, "language": true, "note": true, "type": true,
	"issue": true, "subtitle": true, "series": true,
}

func toResource(e *rawEntry) (*fair.Resource, fair.Notes) {
	var notes fair.Notes
	r := &fair.Resource{}
	get := func(name string) string { return strings.TrimSpace(Decode(e.get(name))) }
	rt, known := citation.FromBibTeXType(e.Type)
	if !known {
		notes.Add("@"+e.Type, "", "an entry type fairmeta does not know: read as Other")
	}
	r.ResourceType = rt
	if e.Type == "article" && e.get("journal") == "" && e.get("journaltitle") == "" && e.get("eprint") != "" {
		r.ResourceType.General = fair.ResourceTypePreprint // INSPIRE writes e-prints not yet published as @article
	}
	if t := get("type"); t != "" {
		r.ResourceType.Type = t
	}

	// People: collaborations first, as records keep them.
	if c := get("collaboration"); c != "" {
		for _, name := range strings.Split(c, ",") {
			if name = strings.TrimSpace(name); name != "" {
				r.Creators = append(r.Creators, fair.Creator{Name: name, NameType: fair.NameOrganizational})
			}
		}
	}
	readNames := func(field string) []fair.Creator {
		var out []fair.Creator
		for _, s := range splitAnd(e.get(field)) {
			if strings.EqualFold(s, "others") {
				notes.Add(field, "and others", "the list was cut: the names after it are not known")
				continue
			}
			if n := parseName(s); !n.IsZero() {
				out = append(out, n.Creator())
			}
		}
		return out
	}
	r.Creators = append(r.Creators, readNames("author")...)
	for _, c := range readNames("editor") {
		r.Contributors = append(r.Contributors, fair.Contributor{Creator: c, ContributorType: fair.ContributorEditor})
	}

	title := get("title")
	if sub := get("subtitle"); sub != "" {
		title = strings.TrimRight(title, " :") + ": " + sub
	}
	if title != "" {
		r.Titles = []fair.Title{{Title: title}}
	}

	// Identifiers.
	for i, d := range splitList(e.get("doi")) {
		d = citation.BareDOI(d)
		if i == 0 {
			r.Identifier = fair.Identifier{Value: d, Type: "DOI"}
		} else {
			r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: d, Type: "DOI"})
		}
	}
	r.URL = strings.TrimSpace(e.get("url"))
	if ep := strings.TrimSpace(e.get("eprint")); ep != "" {
		prefix := strings.ToLower(e.get("archiveprefix") + e.get("eprinttype"))
		if _, err := fair.ParseArXiv(ep); err == nil && (prefix == "" || prefix == "arxiv") {
			r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: ep, Type: fair.AltIDArXiv})
			cat := strings.TrimSpace(e.get("primaryclass") + e.get("eprintclass"))
			if cat != "" {
				r.Subjects = append(r.Subjects, fair.Subject{Subject: cat, Scheme: fair.SubjectSchemeArXiv, SchemeURI: fair.SubjectSchemeURIArXiv})
			}
		} else {
			notes.Add("eprint", ep+" ("+prefix+")", "an e-print that is not arXiv's: the record has no place for it")
		}
	}
	reports := splitList(e.get("reportnumber"))
	if e.Type == "techreport" || e.Type == "report" {
		reports = append(reports, splitList(get("number"))...)
	}
	for _, rn := range reports {
		r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: rn, Type: fair.AltIDReportNumber})
	}

	// The container.
	c := fair.RelatedItem{Type: citation.ContainerType(r.ResourceType.General), RelationType: fair.RelIsPublishedIn}
	switch {
	case get("journal") != "" || get("journaltitle") != "":
		j := get("journal")
		if j == "" {
			j = get("journaltitle")
		}
		c.Titles = append(c.Titles, fair.Title{Title: j})
		if c.Type == "" {
			c.Type = fair.ResourceTypeJournal
		}
	case get("booktitle") != "":
		c.Titles = append(c.Titles, fair.Title{Title: get("booktitle")})
		if c.Type == "" {
			c.Type = fair.ResourceTypeBook
		}
	case get("series") != "":
		c.Titles = append(c.Titles, fair.Title{Title: get("series")})
		if c.Type == "" {
			c.Type = fair.ResourceTypeBook
		}
	}
	if s := get("shortjournal"); s != "" {
		c.Titles = append(c.Titles, fair.Title{Title: s, Type: fair.TitleAlternativeTitle})
	}
	c.Volume = get("volume")
	c.Issue = get("issue")
	if e.Type != "techreport" && e.Type != "report" {
		if c.Issue == "" {
			c.Issue = get("number")
		} else if n := get("number"); n != "" {
			notes.Add("number", n, "the record's container holds one issue")
		}
	}
	c.FirstPage, c.LastPage = citation.SplitPages(get("pages"))
	if ch := get("chapter"); ch != "" {
		c.Number, c.NumberType = ch, fair.NumberChapter
	}
	if s := strings.TrimSpace(e.get("issn")); s != "" {
		c.Identifier = fair.RelatedItemIdentifier{Identifier: s, Type: fair.IDTypeISSN}
	}
	if s := strings.TrimSpace(e.get("isbn")); s != "" {
		if len(c.Titles) > 0 && c.Identifier.Identifier == "" {
			c.Identifier = fair.RelatedItemIdentifier{Identifier: s, Type: fair.IDTypeISBN}
		} else {
			r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: s, Type: "ISBN"})
		}
	}
	if ed := get("edition"); ed != "" {
		if len(c.Titles) > 0 {
			c.Edition = ed
		} else {
			r.Version = ed
		}
	}
	if len(c.Titles) > 0 || c.Volume != "" || c.Issue != "" || c.FirstPage != "" || c.Number != "" || c.Identifier.Identifier != "" {
		if c.Type == "" {
			c.Type = fair.ResourceTypeOther
		}
		r.RelatedItems = append(r.RelatedItems, c)
	}

	// Publisher, version, date.
	for _, f := range []string{"publisher", "school", "institution", "organization"} {
		if v := get(f); v != "" {
			if r.Publisher.Name == "" {
				r.Publisher.Name = v
			} else {
				notes.Add(f, v, "the record holds one publisher")
			}
		}
	}
	if v := get("version"); v != "" {
		if r.Version != "" {
			notes.Add("edition", r.Version, "the record holds one version")
		}
		r.Version = v
	}
	readDate(e, r, &notes)

	if s := get("abstract"); s != "" {
		r.Descriptions = append(r.Descriptions, fair.Description{Description: s, Type: fair.DescriptionAbstract})
	}
	if s := get("note"); s != "" {
		r.Descriptions = append(r.Descriptions, fair.Description{Description: s, Type: fair.DescriptionOther})
	}
	if s := get("keywords"); s != "" {
		for _, k := range strings.FieldsFunc(s, func(c rune) bool { return c == ',' || c == ';' }) {
			if k = strings.TrimSpace(k); k != "" {
				r.Keywords = append(r.Keywords, k)
			}
		}
	}
	r.Language = get("language")

	// The key: kept unless it is the key the record gets anyway.
	if k := strings.TrimSpace(e.Key); k != "" && k != citation.Key(r) {
		r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: k, Type: citation.AltIDCitationKey})
	}
	for _, f := range e.Fields {
		switch {
		case strings.HasSuffix(f.Name, "#duplicate"):
			notes.Add(strings.TrimSuffix(f.Name, "#duplicate"), shorten(f.Value), "a second value of the field: the first is read")
		case !fieldReaders[f.Name]:
			notes.Add(f.Name, shorten(f.Value), "the record has no place for it")
		}
	}
	return r, notes
}

var monthNumbers = map[string]int{
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}

func readDate(e *rawEntry, r *fair.Resource, notes *fair.Notes) {
	if d := strings.TrimSpace(e.get("date")); d != "" { // BibLaTeX's ISO date
		if ds, ok := citation.ParseDate(d); ok {
			r.Dates = append(r.Dates, fair.Date{Date: citation.FormatDates(ds), Type: fair.DateIssued})
			r.PublicationYear = ds[0][0]
			return
		}
		notes.Add("date", d, "not an ISO 8601 date")
	}
	ys := strings.TrimSpace(Decode(e.get("year")))
	if ys == "" {
		return
	}
	year, err := strconv.Atoi(ys)
	if err != nil || year <= 0 || year > 9999 {
		notes.Add("year", ys, "not a year")
		return
	}
	r.PublicationYear = year
	d := citation.YMD{year}
	if m := strings.ToLower(strings.TrimSpace(Decode(e.get("month")))); m != "" {
		if n, err := strconv.Atoi(m); err == nil && n >= 1 && n <= 12 {
			d[1] = n
		} else if n := monthNumbers[m[:min(3, len(m))]]; n > 0 {
			d[1] = n
		} else {
			notes.Add("month", m, "not a month")
		}
	}
	r.Dates = append(r.Dates, fair.Date{Date: citation.FormatDate(d), Type: fair.DateIssued})
}

// splitList splits a comma-separated list of identifiers.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func shorten(s string) string {
	if len(s) > 80 {
		return s[:77] + "..."
	}
	return s
}
