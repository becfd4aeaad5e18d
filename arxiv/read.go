package arxiv

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/loss"
	"github.com/dop2i/fairmeta/internal/xmltree"
)

// ReadError reports input that is not arXiv metadata: malformed XML, another kind of document, an OAI-PMH error,
// an e-print without identifier. Path locates the problem ("" for the whole input).
type ReadError struct {
	Path string // where, e.g. "OAI-PMH/error" or "id"
	Msg  string // what is wrong
	Err  error  // the underlying error (an XML error, an identifier error, ErrNotArXiv), if any
}

// Error says where and what.
func (e *ReadError) Error() string {
	if e.Path == "" {
		return "arxiv: " + e.Msg
	}
	return "arxiv: " + e.Path + ": " + e.Msg
}

// Unwrap returns the underlying error.
func (e *ReadError) Unwrap() error { return e.Err }

// ErrNotArXiv is matched (errors.Is) by the error of Read given XML that is neither an arXiv API feed nor an OAI-PMH
// response in the arXiv or arXivRaw format.
var ErrNotArXiv = errors.New("arxiv: not arXiv metadata")

// Read reads arXiv metadata: an API response (an Atom feed of entries), an OAI-PMH response (GetRecord or
// ListRecords) in the arXiv or arXivRaw metadata format, or a bare arXiv or arXivRaw element. It returns one
// Resource per e-print and the notes of what the records cannot hold, paths prefixed with "[i]" when there are
// several.
func Read(data []byte) ([]*fair.Resource, fair.Notes, error) {
	root, err := xmltree.Parse(data)
	if err != nil {
		return nil, nil, &ReadError{Msg: err.Error(), Err: err}
	}
	var recs []*fair.Resource
	var notes fair.Notes
	add := func(r *fair.Resource, l *loss.Collector, el *xmltree.Node, path string) {
		el.Unused(path, func(p string, n *xmltree.Node) { l.Lost(p, n, "no place for it in the record") })
		i := len(recs)
		recs = append(recs, r)
		notes = append(notes, l.Notes().Indexed("", i)...)
	}
	switch root.Name {
	case "feed":
		root.Used = true
		var feed loss.Collector
		for _, k := range root.Kids {
			if k.Name == "entry" {
				continue
			}
			k.All()
			feed.Lost("feed/"+k.Name, k, "part of the API response, not of the e-prints")
		}
		notes = append(notes, feed.Notes()...)
		for _, e := range root.Children("entry") {
			if strings.Contains(e.Str("id"), "/api/errors") {
				return nil, nil, &ReadError{Path: "feed/entry", Msg: "the API reports an error: " + e.Str("summary")}
			}
			var l loss.Collector
			r, err := readEntry(e, &l)
			if err != nil {
				return nil, nil, err
			}
			add(r, &l, e, "entry")
		}
	case "OAI-PMH":
		root.Used = true
		if e := root.Child("error"); e != nil {
			return nil, nil, &ReadError{Path: "OAI-PMH/error", Msg: fmt.Sprintf("the OAI-PMH server reports %s: %s", e.Attr("code"), e.Text)}
		}
		var envelope loss.Collector
		var records []*xmltree.Node
		for _, k := range root.Kids {
			switch k.Name {
			case "GetRecord", "ListRecords":
				k.Used = true
				records = append(records, k.Children("record")...)
				for _, x := range k.Kids {
					if !x.Used {
						x.All()
						envelope.Lost(k.Name+"/"+x.Name, x, "part of the OAI-PMH response, not of the e-prints")
					}
				}
			case "responseDate", "request":
				k.All()
			default:
				k.All()
				envelope.Lost(k.Name, k, "part of the OAI-PMH response, not of the e-prints")
			}
		}
		notes = append(notes, envelope.Notes()...)
		for _, rec := range records {
			var l loss.Collector
			h := rec.Child("header")
			if h.Attr("status") == "deleted" {
				rec.All()
				l.Lost("record", loss.Text(h.Str("identifier")), "a deleted record")
				notes = append(notes, l.Notes()...)
				continue
			}
			if h != nil {
				h.All()
			}
			md := rec.Child("metadata")
			if md == nil || len(md.Kids) == 0 {
				return nil, nil, &ReadError{Path: "record", Msg: "a record without metadata"}
			}
			md.Used = true
			r, err := readOAI(md.Kids[0], &l)
			if err != nil {
				return nil, nil, err
			}
			add(r, &l, rec, "record")
		}
	case "arXiv", "arXivRaw":
		var l loss.Collector
		r, err := readOAI(root, &l)
		if err != nil {
			return nil, nil, err
		}
		add(r, &l, root, root.Name)
	default:
		return nil, nil, &ReadError{Msg: "root element <" + root.Name + "> is not an arXiv feed or OAI-PMH response", Err: ErrNotArXiv}
	}
	if len(recs) == 0 {
		return nil, nil, &ReadError{Msg: "no e-print in the input", Err: ErrNotArXiv}
	}
	return recs, notes, nil
}

