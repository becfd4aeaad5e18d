package datacite_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/testdiff"
)

func TestNotWritten(t *testing.T) {
	res := &fair.Resource{
		Creators:      []fair.Creator{{Name: "A", Email: "a@example.org"}, {Name: "B", Website: "https://b.example.org"}},
		Contributors:  []fair.Contributor{{Creator: fair.Creator{Name: "C", Email: "c@example.org"}, ContributorType: fair.ContributorEditor}},
		Distributions: []fair.Distribution{{ContentURL: "https://x/1"}, {ContentURL: "https://x/2"}},
		Software:      fair.Software{Tag: "v1"},
	}
	testdiff.Check(t, "NotWritten", datacite.NotWritten(res), fair.Notes{
		{Path: "distributions", Value: "2 distributions", Reason: "DataCite has no property for it"},
		{Path: "software", Reason: "DataCite has no property for it"},
		{Path: "creators[0].email", Value: "a@example.org", Reason: "DataCite has no property for a person's email"},
		{Path: "creators[1].website", Value: "https://b.example.org", Reason: "DataCite has no property for a person's website"},
		{Path: "contributors[0].email", Value: "c@example.org", Reason: "DataCite has no property for a person's email"},
	})
	// The formats' writers return the same notes.
	for _, f := range []fair.Format{datacite.XMLFormat(), datacite.JSONFormat()} {
		var b bytes.Buffer
		notWritten, err := f.Write(&b, res)
		if err != nil {
			t.Fatal(err)
		}
		nw := datacite.NotWritten(res)
		if f.Name == "datacite-xml" {
			// The XML of a record without DOI, titles, publisher, year and type is invalid by the XSD: the writer
			// names each missing mandatory property, in the record's terms, after what it cannot hold.
			missing := map[string]bool{}
			for _, n := range notWritten[min(len(nw), len(notWritten)):] {
				if strings.HasPrefix(n.Reason, "the DataCite XML written is invalid by the 4.7 XSD: ") {
					missing[n.Path] = true
				}
			}
			for _, p := range []string{"identifier.value", "titles", "publisher", "publicationYear", "resourceType.general"} {
				if !missing[p] {
					t.Errorf("datacite-xml: no note that %s is missing: %v", p, notWritten)
				}
			}
			notWritten = notWritten[:min(len(nw), len(notWritten))]
		}
		testdiff.Check(t, f.Name+" notWritten", notWritten, nw)
	}
	if datacite.NotWritten(&fair.Resource{Titles: []fair.Title{{Title: "T"}}}) != nil {
		t.Error("a record DataCite holds whole has notes")
	}
}

func TestReadXMLNotes(t *testing.T) {
	_, notRead, err := datacite.ReadXML([]byte(`<resource xmlns="http://datacite.org/schema/kernel-4"><titles><title>T</title></titles>
<publicationYear>twenty</publicationYear></resource>`))
	if err != nil {
		t.Fatal(err)
	}
	if len(notRead) != 1 || notRead[0].Path != "publicationYear" || !strings.Contains(notRead[0].Reason, "is not a year") {
		t.Errorf("notRead %v, want the year that is not a number", notRead)
	}
}

