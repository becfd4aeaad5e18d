package ror

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

// Matcher chooses the organisations affiliation strings name. An [*Index] matches offline, a [*Client] asks the
// ROR API. Implementations must be safe for concurrent use when the caller enriches records concurrently.
type Matcher interface {
	// MatchContext matches one affiliation string; its Result lists the organisations chosen, most specific first.
	// An error means the string could not be matched at all (a network failure, a cancelled ctx), not that it
	// names no organisation.
	MatchContext(ctx context.Context, affiliation string) (Result, error)
}

// SchemeURI is the schemeURI DataCite expects with ROR identifiers.
const SchemeURI = "https://ror.org"

// Change is one identifier that [Enrich] filled in.
type Change struct {
	// Path locates the field in the record, e.g. "creators[1].affiliations[0]" or "publisher".
	Path string `json:"path"`
	// Name is the organisation name as the record gives it (for an affiliation split in several, the whole string).
	Name string `json:"name"`
	// ID is the ROR ID filled in.
	ID ID `json:"id"`
	// Organization is the ROR display name of the organisation chosen.
	Organization string `json:"organization"`
	// Score is the matcher's confidence.
	Score float64 `json:"score"`
	// Others are the other organisations the string names, not written: a publisher, a funder and an
	// organisational creator hold one identifier, and FirstOnly keeps one per affiliation.
	Others []ID `json:"others,omitempty"`
}

