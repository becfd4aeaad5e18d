package doi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/dop2i/fairmeta/internal/httpx"
)

// Media types of DOI content negotiation, as doi.org and DataCite's content negotiation service answer them.
const (
	TypeDataCiteJSON = "application/vnd.datacite.datacite+json"  // DataCite JSON (REST API attributes)
	TypeDataCiteXML  = "application/vnd.datacite.datacite+xml"   // DataCite XML, Metadata Schema 4
	TypeSchemaOrg    = "application/vnd.schemaorg.ld+json"       // schema.org JSON-LD
	TypeCSLJSON      = "application/vnd.citationstyles.csl+json" // Citation Style Language JSON
	TypeBibTeX       = "application/x-bibtex"                    // BibTeX
	TypeRIS          = "application/x-research-info-systems"     // RIS
	TypeCitation     = "text/x-bibliography"                     // a formatted citation; see Resolver.Citation
	TypeJATS         = "application/vnd.jats+xml"                // JATS XML
	TypeCrossrefXML  = "application/vnd.crossref.unixref+xml"    // Crossref UNIXREF XML (Crossref DOIs)
	defaultResolver  = "https://doi.org/"                        // resolver and content negotiation
	defaultHandleAPI = "https://doi.org/api/handles/"            // Handle REST API of the DOI proxy
	maxMetadataBody  = 8 << 20                                   // a metadata document larger than this is refused
)

// MediaTypes maps the short names the CLI and configuration files use to media types.
var mediaTypes = map[string]string{
	"datacite": TypeDataCiteJSON, "datacite-json": TypeDataCiteJSON, "datacite-xml": TypeDataCiteXML,
	"schemaorg": TypeSchemaOrg, "schema.org": TypeSchemaOrg, "csl": TypeCSLJSON, "citeproc": TypeCSLJSON,
	"bibtex": TypeBibTeX, "ris": TypeRIS, "citation": TypeCitation, "jats": TypeJATS, "crossref": TypeCrossrefXML,
}

// MediaType returns the media type for a short name ("datacite", "schemaorg", "csl", "bibtex", "ris", "citation",
// "datacite-xml", "jats", "crossref") or, for text containing "/", the text itself; false for an unknown name.
func MediaType(name string) (string, bool) {
	if strings.Contains(name, "/") {
		return name, true
	}
	t, ok := mediaTypes[strings.ToLower(name)]
	return t, ok
}

// Resolver resolves DOIs through the Handle API of the DOI proxy and fetches their metadata by content negotiation.
// The zero value is not usable; make one with NewResolver. A Resolver is safe for concurrent use.
type Resolver struct {
	core      *httpx.Core
	handleAPI *url.URL
	content   *url.URL
}

// settings is what options change before a Resolver is built.
type settings struct {
	httpx.Config
	handleAPI string // "" for BaseURL + "api/handles/"
	content   string // "" for BaseURL
}

// Option configures a Resolver. Options are made only by the With functions of this package and apply in order; an
// invalid option makes NewResolver fail.
type Option interface{ apply(*settings) error }

type option func(*settings) error

func (o option) apply(s *settings) error { return o(s) }

// WithBaseURL sets the base URL of the resolver for both the Handle API (base + "api/handles/") and content
// negotiation (base + DOI), e.g. the URL of a test server. The default is https://doi.org/. Plain http:// is
// accepted only for loopback hosts.
func WithBaseURL(base string) Option {
	return option(func(s *settings) error {
		s.handleAPI, s.content = "", ""
		return s.SetBaseURL(base)
	})
}

// WithHandleAPIURL sets the base URL of the Handle API alone (default https://doi.org/api/handles/), e.g.
// https://hdl.handle.net/api/handles/.
func WithHandleAPIURL(base string) Option {
	return option(func(s *settings) error {
		_, err := httpx.CheckBaseURL(base)
		s.handleAPI = base
		return err
	})
}

// WithContentURL sets the base URL of content negotiation alone (default https://doi.org/), e.g.
// https://data.crosscite.org/.
func WithContentURL(base string) Option {
	return option(func(s *settings) error {
		_, err := httpx.CheckBaseURL(base)
		s.content = base
		return err
	})
}

