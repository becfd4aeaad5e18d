package main

import (
	"testing"

	"github.com/dop2i/fairmeta/fair"
)

// The quickstart's second creator has an affiliation without an identifier; the ROR step fills it, offline.
func TestEnrichAffiliations(t *testing.T) {
	rec := describe()
	if a := rec.Creators[1].Affiliations[0]; a.Identifier != "" {
		t.Fatalf("the record already has %q: the step would show nothing", a.Identifier)
	}
	enrichAffiliations(rec)
	a := rec.Creators[1].Affiliations[0]
	if a.Identifier != "https://ror.org/005ta0471" || a.IdentifierScheme != "ROR" || a.SchemeURI != fair.SchemeROR.URI() {
		t.Errorf("INFN affiliation after the step: %+v", a)
	}
	if got := rec.Creators[0].Affiliations[0].Identifier; got != "https://ror.org/03gc1p724" {
		t.Errorf("an existing identifier was changed to %q", got)
	}
}

// TestOneSchemeURISpelling: after the ROR step, every ROR identifier of the quickstart's record has the one schemeURI
// spelling, whether written by hand with the constructors or filled in by ror.Enrich.
func TestOneSchemeURISpelling(t *testing.T) {
	rec := describe()
	enrichAffiliations(rec)
	want := fair.SchemeROR.URI()
	if rec.Publisher.SchemeURI != want {
		t.Errorf("publisher schemeURI %q, want %q", rec.Publisher.SchemeURI, want)
	}
	for i, c := range rec.Creators {
		for j, a := range c.Affiliations {
			if a.SchemeURI != want {
				t.Errorf("creators[%d].affiliations[%d] schemeURI %q, want %q", i, j, a.SchemeURI, want)
			}
		}
	}
	if r := rec.Rights[0]; r.Identifier != "CC-BY-4.0" || r.IdentifierScheme != "SPDX" || r.URI != "https://spdx.org/licenses/CC-BY-4.0.html" {
		t.Errorf("rights from fair.SPDX: %+v", r)
	}
}
