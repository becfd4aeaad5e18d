package fair

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/internal/checksum"
)

// Scheme names an identifier scheme recognised by [DetectPID]. The names are DataCite's relatedIdentifierType and
// nameIdentifierScheme spellings where those exist.
type Scheme string

// The identifier schemes fairmeta recognises.
const (
	SchemeDOI    Scheme = "DOI"
	SchemeORCID  Scheme = "ORCID"
	SchemeROR    Scheme = "ROR"
	SchemeISNI   Scheme = "ISNI"
	SchemeArXiv  Scheme = "arXiv"
	SchemeHandle Scheme = "Handle"
	SchemeARK    Scheme = "ARK"
	SchemeURN    Scheme = "URN"
	SchemePURL   Scheme = "PURL"
	SchemeSWHID  Scheme = "SWHID"
	SchemeURL    Scheme = "URL"

	// SchemeInspireID is an INSPIRE-HEP author identifier, e.g. "INSPIRE-00300234".
	SchemeInspireID Scheme = "INSPIRE ID"
	// SchemeInspireBAI is an INSPIRE-HEP author identifier of the older, name-based form, e.g. "D.R.Wood.1".
	SchemeInspireBAI Scheme = "INSPIRE BAI"
	// SchemeIdHAL is a person's identifier in HAL (its textual form), e.g. "laurent-romary".
	SchemeIdHAL Scheme = "idHAL"
	// SchemeHAL is a HAL document identifier, e.g. "hal-01234567" or "in2p3-00012345v2".
	SchemeHAL Scheme = "HAL"
)

// PID is a recognised persistent identifier: its scheme, its normalised form and the URL it resolves at.
type PID struct {
	// Scheme is the identifier scheme.
	Scheme Scheme `json:"scheme"`
	// Value is the normalised identifier, e.g. "10.1234/abc", "0000-0002-1825-0097", "https://ror.org/02feahw73".
	Value string `json:"value"`
	// URL is where the identifier resolves; empty for schemes without a general resolver (most URNs).
	URL string `json:"url,omitempty"`
}

// IdentifierError reports a string that is not a valid identifier of a scheme.
type IdentifierError struct {
	Scheme Scheme // the scheme tried; empty when no scheme matched at all
	Input  string // the text as given
	Reason string // why it is not valid, for a person to read
}

// Error names the input, the scheme tried (if any) and the reason.
func (e *IdentifierError) Error() string {
	if e.Scheme == "" {
		return fmt.Sprintf("fair: %q is not a recognised identifier: %s", e.Input, e.Reason)
	}
	return fmt.Sprintf("fair: %q is not a valid %s: %s", e.Input, e.Scheme, e.Reason)
}

// ErrInvalidIdentifier is matched by every *IdentifierError with errors.Is.
var ErrInvalidIdentifier = errors.New("fair: invalid identifier")

// Is makes errors.Is(err, ErrInvalidIdentifier) true for an *IdentifierError.
func (e *IdentifierError) Is(target error) bool { return target == ErrInvalidIdentifier }

func idErr(s Scheme, in, format string, args ...any) error {
	return &IdentifierError{Scheme: s, Input: in, Reason: fmt.Sprintf(format, args...)}
}

// stripURL removes "http(s)://" and any of hosts (with an optional "www.") and returns the rest and whether a host
// matched. Hosts are matched without regard to case.
func stripURL(s string, hosts ...string) (string, bool) {
	rest := s
	lower := strings.ToLower(rest)
	for _, p := range []string{"https://", "http://"} {
		if strings.HasPrefix(lower, p) {
			rest, lower = rest[len(p):], lower[len(p):]
			break
		}
	}
	lower = strings.TrimPrefix(lower, "www.")
	if len(lower) < len(rest) {
		rest = rest[len("www."):]
	}
	for _, h := range hosts {
		if strings.HasPrefix(lower, h+"/") {
			return rest[len(h)+1:], true
		}
	}
	return s, false
}

