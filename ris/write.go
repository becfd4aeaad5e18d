package ris

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/citation"
)

// reportPrefix starts a note (N1) that holds a report number of a record that is not a report.
const reportPrefix = "Report number: "

// Write writes one record as one RIS reference and returns the notes of what of it RIS cannot hold (paths in the
// record's JSON form). A nil w or r is an error matching fair.ErrNilWrite.
func Write(w io.Writer, r *fair.Resource) (notWritten fair.Notes, err error) {
	if err := fair.CheckWrite(w, r); err != nil {
		return nil, fmt.Errorf("ris: %w", err)
	}
	var b strings.Builder
	notes := write(&b, r, "")
	_, err = io.WriteString(w, b.String())
	return notes, err
}

// WriteList writes records as one RIS file, a blank line between references; references whose IDs coincide get
// "-2", "-3", ... appended. Each record's notes have the path prefix "[i]". A nil w or record is an error matching
// fair.ErrNilWrite, and nothing is written.
func WriteList(w io.Writer, rs []*fair.Resource) (notWritten fair.Notes, err error) {
	if err := fair.CheckWrite(w, rs...); err != nil {
		return nil, fmt.Errorf("ris: %w", err)
	}
	var b strings.Builder
	var notes fair.Notes
	seen := map[string]int{}
	for i, r := range rs {
		id := citation.Key(r)
		if n := seen[id]; n > 0 {
			k := id + "-" + strconv.Itoa(n+1)
			for seen[k] > 0 {
				n++
				k = id + "-" + strconv.Itoa(n+1)
			}
			seen[id]++
			id = k
		}
		seen[id]++
		if b.Len() > 0 {
			b.WriteString(eol)
		}
		notes = append(notes, write(&b, r, id).Prefixed("["+strconv.Itoa(i)+"]")...)
	}
	_, err = io.WriteString(w, b.String())
	return notes, err
}

// eol ends every line: RIS is specified with CR LF.
const eol = "\r\n"

type lines struct{ b *strings.Builder }

// tag writes "TG  - value"; a value of several lines goes on continuation lines, each guarded so that it cannot be
// read as a tag.
func (l lines) tag(t, v string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return
	}
	for i, line := range strings.Split(strings.ReplaceAll(v, "\r\n", "\n"), "\n") {
		if i == 0 {
			l.b.WriteString(t + "  - " + line + eol)
			continue
		}
		if tagLine(line) || strings.TrimSpace(line) == "ER" {
			line = " " + line // guarded: it would be read as a tag
		}
		l.b.WriteString(line + eol)
	}
}

