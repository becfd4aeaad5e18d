package schemaorg

import (
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
	for i, it := range r.RelatedItems {
		p := index("relatedItems", i)
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
