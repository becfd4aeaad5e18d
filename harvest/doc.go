// Package harvest gathers metadata records from the registries into JSON Lines files that the streaming commands
// read: OAI-PMH 2.0 repositories (DataCite, HAL, INSPIRE-HEP, arXiv, Zenodo, any other) and the DataCite REST API's
// DOI listing.
//
// # Output
//
// Every harvest writes [Item]s, one JSON object per line:
//
//	{"identifier":"doi:10.5072/abcd-ef12","datestamp":"2026-03-01T10:00:00Z","deleted":false,"record":{"doi":"10.5072/abcd-ef12",...}}
//
// record is the DataCite JSON attributes when the metadata is DataCite (oai_datacite and datacite records are read
// and converted, REST records kept as the API sent them); other metadata (oai_dc, MARC, TEI) is kept as a JSON
// string of its XML; a deleted record has a null record.
//
// An [Output] writes items to a file with a checkpoint file beside it, so that a harvest interrupted by anything
// (a crash, a kill, a network that stays down) resumes where it stopped, and a rerun with the same two files appends
// only what is missing: every item is in the output exactly once.
//
// # OAI-PMH
//
// [NewOAIClient] makes a client of one repository; [HarvestOAI] harvests a [Query] (metadata prefix, set, from,
// until) into an Output, following resumption tokens, retrying 5xx, dropped connections and 503 with Retry-After,
// and listing again from the latest datestamp when a token expires. [OAIClient.ListRecords] is the same without
// files, as an iterator.
//
// # DataCite REST
//
// [HarvestDataCite] lists DOIs through a datacite.Client with cursor paging (page numbers stop at 10,000 records),
// split into time ranges of the updated date that are harvested in parallel, each resumable from the checkpoint.
//
// # Concurrency
//
// Clients and Outputs are safe for concurrent use. A harvest must be the only one writing to its output and
// checkpoint files.
package harvest
