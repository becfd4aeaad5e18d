package csl

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/citation"
	"github.com/dop2i/fairmeta/internal/jsonwalk"
)

// JSONFormat returns the descriptor of CSL-JSON (named "csl-json") for package format: the input of citation
// processors (this package, citeproc-js, pandoc, Zotero). Read reads an array of items (or one item) into one record
// each with ToResource; Write writes a record as an array of one item with FromResource, so that the output is a
// processor's input as it is; WriteList writes one array, ids made unique; WriteLine writes one item per line.
// Detection takes JSON whose (first) object has an id and a CSL 1.0.2 type and none of the other JSON formats'
// markers.
func JSONFormat() fair.Format {
	return fair.Format{
		Name:        "csl-json",
		Description: "CSL-JSON, the input of citation processors (citeproc-js, pandoc, Zotero)",
		MediaTypes:  []string{"application/vnd.citationstyles.csl+json"},
		Extensions:  []string{".json"},
		Detect:      detectJSON,
		Read:        readResources,
		Write: func(w io.Writer, r *fair.Resource) (fair.Notes, error) {
			return writeResources(w, []*fair.Resource{r}, false)
		},
		WriteList: func(w io.Writer, rs []*fair.Resource) (fair.Notes, error) {
			return writeResources(w, rs, true)
		},
		WriteLine: func(w io.Writer, r *fair.Resource) (fair.Notes, error) {
			if err := fair.CheckWrite(w, r); err != nil {
				return nil, fmt.Errorf("csl: %w", err)
			}
			it, notes := FromResource(r)
			b, err := it.MarshalJSON()
			if err != nil {
				return nil, err
			}
			_, err = w.Write(append(b, '\n'))
			return notes, err
		},
	}
}

func readResources(data []byte) ([]*fair.Resource, fair.Notes, error) {
	var se *jsonwalk.SyntaxError
	if err := jsonwalk.CheckText(data); errors.As(err, &se) {
		return nil, nil, &DataError{Path: se.Path, Msg: se.Msg}
	}
	items, err := ReadItems(bytes.NewReader(data))
	if err != nil {
		return nil, nil, err
	}
	if len(items) == 0 {
		return nil, nil, &DataError{Path: "", Msg: "an empty array: no item"}
	}
	recs := make([]*fair.Resource, 0, len(items))
	var notes fair.Notes
	for i, it := range items {
		r, ns := ToResource(it)
		recs = append(recs, r)
		notes = append(notes, ns.Prefixed("["+strconv.Itoa(i)+"]")...)
	}
	return recs, notes, nil
}

func writeResources(w io.Writer, rs []*fair.Resource, list bool) (fair.Notes, error) {
	if err := fair.CheckWrite(w, rs...); err != nil {
		return nil, fmt.Errorf("csl: %w", err)
	}
	items, notes := FromResources(rs)
	if !list {
		// One record: its notes without the "[0]" a list gives them.
		_, notes = FromResource(rs[0])
	}
	return notes, WriteItems(w, items)
}

// detectJSON claims JSON whose first object has an "id" and a "type" that is a CSL type, and none of the members
// that mark fairmeta's own JSON, DataCite JSON, schema.org and CodeMeta, .zenodo.json, INSPIRE and Crossref.
func detectJSON(data []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	tok, err := dec.Token()
	if err != nil {
		return false
	}
	if tok == json.Delim('[') {
		if !dec.More() {
			return false
		}
	} else if tok != json.Delim('{') {
		return false
	} else {
		dec = json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(bytes.TrimSpace(data), []byte("\xef\xbb\xbf"))))
	}
	var first map[string]json.RawMessage
	if dec.Decode(&first) != nil {
		return false
	}
	var typ string
	if json.Unmarshal(first["type"], &typ) != nil || !citation.IsCSLType(typ) || first["id"] == nil {
		return false
	}
	for _, k := range []string{"@context", "@type", "resourceType", "types", "attributes", "data", "upload_type",
		"metadata", "message", "member", "titles", "creators", "prefix", "reference-count"} {
		if _, ok := first[k]; ok {
			return false
		}
	}
	return true
}
