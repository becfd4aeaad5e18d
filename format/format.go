// Package format lists the metadata formats fairmeta reads and writes, finds them by name or from the bytes of an
// input, and converts any input to any output through fair.Resource, with the loss report of both directions.
//
// # Converting
//
//	reg := format.Default()                       // DataCite XML and JSON, schema.org, CodeMeta, CFF, INSPIRE, HAL TEI, ...
//	var out bytes.Buffer
//	recs, notRead, notWritten, err := reg.Convert(&out, input, "", "datacite-xml") // "" detects the input's format
//	if err != nil {
//		return err // unreadable input, an unknown format, or several records for a one-record format
//	}
//	for _, n := range notRead {
//		log.Printf("not carried into the record: %s", n)   // e.g. "authors[0].post-code: no place for it in the record"
//	}
//	for _, n := range notWritten {
//		log.Printf("not written as DataCite: %s", n)       // e.g. "distributions = 2 distributions: DataCite has no property for it"
//	}
//	_ = recs // the fair.Resource records in between, for checks of your own
//
// [Registry.Read] stops at the records, [Registry.Detect] only names the format (with [ErrEmpty] for empty input
// and an *[UnknownFormatError] when no format claims it), and [Registry.Lookup] finds one by name. Nothing is lost
// silently: what a reader could not carry into a record comes back as notRead, what a writer's format cannot hold
// as notWritten, both as fair.Notes (path, value, reason); an error means there is no usable result.
//
// # The registry
//
// A [Registry] is an ordered list of fair.Format values. [Default] returns a new one holding fairmeta's formats;
// [New] builds one from the formats given, and [Registry.Add] appends a format of your own (its name must be new).
// The zero value is an empty registry, ready for Add. Nothing here is global: each registry is its own value.
// Detection asks each format's Detect in list order and takes the first that claims the input, so a format whose
// markers are also found in another's input goes first. A Registry is safe for concurrent use once built; Add must
// not run concurrently with other methods.
//
// # Adding a format
//
// A new format (INSPIRE, Crossref, BibTeX, RIS, CSL-JSON, maDMP, ...) is added in four steps:
//
//  1. In the package that owns the format, export a function returning its fair.Format: Name (lower case, the
//     command line's -from/-to), Description, MediaTypes, Extensions, Detect (a cheap look at markers that claims
//     none of the other formats' inputs), Read and Write (returning notRead/notWritten notes, never dropping a fact
//     silently), and WriteList/WriteLine where the format has a list or one-line form. Read and Write convert
//     through fair.Resource only. The writers start with [fair.CheckWrite], so that a nil writer or record is an
//     error, never a panic (TestFormatsNil checks every format of Default).
//  2. Add it to the list in [Default] in this package (the list is explicit; there is no init registration).
//  3. Add its sample inputs to this package's detection test, which checks that exactly its own Detect claims each
//     of them, and a round-trip test in the owning package (Read of what Write wrote gives the record back, up to
//     what notWritten names).
//  4. Give its reader a FuzzXxx target that checks it never panics and never returns records beside an error.
//
// The command line (fairmeta formats, convert, validate, assess, doi mint) picks the format up from [Default]
// without other changes.
package format

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"slices"
	"strings"

	"github.com/dop2i/fairmeta/arxiv"
	"github.com/dop2i/fairmeta/bibtex"
	"github.com/dop2i/fairmeta/crossref"
	"github.com/dop2i/fairmeta/csl"
	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/dmp"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/hal"
	"github.com/dop2i/fairmeta/inspire"
	"github.com/dop2i/fairmeta/ris"
	"github.com/dop2i/fairmeta/schemaorg"
	"github.com/dop2i/fairmeta/software"
)

// Registry is an ordered list of formats with unique names. The zero value is an empty registry; [Default] gives
// fairmeta's formats.
type Registry struct {
	formats []fair.Format
}

