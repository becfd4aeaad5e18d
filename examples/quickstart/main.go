// Quickstart is the main job of fairmeta in one program: a pipeline describes the dataset it produced, resolves its
// affiliations to ROR IDs, checks the identifiers in the description, mints its DOI, prints how to cite it (APA and
// BibTeX) and prints the record. It runs
// offline and needs no credentials (with DATACITE_USERNAME, DATACITE_PASSWORD and DATACITE_PREFIX set, it mints a
// draft DOI at DataCite instead):
//
//	go run ./examples/quickstart
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/dop2i/fairmeta/assess"
	"github.com/dop2i/fairmeta/fair"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

func run() error {
	rec := describe()

	fmt.Println("== 1. Affiliations resolved to ROR IDs (offline)")
	enrichAffiliations(rec)

	fmt.Println("\n== 2. Identifiers in the record")
	if err := checkIdentifiers(rec); err != nil {
		return err
	}

	fmt.Println("\n== 3. The software release that produced it")
	if err := softwareStep(rec); err != nil {
		return err
	}

	fmt.Println("\n== 4. How FAIR is the record")
	if err := assessStep(rec); err != nil {
		return err
	}

	fmt.Println("\n== 5. Its DOI, minted exactly once")
	if err := mintStep(rec); err != nil {
		return err
	}
	if rep, err := assess.Assess(context.Background(), rec); err == nil {
		fmt.Printf("  assessed again with its DOI: %s\n", summary(rep))
	}

	fmt.Println("\n== 6. How to cite it (APA and BibTeX, offline)")
	if err := citeStep(os.Stdout, rec); err != nil {
		return err
	}

	fmt.Println("\n== 7. The record as DataCite XML, validated")
	if err := dataciteStep(rec); err != nil {
		return err
	}

	fmt.Println("\n== 8. Its landing-page metadata (schema.org JSON-LD)")
	if err := schemaorgStep(rec); err != nil {
		return err
	}

	fmt.Println("\n== 9. The record (fairmeta JSON)")
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(rec)
}

// describe builds the record of a dataset produced by an experiment's pipeline: who made it and where they work,
// what it is, its licence, and the data it was derived from.
func describe() *fair.Resource {
	return &fair.Resource{
		Titles: []fair.Title{{Title: "Calibrated air-shower events, observation run 4271", Lang: "en"}},
		Creators: []fair.Creator{
			{
				Name: "Lefèvre, Camille", NameType: fair.NamePersonal, GivenName: "Camille", FamilyName: "Lefèvre",
				NameIdentifiers: []fair.NameIdentifier{must(fair.ORCID("0000-0002-1825-0097"))},
				Affiliations:    []fair.Affiliation{must(fair.RORAffiliation("Laboratoire de Physique des 2 Infinis Irène Joliot-Curie", "03gc1p724"))},
			},
			{
				Name: "Rossi, Paolo", NameType: fair.NamePersonal, GivenName: "Paolo", FamilyName: "Rossi",
				Affiliations: []fair.Affiliation{{Name: "Istituto Nazionale di Fisica Nucleare"}},
			},
		},
		Publisher:       fair.Publisher{Name: "CC-IN2P3", Identifier: "https://ror.org/04dcc3438", IdentifierScheme: "ROR", SchemeURI: fair.SchemeROR.URI()},
		PublicationYear: 2026,
		ResourceType:    fair.ResourceType{General: fair.ResourceTypeDataset, Type: "Calibrated event list"},
		Subjects: []fair.Subject{{Subject: "Physical sciences", Scheme: "Fields of Science and Technology (FOS)",
			SchemeURI: "http://www.oecd.org/science/inno/38235147.pdf", ClassificationCode: "1.3"}},
		Keywords:     []string{"cosmic rays", "air showers", "calibration"},
		Dates:        []fair.Date{{Date: "2026-03-01/2026-03-14", Type: fair.DateCollected}, {Date: "2026-11-02", Type: fair.DateCreated}},
		Language:     "en",
		Version:      "1.0",
		Formats:      []string{"application/x-hdf5"},
		Rights:       []fair.Rights{must(fair.SPDX("CC-BY-4.0"))},
		AccessRights: fair.AccessOpen,
		Descriptions: []fair.Description{{Type: fair.DescriptionAbstract, Lang: "en",
			Description: "Air-shower events of observation run 4271, calibrated with the 2026 detector constants."}},
		RelatedIdentifiers: []fair.RelatedIdentifier{
			// The raw data it was derived from. (The software that produced it is linked in step 3, from the
			// program's own build information.)
			{Identifier: "10.5281/zenodo.1234567", IdentifierType: fair.IDTypeDOI, RelationType: fair.RelIsDerivedFrom, ResourceTypeGeneral: fair.ResourceTypeDataset},
		},
		URL: "https://data.example.org/runs/4271",
		Distributions: []fair.Distribution{{Name: "run4271-calibrated.h5", ContentURL: "https://data.example.org/runs/4271/run4271-calibrated.h5",
			MediaType: "application/x-hdf5", Size: 6_442_450_944}},
	}
}

// must returns v, or stops the program on an error: the identifiers above are written by hand and checked by the
// constructors (fair.ORCID, fair.RORAffiliation, fair.SPDX), so an error is a typo to fix.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// checkIdentifiers runs every identifier of the record through the detector and prints what each one is.
func checkIdentifiers(r *fair.Resource) error {
	var ids []string
	for _, c := range r.Creators {
		for _, n := range c.NameIdentifiers {
			ids = append(ids, n.Value)
		}
		for _, a := range c.Affiliations {
			if a.Identifier != "" {
				ids = append(ids, a.Identifier)
			}
		}
	}
	if r.Publisher.Identifier != "" {
		ids = append(ids, r.Publisher.Identifier)
	}
	for _, rel := range r.RelatedIdentifiers {
		ids = append(ids, rel.Identifier)
	}
	for _, s := range ids {
		p, err := fair.DetectPID(s)
		if err != nil {
			return err
		}
		fmt.Printf("  %-6s %s\n", p.Scheme, p.URL)
	}
	return nil
}
