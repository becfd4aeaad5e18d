package ror_test

import (
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/dop2i/fairmeta/ror"
)

// Every ID of the curated short-name table is an active organisation of the dump and of the built-in set.
func TestShortNamesAgreeWithDump(t *testing.T) {
	full := loadFull(t)
	for name, ids := range ror.ShortNameIDs() {
		for _, id := range ids {
			o, ok := full.Get(id)
			if !ok || !o.Active() {
				t.Errorf("short name %q: %s is not an active organisation of the dump", name, id)
				continue
			}
			if _, ok := ror.Default().Get(id); !ok {
				t.Errorf("short name %q: %s (%s) is not in the built-in set", name, id, o.DisplayName())
			}
		}
	}
}

// The IN2P3 laboratories' short names resolve from the built-in set when the string names nothing else, and never
// when it names another organisation.
func TestDefaultShortNames(t *testing.T) {
	cases := []struct {
		in   string
		want []ror.ID
	}{
		{"CC-IN2P3", ids("04dcc3438", "03fd77x13")},
		{"IJCLab", ids("03gc1p724")},
		{"LAPP", ids("049nhh297")},
		{"LPNHE, Paris", ids("01hg8p552")},
		{"CPPM", ids("00fw8bp86")},
		{"LPSC Grenoble", ids("03f0apy98")},
		{"LPSC, Grenoble", ids("03f0apy98")},
		{"LPCA", ids("0214k6v65")},
		{"LPC, Caen", ids("022txr781")},
		{"LPC, Clermont-Ferrand", nil}, // not the city the registry gives (Aubière)
		{"LPC", nil},                   // two laboratories
		{"IP2I", ids("02avf8f85")},
		{"CENBG", ids("034a4bk84")},
		{"LP2I Bordeaux", ids("034a4bk84")},
		{"Subatech", ids("01kxesq83")},
		{"IPHC", ids("01g3mb532")},
		{"LUPM", ids("00nrbzg90")},
		{"APC", ids("03tnjrr49")},
		{"LLR", ids("058t6p923")},
		{"OMEGA", ids("01mbkbh33")},
		{"LAPP, CNRS/IN2P3", ids("049nhh297", "03fd77x13", "02feahw73")},
		{"IJCLab, Université Paris-Saclay, CNRS/IN2P3, Orsay, France", ids("03gc1p724", "03xjwb503", "03fd77x13", "02feahw73")},
		{"APC, CERN, Geneva", ids("01ggx4157")}, // another organisation: the short name is not enough
		{"lapp", nil},
	}
	for _, c := range cases {
		m := ror.Default().Match(c.in)
		if got := m.IDs(); !slices.Equal(got, c.want) {
			t.Errorf("Default().Match(%q) = %v, want %v; candidates:\n%s", c.in, got, c.want, describe(m))
		}
		checkResult(t, c.in, m)
	}
}

// TestDefaultAgreesWithDump: a string gets the same organisations from the built-in set as from the dump, once the
// dump's answer is narrowed to the organisations the built-in set holds. The strings are generated from the
// built-in set's records (names in every form, places, parents; no misspelt word, since a word is corrected
// against the index's own words); those where the built-in set used its short-name table, which a dump does not
// have, are left out.
func TestDefaultAgreesWithDump(t *testing.T) {
	full := loadFull(t)
	def := ror.Default()
	var rows []genRow
	for seed := range uint64(3) {
		g := newGenerator(def, 11+seed, seed == 2)
		g.noTypos = true // a misspelt word is corrected against the index's own words, which a dump has more of
		rows = append(rows, g.rows(1000)...)
	}
	for _, s := range []string{
		"IJCLab, Université Paris-Saclay, CNRS/IN2P3, Orsay, France",
		"LAPP, Université Savoie Mont Blanc, CNRS/IN2P3, Annecy, France",
		"Laboratoire de Physique Nucléaire et de Hautes Énergies, Sorbonne Université, Université Paris Cité, CNRS/IN2P3, Paris, France",
		"CC-IN2P3, Villeurbanne, France",
		"Centre de Calcul de l'IN2P3, CNRS, Villeurbanne",
		"INFN Sezione di Bologna, Bologna, Italy",
		"Deutsches Elektronen-Synchrotron DESY, Hamburg, Germany",
		"Fermi National Accelerator Laboratory, Batavia, IL 60510, USA",
		"IRFU, CEA, Université Paris-Saclay, Gif-sur-Yvette, France",
	} {
		rows = append(rows, genRow{Affiliation: s})
	}
	compared, short := 0, 0
	for _, r := range rows {
		d := def.Match(r.Affiliation)
		if slices.ContainsFunc(d.Matches, func(c ror.Candidate) bool { return c.MatchingType == "short name" }) {
			short++
			continue
		}
		var f []ror.ID
		for _, id := range full.Match(r.Affiliation).IDs() {
			if _, ok := def.Get(id); ok {
				f = append(f, id)
			}
		}
		compared++
		if got := d.IDs(); !slices.Equal(got, f) {
			t.Errorf("%q: built-in set %v, dump %v", r.Affiliation, got, f)
		}
	}
	t.Logf("%d strings compared, %d left out for a short name", compared, short)
}

