package main

import (
	"context"
	"fmt"
	goio "io"
	"os"
	"strconv"

	"github.com/dop2i/fairmeta/datacite"
)

func init() {
	register(command{name: "validate", summary: "check records in any format against DataCite 4.7: FILE: PATH: severity: message", run: runValidate})
}

// runValidate reads each file in its format (named by -format or detected), checks every record against the
// DataCite Metadata Schema 4.7 and prints one line per problem. Exit status 1 when any file cannot be read or any
// record has an error; warnings alone leave it 0.
func runValidate(_ context.Context, args []string, io stdio) int {
	fs := newFlags("validate", "[-format FORMAT] FILE...", io)
	from := fs.String("format", "", "input `format`; detected from each file when omitted")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		fmt.Fprintf(io.err, "formats: %s\n", formatNames())
		return exitUsage
	}
	if f, ok := formats[*from]; *from != "" && (!ok || f.read == nil && f.validate == nil) {
		fmt.Fprintf(io.err, "fairmeta validate: cannot read format %q (known: %s)\n", *from, formatNames())
		return exitUsage
	}
	code := exitOK
	for _, name := range fs.Args() {
		reps, err := validateFile(name, *from, io.in)
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
func validateFile(name, from string, stdin goio.Reader) ([]datacite.Report, error) {
	var data []byte
	var err error
	if name == "-" {
		data, err = goio.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return nil, err
	}
	f, err := lookupFormat(from, data)
	if err != nil {
		return nil, err
	}
	if f.validate != nil {
		return f.validate(data)
	}
	_, recs, notes, err := readInput(f.name, data)
	if err != nil {
		return nil, err
	}
	reps := make([]datacite.Report, len(recs))
	for i, r := range recs {
		reps[i] = datacite.ValidateResource(r)
	}
	// What the reader could not carry into a record is not checked by DataCite's rules; say so rather than drop it.
	for _, n := range notes {
		reps[0] = append(reps[0], datacite.Problem{Path: n.Path, Severity: datacite.SeverityWarning, Message: "not carried over: " + n.Msg})
	}
	return reps, nil
}
