package ris

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/citation"
)

// Limits on what Read accepts.
const (
	// MaxInput is the largest input Read reads, in bytes.
	MaxInput = 64 << 20
	// maxValue is the longest value of a tag, continuation lines included, in bytes.
	maxValue = 1 << 20
)

// ErrNoReference is returned by Read for input that holds no RIS reference (no TY line).
var ErrNoReference = errors.New("ris: no reference (TY line) in the input")

// SyntaxError reports RIS that cannot be read: the line and what is wrong.
type SyntaxError struct {
	Line int    // 1-based line
	Tag  string // the tag, when the problem is in one
	Msg  string
}

// Error says where and what, e.g. "ris: line 12: tag AB: a value longer than 1048576 bytes".
func (e *SyntaxError) Error() string {
	s := "ris: line " + strconv.Itoa(e.Line)
	if e.Tag != "" {
		s += ": tag " + e.Tag
	}
	return s + ": " + e.Msg
}

// tagRE matches a tag line: two characters (a capital letter, then a capital or digit), spaces, a hyphen and the
// value. The specification asks for exactly two spaces; readers in the wild accept one or more.
var tagRE = regexp.MustCompile(`^([A-Z][A-Z0-9]) +-(?: (.*)|)$`)

func tagLine(s string) bool { return tagRE.MatchString(strings.TrimRight(s, " \t")) }

type tagValue struct {
	Tag, Value string
	Line       int
}

type reference struct {
	Type string
	Line int
	Tags []tagValue
}

// Read reads every reference of a RIS file into a record, with the notes of what the records cannot hold (paths
// "[i].TG", i the reference's place in the file, TG its tag). Lines that are not tags continue the value before
// them; a reference without ER at the end of the input is read and noted. When the input holds no reference the
// error is ErrNoReference; an oversized input or value is a *SyntaxError.
func Read(data []byte) (recs []*fair.Resource, notRead fair.Notes, err error) {
	if len(data) > MaxInput {
		return nil, nil, &SyntaxError{Line: 1, Msg: "input larger than " + strconv.Itoa(MaxInput) + " bytes"}
	}
	s := strings.TrimPrefix(string(data), "\ufeff")
	var refs []*reference
	var cur *reference
	var last *tagValue
	for n, line := range strings.Split(s, "\n") {
		lineNo := n + 1
		line = strings.TrimRight(line, "\r")
		m := tagRE.FindStringSubmatch(strings.TrimRight(line, " \t"))
		if m == nil && strings.TrimSpace(line) == "ER" {
			m = []string{line, "ER", ""} // "ER" alone, as some writers end a reference
		}
		if m == nil {
			if strings.TrimSpace(line) == "" {
				if last != nil {
					last.Value += "\n" // a blank line inside a value: a paragraph break
				}
				continue
			}
			if last == nil {
				notRead.Add("line "+strconv.Itoa(lineNo), shorten(line), "text outside a reference")
				continue
			}
			if len(last.Value)+len(line) > maxValue {
				return nil, nil, &SyntaxError{Line: lineNo, Tag: last.Tag, Msg: "a value longer than " + strconv.Itoa(maxValue) + " bytes"}
			}
			last.Value += "\n" + strings.TrimSpace(line)
			continue
		}
		tag, value := m[1], strings.TrimSpace(m[2])
		switch {
		case tag == "TY":
			if cur != nil {
				notRead.Add("["+strconv.Itoa(len(refs)-1)+"]", "", "no ER before the next TY (line "+strconv.Itoa(lineNo)+")")
			}
			cur = &reference{Type: strings.ToUpper(value), Line: lineNo}
			refs = append(refs, cur)
			last = nil
		case tag == "ER":
			cur, last = nil, nil
		case cur == nil:
			notRead.Add("line "+strconv.Itoa(lineNo), shorten(line), "a tag outside a reference (no TY before it)")
			last = nil
		default:
			cur.Tags = append(cur.Tags, tagValue{Tag: tag, Value: value, Line: lineNo})
			last = &cur.Tags[len(cur.Tags)-1]
		}
	}
	if cur != nil {
		notRead.Add("["+strconv.Itoa(len(refs)-1)+"]", "", "the input ends without ER")
	}
	if len(refs) == 0 {
		return nil, nil, ErrNoReference
	}
	for i, ref := range refs {
		r, ns := toResource(ref)
		recs = append(recs, r)
		notRead = append(notRead, ns.Prefixed("["+strconv.Itoa(i)+"]")...)
	}
	return recs, notRead, nil
}

