package datacite

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// dec is the one JSON walker of the package: it reads JSON:API documents and DataCite attributes straight into a
// Record, in one pass over the input and without reflection (the REST API's records are the hot path of pipelines
// that convert thousands of them). object and array walk the members and elements, str reads strings, skip checks
// and passes a value nothing keeps. The first error stops the walk and carries the position and the path.
type dec struct {
	data   []byte
	prefix string // path of the attributes object in the document, e.g. "data[3].attributes", for errors
	err    error
	probs  []Problem
}

func (d *dec) fail(i int, path pathT, msg string) {
	if d.err == nil {
		line, col := lineCol(d.data, i)
		d.err = &ReadError{Format: "JSON", Line: line, Column: col, Path: join(d.prefix, path.String()), Msg: msg}
	}
}

func (d *dec) kindAt(i int) string {
	if i >= len(d.data) {
		return "nothing"
	}
	switch d.data[i] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

func (d *dec) typeErr(i int, path pathT, want string) {
	d.fail(i, path, "want "+want+", got "+d.kindAt(i))
}

// skip returns the end of the value at i, checking that it is valid JSON (nothing else will).
func (d *dec) skip(i int, path pathT) int {
	end, err := skipValue(d.data, i)
	if err != nil {
		d.fail(i, path, "malformed JSON")
		return len(d.data)
	}
	if c := d.data[i]; c == '{' || c == '[' || c == '"' && hasControl(d.data[i:end]) {
		// A skipped string is checked only for raw control characters, which JSON forbids and skipString passes.
		if err := checkJSON(d.data, i, end); err != nil && d.err == nil {
			d.err = err
		}
	}
	return end
}

// bound returns the end of the value at i, finding its boundaries only: for a value that is decoded afterwards, which
// checks it.
func (d *dec) bound(i int) int {
	end, err := skipValue(d.data, i)
	if err != nil {
		if d.err == nil {
			d.err = err
		}
		return len(d.data)
	}
	return end
}

func (d *dec) isNull(i int) bool {
	return i+4 <= len(d.data) && string(d.data[i:i+4]) == "null"
}

// object calls f for each member of the object at i, with the offset of its value; f returns the end of the value.
// A null is an empty object. It returns the end of the object.
func (d *dec) object(i int, path pathT, f func(key []byte, vi int) int) int {
	if d.isNull(i) {
		return i + 4
	}
	if i >= len(d.data) || d.data[i] != '{' {
		d.typeErr(i, path, "an object")
		return len(d.data)
	}
	i = skipWS(d.data, i+1)
	if i < len(d.data) && d.data[i] == '}' {
		return i + 1
	}
	for d.err == nil {
		if i >= len(d.data) || d.data[i] != '"' {
			d.fail(i, path, "want a member name in quotes")
			break
		}
		kend, err := skipString(d.data, i)
		if err != nil {
			d.fail(i, path, "unterminated member name")
			break
		}
		key := d.data[i+1 : kend-1]
		if !utf8.Valid(key) || containsByte(key, '\\') {
			var k string
			if err := json.Unmarshal(d.data[i:kend], &k); err != nil {
				d.fail(i, path, "invalid member name")
				break
			}
			key = []byte(k)
		}
		i = skipWS(d.data, kend)
		if i >= len(d.data) || d.data[i] != ':' {
			d.fail(i, path, "want ':' after a member name")
			break
		}
		vi := skipWS(d.data, i+1)
		if vi >= len(d.data) {
			d.fail(vi, path, "unexpected end of input")
			break
		}
		end := f(key, vi)
		if d.err != nil {
			break
		}
		i = skipWS(d.data, end)
		if i < len(d.data) && d.data[i] == ',' {
			i = skipWS(d.data, i+1)
			continue
		}
		if i < len(d.data) && d.data[i] == '}' {
			return i + 1
		}
		d.fail(i, path, "want ',' or '}' after an object member")
	}
	return len(d.data)
}

// array calls f for each element of the array at i with its index; f returns the end of the element. A null is an
// empty array. It returns the end of the array.
func (d *dec) array(i int, path pathT, f func(n, vi int) int) int {
	if d.isNull(i) {
		return i + 4
	}
	if i >= len(d.data) || d.data[i] != '[' {
		d.typeErr(i, path, "an array")
		return len(d.data)
	}
	i = skipWS(d.data, i+1)
	if i < len(d.data) && d.data[i] == ']' {
		return i + 1
	}
	for n := 0; d.err == nil; n++ {
		if i >= len(d.data) {
			d.fail(i, path, "unexpected end of input in an array")
			break
		}
		end := f(n, i)
		if d.err != nil {
			break
		}
		i = skipWS(d.data, end)
		if i < len(d.data) && d.data[i] == ',' {
			i = skipWS(d.data, i+1)
			continue
		}
		if i < len(d.data) && d.data[i] == ']' {
			return i + 1
		}
		d.fail(i, path, "want ',' or ']' after an array element")
	}
	return len(d.data)
}

// str reads a string (or null, as "") at i and returns it and the end.
func (d *dec) str(i int, path pathT, p *string) int {
	if d.isNull(i) {
		return i + 4
	}
	if i >= len(d.data) || d.data[i] != '"' {
		d.typeErr(i, path, "a string")
		return len(d.data)
	}
	end, err := skipString(d.data, i)
	if err != nil {
		d.fail(i, path, "unterminated string")
		return len(d.data)
	}
	raw := d.data[i+1 : end-1]
	if containsByte(raw, '\\') || !utf8.Valid(raw) || hasControl(raw) {
		// Escapes, invalid UTF-8 (which encoding/json turns into U+FFFD) or raw control characters (which JSON
		// forbids): leave them to encoding/json.
		if err := json.Unmarshal(d.data[i:end], p); err != nil {
			d.fail(i, path, "invalid string")
		}
		return end
	}
	*p = string(raw)
	return end
}

func containsByte(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}

func hasControl(b []byte) bool {
	for _, c := range b {
		if c < 0x20 {
			return true
		}
	}
	return false
}

func skipWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue returns the end of the JSON value starting at data[i] (after whitespace). It finds boundaries only:
// the value itself is checked when it is decoded.
func skipValue(data []byte, i int) (int, error) {
	i = skipWS(data, i)
	if i >= len(data) {
		return i, syntaxErr(data, i, "unexpected end of input")
	}
	switch c := data[i]; c {
	case '"':
		return skipString(data, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(data); j++ {
			switch data[j] {
			case '"':
				end, err := skipString(data, j)
				if err != nil {
					return end, err
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1, nil
				}
			}
		}
		return len(data), syntaxErr(data, len(data), "unexpected end of input")
	default:
		j := i
		for j < len(data) {
			c := data[j]
			if c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				break
			}
			j++
		}
		if j == i {
			return i, syntaxErr(data, i, fmt.Sprintf("unexpected %q", data[i]))
		}
		if !json.Valid(data[i:j]) {
			return i, syntaxErr(data, i, fmt.Sprintf("invalid value %q", truncate(string(data[i:j]), 20)))
		}
		return j, nil
	}
}

func skipString(data []byte, i int) (int, error) {
	for j := i + 1; j < len(data); {
		k := bytes.IndexByte(data[j:], '"')
		if k < 0 {
			break
		}
		q := j + k
		bs := 0 // backslashes right before the quote: an odd number escapes it
		for q-1-bs > i && data[q-1-bs] == '\\' {
			bs++
		}
		if bs%2 == 0 {
			return q + 1, nil
		}
		j = q + 1
	}
	return len(data), syntaxErr(data, len(data), "unterminated string")
}

func trimBOM(b []byte) []byte { return bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) }

// checkJSON reports malformed JSON in data[from:to], a value nothing decodes, with its position.
func checkJSON(data []byte, from, to int) error {
	if json.Valid(data[from:to]) {
		return nil
	}
	var v any
	err := json.Unmarshal(data[from:to], &v)
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return syntaxErr(data, from+int(se.Offset), strings.TrimPrefix(se.Error(), "json: "))
	}
	return syntaxErr(data, from, "malformed JSON value")
}

func syntaxErr(data []byte, off int, msg string) error {
	line, col := lineCol(data, off)
	return &ReadError{Format: "JSON", Line: line, Column: col, Msg: msg}
}

// jsonErr turns an encoding/json error about the value at data[off:] into a *ReadError with its position and path.
func jsonErr(data []byte, off int, path string, err error) error {
	e := &ReadError{Format: "JSON", Path: path, Msg: strings.TrimPrefix(err.Error(), "json: "), Err: err}
	pos := off
	var se *json.SyntaxError
	if errors.As(err, &se) {
		pos = off + int(se.Offset)
	}
	e.Line, e.Column = lineCol(data, pos)
	return e
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
