package citationtest

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/citation"
)

// Comparable returns the facts of a record that CSL-JSON, BibTeX and RIS all claim to hold, as text for a diff.
func Comparable(r *fair.Resource) map[string]string {
	m := map[string]string{}
	var people []string
	for _, c := range r.Creators {
		n := citation.SplitCreator(c)
		people = append(people, fmt.Sprintf("%s|%s|%s|%s", n.Literal, n.FullFamily(), n.FullGiven(), n.Suffix))
	}
	m["creators"] = strings.Join(people, "; ")
	m["title"] = r.MainTitle()
	for _, t := range r.Titles {
		if t.Type == fair.TitleSubtitle {
			m["title"] = strings.TrimRight(m["title"], " :") + ": " + t.Title // the formats write it after the title
			break
		}
	}
	m["doi"] = strings.ToLower(r.DOI())
	m["url"] = r.URL
	m["year"] = fmt.Sprint(citation.Year(r))
	if c := r.Container(); c != nil {
		full, short := citation.ContainerTitles(c)
		m["container"] = strings.Join([]string{full, short, c.Volume, c.Issue, c.FirstPage, c.LastPage}, "|")
	}
	for _, typ := range []string{fair.AltIDArXiv, fair.AltIDReportNumber} {
		m[typ] = strings.Join(r.AlternateIdentifiersOf(typ), ",")
	}
	return m
}

// Expected returns Comparable of r as a writer whose notes are notes says it reads back: the article number as the
// first page ("read back as the first page"), collaborations before persons ("read back before the persons"), the
// journal by its abbreviation alone ("written by its abbreviation"), spaced ("a space after each full stop").
func Expected(r *fair.Resource, notes fair.Notes) map[string]string {
	ns := notes.String()
	if c := r.Container(); c != nil && c.FirstPage == "" && strings.Contains(ns, "read back as the first page") {
		cp := *r
		cp.RelatedItems = append([]fair.RelatedItem(nil), r.RelatedItems...)
		cp.Container().FirstPage = c.Number
		r = &cp
	}
	m := Comparable(r)
	if strings.Contains(ns, "read back before the persons") {
		m["creators"] = sortedList(m["creators"])
	}
	if c := r.Container(); c != nil && strings.Contains(ns, "the journal is written by its abbreviation") {
		_, short := citation.ContainerTitles(c)
		m["container"] = strings.Join([]string{short, "", c.Volume, c.Issue, c.FirstPage, c.LastPage}, "|")
	}
	if strings.Contains(ns, "a space after each full stop") {
		m["container"] = spaced(m["container"])
	}
	return m
}

// Got returns Comparable of a record read back, in the form Expected gives for the same notes.
func Got(r *fair.Resource, notes fair.Notes) map[string]string {
	m := Comparable(r)
	if strings.Contains(notes.String(), "read back before the persons") {
		m["creators"] = sortedList(m["creators"])
	}
	return m
}

func sortedList(s string) string {
	parts := strings.Split(s, "; ")
	slices.Sort(parts)
	return strings.Join(parts, "; ")
}

// spaced puts a space after each full stop followed by a capital, as INSPIRE spaces journal abbreviations.
func spaced(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(s[i])
		if s[i] == '.' && i+1 < len(s) && s[i+1] >= 'A' && s[i+1] <= 'Z' {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// Unnoted returns the top-level fields of the record's JSON form that differ between before and after and that no
// note's path names. Fields that only gain values (a reader fills PublicationYear from the date) are not losses;
// names are compared as SplitCreator splits them, and strings without the white space at the ends of their lines.
func Unnoted(before, after *fair.Resource, notes fair.Notes) []string {
	canonical := func(r *fair.Resource) *fair.Resource {
		c := *r
		people := func(cs []fair.Creator) []fair.Creator {
			out := make([]fair.Creator, len(cs))
			for i, p := range cs {
				n := citation.SplitCreator(p).Creator()
				p.Name, p.GivenName, p.FamilyName, p.NameType = n.Name, n.GivenName, n.FamilyName, n.NameType
				out[i] = p
			}
			return out
		}
		c.Creators = people(r.Creators)
		c.Contributors = append([]fair.Contributor(nil), r.Contributors...)
		for i := range c.Contributors {
			c.Contributors[i].Creator = people([]fair.Creator{r.Contributors[i].Creator})[0]
		}
		return &c
	}
	before, after = canonical(before), canonical(after)
	var b, a map[string]any
	for _, x := range []struct {
		r *fair.Resource
		m *map[string]any
	}{{before, &b}, {after, &a}} {
		raw, _ := json.Marshal(x.r)
		_ = json.Unmarshal(raw, x.m)
		trimStrings(*x.m)
	}
	var out []string
	for k, v := range b {
		if reflect.DeepEqual(v, a[k]) {
			continue
		}
		noted := false
		for _, n := range notes {
			noted = noted || n.Path == k || strings.HasPrefix(n.Path, k+"[") || strings.HasPrefix(n.Path, k+".")
		}
		if !noted {
			out = append(out, k)
		}
	}
	return out
}

// trimStrings trims the white space at the ends of every string, and of every line in it, in a decoded JSON value,
// in place: line formats (RIS) cannot keep it, and it is no fact.
func trimStrings(v any) any {
	switch x := v.(type) {
	case string:
		lines := strings.Split(strings.TrimSpace(x), "\n")
		for i, l := range lines {
			lines[i] = strings.TrimSpace(l)
		}
		return strings.Join(lines, "\n")
	case map[string]any:
		for k, e := range x {
			x[k] = trimStrings(e)
		}
	case []any:
		for i, e := range x {
			x[i] = trimStrings(e)
		}
	}
	return v
}
