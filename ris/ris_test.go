package ris_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/citation"
	"github.com/dop2i/fairmeta/internal/citation/citationtest"
	"github.com/dop2i/fairmeta/ris"
)

func TestWrite(t *testing.T) {
	r := &fair.Resource{
		Identifier: fair.Identifier{Value: "10.1016/j.physletb.2012.08.020", Type: "DOI"},
		Creators: []fair.Creator{
			{Name: "ATLAS", NameType: fair.NameOrganizational},
			{Name: "Aad, Georges", NameType: fair.NamePersonal},
			{Name: "van der Waals, Johannes", NameType: fair.NamePersonal},
			{Name: "Info Flora", FamilyName: "Info Flora", NameType: fair.NamePersonal},
		},
		Titles:       []fair.Title{{Title: "Observation of a new particle"}},
		ResourceType: fair.ResourceType{General: fair.ResourceTypeJournalArticle},
		Dates:        []fair.Date{{Date: "2012-09-17", Type: fair.DateIssued}},
		AlternateIdentifiers: []fair.Identifier{
			{Value: "1207.7214", Type: fair.AltIDArXiv}, {Value: "CERN-PH-EP-2012-218", Type: fair.AltIDReportNumber},
			{Value: "Aad:2012tfa", Type: fair.AltIDInspireTeXKey},
		},
		RelatedItems: []fair.RelatedItem{{
			Type: fair.ResourceTypeJournal, RelationType: fair.RelIsPublishedIn,
			Titles:     []fair.Title{{Title: "Physics Letters B"}, {Title: "Phys. Lett. B", Type: fair.TitleAlternativeTitle}},
			Identifier: fair.RelatedItemIdentifier{Identifier: "0370-2693", Type: fair.IDTypeISSN},
			Volume:     "716", Issue: "1", FirstPage: "1", LastPage: "29",
		}},
		Descriptions: []fair.Description{{Description: "First line.\nAB  - not a tag\n\nLast.", Type: fair.DescriptionAbstract}},
	}
	var b bytes.Buffer
	notes, err := ris.Write(&b, r)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.ReplaceAll(`TY  - JOUR
ID  - Aad:2012tfa
AU  - ATLAS
AU  - Aad, Georges
AU  - van der Waals, Johannes
AU  - Info Flora,
TI  - Observation of a new particle
T2  - Physics Letters B
J2  - Phys. Lett. B
PY  - 2012
DA  - 2012/09/17/
VL  - 716
IS  - 1
SP  - 1
EP  - 29
SN  - 0370-2693
DO  - 10.1016/j.physletb.2012.08.020
AN  - arXiv:1207.7214
N1  - Report number: CERN-PH-EP-2012-218
AB  - First line.
 AB  - not a tag

Last.
ER  - 
`, "\n", "\r\n")
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	if got := notes.String(); got != "alternateIdentifiers = Aad:2012tfa (INSPIRE TeX key): written as the reference ID, read back as the citation key" {
		t.Errorf("notes: %s", got)
	}
	recs, notRead, err := ris.Read(b.Bytes())
	if err != nil || len(recs) != 1 || len(notRead) != 0 {
		t.Fatalf("Read: %v, %d records, notes %s", err, len(recs), notRead)
	}
	back := recs[0]
	if got, want := citationtest.Comparable(back), citationtest.Comparable(r); !equalMaps(got, want) {
		t.Errorf("read back\n got %v\nwant %v", got, want)
	}
	if back.Descriptions[0].Description != "First line.\nAB  - not a tag\n\nLast." {
		t.Errorf("abstract read back as %q", back.Descriptions[0].Description)
	}
	if back.Creators[0].NameType != fair.NameOrganizational || back.Creators[3].NameType != fair.NamePersonal {
		t.Errorf("name types read back: %+v", back.Creators)
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestRead reads RIS as reference managers and publishers write it: older tags, PY with slashes, an ER alone, text
// before the first reference, a missing ER at the end.
func TestRead(t *testing.T) {
	in := "Provider: Example\r\n\r\nTY  - CHAP\r\nA1  - Smith, John, Jr.\r\nED  - Doe, Jane\r\nT1  - A chapter\r\nBT  - The book\r\nY1  - 2019/03//\r\nSP  - 10-20\r\nSN  - 978-3-16-148410-0\r\nC5  - custom\r\nER\r\n" +
		"TY  - RPRT\nAU  - CERN\nTI  - A report\nSN  - CERN-2020-001\nPY  - 2020\n"
	recs, notes, err := ris.Read([]byte(in))
	if err != nil || len(recs) != 2 {
		t.Fatalf("%v, %d records", err, len(recs))
	}
	c := recs[0]
	n := citation.SplitCreator(c.Creators[0])
	if n.Family != "Smith" || n.Given != "John" || n.Suffix != "Jr." {
		t.Errorf("author %+v", n)
	}
	if c.Contributors[0].ContributorType != fair.ContributorEditor || c.MainTitle() != "A chapter" {
		t.Errorf("editor or title: %+v %q", c.Contributors, c.MainTitle())
	}
	cont := c.Container()
	if cont == nil || cont.Titles[0].Title != "The book" || cont.FirstPage != "10" || cont.LastPage != "20" || cont.Identifier.Type != fair.IDTypeISBN {
		t.Errorf("container %+v", cont)
	}
	if c.Dates[0].Date != "2019-03" || c.ResourceType.General != fair.ResourceTypeBookChapter {
		t.Errorf("date %v, type %v", c.Dates, c.ResourceType)
	}
	rep := recs[1]
	if got := rep.AlternateIdentifiersOf(fair.AltIDReportNumber); len(got) != 1 || got[0] != "CERN-2020-001" || rep.Creators[0].NameType != fair.NameOrganizational {
		t.Errorf("report: %v %+v", got, rep.Creators)
	}
	for _, want := range []string{"line 1 = Provider: Example: text outside a reference", "[0].C5 = custom", "[1]: the input ends without ER"} {
		if !strings.Contains(notes.String(), want) {
			t.Errorf("notes lack %q:\n%s", want, notes)
		}
	}
	for _, bad := range []string{"", "no tags here", "AU  - Smith, J.\n"} {
		if _, _, err := ris.Read([]byte(bad)); !errors.Is(err, ris.ErrNoReference) {
			t.Errorf("Read(%q) = %v, want ErrNoReference", bad, err)
		}
	}
	huge := "TY  - GEN\nAB  - x\n" + strings.Repeat(strings.Repeat("y", 1000)+"\n", 1100)
	var se *ris.SyntaxError
	if _, _, err := ris.Read([]byte(huge)); !errors.As(err, &se) || se.Tag != "AB" {
		t.Errorf("a 1.1 MB abstract: %v, want a *SyntaxError on AB", err)
	}
}

// TestTypes: every resourceTypeGeneral is written with the table's TY and read back as itself unless the writer's
// notes say what it is read back as.
func TestTypes(t *testing.T) {
	for _, g := range fair.ResourceTypeGenerals() {
		r := &fair.Resource{ResourceType: fair.ResourceType{General: g}, Titles: []fair.Title{{Title: "T"}}}
		var b bytes.Buffer
		notes, err := ris.Write(&b, r)
		if err != nil {
			t.Fatal(err)
		}
		if want := "TY  - " + citation.RISType(r.ResourceType) + "\r\n"; !strings.HasPrefix(b.String(), want) {
			t.Errorf("%s: %q, want %q", g, b.String(), want)
		}
		recs, _, err := ris.Read(b.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		noted := strings.Contains(notes.String(), "resourceType.general")
		if got := recs[0].ResourceType.General; got != g && !noted {
			t.Errorf("%s: read back as %s without a note", g, got)
		} else if got == g && noted {
			t.Errorf("%s: read back as itself but noted", g)
		}
	}
}

// TestSharedExamples writes every shared example as RIS and reads it back: the facts RIS holds come back and every
// other change is in the writer's notes.
func TestSharedExamples(t *testing.T) {
	recs := citationtest.Shared(t)
	t.Logf("%d records (%s)", len(recs), citationtest.Count(recs))
	var all []*fair.Resource
	for _, x := range recs {
		all = append(all, x.Rec)
		var b bytes.Buffer
		notes, err := ris.Write(&b, x.Rec)
		if err != nil {
			t.Fatal(err)
		}
		back, notRead, err := ris.Read(b.Bytes())
		if err != nil || len(back) != 1 {
			t.Fatalf("%s: reading back: %v\n%s", x.Name, err, b.String())
		}
		if len(notRead) > 0 {
			t.Errorf("%s: notes reading what the writer wrote: %s", x.Name, notRead)
		}
		want, got := citationtest.Expected(x.Rec, notes), citationtest.Got(back[0], notes)
		for k, w := range want {
			if got[k] != w && !(k == "creators" && strings.Contains(notes.String(), "read back as a person")) {
				t.Errorf("%s: %s:\n got %q\nwant %q\n%s", x.Name, k, got[k], w, b.String())
			}
		}
		for _, field := range citationtest.Unnoted(x.Rec, back[0], notes) {
			t.Errorf("%s: %s changed in a round trip and no note says so", x.Name, field)
		}
	}
	// All in one file: as many references, IDs unique.
	var b bytes.Buffer
	if _, err := ris.WriteList(&b, all); err != nil {
		t.Fatal(err)
	}
	back, _, err := ris.Read(b.Bytes())
	if err != nil || len(back) != len(all) {
		t.Fatalf("WriteList then Read: %v, %d of %d records", err, len(back), len(all))
	}
}
