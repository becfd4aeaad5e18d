package datacitetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// valid is a complete set of attributes that may be registered.
const valid = `"url":"https://data.example.org/1","creators":[{"name":"Lefèvre, Camille"}],"titles":[{"title":"Run 4271"}],` +
	`"publisher":{"name":"CC-IN2P3"},"publicationYear":2026,"types":{"resourceTypeGeneral":"Dataset"}`

type call struct {
	method, path, user, pass, body string
}

func do(t *testing.T, s *Server, c call) (int, map[string]any, http.Header) {
	t.Helper()
	var body io.Reader
	if c.body != "" {
		body = strings.NewReader(c.body)
	}
	req, err := http.NewRequest(c.method, s.URL+c.path, body)
	if err != nil {
		t.Fatal(err)
	}
	if c.body != "" {
		req.Header.Set("Content-Type", jsonAPI)
	}
	if c.user != "" {
		req.SetBasicAuth(c.user, c.pass)
	}
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", c.method, c.path, err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var doc map[string]any
	if len(bytes.TrimSpace(raw)) > 0 && raw[0] == '{' {
		if err := json.Unmarshal(raw, &doc); err != nil {
			t.Fatalf("%s %s: body %q: %v", c.method, c.path, raw, err)
		}
	}
	return resp.StatusCode, doc, resp.Header
}

func attrs(doc map[string]any) map[string]any {
	data, _ := doc["data"].(map[string]any)
	a, _ := data["attributes"].(map[string]any)
	return a
}

func firstError(doc map[string]any) map[string]any {
	errs, _ := doc["errors"].([]any)
	if len(errs) == 0 {
		return nil
	}
	e, _ := errs[0].(map[string]any)
	return e
}

func newTestServer(t *testing.T, opts ...Option) *Server {
	s := NewServer(append([]Option{WithRepository("REPO.A", "pa", "10.5072"), WithRepository("REPO.B", "pb", "10.80000")}, opts...)...)
	t.Cleanup(s.Close)
	return s
}

