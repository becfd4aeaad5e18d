package main

import (
	"context"
	"fmt"
	goio "io"
	"strconv"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/format"
)

func init() {
	register(command{name: "validate", summary: "check records in any format against DataCite 4.7: FILE: PATH: severity: message", run: runValidate})
}

// runValidate reads each file in its format (named by -format or detected), checks every record against the
// DataCite Metadata Schema 4.7 and prints one line per problem. Exit status 1 when any file cannot be read or any
// record has an error; warnings alone leave it 0.
func runValidate(_ context.Context, args []string, io stdio) int {
	reg := format.Default()
	fs := newFlags("validate", "[-format FORMAT] FILE...", io)
	from := fs.String("format", "", "input `format`; detected from each file when omitted")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		fmt.Fprintf(io.err, "formats: %s\n", formatNames(reg))
		return exitUsage
	}
	if *from != "" {
		if _, err := reg.Reader(*from, nil); err != nil {
			fmt.Fprintf(io.err, "fairmeta validate: cannot read format %q (known: %s)\n", *from, formatNames(reg))
			return exitUsage
		}
	}
	code := exitOK
	for _, name := range fs.Args() {
		reps, err := validateFile(reg, name, *from, io.in)
		if err != nil {
			fmt.Fprintf(io.out, "%s: %v\n", name, err)
			code = exitProblem
			continue
		}
		clean := true
		for i, rep := range reps {
			for _, p := range rep {
				if len(reps) > 1 {
					p.Path = "data[" + strconv.Itoa(i) + "]" + dotted(p.Path)
				}
				fmt.Fprintf(io.out, "%s: %s\n", name, p)
				clean = false
			}
			if rep.HasErrors() {
				code = exitProblem
			}
		}
		if clean {
			fmt.Fprintf(io.out, "%s: valid (%d %s)\n", name, len(reps), plural(len(reps), "record"))
		}
	}
	return code
}

func dotted(path string) string {
	if path == "" {
		return ""
	}
	return "." + path
}

func plural(n int, s string) string {
	if n == 1 {
		return s
	}
	return s + "s"
}

// validateFile reads one file (or standard input for "-") and returns a report per record.
func validateFile(reg *format.Registry, name, from string, stdin goio.Reader) ([]datacite.Report, error) {
	data, err := readInput(name, stdin)
	if err != nil {
		return nil, err
	}
	f, err := reg.Reader(from, data)
	if err != nil {
		return nil, err
	}
	reps, err := datacite.ValidateInput(f, data)
	if err == nil && len(reps) == 0 {
		err = format.ErrNoRecord
	}
	return reps, err
}
