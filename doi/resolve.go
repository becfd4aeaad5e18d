package doi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
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
	hc        *http.Client
	handleAPI *url.URL
	content   *url.URL
	retry     httpx.Retry
	limiter   *httpx.Limiter
	userAgent string
	maxBody   int64
}

// ResolverOption configures a Resolver.
type ResolverOption func(*Resolver) error

// WithResolverURL sets the base URL of the resolver for both the Handle API (base + "api/handles/") and content
// negotiation (base + DOI), e.g. the URL of a test server. The default is https://doi.org/. Plain http:// is
// accepted only for loopback hosts.
func WithResolverURL(base string) ResolverOption {
	return func(r *Resolver) error {
		u, err := httpx.CheckBaseURL(base)
		if err != nil {
			return err
		}
		r.content = u
		r.handleAPI = u.JoinPath("api", "handles")
		r.handleAPI.Path += "/"
		return nil
	}
}

// WithHandleAPIURL sets the base URL of the Handle API alone (default https://doi.org/api/handles/), e.g.
// https://hdl.handle.net/api/handles/.
func WithHandleAPIURL(base string) ResolverOption {
	return func(r *Resolver) error {
		u, err := httpx.CheckBaseURL(base)
		if err != nil {
			return err
		}
		r.handleAPI = u
		return nil
	}
}

// WithContentURL sets the base URL of content negotiation alone (default https://doi.org/), e.g.
// https://data.crosscite.org/.
func WithContentURL(base string) ResolverOption {
	return func(r *Resolver) error {
		u, err := httpx.CheckBaseURL(base)
		if err != nil {
			return err
		}
		r.content = u
		return nil
	}
}

// WithResolverHTTPClient sets the HTTP client (default: a go-cleanhttp pooled client with a 30 s timeout).
func WithResolverHTTPClient(hc *http.Client) ResolverOption {
	return func(r *Resolver) error {
		if hc == nil {
			return errors.New("doi: nil *http.Client")
		}
		r.hc = hc
		return nil
	}
}

// WithResolverRetry sets the retry policy of the resolver's requests (default httpx zero policy: 5 attempts).
func WithResolverRetry(attempts int, base time.Duration) ResolverOption {
	return func(r *Resolver) error {
		r.retry = httpx.Retry{MaxAttempts: attempts, Base: base}
		return nil
	}
}

// WithResolverRateLimit limits the resolver to perSecond requests per second (bursts of burst); 0 means no limit,
// the default.
func WithResolverRateLimit(perSecond float64, burst int) ResolverOption {
	return func(r *Resolver) error {
		r.limiter = httpx.NewLimiter(perSecond, burst)
		return nil
	}
}

// WithUserAgent sets the User-Agent header. Services such as DataCite grant a higher rate to requests whose
// User-Agent carries a contact address ("mypipeline/1.0 (mailto:ops@example.org)").
func WithUserAgent(ua string) ResolverOption {
	return func(r *Resolver) error {
		r.userAgent = ua
		return nil
	}
}

