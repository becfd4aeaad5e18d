// Package fairmeta is a Go SDK for FAIR research metadata and persistent identifiers, written for the pipelines of
// physics and astronomy experiments: describe the datasets and software a pipeline produces, check and normalise
// their identifiers, convert the description to the formats the world reads, mint DOIs, credit institutions by ROR
// ID, link data to the exact software version that made it, and assess how FAIR the result is.
//
// This package holds only this overview; the work is in the sub-packages.
//
// # Packages
//
//   - fair: [fair.Resource], the format-neutral record every format converts through; DataCite's controlled
//     vocabularies as typed constants; identifier detection (DOI, ORCID, ROR, ISNI, arXiv, Handle, ARK, URN, PURL,
//     SWHID, URL); fair.Note, the loss report of every reader and writer; fair.Format, a format's descriptor.
//   - format: the list of formats — lookup by name, detection from bytes, reading and converting any input to any
//     output with what was not read and what was not written.
//   - assess: how FAIR a record is (F-UJI's metrics), with the fix for every failed test.
//   - doi: DOI parsing and normalisation, suffix generation, resolution and content negotiation.
//   - datacite: DataCite Metadata Schema 4.7 in XML and JSON, validation, and the REST API client that mints DOIs;
//     datacite/datacitetest is a loopback DataCite server for tests.
//   - schemaorg: schema.org JSON-LD for landing pages, and safe, fast JSON-LD processing.
//   - ror: ROR IDs, the ROR API client, offline affiliation matching.
//   - software: CodeMeta, CFF, Go build info, git, SWHID, provenance of runs.
//   - cmd/fairmeta: the command-line tool over all of them.
//
// # From a pipeline to a DOI
//
// A pipeline fills in a [fair.Resource] for the dataset it wrote: titles, creators with ORCID and affiliations,
// licence, the software release that produced it (a related identifier IsCompiledBy). It checks the record,
// writes it as DataCite XML and schema.org JSON-LD for its landing page, and mints a DOI for it:
//
//	rec := &fair.Resource{
//		Titles:          []fair.Title{{Title: "Calibrated events, run 4271"}},
//		Creators:        []fair.Creator{{Name: "Lefèvre, Camille", NameType: fair.NamePersonal}},
//		Publisher:       fair.Publisher{Name: "CC-IN2P3"},
//		PublicationYear: 2026,
//		ResourceType:    fair.ResourceType{General: fair.ResourceTypeDataset},
//		URL:             "https://data.example.org/runs/4271",
//	}
//	p, err := fair.DetectPID("https://orcid.org/0000-0002-1825-0097") // check an identifier before using it
//
// The example program examples/quickstart runs the whole flow offline: go run ./examples/quickstart.
package fairmeta
