package schemaorg

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/fair"
)

// NotWritten lists what of r schema.org JSON-LD cannot hold and [Write] leaves out or writes in a form that reads
// back differently, with paths in the terms of the record's JSON form ("creators[0].lang", "dates[2]"). The package
// documentation lists these facts; the tests check that each one is lost in a round trip and that nothing else is.
// It returns nil when a write carries everything.
func NotWritten(r *fair.Resource) fair.Notes {
	if r == nil {
		return nil
	}
	var out fair.Notes
	agent := func(path string, c fair.Creator) {
		if len(c.RawAffiliations) > 0 && len(c.Affiliations) > 0 {
			out.Add(path+".rawAffiliations", strings.Join(c.RawAffiliations, "; "), "schema.org holds the raw affiliations only of a person without other affiliations")
		}
		if c.Lang != "" {
			out.Add(path+".lang", c.Lang, "schema.org has no language for a person's or organisation's name")
		}
		if c.NameType == "" && c.GivenName == "" && c.FamilyName == "" {
			out.Add(path+".nameType", "", "schema.org names a Person or an Organization: written as an Organization, read back as Organizational")
		}
		for j, ni := range c.NameIdentifiers {
			switch strings.ToUpper(string(ni.Scheme)) {
			case "ORCID", "ROR", "ISNI":
				continue
			}
			if ni.SchemeURI != "" {
				out.Add(path+".nameIdentifiers["+strconv.Itoa(j)+"].schemeURI", ni.SchemeURI, "schema.org has no scheme URI for this identifier scheme")
			}
		}
	}
	// titles notes the title types that do not come back: the one written as name is read back without a type,
	// the others as AlternativeTitle (alternateName) or, where subtitles are written apart, Subtitle.
	titles := func(path string, ts []fair.Title, main int, subtitles bool) {
		for i, t := range ts {
			switch {
			case i == main:
				if t.Type != "" {
					out.Add(index(path, i)+".type", string(t.Type), "written as the name; read back without a type")
				}
			case t.Type == fair.TitleAlternativeTitle, subtitles && t.Type == fair.TitleSubtitle:
			default:
				out.Add(index(path, i)+".type", string(t.Type), "written as alternateName; read back as AlternativeTitle")
			}
		}
	}
	main := -1
	for i, t := range r.Titles {
		if t.Type == "" {
			main = i
			break
		}
	}
	titles("titles", r.Titles, max(main, 0), true)
	for i, c := range r.Creators {
		agent(index("creators", i), c)
	}
	for i, c := range r.Contributors {
		agent(index("contributors", i), c.Creator)
	}
	if r.Publisher.Lang != "" {
		out.Add("publisher.lang", r.Publisher.Lang, "schema.org has no language for the publisher's name")
	}
	for i, d := range r.Descriptions {
		if d.Type != "" && d.Type != fair.DescriptionAbstract && d.Type != fair.DescriptionMethods {
			out.Add(index("descriptions", i)+".type", string(d.Type), "written as a description; read back as Abstract")
		}
	}
	issued := false
	for i, d := range r.Dates {
		p := index("dates", i)
		switch {
		case !hasDateProperty(d.Type):
			out.Add(p, d.Date, "schema.org has no property for date type "+string(d.Type))
			continue
		case d.Type == fair.DateIssued && issued:
			out.Add(p, d.Date, "schema.org holds one datePublished; the first Issued date is written")
			continue
		}
		if d.Type == fair.DateIssued && !issued {
			switch y, err := strconv.Atoi(d.Date[:min(4, len(d.Date))]); {
			case len(d.Date) == 4:
				out.Add(p, d.Date, "a year alone is written as datePublished and read back as the publication year only")
			case err == nil && r.PublicationYear != 0 && y != r.PublicationYear:
				out.Add("publicationYear", strconv.Itoa(r.PublicationYear), "datePublished is the Issued date; read back as that date's year")
			}
		}
		issued = issued || d.Type == fair.DateIssued
		if d.Information != "" {
			out.Add(p+".information", d.Information, "schema.org has no property for date information")
		}
	}
	switch r.AccessRights {
	case fair.AccessEmbargoed, fair.AccessMetadata:
		out.Add("accessRights", string(r.AccessRights), "written as isAccessibleForFree false; read back as restricted")
	}
	for i, d := range r.Distributions {
		if d.Checksum != (fair.Checksum{}) && !strings.EqualFold(d.Checksum.Algorithm, "sha256") {
			out.Add(index("distributions", i)+".checksum", d.Checksum.Algorithm+":"+d.Checksum.Value, "schema.org holds only SHA-256 checksums")
		}
	}
	for i, g := range r.GeoLocations {
		for j, p := range g.Polygons {
			if p.InPolygonPoint != nil {
				out.Add(index("geoLocations", i)+"."+index("polygons", j)+".inPolygonPoint", "", "schema.org polygons have no inner point")
			}
		}
	}
	for i, f := range r.FundingReferences {
		if f.SchemeURI != "" {
			out.Add(index("fundingReferences", i)+".schemeURI", f.SchemeURI, "schema.org has no scheme URI for a funder identifier")
		}
	}
	for i, it := range slices.Concat(r.RelatedItems, r.References) {
		p := index("relatedItems", i)
		if i >= len(r.RelatedItems) {
			p = index("references", i-len(r.RelatedItems))
		}
		titles(p+".titles", it.Titles, 0, false)
		if it.NumberType != "" && it.NumberType != fair.NumberArticle {
			out.Add(p+".numberType", string(it.NumberType), "the number is written as position and read back as an article number")
		}
		id := it.Identifier
		if id.RelatedMetadataScheme != "" || id.SchemeURI != "" || id.SchemeType != "" {
			out.Add(p+".identifier.relatedMetadataScheme", strings.TrimSpace(id.RelatedMetadataScheme+" "+id.SchemeURI+" "+id.SchemeType),
				"schema.org has no property for a related item's metadata scheme")
		}
		for j, c := range it.Creators {
			agent(p+"."+index("creators", j), c)
		}
		for j, c := range it.Contributors {
			agent(p+"."+index("contributors", j), c.Creator)
		}
	}
	s := r.Software
	for _, f := range []struct{ name, v string }{
		{"issueTracker", s.IssueTracker}, {"continuousIntegration", s.ContinuousIntegration},
		{"developmentStatus", s.DevelopmentStatus}, {"commit", s.Commit}, {"tag", s.Tag},
	} {
		if f.v != "" {
			out.Add("software."+f.name, f.v, "a CodeMeta property schema.org does not define")
		}
	}
	return out
}

func index(name string, i int) string { return name + "[" + strconv.Itoa(i) + "]" }

func hasDateProperty(t fair.DateType) bool {
	for _, dp := range dateProperties {
		if dp.typ == t {
			return true
		}
	}
	return false
}
