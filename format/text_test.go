package format_test

import (
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/format"
)

// TestJSONTextPolicy: every JSON reader of the registry refuses invalid UTF-8 and lone UTF-16 surrogates in a
// string, naming the string's path (a title, or schema.org's name), as the XML readers refuse text that is not Unicode — never replaced silently
// by U+FFFD. One document per format, each with the bad text in a title.
func TestJSONTextPolicy(t *testing.T) {
	docs := map[string]string{
		"fair":          `{"titles": [{"title": "T%s"}], "resourceType": {"general": "Dataset"}}`,
		"datacite-json": `{"data": {"type": "dois", "attributes": {"doi": "10.5072/x", "titles": [{"title": "T%s"}]}}}`,
		"schemaorg":     `{"@context": "https://schema.org", "@type": "Dataset", "name": "T%s"}`,
		"codemeta":      `{"@context": "https://w3id.org/codemeta/3.0", "@type": "SoftwareSourceCode", "name": "T%s"}`,
		"zenodo":        `{"title": "T%s", "upload_type": "software"}`,
		"madmp":         `{"dmp": {"title": "T%s", "dataset": []}}`,
		"dmp-opidor":    `{"meta": {"title": "T%s"}, "project": {}, "researchOutput": []}`,
		"csl-json":      `[{"id": "a", "type": "dataset", "title": "T%s"}]`,
		"inspire":       `{"metadata": {"titles": [{"title": "T%s"}], "control_number": 1}}`,
		"crossref":      `{"status": "ok", "message-type": "work", "message": {"DOI": "10.5072/x", "type": "dataset", "title": ["T%s"]}}`,
	}
	for name, doc := range docs {
		for bad, want := range map[string]string{`\ud800`: "lone UTF-16 surrogate", `\udfff x`: "lone UTF-16 surrogate", "\xff": "invalid UTF-8"} {
			data := []byte(strings.Replace(doc, "%s", bad, 1))
			_, recs, _, err := format.Default().Read(name, data)
			if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "title") && !strings.Contains(err.Error(), "(name)") {
				t.Errorf("%s with %q: %d records, err %v; want an error saying %q at the title's path", name, bad, len(recs), err, want)
			}
		}
		// The same document with a surrogate pair is read.
		if _, _, _, err := format.Default().Read(name, []byte(strings.Replace(doc, "%s", `\ud83d\ude00`, 1))); err != nil && strings.Contains(err.Error(), "surrogate") {
			t.Errorf("%s: a surrogate pair refused: %v", name, err)
		}
	}
}
