package fair

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// arXivArchives are the archive names of old-style arXiv identifiers (before April 2007).
var arXivArchives = []string{
	"acc-phys", "adap-org", "alg-geom", "ao-sci", "astro-ph", "atom-ph", "bayes-an", "chao-dyn", "chem-ph",
	"cmp-lg", "comp-gas", "cond-mat", "cs", "dg-ga", "funct-an", "gr-qc", "hep-ex", "hep-lat", "hep-ph", "hep-th",
	"math", "math-ph", "mtrl-th", "nlin", "nucl-ex", "nucl-th", "patt-sol", "physics", "plasm-ph", "q-alg", "q-bio",
	"quant-ph", "solv-int", "supr-con",
}

// ParseArXiv reads an arXiv identifier, new style ("2101.00001", "0704.0001", with an optional version "v2") or old
// style ("hep-th/9901001", "math.GT/0309136v1"), bare, with an "arXiv:" prefix (any case) or as an arxiv.org abs or
// pdf URL. The normalised form is the bare identifier with its version, if any — written "arXiv:" + Value; an old
// style identifier loses its subject class, which is not part of it (math.GT/0309136v2 is arXiv:math/0309136v2, as
// arXiv itself writes it); the URL is the abstract page.
func ParseArXiv(s string) (PID, error) {
	in := s
	s = strings.TrimSpace(s)
	if rest, ok := stripURL(s, "arxiv.org", "export.arxiv.org"); ok {
		switch {
		case strings.HasPrefix(rest, "abs/"):
			rest = rest[4:]
		case strings.HasPrefix(rest, "pdf/"):
			rest = strings.TrimSuffix(rest[4:], ".pdf")
		default:
			return PID{}, idErr(SchemeArXiv, in, "arxiv.org URL is not an /abs/ or /pdf/ page")
		}
		s = rest
	}
	if len(s) >= 6 && strings.EqualFold(s[:6], "arxiv:") {
		s = s[6:]
	}
	id, version := s, ""
	if i := strings.LastIndexByte(s, 'v'); i > 0 && i < len(s)-1 && allDigits(s[i+1:]) {
		id, version = s[:i], s[i:]
		if version == "v0" || strings.HasPrefix(version, "v0") {
			return PID{}, idErr(SchemeArXiv, in, "version %q does not start at v1", version)
		}
	}
	if err := checkArXiv(in, id); err != nil {
		return PID{}, err
	}
	if archive, num, ok := strings.Cut(id, "/"); ok {
		archive, _, _ = strings.Cut(archive, ".")
		id = strings.ToLower(archive) + "/" + num
	}
	v := id + version
	return PID{SchemeArXiv, v, "https://arxiv.org/abs/" + v}, nil
}

