package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/fair"
	"golang.org/x/text/encoding/unicode"
)

// readNotes turns what the DataCite reader found but could not hold into notes, paths prefixed by prefix.
func readNotes(prefix string, rec *datacite.Record) []note {
	var notes []note
	for _, p := range rec.ReadProblems() {
		notes = append(notes, note{Path: prefix + p.Path, Msg: p.Message})
	}
	return notes
}

// The DataCite formats: XML of schema 4.7 (reads kernel-3 and kernel-4) and the JSON of the REST API.
func init() {
	registerFormat(format{
		name:   "datacite-xml",
		detect: looksLikeDataCiteXML,
		read: func(data []byte) ([]*fair.Resource, []note, error) {
			rec, err := datacite.ReadXML(data)
			if err != nil {
				return nil, nil, err
			}
			return []*fair.Resource{datacite.ToResource(rec)}, readNotes("", rec), nil
		},
		write:     func(w io.Writer, r *fair.Resource) error { return datacite.FromResource(r).WriteXML(w) },
		unwritten: datacite.Unmapped,
		validate: func(data []byte) ([]datacite.Report, error) {
			rec, err := datacite.ReadXML(data)
			if err != nil {
				return nil, err
			}
			return []datacite.Report{datacite.Validate(rec)}, nil
		},
	})
	registerFormat(format{
		name:   "datacite-json",
		detect: looksLikeDataCiteJSON,
		read: func(data []byte) ([]*fair.Resource, []note, error) {
			recs, err := datacite.ReadJSON(data)
			if err != nil {
				return nil, nil, err
			}
			out := make([]*fair.Resource, len(recs))
			var notes []note
			for i, r := range recs {
				out[i] = datacite.ToResource(r)
				prefix := ""
				if len(recs) > 1 {
					prefix = fmt.Sprintf("data[%d].", i)
				}
				notes = append(notes, readNotes(prefix, r)...)
			}
			return out, notes, nil
		},
		unwritten: datacite.Unmapped,
		write: func(w io.Writer, r *fair.Resource) error {
			b, err := datacite.FromResource(r).MarshalJSONAPI()
			if err != nil {
				return err
			}
			var ind bytes.Buffer
			if err := json.Indent(&ind, b, "", "  "); err != nil {
				return err
			}
			ind.WriteByte('\n')
			_, err = w.Write(ind.Bytes())
			return err
		},
		writeList: func(w io.Writer, rs []*fair.Resource) error {
			recs := make([]*datacite.Record, len(rs))
			for i, r := range rs {
				recs[i] = datacite.FromResource(r)
			}
			return datacite.WriteJSONList(w, recs)
		},
		writeLine: func(w io.Writer, r *fair.Resource) error { return datacite.FromResource(r).WriteJSON(w) },
		validate: func(data []byte) ([]datacite.Report, error) {
			recs, err := datacite.ReadJSON(data)
			if err != nil {
				return nil, err
			}
			reps := make([]datacite.Report, len(recs))
			for i, r := range recs {
				reps[i] = datacite.Validate(r)
			}
			return reps, nil
		},
	})
}

// looksLikeDataCiteXML reports whether data is XML naming a DataCite schema namespace, in UTF-8 or UTF-16.
func looksLikeDataCiteXML(data []byte) bool {
	if len(data) >= 2 {
		e, utf16 := unicode.BigEndian, false
		switch {
		case data[0] == 0xFE && data[1] == 0xFF, data[0] == 0:
			utf16 = true
		case data[0] == 0xFF && data[1] == 0xFE, data[1] == 0:
			e, utf16 = unicode.LittleEndian, true
		}
		if utf16 {
			u, err := unicode.UTF16(e, unicode.UseBOM).NewDecoder().Bytes(data)
			if err != nil {
				return false
			}
			data = u
		}
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	return len(t) > 0 && t[0] == '<' && bytes.Contains(data, []byte("datacite.org/schema/kernel-"))
}

// looksLikeDataCiteJSON reports whether data is DataCite JSON: a JSON:API document of type dois, or attributes with
// types.resourceTypeGeneral, and no JSON-LD context.
func looksLikeDataCiteJSON(data []byte) bool {
	t := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(t) == 0 || t[0] != '{' || bytes.Contains(t, []byte(`"@context"`)) {
		return false
	}
	return bytes.Contains(t, []byte(`"dois"`)) || bytes.Contains(t, []byte(`"types"`)) && bytes.Contains(t, []byte(`"resourceTypeGeneral"`))
}
