package datacite

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/fair"
)

// MintRequest is what Client.Mint needs to create one DOI.
type MintRequest struct {
	// Record is the metadata, with its URL. Record.DOI, if set, is the exact DOI wanted: it is never replaced by
	// another, and if another record holds it Mint fails with ErrAlreadyTaken.
	Record *Record
	// Resource is the metadata as a fair.Resource, used when Record is nil (converted with [FromResource]); when
	// Mint succeeds it sets Resource.Identifier to the DOI minted, so the record a pipeline goes on writing (DataCite
	// XML, schema.org, its own JSON) carries its DOI. Its DOI, if set, is the exact DOI wanted, as Record.DOI.
	Resource *fair.Resource
	// Prefix is the DOI prefix for a generated suffix, e.g. "10.5072". Empty means Record.Prefix; when both are set
	// they must agree, and when Record.DOI is set its prefix must be this one (a request is never silently half
	// honoured). Without a prefix and without a DOI Mint fails with an error matching [doi.ErrNoPrefix].
	Prefix string
	// Shoulder, if set, starts every generated suffix, e.g. "in2p3.".
	Shoulder string
	// URLTemplate gives a record without a URL the landing page of the DOI minted for it, e.g.
	// "https://data.example.org/{suffix}": {doi}, {prefix} and {suffix} are replaced by the parts of the DOI being
	// created (percent-encoded as a URL path needs them). It is ignored for a record with a URL. See
	// [ExpandURLTemplate].
	URLTemplate string
	// Event is the state to create the DOI in: "" for a draft, EventRegister or EventPublish. Empty means
	// Record.Event; when both are set they must agree.
	Event Event
	// Planned is a generated DOI chosen earlier for this record — by an interrupted run, read back from a journal.
	// Mint first asks whether the API holds it for this record, then creates it; it is replaced by a fresh suffix
	// only if another record holds it.
	Planned doi.DOI
	// OnPlan, if set, is called with each DOI before Mint first sends it to the API, so a journal can record the
	// intent before the DOI can exist. An error from it stops Mint.
	OnPlan func(doi.DOI) error
}

// MintResult is a minted DOI.
type MintResult struct {
	DOI       doi.DOI // the DOI, held by the API for this record
	State     State   // its state at the API
	Record    *Record // the record as the API holds it
	Attempts  int     // HTTP requests made, checks included
	Recovered bool    // the DOI was found holding this record by a check (after an ambiguous failure or for a Planned DOI), not created by the last request
	Suffixes  int     // suffixes tried; more than 1 when a generated suffix was taken by another record
}

// MintError is a failed Mint. When Unknown is set the outcome is not known — the last create may have been applied
// — and DOI must be kept (Planned of the next attempt) so that trying again cannot make a second DOI.
type MintError struct {
	DOI     doi.DOI // the DOI last tried, "" if none was planned
	Unknown bool    // whether the API may hold DOI for this record after all
	Err     error   // the last error
}

// Error describes the failure in one line, without credentials.
func (e *MintError) Error() string {
	if e.Unknown {
		return fmt.Sprintf("datacite: mint %s: outcome unknown, keep this DOI to retry: %v", e.DOI, e.Err)
	}
	if e.DOI != "" {
		return fmt.Sprintf("datacite: mint %s: %v", e.DOI, e.Err)
	}
	return "datacite: mint: " + e.Err.Error()
}

// Unwrap returns the last error.
func (e *MintError) Unwrap() error { return e.Err }

// maxSuffixDraws bounds fresh suffixes for one record: with 2^30 suffixes a second collision in a row means something
// else is wrong (e.g. a server that says "taken" for everything).
const maxSuffixDraws = 5

