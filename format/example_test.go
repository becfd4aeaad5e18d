package format_test

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/format"
)

// Convert any input to any output, with what was not carried in either direction.
func ExampleRegistry_Convert() {
	cff := []byte(`cff-version: 1.2.0
message: If you use this software, please cite it.
title: shower-calib
version: 2.1.0
doi: 10.5281/zenodo.1234568
authors:
  - family-names: Lefèvre
    given-names: Camille
    post-code: "91405"
commit: 309cf2674ee7a0749978cf8265ab91a60aea0f7d
`)
	reg := format.Default()
	var out bytes.Buffer
	recs, notRead, notWritten, err := reg.Convert(&out, cff, "", "datacite-xml") // "" detects the input's format
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(recs[0].MainTitle(), recs[0].Version, "→", strings.Count(out.String(), "\n"), "lines of DataCite XML")
	for _, n := range notRead {
		fmt.Println("not read:", n)
	}
	for _, n := range notWritten {
		fmt.Println("not written:", n)
	}
	// Output:
	// shower-calib 2.1.0 → 17 lines of DataCite XML
	// not read: authors[0].post-code: no place for it in the record
	// not written: software: DataCite has no property for it
	// not written: publisher: the DataCite XML written is invalid by the 4.7 XSD: publisher is required: name the entity that publishes the resource (e.g. the repository)
	// not written: publicationYear: the DataCite XML written is invalid by the 4.7 XSD: publicationYear is required: the year the resource was or will be made public
}

// Detect says which format an input is in, and why not when it cannot.
func ExampleRegistry_Detect() {
	reg := format.Default()
	for _, in := range []string{
		`<resource xmlns="http://datacite.org/schema/kernel-4"><titles><title>Run 4271</title></titles></resource>`,
		`<!DOCTYPE html><script type="application/ld+json">{"@context": "https://schema.org", "@type": "Dataset"}</script>`,
		"cff-version: 1.2.0\n",
		"  \n",
		"hello",
	} {
		f, err := reg.Detect([]byte(in))
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Println(f.Name, f.MediaTypes[0])
	}
	// Output:
	// datacite-xml application/vnd.datacite.datacite+xml
	// schemaorg application/ld+json
	// cff application/yaml
	// error: format: the input is empty
	// error: format: cannot tell the format of the input; name it (known: fair, inspire, crossref, arxiv, hal-tei, datacite-xml, datacite-json, schemaorg, codemeta, cff, zenodo, madmp, dmp-opidor, csl-json, bibtex, ris)
}

// A format of one's own joins a registry with Add; the registries of other callers are not affected.
func ExampleRegistry_Add() {
	// Plain-text titles, one record per line: a toy format for the example.
	titles := fair.Format{
		Name:        "titles",
		Description: "one title per line",
		Extensions:  []string{".txt"},
		Write: func(w io.Writer, r *fair.Resource) (fair.Notes, error) {
			var notWritten fair.Notes
			if len(r.Creators) > 0 {
				notWritten.Add("creators", fmt.Sprint(len(r.Creators)), "titles holds only the title")
			}
			_, err := fmt.Fprintln(w, r.MainTitle())
			return notWritten, err
		},
	}
	reg := format.Default()
	if err := reg.Add(titles); err != nil {
		fmt.Println(err)
		return
	}
	var out bytes.Buffer
	_, _, notWritten, err := reg.Convert(&out, []byte(`{"titles":[{"title":"Run 4271"}],"creators":[{"name":"Lefèvre, Camille"}],"resourceType":{"general":"Dataset"}}`), "fair", "titles")
	fmt.Print(out.String())
	fmt.Println(notWritten, err)
	// Output:
	// Run 4271
	// creators = 1: titles holds only the title <nil>
}

// An HTTP answer's format: the Content-Type first, the content when the type is generic or names no format.
func ExampleRegistry_DetectMedia() {
	reg := format.Default()
	xml := []byte(`<resource xmlns="http://datacite.org/schema/kernel-4"><identifier identifierType="DOI">10.5072/x</identifier></resource>`)
	for _, ctype := range []string{"application/vnd.datacite.datacite+xml; charset=utf-8", "application/xml", "text/plain"} {
		f, err := reg.DetectMedia(ctype, xml)
		fmt.Println(ctype, "→", f.Name, err)
	}
	// Output:
	// application/vnd.datacite.datacite+xml; charset=utf-8 → datacite-xml <nil>
	// application/xml → datacite-xml <nil>
	// text/plain → datacite-xml <nil>
}

// One record per line in any JSON format: schema.org has no one-line form of its own, so its document is compacted.
func ExampleRegistry_WriteLines() {
	reg := format.Default()
	recs := []*fair.Resource{
		{Identifier: fair.Identifier{Value: "10.5072/run-1", Type: "DOI"}, Titles: []fair.Title{{Title: "Run 1"}}},
		{Identifier: fair.Identifier{Value: "10.5072/run-2", Type: "DOI"}, Titles: []fair.Title{{Title: "Run 2"}}},
	}
	var out bytes.Buffer
	if _, err := reg.WriteLines(&out, "schemaorg", recs); err != nil {
		fmt.Println(err)
	}
	fmt.Print(out.String())
	_, err := reg.LineWriter("datacite-xml")
	fmt.Println(err)
	// Output:
	// {"@context":"https://schema.org/","@id":"https://doi.org/10.5072/run-1","@type":"CreativeWork","name":"Run 1","identifier":{"@type":"PropertyValue","propertyID":"DOI","value":"10.5072/run-1","url":"https://doi.org/10.5072/run-1"}}
	// {"@context":"https://schema.org/","@id":"https://doi.org/10.5072/run-2","@type":"CreativeWork","name":"Run 2","identifier":{"@type":"PropertyValue","propertyID":"DOI","value":"10.5072/run-2","url":"https://doi.org/10.5072/run-2"}}
	// format: datacite-xml cannot write lines (it has no one-line JSON form)
}
