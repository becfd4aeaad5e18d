package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	goio "io"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"

	"github.com/dop2i/fairmeta/ror"
	"github.com/dop2i/fairmeta/stream"
)

// streamGCPercent is the GOGC of a stream run (see runStream).
const streamGCPercent = 400

// streamFlags are the flags every streaming command takes: workers, shard and progress.
type streamFlags struct {
	jobs     *int
	shard    *string
	progress *bool
	// set by the command, not flags: lines of text rather than JSON (stream.Options.Text) and the batch size
	// (stream.Options.BatchBytes; 0 the default)
	text       bool
	batchBytes int
}

func addStreamFlags(fs *flag.FlagSet) *streamFlags {
	return &streamFlags{
		jobs:     fs.Int("j", runtime.NumCPU(), "records processed at once, on this many cores"),
		shard:    fs.String("shard", "", "process only shard `i/n` of the records (by record: n jobs with 1/n..n/n cover everything once)"),
		progress: fs.Bool("progress", false, "print progress (records/s, errors, ETA) to standard error every second"),
	}
}

// filterFlags are the record filters of convert.
type filterFlags struct {
	affiliation, country, typ, publisher, year, rorDump *string
	hasORCID, children, enrich                          *bool
	ix                                                  *ror.Index
}

func addFilterFlags(fs *flag.FlagSet) *filterFlags {
	return &filterFlags{
		affiliation: fs.String("affiliation", "", "keep records with an affiliation or publisher of these `ROR IDs` (comma-separated); names without an ID are matched offline"),
		children:    fs.Bool("children", true, "with -affiliation, the organisations' children count too (IN2P3 and its laboratories)"),
		country:     fs.String("country", "", "keep records with an affiliation or publisher in these `countries` (ISO codes, comma-separated, e.g. FR,CH)"),
		typ:         fs.String("type", "", "keep records of these resourceTypeGeneral `values` (comma-separated, e.g. Dataset,Software)"),
		publisher:   fs.String("publisher", "", "keep records of these `publishers` (names or identifiers, comma-separated)"),
		year:        fs.String("year", "", "keep records published in this `year` or range (2024, 2020-2024, 2020-)"),
		hasORCID:    fs.Bool("has-orcid", false, "keep records with a creator or contributor identified by an ORCID"),
		enrich:      fs.Bool("enrich-ror", false, "fill in the ROR IDs of affiliations, publishers and funders given only by name, offline, before filtering"),
		rorDump:     fs.String("ror-dump", "", "ROR data dump `file` for -affiliation and -country (default: the built-in set of physics organisations)"),
	}
}

func splitComma(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// index loads the ROR index of -ror-dump, or the built-in set.
func (f *filterFlags) index(ctx context.Context) (*ror.Index, error) {
	if *f.rorDump == "" {
		return ror.Default(), nil
	}
	if f.ix == nil {
		ix, err := ror.LoadIndex(ctx, *f.rorDump)
		if err != nil {
			return nil, err
		}
		f.ix = ix
	}
	return f.ix, nil
}

// filter builds the compiled filter, or nil when no filter flag is set.
func (f *filterFlags) filter(ctx context.Context) (*stream.CompiledFilter, error) {
	flt := stream.Filter{RORIDs: splitComma(*f.affiliation), Descendants: *f.children, Countries: splitComma(*f.country),
		ResourceTypes: splitComma(*f.typ), Publishers: splitComma(*f.publisher), HasORCID: *f.hasORCID}
	if y := strings.TrimSpace(*f.year); y != "" {
		lo, hi, isRange := strings.Cut(y, "-")
		var err1, err2 error
		flt.YearFrom, err1 = strconv.Atoi(lo)
		flt.YearTo = flt.YearFrom
		if isRange {
			flt.YearTo = 0
			if hi != "" {
				flt.YearTo, err2 = strconv.Atoi(hi)
			}
		}
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("-year %q: want 2024, 2020-2024 or 2020-", y)
		}
	}
	if len(flt.RORIDs) == 0 && len(flt.Countries) == 0 && len(flt.ResourceTypes) == 0 && len(flt.Publishers) == 0 &&
		flt.YearFrom == 0 && flt.YearTo == 0 && !flt.HasORCID {
		return nil, nil
	}
	ix, err := f.index(ctx)
	if err != nil {
		return nil, err
	}
	flt.Index = ix
	return flt.Compile()
}

