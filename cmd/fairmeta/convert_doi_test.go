package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/dop2i/fairmeta/datacite/datacitetest"
	"github.com/dop2i/fairmeta/doi"
)

// negotiationServer is a loopback DOI resolver answering content negotiation for a few DOIs, each in one media
// type, as doi.org does for DOIs of different registration agencies. It records the Accept header of each request.
type negotiationServer struct {
	*httptest.Server
	mu      sync.Mutex
	accepts []string
}

func newNegotiationServer(t *testing.T, docs map[string][2]string) *negotiationServer {
	s := &negotiationServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.accepts = append(s.accepts, r.Header.Get("Accept"))
		s.mu.Unlock()
		doc, ok := docs[strings.ToLower(strings.TrimPrefix(r.URL.Path, "/"))]
		if !ok {
			http.Error(w, "DOI not found", http.StatusNotFound)
			return
		}
		w.Header().Set("Content-Type", doc[0])
		w.Write([]byte(doc[1]))
	}))
	t.Cleanup(s.Close)
	return s
}

// convert DOI fetches the metadata in one content negotiation listing the formats fairmeta reads (DataCite XML,
// Crossref UNIXREF XML and REST JSON answered here), and converts
// whatever comes back, found by Content-Type and content.
func TestConvertDOI(t *testing.T) {
	crossrefJSON, err := os.ReadFile("../../crossref/testdata/work.json")
	if err != nil {
		t.Fatal(err)
	}
	srv := newNegotiationServer(t, map[string][2]string{
		"10.82433/b09z-4k37":         {doi.TypeDataCiteXML + "; charset=utf-8", smallXML},
		"10.5072/synthetic.2026.002": {doi.TypeCrossrefJSON, string(crossrefJSON)},
		"10.5072/landing":            {"text/html; charset=utf-8", "<html><body>A landing page</body></html>"},
		"10.5072/unixref.7": {doi.TypeCrossrefXML, `<doi_records><doi_record><crossref xmlns="http://www.crossref.org/xschema/1.1"><journal>` +
			`<journal_metadata><full_title>Journal of Invented Physics</full_title><issn media_type="print">1234-5678</issn></journal_metadata>` +
			`<journal_article><titles><title>Muon lifetime, remeasured</title></titles><contributors><person_name sequence="first" contributor_role="author">` +
			`<given_name>Marie</given_name><surname>Dupont</surname></person_name></contributors><pages><first_page>1</first_page></pages>` +
			`<doi_data><doi>10.5072/unixref.7</doi></doi_data></journal_article></journal></crossref></doi_record></doi_records>`},
	})
	cases := []struct {
		arg, to string
		want    []string // parts of the output
	}{
		{"10.82433/B09Z-4K37", "schemaorg", []string{`"@type": "Dataset"`, `"name": "Run 4271"`, `"https://doi.org/10.82433/b09z-4k37"`}},
		{"doi:10.82433/b09z-4k37", "datacite-json", []string{`"doi": "10.82433/B09Z-4K37"`, `"affiliation": [`}},
		{"https://doi.org/10.82433/B09Z-4K37", "csl-json", []string{`"title":"Run 4271"`}},
		{"doi:10.5072/UNIXREF.7", "csl-json", []string{`"title":"Muon lifetime, remeasured"`, `"container-title":"Journal of Invented Physics"`, `"family":"Dupont"`}},
		{"10.5072/synthetic.2026.002", "datacite-xml", []string{`<identifier identifierType="DOI">10.5072/synthetic.2026.002</identifier>`, "<givenName>Marie</givenName>"}},
	}
	for _, c := range cases {
		// Flags after the argument, as people type them.
		code, out, errs := runCLI(t, "", "convert", c.arg, "-to", c.to, "-resolver", srv.URL)
		if code != 0 {
			t.Errorf("convert %s -to %s: exit %d: %s", c.arg, c.to, code, errs)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("convert %s -to %s: output lacks %s:\n%s", c.arg, c.to, w, out)
			}
		}
	}
	// One request per DOI, each with the weighted list of what fairmeta reads.
	wantAccept := doi.AcceptHeader(doi.ReadableTypes()...)
	if len(srv.accepts) != len(cases) {
		t.Errorf("%d requests for %d conversions", len(srv.accepts), len(cases))
	}
	for _, a := range srv.accepts {
		if a != wantAccept {
			t.Errorf("Accept: %q\nwant %q", a, wantAccept)
		}
	}
	if !strings.HasPrefix(wantAccept, doi.TypeDataCiteJSON+", "+doi.TypeDataCiteXML+";q=0.9, ") || !strings.Contains(wantAccept, doi.TypeCrossrefUNIXSD) {
		t.Errorf("Accept does not list DataCite JSON, DataCite XML and Crossref first: %s", wantAccept)
	}

	// A resolver that can give none of them, an unknown DOI: exit 1 with the reason on standard error.
	for arg, want := range map[string]string{
		"10.5072/landing": `asked for application/vnd.datacite.datacite+json, application/vnd.datacite.datacite+xml`,
		"10.5072/nope":    "no metadata for this DOI (HTTP 404)",
	} {
		code, out, errs := runCLI(t, "", "convert", "-to", "fair", "-resolver", srv.URL, arg)
		if code != 1 || out != "" || !strings.HasPrefix(errs, "fairmeta convert: doi: metadata "+arg) || !strings.Contains(errs, want) {
			t.Errorf("convert %s: exit %d, stdout %q, stderr %q; want 1 and %q", arg, code, out, errs, want)
		}
	}
	// -from narrows the request to that format's media types.
	srv.accepts = nil
	if code, _, errs := runCLI(t, "", "convert", "-from", "datacite-xml", "-to", "fair", "-resolver", srv.URL, "10.82433/B09Z-4K37"); code != 0 ||
		len(srv.accepts) != 1 || !strings.HasPrefix(srv.accepts[0], doi.TypeDataCiteXML+", ") {
		t.Errorf("-from datacite-xml: exit %d (%s), Accept %q", code, errs, srv.accepts)
	}
	// -resolver is for a DOI; a file that exists is read, even when its name parses as a DOI.
	if code, _, errs := runCLI(t, smallXML, "convert", "-to", "fair", "-resolver", srv.URL, "-"); code != 2 || !strings.Contains(errs, "-resolver goes with a DOI") {
		t.Errorf("-resolver with standard input: exit %d, %s", code, errs)
	}
}

// Against the loopback DataCite, which answers content negotiation for the DOIs it holds.
func TestConvertDOIFromDataCite(t *testing.T) {
	srv := datacitetest.NewServer()
	defer srv.Close()
	attrs := `{"doi":"10.5072/abcd-ef12","titles":[{"title":"Run 4271"}],"creators":[{"name":"Lefèvre, Camille","nameType":"Personal"}],` +
		`"publisher":{"name":"CC-IN2P3"},"publicationYear":2026,"types":{"resourceTypeGeneral":"Dataset"}}`
	if err := srv.Add(datacitetest.StoredDOI{DOI: "10.5072/abcd-ef12", Client: datacitetest.DefaultRepository, State: "findable",
		URL: "https://data.example.org/runs/4271", Attributes: []byte(attrs)}); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "", "convert", "-to", "schemaorg", "-resolver", srv.URL, "https://doi.org/10.5072/ABCD-EF12")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil || doc["name"] != "Run 4271" || doc["@id"] != "https://doi.org/10.5072/abcd-ef12" {
		t.Errorf("schema.org of the DOI: %v\n%s", err, out)
	}
}
