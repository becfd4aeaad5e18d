package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/schemaorg"
)

// schemaorgStep prints the record as the schema.org JSON-LD its landing page should carry (in a
// <script type="application/ld+json"> element, for Google Dataset Search and other harvesters), with the content
// hash of its canonical form, computed offline with the embedded schema.org context.
func schemaorgStep(rec *fair.Resource) error {
	doc, notWritten, err := schemaorg.Marshal(rec)
	if err != nil {
		return err
	}
	os.Stdout.Write(doc)
	if len(notWritten) > 0 {
		fmt.Printf("  not in schema.org (kept in the fairmeta record): %s\n", strings.Join(paths(notWritten), ", "))
	}
	var p schemaorg.Processor
	sum, err := p.Hash(context.Background(), doc)
	if err != nil {
		return err
	}
	fmt.Println("  content hash of the canonical N-Quads:", sum)
	return nil
}
