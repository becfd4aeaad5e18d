package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/fair"
)

// dataciteStep prints the record as DataCite 4.7 XML, what DataCite has no place for, and the validation report:
// every problem with its path and severity, errors being what DataCite would refuse. Both lists name places in
// rec by fair.Resource's paths ("creators[0].affiliations[0]"), so a pipeline can act on them in the record it holds.
func dataciteStep(rec *fair.Resource) error {
	dc := datacite.FromResource(rec)
	if err := dc.WriteXML(os.Stdout); err != nil {
		return err
	}
	if notWritten := datacite.NotWritten(rec); len(notWritten) > 0 {
		fmt.Printf("  not in DataCite (kept in the fairmeta record): %s\n", strings.Join(paths(notWritten), ", "))
	}
	rep := datacite.ValidateResource(rec)
	if len(rep) == 0 {
		fmt.Println("  validation: valid DataCite 4.7, no warnings")
		return nil
	}
	fmt.Printf("  validation: %d errors, %d warnings\n", len(rep.Errors()), len(rep.Warnings()))
	for _, p := range rep {
		fmt.Println("   ", p)
	}
	if rep.HasErrors() {
		return rep.Err()
	}
	return nil
}

// paths returns the paths of notes, in order.
func paths(notes fair.Notes) []string {
	out := make([]string, len(notes))
	for i, n := range notes {
		out[i] = n.Path
	}
	return out
}
