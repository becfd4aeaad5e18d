package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/dop2i/fairmeta/fair"
)

func init() {
	register(command{name: "id", summary: "name the scheme of identifiers, normalise them, give their URL", run: runID})
}

// runID prints "input<TAB>scheme<TAB>normalized<TAB>url" per valid value and "input<TAB>invalid<TAB>reason" per
// invalid one; exit status 1 if any is invalid.
func runID(_ context.Context, args []string, io stdio) int {
	fs := newFlags("id", "VALUE...", io)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	code := exitOK
	for _, v := range fs.Args() {
		p, err := fair.DetectPID(v)
		if err != nil {
			reason := err.Error()
			var ie *fair.IdentifierError
			if errors.As(err, &ie) {
				reason = ie.Reason
				if ie.Scheme != "" {
					reason = string(ie.Scheme) + ": " + reason
				}
			}
			fmt.Fprintf(io.out, "%s\tinvalid\t%s\n", v, reason)
			code = exitProblem
			continue
		}
		fmt.Fprintf(io.out, "%s\t%s\t%s\t%s\n", v, p.Scheme, p.Value, p.URL)
	}
	return code
}
