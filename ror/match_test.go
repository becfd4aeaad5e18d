package ror_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dop2i/fairmeta/ror"
)

// org builds a record: names as "type:value" ("display:Université de Lyon", "acronym:UDL", "label:..."), country
// code and city.
func org(id, country, city string, status ror.Status, names []string, rels ...ror.Relationship) *ror.Organization {
	o := &ror.Organization{ID: ror.ID(id), Status: status, Relationships: rels,
		Locations: []ror.Location{{GeoNames: ror.GeoNames{CountryCode: country, Name: city}}}}
	for _, n := range names {
		typ, v, _ := strings.Cut(n, ":")
		types := []ror.NameType{ror.NameType(typ)}
		if typ == "display" {
			types = []ror.NameType{ror.NameDisplay, ror.NameLabel}
		}
		o.Names = append(o.Names, ror.Name{Value: v, Types: types})
	}
	return o
}

func testIndex() *ror.Index {
	return ror.NewIndex([]*ror.Organization{
		org("02feahw73", "FR", "Paris", ror.StatusActive, []string{"display:Centre National de la Recherche Scientifique", "acronym:CNRS"}),
		org("00x9ewr78", "LB", "Beirut", ror.StatusActive, []string{"display:National Council for Scientific Research", "acronym:CNRS"}),
		org("05f82e368", "FR", "Paris", ror.StatusActive, []string{"display:Université Paris Cité", "label:University of Paris"}),
		org("052gg0110", "GB", "Oxford", ror.StatusActive, []string{"display:University of Oxford"}),
		org("04t5xt781", "US", "Boston", ror.StatusActive, []string{"display:Northeastern University", "acronym:NU"}),
		org("03awzbc87", "CN", "Shenyang", ror.StatusActive, []string{"display:Northeastern University", "label:东北大学"}),
		org("025mx2575", "TR", "Istanbul", ror.StatusActive, []string{"display:Yeditepe University", "label:Yeditepe Üniversitesi"}),
		org("04ezg6d83", "JP", "Toyohashi", ror.StatusActive, []string{"display:Toyohashi University of Technology"}),
		org("0000a0a01", "JP", "Tokyo", ror.StatusInactive, []string{"display:Old Institute of Physics Tokyo"},
			ror.Relationship{Type: ror.RelSuccessor, ID: "0000b0b03"}),
		org("0000b0b03", "JP", "Tokyo", ror.StatusActive, []string{"display:New Institute of Physics Tokyo"}),
		org("0000c0c05", "DE", "Bonn", ror.StatusWithdrawn, []string{"display:Withdrawn Institute of Bonn"}),
		org("0000d0d07", "FR", "Annecy", ror.StatusActive, []string{"display:Laboratoire d'Annecy de Physique des Particules", "acronym:LAPP"},
			ror.Relationship{Type: ror.RelParent, ID: "02feahw73"}),
	})
}