// runStream runs fn over the inputs with the stream flags, writing to io.out; it prints one line per bad record
// and a summary to io.err and returns the exit status (1 when any record was bad).
func runStream(ctx context.Context, name string, inputs []string, sf *streamFlags, io stdio, newFunc func() stream.Func) (stream.Summary, int) {
	sh, err := stream.ParseShard(*sf.shard)
	if err != nil || *sf.jobs < 1 {
		if err == nil {
			err = fmt.Errorf("-j %d: want at least 1", *sf.jobs)
		}
		fmt.Fprintf(io.err, "fairmeta %s: %v\n", name, err)
		return stream.Summary{}, exitUsage
	}
	if len(inputs) == 0 {
		inputs = []string{stream.Stdin}
	}
	// -j N uses N cores: the workers and the reading and writing around them.
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(*sf.jobs))
	// The live heap of a stream is small and bounded by -j (batches and each worker's record), while conversion
	// allocates at a high rate: with the default GOGC the collector runs every few hundred records and takes a
	// large share of the CPU, more so with more workers. Five times the live heap is still a few tens of MB.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(streamGCPercent))
	}
	w := bufio.NewWriterSize(io.out, 256<<10)
	lw := &lockedWriter{w: io.err}
	errw := bufio.NewWriter(lw)
	opts := stream.Options{Workers: *sf.jobs, Shard: sh, Stdin: io.in, Text: sf.text, BatchBytes: sf.batchBytes,
		Errors:  func(e *stream.RecordError) { fmt.Fprintf(errw, "fairmeta %s: %v\n", name, e) },
		Skipped: func(m string) { fmt.Fprintf(lw, "fairmeta %s: %s: not JSON Lines, not read\n", name, m) }} // from the reading goroutine
	if *sf.progress {
		opts.Progress = func(p stream.Progress) {
			if !p.Done {
				fmt.Fprintf(lw, "fairmeta %s: %s\n", name, p)
			}
		}
	}
	sum, err := stream.Run(ctx, inputs, w, newFunc, opts)
	if ferr := w.Flush(); err == nil && ferr != nil {
		err = ferr
	}
	fmt.Fprintf(errw, "fairmeta %s: %s", name, sum)
	if sh.Count > 0 {
		fmt.Fprintf(errw, ", shard %s", sh)
	}
	fmt.Fprintln(errw)
	errw.Flush()
	switch {
	case err != nil:
		if cause := context.Cause(ctx); cause != nil && cause != ctx.Err() && errors.Is(err, ctx.Err()) {
			err = fmt.Errorf("stopped: %w", cause) // the command stopped the run (ror match: the API failed)
		}
		fmt.Fprintf(io.err, "fairmeta %s: %v\n", name, err)
		return sum, exitProblem
	case sum.Errors > 0:
		return sum, exitProblem
	}
	return sum, exitOK
}

// printNoteCounts prints the notes a conversion counted, at most ten kinds.
func printNoteCounts(io stdio, name string, notes []stream.NoteCount) {
	for i, n := range notes {
		if i == 10 {
			fmt.Fprintf(io.err, "fairmeta %s: ... and %d other kinds of notes\n", name, len(notes)-10)
			break
		}
		path := n.Path
		if path == "" {
			path = "(record)"
		}
		fmt.Fprintf(io.err, "fairmeta %s: %s ×%d: %s: %s\n", name, n.Direction, n.Count, path, n.Reason)
	}
}

// lockedWriter serialises the writes of the progress goroutine and the run's.
type lockedWriter struct {
	mu sync.Mutex
	w  goio.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
