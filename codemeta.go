package fairmeta

import (
	"bytes"
	_ "embed"
)

//go:embed codemeta.json
var codeMeta []byte

// CodeMeta returns the project's own CodeMeta 3.0 document, codemeta.json at the root of the repository: its name,
// description, licence (Apache-2.0, the LICENSE file), authors and repository. "fairmeta software describe -self"
// completes the program's Go build information with it (software.SelfDescribed).
func CodeMeta() []byte { return bytes.Clone(codeMeta) }
