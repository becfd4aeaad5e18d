package format

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"sort"
)

// Document is one document of a stream read by [Documents].
type Document struct {
	Data []byte // the document's bytes
	N    int    // its number in the stream, from 1
	Line int    // the line it starts on, from 1
}

// DocumentError reports a stream that breaks at document N, which starts on line Line: malformed JSON, or a
// document larger than the limit.
type DocumentError struct {
	N    int
	Line int
	Err  error
}

// Error says where the stream broke and why.
func (e *DocumentError) Error() string {
	return fmt.Sprintf("record %d (line %d): %v", e.N, e.Line, e.Err)
}

// Unwrap returns the cause.
func (e *DocumentError) Unwrap() error { return e.Err }

// MaxDocument is the largest document [Documents] reads, in bytes.
const MaxDocument = 64 << 20

// ErrTooLarge is the cause of a *[DocumentError] for a document of more than [MaxDocument] bytes.
var ErrTooLarge = errors.New("format: a document is larger than the limit")

// Documents returns the documents of a stream one at a time: JSON values (JSON Lines, or any white space between
// them), each with its number and first line. A stream whose first non-blank byte is not '{' or '[' is one
// document (XML, YAML, HTML). An empty stream yields nothing. Reading stops at the first error, a *[DocumentError];
// an error of r itself is returned as it is, and a nil r gives one error.
func Documents(r io.Reader) iter.Seq2[Document, error] { return documents(r, MaxDocument) }

func documents(r io.Reader, max int64) iter.Seq2[Document, error] {
	return func(yield func(Document, error) bool) {
		if r == nil {
			yield(Document{}, errors.New("format: Documents of a nil io.Reader"))
			return
		}
		lr := &lineReader{r: r, max: max}
		br := bufio.NewReader(lr)
		first, skipped, err := peekNonSpace(br)
		if err != nil {
			if !errors.Is(err, io.EOF) {
				yield(Document{}, err)
			}
			return
		}
		if first != '{' && first != '[' {
			data, err := io.ReadAll(io.LimitReader(br, max+1))
			switch {
			case err != nil:
				yield(Document{}, err)
			case int64(len(data)) > max:
				yield(Document{}, &DocumentError{N: 1, Line: lr.line(int64(skipped)), Err: ErrTooLarge})
			default:
				yield(Document{Data: data, N: 1, Line: lr.line(int64(skipped))}, nil)
			}
			return
		}
		dec := json.NewDecoder(br)
		base := int64(skipped) // offsets of dec are counted from the first non-space byte
		for n := 1; ; n++ {
			start := dec.InputOffset()
			lr.start = base + start
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				if errors.Is(err, io.EOF) {
					return
				}
				off := start
				if rest, _ := io.ReadAll(dec.Buffered()); len(rest) > 0 {
					off += int64(countSpace(rest)) // the start of the broken document
				}
				if errors.Is(err, errTooLarge) {
					yield(Document{}, &DocumentError{N: n, Line: lr.line(base + off), Err: ErrTooLarge})
					return
				}
				var se *json.SyntaxError
				if errors.As(err, &se) {
					off = se.Offset
				}
				yield(Document{}, &DocumentError{N: n, Line: lr.line(base + off), Err: err})
				return
			}
			end := dec.InputOffset()
			if int64(len(raw)) > max {
				yield(Document{}, &DocumentError{N: n, Line: lr.line(base + end - int64(len(raw))), Err: ErrTooLarge})
				return
			}
			doc := Document{Data: raw, N: n, Line: lr.line(base + end - int64(len(raw)))}
			if !yield(doc, nil) {
				return
			}
		}
	}
}

func countSpace(b []byte) int { return len(b) - len(bytes.TrimLeft(b, " \t\r\n")) }

// peekNonSpace skips white space and a byte-order mark and returns the next byte, left unread, and how many bytes
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

var errTooLarge = errors.New("document too large")

// lineReader remembers where the lines of what it reads start, to turn byte offsets into line numbers, and stops
// a document that grows well beyond max bytes from where it started before the decoder holds all of it.
type lineReader struct {
	r       io.Reader
	max     int64 // the largest document
	n       int64
	start   int64   // offset of the document being decoded
	newls   []int64 // offsets of the newlines read since the current document started, and a few before
	dropped int     // newlines read before those in newls
}

func (l *lineReader) Read(p []byte) (int, error) {
	if l.n-l.start > l.max+64<<10 { // the decoder reads ahead by at most its buffer
		return 0, errTooLarge
	}
	if k := sort.Search(len(l.newls), func(i int) bool { return l.newls[i] >= l.start }); k > 1024 {
		l.dropped += k
		l.newls = append(l.newls[:0], l.newls[k:]...)
	}
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
	return 1 + l.dropped + sort.Search(len(l.newls), func(i int) bool { return l.newls[i] >= off })
}
