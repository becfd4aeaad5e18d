package ror_test

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/dop2i/fairmeta/ror"
)

// This file generates affiliation strings with known answers from the records of a ROR dump, the way authors and
// publishers write them: a department or laboratory the registry does not hold before the organisation, its name
// in one of the forms the record gives (display name, label in another language, alias, acronym) written with the
// usual liberties (abbreviations, reordering, case, accents, one misspelt word, "&"), the city, a postcode, the
// region and the country, several organisations in one string (a laboratory and its parents, or two institutions),
// and strings that name no organisation of the registry (a department and an address; a laboratory the registry
// lacks, made from a real name with its proper noun replaced). The generator is deterministic for a seed.
//
// The organisations are split in two by a hash of their ID: the development part, whose misses may be read while
// the matcher is tuned, and the held-out part, which is only ever reported as figures.

// genRow is one generated affiliation string and the organisations it names.
type genRow struct {
	Affiliation string
	Gold        []ror.ID
	Kind        string // what the generator made: "one", "parents", "two", "unknown", "none"
}

// heldOut reports whether an organisation belongs to the held-out part (about 30 % of the records).
func heldOut(id ror.ID) bool {
	h := fnv.New32a()
	h.Write([]byte(id))
	return h.Sum32()%10 < 3
}

// generator makes rows from the records of one part of a dump.
type generator struct {
	ix      *ror.Index
	rnd     *rand.Rand
	orgs    []*ror.Organization // the records of the part, active or inactive with a successor
	noTypos bool                // write names without misspelt words
}

