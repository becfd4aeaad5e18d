package main

import (
	"fmt"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/ror"
)

// enrichAffiliations resolves the record's affiliations, publisher and funders that lack an identifier to ROR IDs,
// offline, with the curated set of organisations built into package ror, and prints what it filled in. A pipeline
// with a ROR data dump at hand uses ror.LoadIndex(ctx, "v2.x-ror-data.zip") instead of ror.Default() to match
// against the whole registry.
func enrichAffiliations(rec *fair.Resource) {
	rep := ror.Enrich(rec, ror.Default())
	for _, c := range rep.Changes {
		fmt.Printf("  %-30s %q → %s (%s, score %.2f)\n", c.Path, c.Name, c.ID, c.Organization, c.Score)
	}
	for _, m := range rep.Misses {
		fmt.Printf("  %-30s %q not matched (%d candidates)\n", m.Path, m.Name, len(m.Candidates))
	}
	if len(rep.Changes)+len(rep.Misses) == 0 {
		fmt.Println("  every organisation already has an identifier")
	}
}
