package ror

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

// Affiliated is an organisation the persons of a record are affiliated with, as [AffiliatedOrganizations] finds it.
type Affiliated struct {
	// Organization is the organisation's record, from the index.
	Organization *Organization `json:"-"`
	// ID is its ROR ID.
	ID ID `json:"id"`
	// Name is its ROR display name.
	Name string `json:"name"`
	// Country is the ISO 3166-1 alpha-2 code of its first location.
	Country string `json:"country,omitempty"`
	// People are the names of the creators and contributors affiliated with it, in the record's order.
	People []string `json:"people"`
	// Paths say where the record names it, e.g. "creators[3].affiliations[1]".
	Paths []string `json:"paths"`
}

// AffiliatedOrganizations lists the organisations the creators and contributors of r are affiliated with: every
// affiliation identified by a ROR ID that ix holds, in the order of first mention. Run [Enrich] first so that the
// affiliations named only by strings (and the raw affiliation strings of publications) have their ROR IDs.
// Affiliations whose ROR ID ix does not hold are returned in unknown, by path.
func AffiliatedOrganizations(r *fair.Resource, ix *Index) (orgs []Affiliated, unknown []string) {
	if r == nil || ix == nil {
		return nil, nil
	}
	byID := map[ID]int{}
	person := func(path string, c *fair.Creator) {
		for j, a := range c.Affiliations {
			for _, id := range a.Identifiers() {
				if !strings.EqualFold(string(id.Scheme), "ROR") {
					continue
				}
				p := fmt.Sprintf("%s.affiliations[%d]", path, j)
				rid, err := ParseID(id.Value)
				if err != nil {
					unknown = append(unknown, p)
					continue
				}
				o, ok := ix.Get(rid)
				if !ok {
					unknown = append(unknown, p)
					continue
				}
				i, seen := byID[o.ID]
				if !seen {
					i = len(orgs)
					byID[o.ID] = i
					orgs = append(orgs, Affiliated{Organization: o, ID: o.ID, Name: o.DisplayName(), Country: o.CountryCode()})
				}
				f := &orgs[i]
				if n := len(f.People); n == 0 || f.People[n-1] != c.Name {
					f.People = append(f.People, c.Name)
				}
				f.Paths = append(f.Paths, p)
			}
		}
	}
	for i := range r.Creators {
		person(fmt.Sprintf("creators[%d]", i), &r.Creators[i])
	}
	for i := range r.Contributors {
		person(fmt.Sprintf("contributors[%d]", i), &r.Contributors[i].Creator)
	}
	return orgs, unknown
}

// Within reports whether the organisation id is ancestor or one of its descendants through ROR's parent
// relationships (a laboratory within a university, a unit of IN2P3), as far as ix holds the records. Organisations
// ROR relates to ancestor without a parent relationship ("related") are not within it.
func (ix *Index) Within(id, ancestor ID) bool {
	if ix == nil {
		return id == ancestor
	}
	seen := map[ID]bool{}
	queue := []ID{id}
	for len(queue) > 0 && len(seen) < 64 {
		cur := queue[0]
		queue = queue[1:]
		if cur == ancestor {
			return true
		}
		if seen[cur] {
			continue
		}
		seen[cur] = true
		if o, ok := ix.Get(cur); ok {
			queue = append(queue, o.Related(RelParent)...)
		}
	}
	return false
}

// OrgFilter selects organisations by country and by an organisation they are within; its zero value selects all.
type OrgFilter struct {
	// Countries are ISO 3166-1 alpha-2 codes, e.g. "FR"; empty means any country.
	Countries []string
	// Within are organisations, e.g. IN2P3 (https://ror.org/03fd77x13); an organisation is selected when it is one
	// of them or within one (see [Index.Within]). Empty means no such condition.
	Within []ID
	// Or selects an organisation that meets either condition instead of both.
	Or bool
}

// Selects reports whether the filter selects o (never a nil one). A nil ix knows no parents: an organisation is
// then within only itself.
func (f OrgFilter) Selects(ix *Index, o *Organization) bool {
	if o == nil {
		return false
	}
	country := false
	for _, c := range f.Countries {
		country = country || strings.EqualFold(c, o.CountryCode())
	}
	within := false
	for _, w := range f.Within {
		within = within || ix.Within(o.ID, w)
	}
	hasC, hasW := len(f.Countries) > 0, len(f.Within) > 0
	switch {
	case !hasC && !hasW:
		return true
	case f.Or:
		return hasC && country || hasW && within
	}
	return (!hasC || country) && (!hasW || within)
}

// Select keeps the organisations the filter selects, sorted by the number of people affiliated (most first), then
// by name.
func (f OrgFilter) Select(ix *Index, orgs []Affiliated) []Affiliated {
	var out []Affiliated
	for _, a := range orgs {
		if a.Organization != nil && f.Selects(ix, a.Organization) {
			out = append(out, a)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if len(out[i].People) != len(out[j].People) {
			return len(out[i].People) > len(out[j].People)
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// FindAffiliated answers, for one record, "which of its authors are at an organisation the filter selects?" (the
// IN2P3 question: a French laboratory, a unit of IN2P3): it fills the record's missing ROR identifiers with
// [Enrich] matching offline against ix (raw affiliation strings included; [FirstOnly], so that a string naming a
// laboratory and its institutions counts as the laboratory), then returns the organisations the
// filter selects, with the people affiliated, and the Enrichment. r is changed as Enrich changes it.
func FindAffiliated(ctx context.Context, r *fair.Resource, ix *Index, f OrgFilter) ([]Affiliated, Enrichment, error) {
	if r == nil || ix == nil {
		return nil, Enrichment{}, errors.New("ror: FindAffiliated of a nil record or index")
	}
	e, err := Enrich(ctx, r, ix, FirstOnly())
	if err != nil {
		return nil, e, err
	}
	orgs, _ := AffiliatedOrganizations(r, ix)
	return f.Select(ix, orgs), e, nil
}
