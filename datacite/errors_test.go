package datacite

import (
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestDecodeError(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		header http.Header
		body   string
		want   []ErrorDetail
		is     error
		retry  time.Duration
	}{
		{"JSON:API list", 401, nil, `{"errors":[{"status":"401","title":"Bad credentials."}]}`,
			[]ErrorDetail{{Title: "Bad credentials.", Status: 401}}, ErrUnauthorized, 0},
		{"validation list", 422, nil, `{"errors":[{"source":"doi","uid":"10.5072/abc","title":"This DOI has already been taken"}]}`,
			[]ErrorDetail{{Source: "doi", UID: "10.5072/abc", Title: "This DOI has already been taken"}}, ErrAlreadyTaken, 0},
		{"invalid metadata with paths", 422, nil, `{"errors":[{"source":"creators[0].name","title":"Can't be blank"},{"source":"url","title":"Can't be blank"}]}`,
			[]ErrorDetail{{Source: "creators[0].name", Title: "Can't be blank"}, {Source: "url", Title: "Can't be blank"}}, ErrInvalidMetadata, 0},
		{"numeric status, pointer source", 422, nil, `{"errors":[{"status":422,"source":{"pointer":"/data/attributes/url"},"detail":"Is invalid"}]}`,
			[]ErrorDetail{{Source: "url", Title: "Is invalid", Status: 422}}, ErrInvalidMetadata, 0},
		{"single object", 403, nil, `{"errors":{"status":"403","title":"You are not authorized to access this resource."}}`,
			[]ErrorDetail{{Title: "You are not authorized to access this resource.", Status: 403}}, ErrForbidden, 0},
		{"error string", 404, nil, `{"error":"not found"}`, []ErrorDetail{{Title: "not found"}}, ErrNotFound, 0},
		{"plain text", 500, nil, "Internal Server Error\n", []ErrorDetail{{Title: "Internal Server Error"}}, ErrServer, 0},
		{"HTML page", 502, nil, "<html><body>Bad Gateway</body></html>", nil, ErrServer, 0},
		{"empty", 504, nil, "", nil, ErrServer, 0},
		{"rate limited", 429, http.Header{"Retry-After": {"7"}}, `{"errors":[{"status":"429","title":"Your request has been rate limited."}]}`,
			[]ErrorDetail{{Title: "Your request has been rate limited.", Status: 429}}, ErrRateLimited, 7 * time.Second},
		{"conflict", 409, nil, `{"errors":[{"status":"409","title":"The resource already exists"}]}`,
			[]ErrorDetail{{Title: "The resource already exists", Status: 409}}, ErrAlreadyTaken, 0},
		{"delete registered", 405, nil, `{"errors":[{"status":"405","title":"Method not allowed"}]}`,
			[]ErrorDetail{{Title: "Method not allowed", Status: 405}}, ErrNotAllowed, 0},
	}
	all := []error{ErrUnauthorized, ErrForbidden, ErrNotFound, ErrNotAllowed, ErrAlreadyTaken, ErrInvalidMetadata, ErrRateLimited, ErrServer}
	for _, tt := range tests {
		e := decodeError(tt.status, "POST", "/dois", tt.header, []byte(tt.body), nil)
		if !reflect.DeepEqual(e.Problems, tt.want) {
			t.Errorf("%s: problems %+v, want %+v", tt.name, e.Problems, tt.want)
		}
		if e.RetryAfter != tt.retry {
			t.Errorf("%s: RetryAfter %v, want %v", tt.name, e.RetryAfter, tt.retry)
		}
		var err error = e
		if errors.Is(err, ErrInvalid) != (tt.is == ErrInvalidMetadata) {
			t.Errorf("%s: errors.Is(ErrInvalid) = %v", tt.name, !(tt.is == ErrInvalidMetadata))
		}
		for _, cond := range all {
			if got := errors.Is(err, cond); got != (cond == tt.is) {
				t.Errorf("%s: errors.Is(%v) = %v, want %v", tt.name, cond, got, cond == tt.is)
			}
		}
	}
}

func TestErrorMessage(t *testing.T) {
	t.Parallel()
	e := decodeError(422, "PUT", "/dois/10.5072/x", nil, []byte(`{"errors":[{"source":"url","title":"Can't be blank"},{"source":"titles","title":"Can't be blank"}]}`), nil)
	want := "datacite: PUT /dois/10.5072/x: 422 Unprocessable Entity: url: Can't be blank; titles: Can't be blank"
	if e.Error() != want {
		t.Errorf("Error() = %q, want %q", e.Error(), want)
	}
	long := decodeError(500, "GET", "/dois", nil, []byte(strings.Repeat("é", 300)), nil)
	if n := len(long.Problems[0].Title); n > 505 || !strings.HasSuffix(long.Problems[0].Title, "…") {
		t.Errorf("a long text body is kept as %d bytes", n)
	}
}

func FuzzDecodeError(f *testing.F) {
	for _, s := range []string{`{"errors":[{"status":"401","title":"Bad credentials."}]}`, `{"errors":[{"source":"doi","title":"x"}]}`,
		`{"errors":{"status":1}}`, `{"error":"x"}`, `{"errors":[1,"a",null,{"source":{"pointer":"/data/attributes/a"}}]}`, "text", "<html>", ""} {
		f.Add(422, s)
	}
	f.Fuzz(func(t *testing.T, status int, body string) {
		e := decodeError(status, "GET", "/dois", http.Header{"Retry-After": {"3"}}, []byte(body), nil)
		if e == nil || e.StatusCode != status {
			t.Fatalf("decodeError(%d, %q) = %+v", status, body, e)
		}
		_ = e.Error()
		for _, p := range e.Problems {
			if len(p.Title) > 510 || len(p.Source) > 210 {
				t.Fatalf("decodeError(%q) kept an overlong problem %+v", body, p)
			}
		}
	})
}
