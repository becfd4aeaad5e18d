package doi_test

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dop2i/fairmeta/datacite/datacitetest"
	"github.com/dop2i/fairmeta/doi"
)

// fakeDOIOrg is a loopback stand-in for doi.org: the Handle API for one DOI, and content negotiation that redirects
// to a second server (as doi.org redirects to the registration agency's service) which answers by Accept header.
func fakeDOIOrg(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var hits atomic.Int32
	agency := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path != "/10.5072/abcd-ef12" {
			http.NotFound(w, r)
			return
		}
		mt, params, _ := mime.ParseMediaType(r.Header.Get("Accept"))
		bodies := map[string]string{
			doi.TypeDataCiteJSON: `{"doi":"10.5072/abcd-ef12","titles":[{"title":"Run 4271"}]}`,
			doi.TypeSchemaOrg:    `{"@context":"http://schema.org","@type":"Dataset","name":"Run 4271"}`,
			doi.TypeCSLJSON:      `{"type":"dataset","title":"Run 4271"}`,
			doi.TypeBibTeX:       `@misc{https://doi.org/10.5072/abcd-ef12, title = {Run 4271}}`,
			doi.TypeRIS:          "TY  - DATA\nT1  - Run 4271\nER  - \n",
		}
		switch {
		case mt == doi.TypeCitation:
			w.Header().Set("Content-Type", "text/x-bibliography; charset=utf-8")
			fmt.Fprintf(w, "Lefèvre, C. (2026). Run 4271 [style=%s locale=%s].\n", params["style"], params["locale"])
		case bodies[mt] != "":
			w.Header().Set("Content-Type", mt+"; charset=utf-8")
			fmt.Fprint(w, bodies[mt])
		default: // like the real service: an unsupported type gets the landing page
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<html>landing page</html>")
		}
	}))
	t.Cleanup(agency.Close)
	var flaky atomic.Int32
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if flaky.Add(1) == 1 { // the first request fails: the resolver must retry
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		switch {
		case r.URL.Path == "/api/handles/10.5072/abcd-ef12":
			fmt.Fprint(w, `{"responseCode":1,"handle":"10.5072/ABCD-EF12","values":[`+
				`{"index":100,"type":"HS_ADMIN","data":{"format":"admin","value":{"handle":"0.na/10.5072","index":200}}},`+
				`{"index":1,"type":"URL","data":{"format":"string","value":"https://data.example.org/runs/4271"}}]}`)
		case strings.HasPrefix(r.URL.Path, "/api/handles/"):
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprintf(w, `{"responseCode":100,"handle":%q}`, strings.TrimPrefix(r.URL.Path, "/api/handles/"))
		default:
			http.Redirect(w, r, agency.URL+r.URL.Path, http.StatusFound)
		}
	}))
	t.Cleanup(proxy.Close)
	return proxy, &hits
}