func shorten(s string) string {
	if len(s) > 80 {
		cut := 77
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		return s[:cut] + "..."
	}
	return s
}

// personOrOrg reads an RIS name: "Family, Given[, Suffix]" is a person, a name without a comma an organisation.
func personOrOrg(s string) fair.Creator {
	if !strings.Contains(s, ",") {
		return citation.Name{Literal: s}.Creator()
	}
	return citation.SplitCreator(fair.Creator{Name: s, NameType: fair.NamePersonal}).Creator()
}

func toResource(ref *reference) (*fair.Resource, fair.Notes) {
	var notes fair.Notes
	r := &fair.Resource{}
	rt, known := citation.FromRISType(ref.Type)
	if !known {
		notes.Add("TY", ref.Type, "a reference type fairmeta does not know: read as Text")
	}
	r.ResourceType = rt
	c := fair.RelatedItem{Type: citation.ContainerType(rt.General), RelationType: fair.RelIsPublishedIn}
	var id, year, date string
	var endPage string
	titled := false
	for _, t := range ref.Tags {
		v := strings.TrimRight(t.Value, "\n")
		if v == "" {
			continue
		}
		switch t.Tag {
		case "AU", "A1":
			r.Creators = append(r.Creators, personOrOrg(v))
		case "A2", "ED":
			r.Contributors = append(r.Contributors, fair.Contributor{Creator: personOrOrg(v), ContributorType: fair.ContributorEditor})
		case "TI", "T1":
			if !titled {
				r.Titles = append([]fair.Title{{Title: v}}, r.Titles...)
				titled = true
			} else {
				notes.Add(t.Tag, v, "a second title")
			}
		case "ST":
			r.Titles = append(r.Titles, fair.Title{Title: v, Type: fair.TitleAlternativeTitle})
		case "T2", "JO", "JF", "BT":
			if full, _ := citation.ContainerTitles(&c); full == "" {
				c.Titles = append([]fair.Title{{Title: v}}, c.Titles...)
			} else if full != v {
				notes.Add(t.Tag, v, "the record's container holds one title")
			}
		case "J2", "JA":
			c.Titles = append(c.Titles, fair.Title{Title: v, Type: fair.TitleAlternativeTitle})
		case "PY", "Y1":
			year = v
		case "DA":
			date = v
		case "VL":
			c.Volume = v
		case "IS":
			c.Issue = v
		case "SP":
			c.FirstPage, endPage = citation.SplitPages(v)
		case "EP":
			c.LastPage = v
		case "SN":
			switch {
			case ref.Type == "RPRT":
				r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: v, Type: fair.AltIDReportNumber})
			case isISBN(v):
				c.Identifier = fair.RelatedItemIdentifier{Identifier: v, Type: fair.IDTypeISBN}
			default:
				c.Identifier = fair.RelatedItemIdentifier{Identifier: v, Type: fair.IDTypeISSN}
			}
		case "PB":
			if r.Publisher.Name == "" {
				r.Publisher.Name = v
			} else {
				notes.Add(t.Tag, v, "the record holds one publisher")
			}
		case "CY":
			if ref.Type == "CPAPER" || ref.Type == "CONF" {
				r.Publication.Conference.Place = v
			} else {
				notes.Add(t.Tag, v, "the record has no place of publication")
			}
		case "ET":
			if r.Version == "" {
				r.Version = v
			} else {
				notes.Add(t.Tag, v, "the record holds one version")
			}
		case "M3":
			r.ResourceType.Type = v
		case "DO":
			if r.Identifier.Value == "" {
				r.Identifier = fair.Identifier{Value: citation.BareDOI(v), Type: "DOI"}
			} else {
				r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: citation.BareDOI(v), Type: "DOI"})
			}
		case "UR":
			if r.URL == "" {
				r.URL = v
			} else {
				notes.Add(t.Tag, v, "the record holds one address")
			}
		case "AN":
			if a, ok := strings.CutPrefix(v, "arXiv:"); ok {
				r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: strings.TrimSpace(a), Type: fair.AltIDArXiv})
			} else {
				r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: v, Type: "accession number"})
			}
		case "N1":
			if rn, ok := strings.CutPrefix(v, reportPrefix); ok {
				r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: strings.TrimSpace(rn), Type: fair.AltIDReportNumber})
			} else {
				r.Descriptions = append(r.Descriptions, fair.Description{Description: v, Type: fair.DescriptionOther})
			}
		case "AB", "N2":
			r.Descriptions = append(r.Descriptions, fair.Description{Description: v, Type: fair.DescriptionAbstract})
		case "KW":
			r.Keywords = append(r.Keywords, v)
		case "LA":
			r.Language = v
		case "ID":
			id = v
		default:
			notes.Add(t.Tag, shorten(v), "the record has no place for it")
		}
	}
	if c.LastPage == "" {
		c.LastPage = endPage
	}
	readDate(r, year, date, &notes)
	if c.Identifier.Type == fair.IDTypeISBN && len(c.Titles) == 0 {
		// An ISBN with no container title is the record's own (a book's).
		r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: c.Identifier.Identifier, Type: "ISBN"})
		c.Identifier = fair.RelatedItemIdentifier{}
	}
	if len(c.Titles) > 0 || c.Volume != "" || c.Issue != "" || c.FirstPage != "" || c.Identifier.Identifier != "" {
		if c.Type == "" {
			c.Type = fair.ResourceTypeOther
		}
		r.RelatedItems = append(r.RelatedItems, c)
	}
	if id != "" && id != citation.Key(r) {
		r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: id, Type: citation.AltIDCitationKey})
	}
	return r, notes
}

