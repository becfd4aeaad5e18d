package ror

import (
	"bytes"
	"context"
	_ "embed"
	"sync"
)

// curated holds the organisations of the default index: IN2P3, its laboratories and computing centre, CNRS and the
// main partners of IN2P3's experiments, as ROR v2 records trimmed to the facts the matcher uses (ID, names with
// types, status, types, country and city, parent and child links within the set, website). They were taken from
// the ROR data (CC0); TestCuratedAgreesWithDump checks them against a dump when one is at hand.
//
//go:embed curated.jsonl
var curated []byte

var defaultIndex = sync.OnceValue(func() *Index {
	b := newBuilder()
	if err := readDump(context.Background(), "", bytes.NewReader(curated), prepareAny, b.addAny); err != nil {
		// The embedded file is part of the source and checked by the tests; an error here is a build defect.
		panic("ror: embedded curated set: " + err.Error())
	}
	b.short, b.umbrellas, b.shared, b.namesakes, b.generic = shortNames, umbrellas, sharedAcronyms, sharedNames, genericNames
	return b.finish()
})

// umbrellas are the organisations of the built-in set with 50 children or more in the registry, which their
// trimmed records do not show; their acronym is read beside their country alone, as with a dump
// (TestDefaultRegistryFacts checks the list against a dump).
var umbrellas = []ID{"00jjx8s55", "02en5vm52", "02feahw73", "03xjwb503", "05f82e368"} // sorted

// sharedAcronyms are the acronyms of the built-in set's organisations that other organisations of the same country
// have in the registry: as with a dump, the city does not single them out (TestDefaultRegistryFacts).
var sharedAcronyms = []string{"APC", "ESA", "LPCA"}

// genericNames are names of the built-in set's organisations that many other organisations of the registry have
// inside theirs ("University of Paris" in "... University Paris ..."): as with a dump, they are chosen only beside
// their country or city (TestDefaultRegistryFacts).
var genericNames = []string{"University of Paris", "Université de Paris"}

// namesake is a name that organisations outside the built-in set also have, and the countries they are in.
type namesake struct {
	name      string
	countries []string
}

// sharedNames are the other names of the built-in set's organisations that unrelated organisations of the registry
// also have: as with a dump, such a name does not choose between them unless the places the string names do
// (TestDefaultRegistryFacts).
var sharedNames = []namesake{{"INFN Sezione di Milano", []string{"IT"}}, {"Institute of High Energy Physics", []string{"ES", "NL"}}}

// shortName is a name the people of a laboratory write for it, and the organisations it may mean.
type shortName struct {
	name string
	ids  []ID
}

// shortNames are the usual short names of IN2P3, its laboratories and computing centre and their institutions, as
// their own people write them. In the built-in set they resolve alone ("LAPP", "CC-IN2P3"), when the string names
// no other organisation than the laboratory's own parents and children; a short name several laboratories share
// ("LPC") resolves with the city. A dump has no such table: there an acronym needs its city, as for every other
// organisation. TestShortNamesAgreeWithDump checks every ID against a dump.
var shortNames = []shortName{
	{"IN2P3", []ID{"03fd77x13"}},
	{"CNRS", []ID{"02feahw73"}},
	{"CC-IN2P3", []ID{"04dcc3438"}},
	{"CCIN2P3", []ID{"04dcc3438"}},
	{"IJCLab", []ID{"03gc1p724"}},
	{"LAPP", []ID{"049nhh297"}},
	{"LPNHE", []ID{"01hg8p552"}},
	{"LLR", []ID{"058t6p923"}},
	{"CPPM", []ID{"00fw8bp86"}},
	{"IPHC", []ID{"01g3mb532"}},
	{"IP2I", []ID{"02avf8f85"}},
	{"LPSC", []ID{"03f0apy98"}},
	{"CENBG", []ID{"034a4bk84"}},
	{"LP2I", []ID{"034a4bk84"}},
	{"LP2IB", []ID{"034a4bk84"}},
	{"LP2I Bordeaux", []ID{"034a4bk84"}},
	{"LUPM", []ID{"00nrbzg90"}},
	{"LPCA", []ID{"0214k6v65"}},
	{"LPC Clermont", []ID{"0214k6v65"}},
	{"LPC Caen", []ID{"022txr781"}},
	{"LPC", []ID{"0214k6v65", "022txr781"}},
	{"APC", []ID{"03tnjrr49"}},
	{"Subatech", []ID{"01kxesq83"}},
	{"L2IT", []ID{"00j50jx72"}},
	{"OMEGA", []ID{"01mbkbh33"}},
	{"GANIL", []ID{"042dc0x18"}},
	{"IRFU", []ID{"05k705z76"}},
}

// Default returns the index of the curated set built into the package: about sixty organisations of particle
// physics and astronomy (IN2P3 and its laboratories, CC-IN2P3, CNRS, CEA/IRFU, CERN, DESY, INFN and its main
// sections and national laboratories, Fermilab, SLAC, BNL, Argonne, LBNL, KEK, IHEP, PSI, GSI, Nikhef, STFC, ESA,
// ESRF, CTAO, the Pierre Auger Observatory, ...), so that matching works offline out of the box. Besides the
// records' names, it resolves the IN2P3 laboratories' usual short names ("LAPP", "IJCLab", "CC-IN2P3") when the
// string names no other organisation; otherwise a string gets from it the organisations it gets from a dump, among
// those the set holds. Load a ROR data dump with [LoadIndex] to match against the whole registry. The index is
// built on first use and shared.
func Default() *Index { return defaultIndex() }
