package harvest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/dop2i/fairmeta/internal/httpx"
)

// Defaults of an OAIClient.
const (
	// DefaultOAIRateLimit is the client-side limit in requests per second: OAI-PMH providers are often small
	// services, and the large ones (arXiv) ask harvesters to go slowly and answer 503 with Retry-After otherwise.
	DefaultOAIRateLimit = 2
	// DefaultOAIMaxResponse caps one OAI-PMH answer: 64 MiB, far above a page of a few hundred records.
	DefaultOAIMaxResponse = 64 << 20
	defaultOAITimeout     = 2 * time.Minute
	defaultUserAgent      = "fairmeta-harvest"
)

// OAIClient talks to one OAI-PMH 2.0 repository. Make one with [NewOAIClient]; it is safe for concurrent use.
//
// Every request goes through the client core fairmeta's API clients share: it is rate limited and retried on
// network errors, dropped connections, bodies cut short, 429 and 5xx (OAI-PMH's flow control is 503 with
// Retry-After, which is honoured), with exponential backoff and jitter, for as long as the retry policy and the
// context allow.
type OAIClient struct {
	core   *httpx.Core
	base   *url.URL // the base URL exactly as given: no slash added
	logger *slog.Logger
}

type settings struct {
	httpx.Config
}

// Option configures an OAIClient. Options are made only by the With functions of this package and apply in order;
// an invalid option makes NewOAIClient fail.
type Option interface{ apply(*settings) error }

type option func(*settings) error

func (o option) apply(s *settings) error { return o(s) }

// WithHTTPClient sets the HTTP client (default: a go-cleanhttp pooled client of the client's own). The client uses
// a copy of it with its redirect policy added.
func WithHTTPClient(hc *http.Client) Option {
	return option(func(s *settings) error { return s.SetHTTPClient(hc) })
}

// WithTimeout sets the time limit of one HTTP attempt, body included (default 2 minutes).
func WithTimeout(d time.Duration) Option {
	return option(func(s *settings) error { return s.SetTimeout(d) })
}

// WithRetry sets how often a failing request is tried (attempts, including the first; default 8) and the backoff
// between tries (base doubling up to maxWait, with jitter; 0 for the defaults, 250 ms and 30 s). A Retry-After up
// to 2 minutes is honoured.
func WithRetry(attempts int, base, maxWait time.Duration) Option {
	return option(func(s *settings) error { return s.SetRetry(attempts, base, maxWait) })
}

// WithRateLimit sets the client-side limit: perSecond requests per second on average, in bursts of up to burst.
// 0 turns the limit off. The default is DefaultOAIRateLimit, burst 1.
func WithRateLimit(perSecond float64, burst int) Option {
	return option(func(s *settings) error { return s.SetRateLimit(perSecond, burst) })
}

// WithUserAgent sets the User-Agent header; repositories like to know who harvests them, ideally with a contact
// address: "mylab-harvester/1.0 (mailto:ops@example.org)".
func WithUserAgent(ua string) Option {
	return option(func(s *settings) error { return s.SetUserAgent(ua) })
}

// WithMaxResponseSize caps the size of one answer (default DefaultOAIMaxResponse); a larger one is an error.
func WithMaxResponseSize(n int64) Option {
	return option(func(s *settings) error { return s.SetMaxResponseSize(n) })
}

// WithLogger makes the client log retries and restarts.
func WithLogger(l *slog.Logger) Option {
	return option(func(s *settings) error { return s.SetLogger(l) })
}

// NewOAIClient returns a client of the repository at baseURL (e.g. "https://oai.datacite.org/oai"). The base URL
// must be https://, or http:// on a loopback host (test servers), without user information, query or fragment; it
// is used as given (OAI-PMH base URLs are not directories: ".../oai2" and ".../oai2/" differ on some servers).
func NewOAIClient(baseURL string, opts ...Option) (*OAIClient, error) {
	s := settings{Config: httpx.Config{Package: "harvest", BaseURL: baseURL, Rate: DefaultOAIRateLimit, Burst: 1,
		Timeout: defaultOAITimeout, UserAgent: defaultUserAgent, MaxBody: DefaultOAIMaxResponse, Retry: httpx.Retry{MaxAttempts: 8}}}
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
	base := *core.Base()
	if orig, err := url.Parse(strings.TrimSpace(baseURL)); err == nil {
		base.Path, base.RawPath = orig.Path, orig.RawPath
	}
	logger := s.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	return &OAIClient{core: core, base: &base, logger: logger}, nil
}