func TestLifecycle(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	a := func(m, p, body string) call { return call{m, p, "repo.a", "pa", body} }
	steps := []struct {
		name       string
		c          call
		wantStatus int
		wantState  string
		wantError  string // title of the first error
	}{
		{"create draft", a("POST", "/dois", `{"data":{"type":"dois","attributes":{"doi":"10.5072/AAAA-0001"}}}`), 201, "draft", ""},
		{"taken", a("POST", "/dois", `{"data":{"type":"dois","attributes":{"doi":"10.5072/aaaa-0001"}}}`), 422, "", msgTaken},
		{"register incomplete", a("PUT", "/dois/10.5072/aaaa-0001", `{"data":{"attributes":{"event":"register"}}}`), 422, "", "Can't be blank"},
		{"hide draft ignored", a("PUT", "/dois/10.5072/aaaa-0001", `{"data":{"attributes":{"event":"hide"}}}`), 200, "draft", ""},
		{"unknown event", a("PUT", "/dois/10.5072/aaaa-0001", `{"data":{"attributes":{"event":"retract"}}}`), 422, "", `Event "retract" is not one of register, publish, hide, show`},
		{"register", a("PUT", "/dois/10.5072/aaaa-0001", `{"data":{"attributes":{"event":"register",`+valid+`}}}`), 200, "registered", ""},
		{"register twice ignored", a("PUT", "/dois/10.5072/aaaa-0001", `{"data":{"attributes":{"event":"register"}}}`), 200, "registered", ""},
		{"show on create ignored", a("POST", "/dois", `{"data":{"attributes":{"doi":"10.5072/aaaa-0009","event":"show"}}}`), 201, "draft", ""},
		{"delete registered refused", a("DELETE", "/dois/10.5072/aaaa-0001", ""), 405, "", "Method not allowed"},
		{"show", a("PUT", "/dois/10.5072/aaaa-0001", `{"data":{"attributes":{"event":"show"}}}`), 200, "findable", ""},
		{"hide", a("PUT", "/dois/10.5072/aaaa-0001", `{"data":{"attributes":{"event":"hide"}}}`), 200, "registered", ""},
		{"publish", a("PUT", "/dois/10.5072/aaaa-0001", `{"data":{"attributes":{"event":"publish"}}}`), 200, "findable", ""},
		{"update keeps validity", a("PUT", "/dois/10.5072/aaaa-0001", `{"data":{"attributes":{"titles":[]}}}`), 422, "", "Can't be blank"},
		{"public read of findable", call{"GET", "/dois/10.5072/AAAA-0001", "", "", ""}, 200, "findable", ""},
		{"publish on create", a("POST", "/dois", `{"data":{"attributes":{"doi":"10.5072/aaaa-0002","event":"publish",`+valid+`}}}`), 201, "findable", ""},
		{"generated suffix", a("POST", "/dois", `{"data":{"attributes":{"prefix":"10.5072"}}}`), 201, "draft", ""},
		{"draft hidden from public", call{"GET", "/dois/10.5072/aaaa-0003", "", "", ""}, 404, "", msgNotFound},
		{"create draft 3", a("POST", "/dois", `{"data":{"attributes":{"doi":"10.5072/aaaa-0003"}}}`), 201, "draft", ""},
		{"draft hidden from public 2", call{"GET", "/dois/10.5072/aaaa-0003", "", "", ""}, 404, "", msgNotFound},
		{"draft hidden from other repo", call{"GET", "/dois/10.5072/aaaa-0003", "repo.b", "pb", ""}, 404, "", msgNotFound},
		{"delete by other repo", call{"DELETE", "/dois/10.5072/aaaa-0003", "repo.b", "pb", ""}, 403, "", msgForbidden},
		{"delete draft", a("DELETE", "/dois/10.5072/aaaa-0003", ""), 204, "", ""},
		{"deleted", a("GET", "/dois/10.5072/aaaa-0003", ""), 404, "", msgNotFound},
		{"bad password", call{"POST", "/dois", "repo.a", "nope", `{"data":{"attributes":{"doi":"10.5072/x"}}}`}, 401, "", msgBadCreds},
		{"no credentials", call{"POST", "/dois", "", "", `{"data":{"attributes":{"doi":"10.5072/x"}}}`}, 401, "", msgBadCreds},
		{"foreign prefix", a("POST", "/dois", `{"data":{"attributes":{"doi":"10.80000/x"}}}`), 403, "", msgForbidden},
		{"put upserts", a("PUT", "/dois/10.5072/aaaa-0004", `{"data":{"attributes":{}}}`), 201, "draft", ""},
		{"bad year", a("POST", "/dois", `{"data":{"attributes":{"doi":"10.5072/y","event":"publish",`+strings.Replace(valid, "2026", `"26"`, 1)+`}}}`), 422, "", "Is not a four-digit year"},
		{"bad type", a("POST", "/dois", `{"data":{"attributes":{"doi":"10.5072/y","event":"publish",`+strings.Replace(valid, `"Dataset"`, `"Datasets"`, 1)+`}}}`), 422, "", `"Datasets" is not a resourceTypeGeneral of the DataCite Metadata Schema`},
		{"not JSON:API", a("POST", "/dois", `{"doi":"10.5072/z"}`), 400, "", "You need to provide a payload following the JSONAPI spec"},
	}
	for _, st := range steps {
		code, doc, _ := do(t, s, st.c)
		if code != st.wantStatus {
			t.Fatalf("%s: status %d, want %d; body %v", st.name, code, st.wantStatus, doc)
		}
		if st.wantState != "" && attrs(doc)["state"] != st.wantState {
			t.Errorf("%s: state %v, want %s", st.name, attrs(doc)["state"], st.wantState)
		}
		if st.wantError != "" {
			if e := firstError(doc); e == nil || e["title"] != st.wantError {
				t.Errorf("%s: first error %v, want title %q", st.name, e, st.wantError)
			}
		}
	}
	if n := len(s.DOIs()); n != 5 {
		t.Errorf("store holds %d DOIs, want 5: %+v", n, s.DOIs())
	}
}

