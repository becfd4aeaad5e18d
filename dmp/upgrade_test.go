package dmp_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/dmp"
)

// TestUpgradeSharedDocuments upgrades every shared document: the result has no schema error the input did not
// have, no format warning about dates, and each change has a note.
func TestUpgradeSharedDocuments(t *testing.T) {
	for _, f := range sharedDocs(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, _ := os.ReadFile(f)
			before, err := dmp.Validate(data)
			if err != nil {
				t.Fatal(err)
			}
			doc, _, err := dmp.Read(data)
			if err != nil {
				t.Fatal(err)
			}
			notes := doc.Upgrade()
			var out bytes.Buffer
			if err := doc.Write(&out); err != nil {
				t.Fatal(err)
			}
			after, _ := dmp.Validate(out.Bytes())
			had := map[string]bool{}
			for _, p := range before.Errors() {
				had[p.Path+" "+p.Keyword] = true
			}
			for _, p := range after.Errors() {
				if !had[p.Path+" "+p.Keyword] {
					t.Errorf("new error after upgrade: %s", p)
				}
			}
			for _, p := range after {
				if p.Keyword == "format" && strings.Contains(p.Message, "date") || p.Keyword == "legacy" {
					t.Errorf("after upgrade: %s", p)
				}
			}
			if len(after.Errors()) < len(before.Errors()) && len(notes) == 0 {
				t.Errorf("errors went from %d to %d without a note", len(before.Errors()), len(after.Errors()))
			}
			if doc.Version != "1.2" {
				t.Errorf("Version = %q after upgrade", doc.Version)
			}
			t.Logf("%d -> %d errors, %d notes", len(before.Errors()), len(after.Errors()), len(notes))
		})
	}
}

// TestUpgradeLegacyShapes upgrades a 1.1 document with every legacy shape and checks the 1.2 members it gets.
func TestUpgradeLegacyShapes(t *testing.T) {
	in := `{"dmp": {"title": "T", "created": "2018-07-23T10:10:23.6", "modified": 1612284945000,
	  "dmproadmap_related_identifiers": [{"relation_type": "IsReferencedBy", "related_identifier_type": "URL", "value": "https://dmptool.org"}],
	  "project": [{"title": "P", "project_id": "https://example.org/p/1", "project_id_type": "HTTP-PDB", "start": "2021-09-03T00:00:00Z"}],
	  "dataset": [{"title": "D", "is_reused": "false", "distribution": {"title": "d", "data_access": "open", "byte_size": "1000",
	    "host": {"title": "H", "url": "https://www.re3data.org/repository/r3d100010468", "host_id_type": "HTTP-RE3DATA", "supports_versioning": "yes",
	      "dmproadmap_host_id": {"type": "url", "identifier": "https://www.re3data.org/api/v1/repository/r3d100000044"}}}}]}}`
	doc, readNotes, err := dmp.Read([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Version != "1.1" {
		t.Errorf("Version = %q, want 1.1 from the legacy shapes", doc.Version)
	}
	if len(readNotes) < 6 {
		t.Errorf("read notes: %v", readNotes)
	}
	notes := doc.Upgrade()
	var out bytes.Buffer
	if err := doc.Write(&out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"created": "2018-07-23T10:10:23.6Z"`, `"modified": "2021-02-02T16:55:45.000Z"`,
		`"start": "2021-09-03"`, `"project_id": [`, `"type": "url"`, `"is_reused": false`, `"byte_size": 1000`,
		`"distribution": [`, `"support_versioning": "yes"`, `"related_identifier": [`, `"relation_type": "IsReferencedBy"`,
		`"identifier": "https://www.re3data.org/api/v1/repository/r3d100000044"`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("upgraded document lacks %s\n%s", want, out.String())
		}
	}
	for _, gone := range []string{"project_id_type", "host_id_type", "supports_versioning", "dmproadmap_host_id", "dmproadmap_related"} {
		if strings.Contains(out.String(), gone) {
			t.Errorf("upgraded document still has %s", gone)
		}
	}
	if len(notes) < 10 {
		t.Errorf("want a note per change, got %d:\n%v", len(notes), notes)
	}
}
