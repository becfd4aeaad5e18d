package testenv

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"testing"
)

// jsonSchemaScript validates documents (a JSON object of name → document on stdin) against the schema whose path is
// its argument, and prints a JSON object of name → list of messages (empty when the document is valid).
const jsonSchemaScript = `
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1], encoding="utf-8"))
cls = jsonschema.validators.validator_for(schema)
cls.check_schema(schema)
v = cls(schema)
docs = json.load(sys.stdin)
out = {}
for name, doc in docs.items():
    out[name] = ["%s: %s" % ("/".join(str(p) for p in e.absolute_path) or "$", e.message) for e in v.iter_errors(doc)]
json.dump(out, sys.stdout)
`

// JSONSchema validates JSON documents against a JSON schema file with Python's jsonschema package (Debian's
// python3-jsonschema), all in one run, and returns each document's messages: none for a valid document. It skips
// the test (fails it under CI) when python3 or the package is missing.
func JSONSchema(tb testing.TB, schema string, docs map[string]json.RawMessage) map[string][]string {
	tb.Helper()
	py := Tool(tb, "python3", "apt-get install python3 python3-jsonschema")
	if err := exec.Command(py, "-c", "import jsonschema").Run(); err != nil {
		missing(tb, "python3-jsonschema", "the python3 jsonschema package is not installed (apt-get install python3-jsonschema)")
	}
	in, err := json.Marshal(docs)
	if err != nil {
		tb.Fatal(err)
	}
	cmd := exec.Command(py, "-c", jsonSchemaScript, schema)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("jsonschema: %v: %s", err, stderr.String())
	}
	var res map[string][]string
	if err := json.Unmarshal(out, &res); err != nil {
		tb.Fatalf("jsonschema output: %v", err)
	}
	return res
}
