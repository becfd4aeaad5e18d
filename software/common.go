package software

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/fair"
)

// droppedNotes turns the key paths a reader left out, e.g. "authors[0].alias", into its notRead, sorted by path.
func droppedNotes(paths []string) fair.Notes {
	if len(paths) == 0 {
		return nil
	}
	sort.Strings(paths)
	out := make(fair.Notes, len(paths))
	for i, p := range paths {
		out[i] = fair.Note{Path: p, Reason: "no place for it in the record"}
	}
	return out
}

// personName fills the Name of a person from its parts, "Family, Given" as DataCite writes it.
func personName(given, family string) string {
	switch {
	case given == "":
		return family
	case family == "":
		return given
	}
	return family + ", " + given
}

// nameParts returns the given and family names of a creator, splitting "Family, Given" when the parts are not set.
func nameParts(c fair.Creator) (given, family string) {
	if c.GivenName != "" || c.FamilyName != "" {
		return c.GivenName, c.FamilyName
	}
	if c.NameType == fair.NamePersonal {
		if f, g, ok := strings.Cut(c.Name, ", "); ok {
			return strings.TrimSpace(g), strings.TrimSpace(f)
		}
	}
	return "", ""
}

// isPerson reports whether a creator is a person rather than an organisation.
func isPerson(c fair.Creator) bool {
	if c.NameType != "" {
		return c.NameType == fair.NamePersonal
	}
	return c.GivenName != "" || c.FamilyName != "" || orcidOf(c) != ""
}

// orcidOf returns the ORCID iD URL of a creator, or "".
func orcidOf(c fair.Creator) string {
	for _, n := range c.NameIdentifiers {
		if strings.EqualFold(string(n.Scheme), "ORCID") || strings.Contains(n.Value, "orcid.org/") {
			if p, err := fair.ParseORCID(n.Value); err == nil {
				return p.URL
			}
			return n.Value
		}
	}
	return ""
}

// orcidIdentifier returns the name identifier of an ORCID iD in any form, normalised when it is valid.
func orcidIdentifier(s string) fair.NameIdentifier {
	v := strings.TrimSpace(s)
	if p, err := fair.ParseORCID(v); err == nil {
		v = p.URL
	}
	return fair.NameIdentifier{Value: v, Scheme: "ORCID", SchemeURI: "https://orcid.org"}
}

// nameIdentifierFromID classifies the @id of a person or organisation: ORCID, ROR or another URI.
func nameIdentifierFromID(id string) fair.NameIdentifier {
	switch {
	case strings.Contains(id, "orcid.org/"):
		return orcidIdentifier(id)
	case strings.Contains(id, "ror.org/"):
		return fair.NameIdentifier{Value: id, Scheme: "ROR", SchemeURI: "https://ror.org"}
	case strings.Contains(id, "isni.org/"):
		return fair.NameIdentifier{Value: id, Scheme: "ISNI", SchemeURI: "https://isni.org"}
	}
	return fair.NameIdentifier{Value: id, Scheme: "URI"}
}

// affiliationFrom builds an affiliation from a name and an optional identifier (a ROR ID is recognised).
func affiliationFrom(name, id string) fair.Affiliation {
	a := fair.Affiliation{Name: name, Identifier: id}
	if id != "" {
		a.IdentifierScheme = "URI"
		if p, err := fair.ParseROR(id); err == nil {
			a.Identifier, a.IdentifierScheme, a.SchemeURI = p.Value, "ROR", "https://ror.org"
		}
	}
	return a
}

// bareDOI returns the DOI in s in its normalised bare form ("10.1234/abc"), or "" when s is not a DOI.
func bareDOI(s string) string {
	d, err := doi.Parse(s)
	if err != nil {
		return ""
	}
	return string(d)
}

// classify names the identifier type of s: DOI (with the value normalised), SWHID, URL, or what fair detects.
func classify(s string) (value string, typ fair.RelatedIdentifierType, ok bool) {
	s = strings.TrimSpace(s)
	if d := bareDOI(s); d != "" && (strings.HasPrefix(strings.ToLower(s), "10.") || strings.Contains(strings.ToLower(s), "doi")) {
		return d, fair.IDTypeDOI, true
	}
	p, err := fair.DetectPID(s)
	if err != nil {
		return s, "", false
	}
	switch p.Scheme {
	case fair.SchemeSWHID:
		return p.Value, fair.IDTypeSWHID, true
	case fair.SchemeURL:
		return s, fair.IDTypeURL, true
	case fair.SchemeORCID, fair.SchemeROR, fair.SchemeISNI:
		return s, fair.IDTypeURL, true
	}
	t, ok := fair.ParseRelatedIdentifierType(string(p.Scheme))
	if !ok {
		return s, fair.IDTypeURL, strings.Contains(s, "://")
	}
	if t == fair.IDTypeURL {
		return s, t, true
	}
	return p.Value, t, true
}

