package ror

import "strings"

// ShortNameIDs lists the curated short names of the built-in set with the IDs they stand for, for the tests.
func ShortNameIDs() map[string][]ID {
	out := map[string][]ID{}
	for _, s := range shortNames {
		out[s.name] = s.ids
	}
	return out
}

// RegistryFacts returns what the built-in set knows of the whole registry: its umbrellas, its shared acronyms and
// its names that others share ("name CC CC", with the others' countries).
func RegistryFacts() (umbrellaIDs []ID, acronyms, names []string) {
	for _, n := range sharedNames {
		names = append(names, n.name+" "+strings.Join(n.countries, " "))
	}
	return umbrellas, sharedAcronyms, names
}

// NameKey returns the normalised words of a name as the index files it.
func NameKey(s string) string {
	var w []string
	for _, t := range tokenize(decodeText(s), nil) {
		w = append(w, t.text)
	}
	return strings.Join(w, " ")
}

// Generic reports whether the index holds name as generic words ("Institute of Physics"): contained in the names of
// many other organisations, or a unit's name.
func (ix *Index) Generic(name string) bool {
	ts := tokenize(decodeText(name), nil)
	ids := make([]uint32, len(ts))
	h := hashSeed
	for i, t := range ts {
		ids[i] = ix.vocab[t.text]
		h = mix(h, ids[i])
	}
	e := ix.find(h, ids)
	return e >= 0 && (ix.entries[e].within >= genericWithin || ix.entries[e].unitName)
}

// GenericNames returns the names default.go declares generic in the whole registry.
func GenericNames() []string { return genericNames }