func TestMatch(t *testing.T) {
	ix := testIndex()
	cases := []struct {
		name, in string
		want     []ror.ID // the matches, most specific first; none when nothing may be chosen
	}{
		{"exact", "University of Oxford", ids("052gg0110")},
		{"department, city and country around the name", "Dept. of Physics, University of Oxford, Oxford, United Kingdom", ids("052gg0110")},
		{"case, accents and punctuation", "UNIVERSITE PARIS-CITE", ids("05f82e368")},
		{"abbreviations", "Lab. of Robotics, Toyohashi Univ. of Tech, Aichi", ids("04ezg6d83")},
		{"dotless and dotted i", "KİMYA BÖLÜMÜ, YEDİTEPE ÜNİVERSİTESİ, İSTANBUL", ids("025mx2575")},
		{"non-Latin script", "东北大学, 沈阳", ids("03awzbc87")},
		{"country decides between namesakes", "Dept. of Physics, Northeastern University, Boston, MA 02115, USA", ids("04t5xt781")},
		{"country decides the other way", "Northeastern University, Shenyang, China", ids("03awzbc87")},
		{"namesakes without a place stay unresolved", "Northeastern University", nil},
		{"acronym alone is not enough", "CNRS", nil},
		{"acronym with only its country is not enough", "CNRS, France", nil},
		{"acronym with its city", "UMR 1234, CNRS, Paris", ids("02feahw73")},
		{"acronym in lower case is a word", "cnrs, france", nil},
		{"inactive record gives its successor", "Old Institute of Physics Tokyo, Japan", ids("0000b0b03")},
		{"withdrawn record is never chosen", "Withdrawn Institute of Bonn, Germany", nil},
		{"a country is not an organisation", "France", nil},
		{"nothing known", "221B Baker Street, London NW1 6XE", nil},
		{"a laboratory and its parent: the laboratory first", "Centre National de la Recherche Scientifique, Laboratoire d'Annecy de Physique des Particules", ids("0000d0d07", "02feahw73")},
		{"a child with its acronym and city, then its parent by acronym", "LAPP, CNRS, Annecy, France", ids("0000d0d07", "02feahw73")},
		{"a parent's acronym needs its child", "CNRS, Annecy, France", nil},
		{"two institutions, each with its place", "University of Oxford, Oxford, UK; Northeastern University, Shenyang, China", ids("052gg0110", "03awzbc87")},
		{"one affiliation's country does not count against another's", "Université Paris Cité, Paris; Toyohashi University of Technology, Japan", ids("05f82e368", "04ezg6d83")},
		{"a name inside a longer unknown name", "Toyohashi University of Marine Arts, Japan", nil},
		{"a unit's namesake beside an unrelated institution", "Centre National de la Recherche Scientifique, University of Oxford", ids("02feahw73", "052gg0110")},
		{"HTML entities", "Universit&#233; Paris Cit&#xE9;, Paris, France", ids("05f82e368")},
		{"other country named", "University of Oxford, Oxford, Mississippi, USA", nil},
		{"one misspelt word", "Toyohashi University of Technolgy, Japan", ids("04ezg6d83")},
		{"two misspelt words are too many", "Toyohashe University of Technolgy, Japan", nil},
		{"words glued together", "Department of PhysicsUniversity of Oxford", ids("052gg0110")},
		{"an e-mail address is not read", "University of Oxford, jane.doe@cnrs-paris.fr", ids("052gg0110")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := ix.Match(c.in)
			if got := m.IDs(); !slices.Equal(got, c.want) {
				t.Errorf("Match(%q) = %v; want %v; candidates:\n%s", c.in, got, c.want, describe(m))
			}
			checkResult(t, c.in, m)
		})
	}
}

func ids(s ...string) []ror.ID {
	out := make([]ror.ID, len(s))
	for i, v := range s {
		out[i] = ror.ID(v)
	}
	return out
}

// checkResult checks what every Result must hold: Chosen is the first match; each match is a chosen candidate whose
// substring is the affiliation's text between its offsets (entities decoded), and so is each piece of evidence.
func checkResult(t *testing.T, in string, m ror.Result) {
	t.Helper()
	if (m.Chosen == nil) != (len(m.Matches) == 0) || m.Chosen != nil && m.Chosen.Organization != m.Matches[0].Organization {
		t.Errorf("%q: Chosen %v is not the first of %d matches", in, m.Chosen, len(m.Matches))
	}
	span := func(what, sub string, start, end int) {
		if start < 0 || end > len(in) || start >= end {
			t.Errorf("%q: %s %q has offsets %d:%d", in, what, sub, start, end)
			return
		}
		if got := in[start:end]; got != sub && !strings.Contains(got, "&") {
			t.Errorf("%q: %s %q at %d:%d reads %q", in, what, sub, start, end, got)
		}
	}
	seen := map[ror.ID]bool{}
	for _, c := range m.Matches {
		if !c.Chosen || c.Score < 0 || c.Score > 1 || seen[c.Organization.ID] {
			t.Errorf("%q: bad match %+v", in, c)
		}
		seen[c.Organization.ID] = true
		span("match", c.Substring, c.Start, c.End)
		for _, e := range c.Evidence {
			span(string(e.Kind), e.Text, e.Start, e.End)
		}
	}
	for _, c := range m.Candidates {
		if c.Chosen != seen[c.Organization.ID] {
			t.Errorf("%q: candidate %s chosen=%v, but matches are %v", in, c.Organization.ID, c.Chosen, m.IDs())
		}
		span("candidate", c.Substring, c.Start, c.End)
	}
}

