package assess

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"strings"

	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/schemaorg"
)

// The network tests. They run only when Assess is given an HTTP client, and talk only to the addresses the record
// names (its identifier's resolver, its landing page, its data links). A failure to connect is a failed test, not
// an error, except a failed name lookup or a timeout, which makes the test OutcomeNotChecked; only a cancelled
// context stops the assessment.

// maxPage caps what a network test reads of one response.
const maxPage = 2 << 20

// page is one fetched response.
type page struct {
	url         string // the final URL after redirects
	status      int
	contentType string // media type without parameters
	header      http.Header
	body        []byte
	err         error // a transport error; nil when a response arrived
}

func (p *page) ok() bool { return p.err == nil && p.status >= 200 && p.status < 300 }

func (p *page) String() string {
	if p.err != nil {
		return "unreachable: " + p.err.Error()
	}
	return fmt.Sprintf("HTTP %d", p.status)
}

// fetch requests u with the given method and Accept header, following redirects unless noRedirect. Results are
// cached per method, URL, Accept and redirect mode. It returns an error only when ctx is done.
func (a *assessment) fetch(ctx context.Context, method, u, accept string, noRedirect bool) (*page, error) {
	key := fmt.Sprintf("%s %s %s %v", method, u, accept, noRedirect)
	if p, ok := a.pages[key]; ok {
		a.noteUnreached(p.err)
		return p, nil
	}
	p := &page{url: u}
	req, err := http.NewRequestWithContext(ctx, method, u, nil)
	if err != nil {
		p.err = err
		a.pages[key] = p
		return p, nil
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	req.Header.Set("User-Agent", "fairmeta-assess (+https://github.com/dop2i/fairmeta)")
	c := a.client
	if noRedirect {
		cc := *a.client
		cc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		c = &cc
	}
	resp, err := c.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("assess: %w", ctx.Err())
		}
		var ue interface{ Unwrap() error }
		if errors.As(err, &ue) {
			err = ue.Unwrap()
		}
		p.err = err
		a.pages[key] = p
		a.noteUnreached(err)
		return p, nil
	}
	defer resp.Body.Close()
	p.status, p.header, p.url = resp.StatusCode, resp.Header, resp.Request.URL.String()
	p.contentType, _, _ = mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if method != http.MethodHead {
		p.body, err = io.ReadAll(io.LimitReader(resp.Body, maxPage))
		if err != nil && ctx.Err() != nil {
			return nil, fmt.Errorf("assess: %w", ctx.Err())
		}
	}
	a.pages[key] = p
	return p, nil
}

// landing fetches the landing page: the metadata URL asked for as HTML.
func (a *assessment) landing(ctx context.Context) (*page, error) {
	u := a.netMetadataURL()
	if u == "" {
		return nil, nil
	}
	return a.fetch(ctx, http.MethodGet, u, "text/html, application/xhtml+xml;q=0.9, */*;q=0.1", false)
}

// registered checks that a PID is registered: a DOI must be known to the Handle system (asked through the doi
// resolver's Handle API); another PID's resolver must answer with a redirect, as F-UJI tests it.
func (a *assessment) registered(ctx context.Context, where string, p fair.PID) (verdict, error) {
	if p.Scheme == fair.SchemeDOI {
		d := doi.DOI(p.Value)
		res, err := a.resolver.Resolve(ctx, d)
		switch {
		case err == nil:
			return verdict{pass: true, detail: fmt.Sprintf("%s %s is registered: the Handle system resolves it to %s", where, d, res.URL)}, nil
		case ctx.Err() != nil:
			return verdict{}, fmt.Errorf("assess: %w", ctx.Err())
		case errors.Is(err, doi.ErrNotFound):
			return verdict{detail: fmt.Sprintf("%s %s is not registered in the Handle system", where, d),
				fixes: []string{fmt.Sprintf("%s %s is not registered: register and publish the DOI at DataCite, or correct it", where, d)}}, nil
		}
		a.noteUnreached(err)
		return verdict{detail: fmt.Sprintf("%s %s could not be resolved: %v", where, d, err),
			fixes: []string{fmt.Sprintf("%s %s could not be resolved (%v): check that it is registered and findable", where, d, err)}}, nil
	}
	if p.URL == "" {
		return verdict{detail: fmt.Sprintf("%s %s has no resolver", where, p.Value)}, nil
	}
	pg, err := a.fetch(ctx, http.MethodGet, p.URL, "", true)
	if err != nil {
		return verdict{}, err
	}
	if pg.err == nil && pg.status >= 300 && pg.status < 400 {
		return verdict{pass: true, detail: fmt.Sprintf("%s %s is registered: %s redirects (HTTP %d) to %s", where, p.Value, p.URL, pg.status, pg.header.Get("Location"))}, nil
	}
	return verdict{detail: fmt.Sprintf("%s %s is not registered: %s answered %s", where, p.Value, p.URL, pg),
		fixes: []string{fmt.Sprintf("%s %s does not resolve at %s (%s): register it (publish the DOI) or correct it", where, p.Value, p.URL, pg)}}, nil
}

