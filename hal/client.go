package hal

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/httpx"
)

// DefaultBaseURL is the address of HAL's API; the structure referential is under ref/structure.
const DefaultBaseURL = "https://api.archives-ouvertes.fr/"

// Client asks HAL's structure referential (AuréHAL) for the structures of an organisation. It keeps under a
// polite rate (2 requests a second by default), retries 429 and 5xx responses, and caps response sizes. A Client
// is safe for concurrent use.
type Client struct {
	base  *url.URL
	hc    *http.Client
	lim   *httpx.Limiter
	retry httpx.Retry
	ua    string
}

// ClientOption configures a Client. Options are made by the With... functions of this package only.
type ClientOption interface{ apply(*Client) error }

type clientOption func(*Client) error

func (f clientOption) apply(c *Client) error { return f(c) }

// WithBaseURL sets the API's base URL (default DefaultBaseURL); plain http:// is accepted for loopback hosts only.
func WithBaseURL(raw string) ClientOption {
	return clientOption(func(c *Client) error {
		u, err := httpx.CheckBaseURL(raw)
		if err != nil {
			return err
		}
		c.base = u
		return nil
	})
}

// WithHTTPClient sets the *http.Client used (default: a pooled client with a 30 s timeout).
func WithHTTPClient(hc *http.Client) ClientOption {
	return clientOption(func(c *Client) error {
		if hc == nil {
			return errors.New("hal: WithHTTPClient: nil client")
		}
		c.hc = hc
		return nil
	})
}

// WithRateLimit sets how many requests a second the client sends at most, in bursts of burst.
func WithRateLimit(perSecond float64, burst int) ClientOption {
	return clientOption(func(c *Client) error {
		if perSecond <= 0 {
			return fmt.Errorf("hal: WithRateLimit: %v requests a second is not positive", perSecond)
		}
		c.lim = httpx.NewLimiter(perSecond, burst)
		return nil
	})
}

// WithUserAgent sets the User-Agent header.
func WithUserAgent(ua string) ClientOption {
	return clientOption(func(c *Client) error { c.ua = ua; return nil })
}

// NewClient returns a client configured by opts, or an error naming the first invalid option.
func NewClient(opts ...ClientOption) (*Client, error) {
	base, _ := url.Parse(DefaultBaseURL)
	c := &Client{base: base, hc: httpx.NewClient(30 * time.Second), lim: httpx.NewLimiter(2, 2), ua: "fairmeta-hal"}
	for i, o := range opts {
		if o == nil {
			return nil, fmt.Errorf("hal: NewClient: option %d is nil", i)
		}
		if err := o.apply(c); err != nil {
			return nil, err
		}
	}
	return c, nil
}

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
	u := c.base.JoinPath("ref", "structure")
	v := url.Values{"q": {q}, "fl": {structureFields}, "wt": {"json"}, "rows": {"100"}}
	u.RawQuery = v.Encode()
	resp, err := c.retry.Do(ctx, c.hc, c.lim, func(ctx context.Context) (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
		if err != nil {
			return nil, err
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("User-Agent", c.ua)
		return req, nil
	})
	if err != nil {
		return nil, fmt.Errorf("hal: %s: %w", httpx.RedactURL(u.String()), err)
	}
	defer httpx.DrainClose(resp.Body)
	if resp.StatusCode != http.StatusOK {
		return nil, &APIError{StatusCode: resp.StatusCode, URL: httpx.RedactURL(u.String())}
	}
	body, err := httpx.ReadBody(resp.Body, httpx.DefaultMaxBody)
	if err != nil {
		return nil, fmt.Errorf("hal: %s: %w", httpx.RedactURL(u.String()), err)
	}
	ss, err := readRefDocs(body)
	if err != nil {
		return nil, err
	}
	sortStructures(ss)
	return ss, nil
}
