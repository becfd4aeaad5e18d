package assess

import (
	"net/url"
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/dop2i/fairmeta/fair"
)

// The lookup tables the assessment needs, as compact Go tables so that it works without F-UJI's data files. The
// large ones (SPDX licences, file formats, metadata standards) are generated into assess_lists.go; the two small
// ones are below. TestBundledLists checks all of them against F-UJI's fuji_server/data files.

// protocol is a URI scheme of a standard communication protocol and the authentication it supports.
type protocol struct {
	name string // the protocol's name
	auth string // authentication methods, "" when the protocol supports none
}

// standardProtocols are the URI schemes of standard communication protocols (F-UJI standard_uri_protocols.yaml).
var standardProtocols = map[string]protocol{
	"amqp":   {"Advanced Message Queuing Protocol", "SASL, TLS"},
	"coap":   {"Constrained Application Protocol", "DTLS"},
	"coaps":  {"Constrained Application Protocol Secure", "DTLS"},
	"ftp":    {"File Transfer Protocol", "BASIC"},
	"http":   {"Hyper Text Transfer Protocol", "BASIC"},
	"https":  {"Hyper Text Transfer Protocol Secure", "TLS, BASIC"},
	"mqtt":   {"Message Queuing Telemetry Transport", "TLS"},
	"rtsps":  {"Real Time Streaming Protocol", "TLS"},
	"rtsp":   {"Real Time Streaming Protocol", "TLS"},
	"rtspu":  {"Real Time Streaming Protocol", "TLS"},
	"sftp":   {"Secure File Transfer Protocol", "TLS"},
	"shttp":  {"Secure Hypertext Transfer Protocol", "TLS, BASIC"},
	"ssh":    {"Secure Shell", "KEY"},
	"svn":    {"Subversion", "SASL"},
	"telnet": {"Telnet", ""},
	"ws":     {"WebSocket", ""},
	"wss":    {"WebSocket Secure", "TLS"},
	"ftam":   {"File Transfer Access and Management", ""},
}

// accessRightTerms maps the URI of each access-rights term F-UJI recognises (COAR, ePrints, EU Publications Office,
// OpenAIRE info:eu-repo) to its access condition: public, embargoed, restricted, metadataonly or closed
// (F-UJI access_rights.yaml).
var accessRightTerms = map[string]string{
	"http://purl.org/coar/access_right/c_f1cf":                                   "embargoed",
	"http://purl.org/coar/access_right/c_14cb":                                   "metadataonly",
	"http://purl.org/coar/access_right/c_16ec":                                   "restricted",
	"http://purl.org/coar/access_right/c_abf2":                                   "public",
	"http://purl.org/eprint/accessRights/OpenAccess":                             "public",
	"http://purl.org/eprint/accessRights/RestrictedAccess":                       "restricted",
	"http://purl.org/eprint/accessRights/ClosedAccess":                           "closed",
	"http://publications.europa.eu/resource/authority/access-right/NON_PUBLIC":   "restricted",
	"http://publications.europa.eu/resource/authority/access-right/OP_DATPRO":    "embargoed",
	"http://publications.europa.eu/resource/authority/access-right/PUBLIC":       "public",
	"http://publications.europa.eu/resource/authority/access-right/RESTRICTED":   "restricted",
	"http://publications.europa.eu/resource/authority/access-right/SENSITIVE":    "restricted",
	"http://publications.europa.eu/resource/authority/access-right/CONFIDENTIAL": "restricted",
	"http://publications.europa.eu/resource/authority/access-right/NORMAL":       "public",
	"info:eu-repo/semantics/closedAccess":                                        "closed",
	"info:eu-repo/semantics/embargoedAccess":                                     "embargoed",
	"info:eu-repo/semantics/restrictedAccess":                                    "restricted",
	"info:eu-repo/semantics/openAccess":                                          "public",
}

// accessCondition returns the access condition a rights URI or text states, and whether it states one.
func accessCondition(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", false
	}
	for uri, cond := range accessRightTerms {
		if strings.EqualFold(s, uri) || strings.EqualFold(strings.Replace(s, "https://", "http://", 1), uri) {
			return cond, true
		}
	}
	if a, ok := fair.ParseAccessRights(s); ok {
		return map[fair.AccessRights]string{fair.AccessOpen: "public", fair.AccessEmbargoed: "embargoed", fair.AccessRestricted: "restricted",
			fair.AccessMetadata: "metadataonly"}[a], true
	}
	return "", false
}

// licFlag is a property of an SPDX licence.
type licFlag uint8

const (
	licOSI        licFlag = 1 << iota // approved by the Open Source Initiative
	licFSF                            // free/libre according to the Free Software Foundation
	licDeprecated                     // the identifier is deprecated
)

type spdxLicense struct {
	id    string
	flags licFlag
}

// spdxIndex maps lower-case SPDX identifiers to their canonical spelling.
var spdxIndex = sync.OnceValue(func() map[string]string {
	m := make(map[string]string, len(spdxLicenses))
	for _, l := range spdxLicenses {
		m[strings.ToLower(l.id)] = l.id
	}
	return m
})