// WithHTTPClient sets the HTTP client (default: a go-cleanhttp pooled client of the resolver's own). The resolver
// uses a copy of it with its redirect policy added; the caller's value is not changed.
func WithHTTPClient(hc *http.Client) Option {
	return option(func(s *settings) error { return s.SetHTTPClient(hc) })
}

// WithRetry sets how often a failing request (network error, 429, 5xx) is tried (attempts, including the first;
// default 5) and the backoff between tries (base doubling up to maxWait, with jitter; 0 for the defaults, 250 ms
// and 30 s). A Retry-After up to 2 minutes is honoured.
func WithRetry(attempts int, base, maxWait time.Duration) Option {
	return option(func(s *settings) error { return s.SetRetry(attempts, base, maxWait) })
}

// WithRateLimit limits the resolver to perSecond requests per second on average, in bursts of up to burst; 0 means
// no limit, the default.
func WithRateLimit(perSecond float64, burst int) Option {
	return option(func(s *settings) error { return s.SetRateLimit(perSecond, burst) })
}

// WithUserAgent sets the User-Agent header. Services such as DataCite grant a higher rate to requests whose
// User-Agent carries a contact address ("mypipeline/1.0 (mailto:ops@example.org)").
func WithUserAgent(ua string) Option {
	return option(func(s *settings) error { return s.SetUserAgent(ua) })
}

// WithTimeout sets the time limit of one HTTP attempt, redirects and body included (default 30 s); the whole call,
// retries included, is bounded by its context.
func WithTimeout(d time.Duration) Option {
	return option(func(s *settings) error { return s.SetTimeout(d) })
}

// WithMaxResponseSize caps the size of a response body (default 8 MiB); a larger one is an error.
func WithMaxResponseSize(n int64) Option {
	return option(func(s *settings) error { return s.SetMaxResponseSize(n) })
}

// WithLogger makes the resolver log its retries at debug level.
func WithLogger(l *slog.Logger) Option {
	return option(func(s *settings) error { return s.SetLogger(l) })
}

// NewResolver returns a resolver for https://doi.org/ configured by opts. It returns an error for a nil or invalid
// option.
func NewResolver(opts ...Option) (*Resolver, error) {
	s := settings{Config: httpx.Config{Package: "doi", BaseURL: defaultResolver, UserAgent: "fairmeta-doi",
		Timeout: 30 * time.Second, MaxBody: maxMetadataBody}}
	for i, o := range opts {
		if o == nil {
			return nil, s.NilOption(i)
		}
		if err := o.apply(&s); err != nil {
			return nil, err
		}
	}
	core, err := s.Build()
	if err != nil {
		return nil, err
	}
	r := &Resolver{core: core, content: core.Base(), handleAPI: core.Base().JoinPath("api", "handles")}
	r.handleAPI.Path += "/"
	if s.handleAPI != "" {
		if r.handleAPI, err = httpx.CheckBaseURL(s.handleAPI); err != nil {
			return nil, err
		}
	}
	if s.content != "" {
		if r.content, err = httpx.CheckBaseURL(s.content); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// APIError is an error answer of the Handle API or of content negotiation: the HTTP status and what the server
// said. Use errors.Is with ErrNotFound, ErrNotAcceptable, ErrRateLimited and ErrServer, errors.As for the details.
type APIError struct {
	StatusCode int           // the HTTP status, e.g. 404
	Method     string        // the request method
	URL        string        // the request URL (after redirects), secrets redacted
	Problems   []string      // what the server said (the Handle API's message, a short text answer), cut to 300 bytes with control characters escaped; may be empty
	RetryAfter time.Duration // the wait the server asked for with Retry-After; 0 when it gave none
}

// Error describes the answer in one line.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "doi: %s %s: %d %s", e.Method, e.URL, e.StatusCode, http.StatusText(e.StatusCode))
	if len(e.Problems) > 0 {
		shown := make([]string, 0, min(len(e.Problems), httpx.ShownProblems))
		for _, p := range e.Problems[:min(len(e.Problems), httpx.ShownProblems)] {
			shown = append(shown, httpx.Sanitize(p, 300)) // again: an APIError may be built by hand
		}
		b.WriteString(": ")
		b.WriteString(httpx.JoinProblems(shown, len(e.Problems)-len(shown)))
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %v)", e.RetryAfter)
	}
	return b.String()
}