func checkArXiv(in, id string) error {
	if archive, num, ok := strings.Cut(id, "/"); ok { // old style
		base, class, _ := strings.Cut(strings.ToLower(archive), ".")
		if strings.Contains(archive, ".") && (class == "" || strings.Trim(class, "abcdefghijklmnopqrstuvwxyz-") != "") {
			return idErr(SchemeArXiv, in, "subject class %q is not letters", class)
		}
		known := false
		for _, a := range arXivArchives {
			if a == base {
				known = true
			}
		}
		if !known {
			return idErr(SchemeArXiv, in, "unknown archive %q", base)
		}
		if len(num) != 7 || !allDigits(num) {
			return idErr(SchemeArXiv, in, "old-style number %q is not YYMMNNN", num)
		}
		yy, mm := atoi(num[:2]), atoi(num[2:4])
		if mm < 1 || mm > 12 {
			return idErr(SchemeArXiv, in, "month %02d is not 01-12", mm)
		}
		if yy > 7 && yy < 91 {
			return idErr(SchemeArXiv, in, "year %02d is outside old-style identifiers (1991-2007)", yy)
		}
		return nil
	}
	yymm, num, ok := strings.Cut(id, ".")
	if !ok || len(yymm) != 4 || !allDigits(yymm) || !allDigits(num) {
		return idErr(SchemeArXiv, in, "not YYMM.NNNNN or archive/YYMMNNN")
	}
	yy, mm := atoi(yymm[:2]), atoi(yymm[2:])
	if mm < 1 || mm > 12 {
		return idErr(SchemeArXiv, in, "month %02d is not 01-12", mm)
	}
	if yy < 7 || yy == 7 && mm < 4 {
		return idErr(SchemeArXiv, in, "new-style identifiers start in 0704")
	}
	want := 5
	if yy < 15 {
		want = 4
	}
	if len(num) != want {
		return idErr(SchemeArXiv, in, "number %q has %d digits, want %d for %s", num, len(num), want, yymm)
	}
	return nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// ParseHandle reads a Handle ("20.500.12345/abc", "hdl:20.500.12345/abc" or an hdl.handle.net URL). The prefix is
// made of dot-separated digit groups; the suffix is any non-empty text without spaces. Handles are case-insensitive
// for ASCII; the normalised form keeps the case as given (many Handle services are case-sensitive in practice).
func ParseHandle(s string) (PID, error) {
	in := s
	s = strings.TrimSpace(s)
	if rest, ok := stripURL(s, "hdl.handle.net"); ok {
		if i := strings.IndexAny(rest, "?#"); i >= 0 {
			rest = rest[:i]
		}
		if dec, err := url.PathUnescape(rest); err == nil {
			rest = dec
		}
		s = rest
	} else if len(s) >= 4 && strings.EqualFold(s[:4], "hdl:") {
		s = strings.TrimSpace(s[4:]) // "hdl: 10013/epic.10033", as PANGAEA and others print it
	}
	prefix, suffix, ok := strings.Cut(s, "/")
	if !ok {
		return PID{}, idErr(SchemeHandle, in, `no "/" between prefix and suffix`)
	}
	for _, part := range strings.Split(prefix, ".") {
		if !allDigits(part) {
			return PID{}, idErr(SchemeHandle, in, "prefix %q is not dot-separated digits", prefix)
		}
	}
	if suffix == "" {
		return PID{}, idErr(SchemeHandle, in, "empty suffix")
	}
	if strings.ContainsAny(suffix, " \t\r\n") {
		return PID{}, idErr(SchemeHandle, in, "suffix contains white space")
	}
	v := prefix + "/" + suffix
	return PID{SchemeHandle, v, "https://hdl.handle.net/" + escapeKeepSlash(v)}, nil
}

func escapeKeepSlash(s string) string {
	parts := strings.Split(s, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// ParseARK reads an Archival Resource Key ("ark:12345/x6np1wh8k", the older "ark:/12345/x6np1wh8k", or a URL with
// "/ark:" in its path such as https://n2t.net/ark:/12345/x6np1wh8k). The NAAN is five or more digits or, since the
// 2023 specification, betanumeric characters. The normalised form is "ark:NAAN/name" (the current spelling, without
// the slash after "ark:"); the URL is on the n2t.net resolver.
func ParseARK(s string) (PID, error) {
	in := s
	s = strings.TrimSpace(s)
	lower := strings.ToLower(s)
	i := strings.Index(lower, "ark:")
	if i < 0 || i > 0 && !strings.Contains(lower[:i], "://") {
		return PID{}, idErr(SchemeARK, in, `no "ark:" label`)
	}
	s = strings.TrimPrefix(s[i+4:], "/")
	naan, name, ok := strings.Cut(s, "/")
	if !ok || name == "" {
		return PID{}, idErr(SchemeARK, in, "no name after the NAAN")
	}
	if len(naan) < 5 {
		return PID{}, idErr(SchemeARK, in, "NAAN %q is shorter than 5 characters", naan)
	}
	for _, c := range strings.ToLower(naan) {
		if !strings.ContainsRune("0123456789bcdfghjkmnpqrstvwxz", c) {
			return PID{}, idErr(SchemeARK, in, "NAAN %q has a character outside the betanumeric set", naan)
		}
	}
	if strings.ContainsAny(name, " \t\r\n") {
		return PID{}, idErr(SchemeARK, in, "name contains white space")
	}
	v := "ark:" + strings.ToLower(naan) + "/" + name
	return PID{SchemeARK, v, "https://n2t.net/" + v}, nil
}

// ParseURN reads a Uniform Resource Name (RFC 8141): "urn:" NID ":" NSS, where the NID is 2 to 32 letters, digits
// and hyphens that neither start nor end with a hyphen. The normalised form has "urn:" and the NID in lower case.
// URNs of the NBN namespace resolve through nbn-resolving.org; others have no general resolver and no URL.
func ParseURN(s string) (PID, error) {
	in := s
	s = strings.TrimSpace(s)
	if len(s) < 4 || !strings.EqualFold(s[:4], "urn:") {
		return PID{}, idErr(SchemeURN, in, `does not start with "urn:"`)
	}
	nid, nss, ok := strings.Cut(s[4:], ":")
	if !ok {
		return PID{}, idErr(SchemeURN, in, `no ":" after the namespace identifier`)
	}
	if len(nid) < 2 || len(nid) > 32 || nid[0] == '-' || nid[len(nid)-1] == '-' {
		return PID{}, idErr(SchemeURN, in, "namespace identifier %q is not 2-32 characters without a leading or trailing hyphen", nid)
	}
	for _, c := range nid {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return PID{}, idErr(SchemeURN, in, "namespace identifier %q has %q", nid, c)
		}
	}
	if nss == "" {
		return PID{}, idErr(SchemeURN, in, "empty namespace-specific string")
	}
	for i := 0; i < len(nss); i++ {
		c := nss[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`"<>\^`+"`{|}", c) >= 0 {
			return PID{}, idErr(SchemeURN, in, "namespace-specific string has %q", c)
		}
		if c == '%' && (i+2 >= len(nss) || !isHex(nss[i+1]) || !isHex(nss[i+2])) {
			return PID{}, idErr(SchemeURN, in, "bad percent-encoding")
		}
	}
	v := "urn:" + strings.ToLower(nid) + ":" + nss
	p := PID{Scheme: SchemeURN, Value: v}
	if strings.EqualFold(nid, "nbn") {
		p.URL = "https://nbn-resolving.org/" + v
	}
	return p, nil
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// SWHID is a Software Heritage identifier (SWHID specification v1.2, ISO/IEC 18670): a core identifier
// "swh:1:<type>:<40 hex digits>" and optional qualifiers.
type SWHID struct {
	// ObjectType is "cnt" (file content), "dir", "rev" (commit), "rel" (release tag) or "snp" (snapshot).
	ObjectType string
	// Hash is the 40-digit lower-case hexadecimal SHA-1 intrinsic identifier of the object.
	Hash string
	// Origin is the software origin where the object was found, a URI (qualifier "origin").
	Origin string
	// Visit is the core SWHID of the snapshot of the origin visit (qualifier "visit"), of type snp.
	Visit string
	// Anchor is the core SWHID of the dir, rev, rel or snp the Path is relative to (qualifier "anchor").
	Anchor string
	// Path is the absolute path of the object from the anchor (qualifier "path"), unescaped.
	Path string
	// LinesFrom and LinesTo are the line range of a cnt object (qualifier "lines"); 0 when absent. LinesTo is 0 for
	// a single line.
	LinesFrom, LinesTo int
}

// swhTypes are the object types of SWHID core identifiers.
var swhTypes = []string{"cnt", "dir", "rev", "rel", "snp"}

// ParseSWHID reads a SWHID with optional qualifiers (";origin=...;visit=...;anchor=...;path=...;lines=..."), in any
// qualifier order, and checks every part against the specification: scheme version 1, a known object type, 40
// lower-case hexadecimal digits, known qualifiers at most once each, core SWHIDs of the right types for visit (snp)
// and anchor (dir, rev, rel, snp), lines as N or N-M with N ≤ M.
func ParseSWHID(s string) (SWHID, error) {
	in := s
	s = strings.TrimSpace(s)
	core, quals, _ := strings.Cut(s, ";")
	id, err := parseCoreSWHID(in, core)
	if err != nil {
		return SWHID{}, err
	}
	if quals == "" {
		return id, nil
	}
	seen := map[string]bool{}
	for _, q := range strings.Split(quals, ";") {
		k, v, ok := strings.Cut(q, "=")
		if !ok || v == "" {
			return SWHID{}, idErr(SchemeSWHID, in, "qualifier %q is not key=value", q)
		}
		if seen[k] {
			return SWHID{}, idErr(SchemeSWHID, in, "qualifier %q given twice", k)
		}
		seen[k] = true
		switch k {
		case "origin":
			dec, err := url.PathUnescape(v)
			if err != nil {
				return SWHID{}, idErr(SchemeSWHID, in, "origin %q has bad percent-encoding", v)
			}
			if u, err := url.Parse(dec); err != nil || u.Scheme == "" {
				return SWHID{}, idErr(SchemeSWHID, in, "origin %q is not a URI", dec)
			}
			id.Origin = dec
		case "visit":
			c, err := parseCoreSWHID(in, v)
			if err != nil {
				return SWHID{}, err
			}
			if c.ObjectType != "snp" {
				return SWHID{}, idErr(SchemeSWHID, in, "visit must be a snapshot (swh:1:snp:...), not %s", c.ObjectType)
			}
			id.Visit = v
		case "anchor":
			c, err := parseCoreSWHID(in, v)
			if err != nil {
				return SWHID{}, err
			}
			if c.ObjectType == "cnt" {
				return SWHID{}, idErr(SchemeSWHID, in, "anchor must be a dir, rev, rel or snp, not cnt")
			}
			id.Anchor = v
		case "path":
			dec, err := url.PathUnescape(v)
			if err != nil {
				return SWHID{}, idErr(SchemeSWHID, in, "path %q has bad percent-encoding", v)
			}
			if !strings.HasPrefix(dec, "/") {
				return SWHID{}, idErr(SchemeSWHID, in, "path %q is not absolute", dec)
			}
			id.Path = dec
		case "lines":
			from, to, ranged := strings.Cut(v, "-")
			if !allDigits(from) || ranged && !allDigits(to) {
				return SWHID{}, idErr(SchemeSWHID, in, "lines %q is not N or N-M", v)
			}
			id.LinesFrom = atoi(from)
			if ranged {
				id.LinesTo = atoi(to)
			}
			if id.LinesFrom < 1 || ranged && id.LinesTo < id.LinesFrom {
				return SWHID{}, idErr(SchemeSWHID, in, "lines %q is not a range of lines from 1", v)
			}
			if id.ObjectType != "cnt" {
				return SWHID{}, idErr(SchemeSWHID, in, "lines applies only to cnt objects")
			}
		default:
			return SWHID{}, idErr(SchemeSWHID, in, "unknown qualifier %q", k)
		}
	}
	return id, nil
}

func parseCoreSWHID(in, s string) (SWHID, error) {
	parts := strings.Split(s, ":")
	if len(parts) != 4 || parts[0] != "swh" {
		return SWHID{}, idErr(SchemeSWHID, in, "core %q is not swh:1:TYPE:HASH", s)
	}
	if parts[1] != "1" {
		return SWHID{}, idErr(SchemeSWHID, in, "scheme version %q is not 1", parts[1])
	}
	known := false
	for _, t := range swhTypes {
		if parts[2] == t {
			known = true
		}
	}
	if !known {
		return SWHID{}, idErr(SchemeSWHID, in, "object type %q is not one of cnt, dir, rev, rel, snp", parts[2])
	}
	h := parts[3]
	if len(h) != 40 {
		return SWHID{}, idErr(SchemeSWHID, in, "hash has %d digits, want 40", len(h))
	}
	for i := 0; i < len(h); i++ {
		if !(h[i] >= '0' && h[i] <= '9' || h[i] >= 'a' && h[i] <= 'f') {
			return SWHID{}, idErr(SchemeSWHID, in, "hash has %q, not a lower-case hexadecimal digit", h[i])
		}
	}
	return SWHID{ObjectType: parts[2], Hash: h}, nil
}

// Core returns the core identifier "swh:1:<type>:<hash>" without qualifiers.
func (id SWHID) Core() string { return "swh:1:" + id.ObjectType + ":" + id.Hash }

// String returns the SWHID with its qualifiers in the specification's canonical order (origin, visit, anchor, path,
// lines), percent-encoding ';' and '%' in origin and path as the specification requires.
func (id SWHID) String() string {
	var b strings.Builder
	b.WriteString(id.Core())
	esc := strings.NewReplacer("%", "%25", ";", "%3B")
	if id.Origin != "" {
		b.WriteString(";origin=" + esc.Replace(id.Origin))
	}
	if id.Visit != "" {
		b.WriteString(";visit=" + id.Visit)
	}
	if id.Anchor != "" {
		b.WriteString(";anchor=" + id.Anchor)
	}
	if id.Path != "" {
		b.WriteString(";path=" + esc.Replace(id.Path))
	}
	if id.LinesFrom > 0 {
		fmt.Fprintf(&b, ";lines=%d", id.LinesFrom)
		if id.LinesTo > 0 {
			fmt.Fprintf(&b, "-%d", id.LinesTo)
		}
	}
	return b.String()
}

// URL returns the address of the identifier on the Software Heritage archive.
func (id SWHID) URL() string { return "https://archive.softwareheritage.org/" + id.String() }

// ParseSWHIDPID is [ParseSWHID] for [DetectPID]: the normalised SWHID and its archive URL.
func ParseSWHIDPID(s string) (PID, error) {
	id, err := ParseSWHID(s)
	if err != nil {
		return PID{}, err
	}
	return PID{SchemeSWHID, id.String(), id.URL()}, nil
}

// ParseInspireID reads an INSPIRE-HEP author identifier: "INSPIRE-" and eight digits, in any case. The normalised
// form is upper case; INSPIRE has no resolver URL for it, so the URL is empty.
func ParseInspireID(s string) (PID, error) {
	t := strings.TrimSpace(s)
	if len(t) != 16 || !strings.EqualFold(t[:8], "INSPIRE-") || !allDigits(t[8:]) {
		return PID{}, idErr(SchemeInspireID, s, `not "INSPIRE-" and eight digits`)
	}
	return PID{Scheme: SchemeInspireID, Value: "INSPIRE-" + t[8:]}, nil
}

// ParseInspireBAI reads an INSPIRE-HEP author identifier of the name-based form (BAI): two or more name parts of
// ASCII letters, hyphens or apostrophes, separated by dots, then a number ("D.R.Wood.1", "J.Rodriguez-Garcia.12").
// The URL is empty (INSPIRE has no resolver URL for it).
func ParseInspireBAI(s string) (PID, error) {
	t := strings.TrimSpace(s)
	parts := strings.Split(t, ".")
	if len(parts) < 3 || len(t) > 256 {
		return PID{}, idErr(SchemeInspireBAI, s, "not name parts and a number separated by dots")
	}
	if n := parts[len(parts)-1]; !allDigits(n) || n[0] == '0' {
		return PID{}, idErr(SchemeInspireBAI, s, "does not end in a number from 1")
	}
	for _, p := range parts[:len(parts)-1] {
		if p == "" || !isASCIILetter(p[0]) {
			return PID{}, idErr(SchemeInspireBAI, s, "name part %q does not start with a letter", p)
		}
		for i := 0; i < len(p); i++ {
			if c := p[i]; !isASCIILetter(c) && c != '-' && c != '\'' {
				return PID{}, idErr(SchemeInspireBAI, s, "name part %q holds %q", p, c)
			}
		}
	}
	return PID{Scheme: SchemeInspireBAI, Value: t}, nil
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// ParseIdHAL reads a person's idHAL in its textual form ("laurent-romary"): lower-case ASCII letters, digits and
// hyphens, starting with a letter; bare, with an "idHAL:" prefix or as a HAL CV address
// (https://cv.hal.science/laurent-romary). The URL is the HAL CV page.
func ParseIdHAL(s string) (PID, error) {
	t := strings.TrimSpace(s)
	if rest, ok := stripURL(t, "cv.hal.science", "cv.archives-ouvertes.fr"); ok {
		t = strings.TrimSuffix(rest, "/")
	} else if len(t) > 6 && strings.EqualFold(t[:6], "idhal:") {
		t = t[6:]
	}
	if t == "" || len(t) > 128 || t[0] < 'a' || t[0] > 'z' || strings.HasSuffix(t, "-") {
		return PID{}, idErr(SchemeIdHAL, s, "not lower-case letters, digits and hyphens starting with a letter")
	}
	for i := 0; i < len(t); i++ {
		if c := t[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return PID{}, idErr(SchemeIdHAL, s, "holds %q: only lower-case letters, digits and hyphens", c)
		}
	}
	return PID{Scheme: SchemeIdHAL, Value: t, URL: "https://cv.hal.science/" + t}, nil
}

// ParseHAL reads a HAL document identifier: a portal prefix of lower-case letters, digits or underscores, a hyphen
// and eight digits, with an optional version ("hal-01234567", "in2p3-00012345v2", "tel-04123456"); bare, with a
// "hal:" prefix or as a HAL address (https://hal.science/hal-01234567v2, https://<portal>.hal.science/...). The
// normalised form keeps the version; the URL is the document's HAL page.
func ParseHAL(s string) (PID, error) {
	t := strings.TrimSpace(s)
	if u, err := url.Parse(t); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		host := strings.ToLower(u.Host)
		if host != "hal.science" && host != "hal.archives-ouvertes.fr" && !strings.HasSuffix(host, ".hal.science") {
			return PID{}, idErr(SchemeHAL, s, "not a HAL address")
		}
		t = strings.Trim(u.Path, "/")
		if i := strings.IndexByte(t, '/'); i >= 0 {
			t = t[:i] // /hal-01234567v2/document
		}
	} else if len(t) > 4 && strings.EqualFold(t[:4], "hal:") {
		t = t[4:]
	}
	prefix, num, ok := strings.Cut(t, "-")
	if !ok || prefix == "" || prefix[0] < 'a' || prefix[0] > 'z' {
		return PID{}, idErr(SchemeHAL, s, "not a portal prefix, a hyphen and eight digits")
	}
	for i := 0; i < len(prefix); i++ {
		if c := prefix[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return PID{}, idErr(SchemeHAL, s, "portal prefix %q holds %q", prefix, c)
		}
	}
	version := ""
	if i := strings.IndexByte(num, 'v'); i >= 0 {
		num, version = num[:i], num[i:]
		if len(version) < 2 || !allDigits(version[1:]) || version[1] == '0' {
			return PID{}, idErr(SchemeHAL, s, "version %q is not v1, v2, ...", version)
		}
	}
	if len(num) != 8 || !allDigits(num) {
		return PID{}, idErr(SchemeHAL, s, "number %q is not eight digits", num)
	}
	v := prefix + "-" + num + version
	return PID{Scheme: SchemeHAL, Value: v, URL: "https://hal.science/" + v}, nil
}