func newResolver(t *testing.T, base string) *doi.Resolver {
	t.Helper()
	r, err := doi.NewResolver(doi.WithBaseURL(base), doi.WithRetry(3, time.Millisecond, 0))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestResolve(t *testing.T) {
	t.Parallel()
	srv, _ := fakeDOIOrg(t)
	r := newResolver(t, srv.URL)
	res, err := r.Resolve(context.Background(), doi.MustParse("10.5072/ABCD-EF12"))
	if err != nil {
		t.Fatal(err)
	}
	if res.URL != "https://data.example.org/runs/4271" || res.DOI != "10.5072/abcd-ef12" || len(res.Values) != 2 {
		t.Errorf("Resolve = %+v", res)
	}
	_, err = r.Resolve(context.Background(), doi.MustParse("10.5072/nope"))
	var re *doi.ResolveError
	var ae *doi.APIError
	if !errors.Is(err, doi.ErrNotFound) || !errors.As(err, &re) || !errors.As(err, &ae) || ae.StatusCode != 404 || re.Op != "resolve" {
		t.Errorf("Resolve of an unknown DOI: %v, want a *ResolveError matching ErrNotFound with an *APIError of status 404", err)
	}
	if _, err := r.Resolve(context.Background(), doi.DOI("10.5072/ABC")); !errors.Is(err, doi.ErrSyntax) {
		t.Errorf("Resolve of a non-normalised DOI: %v, want ErrSyntax", err)
	}
}

func TestMetadata(t *testing.T) {
	t.Parallel()
	srv, hits := fakeDOIOrg(t)
	r := newResolver(t, srv.URL)
	d := doi.MustParse("10.5072/abcd-ef12")
	for _, tt := range []struct{ typ, want string }{
		{doi.TypeDataCiteJSON, `"titles":[{"title":"Run 4271"}]`},
		{doi.TypeSchemaOrg, `"@type":"Dataset"`},
		{doi.TypeCSLJSON, `"type":"dataset"`},
		{doi.TypeBibTeX, `@misc{`},
		{doi.TypeRIS, "TY  - DATA"},
	} {
		m, err := r.Metadata(context.Background(), d, tt.typ)
		if err != nil {
			t.Errorf("%s: %v", tt.typ, err)
			continue
		}
		if !strings.Contains(string(m.Body), tt.want) || !strings.HasPrefix(m.ContentType, tt.typ) {
			t.Errorf("%s: %s %q, want a body with %q", tt.typ, m.ContentType, m.Body, tt.want)
		}
	}
	cit, err := r.Citation(context.Background(), d, "apa", "fr-FR")
	if err != nil || cit != "Lefèvre, C. (2026). Run 4271 [style=apa locale=fr-FR]." {
		t.Errorf("Citation = %q, %v", cit, err)
	}
	_, err = r.Metadata(context.Background(), d, doi.TypeJATS)
	if !errors.Is(err, doi.ErrNotAcceptable) {
		t.Errorf("JATS, answered with the landing page: %v, want ErrNotAcceptable", err)
	}
	_, err = r.Metadata(context.Background(), doi.MustParse("10.5072/nope"), doi.TypeCSLJSON)
	if !errors.Is(err, doi.ErrNotFound) {
		t.Errorf("unknown DOI: %v, want ErrNotFound", err)
	}
	if hits.Load() < 8 {
		t.Errorf("the agency server saw %d requests: redirects were not followed", hits.Load())
	}
}

func TestResolverOptions(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"http://doi.org", "https://user:pw@doi.org"} {
		if _, err := doi.NewResolver(doi.WithBaseURL(bad)); err == nil || strings.Contains(err.Error(), "pw") {
			t.Errorf("WithBaseURL(%q): %v, want an error without the password", bad, err)
		}
	}
	for i, bad := range []doi.Option{doi.WithBaseURL(""), doi.WithHandleAPIURL("http://hdl.handle.net/api/handles/"),
		doi.WithContentURL("ftp://data.crosscite.org/"), doi.WithHTTPClient(nil), doi.WithRetry(0, 0, 0), doi.WithRateLimit(-1, 1),
		doi.WithTimeout(-time.Second), doi.WithMaxResponseSize(0), doi.WithLogger(nil), doi.WithUserAgent(""), nil} {
		if _, err := doi.NewResolver(bad); err == nil {
			t.Errorf("invalid option %d was accepted", i)
		} else if !strings.HasPrefix(err.Error(), "doi: ") && !strings.HasPrefix(err.Error(), "httpx: base URL") {
			t.Errorf("invalid option %d: error %q does not say where it comes from", i, err)
		}
	}
	for name, want := range map[string]string{"bibtex": doi.TypeBibTeX, "CSL": doi.TypeCSLJSON, "text/turtle": "text/turtle"} {
		if got, ok := doi.MediaType(name); !ok || got != want {
			t.Errorf("MediaType(%q) = %q, %v", name, got, ok)
		}
	}
	if _, ok := doi.MediaType("nosuch"); ok {
		t.Errorf("MediaType(nosuch) ok")
	}
}

// Content negotiation against a datacitetest server, which answers for the DOIs it holds as doi.org would.
func ExampleResolver_Metadata() {
	srv := datacitetest.NewServer()
	defer srv.Close()
	_ = srv.Add(datacitetest.StoredDOI{DOI: "10.5072/abcd-ef12", Client: datacitetest.DefaultRepository, State: "findable",
		URL: "https://data.example.org/runs/4271", Attributes: []byte(`{"titles":[{"title":"Run 4271"}],"publicationYear":2026}`)})

	r, err := doi.NewResolver(doi.WithBaseURL(srv.URL))
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := r.Metadata(context.Background(), doi.MustParse("10.5072/ABCD-EF12"), doi.TypeCSLJSON)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.ContentType, strings.Contains(string(m.Body), `"title":"Run 4271"`))
	_, err = r.Metadata(context.Background(), doi.MustParse("10.5072/abcd-ef12"), doi.TypeBibTeX)
	fmt.Println(errors.Is(err, doi.ErrNotAcceptable))
	// Output:
	// application/vnd.citationstyles.csl+json true
	// true
}

