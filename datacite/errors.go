package datacite

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/dop2i/fairmeta/internal/httpx"
)

// APIError is an error answer of the DataCite REST API: the HTTP status and the problems the API listed. It never
// holds credentials: the URL has any secret redacted, and the body is kept only as the decoded problems.
//
// Use errors.Is with the Err* conditions to tell what happened (errors.Is(err, datacite.ErrAlreadyTaken)), and
// errors.As to get the details:
//
//	var apiErr *datacite.APIError
//	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusUnprocessableEntity {
//		for _, p := range apiErr.Problems { fmt.Println(p.Source, p.Title) }
//	}
//
// What the server said is bounded and safe to print: at most 100 problems are kept (Omitted counts the rest), each
// text is cut to a few hundred bytes, control characters (terminal escapes, CR, LF) are written as escapes, and the
// client's password is replaced by "[redacted]" wherever the server echoed it.
type APIError struct {
	StatusCode int           // the HTTP status, e.g. 422
	Method     string        // the request method
	URL        string        // the request URL, e.g. "https://api.test.datacite.org/dois/10.5072/abcd-ef12"
	Problems   []ErrorDetail // what the API said, in its order; empty when the body had no errors document
	Omitted    int           // problems the API listed beyond those kept in Problems
	RetryAfter time.Duration // the wait the API asked for with Retry-After (429, 503); 0 when it gave none
}

// ErrorDetail is one entry of the API's errors document: where the problem is (Source, a property path such as
// "doi", "url" or "creators[0].name", when the API gave one) and what it is (Title), as the API wrote them but
// cut and with control characters escaped (see [APIError]).
type ErrorDetail struct {
	Source string `json:"source,omitempty"`
	Title  string `json:"title"`
	UID    string `json:"uid,omitempty"`    // the DOI the problem is about, when the API says
	Status int    `json:"status,omitempty"` // the status the API put in the entry, 0 when absent
}

// Error describes the failure in one line, without credentials.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "datacite: %s %s: %d %s", e.Method, e.URL, e.StatusCode, http.StatusText(e.StatusCode))
	shown := make([]string, 0, min(len(e.Problems), httpx.ShownProblems))
	for _, p := range e.Problems[:min(len(e.Problems), httpx.ShownProblems)] {
		// Sanitized again: an APIError may be built by hand.
		if p.Source != "" {
			shown = append(shown, httpx.Sanitize(p.Source, 200)+": "+httpx.Sanitize(p.Title, 500))
		} else {
			shown = append(shown, httpx.Sanitize(p.Title, 500))
		}
	}
	if all := httpx.JoinProblems(shown, len(e.Problems)-len(shown)+e.Omitted); all != "" {
		b.WriteString(": ")
		b.WriteString(all)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %v)", e.RetryAfter)
	}
	return b.String()
}

// Conditions of API errors, matched by an *APIError with errors.Is.
var (
	ErrUnauthorized    = errors.New("datacite: bad credentials")                                 // 401
	ErrForbidden       = errors.New("datacite: not allowed for this repository (prefix or DOI)") // 403
	ErrNotFound        = errors.New("datacite: DOI not found")                                   // 404
	ErrNotAllowed      = errors.New("datacite: operation not allowed in the DOI's state")        // 405, e.g. deleting a registered DOI
	ErrAlreadyTaken    = errors.New("datacite: DOI already taken")                               // 422 (or 409) "has already been taken"
	ErrInvalidMetadata = errors.New("datacite: metadata or request refused as invalid")          // 422 other than taken, 400
	ErrRateLimited     = errors.New("datacite: rate limited")                                    // 429
	ErrServer          = errors.New("datacite: server error")                                    // 5xx
)

// Is matches the Err* condition of the status (and, for 422, of the problems). A refusal of the metadata also
// matches ErrInvalid, as a local validation failure does.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrNotAllowed:
		return e.StatusCode == http.StatusMethodNotAllowed
	case ErrAlreadyTaken:
		return e.taken()
	case ErrInvalidMetadata, ErrInvalid:
		return (e.StatusCode == http.StatusUnprocessableEntity || e.StatusCode == http.StatusBadRequest) && !e.taken()
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrServer:
		return e.StatusCode >= 500
	}
	return false
}

func (e *APIError) taken() bool {
	if e.StatusCode == http.StatusConflict {
		return true
	}
	if e.StatusCode != http.StatusUnprocessableEntity {
		return false
	}
	for _, p := range e.Problems {
		if strings.Contains(strings.ToLower(p.Title), "already been taken") || strings.Contains(strings.ToLower(p.Title), "already exists") {
			return true
		}
	}
	return false
}