// ParseORCID reads an ORCID iD ("0000-0002-1825-0097", with or without hyphens, or as an orcid.org URL) and checks
// its ISO 7064 MOD 11-2 check character. The normalised form is the hyphenated 16 characters with an upper-case X.
func ParseORCID(s string) (PID, error) {
	in := s
	s, _ = stripURL(strings.TrimSpace(s), "orcid.org", "sandbox.orcid.org")
	s = strings.TrimSuffix(trimLabel(s, "orcid"), "/")
	digits, err := sixteen(SchemeORCID, in, s, " -")
	if err != nil {
		return PID{}, err
	}
	v := digits[0:4] + "-" + digits[4:8] + "-" + digits[8:12] + "-" + digits[12:16]
	return PID{SchemeORCID, v, "https://orcid.org/" + v}, nil
}

// ParseISNI reads an ISNI ("0000 0001 2103 2683", compact, hyphenated or as an isni.org URL) and checks its MOD 11-2
// check character. The normalised form is the 16 characters without separators.
func ParseISNI(s string) (PID, error) {
	in := s
	s, _ = stripURL(strings.TrimSpace(s), "isni.org/isni", "isni.org", "isni.oclc.org/xslt/DB=1.2//CMD?ACT=SRCH&IKT=8006&TRM=ISN%3A")
	s = strings.TrimSuffix(trimLabel(s, "isni"), "/")
	digits, err := sixteen(SchemeISNI, in, s, " -")
	if err != nil {
		return PID{}, err
	}
	return PID{SchemeISNI, digits, "https://isni.org/isni/" + digits}, nil
}

// trimLabel removes a leading label such as "ORCID", "orcid:" or "ISNI: " (any case, with or without the colon)
// and the spaces after it.
func trimLabel(s, label string) string {
	if len(s) >= len(label) && strings.EqualFold(s[:len(label)], label) {
		rest := strings.TrimPrefix(s[len(label):], ":")
		if t := strings.TrimLeft(rest, " \t"); len(t) < len(rest) || len(rest) < len(s)-len(label) {
			return t
		}
	}
	return s
}

// sixteen checks 15 digits and a MOD 11-2 check character, separators removed, and returns the compact form.
func sixteen(scheme Scheme, in, s, seps string) (string, error) {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(seps, r) {
			continue
		}
		b.WriteRune(r)
	}
	d := strings.ToUpper(b.String())
	if len(d) != 16 {
		return "", idErr(scheme, in, "has %d digits, want 16", len(d))
	}
	for i := 0; i < 15; i++ {
		if d[i] < '0' || d[i] > '9' {
			return "", idErr(scheme, in, "character %q is not a digit", d[i])
		}
	}
	if c := d[15]; (c < '0' || c > '9') && c != 'X' {
		return "", idErr(scheme, in, "check character %q is not a digit or X", c)
	}
	if want := checksum.Mod11_2(d[:15]); want != d[15] {
		return "", idErr(scheme, in, "wrong check character %q (MOD 11-2 gives %q)", d[15], want)
	}
	return d, nil
}

// ParseROR reads a ROR ID ("02feahw73", "ror.org/02feahw73", "https://ror.org/02feahw73", upper or lower case) and
// checks its form and its MOD 97-10 checksum. It is the one ROR ID parser of fairmeta: package ror's ParseID calls
// it, so both accept the same IDs and give the same *IdentifierError.
func ParseROR(s string) (PID, error) {
	in := s
	s, _ = stripURL(strings.TrimSpace(s), "ror.org")
	s = strings.ToLower(strings.TrimSuffix(s, "/"))
	if len(s) != 9 {
		return PID{}, idErr(SchemeROR, in, "has %d characters, want 9 (0, six base32 characters, two check digits)", len(s))
	}
	if s[0] != '0' {
		return PID{}, idErr(SchemeROR, in, "does not start with 0")
	}
	for _, c := range s[1:7] {
		if !strings.ContainsRune("0123456789abcdefghjkmnpqrstvwxyz", c) {
			return PID{}, idErr(SchemeROR, in, "character %q is not in the Crockford base32 alphabet", c)
		}
	}
	for _, c := range s[7:] {
		if c < '0' || c > '9' {
			return PID{}, idErr(SchemeROR, in, "check character %q is not a digit", c)
		}
	}
	n, _ := checksum.DecodeCrockford(s[:7])
	if want := checksum.Mod97(n); s[7:] != want {
		return PID{}, idErr(SchemeROR, in, "has a wrong checksum (%s, want %s)", s[7:], want)
	}
	return PID{SchemeROR, "https://ror.org/" + s, "https://ror.org/" + s}, nil
}

