package arxiv

import (
	"strings"
	"time"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/loss"
	"github.com/dop2i/fairmeta/internal/xmltree"
)

// readOAI reads the metadata of an OAI-PMH record in the arXiv or the arXivRaw format.
func readOAI(md *xmltree.Node, l *loss.Collector) (*fair.Resource, error) {
	if md.Name != "arXiv" && md.Name != "arXivRaw" {
		return nil, &ReadError{Path: "record/metadata", Msg: "metadata format <" + md.Name + "> is not arXiv or arXivRaw; harvest with metadataPrefix=arXiv or arXivRaw", Err: ErrNotArXiv}
	}
	md.Used = true
	r, ep, err := newRecord(md.Str("id"))
	if err != nil {
		return nil, err
	}
	raw := md.Name == "arXivRaw"
	var versions []*xmltree.Node
	for _, k := range md.Kids {
		switch k.Name {
		case "id":
		case "title":
			k.Used = true
			r.Titles = append(r.Titles, fair.Title{Title: flow(decodeTeX(k.Text))})
		case "abstract":
			k.Used = true
			r.Descriptions = append(r.Descriptions, fair.Description{Description: flow(k.Text), Type: fair.DescriptionAbstract})
		case "authors":
			k.Used = true
			if raw {
				r.Creators = append(r.Creators, parseAuthors(k.Text)...)
				continue
			}
			for _, a := range k.Children("author") {
				r.Creators = append(r.Creators, oaiAuthor(a, l))
			}
		case "categories":
			k.Used = true
			addCategories(r, strings.Fields(k.Text))
		case "comments":
			k.Used = true
			r.Descriptions = append(r.Descriptions, fair.Description{Description: flow(k.Text), Type: fair.DescriptionOther})
		case "report-no":
			k.Used = true
			addReportNumbers(r, k.Text)
		case "msc-class":
			k.Used = true
			addSubjectList(r, k.Text, "MSC")
		case "acm-class":
			k.Used = true
			addSubjectList(r, k.Text, "ACM")
		case "journal-ref":
			k.Used = true
			r.Descriptions = append(r.Descriptions, fair.Description{Description: flow(k.Text), Type: fair.DescriptionSeriesInformation})
		case "doi":
			k.Used = true
			addDOI(r, k.Text, l, md.Name+"/doi")
		case "license":
			k.Used = true
			r.Rights = append(r.Rights, fair.Rights{URI: k.Text})
		case "created":
			k.Used = true
			r.Dates = append(r.Dates, fair.Date{Date: k.Text, Type: fair.DateIssued, Information: "v1"})
			r.PublicationYear = year(k.Text)
		case "updated":
			k.Used = true
			r.Dates = append(r.Dates, fair.Date{Date: k.Text, Type: fair.DateUpdated})
		case "submitter":
			k.Used = true
			if c := personOf(k.Text); c.Name != "" {
				r.Contributors = append(r.Contributors, fair.Contributor{Creator: c, ContributorType: fair.ContributorContactPerson})
			}
		case "version":
			k.Used = true
			versions = append(versions, k)
		case "proxy":
			k.All()
			l.Lost(md.Name+"/proxy", k, "who submitted for the authors has no place in the record")
		}
	}
	// arXivRaw lists every version with its date and size: the first is when the e-print was made public, the
	// last is the version described.
	for i, v := range versions {
		name := v.Attr("version")
		d := rfc1123Day(v.Str("date"))
		if d == "" {
			l.Lost(md.Name+"/version", v, "a version without a readable date")
			continue
		}
		if i == 0 {
			r.Dates = append(r.Dates, fair.Date{Date: d, Type: fair.DateIssued, Information: name})
			r.PublicationYear = year(d)
		} else {
			r.Dates = append(r.Dates, fair.Date{Date: d, Type: fair.DateUpdated, Information: name})
		}
		if i == len(versions)-1 {
			if ep.version == "" {
				r.Version = name
			}
			if size := v.Str("size"); size != "" {
				r.Sizes = append(r.Sizes, size)
			}
		} else if size := v.Child("size"); size != nil {
			size.Used = true
		}
		if st := v.Child("source_type"); st != nil {
			st.Used = true
		}
	}
	return r, nil
}

// rfc1123Day reads arXivRaw's version dates ("Mon, 2 Apr 2007 19:18:42 GMT") as a day.
func rfc1123Day(s string) string {
	for _, layout := range []string{time.RFC1123, "Mon, 2 Jan 2006 15:04:05 MST", time.RFC1123Z} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t.UTC().Format("2006-01-02")
		}
	}
	return ""
}

// oaiAuthor reads an author of the arXiv format: keyname, forenames, suffix, affiliations.
func oaiAuthor(a *xmltree.Node, l *loss.Collector) fair.Creator {
	family, given := decodeTeX(a.Str("keyname")), decodeTeX(a.Str("forenames"))
	c := fair.Creator{FamilyName: family, GivenName: given, NameType: fair.NamePersonal}
	c.Name = strings.TrimSuffix(family+", "+given, ", ")
	if given == "" && isGroup(family) {
		c = fair.Creator{Name: family, NameType: fair.NameOrganizational}
	}
	if s := a.Child("suffix"); s != nil {
		c.Name += ", " + s.Text
		c.FamilyName += " " + s.Text
	}
	for _, af := range a.Children("affiliation") {
		if af.Text != "" {
			c.Affiliations = append(c.Affiliations, fair.Affiliation{Name: decodeTeX(af.Text)})
		}
	}
	return c
}
