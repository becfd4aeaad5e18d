package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/dop2i/fairmeta/csl"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/format"
)

// citeStep prints how to cite the dataset: its reference in APA, formatted offline by package csl, and its BibTeX
// entry, written by the format registry's BibTeX writer, with what of the record the citation formats have no
// place for.
func citeStep(w io.Writer, rec *fair.Resource) error {
	style, err := csl.BundledStyle("apa")
	if err != nil {
		return err
	}
	p, err := csl.New(style)
	if err != nil {
		return err
	}
	item, notes := csl.FromResource(rec)
	entries, err := p.Bibliography([]*csl.Item{item}, csl.Text)
	if err != nil {
		return err
	}
	if len(entries) != 1 {
		return fmt.Errorf("APA: %d entries for one record", len(entries))
	}
	fmt.Fprintf(w, "  APA:\n    %s\n", entries[0].Text)
	var b bytes.Buffer
	notWritten, err := format.Default().Write(&b, "bibtex", []*fair.Resource{rec})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "  BibTeX:\n    %s\n", strings.ReplaceAll(strings.TrimSpace(b.String()), "\n", "\n    "))
	fmt.Fprintf(w, "  (no place in CSL for %d facts of the record, in BibTeX for: %s)\n", len(notes), notePaths(notWritten))
	return nil
}

// notePaths lists the distinct paths of notes, in order.
func notePaths(notes fair.Notes) string {
	var out []string
	seen := map[string]bool{}
	for _, n := range notes {
		if !seen[n.Path] {
			seen[n.Path] = true
			out = append(out, n.Path)
		}
	}
	return strings.Join(out, ", ")
}
