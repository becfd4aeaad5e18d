// Package datacite reads, writes and validates DataCite Metadata Schema 4.x records in XML and JSON, converts them to
// and from fair.Resource, and talks to the DataCite REST API to mint and manage DOIs.
//
// # The record
//
// [Record] holds one DataCite record: the 4.7 metadata property for property (creators, titles, publisher, ...,
// relatedItems) and the attributes the REST API adds (url, state, created, updated, registered, published, client,
// and event for requests). Its fields carry the DataCite JSON names, its controlled values the typed constants of
// package fair. It is a plain struct, pleasant to build by hand:
//
//	rec := &datacite.Record{
//		DOI:             "10.82433/b09z-4k37",
//		Creators:        []datacite.Creator{{Name: "Lefèvre, Camille", NameType: fair.NamePersonal}},
//		Titles:          []datacite.Title{{Title: "Calibrated air-shower events"}},
//		Publisher:       datacite.Publisher{Name: "CC-IN2P3"},
//		PublicationYear: 2026,
//		Types:           datacite.Types{ResourceTypeGeneral: fair.ResourceTypeDataset},
//	}
//
// # Reading and writing
//
//   - [ReadXML] reads DataCite XML of kernel-4 (4.0 to 4.7) and kernel-3 (upgraded to 4.7), in UTF-8 or UTF-16, with
//     or without namespace prefixes. [Record.WriteXML], [Record.AppendXML] and [Record.MarshalXMLBytes] write 4.7 XML.
//   - [ReadJSON] reads the DataCite JSON of the REST API: a JSON:API document of one record, a list
//     ({"data": [...]}) or a bare attributes object; [ReadJSONRecord] insists on exactly one.
//     [Record.WriteJSON] writes a JSON:API document, [WriteJSONList] a list.
//   - json.Marshal(rec) gives the `data.attributes` object ([Record.MarshalJSON]) and json.Unmarshal reads one
//     ([Record.UnmarshalJSON]); [Record.MarshalJSONAPI] gives the whole {"data": {...}} document.
//
// Bad input is a *[ReadError] with the line, column and path. Reading keeps everything: REST attributes the
// schema does not define go to [Record.Extra] and [Record.Relationships] and are written back. What a record cannot
// hold (an element or key the schema does not define, a year that is not a number) is returned beside it as
// fair.Notes (notRead) and reported again by [Validate].
//
// [XMLFormat] and [JSONFormat] describe the two formats for package format, which detects them and converts them
// to and from the other formats.
//
// # The REST API body
//
// A create or update request is the JSON:API document of the record with an event:
//
//	rec.Event = datacite.EventPublish
//	rec.URL = "https://data.example.org/runs/4271"
//	body, err := rec.MarshalJSONAPI() // {"data":{"id":"10.82433/b09z-4k37","type":"dois","attributes":{"doi":...,"event":"publish","url":...}}}
//
// and a response decodes with rec, _, err := datacite.ReadJSONRecord(respBody) (or ReadJSON for a list), which fills
// State, Created, Updated, Registered, Published, Client and the metadata as the API stored it.
//
// # Conversion
//
// [ToResource] and [FromResource] convert to and from fair.Resource, which holds everything the 4.7 schema
// defines: XML → Resource → XML and JSON → Resource → JSON keep every element, attribute and value, and XML and JSON
// of the same record give the same Resource. A description's text keeps its whitespace as text (the newlines and
// indentation of an XML file come back as they were) and its <br/> elements as fair.LineBreak (U+2028, the Unicode
// line separator; written <br/> in XML and as that character in JSON), so that both come back as they came; a U+2028
// character in XML text is the one thing read as a <br/>. Two forms are read as the same value and written in one
// way: publisher and affiliation as a plain string or an object with only a name (written as objects). A geoLocation that holds several places, points or
// boxes (the XSD allows it, DataCite JSON does not) is read as several geoLocations, with a warning. [NotWritten] says
// what of a Resource has no DataCite property (distributions, software facts, emails).
//
// # Validation
//
// [Validate] checks a Record against schema 4.7 in Go, with no external tool, and returns every problem at once as a
// [Report]: each [Problem] has a path such as creators[0].affiliation[1].affiliationIdentifier, a [Severity] and a
// message a person can act on. Errors are exactly what the 4.7 XSD rejects; warnings are what it accepts but is
// likely wrong (bad ORCID, ROR and ISNI check digits, dates that are not ISO 8601, unregistered language tags,
// unclosed polygons). [ValidateResource] validates a fair.Resource as the record FromResource makes of it.
//
// # The REST API client
//
// [NewClient] makes a [Client] for the DataCite REST API from options ([WithBaseURL], [WithCredentials], [WithEnv]
// for DATACITE_API_URL, DATACITE_USERNAME and DATACITE_PASSWORD, ...); it talks to the test system unless production
// is chosen explicitly. [Client.DOIs] creates, reads, updates, registers, publishes, hides, shows, deletes and lists
// DOIs; every call takes a context, is rate limited and retried with backoff where that is safe, and fails with a
// typed [*APIError] (errors.Is with [ErrAlreadyTaken], [ErrInvalidMetadata], [ErrRateLimited], ...). [Client.Mint] and
// [Client.MintBatch] create DOIs exactly once through timeouts, lost answers and 5xx, with a resumable journal for
// batches. Package datacite/datacitetest is a loopback DataCite to test all of this, and pipelines built on it,
// offline. A Client is safe for concurrent use.
//
// Everything here is safe for concurrent use on distinct records; a Record is not safe to modify concurrently.
package datacite
