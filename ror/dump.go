package ror

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"runtime"
	"strings"

	"github.com/dop2i/fairmeta/internal/jsonwalk"
)

// DumpError reports a ROR data dump that cannot be read: which file and record, and why.
type DumpError struct {
	File   string // the file or zip entry read, empty for a plain reader
	Record int    // 1-based number of the record that failed; 0 when the failure is not in a record
	Err    error  // the underlying problem
}

// Error names the file and record and says what is wrong.
func (e *DumpError) Error() string {
	var b strings.Builder
	b.WriteString("ror: dump")
	if e.File != "" {
		b.WriteString(" " + e.File)
	}
	if e.Record > 0 {
		fmt.Fprintf(&b, ": record %d", e.Record)
	}
	b.WriteString(": " + e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying problem.
func (e *DumpError) Unwrap() error { return e.Err }

// ErrNotV2 is wrapped by the DumpError of a record that is not in the v2 schema (a v1 record has "name", not
// "names"). Only v2 dumps are read: every release since v1.45 ships one (the file named *_schema_v2.json before v2.0).
var ErrNotV2 = errors.New("record is not in the ROR v2 schema (no \"names\")")

// maxRecordSize caps one record, so that a corrupt or hostile dump cannot make the reader buffer without bound.
const maxRecordSize = 4 << 20

// ReadDump streams the organisations of a ROR data dump from r and calls fn with each, in file order. r holds the
// release's JSON (an array of records) or JSON Lines (one record per line), optionally gzip-compressed (detected from
// the content, not a name). A release .zip is read too when r is an io.ReaderAt with a size (an *os.File, a
// *bytes.Reader); see [ReadDumpFile]. The records are decoded one at a time, never slurped. fn's error stops the read
// and is returned as is; a malformed dump gives a *DumpError naming the record. ctx is checked between records.
func ReadDump(ctx context.Context, r io.Reader, fn func(*Organization) error) error {
	if fn == nil {
		return &DumpError{Err: errors.New("nil callback")}
	}
	return readDump(ctx, "", r, nil, plain(fn))
}

// plain adapts a callback that does not take the prepared value.
func plain(fn func(*Organization) error) func(*Organization, any) error {
	return func(o *Organization, _ any) error { return fn(o) }
}

// ReadDumpFile is [ReadDump] on a file: .json, .json.gz, .jsonl, .jsonl.gz or a ROR release .zip (whose v2 JSON
// entry is read: the one named *schema_v2.json when there is one, else the only .json entry).
func ReadDumpFile(ctx context.Context, name string, fn func(*Organization) error) error {
	if fn == nil {
		return &DumpError{File: name, Err: errors.New("nil callback")}
	}
	return readDumpFile(ctx, name, nil, plain(fn))
}

// readDumpFile is ReadDumpFile with a prepare function that the decoding workers run on each record; its result is
// handed to fn with the record.
func readDumpFile(ctx context.Context, name string, prep func(*Organization) any, fn func(*Organization, any) error) error {
	f, err := os.Open(name)
	if err != nil {
		return &DumpError{File: name, Err: err}
	}
	defer f.Close()
	return readDump(ctx, name, f, prep, fn)
}

func readDump(ctx context.Context, name string, r io.Reader, prep func(*Organization) any, fn func(*Organization, any) error) error {
	if r == nil {
		return &DumpError{File: name, Err: errors.New("nil io.Reader")}
	}
	br := bufio.NewReaderSize(r, 256<<10)
	head, _ := br.Peek(4)
	switch {
	case len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b:
		zr, err := gzip.NewReader(br)
		if err != nil {
			return &DumpError{File: name, Err: err}
		}
		defer zr.Close()
		return readJSON(ctx, name, zr, prep, fn)
	case len(head) == 4 && string(head) == "PK\x03\x04":
		ra, ok := r.(io.ReaderAt)
		size, sok := sizeOf(r)
		if !ok || !sok {
			return &DumpError{File: name, Err: errors.New("a .zip dump needs a file or another io.ReaderAt with a size")}
		}
		return readZip(ctx, name, ra, size, prep, fn)
	}
	return readJSON(ctx, name, br, prep, fn)
}

func sizeOf(r io.Reader) (int64, bool) {
	switch v := r.(type) {
	case *os.File:
		st, err := v.Stat()
		if err != nil {
			return 0, false
		}
		return st.Size(), true
	case interface{ Size() int64 }:
		return v.Size(), true
	}
	return 0, false
}

func readZip(ctx context.Context, name string, ra io.ReaderAt, size int64, prep func(*Organization) any, fn func(*Organization, any) error) error {
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return &DumpError{File: name, Err: err}
	}
	var pick, v2 []*zip.File
	for _, f := range zr.File {
		base := strings.ToLower(path.Base(f.Name))
		if f.FileInfo().IsDir() || strings.HasPrefix(base, ".") || !strings.HasSuffix(base, ".json") && !strings.HasSuffix(base, ".jsonl") {
			continue
		}
		if strings.Contains(base, "schema_v2") {
			v2 = append(v2, f)
		}
		pick = append(pick, f)
	}
	if len(v2) > 0 {
		pick = v2
	}
	if len(pick) != 1 {
		return &DumpError{File: name, Err: fmt.Errorf("zip holds %d candidate JSON files, want exactly one", len(pick))}
	}
	rc, err := pick[0].Open()
	if err != nil {
		return &DumpError{File: name + ":" + pick[0].Name, Err: err}
	}
	defer rc.Close()
	return readJSON(ctx, name+":"+pick[0].Name, bufio.NewReaderSize(rc, 256<<10), prep, fn)
}

// readJSON reads an array of records or a stream of records (JSON Lines, or objects one after another).
func readJSON(ctx context.Context, name string, r io.Reader, prep func(*Organization) any, fn func(*Organization, any) error) error {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 256<<10)
	}
	// Skip a UTF-8 byte-order mark and leading space to see whether this is an array.
	for {
		b, err := br.Peek(1)
		if err != nil {
			if err == io.EOF {
				return nil // an empty dump holds no records
			}
			return &DumpError{File: name, Err: err}
		}
		if b[0] == ' ' || b[0] == '\t' || b[0] == '\n' || b[0] == '\r' {
			br.ReadByte()
			continue
		}
		if bom, _ := br.Peek(3); bytes.Equal(bom, []byte{0xEF, 0xBB, 0xBF}) {
			br.Discard(3)
			continue
		}
		break
	}
	first, _ := br.Peek(1)
	if first[0] == '[' {
		return readArray(ctx, name, br, prep, fn)
	}
	return readLines(ctx, name, br, prep, fn)
}

