package hal

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/ror"
)

// Resolver finds the HAL structures of an organisation by its ROR ID. A *Table answers offline and a *Client asks
// HAL's structure referential (AuréHAL); both are safe for concurrent use.
type Resolver interface {
	// StructuresByROR returns the structures that carry the ROR ID (in its URL form, "https://ror.org/02feahw73"),
	// VALID ones first. None found is an empty result, not an error.
	StructuresByROR(ctx context.Context, ror string) ([]Structure, error)
}

// RORParents gives the parent organisations of a ROR ID (ROR's "parent" relationships), for walking up from a
// laboratory that has no HAL structure to the institutions it belongs to. A *ror.Index answers it through
// [RORIndexParents].
type RORParents interface {
	ParentsOf(ctx context.Context, ror string) ([]string, error)
}

// RORParentsFunc adapts a function to RORParents.
type RORParentsFunc func(ctx context.Context, ror string) ([]string, error)

// ParentsOf calls f.
func (f RORParentsFunc) ParentsOf(ctx context.Context, ror string) ([]string, error) {
	return f(ctx, ror)
}

// Table is an offline ROR → HAL structure table: the structures of HAL TEI exports (their listOrg) or of HAL's
// structure referential (the JSON its API returns). Build it with NewTable or ReadTable; it is immutable once built
// and safe for concurrent use.
type Table struct {
	byROR map[string][]Structure
	byID  map[string]Structure
	n     int
}

// NewTable builds a table of structures. A structure listed twice (by ID) keeps its first description.
func NewTable(structures []Structure) *Table {
	t := &Table{byROR: map[string][]Structure{}, byID: map[string]Structure{}}
	for _, s := range structures {
		if _, dup := t.byID[s.ID]; dup || s.ID == "" {
			continue
		}
		t.byID[s.ID] = s
		t.n++
		for _, id := range s.Idnos {
			if !strings.EqualFold(id.Type, "ROR") {
				continue
			}
			if p, err := fair.ParseROR(id.Value); err == nil {
				t.byROR[p.URL] = append(t.byROR[p.URL], s)
			}
		}
	}
	for k, v := range t.byROR {
		sortStructures(v)
		t.byROR[k] = v
	}
	return t
}

// Len is the number of structures in the table.
func (t *Table) Len() int { return t.n }

// StructuresByROR returns the structures of the table that carry the ROR ID, VALID first.
func (t *Table) StructuresByROR(_ context.Context, ror string) ([]Structure, error) {
	p, err := fair.ParseROR(ror)
	if err != nil {
		return nil, fmt.Errorf("hal: %w", err)
	}
	return append([]Structure(nil), t.byROR[p.URL]...), nil
}

// Structure returns the structure with the given ID ("struct-1252").
func (t *Table) Structure(id string) (Structure, bool) {
	s, ok := t.byID[trimHash(id)]
	return s, ok
}

// statusRank orders structures VALID, INCOMING, then OLD and the rest.
func statusRank(s string) int {
	switch s {
	case "VALID":
		return 0
	case "INCOMING":
		return 1
	}
	return 2
}

func sortStructures(v []Structure) {
	sort.SliceStable(v, func(i, j int) bool { return statusRank(v[i].Status) < statusRank(v[j].Status) })
}

// ReadTable reads structures for a Table from HAL TEI (the listOrg of exports, one or many records) or from HAL's
// structure referential as its API gives it in JSON (a response with "docs", a bare array of docs, or one doc per
// line). lim bounds the reading of TEI; JSON is read within lim.MaxBytes too.
func ReadTable(r io.Reader, lim Limits) (*Table, error) {
	if r == nil {
		return nil, errors.New("hal: ReadTable: nil reader")
	}
	lim = lim.withDefaults()
	data, err := io.ReadAll(io.LimitReader(r, int64(lim.MaxBytes)+1))
	if err != nil {
		return nil, err
	}
	if len(data) > lim.MaxBytes {
		return nil, &ReadError{Reason: "structure table larger than the limit", Err: ErrLimit}
	}
	t := bytes.TrimSpace(data)
	if len(t) > 0 && t[0] == '<' {
		root, err := parseTree(t, lim)
		if err != nil {
			return nil, err
		}
		var all []Structure
		var walk func(*node)
		walk = func(n *node) {
			if n.name == "listOrg" && n.attr("type") != "projects" {
				for _, o := range n.children("org") {
					all = append(all, decodeStructure(o))
				}
				return
			}
			for _, k := range n.kids {
				walk(k)
			}
		}
		walk(root)
		return NewTable(all), nil
	}
	docs, err := readRefDocs(t)
	if err != nil {
		return nil, err
	}
	return NewTable(docs), nil
}

