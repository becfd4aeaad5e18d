package harvest

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// Output is where a harvest writes: a JSON Lines file of Items and, beside it, a checkpoint file that makes the
// harvest resumable. Open one with [OpenOutput] (files, resumable) or [NewOutput] (any writer, e.g. standard
// output, not resumable).
//
// # Guarantees
//
// The output file is only ever appended to: a harvest never truncates or rewrites what is in it, with one narrow
// exception — an incomplete last line that a harvest itself left past its last checkpoint when it was killed in the
// middle of a write. Items are written a page at a time, the output is synced to disk, and only then is a
// checkpoint line appended to the checkpoint file and synced; after a crash, [OpenOutput] reads the items written
// after the last checkpoint (at most one page per worker) and the resumed harvest skips them when it fetches that
// page again. A rerun with the same output and checkpoint files therefore appends only what is missing: every item
// is in the output exactly once (by identifier and datestamp).
//
// The checkpoint file is JSON Lines too, one line per committed page, and is compacted (rewritten through a
// temporary file and an atomic rename) when it grows past 1 MiB.
//
// An Output is safe for concurrent use: parallel workers commit their pages through the same Output.
type Output struct {
	mu     sync.Mutex
	w      io.Writer
	f      *os.File // the output file, nil for NewOutput
	ck     *os.File // the checkpoint file, nil for NewOutput
	ckPath string
	ckSize int64
	size   int64 // bytes in the output file
	params json.RawMessage
	states map[string]json.RawMessage
	skip   map[[16]byte]struct{}
	buf    []byte
	items  int64 // items written by this Output
	skips  int64 // items not written because the output already had them
}

// ckLine is one line of the checkpoint file.
type ckLine struct {
	Params json.RawMessage `json:"params,omitempty"` // the harvest's parameters, on the first line
	Key    string          `json:"key,omitempty"`    // the worker or time slice the state belongs to
	State  json.RawMessage `json:"state,omitempty"`
	Offset int64           `json:"offset"` // size of the output file after the committed page
}

// CheckpointError reports a checkpoint file that does not belong to this harvest or this output file.
type CheckpointError struct {
	Path   string
	Reason string
}

// Error describes the problem in one line.
func (e *CheckpointError) Error() string {
	return fmt.Sprintf("harvest: checkpoint %s: %s", e.Path, e.Reason)
}

// NewOutput returns an Output that writes items to w, without checkpoints: a harvest to it cannot be resumed.
func NewOutput(w io.Writer) (*Output, error) {
	if w == nil {
		return nil, errors.New("harvest: NewOutput(nil)")
	}
	return &Output{w: w, states: map[string]json.RawMessage{}, skip: map[[16]byte]struct{}{}}, nil
}

