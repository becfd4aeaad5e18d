package schemaorg

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

func TestCanonicalizeMatchesJSONGold(t *testing.T) {
	docs := landingDocs(t)
	official := officialContext(t)
	p, err := NewProcessor(WithSchemaOrgContext(official))
	if err != nil {
		t.Fatal(err)
	}
	l := plainLoader(t, official)
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			want := plainNormalize(t, l, doc)
			for round := range 2 { // the second round runs on the cached context
				got, err := p.Canonicalize(context.Background(), doc)
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != want {
					t.Fatalf("round %d: canonical N-Quads differ from json-gold's Normalize\ngot:\n%s\nwant:\n%s", round, got, want)
				}
			}
			if !strings.Contains(want, "<http://schema.org/name>") {
				t.Errorf("N-Quads carry no schema:name; the context was not applied:\n%s", want)
			}
		})
	}
}

func TestCanonicalizeIgnoresJSONShape(t *testing.T) {
	var p Processor // the zero value: embedded context, no network
	a := `{"@context": "https://schema.org/", "@type": "Dataset", "name": "Run 4271", "url": "https://data.example.org/r/4271",
		"creator": [{"@type": "Person", "name": "Camille Lefèvre"}, {"@type": "Person", "name": "Paolo Rossi"}]}`
	b := `{"creator": [{"name": "Paolo Rossi", "@type": "Person"}, {"name": "Camille Lefèvre", "@type": "Person"}],
		"url": "https://data.example.org/r/4271", "http://schema.org/name": "Run 4271", "@type": "http://schema.org/Dataset", "@context": "http://schema.org"}`
	ha, err := p.Hash(context.Background(), []byte(a))
	if err != nil {
		t.Fatal(err)
	}
	hb, err := p.Hash(context.Background(), []byte(b))
	if err != nil {
		t.Fatal(err)
	}
	if ha != hb {
		t.Errorf("same statements, different hashes: %s vs %s", ha, hb)
	}
	if !strings.HasPrefix(ha, "sha256:") || len(ha) != len("sha256:")+64 {
		t.Errorf("hash %q is not sha256:<64 hex>", ha)
	}
	c := strings.Replace(a, "Run 4271", "Run 4272", 1)
	hc, err := p.Hash(context.Background(), []byte(c))
	if err != nil {
		t.Fatal(err)
	}
	if hc == ha {
		t.Errorf("different names, same hash %s", hc)
	}
}

func TestLoaderRefuses(t *testing.T) {
	var p Processor
	for _, tc := range []struct {
		name, ctx, reason string
	}{
		{"absolute path", "/etc/passwd", "local files are never read"},
		{"file URL", "file:///etc/passwd", "local files are never read"},
		{"relative path", "../../../etc/passwd", "local files are never read"},
		{"unknown https context", "https://example.org/context.jsonld", "not under an allowed prefix"},
		{"plain http", "http://example.org/context.jsonld", "plain http"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := fmt.Sprintf(`{"@context": %q, "name": "x"}`, tc.ctx)
			for op, f := range map[string]func() error{
				"canonicalize": func() error { _, err := p.Canonicalize(context.Background(), []byte(doc)); return err },
				"expand":       func() error { _, err := p.Expand(context.Background(), []byte(doc)); return err },
			} {
				err := f()
				if err == nil {
					t.Fatalf("%s: context %q accepted", op, tc.ctx)
				}
				var le *LoadError
				if !errors.As(err, &le) || !errors.Is(err, ErrContextRefused) || !errors.Is(err, ErrJSONLD) {
					t.Fatalf("%s: error %v (%T) is not a *LoadError wrapped in a *JSONLDError", op, err, err)
				}
				if le.URL != tc.ctx || !strings.Contains(err.Error(), tc.reason) {
					t.Errorf("%s: error %q does not name %q and say %q", op, err, tc.ctx, tc.reason)
				}
			}
		})
	}
}

