package main

import (
	"context"
	"flag"
	"fmt"
	goio "io"
	"strconv"
	"sync/atomic"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/format"
	"github.com/dop2i/fairmeta/stream"
)

func init() {
	register(command{name: "validate", summary: "check records in any format against DataCite 4.7: FILE: PATH: severity: message", run: runValidate})
}

// runValidate reads each file in its format (named by -format or detected), checks every record against the
// DataCite Metadata Schema 4.7 and prints one line per problem. Exit status 1 when any file cannot be read or any
// record has an error; warnings alone leave it 0.
func runValidate(ctx context.Context, args []string, io stdio) int {
	reg := format.Default()
	fs := newFlags("validate", "[-format FORMAT] FILE... | -jsonl [-j N] [-shard i/n] [FILE...]", io)
	from := fs.String("format", "", "input `format`; detected from each file (with -jsonl, each line) when omitted")
	jsonl := fs.Bool("jsonl", false, "the inputs are JSON Lines (plain, gzip or tar archives of parts), one record per line, checked in parallel: FILE:LINE: PATH: severity: message")
	sf := addStreamFlags(fs)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *jsonl {
		return validateStream(ctx, reg, *from, fs, sf, io)
	}
	if fs.NArg() == 0 {
		return usageError(fs, "no FILE given (\"-\" for standard input)")
	}
	if *from != "" {
		if _, err := reg.Reader(*from, nil); err != nil {
			return usageError(fs, "-format %q: not a format fairmeta reads (known: %s)", *from, formatNames(reg))
		}
	}
	code := exitOK
	for _, name := range fs.Args() {
		reps, err := validateFile(reg, name, *from, io.in)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta validate: %s: %v\n", name, err)
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

// validateStream checks every line of JSON Lines inputs, printing one line per problem; exit 1 when a record has an
// error or cannot be read.
func validateStream(ctx context.Context, reg *format.Registry, from string, fs *flag.FlagSet, sf *streamFlags, io stdio) int {
	inputs := fs.Args()
	if from != "" {
		if _, err := reg.Reader(from, nil); err != nil {
			return usageError(fs, "-format %q: not a format fairmeta reads (known: %s)", from, formatNames(reg))
		}
	}
	dec := stream.Decoder{Registry: reg, From: from}
	var invalid atomic.Int64
	_, code := runStream(ctx, "validate", inputs, sf, io, func() stream.Func {
		return func(rec stream.Record, out []byte) ([]byte, error) {
			data, err := dec.Unwrap(rec.Data)
			if err != nil || data == nil {
				return out, err
			}
			f, err := reg.Reader(from, data)
			if err != nil {
				return out, err
			}
			reps, err := datacite.ValidateInput(f, data)
			if err != nil {
				return out, err
			}
			bad := false
			for i, rep := range reps {
				for _, p := range rep {
					if len(reps) > 1 {
						p.Path = "data[" + strconv.Itoa(i) + "]" + dotted(p.Path)
					}
					out = fmt.Appendf(out, "%s:%d: %s\n", rec.Input, rec.Line, p)
				}
				bad = bad || rep.HasErrors()
			}
			if bad {
				invalid.Add(1)
			}
			return out, nil
		}
	})
	if n := invalid.Load(); n > 0 {
		fmt.Fprintf(io.err, "fairmeta validate: %d %s with errors against DataCite 4.7\n", n, plural(int(n), "record"))
		return exitProblem
	}
	return code
}
