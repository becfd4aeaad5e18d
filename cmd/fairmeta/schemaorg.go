package main

import (
	"bytes"
	"io"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/schemaorg"
)

// The schema.org JSON-LD format: read from JSON-LD or from an HTML landing page, written as JSON-LD.
func init() {
	registerFormat(format{
		name: "schemaorg",
		detect: func(data []byte) bool {
			if schemaorg.IsHTML(data) {
				return true
			}
			t := bytes.TrimSpace(data)
			return len(t) > 0 && (t[0] == '{' || t[0] == '[') && bytes.Contains(t, []byte(`"@context"`)) && bytes.Contains(t, []byte("schema.org"))
		},
		read: func(data []byte) ([]*fair.Resource, error) {
			r, _, err := schemaorg.Read(data)
			if err != nil {
				return nil, err
			}
			return []*fair.Resource{r}, nil
		},
		write: func(w io.Writer, r *fair.Resource) error { return schemaorg.Write(w, r) },
	})
}
