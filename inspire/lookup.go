package inspire

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/jsonwalk"
)

// Institution is what an INSPIRE institution record says that resolves an affiliation: its names and identifiers.
type Institution struct {
	// Record is the INSPIRE record number, e.g. "902725".
	Record string `json:"record"`
	// Name is INSPIRE's short name (ICN), e.g. "CERN, Geneva"; the first of Names.
	Name string `json:"name"`
	// Names are every name the record gives: ICNs, the legacy ICN, the names of its hierarchy, name variants.
	Names []string `json:"names,omitempty"`
	// ROR is the ROR ID as a URL, e.g. "https://ror.org/01ggx4157"; "" when the record has none.
	ROR string `json:"ror,omitempty"`
	// HAL are the HAL structure identifiers, e.g. "1002772".
	HAL []string `json:"hal,omitempty"`
	// GRID is the GRID identifier, e.g. "grid.9132.9".
	GRID string `json:"grid,omitempty"`
	// Country is the ISO 3166-1 alpha-2 code of the first address, e.g. "CH".
	Country string `json:"country,omitempty"`
	// City is the first city of the first address.
	City string `json:"city,omitempty"`
}

// Author is what an INSPIRE author record says that identifies a person.
type Author struct {
	// Record is the INSPIRE record number, e.g. "983220".
	Record string `json:"record"`
	// Name is the name as the record gives it, "Family, Given".
	Name string `json:"name"`
	// Identifiers are the person's identifiers: ORCID (as its URL), INSPIRE ID, INSPIRE BAI and the others.
	Identifiers []fair.NameIdentifier `json:"identifiers,omitempty"`
}

// Lookup resolves, offline, the INSPIRE institution and author records that literature records point to: an
// affiliation's institution to its ROR ID and HAL structures, an author to their ORCID and INSPIRE identifiers. It
// is built from INSPIRE records (a dump, or records fetched once) with [Lookup.Add].
//
// The zero Lookup is empty and ready. Add must not run concurrently with other methods; once built, a Lookup is
// safe for concurrent use.
type Lookup struct {
	institutions map[string]Institution
	authors      map[string]Author
}

