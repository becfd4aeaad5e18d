package hal

import (
	"fmt"
	"strings"
)

// Severity says whether HAL would refuse a deposit or a cataloguer must look at it.
type Severity string

// The severities of a Problem.
const (
	// Refused is what HAL's deposit would refuse: a metadata mandatory for the document type is missing.
	Refused Severity = "refused"
	// Review is what a cataloguer must look at: a new structure to create or align, an old structure, a value the
	// deposit cannot check.
	Review Severity = "review"
)

// Problem is one finding of Check.
type Problem struct {
	Path     string   // where, e.g. "authors[2].affiliations[0]" or "metadata.audience"
	Severity Severity // Refused or Review
	Message  string   // what is wrong and what to do
}

func (p Problem) String() string { return p.Path + ": " + string(p.Severity) + ": " + p.Message }

// requirement is a metadata HAL makes mandatory for some document types (HAL's SWORD examples mark them
// "mandatory metadata"), with the check of it.
type requirement struct {
	name  string // HAL's metadata name
	types string // the document types it is mandatory for, space-separated; "*" for all
	path  string
	ok    func(d *Document) bool
	msg   string
}

func hasMeta(typ string) func(*Document) bool {
	return func(d *Document) bool { m, ok := d.Meta(typ); return ok && (m.N != "" || m.Text != "") }
}

func hasDate(types ...string) func(*Document) bool {
	return func(d *Document) bool {
		for _, dt := range d.Host.Dates {
			for _, t := range types {
				if dt.Type == t && dt.Date != "" {
					return true
				}
			}
		}
		return false
	}
}

func hasAuthority(typ string) func(*Document) bool {
	return func(d *Document) bool {
		for _, a := range d.Host.Authorities {
			if a.Type == typ && a.Value != "" {
				return true
			}
		}
		return false
	}
}

func hasTitleIn(lang string) func(*Document) bool {
	return func(d *Document) bool {
		for _, t := range d.Titles {
			if !t.Sub && t.Lang == lang && t.Text != "" {
				return true
			}
		}
		return false
	}
}

// requirements is HAL's list of mandatory metadata per document type.
var requirements = []requirement{
	{"title", "*", "titles", func(d *Document) bool { return len(d.Titles) > 0 && d.Titles[0].Text != "" }, "a title is mandatory"},
	{"author", "*", "authors", func(d *Document) bool { return len(d.Authors) > 0 }, "at least one author is mandatory"},
	{"language", "*", "language", func(d *Document) bool { return d.Language != "" }, "the language is mandatory"},
	{"domain", "*", "classes.halDomain", func(d *Document) bool {
		for _, c := range d.Classes {
			if c.Scheme == "halDomain" && c.Code != "" {
				return true
			}
		}
		return false
	}, "at least one HAL domain is mandatory"},
	{"type", "*", "type", func(d *Document) bool { _, ok := docTypeByCode(d.Type); return ok }, "a HAL document type (halTypology) is mandatory"},
	{"audience", "ART COMM POSTER COUV DOUV OUV UNDEFINED MEM", "metadata.audience", hasMeta("audience"), "the audience (note type audience) is mandatory"},
	{"popularLevel", "ART COMM POSTER COUV DOUV OUV UNDEFINED OTHER", "metadata.popular", hasMeta("popular"), "the popular level (note type popular) is mandatory"},
	{"peerReviewing", "ART COMM POSTER", "metadata.peer", hasMeta("peer"), "peer reviewing (note type peer) is mandatory"},
	{"invitedCommunication", "COMM POSTER", "metadata.invited", hasMeta("invited"), "whether the communication was invited (note type invited) is mandatory"},
	{"proceedings", "COMM POSTER", "metadata.proceedings", hasMeta("proceedings"), "whether there are proceedings (note type proceedings) is mandatory"},
	{"source", "ART", "host.journal", func(d *Document) bool { return d.Host.JournalTitle != "" }, "the journal is mandatory for a journal article"},
	{"source", "COUV", "host.book", func(d *Document) bool { return d.Host.BookTitle != "" }, "the book title is mandatory for a book section"},
	{"date", "ART COUV DOUV OTHER PATENT", "host.datePub", hasDate("datePub"), "the publication date is mandatory"},
	{"date", "THESE HDR MEM", "host.dateDefended", hasDate("dateDefended"), "the defence date is mandatory"},
	{"conferenceTitle", "COMM POSTER", "host.meeting.title", func(d *Document) bool { return d.Host.Meeting.Title != "" }, "the conference title is mandatory"},
	{"conferenceStartDate", "COMM POSTER", "host.meeting.start", func(d *Document) bool { return d.Host.Meeting.Start != "" }, "the conference start date is mandatory"},
	{"city", "COMM POSTER", "host.meeting.settlement", func(d *Document) bool { return d.Host.Meeting.Settlement != "" }, "the conference city is mandatory"},
	{"country", "COMM POSTER", "host.meeting.country", func(d *Document) bool { return d.Host.Meeting.CountryCode != "" }, "the conference country is mandatory"},
	{"authorityInstitution", "THESE HDR MEM REPORT", "host.authority.institution", hasAuthority("institution"), "the institution (authority type institution) is mandatory"},
	{"director", "THESE HDR MEM", "host.authority.supervisor", hasAuthority("supervisor"), "the thesis director (authority type supervisor) is mandatory"},
	{"file", "THESE HDR MEM", "files", func(d *Document) bool { return len(d.Files) > 0 }, "a file is mandatory: attach the full text to the deposit"},
	{"title", "THESE HDR", "titles.fr", hasTitleIn("fr"), "a title in French is mandatory for a thesis"},
	{"title", "THESE HDR", "titles.en", hasTitleIn("en"), "a title in English is mandatory for a thesis"},
	{"description", "OTHER", "metadata.description", hasMeta("description"), "a description of the document (note type description) is mandatory"},
	{"number", "PATENT", "host.idno.patentNumber", func(d *Document) bool { return idnoOf(d.Host.Idnos, "patentNumber") != "" }, "the patent number is mandatory"},
}

