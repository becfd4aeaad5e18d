// Package datacite reads, writes and validates DataCite Metadata Schema 4.x records in XML and JSON, converts them to
// and from fair.Resource, and talks to the DataCite REST API to mint and manage DOIs.
package datacite