// refDoc is a structure as HAL's referential API returns it (https://api.archives-ouvertes.fr/ref/structure).
type refDoc struct {
	DocID        json.RawMessage   `json:"docid"`
	Name         string            `json:"name_s"`
	Label        string            `json:"label_s"`
	Acronym      string            `json:"acronym_s"`
	Type         string            `json:"type_s"`
	Valid        string            `json:"valid_s"`
	Country      string            `json:"country_s"`
	URL          string            `json:"url_s"`
	Address      string            `json:"address_s"`
	ROR          stringList        `json:"ror_s"`
	RORURL       stringList        `json:"rorUrl_s"`
	IdRef        stringList        `json:"idref_s"`
	ISNI         stringList        `json:"isni_s"`
	RNSR         stringList        `json:"rnsr_s"`
	Start        string            `json:"startDate_s"`
	End          string            `json:"endDate_s"`
	ParentDocIDs []json.RawMessage `json:"parentDocid_i"`
}

// stringList reads a JSON string or array of strings.
type stringList []string

func (l *stringList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*l = []string{s}
		return nil
	}
	var v []string
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*l = v
	return nil
}

func (d refDoc) structure() (Structure, error) {
	id := strings.Trim(string(d.DocID), `" `)
	if _, err := strconv.ParseUint(id, 10, 63); err != nil {
		return Structure{}, fmt.Errorf("docid %s is not a number", string(d.DocID))
	}
	s := Structure{ID: "struct-" + id, Name: d.Name, Acronym: d.Acronym, Type: d.Type, Status: d.Valid,
		CountryCode: strings.ToUpper(d.Country), URL: d.URL, Address: d.Address, Start: d.Start, End: d.End}
	if s.Name == "" {
		s.Name = d.Label
	}
	seen := map[string]bool{}
	for _, v := range append(append([]string{}, d.ROR...), d.RORURL...) {
		p, err := fair.ParseROR(v)
		if err != nil || seen[p.URL] {
			continue
		}
		seen[p.URL] = true
		s.Idnos = append(s.Idnos, Idno{Type: "ROR", Value: p.URL})
	}
	for _, x := range []struct {
		typ  string
		vals []string
	}{{"IdRef", d.IdRef}, {"ISNI", d.ISNI}, {"RNSR", d.RNSR}} {
		for _, v := range x.vals {
			s.Idnos = append(s.Idnos, Idno{Type: x.typ, Value: v})
		}
	}
	for _, p := range d.ParentDocIDs {
		pid := strings.Trim(string(p), `" `)
		if _, err := strconv.ParseUint(pid, 10, 63); err == nil {
			s.Parents = append(s.Parents, Relation{Ref: "struct-" + pid, Type: "direct"})
		}
	}
	return s, nil
}

// readRefDocs reads structures from the referential's JSON: {"response":{"docs":[...]}}, [...], or JSON lines.
func readRefDocs(data []byte) ([]Structure, error) {
	var docs []refDoc
	switch {
	case len(data) > 0 && data[0] == '[':
		if err := json.Unmarshal(data, &docs); err != nil {
			return nil, fmt.Errorf("hal: structure referential JSON: %w", err)
		}
	default:
		dec := json.NewDecoder(bytes.NewReader(data))
		for dec.More() {
			var raw struct {
				Response *struct {
					Docs []refDoc `json:"docs"`
				} `json:"response"`
				refDoc
			}
			if err := dec.Decode(&raw); err != nil {
				return nil, fmt.Errorf("hal: structure referential JSON: %w", err)
			}
			if raw.Response != nil {
				docs = append(docs, raw.Response.Docs...)
			} else {
				docs = append(docs, raw.refDoc)
			}
		}
	}
	out := make([]Structure, 0, len(docs))
	for i, d := range docs {
		s, err := d.structure()
		if err != nil {
			return nil, fmt.Errorf("hal: structure referential JSON: docs[%d]: %w", i, err)
		}
		out = append(out, s)
	}
	return out, nil
}

// RORIndexParents gives the parents a ROR index records (an offline ROR dump, or ror.Default), for Writer.Parents.
func RORIndexParents(ix *ror.Index) RORParents {
	return RORParentsFunc(func(_ context.Context, id string) ([]string, error) {
		rid, err := ror.ParseID(id)
		if err != nil {
			return nil, err
		}
		o, ok := ix.Get(rid)
		if !ok {
			return nil, nil
		}
		var out []string
		for _, p := range o.Related(ror.RelParent) {
			out = append(out, p.URL())
		}
		return out, nil
	})
}