// Mint creates a DOI for req.Record exactly once, even through timeouts, dropped connections and 5xx answers:
//
//   - the suffix is generated here ([doi.NewSuffix]), so the DOI is known before the first request;
//   - after an ambiguous failure (no answer after the request was sent, a timeout, a 5xx, an answer over the size
//     cap) Mint first asks the API
//     whether it holds the DOI for this record — same URL and same metadata [Fingerprint] — and only creates it
//     again if it does not;
//   - "already taken" is checked the same way: if the DOI holds this record, an earlier attempt created it; if it
//     holds another record, a generated suffix is replaced by a fresh one (an exact Record.DOI is not);
//   - creates are POSTs, which the API refuses for an existing DOI, never PUTs, which would overwrite it.
//
// So a record never gets two DOIs, and Mint reports success only for a DOI the API holds for this record. When the
// attempts run out or the context ends after an ambiguous failure, the *MintError has Unknown set and the DOI to
// retry with (MintRequest.Planned). Other failures (bad credentials, a forbidden prefix, invalid metadata) return at
// once with the API's *APIError inside.
func (c *Client) Mint(ctx context.Context, req MintRequest) (*MintResult, error) {
	if req.Record == nil && req.Resource != nil {
		req.Record = FromResource(req.Resource)
	}
	var err error
	if req, err = req.resolved(); err != nil {
		return nil, &MintError{Err: err}
	}
	exact := req.Record.DOI != ""
	var planned doi.DOI
	switch {
	case exact:
		planned, err = doi.Parse(req.Record.DOI)
	case req.Planned != "":
		planned, err = doi.Parse(string(req.Planned))
	default:
		planned, err = doi.NewDOI(req.Prefix, req.Shoulder)
	}
	if err != nil {
		return nil, &MintError{Err: err}
	}
	m := &minter{c: c, req: req, exact: exact, res: &MintResult{Suffixes: 1}}
	// A DOI from an earlier run may exist already: look before creating.
	res, err := m.run(ctx, planned, req.Planned != "" && !exact)
	if err == nil && req.Resource != nil {
		req.Resource.Identifier = fair.Identifier{Value: string(res.DOI), Type: fair.Scheme(fair.IDTypeDOI)}
	}
	return res, err
}

type minter struct {
	c     *Client
	req   MintRequest
	fp    string
	exact bool
	res   *MintResult
}

// run is the mint loop for one record. unknown says whether the API may hold d for this record already.
func (m *minter) run(ctx context.Context, d doi.DOI, unknown bool) (*MintResult, error) {
	c := m.c
	if m.req.OnPlan != nil {
		if err := m.req.OnPlan(d); err != nil {
			return nil, &MintError{DOI: d, Unknown: unknown, Err: err}
		}
	}
	rec, err := m.recordFor(d)
	if err != nil {
		return nil, &MintError{DOI: d, Err: err}
	}
	m.fp = Fingerprint(rec)
	body, err := requestBody(rec, string(d), m.req.Event)
	if err != nil {
		return nil, &MintError{DOI: d, Err: err}
	}
	failures := 0
	check := unknown
	var last error
	for {
		if check {
			rec, owned, err := m.lookup(ctx, d)
			switch {
			case err == nil && owned:
				m.res.Recovered = true
				return m.done(d, rec), nil
			case err == nil: // another record holds d
				return m.redraw(ctx, d, fmt.Errorf("%w by another record", ErrAlreadyTaken))
			case errors.Is(err, ErrNotFound):
				// Not there: nothing an earlier attempt sent was applied, so what follows decides the outcome.
				check, unknown = false, false
			default:
				last = err
				failures++
				if failures >= c.attempts() || !retryable(err) || !c.pause(ctx, failures, err) {
					return nil, &MintError{DOI: d, Unknown: unknown, Err: last}
				}
				continue
			}
		}
		resp, err := c.attempt(ctx, "POST", "dois", body)
		m.res.Attempts++
		if err == nil {
			rec, rerr := readJSONRecord(resp.Body)
			if rerr == nil && !sameDOI(rec.DOI, d) {
				rerr = fmt.Errorf("the answer to the create holds DOI %q, not %s", clip(rec.DOI, 100), d)
			}
			if rerr != nil {
				// Created, but the answer is unreadable or names another DOI: confirm by reading it back.
				unknown, check, last = true, true, rerr
				continue
			}
			m.res.Recovered = false
			return m.done(d, rec), nil
		}
		last = err
		switch {
		case errors.Is(err, ErrAlreadyTaken):
			// Ours from an earlier attempt, or another record's: look. Bounded like failures, in case the API says
			// "taken" but cannot show the DOI.
			check = true
			if failures++; failures >= c.attempts() {
				return nil, &MintError{DOI: d, Unknown: unknown, Err: last}
			}
			continue
		case ambiguous(err):
			unknown, check = true, true
		case certainlyNotApplied(err):
		default:
			// Refused for good (401, 403, invalid metadata, ...). If an earlier attempt was ambiguous the DOI may
			// still exist, so the outcome stays unknown.
			return nil, &MintError{DOI: d, Unknown: unknown, Err: err}
		}
		failures++
		if failures >= c.attempts() || ctx.Err() != nil || !c.pause(ctx, failures, err) {
			return nil, &MintError{DOI: d, Unknown: unknown, Err: last}
		}
	}
}