// OpenOutput opens (or creates) the output file and its checkpoint file for a harvest with the given parameters
// (any JSON value that identifies the harvest: endpoint, format, set, dates). When the checkpoint file holds a
// harvest with other parameters, or says the output file was longer than it is now, it returns a
// *CheckpointError and touches nothing. An existing output file without a checkpoint is appended to.
func OpenOutput(outPath, checkpointPath string, params any) (*Output, error) {
	if outPath == "" || checkpointPath == "" {
		return nil, errors.New("harvest: OpenOutput needs an output and a checkpoint path")
	}
	if filepath.Clean(outPath) == filepath.Clean(checkpointPath) {
		return nil, errors.New("harvest: the output and the checkpoint must be two files")
	}
	p, err := json.Marshal(params)
	if err != nil {
		return nil, fmt.Errorf("harvest: parameters: %w", err)
	}
	o := &Output{ckPath: checkpointPath, params: p, states: map[string]json.RawMessage{}, skip: map[[16]byte]struct{}{}}
	offset, hadCheckpoint, err := o.readCheckpoint()
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(outPath, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("harvest: %w", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("harvest: %w", err)
	}
	o.f, o.w, o.size = f, f, st.Size()
	if hadCheckpoint {
		if offset > o.size {
			f.Close()
			return nil, &CheckpointError{Path: checkpointPath, Reason: fmt.Sprintf("it says %s held %d bytes, but it has %d: was it replaced or truncated? Use a new checkpoint file", outPath, offset, o.size)}
		}
		if err := o.readTail(offset); err != nil {
			f.Close()
			return nil, err
		}
	}
	ck, err := os.OpenFile(checkpointPath, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err == nil {
		err = ck.Truncate(o.ckSize) // only a torn last line of the checkpoint's own, if any
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("harvest: %w", err)
	}
	o.ck = ck
	if !hadCheckpoint {
		if err := o.appendCheckpoint(ckLine{Params: p, Offset: o.size}); err != nil {
			o.Close()
			return nil, err
		}
	}
	return o, nil
}

// readCheckpoint loads the checkpoint file, if any: the parameters, the latest state of each key and the output
// size at the last checkpoint. A torn last line (a crash in the middle of a checkpoint write) is ignored.
func (o *Output) readCheckpoint() (offset int64, found bool, err error) {
	data, err := os.ReadFile(o.ckPath)
	if errors.Is(err, os.ErrNotExist) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("harvest: %w", err)
	}
	complete := data[:bytes.LastIndexByte(data, '\n')+1]
	o.ckSize = int64(len(complete)) // a torn last line is cut off when the file is opened for appending
	if len(bytes.TrimSpace(data)) == 0 {
		o.ckSize = int64(len(data))
		return 0, false, nil
	}
	lines := bytes.Split(complete, []byte("\n"))
	for i, ln := range lines {
		if len(bytes.TrimSpace(ln)) == 0 {
			continue
		}
		var c ckLine
		if err := json.Unmarshal(ln, &c); err != nil {
			return 0, false, &CheckpointError{Path: o.ckPath, Reason: fmt.Sprintf("line %d is not a checkpoint: %v", i+1, err)}
		}
		if c.Params != nil {
			if !sameJSON(c.Params, o.params) {
				return 0, false, &CheckpointError{Path: o.ckPath, Reason: fmt.Sprintf("it is for another harvest (%s, not %s)", c.Params, o.params)}
			}
			found = true
		}
		if c.Key != "" {
			o.states[c.Key] = c.State
		}
		offset = c.Offset
	}
	if !found {
		return 0, false, &CheckpointError{Path: o.ckPath, Reason: "it names no harvest"}
	}
	return offset, true, nil
}

func sameJSON(a, b json.RawMessage) bool {
	var x, y any
	if json.Unmarshal(a, &x) != nil || json.Unmarshal(b, &y) != nil {
		return false
	}
	ea, _ := json.Marshal(x)
	eb, _ := json.Marshal(y)
	return bytes.Equal(ea, eb)
}

// readTail adds the items written after the last checkpoint to the skip set; an incomplete last line there is
// removed (it is the harvest's own torn write).
func (o *Output) readTail(offset int64) error {
	if offset == o.size {
		return nil
	}
	end, err := o.scan(offset)
	if err != nil {
		return err
	}
	if end < o.size {
		if err := o.f.Truncate(end); err != nil {
			return fmt.Errorf("harvest: removing an incomplete line at the end of the output: %w", err)
		}
		o.size = end
	}
	return nil
}

// scan adds the (identifier, datestamp) of every complete item line from offset to the end of the output to the
// skip set and returns the offset after the last complete line.
func (o *Output) scan(offset int64) (int64, error) {
	r := bufio.NewReaderSize(io.NewSectionReader(o.f, offset, o.size-offset), 1<<20)
	end := offset
	for {
		line, err := r.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			var long []byte
			long = append(long, line...)
			for errors.Is(err, bufio.ErrBufferFull) {
				line, err = r.ReadSlice('\n')
				long = append(long, line...)
			}
			line = long
		}
		if err == io.EOF {
			return end, nil
		}
		if err != nil {
			return end, fmt.Errorf("harvest: reading the output: %w", err)
		}
		end += int64(len(line))
		var it struct {
			Identifier string `json:"identifier"`
			Datestamp  string `json:"datestamp"`
		}
		if json.Unmarshal(line, &it) == nil && it.Identifier != "" {
			o.skip[itemKey(it.Identifier, it.Datestamp)] = struct{}{}
		}
	}
}

func itemKey(id, datestamp string) [16]byte {
	h := sha256.New()
	h.Write([]byte(id))
	h.Write([]byte{0})
	h.Write([]byte(datestamp))
	var k [16]byte
	copy(k[:], h.Sum(nil))
	return k
}

