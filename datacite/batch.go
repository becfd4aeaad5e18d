package datacite

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"sync"

	"github.com/dop2i/fairmeta/doi"
)

// BatchOptions configures Client.MintBatch.
type BatchOptions struct {
	// Prefix is the DOI prefix of the generated suffixes, e.g. "10.5072". Records with a DOI keep theirs.
	Prefix string
	// Shoulder, if set, starts every generated suffix.
	Shoulder string
	// URLTemplate gives records without a URL the landing page of their DOI, as MintRequest.URLTemplate.
	URLTemplate string
	// Event is the state to mint in: "" for drafts, EventRegister or EventPublish.
	Event Event
	// Workers is the number of records minted at once; 0 means 4. The client's rate limit applies to all of them
	// together, so more workers than the rate needs only add waiting.
	Workers int
	// Journal is the path of a journal file, created if missing; "" for none. With a journal, a run interrupted at any
	// point (a crash, a cancelled context, failures) can be repeated with the same records and journal: records minted
	// before are not minted again, DOIs planned before are checked and reused, the rest are minted.
	Journal string
	// Progress, if set, is called after each record with the counts so far, never concurrently.
	Progress func(BatchProgress)
}

// BatchProgress counts the records of a batch.
type BatchProgress struct {
	Done, Failed, Total int
}

// BatchResult is the outcome for one record of a batch, in input order.
type BatchResult struct {
	Index    int     // the record's index in the input
	DOI      doi.DOI // the minted DOI; on failure, the DOI that was being tried, if any
	State    State   // the DOI's state at the API
	Resumed  bool    // minted by an earlier run, known from the journal: no request was made
	Attempts int     // HTTP requests made for the record
	Record   *Record // on success, the record as the API holds it, its DOI and url included; nil when Resumed
	Err      error   // nil on success; a *MintError or the context's error otherwise
}

// MintBatch mints a DOI for each record with bounded concurrency, exactly once per record as [Client.Mint] does,
// and returns one result per record in input order. Failures of single records are in their results; the error is
// for the batch as a whole (the journal cannot be read or written). A cancelled context stops new mints; records not
// started get the context's error.
//
// The journal records, for each record (identified by its [Fingerprint] and its rank among identical records), the
// DOI planned for it — written and synced to disk before the DOI is first sent — and then the outcome. A record
// whose metadata changed between runs is a new record.
func (c *Client) MintBatch(ctx context.Context, recs []*Record, opt BatchOptions) ([]BatchResult, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = 4
	}
	keys := batchKeys(recs)
	var j *journal
	prior := map[string]JournalEntry{}
	if opt.Journal != "" {
		var err error
		if j, prior, err = openJournal(opt.Journal); err != nil {
			return nil, err
		}
		defer j.close()
	}
	results := make([]BatchResult, len(recs))
	var mu sync.Mutex
	prog := BatchProgress{Total: len(recs)}
	var journalErr error
	report := func(r BatchResult) {
		mu.Lock()
		defer mu.Unlock()
		results[r.Index] = r
		if r.Err != nil {
			prog.Failed++
		} else {
			prog.Done++
		}
		if opt.Progress != nil {
			opt.Progress(prog)
		}
	}
	jot := func(e JournalEntry, sync bool) error {
		if j == nil {
			return nil
		}
		err := j.write(e, sync)
		if err != nil {
			mu.Lock()
			journalErr = err
			mu.Unlock()
		}
		return err
	}

	work := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, max(len(recs), 1)) {
		wg.Go(func() {
			for i := range work {
				report(c.mintOne(ctx, i, recs[i], keys[i], prior[keys[i]], opt, jot))
			}
		})
	}
feed:
	for i := range recs {
		if p, ok := prior[keys[i]]; ok && p.Status == journalMinted {
			report(BatchResult{Index: i, DOI: p.DOI, State: p.State, Resumed: true})
			continue
		}
		select {
		case work <- i:
		case <-ctx.Done():
			for k := i; k < len(recs); k++ {
				if p, ok := prior[keys[k]]; ok && p.Status == journalMinted {
					report(BatchResult{Index: k, DOI: p.DOI, State: p.State, Resumed: true})
				} else {
					report(BatchResult{Index: k, Err: ctx.Err()})
				}
			}
			break feed
		}
	}
	close(work)
	wg.Wait()
	return results, journalErr
}