func describe(m ror.Result) string {
	var b strings.Builder
	for _, c := range m.Candidates {
		fmt.Fprintf(&b, "  %.2f %s %s [%s] %q\n", c.Score, c.Organization.ID, c.Organization.DisplayName(), c.MatchingType, c.Substring)
	}
	return b.String()
}

// A very long string is read up to a bound: the match still finds what is in its beginning.
func TestMatchLongInput(t *testing.T) {
	m := testIndex().Match(strings.Repeat("University of Oxford, CNRS, Toyohashi University of Technology, ", 50000))
	if len(m.Candidates) == 0 {
		t.Errorf("no candidates in a long string of names")
	}
}

// Substrings are taken from the text matched, with its HTML entities decoded.
func TestMatchSubstringWithEntities(t *testing.T) {
	in := "Dept. A &amp; B, Universit&#233; Paris Cit&#xE9;, Paris"
	m := testIndex().Match(in)
	if m.Chosen == nil || m.Chosen.Substring != "Université Paris Cité" || in[m.Chosen.Start:m.Chosen.End] != "Universit&#233; Paris Cit&#xE9;" {
		t.Errorf("want the substring \"Université Paris Cité\" at the entities' offsets; got:\n%s", describe(m))
	}
	checkResult(t, in, m)
}

func TestMatchFuzzyType(t *testing.T) {
	m := testIndex().Match("Toyohashi University of Technolgy")
	if m.Chosen == nil || m.Chosen.MatchingType != "fuzzy" || m.Chosen.Score >= 1 {
		t.Errorf("a corrected match must say fuzzy and score below 1; got:\n%s", describe(m))
	}
}

func TestMatchCandidates(t *testing.T) {
	m := testIndex().Match("Northeastern University")
	if m.Chosen != nil || len(m.Candidates) != 2 {
		t.Fatalf("want two unchosen candidates, got:\n%s", describe(m))
	}
	for _, c := range m.Candidates {
		if c.Substring != "Northeastern University" || c.MatchingType != "exact" || c.NameType != ror.NameDisplay {
			t.Errorf("candidate %+v", c)
		}
	}
}

// TestMatchConcurrent runs many matches at once (meaningful under -race) and checks they agree with serial ones.
func TestMatchConcurrent(t *testing.T) {
	ix := testIndex()
	inputs := []string{"CNRS, France", "Dept. of Physics, Northeastern University, Boston, MA 02115, USA", "University of Oxford", "nothing"}
	want := make([]string, len(inputs))
	for i, s := range inputs {
		want[i] = describe(ix.Match(s))
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 200 {
				i := (g + k) % len(inputs)
				if got := describe(ix.Match(inputs[i])); got != want[i] {
					t.Errorf("concurrent Match(%q) = %s, want %s", inputs[i], got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestDefault(t *testing.T) {
	cases := map[string]ror.ID{
		"Istituto Nazionale di Fisica Nucleare":                   "005ta0471",
		"CC-IN2P3, Villeurbanne, France":                          "04dcc3438",
		"IJCLab, Orsay, France":                                   "03gc1p724",
		"CERN, Geneva, Switzerland":                               "01ggx4157",
		"Deutsches Elektronen-Synchrotron":                        "01js2sh04",
		"SLAC National Accelerator Laboratory, Menlo Park, CA":    "05gzmn429",
		"Fermi National Accelerator Laboratory, Batavia, IL, USA": "020hgte69",
	}
	for in, want := range cases {
		m := ror.Default().Match(in)
		if m.Chosen == nil || m.Chosen.Organization.ID != want {
			t.Errorf("Default().Match(%q): want %s, candidates:\n%s", in, want, describe(m))
		}
	}
}

func FuzzMatch(f *testing.F) {
	for _, s := range []string{"Dept. of Physics, Univ. of Oxford, Oxford, UK", "CNRS, France", "东北大学", "&#x0026;&amp;amp;", "1Example Univ.", "U.S.A."} {
		f.Add(s)
	}
	ix := testIndex()
	f.Fuzz(func(t *testing.T, s string) {
		m := ix.Match(s)
		for _, c := range m.Candidates {
			if c.Organization == nil || c.Substring == "" {
				t.Fatalf("bad candidate %+v for %q", c, s)
			}
		}
		checkResult(t, s, m)
	})
}
