package schemaorg

import (
	"context"
	"errors"
	"fmt"
	"github.com/dop2i/fairmeta/internal/httpx"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/piprate/json-gold/ld"
)

// ErrContextRefused is matched (errors.Is) by every [*LoadError]: a JSON-LD document named a context or document
// that the processor does not have and may not fetch.
var ErrContextRefused = errors.New("schemaorg: JSON-LD context refused")

// LoadError reports a context or document the JSON-LD loader refused or failed to load. The URL is the one the
// document named, as written; Reason says why, for a person to read.
type LoadError struct {
	URL    string
	Reason string
}

// Error names the URL and says why it was refused.
func (e *LoadError) Error() string {
	return fmt.Sprintf("schemaorg: JSON-LD context %q refused: %s", e.URL, e.Reason)
}

// Is makes errors.Is(err, ErrContextRefused) true for a *LoadError.
func (e *LoadError) Is(target error) bool { return target == ErrContextRefused }

// maxRemoteDocument caps what the loader reads from the network: the official schema.org context is 212 kB.
const maxRemoteDocument = 8 << 20

// remoteTimeout bounds one fetch of a remote context.
const remoteTimeout = 30 * time.Second

// schemaOrgContextURLs are the addresses landing pages use for the schema.org context. The processor serves all of
// them from memory: the embedded context, or the one the caller gave with [WithSchemaOrgContext].
var schemaOrgContextURLs = []string{
	"http://schema.org", "http://schema.org/", "https://schema.org", "https://schema.org/",
	"http://www.schema.org", "http://www.schema.org/", "https://www.schema.org", "https://www.schema.org/",
	"http://schema.org/docs/jsonldcontext.jsonld", "https://schema.org/docs/jsonldcontext.jsonld",
	"http://schema.org/docs/jsonldcontext.json", "https://schema.org/docs/jsonldcontext.json",
}

// loader is the processor's json-gold DocumentLoader. It serves documents registered in memory and, only for URLs
// under a prefix the caller allowed, fetches them over the network (https, or http to a loopback address). It never
// opens a local file: json-gold's default loader would open any non-http IRI ("/etc/passwd", file:///...) as a path.
type loader struct {
	docs    map[string]any // parsed documents by URL, read-only after construction
	allow   []string       // URL prefixes the network may be used for
	client  *http.Client
	mu      sync.Mutex
	fetched map[string]any // remote documents already fetched
}

// LoadDocument implements ld.DocumentLoader.
func (l *loader) LoadDocument(u string) (*ld.RemoteDocument, error) {
	return l.load(context.Background(), u)
}

func (l *loader) load(ctx context.Context, u string) (*ld.RemoteDocument, error) {
	if d, ok := l.docs[u]; ok {
		// json-gold may merge into a loaded context (@import), so it gets its own copy.
		return &ld.RemoteDocument{DocumentURL: u, Document: ld.CloneDocument(d)}, nil
	}
	if err := l.check(u); err != nil {
		return nil, err
	}
	l.mu.Lock()
	d, ok := l.fetched[u]
	l.mu.Unlock()
	if !ok {
		var err error
		if d, err = l.fetch(ctx, u); err != nil {
			return nil, err
		}
		l.mu.Lock()
		l.fetched[u] = d
		l.mu.Unlock()
	}
	return &ld.RemoteDocument{DocumentURL: u, Document: ld.CloneDocument(d)}, nil
}

// check applies the loader's policy to a URL it is asked to fetch, or is redirected to: absolute http(s) only,
// plain http only to loopback, and under a prefix the caller allowed.
func (l *loader) check(u string) error {
	pu, err := url.Parse(u)
	if err != nil || !pu.IsAbs() {
		return &LoadError{URL: u, Reason: "not an absolute http(s) URL; local files are never read"}
	}
	switch pu.Scheme {
	case "https":
	case "http":
		if !httpx.IsLoopback(pu.Hostname()) {
			return &LoadError{URL: u, Reason: "plain http is only used for loopback addresses"}
		}
	default:
		return &LoadError{URL: u, Reason: "scheme " + pu.Scheme + ": is not fetched; local files are never read"}
	}
	if !l.allowed(u) {
		return &LoadError{URL: u, Reason: "not available offline and not under an allowed prefix (see WithRemoteContexts)"}
	}
	return nil
}

