package software

import (
	"bytes"

	"github.com/dop2i/fairmeta/fair"
)

// CodeMetaFormat returns the descriptor of CodeMeta (named "codemeta") for package format: read with
// [ReadCodeMeta] (3.0 and 2.0), written with [WriteCodeMeta] (3.0). Detection takes a JSON object whose @context
// names codemeta; plain schema.org is the schemaorg package's.
func CodeMetaFormat() fair.Format {
	return fair.Format{
		Name:        "codemeta",
		Description: "CodeMeta 3.0 codemeta.json (reads 2.0 too)",
		MediaTypes:  []string{"application/ld+json"},
		Extensions:  []string{".json", ".jsonld"},
		Detect: func(data []byte) bool {
			t := trimJSON(data)
			// A CodeMeta context: w3id.org/codemeta, doi.org/10.5063/schema/codemeta-2.0, the GitHub raw file.
			return len(t) > 0 && t[0] == '{' && bytes.Contains(t, []byte(`"@context"`)) && bytes.Contains(t, []byte("codemeta"))
		},
		Read:  readOne(ReadCodeMeta),
		Write: WriteCodeMeta,
	}
}

// CFFFormat returns the descriptor of the Citation File Format (named "cff") for package format: read with
// [ReadCFF], which validates against the CFF 1.2.0 schema first, written with [WriteCFF].
func CFFFormat() fair.Format {
	return fair.Format{
		Name:        "cff",
		Description: "Citation File Format 1.2.0 (CITATION.cff)",
		MediaTypes:  []string{"application/yaml"},
		Extensions:  []string{".cff"},
		Detect: func(data []byte) bool {
			return bytes.HasPrefix(trimJSON(data), []byte("cff-version:")) || bytes.Contains(data, []byte("\ncff-version:"))
		},
		Read:  readOne(ReadCFF),
		Write: WriteCFF,
	}
}

// ZenodoFormat returns the descriptor of Zenodo's .zenodo.json (named "zenodo") for package format: read with
// [ReadZenodo], written with [WriteZenodo].
func ZenodoFormat() fair.Format {
	return fair.Format{
		Name:        "zenodo",
		Description: "Zenodo deposit metadata (.zenodo.json of the GitHub integration)",
		MediaTypes:  []string{"application/json"},
		Extensions:  []string{".zenodo.json", ".json"},
		Detect: func(data []byte) bool {
			t := trimJSON(data)
			return len(t) > 0 && t[0] == '{' && bytes.Contains(t, []byte(`"upload_type"`)) && bytes.Contains(t, []byte(`"creators"`))
		},
		Read:  readOne(ReadZenodo),
		Write: WriteZenodo,
	}
}

func trimJSON(data []byte) []byte {
	return bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
}

// readOne adapts a reader of one record to fair.Format's Read.
func readOne(read func([]byte) (*fair.Resource, fair.Notes, error)) func([]byte) ([]*fair.Resource, fair.Notes, error) {
	return func(data []byte) ([]*fair.Resource, fair.Notes, error) {
		r, notRead, err := read(data)
		if err != nil {
			return nil, nil, err
		}
		return []*fair.Resource{r}, notRead, nil
	}
}
