package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	goio "io"
	"os"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/format"
)

func init() {
	register(command{name: "convert", summary: "convert metadata from one format to another (through fair.Resource)", run: runConvert})
}

// runConvert reads one input (a file or standard input) in any format of the registry and writes its records in
// another. With -jsonl the input is a stream of JSON documents (one per line, or any whitespace between) and each
// record goes out as one line; a JSON:API list in gives one record per line out.
func runConvert(_ context.Context, args []string, io stdio) int {
	reg := format.Default()
	fs := newFlags("convert", "[-from FORMAT] -to FORMAT [-jsonl] [FILE|-]", io)
	from := fs.String("from", "", "input `format`; detected from the input when omitted")
	to := fs.String("to", "", "output `format` (required)")
	jsonl := fs.Bool("jsonl", false, "read a stream of JSON documents and write one JSON record per line")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *to == "" || fs.NArg() > 1 {
		fs.Usage()
		fmt.Fprintf(io.err, "formats: %s\n", formatNames(reg))
		return exitUsage
	}
	out, err := reg.Writer(*to)
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta convert: cannot write format %q (known: %s)\n", *to, formatNames(reg))
		return exitUsage
	}
	if *from != "" {
		if _, err := reg.Reader(*from, nil); err != nil {
			fmt.Fprintf(io.err, "fairmeta convert: cannot read format %q (known: %s)\n", *from, formatNames(reg))
			return exitUsage
		}
	}
	if *jsonl && out.WriteLine == nil {
		fmt.Fprintf(io.err, "fairmeta convert: format %s has no one-line JSON form for -jsonl\n", out.Name)
		return exitUsage
	}
	name := "-"
	if fs.NArg() == 1 {
		name = fs.Arg(0)
	}
	w := bufio.NewWriter(io.out)
	defer w.Flush()
	if *jsonl {
		return convertStream(reg, name, *from, *to, io, w)
	}
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

// convertStream converts a stream of documents (format.Documents), writing each record as one line.
func convertStream(reg *format.Registry, name, from, to string, io stdio, w goio.Writer) int {
	in := io.in
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta convert: %v\n", err)
			return exitProblem
		}
		defer f.Close()
		in = f
	}
	for doc, err := range format.Documents(in) {
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta convert: %s: %v\n", name, err)
			return exitProblem
		}
		where := fmt.Sprintf("%s: record %d", name, doc.N)
		_, recs, notRead, err := reg.Read(from, doc.Data)
		warnNotRead(io.err, "fairmeta convert", where, notRead)
		if err == nil {
			var notWritten fair.Notes
			notWritten, err = reg.WriteLines(w, to, recs)
			warnNotWritten(io.err, "fairmeta convert", to, notWritten)
		}
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta convert: %s: record %d (line %d): %v\n", name, doc.N, doc.Line, err)
			return exitProblem
		}
	}
	return exitOK
}
