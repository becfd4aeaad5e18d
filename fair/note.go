package fair

import (
	"strconv"
	"strings"
)

// Note is one fact a conversion could not carry: something a reader found in its input that the record has no
// place for, or something of a record that a writer's format cannot hold. It is the one loss report of every reader
// and writer in fairmeta, so that nothing is dropped silently.
//
// The direction is said by names, never by the type: a reader returns its notes as notRead ("what could not be
// carried into the record"), a writer as notWritten ("what could not be written out"), and a function that only
// computes a writer's loss is named NotWritten. A reader's Path is in the input's own terms ("authors[0].alias" in
// CFF, "creator[1].legalName" in schema.org); a writer's Path is in the terms of the record's JSON form
// ("distributions", "creators[0].email").
type Note struct {
	// Path locates what was not carried; "" for the input or record as a whole.
	Path string `json:"path,omitempty"`
	// Value is the value left out, shortened for reading; "" when the path says enough.
	Value string `json:"value,omitempty"`
	// Reason says why it was not carried, e.g. "no place for it in the record".
	Reason string `json:"reason"`
}

// String returns "PATH = VALUE: REASON", leaving out the parts that are empty.
func (n Note) String() string {
	var b strings.Builder
	b.WriteString(n.Path)
	if n.Value != "" {
		if n.Path != "" {
			b.WriteString(" = ")
		}
		b.WriteString(n.Value)
	}
	if n.Reason != "" {
		if b.Len() > 0 {
			b.WriteString(": ")
		}
		b.WriteString(n.Reason)
	}
	return b.String()
}

// Notes is a loss report: the notes of one read or one write, in the order they were found. A nil Notes means
// nothing was lost. See [Note] for how readers and writers name theirs.
type Notes []Note

// Add appends a note.
func (ns *Notes) Add(path, value, reason string) {
	*ns = append(*ns, Note{Path: path, Value: value, Reason: reason})
}

// Prefixed returns the notes with prefix put before each path, joined by a dot where both are present:
// Prefixed("data[2]") turns "titles[0].foo" into "data[2].titles[0].foo". It is how a reader of several records
// says which record a note belongs to. The receiver is not changed.
func (ns Notes) Prefixed(prefix string) Notes {
	if prefix == "" || len(ns) == 0 {
		return ns
	}
	out := make(Notes, len(ns))
	for i, n := range ns {
		switch {
		case n.Path == "":
			n.Path = prefix
		case n.Path[0] == '[':
			n.Path = prefix + n.Path
		default:
			n.Path = prefix + "." + n.Path
		}
		out[i] = n
	}
	return out
}

// Indexed is Prefixed(name + "[i]"), e.g. Indexed("data", 2).
func (ns Notes) Indexed(name string, i int) Notes {
	return ns.Prefixed(name + "[" + strconv.Itoa(i) + "]")
}

// String returns the notes one per line, each as [Note.String] gives it; "" for none.
func (ns Notes) String() string {
	var b strings.Builder
	for i, n := range ns {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(n.String())
	}
	return b.String()
}
