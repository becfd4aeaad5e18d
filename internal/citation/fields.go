package citation

import (
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/fair"
)

// Pages writes a page range with sep between the first and last page ("1-29", BibTeX's "1--29"), or the one page
// known.
func Pages(first, last, sep string) string {
	first, last = strings.TrimSpace(first), strings.TrimSpace(last)
	switch {
	case first == "":
		return last
	case last == "" || last == first:
		return first
	}
	return first + sep + last
}

// SplitPages reads a page range written "1-29", "1--29", "1–29" (en dash) or "1 - 29" into its first and last
// pages; a single page is the first.
func SplitPages(s string) (first, last string) {
	s = strings.TrimSpace(s)
	for _, sep := range []string{"--", "–", "—", "-"} {
		if a, b, ok := strings.Cut(s, sep); ok {
			a, b = strings.TrimSpace(a), strings.TrimSpace(strings.TrimLeft(b, "-"))
			if a != "" && b != "" {
				return a, b
			}
		}
	}
	return s, ""
}

// BareDOI returns a DOI without a resolver or "doi:" prefix when s is a DOI in any form people write, else s
// trimmed. The DOI's case is kept.
func BareDOI(s string) string {
	s = strings.TrimSpace(s)
	if d, err := doi.Parse(s); err == nil {
		// doi.Parse normalises case; keep the writer's spelling when it differs only in case.
		if i := strings.Index(strings.ToLower(s), strings.ToLower(string(d))); i >= 0 {
			return s[i : i+len(d)]
		}
		return string(d)
	}
	return s
}

// ContainerType returns the type of the container of a record of type rt, as readers of citation formats infer it:
// a journal for articles, proceedings for conference papers, a book for chapters; "" when the record type says
// nothing of it.
func ContainerType(rt fair.ResourceTypeGeneral) fair.ResourceTypeGeneral {
	switch rt {
	case fair.ResourceTypeJournalArticle, fair.ResourceTypeDataPaper, fair.ResourceTypePreprint:
		return fair.ResourceTypeJournal
	case fair.ResourceTypeConferencePaper:
		return fair.ResourceTypeConferenceProceeding
	case fair.ResourceTypeBookChapter:
		return fair.ResourceTypeBook
	}
	return ""
}

// ContainerPath returns the path of the record's container, the related item r.Container returns
// ("relatedItems[1]"), or "relatedItems" when it has none, for the notes about it.
func ContainerPath(r *fair.Resource) string {
	for i := range r.RelatedItems {
		if r.RelatedItems[i].RelationType == fair.RelIsPublishedIn {
			return "relatedItems[" + strconv.Itoa(i) + "]"
		}
	}
	return "relatedItems"
}

// ContainerTitles returns the full title and the abbreviation of a container: its first title without a type (or
// its first title), and its first AlternativeTitle.
func ContainerTitles(c *fair.RelatedItem) (full, short string) {
	for _, t := range c.Titles {
		switch {
		case t.Type == "" && full == "":
			full = t.Title
		case t.Type == fair.TitleAlternativeTitle && short == "":
			short = t.Title
		}
	}
	if full == "" && len(c.Titles) > 0 && c.Titles[0].Type != fair.TitleAlternativeTitle {
		full = c.Titles[0].Title
	}
	return full, short
}

// MainTitle returns the main title of a record and its index in Titles: the first title without a type, else the
// first title; -1 when there is none.
func MainTitle(r *fair.Resource) (string, int) {
	for i, t := range r.Titles {
		if t.Type == "" {
			return t.Title, i
		}
	}
	if len(r.Titles) > 0 {
		return r.Titles[0].Title, 0
	}
	return "", -1
}
