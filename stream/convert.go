package stream

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/format"
	"github.com/dop2i/fairmeta/ror"
)

// Decoder reads the records of one line of a stream with a format registry. Besides any document a format of the
// registry reads on one line, it understands the two wrappers of bulk DataCite data: a harvested item
// ({"identifier", "datestamp", "deleted", "record"}, as package harvest writes them: the record is read, a
// deleted item has none) and a JSON:API resource object without its "data" envelope ({"id", "type": "dois",
// "attributes"}, one DOI per line as in DataCite's data file).
//
// A Decoder is a plain value, safe for concurrent use.
type Decoder struct {
	Registry *format.Registry // nil means format.Default()
	From     string           // the format of the records; "" detects it line by line
}

// ErrNoFormat is the error for a line no format of the registry reads.
var ErrNoFormat = errors.New("stream: no format reads this record")

// Decode returns the records of one line and the notes of what they could not hold. A deleted harvested item gives
// no record and no error.
func (d Decoder) Decode(line []byte) (recs []*fair.Resource, notRead fair.Notes, err error) {
	recs, notRead, _, err = d.decode(line, "")
	return recs, notRead, err
}

// decode is Decode with a format to try first when d.From is empty (the one that read the previous record of the
// same input); it returns the format that read the record.
func (d Decoder) decode(line []byte, guess string) (recs []*fair.Resource, notRead fair.Notes, used string, err error) {
	reg := d.Registry
	if reg == nil {
		reg = format.Default()
	}
	data, err := d.unwrap(line)
	if err != nil || data == nil {
		return nil, nil, "", err
	}
	from := d.From
	if from == "" && guess != "" {
		// Detection looks for markers all over the record, which costs as much as a fifth of the conversion: the
		// format that read the previous record of the input is tried first, and detection runs only when it fails.
		if f, recs, notRead, err := reg.Read(guess, data); err == nil {
			return recs, notRead, f.Name, nil
		}
	}
	f, recs, notRead, err := reg.Read(from, data)
	var unknown *format.UnknownFormatError
	if errors.As(err, &unknown) {
		if len(data) > 0 && (data[0] == '{' || data[0] == '[') && !json.Valid(data) {
			var v any
			return nil, nil, "", fmt.Errorf("invalid JSON: %w", json.Unmarshal(data, &v))
		}
		return nil, nil, "", ErrNoFormat
	}
	return recs, notRead, f.Name, err
}

// Unwrap returns the document of a line: the record of a harvested item (nil for a deleted one; the XML itself
// when the item holds metadata as a string), a resource object in its JSON:API envelope, or the line itself. Use it
// to hand the document to a function that takes a format's input, such as datacite.ValidateInput.
func (d Decoder) Unwrap(line []byte) ([]byte, error) { return d.unwrap(line) }

func (d Decoder) unwrap(line []byte) ([]byte, error) {
	data := bytes.TrimSpace(line)
	if rec, deleted, ok := harvestedRecord(data); ok {
		if deleted || len(rec) == 0 || string(rec) == "null" {
			return nil, nil
		}
		if rec[0] == '"' {
			var s string
			if err := json.Unmarshal(rec, &s); err != nil {
				return nil, fmt.Errorf("record: %w", err)
			}
			return []byte(s), nil
		}
		return rec, nil
	}
	if isResourceObject(data) {
		wrapped := make([]byte, 0, len(data)+10)
		return append(append(append(wrapped, `{"data":`...), data...), '}'), nil
	}
	return data, nil
}

// harvestedRecord finds the record of a harvested item: a JSON object whose first member is "identifier" and that
// has a "record" member. It returns the record's raw JSON and whether the item is deleted.
func harvestedRecord(data []byte) (rec []byte, deleted, ok bool) {
	if !bytes.HasPrefix(data, []byte(`{"identifier":`)) {
		return nil, false, false
	}
	ok = false
	err := members(data, func(key string, val []byte) bool {
		switch key {
		case "record":
			rec, ok = val, true
		case "deleted":
			deleted = string(val) == "true"
		}
		return true
	})
	if err != nil {
		return nil, false, false
	}
	return rec, deleted, ok
}

// isResourceObject reports whether data is a JSON:API resource object of type dois: its members include "type"
// with the value "dois" and "attributes", and not "data".
func isResourceObject(data []byte) bool {
	if len(data) == 0 || data[0] != '{' || !bytes.Contains(data, []byte(`"attributes"`)) {
		return false
	}
	typ, attrs, env := false, false, false
	if members(data, func(key string, val []byte) bool {
		switch key {
		case "type":
			typ = string(val) == `"dois"`
		case "attributes":
			attrs = len(val) > 0 && val[0] == '{'
		case "data":
			env = true
		}
		return true
	}) != nil {
		return false
	}
	return typ && attrs && !env
}

// members calls fn with each key and raw value of the top-level JSON object data, without decoding the values. It
// returns an error for data that is not a well-formed object at the top level (values are only delimited).
func members(data []byte, fn func(key string, val []byte) bool) error {
	i := skipSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return errors.New("not an object")
	}
	i = skipSpace(data, i+1)
	if i < len(data) && data[i] == '}' {
		return nil
	}
	for {
		if i >= len(data) || data[i] != '"' {
			return errors.New("want a key")
		}
		kend, err := valueEnd(data, i)
		if err != nil {
			return err
		}
		var key string
		if err := json.Unmarshal(data[i:kend], &key); err != nil {
			return err
		}
		i = skipSpace(data, kend)
		if i >= len(data) || data[i] != ':' {
			return errors.New("want ':'")
		}
		i = skipSpace(data, i+1)
		vend, err := valueEnd(data, i)
		if err != nil {
			return err
		}
		if !fn(key, data[i:vend]) {
			return nil
		}
		i = skipSpace(data, vend)
		if i >= len(data) {
			return errors.New("unterminated object")
		}
		if data[i] == '}' {
			return nil
		}
		if data[i] != ',' {
			return errors.New("want ',' or '}'")
		}
		i = skipSpace(data, i+1)
	}
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n') {
		i++
	}
	return i
}

