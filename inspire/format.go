package inspire

import (
	"bytes"

	"github.com/dop2i/fairmeta/fair"
)

// Format returns the descriptor of INSPIRE-HEP literature records (named "inspire") for package format: read with
// [Read] (a record, a REST API record or a search result), detected with [Detect]. It has no writer.
func Format() fair.Format {
	return fair.Format{
		Name:        "inspire",
		Description: "INSPIRE-HEP literature records (REST API JSON, hep schema)",
		MediaTypes:  []string{"application/json"},
		Extensions:  []string{".json"},
		Detect:      Detect,
		Read:        Read,
	}
}

// Detect reports whether data looks like an INSPIRE literature record or search result: a JSON object naming the
// hep schema, or one with control_number, document_type and titles.
func Detect(data []byte) bool {
	t := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	if len(t) == 0 || t[0] != '{' {
		return false
	}
	if bytes.Contains(t, []byte(`/schemas/records/hep.json"`)) {
		return true
	}
	return bytes.Contains(t, []byte(`"control_number"`)) && bytes.Contains(t, []byte(`"document_type"`)) &&
		bytes.Contains(t, []byte(`"titles"`))
}
