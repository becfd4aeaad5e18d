package assess

// The FAIR metrics fairmeta assesses, exactly as F-UJI's metric definitions give them: identifier, principle, short
// name, total points and, per test, identifier, points, maturity and name. Source: pangaea-data-publisher/fuji,
// fuji_server/yaml/metrics_v0.8.yaml (FAIRsFAIR data metrics, specification https://doi.org/10.5281/zenodo.15045911)
// and fuji_server/yaml/metrics_v0.7_software.yaml (FAIR4RS software metrics, https://doi.org/10.5281/zenodo.10047401),
// at commit 3215372a. TestMetricTables checks these tables against the YAML files so they cannot drift.
//
// FsF-F4-01M has no fair_principle in the YAML; like F-UJI's summary (which reads the principle from the identifier)
// it is F4 here.

// metricDef is one metric of a metric set.
type metricDef struct {
	id        string    // metric_identifier, e.g. "FsF-F1-01MD"
	principle string    // fair_principle, e.g. "F1", "A1.1"
	name      string    // metric_short_name
	total     float64   // total_score
	tests     []testDef // metric_tests, in the YAML's order
}

// testDef is one test of a metric.
type testDef struct {
	id       string  // metric_test_identifier
	points   float64 // metric_test_score
	maturity int     // metric_test_maturity
	name     string  // metric_test_name
}