func newGenerator(ix *ror.Index, seed uint64, held bool) *generator {
	g := &generator{ix: ix, rnd: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	for o := range ix.All() {
		if heldOut(o.ID) != held || o.Status == ror.StatusWithdrawn || len(o.Names) == 0 {
			continue
		}
		if o.Status == ror.StatusInactive {
			if _, ok := ix.Resolve(o.ID); !ok {
				continue
			}
		}
		g.orgs = append(g.orgs, o)
	}
	return g
}

func (g *generator) pct(p int) bool { return g.rnd.IntN(100) < p }

func pick[T any](g *generator, s []T) T { return s[g.rnd.IntN(len(s))] }

// rows makes n rows.
func (g *generator) rows(n int) []genRow {
	out := make([]genRow, 0, n)
	for len(out) < n {
		var r genRow
		switch k := g.rnd.IntN(100); {
		case k < 45:
			r = g.one()
		case k < 70:
			r = g.withParents()
		case k < 80:
			r = g.two()
		case k < 92:
			r = g.unknown()
		default:
			r = g.none()
		}
		if r.Affiliation != "" {
			out = append(out, r)
		}
	}
	return out
}

// one names one organisation, with the trimmings around it.
func (g *generator) one() genRow {
	o := pick(g, g.orgs)
	name, acr := g.name(o)
	parts := []string{}
	if g.pct(45) {
		parts = append(parts, g.unit())
	}
	parts = append(parts, name)
	parts = append(parts, g.place(o, acr)...)
	return genRow{Affiliation: g.join(parts), Gold: []ror.ID{o.ID}, Kind: "one"}
}

// withParents names a laboratory and one or more of its parents (the way French units are written: "Laboratoire X,
// CNRS, Université Y, City"), or the parent's name alone beside a unit the registry lacks.
func (g *generator) withParents() genRow {
	for range 50 {
		o := pick(g, g.orgs)
		ps := o.Related(ror.RelParent)
		var parents []*ror.Organization
		for _, p := range ps {
			if po, ok := g.ix.Get(p); ok && po.Status != ror.StatusWithdrawn {
				parents = append(parents, po)
			}
		}
		if len(parents) == 0 {
			continue
		}
		g.rnd.Shuffle(len(parents), func(i, j int) { parents[i], parents[j] = parents[j], parents[i] })
		parents = parents[:1+g.rnd.IntN(len(parents))]
		name, acr := g.name(o)
		parts := []string{}
		if g.pct(20) {
			parts = append(parts, g.unit())
		}
		parts = append(parts, name)
		gold := []ror.ID{o.ID}
		for _, p := range parents {
			pn, _ := g.name(p)
			parts = append(parts, pn)
			gold = append(gold, p.ID)
		}
		if g.pct(10) { // the parent first: "CNRS, Laboratoire X"
			parts[0], parts[len(parts)-1] = parts[len(parts)-1], parts[0]
		}
		parts = append(parts, g.place(o, acr)...)
		return genRow{Affiliation: g.join(parts), Gold: gold, Kind: "parents"}
	}
	return genRow{}
}

// two names two organisations that need not be related, each with its place, in one string.
func (g *generator) two() genRow {
	a, b := pick(g, g.orgs), pick(g, g.orgs)
	if a.ID == b.ID {
		return genRow{}
	}
	an, aacr := g.name(a)
	bn, bacr := g.name(b)
	first := g.join(append([]string{an}, g.place(a, aacr)...))
	second := g.join(append([]string{bn}, g.place(b, bacr)...))
	sep := pick(g, []string{"; ", " and ", "; ", " & ", ", ", "; and "})
	return genRow{Affiliation: first + sep + second, Gold: []ror.ID{a.ID, b.ID}, Kind: "two"}
}

// unknown names an organisation the registry lacks: a real name with its most distinctive word replaced by a made-up
// one. When the new name still holds the name of one of the real organisation's parents ("University X Museum of
// Y"), that parent is the answer; half the time the string names a parent after it, which is then the answer too.
func (g *generator) unknown() genRow {
	o := pick(g, g.orgs)
	name := o.DisplayName()
	if strings.ContainsAny(name, ",()") || strings.Contains(name, " - ") {
		return genRow{} // several names in one: replacing a word leaves the others
	}
	words := strings.Fields(name)
	best := -1
	for i, w := range words {
		lw := strings.ToLower(w)
		if len([]rune(lw)) >= 4 && !genericWords[lw] && (best < 0 || len(w) > len(words[best])) {
			best = i
		}
	}
	if best < 0 {
		return genRow{}
	}
	words[best] = g.pseudoWord()
	made := strings.Join(words, " ")
	for _, n := range o.Names {
		if containsFold(made, n.Value) {
			return genRow{} // another of its names is still whole
		}
	}
	var gold []ror.ID
	var parents []*ror.Organization
	for _, id := range o.Related(ror.RelParent) {
		if p, ok := g.ix.Get(id); ok && p.Status != ror.StatusWithdrawn {
			parents = append(parents, p)
			for _, n := range p.Names {
				if len([]rune(n.Value)) >= 4 && containsFold(made, n.Value) {
					gold = append(gold, p.ID)
					break
				}
			}
		}
	}
	parts := []string{made}
	if len(parents) > 0 && g.pct(50) {
		p := pick(g, parents)
		pn, _ := g.name(p)
		parts = append(parts, pn)
		if !slices.Contains(gold, p.ID) {
			gold = append(gold, p.ID)
		}
	}
	if len(o.Locations) > 0 && g.pct(60) {
		parts = append(parts, o.Locations[0].GeoNames.Name)
	}
	if len(o.Locations) > 0 && g.pct(60) {
		parts = append(parts, g.country(o.Locations[0].GeoNames.CountryCode))
	}
	return genRow{Affiliation: g.join(parts), Gold: gold, Kind: "unknown"}
}

// containsFold reports whether name occurs in s as whole words, ignoring case and accents.
func containsFold(s, name string) bool {
	s, name = " "+strings.ToLower(stripAccents(s))+" ", strings.ToLower(stripAccents(name))
	i := strings.Index(s, name)
	for i >= 0 {
		before, after := s[i-1], byte(' ')
		if i+len(name) < len(s) {
			after = s[i+len(name)]
		}
		if !isWordByte(before) && !isWordByte(after) {
			return true
		}
		j := strings.Index(s[i+1:], name)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func isWordByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80 }

// none names no organisation: a unit and an address.
func (g *generator) none() genRow {
	o := pick(g, g.orgs)
	parts := []string{g.unit()}
	if g.pct(50) {
		parts = append(parts, g.street())
	}
	parts = append(parts, g.place(o, true)...)
	return genRow{Affiliation: g.join(parts), Kind: "none"}
}

// genericWords are not an organisation's proper noun.
var genericWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`university universite universidad universita universitat universidade
		universiteit institute institut instituto istituto national nationale nacional nazionale research
		science sciences technology technical college school hospital medical center centre centro foundation
		society association council academy agency department laboratory laboratoire laboratorio company
		corporation limited group international federal state public regional general health clinic clinical
		museum library observatory ministry office service services unit faculty division sciences engineering
		applied studies higher polytechnic polytechnique mathematics physics chemistry biology medicine`) {
		genericWords[w] = true
	}
}

