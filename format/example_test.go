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