func netMetadataPIDRegistered(ctx context.Context, a *assessment) (verdict, error) {
	id, _ := a.metadataID()
	p, ok := persistentID(id)
	if !ok {
		return verdict{detail: "the record has no persistent identifier", fixes: []string{fixMintDOI}}, nil
	}
	return a.registered(ctx, "identifier", p)
}

func netDataPIDRegistered(ctx context.Context, a *assessment) (verdict, error) {
	links := a.dataLinks()
	for _, l := range links {
		if p, ok := persistentID(l.url); ok {
			return a.registered(ctx, fmt.Sprintf("distributions[%d].contentURL", l.at), p)
		}
	}
	if len(links) == 0 {
		return verdict{detail: "no data links", fixes: []string{fixAddDistribution}}, nil
	}
	return verdict{detail: "no data link is a persistent identifier", fixes: []string{fixDataPID(links[0])}}, nil
}

func netMetadataRetrievable(ctx context.Context, a *assessment) (verdict, error) {
	pg, err := a.landing(ctx)
	if err != nil {
		return verdict{}, err
	}
	if pg == nil {
		return verdict{detail: "no identifier or landing page URL", fixes: []string{fixMintDOI}}, nil
	}
	if pg.ok() && len(pg.body) > 0 {
		return verdict{pass: true, detail: fmt.Sprintf("%s gives %s (%s, %d bytes)", a.metadataURL(), pg.url, pg.contentType, len(pg.body))}, nil
	}
	return verdict{detail: fmt.Sprintf("%s: %s", a.metadataURL(), pg),
		fixes: []string{fmt.Sprintf("the identifier does not lead to the metadata: %s answered %s; make the landing page reachable (and the DOI's URL point to it)", a.metadataURL(), pg)}}, nil
}

func netDataRetrievable(ctx context.Context, a *assessment) (verdict, error) {
	links := a.dataLinks()
	if len(links) == 0 {
		return verdict{detail: "no data links", fixes: []string{fixAddDistribution}}, nil
	}
	var bad []string
	for _, l := range links {
		u := l.url
		if p, err := fair.DetectPID(l.url); err == nil && p.URL != "" {
			u = p.URL
		}
		pg, err := a.fetch(ctx, http.MethodHead, u, "", false)
		if err != nil {
			return verdict{}, err
		}
		if pg.err == nil && (pg.status == http.StatusMethodNotAllowed || pg.status == http.StatusNotImplemented) {
			if pg, err = a.fetch(ctx, http.MethodGet, u, "", false); err != nil {
				return verdict{}, err
			}
		}
		if pg.ok() {
			return verdict{pass: true, detail: fmt.Sprintf("distributions[%d] %s: %s", l.at, u, pg)}, nil
		}
		bad = append(bad, fmt.Sprintf("distributions[%d].contentURL %s answered %s", l.at, u, pg))
	}
	return verdict{detail: joinList(bad), fixes: []string{joinList(bad) + ": publish the file at that address or correct it"}}, nil
}

// The markup other than JSON-LD that search engines read: Dublin Core meta tags, schema.org microdata and RDFa. The
// JSON-LD of a page is read with package schemaorg's reader of landing pages.
var (
	metaDC    = regexp.MustCompile(`(?i)<meta[^>]+name\s*=\s*["'](dc|dcterms|dct)\.[a-z]+["']`)
	microdata = regexp.MustCompile(`(?i)itemtype\s*=\s*["']https?://schema\.org/`)
	rdfaVocab = regexp.MustCompile(`(?i)\b(vocab|typeof|property)\s*=\s*["'][^"']*(schema\.org|purl\.org/dc|www\.w3\.org/ns/dcat)`)
)

