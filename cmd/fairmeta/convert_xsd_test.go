package main

import (
	"strings"
	"testing"
)

// TestConvertWarnsOfInvalidDataCiteXML: a record without DOI and publicationYear converts to DataCite XML (a draft
// to complete), and the warnings name each mandatory property missing.
func TestConvertWarnsOfInvalidDataCiteXML(t *testing.T) {
	in := `{"titles":[{"title":"Calibrated events"}],"creators":[{"name":"Lefèvre, Camille"}],"publisher":{"name":"CC-IN2P3"},"resourceType":{"general":"Dataset"}}`
	code, out, errOut := runCLI(t, in, "convert", "-from", "fair", "-to", "datacite-xml", "-")
	if code != 0 || !strings.Contains(out, "<title>Calibrated events</title>") {
		t.Fatalf("exit %d; stdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	for _, prop := range []string{"identifier.value", "publicationYear"} {
		if !strings.Contains(errOut, "warning") || !strings.Contains(errOut, prop+": the DataCite XML written is invalid by the 4.7 XSD") {
			t.Errorf("no warning naming %s:\n%s", prop, errOut)
		}
	}
	if strings.Contains(errOut, "publisher:") || strings.Contains(errOut, "titles:") {
		t.Errorf("a warning for a property the record has:\n%s", errOut)
	}
	// A complete record converts without a word.
	in = strings.Replace(in, `"titles"`, `"identifier":{"value":"10.82433/b09z-4k37","type":"DOI"},"publicationYear":2026,"titles"`, 1)
	code, _, errOut = runCLI(t, in, "convert", "-from", "fair", "-to", "datacite-xml", "-")
	if code != 0 || errOut != "" {
		t.Errorf("complete record: exit %d, stderr:\n%s", code, errOut)
	}
}