// NewResolver returns a resolver for https://doi.org/ configured by opts.
func NewResolver(opts ...ResolverOption) (*Resolver, error) {
	r := &Resolver{hc: httpx.NewClient(30 * time.Second), userAgent: "fairmeta-doi", maxBody: maxMetadataBody}
	r.content, _ = url.Parse(defaultResolver)
	r.handleAPI, _ = url.Parse(defaultHandleAPI)
	for _, o := range opts {
		if err := o(r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// ResolveError reports a DOI that could not be resolved or whose metadata could not be fetched.
type ResolveError struct {
	DOI    DOI    // the DOI asked for
	Op     string // "resolve" or "metadata"
	Status int    // the HTTP status, 0 when the failure was not an HTTP answer
	Reason string // what went wrong, for a person to read
	Err    error  // the underlying error, if any
}

// Error describes the failure in one line.
func (e *ResolveError) Error() string {
	s := fmt.Sprintf("doi: %s %s: %s", e.Op, e.DOI, e.Reason)
	if e.Status != 0 {
		s += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	return s
}

// Unwrap returns the underlying error.
func (e *ResolveError) Unwrap() error { return e.Err }

// Sentinel conditions, matched with errors.Is by a *ResolveError.
var (
	ErrNotFound      = errors.New("doi: not found")                            // the DOI is not registered (or not public)
	ErrNotAcceptable = errors.New("doi: media type not available for the DOI") // content negotiation cannot give the type
)

// Is matches ErrNotFound and ErrNotAcceptable.
func (e *ResolveError) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.Status == http.StatusNotFound
	case ErrNotAcceptable:
		return e.Status == http.StatusNotAcceptable
	}
	return false
}

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
	fail := func(status int, reason string, err error) error {
		return &ResolveError{DOI: d, Op: "resolve", Status: status, Reason: reason, Err: err}
	}
	if !d.Valid() {
		return nil, fail(0, "not a normalised DOI", ErrSyntax)
	}
	target := r.handleAPI.String() + EscapePath(string(d))
	body, status, _, err := r.get(ctx, target, "application/json")
	if err != nil {
		return nil, fail(status, err.Error(), err)
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
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, fail(status, "the Handle API answer is not JSON", err)
	}
	switch {
	case doc.ResponseCode == 100 || status == http.StatusNotFound:
		return nil, fail(http.StatusNotFound, "not registered in the Handle system", nil)
	case doc.ResponseCode != 1 || status != http.StatusOK:
		return nil, fail(status, fmt.Sprintf("Handle API response code %d %s", doc.ResponseCode, doc.Message), nil)
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
		return nil, fail(status, "the Handle record has no URL value", nil)
	}
	return res, nil
}

// Metadata is a metadata document fetched by content negotiation.
type Metadata struct {
	DOI         DOI    // the DOI asked for
	ContentType string // the media type of Body, as the server gave it (with parameters)
	Body        []byte // the document
}

// Metadata fetches the metadata of d in the given media type (one of the Type constants, or any type with
// parameters) by content negotiation. An answer in another type than asked — resolvers send the landing page when
// they cannot give the type — is a *ResolveError matching ErrNotAcceptable, as is 406.
func (r *Resolver) Metadata(ctx context.Context, d DOI, mediaType string) (*Metadata, error) {
	fail := func(status int, reason string, err error) error {
		return &ResolveError{DOI: d, Op: "metadata", Status: status, Reason: reason, Err: err}
	}
	if !d.Valid() {
		return nil, fail(0, "not a normalised DOI", ErrSyntax)
	}
	want, _, err := mime.ParseMediaType(mediaType)
	if err != nil {
		return nil, fail(0, fmt.Sprintf("media type %q: %v", mediaType, err), err)
	}
	body, status, ctype, err := r.get(ctx, r.content.String()+EscapePath(string(d)), mediaType)
	if err != nil {
		return nil, fail(status, err.Error(), err)
	}
	switch status {
	case http.StatusOK:
	case http.StatusNotFound, http.StatusGone:
		return nil, fail(http.StatusNotFound, "no metadata for this DOI", nil)
	case http.StatusNotAcceptable:
		return nil, fail(status, fmt.Sprintf("%s is not available", want), nil)
	default:
		return nil, fail(status, "unexpected answer", nil)
	}
	got, _, _ := mime.ParseMediaType(ctype)
	if !strings.EqualFold(got, want) {
		return nil, fail(http.StatusNotAcceptable, fmt.Sprintf("asked for %s, got %q", want, ctype), nil)
	}
	return &Metadata{DOI: d, ContentType: ctype, Body: body}, nil
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

// get sends a GET with retries and returns the capped body, the status and the content type. Redirects are followed
// (content negotiation redirects to the registration agency's service with the Accept header kept).
func (r *Resolver) get(ctx context.Context, target, accept string) ([]byte, int, string, error) {
	resp, err := r.retry.Do(ctx, r.hc, r.limiter, func(ctx context.Context) (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Accept", accept)
		req.Header.Set("User-Agent", r.userAgent)
		return req, nil
	})
	if err != nil {
		return nil, 0, "", err
	}
	defer resp.Body.Close()
	body, err := httpx.ReadBody(resp.Body, r.maxBody)
	if err != nil {
		return nil, resp.StatusCode, "", err
	}
	return body, resp.StatusCode, resp.Header.Get("Content-Type"), nil
}
