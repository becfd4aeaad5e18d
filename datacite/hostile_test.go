package datacite_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/datacite/datacitetest"
	"github.com/dop2i/fairmeta/internal/testenv"
)

// Servers that redirect, lie or answer with huge or poisoned bodies, all on loopback.

// A request with the password never follows a redirect to another port, another host or plain http, and a POST
// redirected elsewhere is not taken as a mint: the other server never sees a request.
func TestRedirectsRefusedWithCredentials(t *testing.T) {
	t.Parallel()
	var otherHits atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherHits.Add(1)
		w.Header().Set("Content-Type", "application/vnd.api+json")
		w.WriteHeader(http.StatusCreated)
		io.WriteString(w, `{"data":{"id":"10.5072/evil","type":"dois","attributes":{"doi":"10.5072/evil","state":"draft"}}}`)
	}))
	defer other.Close()
	var plain *httptest.Server
	redirect := func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("to") {
		case "plain":
			http.Redirect(w, r, plain.URL+r.URL.Path, http.StatusTemporaryRedirect)
		case "host":
			http.Redirect(w, r, strings.Replace(other.URL, "127.0.0.1", "localhost", 1)+r.URL.Path, http.StatusTemporaryRedirect)
		default:
			http.Redirect(w, r, other.URL+r.URL.Path, http.StatusTemporaryRedirect)
		}
	}
	plain = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		otherHits.Add(1)
		w.WriteHeader(http.StatusNotFound)
	}))
	defer plain.Close()
	api := httptest.NewServer(http.HandlerFunc(redirect))
	defer api.Close()
	tlsAPI := httptest.NewTLSServer(http.HandlerFunc(redirect))
	defer tlsAPI.Close()

	for _, tt := range []struct {
		name string
		base string
		hc   *http.Client
		to   string
	}{
		{"other port", api.URL, nil, "port"},
		{"other host", api.URL, nil, "host"},
		{"https to http", tlsAPI.URL, tlsAPI.Client(), "plain"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			opts := []datacite.Option{datacite.WithBaseURL(tt.base), datacite.WithCredentials(repo, password), datacite.WithRetry(3, time.Millisecond, time.Millisecond)}
			if tt.hc != nil {
				opts = append(opts, datacite.WithHTTPClient(tt.hc))
			}
			c, err := datacite.NewClient(opts...)
			if err != nil {
				t.Fatal(err)
			}
			before := otherHits.Load()
			req, err := c.NewRequest(context.Background(), http.MethodGet, "dois/10.5072/x?to="+tt.to, nil)
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Do(req)
			var re *datacite.RedirectError
			if !errors.As(err, &re) || strings.Contains(err.Error(), password) {
				t.Errorf("GET redirected to %s: %v; want a *datacite.RedirectError without the password", tt.to, err)
			}
			// The mint's POST: refused, so never reported as minted, whatever the other server answers.
			rec := record("https://data.example.org/redirected")
			rec.DOI = "10.5072/redirected-1"
			body, err := rec.MarshalJSONAPI()
			if err != nil {
				t.Fatal(err)
			}
			req, err = c.NewRequest(context.Background(), http.MethodPost, "dois?to="+tt.to, body)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.Do(req); !errors.As(err, &re) {
				t.Errorf("POST redirected to %s: %v; want a *datacite.RedirectError", tt.to, err)
			}
			if n := otherHits.Load() - before; n != 0 {
				t.Errorf("the redirect target got %d requests; want none", n)
			}
		})
	}
	// Mint through an API that redirects its POST: refused, not minted, and the other server never asked.
	c, err := datacite.NewClient(datacite.WithBaseURL(api.URL), datacite.WithCredentials(repo, password), datacite.WithRetry(3, time.Millisecond, time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	before := otherHits.Load()
	res, err := c.Mint(context.Background(), datacite.MintRequest{Record: record("https://data.example.org/m"), Prefix: prefix})
	var re *datacite.RedirectError
	if res != nil || !errors.As(err, &re) || otherHits.Load() != before {
		t.Errorf("Mint through a redirect: %+v, %v, %d requests elsewhere; want a *RedirectError and none", res, err, otherHits.Load()-before)
	}
}

// fmt never shows the password: not with %v, %+v, %#v or %s.
func TestClientPrintsNoPassword(t *testing.T) {
	t.Parallel()
	c, err := datacite.NewClient(datacite.WithCredentials(repo, password))
	if err != nil {
		t.Fatal(err)
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if got := fmt.Sprintf(verb, c); strings.Contains(got, password) || !strings.Contains(got, repo) {
			t.Errorf("%s of the client = %s; want the repository and no password", verb, got)
		}
	}
}

// poisonServer answers every request with status and body.
func poisonServer(t *testing.T, status int, body []byte) *datacite.Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.api+json")
		w.WriteHeader(status)
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	c, err := datacite.NewClient(datacite.WithBaseURL(srv.URL), datacite.WithCredentials(repo, password), datacite.WithRetry(1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// An error answer's text reaches a terminal bounded and inert: a password the server echoes is redacted, escapes and
// line breaks are escaped, a huge title is cut, and a list of 200,000 problems ends in "and N more".
func TestErrorAnswerSanitised(t *testing.T) {
	t.Parallel()
	var many bytes.Buffer
	many.WriteString(`{"errors":[`)
	for i := range 200000 {
		if i > 0 {
			many.WriteByte(',')
		}
		fmt.Fprintf(&many, `{"source":"doi","title":"bad %d"}`, i)
	}
	many.WriteString(`]}`)
	tests := []struct {
		name  string
		body  string
		check func(t *testing.T, e *datacite.APIError, msg string)
	}{
		{"echoed password", `{"errors":[{"source":"password","title":"wrong password ` + password + ` for ` + repo + `"}]}`,
			func(t *testing.T, e *datacite.APIError, msg string) {
				if !strings.Contains(msg, "wrong password [redacted] for") {
					t.Errorf("message %q does not show the redaction", msg)
				}
			}},
		{"password split by the cut", `{"errors":[{"title":"` + strings.Repeat("x", 495) + password + `"}]}`,
			func(t *testing.T, e *datacite.APIError, msg string) {
				if strings.Contains(msg, password[:5]) {
					t.Errorf("message shows the start of the password: %q", msg[len(msg)-40:])
				}
			}},
		{"ANSI and CR LF", `{"errors":[{"source":"url\u001b[2J","title":"\u001b[31mred\r\nfairmeta: minted 10.5072/fake\u009b1m"}]}`,
			func(t *testing.T, e *datacite.APIError, msg string) {
				if !strings.Contains(msg, `url\x1b[2J: \x1b[31mred\r\nfairmeta: minted 10.5072/fake\u009b1m`) {
					t.Errorf("message %q does not show the escapes", msg)
				}
			}},
		{"5 MB title", `{"errors":[{"title":"` + strings.Repeat("A", 5<<20) + `"}]}`,
			func(t *testing.T, e *datacite.APIError, msg string) {
				if len(msg) > 1000 || len(e.Problems[0].Title) > 510 {
					t.Errorf("message of %d bytes, title of %d", len(msg), len(e.Problems[0].Title))
				}
			}},
		{"200,000 problems", many.String(),
			func(t *testing.T, e *datacite.APIError, msg string) {
				if len(e.Problems)+e.Omitted != 200000 || len(e.Problems) > 100 || !strings.HasSuffix(msg, "doi: bad 9; and 199990 more") {
					t.Errorf("%d problems kept, %d omitted; message ends %q", len(e.Problems), e.Omitted, msg[max(0, len(msg)-60):])
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := poisonServer(t, http.StatusUnprocessableEntity, []byte(tt.body))
			_, _, err := c.DOIs.Get(context.Background(), "10.5072/x")
			var e *datacite.APIError
			if !errors.As(err, &e) {
				t.Fatalf("got %v; want an *APIError", err)
			}
			msg := err.Error()
			if strings.Contains(msg, password) || strings.ContainsAny(msg, "\x1b\r\n\u009b") || len(msg) > 2000 {
				t.Errorf("message (%d bytes) holds the password, a control character or too much: %.300q", len(msg), msg)
			}
			tt.check(t, e, msg)
		})
	}
}

// bloat fronts a datacitetest server: POSTs reach it (and are stored, unless store is false), but their answer is
// replaced by 2 MB with the given status; GETs are answered by the server, or bloated too when bloatGets is set.
func bloat(t *testing.T, srv *datacitetest.Server, status int, store, bloatGets bool) *httptest.Server {
	t.Helper()
	huge := bytes.Repeat([]byte(" "), 2<<20)
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if (r.Method == http.MethodPost && !store) || (r.Method == http.MethodGet && bloatGets) {
			w.WriteHeader(status)
			w.Write(huge)
			return
		}
		body, _ := io.ReadAll(r.Body)
		req, _ := http.NewRequestWithContext(r.Context(), r.Method, srv.URL+r.URL.RequestURI(), bytes.NewReader(body))
		req.Header = r.Header.Clone()
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		if r.Method == http.MethodPost {
			w.Header().Del("Content-Length")
			w.WriteHeader(status)
			w.Write(huge)
			return
		}
		w.WriteHeader(resp.StatusCode)
		io.Copy(w, resp.Body)
	}))
	t.Cleanup(front.Close)
	return front
}

// An answer to the mint's POST larger than the cap, 2xx or 5xx, is ambiguous: Mint looks before creating again, and
// when it cannot look either it reports the outcome unknown with the DOI to retry with. A rerun never mints twice.
func TestMintAnswerOverTheCap(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name      string
		status    int
		store     bool
		bloatGets bool
	}{
		{"2xx, stored", http.StatusCreated, true, false},
		{"5xx, stored", http.StatusInternalServerError, true, false},
		{"5xx, never stored", http.StatusInternalServerError, false, false},
		{"2xx, stored, checks over the cap too", http.StatusCreated, true, true},
		{"4xx, never stored", http.StatusUnprocessableEntity, false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := datacitetest.NewServer(datacitetest.WithRepository(repo, password, prefix))
			defer srv.Close()
			front := bloat(t, srv, tt.status, tt.store, tt.bloatGets)
			opts := []datacite.Option{datacite.WithCredentials(repo, password), datacite.WithRetry(3, time.Millisecond, time.Millisecond),
				datacite.WithMaxResponseSize(64 << 10), datacite.WithRateLimit(0, 0)}
			c, err := datacite.NewClient(append(opts, datacite.WithBaseURL(front.URL))...)
			if err != nil {
				t.Fatal(err)
			}
			rec := record("https://data.example.org/over-the-cap")
			res, err := c.Mint(context.Background(), datacite.MintRequest{Record: rec, Prefix: prefix})
			var me *datacite.MintError
			var tl *datacite.BodyTooLargeError
			switch {
			case tt.status < 500 && !tt.store:
				// A refusal too long to read is a refusal: not ambiguous, nothing to look for.
				var ae *datacite.APIError
				if !errors.As(err, &me) || me.Unknown || !errors.As(err, &ae) || ae.StatusCode != tt.status || !errors.Is(err, datacite.ErrInvalidMetadata) {
					t.Fatalf("Mint: %+v, %v; want a plain *MintError with the %d", res, err, tt.status)
				}
				return
			case !tt.store:
				// Every create answered by 2 MB: each looked for before the next; in the end, outcome unknown.
				if !errors.As(err, &me) || !me.Unknown || !errors.As(err, &tl) || len(srv.DOIs()) != 0 {
					t.Fatalf("Mint: %+v, %v; want a *MintError, outcome unknown, and nothing stored", res, err)
				}
				return
			case tt.bloatGets:
				if !errors.As(err, &me) || !me.Unknown || me.DOI == "" || !errors.As(err, &tl) {
					t.Fatalf("Mint: %+v, %v; want a *MintError, outcome unknown, with the DOI", res, err)
				}
				// The rerun, with the DOI kept, through a server that answers normally: recovered, not minted again.
				direct, err := datacite.NewClient(append(opts, datacite.WithBaseURL(srv.URL))...)
				if err != nil {
					t.Fatal(err)
				}
				res, err = direct.Mint(context.Background(), datacite.MintRequest{Record: rec, Prefix: prefix, Planned: me.DOI})
				if err != nil || !res.Recovered || res.DOI != me.DOI {
					t.Errorf("rerun with the kept DOI: %+v, %v; want it recovered", res, err)
				}
			case err != nil:
				t.Fatalf("Mint: %v; want the DOI found or created", err)
			case !res.Recovered:
				t.Errorf("Mint did not look before creating again: %+v", res)
			}
			if n := len(srv.DOIs()); n != 1 {
				t.Errorf("the server holds %d DOIs; want exactly 1", n)
			}
		})
	}
}

