package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/format"
	"github.com/dop2i/fairmeta/inspire"
	"github.com/dop2i/fairmeta/ror"
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
	fs := newFlags("convert", "[-from FORMAT] -to FORMAT [-enrich-ror [-ror-first]] [-inspire FILE,...] [-hal-structures FILE | -hal-api URL] [FILE|-|DOI] [-resolver URL] | -jsonl [-to FORMAT|-dois] [-j N] [-shard i/n] [filters] [FILE...]", io)
	from := fs.String("from", "", "input `format`; detected from the input (with -jsonl, from each line) when omitted")
	to := fs.String("to", "", "output `format` (required unless -dois)")
	jsonl := fs.Bool("jsonl", false, "read JSON Lines (plain, gzip or tar archives of parts) and write one record per line, in parallel")
	dois := fs.Bool("dois", false, "with -jsonl, write the DOI of each selected record instead of the record")
	resolver := fs.String("resolver", "", "DOI resolver base `URL` to fetch a DOI's metadata from (default https://doi.org/)")
	sf := addStreamFlags(fs)
	ff := addFilterFlags(fs)
	hf := addHALFlags(fs)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *jsonl && hf.set() {
		return usageError(fs, "-inspire, -ror-first, -hal-structures and -hal-api convert one document, not -jsonl")
	}
	if *jsonl {
		if *resolver != "" {
			return usageError(fs, "-resolver fetches one DOI; it does not go with -jsonl")
		}
		return convertStream(ctx, reg, *from, *to, *dois, fs, sf, ff, io)
	}
	if *to == "" {
		return usageError(fs, "-to FORMAT is required")
	}
	if fs.NArg() > 1 {
		return usageError(fs, "one input only, got %d (-jsonl converts several)", fs.NArg())
	}
	if _, err := reg.Writer(*to); err != nil {
		return usageError(fs, "-to %q: not a format fairmeta writes (writes: %s)", *to, writableNames(reg))
	}
	if *from != "" {
		if _, err := reg.Reader(*from, nil); err != nil {
			return usageError(fs, "-from %q: not a format fairmeta reads (known: %s)", *from, formatNames(reg))
		}
	}
	name := "-"
	if fs.NArg() == 1 {
		name = fs.Arg(0)
	}
	w := bufio.NewWriter(io.out)
	defer w.Flush()
	var data []byte
	var err error
	if d, isDOI := doiArgument(name); isDOI {
		// A DOI, not a file: its metadata by content negotiation, in the format the resolver chose among those
		// fairmeta reads.
		var f fair.Format
		if data, f, err = fetchDOI(ctx, reg, d, *from, *resolver); err != nil {
			fmt.Fprintf(io.err, "fairmeta convert: %v\n", err)
			return exitProblem
		}
		*from = f.Name
	} else if *resolver != "" {
		return usageError(fs, "-resolver goes with a DOI; %q is not one", name)
	} else if data, err = readInput(name, io.in); err != nil {
		fmt.Fprintf(io.err, "fairmeta convert: %s: %v\n", name, err)
		return exitProblem
	}
	var ix *ror.Index
	if *ff.enrich || *hf.structures != "" || *hf.api != "" {
		if ix, err = ff.index(ctx); err != nil {
			fmt.Fprintf(io.err, "fairmeta convert: %v\n", err)
			return exitProblem
		}
	}
	hw, err := hf.writer(ix, io)
	var lk *inspire.Lookup
	if err == nil {
		lk, err = hf.lookup(io)
	}
	if err == nil && (*hf.structures != "" || *hf.api != "") {
		reg, err = withFormat(reg, hw.Format())
	}
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta convert: %v\n", err)
		return exitUsage
	}
	// Each record is completed before it is written: its INSPIRE institutions and authors resolved, the ROR IDs
	// of its affiliations filled in.
	prepare := func(r *fair.Resource) error {
		lk.Resolve(r)
		if *ff.enrich {
			_, err := ror.Enrich(ctx, r, ix, hf.enrichOptions()...)
			return err
		}
		return nil
	}
	notRead, notWritten, err := convertOne(reg, w, data, *from, *to, prepare)
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

// convertOne reads data, prepares each record and writes them in format to.
func convertOne(reg *format.Registry, w io.Writer, data []byte, from, to string, prepare func(*fair.Resource) error) (notRead, notWritten fair.Notes, err error) {
	if _, err := reg.Writer(to); err != nil {
		return nil, nil, err
	}
	_, recs, notRead, err := reg.Read(from, data)
	if err != nil {
		return nil, nil, err
	}
	for _, r := range recs {
		if err := prepare(r); err != nil {
			return notRead, nil, err
		}
	}
	notWritten, err = reg.Write(w, to, recs)
	return notRead, notWritten, err
}

// convertStream converts JSON Lines inputs with package stream.
func convertStream(ctx context.Context, reg *format.Registry, from, to string, dois bool, fs *flag.FlagSet, sf *streamFlags, ff *filterFlags, io stdio) int {
	inputs := fs.Args()
	conv := &stream.Conversion{Decoder: stream.Decoder{Registry: reg, From: from}, To: to, DOIs: dois}
	if to == "" && !dois {
		return usageError(fs, "-jsonl needs -to FORMAT or -dois")
	}
	if err := conv.Check(); err != nil {
		var ce *format.CapabilityError
		if errors.As(err, &ce) && ce.Op != "write" && !dois {
			return usageError(fs, "-jsonl -to %s: %s writes no JSON, so not one record per line; JSON formats: %s", to, to, lineNames(reg))
		}
		return usageError(fs, "%v", err)
	}
	flt, err := ff.filter(ctx)
	if err != nil {
		return usageError(fs, "%v", err)
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

// doiArgument reports whether the argument of convert names a DOI (10.5061/dryad.8515, doi:..., https://doi.org/...)
// rather than a file: it parses as a DOI and no file of that name exists.
func doiArgument(name string) (doi.DOI, bool) {
	if name == "-" {
		return "", false
	}
	d, err := doi.Parse(name)
	if err != nil {
		return "", false
	}
	if _, err := os.Stat(name); err == nil {
		return "", false
	}
	return d, true
}

// fetchDOI fetches the metadata of d from the resolver at base (doi.org when empty) in one content negotiation
// asking for the formats fairmeta reads (or only the media types of format from), and returns it with its format,
// found from the Content-Type and the content.
func fetchDOI(ctx context.Context, reg *format.Registry, d doi.DOI, from, base string) ([]byte, fair.Format, error) {
	opts := []doi.Option{doi.WithUserAgent("fairmeta-cli")}
	if base != "" {
		opts = append(opts, doi.WithBaseURL(base))
	}
	r, err := doi.NewResolver(opts...)
	if err != nil {
		return nil, fair.Format{}, err
	}
	var types []string
	if from != "" {
		f, _ := reg.Lookup(from)
		types = f.MediaTypes
	}
	m, err := r.Negotiate(ctx, d, types...)
	if err != nil {
		return nil, fair.Format{}, err
	}
	f, err := reg.DetectMedia(m.ContentType, m.Body)
	if err != nil {
		return nil, fair.Format{}, fmt.Errorf("%s: the resolver sent %s: %w", d, m.ContentType, err)
	}
	if from != "" && f.Name != from {
		f, _ = reg.Lookup(from)
	}
	return m.Body, f, nil
}

// lineNames lists the formats -jsonl can write, one record per line.
func lineNames(reg *format.Registry) string {
	var names []string
	for _, n := range reg.Names() {
		if _, err := reg.LineWriter(n); err == nil {
			names = append(names, n)
		}
	}
	return strings.Join(names, ", ")
}