func write(b *strings.Builder, r *fair.Resource, id string) fair.Notes {
	var notes fair.Notes
	l := lines{b}
	ty := citation.RISType(r.ResourceType)
	if back, _ := citation.FromRISType(ty); r.ResourceType.General != "" && back.General != r.ResourceType.General {
		notes.Add("resourceType.general", string(r.ResourceType.General), "written as TY "+ty+", read back as "+string(back.General))
	}
	l.tag("TY", ty)
	if id == "" {
		id = citation.Key(r)
	}
	l.tag("ID", id)
	if tex := r.AlternateIdentifiersOf(fair.AltIDInspireTeXKey); len(tex) > 0 && tex[0] == id {
		notes.Add("alternateIdentifiers", id+" ("+fair.AltIDInspireTeXKey+")", "written as the reference ID, read back as the citation key")
	} else if rec := r.AlternateIdentifiersOf(fair.AltIDInspire); len(rec) > 0 && rec[0] == id {
		notes.Add("alternateIdentifiers", id+" ("+fair.AltIDInspire+")", "written as the reference ID, read back as the citation key")
	}
	for i, c := range r.Creators {
		n := citation.SplitCreator(c)
		if n.IsZero() {
			notes.Add(index("creators", i), "", "a creator without a name")
			continue
		}
		if n.Literal != "" && strings.Contains(n.Literal, ",") {
			notes.Add(index("creators", i), n.Literal, "an organisation whose name holds a comma is read back as a person")
		}
		l.tag("AU", name(n))
	}
	container, cpath := r.Container(), citation.ContainerPath(r)
	editors := 0
	for i, c := range r.Contributors {
		if c.ContributorType != fair.ContributorEditor {
			notes.Add(index("contributors", i), c.Name+" ("+string(c.ContributorType)+")", "RIS has no role "+string(c.ContributorType))
			continue
		}
		if n := citation.SplitCreator(c.Creator); !n.IsZero() {
			l.tag("A2", name(n))
			editors++
		}
	}
	if container != nil && editors == 0 {
		for _, c := range container.Contributors {
			if n := citation.SplitCreator(c.Creator); c.ContributorType == fair.ContributorEditor && !n.IsZero() {
				l.tag("A2", name(n))
				editors++
			}
		}
		if editors > 0 {
			notes.Add(cpath+".contributors", strconv.Itoa(editors)+" editors", "written as the reference's editors (A2), read back as the record's")
		}
	}
	title, mainAt := citation.MainTitle(r)
	short, sub := "", false
	for i, t := range r.Titles {
		switch {
		case i == mainAt:
		case t.Type == fair.TitleSubtitle && !sub:
			sub = true
			title = strings.TrimRight(title, " :") + ": " + t.Title
			notes.Add(index("titles", i), t.Title, "RIS has no subtitle: written after the title and a colon, read back as part of it")
		case t.Type == fair.TitleAlternativeTitle && short == "":
			short = t.Title
		default:
			notes.Add(index("titles", i), t.Title, "RIS holds one title and a short title")
		}
	}
	l.tag("TI", title)
	l.tag("ST", short)
	conf := r.Publication.Conference
	if container != nil {
		full, short := citation.ContainerTitles(container)
		l.tag("T2", full)
		l.tag("J2", short)
		if !conf.IsZero() {
			notes.Add("publication.conference", conf.Name, "RIS holds the proceedings' title (T2), not the conference")
		}
	} else if ty == "CPAPER" && conf.Name != "" {
		l.tag("T2", conf.Name)
		notes.Add("publication.conference.name", conf.Name, "written as T2, read back as the proceedings' title")
	} else if !conf.IsZero() {
		notes.Add("publication.conference", conf.Name, "RIS has no conference for TY "+ty)
	}
	issued, at, ok := citation.Issued(r)
	if ok {
		l.tag("PY", strconv.Itoa(issued[0][0]))
		switch d := issued[0]; {
		case d[1] != 0:
			l.tag("DA", fmt.Sprintf("%04d/%02d/%s/", d[0], d[1], day(d[2])))
		case ty == "CONF":
			l.tag("DA", fmt.Sprintf("%04d///", d[0])) // readers take a proceedings' PY for the conference's date
		}
	}
	for i, d := range r.Dates {
		switch {
		case i == at:
			if len(issued) > 1 || citation.FormatDates(issued) != d.Date {
				notes.Add(index("dates", i), d.Date, "RIS holds one date to the day: "+citation.FormatDate(issued[0])+" is written")
			}
		case d.Type == fair.DateIssued:
			notes.Add(index("dates", i), d.Date, citation.NotWrittenDate(at))
		default:
			notes.Add(index("dates", i), d.Date+" ("+string(d.Type)+")", "RIS has no date of this type")
			continue
		}
		if d.Information != "" && i == at {
			notes.Add(index("dates", i)+".information", d.Information, "RIS has no date information")
		}
	}
	if container != nil {
		l.tag("VL", container.Volume)
		l.tag("IS", container.Issue)
		first, last := container.FirstPage, container.LastPage
		switch container.NumberType {
		case fair.NumberArticle, "":
			if first == "" && container.Number != "" {
				first = container.Number
				notes.Add(cpath+".number", container.Number, "the article number is written as the start page, read back as the first page")
			} else if container.Number != "" {
				notes.Add(cpath+".number", container.Number, "RIS has no article number beside the pages")
			}
		default:
			notes.Add(cpath+".number", container.Number, "RIS has no number of this type")
		}
		l.tag("SP", first)
		l.tag("EP", last)
		switch id := container.Identifier; strings.ToUpper(string(id.Type)) {
		case "":
		case "ISBN", "ISSN", "EISSN", "LISSN":
			l.tag("SN", id.Identifier)
		default:
			notes.Add(cpath+".identifier", id.Identifier, "RIS has no identifier of a container other than its ISSN or ISBN")
		}
		if container.Publisher != "" && r.Publisher.Name == "" {
			l.tag("PB", container.Publisher)
			notes.Add(cpath+".publisher", container.Publisher, "written as the publisher, read back as the record's")
		} else if container.Publisher != "" {
			notes.Add(cpath+".publisher", container.Publisher, "RIS holds one publisher")
		}
		if container.Edition != "" {
			notes.Add(cpath+".edition", container.Edition, "RIS has no edition of a container")
		}
		if len(container.Creators) > 0 {
			notes.Add(cpath+".creators", strconv.Itoa(len(container.Creators)), "RIS has no authors of a container")
		}
	}
	reports := r.AlternateIdentifiersOf(fair.AltIDReportNumber)
	if ty == "RPRT" && len(reports) > 0 {
		l.tag("SN", reports[0])
		reports = reports[1:]
	}
	isbn := "" // the ISBN of a record outside a container that has one; a report's SN is its number
	if isbns := r.AlternateIdentifiersOf("ISBN"); len(isbns) > 0 && ty != "RPRT" && (container == nil || container.Identifier.Identifier == "") {
		isbn = isbns[0]
		l.tag("SN", isbn)
	}
	l.tag("PB", r.Publisher.Name)
	if ty == "CPAPER" && conf.Place != "" && container == nil {
		l.tag("CY", conf.Place)
	}
	if r.Version != "" {
		switch ty {
		case "COMP", "DATA", "BOOK":
			l.tag("ET", r.Version)
		default:
			notes.Add("version", r.Version, "RIS has a version only for software, datasets and books")
		}
	}
	l.tag("M3", r.ResourceType.Type)
	if d := r.DOI(); d != "" {
		l.tag("DO", citation.BareDOI(d))
	} else if r.Identifier.Value != "" {
		notes.Add("identifier", r.Identifier.Value+" ("+string(r.Identifier.Type)+")", "RIS has no identifier other than a DOI")
	}
	l.tag("UR", r.URL)
	if a := r.ArXivID(); a != "" {
		l.tag("AN", "arXiv:"+a)
	}
	for _, rn := range reports {
		l.tag("N1", reportPrefix+rn)
	}
	arxivWritten, isbnWritten := false, false
	for i, a := range r.AlternateIdentifiers {
		switch t := strings.ToUpper(string(a.Type)); {
		case t == strings.ToUpper(fair.AltIDReportNumber):
		case t == strings.ToUpper(fair.AltIDArXiv) && !arxivWritten && r.ArXivID() != "" && strings.Contains(a.Value, r.ArXivID()):
			arxivWritten = true
			if a.Value != r.ArXivID() {
				notes.Add(index("alternateIdentifiers", i), a.Value+" ("+string(a.Type)+")", "written as arXiv:"+r.ArXivID())
			}
		case t == "ISBN" && a.Value == isbn && !isbnWritten:
			isbnWritten = true
		case a.Value == id:
		default:
			notes.Add(index("alternateIdentifiers", i), a.Value+" ("+string(a.Type)+")", "RIS has no place for it")
		}
	}
	l.tag("LA", r.Language)
	abstract := false
	for i, d := range r.Descriptions {
		if d.Type == fair.DescriptionAbstract && !abstract && strings.TrimSpace(d.Description) != "" {
			l.tag("AB", d.Description)
			abstract = true
			continue
		}
		notes.Add(index("descriptions", i), string(d.Type), "RIS holds one abstract")
	}
	for _, k := range r.Keywords {
		l.tag("KW", k)
	}
	for i, s := range r.Subjects {
		notes.Add(index("subjects", i), s.Subject, "RIS has no subjects")
	}
	for i, s := range r.Sizes {
		notes.Add(index("sizes", i), s, "RIS has no size")
	}
	b.WriteString("ER  - " + eol)
	return append(notes, citation.NotHeld(r, "RIS")...)
}

func day(d int) string {
	if d == 0 {
		return ""
	}
	return fmt.Sprintf("%02d", d)
}

// name writes a person "Family, Given[, Suffix]" (particles with the family and given names as the record keeps
// them) and an organisation as its name.
func name(n citation.Name) string {
	if n.Literal != "" {
		return n.Literal
	}
	s := n.FullFamily() + "," // a person always has a comma: a name without one is an organisation's
	if g := n.FullGiven(); g != "" || n.Suffix != "" {
		s += " " + g
	}
	if n.Suffix != "" {
		s += ", " + n.Suffix
	}
	return s
}

func index(name string, i int) string { return name + "[" + strconv.Itoa(i) + "]" }
