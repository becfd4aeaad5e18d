package dmp_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/dop2i/fairmeta/dmp"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// sharedDocs returns the maDMP documents of the shared data: the official examples and real tools' documents.
func sharedDocs(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, dir := range []string{"examples", "real"} {
		m, _ := filepath.Glob(filepath.Join(testenv.SharedData(t, "dmp", dir), "*.json"))
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("found %d maDMP documents in the shared data, want at least 10", len(files))
	}
	return files
}

// sameTree reports whether two JSON texts parse to equal trees (encoding/json, independent of the package's reader).
func sameTree(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatalf("first document: %v", err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatalf("written document is not JSON: %v\n%s", err, b)
	}
	return reflect.DeepEqual(x, y)
}

func TestRoundTripSharedDocuments(t *testing.T) {
	for _, f := range sharedDocs(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			doc, notes, err := dmp.Read(data)
			if err != nil {
				t.Fatalf("Read: %v", err)
			}
			var out bytes.Buffer
			if err := doc.Write(&out); err != nil {
				t.Fatal(err)
			}
			if !sameTree(t, data, out.Bytes()) {
				t.Errorf("written tree differs from the input\nnotes: %v\nout:\n%s", notes, out.Bytes())
			}
			for _, n := range notes {
				t.Logf("note: %s", n)
			}
		})
	}
}