// A redirect from an allowed prefix is fetched only if its target passes the same policy.
func TestRemoteContextsRedirect(t *testing.T) {
	var outside atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/allowed/moved.jsonld":
			http.Redirect(w, r, "/allowed/ctx.jsonld", http.StatusFound)
		case "/allowed/escape.jsonld":
			http.Redirect(w, r, "/other/ctx.jsonld", http.StatusFound)
		default:
			if !strings.HasPrefix(r.URL.Path, "/allowed/") {
				outside.Add(1)
			}
			w.Header().Set("Content-Type", "application/ld+json")
			fmt.Fprint(w, `{"@context": {"title": "http://purl.org/dc/terms/title"}}`)
		}
	}))
	defer srv.Close()
	p, err := NewProcessor(WithRemoteContexts(srv.Client(), srv.URL+"/allowed/"))
	if err != nil {
		t.Fatal(err)
	}
	doc := func(path string) []byte {
		return []byte(`{"@context": "` + srv.URL + path + `", "@id": "https://example.org/a", "title": "A"}`)
	}
	if _, err := p.Canonicalize(context.Background(), doc("/allowed/moved.jsonld")); err != nil {
		t.Errorf("redirect inside the allow-list: %v", err)
	}
	if _, err := p.Canonicalize(context.Background(), doc("/allowed/escape.jsonld")); !errors.Is(err, ErrContextRefused) {
		t.Errorf("redirect out of the allow-list: err = %v, want ErrContextRefused", err)
	}
	if n := outside.Load(); n != 0 {
		t.Errorf("the loader followed a redirect outside the allow-list (%d requests)", n)
	}
}

func TestRemoteContextsAllowList(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		w.Header().Set("Content-Type", "application/ld+json")
		fmt.Fprint(w, `{"@context": {"title": "http://purl.org/dc/terms/title"}}`)
	}))
	defer srv.Close()
	p, err := NewProcessor(WithRemoteContexts(srv.Client(), srv.URL+"/allowed/"))
	if err != nil {
		t.Fatal(err)
	}
	doc := `{"@context": "` + srv.URL + `/allowed/ctx.jsonld", "@id": "https://example.org/a", "title": "A"}`
	for range 3 {
		nq, err := p.Canonicalize(context.Background(), []byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		if want := "<https://example.org/a> <http://purl.org/dc/terms/title> \"A\" .\n"; string(nq) != want {
			t.Fatalf("got %q, want %q", nq, want)
		}
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("the context was fetched %d times, want once", n)
	}
	other := `{"@context": "` + srv.URL + `/other/ctx.jsonld", "title": "A"}`
	if _, err := p.Canonicalize(context.Background(), []byte(other)); !errors.Is(err, ErrContextRefused) {
		t.Errorf("context outside the allow-list: err = %v, want ErrContextRefused", err)
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("a refused context reached the server (%d requests)", n)
	}
	if _, err := NewProcessor(WithRemoteContexts(nil, "file:///")); err == nil {
		t.Error("WithRemoteContexts accepted a file: prefix")
	}
}

