package dmp

import (
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/dop2i/fairmeta/fair"
)

// Severity says how bad a [Problem] is.
type Severity int

// The severities of a problem.
const (
	// SeverityWarning is accepted by the 1.2 schema but likely wrong: a date that is not ISO 8601, an ORCID iD with
	// a wrong check digit, a legacy or misspelt member.
	SeverityWarning Severity = iota
	// SeverityError is what the maDMP 1.2 JSON schema rejects.
	SeverityError
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == SeverityError {
		return "error"
	}
	return "warning"
}

// MarshalText makes a Severity read "error" or "warning" in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Problem is one thing wrong with a document.
type Problem struct {
	// Path locates the value, e.g. "dmp.dataset[0].distribution[1].host.url"; "" for the document as a whole. A
	// missing required member is reported at the path it should have.
	Path     string   `json:"path"`
	Severity Severity `json:"severity"`
	// Keyword is the JSON Schema keyword an error fails ("type", "required", "enum", "oneOf", "minItems",
	// "uniqueItems"); for a warning, what was checked ("format", "identifier", "unknown", "legacy", "code", "date",
	// "extension").
	Keyword string `json:"keyword"`
	// Message says what is wrong and, where it can, how to fix it.
	Message string `json:"message"`
}

// String returns "PATH: severity: message", or "severity: message" without a path, as fairmeta validate prints.
func (p Problem) String() string {
	if p.Path == "" {
		return p.Severity.String() + ": " + p.Message
	}
	return p.Path + ": " + p.Severity.String() + ": " + p.Message
}

// Report is the list of problems validation found: the errors, in document order, then the warnings.
type Report []Problem