// decodeError builds the *APIError of a non-2xx answer from its body. It reads the API's two error shapes — the JSON:API
// list {"errors": [{"status": "404", "title": ...}]} and the validation list {"errors": [{"source": "doi", "uid": ...,
// "title": ...}]} — and tolerates the variants seen in the wild (a status number, a source object with a pointer, a
// single error object, {"error": "..."}, plain text). It never fails: an unreadable body gives an Error without
// problems, or with the text trimmed to 500 bytes as its only title. scrub (nil for none) removes the client's
// secrets from each text before it is cut and escaped, so that no part of an echoed password survives.
func decodeError(status int, method, url string, header http.Header, body []byte, scrub func(string) string) *APIError {
	e := &APIError{StatusCode: status, Method: method, URL: url}
	e.Problems, e.Omitted = decodeProblems(body)
	if scrub == nil {
		scrub = func(s string) string { return s }
	}
	for i, p := range e.Problems {
		e.Problems[i] = ErrorDetail{Source: httpx.Sanitize(scrub(p.Source), 200), Title: httpx.Sanitize(scrub(p.Title), 500),
			UID: httpx.Sanitize(scrub(p.UID), 200), Status: p.Status}
	}
	e.RetryAfter, _ = httpx.RetryAfter(header, time.Now())
	return e
}

// rawTextLen bounds each text decodeProblems keeps. decodeError cuts far shorter after scrubbing, so a secret the
// first cut splits is never shown in part.
const rawTextLen = 4096

// decodeProblems returns the first httpx.MaxProblems problems of an error body and the number of the others.
func decodeProblems(body []byte) ([]ErrorDetail, int) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, 0
	}
	var doc struct {
		Errors json.RawMessage `json:"errors"`
		Error  json.RawMessage `json:"error"`
	}
	if body[0] != '{' || json.Unmarshal(body, &doc) != nil {
		if body[0] == '<' || body[0] == '{' || body[0] == '[' {
			return nil, 0 // an HTML error page or broken JSON says nothing useful
		}
		return []ErrorDetail{{Title: clip(string(body), rawTextLen)}}, 0
	}
	raw := doc.Errors
	if len(raw) == 0 || string(raw) == "null" {
		raw = doc.Error
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil, 0
	}
	switch raw[0] {
	case '[':
		var items []json.RawMessage
		if json.Unmarshal(raw, &items) != nil {
			return nil, 0
		}
		var out []ErrorDetail
		omitted := 0
		for _, it := range items {
			if len(out) == httpx.MaxProblems {
				omitted++
				continue
			}
			if p, ok := decodeDetail(it); ok {
				out = append(out, p)
			}
		}
		return out, omitted
	case '{', '"':
		if p, ok := decodeDetail(raw); ok {
			return []ErrorDetail{p}, 0
		}
	}
	return nil, 0
}

func decodeDetail(raw json.RawMessage) (ErrorDetail, bool) {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return ErrorDetail{Title: clip(s, rawTextLen)}, s != ""
	}
	var it struct {
		Status json.RawMessage `json:"status"`
		Source json.RawMessage `json:"source"`
		Title  string          `json:"title"`
		Detail string          `json:"detail"`
		UID    string          `json:"uid"`
	}
	if json.Unmarshal(raw, &it) != nil {
		return ErrorDetail{}, false
	}
	p := ErrorDetail{Title: it.Title, UID: it.UID}
	if p.Title == "" {
		p.Title = it.Detail
	}
	var n json.Number
	if json.Unmarshal(it.Status, &n) == nil {
		v, _ := strconv.Atoi(string(n))
		p.Status = v
	}
	if json.Unmarshal(it.Source, &s) == nil {
		p.Source = s
	} else {
		var src struct {
			Pointer   string `json:"pointer"`
			Parameter string `json:"parameter"`
		}
		if json.Unmarshal(it.Source, &src) == nil {
			p.Source = strings.TrimPrefix(strings.TrimPrefix(src.Pointer, "/data/attributes"), "/")
			if p.Source == "" {
				p.Source = src.Parameter
			}
		}
	}
	p.Title, p.Source, p.UID = clip(p.Title, rawTextLen), clip(p.Source, rawTextLen), clip(p.UID, rawTextLen)
	return p, p.Title != "" || p.Source != ""
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8Start(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }

// StateError reports an event the API did not apply because the DOI is in a state the event does not leave (hide
// on a draft, register on a findable DOI, ...). DataCite answers such a request with success and the DOI unchanged;
// the client compares the state and returns this error, which matches ErrNotAllowed.
type StateError struct {
	DOI   string // the DOI
	Event Event  // the event asked for
	State State  // the DOI's state, unchanged
}

// Error describes the failure in one line.
func (e *StateError) Error() string {
	return fmt.Sprintf("datacite: event %s is not allowed for %s in state %s; the DOI is unchanged", e.Event, e.DOI, e.State)
}

// Is makes errors.Is(err, ErrNotAllowed) true.
func (e *StateError) Is(target error) bool { return target == ErrNotAllowed }