// embeddedJSONLD returns the parsable JSON-LD blocks of an HTML page, and how many <script
// type="application/ld+json"> elements it has, parsable or not. The blocks are found by package schemaorg's reader
// of landing pages.
func embeddedJSONLD(body []byte) (parsed []any, scripts int) {
	blocks, _ := schemaorg.ScriptBlocks(body) // the blocks before a malformed element still count
	for _, b := range blocks {
		var v any
		if json.Unmarshal(b, &v) == nil {
			parsed = append(parsed, v)
		}
	}
	return parsed, len(blocks)
}

// mentions reports whether a decoded JSON value contains the string s anywhere (as a value), ignoring case.
func mentions(v any, s string) bool {
	switch x := v.(type) {
	case string:
		return strings.EqualFold(strings.TrimSpace(x), s)
	case []any:
		for _, e := range x {
			if mentions(e, s) {
				return true
			}
		}
	case map[string]any:
		for _, e := range x {
			if mentions(e, s) {
				return true
			}
		}
	}
	return false
}

func mentionsVocabulary(v any, vocab ...string) bool {
	b, _ := json.Marshal(v)
	low := strings.ToLower(string(b))
	for _, s := range vocab {
		if strings.Contains(low, s) {
			return true
		}
	}
	return false
}

func netSearchable(ctx context.Context, a *assessment) (verdict, error) {
	pg, err := a.landing(ctx)
	if err != nil {
		return verdict{}, err
	}
	if pg == nil {
		return verdict{detail: "no landing page", fixes: []string{fixMintDOI}}, nil
	}
	if !pg.ok() {
		return verdict{detail: fmt.Sprintf("landing page %s: %s", a.metadataURL(), pg), fixes: []string{fmt.Sprintf("make the landing page %s reachable and embed schema.org JSON-LD in it", a.metadataURL())}}, nil
	}
	blocks, _ := embeddedJSONLD(pg.body)
	for _, v := range blocks {
		if mentionsVocabulary(v, "schema.org", "purl.org/dc", "w3.org/ns/dcat") {
			return verdict{pass: true, detail: fmt.Sprintf("%s embeds schema.org/DCAT/Dublin Core JSON-LD", pg.url)}, nil
		}
	}
	switch {
	case metaDC.Match(pg.body):
		return verdict{pass: true, detail: fmt.Sprintf("%s has Dublin Core meta tags", pg.url)}, nil
	case microdata.Match(pg.body):
		return verdict{pass: true, detail: fmt.Sprintf("%s has schema.org microdata", pg.url)}, nil
	case rdfaVocab.Match(pg.body):
		return verdict{pass: true, detail: fmt.Sprintf("%s has RDFa", pg.url)}, nil
	}
	return verdict{detail: fmt.Sprintf("%s has no schema.org, DCAT or Dublin Core markup", pg.url),
		fixes: []string{fmt.Sprintf("embed the record as schema.org JSON-LD in the landing page %s (fairmeta convert -to schemaorg; package schemaorg writes the <script> element)", pg.url)}}, nil
}

func netEmbeddedStructured(ctx context.Context, a *assessment) (verdict, error) {
	pg, err := a.landing(ctx)
	if err != nil {
		return verdict{}, err
	}
	if pg == nil {
		return verdict{detail: "no landing page", fixes: []string{fixMintDOI}}, nil
	}
	if !pg.ok() {
		return verdict{detail: fmt.Sprintf("landing page %s: %s", a.metadataURL(), pg), fixes: []string{fmt.Sprintf("make the landing page %s reachable and embed JSON-LD in it", a.metadataURL())}}, nil
	}
	blocks, scripts := embeddedJSONLD(pg.body)
	if n := len(blocks); n > 0 {
		return verdict{pass: true, detail: fmt.Sprintf("%s embeds %d parsable JSON-LD blocks", pg.url, n)}, nil
	}
	if rdfaVocab.Match(pg.body) {
		return verdict{pass: true, detail: fmt.Sprintf("%s has RDFa", pg.url)}, nil
	}
	detail := "no parsable JSON-LD or RDFa"
	if scripts > 0 {
		detail = "its JSON-LD does not parse"
	}
	return verdict{detail: fmt.Sprintf("%s: %s", pg.url, detail),
		fixes: []string{fmt.Sprintf("embed the metadata as parsable JSON-LD (<script type=\"application/ld+json\">) in the landing page %s", pg.url)}}, nil
}