// readDate reads PY ("2012", or the old "2012/07/31/") and DA ("2012/07/31/", "2012/07//", "2012").
func readDate(r *fair.Resource, year, date string, notes *fair.Notes) {
	parse := func(s string) (citation.YMD, bool) {
		var d citation.YMD
		parts := strings.Split(strings.TrimSpace(s), "/")
		for i := 0; i < len(parts) && i < 3; i++ {
			p := strings.TrimSpace(parts[i])
			if p == "" {
				continue
			}
			n, err := strconv.Atoi(p)
			if err != nil || n < 0 {
				return d, false
			}
			d[i] = n
		}
		ok := d[0] > 0 && d[0] <= 9999 && d[1] <= 12 && d[2] <= 31 && !(d[1] == 0 && d[2] != 0)
		return d, ok
	}
	var d citation.YMD
	if year != "" {
		y, ok := parse(year)
		if !ok {
			notes.Add("PY", year, "not a year")
		} else {
			d = y
		}
	}
	if date != "" {
		full, ok := parse(date)
		switch {
		case !ok:
			notes.Add("DA", date, "not a date YYYY/MM/DD/")
		case d[0] == 0 || full[0] == d[0]:
			d = full
		default:
			notes.Add("DA", date, "a date in another year than PY")
		}
	}
	if d[0] == 0 {
		return
	}
	r.PublicationYear = d[0]
	r.Dates = append(r.Dates, fair.Date{Date: citation.FormatDate(d), Type: fair.DateIssued})
}

// isISBN reports whether s looks like an ISBN (10 or 13 digits, hyphens aside) rather than an ISSN.
func isISBN(s string) bool {
	n := 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9', c == 'X' || c == 'x':
			n++
		case c == '-' || c == ' ':
		default:
			return false
		}
	}
	return n == 10 || n == 13
}
