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
	fs := newFlags("id", "VALUE... (\"-\": one value per line of standard input)", io)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return usageError(fs, "no VALUE given")
	}
	var values []string
	for _, v := range fs.Args() {
		if v != "-" {
			values = append(values, v)
			continue
		}
		data, err := readInput("-", io.in)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta id: -: %v\n", err)
			return exitProblem
		}
		for _, line := range bytesLines(data) {
			if len(line) > 0 {
				values = append(values, string(line))
			}
		}
	}
	code := exitOK
	for _, v := range values {
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
