package bibtex

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/citation"
)

// Writer writes records as BibTeX entries in INSPIRE-HEP's layout. The zero value writes every author and BibLaTeX's
// @dataset and @software entry types; a Writer is a plain value, safe for concurrent use.
type Writer struct {
	// MaxAuthors, when positive, cuts an author list longer than it to its first KeepAuthors names (MaxAuthors names
	// when KeepAuthors is 0) followed by "and others". INSPIRE cuts lists longer than ten to the first name:
	// Writer{MaxAuthors: 10, KeepAuthors: 1}.
	MaxAuthors  int
	KeepAuthors int
	// Classic writes the entry types classic BibTeX styles know: @misc for datasets and software instead of
	// BibLaTeX's @dataset and @software (which classic styles print as @misc, with a warning).
	Classic bool
}

// ErrOptions is returned by a Writer whose options are out of range.
var ErrOptions = errors.New("bibtex: invalid writer options")

func (wr Writer) check() error {
	if wr.MaxAuthors < 0 || wr.KeepAuthors < 0 || wr.KeepAuthors > wr.MaxAuthors && wr.MaxAuthors > 0 ||
		wr.KeepAuthors > 0 && wr.MaxAuthors == 0 {
		return fmt.Errorf("%w: MaxAuthors %d, KeepAuthors %d (want 0 ≤ KeepAuthors ≤ MaxAuthors, KeepAuthors only with MaxAuthors)", ErrOptions, wr.MaxAuthors, wr.KeepAuthors)
	}
	return nil
}

// Write writes one record as one BibTeX entry and returns the notes of what of it BibTeX cannot hold (paths in the
// record's JSON form). A nil w or r is an error matching fair.ErrNilWrite.
func (wr Writer) Write(w io.Writer, r *fair.Resource) (notWritten fair.Notes, err error) {
	if err := wr.check(); err != nil {
		return nil, err
	}
	if err := fair.CheckWrite(w, r); err != nil {
		return nil, fmt.Errorf("bibtex: %w", err)
	}
	e, notes := wr.entry(r)
	_, err = io.WriteString(w, e.String())
	return notes, err
}

// WriteList writes records as a BibTeX file, one entry after another separated by a blank line; entries whose keys
// coincide get "-2", "-3", ... appended. Each record's notes have the path prefix "[i]". A nil w or record is an
// error matching fair.ErrNilWrite, and nothing is written.
func (wr Writer) WriteList(w io.Writer, rs []*fair.Resource) (notWritten fair.Notes, err error) {
	if err := wr.check(); err != nil {
		return nil, err
	}
	if err := fair.CheckWrite(w, rs...); err != nil {
		return nil, fmt.Errorf("bibtex: %w", err)
	}
	var b strings.Builder
	seen := map[string]int{}
	var notes fair.Notes
	for i, r := range rs {
		e, ns := wr.entry(r)
		notes = append(notes, ns.Prefixed("["+strconv.Itoa(i)+"]")...)
		if n := seen[e.Key]; n > 0 {
			seen[e.Key]++
			k := e.Key + "-" + strconv.Itoa(n+1)
			for seen[k] > 0 {
				n++
				k = e.Key + "-" + strconv.Itoa(n+1)
			}
			e.Key = k
		}
		seen[e.Key]++
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.String())
	}
	_, err = io.WriteString(w, b.String())
	return notes, err
}

// Marshal returns the BibTeX entry of a record, as Write writes it.
func (wr Writer) Marshal(r *fair.Resource) ([]byte, fair.Notes, error) {
	var b strings.Builder
	notes, err := wr.Write(&b, r)
	if err != nil {
		return nil, nil, err
	}
	return []byte(b.String()), notes, nil
}

// entry is one BibTeX entry; field values are LaTeX already, written between quotes.
type entry struct {
	Type, Key string
	Fields    []field
}

type field struct{ Name, Value string }

// String writes the entry as INSPIRE does: four-space indentation, values in double quotes.
func (e *entry) String() string {
	var b strings.Builder
	b.WriteString("@" + e.Type + "{" + e.Key)
	for _, f := range e.Fields {
		b.WriteString(",\n    " + f.Name + " = \"" + f.Value + "\"")
	}
	b.WriteString("\n}\n")
	return b.String()
}

func (e *entry) add(name, value string) {
	if value != "" {
		e.Fields = append(e.Fields, field{name, value})
	}
}

// text adds a field of text, LaTeX-encoded.
func (e *entry) text(name, value string) {
	if value = strings.TrimSpace(value); value != "" {
		e.add(name, Encode(value))
	}
}

