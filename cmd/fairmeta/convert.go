package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	goio "io"
	"os"
	"sort"

	"github.com/dop2i/fairmeta/fair"
)

func init() {
	register(command{name: "convert", summary: "convert metadata from one format to another (through fair.Resource)", run: runConvert})
}

// runConvert reads one input (a file or standard input) in any registered format and writes its records in
// another. With -jsonl the input is a stream of JSON documents (one per line, or any whitespace between) and each
// record goes out as one line; a JSON:API list in gives one record per line out.
func runConvert(_ context.Context, args []string, io stdio) int {
	fs := newFlags("convert", "[-from FORMAT] -to FORMAT [-jsonl] [FILE|-]", io)
	from := fs.String("from", "", "input `format`; detected from the input when omitted")
	to := fs.String("to", "", "output `format` (required)")
	jsonl := fs.Bool("jsonl", false, "read a stream of JSON documents and write one JSON record per line")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *to == "" || fs.NArg() > 1 {
		fs.Usage()
		fmt.Fprintf(io.err, "formats: %s\n", formatNames())
		return exitUsage
	}
	out, ok := formats[*to]
	if !ok || out.write == nil {
		fmt.Fprintf(io.err, "fairmeta convert: cannot write format %q (known: %s)\n", *to, formatNames())
		return exitUsage
	}
	if _, ok := formats[*from]; *from != "" && (!ok || formats[*from].read == nil) {
		fmt.Fprintf(io.err, "fairmeta convert: cannot read format %q (known: %s)\n", *from, formatNames())
		return exitUsage
	}
	if *jsonl && out.writeLine == nil {
		fmt.Fprintf(io.err, "fairmeta convert: format %s has no one-line JSON form for -jsonl\n", out.name)
		return exitUsage
	}
	name := "-"
	if fs.NArg() == 1 {
		name = fs.Arg(0)
	}
	var in goio.Reader = io.in
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta convert: %v\n", err)
			return exitProblem
		}
		defer f.Close()
		in = f
	}
	w := bufio.NewWriter(io.out)
	defer w.Flush()
	if *jsonl {
		return convertStream(name, *from, in, out, w, io.err)
	}
	data, err := goio.ReadAll(in)
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta convert: %s: %v\n", name, err)
		return exitProblem
	}
	_, recs, notes, err := readInput(*from, data)
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta convert: %s: %v\n", name, err)
		return exitProblem
	}
	warnNotes(io.err, "fairmeta convert", name, notes)
	for _, r := range recs {
		warnUnwritten(io.err, "fairmeta convert", out, r)
	}
	switch {
	case len(recs) == 1:
		err = out.write(w, recs[0])
	case out.writeList != nil:
		err = out.writeList(w, recs)
	default:
		fmt.Fprintf(io.err, "fairmeta convert: %s holds %d records and %s holds one per document; use -jsonl with a JSON format\n", name, len(recs), out.name)
		return exitProblem
	}
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta convert: writing %s: %v\n", out.name, err)
		return exitProblem
	}
	return exitOK
}

// convertStream converts a stream of JSON documents, writing each record as one line. Input that is not JSON is
// read as one document.
func convertStream(name, from string, in goio.Reader, out format, w *bufio.Writer, errw goio.Writer) int {
	lr := &lineReader{r: in}
	br := bufio.NewReader(lr)
	first, skipped, err := peekNonSpace(br)
	if err != nil {
		if errors.Is(err, goio.EOF) {
			return exitOK // an empty stream converts to an empty stream
		}
		fmt.Fprintf(errw, "fairmeta convert: %s: %v\n", name, err)
		return exitProblem
	}
	write := func(where string, recs []*fair.Resource, notes []note) error {
		warnNotes(errw, "fairmeta convert", where, notes)
		for _, r := range recs {
			warnUnwritten(errw, "fairmeta convert", out, r)
			if err := out.writeLine(w, r); err != nil {
				return err
			}
		}
		return nil
	}
	if first != '{' && first != '[' {
		data, err := goio.ReadAll(br)
		if err == nil {
			var recs []*fair.Resource
			var notes []note
			if _, recs, notes, err = readInput(from, data); err == nil {
				err = write(name, recs, notes)
			}
		}
		if err != nil {
			fmt.Fprintf(errw, "fairmeta convert: %s: %v\n", name, err)
			return exitProblem
		}
		return exitOK
	}
	dec := json.NewDecoder(br)
	base := int64(skipped) // offsets of dec are counted from the first non-space byte
	for n := 1; ; n++ {
		start := dec.InputOffset()
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			if errors.Is(err, goio.EOF) {
				return exitOK
			}
			off := start
			if rest, _ := goio.ReadAll(dec.Buffered()); len(rest) > 0 {
				off += int64(countSpace(rest)) // the start of the broken document
			}
			var se *json.SyntaxError
			if errors.As(err, &se) {
				off = se.Offset
			}
			fmt.Fprintf(errw, "fairmeta convert: %s: record %d (line %d): %v\n", name, n, lr.line(base+off), err)
			return exitProblem
		}
		_, recs, notes, err := readInput(from, raw)
		if err == nil {
			err = write(fmt.Sprintf("%s: record %d", name, n), recs, notes)
		}
		if err != nil {
			fmt.Fprintf(errw, "fairmeta convert: %s: record %d (line %d): %v\n", name, n, lr.line(base+start+int64(countSpace(raw))), err)
			return exitProblem
		}
	}
}

func countSpace(b []byte) int { return len(b) - len(bytes.TrimLeft(b, " \t\r\n")) }

// peekNonSpace skips whitespace and a byte-order mark and returns the next byte, left unread, and how many bytes
// it skipped.
func peekNonSpace(br *bufio.Reader) (byte, int, error) {
	skipped := 0
	for {
		b, err := br.Peek(1)
		if err != nil {
			return 0, skipped, err
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			_, _ = br.ReadByte()
			skipped++
		case 0xEF: // a UTF-8 byte-order mark
			bom, err := br.Peek(3)
			if err == nil && bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
				_, _ = br.Discard(3)
				skipped += 3
				continue
			}
			return b[0], skipped, nil
		default:
			return b[0], skipped, nil
		}
	}
}

// lineReader remembers where the lines of what it reads start, to turn byte offsets into line numbers.
type lineReader struct {
	r     goio.Reader
	n     int64
	newls []int64 // offsets of the newlines read so far
}

func (l *lineReader) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for i, c := range p[:n] {
		if c == '\n' {
			l.newls = append(l.newls, l.n+int64(i))
		}
	}
	l.n += int64(n)
	return n, err
}

// line returns the 1-based line holding byte offset off.
func (l *lineReader) line(off int64) int {
	return 1 + sort.Search(len(l.newls), func(i int) bool { return l.newls[i] >= off })
}
