package main

import (
	"context"
	"fmt"

	"github.com/dop2i/fairmeta/assess"
	"github.com/dop2i/fairmeta/fair"
)

// assessStep scores the record against the FAIR metrics offline, applies the fixes the pipeline can make itself,
// and scores it again, so that what each fix is worth shows in the score.
func assessStep(rec *fair.Resource) error {
	before, err := assess.Assess(context.Background(), rec)
	if err != nil {
		return err
	}
	fmt.Printf("  before: %s\n", summary(before))
	for _, f := range before.Fixes {
		fmt.Printf("    to fix [%s] %s\n", f.Test, f.Text)
	}

	applyFixes(rec)

	after, err := assess.Assess(context.Background(), rec)
	if err != nil {
		return err
	}
	fmt.Printf("  after the fixes: %s\n", summary(after))
	for _, m := range after.Metrics {
		for _, t := range m.Tests {
			if b, _ := before.Test(t.ID); b.Outcome != t.Outcome {
				fmt.Printf("    %-16s %s -> %s: %s\n", t.ID, b.Outcome, t.Outcome, t.Detail)
			}
		}
	}
	for _, f := range after.Fixes {
		fmt.Printf("    still to do [%s] %s\n", f.Test, f.Text)
	}
	fmt.Println("  (network tests — does the DOI resolve, does the landing page carry JSON-LD — run with fairmeta assess -network)")
	return nil
}

func summary(r *assess.Result) string {
	s := fmt.Sprintf("%v of %v points (%v %%), FAIR maturity %v;", r.Overall.Earned, r.Overall.Total, r.Overall.Percent, r.Overall.Maturity)
	for _, c := range assess.FAIRCategories() {
		s += fmt.Sprintf(" %s %v/%v", c, r.Categories[c].Earned, r.Categories[c].Total)
	}
	return s + fmt.Sprintf("; offline at most %v", r.Reachable)
}

// applyFixes makes the changes the first assessment asked for that the pipeline can make from what it knows: the
// variables it wrote, the provenance record of the run, and the record in the community's metadata standard.
// The DOI comes when the dataset is published at DataCite.
func applyFixes(rec *fair.Resource) {
	// The variables it wrote, structured for schema.org (variableMeasured) and in prose for DataCite.
	rec.Variables = []fair.Variable{
		{Name: "energy", Description: "reconstructed primary energy", Unit: "EeV", PropertyID: "phys.energy"},
		{Name: "zenith", Description: "zenith angle of the shower axis", Unit: "deg", PropertyID: "pos.az.zd"},
		{Name: "azimuth", Description: "azimuth of the shower axis", Unit: "deg", PropertyID: "pos.az.azi"},
	}
	rec.Descriptions = append(rec.Descriptions, fair.Description{Type: fair.DescriptionTechnicalInfo, Lang: "en",
		Description: "One row per event: energy (EeV), zenith and azimuth angles (deg), core position (m), detector station count."})
	rec.RelatedIdentifiers = append(rec.RelatedIdentifiers,
		// The PROV-O record of the pipeline run that produced the file.
		fair.RelatedIdentifier{Identifier: "https://data.example.org/runs/4271/prov.jsonld", IdentifierType: fair.IDTypeURL,
			RelationType: fair.RelHasMetadata, RelatedMetadataScheme: "PROV-O", SchemeURI: "http://www.w3.org/ns/prov#"},
		// The same record in the IVOA registry's VOResource standard, as the observatory publishes it.
		fair.RelatedIdentifier{Identifier: "https://data.example.org/runs/4271/voresource.xml", IdentifierType: fair.IDTypeURL,
			RelationType: fair.RelHasMetadata, RelatedMetadataScheme: "VOResource", SchemeURI: "http://www.ivoa.net/xml/VORegistry/v1.0"})
}