// HasErrors reports whether any problem is an error.
func (r Report) HasErrors() bool {
	for _, p := range r {
		if p.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Errors returns the problems of severity error.
func (r Report) Errors() Report {
	var out Report
	for _, p := range r {
		if p.Severity == SeverityError {
			out = append(out, p)
		}
	}
	return out
}

// Validate checks a maDMP document against the RDA DMP Common Standard 1.2 and reports every problem at once. An
// error is exactly what the 1.2 JSON schema (draft 2020-12, formats as annotations) rejects; a warning is a format
// violation (date, date-time, email, URI), a legacy or misspelt member ("did you mean"), an identifier that fails
// its check (ORCID and ROR check digits, DOIs, Crossref funder IDs, Handles, URLs), a withdrawn ISO 4217 code, dates
// out of order, or a malformed resource need (see [NeedsKey]). Input that is not JSON gives a *SyntaxError.
func Validate(data []byte) (Report, error) {
	root, _, err := parseJSON(data)
	if err != nil {
		return nil, err
	}
	set := maDMP12()
	var errs []schemaError
	set.eval(set.root, root, "", &errs)
	rep := make(Report, 0, len(errs))
	for _, e := range errs {
		rep = append(rep, Problem{Path: e.path, Severity: SeverityError, Keyword: e.keyword, Message: e.msg})
	}
	w := &warner{set: set}
	w.walk(set.root, "", root, "")
	w.dates(root)
	rep = append(rep, w.out...)
	return rep, nil
}

// warner walks a document beside the schema and collects warnings.
type warner struct {
	set     *schemaSet
	out     Report
	guesses int // "did you mean" look-ups made, bounded per document
}

func (w *warner) warn(path, keyword, format string, args ...any) {
	w.out = append(w.out, Problem{Path: path, Severity: SeverityWarning, Keyword: keyword, Message: fmt.Sprintf(format, args...)})
}

// walk visits n with schema s; def is the name of the $defs entry s came from, if any.
func (w *warner) walk(s *schema, def string, n *node, path string) {
	for s != nil && s.ref != "" {
		def = s.ref
		s = w.set.defs[s.ref]
	}
	if s == nil {
		return
	}
	if s.oneOf != nil {
		for _, alt := range s.oneOf {
			a := w.set.resolve(alt)
			if typeOK(a.typ, n) {
				w.walk(alt, def, n, path)
				return
			}
		}
		return
	}
	switch {
	case s.typ == "string" && n.kind == kString:
		if s.format != "" {
			w.format(s.format, n.s, path)
		}
		if def == "CurrencyCode" {
			if why := checkCurrency(n.s); why != "" && inList(currencyCodes, n.s) {
				w.warn(path, "code", "currency %q: %s", n.s, why)
			}
		}
	case s.typ == "array" && n.kind == kArray && s.items != nil:
		for i, v := range n.arr {
			w.walk(s.items, "", v, joinIndex(path, i))
		}
	case s.typ == "object" && n.kind == kObject:
		for _, m := range n.obj {
			p := joinKey(path, m.key)
			if ps, ok := s.props[m.key]; ok {
				w.walk(ps, "", m.val, p)
				continue
			}
			w.unknown(path, m, def)
		}
		w.identifier(def, n, path)
	}
}

func inList(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func (w *warner) unknown(path string, m member, def string) {
	p := joinKey(path, m.key)
	loc := location(p)
	switch {
	case path == "" && m.key == "$schema":
		if m.val.kind != kString {
			w.warn(p, "unknown", "$schema must be a string: the reference of the schema the document follows")
		} else if v := versionOf(m.val.s); v != "" && v != "1.2" {
			w.warn(p, "legacy", "the document declares maDMP %s: fairmeta dmp upgrade rewrites it as 1.2", v)
		}
	case m.key == NeedsKey && def == "TechnicalResource":
		w.needs(m.val, p)
	case commonExtensions[loc] != "":
		w.warn(p, "extension", "not in maDMP 1.2 but common: %s", commonExtensions[loc])
	case legacyKeys[loc] != "":
		w.warn(p, "legacy", "legacy member: %s", legacyKeys[loc])
	case strings.HasPrefix(m.key, "dmproadmap_"):
		w.warn(p, "extension", "DMPRoadmap extension, not in maDMP 1.2 (kept by fairmeta; other tools may drop it)")
	default:
		msg := "unknown member, not in maDMP 1.2 (kept by fairmeta; other tools may drop it)"
		if w.guesses++; w.guesses <= 1000 {
			if alt := knownNear(location(path), m.key); alt != "" {
				msg = fmt.Sprintf("unknown member; did you mean %q?", alt)
			}
		}
		w.warn(p, "unknown", "%s", msg)
	}
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

func (w *warner) format(f, s, path string) {
	switch f {
	case "date":
		if !dateRE.MatchString(s) {
			if _, form, err := ParseDate(s); err == nil {
				w.warn(path, "format", "%q is not an ISO 8601 date (YYYY-MM-DD): %s", clip(s, 40), form)
			} else {
				w.warn(path, "format", "%q is not an ISO 8601 date (YYYY-MM-DD)", clip(s, 40))
			}
		} else if _, err := time.Parse(time.DateOnly, s); err != nil {
			w.warn(path, "format", "%q is not a calendar date", s)
		}
	case "date-time":
		if _, form, err := ParseDateTime(s); err != nil {
			w.warn(path, "format", "%q is not an RFC 3339 date-time (e.g. 2024-06-30T12:00:00Z)", clip(s, 40))
		} else if form != "" {
			w.warn(path, "format", "%q is not an RFC 3339 date-time: %s", clip(s, 40), form)
		}
	case "email":
		if a, err := mail.ParseAddress(s); err != nil || a.Address != s {
			w.warn(path, "format", "%q is not an e-mail address", clip(s, 60))
		}
	case "uri", "url":
		u, err := url.Parse(s)
		if err != nil || u.Scheme == "" || (strings.HasPrefix(u.Scheme, "http") && u.Host == "") {
			w.warn(path, "format", "%q is not an absolute URL", clip(s, 60))
		}
	}
}

// identifier checks an identifier object by its type with fairmeta's own parsers.
func (w *warner) identifier(def string, n *node, path string) {
	idn, typ := n.get("identifier"), n.get("type")
	if idn == nil || typ == nil || idn.kind != kString || typ.kind != kString {
		return
	}
	id, t := idn.s, strings.ToLower(typ.s)
	p := joinKey(path, "identifier")
	bad := func(err error) {
		w.warn(p, "identifier", "%s", strings.TrimPrefix(err.Error(), "fair: "))
	}
	switch def {
	case "ContactID", "ContributorID", "CreatorID":
		switch t {
		case "orcid":
			if _, err := fair.ParseORCID(id); err != nil {
				bad(err)
			}
		case "isni":
			if _, err := fair.ParseISNI(id); err != nil {
				bad(err)
			}
		}
	case "AffiliationID", "TechnicalResourceID", "HostID", "FunderID", "DMPID", "DatasetID", "AlternateIdentifier",
		"RelatedIdentifier", "ProjectID", "GrantID", "MetadataStandardID":
		switch t {
		case "ror":
			if _, err := fair.ParseROR(id); err != nil {
				bad(err)
			}
		case "doi":
			if _, err := fair.ParseDOI(id); err != nil {
				bad(err)
			}
		case "handle":
			if _, err := fair.ParseHandle(id); err != nil {
				bad(err)
			}
		case "ark":
			if _, err := fair.ParseARK(id); err != nil {
				bad(err)
			}
		case "url":
			if _, err := fair.ParseURL(id); err != nil {
				bad(err)
			}
		case "fundref", "crossref":
			if err := checkFunderID(id); err != nil {
				bad(err)
			}
		case "isni":
			if _, err := fair.ParseISNI(id); err != nil {
				bad(err)
			}
		case "re3data":
			if !re3dataRE.MatchString(id) {
				w.warn(p, "identifier", "%q is not a re3data ID (r3d followed by 9 digits)", clip(id, 60))
			}
		}
	}
}

var (
	re3dataRE = regexp.MustCompile(`(^|/)r3d1\d{8}/?$`)
	funderRE  = regexp.MustCompile(`^(10\.13039/)?(1000\d{5}|5011\d{8})$`)
)

// checkFunderID checks a Crossref Funder Registry ID: "501100001665", "10.13039/501100001665" or its DOI URL.
func checkFunderID(id string) error {
	s := strings.TrimSpace(id)
	if p, err := fair.ParseDOI(s); err == nil {
		s = p.Value
	}
	if !funderRE.MatchString(s) {
		return fmt.Errorf("%q is not a Crossref Funder Registry ID (10.13039/ followed by the funder's number)", clip(id, 60))
	}
	return nil
}

// dates warns about dates out of order: modified before created, a project that ends before it starts.
func (w *warner) dates(root *node) {
	d := root.get("dmp")
	if d == nil {
		return
	}
	created, modified := d.get("created"), d.get("modified")
	if created != nil && modified != nil && created.kind == kString && modified.kind == kString {
		c, _, err1 := ParseDateTime(created.s)
		m, _, err2 := ParseDateTime(modified.s)
		if err1 == nil && err2 == nil && m.Before(c) {
			w.warn("dmp.modified", "date", "modified (%s) is before created (%s)", modified.s, created.s)
		}
	}
	if pr := d.get("project"); pr != nil && pr.kind == kArray {
		for i, p := range pr.arr {
			s, e := p.get("start"), p.get("end")
			if s != nil && e != nil && s.kind == kString && e.kind == kString {
				st, _, err1 := ParseDate(s.s)
				en, _, err2 := ParseDate(e.s)
				if err1 == nil && err2 == nil && en.Before(st) {
					w.warn(joinIndex("dmp.project", i)+".end", "date", "the project ends (%s) before it starts (%s)", e.s, s.s)
				}
			}
		}
	}
}

// needs checks fairmeta's resource-need extension.
func (w *warner) needs(n *node, path string) {
	if n.kind != kArray {
		w.warn(path, "extension", "%s must be an array of {year, resource, amount, unit}", NeedsKey)
		return
	}
	seen := map[string]int{}
	for i, it := range n.arr {
		p := joinIndex(path, i)
		if it.kind != kObject {
			w.warn(p, "extension", "must be an object {year, resource, amount, unit}, not %s", describe(it))
			continue
		}
		for _, k := range []string{"year", "resource", "amount", "unit"} {
			if it.get(k) == nil {
				w.warn(joinKey(p, k), "extension", "missing: a resource need has a year, a resource, an amount and a unit")
			}
		}
		year, res, amount, unit := it.get("year"), it.get("resource"), it.get("amount"), it.get("unit")
		if year != nil && (year.kind != kNumber || !isInteger(year.s)) {
			w.warn(joinKey(p, "year"), "extension", "must be a calendar year (an integer), not %s", describe(year))
		}
		if amount != nil && amount.kind != kNumber {
			w.warn(joinKey(p, "amount"), "extension", "must be a number, not %s", describe(amount))
		} else if amount != nil && strings.HasPrefix(amount.s, "-") {
			w.warn(joinKey(p, "amount"), "extension", "must not be negative")
		}
		if res != nil && unit != nil && res.kind == kString && unit.kind == kString {
			if _, _, err := Units(res.s, unit.s); err != nil {
				w.warn(joinKey(p, "unit"), "extension", "%s", strings.TrimPrefix(err.Error(), "dmp: "))
			}
		} else if res != nil && res.kind != kString {
			w.warn(joinKey(p, "resource"), "extension", "must be one of cpu, gpu, disk, tape")
		}
		if year != nil && res != nil && year.kind == kNumber && res.kind == kString {
			key := year.s + "/" + res.s
			if j, dup := seen[key]; dup {
				w.warn(p, "extension", "a second %s need for %s (first at [%d]); they are added up", res.s, year.s, j)
			} else {
				seen[key] = i
			}
		}
	}
}
