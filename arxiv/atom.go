package arxiv

import (
	"strings"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/loss"
	"github.com/dop2i/fairmeta/internal/xmltree"
)

// readEntry reads one entry of the API's Atom feed.
func readEntry(e *xmltree.Node, l *loss.Collector) (*fair.Resource, error) {
	e.Used = true
	r, _, err := newRecord(e.Str("id"))
	if err != nil {
		return nil, err
	}
	var categories []string
	for _, k := range e.Kids {
		switch k.Name {
		case "id":
		case "title":
			k.Used = true
			r.Titles = append(r.Titles, fair.Title{Title: flow(k.Text)})
		case "summary":
			k.Used = true
			r.Descriptions = append(r.Descriptions, fair.Description{Description: flow(k.Text), Type: fair.DescriptionAbstract})
		case "published":
			k.Used = true
			// The first version's date: when the e-print was made public.
			r.Dates = append(r.Dates, fair.Date{Date: day(k.Text), Type: fair.DateIssued, Information: "v1"})
			r.PublicationYear = year(k.Text)
		case "updated":
			k.Used = true
			r.Dates = append(r.Dates, fair.Date{Date: day(k.Text), Type: fair.DateUpdated, Information: r.Version})
		case "author":
			k.Used = true
			c := personOf(k.Str("name"))
			for _, a := range k.Children("affiliation") {
				if a.Text != "" {
					c.Affiliations = append(c.Affiliations, fair.Affiliation{Name: a.Text})
				}
			}
			if c.Name != "" {
				r.Creators = append(r.Creators, c)
			}
		case "doi":
			k.Used = true
			addDOI(r, k.Text, l, "entry/doi")
		case "journal_ref":
			k.Used = true
			r.Descriptions = append(r.Descriptions, fair.Description{Description: flow(k.Text), Type: fair.DescriptionSeriesInformation})
		case "comment":
			k.Used = true
			r.Descriptions = append(r.Descriptions, fair.Description{Description: flow(k.Text), Type: fair.DescriptionOther})
		case "report_no":
			k.Used = true
			addReportNumbers(r, k.Text)
		case "primary_category":
			k.Used = true
			categories = append([]string{k.Attr("term")}, categories...)
		case "category":
			k.Used = true
			categories = append(categories, k.Attr("term"))
		case "link":
			k.Used = true
			switch {
			case k.Attr("rel") == "alternate":
				// The abstract page of the version; the record's URL is that of the e-print.
			case k.Attr("title") == "pdf" || k.Attr("type") == "application/pdf":
				r.Distributions = append(r.Distributions, fair.Distribution{Name: "pdf", ContentURL: k.Attr("href"), MediaType: "application/pdf"})
			case k.Attr("title") == "doi":
				// The DOI again, as a link.
			default:
				l.Lost("entry/link", loss.Text(k.Attr("href")), "a link of kind "+k.Attr("title")+" has no place in the record")
			}
		}
	}
	addCategories(r, categories)
	return r, nil
}

// day returns the date of an Atom timestamp ("2003-07-07T13:46:39-04:00" gives "2003-07-07").
func day(ts string) string {
	if len(ts) >= 10 {
		return ts[:10]
	}
	return ts
}

func year(ts string) int {
	if len(ts) < 4 {
		return 0
	}
	y := 0
	for _, c := range ts[:4] {
		if c < '0' || c > '9' {
			return 0
		}
		y = y*10 + int(c-'0')
	}
	return y
}

// personOf reads a name as the Atom feed gives it, given names first ("C.-P. Yuan"): the last word is the family
// name. Collaborations and other groups ("ATLAS Collaboration") are organisations.
func personOf(full string) fair.Creator {
	full = strings.Join(strings.Fields(decodeTeX(full)), " ")
	if full == "" {
		return fair.Creator{}
	}
	if isGroup(full) {
		return fair.Creator{Name: full, NameType: fair.NameOrganizational}
	}
	i := strings.LastIndexByte(full, ' ')
	if i < 0 {
		return fair.Creator{Name: full, NameType: fair.NamePersonal, FamilyName: full}
	}
	given, family := full[:i], full[i+1:]
	// Family names with particles or suffixes: "Jan van der Berg", "John Smith Jr".
	words := strings.Fields(given)
	for len(words) > 1 && isParticle(words[len(words)-1]) {
		family = words[len(words)-1] + " " + family
		words = words[:len(words)-1]
	}
	given = strings.Join(words, " ")
	return fair.Creator{Name: family + ", " + given, NameType: fair.NamePersonal, GivenName: given, FamilyName: family}
}

func isParticle(w string) bool {
	switch strings.ToLower(w) {
	case "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "le", "la", "ter", "ten", "dos", "das", "y":
		return true
	}
	return false
}

// isGroup reports whether an author name is a collaboration, consortium or other group.
func isGroup(name string) bool {
	l := strings.ToLower(name)
	for _, w := range []string{"collaboration", "consortium", "team", "group", "project", "working group", "experiment"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}