// String describes the client, e.g. "harvest.OAIClient(https://oai.datacite.org/oai, 2 req/s, burst 1)".
func (c *OAIClient) String() string {
	return fmt.Sprintf("harvest.OAIClient(%s, %s)", c.base.Redacted(), c.core.Limiter())
}

// Requests returns the number of HTTP requests the client has sent, retries included.
func (c *OAIClient) Requests() int64 { return c.core.Requests() }

// do sends one OAI-PMH request with retries and returns the parsed answer. A protocol error in the answer is
// returned as a *ProtocolError beside the response.
func (c *OAIClient) do(ctx context.Context, args url.Values) (*response, error) {
	u := *c.base
	u.RawQuery = args.Encode()
	verb := args.Get("verb")
	resp, err := c.core.Get(ctx, u.String(), "text/xml, application/xml")
	if err != nil {
		return nil, &RequestError{URL: httpx.RedactURL(u.String()), Err: err}
	}
	if resp.StatusCode != http.StatusOK {
		return nil, &RequestError{URL: httpx.RedactURL(u.String()), Status: resp.StatusCode}
	}
	parsed, err := parseResponse(resp.Body)
	if err != nil {
		return nil, err
	}
	if len(parsed.Errors) > 0 {
		pe := parsed.Errors[0]
		if pe.Verb == "" {
			pe.Verb = verb
		}
		return parsed, pe
	}
	return parsed, nil
}

// RedirectError is a redirect the client refused to follow: from https:// to http://, to anything but https://
// (or http:// on loopback), or the 11th in a row. It is the Err of a *RequestError.
type RedirectError = httpx.RedirectError

// RequestError reports an HTTP request to a repository that failed: a status other than 200 after the retries, a
// network error, or a body that could not be read.
type RequestError struct {
	URL    string // the request URL, without secrets
	Status int    // the HTTP status, 0 when there was no answer
	Err    error  // the underlying error, if any
}

// Error describes the failure in one line.
func (e *RequestError) Error() string {
	switch {
	case e.Status != 0 && e.Err != nil:
		return fmt.Sprintf("harvest: GET %s: HTTP %d: %v", e.URL, e.Status, e.Err)
	case e.Status != 0:
		return fmt.Sprintf("harvest: GET %s: HTTP %d", e.URL, e.Status)
	}
	return fmt.Sprintf("harvest: GET %s: %v", e.URL, e.Err)
}

// Unwrap returns the underlying error.
func (e *RequestError) Unwrap() error { return e.Err }

// Identify asks the repository to describe itself (granularity, earliest datestamp, deleted-record policy).
func (c *OAIClient) Identify(ctx context.Context) (*Identify, error) {
	resp, err := c.do(ctx, url.Values{"verb": {"Identify"}})
	if err != nil {
		return nil, err
	}
	if resp.Identify == nil {
		return nil, &ResponseError{Msg: "an Identify answer without <Identify>"}
	}
	return resp.Identify, nil
}

// ListMetadataFormats lists the formats the repository disseminates, or those of one item when identifier is not
// empty.
func (c *OAIClient) ListMetadataFormats(ctx context.Context, identifier string) ([]MetadataFormat, error) {
	args := url.Values{"verb": {"ListMetadataFormats"}}
	if identifier != "" {
		args.Set("identifier", identifier)
	}
	resp, err := c.do(ctx, args)
	if err != nil {
		return nil, err
	}
	return resp.Formats, nil
}

// GetRecord returns one record in a format.
func (c *OAIClient) GetRecord(ctx context.Context, identifier, metadataPrefix string) (*OAIRecord, error) {
	resp, err := c.do(ctx, url.Values{"verb": {"GetRecord"}, "identifier": {identifier}, "metadataPrefix": {metadataPrefix}})
	if err != nil {
		return nil, err
	}
	if len(resp.Records) != 1 {
		return nil, &ResponseError{Msg: fmt.Sprintf("a GetRecord answer with %d records", len(resp.Records))}
	}
	return &resp.Records[0], nil
}

