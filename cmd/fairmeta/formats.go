package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/fair"
)

// format is a metadata format the CLI can read or write. Each format package's glue registers its formats with
// registerFormat in an init function of its own file (datacite.go, schemaorg.go, ...).
type format struct {
	name string // the -from/-to name, e.g. "datacite-xml"
	// detect reports whether data looks like this format, for commands given no -from; nil means never detected.
	detect func(data []byte) bool
	// read parses data into one or more records, with notes on what it found in the input that the records cannot
	// hold (nothing is dropped silently: commands print the notes as warnings); nil when the format cannot be read.
	read func(data []byte) ([]*fair.Resource, []note, error)
	// write writes one record; nil when the format cannot be written.
	write func(w io.Writer, r *fair.Resource) error
	// unwritten lists the paths of what in r the format cannot hold, so that commands warn before writing; nil
	// when the format holds all of a fair.Resource.
	unwritten func(r *fair.Resource) []string
	// writeList writes several records as one document (a JSON:API list, a JSON array); nil when the format holds
	// one record per document, in which case convert refuses input of several records unless -jsonl is given.
	writeList func(w io.Writer, rs []*fair.Resource) error
	// writeLine writes one record as a single line of JSON ending in a newline, for convert -jsonl; nil when the
	// format has no one-line form.
	writeLine func(w io.Writer, r *fair.Resource) error
	// validate reads data and checks each record against DataCite 4.7, with what the format's reader noticed that a
	// fair.Resource cannot show (unknown elements, missing attributes); nil means read, then
	// datacite.ValidateResource on each record.
	validate func(data []byte) ([]datacite.Report, error)
}

// note is something a reader found in its input that the records it returned cannot hold.
type note struct {
	Path string // where in the input, e.g. "creators[0].foo" or "authors[1].alias"
	Msg  string // what was left out and why
}

func (n note) String() string {
	if n.Path == "" {
		return n.Msg
	}
	return n.Path + ": " + n.Msg
}

// readInput reads the records of one input in the named format, or the detected one, and insists on at least one
// record. It is the one path by which commands read metadata.
func readInput(from string, data []byte) (format, []*fair.Resource, []note, error) {
	f, err := lookupFormat(from, data)
	if err != nil {
		return format{}, nil, nil, err
	}
	if f.read == nil {
		return f, nil, nil, fmt.Errorf("format %s cannot be read", f.name)
	}
	recs, notes, err := f.read(data)
	if err != nil {
		return f, nil, nil, err
	}
	if len(recs) == 0 {
		return f, nil, nil, fmt.Errorf("no record in the %s input", f.name)
	}
	return f, recs, notes, nil
}

// warnNotes prints what a reader could not carry over, one warning per line: "CMD: NAME: warning: PATH: MSG".
func warnNotes(w io.Writer, cmd, name string, notes []note) {
	for _, n := range notes {
		fmt.Fprintf(w, "%s: %s: warning: not carried over: %s\n", cmd, name, n)
	}
}

// warnUnwritten prints what of r the format f cannot hold: "CMD: warning: FORMAT cannot hold: PATH".
func warnUnwritten(w io.Writer, cmd string, f format, r *fair.Resource) {
	if f.unwritten == nil {
		return
	}
	for _, p := range f.unwritten(r) {
		fmt.Fprintf(w, "%s: warning: %s cannot hold: %s\n", cmd, f.name, p)
	}
}

// formats is the table of formats, filled by init functions before main runs and only read afterwards.
var formats = map[string]format{}

func registerFormat(f format) {
	if _, dup := formats[f.name]; dup {
		panic("fairmeta: format registered twice: " + f.name)
	}
	formats[f.name] = f
}

func formatNames() string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// lookupFormat returns the named format, or detects it from data when name is empty.
func lookupFormat(name string, data []byte) (format, error) {
	if name != "" {
		f, ok := formats[name]
		if !ok {
			return format{}, fmt.Errorf("unknown format %q (known: %s)", name, formatNames())
		}
		return f, nil
	}
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if f := formats[n]; f.detect != nil && f.detect(data) {
			return f, nil
		}
	}
	return format{}, fmt.Errorf("cannot tell the format of the input; name it with -from (known: %s)", formatNames())
}

// The SDK's own JSON form of fair.Resource.
func init() {
	registerFormat(format{
		name: "fair",
		detect: func(data []byte) bool {
			// The hub form has a "titles" array of {"title": ...} objects and no JSON-LD or JSON:API markers.
			t := bytes.TrimSpace(data)
			return len(t) > 0 && t[0] == '{' && bytes.Contains(t, []byte(`"titles"`)) && !bytes.Contains(t, []byte(`"@context"`)) &&
				!bytes.Contains(t, []byte(`"attributes"`)) && bytes.Contains(t, []byte(`"resourceType"`)) && bytes.Contains(t, []byte(`"general"`))
		},
		read: func(data []byte) ([]*fair.Resource, []note, error) {
			var r fair.Resource
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields() // an unknown key is an error here, never dropped
			if err := dec.Decode(&r); err != nil {
				return nil, nil, err
			}
			return []*fair.Resource{&r}, nil, nil
		},
		write: func(w io.Writer, r *fair.Resource) error {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(r)
		},
		writeLine: func(w io.Writer, r *fair.Resource) error { return json.NewEncoder(w).Encode(r) },
	})
}
