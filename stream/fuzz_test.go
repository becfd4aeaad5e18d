package stream

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
)

// FuzzDecode feeds arbitrary lines to the decoder (its JSON member scanner, the harvested-item and resource-object
// unwrapping, then the registry's readers): it must never panic, and never return records beside an error. The
// member scanner must agree with encoding/json about the top-level keys of every well-formed object.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"identifier":"doi:10.5072/a","datestamp":"2026-01-01","deleted":false,"record":{"doi":"10.5072/a","types":{"resourceTypeGeneral":"Dataset"}}}`))
	f.Add([]byte(`{"identifier":"oai:x:1","datestamp":"2026-01-01","deleted":false,"record":"<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\"/>"}`))
	f.Add([]byte(`{"id":"10.5072/a","type":"dois","attributes":{"doi":"10.5072/a","titles":[{"title":"x \"y\" {z}"}]},"relationships":{}}`))
	f.Add([]byte(`{"data":{"id":"10.5072/a","type":"dois","attributes":{}}}`))
	f.Add([]byte(`{"identifier":"x","deleted":true,"record":null}`))
	f.Add([]byte(`{"a":[1,{"b":"\\"}"}],"c":-1.5e3}`))
	dec := Decoder{}
	f.Fuzz(func(t *testing.T, line []byte) {
		recs, _, err := dec.Decode(line)
		if err != nil && len(recs) > 0 {
			t.Fatalf("records beside an error: %v", err)
		}
		var obj map[string]json.RawMessage
		if json.Unmarshal(line, &obj) == nil && bytes.HasPrefix(bytes.TrimSpace(line), []byte("{")) {
			n := 0
			if err := members(bytes.TrimSpace(line), func(key string, val []byte) bool {
				if _, ok := obj[key]; !ok {
					t.Fatalf("members found key %q that encoding/json did not", key)
				}
				n++
				return true
			}); err != nil {
				t.Fatalf("members failed on a well-formed object: %v", err)
			}
			if n < len(obj) {
				t.Fatalf("members found %d keys, encoding/json %d", n, len(obj))
			}
		}
	})
}

// FuzzRun feeds arbitrary input to the engine's line reader: it must never panic, and when the input is neither
// gzip nor a tar archive nor a pretty-printed document, every non-blank line must reach the Func once, in order.
func FuzzRun(f *testing.F) {
	f.Add([]byte("a\nb\r\n\n  \nc"))
	f.Add([]byte("{\n \"a\": 1\n}\n{\"b\":"))
	f.Add([]byte("\x1f\x8b garbage"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var got bytes.Buffer
		_, err := Run(context.Background(), []string{Stdin}, &got, func() Func {
			return func(rec Record, out []byte) ([]byte, error) { return append(append(out, rec.Data...), 0), nil }
		}, Options{Stdin: bytes.NewReader(data), BatchBytes: 16})
		if err != nil || isGzip(data) || isTar(data) || bytes.ContainsAny(data, "{[") {
			return
		}
		var want []byte
		for _, l := range bytes.Split(data, []byte("\n")) {
			l = bytes.TrimRight(l, "\r\n")
			if len(bytes.TrimSpace(l)) > 0 {
				want = append(append(want, l...), 0)
			}
		}
		if !bytes.Equal(got.Bytes(), want) {
			t.Fatalf("lines %q, want %q", got.Bytes(), want)
		}
	})
}