// doiURL returns the resolver URL of a DOI.
func doiURL(d string) string { return "https://doi.org/" + d }

// appendUnique appends s to list unless it is empty or already there.
func appendUnique(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// relatedURL returns the URL of the first related identifier of the given relation and type, or "".
func relatedURL(r *fair.Resource, rel fair.RelationType) string {
	for _, ri := range r.RelatedIdentifiers {
		if ri.RelationType == rel && ri.IdentifierType == fair.IDTypeURL {
			return ri.Identifier
		}
	}
	return ""
}

// descriptionText returns the abstract of a record (or its first description).
func descriptionText(r *fair.Resource) string {
	for _, d := range r.Descriptions {
		if d.Type == fair.DescriptionAbstract {
			return d.Description
		}
	}
	if len(r.Descriptions) > 0 {
		return r.Descriptions[0].Description
	}
	return ""
}

// dateOf returns the first date of the given type, or "".
func dateOf(r *fair.Resource, t fair.DateType) string {
	for _, d := range r.Dates {
		if d.Type == t {
			return d.Date
		}
	}
	return ""
}

// spdxOf returns the SPDX identifiers of a record's rights and the URIs of the other licences.
func spdxOf(r *fair.Resource) (ids, uris []string) {
	for _, rt := range r.Rights {
		if _, ok := fair.ParseAccessRights(rt.URI); ok && rt.URI != "" {
			continue // an access-rights statement, not a licence
		}
		if rt.Identifier != "" && (rt.IdentifierScheme == "" || strings.EqualFold(rt.IdentifierScheme, "SPDX")) {
			ids = appendUnique(ids, rt.Identifier)
		} else if rt.URI != "" {
			uris = appendUnique(uris, rt.URI)
		}
	}
	return ids, uris
}

// licenseFromURL recognises SPDX and opensource.org licence URLs and returns a rights statement.
func licenseFromURL(u string) fair.Rights {
	for _, p := range []string{"https://spdx.org/licenses/", "http://spdx.org/licenses/", "https://opensource.org/licenses/",
		"http://opensource.org/licenses/", "https://www.opensource.org/licenses/", "http://www.opensource.org/licenses/"} {
		if rest, ok := strings.CutPrefix(u, p); ok && rest != "" && !strings.Contains(strings.TrimSuffix(rest, "/"), "/") {
			id := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(rest, "/"), ".html"), ".php")
			if strings.HasPrefix(p, "https://spdx.org") || strings.HasPrefix(p, "http://spdx.org") {
				return spdxRights(id)
			}
			if canon, ok := spdxCanonical(id); ok {
				return spdxRights(canon) // the same licence, named by its SPDX identifier
			}
		}
	}
	if canon, ok := spdxCanonical(u); ok { // a bare SPDX identifier
		return spdxRights(canon)
	}
	return fair.Rights{URI: u}
}

// spdxCanonical returns the SPDX identifier equal to s ignoring case, from the licence list the CFF schema uses.
func spdxCanonical(s string) (string, bool) {
	for _, id := range spdxLicenseIDs {
		if strings.EqualFold(id, s) {
			return id, true
		}
	}
	return "", false
}

// writeJSON writes v as indented JSON without HTML escaping.
func writeJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// jsonUnmarshal decodes JSON keeping numbers as json.Number, as the readers expect.
func jsonUnmarshal(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return dec.Decode(v)
}

// checkWrite is the error of a writer given a nil io.Writer or a nil record, nil otherwise.
func checkWrite(fn string, w io.Writer, r *fair.Resource) error {
	switch {
	case w == nil:
		return fmt.Errorf("software: %s to a nil io.Writer", fn)
	case r == nil:
		return fmt.Errorf("software: %s of a nil *fair.Resource", fn)
	}
	return nil
}
