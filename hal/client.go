package hal

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/httpx"
)

// DefaultBaseURL is the address of HAL's API; the structure referential is under ref/structure.
const DefaultBaseURL = "https://api.archives-ouvertes.fr/"

// Client asks HAL's structure referential (AuréHAL) for the structures of an organisation. It is built on the
// client core every fairmeta API client shares: a polite rate (2 requests a second by default), retries of 429 and
// 5xx responses, capped response sizes, plain http:// for loopback only. A Client is safe for concurrent use.
type Client struct {
	core *httpx.Core
}

type settings struct {
	httpx.Config
}

// ClientOption configures a Client. Options are made by the With... functions of this package only.
type ClientOption interface{ apply(*settings) error }

type clientOption func(*settings) error

func (f clientOption) apply(s *settings) error { return f(s) }

// WithBaseURL sets the API's base URL (default DefaultBaseURL); plain http:// is accepted for loopback hosts only.
func WithBaseURL(u string) ClientOption {
	return clientOption(func(s *settings) error { return s.SetBaseURL(u) })
}

// WithHTTPClient sets the *http.Client used (default: a pooled client of the Client's own).
func WithHTTPClient(hc *http.Client) ClientOption {
	return clientOption(func(s *settings) error { return s.SetHTTPClient(hc) })
}

// WithRateLimit sets how many requests a second the client sends at most, in bursts of burst.
func WithRateLimit(perSecond float64, burst int) ClientOption {
	return clientOption(func(s *settings) error { return s.SetRateLimit(perSecond, burst) })
}

// WithRetry sets how many attempts a request gets in all, the first wait and the longest wait between them.
func WithRetry(attempts int, base, maxWait time.Duration) ClientOption {
	return clientOption(func(s *settings) error { return s.SetRetry(attempts, base, maxWait) })
}

// WithTimeout bounds one HTTP attempt, body included.
func WithTimeout(d time.Duration) ClientOption {
	return clientOption(func(s *settings) error { return s.SetTimeout(d) })
}

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) ClientOption {
	return clientOption(func(s *settings) error { return s.SetUserAgent(ua) })
}

// NewClient returns a client configured by opts, or an error naming the first invalid option.
func NewClient(opts ...ClientOption) (*Client, error) {
	s := settings{Config: httpx.Config{Package: "hal", BaseURL: DefaultBaseURL, UserAgent: "fairmeta-hal",
		Timeout: 30 * time.Second, Rate: 2, Burst: 2, MaxBody: httpx.DefaultMaxBody}}
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
	return &Client{core: core}, nil
}

// RedirectError is a redirect the client refused to follow: from https:// to http://, to anything but https://
// (or http:// on loopback), or the 11th in a row.
type RedirectError = httpx.RedirectError

// APIError reports an unsuccessful response of HAL's API.
type APIError struct {
	StatusCode int    // the HTTP status
	URL        string // the request URL
}

// Error names the request and the status.
func (e *APIError) Error() string {
	return fmt.Sprintf("hal: %s: HTTP %d %s", e.URL, e.StatusCode, http.StatusText(e.StatusCode))
}

// structureFields are the referential's fields the client asks for.
const structureFields = "docid,name_s,label_s,acronym_s,type_s,valid_s,country_s,url_s,address_s,ror_s,rorUrl_s,idref_s,isni_s,rnsr_s,startDate_s,endDate_s,parentDocid_i"

// StructuresByROR asks the referential for the structures that carry the ROR ID, VALID first.
func (c *Client) StructuresByROR(ctx context.Context, ror string) ([]Structure, error) {
	p, err := fair.ParseROR(ror)
	if err != nil {
		return nil, fmt.Errorf("hal: %w", err)
	}
	bare := p.Value
	if len(bare) > 9 {
		bare = bare[len(bare)-9:]
	}
	q := fmt.Sprintf(`ror_s:"%s" OR ror_s:"%s" OR rorUrl_s:"%s"`, bare, p.URL, p.URL)
	return c.query(ctx, q)
}

// StructureByID asks the referential for one structure by its number or ID ("1252", "struct-1252").
func (c *Client) StructureByID(ctx context.Context, id string) (Structure, bool, error) {
	n, ok := structNumber("struct-" + trimHash(id))
	if !ok {
		n, ok = structNumber(id)
	}
	if !ok {
		return Structure{}, false, fmt.Errorf("hal: %q is not a HAL structure number", id)
	}
	ss, err := c.query(ctx, "docid:"+n)
	if err != nil || len(ss) == 0 {
		return Structure{}, false, err
	}
	return ss[0], true, nil
}

func (c *Client) query(ctx context.Context, q string) ([]Structure, error) {
	u, err := c.core.Resolve("ref/structure")
	if err != nil {
		return nil, err
	}
	u.RawQuery = url.Values{"q": {q}, "fl": {structureFields}, "wt": {"json"}, "rows": {"100"}}.Encode()
	resp, err := c.core.Get(ctx, u.String(), "application/json")
	if err != nil {
		return nil, c.core.Scrub(fmt.Errorf("hal: %w", err))
	}
	if resp.StatusCode != http.StatusOK {
		return nil, &APIError{StatusCode: resp.StatusCode, URL: httpx.RedactURL(u.String())}
	}
	ss, err := readRefDocs(resp.Body)
	if err != nil {
		return nil, err
	}
	sortStructures(ss)
	return ss, nil
}