// eprint is what every arXiv format gives of an e-print, in the form the record takes it.
type eprint struct {
	id, version string // "2101.00001", "v2"
}

// newRecord starts the record of an e-print: identified by arXiv's DOI, with the arXiv identifier beside it, typed a
// preprint, with its abstract page as URL.
func newRecord(idText string) (*fair.Resource, eprint, error) {
	p, err := fair.ParseArXiv(idText)
	if err != nil {
		return nil, eprint{}, &ReadError{Path: "id", Msg: err.Error(), Err: err}
	}
	ep := eprint{id: p.Value}
	if i := strings.LastIndexByte(p.Value, 'v'); i > 0 && strings.Trim(p.Value[i+1:], "0123456789") == "" && i < len(p.Value)-1 {
		ep.id, ep.version = p.Value[:i], p.Value[i:]
	}
	r := &fair.Resource{
		Identifier:           fair.Identifier{Value: fair.ArXivDOI(ep.id), Type: "DOI"},
		AlternateIdentifiers: []fair.Identifier{{Value: ep.id, Type: fair.AltIDArXiv}},
		Publisher:            fair.Publisher{Name: "arXiv"},
		ResourceType:         fair.ResourceType{General: fair.ResourceTypePreprint, Type: "arXiv e-print"},
		URL:                  "https://arxiv.org/abs/" + ep.id,
		Version:              ep.version,
	}
	return r, ep, nil
}

// addDOI keeps the DOI of the published version as an alternate identifier of the e-print.
func addDOI(r *fair.Resource, s string, l *loss.Collector, path string) {
	for _, d := range strings.Fields(s) {
		p, err := fair.ParseDOI(d)
		if err != nil {
			l.Lost(path, loss.Text(d), "not a DOI")
			continue
		}
		r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: p.Value, Type: "DOI"})
	}
}

// addCategories adds arXiv categories (the primary first) and other classification codes the category lists hold.
func addCategories(r *fair.Resource, terms []string) {
	for _, t := range terms {
		s := fair.Subject{Subject: t, Scheme: fair.SubjectSchemeArXiv, SchemeURI: fair.SubjectSchemeURIArXiv}
		switch {
		case isMSC(t):
			s = fair.Subject{Subject: t, Scheme: "MSC"}
		case isACM(t):
			s = fair.Subject{Subject: t, Scheme: "ACM"}
		}
		dup := false
		for _, have := range r.Subjects {
			dup = dup || have.Subject == s.Subject && have.Scheme == s.Scheme
		}
		if !dup {
			r.Subjects = append(r.Subjects, s)
		}
	}
}

// isMSC recognises a Mathematics Subject Classification code ("13A99", "05C", "81T13").
func isMSC(s string) bool {
	return len(s) >= 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9'
}

// isACM recognises an ACM Computing Classification code ("F.2.2", "I.2.6").
func isACM(s string) bool {
	return len(s) >= 3 && s[0] >= 'A' && s[0] <= 'K' && s[1] == '.'
}

// addSubjectList adds codes of a scheme given as a list ("13A99; 05C").
func addSubjectList(r *fair.Resource, list, scheme string) {
	for _, f := range strings.FieldsFunc(list, func(c rune) bool { return c == ',' || c == ';' }) {
		if f = strings.TrimSpace(f); f != "" {
			r.Subjects = append(r.Subjects, fair.Subject{Subject: f, Scheme: scheme})
		}
	}
}

// addReportNumbers adds report numbers given as a list ("CERN-TH-2007-001, LAPTH-1234").
func addReportNumbers(r *fair.Resource, list string) {
	for _, f := range strings.FieldsFunc(list, func(c rune) bool { return c == ',' || c == ';' }) {
		if f = strings.TrimSpace(f); f != "" {
			r.AlternateIdentifiers = append(r.AlternateIdentifiers, fair.Identifier{Value: f, Type: fair.AltIDReportNumber})
		}
	}
}

// flow joins an abstract's or title's hard-wrapped lines; blank lines stay paragraph breaks.
func flow(s string) string {
	paras := strings.Split(strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")), "\n\n")
	for i, p := range paras {
		paras[i] = strings.Join(strings.Fields(p), " ")
	}
	return strings.Join(paras, "\n")
}
