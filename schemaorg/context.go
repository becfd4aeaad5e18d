package schemaorg

import _ "embed"

// embeddedContext is the schema.org context written for this package: the terms [Marshal] writes, each defined as
// the official schema.org context (release 30.0) defines it, with the same @id coercions, so that a document this
// package writes means the same with either context. It is served for every schema.org context URL unless the
// caller gives the official one ([WithSchemaOrgContext]).
//
//go:embed context.jsonld
var embeddedContext []byte

// EmbeddedContext returns a copy of the schema.org JSON-LD context document embedded in this package.
func EmbeddedContext() []byte { return append([]byte(nil), embeddedContext...) }
