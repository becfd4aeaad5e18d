package main

import (
	"context"
	"fmt"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/ror"
)

// enrichAffiliations resolves the record's affiliations, publisher and funders that lack an identifier to ROR IDs,
// offline, with the curated set of organisations built into package ror, and prints what it filled in. A pipeline
// with a ROR data dump at hand uses ror.LoadIndex(ctx, "v2.x-ror-data.zip") instead of ror.Default() to match
// against the whole registry.
func enrichAffiliations(rec *fair.Resource) {
	rep, err := ror.Enrich(context.Background(), rec, ror.Default())
	if err != nil { // the built-in set matches offline: only a cancelled context fails
		fmt.Println("  ", err)
		return
	}
	for _, c := range rep.Changes {
		fmt.Printf("  %-30s %q → %s (%s, score %.2f)\n", c.Path, c.Name, c.ID, c.Organization, c.Score)
	}
	for _, s := range rep.Splits {
		fmt.Printf("  %-30s %q named %d organisations: one affiliation each\n", s.Path, s.Name, len(s.IDs))
	}
	for _, m := range rep.Misses {
		fmt.Printf("  %-30s %q not matched (%d candidates)\n", m.Path, m.Name, len(m.Candidates))
	}
	if len(rep.Changes)+len(rep.Misses) == 0 {
		fmt.Println("  every organisation already has an identifier")
	}
}
