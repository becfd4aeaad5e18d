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

// RegistryFacts returns what the built-in set knows of the whole registry: its umbrellas and shared acronyms.
func RegistryFacts() (umbrellaIDs []ID, acronyms, names []string) {
	return umbrellas, sharedAcronyms, sharedNames
}

// NameKey returns the normalised words of a name as the index files it.
func NameKey(s string) string {
	var w []string
	for _, t := range tokenize(decodeText(s), nil) {
		w = append(w, t.text)
	}
	return strings.Join(w, " ")
}
