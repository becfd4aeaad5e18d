package csl

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// citeJSON is a cite as citeproc-js and the CSL test suite write it.
type citeJSON struct {
	ID             json.RawMessage `json:"id"`
	Locator        json.RawMessage `json:"locator"`
	Label          string          `json:"label"`
	Prefix         string          `json:"prefix"`
	Suffix         string          `json:"suffix"`
	SuppressAuthor json.RawMessage `json:"suppress-author"`
	AuthorOnly     json.RawMessage `json:"author-only"`
	Position       *int            `json:"position"`
	NearNote       json.RawMessage `json:"near-note"`
}

func (c citeJSON) cite(path string) (CiteItem, error) {
	id, ok := scalarString(c.ID)
	if !ok || id == "" {
		return CiteItem{}, &DataError{Path: under(path, "id"), Msg: "a cite needs the id of an item (a string or a number)"}
	}
	loc, _ := scalarString(c.Locator)
	return CiteItem{ID: id, Locator: loc, Label: c.Label, Prefix: c.Prefix, Suffix: c.Suffix,
		SuppressAuthor: truthy(c.SuppressAuthor), AuthorOnly: truthy(c.AuthorOnly), Position: c.Position,
		NearNote: truthy(c.NearNote)}, nil
}

func readJSON(r io.Reader, what string) ([]byte, error) {
	if r == nil {
		return nil, errors.New("csl: " + what + ": nil reader")
	}
	data, err := io.ReadAll(io.LimitReader(r, maxInputBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxInputBytes {
		return nil, &DataError{Path: "", Msg: fmt.Sprintf("input larger than %d bytes", maxInputBytes)}
	}
	return bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), nil
}

// ReadCitationItems reads citation clusters as the CSL test suite's CITATION-ITEMS section writes them (the
// argument of citeproc-js's makeCitationCluster, one per cluster): a JSON array of clusters, each an array of cites
// {"id", "locator", "label", "prefix", "suffix", "suppress-author", "author-only", "position", "near-note"}. The
// clusters are what CitationClusters takes. A cite without an id is a DataError naming it ("[1][0].id").
func ReadCitationItems(r io.Reader) ([][]CiteItem, error) {
	data, err := readJSON(r, "ReadCitationItems")
	if err != nil {
		return nil, err
	}
	var raw [][]citeJSON
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, &DataError{Path: "", Msg: "not an array of citation clusters (arrays of cites): " + err.Error()}
	}
	out := make([][]CiteItem, 0, len(raw))
	for i, cl := range raw {
		cites := make([]CiteItem, 0, len(cl))
		for j, c := range cl {
			ci, err := c.cite(fmt.Sprintf("[%d][%d]", i, j))
			if err != nil {
				return nil, err
			}
			cites = append(cites, ci)
		}
		out = append(out, cites)
	}
	return out, nil
}

// citationJSON is a citation as citeproc-js's processCitationCluster takes it.
type citationJSON struct {
	CitationID    json.RawMessage `json:"citationID"`
	CitationItems []citeJSON      `json:"citationItems"`
	Properties    struct {
		NoteIndex json.RawMessage `json:"noteIndex"`
	} `json:"properties"`
}

// ReadCitationSteps reads citations as the CSL test suite's CITATIONS section writes them: a JSON array of
// citeproc-js processCitationCluster calls, each [citation, citationsPre, citationsPost], where citation is
// {"citationID", "citationItems": [cites as in ReadCitationItems], "properties": {"noteIndex"}} and citationsPre and
// citationsPost list the citations before and after it in the document as [citationID, noteIndex]. It returns the
// document's citations in order after each call (the last is the whole document), with the note indexes the calls
// gave them. A citation referred to before it was given, or a cite without an id, is a DataError naming it.
func ReadCitationSteps(r io.Reader) ([][]Citation, error) {
	data, err := readJSON(r, "ReadCitationSteps")
	if err != nil {
		return nil, err
	}
	var steps [][]json.RawMessage
	if err := json.Unmarshal(data, &steps); err != nil {
		return nil, &DataError{Path: "", Msg: "not an array of [citation, citationsPre, citationsPost] calls: " + err.Error()}
	}
	known := map[string]Citation{}
	var out [][]Citation
	for si, step := range steps {
		path := fmt.Sprintf("[%d]", si)
		if len(step) < 1 {
			return nil, &DataError{Path: path, Msg: "a call needs a citation"}
		}
		var cj citationJSON
		if err := json.Unmarshal(step[0], &cj); err != nil {
			return nil, &DataError{Path: path + "[0]", Msg: "not a citation: " + err.Error()}
		}
		cid, ok := scalarString(cj.CitationID)
		if !ok || cid == "" {
			cid = "CITATION-" + strconv.Itoa(si+1)
		}
		c := Citation{ID: cid}
		if ni, ok := scalarString(cj.Properties.NoteIndex); ok {
			c.NoteIndex, _ = strconv.Atoi(ni)
		}
		for j, ci := range cj.CitationItems {
			cite, err := ci.cite(fmt.Sprintf("%s[0].citationItems[%d]", path, j))
			if err != nil {
				return nil, err
			}
			c.Items = append(c.Items, cite)
		}
		known[cid] = c
		refs := func(idx int) ([]Citation, error) {
			if len(step) <= idx {
				return nil, nil
			}
			var list [][]json.RawMessage
			if err := json.Unmarshal(step[idx], &list); err != nil {
				return nil, &DataError{Path: fmt.Sprintf("%s[%d]", path, idx), Msg: "not a list of [citationID, noteIndex]: " + err.Error()}
			}
			var cs []Citation
			for ri, ref := range list {
				rpath := fmt.Sprintf("%s[%d][%d]", path, idx, ri)
				if len(ref) < 1 {
					return nil, &DataError{Path: rpath, Msg: "empty citation reference"}
				}
				id, _ := scalarString(ref[0])
				prev, ok := known[id]
				if !ok {
					return nil, &DataError{Path: rpath, Msg: fmt.Sprintf("citation %q was not given by an earlier call", id)}
				}
				if len(ref) > 1 {
					if s, ok := scalarString(ref[1]); ok {
						prev.NoteIndex, _ = strconv.Atoi(s)
					}
				}
				known[id] = prev
				cs = append(cs, prev)
			}
			return cs, nil
		}
		pre, err := refs(1)
		if err != nil {
			return nil, err
		}
		post, err := refs(2)
		if err != nil {
			return nil, err
		}
		order := append(append(pre, c), post...)
		out = append(out, order)
	}
	return out, nil
}

// ReadCitations reads citations as ReadCitationSteps does and returns the document's citations after the last
// call, in document order: what Citations and CitedBibliography take.
func ReadCitations(r io.Reader) ([]Citation, error) {
	steps, err := ReadCitationSteps(r)
	if err != nil || len(steps) == 0 {
		return nil, err
	}
	return steps[len(steps)-1], nil
}
