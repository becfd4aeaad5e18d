package stream

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"
	"sync/atomic"
)

// Stdin is the input name that stands for the reader given as Options.Stdin (standard input in the CLI).
const Stdin = "-"

// part is one stream of JSON Lines: a plain or gzipped file, or a member of a tar archive.
type part struct {
	name string // "file.jsonl.gz", or "archive.tar:dir/part_0001.jsonl.gz" for a member
	r    io.Reader
}

// countingReader counts the bytes read from the underlying file, for progress.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// InputError reports an input that could not be opened or read: a missing file, a broken gzip stream, a tar
// archive that ends early.
type InputError struct {
	Input string
	Err   error
}

// Error describes the failure in one line.
func (e *InputError) Error() string { return fmt.Sprintf("stream: %s: %v", e.Input, e.Err) }

// Unwrap returns the underlying error.
func (e *InputError) Unwrap() error { return e.Err }

// isGzip and isTar sniff the first bytes of a stream.
func isGzip(b []byte) bool { return len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b }

func isTar(b []byte) bool {
	return len(b) >= 262 && (bytes.Equal(b[257:262], []byte("ustar")))
}

// memberWanted says whether a tar member holds JSON Lines: *.jsonl, *.ndjson, *.json, each possibly gzipped.
func memberWanted(name string) bool {
	n := strings.TrimSuffix(strings.ToLower(name), ".gz")
	switch path.Ext(n) {
	case ".jsonl", ".ndjson", ".json":
		return true
	}
	return false
}

// openParts calls fn for each part of the input name (a path, or Stdin for stdin): the file itself, decompressed
// when it is gzip, or each JSON Lines member of a tar archive (plain or gzipped, with plain or gzipped members).
// Members that are not JSON Lines are reported to skipped. read counts the bytes read from the file itself.
func openParts(name string, stdin io.Reader, read *atomic.Int64, skipped func(member string), fn func(part) error) error {
	var f io.Reader
	if name == Stdin {
		if stdin == nil {
			return &InputError{Input: name, Err: errors.New("no standard input")}
		}
		f = stdin
	} else {
		file, err := os.Open(name)
		if err != nil {
			return &InputError{Input: name, Err: err}
		}
		defer file.Close()
		f = file
	}
	r, err := decompress(bufio.NewReaderSize(countingReader{f, read}, 1<<16))
	if err != nil {
		return &InputError{Input: name, Err: err}
	}
	head, _ := r.Peek(512)
	if !isTar(head) {
		return fn(part{name: name, r: r})
	}
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return &InputError{Input: name, Err: err}
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		member := name + ":" + h.Name
		if !memberWanted(h.Name) {
			skipped(member)
			continue
		}
		mr, err := decompress(bufio.NewReaderSize(tr, 1<<16))
		if err != nil {
			return &InputError{Input: member, Err: err}
		}
		if err := fn(part{name: member, r: mr}); err != nil {
			return err
		}
	}
}

// decompress returns a buffered reader of r's content, gunzipped when it starts with gzip's magic number
// (concatenated gzip members, as split data files are, are read as one stream).
func decompress(br *bufio.Reader) (*bufio.Reader, error) {
	head, _ := br.Peek(2)
	if !isGzip(head) {
		return br, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, err
	}
	return bufio.NewReaderSize(zr, 1<<16), nil
}

// inputSize returns the total size of the inputs when every one is a regular file, else -1.
func inputSize(names []string) int64 {
	var total int64
	for _, n := range names {
		if n == Stdin {
			return -1
		}
		st, err := os.Stat(n)
		if err != nil || !st.Mode().IsRegular() {
			return -1
		}
		total += st.Size()
	}
	return total
}