var syllables = []string{"ka", "lo", "mir", "zen", "dra", "vo", "tal", "bre", "qui", "nos", "fel", "ur", "gan",
	"shi", "pol", "dar", "ves", "tro", "mu", "lin"}

func (g *generator) pseudoWord() string {
	var b strings.Builder
	for range 2 + g.rnd.IntN(2) {
		b.WriteString(pick(g, syllables))
	}
	w := b.String()
	return strings.ToUpper(w[:1]) + w[1:]
}

// name returns one of the organisation's names as an author might write it, and whether it is an acronym (which
// writers then follow with the city more often).
func (g *generator) name(o *ror.Organization) (string, bool) {
	var labels, aliases, acronyms []string
	for _, n := range o.Names {
		switch {
		case n.Has(ror.NameDisplay):
		case n.Has(ror.NameLabel):
			labels = append(labels, n.Value)
		case n.Has(ror.NameAlias):
			aliases = append(aliases, n.Value)
		case n.Has(ror.NameAcronym):
			acronyms = append(acronyms, n.Value)
		}
	}
	v, acr := o.DisplayName(), false
	switch k := g.rnd.IntN(100); {
	case k < 15 && len(labels) > 0:
		v = pick(g, labels)
	case k < 30 && len(aliases) > 0:
		v = pick(g, aliases)
	case k < 40 && len(acronyms) > 0:
		v, acr = pick(g, acronyms), true
	}
	if acr {
		return v, true
	}
	return g.distort(v), false
}

// abbreviations are the shortenings found in affiliations.
var abbreviations = [][2]string{
	{"University", "Univ."}, {"University", "Univ"}, {"Université", "Univ."}, {"Universität", "Univ."},
	{"Universidad", "Univ."}, {"Institute", "Inst."}, {"Institut", "Inst."}, {"Laboratory", "Lab."},
	{"Laboratoire", "Lab."}, {"Department", "Dept."}, {"National", "Natl."}, {"National", "Nat."},
	{"Technology", "Tech."}, {"Technology", "Technol."}, {"Hospital", "Hosp."}, {"Center", "Ctr."},
	{"Centre", "Ctr."}, {"Research", "Res."}, {"Sciences", "Sci."}, {"Science", "Sci."},
	{"International", "Int."}, {"Medical", "Med."}, {"College", "Coll."}, {"Academy", "Acad."},
	{"Engineering", "Eng."}, {"Foundation", "Found."}, {"Agricultural", "Agric."}, {"Saint", "St."},
	{"Company", "Co."}, {"Corporation", "Corp."}, {"Limited", "Ltd."},
}

// distort writes a name with the liberties authors take.
func (g *generator) distort(v string) string {
	if i := strings.LastIndex(v, " ("); i > 0 && strings.HasSuffix(v, ")") && g.pct(85) {
		v = v[:i] // "Example Corp (United States)": the country in brackets is the registry's, not the writer's
	}
	v = strings.TrimPrefix(v, "The ")
	if g.pct(10) {
		v = reorder(v)
	}
	if g.pct(20) {
		words := strings.Fields(v)
		for _, a := range abbreviations {
			for i, w := range words {
				if w == a[0] && g.pct(60) {
					words[i] = a[1]
				}
			}
		}
		v = strings.Join(words, " ")
	}
	if strings.Contains(v, " and ") && g.pct(30) {
		v = strings.Replace(v, " and ", " & ", 1)
	}
	if g.pct(15) {
		v = stripAccents(v)
	}
	if strings.Contains(v, "-") && g.pct(15) {
		v = strings.ReplaceAll(v, "-", " ")
	}
	if g.pct(5) && !g.noTypos {
		v = g.misspell(v)
	}
	switch k := g.rnd.IntN(100); {
	case k < 4:
		v = strings.ToUpper(v)
	case k < 6:
		v = strings.ToLower(v)
	}
	return v
}

