// Package assess says how FAIR a record is, and how to make it more so.
//
// [Assess] scores a fair.Resource the way F-UJI does, against the FAIRsFAIR data metrics v0.8 ([MetricsData]) or the
// FAIR4RS software metrics v0.7 ([MetricsSoftware]), with each metric's identifier, principle, tests, points and
// maturity as F-UJI's metric definitions give them, and returns a [Result]: per metric the points earned out of
// those available, the maturity and each test's outcome; per FAIR category (F, A, I, R), per principle and overall
// the sums, percentages and maturity computed as F-UJI's summary computes them; and for every failed test a fix
// phrased for the record (creators[1] "Rossi, Paolo" has no ORCID: add to creators[1].nameIdentifiers {"value":
// "https://orcid.org/...", "scheme": "ORCID"}). Fixes and details name the places of the record by its JSON paths
// ("subjects[2].schemeURI", "resourceType.general"), as every report of fairmeta does, and give example values as
// the record's JSON form spells them, so that they read the same to a Go program and to a user of the fairmeta
// command. [Result.WriteText] and [Result.WriteHTML] render it (the HTML is self-contained, with an inline SVG
// chart); it marshals to JSON.
//
//	rep, err := assess.Assess(ctx, rec)                                          // offline
//	rep, err = assess.Assess(ctx, rec, assess.WithHTTPClient(http.DefaultClient)) // with the network tests
//
// The lists the tests need (SPDX licences, COAR, EU and OpenAIRE access-rights terms, open, long-term and
// scientific file formats, metadata standards, standard URI protocols) are bundled as Go tables taken from F-UJI's
// data files, so the assessment needs no files and no network.
//
// Every test is decided from the record and those lists, except the following. Network tests run only when
// [WithHTTPClient] is given, and are otherwise reported as not run, never as passed:
//
//   - FsF-F1-02MD-2, FsF-F1-02MD-5: is the metadata (data) PID registered — a DOI must be known to the Handle
//     system (asked with package doi's Resolver, see [WithDOIResolver]); another PID's resolver must redirect.
//   - FsF-F4-01M-1: does the landing page carry schema.org, DCAT or Dublin Core markup search engines read.
//   - FsF-A1-02MD-1, FsF-A1-02MD-2: are the metadata (data) retrievable through their identifiers.
//   - FsF-I1-01M-1: does the landing page embed parsable JSON-LD or RDFa.
//   - FsF-I1-01M-2: does content negotiation (for a DOI, through package doi's Resolver) or a typed link give RDF
//     or JSON-LD.
//   - FRSM-01-F1-1: does the software identifier resolve to a machine-readable landing page.
//   - FRSM-07-F3-2: does the identifier resolve to this release (its metadata names its version).
//   - FRSM-08-F4-2: is the persistent record visible to search engines (schema.org markup on its landing page).
//
// These software tests look into the source repository itself (F-UJI reads it from the forge over the network);
// fairmeta does not fetch repositories, so they are always reported as not run:
//
//   - FRSM-02-F1.1-3: the module structure, to see that every module has its own identifier.
//   - FRSM-06-F2-3: the contributors' shares of credit, which a Resource does not carry.
//   - FRSM-11-I1-1, FRSM-11-I1-2, FRSM-11-I1-3: the API documentation, its openness and interface definition.
//   - FRSM-14-R1-1, FRSM-14-R1-2, FRSM-14-R1-3: the tests, test automation and coverage reports.
//   - FRSM-15-R1.1-1, FRSM-15-R1.1-2: the LICENSE file and the licences of bundled components.
//   - FRSM-17-R1.2-2: the commits and the issues they reference.
//
// The JSON-LD a landing page embeds is found with package schemaorg's reader of pages (the <script
// type="application/ld+json"> elements, however they are spelt); DOIs are resolved with package doi.
//
// [Result.Reachable] is the most an assessment can award: offline, the points of the offline tests.
//
// Everything in this package is safe for concurrent use. Nothing here does I/O, except Assess with an HTTP client.
package assess
