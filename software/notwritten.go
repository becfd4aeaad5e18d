package software

import (
	"sort"
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

// What each writer cannot carry: a row per fact of fair.Resource that some software format has no place for, with
// the formats that do carry it.
var unwrittenRows = []struct {
	path    string
	present func(r *fair.Resource) bool
	carried map[string]bool // by format: "cff", "codemeta", "zenodo"
}{
	{"titles (other than the main title)", func(r *fair.Resource) bool {
		for _, t := range r.Titles[min(1, len(r.Titles)):] {
			if t.Type != fair.TitleAlternativeTitle {
				return true
			}
		}
		return false
	}, nil},
	{"titles (alternative)", func(r *fair.Resource) bool {
		for _, t := range r.Titles {
			if t.Type == fair.TitleAlternativeTitle {
				return true
			}
		}
		return false
	}, set("codemeta")},
	{"descriptions (after the first)", func(r *fair.Resource) bool { return len(r.Descriptions) > 1 }, set("codemeta")},
	{"contributors (other than contact persons)", func(r *fair.Resource) bool {
		for _, c := range r.Contributors {
			if c.ContributorType != fair.ContributorContactPerson {
				return true
			}
		}
		return false
	}, set("codemeta", "zenodo")},
	{"contributors (contact persons)", func(r *fair.Resource) bool {
		for _, c := range r.Contributors {
			if c.ContributorType == fair.ContributorContactPerson {
				return true
			}
		}
		return false
	}, set("cff", "codemeta", "zenodo")},
	{"creators (affiliations after the first)", func(r *fair.Resource) bool {
		for _, c := range r.Creators {
			if len(c.Affiliations) > 1 {
				return true
			}
		}
		return false
	}, set("codemeta")},
	{"fundingReferences", func(r *fair.Resource) bool { return len(r.FundingReferences) > 0 }, set("codemeta")},
	{"subjects", func(r *fair.Resource) bool { return len(r.Subjects) > 0 }, set("codemeta")},
	// CodeMeta's applicationCategory holds a subject's text only (CFF and .zenodo.json note all subjects above).
	{"subjects (schemes, codes, value URIs, languages)", func(r *fair.Resource) bool {
		for _, sj := range r.Subjects {
			if sj.Scheme != "" || sj.SchemeURI != "" || sj.ValueURI != "" || sj.ClassificationCode != "" || sj.Lang != "" {
				return true
			}
		}
		return false
	}, set("cff", "zenodo")},
	// CodeMeta's roles are those of codeMetaRoles; another type is written as a contributor and read back as Other
	// (CFF notes every contributor but contact persons above).
	{"contributors (types CodeMeta has no role for)", func(r *fair.Resource) bool {
		for _, c := range r.Contributors {
			known := false
			for _, row := range codeMetaRoles {
				known = known || row.typ == c.ContributorType
			}
			if !known {
				return true
			}
		}
		return false
	}, set("cff", "zenodo")},
	{"resourceType.type", func(r *fair.Resource) bool { return r.ResourceType.Type != "" }, nil},
	// A licence is written by its SPDX identifier: its name and another URL beside it are not.
	{"rights (names and URLs beside an SPDX identifier)", func(r *fair.Resource) bool {
		for _, rt := range r.Rights {
			c, ok := spdxCanonical(rt.Identifier)
			if !ok || rt.IdentifierScheme != "" && !strings.EqualFold(rt.IdentifierScheme, "SPDX") {
				continue
			}
			if rt.Rights != "" && rt.Rights != c && rt.Rights != rt.Identifier || rt.URI != "" && rt.URI != licenseFromURL(c).URI {
				return true
			}
		}
		return false
	}, nil},
	{"descriptions (languages)", func(r *fair.Resource) bool {
		for _, d := range r.Descriptions {
			if d.Lang != "" {
				return true
			}
		}
		return false
	}, nil},
	{"publicationYear (without an Issued date, which carries it)", func(r *fair.Resource) bool {
		return r.PublicationYear != 0 && dateOf(r, fair.DateIssued) == ""
	}, nil},
	{"publicationYear (the Issued date that carries it is not a full date)", func(r *fair.Resource) bool {
		d := dateOf(r, fair.DateIssued)
		return r.PublicationYear != 0 && d != "" && len(d) < 10
	}, set("codemeta")},
	{"dates (an Issued date that is not a full date)", func(r *fair.Resource) bool {
		d := dateOf(r, fair.DateIssued)
		return d != "" && len(d) < 10
	}, set("codemeta")},
	{"publisher", func(r *fair.Resource) bool { return r.Publisher.Name != "" }, set("codemeta")},
	{"dates (Created, Updated, Available)", func(r *fair.Resource) bool {
		return dateOf(r, fair.DateCreated) != "" || dateOf(r, fair.DateUpdated) != "" || dateOf(r, fair.DateAvailable) != ""
	}, set("codemeta")},
	{"dates (other types)", func(r *fair.Resource) bool {
		for _, d := range r.Dates {
			switch d.Type {
			case fair.DateIssued, fair.DateCreated, fair.DateUpdated, fair.DateAvailable:
			default:
				return true
			}
		}
		return false
	}, nil},
	{"language", func(r *fair.Resource) bool { return r.Language != "" }, nil},
	{"sizes", func(r *fair.Resource) bool { return len(r.Sizes) > 0 }, set("codemeta")},
	{"formats", func(r *fair.Resource) bool { return len(r.Formats) > 0 }, set("codemeta")},
	{"geoLocations", func(r *fair.Resource) bool { return len(r.GeoLocations) > 0 }, nil},
	{"accessConditions", func(r *fair.Resource) bool { return r.AccessConditions != "" }, nil},
	{"variables", func(r *fair.Resource) bool { return len(r.Variables) > 0 }, nil},
	{"accessRights", func(r *fair.Resource) bool { return r.AccessRights != "" }, set("zenodo", "codemeta")},
	{"relatedIdentifiers (other relations)", func(r *fair.Resource) bool {
		for _, ri := range r.RelatedIdentifiers {
			if !codeMetaRelation(ri.RelationType) && !(ri.RelationType == fair.RelIsIdenticalTo && ri.IdentifierType == fair.IDTypeURL) {
				return true
			}
		}
		return false
	}, set("zenodo")},
	{"relatedIdentifiers (citations, parts, documentation)", func(r *fair.Resource) bool {
		for _, ri := range r.RelatedIdentifiers {
			if codeMetaRelation(ri.RelationType) {
				return true
			}
		}
		return false
	}, set("zenodo", "codemeta")},
	{"relatedItems", func(r *fair.Resource) bool {
		documented := 0
		for _, it := range r.RelatedItems {
			if it.RelationType != fair.RelIsDocumentedBy || documented > 0 {
				return true
			}
			documented++
		}
		return false
	}, set("zenodo")},
	{"references", func(r *fair.Resource) bool { return len(r.References) > 0 }, set("cff", "zenodo")},
	{"distributions (after the first)", func(r *fair.Resource) bool { return len(r.Distributions) > 1 }, set("codemeta", "zenodo")},
	{"rights (other licences)", func(r *fair.Resource) bool {
		ids, uris := spdxOf(r)
		return len(ids)+len(uris) > 1 && len(uris) > 1
	}, set("codemeta")},
	{"software.programmingLanguages", func(r *fair.Resource) bool { return len(r.Software.ProgrammingLanguages) > 0 }, set("codemeta")},
	{"software.runtimePlatforms", func(r *fair.Resource) bool { return len(r.Software.RuntimePlatforms) > 0 }, set("codemeta")},
	{"software.operatingSystems", func(r *fair.Resource) bool { return len(r.Software.OperatingSystems) > 0 }, set("codemeta")},
	{"software.requirements", func(r *fair.Resource) bool { return len(r.Software.Requirements) > 0 }, set("codemeta")},
	{"software.issueTracker", func(r *fair.Resource) bool { return r.Software.IssueTracker != "" }, set("codemeta", "zenodo")},
	{"software.continuousIntegration", func(r *fair.Resource) bool { return r.Software.ContinuousIntegration != "" }, set("codemeta")},
	{"software.developmentStatus", func(r *fair.Resource) bool { return r.Software.DevelopmentStatus != "" }, set("codemeta")},
	{"software.commit", func(r *fair.Resource) bool { return r.Software.Commit != "" }, set("codemeta", "cff")},
	{"software.tag", func(r *fair.Resource) bool { return r.Software.Tag != "" }, set("codemeta")},
}

func set(formats ...string) map[string]bool {
	m := map[string]bool{}
	for _, f := range formats {
		m[f] = true
	}
	return m
}

func codeMetaRelation(rel fair.RelationType) bool {
	for _, row := range codeMetaRelations {
		if row.rel == rel {
			return true
		}
	}
	return false
}

// NotWritten lists the facts of r that the writer of a software format — "cff" ([WriteCFF]), "codemeta"
// ([WriteCodeMeta]) or "zenodo" ([WriteZenodo]) — has no place for: the notes those writers return, with paths in the
// terms of the record's JSON form ("fundingReferences", "software.tag"). An unknown format gives nil.
func NotWritten(format string, r *fair.Resource) fair.Notes {
	display := map[string]string{"cff": "CFF", "codemeta": "CodeMeta", "zenodo": ".zenodo.json"}[format]
	if display == "" || r == nil {
		return nil
	}
	var out fair.Notes
	for _, row := range unwrittenRows {
		if !row.carried[format] && row.present(r) {
			path, which, _ := strings.Cut(row.path, " (")
			reason := display + " has no place for it"
			if which != "" {
				reason += " (" + which
			}
			out.Add(path, "", reason)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}