// Is matches ErrNotFound (404, 410), ErrNotAcceptable (406), ErrRateLimited (429) and ErrServer (5xx).
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound || e.StatusCode == http.StatusGone
	case ErrNotAcceptable:
		return e.StatusCode == http.StatusNotAcceptable
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrServer:
		return e.StatusCode >= 500
	}
	return false
}

// apiError builds the *APIError of a non-2xx answer.
func apiError(resp *httpx.Response) *APIError {
	e := &APIError{StatusCode: resp.StatusCode, Method: resp.Request.Method, URL: httpx.RedactURL(resp.Request.URL.String()),
		RetryAfter: resp.RetryAfter()}
	body := bytes.TrimSpace(resp.Body)
	var doc struct {
		Message string `json:"message"`
	}
	ctype, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	switch {
	case json.Unmarshal(body, &doc) == nil && doc.Message != "":
		e.Problems = []string{httpx.Sanitize(doc.Message, 300)}
	case ctype == "text/plain" && len(body) > 0:
		e.Problems = []string{httpx.Sanitize(string(body), 300)}
	}
	return e
}

// RedirectError is a redirect the resolver refused to follow: from https:// to http://, to anything but https://
// (or http:// on loopback), or the 11th in a row.
type RedirectError = httpx.RedirectError

// ResolveError reports a DOI that could not be resolved or whose metadata could not be fetched. Err is the cause:
// an *APIError for an error answer, ErrNotFound or ErrNotAcceptable for an answer that says so with a 200, the
// network error otherwise, so errors.Is(err, ErrNotFound) and errors.As(err, &apiErr) see through it.
type ResolveError struct {
	DOI    DOI    // the DOI asked for
	Op     string // "resolve" or "metadata"
	Reason string // what went wrong, for a person to read
	Err    error  // the cause
}

// Error describes the failure in one line.
func (e *ResolveError) Error() string {
	s := fmt.Sprintf("doi: %s %s: %s", e.Op, e.DOI, e.Reason)
	var ae *APIError
	if errors.As(e.Err, &ae) {
		s += fmt.Sprintf(" (HTTP %d)", ae.StatusCode)
	}
	return s
}

// Unwrap returns the cause.
func (e *ResolveError) Unwrap() error { return e.Err }

// Sentinel conditions, matched with errors.Is by a *ResolveError and an *APIError.
var (
	ErrNotFound      = errors.New("doi: not found")                            // the DOI is not registered (or not public)
	ErrNotAcceptable = errors.New("doi: media type not available for the DOI") // content negotiation cannot give the type
	ErrRateLimited   = errors.New("doi: rate limited")                         // 429
	ErrServer        = errors.New("doi: server error")                         // 5xx
)

// HandleValue is one value of the Handle record of a DOI.
type HandleValue struct {
	Index int    // the index of the value in the record
	Type  string // e.g. "URL", "HS_ADMIN", "10320/loc"
	Value string // the data of a string value; empty for other formats
}

// Resolution is what the Handle API says of a DOI.
type Resolution struct {
	DOI    DOI           // the DOI as the Handle system returns it
	URL    string        // the URL the DOI resolves to
	Values []HandleValue // every value of the Handle record
}

