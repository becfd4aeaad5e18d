package ror

// Spelling mistakes ("Univercity", "Hospial", "Technolgy") are corrected one word at a time by
// symmetric deletion: every indexed word of six letters or more is filed under the hashes of its one-letter
// deletions, and a word of the query that the index does not know is looked up by its own hash and those of its
// deletions. A query word that reaches exactly one indexed word within one edit (an insertion, a deletion, a
// substitution, or two swapped letters) is read as that word; the match it is part of scores lower and says
// "fuzzy".

// minFuzzyLen is the shortest word corrected: shorter words are too often other words one edit away.
const minFuzzyLen = 6

// ambiguousWord marks a deletion hash shared by several indexed words.
const ambiguousWord = ^uint32(0)

// deletionHash hashes s without its byte at skip (skip < 0: all of s).
func deletionHash(s string, skip int) uint64 {
	h := hashSeed
	for i := 0; i < len(s); i++ {
		if i != skip {
			h ^= uint64(s[i])
			h *= 1099511628211
		}
	}
	return h ^ uint64(len(s)-btoi(skip >= 0))<<56
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func isASCIIWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// buildFuzzy files the words of organisation names under their deletion hashes.
func (b *builder) buildFuzzy() {
	ix := b.ix
	inName := make([]bool, len(ix.words))
	for k := range ix.entries {
		if len(ix.entries[k].names) > 0 {
			for _, id := range ix.entries[k].toks {
				inName[id] = true
			}
		}
	}
	ix.fuzzy = make(map[uint64]uint32, len(ix.words)*6)
	put := func(h uint64, id uint32) {
		if old, ok := ix.fuzzy[h]; ok && old != id {
			ix.fuzzy[h] = ambiguousWord
			return
		}
		ix.fuzzy[h] = id
	}
	for id, w := range ix.words {
		if !inName[id] || len(w) < minFuzzyLen || !isASCIIWord(w) {
			continue
		}
		put(deletionHash(w, -1), uint32(id))
		for i := range len(w) {
			put(deletionHash(w, i), uint32(id))
		}
	}
}

// correct returns the indexed word one edit away from w, or 0 when there is none or more than one.
func (ix *Index) correct(w string) uint32 {
	if len(w) < minFuzzyLen || !isASCIIWord(w) || ix.fuzzy == nil {
		return 0
	}
	found := uint32(0)
	try := func(h uint64) bool {
		id, ok := ix.fuzzy[h]
		switch {
		case !ok:
			return true
		case id == ambiguousWord || found != 0 && found != id:
			found = ambiguousWord
			return false
		}
		found = id
		return true
	}
	if !try(deletionHash(w, -1)) { // w lacks a letter
		return 0
	}
	for i := range len(w) { // w has an extra letter, or a different one, or two swapped
		if !try(deletionHash(w, i)) {
			return 0
		}
	}
	if found == ambiguousWord {
		return 0
	}
	return found
}