// Query selects the records of a list request. MetadataPrefix is required; From and Until are datestamps
// (YYYY-MM-DD, or YYYY-MM-DDThh:mm:ssZ where the repository's granularity allows) and are inclusive.
type Query struct {
	MetadataPrefix string
	Set            string
	From, Until    string
}

func (q Query) args(verb string) url.Values {
	a := url.Values{"verb": {verb}, "metadataPrefix": {q.MetadataPrefix}}
	for k, v := range map[string]string{"set": q.Set, "from": q.From, "until": q.Until} {
		if v != "" {
			a.Set(k, v)
		}
	}
	return a
}

// Page is one answer of a list request.
type Page struct {
	Records      []OAIRecord // ListRecords
	Headers      []Header    // ListIdentifiers
	Token        ResumptionToken
	ResponseDate string
}

// ListRecordsPage fetches one page of ListRecords: the first page of q when token is empty, else the page the
// token names. The page's Token.Value is empty when the list is complete. A list that matches nothing
// (noRecordsMatch) is an empty page, not an error; an expired token is a *ProtocolError with Code
// CodeBadResumptionToken.
func (c *OAIClient) ListRecordsPage(ctx context.Context, q Query, token string) (*Page, error) {
	return c.listPage(ctx, "ListRecords", q, token)
}

// ListIdentifiersPage is ListRecordsPage for headers only (ListIdentifiers).
func (c *OAIClient) ListIdentifiersPage(ctx context.Context, q Query, token string) (*Page, error) {
	return c.listPage(ctx, "ListIdentifiers", q, token)
}

func (c *OAIClient) listPage(ctx context.Context, verb string, q Query, token string) (*Page, error) {
	var args url.Values
	if token != "" {
		args = url.Values{"verb": {verb}, "resumptionToken": {token}}
	} else {
		if q.MetadataPrefix == "" {
			return nil, errors.New("harvest: a list request needs a metadata prefix")
		}
		args = q.args(verb)
	}
	resp, err := c.do(ctx, args)
	var pe *ProtocolError
	if errors.As(err, &pe) && pe.Code == CodeNoRecordsMatch {
		return &Page{ResponseDate: resp.ResponseDate}, nil
	}
	if err != nil {
		return nil, err
	}
	p := &Page{Records: resp.Records, Headers: resp.Headers, ResponseDate: resp.ResponseDate}
	if resp.Token != nil {
		p.Token = *resp.Token
	}
	return p, nil
}

// ListRecords returns every record of q as an iterator, following resumption tokens. When a token expires
// (badResumptionToken), the list is asked again from the latest datestamp seen, and records already yielded are
// not yielded again. Iteration stops at the first other error, yielded with a zero record.
func (c *OAIClient) ListRecords(ctx context.Context, q Query) iter.Seq2[OAIRecord, error] {
	return func(yield func(OAIRecord, error) bool) {
		seen := map[[16]byte]bool{} // records at the latest datestamp, for restarts
		latest := ""
		token := ""
		restarts := 0
		for {
			p, err := c.ListRecordsPage(ctx, q, token)
			var pe *ProtocolError
			if errors.As(err, &pe) && pe.Code == CodeBadResumptionToken && token != "" && restarts < maxRestarts {
				restarts++
				token = ""
				if latest != "" {
					q.From = latest
				}
				c.logger.Info("harvest: resumption token expired; listing again from the latest datestamp", "from", q.From)
				continue
			}
			if err != nil {
				yield(OAIRecord{}, err)
				return
			}
			for _, r := range p.Records {
				if r.Datestamp > latest {
					latest = r.Datestamp
					clear(seen)
				}
				k := itemKey(r.Identifier, r.Datestamp)
				if r.Datestamp == latest {
					if seen[k] {
						continue
					}
					seen[k] = true
				}
				if !yield(r, nil) {
					return
				}
				restarts = 0
			}
			if token = p.Token.Value; token == "" {
				return
			}
		}
	}
}

// maxRestarts bounds the restarts of a list after expired tokens without a record in between.
const maxRestarts = 5
