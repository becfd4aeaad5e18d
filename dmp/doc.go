// Package dmp reads, writes, validates and checks machine-actionable data management plans (maDMPs) in the RDA DMP
// Common Standard, version 1.2, reading 1.0 and 1.1 and upgrading them; it also reads DMP OPIDoR's own JSON, and
// it carries the computing and storage a project needs from a computing centre, year by year.
//
// # Reading and writing
//
// Read parses a document into a Document: the plan (DMP), its datasets, distributions, hosts, projects and
// funding as plain structs. Real tools write documents the schema refuses; Read tolerates what they write — a
// date-time without a time zone, epoch milliseconds, an object where the standard wants an array, numbers and
// booleans as strings, an array of strings for a description — and says so in its notes (the loss report:
// Note{Path, Value, Reason}), never silently. Members the standard does not define (DMPRoadmap's "dmproadmap_*",
// DMPTool's, a funder_name) are kept in the Extra of their object and reported once per place. Write gives back
// the same JSON tree: a tolerated value is written as it was read as long as the model still holds what was read
// from it; a changed value is written in the 1.2 form.
//
//	doc, notes, err := dmp.Read(data)   // err only for input that is not JSON: *SyntaxError with line and column
//	notes = append(notes, doc.Upgrade()...) // 1.0/1.1 shapes and tolerated forms rewritten as 1.2, a note each
//	err = doc.Write(os.Stdout)
//
// # Validation
//
// Validate reports every problem at once, each with the path of the value ("dmp.dataset[0].distribution[1].host.url").
// An error is exactly what the maDMP 1.2 JSON schema (draft 2020-12, formats as annotations) rejects: the schema is
// held in Go as a table that the tests compare with the official schema file, and the errors are held, per document
// and per path and keyword, to Python's jsonschema on the official examples, real tools' documents and thousands of
// mutants of them. A warning is a format violation (date, date-time, e-mail, URL), a legacy or misspelt member with
// a "did you mean", an identifier that fails fairmeta's own checks (ORCID and ROR check digits, DOIs, Crossref
// funder IDs, Handles), a withdrawn ISO 4217 code, dates out of order, or a malformed resource need.
//
// # Crosswalks
//
// Document.DatasetResource makes a fair.Resource of each dataset (licence as rights with its SPDX identifier,
// data_access as COAR access rights, byte sizes, distributions, contributors, funding with ROR or Crossref funder
// IDs); Document.PlanResource makes one of the plan itself, of type OutputManagementPlan, that package datacite
// writes as a DataCite 4.7 record and mints exactly once. FromResource goes the other way. ReadResource,
// WriteResource and Detect are the maDMP format ("madmp") for fairmeta's format table.
//
// # Checks and resources
//
// Document.Check runs what a machine can check: persistent identifiers, licences, hosts registered in re3data or
// FAIRsharing, datasets overdue (issued without a DOI), the FAIR assessment of each dataset; with a DOI resolver
// (loopback in tests), that the DOIs resolve and their records agree with the plan.
//
// The extension member fairmeta_resource_need (NeedsKey) of a technical_resource declares yearly needs — core-hours,
// GPU-hours, disk and tape volumes in explicit units — at a centre identified by its ROR ID. Document.Demands lists
// them, ReadUsage reads accounting lines, and Resources compares declared and used per year, for each plan or all
// plans together, as a table, JSON or an HTML page with SVG charts. ReadOPIDoR turns DMP OPIDoR's storage and
// computing modules into such needs.
//
// # Limits and concurrency
//
// Inputs are bounded (MaxBytes, MaxDepth, MaxUsageLines). Nothing here does I/O except Check with a resolver and
// the writers; functions are safe for concurrent use, a Document is not (it is a plain value to fill and read).
package dmp