// rdfTypes are the media types of RDF serialisations.
var rdfTypes = map[string]bool{"application/ld+json": true, "text/turtle": true, "application/rdf+xml": true,
	"application/n-triples": true, "application/n-quads": true, "text/n3": true, "application/vnd.schemaorg.ld+json": true,
	"application/trig": true}

const rdfAccept = "application/ld+json, text/turtle;q=0.9, application/rdf+xml;q=0.8"

// negotiate asks the metadata URL for RDF and returns the response when it is RDF.
func (a *assessment) negotiate(ctx context.Context) (*page, error) {
	u := a.netMetadataURL()
	if u == "" {
		return nil, nil
	}
	return a.fetch(ctx, http.MethodGet, u, rdfAccept, false)
}

// negotiation is the outcome of asking the DOI resolver for schema.org JSON-LD.
type negotiation struct {
	doc any    // the decoded JSON-LD, nil when none
	why string // what happened
}

// negotiateDOI asks the DOI resolver for the record's schema.org JSON-LD when its identifier is a DOI; nil when it
// is not a DOI.
func (a *assessment) negotiateDOI(ctx context.Context) (*negotiation, error) {
	p, err := fair.DetectPID(a.r.Identifier.Value)
	if err != nil || p.Scheme != fair.SchemeDOI {
		return nil, nil
	}
	d := doi.DOI(p.Value)
	if n, ok := a.negotiated[d]; ok {
		return n, nil
	}
	n := &negotiation{}
	md, err := a.resolver.Metadata(ctx, d, doi.TypeSchemaOrg)
	switch {
	case err == nil:
		if json.Unmarshal(md.Body, &n.doc) == nil {
			n.why = fmt.Sprintf("content negotiation for DOI %s gives %s", d, doi.TypeSchemaOrg)
		} else {
			n.doc, n.why = nil, fmt.Sprintf("content negotiation for DOI %s gives %s that does not parse", d, doi.TypeSchemaOrg)
		}
	case ctx.Err() != nil:
		return nil, fmt.Errorf("assess: %w", ctx.Err())
	default:
		n.why = fmt.Sprintf("content negotiation for DOI %s: %v", d, err)
	}
	a.negotiated[d] = n
	return n, nil
}

func netContentNegotiation(ctx context.Context, a *assessment) (verdict, error) {
	u := a.metadataURL()
	if u == "" {
		return verdict{detail: "no identifier or landing page URL", fixes: []string{fixMintDOI}}, nil
	}
	n, err := a.negotiateDOI(ctx)
	if err != nil {
		return verdict{}, err
	}
	if n != nil && n.doc != nil {
		return verdict{pass: true, detail: n.why}, nil
	}
	pg, err := a.negotiate(ctx)
	if err != nil {
		return verdict{}, err
	}
	if pg.ok() && rdfTypes[pg.contentType] {
		if pg.contentType != "application/ld+json" && pg.contentType != "application/vnd.schemaorg.ld+json" || json.Valid(pg.body) {
			return verdict{pass: true, detail: fmt.Sprintf("content negotiation at %s gives %s", u, pg.contentType)}, nil
		}
	}
	// Typed links: a Link header pointing to an RDF serialisation of the metadata.
	if lp, err := a.landing(ctx); err != nil {
		return verdict{}, err
	} else if lp != nil && lp.err == nil {
		for _, l := range lp.header.Values("Link") {
			low := strings.ToLower(l)
			if (strings.Contains(low, `rel="describedby"`) || strings.Contains(low, `rel="alternate"`)) && typedRDF(low) {
				return verdict{pass: true, detail: fmt.Sprintf("%s has a typed link to RDF metadata: %s", lp.url, l)}, nil
			}
		}
	}
	detail := fmt.Sprintf("%s answered %s with %q to %q, and offers no typed link to RDF", u, pg, pg.contentType, rdfAccept)
	if n != nil {
		detail = n.why + "; " + detail
	}
	return verdict{detail: detail,
		fixes: []string{fmt.Sprintf("serve the metadata as JSON-LD when %s is asked for application/ld+json (DataCite DOIs do this through content negotiation at doi.org), or add a Link header rel=\"describedby\" type=\"application/ld+json\"", u)}}, nil
}