// ValidateInput checks DataCite's own formats as documents, and other formats through the records they read with
// what those could not carry in as warnings.
func TestValidateInput(t *testing.T) {
	for _, tc := range []struct {
		name  string
		f     fair.Format
		in    string
		check func(t *testing.T, reps []datacite.Report)
	}{
		{"XML element the schema does not allow", datacite.XMLFormat(), `<resource xmlns="http://datacite.org/schema/kernel-4"><titles><title>T</title></titles>
<colour>red</colour></resource>`, func(t *testing.T, reps []datacite.Report) {
			found := false
			for _, p := range reps[0].Errors() {
				found = found || strings.Contains(p.Message, "<colour> is not allowed")
			}
			if len(reps) != 1 || !found {
				t.Errorf("reports %v, want the unknown element as an error", reps)
			}
		}},
		{"JSON:API list", datacite.JSONFormat(), `{"data":[{"type":"dois","attributes":{"doi":"10.82433/x"}},{"type":"dois","attributes":{"doi":"10.82433/y"}}]}`,
			func(t *testing.T, reps []datacite.Report) {
				if len(reps) != 2 || !reps[0].HasErrors() || !reps[1].HasErrors() {
					t.Errorf("reports %v, want two, each missing the mandatory properties", reps)
				}
			}},
		{"another format", fair.JSONFormat(), `{"titles":[{"title":"T"}]}`, func(t *testing.T, reps []datacite.Report) {
			if len(reps) != 1 || !reps[0].HasErrors() {
				t.Errorf("reports %v, want one with the missing properties", reps)
			}
		}},
		{"what another reader could not carry in", fair.Format{Name: "noted", Read: func([]byte) ([]*fair.Resource, fair.Notes, error) {
			return []*fair.Resource{{Titles: []fair.Title{{Title: "T"}}}}, fair.Notes{{Path: "x.y", Value: "v", Reason: "no place"}}, nil
		}}, "", func(t *testing.T, reps []datacite.Report) {
			last := reps[0][len(reps[0])-1]
			if last.Path != "x.y" || last.Severity != datacite.SeverityWarning || last.Message != "not carried over: v (no place)" {
				t.Errorf("last problem %v, want the note as a warning", last)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reps, err := datacite.ValidateInput(tc.f, []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, reps)
		})
	}
	if _, err := datacite.ValidateInput(fair.Format{Name: "write-only"}, []byte("x")); err == nil {
		t.Error("a format without a reader validated")
	}
}

// TestReadingAndValidationApart: a reader says what it could not keep (its notes) and what only the document shows;
// validation says what is wrong with the record. Each problem is reported once: a missing mandatory property by
// validation alone, an element the record does not keep by the reader (and validation repeats the reader's
// problems, not its own version of them).
func TestReadingAndValidationApart(t *testing.T) {
	const head = `<resource xmlns="http://datacite.org/schema/kernel-4"><identifier identifierType="DOI">10.82433/X</identifier>
<creators><creator><creatorName>A</creatorName></creator></creators><titles><title>T</title></titles><publisher>P</publisher>
<publicationYear>2026</publicationYear>`
	for _, tc := range []struct {
		name, xml string
		path      string // the one problem's path
		severity  datacite.Severity
		notRead   bool // whether it is also a note of what was not read
	}{
		{"missing funderName", head + `<resourceType resourceTypeGeneral="Dataset"/><fundingReferences><fundingReference><awardNumber>1</awardNumber></fundingReference></fundingReferences></resource>`,
			"fundingReferences[0].funderName", datacite.SeverityError, false},
		{"missing resourceTypeGeneral", head + `<resourceType/></resource>`, "types.resourceTypeGeneral", datacite.SeverityError, false},
		{"missing contributorType", head + `<resourceType resourceTypeGeneral="Dataset"/><contributors><contributor><contributorName>B</contributorName></contributor></contributors></resource>`,
			"contributors[0].contributorType", datacite.SeverityError, false},
		{"missing descriptionType", head + `<resourceType resourceTypeGeneral="Dataset"/><descriptions><description>D</description></descriptions></resource>`,
			"descriptions[0].descriptionType", datacite.SeverityError, false},
		{"funderIdentifier without its type", head + `<resourceType resourceTypeGeneral="Dataset"/><fundingReferences><fundingReference><funderName>ANR</funderName><funderIdentifier>https://ror.org/00rbzpz17</funderIdentifier></fundingReference></fundingReferences></resource>`,
			"fundingReferences[0].funderIdentifierType", datacite.SeverityError, false},
		{"nameIdentifier without a scheme", strings.Replace(head, "<creatorName>A</creatorName>", "<creatorName>A</creatorName><nameIdentifier>0000-0002-1825-0097</nameIdentifier>", 1) +
			`<resourceType resourceTypeGeneral="Dataset"/></resource>`, "creators[0].nameIdentifiers[0].nameIdentifierScheme", datacite.SeverityWarning, false},
		{"unknown element", head + `<resourceType resourceTypeGeneral="Dataset"/><colour>red</colour></resource>`, "", datacite.SeverityError, true},
		{"year that is not a number", strings.Replace(head, "<publicationYear>2026", "<publicationYear>MMXXVI", 1) + `<resourceType resourceTypeGeneral="Dataset"/></resource>`,
			"publicationYear", datacite.SeverityError, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec, notRead, err := datacite.ReadXML([]byte(tc.xml))
			if err != nil {
				t.Fatal(err)
			}
			var at []datacite.Problem
			for _, p := range datacite.Validate(rec) {
				if p.Path == tc.path {
					at = append(at, p)
				}
			}
			if len(at) != 1 || at[0].Severity != tc.severity {
				t.Errorf("validation reports %v at %s, want one %v", at, tc.path, tc.severity)
			}
			noted := false
			for _, n := range notRead {
				noted = noted || n.Path == tc.path
			}
			if noted != tc.notRead {
				t.Errorf("notRead %v: names %s = %v, want %v", notRead, tc.path, noted, tc.notRead)
			}
		})
	}
	// What only the document shows is a problem for validation, not a loss: a kernel-3 record is read whole.
	rec, notRead, err := datacite.ReadXML([]byte(strings.Replace(head, "kernel-4", "kernel-3", 1) + `<resourceType resourceTypeGeneral="Dataset"/></resource>`))
	if err != nil || len(notRead) != 0 || !datacite.Validate(rec).HasErrors() {
		t.Errorf("kernel-3: notes %v, err %v, validation %v; want no note and the namespace as an error", notRead, err, datacite.Validate(rec))
	}
}