// TestDefaultRegistryFacts computes from the dump what the built-in set must know of the whole registry (its
// organisations with 50 children or more, and its acronyms that others of the same country share) and checks the
// lists of default.go against it.
func TestDefaultRegistryFacts(t *testing.T) {
	full := loadFull(t)
	key := func(v string) string {
		return strings.Map(func(r rune) rune {
			if r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
				return unicode.ToUpper(r)
			}
			return -1
		}, v)
	}
	isAcronym := func(n ror.Name) bool {
		caps := strings.IndexFunc(n.Value, unicode.IsLower) < 0 && len(strings.FieldsFunc(n.Value, func(r rune) bool { return !unicode.IsUpper(r) })) > 0 &&
			len(strings.Map(func(r rune) rune {
				if unicode.IsUpper(r) {
					return r
				}
				return -1
			}, n.Value)) >= 2
		return n.Has(ror.NameAcronym) || caps && !strings.ContainsAny(n.Value, " -0123456789") && len(n.Value) <= 10
	}
	byAcronym := map[string][]ror.ID{} // acronym + country → organisations
	for o := range full.All() {
		if o.Status == ror.StatusWithdrawn {
			continue
		}
		for _, n := range o.Names {
			if isAcronym(n) {
				k := key(n.Value) + " " + o.CountryCode()
				byAcronym[k] = append(byAcronym[k], o.ID)
			}
		}
	}
	keys := map[string][]*ror.Organization{} // a name's words → the organisations with that name
	for o := range full.All() {
		if o.Status != ror.StatusWithdrawn {
			for _, n := range o.Names {
				k := ror.NameKey(n.Value)
				keys[k] = append(keys[k], o)
			}
		}
	}
	related := func(a, b *ror.Organization) bool {
		return slices.Contains(a.Related(ror.RelParent), b.ID) || slices.Contains(a.Related(ror.RelChild), b.ID) ||
			slices.Contains(b.Related(ror.RelParent), a.ID) || slices.Contains(b.Related(ror.RelChild), a.ID)
	}
	var umbrellas []ror.ID
	var shared, sharedNames, generic []string
	for c := range ror.Default().All() {
		for _, n := range c.Names {
			if full.Generic(n.Value) && !slices.Contains(generic, n.Value) {
				generic = append(generic, n.Value)
			}
		}
		o, ok := full.Get(c.ID)
		if !ok {
			continue
		}
		if len(o.Related(ror.RelChild)) >= 50 {
			umbrellas = append(umbrellas, o.ID)
		}
		for _, n := range o.Names {
			if isAcronym(n) && slices.ContainsFunc(byAcronym[key(n.Value)+" "+o.CountryCode()], func(id ror.ID) bool { return id != o.ID }) {
				shared = append(shared, n.Value)
			}
			var countries []string
			for _, x := range keys[ror.NameKey(n.Value)] {
				if _, inSet := ror.Default().Get(x.ID); x.ID != o.ID && !inSet && !related(x, o) && !slices.Contains(countries, x.CountryCode()) {
					countries = append(countries, x.CountryCode())
				}
			}
			if !isAcronym(n) && len(countries) > 0 {
				slices.Sort(countries)
				sharedNames = append(sharedNames, n.Value+" "+strings.Join(countries, " "))
			}
		}
	}
	slices.Sort(umbrellas)
	slices.Sort(shared)
	slices.Sort(sharedNames)
	slices.Sort(generic)
	if want := ror.GenericNames(); !slices.Equal(generic, want) {
		t.Errorf("generic names: the dump says %q, default.go %q", generic, want)
	}
	wantU, wantS, wantN := ror.RegistryFacts()
	if !slices.Equal(sharedNames, wantN) {
		t.Errorf("shared names: the dump says %q, default.go %q", sharedNames, wantN)
	}
	if !slices.Equal(umbrellas, wantU) {
		t.Errorf("umbrellas: the dump says %q, default.go %q", umbrellas, wantU)
	}
	if !slices.Equal(shared, wantS) {
		t.Errorf("shared acronyms: the dump says %q, default.go %q", shared, wantS)
	}
}