func TestValidateListsEveryProblem(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	code, doc, _ := do(t, s, call{"POST", "/dois", "REPO.A", "pa", `{"data":{"attributes":{"doi":"10.5072/v","event":"register","creators":[{"name":""}]}}}`})
	if code != 422 {
		t.Fatalf("status %d", code)
	}
	var sources []string
	for _, e := range doc["errors"].([]any) {
		sources = append(sources, e.(map[string]any)["source"].(string))
	}
	want := "url creators[0].name titles publisher publicationYear types.resourceTypeGeneral"
	if got := strings.Join(sources, " "); got != want {
		t.Errorf("sources %q, want %q", got, want)
	}
}

func TestList(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	for i := range 7 {
		body := `{"data":{"attributes":{"prefix":"10.5072","event":"publish",` + valid + `}}}`
		if i%2 == 1 {
			body = `{"data":{"attributes":{"prefix":"10.5072"}}}`
		}
		if code, doc, _ := do(t, s, call{"POST", "/dois", "repo.a", "pa", body}); code != 201 {
			t.Fatalf("create %d: %d %v", i, code, doc)
		}
	}
	count := func(c call) (int, []string) {
		total := 0
		var nexts []string
		for c.path != "" {
			code, doc, _ := do(t, s, c)
			if code != 200 {
				t.Fatalf("%s: %d %v", c.path, code, doc)
			}
			total += len(doc["data"].([]any))
			next, _ := doc["links"].(map[string]any)["next"].(string)
			nexts = append(nexts, next)
			c.path = strings.TrimPrefix(next, s.URL)
		}
		return total, nexts
	}
	if n, pages := count(call{method: "GET", path: "/dois?prefix=10.5072&page[size]=3"}); n != 4 || len(pages) != 2 {
		t.Errorf("public list: %d DOIs on %d pages, want the 4 findable ones on 2", n, len(pages))
	}
	if n, pages := count(call{"GET", "/dois?client-id=repo.a&page[size]=3", "repo.a", "pa", ""}); n != 7 || len(pages) != 3 {
		t.Errorf("owner's list: %d DOIs on %d pages, want 7 on 3", n, len(pages))
	}
	if n, _ := count(call{"GET", "/dois?state=draft", "repo.a", "pa", ""}); n != 3 {
		t.Errorf("drafts: %d, want 3", n)
	}
}

func TestFaults(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	post := func(suffix string) (*http.Response, error) {
		req, _ := http.NewRequest("POST", s.URL+"/dois", strings.NewReader(`{"data":{"attributes":{"doi":"10.5072/`+suffix+`"}}}`))
		req.Header.Set("Content-Type", jsonAPI)
		req.SetBasicAuth("REPO.A", "pa")
		return s.Client().Do(req)
	}
	tests := []struct {
		fault    Fault
		suffix   string
		status   int // 0: connection error
		stored   bool
		minDelay time.Duration
	}{
		{FaultServerError, "f1", 500, false, 0},
		{FaultServerErrorAfter, "f2", 504, true, 0},
		{FaultDropBefore, "f3", 0, false, 0},
		{FaultDropAfter, "f4", 0, true, 0},
		{FaultTooManyRequests, "f5", 429, false, 0},
		{FaultLatency, "f6", 201, true, 100 * time.Millisecond},
	}
	for _, tt := range tests {
		s.InjectNext("POST", tt.fault)
		start := time.Now()
		resp, err := post(tt.suffix)
		switch {
		case tt.status == 0 && err == nil:
			resp.Body.Close()
			t.Errorf("%v: got status %d, want a dropped connection", tt.fault, resp.StatusCode)
		case tt.status != 0 && err != nil:
			t.Errorf("%v: %v", tt.fault, err)
		case tt.status != 0:
			resp.Body.Close()
			if resp.StatusCode != tt.status {
				t.Errorf("%v: status %d, want %d", tt.fault, resp.StatusCode, tt.status)
			}
			if tt.fault == FaultTooManyRequests && resp.Header.Get("Retry-After") != "1" {
				t.Errorf("%v: Retry-After %q", tt.fault, resp.Header.Get("Retry-After"))
			}
		}
		if _, ok := s.Lookup("10.5072/" + tt.suffix); ok != tt.stored {
			t.Errorf("%v: stored %v, want %v", tt.fault, ok, tt.stored)
		}
		if el := time.Since(start); el < tt.minDelay {
			t.Errorf("%v: answered after %v, want at least %v", tt.fault, el, tt.minDelay)
		}
	}
	st := s.Stats()
	if st.FaultCount() != int64(len(tests)) {
		t.Errorf("stats count %d faults, want %d: %v", st.FaultCount(), len(tests), st.Faults)
	}
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithRateLimit(5, 2))
	codes := map[int]int{}
	var retryAfter string
	for range 6 {
		code, _, h := do(t, s, call{method: "GET", path: "/heartbeat"})
		codes[code]++
		if code == 429 {
			retryAfter = h.Get("Retry-After")
		}
	}
	if codes[200] < 2 || codes[429] == 0 || retryAfter != "1" {
		t.Errorf("6 quick requests at 5/s burst 2: %v, Retry-After %q; want 2+ OK then 429 with Retry-After 1", codes, retryAfter)
	}
	if s.Stats().RateLimited != int64(codes[429]) {
		t.Errorf("Stats().RateLimited = %d, want %d", s.Stats().RateLimited, codes[429])
	}
}