// Resolve asks the Handle API where d resolves to, without following the redirect to the landing page. A DOI that
// is not registered gives a *ResolveError matching ErrNotFound.
func (r *Resolver) Resolve(ctx context.Context, d DOI) (*Resolution, error) {
	fail := func(reason string, err error) error {
		return &ResolveError{DOI: d, Op: "resolve", Reason: reason, Err: err}
	}
	if !d.Valid() {
		return nil, fail("not a normalised DOI", ErrSyntax)
	}
	resp, err := r.core.Get(ctx, r.handleAPI.String()+EscapePath(string(d)), "application/json")
	if err != nil {
		return nil, fail(err.Error(), err)
	}
	var doc struct {
		ResponseCode int    `json:"responseCode"`
		Handle       string `json:"handle"`
		Message      string `json:"message"`
		Values       []struct {
			Index int    `json:"index"`
			Type  string `json:"type"`
			Data  struct {
				Format string          `json:"format"`
				Value  json.RawMessage `json:"value"`
			} `json:"data"`
		} `json:"values"`
	}
	jsonErr := json.Unmarshal(resp.Body, &doc)
	switch {
	case resp.StatusCode == http.StatusNotFound:
		return nil, fail("not registered in the Handle system", apiError(resp))
	case resp.StatusCode != http.StatusOK:
		return nil, fail("unexpected answer", apiError(resp))
	case jsonErr != nil:
		return nil, fail("the Handle API answer is not JSON", jsonErr)
	case doc.ResponseCode == 100:
		return nil, fail("not registered in the Handle system", ErrNotFound)
	case doc.ResponseCode != 1:
		return nil, fail(fmt.Sprintf("Handle API response code %d %s", doc.ResponseCode, httpx.Sanitize(doc.Message, 300)), nil)
	}
	res := &Resolution{DOI: d}
	if p, err := Parse(doc.Handle); err == nil {
		res.DOI = p
	}
	for _, v := range doc.Values {
		hv := HandleValue{Index: v.Index, Type: v.Type}
		if v.Data.Format == "string" {
			_ = json.Unmarshal(v.Data.Value, &hv.Value)
		}
		res.Values = append(res.Values, hv)
		if v.Type == "URL" && res.URL == "" {
			res.URL = hv.Value
		}
	}
	if res.URL == "" {
		return nil, fail("the Handle record has no URL value", nil)
	}
	return res, nil
}

// Metadata is a metadata document fetched by content negotiation.
type Metadata struct {
	DOI         DOI    // the DOI asked for
	ContentType string // the media type of Body, as the server gave it (with parameters)
	Body        []byte // the document
}

// URL returns the address of d at the resolver — where a browser is sent to its landing page and where content
// negotiation asks for its metadata: https://doi.org/10.5072/abcd-ef12 for the default resolver.
func (r *Resolver) URL(d DOI) string { return r.content.String() + EscapePath(string(d)) }

// Metadata fetches the metadata of d in the given media type (one of the Type constants, or any type with
// parameters) by content negotiation. An answer in another type than asked — resolvers send the landing page when
// they cannot give the type — is a *ResolveError matching ErrNotAcceptable, as is 406.
func (r *Resolver) Metadata(ctx context.Context, d DOI, mediaType string) (*Metadata, error) {
	fail := func(reason string, err error) error {
		return &ResolveError{DOI: d, Op: "metadata", Reason: reason, Err: err}
	}
	if !d.Valid() {
		return nil, fail("not a normalised DOI", ErrSyntax)
	}
	want, _, err := mime.ParseMediaType(mediaType)
	if err != nil {
		return nil, fail(fmt.Sprintf("media type %q: %v", mediaType, err), err)
	}
	resp, err := r.core.Get(ctx, r.content.String()+EscapePath(string(d)), mediaType)
	if err != nil {
		return nil, fail(err.Error(), err)
	}
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotFound, http.StatusGone:
		return nil, fail("no metadata for this DOI", apiError(resp))
	case http.StatusNotAcceptable:
		return nil, fail(fmt.Sprintf("%s is not available", want), apiError(resp))
	default:
		return nil, fail("unexpected answer", apiError(resp))
	}
	ctype := resp.Header.Get("Content-Type")
	got, _, _ := mime.ParseMediaType(ctype)
	if !strings.EqualFold(got, want) {
		return nil, fail(fmt.Sprintf("asked for %s, got %q", want, ctype), ErrNotAcceptable)
	}
	return &Metadata{DOI: d, ContentType: ctype, Body: resp.Body}, nil
}