// Add reads INSPIRE institution or author records (alone, with their "metadata" wrapper, a search result or a JSON
// array of them) and adds them; literature and other records are skipped. It returns how many records it added.
func (lk *Lookup) Add(data []byte) (int, error) {
	if len(data) > MaxInputSize {
		return 0, &ReadError{Msg: fmt.Sprintf("input of %d bytes is larger than %d", len(data), MaxInputSize)}
	}
	root, err := jsonwalk.Parse(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if err != nil {
		return 0, &ReadError{Msg: err.Error(), Err: err}
	}
	var recs []jsonwalk.Value
	switch {
	case root.Kind() == jsonwalk.Array:
		for e := range root.Elements() {
			recs = append(recs, e)
		}
	case root.Get("hits").Kind() == jsonwalk.Object:
		for e := range root.Get("hits").Get("hits").Elements() {
			recs = append(recs, e)
		}
	default:
		recs = append(recs, root)
	}
	n := 0
	for _, rec := range recs {
		if m := rec.Get("metadata"); m.Kind() == jsonwalk.Object {
			rec = m
		}
		switch recordKind(rec) {
		case "institutions":
			if inst, ok := readInstitution(rec); ok {
				if lk.institutions == nil {
					lk.institutions = map[string]Institution{}
				}
				lk.institutions[inst.Record] = inst
				n++
			}
		case "authors":
			if a, ok := readAuthor(rec); ok {
				if lk.authors == nil {
					lk.authors = map[string]Author{}
				}
				lk.authors[a.Record] = a
				n++
			}
		}
	}
	return n, nil
}

func readInstitution(m jsonwalk.Value) (Institution, bool) {
	n, ok := m.Get("control_number").Int()
	if !ok {
		return Institution{}, false
	}
	inst := Institution{Record: fmt.Sprint(n)}
	add := func(s string) {
		if s == "" {
			return
		}
		for _, have := range inst.Names {
			if have == s {
				return
			}
		}
		inst.Names = append(inst.Names, s)
	}
	for _, s := range strs(m.Get("ICN")) {
		add(s)
	}
	add(m.Get("legacy_ICN").Str())
	for h := range m.Get("institution_hierarchy").Elements() {
		add(h.Get("name").Str())
		add(h.Get("acronym").Str())
	}
	for v := range m.Get("name_variants").Elements() {
		add(v.Get("value").Str())
	}
	if len(inst.Names) > 0 {
		inst.Name = inst.Names[0]
	}
	for id := range m.Get("external_system_identifiers").Elements() {
		v := id.Get("value").Str()
		switch strings.ToUpper(id.Get("schema").Str()) {
		case "ROR":
			if p, err := fair.ParseROR(v); err == nil {
				inst.ROR = p.Value
			}
		case "HAL":
			inst.HAL = append(inst.HAL, v)
		case "GRID":
			inst.GRID = v
		}
	}
	for a := range m.Get("addresses").Elements() {
		inst.Country = a.Get("country_code").Str()
		if cities := strs(a.Get("cities")); len(cities) > 0 {
			inst.City = cities[0]
		}
		break
	}
	return inst, true
}

func readAuthor(m jsonwalk.Value) (Author, bool) {
	n, ok := m.Get("control_number").Int()
	if !ok {
		return Author{}, false
	}
	a := Author{Record: fmt.Sprint(n), Name: m.Get("name").Get("value").Str()}
	for id := range m.Get("ids").Elements() {
		if ni, ok := personID(id.Get("schema").Str(), id.Get("value").Str()); ok {
			a.Identifiers = append(a.Identifiers, ni)
		}
	}
	return a, true
}

// Institution returns the institution of an INSPIRE record number.
func (lk *Lookup) Institution(record string) (Institution, bool) {
	inst, ok := lk.institutions[record]
	return inst, ok
}

// Author returns the author of an INSPIRE record number.
func (lk *Lookup) Author(record string) (Author, bool) {
	a, ok := lk.authors[record]
	return a, ok
}

// Len returns the number of institutions and authors the lookup holds.
func (lk *Lookup) Len() (institutions, authors int) { return len(lk.institutions), len(lk.authors) }

// Resolution is one affiliation or person that [Lookup.Resolve] completed.
type Resolution struct {
	// Path locates it in the record, e.g. "creators[3].affiliations[0]".
	Path string `json:"path"`
	// Record is the INSPIRE record number it was resolved through.
	Record string `json:"record"`
	// Added are the identifiers added, e.g. "ROR https://ror.org/01ggx4157", "HAL structure 1002772".
	Added []string `json:"added"`
}

// ResolveReport says what [Lookup.Resolve] completed and which INSPIRE records the lookup does not hold.
type ResolveReport struct {
	// Resolved are the affiliations and persons completed, with what was added.
	Resolved []Resolution `json:"resolved,omitempty"`
	// Unknown are the paths of affiliations and persons whose INSPIRE record is not in the lookup, with the record.
	Unknown []Resolution `json:"unknown,omitempty"`
}

// Resolve completes the affiliations and persons of r that carry an INSPIRE record number (as [Read] keeps them):
// an affiliation gets its institution's ROR ID as its identifier (the INSPIRE number moves beside it), and the HAL
// structure and GRID identifiers beside; a person gets the identifiers of their author record it lacks (ORCID, INSPIRE ID, BAI).
// Identifiers already present are never changed. A nil r gives an empty report.
func (lk *Lookup) Resolve(r *fair.Resource) ResolveReport {
	if r == nil {
		return ResolveReport{}
	}
	var rep ResolveReport
	person := func(path string, c *fair.Creator) {
		for i := range c.Affiliations {
			lk.resolveAffiliation(fmt.Sprintf("%s.affiliations[%d]", path, i), &c.Affiliations[i], &rep)
		}
		for _, ni := range c.NameIdentifiers {
			if ni.Scheme != OrgSchemeAuthor {
				continue
			}
			a, ok := lk.authors[ni.Value]
			if !ok {
				rep.Unknown = append(rep.Unknown, Resolution{Path: path, Record: ni.Value})
				continue
			}
			var added []string
			for _, id := range a.Identifiers {
				if !hasNameID(c.NameIdentifiers, id) {
					c.NameIdentifiers = append(c.NameIdentifiers, id)
					added = append(added, string(id.Scheme)+" "+id.Value)
				}
			}
			if len(added) > 0 {
				rep.Resolved = append(rep.Resolved, Resolution{Path: path, Record: a.Record, Added: added})
			}
			break
		}
	}
	for i := range r.Creators {
		person(fmt.Sprintf("creators[%d]", i), &r.Creators[i])
	}
	for i := range r.Contributors {
		person(fmt.Sprintf("contributors[%d]", i), &r.Contributors[i].Creator)
	}
	return rep
}

func (lk *Lookup) resolveAffiliation(path string, a *fair.Affiliation, rep *ResolveReport) {
	for _, id := range a.Identifiers() {
		if id.Scheme != fair.OrgSchemeInspire {
			continue
		}
		inst, ok := lk.institutions[id.Value]
		if !ok {
			rep.Unknown = append(rep.Unknown, Resolution{Path: path, Record: id.Value})
			return
		}
		var added []string
		if inst.ROR != "" && a.AddIdentifier(inst.ROR, "ROR", "https://ror.org") {
			added = append(added, "ROR "+inst.ROR)
		}
		for _, h := range inst.HAL {
			if a.AddIdentifier(h, fair.OrgSchemeHALStructure, "") {
				added = append(added, fair.OrgSchemeHALStructure+" "+h)
			}
		}
		if inst.GRID != "" && a.AddIdentifier(inst.GRID, "GRID", "") {
			added = append(added, "GRID "+inst.GRID)
		}
		if len(added) > 0 {
			rep.Resolved = append(rep.Resolved, Resolution{Path: path, Record: inst.Record, Added: added})
		}
		return
	}
}

func hasNameID(ids []fair.NameIdentifier, id fair.NameIdentifier) bool {
	for _, have := range ids {
		if strings.EqualFold(string(have.Scheme), string(id.Scheme)) && strings.EqualFold(have.Value, id.Value) {
			return true
		}
	}
	return false
}
