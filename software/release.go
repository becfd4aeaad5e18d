package software

import (
	"strconv"
	"strings"
	"time"

	"github.com/dop2i/fairmeta/fair"
)

// Release describes one release of a piece of software: what it is, who made it, where its code lives and the
// identifiers that pin the exact version. It is a typed view of a [fair.Resource] of general type Software; convert
// with [Release.Resource] and [ReleaseFromResource]. The zero value is an empty release.
type Release struct {
	// Name is the name of the software, e.g. "shower-calib".
	Name string `json:"name"`
	// Version is the release version, preferably Semantic Versioning ("1.4.0"). A Go module version keeps its "v".
	// A "+dirty" suffix means the build came from a modified working tree (as Go stamps it).
	Version string `json:"version,omitempty"`
	// Description is a short abstract of what the software does.
	Description string `json:"description,omitempty"`
	// Repository is the address of the source code repository, e.g. "https://gitlab.in2p3.fr/group/tool".
	Repository string `json:"repository,omitempty"`
	// URL is the landing page of the software, when it has one besides its repository.
	URL string `json:"url,omitempty"`
	// Commit is the full version-control revision the release was built from.
	Commit string `json:"commit,omitempty"`
	// Tag is the version-control tag of the release, e.g. "v1.4.0".
	Tag string `json:"tag,omitempty"`
	// License is the SPDX licence identifier or expression, e.g. "Apache-2.0".
	License string `json:"license,omitempty"`
	// Authors are the people and organisations credited, with ORCID iDs and affiliations where known.
	Authors []fair.Creator `json:"authors,omitempty"`
	// ProgrammingLanguages are the languages of the code, e.g. "Go".
	ProgrammingLanguages []string `json:"programmingLanguages,omitempty"`
	// Dependencies are the software the release needs, each with the version used or required.
	Dependencies []fair.Requirement `json:"dependencies,omitempty"`
	// RuntimePlatforms are the runtimes the release runs on or was built with, e.g. "go1.26.0".
	RuntimePlatforms []string `json:"runtimePlatforms,omitempty"`
	// OperatingSystems are the operating systems supported or built for, e.g. "linux/amd64".
	OperatingSystems []string `json:"operatingSystems,omitempty"`
	// DOI is the DOI of this version, e.g. "10.5281/zenodo.1234568".
	DOI string `json:"doi,omitempty"`
	// ConceptDOI is the DOI that stands for all versions (Zenodo's concept DOI).
	ConceptDOI string `json:"conceptDOI,omitempty"`
	// SWHID is the Software Heritage identifier of the release's code, normally "swh:1:rev:..." or "swh:1:dir:...".
	SWHID string `json:"swhid,omitempty"`
	// CommitTime is the time of the commit the release was built from; the zero time when unknown.
	CommitTime time.Time `json:"commitTime,omitzero"`
	// Released is the release date; the zero time when unknown.
	Released time.Time `json:"released,omitzero"`
	// Keywords are free keywords.
	Keywords []string `json:"keywords,omitempty"`
}

// Modified reports whether the release was built from a working tree with uncommitted changes (a "+dirty" version).
func (r *Release) Modified() bool { return strings.HasSuffix(r.Version, "+dirty") }

// spdxRights returns the rights statement of an SPDX licence identifier.
func spdxRights(id string) fair.Rights {
	return fair.Rights{Rights: id, URI: "https://spdx.org/licenses/" + id + ".html", Identifier: id,
		IdentifierScheme: "SPDX", SchemeURI: "https://spdx.org/licenses/"}
}

// spdxID returns the SPDX identifier of a rights statement, or "" when it has none.
func spdxID(r fair.Rights) string {
	if r.Identifier != "" && (r.IdentifierScheme == "" || strings.EqualFold(r.IdentifierScheme, "SPDX")) {
		return r.Identifier
	}
	for _, p := range []string{"https://spdx.org/licenses/", "http://spdx.org/licenses/"} {
		if rest, ok := strings.CutPrefix(r.URI, p); ok && rest != "" {
			rest, _, _ = strings.Cut(rest, "#")
			return strings.TrimSuffix(strings.TrimSuffix(rest, ".html"), ".json")
		}
	}
	return ""
}

