package csl

import (
	"strings"
	"testing"
)

const fuzzItems = `[{"id":"a","type":"article-journal","title":"A \"quoted\" <i>title</i>","author":[{"family":"van der Berg","given":"Jan"},{"literal":"CERN"}],"issued":{"date-parts":[[2001,3,4],[2002]]},"page":"100-4","volume":"3"},
{"id":"b","type":"book","title":"B","editor":[{"family":"Doe","given":"J."}],"issued":{"raw":"Spring 1999"},"edition":"2"}]`

func fuzzRender(t *testing.T, s *Style, items []*Item) {
	p, err := New(s)
	if err != nil {
		return
	}
	if _, err := p.Bibliography(items, HTML); err != nil {
		t.Fatalf("Bibliography: %v", err)
	}
	var cites []CiteItem
	for _, it := range items {
		cites = append(cites, CiteItem{ID: it.ID, Locator: "12-14", Label: "page"})
	}
	if len(cites) == 0 {
		return
	}
	if _, err := p.Citations(items, []Citation{{Items: cites, NoteIndex: 1}, {Items: cites[:1], NoteIndex: 2}}, Text); err != nil {
		t.Fatalf("Citations: %v", err)
	}
}

// FuzzParseStyle parses arbitrary styles and renders two items with those that parse.
func FuzzParseStyle(f *testing.F) {
	for _, name := range []string{"american-physics-society", "ieee"} {
		data, err := bundledFS.ReadFile("bundled/styles/" + name + ".csl")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0"><macro name="m"><text macro="m"/><text macro="m"/></macro><citation><layout><text macro="m"/></layout></citation></style>`))
	f.Add([]byte(`<style class="in-text"><citation collapse="year-suffix" disambiguate-add-year-suffix="true" disambiguate-add-names="true" disambiguate-add-givenname="true"><sort><key macro="x" names-min="1" names-use-first="1"/></sort><layout delimiter="; "><group><names variable="author"><name et-al-min="2" et-al-use-first="1" et-al-use-last="true" initialize-with=". "/><substitute><names variable="editor"/><text variable="title"/></substitute></names><date variable="issued" form="text" date-parts="year"/></group></layout></citation><macro name="x"><names variable="author"/></macro></style>`))
	items, err := ReadItems(strings.NewReader(fuzzItems))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseStyle(data)
		if err != nil {
			return
		}
		fuzzRender(t, s, items)
	})
}

// FuzzRender renders arbitrary CSL-JSON with a bundled style.
func FuzzRender(f *testing.F) {
	f.Add([]byte(fuzzItems), uint8(0))
	f.Add([]byte(`[{"id":1,"type":"chapter","title":"'single' and \"double\" <b>bold <i>it</i></b> <span class=\"nocase\">iPhone</span>","author":[{"family":"d'Alembert","given":"Jean le Rond"},{"family":"Li","given":"Wei"},{"family":"李","given":"伟"}],"issued":"2003-21/2004","page":"xii-xv, 3\\-4","locator":"7"}]`), uint8(1))
	f.Add([]byte(`{"id":"x","issued":{"date-parts":[["-44","3","15"]],"circa":1},"accessed":{"literal":"yesterday"},"volume":123}`), uint8(2))
	names := BundledStyles()
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		items, err := ReadItems(strings.NewReader(string(data)))
		if err != nil {
			return
		}
		s, err := BundledStyle(names[int(which)%len(names)])
		if err != nil {
			t.Fatal(err)
		}
		fuzzRender(t, s, items)
	})
}

// FuzzReadClusters reads arbitrary CITATION-ITEMS and CITATIONS sections: no panic, clusters or an error, and what
// is read formats (or reports a missing item) without a panic.
func FuzzReadClusters(f *testing.F) {
	f.Add(`[[{"id":"a","locator":"12","label":"page"},{"id":"b","suppress-author":true}]]`)
	f.Add(`[[{"citationID":"C1","citationItems":[{"id":"a"}],"properties":{"noteIndex":1}},[],[]],[{"citationID":"C2","citationItems":[{"id":"b","position":2}]},[["C1",1]],[]]]`)
	f.Add(`[[{"id":1}],[]]`)
	style, err := BundledStyle("chicago-author-date")
	if err != nil {
		f.Fatal(err)
	}
	p, err := New(style)
	if err != nil {
		f.Fatal(err)
	}
	items, err := ReadItems(strings.NewReader(fuzzItems))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if cl, err := ReadCitationItems(strings.NewReader(in)); err == nil {
			_, _ = p.CitationClusters(items, cl, Text)
		}
		if cs, err := ReadCitations(strings.NewReader(in)); err == nil {
			_, _ = p.Citations(items, cs, Text)
		}
	})
}
