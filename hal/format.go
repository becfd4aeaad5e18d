package hal

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/dop2i/fairmeta/fair"
)

// FormatName is the name of the HAL TEI format in fairmeta's format list and on the command line.
const FormatName = "hal-tei"

// Format returns the descriptor of HAL TEI (named "hal-tei") for package format: read with [Read] (an export of
// HAL's API, one record per biblFull, or a deposit), written with [Write] as a HAL deposit (AOfr TEI), detected
// with [Detect].
func Format() fair.Format {
	return fair.Format{
		Name:        FormatName,
		Description: "HAL TEI: exports of HAL's API and deposits (AOfr)",
		MediaTypes:  []string{"application/tei+xml", "application/xml"},
		Extensions:  []string{".xml", ".tei"},
		Detect:      Detect,
		Read:        Read,
		Write:       Write,
	}
}

// Detect reports whether data looks like HAL TEI: a TEI document in the TEI namespace holding a listBibl of
// biblFull records (HAL's export and deposit shape). Only the first 64 KiB are looked at.
func Detect(data []byte) bool {
	head := data
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	i := bytes.Index(head, []byte("<TEI"))
	if i < 0 {
		return false
	}
	return bytes.Contains(head, []byte(NamespaceTEI)) && (bytes.Contains(head[i:], []byte("<listBibl")) || bytes.Contains(head, []byte(NamespaceHAL)))
}

// Read reads HAL TEI (an export or a deposit) into one fair.Resource per record, with the notes of everything it
// could not carry into them: elements HAL's schema does not define, and HAL's own data (collections, coded
// metadata, the structures' addresses and parents, ...). Default Limits apply.
func Read(data []byte) (recs []*fair.Resource, notRead fair.Notes, err error) {
	docs, notes, err := Decode(data, Limits{})
	if err != nil {
		return nil, nil, err
	}
	out := make([]*fair.Resource, 0, len(docs))
	for _, d := range docs {
		r, n := ToResource(d)
		notes = append(notes, n...)
		out = append(out, r)
	}
	return out, notes, nil
}

// Format returns the descriptor of HAL TEI (named "hal-tei") whose writer resolves affiliations as w does: put it
// in a format registry in place of [Format] to convert with a Resolver. A nil w is the zero Writer.
func (w *Writer) Format() fair.Format {
	f := Format()
	f.Write = w.Write
	return f
}

// Write writes a record as a HAL deposit (AOfr TEI), resolving its affiliations as w does, and returns the notes of
// what the deposit does not hold and what a cataloguer must check (each affiliation kept as a new structure among
// them). A nil w is the zero Writer.
func (w *Writer) Write(out io.Writer, r *fair.Resource) (notWritten fair.Notes, err error) {
	if err := fair.CheckWrite(out, r); err != nil {
		return nil, fmt.Errorf("hal: %w", err)
	}
	if w == nil {
		w = &Writer{}
	}
	dep, err := w.Document(context.Background(), r)
	if err != nil {
		return nil, err
	}
	return dep.Notes, dep.Document.Encode(out)
}

// Write writes a record as a HAL deposit (AOfr TEI) with the zero Writer: affiliations are resolved to the HAL
// structure numbers the record carries, and every other one is kept as a new named structure. It returns the
// notes of what the deposit does not hold and what a cataloguer must check. Use a Writer with a Resolver to
// resolve ROR IDs.
func Write(w io.Writer, r *fair.Resource) (notWritten fair.Notes, err error) {
	return (&Writer{}).Write(w, r)
}