// readArray reads a JSON array of records: the decoder splits the records, the decoding pipeline decodes them.
func readArray(ctx context.Context, name string, br *bufio.Reader, prep func(*Organization) any, fn func(*Organization, any) error) error {
	lr := &limitedRecordReader{r: br}
	dec := json.NewDecoder(lr)
	if _, err := dec.Token(); err != nil {
		return &DumpError{File: name, Err: err}
	}
	p := newPipeline(ctx, name, prep, fn)
	n := 0
	for dec.More() {
		lr.n = 0
		n++
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			p.close()
			return firstErr(p.wait(), &DumpError{File: name, Record: n, Err: err})
		}
		if !p.send(raw) {
			break
		}
	}
	p.close()
	if err := p.wait(); err != nil {
		return err
	}
	if _, err := dec.Token(); err != nil {
		return &DumpError{File: name, Record: n + 1, Err: unexpectedEOF(err)}
	}
	if _, err := dec.Token(); err != io.EOF {
		return &DumpError{File: name, Err: errors.New("data after the closing ] of the array")}
	}
	return nil
}

// readLines reads JSON Lines: one record per line; blank lines are skipped.
func readLines(ctx context.Context, name string, br *bufio.Reader, prep func(*Organization) any, fn func(*Organization, any) error) error {
	p := newPipeline(ctx, name, prep, fn)
	var long []byte
	for {
		line, err := br.ReadSlice('\n')
		if err == bufio.ErrBufferFull {
			long = append(long[:0], line...)
			for err == bufio.ErrBufferFull && len(long) <= maxRecordSize {
				line, err = br.ReadSlice('\n')
				long = append(long, line...)
			}
			if len(long) > maxRecordSize {
				p.close()
				return firstErr(p.wait(), &DumpError{File: name, Record: p.sent + 1, Err: errRecordTooLarge})
			}
			line = long
		}
		if t := bytes.TrimSpace(line); len(t) > 0 {
			if !p.send(bytes.Clone(t)) {
				break
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			p.close()
			return firstErr(p.wait(), &DumpError{File: name, Err: err})
		}
	}
	p.close()
	return p.wait()
}

func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// pipeline decodes records on every core while keeping their order: records go in batches to workers, and the
// batches' results are handed to fn in the order the records were read.
type pipeline struct {
	ctx     context.Context
	name    string
	prep    func(*Organization) any
	fn      func(*Organization, any) error
	batch   [][]byte
	sent    int // records sent so far
	work    chan *batch
	ordered chan *batch
	done    chan error
	stopped chan struct{}
}

type batch struct {
	first int // record number of raw[0]
	raw   [][]byte
	orgs  []*Organization
	preps []any
	err   error
	ready chan struct{}
}

const batchSize = 256

func newPipeline(ctx context.Context, name string, prep func(*Organization) any, fn func(*Organization, any) error) *pipeline {
	workers := max(1, runtime.GOMAXPROCS(0))
	p := &pipeline{ctx: ctx, name: name, prep: prep, fn: fn, work: make(chan *batch, workers*2), ordered: make(chan *batch, workers*4),
		done: make(chan error, 1), stopped: make(chan struct{})}
	for range workers {
		go func() {
			for b := range p.work {
				b.orgs = make([]*Organization, 0, len(b.raw))
				for i, raw := range b.raw {
					o, err := decodeRecord(raw)
					if err != nil {
						b.err = &DumpError{File: name, Record: b.first + i, Err: err}
						break
					}
					b.orgs = append(b.orgs, o)
					if prep != nil {
						b.preps = append(b.preps, prep(o))
					}
				}
				b.raw = nil
				close(b.ready)
			}
		}()
	}
	go func() {
		var err error
		for b := range p.ordered {
			<-b.ready
			if err != nil {
				continue // drain
			}
			if err = p.ctx.Err(); err != nil {
				close(p.stopped)
				continue
			}
			for i, o := range b.orgs {
				var pr any
				if b.preps != nil {
					pr = b.preps[i]
				}
				if err = p.fn(o, pr); err != nil {
					break
				}
			}
			if err == nil {
				err = b.err
			}
			if err != nil {
				close(p.stopped)
			}
		}
		p.done <- err
	}()
	return p
}

// send queues one raw record; it returns false once the pipeline has stopped on an error.
func (p *pipeline) send(raw []byte) bool {
	p.batch = append(p.batch, raw)
	p.sent++
	if len(p.batch) == batchSize {
		return p.flush()
	}
	return true
}

func (p *pipeline) flush() bool {
	if len(p.batch) == 0 {
		return true
	}
	b := &batch{first: p.sent - len(p.batch) + 1, raw: p.batch, ready: make(chan struct{})}
	p.batch = nil
	select {
	case <-p.stopped:
		return false
	case p.ordered <- b:
	}
	p.work <- b
	return true
}

// close sends what is left and ends the input.
func (p *pipeline) close() {
	p.flush()
	close(p.ordered)
	close(p.work)
}

func (p *pipeline) wait() error { return <-p.done }

// decodeRecord decodes one v2 record and checks the fields the index relies on.
func decodeRecord(raw []byte) (*Organization, error) {
	if err := jsonwalk.CheckText(raw); err != nil {
		return nil, err
	}
	var o Organization
	if err := json.Unmarshal(raw, &o); err != nil {
		return nil, err
	}
	if o.Names == nil {
		return nil, ErrNotV2
	}
	if o.ID == "" {
		return nil, errors.New("record has no id")
	}
	return &o, nil
}

// errRecordTooLarge is wrapped when one record exceeds maxRecordSize.
var errRecordTooLarge = fmt.Errorf("record larger than %d bytes", maxRecordSize)

// limitedRecordReader fails once more than maxRecordSize bytes are read for one record; readJSON resets n before
// each record. The decoder reads ahead by its buffer, so the cap is approximate, which is all it needs to be.
type limitedRecordReader struct {
	r io.Reader
	n int
}

func (l *limitedRecordReader) Read(p []byte) (int, error) {
	if l.n > maxRecordSize {
		return 0, errRecordTooLarge
	}
	n, err := l.r.Read(p)
	l.n += n
	return n, err
}