func TestProcessorConcurrent(t *testing.T) {
	docs := landingDocs(t)
	official := officialContext(t)
	p, err := NewProcessor(WithSchemaOrgContext(official))
	if err != nil {
		t.Fatal(err)
	}
	l := plainLoader(t, official)
	want := map[string]string{}
	for name, doc := range docs {
		want[name] = plainNormalize(t, l, doc)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				for name, doc := range docs {
					got, err := p.Canonicalize(context.Background(), doc)
					if err != nil {
						t.Error(err)
						return
					}
					if string(got) != want[name] {
						t.Errorf("goroutine %d round %d: %s differs", g, i, name)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

func TestCompactExpand(t *testing.T) {
	var p Processor
	doc := `{"@context": {"@vocab": "http://schema.org/"}, "@type": "Dataset", "name": "x", "url": {"@id": "https://example.org/x"}}`
	exp, err := p.Expand(context.Background(), []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(exp) != 1 || fmt.Sprint(exp[0].(map[string]any)["@type"]) != "[http://schema.org/Dataset]" {
		t.Fatalf("expanded: %v", exp)
	}
	c, err := p.Compact(context.Background(), []byte(doc), "https://schema.org/")
	if err != nil {
		t.Fatal(err)
	}
	if c["@context"] != "https://schema.org/" || c["type"] != "Dataset" || c["name"] != "x" || c["url"] != "https://example.org/x" {
		t.Errorf("compacted with the schema.org context: %v", c)
	}
	if _, err := p.Expand(context.Background(), []byte(`{"@context": 5}`)); !errors.Is(err, ErrJSONLD) {
		t.Errorf("invalid context: err = %v", err)
	}
	if _, err := p.Expand(context.Background(), []byte(`{"a": }`)); !errors.Is(err, ErrJSONLD) {
		t.Errorf("invalid JSON: err = %v", err)
	}
}

// TestProcessorConcurrentMixed runs compaction (which builds json-gold's inverse context on first use) beside
// expansion and canonicalization of documents with the same context; run with -race.
func TestProcessorConcurrentMixed(t *testing.T) {
	var p Processor
	doc := []byte(`{"@context": "https://schema.org/", "@type": "Dataset", "name": "x", "url": "https://example.org/x"}`)
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 10 {
				var err error
				switch g % 3 {
				case 0:
					_, err = p.Compact(context.Background(), doc, "https://schema.org/")
				case 1:
					_, err = p.Expand(context.Background(), doc)
				default:
					_, err = p.slowCanonicalize(context.Background(), doc)
				}
				if err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestRemoteContextsAllowListParsed: the allow-list matches parsed URLs, not strings: a URL that only looks as if it
// were under the prefix (dot segments, encoded or not, a backslash, user information, another port) is refused
// before any request; the server never sees a path outside the prefix.
func TestRemoteContextsAllowListParsed(t *testing.T) {
	var outside atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := path.Clean(r.URL.Path); !strings.HasPrefix(p, "/allowed/") || strings.Contains(r.URL.RawPath, "%") {
			outside.Add(1)
		}
		w.Header().Set("Content-Type", "application/ld+json")
		fmt.Fprint(w, `{"@context": {"title": "http://purl.org/dc/terms/title"}}`)
	}))
	defer srv.Close()
	p, err := NewProcessor(WithRemoteContexts(srv.Client(), srv.URL+"/allowed/"))
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(srv.URL)
	doc := func(ctxURL string) []byte {
		return []byte(`{"@context": "` + ctxURL + `", "@id": "https://example.org/a", "title": "A"}`)
	}
	if _, err := p.Canonicalize(context.Background(), doc(srv.URL+"/allowed/ctx.jsonld")); err != nil {
		t.Fatalf("a context under the prefix: %v", err)
	}
	for _, bad := range []string{
		srv.URL + "/allowed/../other/ctx.jsonld",
		srv.URL + "/allowed/%2e%2e/other/ctx.jsonld",
		srv.URL + "/allowed/.%2E/other/ctx.jsonld",
		srv.URL + "/allowed/..%2fother/ctx.jsonld",
		srv.URL + `/allowed/..\\other/ctx.jsonld`,
		srv.URL + "/allowed/./ctx.jsonld",
		"http://user@" + u.Host + "/allowed/ctx.jsonld",
		"http://" + u.Hostname() + ":1/allowed/ctx.jsonld",
	} {
		if _, err := p.Canonicalize(context.Background(), doc(bad)); !errors.Is(err, ErrContextRefused) {
			t.Errorf("%s: err = %v, want ErrContextRefused", bad, err)
		}
	}
	if n := outside.Load(); n != 0 {
		t.Errorf("the server saw %d requests outside the prefix", n)
	}
}