// -journal naming a file that is not a journal is refused before anything is sent and without changing a byte of
// it; a path that is not a regular file (a link to /dev/zero, a directory) is refused without being read.
func TestJournalRefusesWhatIsNotAJournal(t *testing.T) {
	t.Parallel()
	srv, c := setup(t, nil)
	dir := t.TempDir()
	recs := []*datacite.Record{record("https://data.example.org/j1")}
	for _, tt := range []struct {
		name    string
		content string // "" for a path made by make
		make    func(path string) error
	}{
		{"notes without a final newline", "my notes\nthe last line, unfinished", nil},
		{"one line of text", "important data", nil},
		{"JSON that is not an entry", `{"a": 1}` + "\n", nil},
		{"an entry, then text", `{"key":"k#0","doi":"10.5072/a","status":"planned"}` + "\nnot json", nil},
		{"a line of 100 KiB", strings.Repeat("x", 100<<10) + "\n", nil},
		{"link to /dev/zero", "", func(p string) error { return os.Symlink("/dev/zero", p) }},
		{"directory", "", func(p string) error { return os.Mkdir(p, 0o755) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.make != nil && runtime.GOOS == "windows" {
				t.Skip("no /dev/zero or symbolic links here")
			}
			path := filepath.Join(dir, strings.NewReplacer(" ", "-", "/", "-").Replace(tt.name))
			if tt.make != nil {
				if err := tt.make(path); err != nil {
					t.Fatal(err)
				}
			} else if err := os.WriteFile(path, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			before := srv.Stats().Requests
			_, err := c.MintBatch(context.Background(), recs, datacite.BatchOptions{Prefix: prefix, Journal: path})
			var je *datacite.JournalError
			if !errors.As(err, &je) || je.Path != path {
				t.Errorf("MintBatch: %v; want a *JournalError naming the file", err)
			}
			if n := srv.Stats().Requests - before; n != 0 {
				t.Errorf("%d requests sent; want none", n)
			}
			if tt.make == nil {
				if b, _ := os.ReadFile(path); string(b) != tt.content {
					t.Errorf("the file was changed: %.80q", b)
				}
			}
		})
	}
	// A torn last line that starts an entry is a crash's: cut off, and the batch runs.
	path := filepath.Join(dir, "torn.journal")
	if err := os.WriteFile(path, []byte(`{"key":"ab`), 0o644); err != nil {
		t.Fatal(err)
	}
	if res, err := c.MintBatch(context.Background(), recs, datacite.BatchOptions{Prefix: prefix, Journal: path}); err != nil || res[0].Err != nil {
		t.Errorf("journal with a torn entry: %v, %+v", err, res)
	}
	if b, _ := os.ReadFile(path); bytes.Contains(b, []byte(`{"key":"ab`+"\n")) || !bytes.HasPrefix(b, []byte(`{"key":"`)) {
		t.Errorf("the torn line was kept: %q", b)
	}
}

// One 429 asking for an absurd wait ends that call at once and leaves the limiter every call of the client shares
// alone: the next call goes through.
func TestRetryAfterDoesNotFreezeClient(t *testing.T) {
	t.Parallel()
	for _, ra := range testenv.AbsurdRetryAfter() {
		t.Run(ra, func(t *testing.T) {
			t.Parallel()
			srv, direct := setup(t, nil)
			rec := record("https://data.example.org/ra")
			rec.DOI = "10.5072/ra-1"
			if _, _, err := direct.DOIs.Create(context.Background(), rec); err != nil {
				t.Fatal(err)
			}
			var calls atomic.Int64
			front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if calls.Add(1) == 1 {
					w.Header().Set("Retry-After", ra)
					w.WriteHeader(http.StatusTooManyRequests)
					return
				}
				req, _ := http.NewRequestWithContext(r.Context(), r.Method, srv.URL+r.URL.RequestURI(), nil)
				req.Header = r.Header.Clone()
				resp, err := http.DefaultTransport.RoundTrip(req)
				if err != nil {
					http.Error(w, err.Error(), http.StatusBadGateway)
					return
				}
				defer resp.Body.Close()
				for k, v := range resp.Header {
					w.Header()[k] = v
				}
				w.WriteHeader(resp.StatusCode)
				io.Copy(w, resp.Body)
			}))
			defer front.Close()
			c, err := datacite.NewClient(datacite.WithBaseURL(front.URL), datacite.WithCredentials(repo, password),
				datacite.WithRetry(5, time.Millisecond, time.Millisecond), datacite.WithRateLimit(10, 1))
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			if _, _, err := c.DOIs.Get(ctx, rec.DOI); !errors.Is(err, datacite.ErrRateLimited) || calls.Load() != 1 {
				t.Errorf("Get: %v after %d requests; want ErrRateLimited after 1", err, calls.Load())
			}
			if got, _, err := c.DOIs.Get(ctx, rec.DOI); err != nil || got.URL != rec.URL {
				t.Errorf("the next call: %v; want it unaffected", err)
			}
		})
	}
}