// Split is an affiliation string that named several organisations and that [Enrich] replaced by one affiliation
// per organisation, each named with the organisation's ROR display name.
type Split struct {
	// Path is where the affiliation was, e.g. "creators[0].affiliations[1]".
	Path string `json:"path"`
	// Name is the string as the record gave it.
	Name string `json:"name"`
	// Into are the paths of the affiliations it became, most specific organisation first.
	Into []string `json:"into"`
	// IDs are their ROR IDs, in the same order.
	IDs []ID `json:"ids"`
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

// Enrichment says what [Enrich] changed, what it split and what it could not match.
type Enrichment struct {
	Changes []Change `json:"changes,omitempty"`
	Splits  []Split  `json:"splits,omitempty"`
	Misses  []Miss   `json:"misses,omitempty"`
}

// EnrichOption configures [Enrich]. Options are made by the functions of this package; a nil one is ignored.
type EnrichOption interface{ apply(*enrichConfig) }

type enrichConfig struct{ firstOnly bool }

type enrichOption func(*enrichConfig)

func (o enrichOption) apply(c *enrichConfig) { o(c) }

// FirstOnly makes [Enrich] give an affiliation string only its most specific organisation (the laboratory rather
// than its institutions), in place, instead of one affiliation per organisation; the others are reported in the
// Change.
func FirstOnly() EnrichOption { return enrichOption(func(c *enrichConfig) { c.firstOnly = true }) }

// Enrich fills in the ROR identifiers a record lacks, where m confidently chooses organisations:
//
//   - an affiliation of a creator or contributor without a ROR ID gets the identifier, scheme "ROR" and
//     schemeURI https://ror.org/ of the organisation its string names (an identifier of another scheme it has,
//     such as an INSPIRE institution number, moves beside it: fair.Affiliation.AddIdentifier); a string that
//     names several ("IJCLab, Université Paris-Saclay, CNRS") becomes one affiliation per organisation, the most
//     specific first, each named with the organisation's ROR display name (and reported as a Split), unless
//     [FirstOnly] is given; an organisation the creator's affiliations already identify is not repeated;
//   - the raw affiliation strings of a publication (fair.Creator.RawAffiliations) are matched too: when there are
//     as many as affiliations, they stand for those in order (INSPIRE gives both so); otherwise each organisation
//     they name that the affiliations do not identify yet becomes an affiliation of its own;
//   - creators and contributors that are organisations (NameType Organizational) without a ROR name identifier,
//     a publisher without an identifier and funding references without a funder identifier get the ROR ID of the
//     most specific organisation their name names.
//
// Identifiers already present are never changed. The Enrichment lists every change, every split and every name
// left without an identifier, with the candidates found, so that a person can decide. An error of m (a network failure
// of an online matcher, ctx cancelled) stops the enrichment: the record keeps what was filled in so far, which the
// Enrichment returned with the error lists. A nil record or Matcher is an error.
func Enrich(ctx context.Context, r *fair.Resource, m Matcher, opts ...EnrichOption) (Enrichment, error) {
	switch {
	case r == nil:
		return Enrichment{}, errors.New("ror: Enrich of a nil record")
	case m == nil:
		return Enrichment{}, errors.New("ror: Enrich with a nil Matcher")
	}
	var cfg enrichConfig
	for _, o := range opts {
		if o != nil {
			o.apply(&cfg)
		}
	}
	e := enricher{ctx: ctx, m: m, cfg: cfg}
	for i := range r.Creators {
		if err := e.creator(fmt.Sprintf("creators[%d]", i), &r.Creators[i]); err != nil {
			return e.rep, err
		}
	}
	for i := range r.Contributors {
		if err := e.creator(fmt.Sprintf("contributors[%d]", i), &r.Contributors[i].Creator); err != nil {
			return e.rep, err
		}
	}
	if r.Publisher.Identifier == "" {
		c, err := e.one("publisher", r.Publisher.Name)
		if err != nil {
			return e.rep, err
		}
		if c != nil {
			r.Publisher.Identifier, r.Publisher.IdentifierScheme, r.Publisher.SchemeURI = c.Organization.ID.String(), "ROR", SchemeURI
		}
	}
	for i := range r.FundingReferences {
		f := &r.FundingReferences[i]
		if f.FunderIdentifier != "" {
			continue
		}
		c, err := e.one(fmt.Sprintf("fundingReferences[%d]", i), f.FunderName)
		if err != nil {
			return e.rep, err
		}
		if c != nil {
			f.FunderIdentifier, f.FunderIdentifierType, f.SchemeURI = c.Organization.ID.String(), fair.FunderROR, SchemeURI
		}
	}
	return e.rep, nil
}

type enricher struct {
	ctx context.Context
	m   Matcher
	cfg enrichConfig
	rep Enrichment
}

// match matches name, recording a miss when nothing is chosen.
func (e *enricher) match(path, name string) ([]Candidate, error) {
	if name == "" {
		return nil, nil
	}
	res, err := e.m.MatchContext(e.ctx, name)
	if err != nil {
		return nil, fmt.Errorf("ror: enriching %s: %w", path, err)
	}
	if len(res.Matches) == 0 {
		e.rep.Misses = append(e.rep.Misses, Miss{Path: path, Name: name, Candidates: res.Candidates})
	}
	return res.Matches, nil
}

func (e *enricher) change(path, name string, c Candidate, others []Candidate) {
	ch := Change{Path: path, Name: name, ID: c.Organization.ID, Organization: c.Organization.DisplayName(), Score: c.Score}
	for _, o := range others {
		ch.Others = append(ch.Others, o.Organization.ID)
	}
	e.rep.Changes = append(e.rep.Changes, ch)
}

// one matches a name that holds one identifier and returns the most specific organisation chosen, or nil.
func (e *enricher) one(path, name string) (*Candidate, error) {
	ms, err := e.match(path, name)
	if err != nil || len(ms) == 0 {
		return nil, err
	}
	e.change(path, name, ms[0], ms[1:])
	return &ms[0], nil
}

func (e *enricher) creator(path string, c *fair.Creator) error {
	if len(c.Affiliations) > 0 || len(c.RawAffiliations) > 0 {
		if err := e.affiliations(path, c); err != nil {
			return err
		}
	}
	if c.NameType != fair.NameOrganizational {
		return nil
	}
	for _, n := range c.NameIdentifiers {
		if n.Scheme == "ROR" {
			return nil
		}
	}
	m, err := e.one(path, c.Name)
	if m != nil {
		c.NameIdentifiers = append(c.NameIdentifiers, fair.NameIdentifier{Value: m.Organization.ID.String(), Scheme: "ROR", SchemeURI: SchemeURI})
	}
	return err
}

// affiliations fills in the affiliations of c, splitting those that name several organisations. The raw
// affiliation strings of a publication are matched too: as many as there are affiliations, they stand for them in
// order (INSPIRE lists both so); otherwise each organisation they name that the affiliations do not identify yet
// is added.
func (e *enricher) affiliations(path string, c *fair.Creator) error {
	has := map[string]bool{}
	for _, a := range c.Affiliations {
		for _, id := range a.Identifiers() {
			if isRORScheme(id) {
				has[id.Value] = true
			}
		}
	}
	paired := len(c.RawAffiliations) == len(c.Affiliations)
	out := make([]fair.Affiliation, 0, len(c.Affiliations))
	var err error
	for i, a := range c.Affiliations {
		if hasROR(a) || err != nil {
			out = append(out, a)
			continue
		}
		p, name := fmt.Sprintf("%s.affiliations[%d]", path, i), a.Name
		if paired {
			p, name = fmt.Sprintf("%s.rawAffiliations[%d]", path, i), c.RawAffiliations[i]
		}
		var ms []Candidate
		ms, err = e.match(p, name)
		if err != nil || len(ms) == 0 {
			out = append(out, a)
			continue
		}
		if e.cfg.firstOnly || len(ms) == 1 {
			e.change(fmt.Sprintf("%s.affiliations[%d]", path, len(out)), name, ms[0], ms[1:])
			// A ROR ID takes the identifier's place; one of another scheme (an INSPIRE institution) moves beside it.
			a.AddIdentifier(ms[0].Organization.ID.String(), "ROR", SchemeURI)
			has[ms[0].Organization.ID.String()] = true
			out = append(out, a)
			continue
		}
		sp := Split{Path: p, Name: name}
		var added []fair.Affiliation
		added, sp = e.split(path, len(out), name, ms, has, a.Identifiers(), sp)
		if len(added) == 0 {
			out = append(out, a) // every organisation it names is already there
			continue
		}
		out = append(out, added...)
		e.rep.Splits = append(e.rep.Splits, sp)
	}
	if !paired && err == nil {
		for j, raw := range c.RawAffiliations {
			var ms []Candidate
			ms, err = e.match(fmt.Sprintf("%s.rawAffiliations[%d]", path, j), raw)
			if err != nil {
				break
			}
			var added []fair.Affiliation
			added, _ = e.split(path, len(out), raw, ms, has, nil, Split{})
			out = append(out, added...)
		}
	}
	c.Affiliations = out
	return err
}

// split makes one affiliation per organisation of ms that has does not hold yet, for the affiliations of path
// starting at index at; the first takes ids (the identifiers the string had). It records the changes and returns
// the affiliations and sp with their paths and IDs.
func (e *enricher) split(path string, at int, name string, ms []Candidate, has map[string]bool, ids []fair.NameIdentifier, sp Split) ([]fair.Affiliation, Split) {
	var out []fair.Affiliation
	for _, m := range ms {
		id := m.Organization.ID.String()
		if has[id] {
			continue // the creator's affiliations already name it
		}
		has[id] = true
		n := fair.Affiliation{Name: m.Organization.DisplayName(), Identifier: id, IdentifierScheme: "ROR", SchemeURI: SchemeURI}
		if len(out) == 0 {
			n.OtherIdentifiers = ids // the string's identifiers go with its most specific organisation
		}
		p := fmt.Sprintf("%s.affiliations[%d]", path, at+len(out))
		e.change(p, name, m, nil)
		sp.Into, sp.IDs = append(sp.Into, p), append(sp.IDs, m.Organization.ID)
		out = append(out, n)
		if e.cfg.firstOnly {
			break
		}
	}
	return out, sp
}

// hasROR reports whether an affiliation has a ROR ID among its identifiers (of scheme ROR, or of no scheme and
// ror.org's form).
func hasROR(a fair.Affiliation) bool {
	for _, id := range a.Identifiers() {
		if isRORScheme(id) {
			return true
		}
	}
	return false
}

func isRORScheme(id fair.NameIdentifier) bool {
	if strings.EqualFold(string(id.Scheme), "ROR") {
		return true
	}
	_, err := ParseID(id.Value)
	return id.Scheme == "" && err == nil
}