// ccLicence matches Creative Commons licence and public-domain URLs.
var ccLicence = regexp.MustCompile(`(?i)^https?://(?:www\.)?creativecommons\.org/(licenses|publicdomain)/([a-z-]+)/([0-9.]+)`)

// SPDXLicense returns the SPDX identifier a rights statement names — by its Identifier, its URI (spdx.org or
// Creative Commons, e.g. "https://creativecommons.org/licenses/by/4.0/" → "CC-BY-4.0") or its text — and whether it
// names one. It uses the SPDX licence list the assessment bundles.
func SPDXLicense(r fair.Rights) (string, bool) { return spdxOf(r) }

// spdxOf returns the SPDX identifier a rights statement names by its identifier, its URI (spdx.org or Creative
// Commons) or its text, and whether it names one.
func spdxOf(rt fair.Rights) (string, bool) {
	idx := spdxIndex()
	for _, s := range []string{rt.Identifier, rt.Rights} {
		if id, ok := idx[strings.ToLower(strings.TrimSpace(s))]; ok {
			return id, true
		}
	}
	u := strings.TrimSpace(rt.URI)
	if m := ccLicence.FindStringSubmatch(u); m != nil {
		var cand string
		switch {
		case strings.EqualFold(m[1], "publicdomain") && strings.EqualFold(m[2], "zero"):
			cand = "CC0-" + m[3]
		case strings.EqualFold(m[1], "publicdomain"):
			return "", false // the Public Domain Mark is not a licence and has no SPDX identifier
		default:
			cand = "CC-" + strings.ToUpper(m[2]) + "-" + m[3]
		}
		if id, ok := idx[strings.ToLower(cand)]; ok {
			return id, true
		}
	}
	if pu, err := url.Parse(u); err == nil && strings.HasSuffix(strings.ToLower(pu.Host), "spdx.org") &&
		strings.HasPrefix(pu.Path, "/licenses/") {
		base := path.Base(pu.Path)
		base = strings.TrimSuffix(strings.TrimSuffix(base, ".html"), ".json")
		if id, ok := idx[strings.ToLower(base)]; ok {
			return id, true
		}
	}
	return "", false
}

type formatKind uint8

const (
	fmtOpen       formatKind = 1 << iota // an open file format
	fmtLongTerm                          // a format suitable for long-term preservation (ISO/TR 22299)
	fmtScientific                        // a format of a scientific community
)

type fileFormat struct {
	name  string
	kind  formatKind
	mimes []string
	exts  []string // without the leading "*."
}

// findFormat returns the bundled file format a media type or file name has, and whether there is one. Text-based
// media types (text/*) count as open formats, as F-UJI counts them.
func findFormat(mediaType, fileName string) (fileFormat, bool) {
	mt := strings.ToLower(strings.TrimSpace(mediaType))
	if i := strings.IndexByte(mt, ';'); i >= 0 {
		mt = strings.TrimSpace(mt[:i])
	}
	ext := ""
	if fileName != "" {
		if u, err := url.Parse(fileName); err == nil && u.Path != "" {
			fileName = u.Path
		}
		ext = strings.ToLower(strings.TrimPrefix(path.Ext(fileName), "."))
	}
	for _, f := range fileFormats {
		for _, m := range f.mimes {
			if mt != "" && strings.EqualFold(m, mt) {
				return f, true
			}
		}
		for _, e := range f.exts {
			if ext != "" && strings.EqualFold(e, ext) {
				return f, true
			}
		}
	}
	if strings.HasPrefix(mt, "text/") {
		return fileFormat{name: mt, kind: fmtOpen, mimes: []string{mt}}, true
	}
	return fileFormat{}, false
}

func (k formatKind) String() string {
	var s []string
	if k&fmtOpen != 0 {
		s = append(s, "open")
	}
	if k&fmtLongTerm != 0 {
		s = append(s, "long-term")
	}
	if k&fmtScientific != 0 {
		s = append(s, "scientific")
	}
	return strings.Join(s, ", ")
}

type metadataStandard struct {
	key, title, acronym string
	generic             bool     // multidisciplinary (field of science "sciences" or subject "Multidisciplinary")
	uris                []string // namespace and schema URIs
}

// findStandard returns the metadata standard a scheme name or URI designates, and whether there is one. URIs match
// on their namespace or schema URI (ignoring a trailing "/" or "#", and http versus https); names match the
// standard's acronym or title, ignoring case.
func findStandard(name, uri string) (metadataStandard, bool) {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimSpace(s))
		s = strings.Replace(s, "https://", "http://", 1)
		return strings.TrimRight(s, "/#")
	}
	if u := norm(uri); u != "" {
		for _, st := range metadataStandards {
			for _, su := range st.uris {
				if n := norm(su); n == u || (len(n) > len("http://x.") && strings.HasPrefix(u, n+"/")) {
					return st, true
				}
			}
		}
	}
	if n := strings.TrimSpace(name); n != "" {
		for _, st := range metadataStandards {
			if strings.EqualFold(st.acronym, n) || strings.EqualFold(st.title, n) || strings.EqualFold(st.key, n) {
				return st, true
			}
		}
	}
	return metadataStandard{}, false
}
