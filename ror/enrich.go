package ror

import (
	"fmt"

	"github.com/dop2i/fairmeta/fair"
)

// Matcher chooses the organisation an affiliation string names. *Index is one.
type Matcher interface {
	Match(affiliation string) Result
}

// SchemeURI is the schemeURI DataCite expects with ROR identifiers.
const SchemeURI = "https://ror.org/"

// Change is one identifier that [Enrich] filled in.
type Change struct {
	// Path locates the field in the record, e.g. "creators[1].affiliations[0]" or "publisher".
	Path string `json:"path"`
	// Name is the organisation name as the record gives it.
	Name string `json:"name"`
	// ID is the ROR ID filled in.
	ID ID `json:"id"`
	// Organization is the ROR display name of the organisation chosen.
	Organization string `json:"organization"`
	// Score is the matcher's confidence.
	Score float64 `json:"score"`
}

// Miss is an organisation name that [Enrich] could not resolve to one organisation.
type Miss struct {
	// Path locates the field in the record.
	Path string `json:"path"`
	// Name is the organisation name as the record gives it.
	Name string `json:"name"`
	// Candidates are the organisations the name might be, best first; empty when none was found.
	Candidates []Candidate `json:"candidates,omitempty"`
}

// Enrichment says what [Enrich] changed and what it could not match.
type Enrichment struct {
	Changes []Change `json:"changes,omitempty"`
	Misses  []Miss   `json:"misses,omitempty"`
}

// Enrich fills in the ROR identifiers a record lacks, where m confidently chooses an organisation:
//
//   - affiliations of creators and contributors without an identifier get identifier, scheme "ROR" and schemeURI
//     https://ror.org/;
//   - creators and contributors that are organisations (NameType Organizational) without a ROR name identifier get
//     one;
//   - a publisher without an identifier gets its ROR ID;
//   - funding references without a funder identifier get the funder's ROR ID (type ROR).
//
// Identifiers already present are never changed. The Enrichment lists every change and every name left without an
// identifier, with the candidates found, so that a person can decide.
func Enrich(r *fair.Resource, m Matcher) Enrichment {
	var rep Enrichment
	try := func(path, name string) (Candidate, bool) {
		if name == "" {
			return Candidate{}, false
		}
		res := m.Match(name)
		if res.Chosen == nil {
			rep.Misses = append(rep.Misses, Miss{Path: path, Name: name, Candidates: res.Candidates})
			return Candidate{}, false
		}
		c := *res.Chosen
		rep.Changes = append(rep.Changes, Change{Path: path, Name: name, ID: c.Organization.ID,
			Organization: c.Organization.DisplayName(), Score: c.Score})
		return c, true
	}
	person := func(path string, c *fair.Creator) {
		for i := range c.Affiliations {
			a := &c.Affiliations[i]
			if a.Identifier != "" {
				continue
			}
			if cand, ok := try(fmt.Sprintf("%s.affiliations[%d]", path, i), a.Name); ok {
				a.Identifier, a.IdentifierScheme, a.SchemeURI = cand.Organization.ID.String(), "ROR", SchemeURI
			}
		}
		if c.NameType != fair.NameOrganizational {
			return
		}
		for _, n := range c.NameIdentifiers {
			if n.Scheme == "ROR" {
				return
			}
		}
		if cand, ok := try(path, c.Name); ok {
			c.NameIdentifiers = append(c.NameIdentifiers, fair.NameIdentifier{Value: cand.Organization.ID.String(), Scheme: "ROR", SchemeURI: SchemeURI})
		}
	}
	for i := range r.Creators {
		person(fmt.Sprintf("creators[%d]", i), &r.Creators[i])
	}
	for i := range r.Contributors {
		person(fmt.Sprintf("contributors[%d]", i), &r.Contributors[i].Creator)
	}
	if r.Publisher.Identifier == "" {
		if cand, ok := try("publisher", r.Publisher.Name); ok {
			r.Publisher.Identifier, r.Publisher.IdentifierScheme, r.Publisher.SchemeURI = cand.Organization.ID.String(), "ROR", SchemeURI
		}
	}
	for i := range r.FundingReferences {
		f := &r.FundingReferences[i]
		if f.FunderIdentifier != "" {
			continue
		}
		if cand, ok := try(fmt.Sprintf("fundingReferences[%d]", i), f.FunderName); ok {
			f.FunderIdentifier, f.FunderIdentifierType, f.SchemeURI = cand.Organization.ID.String(), fair.FunderROR, SchemeURI
		}
	}
	return rep
}