// allowed matches a URL against the allowed prefixes as parsed URLs: same scheme, same host and port (the scheme's
// default port written or not), and a path that starts with the prefix's path. A URL whose path has dot segments
// ("/ctx/../x", also percent-encoded), a backslash or user information is never allowed, since the server would read
// it as another path than the prefix it seems to be under.
func (l *loader) allowed(u string) bool {
	pu, err := url.Parse(u)
	if err != nil || pu.User != nil || pu.Opaque != "" || !safePath(pu) {
		return false
	}
	for _, a := range l.allow {
		pa, err := url.Parse(a)
		if err != nil || !safePath(pa) {
			continue
		}
		if strings.EqualFold(pu.Scheme, pa.Scheme) && hostPort(pu) == hostPort(pa) && strings.HasPrefix(pu.Path, pa.Path) &&
			strings.HasPrefix(pu.EscapedPath(), pa.EscapedPath()) {
			return true
		}
	}
	return false
}

// safePath reports whether a URL's path, decoded or not, has no "." or ".." segment and no backslash.
func safePath(u *url.URL) bool {
	for _, p := range []string{u.Path, u.EscapedPath()} {
		if strings.Contains(p, `\`) || strings.Contains(strings.ToLower(p), "%5c") {
			return false
		}
		for _, seg := range strings.Split(p, "/") {
			switch strings.ToLower(seg) {
			case ".", "..", "%2e", "%2e%2e", ".%2e", "%2e.":
				return false
			}
		}
	}
	return true
}

// hostPort returns a URL's host in lower case with its port, the scheme's default port when none is written.
func hostPort(u *url.URL) string {
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[strings.ToLower(u.Scheme)]
	}
	return strings.ToLower(u.Hostname()) + ":" + port
}

func (l *loader) fetch(ctx context.Context, u string) (any, error) {
	ctx, cancel := context.WithTimeout(ctx, remoteTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, http.NoBody)
	if err != nil {
		return nil, &LoadError{URL: u, Reason: err.Error()}
	}
	req.Header.Set("Accept", "application/ld+json, application/json;q=0.9")
	// A redirect is a new fetch: it must pass the same policy, so an allowed prefix cannot lead elsewhere.
	c := &http.Client{}
	if l.client != nil {
		*c = *l.client
	}
	if c.Timeout == 0 {
		c.Timeout = remoteTimeout
	}
	c.CheckRedirect = func(next *http.Request, via []*http.Request) error {
		if len(via) >= 5 {
			return &LoadError{URL: u, Reason: "more than 5 redirects"}
		}
		return l.check(next.URL.String())
	}
	resp, err := c.Do(req)
	if err != nil {
		return nil, &LoadError{URL: u, Reason: "fetch failed: " + scrub(err)}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, &LoadError{URL: u, Reason: "fetch failed: HTTP " + resp.Status}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxRemoteDocument+1))
	if err != nil {
		return nil, &LoadError{URL: u, Reason: "fetch failed: " + scrub(err)}
	}
	if len(body) > maxRemoteDocument {
		return nil, &LoadError{URL: u, Reason: fmt.Sprintf("larger than %d bytes", maxRemoteDocument)}
	}
	d, err := decodeJSON(body)
	if err != nil {
		return nil, &LoadError{URL: u, Reason: "not JSON: " + err.Error()}
	}
	return d, nil
}

// scrub drops the URL from a net/http error: it is already in the LoadError and may carry credentials.
func scrub(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// ctxLoader binds a call's context to the loader, so that fetches made for that call stop with it.
type ctxLoader struct {
	ctx context.Context
	l   *loader
}

// LoadDocument implements ld.DocumentLoader.
func (c ctxLoader) LoadDocument(u string) (*ld.RemoteDocument, error) { return c.l.load(c.ctx, u) }