// reorder turns "University of X" into "X University" and back.
func reorder(v string) string {
	if rest, ok := strings.CutPrefix(v, "University of "); ok && !strings.Contains(rest, " of ") {
		return rest + " University"
	}
	if rest, ok := strings.CutSuffix(v, " University"); ok && !strings.Contains(rest, " of ") {
		return "University of " + rest
	}
	return v
}

func stripAccents(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// misspell changes one letter of the name's longest word of seven letters or more: drops, doubles, swaps or
// replaces it.
func (g *generator) misspell(v string) string {
	words := strings.Fields(v)
	best := -1
	for i, w := range words {
		if len(w) >= 7 && isASCIILetters(w) && (best < 0 || len(w) > len(words[best])) {
			best = i
		}
	}
	if best < 0 {
		return v
	}
	w := []byte(words[best])
	i := 1 + g.rnd.IntN(len(w)-2)
	switch g.rnd.IntN(4) {
	case 0:
		w = append(w[:i], w[i+1:]...)
	case 1:
		w = append(w[:i+1], w[i:]...)
	case 2:
		w[i], w[i+1] = w[i+1], w[i]
	default:
		w[i] = byte('a' + g.rnd.IntN(26))
	}
	words[best] = string(w)
	return strings.Join(words, " ")
}

func isASCIILetters(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII || !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// units are the departments, laboratories and groups written before an organisation; none is an organisation of
// its own in the registry's sense (though a few records carry such names).
var units = []string{
	"Department of %s", "Dept. of %s", "Department of %s", "School of %s", "Faculty of %s", "Division of %s",
	"Institute of %s", "Laboratory of %s", "%s Department", "Centre for %s", "Center for %s Research",
	"Graduate School of %s", "College of %s", "Research Group in %s", "Key Laboratory of %s",
	"State Key Laboratory of %s", "Laboratoire de %s", "Département de %s", "Institut für %s",
	"Departamento de %s", "Dipartimento di %s", "Facultad de %s", "Unit of %s", "Section of %s", "Chair of %s",
}

var subjects = []string{
	"Physics", "Chemistry", "Biology", "Mathematics", "Computer Science", "Medicine", "Internal Medicine",
	"Surgery", "Cardiology", "Neurology", "Pediatrics", "Psychology", "Economics", "Management", "Civil Engineering",
	"Electrical Engineering", "Mechanical Engineering", "Materials Science", "Earth Sciences", "Geography", "History",
	"Linguistics", "Pharmacy", "Public Health", "Epidemiology", "Radiology", "Oncology", "Astronomy",
	"Astrophysics", "Particle Physics", "Nuclear Physics", "Ecology", "Genetics", "Microbiology", "Immunology",
	"Agronomy", "Environmental Sciences", "Applied Mathematics", "Statistics", "Physical Chemistry",
	"Molecular Biology", "Biochemistry", "Education", "Law", "Philosophy", "Sociology", "Political Science",
	"Nursing", "Dentistry", "Ophthalmology", "Anesthesiology", "Information Technology", "Architecture",
}

func (g *generator) unit() string {
	return fmt.Sprintf(pick(g, units), pick(g, subjects))
}

var streets = []string{"%d Main Street", "%d rue de la République", "%d Avenue des Sciences", "P.O. Box %d",
	"Building %d", "Room %d", "%d Research Road", "Hauptstraße %d", "Via Roma %d", "Calle Mayor %d", "No. %d Xueyuan Road"}

func (g *generator) street() string { return fmt.Sprintf(pick(g, streets), 1+g.rnd.IntN(400)) }

// place returns the city, postcode, region and country parts that follow an organisation, as writers vary them;
// an acronym is followed by its city more often.
func (g *generator) place(o *ror.Organization, acr bool) []string {
	if len(o.Locations) == 0 {
		return nil
	}
	l := o.Locations[0].GeoNames
	var out []string
	if g.pct(25) {
		out = append(out, g.street())
	}
	cityP := 55
	if acr {
		cityP = 80
	}
	if l.Name != "" && g.pct(cityP) {
		city := l.Name
		if g.pct(10) {
			city = stripAccents(city)
		}
		if g.pct(30) {
			city = g.postcode(l.CountryCode, city)
		}
		out = append(out, city)
	}
	if l.CountrySubdivisionName != "" && g.pct(12) {
		out = append(out, l.CountrySubdivisionName)
	}
	if l.CountryCode != "" && g.pct(65) {
		out = append(out, g.country(l.CountryCode))
	}
	return out
}

// postcode writes a postcode beside the city, in the country's usual order.
func (g *generator) postcode(cc, city string) string {
	n := g.rnd.IntN(90000) + 10000
	switch cc {
	case "FR":
		return pick(g, []string{fmt.Sprintf("%d %s", n, city), fmt.Sprintf("F-%d %s", n, city), fmt.Sprintf("%s Cedex", city)})
	case "DE", "IT", "ES", "FI":
		return fmt.Sprintf("%d %s", n, city)
	case "US":
		return fmt.Sprintf("%s %d", city, n)
	case "GB":
		return fmt.Sprintf("%s %c%c%d %d%c%c", city, 'A'+g.rnd.IntN(26), 'A'+g.rnd.IntN(26), 1+g.rnd.IntN(20),
			g.rnd.IntN(10), 'A'+g.rnd.IntN(26), 'A'+g.rnd.IntN(26))
	case "CN":
		return fmt.Sprintf("%s %d", city, 100000+g.rnd.IntN(800000))
	case "JP":
		return fmt.Sprintf("%s %03d-%04d", city, g.rnd.IntN(1000), g.rnd.IntN(10000))
	case "NL":
		return fmt.Sprintf("%d %c%c %s", 1000+g.rnd.IntN(9000), 'A'+g.rnd.IntN(26), 'A'+g.rnd.IntN(26), city)
	}
	return fmt.Sprintf("%s %d", city, n)
}

// countryForms are the ways writers give some countries beyond their English name.
var countryForms = map[string][]string{
	"US": {"USA", "U.S.A.", "United States of America", "US"}, "GB": {"UK", "U.K.", "England", "Scotland"},
	"CN": {"P.R. China", "People's Republic of China", "PR China"}, "KR": {"Korea", "Republic of Korea", "South Korea"},
	"DE": {"Deutschland"}, "FR": {"France"}, "IT": {"Italia"}, "ES": {"España"}, "NL": {"The Netherlands"},
	"RU": {"Russian Federation", "Russia"}, "IR": {"Iran"}, "TW": {"Taiwan"}, "CZ": {"Czech Republic"},
	"BR": {"Brasil"}, "JP": {"Japan"}, "TR": {"Turkey", "Türkiye"}, "CH": {"Schweiz", "Suisse"},
}

func (g *generator) country(cc string) string {
	if f := countryForms[cc]; len(f) > 0 && g.pct(40) {
		return pick(g, f)
	}
	r, err := language.ParseRegion(cc)
	if err != nil {
		return cc
	}
	return display.English.Regions().Name(r)
}

// join writes the parts with the separators writers use: mostly commas, sometimes without a space after them, or
// only spaces (publishers that lost the punctuation).
func (g *generator) join(parts []string) string {
	switch k := g.rnd.IntN(100); {
	case k < 80:
		return strings.Join(parts, ", ")
	case k < 90:
		return strings.Join(parts, ",")
	case k < 95:
		return strings.Join(parts, " ")
	default:
		return strings.Join(parts, " - ")
	}
}
