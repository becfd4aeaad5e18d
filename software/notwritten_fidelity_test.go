package software

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/dop2i/fairmeta/fair"
)

// TestNotWrittenFactsTheWritersChange: each of these facts is changed by a write and read back in the formats whose
// notes name it, and kept by the others: subject schemes, contributor types CodeMeta has no role for, the specific
// resource type, description languages, a publication year without an Issued date or with a year-only one, a
// licence's name and URL beside its SPDX identifier (and no note when the licence is just its SPDX identifier).
func TestNotWrittenFactsTheWritersChange(t *testing.T) {
	base := func() *fair.Resource {
		return &fair.Resource{Titles: []fair.Title{{Title: "tool"}}, ResourceType: fair.ResourceType{General: fair.ResourceTypeSoftware},
			Creators:     []fair.Creator{{Name: "Roe, Jane", GivenName: "Jane", FamilyName: "Roe", NameType: fair.NamePersonal}},
			Descriptions: []fair.Description{{Description: "Abstract.", Type: fair.DescriptionAbstract}},
			Dates:        []fair.Date{{Date: "2024-05-06", Type: fair.DateIssued}}, PublicationYear: 2024}
	}
	for _, tc := range []struct {
		name   string
		change func(r *fair.Resource)
		path   string
		get    func(r *fair.Resource) any
	}{
		{"subject scheme", func(r *fair.Resource) {
			r.Subjects = []fair.Subject{{Subject: "Physics", Scheme: "PACS", ClassificationCode: "01"}}
		}, "subjects", func(r *fair.Resource) any { return r.Subjects }},
		{"contributor type", func(r *fair.Resource) {
			r.Contributors = []fair.Contributor{{Creator: fair.Creator{Name: "Doe, J", GivenName: "J", FamilyName: "Doe", NameType: fair.NamePersonal},
				ContributorType: fair.ContributorDataCollector}}
		}, "contributors", func(r *fair.Resource) any { return r.Contributors }},
		{"specific type", func(r *fair.Resource) { r.ResourceType.Type = "library" }, "resourceType.type",
			func(r *fair.Resource) any { return r.ResourceType }},
		{"description language", func(r *fair.Resource) { r.Descriptions[0].Lang = "en" }, "descriptions",
			func(r *fair.Resource) any { return r.Descriptions }},
		{"year without an Issued date", func(r *fair.Resource) { r.Dates = nil }, "publicationYear",
			func(r *fair.Resource) any { return r.PublicationYear }},
		{"year-only Issued date", func(r *fair.Resource) { r.Dates[0].Date = "2024" }, "publicationYear",
			func(r *fair.Resource) any { return r.PublicationYear }},
		{"licence name beside its SPDX identifier", func(r *fair.Resource) {
			r.Rights = []fair.Rights{{Rights: "Creative Commons Attribution 4.0 International", Identifier: "cc-by-4.0", IdentifierScheme: "SPDX",
				URI: "https://creativecommons.org/licenses/by/4.0/legalcode"}}
		}, "rights", func(r *fair.Resource) any {
			if len(r.Rights) != 1 {
				return nil
			}
			return r.Rights[0].Rights + " " + r.Rights[0].URI
		}},
		{"SPDX licence as written", func(r *fair.Resource) {
			r.Rights = []fair.Rights{{Rights: "Apache-2.0", Identifier: "Apache-2.0", IdentifierScheme: "SPDX",
				URI: "https://spdx.org/licenses/Apache-2.0.html", SchemeURI: "https://spdx.org/licenses/"}}
		}, "rights", func(r *fair.Resource) any { return r.Rights }},
	} {
		for _, f := range []fair.Format{CFFFormat(), CodeMetaFormat(), ZenodoFormat()} {
			r := base()
			tc.change(r)
			var b bytes.Buffer
			notWritten, err := f.Write(&b, r)
			if err != nil {
				t.Fatalf("%s, %s: %v", tc.name, f.Name, err)
			}
			noted := false
			for _, n := range notWritten {
				noted = noted || n.Path == tc.path
			}
			back, _, err := f.Read(b.Bytes())
			if err != nil {
				t.Fatalf("%s, %s: %v", tc.name, f.Name, err)
			}
			if changed := !reflect.DeepEqual(tc.get(back[0]), tc.get(r)); changed != noted {
				t.Errorf("%s, %s: changed by the round trip %v, noted %v (%v): %+v", tc.name, f.Name, changed, noted, notWritten, tc.get(back[0]))
			}
		}
	}
}