func typedRDF(link string) bool {
	for t := range rdfTypes {
		if strings.Contains(link, `type="`+t+`"`) {
			return true
		}
	}
	return false
}

// machineMetadata returns the structured metadata the identifier leads to: JSON-LD embedded in the landing page or
// obtained by content negotiation.
func (a *assessment) machineMetadata(ctx context.Context) ([]any, string, error) {
	pg, err := a.landing(ctx)
	if err != nil || pg == nil {
		return nil, "", err
	}
	if pg.ok() {
		if v, _ := embeddedJSONLD(pg.body); len(v) > 0 {
			return v, "JSON-LD embedded in " + pg.url, nil
		}
	}
	if n, err := a.negotiateDOI(ctx); err != nil {
		return nil, "", err
	} else if n != nil && n.doc != nil {
		return []any{n.doc}, n.why, nil
	}
	ng, err := a.negotiate(ctx)
	if err != nil {
		return nil, "", err
	}
	if ng.ok() && (ng.contentType == "application/ld+json" || ng.contentType == "application/vnd.schemaorg.ld+json") {
		var v any
		if json.Unmarshal(ng.body, &v) == nil {
			return []any{v}, "JSON-LD by content negotiation at " + ng.url, nil
		}
	}
	return nil, fmt.Sprintf("%s (%s)", pg.url, pg), nil
}

func netSoftwareLanding(ctx context.Context, a *assessment) (verdict, error) {
	id := strings.TrimSpace(a.r.Identifier.Value)
	if _, ok := uniqueSyntax(id); !ok {
		return verdict{detail: "the software has no identifier of unique syntax", fixes: []string{`give the release a DOI: set identifier, e.g. {"value": "10.xxxx/...", "type": "DOI"}`}}, nil
	}
	md, where, err := a.machineMetadata(ctx)
	if err != nil {
		return verdict{}, err
	}
	if len(md) > 0 {
		return verdict{pass: true, detail: fmt.Sprintf("%q resolves to machine-readable metadata: %s", id, where)}, nil
	}
	return verdict{detail: fmt.Sprintf("%q does not resolve to a machine-readable landing page: %s", id, where),
		fixes: []string{fmt.Sprintf("make %q resolve to a landing page with schema.org JSON-LD", id)}}, nil
}

func netSameInstance(ctx context.Context, a *assessment) (verdict, error) {
	id := strings.TrimSpace(a.r.Identifier.Value)
	if id == "" {
		return verdict{detail: "the software has no identifier", fixes: []string{`give the release a DOI (identifier)`}}, nil
	}
	md, where, err := a.machineMetadata(ctx)
	if err != nil {
		return verdict{}, err
	}
	if len(md) == 0 {
		return verdict{detail: fmt.Sprintf("no machine-readable metadata at %s to compare", where),
			fixes: []string{fmt.Sprintf("make %q resolve to a landing page with schema.org JSON-LD naming the release and its version", id)}}, nil
	}
	want, what := strings.TrimSpace(a.r.Version), "version"
	if want == "" {
		want, what = a.r.MainTitle(), "title"
	}
	for _, v := range md {
		if want != "" && mentions(v, want) {
			return verdict{pass: true, detail: fmt.Sprintf("%s names %s %q", where, what, want)}, nil
		}
	}
	return verdict{detail: fmt.Sprintf("%s does not name %s %q", where, what, want),
		fixes: []string{fmt.Sprintf("%q resolves to metadata that does not name %s %q: point the identifier at this release's record", id, what, want)}}, nil
}

func netSoftwareSearchable(ctx context.Context, a *assessment) (verdict, error) {
	id := strings.TrimSpace(a.r.Identifier.Value)
	p, err := fair.DetectPID(id)
	if id == "" || err != nil || !softwarePersistent[p.Scheme] {
		return verdict{detail: "the metadata record has no persistent identifier", fixes: []string{`give the release a DOI: set identifier, e.g. {"value": "10.xxxx/...", "type": "DOI"}`}}, nil
	}
	return netSearchable(ctx, a)
}