func TestRandomFaultsRate(t *testing.T) {
	t.Parallel()
	s := newTestServer(t, WithFaults(Faults{Rate: 0.3, Kinds: []Fault{FaultServerError}, Seed: 7}))
	n500 := 0
	for range 200 {
		if code, _, _ := do(t, s, call{method: "GET", path: "/heartbeat"}); code == 500 {
			n500++
		}
	}
	if n500 < 40 || n500 > 80 {
		t.Errorf("%d of 200 requests failed at rate 0.3", n500)
	}
}

func TestResolver(t *testing.T) {
	t.Parallel()
	s := newTestServer(t)
	do(t, s, call{"POST", "/dois", "repo.a", "pa", `{"data":{"attributes":{"doi":"10.5072/r1","event":"publish",` + valid + `}}}`})
	do(t, s, call{"POST", "/dois", "repo.a", "pa", `{"data":{"attributes":{"doi":"10.5072/r2"}}}`})
	code, doc, _ := do(t, s, call{method: "GET", path: "/api/handles/10.5072/R1"})
	vals, _ := doc["values"].([]any)
	if code != 200 || doc["responseCode"] != 1.0 || len(vals) != 1 || vals[0].(map[string]any)["data"].(map[string]any)["value"] != "https://data.example.org/1" {
		t.Errorf("handle of a findable DOI: %d %v", code, doc)
	}
	if code, doc, _ := do(t, s, call{method: "GET", path: "/api/handles/10.5072/r2"}); code != 404 || doc["responseCode"] != 100.0 {
		t.Errorf("handle of a draft: %d %v", code, doc)
	}
	req, _ := http.NewRequest("GET", s.URL+"/10.5072/r1", nil)
	req.Header.Set("Accept", typeCSLJSON)
	resp, err := s.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.Header.Get("Content-Type") != typeCSLJSON || !strings.Contains(string(body), `"title":"Run 4271"`) {
		t.Errorf("CSL JSON: %s %s", resp.Header.Get("Content-Type"), body)
	}
}

// fmt never shows a repository's password.
func TestServerPrintsNoPassword(t *testing.T) {
	srv := NewServer(WithRepository("REPO.X", "s3cret-pw", "10.5072"))
	defer srv.Close()
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		if got := fmt.Sprintf(verb, srv); strings.Contains(got, "s3cret-pw") || !strings.Contains(got, srv.URL) {
			t.Errorf("%s of the server = %s; want its URL and no password", verb, got)
		}
	}
}