// SkipFrom adds every item of the output from offset on to the set of items a commit leaves out, so that a list
// restarted from an earlier datestamp does not write twice what it already wrote.
func (o *Output) SkipFrom(offset int64) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.f == nil || offset >= o.size {
		return nil
	}
	_, err := o.scan(max(offset, 0))
	return err
}

// State returns the latest state committed under key (nil when there is none).
func (o *Output) State(key string) json.RawMessage {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.states[key]
}

// Keys returns the keys that have a state.
func (o *Output) Keys() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	keys := make([]string, 0, len(o.states))
	for k := range o.states {
		keys = append(keys, k)
	}
	return keys
}

// Size returns the number of bytes in the output file (for NewOutput, what this Output wrote).
func (o *Output) Size() int64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.size
}

// Counts returns the items written and the items left out because the output already had them.
func (o *Output) Counts() (written, skipped int64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.items, o.skips
}

// Commit writes the items the output does not have yet, makes them durable, and then records state under key in
// the checkpoint. A harvest calls it once per page, with the state that resumes after that page. It returns how
// many items it wrote and how many it left out because the output had them.
func (o *Output) Commit(key string, items []Item, state any) (written, skipped int, err error) {
	st, err := json.Marshal(state)
	if err != nil {
		return 0, 0, fmt.Errorf("harvest: checkpoint state: %w", err)
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.buf = o.buf[:0]
	for i := range items {
		if len(o.skip) > 0 {
			if _, dup := o.skip[itemKey(items[i].Identifier, items[i].Datestamp)]; dup {
				o.skips++
				skipped++
				continue
			}
		}
		o.buf = items[i].appendJSON(o.buf)
		written++
	}
	if len(o.buf) > 0 {
		if _, err := o.w.Write(o.buf); err != nil {
			return written, skipped, fmt.Errorf("harvest: writing the output: %w", err)
		}
		if o.f != nil {
			if err := o.f.Sync(); err != nil {
				return written, skipped, fmt.Errorf("harvest: syncing the output: %w", err)
			}
		}
		o.size += int64(len(o.buf))
		o.items += int64(written)
	}
	o.states[key] = st
	if o.ck == nil {
		return written, skipped, nil
	}
	if err := o.appendCheckpoint(ckLine{Key: key, State: st, Offset: o.size}); err != nil {
		return written, skipped, err
	}
	if o.ckSize > 1<<20 {
		return written, skipped, o.compact()
	}
	return written, skipped, nil
}

func (o *Output) appendCheckpoint(c ckLine) error {
	b, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("harvest: checkpoint: %w", err)
	}
	b = append(b, '\n')
	if _, err := o.ck.Write(b); err != nil {
		return fmt.Errorf("harvest: writing the checkpoint: %w", err)
	}
	if err := o.ck.Sync(); err != nil {
		return fmt.Errorf("harvest: syncing the checkpoint: %w", err)
	}
	o.ckSize += int64(len(b))
	return nil
}

// compact rewrites the checkpoint file with only the parameters and the latest state of each key.
func (o *Output) compact() error {
	tmp := o.ckPath + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("harvest: compacting the checkpoint: %w", err)
	}
	var b []byte
	lines := []ckLine{{Params: o.params, Offset: o.size}}
	for k, st := range o.states {
		lines = append(lines, ckLine{Key: k, State: st, Offset: o.size})
	}
	for _, c := range lines {
		enc, _ := json.Marshal(c)
		b = append(append(b, enc...), '\n')
	}
	if _, err := f.Write(b); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, o.ckPath)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("harvest: compacting the checkpoint: %w", err)
	}
	syncDir(filepath.Dir(o.ckPath))
	old := o.ck
	if o.ck, err = os.OpenFile(o.ckPath, os.O_WRONLY|os.O_APPEND, 0o644); err != nil {
		o.ck = old
		return fmt.Errorf("harvest: reopening the checkpoint: %w", err)
	}
	old.Close()
	o.ckSize = int64(len(b))
	return nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// Close closes the files. It does not close a writer given to NewOutput.
func (o *Output) Close() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	var err error
	if o.f != nil {
		err = o.f.Close()
		o.f = nil
	}
	if o.ck != nil {
		if cerr := o.ck.Close(); err == nil {
			err = cerr
		}
		o.ck = nil
	}
	return err
}