// Negotiate asks for several types in one request, preferences weighted, and takes whichever comes back.
func TestNegotiate(t *testing.T) {
	t.Parallel()
	var accepts []string
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		accepts = append(accepts, r.Header.Get("Accept"))
		mu.Unlock()
		switch r.URL.Path {
		case "/10.5072/datacite":
			w.Header().Set("Content-Type", doi.TypeDataCiteXML+"; charset=utf-8")
			w.Write([]byte(`<resource xmlns="http://datacite.org/schema/kernel-4"/>`))
		case "/10.5072/crossref":
			w.Header().Set("Content-Type", doi.TypeCrossrefUNIXSD)
			w.Write([]byte(`<crossref_result/>`))
		case "/10.5072/landing":
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(`<html></html>`))
		case "/10.5072/refused":
			http.Error(w, "Not Acceptable", http.StatusNotAcceptable)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	r := newResolver(t, srv.URL)
	ctx := context.Background()
	m, err := r.Negotiate(ctx, "10.5072/datacite")
	if err != nil || m.ContentType != doi.TypeDataCiteXML+"; charset=utf-8" || string(m.Body) != `<resource xmlns="http://datacite.org/schema/kernel-4"/>` {
		t.Errorf("DataCite XML: %+v, %v", m, err)
	}
	m, err = r.Negotiate(ctx, "10.5072/crossref")
	if err != nil || m.ContentType != doi.TypeCrossrefUNIXSD {
		t.Errorf("Crossref: %+v, %v", m, err)
	}
	want := "application/vnd.datacite.datacite+json, application/vnd.datacite.datacite+xml;q=0.9, application/vnd.crossref.unixsd+xml;q=0.8, " +
		"application/vnd.crossref-api-message+json;q=0.7, application/vnd.crossref.unixref+xml;q=0.6, application/vnd.schemaorg.ld+json;q=0.5, " +
		"application/vnd.citationstyles.csl+json;q=0.4, application/x-bibtex;q=0.3, application/x-research-info-systems;q=0.2"
	if len(accepts) != 2 || accepts[0] != want || accepts[1] != want {
		t.Errorf("Accept headers %q\nwant one request each with %q", accepts, want)
	}
	// Types of one's own choice; a type not asked for is refused.
	if _, err := r.Negotiate(ctx, "10.5072/crossref", doi.TypeDataCiteJSON, doi.TypeCSLJSON); !errors.Is(err, doi.ErrNotAcceptable) ||
		!strings.Contains(err.Error(), `asked for application/vnd.datacite.datacite+json, application/vnd.citationstyles.csl+json, got "application/vnd.crossref.unixsd+xml"`) {
		t.Errorf("a type not asked for: %v", err)
	}
	if accepts[2] != doi.TypeDataCiteJSON+", "+doi.TypeCSLJSON+";q=0.9" {
		t.Errorf("Accept of two types: %q", accepts[2])
	}
	for d, want := range map[doi.DOI]error{"10.5072/landing": doi.ErrNotAcceptable, "10.5072/refused": doi.ErrNotAcceptable, "10.5072/nope": doi.ErrNotFound,
		"not a doi": doi.ErrSyntax} {
		var re *doi.ResolveError
		if _, err := r.Negotiate(ctx, d); !errors.Is(err, want) || !errors.As(err, &re) || re.DOI != d {
			t.Errorf("%s: %v, want %v in a *ResolveError", d, err, want)
		}
	}
	if _, err := r.Negotiate(ctx, "10.5072/datacite", "not a type"); err == nil {
		t.Error("a malformed media type was sent")
	}
}

func TestAcceptHeader(t *testing.T) {
	t.Parallel()
	types := make([]string, 12)
	for i := range types {
		types[i] = fmt.Sprintf("a/t%d", i)
	}
	got := doi.AcceptHeader(types...)
	want := "a/t0, a/t1;q=0.9, a/t2;q=0.8, a/t3;q=0.7, a/t4;q=0.6, a/t5;q=0.5, a/t6;q=0.4, a/t7;q=0.3, a/t8;q=0.2, a/t9;q=0.1, a/t10;q=0.1, a/t11;q=0.1"
	if got != want {
		t.Errorf("AcceptHeader:\n%s\nwant\n%s", got, want)
	}
	if doi.AcceptHeader() != "" {
		t.Error("no type gives a header")
	}
}
