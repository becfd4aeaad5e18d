package stream

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/ror"
)

// Filter selects records by what they say. Each set field is a condition and a record must meet all of them; within
// a field, any value will do. The zero Filter selects every record. Build one, then call [Filter.Compile] once; the
// compiled filter is safe for concurrent use.
type Filter struct {
	// RORIDs select records with an affiliation (of a creator or contributor) or a publisher that is one of these
	// organisations or, with Descendants, one of their children, recursively (IN2P3 and its laboratories).
	RORIDs      []string
	Descendants bool
	// Countries select records with an affiliation or publisher located in one of these countries (ISO 3166-1
	// alpha-2 codes, e.g. "FR"), as the ROR index says.
	Countries []string
	// ResourceTypes select records of these general types (DataCite's resourceTypeGeneral, e.g. "Dataset"; case
	// does not matter).
	ResourceTypes []string
	// Publishers select records whose publisher's name is one of these (case does not matter) or whose publisher
	// identifier is one of these.
	Publishers []string
	// YearFrom and YearTo bound the publication year, both included; 0 leaves that end open.
	YearFrom, YearTo int
	// HasORCID selects records with at least one creator or contributor identified by an ORCID.
	HasORCID bool
	// Index resolves ROR IDs to organisations (for Countries and Descendants) and, as the matcher, matches
	// affiliations given only as text, offline (every organisation the matcher chooses in a string counts: a
	// laboratory and the institutions named beside it); nil means ror.Default(), the built-in set. Give a full index
	// (ror.LoadIndex of a ROR data dump) to filter the whole registry.
	Index *ror.Index
}

// CompiledFilter is a Filter ready to test records.
type CompiledFilter struct {
	ids       map[ror.ID]bool
	countries map[string]bool
	types     map[string]bool
	pubs      map[string]bool
	yearFrom  int
	yearTo    int
	orcid     bool
	index     *ror.Index
	byOrg     bool // conditions on organisations
}

// FilterError reports a filter that cannot be used.
type FilterError struct {
	Field, Value, Reason string
}

// Error describes the problem in one line.
func (e *FilterError) Error() string {
	return fmt.Sprintf("stream: filter %s %q: %s", e.Field, e.Value, e.Reason)
}

// Compile checks the filter and prepares it. It returns a *FilterError for a ROR ID that is not one, a country
// that is not two letters, a resource type that is not in DataCite's list or years that do not make a range.
func (f Filter) Compile() (*CompiledFilter, error) {
	c := &CompiledFilter{yearFrom: f.YearFrom, yearTo: f.YearTo, orcid: f.HasORCID, index: f.Index}
	if c.index == nil {
		c.index = ror.Default()
	}
	if len(f.RORIDs) > 0 {
		c.ids = map[ror.ID]bool{}
		for _, s := range f.RORIDs {
			id, err := ror.ParseID(s)
			if err != nil {
				return nil, &FilterError{"ROR ID", s, err.Error()}
			}
			c.ids[id] = true
		}
		if f.Descendants {
			c.addDescendants()
		}
	}
	if len(f.Countries) > 0 {
		c.countries = map[string]bool{}
		for _, s := range f.Countries {
			cc := strings.ToUpper(strings.TrimSpace(s))
			if len(cc) != 2 || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z' {
				return nil, &FilterError{"country", s, "want an ISO 3166-1 alpha-2 code such as FR"}
			}
			c.countries[cc] = true
		}
	}
	if len(f.ResourceTypes) > 0 {
		c.types = map[string]bool{}
		for _, s := range f.ResourceTypes {
			t, ok := resourceType(s)
			if !ok {
				return nil, &FilterError{"resource type", s, "not in DataCite's resourceTypeGeneral list"}
			}
			c.types[strings.ToLower(string(t))] = true
		}
	}
	if len(f.Publishers) > 0 {
		c.pubs = map[string]bool{}
		for _, s := range f.Publishers {
			c.pubs[strings.ToLower(strings.TrimSpace(s))] = true
		}
	}
	if f.YearFrom < 0 || f.YearTo < 0 || f.YearTo > 0 && f.YearFrom > f.YearTo {
		return nil, &FilterError{"year", strconv.Itoa(f.YearFrom) + "-" + strconv.Itoa(f.YearTo), "not a range of years"}
	}
	c.byOrg = c.ids != nil || c.countries != nil
	return c, nil
}

