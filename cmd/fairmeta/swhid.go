package main

import (
	"context"
	"fmt"
	"slices"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/software"
)

func init() {
	register(command{name: "swhid", summary: "compute the Software Heritage identifier (SWHID) of files and directories", run: runSWHID})
}

// runSWHID prints one SWHID per path: swh:1:cnt for a file, swh:1:dir for a directory; with -q the qualifiers
// anchor (the commit checked out), path and origin of the enclosing git repository.
func runSWHID(_ context.Context, args []string, io stdio) int {
	fs := newFlags("swhid", "[-q] [-lines N[-M]] PATH... (\"-\": the content read from standard input)", io)
	qualified := fs.Bool("q", false, "add the anchor, path and origin qualifiers of the enclosing git repository")
	lines := fs.String("lines", "", "add the lines qualifier `N or N-M` (files only)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return usageError(fs, "no PATH given")
	}
	if *qualified && slices.Contains(fs.Args(), "-") {
		return usageError(fs, "-q needs a file in a git repository; standard input has none")
	}
	code := exitOK
	for _, p := range fs.Args() {
		var id fair.SWHID
		var err error
		if p == "-" {
			var data []byte
			if data, err = readInput("-", io.in); err == nil {
				id = software.ContentSWHID(data)
			}
		} else {
			id, err = software.PathSWHID(p)
		}
		if *qualified && err == nil {
			id, err = software.QualifiedSWHID(p)
		}
		if err == nil && *lines != "" {
			// The qualifier syntax and its rules (cnt only, N ≤ M) are fair.ParseSWHID's.
			id, err = fair.ParseSWHID(id.String() + ";lines=" + *lines)
		}
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta swhid: %v\n", err)
			code = exitProblem
			continue
		}
		if fs.NArg() == 1 {
			fmt.Fprintln(io.out, id)
		} else {
			fmt.Fprintf(io.out, "%s\t%s\n", id, p)
		}
	}
	return code
}