func (c *Client) mintOne(ctx context.Context, i int, rec *Record, key string, prior JournalEntry, opt BatchOptions, jot func(JournalEntry, bool) error) BatchResult {
	if err := ctx.Err(); err != nil {
		return BatchResult{Index: i, DOI: prior.DOI, Err: err}
	}
	if rec == nil {
		return BatchResult{Index: i, Err: &MintError{Err: errors.New("nil record")}}
	}
	req := MintRequest{Record: rec, Prefix: opt.Prefix, Shoulder: opt.Shoulder, URLTemplate: opt.URLTemplate, Event: opt.Event, Planned: prior.DOI,
		OnPlan: func(d doi.DOI) error {
			return jot(JournalEntry{Key: key, DOI: d, Status: journalPlanned}, true)
		}}
	res, err := c.Mint(ctx, req)
	if err != nil {
		r := BatchResult{Index: i, Err: err}
		var me *MintError
		if errors.As(err, &me) {
			r.DOI = me.DOI
			// Keep the DOI for the next run; "failed" entries are retried with it.
			if me.DOI != "" {
				_ = jot(JournalEntry{Key: key, DOI: me.DOI, Status: journalFailed, Unknown: me.Unknown, Error: clip(err.Error(), 300)}, false)
			}
		}
		return r
	}
	_ = jot(JournalEntry{Key: key, DOI: res.DOI, Status: journalMinted, State: res.State}, false)
	return BatchResult{Index: i, DOI: res.DOI, State: res.State, Attempts: res.Attempts, Record: res.Record}
}

// batchKeys identifies each record by its fingerprint and its rank among records with the same fingerprint.
func batchKeys(recs []*Record) []string {
	keys := make([]string, len(recs))
	seen := map[string]int{}
	for i, r := range recs {
		if r == nil {
			keys[i] = "nil#" + strconv.Itoa(i)
			continue
		}
		fp := Fingerprint(r)
		keys[i] = fp + "#" + strconv.Itoa(seen[fp])
		seen[fp]++
	}
	return keys
}

// Journal statuses.
const (
	journalPlanned = "planned" // the DOI was chosen and may have been sent
	journalMinted  = "minted"  // the API holds the DOI for the record
	journalFailed  = "failed"  // the last attempt failed; Unknown says whether the DOI may exist
)

// JournalEntry is one line of a batch journal (JSON).
type JournalEntry struct {
	Key     string  `json:"key"`               // the record: fingerprint "#" rank
	DOI     doi.DOI `json:"doi"`               // the DOI planned or minted
	Status  string  `json:"status"`            // planned, minted or failed
	State   State   `json:"state,omitempty"`   // for minted: the state at the API
	Unknown bool    `json:"unknown,omitempty"` // for failed: the DOI may exist
	Error   string  `json:"error,omitempty"`   // for failed: why
}

// JournalError reports a journal that cannot be used.
type JournalError struct {
	Path string // the journal file, "" when read from a stream
	Line int    // the line at fault, 0 when the problem is not a line
	Err  error
}