// recordFor returns the record to create as d: the request's, with the URL of the template for d when it has none.
func (m *minter) recordFor(d doi.DOI) (*Record, error) {
	r := m.req.Record
	if r.URL != "" || m.req.URLTemplate == "" {
		return r, nil
	}
	u, err := ExpandURLTemplate(m.req.URLTemplate, d)
	if err != nil {
		return nil, err
	}
	cp := *r
	cp.URL = u
	return &cp, nil
}

// URLTemplateError reports a URL template that cannot give a landing page.
type URLTemplateError struct {
	Template string // the template as given
	Reason   string // what is wrong
}

// Error names the template and what is wrong with it.
func (e *URLTemplateError) Error() string {
	return fmt.Sprintf("datacite: URL template %q: %s", e.Template, e.Reason)
}

// ExpandURLTemplate returns the landing page URL that tmpl gives DOI d: {doi} is replaced by the DOI, {prefix} and
// {suffix} by its parts, each percent-encoded as a URL path needs it ("/" kept). The template must hold at least one
// placeholder, so that each DOI gets its own page, and give an absolute http or https URL; otherwise the error is a
// *URLTemplateError.
func ExpandURLTemplate(tmpl string, d doi.DOI) (string, error) {
	if !strings.Contains(tmpl, "{doi}") && !strings.Contains(tmpl, "{suffix}") && !strings.Contains(tmpl, "{prefix}") {
		return "", &URLTemplateError{tmpl, "holds no placeholder ({doi}, {prefix} or {suffix}): every DOI would resolve to the same page"}
	}
	u := strings.NewReplacer("{doi}", doi.EscapePath(string(d)), "{prefix}", doi.EscapePath(d.Prefix()),
		"{suffix}", doi.EscapePath(d.Suffix())).Replace(tmpl)
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		return "", &URLTemplateError{tmpl, "does not give an absolute http or https URL"}
	}
	return u, nil
}

// redraw replaces a generated suffix that another record holds.
func (m *minter) redraw(ctx context.Context, taken doi.DOI, why error) (*MintResult, error) {
	if m.exact || m.res.Suffixes >= maxSuffixDraws {
		return nil, &MintError{DOI: taken, Err: why}
	}
	next, err := doi.NewDOI(taken.Prefix(), m.req.Shoulder)
	if err != nil {
		return nil, &MintError{DOI: taken, Err: err}
	}
	m.res.Suffixes++
	m.c.logger.Warn("datacite: generated suffix taken by another record; drawing another", "doi", string(taken), "next", string(next))
	// Our attempts on the taken DOI cannot have created anything: the DOI holds another record.
	return m.run(ctx, next, false)
}

