package citation

import (
	"strconv"

	"github.com/dop2i/fairmeta/fair"
)

// NotHeld returns the notes of what of a record none of the citation formats (CSL-JSON, BibTeX, RIS) holds: people's
// identifiers, affiliations and contacts, rights, funding, places, variables, files, access, related identifiers and
// works cited, formats, the software facts beyond the version, the publisher's identifier. format names the format
// in the reasons. Each writer adds the notes of its own limits. Facts of the people are summed up per kind, not
// listed per person (a collaboration paper has thousands): one note per kind, at the first person who has it
// ("creators[3].affiliations", value "5 of 2 of 40": 5 affiliations of 2 of the 40 creators).
func NotHeld(r *fair.Resource, format string) fair.Notes {
	var out fair.Notes
	no := "the citation format " + format + " has no place for it"
	people := func(path string, cs []fair.Creator) {
		type count struct{ first, people, values int }
		var ids, affs, raw, other count
		add := func(c *count, n int, i int) {
			if c.people == 0 {
				c.first = i
			}
			c.people++
			c.values += n
		}
		for i, c := range cs {
			if n := len(c.NameIdentifiers); n > 0 {
				add(&ids, n, i)
			}
			if n := len(c.Affiliations); n > 0 {
				add(&affs, n, i)
			}
			if n := len(c.RawAffiliations); n > 0 {
				add(&raw, n, i)
			}
			if c.Email != "" || c.Website != "" || c.Alias != "" || c.Lang != "" {
				add(&other, 0, i)
			}
		}
		for _, k := range []struct {
			field string
			c     count
		}{{"nameIdentifiers", ids}, {"affiliations", affs}, {"rawAffiliations", raw}} {
			if k.c.people > 0 {
				out.Add(path+"["+strconv.Itoa(k.c.first)+"]."+k.field, strconv.Itoa(k.c.values)+" of "+strconv.Itoa(k.c.people)+" of "+strconv.Itoa(len(cs)), no)
			}
		}
		if other.people > 0 {
			out.Add(path+"["+strconv.Itoa(other.first)+"]", "email, website, alias or name language of "+strconv.Itoa(other.people), no)
		}
	}
	people("creators", r.Creators)
	contributors := make([]fair.Creator, len(r.Contributors))
	for i, c := range r.Contributors {
		contributors[i] = c.Creator
	}
	people("contributors", contributors)
	if r.Publisher.Identifier != "" {
		out.Add("publisher.identifier", r.Publisher.Identifier, no)
	}
	if r.Publisher.Lang != "" {
		out.Add("publisher.lang", r.Publisher.Lang, no)
	}
	for i, t := range r.Titles {
		if t.Lang != "" {
			out.Add("titles["+strconv.Itoa(i)+"].lang", t.Lang, no)
		}
	}
	for i, d := range r.Descriptions {
		if d.Lang != "" {
			out.Add("descriptions["+strconv.Itoa(i)+"].lang", d.Lang, no)
		}
	}
	container := true
	for i, it := range r.RelatedItems {
		p := "relatedItems[" + strconv.Itoa(i) + "]"
		if it.RelationType != fair.RelIsPublishedIn || !container {
			out.Add(p, string(it.RelationType), "the citation format "+format+" holds only the container (the first IsPublishedIn)")
			continue
		}
		container = false
		if it.PublicationYear != 0 {
			out.Add(p+".publicationYear", strconv.Itoa(it.PublicationYear), no)
		}
		if it.RelationTypeInformation != "" || it.Identifier.RelatedMetadataScheme != "" || it.Identifier.SchemeURI != "" || it.Identifier.SchemeType != "" {
			out.Add(p, it.RelationTypeInformation, "relation information and metadata schemes: "+no)
		}
	}
	counted := []struct {
		field string
		n     int
	}{
		{"rights", len(r.Rights)}, {"fundingReferences", len(r.FundingReferences)}, {"geoLocations", len(r.GeoLocations)},
		{"variables", len(r.Variables)}, {"distributions", len(r.Distributions)}, {"references", len(r.References)},
		{"relatedIdentifiers", len(r.RelatedIdentifiers)}, {"formats", len(r.Formats)},
	}
	for _, c := range counted {
		if c.n > 0 {
			out.Add(c.field, strconv.Itoa(c.n), no)
		}
	}
	if r.AccessRights != "" {
		out.Add("accessRights", string(r.AccessRights), no)
	}
	if r.AccessConditions != "" {
		out.Add("accessConditions", r.AccessConditions, no)
	}
	s := r.Software
	for _, f := range []struct{ field, v string }{
		{"codeRepository", s.CodeRepository}, {"issueTracker", s.IssueTracker},
		{"continuousIntegration", s.ContinuousIntegration}, {"developmentStatus", s.DevelopmentStatus},
		{"commit", s.Commit}, {"tag", s.Tag},
	} {
		if f.v != "" {
			out.Add("software."+f.field, f.v, no)
		}
	}
	for _, f := range []struct {
		field string
		n     int
	}{{"programmingLanguages", len(s.ProgrammingLanguages)}, {"runtimePlatforms", len(s.RuntimePlatforms)},
		{"operatingSystems", len(s.OperatingSystems)}, {"requirements", len(s.Requirements)}} {
		if f.n > 0 {
			out.Add("software."+f.field, strconv.Itoa(f.n), no)
		}
	}
	return out
}