// valueEnd returns the offset just after the JSON value starting at i, by delimiting strings, objects and arrays
// (the value is not validated; a reader validates it later).
func valueEnd(data []byte, i int) (int, error) {
	if i >= len(data) {
		return 0, errors.New("missing value")
	}
	switch data[i] {
	case '"':
		for j := i + 1; j < len(data); j++ {
			switch data[j] {
			case '\\':
				j++
			case '"':
				return j + 1, nil
			}
		}
		return 0, errors.New("unterminated string")
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				end, err := valueEnd(data, j)
				if err != nil {
					return 0, err
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, nil
				}
				if depth > 10000 {
					return 0, errors.New("nested too deep")
				}
			}
		}
		return 0, errors.New("unterminated object or array")
	}
	j := i
	for j < len(data) && !strings.ContainsRune(",}] \t\r\n", rune(data[j])) {
		j++
	}
	if j == i {
		return 0, errors.New("missing value")
	}
	return j, nil
}

// Conversion converts every record of a stream: each line is decoded, filtered, and written in the output format
// as one line (or as its DOI). When From is empty, the format is detected on a worker's first record of an input
// and tried first for the input's next records, detection running again only for a record that format cannot read
// (detection looks for markers all over a record and would cost a fifth of the conversion); name the format when
// an input mixes formats of which one reads the other's records. Its [Conversion.NewFunc] is what [Run] takes. Notes of what records could not hold
// are counted by path and reason, for a summary; [Conversion.Notes] returns them after the run.
type Conversion struct {
	Decoder
	// To is the output format, which must write one record per line (format.Registry.LineWriter: a one-line form
	// or JSON); "" with DOIs.
	To string
	// DOIs writes the DOI of each selected record, one per line, instead of the record.
	DOIs bool
	// Enrich, when set, fills in the ROR IDs the records lack (ror.Enrich) before they are filtered and written.
	Enrich ror.Matcher
	// Filter selects the records written; nil selects all.
	Filter *CompiledFilter

	mu     sync.Mutex
	locals []map[noteKey]int64 // one per worker, read by Notes after the run
}

type noteKey struct{ dir, path, reason string }

// NoteCount is how many times a note (a path and a reason) came up, in one direction: "not read" for what records
// could not hold of the input, "not written" for what the output format could not hold of the records.
type NoteCount struct {
	Direction, Path, Reason string
	Count                   int64
}

// Check validates the conversion: the output format must exist and have a one-line form.
func (c *Conversion) Check() error {
	if c.DOIs {
		return nil
	}
	reg := c.Registry
	if reg == nil {
		reg = format.Default()
	}
	if _, err := reg.LineWriter(c.To); err != nil {
		return err
	}
	if c.From != "" {
		if _, err := reg.Reader(c.From, nil); err != nil {
			return err
		}
	}
	return nil
}

// NewFunc returns a Func for one worker.
func (c *Conversion) NewFunc() Func {
	if c.Registry == nil {
		c.Registry = format.Default()
	}
	local := map[noteKey]int64{}
	c.mu.Lock()
	c.locals = append(c.locals, local)
	c.mu.Unlock()
	var buf bytes.Buffer
	guess, guessInput := "", ""
	return func(rec Record, out []byte) ([]byte, error) {
		if rec.Input != guessInput {
			guess, guessInput = "", rec.Input
		}
		recs, notRead, used, err := c.decode(rec.Data, guess)
		if err != nil {
			return out, err
		}
		if used != "" {
			guess = used
		}
		for _, n := range notRead {
			local[noteKey{"not read", n.Path, n.Reason}]++
		}
		for _, r := range recs {
			if c.Enrich != nil {
				ror.Enrich(context.Background(), r, c.Enrich) // offline matchers ignore the context
			}
			if c.Filter != nil && !c.Filter.Match(r) {
				continue
			}
			if c.DOIs {
				if d := r.Identifier.Value; d != "" {
					out = append(append(out, d...), '\n')
				}
				continue
			}
			buf.Reset()
			notWritten, err := c.Registry.WriteLines(&buf, c.To, []*fair.Resource{r})
			if err != nil {
				return out, err
			}
			for _, n := range notWritten {
				local[noteKey{"not written", n.Path, n.Reason}]++
			}
			out = append(out, buf.Bytes()...)
		}
		return out, nil
	}
}

// Notes returns the notes the workers counted, most frequent first. Call it after Run has returned.
func (c *Conversion) Notes() []NoteCount {
	c.mu.Lock()
	defer c.mu.Unlock()
	tally := map[noteKey]int64{}
	for _, l := range c.locals {
		for k, v := range l {
			tally[k] += v
		}
	}
	out := make([]NoteCount, 0, len(tally))
	for k, v := range tally {
		out = append(out, NoteCount{Direction: k.dir, Path: k.path, Reason: k.reason, Count: v})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Direction+out[i].Path < out[j].Direction+out[j].Path
	})
	return out
}
