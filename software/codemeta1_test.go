package software

import (
	"slices"
	"testing"

	"github.com/dop2i/fairmeta/fair"
)

// TestReadCodeMeta1: a codemeta.json of CodeMeta 1 (agents typed in lower case, licenseId, tags, downloadLink,
// depends as a typed value, uploadedBy) reads like its CodeMeta 2 form; what the record has no place for (an
// agent's role and flags, a term given under both names) is reported with the input's own names.
func TestReadCodeMeta1(t *testing.T) {
	in := `{"@context": "https://raw.githubusercontent.com/codemeta/codemeta/master/codemeta.jsonld",
  "@type": "SoftwareSourceCode",
  "title": "tool",
  "agents": [
    {"@id": "http://orcid.org/0000-0002-1825-0097", "@type": "person", "name": "Jane Roe", "email": "jr@example.org",
     "affiliation": "Lab", "mustBeCited": true, "role": {"roleCode": ["originator"]}},
    {"@type": "organization", "name": "Example University"}],
  "licenseId": "Apache-2.0",
  "tags": ["a", "b"],
  "keywords": "c",
  "downloadLink": "https://example.org/tool-1.0.tar.gz",
  "depends": {"@type": "URL", "@value": "https://github.com/example/dep"},
  "uploadedBy": {"@type": "person", "name": "Rich Roe"},
  "version": "1.0"}`
	r, notRead, err := ReadCodeMeta([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Titles) != 1 || r.Titles[0].Title != "tool" {
		t.Errorf("titles %+v", r.Titles)
	}
	if len(r.Creators) != 2 || r.Creators[0].NameType != fair.NamePersonal || r.Creators[0].Email != "jr@example.org" ||
		len(r.Creators[0].NameIdentifiers) != 1 || r.Creators[1].NameType != fair.NameOrganizational {
		t.Errorf("creators %+v", r.Creators)
	}
	if len(r.Rights) != 1 || r.Rights[0].Identifier != "Apache-2.0" {
		t.Errorf("rights %+v", r.Rights)
	}
	if len(r.Distributions) != 1 || r.Distributions[0].ContentURL != "https://example.org/tool-1.0.tar.gz" {
		t.Errorf("distributions %+v", r.Distributions)
	}
	if rq := r.Software.Requirements; len(rq) != 1 || rq[0].Name != "https://github.com/example/dep" {
		t.Errorf("requirements %+v", rq)
	}
	if len(r.Contributors) != 1 || r.Contributors[0].Name != "Rich Roe" || r.Contributors[0].ContributorType != fair.ContributorContactPerson {
		t.Errorf("contributors %+v", r.Contributors)
	}
	if !slices.Equal(r.Keywords, []string{"c"}) {
		t.Errorf("keywords %v: the CodeMeta 2 term wins over tags", r.Keywords)
	}
	var paths []string
	for _, n := range notRead {
		paths = append(paths, n.Path)
	}
	if want := []string{"agents[0].mustBeCited", "agents[0].role", "tags"}; !slices.Equal(paths, want) {
		t.Errorf("notRead paths %v, want %v", paths, want)
	}
}
