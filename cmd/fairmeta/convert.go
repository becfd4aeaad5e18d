package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"

	"github.com/dop2i/fairmeta/format"
	"github.com/dop2i/fairmeta/stream"
)

func init() {
	register(command{name: "convert", summary: "convert metadata from one format to another (through fair.Resource)", run: runConvert})
}

// runConvert reads one input (a file or standard input) in any format of the registry and writes its records in
// another. With -jsonl the inputs (several files, gzip, tar archives of parts) are streams with one record per line,
// converted in parallel, filtered, and written one per line in input order; a bad line is reported and skipped.
func runConvert(ctx context.Context, args []string, io stdio) int {
	reg := format.Default()
	fs := newFlags("convert", "[-from FORMAT] -to FORMAT [FILE|-] | -jsonl [-to FORMAT|-dois] [-j N] [-shard i/n] [filters] [FILE...]", io)
	from := fs.String("from", "", "input `format`; detected from the input (with -jsonl, from each line) when omitted")
	to := fs.String("to", "", "output `format` (required unless -dois)")
	jsonl := fs.Bool("jsonl", false, "read JSON Lines (plain, gzip or tar archives of parts) and write one record per line, in parallel")
	dois := fs.Bool("dois", false, "with -jsonl, write the DOI of each selected record instead of the record")
	sf := addStreamFlags(fs)
	ff := addFilterFlags(fs)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *jsonl {
		return convertStream(ctx, reg, *from, *to, *dois, fs.Args(), sf, ff, io)
	}
	if *to == "" || fs.NArg() > 1 {
		fs.Usage()
		fmt.Fprintf(io.err, "formats: %s\n", formatNames(reg))
		return exitUsage
	}
	if _, err := reg.Writer(*to); err != nil {
		fmt.Fprintf(io.err, "fairmeta convert: cannot write format %q (known: %s)\n", *to, formatNames(reg))
		return exitUsage
	}
	if *from != "" {
		if _, err := reg.Reader(*from, nil); err != nil {
			fmt.Fprintf(io.err, "fairmeta convert: cannot read format %q (known: %s)\n", *from, formatNames(reg))
			return exitUsage
		}
	}
	name := "-"
	if fs.NArg() == 1 {
		name = fs.Arg(0)
	}
	w := bufio.NewWriter(io.out)
	defer w.Flush()
	data, err := readInput(name, io.in)
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta convert: %s: %v\n", name, err)
		return exitProblem
	}
	_, notRead, notWritten, err := reg.Convert(w, data, *from, *to)
	warnNotRead(io.err, "fairmeta convert", name, notRead)
	warnNotWritten(io.err, "fairmeta convert", *to, notWritten)
	var many *format.OneRecordError
	switch {
	case errors.As(err, &many):
		fmt.Fprintf(io.err, "fairmeta convert: %s holds %d records and %s holds one per document; use -jsonl with a JSON format\n", name, many.Records, many.Format)
		return exitProblem
	case err != nil:
		fmt.Fprintf(io.err, "fairmeta convert: %s: %v\n", name, err)
		return exitProblem
	}
	return exitOK
}

// convertStream converts JSON Lines inputs with package stream.
func convertStream(ctx context.Context, reg *format.Registry, from, to string, dois bool, inputs []string, sf *streamFlags, ff *filterFlags, io stdio) int {
	conv := &stream.Conversion{Decoder: stream.Decoder{Registry: reg, From: from}, To: to, DOIs: dois}
	if err := conv.Check(); err != nil || to == "" && !dois {
		if err == nil {
			err = errors.New("-jsonl needs -to FORMAT or -dois")
		}
		fmt.Fprintf(io.err, "fairmeta convert: %v (formats: %s)\n", err, formatNames(reg))
		return exitUsage
	}
	flt, err := ff.filter(ctx)
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta convert: %v\n", err)
		return exitUsage
	}
	conv.Filter = flt
	if *ff.enrich {
		ix, err := ff.index(ctx)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta convert: %v\n", err)
			return exitProblem
		}
		conv.Enrich = ix
	}
	_, code := runStream(ctx, "convert", inputs, sf, io, conv.NewFunc)
	printNoteCounts(io, "convert", conv.Notes())
	return code
}
