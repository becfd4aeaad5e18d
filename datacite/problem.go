package datacite

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

// Severity says how bad a [Problem] is.
type Severity int

// The severities of a problem.
const (
	// SeverityWarning is likely a mistake, but the 4.7 schema accepts it (an ORCID iD with a wrong check digit, a date that is
	// not ISO 8601, a language tag that is well formed but not registered).
	SeverityWarning Severity = iota
	// SeverityError is something the 4.7 schema rejects, so DataCite would refuse the record.
	SeverityError
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == SeverityError {
		return "error"
	}
	return "warning"
}

// MarshalText makes a Severity read "error" or "warning" in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Problem is one thing wrong with a record.
type Problem struct {
	// Path locates the value in what was validated, in the syntax of every fairmeta report (members joined by ".",
	// an index in brackets; "" for the record as a whole): in DataCite JSON terms for a [Record] or a DataCite
	// document ([Validate], [ValidateInput] of DataCite XML or JSON, "creators[0].affiliation[1].affiliationIdentifier"),
	// in fair.Resource's terms for a fair.Resource ([ValidateResource], [ValidateMint] of a Resource, [ValidateInput]
	// of any other format, "creators[0].affiliations[1].identifier") — the vocabulary of the writers' notes and of
	// ror.Enrich about the same resource. What belongs to a request rather than a record keeps the request's name
	// ("prefix", "event").
	Path string `json:"path"`
	// Severity is SeverityError when DataCite would refuse the record, SeverityWarning otherwise.
	Severity Severity `json:"severity"`
	// Message says what is wrong and, where it can, how to fix it.
	Message string `json:"message"`
	// Line is the line of the XML input the problem was found at, when the XML reader found it; 0 otherwise.
	Line int `json:"line,omitempty"`

	// lost marks what a reader found and the record does not keep; those problems are also the reader's notes.
	lost bool
}

// String returns "PATH: severity: message", or "severity: message" without a path.
func (p Problem) String() string {
	var b strings.Builder
	if p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	}
	b.WriteString(p.Severity.String())
	b.WriteString(": ")
	b.WriteString(p.Message)
	if p.Line > 0 {
		fmt.Fprintf(&b, " (line %d)", p.Line)
	}
	return b.String()
}

// Report is the list of problems validation found, in the order of the record's properties.
type Report []Problem

// HasErrors reports whether any problem is an Error.
func (r Report) HasErrors() bool {
	for _, p := range r {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Errors returns the problems of severity Error.
func (r Report) Errors() Report { return r.filter(SeverityError) }

// Warnings returns the problems of severity Warning.
func (r Report) Warnings() Report { return r.filter(SeverityWarning) }

func (r Report) filter(s Severity) Report {
	var out Report
	for _, p := range r {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}

// Err returns nil when the report has no errors, otherwise a *ValidationError holding the whole report.
func (r Report) Err() error {
	if !r.HasErrors() {
		return nil
	}
	return &ValidationError{Report: r}
}

// ValidationError is a record that DataCite would refuse, with every problem found.
type ValidationError struct {
	Report Report
}

// Error names the first error and how many problems there are in all.
func (e *ValidationError) Error() string {
	errs := e.Report.Errors()
	if len(errs) == 0 {
		return "datacite: invalid record"
	}
	msg := "datacite: invalid record: " + errs[0].String()
	if n := len(e.Report) - 1; n > 0 {
		msg += fmt.Sprintf(" (and %d more problems)", n)
	}
	return msg
}

// Is makes errors.Is(err, ErrInvalid) true for a *ValidationError.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalid }

// ErrInvalid is matched by every *ValidationError with errors.Is.
var ErrInvalid = errors.New("datacite: invalid record")

// ReadError reports input that cannot be read as DataCite XML or JSON at all: malformed XML or JSON, a value of the
// wrong JSON type, a document that is not a DataCite record. It gives the position when one is known.
type ReadError struct {
	Format string // "XML" or "JSON"
	Line   int    // 1-based line of the input, 0 when unknown
	Column int    // 1-based column (in bytes), 0 when unknown
	Path   string // the property in DataCite JSON terms, e.g. "creators[2].affiliation"; "" when unknown
	Msg    string // what is wrong
	Err    error  // the underlying error, if any
}

// Error returns "datacite: FORMAT line L, column C: PATH: message".
func (e *ReadError) Error() string {
	var b strings.Builder
	b.WriteString("datacite: ")
	b.WriteString(e.Format)
	if e.Line > 0 {
		fmt.Fprintf(&b, " line %d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ", column %d", e.Column)
		}
	}
	b.WriteString(": ")
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the underlying error.
func (e *ReadError) Unwrap() error { return e.Err }

// lineCol returns the 1-based line and column of byte offset off in data.
func lineCol(data []byte, off int) (int, int) {
	if off > len(data) {
		off = len(data)
	}
	if off < 0 {
		off = 0
	}
	line, col := 1, 1
	for _, c := range data[:off] {
		if c == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// problemNotes returns the notes of what a reader found that the record does not keep. The reader's other problems
// (a kernel-3 namespace, elements out of order) are about the document, not losses: only validation reports them.
func problemNotes(probs []Problem) fair.Notes {
	var out fair.Notes
	for _, p := range probs {
		if p.lost {
			out = append(out, fair.Note{Path: p.Path, Reason: p.Message})
		}
	}
	return out
}
