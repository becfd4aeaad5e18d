package schemaorg

import (
	"bytes"

	"github.com/dop2i/fairmeta/fair"
)

// Format returns the descriptor of schema.org JSON-LD (named "schemaorg") for package format: read with [Read] from
// JSON-LD or from an HTML landing page's <script type="application/ld+json"> blocks, written as JSON-LD with
// [Write]. Detection takes an HTML page (a doctype, an html element or a JSON-LD script), and JSON with an @context that names schema.org; CodeMeta documents, whose
// context names codemeta, are the software package's.
func Format() fair.Format {
	return fair.Format{
		Name:        "schemaorg",
		Description: "schema.org JSON-LD; reads HTML landing pages too",
		MediaTypes:  []string{"application/ld+json", "text/html"},
		Extensions:  []string{".jsonld", ".html", ".htm", ".json"},
		Detect:      detect,
		Read: func(data []byte) ([]*fair.Resource, fair.Notes, error) {
			r, notRead, err := Read(data)
			if err != nil {
				return nil, nil, err
			}
			return []*fair.Resource{r}, notRead, nil
		},
		Write: Write,
	}
}

func detect(data []byte) bool {
	if IsHTML(data) {
		// An HTML page, not XML of another kind: a doctype, an html element or a JSON-LD script.
		low := asciiLower(data[:min(len(data), 64<<10)])
		return bytes.Contains(low, []byte("<!doctype html")) || bytes.Contains(low, []byte("<html")) ||
			bytes.Contains(low, []byte("application/ld+json"))
	}
	t := bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	return len(t) > 0 && (t[0] == '{' || t[0] == '[') && bytes.Contains(t, []byte(`"@context"`)) && bytes.Contains(t, []byte("schema.org")) &&
		!bytes.Contains(t, []byte("codemeta"))
}