// ParseDOI reads a DOI in any form package doi accepts.
func ParseDOI(s string) (PID, error) {
	d, err := doi.Parse(s)
	if err != nil {
		var se *doi.SyntaxError
		if errors.As(err, &se) {
			return PID{}, idErr(SchemeDOI, s, "%s", se.Reason)
		}
		return PID{}, err
	}
	return PID{SchemeDOI, string(d), d.URL()}, nil
}

// ParseURL reads an absolute http or https URL with a host.
func ParseURL(s string) (PID, error) {
	in := s
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil {
		return PID{}, idErr(SchemeURL, in, "%v", errors.Unwrap(err))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return PID{}, idErr(SchemeURL, in, "scheme %q is not http or https", u.Scheme)
	}
	if u.Host == "" {
		return PID{}, idErr(SchemeURL, in, "no host")
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	return PID{SchemeURL, u.String(), u.String()}, nil
}

// purlHosts are the PURL services.
var purlHosts = []string{"purl.org", "purl.archive.org", "purl.oclc.org", "purl.obolibrary.org", "purl.fdlp.gov", "purl.dataone.org"}

// ParsePURL reads a Persistent URL on one of the PURL services (purl.org, purl.archive.org, purl.obolibrary.org,
// ...). The normalised form is the https URL.
func ParsePURL(s string) (PID, error) {
	u, err := ParseURL(s)
	if err != nil {
		return PID{}, idErr(SchemePURL, s, "not a URL")
	}
	pu, _ := url.Parse(u.Value)
	for _, h := range purlHosts {
		if pu.Host == h {
			if strings.Trim(pu.Path, "/") == "" {
				return PID{}, idErr(SchemePURL, s, "no path after the PURL host")
			}
			pu.Scheme = "https"
			return PID{SchemePURL, pu.String(), pu.String()}, nil
		}
	}
	return PID{}, idErr(SchemePURL, s, "host %q is not a PURL service", pu.Host)
}

// maxPIDLength bounds the text DetectPID reads: no identifier is longer, and hostile input stays cheap to reject.
const maxPIDLength = 4096

// DetectPID names the scheme of an identifier and returns its normalised form and resolver URL. It tries the schemes
// from the most to the least specific: explicit prefixes and resolver URLs first (doi:, https://doi.org/,
// https://orcid.org/, https://ror.org/, swh:, arXiv:, ark:, urn:, hdl:, INSPIRE-, idHAL:, hal:, HAL and HAL CV
// addresses), then PURL and plain URLs, then bare forms (10.x/...; sixteen digits, an ORCID iD inside the blocks
// ORCID assigns from and an ISNI outside them; ROR ID; arXiv; handle; HAL document; INSPIRE BAI). A string that looks
// like a scheme but
// fails its checks (a bad checksum) gives that scheme's error rather than falling through to a weaker match.
func DetectPID(s string) (PID, error) {
	if len(s) > maxPIDLength {
		return PID{}, idErr("", s[:64]+"...", "longer than %d bytes", maxPIDLength)
	}
	t := strings.TrimSpace(s)
	if t == "" {
		return PID{}, idErr("", s, "empty")
	}
	lower := strings.ToLower(t)
	host := ""
	if u, err := url.Parse(t); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		host = strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	} else if i := strings.IndexByte(lower, '/'); i > 0 && !strings.Contains(lower[:i], ":") {
		host = lower[:i] // "doi.org/10..." without a scheme
	}
	has := func(prefixes ...string) bool {
		for _, p := range prefixes {
			if strings.HasPrefix(lower, p) {
				return true
			}
		}
		return false
	}
	switch {
	case has("swh:"):
		return ParseSWHIDPID(t)
	case has("doi:", "info:doi/", "urn:doi:", "10."), host == "doi.org" || host == "dx.doi.org":
		return ParseDOI(t)
	case has("doi 10."):
		return ParseDOI(strings.TrimSpace(t[len("doi "):])) // "DOI 10.1234/x", as reference lists print it
	case has("orcid:", "orcid "), host == "orcid.org" || host == "sandbox.orcid.org":
		return ParseORCID(t)
	case host == "ror.org":
		return ParseROR(t)
	case has("isni"), host == "isni.org":
		return ParseISNI(t)
	case has("arxiv:"), host == "arxiv.org" || host == "export.arxiv.org":
		return ParseArXiv(t)
	case has("ark:"), strings.Contains(lower, "/ark:"):
		return ParseARK(t)
	case has("hdl:"), host == "hdl.handle.net":
		if p, err := ParseDOI(t); err == nil {
			return p, nil // a handle in the 10. namespace is a DOI
		}
		return ParseHandle(t)
	case has("urn:"):
		return ParseURN(t)
	case has("inspire-"):
		return ParseInspireID(t)
	case has("idhal:"), host == "cv.hal.science" || host == "cv.archives-ouvertes.fr":
		return ParseIdHAL(t)
	case has("hal:"), host == "hal.science" || host == "hal.archives-ouvertes.fr" || strings.HasSuffix(host, ".hal.science"):
		return ParseHAL(t)
	}
	for _, h := range purlHosts {
		if host == h {
			return ParsePURL(t)
		}
	}
	if host != "" && strings.Contains(lower, "://") {
		return ParseURL(t)
	}
	// Bare forms. Sixteen digits (compact, or in groups of four split by spaces or hyphens) are an ORCID iD when they
	// fall in the blocks ORCID assigns from, otherwise an ISNI: both are ISNIs in form, ORCID's a reserved part.
	if compact := strings.NewReplacer(" ", "", "-", "").Replace(t); len(compact) == 16 && groupsOfFour(t) {
		if strings.Trim(compact[:15], "0123456789") != "" || inORCIDBlocks(compact) {
			return ParseORCID(t)
		}
		return ParseISNI(t)
	}
	if len(t) == 9 && t[0] == '0' {
		if p, err := ParseROR(t); err == nil {
			return p, nil
		}
	}
	if p, err := ParseArXiv(t); err == nil {
		return p, nil
	}
	if i := strings.IndexByte(t, '/'); i > 0 && strings.Trim(t[:i], "0123456789.") == "" {
		return ParseHandle(t)
	}
	if p, err := ParseHAL(t); err == nil {
		return p, nil
	}
	if p, err := ParseInspireBAI(t); err == nil {
		return p, nil
	}
	if strings.Contains(t, ".") && !strings.ContainsAny(t, " \t") {
		if p, err := ParseURL("https://" + t); err == nil && strings.Contains(p.Value[len("https://"):], ".") {
			return PID{}, idErr("", s, "no scheme; if it is a web address, write it as %s", p.Value)
		}
	}
	return PID{}, idErr("", s, "matches none of DOI, ORCID, ROR, ISNI, arXiv, Handle, ARK, URN, PURL, SWHID, URL, INSPIRE ID or BAI, idHAL or HAL")
}

// groupsOfFour reports whether s is 16 characters compact or in four groups of four split by single spaces or by
// single hyphens.
func groupsOfFour(s string) bool {
	if len(s) == 16 {
		return !strings.ContainsAny(s, " -")
	}
	if len(s) != 19 || s[4] != s[9] || s[9] != s[14] || (s[4] != ' ' && s[4] != '-') {
		return false
	}
	return !strings.ContainsAny(s[:4]+s[5:9]+s[10:14]+s[15:], " -")
}

// orcidBlocks are the ranges of the first 15 digits ORCID assigns iDs from: 0000-0001-5000-0007 to
// 0000-0003-5000-0001, and 0009-0000-0000-0000 to 0009-0010-0000-000X.
var orcidBlocks = [][2]string{{"000000015000000", "000000035000000"}, {"000900000000000", "000900100000000"}}

// inORCIDBlocks reports whether 16 compact characters fall in ORCID's blocks.
func inORCIDBlocks(compact string) bool {
	d := compact[:15]
	for _, b := range orcidBlocks {
		if d >= b[0] && d <= b[1] {
			return true
		}
	}
	return false
}