// resourceType finds the DataCite general type s names, in any case; "output-management-plan" style is accepted.
func resourceType(s string) (fair.ResourceTypeGeneral, bool) {
	want := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), "-", ""))
	for _, t := range fair.ResourceTypeGenerals() {
		if strings.ToLower(string(t)) == want {
			return t, true
		}
	}
	return "", false
}

func (c *CompiledFilter) addDescendants() {
	queue := make([]ror.ID, 0, len(c.ids))
	for id := range c.ids {
		queue = append(queue, id)
	}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		org, ok := c.index.Get(id)
		if !ok {
			continue
		}
		for _, rel := range org.Relationships {
			if rel.Type == ror.RelChild && !c.ids[rel.ID] {
				c.ids[rel.ID] = true
				queue = append(queue, rel.ID)
			}
		}
	}
}

// Match reports whether r meets every condition of the filter.
func (c *CompiledFilter) Match(r *fair.Resource) bool {
	if r == nil {
		return false
	}
	if c.types != nil && !c.types[strings.ToLower(string(r.ResourceType.General))] {
		return false
	}
	if c.yearFrom > 0 && r.PublicationYear < c.yearFrom || c.yearTo > 0 && (r.PublicationYear == 0 || r.PublicationYear > c.yearTo) {
		return false
	}
	if c.pubs != nil && !c.pubs[strings.ToLower(strings.TrimSpace(r.Publisher.Name))] && !c.pubs[strings.ToLower(r.Publisher.Identifier)] {
		return false
	}
	if c.orcid && !hasORCID(r) {
		return false
	}
	if c.byOrg && !c.orgMatch(r) {
		return false
	}
	return true
}

func hasORCID(r *fair.Resource) bool {
	check := func(ids []fair.NameIdentifier) bool {
		for _, id := range ids {
			if strings.EqualFold(string(id.Scheme), "ORCID") || strings.Contains(id.Value, "orcid.org/") {
				return true
			}
		}
		return false
	}
	for i := range r.Creators {
		if check(r.Creators[i].NameIdentifiers) {
			return true
		}
	}
	for i := range r.Contributors {
		if check(r.Contributors[i].NameIdentifiers) {
			return true
		}
	}
	return false
}

// orgMatch looks for an organisation that meets the ROR ID and country conditions among the record's publisher and
// affiliations: by their ROR IDs when they have one, else by matching their names offline.
func (c *CompiledFilter) orgMatch(r *fair.Resource) bool {
	if c.orgOK(r.Publisher.Identifier, r.Publisher.Name) {
		return true
	}
	people := func(cr *fair.Creator) bool {
		for _, a := range cr.Affiliations {
			if c.orgOK(a.Identifier, a.Name) {
				return true
			}
		}
		for _, s := range cr.RawAffiliations {
			if c.orgOK("", s) {
				return true
			}
		}
		return false
	}
	for i := range r.Creators {
		if people(&r.Creators[i]) {
			return true
		}
	}
	for i := range r.Contributors {
		if people(&r.Contributors[i].Creator) {
			return true
		}
	}
	return false
}

func (c *CompiledFilter) orgOK(identifier, name string) bool {
	if rid, err := ror.ParseID(identifier); identifier != "" && err == nil {
		return c.idOK(rid)
	}
	// No ROR ID: every organisation the name names (a laboratory and its institutions), if the matcher is confident.
	if strings.TrimSpace(name) == "" {
		return false
	}
	for _, m := range c.index.Match(name).Matches {
		if c.idOK(m.Organization.ID) {
			return true
		}
	}
	return false
}

// idOK reports whether the organisation rid meets the ROR ID and country conditions.
func (c *CompiledFilter) idOK(rid ror.ID) bool {
	if c.ids != nil && !c.ids[rid] {
		return false
	}
	if c.countries != nil {
		org, ok := c.index.Get(rid)
		if !ok {
			return false
		}
		for _, l := range org.Locations {
			if c.countries[l.GeoNames.CountryCode] {
				return true
			}
		}
		return false
	}
	return true
}