// dataMetrics is FAIRsFAIR data metrics v0.8 (F-UJI metrics_v0.8.yaml).
var dataMetrics = []metricDef{
	{id: "FsF-F1-01MD", principle: "F1", name: "Unique Identifier Metadata and Data", total: 1, tests: []testDef{
		{"FsF-F1-01MD-1", 1, 3, "Metadata identifier follows a defined unique identifier syntax or scheme (IRI, URL, UUID, HASH or PID)"},
		{"FsF-F1-01MD-2", 0, 3, "Data identifier follows a defined unique identifier syntax (IRI, URL, UUID, HASH or PID)"},
	}},
	{id: "FsF-F1-02MD", principle: "F1", name: "Persistent Identifier Metadata and Data", total: 1, tests: []testDef{
		{"FsF-F1-02MD-1", 0.5, 1, "Metadata identifier follows a defined persistent identifier syntax"},
		{"FsF-F1-02MD-2", 0.5, 3, "Persistent identifier for metadata is registered and maintained by a PID authority"},
		{"FsF-F1-02MD-4", 0, 3, "Data identifier follows a defined persistent identifier syntax"},
		{"FsF-F1-02MD-5", 0, 3, "Persistent identifier for data is registered and maintained by a PID authority"},
	}},
	{id: "FsF-F2-01M", principle: "F2", name: "Descriptive Core Metadata", total: 2, tests: []testDef{
		{"FsF-F2-01M-2", 1, 2, "Core data citation metadata is available"},
		{"FsF-F2-01M-3", 1, 3, "Core descriptive metadata is available"},
	}},
	{id: "FsF-F3-01M", principle: "F3", name: "Inclusion of Data Identifier in Metadata", total: 1, tests: []testDef{
		{"FsF-F3-01M-2", 1, 3, "Metadata contains a PID or URL which indicates the location of the downloadable data content"},
	}},
	{id: "FsF-F4-01M", principle: "F4", name: "Searchable Metadata", total: 2, tests: []testDef{
		{"FsF-F4-01M-1", 2, 3, "Metadata is given in a way major search engines can ingest it for their catalogues (Dublin Core or schema.org or DCAT encoded in microdata, RDFa, embedded JSON-LD or meta tags see e.g. Google Dataset Search webmaster guidelines)"},
	}},
	{id: "FsF-A1-01M", principle: "A1", name: "Data Access Information", total: 1, tests: []testDef{
		{"FsF-A1-01M-1", 1, 3, "Information about access restrictions or rights can be identified in metadata"},
	}},
	{id: "FsF-A1-02MD", principle: "A1", name: "Retrievable Metadata and Data", total: 2, tests: []testDef{
		{"FsF-A1-02MD-1", 1, 3, "Metadata are retrievable via their specified identifier"},
		{"FsF-A1-02MD-2", 1, 3, "Data are retrievable via the identifiers given in metadata"},
	}},
	{id: "FsF-A1.1-01MD", principle: "A1.1", name: "Standard Communication Protocol of Metadata and Data", total: 2, tests: []testDef{
		{"FsF-A1.1-01MD-1", 1, 3, "Identifier leading to metadata matches a scheme indicating a standardized web communication protocol."},
		{"FsF-A1.1-01MD-2", 1, 3, "Identifier leading to data are matching a schema indicating a standardized web communication protocol."},
	}},
	{id: "FsF-A1.2-01MD", principle: "A1.2", name: "Authentication Support of Protocol for Metadata and Data", total: 2, tests: []testDef{
		{"FsF-A1.2-01MD-1", 1, 3, "The communication protocol found in identifiers (IRIs) leading to metadata supports authentication."},
		{"FsF-A1.2-01MD-2", 1, 3, "The communication protocol identified in data links (IRIs) supports authentication."},
	}},
	{id: "FsF-I1-01M", principle: "I1", name: "Formal Representation of Metadata", total: 2, tests: []testDef{
		{"FsF-I1-01M-1", 2, 2, "Parsable, structured metadata (JSON-LD, RDFa) is embedded in the landing page XHTML/HTML code"},
		{"FsF-I1-01M-2", 2, 3, "Parsable, structured metadata (RDF, JSON-LD) is accessible through content negotiation, typed links or sparql endpoint"},
	}},
	{id: "FsF-I2-01M", principle: "I2", name: "Metadata with Semantic Resources", total: 2, tests: []testDef{
		{"FsF-I2-01M-2", 2, 3, "Metadata uses terms from registered vocabularies that are identified by their namespaces"},
	}},
	{id: "FsF-I3-01M", principle: "I3", name: "Qualified references to related entities", total: 2, tests: []testDef{
		{"FsF-I3-01M-1", 2, 2, "Related resources are referenced in plain text within appropriate metadata properties indicating the relation type"},
		{"FsF-I3-01M-2", 2, 3, "Related resources are referenced by machine readable links or identifiers within appropriate metadata properties indicating the relation type"},
	}},
	{id: "FsF-R1-01M", principle: "R1", name: "Metadata of Data Content", total: 2, tests: []testDef{
		{"FsF-R1-01M-1", 1, 1, "Minimum information (resource type) about the available data content is specified in the metadata"},
		{"FsF-R1-01M-2", 1, 3, "Information on the manner and form (file size and type or service (API) endpoint and protocol) in which data is delivered is provided"},
		{"FsF-R1-01M-3", 0, 3, "Measured variables or observation types are specified in metadata"},
	}},
	{id: "FsF-R1.1-01M", principle: "R1.1", name: "Data Usage License", total: 1, tests: []testDef{
		{"FsF-R1.1-01M-1", 1, 3, "Licence information is given in an appropriate metadata element"},
	}},
	{id: "FsF-R1.2-01M", principle: "R1.2", name: "Data Provenance", total: 1, tests: []testDef{
		{"FsF-R1.2-01M-1", 1, 2, "Metadata contains elements which hold provenance information which can be mapped to PROV based on PROV-DC."},
		{"FsF-R1.2-01M-2", 1, 3, "Metadata contains elements which hold provenance information using formal provenance ontologies (PROV, PAV)."},
	}},
	{id: "FsF-R1.3-01M", principle: "R1.3", name: "Community-Endorsed Metadata Standard", total: 1, tests: []testDef{
		{"FsF-R1.3-01M-1", 1, 3, "Community specific metadata standard is detected using namespaces or schemas found in provided metadata"},
		{"FsF-R1.3-01M-3", 1, 1, "Multidisciplinary but community endorsed metadata (RDA Metadata Standards Catalog, fairsharing) standard is detected by namespace"},
	}},
	{id: "FsF-R1.3-02D", principle: "R1.3", name: "Data File format", total: 1, tests: []testDef{
		{"FsF-R1.3-02D-1", 1, 3, "Data is available in a file format recommended by the research community (long term file formats, open file formats or scientific file format)"},
	}},
}