func (q requirement) appliesTo(typ string) bool {
	if q.types == "*" {
		return true
	}
	for _, t := range strings.Fields(q.types) {
		if t == typ {
			return true
		}
	}
	return false
}

// Check says what HAL would refuse in a deposit (Refused: mandatory metadata of its type missing, references to
// structures the deposit does not describe) and what a cataloguer must look at (Review: new structures, structures
// HAL marks OLD or INCOMING, authors without affiliation or given name), all at once.
func Check(d *Document) []Problem {
	if d == nil {
		return []Problem{{Severity: Refused, Message: "no document to deposit (nil)"}}
	}
	var out []Problem
	for _, q := range requirements {
		if q.appliesTo(d.Type) && !q.ok(d) {
			out = append(out, Problem{Path: q.path, Severity: Refused, Message: q.msg + " (" + q.name + ")"})
		}
	}
	structs := make(map[string]Structure, len(d.Structures))
	for _, s := range d.Structures {
		structs[s.ID] = s
	}
	affiliated := 0
	for i, a := range d.Authors {
		path := fmt.Sprintf("authors[%d]", i)
		if a.Surname == "" && a.OrgName == "" {
			out = append(out, Problem{path, Refused, "author without a surname"})
		}
		if a.Surname != "" && (len(a.Forenames) == 0 || a.Forenames[0] == "") {
			out = append(out, Problem{path, Review, fmt.Sprintf("author %q has no given name", a.Surname)})
		}
		if len(a.Affiliations) == 0 {
			out = append(out, Problem{path, Review, fmt.Sprintf("author %q has no affiliation", a.Name())})
		} else {
			affiliated++
		}
		for j, ref := range a.Affiliations {
			apath := fmt.Sprintf("%s.affiliations[%d]", path, j)
			s, ok := structs[ref]
			_, referential := structNumber(ref)
			switch {
			case !ok && !referential:
				out = append(out, Problem{apath, Refused, fmt.Sprintf("affiliation to %q, which the deposit does not describe in listOrg", ref)})
			case !referential:
				out = append(out, Problem{apath, Review, fmt.Sprintf("new structure %q (%s): HAL will create it as INCOMING; align it with AuréHAL", s.Name, ref)})
			case ok && s.Status == "OLD":
				out = append(out, Problem{apath, Review, fmt.Sprintf("structure %s (%s) is closed (OLD) in HAL", ref, s.Name)})
			case ok && s.Status == "INCOMING":
				out = append(out, Problem{apath, Review, fmt.Sprintf("structure %s (%s) is not yet validated (INCOMING) in HAL", ref, s.Name)})
			}
		}
	}
	if len(d.Authors) > 0 && affiliated == 0 {
		out = append(out, Problem{"authors", Review, "no author has an affiliation: the deposit will not appear in any laboratory's collection"})
	}
	for _, s := range d.Structures {
		for _, p := range s.Parents {
			if _, ok := structs[p.Ref]; !ok {
				if _, referential := structNumber(p.Ref); !referential {
					out = append(out, Problem{"structures." + s.ID, Refused, fmt.Sprintf("parent %q is neither described in listOrg nor a structure of HAL's referential", p.Ref)})
				}
			}
		}
	}
	if d.Identifier("doi") == "" && d.Identifier("arxiv") == "" && d.Identifier("halId") == "" {
		out = append(out, Problem{"identifiers", Review, "no DOI or arXiv identifier: HAL cannot check the record against duplicates"})
	}
	return out
}