// Citation fetches a formatted citation of d in a CSL style ("apa", "harvard-cite-them-right", "ieee", ...; empty
// for the service's default) and locale ("en-US", "fr-FR", ...; empty for the default), as text.
func (r *Resolver) Citation(ctx context.Context, d DOI, style, locale string) (string, error) {
	params := map[string]string{}
	if style != "" {
		params["style"] = style
	}
	if locale != "" {
		params["locale"] = locale
	}
	m, err := r.Metadata(ctx, d, mime.FormatMediaType(TypeCitation, params))
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(m.Body)), nil
}

// ReadableTypes returns the media types of the metadata fairmeta reads that DOI content negotiation can give, the
// richest first: DataCite JSON and XML, Crossref's UNIXSD XML and REST API JSON, then the forms every registration
// agency serves (schema.org JSON-LD, CSL-JSON, BibTeX, RIS). It is the default list of Negotiate. The slice is new
// at each call.
func ReadableTypes() []string {
	return []string{TypeDataCiteJSON, TypeDataCiteXML, TypeCrossrefUNIXSD, TypeCrossrefJSON, TypeCrossrefXML,
		TypeSchemaOrg, TypeCSLJSON, TypeBibTeX, TypeRIS}
}

// Media types of Crossref metadata besides TypeCrossrefXML.
const (
	TypeCrossrefUNIXSD = "application/vnd.crossref.unixsd+xml"       // Crossref UNIXSD XML, what doi.org gives for Crossref DOIs
	TypeCrossrefJSON   = "application/vnd.crossref-api-message+json" // Crossref REST API /works JSON
)

// AcceptHeader returns an Accept header listing mediaTypes in order of preference: the first with q=1, each next
// one a tenth lower, down to q=0.1 for the tenth and after.
func AcceptHeader(mediaTypes ...string) string {
	var b strings.Builder
	for i, t := range mediaTypes {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(t)
		if i > 0 {
			fmt.Fprintf(&b, ";q=0.%d", max(10-i, 1))
		}
	}
	return b.String()
}

// Negotiate fetches the metadata of d by content negotiation in one request whose Accept header lists mediaTypes
// in order of preference (ReadableTypes when none is given), and returns whichever of them the resolver sends;
// Metadata.ContentType says which. An answer in a type not asked for — the landing page a resolver sends when it
// can give none of them — is a *ResolveError matching ErrNotAcceptable, as is 406.
func (r *Resolver) Negotiate(ctx context.Context, d DOI, mediaTypes ...string) (*Metadata, error) {
	fail := func(reason string, err error) error {
		return &ResolveError{DOI: d, Op: "metadata", Reason: reason, Err: err}
	}
	if !d.Valid() {
		return nil, fail("not a normalised DOI", ErrSyntax)
	}
	if len(mediaTypes) == 0 {
		mediaTypes = ReadableTypes()
	}
	want := make([]string, len(mediaTypes))
	for i, t := range mediaTypes {
		mt, _, err := mime.ParseMediaType(t)
		if err != nil {
			return nil, fail(fmt.Sprintf("media type %q: %v", t, err), err)
		}
		want[i] = mt
	}
	resp, err := r.core.Get(ctx, r.content.String()+EscapePath(string(d)), AcceptHeader(mediaTypes...))
	if err != nil {
		return nil, fail(err.Error(), err)
	}
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusNotFound, http.StatusGone:
		return nil, fail("no metadata for this DOI", apiError(resp))
	case http.StatusNotAcceptable:
		return nil, fail("none of the media types asked for is available", apiError(resp))
	default:
		return nil, fail("unexpected answer", apiError(resp))
	}
	ctype := resp.Header.Get("Content-Type")
	got, _, _ := mime.ParseMediaType(ctype)
	for _, w := range want {
		if strings.EqualFold(got, w) {
			return &Metadata{DOI: d, ContentType: ctype, Body: resp.Body}, nil
		}
	}
	return nil, fail(fmt.Sprintf("asked for %s, got %q", strings.Join(want, ", "), ctype), ErrNotAcceptable)
}
