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
	ix, err := ReadIndex(context.Background(), bytes.NewReader(curated))
	if err != nil {
		// The embedded file is part of the source and checked by the tests; an error here is a build defect.
		panic("ror: embedded curated set: " + err.Error())
	}
	return ix
})

// Default returns the index of the curated set built into the package: about sixty organisations of particle
// physics and astronomy (IN2P3 and its laboratories, CC-IN2P3, CNRS, CEA/IRFU, CERN, DESY, INFN and its main
// sections and national laboratories, Fermilab, SLAC, BNL, Argonne, LBNL, KEK, IHEP, PSI, GSI, Nikhef, STFC, ESA,
// ESRF, CTAO, the Pierre Auger Observatory, ...), so that matching works offline out of the box. Load a ROR data
// dump with [LoadIndex] to match against the whole registry. The index is built on first use and shared.
func Default() *Index { return defaultIndex() }