// softwareMetrics is FAIR4RS software metrics v0.7 (F-UJI metrics_v0.7_software.yaml).
var softwareMetrics = []metricDef{
	{id: "FRSM-01-F1", principle: "F1", name: "Software Identifier", total: 3, tests: []testDef{
		{"FRSM-01-F1-1", 1, 1, "The software has a human and machine-readable unique identifier that is resolvable to a machine-readable landing page and follows a defined unique identifier syntax."},
		{"FRSM-01-F1-2", 1, 2, "The identifier uses an identifier scheme that guarantees globally uniqueness and persistence."},
		{"FRSM-01-F1-3", 1, 3, "The identifier scheme is commonly used in the domain."},
	}},
	{id: "FRSM-02-F1.1", principle: "F1.1", name: "Software Component Identifiers", total: 3, tests: []testDef{
		{"FRSM-02-F1.1-1", 1, 1, "Where the 'software' consists of multiple distinct components, each component has a distinct identifier."},
		{"FRSM-02-F1.1-2", 1, 2, "The relationship between components is embodied in the identifier metadata."},
		{"FRSM-02-F1.1-3", 1, 3, "Every component to granularity level GL3 (module) has its own unique identifier."},
	}},
	{id: "FRSM-03-F1.2", principle: "F1.2", name: "Software Version Identifier", total: 3, tests: []testDef{
		{"FRSM-03-F1.2-1", 1, 1, "Each version of the software has a different identifier."},
		{"FRSM-03-F1.2-2", 1, 2, "Relations between the versions are included in the identifier metadata."},
		{"FRSM-03-F1.2-3", 1, 3, "The version number is included in the identifier metadata."},
	}},
	{id: "FRSM-04-F2", principle: "F2", name: "Descriptive Metadata", total: 3, tests: []testDef{
		{"FRSM-04-F2-1", 1, 1, "The software includes a README or other file which includes the software title and description."},
		{"FRSM-04-F2-2", 1, 2, "The software includes other descriptive metadata such as domain, funder, programming language, date created, and keywords."},
		{"FRSM-04-F2-3", 1, 3, "The metadata is contained in a format such as CodeMeta or ProjectObjectModel that enables full machine actionability."},
	}},
	{id: "FRSM-05-R1", principle: "R1", name: "Development Metadata", total: 3, tests: []testDef{
		{"FRSM-05-R1-1", 1, 1, "The software includes metadata for contact or support in the README or other intrinsic metadata file according to community standards."},
		{"FRSM-05-R1-2", 1, 2, "The software includes metadata for development status, links to documentation."},
		{"FRSM-05-R1-3", 1, 3, "The metadata is contained in a format such as CodeMeta or ProjectObjectModel that enables full machine-actionability."},
	}},
	{id: "FRSM-06-F2", principle: "F2", name: "Contributor metadata", total: 3, tests: []testDef{
		{"FRSM-06-F2-1", 1, 1, "The software includes metadata about the contributors."},
		{"FRSM-06-F2-2", 1, 2, "The software includes citation metadata that includes all contributors and their roles. This includes ORCIDs when contributors have them."},
		{"FRSM-06-F2-3", 1, 3, "Does the citation metadata include the proportional credit attributed to each contributor?"},
	}},
	{id: "FRSM-07-F3", principle: "F3", name: "Identifier in Software Metadata", total: 2, tests: []testDef{
		{"FRSM-07-F3-1", 1, 1, "Does the software include an identifier in the README or citation file?"},
		{"FRSM-07-F3-2", 1, 2, "Does the identifier resolve to the same instance of the software?"},
	}},
	{id: "FRSM-08-F4", principle: "F4", name: "Persistent Metadata", total: 3, tests: []testDef{
		{"FRSM-08-F4-1", 1, 1, "A metadata record for the software is present on an infrastructure that guarantees persistence."},
		{"FRSM-08-F4-2", 1, 2, "The persistent metadata record is available through public search engines. The metadata has a globally unique and persistent identifier."},
		{"FRSM-08-F4-3", 1, 3, "The persistent metadata record is available through multiple, cross-referenced infrastructures."},
	}},
	{id: "FRSM-09-A1", principle: "A1", name: "Standard Communication Protocol of Repository", total: 2, tests: []testDef{
		{"FRSM-09-A1-1", 1, 1, "The code repository / forge can be accessed using the identifier via a standardised protocol."},
		{"FRSM-09-A1-2", 1, 2, "If authentication or authorisation are required, these are supported by the communication protocols and the repository / forge."},
	}},
	{id: "FRSM-10-I1", principle: "I1", name: "Open Referenced Formats", total: 3, tests: []testDef{
		{"FRSM-10-I1-1", 1, 1, "The documentation describes the data formats used."},
		{"FRSM-10-I1-2", 1, 2, "The data formats used are open."},
		{"FRSM-10-I1-3", 1, 3, "A reference to the schema is provided."},
	}},
	{id: "FRSM-11-I1", principle: "I1", name: "Open API", total: 3, tests: []testDef{
		{"FRSM-11-I1-1", 1, 1, "The software provides documented APIs."},
		{"FRSM-11-I1-2", 1, 2, "The APIs are open (freely accessible)."},
		{"FRSM-11-I1-3", 1, 3, "The APIs include a machine-readable interface definition."},
	}},
	{id: "FRSM-12-I2", principle: "I2", name: "References", total: 1, tests: []testDef{
		{"FRSM-12-I2-1", 1, 2, "The software metadata includes machine-readable references to articles describing the software, articles demonstrating use of the software, or to the data it uses."},
	}},
	{id: "FRSM-13-R1", principle: "R1", name: "Requirements", total: 2, tests: []testDef{
		{"FRSM-13-R1-1", 1, 1, "The software has build, installation and/or execution instructions."},
		{"FRSM-13-R1-2", 1, 2, "Dependencies are provided in a machine-readable format and the building and installation of the software is automated."},
	}},
	{id: "FRSM-14-R1", principle: "R1", name: "Test Cases", total: 3, tests: []testDef{
		{"FRSM-14-R1-1", 1, 1, "Tests and data are provided to check that the software is operating as expected."},
		{"FRSM-14-R1-2", 1, 2, "Automated unit and system tests are provided."},
		{"FRSM-14-R1-3", 1, 3, "Code coverage / test coverage is reported."},
	}},
	{id: "FRSM-15-R1.1", principle: "R1.1", name: "Software Source Code License", total: 3, tests: []testDef{
		{"FRSM-15-R1.1-1", 1, 1, "License file is included."},
		{"FRSM-15-R1.1-2", 1, 2, "The source code includes licensing information for all components bundled with that software."},
		{"FRSM-15-R1.1-3", 1, 3, "Recognized licence is in SPDX format."},
	}},
	{id: "FRSM-16-R1.1", principle: "R1.1", name: "Software Metadata License", total: 2, tests: []testDef{
		{"FRSM-16-R1.1-1", 1, 1, "The identifier or metadata record includes licensing and copyright information."},
		{"FRSM-16-R1.1-2", 1, 3, "The software licensing information is in SPDX format, or other machine-readable form."},
	}},
	{id: "FRSM-17-R1.2", principle: "R1.2", name: "Provenance", total: 3, tests: []testDef{
		{"FRSM-17-R1.2-1", 1, 1, "The software source code repository / forge includes a commit history."},
		{"FRSM-17-R1.2-2", 1, 2, "The software source code repository links commits to issues / tickets."},
		{"FRSM-17-R1.2-3", 1, 3, "The software project uses other tools to capture detailed machine readable provenance information."},
	}},
}