// Error describes the failure in one line.
func (e *JournalError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("datacite: journal %s line %d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("datacite: journal %s: %v", e.Path, e.Err)
}

// Unwrap returns the underlying error.
func (e *JournalError) Unwrap() error { return e.Err }

// ReadJournal reads a batch journal and returns, per record key, the entry that decides what a rerun does: a minted
// entry, once seen, wins; otherwise the last one. A last line without its newline — a write cut short by a crash —
// is ignored; any other line that is not a journal entry, or longer than 64 KiB, is a *JournalError.
func ReadJournal(r io.Reader) (map[string]JournalEntry, error) {
	if r == nil {
		return nil, &JournalError{Err: errors.New("nil reader")}
	}
	out, _, _, err := readJournal(r)
	return out, err
}

// maxJournalLine bounds one line of a journal: an entry is a few hundred bytes (its error text is cut to 300).
const maxJournalLine = 64 << 10

// readJournal reads a journal as ReadJournal does and also returns the length of its complete lines (what precedes
// a torn last line) and the torn last line itself, cut to maxJournalLine.
func readJournal(r io.Reader) (out map[string]JournalEntry, complete int64, torn []byte, err error) {
	out = map[string]JournalEntry{}
	br := bufio.NewReaderSize(r, maxJournalLine)
	for n := 1; ; n++ {
		line, err := br.ReadSlice('\n')
		switch {
		case err == io.EOF:
			return out, complete, line, nil // a complete journal, or a torn last line
		case errors.Is(err, bufio.ErrBufferFull):
			return nil, 0, nil, &JournalError{Line: n, Err: fmt.Errorf("longer than %d bytes: not a journal entry", maxJournalLine)}
		case err != nil:
			return nil, 0, nil, &JournalError{Line: n, Err: err}
		}
		complete += int64(len(line))
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		var e JournalEntry
		if err := json.Unmarshal(line, &e); err != nil {
			return nil, 0, nil, &JournalError{Line: n, Err: fmt.Errorf("not a journal entry: %w", err)}
		}
		d, err := doi.Parse(string(e.DOI))
		switch {
		case e.Key == "":
			return nil, 0, nil, &JournalError{Line: n, Err: errors.New("entry without a key")}
		case err != nil:
			return nil, 0, nil, &JournalError{Line: n, Err: err}
		case e.Status != journalPlanned && e.Status != journalMinted && e.Status != journalFailed:
			return nil, 0, nil, &JournalError{Line: n, Err: fmt.Errorf("unknown status %q", e.Status)}
		}
		e.DOI = d
		if prev, ok := out[e.Key]; ok && prev.Status == journalMinted {
			continue
		}
		out[e.Key] = e
	}
}

// journalStart is how every journal line starts (json.Marshal of a JournalEntry): a torn last line must be a
// beginning of an entry, or the file is not a journal.
const journalStart = `{"key":"`

// journal is an open journal file, appended to by concurrent workers.
type journal struct {
	mu   sync.Mutex
	f    *os.File
	path string
}

// openJournal opens or creates the journal at path and reads it. It refuses, without changing anything, a path that
// is not a regular file (a device such as /dev/zero, a FIFO, a directory, or a symbolic link to one) and a file
// that is not a journal, its last line included; only then is a torn last line cut off.
func openJournal(path string) (*journal, map[string]JournalEntry, error) {
	fail := func(err error) (*journal, map[string]JournalEntry, error) {
		var je *JournalError
		if errors.As(err, &je) {
			je.Path = path
			return nil, nil, je
		}
		return nil, nil, &JournalError{Path: path, Err: err}
	}
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return fail(fmt.Errorf("is not a regular file (%v): a journal must be one", fi.Mode().Type()))
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return fail(err)
	}
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return fail(fmt.Errorf("is not a regular file: a journal must be one (%v)", err))
	}
	prior, complete, torn, err := readJournal(f)
	if err == nil && len(torn) > 0 && !bytes.HasPrefix(torn, []byte(journalStart)) && !bytes.HasPrefix([]byte(journalStart), torn) {
		err = &JournalError{Err: errors.New("the last line is not a journal entry: not a journal")}
	}
	if err != nil {
		f.Close()
		return fail(err)
	}
	// A torn last line (a write cut short by a crash) is cut off, so the next entry starts on a line of its own.
	if len(torn) > 0 {
		if err := f.Truncate(complete); err != nil {
			f.Close()
			return fail(err)
		}
	}
	return &journal{f: f, path: path}, prior, nil
}

// write appends one entry; sync makes it durable before returning.
func (j *journal) write(e JournalEntry, sync bool) error {
	b, err := json.Marshal(e)
	if err != nil {
		return &JournalError{Path: j.path, Err: err}
	}
	j.mu.Lock()
	_, err = j.f.Write(append(b, '\n'))
	j.mu.Unlock()
	if err == nil && sync {
		err = j.f.Sync()
	}
	if err != nil {
		return &JournalError{Path: j.path, Err: err}
	}
	return nil
}

func (j *journal) close() { _ = j.f.Close() }
