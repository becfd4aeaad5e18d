package fair

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/dop2i/fairmeta/internal/jsonwalk"
)

// Format describes one metadata format that converts to and from a [Resource]: its names, how to recognise it and
// how to read and write it. The package that owns a format exports a function returning its Format (datacite.XMLFormat,
// schemaorg.Format, software.CFFFormat, [JSONFormat] here); package format lists them, looks them up by name, detects
// them from bytes and converts between any two of them.
//
// A Format is a plain value: callers may build their own and add it to a format.Registry. Every function field may
// be nil, meaning the format cannot do that; the functions must be safe for concurrent use and must not panic on
// any input.
//
// Loss is reported with [Notes], never dropped silently and never as an error: a reader returns beside its records
// the notes of what it found in the input that the records cannot hold (notRead), a writer the notes of what of the
// record its format cannot hold (notWritten). An error means no usable result: a reader that returns records
// returns a nil error.
type Format struct {
	// Name is the format's short name, lower case, as the command line's -from and -to take it: "datacite-xml",
	// "schemaorg", "cff". It is unique within a registry.
	Name string
	// Description says in a few words what the format is, e.g. "DataCite Metadata Schema 4.7 XML".
	Description string
	// MediaTypes are the IANA media types of the format, the preferred one first; may be empty.
	MediaTypes []string
	// Extensions are the file name endings of the format, lower case with their leading dot (".xml", ".cff",
	// ".zenodo.json"), the usual one first; may be empty.
	Extensions []string

	// Detect reports whether data looks like this format, for callers that were not told the format. It looks at a
	// few markers rather than parsing, is specific enough not to claim the other formats of the default list, and
	// never panics; nil means the format is never detected (it must then be named).
	Detect func(data []byte) bool
	// Read parses one document into its records (a document may hold several, like a DataCite JSON:API list) and
	// returns the notes of what the records could not hold, with paths in the input's terms. It returns either at
	// least one record and a nil error, or an error and no record. Nil means the format cannot be read.
	Read func(data []byte) (recs []*Resource, notRead Notes, err error)
	// Write writes one record as one document and returns the notes of what of r the format could not hold, with
	// paths in the terms of the record's JSON form. Nil means the format cannot be written.
	Write func(w io.Writer, r *Resource) (notWritten Notes, err error)
	// WriteList writes several records as one document (a DataCite JSON:API list, a JSON array); each record's
	// notes have the path prefix "[i]". Nil means the format holds one record per document.
	WriteList func(w io.Writer, rs []*Resource) (notWritten Notes, err error)
	// WriteLine writes one record as a single line of JSON ending in a newline, for JSON Lines streams. Nil means
	// the format has no one-line form.
	WriteLine func(w io.Writer, r *Resource) (notWritten Notes, err error)
}

// CanRead reports whether the format has a reader.
func (f Format) CanRead() bool { return f.Read != nil }

// CanWrite reports whether the format has a writer.
func (f Format) CanWrite() bool { return f.Write != nil }

// String returns the format's name.
func (f Format) String() string { return f.Name }

// JSONFormat returns the descriptor of the SDK's own JSON form of a [Resource] (named "fair"): the form its struct
// tags give, stable across releases. The reader refuses unknown keys instead of dropping them; the writer holds
// everything, so it never returns notes.
func JSONFormat() Format {
	return Format{
		Name:        "fair",
		Description: "fairmeta's own JSON form of a record",
		MediaTypes:  []string{"application/json"},
		Extensions:  []string{".json"},
		Detect:      detectJSON,
		Read:        readJSON,
		Write: func(w io.Writer, r *Resource) (Notes, error) {
			if err := CheckWrite(w, r); err != nil {
				return nil, err
			}
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return nil, enc.Encode(r)
		},
		WriteList: func(w io.Writer, rs []*Resource) (Notes, error) {
			if err := CheckWrite(w, rs...); err != nil {
				return nil, err
			}
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return nil, enc.Encode(rs)
		},
		WriteLine: func(w io.Writer, r *Resource) (Notes, error) {
			if err := CheckWrite(w, r); err != nil {
				return nil, err
			}
			return nil, json.NewEncoder(w).Encode(r)
		},
	}
}

// detectJSON recognises the hub form: a JSON object (or an array of them) with a "titles" array and a resourceType
// with "general", and no JSON-LD or JSON:API markers.
func detectJSON(data []byte) bool {
	t := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	return len(t) > 0 && (t[0] == '{' || t[0] == '[') && bytes.Contains(t, []byte(`"titles"`)) && !bytes.Contains(t, []byte(`"@context"`)) &&
		!bytes.Contains(t, []byte(`"attributes"`)) && bytes.Contains(t, []byte(`"resourceType"`)) && bytes.Contains(t, []byte(`"general"`))
}

// readJSON reads one Resource, or a JSON array of them as JSONFormat's WriteList writes it.
func readJSON(data []byte) ([]*Resource, Notes, error) {
	t := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if err := jsonwalk.CheckText(t); err != nil {
		return nil, nil, &JSONError{Err: err}
	}
	dec := json.NewDecoder(bytes.NewReader(t))
	dec.DisallowUnknownFields() // an unknown key is an error here, never dropped
	var recs []*Resource
	if len(t) > 0 && t[0] == '[' {
		if err := dec.Decode(&recs); err != nil {
			return nil, nil, &JSONError{Err: err}
		}
		for i, r := range recs {
			if r == nil {
				return nil, nil, &JSONError{Err: &nullRecordError{i}}
			}
		}
	} else {
		var r Resource
		if err := dec.Decode(&r); err != nil {
			return nil, nil, &JSONError{Err: err}
		}
		recs = []*Resource{&r}
	}
	if dec.More() {
		return nil, nil, &JSONError{Err: errTrailing}
	}
	if len(recs) == 0 {
		return nil, nil, &JSONError{Err: errNoRecord}
	}
	return recs, nil, nil
}

// JSONError reports input that [JSONFormat] cannot read as a Resource: malformed JSON, an unknown key, a value of
// the wrong type. It wraps the decoder's error.
type JSONError struct {
	Err error
}

// Error names the cause.
func (e *JSONError) Error() string { return "fair: reading JSON: " + e.Err.Error() }

// Unwrap returns the decoder's error.
func (e *JSONError) Unwrap() error { return e.Err }

type nullRecordError struct{ i int }

func (e *nullRecordError) Error() string { return "[" + strconv.Itoa(e.i) + "] is null, not a record" }

type constError string

func (e constError) Error() string { return string(e) }

const (
	errTrailing = constError("data after the record")
	errNoRecord = constError("an empty list holds no record")
)

// ErrNilWrite is matched by the error of a writer given a nil io.Writer or a nil record; see [CheckWrite].
var ErrNilWrite = errors.New("fair: nil io.Writer or nil record")

// CheckWrite returns an error matching [ErrNilWrite] when w or one of rs is nil, and nil otherwise: the check a
// format's Write, WriteList and WriteLine make first, so that nil is an error and never a panic.
func CheckWrite(w io.Writer, rs ...*Resource) error {
	if w == nil {
		return fmt.Errorf("%w: the io.Writer is nil", ErrNilWrite)
	}
	for i, r := range rs {
		if r == nil {
			return fmt.Errorf("%w: record %d is nil", ErrNilWrite, i)
		}
	}
	return nil
}