// protected adds a field of text whose case is kept by braces (titles).
func (e *entry) protected(name, value string) {
	if value = strings.TrimSpace(value); value != "" {
		e.add(name, "{"+Encode(value)+"}")
	}
}

// verbatim adds a field that is not LaTeX (DOIs, URLs, identifiers): only the characters that would end the value
// or unbalance it are percent-encoded.
func (e *entry) verbatim(name, value string) {
	if value = strings.TrimSpace(value); value != "" {
		e.add(name, strings.NewReplacer(`"`, "%22", "{", "%7B", "}", "%7D", `\`, "%5C").Replace(value))
	}
}

// keyReplacer removes from a key the characters BibTeX does not allow in one.
var keyReplacer = strings.NewReplacer(" ", "_", ",", "_", "{", "", "}", "", `"`, "", "#", "", "%", "", "~", "", "'", "", "(", "", ")", "", "=", "", `\`, "")

// isCollaboration reports whether an organisational creator of r is a collaboration (BibTeX's collaboration field)
// rather than an author: it is when the record names persons too, or when its name says so.
func isCollaboration(name string, hasPersons bool) bool {
	return hasPersons || strings.Contains(strings.ToLower(name), "collaboration")
}

func (wr Writer) entry(r *fair.Resource) (*entry, fair.Notes) {
	var notes fair.Notes
	e := &entry{Type: citation.BibTeXType(r.ResourceType, wr.Classic), Key: keyReplacer.Replace(citation.Key(r))}
	if e.Key == "" {
		e.Key = citation.GeneratedKey(r)
	}
	if tex := r.AlternateIdentifiersOf(fair.AltIDInspireTeXKey); len(tex) > 0 && tex[0] == e.Key {
		notes.Add("alternateIdentifiers", e.Key+" ("+fair.AltIDInspireTeXKey+")", "written as the entry key, read back as the citation key")
	} else if rec := r.AlternateIdentifiersOf(fair.AltIDInspire); len(rec) > 0 && rec[0] == e.Key {
		notes.Add("alternateIdentifiers", e.Key+" ("+fair.AltIDInspire+")", "written as the entry key, read back as the citation key")
	}
	// An e-print not yet in a journal is written @article, as INSPIRE does, and read back as a preprint.
	eprint := r.ResourceType.General == fair.ResourceTypePreprint && e.Type == "article" && r.ArXivID() != "" && r.Container() == nil
	if back, _ := citation.FromBibTeXType(e.Type); r.ResourceType.General != "" && back.General != r.ResourceType.General && !eprint {
		notes.Add("resourceType.general", string(r.ResourceType.General), "written as @"+e.Type+", read back as "+string(back.General))
	}
	typeField := ""
	if t := r.ResourceType.Type; t != "" {
		if e.Type == "phdthesis" || e.Type == "mastersthesis" || e.Type == "techreport" {
			typeField = t // a thesis or report type, printed by the styles
		} else {
			notes.Add("resourceType.type", t, "BibTeX has a specific type only for theses and reports")
		}
	}
	container, cpath := r.Container(), citation.ContainerPath(r)

	// People.
	var persons, collabs []string
	hasPersons := false
	for _, c := range r.Creators {
		if c.NameType != fair.NameOrganizational && !citation.SplitCreator(c).IsZero() && citation.SplitCreator(c).Literal == "" {
			hasPersons = true
		}
	}
	for i, c := range r.Creators {
		n := citation.SplitCreator(c)
		switch {
		case n.IsZero():
			notes.Add(index("creators", i), "", "a creator without a name")
		case c.NameType == fair.NameOrganizational && isCollaboration(n.Literal, hasPersons):
			collabs = append(collabs, n.Literal)
			if len(persons) > 0 {
				notes.Add(index("creators", i), n.Literal, "written as a collaboration, read back before the persons")
			}
		default:
			persons = append(persons, formatName(n))
		}
	}
	if wr.MaxAuthors > 0 && len(persons) > wr.MaxAuthors {
		keep := wr.KeepAuthors
		if keep == 0 {
			keep = wr.MaxAuthors
		}
		notes.Add("creators", strconv.Itoa(len(persons)-keep)+" of "+strconv.Itoa(len(persons))+" authors", "cut to \"and others\" (Writer.MaxAuthors)")
		persons = append(persons[:keep:keep], "others")
	}
	e.add("author", strings.Join(persons, " and "))
	var editors []string
	for i, c := range r.Contributors {
		if c.ContributorType != fair.ContributorEditor {
			notes.Add(index("contributors", i), c.Name+" ("+string(c.ContributorType)+")", "BibTeX has no role "+string(c.ContributorType))
			continue
		}
		if n := citation.SplitCreator(c.Creator); !n.IsZero() {
			editors = append(editors, formatName(n))
		}
	}
	if container != nil && len(editors) == 0 {
		for _, c := range container.Contributors {
			if n := citation.SplitCreator(c.Creator); c.ContributorType == fair.ContributorEditor && !n.IsZero() {
				editors = append(editors, formatName(n))
			}
		}
		if len(editors) > 0 {
			notes.Add(cpath+".contributors", strconv.Itoa(len(editors))+" editors", "written as the entry's editors, read back as the record's")
		}
	}
	e.add("editor", strings.Join(editors, " and "))
	if len(collabs) > 0 {
		e.text("collaboration", strings.Join(collabs, ", "))
	}

	// Title and container.
	title, mainAt := citation.MainTitle(r)
	sub := false
	for i, t := range r.Titles {
		switch {
		case i == mainAt:
		case t.Type == fair.TitleSubtitle && !sub:
			sub = true
			title = strings.TrimRight(title, " :") + ": " + t.Title
			notes.Add(index("titles", i), t.Title, "BibTeX has no subtitle: written after the title and a colon, read back as part of it")
		default:
			notes.Add(index("titles", i), t.Title, "BibTeX holds one title")
		}
	}
	e.protected("title", title)
	var journal, booktitle, short, series string
	if container != nil {
		booktitle, short = citation.ContainerTitles(container)
		switch e.Type {
		case "article":
			journal = booktitle
			if short != "" {
				journal = short
				if booktitle != "" {
					notes.Add(cpath+".titles", booktitle, "the journal is written by its abbreviation")
				}
			}
			booktitle = ""
		case "inproceedings", "inbook", "incollection":
			if short != "" {
				notes.Add(cpath+".titles", short, "BibTeX holds the book's title, not its abbreviation")
			}
		default:
			// A book, proceedings, thesis or report in a series: the series and its volume.
			series, journal, booktitle = booktitle, "", ""
			if series == "" {
				series = short
			} else if short != "" {
				notes.Add(cpath+".titles", short, "BibTeX holds the series' title, not its abbreviation")
			}
		}
	}
	conf := r.Publication.Conference
	if booktitle == "" && e.Type == "inproceedings" && conf.Name != "" {
		booktitle = conf.Name
		notes.Add("publication.conference.name", conf.Name, "written as the booktitle, read back as the proceedings' title")
	} else if !conf.IsZero() {
		notes.Add("publication.conference", conf.Name, "BibTeX has no conference")
	}
	e.protected("booktitle", booktitle)
	e.text("series", series)

	// Identifiers, in INSPIRE's order.
	if arxiv := r.ArXivID(); arxiv != "" {
		e.verbatim("eprint", arxiv)
		e.add("archivePrefix", "arXiv")
		e.verbatim("primaryClass", r.ArXivPrimaryCategory())
	}
	e.verbatim("reportNumber", strings.Join(r.AlternateIdentifiersOf(fair.AltIDReportNumber), ", "))
	e.verbatim("doi", citation.BareDOI(r.DOI())) // one DOI: parsers read the field as one
	if r.Identifier.Value != "" && r.DOI() == "" {
		notes.Add("identifier", r.Identifier.Value+" ("+string(r.Identifier.Type)+")", "BibTeX has no identifier other than a DOI")
	}
	// The ISBN of a record outside a container that has one.
	isbn := ""
	if isbns := r.AlternateIdentifiersOf("ISBN"); len(isbns) > 0 && (container == nil || container.Identifier.Identifier == "") {
		isbn = isbns[0]
	}
	arxivWritten, isbnWritten := false, false
	for i, a := range r.AlternateIdentifiers {
		switch t := strings.ToUpper(string(a.Type)); {
		case t == strings.ToUpper(fair.AltIDReportNumber):
		case t == strings.ToUpper(fair.AltIDArXiv) && !arxivWritten && r.ArXivID() != "" && strings.Contains(a.Value, r.ArXivID()):
			arxivWritten = true
			if a.Value != r.ArXivID() {
				notes.Add(index("alternateIdentifiers", i), a.Value+" ("+string(a.Type)+")", "written as eprint "+r.ArXivID())
			}
		case t == "ISBN" && a.Value == isbn && !isbnWritten:
			isbnWritten = true
		case a.Value == e.Key:
		default:
			notes.Add(index("alternateIdentifiers", i), a.Value+" ("+string(a.Type)+")", "BibTeX has no place for it")
		}
	}
	for i, s := range r.Subjects {
		if strings.EqualFold(s.Scheme, fair.SubjectSchemeArXiv) && s.Subject == r.ArXivPrimaryCategory() {
			continue
		}
		notes.Add(index("subjects", i), s.Subject, "BibTeX has no subjects (the primary arXiv category is primaryClass)")
	}

	// Where it was published.
	if journal != "" {
		if spaced := spaceAbbreviation(journal); spaced != journal {
			notes.Add(cpath+".titles", journal, "written with a space after each full stop, as INSPIRE does: "+spaced)
			journal = spaced
		}
		e.text("journal", journal)
	}
	if container != nil {
		e.text("volume", container.Volume)
		e.text("number", container.Issue)
		pages := citation.Pages(container.FirstPage, container.LastPage, "--")
		switch container.NumberType {
		case fair.NumberChapter:
			e.text("chapter", container.Number)
		case fair.NumberArticle, "":
			if pages == "" {
				pages = container.Number
				if container.Number != "" {
					notes.Add(cpath+".number", container.Number, "the article number is written as the pages, read back as the first page")
				}
			} else if container.Number != "" {
				notes.Add(cpath+".number", container.Number, "BibTeX has no article number beside the pages")
			}
		default:
			notes.Add(cpath+".number", container.Number, "BibTeX has no number of this type")
		}
		e.add("pages", Encode(pages))
		if container.Publisher != "" && r.Publisher.Name == "" && e.Type != "article" {
			e.text("publisher", container.Publisher)
		} else if container.Publisher != "" {
			notes.Add(cpath+".publisher", container.Publisher, "BibTeX holds one publisher")
		}
		e.text("edition", container.Edition)
		switch id := container.Identifier; strings.ToUpper(string(id.Type)) {
		case "":
		case "ISBN":
			e.verbatim("isbn", id.Identifier)
		case "ISSN", "EISSN", "LISSN":
			e.verbatim("issn", id.Identifier)
		default:
			notes.Add(cpath+".identifier", id.Identifier, "BibTeX has no identifier of a container other than its ISSN or ISBN")
		}
		if len(container.Creators) > 0 {
			notes.Add(cpath+".creators", strconv.Itoa(len(container.Creators)), "BibTeX has no authors of a container")
		}
	}
	switch e.Type {
	case "phdthesis", "mastersthesis":
		e.text("school", r.Publisher.Name)
	case "techreport":
		e.text("institution", r.Publisher.Name)
	default:
		e.text("publisher", r.Publisher.Name)
	}
	e.verbatim("isbn", isbn)
	e.text("type", typeField)
	e.text("version", r.Version)
	e.verbatim("url", r.URL)
	for i, s := range r.Sizes {
		notes.Add(index("sizes", i), s, "BibTeX has no size")
	}
	for i, d := range r.Descriptions {
		notes.Add(index("descriptions", i), string(d.Type), "BibTeX has no description (INSPIRE writes none)")
	}
	if len(r.Keywords) > 0 {
		notes.Add("keywords", strings.Join(r.Keywords, ", "), "BibTeX has no keywords (INSPIRE writes none)")
	}
	if r.Language != "" {
		notes.Add("language", r.Language, "BibTeX has no language (INSPIRE writes none)")
	}

	// The date.
	issued, at, ok := citation.Issued(r)
	if ok && container == nil && issued[0][1] != 0 {
		e.add("month", strconv.Itoa(issued[0][1])) // INSPIRE's month, for what has no journal yet
	}
	if ok {
		e.add("year", strconv.Itoa(issued[0][0]))
	}
	for i, d := range r.Dates {
		switch {
		case i == at:
			if len(issued) > 1 || issued[0][2] != 0 || container != nil && issued[0][1] != 0 || citation.FormatDates(issued) != d.Date {
				notes.Add(index("dates", i), d.Date, "BibTeX holds the year (and the month of what has no journal)")
			}
		case d.Type == fair.DateIssued:
			notes.Add(index("dates", i), d.Date, citation.NotWrittenDate(at))
		default:
			notes.Add(index("dates", i), d.Date+" ("+string(d.Type)+")", "BibTeX has no date of this type")
			continue
		}
		if d.Information != "" && i == at {
			notes.Add(index("dates", i)+".information", d.Information, "BibTeX has no date information")
		}
	}
	return e, append(notes, citation.NotHeld(r, "BibTeX")...)
}

// spaceAbbreviation puts a space after the full stops of a journal abbreviation, as INSPIRE writes them:
// "Phys.Rev.Lett." → "Phys. Rev. Lett.".
func spaceAbbreviation(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		if s[i] == '.' && i+1 < len(s) && s[i+1] >= 'A' && s[i+1] <= 'Z' {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func index(name string, i int) string { return name + "[" + strconv.Itoa(i) + "]" }
