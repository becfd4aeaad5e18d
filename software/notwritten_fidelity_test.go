package software

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/dop2i/fairmeta/fair"
)

// TestNotWrittenFactsTheWritersChange: each of these facts is changed by a write and read back in the formats whose
// notes name it, and kept by the others: subject schemes, contributor types CodeMeta has no role for, the specific
// resource type, description languages, a publication year without an Issued date or with a year-only one.
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