// TestNotWrittenNamesOnlyAndURL: what the DataCite writers cannot hold of a person's other name, of the persons of
// related items and references (names only in DataCite) and, in XML, of the landing page is reported, and every
// value that does not come back from a write and read is named by a note.
func TestNotWrittenNamesOnlyAndURL(t *testing.T) {
	orcid := fair.NameIdentifier{Value: "https://orcid.org/0000-0002-1825-0097", Scheme: fair.SchemeORCID, SchemeURI: "https://orcid.org"}
	res := &fair.Resource{
		Identifier:      fair.Identifier{Value: "10.5072/x", Type: "DOI"},
		Titles:          []fair.Title{{Title: "T"}},
		Publisher:       fair.Publisher{Name: "P"},
		PublicationYear: 2024,
		ResourceType:    fair.ResourceType{General: fair.ResourceTypeSoftware},
		URL:             "https://example.org/landing",
		Creators:        []fair.Creator{{Name: "Doe, Jane", Alias: "jdoe"}},
		References: []fair.RelatedItem{{Titles: []fair.Title{{Title: "Cited"}}, Creators: []fair.Creator{
			{Name: "Roe, Rich", NameIdentifiers: []fair.NameIdentifier{orcid}, Email: "r@example.org",
				Affiliations: []fair.Affiliation{{Name: "Lab"}}},
		}}},
		RelatedItems: []fair.RelatedItem{{Type: fair.ResourceTypeJournal, RelationType: fair.RelIsPublishedIn,
			Titles: []fair.Title{{Title: "J"}}, Contributors: []fair.Contributor{{Creator: fair.Creator{Name: "Ed", Website: "https://ed.example.org"},
				ContributorType: fair.ContributorEditor}}}},
	}
	want := fair.Notes{
		{Path: "creators[0].alias", Value: "jdoe", Reason: "DataCite has no property for another name of a person or organisation"},
		{Path: "relatedItems[0].contributors[0].website", Value: "https://ed.example.org", Reason: "DataCite holds only the names of a related item's creators and contributors"},
		{Path: "references[0].creators[0].nameIdentifiers", Value: "1 identifier", Reason: "DataCite holds only the names of a related item's creators and contributors"},
		{Path: "references[0].creators[0].affiliations", Value: "1 affiliation", Reason: "DataCite holds only the names of a related item's creators and contributors"},
		{Path: "references[0].creators[0].email", Value: "r@example.org", Reason: "DataCite holds only the names of a related item's creators and contributors"},
	}
	testdiff.Check(t, "NotWritten", datacite.NotWritten(res), want)
	for _, f := range []fair.Format{datacite.XMLFormat(), datacite.JSONFormat()} {
		var b bytes.Buffer
		notWritten, err := f.Write(&b, res)
		if err != nil {
			t.Fatal(err)
		}
		w := want
		if f.Name == "datacite-xml" {
			w = append(append(fair.Notes(nil), want...), fair.Note{Path: "url", Value: "https://example.org/landing",
				Reason: "DataCite XML has no property for the landing page: DataCite holds it beside the metadata (REST API url)"})
		}
		testdiff.Check(t, f.Name+" notWritten", notWritten, w)
		back, _, err := f.Read(b.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		// What is not noted comes back.
		got := back[0]
		if f.Name == "datacite-xml" && got.URL != "" || f.Name == "datacite-json" && got.URL != res.URL {
			t.Errorf("%s: url read back %q", f.Name, got.URL)
		}
		if c := got.References[0].Creators[0]; c.Name != "Roe, Rich" || len(c.NameIdentifiers) != 0 {
			t.Errorf("%s: reference creator read back %+v", f.Name, c)
		}
		if got.Creators[0].Name != "Doe, Jane" || got.Creators[0].Alias != "" {
			t.Errorf("%s: creator read back %+v", f.Name, got.Creators[0])
		}
	}
}

// TestJSONFormatReportsOtherAttributes: attributes outside DataCite's metadata are reported by the datacite-json
// reader (the attributes of an older API generation, contentUrl), with their path in a list, while the REST API's
// administrative attributes (state, counts, xml, ...) and empty values are not.
func TestJSONFormatReportsOtherAttributes(t *testing.T) {
	one := `{"id": "10.5072/a", "type": "dois", "attributes": {"doi": "10.5072/a", "titles": [{"title": "A"}],
		"title": "Old title", "author": [{"name": "Roe, Jane"}], "contentUrl": ["https://example.org/a.h5"],
		"state": "findable", "viewCount": 3, "xml": "PHJlc291cmNlLz4=", "container": {}, "published": "2020",
		"citationsOverTime": [], "source": null}}`
	recs, notRead, err := datacite.JSONFormat().Read([]byte(`{"data": ` + one + `}`))
	if err != nil || len(recs) != 1 {
		t.Fatal(recs, err)
	}
	const reason = "not a DataCite metadata property: the record has no place for it"
	testdiff.Check(t, "notRead", notRead, fair.Notes{
		{Path: "author", Value: `[{"name":"Roe, Jane"}]`, Reason: reason},
		{Path: "contentUrl", Value: `["https://example.org/a.h5"]`, Reason: reason},
		{Path: "title", Value: `"Old title"`, Reason: reason},
	})
	_, notRead, err = datacite.JSONFormat().Read([]byte(`{"data": [{"id": "10.5072/b", "type": "dois", "attributes": {"doi": "10.5072/b"}}, ` + one + `]}`))
	if err != nil || len(notRead) != 3 || notRead[0].Path != "data[1].author" {
		t.Errorf("list: %v, %v", notRead, err)
	}
}
