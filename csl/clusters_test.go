package csl

import (
	"errors"
	"strings"
	"testing"
)

// TestReadClusters reads clusters and citation calls in the test suite's forms and reports bad ones with the path
// of what is wrong.
func TestReadClusters(t *testing.T) {
	cl, err := ReadCitationItems(strings.NewReader(`[[{"id": "a", "locator": 12, "label": "page"}, {"id": 2, "suppress-author": true}], [{"id": "b", "prefix": "see "}]]`))
	if err != nil {
		t.Fatal(err)
	}
	if len(cl) != 2 || len(cl[0]) != 2 || cl[0][0].Locator != "12" || cl[0][1].ID != "2" || !cl[0][1].SuppressAuthor || cl[1][0].Prefix != "see " {
		t.Errorf("clusters read as %+v", cl)
	}
	steps, err := ReadCitationSteps(strings.NewReader(`[
		[{"citationID": "C1", "citationItems": [{"id": "a"}], "properties": {"noteIndex": 1}}, [], []],
		[{"citationID": "C2", "citationItems": [{"id": "b"}], "properties": {"noteIndex": 2}}, [["C1", 1]], []],
		[{"citationID": "C3", "citationItems": [{"id": "a", "locator": "3"}], "properties": {"noteIndex": 2}}, [["C1", 1]], [["C2", 3]]]
	]`))
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) != 3 {
		t.Fatalf("%d steps, want 3", len(steps))
	}
	var ids []string
	for _, c := range steps[2] {
		ids = append(ids, c.ID+":"+string(rune('0'+c.NoteIndex)))
	}
	if got := strings.Join(ids, " "); got != "C1:1 C3:2 C2:3" {
		t.Errorf("document after the last call: %s, want C1:1 C3:2 C2:3", got)
	}
	last, err := ReadCitations(strings.NewReader(`[[{"citationID": "X", "citationItems": [{"id": "a"}]}]]`))
	if err != nil || len(last) != 1 || last[0].ID != "X" || last[0].Items[0].ID != "a" {
		t.Errorf("ReadCitations: %+v, %v", last, err)
	}
	for _, tc := range []struct{ in, path string }{
		{`{"id": "a"}`, ""},
		{`[[{"locator": "3"}]]`, "[0][0].id"},
		{`[[{"id": "a"}], [{"id": ""}]]`, "[1][0].id"},
	} {
		_, err := ReadCitationItems(strings.NewReader(tc.in))
		var de *DataError
		if !errors.As(err, &de) || de.Path != tc.path {
			t.Errorf("ReadCitationItems(%s): %v, want a DataError at %s", tc.in, err, tc.path)
		}
	}
	for _, tc := range []struct{ in, path string }{
		{`[[{"citationID": "A", "citationItems": [{"id": "a"}]}, [["B", 1]], []]]`, "[0][1][0]"},
		{`[[{"citationID": "A", "citationItems": [{"id": "a"}, {}]}]]`, "[0][0].citationItems[1].id"},
		{`[[]]`, "[0]"},
		{`[[{"citationID": "A"}, "x"]]`, "[0][1]"},
	} {
		_, err := ReadCitationSteps(strings.NewReader(tc.in))
		var de *DataError
		if !errors.As(err, &de) || de.Path != tc.path {
			t.Errorf("ReadCitationSteps(%s): %v, want a DataError at %s", tc.in, err, tc.path)
		}
	}
	if _, err := ReadCitationItems(nil); err == nil {
		t.Error("ReadCitationItems(nil): no error")
	}
}