// lookup reads d and says whether it holds this record.
func (m *minter) lookup(ctx context.Context, d doi.DOI) (*Record, bool, error) {
	resp, err := m.c.attempt(ctx, "GET", doiPath(d), nil)
	m.res.Attempts++
	if err != nil {
		return nil, false, err
	}
	rec, err := readJSONRecord(resp.Body)
	if err != nil {
		return nil, false, err
	}
	return rec, Fingerprint(rec) == m.fp, nil
}

// sameDOI reports whether s is d in any form doi.Parse reads.
func sameDOI(s string, d doi.DOI) bool {
	p, err := doi.Parse(s)
	return err == nil && p == d
}

func (m *minter) done(d doi.DOI, rec *Record) *MintResult {
	m.res.DOI, m.res.Record, m.res.State = d, rec, rec.State
	return m.res
}

// Fingerprint is a digest of what identifies a record's content for minting: its URL, titles, creators' names,
// publisher, publication year and resource type — the properties the API keeps exactly as sent. Mint compares
// fingerprints to tell its own record from another at the same DOI; batch journals store them. It is 32 hex digits,
// or "" for a nil record, which matches no record.
func Fingerprint(r *Record) string {
	if r == nil {
		return ""
	}
	h := sha256.New()
	field := func(name string, vals ...string) {
		h.Write([]byte(name))
		for _, v := range vals {
			h.Write([]byte{0})
			h.Write([]byte(strings.TrimSpace(v)))
		}
		h.Write([]byte{1})
	}
	field("url", r.URL)
	titles := make([]string, 0, len(r.Titles))
	for _, t := range r.Titles {
		titles = append(titles, t.Title)
	}
	sort.Strings(titles)
	field("titles", titles...)
	creators := make([]string, 0, len(r.Creators))
	for _, c := range r.Creators {
		creators = append(creators, c.Name)
	}
	field("creators", creators...)
	field("publisher", r.Publisher.Name)
	field("year", strconv.Itoa(r.PublicationYear))
	field("type", string(r.Types.ResourceTypeGeneral))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// resolved returns req with its one prefix and one event: the request's, or the record's when the request leaves
// them empty. A conflict between the two, a DOI outside the prefix, an event a new DOI cannot have and a missing
// record are errors.
func (req MintRequest) resolved() (MintRequest, error) {
	r := req.Record
	if r == nil && req.Resource != nil {
		r = FromResource(req.Resource)
		req.Record = r
	}
	if r == nil {
		return req, errors.New("no record (MintRequest.Record or Resource)")
	}
	switch {
	case req.Prefix == "":
		req.Prefix = r.Prefix
	case r.Prefix != "" && !strings.EqualFold(strings.TrimSpace(r.Prefix), strings.TrimSpace(req.Prefix)):
		return req, fmt.Errorf("the request's prefix %q and the record's prefix %q differ", req.Prefix, r.Prefix)
	}
	req.Prefix = strings.TrimSpace(req.Prefix)
	switch {
	case req.Event == "":
		req.Event = r.Event
	case r.Event != "" && r.Event != req.Event:
		return req, fmt.Errorf("the request's event %q and the record's event %q differ", req.Event, r.Event)
	}
	if req.Event != "" && req.Event != EventRegister && req.Event != EventPublish {
		return req, fmt.Errorf("event %q: a new DOI is a draft (\"\"), registered or published", req.Event)
	}
	if r.DOI != "" && req.Prefix != "" {
		if d, err := doi.Parse(r.DOI); err == nil && !strings.EqualFold(d.Prefix(), req.Prefix) {
			return req, fmt.Errorf("the record's DOI %s is not under the prefix %s", r.DOI, req.Prefix)
		}
	}
	if req.URLTemplate != "" && r.URL == "" {
		if _, err := ExpandURLTemplate(req.URLTemplate, "10.5072/0000-0000"); err != nil {
			return req, err
		}
	}
	if r.DOI == "" && req.Prefix == "" && req.Planned == "" {
		return req, fmt.Errorf("the record has no DOI and no prefix is given to generate one under: %w", doi.ErrNoPrefix)
	}
	return req, nil
}
