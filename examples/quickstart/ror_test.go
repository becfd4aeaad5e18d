package main

import "testing"

// The quickstart's second creator has an affiliation without an identifier; the ROR step fills it, offline.
func TestEnrichAffiliations(t *testing.T) {
	rec := describe()
	if a := rec.Creators[1].Affiliations[0]; a.Identifier != "" {
		t.Fatalf("the record already has %q: the step would show nothing", a.Identifier)
	}
	enrichAffiliations(rec)
	a := rec.Creators[1].Affiliations[0]
	if a.Identifier != "https://ror.org/005ta0471" || a.IdentifierScheme != "ROR" || a.SchemeURI != "https://ror.org/" {
		t.Errorf("INFN affiliation after the step: %+v", a)
	}
	if got := rec.Creators[0].Affiliations[0].Identifier; got != "https://ror.org/03gc1p724" {
		t.Errorf("an existing identifier was changed to %q", got)
	}
}