// Default returns a new registry of the formats fairmeta knows, in detection order: fairmeta's own JSON form; the
// publication sources INSPIRE-HEP, Crossref and arXiv (read only) and HAL TEI, whose markers are specific but whose
// records also hold members other detectors look for (an INSPIRE record has "dois"); DataCite XML and JSON, schema.org
// JSON-LD (and HTML landing pages), CodeMeta, CFF, .zenodo.json; maDMP and DMP OPIDoR plans; the citation formats
// CSL-JSON, BibTeX and RIS.
func Default() *Registry {
	return &Registry{formats: []fair.Format{
		fair.JSONFormat(),
		inspire.Format(),
		crossref.Format(),
		arxiv.Format(),
		hal.Format(),
		datacite.XMLFormat(),
		datacite.JSONFormat(),
		schemaorg.Format(),
		software.CodeMetaFormat(),
		software.CFFFormat(),
		software.ZenodoFormat(),
		dmp.Format(),
		dmp.OPIDoRFormat(),
		csl.JSONFormat(),
		bibtex.Format(),
		ris.Format(),
	}}
}

// New returns a registry of the given formats, in that order, or an error when one has no name, no reader and no
// writer, or a name already taken.
func New(formats ...fair.Format) (*Registry, error) {
	g := &Registry{}
	for _, f := range formats {
		if err := g.Add(f); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// Add appends f to the registry. It returns an error, and adds nothing, when f has no name, a name that is not
// lower case or holds spaces, a name already in the registry, or neither a reader nor a writer.
func (g *Registry) Add(f fair.Format) error {
	switch {
	case f.Name == "":
		return errors.New("format: a format needs a name")
	case f.Name != strings.ToLower(f.Name) || strings.ContainsAny(f.Name, " \t\n,"):
		return fmt.Errorf("format: name %q: use lower case without spaces or commas", f.Name)
	case f.Read == nil && f.Write == nil:
		return fmt.Errorf("format: %s has neither a reader nor a writer", f.Name)
	}
	if _, dup := g.Lookup(f.Name); dup {
		return fmt.Errorf("format: %s is already in the registry", f.Name)
	}
	g.formats = append(g.formats, f)
	return nil
}

// Formats returns the registry's formats in list order. The slice is a copy.
func (g *Registry) Formats() []fair.Format { return append([]fair.Format(nil), g.formats...) }

// Names returns the names of the formats in list order.
func (g *Registry) Names() []string {
	out := make([]string, len(g.formats))
	for i, f := range g.formats {
		out[i] = f.Name
	}
	return out
}

// Lookup returns the format of the given name.
func (g *Registry) Lookup(name string) (fair.Format, bool) {
	for _, f := range g.formats {
		if f.Name == name {
			return f, true
		}
	}
	return fair.Format{}, false
}

// ErrEmpty is returned when the input is empty or holds only white space: there is nothing to detect or read.
var ErrEmpty = errors.New("format: the input is empty")

// UnknownFormatError reports a format name the registry does not hold, or (Name "") an input no format claims.
type UnknownFormatError struct {
	// Name is the name asked for; "" when the format was to be detected from the input.
	Name string
	// Known are the names the registry holds, in list order.
	Known []string
}

// Error says what is not known and lists the known formats.
func (e *UnknownFormatError) Error() string {
	known := strings.Join(e.Known, ", ")
	if e.Name == "" {
		return "format: cannot tell the format of the input; name it (known: " + known + ")"
	}
	return fmt.Sprintf("format: unknown format %q (known: %s)", e.Name, known)
}

// CapabilityError reports a format asked to do what it cannot: read (Op "read"), write ("write") or write one
// record per line ("write lines").
type CapabilityError struct {
	Format string
	Op     string
}

// Error says what the format cannot do.
func (e *CapabilityError) Error() string { return "format: " + e.Format + " cannot " + e.Op }

// Detect returns the first format in list order whose Detect claims data. Empty input gives [ErrEmpty]; input no
// format claims gives an *[UnknownFormatError] with an empty Name.
func (g *Registry) Detect(data []byte) (fair.Format, error) {
	if isBlank(data) {
		return fair.Format{}, ErrEmpty
	}
	for _, f := range g.formats {
		if f.Detect != nil && f.Detect(data) {
			return f, nil
		}
	}
	return fair.Format{}, &UnknownFormatError{Known: g.Names()}
}

// DetectMedia returns the format of data that came with the given Content-Type (an HTTP answer, a content
// negotiation): the first readable format listing the media type whose Detect claims data, else the format Detect
// finds from the content alone, so that a generic or wrong type (application/json, text/html) still finds the
// format and a type no format lists (application/vnd.schemaorg.ld+json) too. Parameters such as charset are
// ignored. Errors are Detect's.
func (g *Registry) DetectMedia(contentType string, data []byte) (fair.Format, error) {
	if isBlank(data) {
		return fair.Format{}, ErrEmpty
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err == nil {
		for _, f := range g.formats {
			if f.Read != nil && f.Detect != nil && slices.ContainsFunc(f.MediaTypes, func(t string) bool { return strings.EqualFold(t, mt) }) && f.Detect(data) {
				return f, nil
			}
		}
	}
	return g.Detect(data)
}

// Reader returns the named format, or the detected one when name is "", insisting that it can be read.
func (g *Registry) Reader(name string, data []byte) (fair.Format, error) {
	var f fair.Format
	if name == "" {
		var err error
		if f, err = g.Detect(data); err != nil {
			return fair.Format{}, err
		}
	} else {
		var ok bool
		if f, ok = g.Lookup(name); !ok {
			return fair.Format{}, &UnknownFormatError{Name: name, Known: g.Names()}
		}
	}
	if f.Read == nil {
		return fair.Format{}, &CapabilityError{Format: f.Name, Op: "read"}
	}
	return f, nil
}

// Writer returns the named format, insisting that it can be written.
func (g *Registry) Writer(name string) (fair.Format, error) {
	f, ok := g.Lookup(name)
	if !ok {
		return fair.Format{}, &UnknownFormatError{Name: name, Known: g.Names()}
	}
	if f.Write == nil {
		return fair.Format{}, &CapabilityError{Format: f.Name, Op: "write"}
	}
	return f, nil
}

// ReadError wraps the error of a format's reader with the format's name.
type ReadError struct {
	Format string // the format read
	Err    error  // the reader's error
}

// Error names the format and the cause.
func (e *ReadError) Error() string { return "reading " + e.Format + ": " + e.Err.Error() }

// Unwrap returns the reader's error.
func (e *ReadError) Unwrap() error { return e.Err }

// ErrNoRecord is returned by Read when a format read the input without error but found no record in it (an empty
// DataCite JSON:API list).
var ErrNoRecord = errors.New("no record in the input")

// Read reads data in the named format, or the detected one when from is "", and returns its records (at least one)
// with notRead: what the input holds that the records cannot. It also returns the format it used, so that callers
// can say which one was detected. A reader's failure is a *[ReadError].
func (g *Registry) Read(from string, data []byte) (f fair.Format, recs []*fair.Resource, notRead fair.Notes, err error) {
	f, err = g.Reader(from, data)
	if err != nil {
		return fair.Format{}, nil, nil, err
	}
	if isBlank(data) {
		return f, nil, nil, &ReadError{Format: f.Name, Err: ErrEmpty}
	}
	recs, notRead, err = f.Read(data)
	if err != nil {
		return f, nil, nil, &ReadError{Format: f.Name, Err: err}
	}
	if len(recs) == 0 {
		return f, nil, nil, &ReadError{Format: f.Name, Err: ErrNoRecord}
	}
	for i, r := range recs {
		if r == nil {
			return f, nil, nil, &ReadError{Format: f.Name, Err: fmt.Errorf("the reader returned no record at position %d", i)}
		}
	}
	return f, recs, notRead, nil
}

// OneRecordError reports input of several records converted to a format that holds one record per document and
// has no list form. Write them one per line (a format with WriteLine), or one document each.
type OneRecordError struct {
	Format  string // the output format
	Records int    // how many records the input holds
}

// Error says why the records cannot be written.
func (e *OneRecordError) Error() string {
	return fmt.Sprintf("format: the input holds %d records and %s holds one per document", e.Records, e.Format)
}

// Write writes recs in the named format: one record with the format's Write, several with its WriteList (an
// *[OneRecordError] when it has none). It returns notWritten: what of the records the format cannot hold.
func (g *Registry) Write(w io.Writer, to string, recs []*fair.Resource) (notWritten fair.Notes, err error) {
	f, err := g.Writer(to)
	if err != nil {
		return nil, err
	}
	return write(w, f, recs)
}

func write(w io.Writer, f fair.Format, recs []*fair.Resource) (fair.Notes, error) {
	if err := checkWrite(w, recs); err != nil {
		return nil, err
	}
	switch {
	case len(recs) == 1:
		return f.Write(w, recs[0])
	case f.WriteList != nil:
		return f.WriteList(w, recs)
	default:
		return nil, &OneRecordError{Format: f.Name, Records: len(recs)}
	}
}

// WriteLines writes each record as one line of JSON in the named format (its WriteLine), for JSON Lines output. A
// record's notes have the path prefix "[i]" when there are several records.
func (g *Registry) WriteLines(w io.Writer, to string, recs []*fair.Resource) (notWritten fair.Notes, err error) {
	f, err := g.Writer(to)
	if err != nil {
		return nil, err
	}
	if f.WriteLine == nil && !writesJSON(f) {
		return nil, &CapabilityError{Format: f.Name, Op: "write lines (it has no one-line JSON form)"}
	}
	if err := checkWrite(w, recs); err != nil {
		return nil, err
	}
	writeLine := f.WriteLine
	if writeLine == nil {
		writeLine = compactLine(f)
	}
	for i, r := range recs {
		notes, err := writeLine(w, r)
		if len(recs) > 1 {
			notes = notes.Prefixed(fmt.Sprintf("[%d]", i))
		}
		notWritten = append(notWritten, notes...)
		if err != nil {
			return notWritten, err
		}
	}
	return notWritten, nil
}

// LineWriter returns the named format, insisting that WriteLines can write it one record per line: it has a
// one-line form (WriteLine) or writes JSON (a media type ending in "json"), which WriteLines compacts onto one line.
// A format that can do neither gives a *[CapabilityError].
func (g *Registry) LineWriter(name string) (fair.Format, error) {
	f, err := g.Writer(name)
	if err != nil {
		return fair.Format{}, err
	}
	if f.WriteLine == nil && !writesJSON(f) {
		return fair.Format{}, &CapabilityError{Format: f.Name, Op: "write lines (it has no one-line JSON form)"}
	}
	return f, nil
}

// writesJSON reports whether a format writes JSON documents, by its media types.
func writesJSON(f fair.Format) bool {
	return slices.ContainsFunc(f.MediaTypes, func(t string) bool { return strings.HasSuffix(t, "json") })
}

// compactLine is the one-line form of a JSON format without WriteLine: its document compacted, then a newline.
func compactLine(f fair.Format) func(io.Writer, *fair.Resource) (fair.Notes, error) {
	return func(w io.Writer, r *fair.Resource) (fair.Notes, error) {
		var doc, line bytes.Buffer
		notes, err := f.Write(&doc, r)
		if err != nil {
			return notes, err
		}
		if err := json.Compact(&line, doc.Bytes()); err != nil {
			return notes, fmt.Errorf("format: %s did not write JSON: %w", f.Name, err)
		}
		line.WriteByte('\n')
		_, err = w.Write(line.Bytes())
		return notes, err
	}
}

// Convert reads data in format from ("" to detect it) and writes its records to w in format to, through
// fair.Resource. It returns the records, what the reader could not carry into them (notRead) and what the writer's
// format could not hold of them (notWritten). The output format is checked before the input is read, so an
// unknown or read-only output format writes nothing. On a write error the records and notRead are still returned.
func (g *Registry) Convert(w io.Writer, data []byte, from, to string) (recs []*fair.Resource, notRead, notWritten fair.Notes, err error) {
	out, err := g.Writer(to)
	if err != nil {
		return nil, nil, nil, err
	}
	if w == nil {
		return nil, nil, nil, errNilWriter
	}
	_, recs, notRead, err = g.Read(from, data)
	if err != nil {
		return nil, nil, nil, err
	}
	notWritten, err = write(w, out, recs)
	return recs, notRead, notWritten, err
}

func isBlank(data []byte) bool {
	return len(bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n\f")) == 0
}

var errNilWriter = errors.New("format: nil io.Writer")

// checkWrite refuses a nil writer and nil records before a format's writer sees them.
func checkWrite(w io.Writer, recs []*fair.Resource) error {
	if w == nil {
		return errNilWriter
	}
	if i := slices.Index(recs, nil); i >= 0 {
		return fmt.Errorf("format: record %d is nil", i)
	}
	return nil
}
