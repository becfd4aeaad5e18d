package crossref

import (
	"bytes"

	"github.com/dop2i/fairmeta/fair"
)

// Format returns the descriptor of Crossref metadata (named "crossref") for package format: the REST API's JSON
// ([ReadJSON]) and Crossref XML ([ReadXML]), told apart by their first character, detected with [Detect]. It has no
// writer.
func Format() fair.Format {
	return fair.Format{
		Name:        "crossref",
		Description: "Crossref metadata: REST API /works JSON and UNIXSD/unixref XML (read only)",
		MediaTypes:  []string{"application/vnd.crossref-api-message+json", "application/vnd.crossref.unixsd+xml", "application/vnd.crossref.unixref+xml"},
		Extensions:  []string{".json", ".xml"},
		Detect:      Detect,
		Read:        Read,
	}
}

// Read reads Crossref JSON or XML, whichever data is.
func Read(data []byte) ([]*fair.Resource, fair.Notes, error) {
	t := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if len(t) > 0 && t[0] == '<' {
		return ReadXML(data)
	}
	return ReadJSON(data)
}

// Detect reports whether data looks like Crossref metadata: a REST API message of a work or work list, a bare work
// (with DOI, type and a key only Crossref gives: member, reference-count, is-referenced-by-count, deposited or
// indexed; CSL-JSON items have DOI, type and container-title too), or XML whose root is a Crossref query result, record
// or deposit in a Crossref namespace.
func Detect(data []byte) bool {
	t := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if len(t) == 0 {
		return false
	}
	head := t[:min(len(t), 4096)]
	switch t[0] {
	case '{':
		if bytes.Contains(head, []byte(`"message-type"`)) && (bytes.Contains(head, []byte(`"work"`)) || bytes.Contains(head, []byte(`"work-list"`))) {
			return true
		}
		// DOI, type and container-title are CSL-JSON's keys too: a bare work needs a key only Crossref gives.
		if !bytes.Contains(t, []byte(`"DOI"`)) || !bytes.Contains(t, []byte(`"type"`)) {
			return false
		}
		for _, k := range []string{`"member"`, `"reference-count"`, `"is-referenced-by-count"`, `"deposited"`, `"indexed"`} {
			if bytes.Contains(t, []byte(k)) {
				return true
			}
		}
		return false
	case '<':
		if !bytes.Contains(head, []byte("crossref.org/")) {
			return false
		}
		for _, root := range []string{"<crossref_result", "<doi_records", "<doi_record", "<crossref ", "<crossref>", "<doi_batch"} {
			if bytes.Contains(head, []byte(root)) {
				return true
			}
		}
	}
	return false
}
