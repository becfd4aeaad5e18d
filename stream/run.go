package stream

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// Record is one line of input, handed to a Func.
type Record struct {
	Input string // the file, "-", or "archive.tar:member" it comes from
	Line  int64  // its 1-based line number in that input
	// Data is the line without its line break. It is only valid during the call: a Func that keeps it must copy it.
	Data []byte
}

// Func processes one record: it appends what the record gives to out (JSON Lines, a DOI per line, nothing when a
// filter leaves the record out) and returns the extended buffer, or returns an error for a record that is bad. An
// error is reported with the record's input and line, and the run goes on.
//
// A Func is called by one worker goroutine at a time; [Run] makes one per worker with the NewFunc it is given, so a
// Func may keep scratch buffers without locks.
type Func func(rec Record, out []byte) ([]byte, error)

// RecordError is a bad record: its input, its line and what is wrong with it.
type RecordError struct {
	Input string
	Line  int64
	Err   error
}

// Error describes the problem in one line: "input:line: reason".
func (e *RecordError) Error() string { return fmt.Sprintf("%s:%d: %v", e.Input, e.Line, e.Err) }

// Unwrap returns the underlying error.
func (e *RecordError) Unwrap() error { return e.Err }

// Options configure [Run]. The zero value is useful: every core, every record, standard input nil.
type Options struct {
	// Workers is the number of records processed at once; 0 means runtime.GOMAXPROCS(0). Memory is bounded by the
	// number of workers (a few batches of BatchBytes each per worker), not by the size of the input.
	Workers int
	// Shard selects a deterministic part of the records; the zero Shard selects all. See [Shard].
	Shard Shard
	// Stdin is the reader of the input name "-".
	Stdin io.Reader
	// Errors receives each bad record, in input order, from one goroutine; nil drops them (they are still counted).
	Errors func(*RecordError)
	// Skipped receives each tar member that is not JSON Lines (it is not read), from the reading goroutine.
	Skipped func(member string)
	// Progress receives a snapshot about every ProgressEvery (default 1 s), from one goroutine, and once at the end.
	Progress      func(Progress)
	ProgressEvery time.Duration
	// MaxLine is the longest line accepted, in bytes; a longer one is a bad record. 0 means 64 MiB.
	MaxLine int
	// BatchBytes is the input handed to a worker at once; 0 means 256 KiB. A Func that waits (a network request
	// per record) wants small batches, so that every worker gets some of a small input.
	BatchBytes int
	// Text says that each line is one record as it is, not JSON (affiliation strings, say): an input whose first
	// line opens a JSON document that is not whole on it is then not read as documents spread over lines.
	Text bool
}

// Progress is a snapshot of a run.
type Progress struct {
	Records     int64 // records processed (in this shard)
	Errors      int64 // bad records among them
	OtherShards int64 // records left to the other shards
	Bytes       int64 // bytes read from the input files (compressed bytes for gzip)
	Total       int64 // total size of the input files; -1 when unknown (standard input)
	Elapsed     time.Duration
	Done        bool
}

// Rate returns the records per second so far.
func (p Progress) Rate() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.Records+p.OtherShards) / p.Elapsed.Seconds()
}

// ETA estimates the time left from the bytes read; 0 when the size is unknown or nothing was read yet.
func (p Progress) ETA() time.Duration {
	if p.Total <= 0 || p.Bytes <= 0 || p.Bytes >= p.Total || p.Done {
		return 0
	}
	return time.Duration(float64(p.Elapsed) * float64(p.Total-p.Bytes) / float64(p.Bytes)).Round(time.Second)
}

// String gives the snapshot as one line: "120000 records (2 errors) in 8.1s, 14815/s, 61% of 412 MB, ETA 5s".
func (p Progress) String() string {
	s := fmt.Sprintf("%d records (%d errors)", p.Records, p.Errors)
	if p.OtherShards > 0 {
		s += fmt.Sprintf(", %d in other shards", p.OtherShards)
	}
	s += fmt.Sprintf(" in %.1fs, %.0f/s", p.Elapsed.Seconds(), p.Rate())
	if p.Total > 0 && !p.Done {
		s += fmt.Sprintf(", %.0f%% of %.0f MB", 100*float64(p.Bytes)/float64(p.Total), float64(p.Total)/1e6)
		if eta := p.ETA(); eta > 0 {
			s += fmt.Sprintf(", ETA %s", eta)
		}
	}
	return s
}

