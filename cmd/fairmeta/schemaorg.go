package main

import (
	"bytes"
	"fmt"
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
		read: func(data []byte) ([]*fair.Resource, []note, error) {
			r, rep, err := schemaorg.Read(data)
			if err != nil {
				return nil, nil, err
			}
			var notes []note
			if rep != nil {
				for _, u := range rep.Unmapped {
					notes = append(notes, note{Path: u.Path, Msg: fmt.Sprintf("%s (%s)", u.Value, u.Reason)})
				}
			}
			return []*fair.Resource{r}, notes, nil
		},
		write: func(w io.Writer, r *fair.Resource) error { return schemaorg.Write(w, r) },
	})
}