// Resource converts the release into the hub record: resourceTypeGeneral Software, the name as main title, the
// version DOI as primary identifier, the concept DOI as a related identifier IsVersionOf, the SWHID as an alternate
// identifier of type SWHID, the release date as an Issued date and the software facts in [fair.Software].
func (r *Release) Resource() *fair.Resource {
	res := &fair.Resource{
		ResourceType: fair.ResourceType{General: fair.ResourceTypeSoftware},
		Version:      r.Version,
		URL:          r.URL,
		Creators:     append([]fair.Creator(nil), r.Authors...),
		Keywords:     append([]string(nil), r.Keywords...),
		Software: fair.Software{
			CodeRepository:       r.Repository,
			ProgrammingLanguages: append([]string(nil), r.ProgrammingLanguages...),
			RuntimePlatforms:     append([]string(nil), r.RuntimePlatforms...),
			OperatingSystems:     append([]string(nil), r.OperatingSystems...),
			Requirements:         append([]fair.Requirement(nil), r.Dependencies...),
			Commit:               r.Commit,
			Tag:                  r.Tag,
		},
	}
	if r.Name != "" {
		res.Titles = []fair.Title{{Title: r.Name}}
	}
	if r.Description != "" {
		res.Descriptions = []fair.Description{{Description: r.Description, Type: fair.DescriptionAbstract}}
	}
	if r.DOI != "" {
		res.Identifier = fair.Identifier{Value: r.DOI, Type: "DOI"}
	}
	if r.ConceptDOI != "" {
		res.RelatedIdentifiers = append(res.RelatedIdentifiers, fair.RelatedIdentifier{Identifier: r.ConceptDOI,
			IdentifierType: fair.IDTypeDOI, RelationType: fair.RelIsVersionOf, ResourceTypeGeneral: fair.ResourceTypeSoftware})
	}
	if r.SWHID != "" {
		res.AlternateIdentifiers = append(res.AlternateIdentifiers, fair.Identifier{Value: r.SWHID, Type: fair.Scheme(fair.IDTypeSWHID)})
	}
	if r.License != "" {
		res.Rights = []fair.Rights{spdxRights(r.License)}
	}
	if !r.Released.IsZero() {
		res.Dates = []fair.Date{{Date: r.Released.UTC().Format(time.DateOnly), Type: fair.DateIssued}}
		res.PublicationYear = r.Released.Year()
	}
	if !r.CommitTime.IsZero() {
		res.Dates = append(res.Dates, fair.Date{Date: r.CommitTime.UTC().Format(time.RFC3339), Type: fair.DateCreated,
			Information: commitTimeInfo})
	}
	return res
}

// ReleaseFromResource reads the release facts of a record, the inverse of [Release.Resource]. Facts a Release has no
// field for (funding, contributors, ...) stay in the record; use the record itself when they matter.
// A nil res gives nil.
func ReleaseFromResource(res *fair.Resource) *Release {
	if res == nil {
		return nil
	}
	r := &Release{
		Name:                 res.MainTitle(),
		Version:              res.Version,
		URL:                  res.URL,
		Repository:           res.Software.CodeRepository,
		Commit:               res.Software.Commit,
		Tag:                  res.Software.Tag,
		Authors:              append([]fair.Creator(nil), res.Creators...),
		ProgrammingLanguages: append([]string(nil), res.Software.ProgrammingLanguages...),
		RuntimePlatforms:     append([]string(nil), res.Software.RuntimePlatforms...),
		OperatingSystems:     append([]string(nil), res.Software.OperatingSystems...),
		Dependencies:         append([]fair.Requirement(nil), res.Software.Requirements...),
		Keywords:             append([]string(nil), res.Keywords...),
		DOI:                  res.DOI(),
	}
	for _, d := range res.Descriptions {
		if d.Type == fair.DescriptionAbstract || d.Type == "" {
			r.Description = d.Description
			break
		}
	}
	for _, rel := range res.RelatedIdentifiers {
		if rel.RelationType == fair.RelIsVersionOf && rel.IdentifierType == fair.IDTypeDOI && r.ConceptDOI == "" {
			r.ConceptDOI = rel.Identifier
		}
	}
	for _, id := range res.AlternateIdentifiers {
		if strings.EqualFold(string(id.Type), string(fair.IDTypeSWHID)) && r.SWHID == "" {
			r.SWHID = id.Value
		}
	}
	for _, rt := range res.Rights {
		if id := spdxID(rt); id != "" {
			r.License = id
			break
		}
	}
	for _, d := range res.Dates {
		t, ok := parseDate(d.Date)
		switch {
		case !ok:
		case d.Type == fair.DateIssued && r.Released.IsZero():
			r.Released = t
		case d.Type == fair.DateCreated && d.Information == commitTimeInfo:
			r.CommitTime = t
		}
	}
	return r
}

// commitTimeInfo marks the Created date that is the time of the commit built.
const commitTimeInfo = "time of the version-control commit"

// parseDate reads an ISO 8601 date or date-time (the forms metadata files use).
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", time.DateOnly, "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

// yearOf returns the year of an ISO 8601 date, or 0.
func yearOf(s string) int {
	if len(s) >= 4 {
		if y, err := strconv.Atoi(s[:4]); err == nil {
			return y
		}
	}
	return 0
}
