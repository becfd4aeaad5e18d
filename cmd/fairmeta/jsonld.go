package main

import (
	"context"
	"fmt"

	"github.com/dop2i/fairmeta/schemaorg"
)

func init() {
	register(command{name: "jsonld canonicalize", summary: "write the canonical N-Quads (URDNA2015) or content hash of JSON-LD files", run: runCanonicalize})
}

// runCanonicalize writes each file's canonical N-Quads to stdout in argument order, or with -hash one
// "sha256:<hex><TAB>FILE" line per file. Contexts come from the processor: the schema.org URLs from the embedded
// context or from -context FILE; nothing is read from the network or from other local files.
func runCanonicalize(ctx context.Context, args []string, io stdio) int {
	fs := newFlags("jsonld canonicalize", "[-context FILE] [-hash] FILE...", io)
	ctxFile := fs.String("context", "", "JSON-LD context `FILE` to use for the schema.org context URLs (e.g. the official schemaorgcontext.jsonld)")
	hash := fs.Bool("hash", false, "print sha256:<hex> and the file name instead of the N-Quads")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return usageError(fs, "no FILE given (\"-\" for standard input)")
	}
	var opts []schemaorg.Option
	if *ctxFile != "" {
		b, err := readInput(*ctxFile, io.in)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta jsonld canonicalize: %v\n", err)
			return exitUsage
		}
		opts = append(opts, schemaorg.WithSchemaOrgContext(b))
	}
	p, err := schemaorg.NewProcessor(opts...)
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta jsonld canonicalize: %v\n", err)
		return exitUsage
	}
	code := exitOK
	for _, name := range fs.Args() {
		doc, err := readInput(name, io.in)
		if err == nil {
			var nq []byte
			if nq, err = p.Canonicalize(ctx, doc); err == nil {
				if *hash {
					fmt.Fprintf(io.out, "%s\t%s\n", schemaorg.HashNQuads(nq), name)
				} else {
					io.out.Write(nq)
				}
				continue
			}
		}
		fmt.Fprintf(io.err, "fairmeta jsonld canonicalize: %s: %v\n", name, err)
		code = exitProblem
	}
	return code
}