// Summary is what a run did.
type Summary = Progress

// batch is a run of lines of one input part, processed by one worker.
type batch struct {
	seq   int64
	input string
	buf   []byte // the lines, back to back
	lines []lineRef
	out   []byte
	errs  []*RecordError
	n     int64 // records processed
	other int64 // records of other shards
}

type lineRef struct {
	line       int64
	start, end int
	err        error // a line that could not be read whole
}

// Run reads the inputs (file paths, or "-" for opts.Stdin) in order, line by line — each plain, gzipped, or a tar
// archive of JSON Lines parts such as DataCite's data file — hands every non-blank line of the selected shard to a
// Func of one of opts.Workers workers, and writes what the Funcs return to w in input order. Bad records are
// reported to opts.Errors and counted; the run goes on. Run returns an error only when an input cannot be read,
// w cannot be written, or ctx ends: the summary then counts what was done.
func Run(ctx context.Context, inputs []string, w io.Writer, newFunc func() Func, opts Options) (Summary, error) {
	if newFunc == nil || w == nil {
		return Summary{}, errors.New("stream: Run needs a writer and a NewFunc")
	}
	if err := opts.Shard.check(); err != nil {
		return Summary{}, err
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	maxLine := opts.MaxLine
	if maxLine <= 0 {
		maxLine = 64 << 20
	}
	batchBytes := opts.BatchBytes
	if batchBytes <= 0 {
		batchBytes = 256 << 10
	}
	every := opts.ProgressEvery
	if every <= 0 {
		every = time.Second
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var (
		read, records, errCount, others atomic.Int64
		start                           = time.Now()
		total                           = inputSize(inputs)
	)
	snapshot := func(done bool) Progress {
		return Progress{Records: records.Load(), Errors: errCount.Load(), OtherShards: others.Load(), Bytes: read.Load(),
			Total: total, Elapsed: time.Since(start), Done: done}
	}

	// A fixed pool of batches bounds memory: the reader waits for a free one.
	free := make(chan *batch, 2*workers+2)
	for range cap(free) {
		free <- &batch{}
	}
	work := make(chan *batch, cap(free))
	done := make(chan *batch, cap(free))

	var readErr error
	go func() { // the reader
		defer close(work)
		var seq int64
		readErr = readBatches(ctx, inputs, opts, maxLine, batchBytes, &read, free, func(b *batch) bool {
			b.seq = seq
			seq++
			select {
			case work <- b:
				return true
			case <-ctx.Done():
				return false
			}
		})
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn := newFunc()
			for b := range work {
				process(b, fn, opts.Shard)
				done <- b
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	var stopProgress chan struct{}
	if opts.Progress != nil {
		stopProgress = make(chan struct{})
		go func() {
			t := time.NewTicker(every)
			defer t.Stop()
			for {
				select {
				case <-t.C:
					opts.Progress(snapshot(false))
				case <-stopProgress:
					return
				}
			}
		}()
	}

	// The writer: batches in input order.
	var writeErr error
	pending := map[int64]*batch{}
	var next int64
	for b := range done {
		pending[b.seq] = b
		for {
			b, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if writeErr == nil && len(b.out) > 0 {
				if _, err := w.Write(b.out); err != nil {
					writeErr = err
					cancel()
				}
			}
			for _, e := range b.errs {
				if opts.Errors != nil {
					opts.Errors(e)
				}
			}
			records.Add(b.n)
			errCount.Add(int64(len(b.errs)))
			others.Add(b.other)
			b.out, b.buf, b.lines, b.errs = b.out[:0], b.buf[:0], b.lines[:0], b.errs[:0]
			b.n, b.other = 0, 0
			if cap(b.buf) > 4*batchBytes { // a huge line: do not keep its buffer
				b.buf = nil
			}
			if cap(b.out) > 16*batchBytes {
				b.out = nil
			}
			free <- b
		}
	}
	if stopProgress != nil {
		close(stopProgress)
	}
	sum := snapshot(true)
	if opts.Progress != nil {
		opts.Progress(sum)
	}
	switch {
	case writeErr != nil:
		return sum, fmt.Errorf("stream: writing the output: %w", writeErr)
	case readErr != nil:
		return sum, readErr
	}
	return sum, ctx.Err()
}

// process runs fn over the lines of b that belong to the shard.
func process(b *batch, fn Func, sh Shard) {
	for _, l := range b.lines {
		data := b.buf[l.start:l.end]
		if !sh.Has(data) {
			b.other++
			continue
		}
		b.n++
		if l.err != nil {
			b.errs = append(b.errs, &RecordError{Input: b.input, Line: l.line, Err: l.err})
			continue
		}
		out, err := callSafe(fn, Record{Input: b.input, Line: l.line, Data: data}, b.out)
		if err != nil {
			b.errs = append(b.errs, &RecordError{Input: b.input, Line: l.line, Err: err})
			continue
		}
		b.out = out
	}
}

// callSafe calls fn and turns a panic into the record's error, so that one record cannot stop a run of millions.
func callSafe(fn Func, rec Record, out []byte) (res []byte, err error) {
	n := len(out)
	defer func() {
		if p := recover(); p != nil {
			res, err = out[:n], fmt.Errorf("internal error while processing the record: %v", p)
		}
	}()
	res, err = fn(rec, out)
	if err != nil {
		res = out[:n]
	}
	return res, err
}

// readBatches reads every input and sends batches of lines to send; it returns the first input error.
func readBatches(ctx context.Context, inputs []string, opts Options, maxLine, batchBytes int, read *atomic.Int64,
	free chan *batch, send func(*batch) bool) error {
	skipped := opts.Skipped
	if skipped == nil {
		skipped = func(string) {}
	}
	for _, name := range inputs {
		err := openParts(name, opts.Stdin, read, skipped, func(p part) error {
			return readPart(ctx, p, maxLine, batchBytes, !opts.Text, free, send)
		})
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			return nil
		}
	}
	return nil
}

var errLineTooLong = errors.New("line too long")

// readPart reads the lines of one part into batches; with docs, a part whose first line opens a JSON document that
// is not whole on it is read as documents spread over lines.
func readPart(ctx context.Context, p part, maxLine, batchBytes int, docs bool, free chan *batch, send func(*batch) bool) error {
	br, ok := p.r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(p.r, 1<<16)
	}
	var b *batch
	get := func() bool {
		select {
		case b = <-free:
			b.input = p.name
			return true
		case <-ctx.Done():
			return false
		}
	}
	if !get() {
		return nil
	}
	var line int64
	sawRecord := false
	for {
		line++
		start := len(b.buf)
		var tooLong bool
		var err error
		for {
			var chunk []byte
			chunk, err = br.ReadSlice('\n')
			if !tooLong {
				if len(b.buf)-start+len(chunk) > maxLine+1 {
					tooLong = true
					b.buf = b.buf[:start]
				} else {
					b.buf = append(b.buf, chunk...)
				}
			}
			if !errors.Is(err, bufio.ErrBufferFull) {
				break
			}
		}
		if err != nil && err != io.EOF {
			return &InputError{Input: p.name, Err: fmt.Errorf("line %d: %w", line, err)}
		}
		data := bytes.TrimRight(b.buf[start:], "\r\n")
		end := start + len(data)
		if docs && !tooLong && !sawRecord && err != io.EOF && startsDocument(data) && !json.Valid(data) {
			// The first record spans several lines: a pretty-printed document, not JSON Lines.
			first := append([]byte(nil), b.buf[start:]...)
			b.buf = b.buf[:start]
			return readDocuments(ctx, p.name, io.MultiReader(bytes.NewReader(first), br), line, b, batchBytes, free, send)
		}
		switch {
		case tooLong:
			b.lines = append(b.lines, lineRef{line: line, start: start, end: start, err: fmt.Errorf("%w: over %d bytes", errLineTooLong, maxLine)})
		case len(bytes.TrimSpace(data)) == 0:
			b.buf = b.buf[:start] // a blank line is no record
		default:
			b.lines = append(b.lines, lineRef{line: line, start: start, end: end})
			sawRecord = true
		}
		if err == io.EOF || len(b.buf) >= batchBytes {
			if len(b.lines) > 0 {
				if !send(b) {
					return nil
				}
				if err == io.EOF {
					return nil
				}
				if !get() {
					return nil
				}
			} else if err == io.EOF {
				b.buf, b.lines = b.buf[:0], b.lines[:0]
				free <- b
				return nil
			}
		}
	}
}

// startsDocument reports whether a line starts a JSON object or array.
func startsDocument(line []byte) bool {
	t := bytes.TrimLeft(line, " \t\ufeff")
	t = bytes.TrimPrefix(t, []byte("\xef\xbb\xbf"))
	return len(t) > 0 && (t[0] == '{' || t[0] == '[')
}

// readDocuments reads a part whose records are JSON documents spread over lines (any white space between them) with
// format.Documents' rules: each document is a record, numbered by the line it starts on (counted from firstLine).
// A document that is not well-formed is a bad record and ends the part, since the next one cannot be found.
func readDocuments(ctx context.Context, name string, r io.Reader, firstLine int64, b *batch, batchBytes int,
	free chan *batch, send func(*batch) bool) error {
	lc := &lineCounter{r: r}
	dec := json.NewDecoder(lc)
	for {
		var raw json.RawMessage
		prevEnd := dec.InputOffset()
		lc.keepFrom(prevEnd)
		err := dec.Decode(&raw)
		if err == io.EOF {
			break
		}
		at := firstLine + lc.lineAt(dec.InputOffset()-int64(len(raw)))
		if err != nil {
			at = firstLine + lc.lineAt(lc.nextNonSpace(prevEnd))
			var se *json.SyntaxError
			if errors.As(err, &se) {
				at = firstLine + lc.lineAt(se.Offset-1)
			}
			b.lines = append(b.lines, lineRef{line: at, start: len(b.buf), end: len(b.buf), err: fmt.Errorf("invalid JSON: %w", err)})
			break
		}
		start := len(b.buf)
		b.buf = append(b.buf, raw...)
		b.lines = append(b.lines, lineRef{line: at, start: start, end: len(b.buf)})
		if len(b.buf) >= batchBytes {
			if !send(b) {
				return nil
			}
			select {
			case b = <-free:
				b.input = name
			case <-ctx.Done():
				return nil
			}
		}
	}
	if len(b.lines) > 0 {
		send(b)
		return nil
	}
	free <- b
	return nil
}

// lineCounter records the newlines of what it reads, to turn offsets into line numbers (0-based).
type lineCounter struct {
	r     io.Reader
	n     int64
	newls []int64
	base  int64  // offset of kept[0]
	kept  []byte // what was read since the end of the last document, to find where the next one starts
}

func (l *lineCounter) keepFrom(off int64) {
	if off > l.base {
		drop := min(int(off-l.base), len(l.kept))
		l.kept = append(l.kept[:0], l.kept[drop:]...)
		l.base = off
	}
}

// nextNonSpace returns the offset of the first byte after off that is not white space.
func (l *lineCounter) nextNonSpace(off int64) int64 {
	for i := max(off-l.base, 0); i < int64(len(l.kept)); i++ {
		switch l.kept[i] {
		case ' ', '\t', '\r', '\n':
		default:
			return l.base + i
		}
	}
	return off
}

func (l *lineCounter) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i, c := range p[:n] {
		if c == '\n' {
			l.newls = append(l.newls, l.n+int64(i))
		}
	}
	l.kept = append(l.kept, p[:n]...)
	l.n += int64(n)
	return n, err
}

func (l *lineCounter) lineAt(off int64) int64 {
	return int64(sort.Search(len(l.newls), func(i int) bool { return l.newls[i] >= off }))
}
