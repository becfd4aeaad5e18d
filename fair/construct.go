package fair

import "strings"

// Constructors of the identifiers a record most often carries, so that a pipeline writes
//
//	orcid, err := fair.ORCID("0000-0002-1825-0097")
//	lab, err := fair.RORAffiliation("IJCLab", "03gc1p724")
//	licence, err := fair.SPDX("CC-BY-4.0")
//
// instead of spelling out value, scheme and scheme URI by hand (and spelling them differently from one place to
// the next). Each checks its input as the Parse function of the scheme does and returns an *IdentifierError when
// it is not valid.

// URI returns the schemeURI DataCite records carry with identifiers of the scheme — the one spelling fairmeta
// writes: "https://orcid.org", "https://ror.org", "https://isni.org", "https://doi.org" — or "" for the schemes
// that have none.
func (s Scheme) URI() string {
	switch s {
	case SchemeORCID:
		return "https://orcid.org"
	case SchemeROR:
		return "https://ror.org"
	case SchemeISNI:
		return "https://isni.org"
	case SchemeDOI:
		return "https://doi.org"
	}
	return ""
}

// nameIdentifier is the name identifier of a parsed PID: its URL (or normalised value), scheme and scheme URI.
func nameIdentifier(p PID, err error) (NameIdentifier, error) {
	if err != nil {
		return NameIdentifier{}, err
	}
	v := p.URL
	if v == "" {
		v = p.Value
	}
	return NameIdentifier{Value: v, Scheme: Scheme(p.Scheme), SchemeURI: p.Scheme.URI()}, nil
}

// ORCID returns the name identifier of an ORCID iD given in any form [ParseORCID] reads:
// {Value: "https://orcid.org/0000-0002-1825-0097", Scheme: "ORCID", SchemeURI: "https://orcid.org"}.
func ORCID(id string) (NameIdentifier, error) { return nameIdentifier(ParseORCID(id)) }

// ISNI returns the name identifier of an ISNI given in any form [ParseISNI] reads, as its isni.org URL.
func ISNI(id string) (NameIdentifier, error) { return nameIdentifier(ParseISNI(id)) }

// ROR returns the name identifier of a ROR ID given in any form [ParseROR] reads (an organisation as creator or
// contributor): {Value: "https://ror.org/03gc1p724", Scheme: "ROR", SchemeURI: "https://ror.org"}.
func ROR(id string) (NameIdentifier, error) { return nameIdentifier(ParseROR(id)) }

// RORAffiliation returns the affiliation named name and identified by a ROR ID given in any form [ParseROR] reads.
func RORAffiliation(name, id string) (Affiliation, error) {
	n, err := ROR(id)
	if err != nil {
		return Affiliation{}, err
	}
	return Affiliation{Name: name, Identifier: n.Value, IdentifierScheme: string(n.Scheme), SchemeURI: n.SchemeURI}, nil
}

// spdxScheme names SPDX licence identifiers in errors.
const spdxScheme Scheme = "SPDX"

// SPDX returns the rights statement of an SPDX licence identifier ("CC-BY-4.0", "Apache-2.0", "GPL-3.0-or-later",
// "LicenseRef-..."): {Rights: id, URI: "https://spdx.org/licenses/ID.html", Identifier: id, IdentifierScheme: "SPDX",
// SchemeURI: "https://spdx.org/licenses/"}. The identifier is checked for its syntax (letters, digits, "." and "-",
// an optional final "+"), not against the SPDX list; an expression ("MIT OR Apache-2.0") is several statements.
func SPDX(id string) (Rights, error) {
	in := id
	id = strings.TrimSpace(id)
	core := strings.TrimSuffix(id, "+")
	if core == "" {
		return Rights{}, idErr(spdxScheme, in, "empty")
	}
	for _, c := range core {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			if c == ' ' {
				return Rights{}, idErr(spdxScheme, in, "an expression, not one licence: give each licence its own Rights")
			}
			return Rights{}, idErr(spdxScheme, in, "%q is not allowed in an SPDX identifier (letters, digits, \".\" and \"-\")", c)
		}
	}
	return Rights{Rights: id, URI: "https://spdx.org/licenses/" + id + ".html", Identifier: id, IdentifierScheme: string(spdxScheme),
		SchemeURI: "https://spdx.org/licenses/"}, nil
}
