package datacite

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/internal/httpx"
)

// DOIService is the part of the REST API about DOIs (/dois). Get it as Client.DOIs.
type DOIService struct{ c *Client }

// Get returns the DOI's record as the API holds it. Drafts and registered DOIs are visible only to their own
// repository's credentials; any other missing DOI is ErrNotFound.
func (s *DOIService) Get(ctx context.Context, d string) (*Record, *Response, error) {
	id, err := parseDOI(d)
	if err != nil {
		return nil, nil, err
	}
	resp, err := s.c.call(ctx, http.MethodGet, doiPath(id), nil)
	if err != nil {
		return nil, resp, err
	}
	rec, err := readJSONRecord(resp.Body)
	return rec, resp, err
}

// requestBody is the JSON:API document of rec for a create or update: rec without the attributes only the API sets.
func requestBody(rec *Record, d string, event Event) ([]byte, error) {
	cp := *rec
	cp.DOI, cp.Event = d, event
	cp.State, cp.Created, cp.Updated, cp.Registered, cp.Published = "", "", "", "", ""
	cp.Client, cp.Relationships = "", nil
	if d != "" {
		cp.Prefix, cp.Suffix = "", ""
	}
	return cp.MarshalJSONAPI()
}

// Create creates a DOI from rec: rec.DOI names it, or, when rec.DOI is empty, DataCite generates a suffix under
// rec.Prefix. rec.Event chooses the state: empty for a draft, EventRegister or EventPublish (which need the
// mandatory properties and a URL). It returns the record as the API stored it.
//
// Create is one POST, retried only when the API certainly did not act on it (429, or a connection that failed
// before the request was written). Any other failure is returned, and may be ambiguous: a *TransportError with Sent
// set, ErrServer, or a *BodyTooLargeError (an answer over the size cap) means the DOI may or may not exist. Use [Client.Mint] to create DOIs exactly once through such
// failures. Create never overwrites an existing DOI: the API answers ErrAlreadyTaken.
func (s *DOIService) Create(ctx context.Context, rec *Record) (*Record, *Response, error) {
	if rec == nil {
		return nil, nil, errors.New("datacite: Create: nil record")
	}
	d := ""
	if rec.DOI != "" {
		id, err := parseDOI(rec.DOI)
		if err != nil {
			return nil, nil, err
		}
		d = string(id)
	} else if rec.Prefix == "" {
		return nil, nil, errors.New("datacite: Create: the record has neither a DOI nor a prefix")
	}
	body, err := requestBody(rec, d, rec.Event)
	if err != nil {
		return nil, nil, err
	}
	for n := 1; ; n++ {
		resp, err := s.c.attempt(ctx, http.MethodPost, "dois", body)
		if resp != nil {
			resp.Attempts = n
		}
		if err == nil {
			out, err := readJSONRecord(resp.Body)
			return out, resp, err
		}
		if !certainlyNotApplied(err) || n >= s.c.attempts() || !s.c.pause(ctx, n, err) {
			return nil, resp, err
		}
	}
}

// certainlyNotApplied reports whether a failed create certainly left the server unchanged: 429, or no request sent.
func certainlyNotApplied(err error) bool {
	if errors.Is(err, ErrRateLimited) {
		return true
	}
	var te *TransportError
	return errors.As(err, &te) && !te.Sent && !errors.Is(err, context.Canceled)
}

// Update changes an existing DOI: the attributes set in rec replace the API's (rec.DOI names the DOI), and rec.Event,
// if set, changes the state. It first checks that the DOI exists — the API's PUT would otherwise create it — and
// returns ErrNotFound if it does not. It returns the record as the API holds it afterwards.
func (s *DOIService) Update(ctx context.Context, rec *Record) (*Record, *Response, error) {
	if rec == nil {
		return nil, nil, errors.New("datacite: Update: nil record")
	}
	id, err := parseDOI(rec.DOI)
	if err != nil {
		return nil, nil, err
	}
	if _, resp, err := s.Get(ctx, string(id)); err != nil {
		return nil, resp, err
	}
	body, err := requestBody(rec, string(id), rec.Event)
	if err != nil {
		return nil, nil, err
	}
	return s.put(ctx, id, body, rec.Event)
}

// put sends an update with retries. With an event, the answer's state must be the event's target: DataCite ignores
// an event the DOI's state does not allow and answers with the DOI unchanged, which is a *StateError here. A
// repeated PUT after a lost answer finds the state already moved, which is success; a server that refuses the
// repeat instead is checked against the state before the refusal is reported.
func (s *DOIService) put(ctx context.Context, id doi.DOI, body []byte, event Event) (*Record, *Response, error) {
	resp, err := s.c.call(ctx, http.MethodPut, doiPath(id), body)
	if err == nil {
		rec, err := readJSONRecord(resp.Body)
		if err != nil {
			return nil, resp, err
		}
		if want, ok := eventTarget[event]; ok && rec.State != want {
			return rec, resp, &StateError{DOI: string(id), Event: event, State: rec.State}
		}
		return rec, resp, nil
	}
	if want, ok := eventTarget[event]; ok && resp != nil && resp.Attempts > 1 && errors.Is(err, ErrInvalidMetadata) {
		if rec, gresp, gerr := s.Get(ctx, string(id)); gerr == nil && rec.State == want {
			gresp.Attempts += resp.Attempts
			return rec, gresp, nil
		}
	}
	return nil, resp, err
}

// eventTarget is the state each event leads to.
var eventTarget = map[Event]State{
	EventRegister: StateRegistered,
	EventPublish:  StateFindable,
	EventHide:     StateRegistered,
	EventShow:     StateFindable,
}

// EventShow makes a registered (hidden) DOI findable again.
const EventShow Event = "show"

// transition sends an event alone.
func (s *DOIService) transition(ctx context.Context, d string, event Event) (*Record, *Response, error) {
	id, err := parseDOI(d)
	if err != nil {
		return nil, nil, err
	}
	body, err := json.Marshal(map[string]any{"data": map[string]any{"id": id, "type": "dois", "attributes": map[string]Event{"event": event}}})
	if err != nil {
		return nil, nil, err
	}
	return s.put(ctx, id, body, event)
}

// Register moves a draft to registered: the DOI resolves but is not indexed for search. The API refuses it
// (ErrInvalidMetadata, with the missing properties) unless the record has its mandatory properties and a URL.
// Every event method returns a *StateError (ErrNotAllowed) when the DOI's state does not allow the event.
func (s *DOIService) Register(ctx context.Context, d string) (*Record, *Response, error) {
	return s.transition(ctx, d, EventRegister)
}

// Publish makes a draft or registered DOI findable: registered in the Handle system and indexed for search.
func (s *DOIService) Publish(ctx context.Context, d string) (*Record, *Response, error) {
	return s.transition(ctx, d, EventPublish)
}

// Hide takes a findable DOI back to registered: it still resolves but is no longer indexed. DOIs cannot be
// unregistered.
func (s *DOIService) Hide(ctx context.Context, d string) (*Record, *Response, error) {
	return s.transition(ctx, d, EventHide)
}

// Show makes a hidden (registered) DOI findable again.
func (s *DOIService) Show(ctx context.Context, d string) (*Record, *Response, error) {
	return s.transition(ctx, d, EventShow)
}

// Delete deletes a draft DOI. Registered and findable DOIs cannot be deleted (ErrNotAllowed). A DOI that is gone
// after a retried attempt counts as deleted.
func (s *DOIService) Delete(ctx context.Context, d string) (*Response, error) {
	id, err := parseDOI(d)
	if err != nil {
		return nil, err
	}
	resp, err := s.c.call(ctx, http.MethodDelete, doiPath(id), nil)
	if err != nil && resp != nil && resp.Attempts > 1 && errors.Is(err, ErrNotFound) {
		return resp, nil
	}
	return resp, err
}

// ListOptions selects the DOIs of a listing. Empty fields select everything.
type ListOptions struct {
	Prefix         string // DOI prefix, e.g. "10.5072"
	ClientID       string // repository ID, e.g. "TEST.REPO"
	State          State  // draft, registered or findable (drafts and registered DOIs need the repository's credentials)
	ResourceTypeID string // resourceTypeGeneral as DataCite's filter names it: "dataset", "output-management-plan"
	Query          string // a query in DataCite's search syntax, e.g. `updated:[2024-01-01 TO 2024-02-01}`
	PageSize       int    // DOIs per request, 1 to 1000; 0 means 100
}

func (opt ListOptions) values(cursor string) url.Values {
	q := url.Values{}
	size := opt.PageSize
	if size <= 0 {
		size = 100
	}
	q.Set("page[size]", strconv.Itoa(min(size, 1000)))
	if cursor == "" {
		cursor = "1" // DataCite's way to start cursor paging
	}
	q.Set("page[cursor]", cursor)
	for k, v := range map[string]string{"prefix": opt.Prefix, "client-id": strings.ToLower(opt.ClientID),
		"state": string(opt.State), "resource-type-id": opt.ResourceTypeID, "query": opt.Query} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q
}

// ListPage is one page of a DOI listing.
type ListPage struct {
	// Items are the DOIs of the page with their attributes as the API sent them (no decoding: a harvest stores
	// them as they are; ReadJSON or json.Unmarshal into a Record reads one).
	Items []ListItem
	// Next is the cursor of the next page; empty on the last page.
	Next string
	// Total is the number of DOIs the listing selects, as the API counted them when it answered.
	Total int
}

// ListItem is one DOI of a ListPage.
type ListItem struct {
	DOI        string
	Attributes json.RawMessage
}

// ListPage returns one page of the selected DOIs with cursor paging: the first page when cursor is empty, else
// the page the cursor (a previous page's Next) points to. Cursor paging reaches every DOI of a listing, unlike page
// numbers, which the API refuses past the first 10,000 records. A cursor stays valid, so a listing can be resumed
// from the last Next it gave, after a crash as well.
func (s *DOIService) ListPage(ctx context.Context, opt ListOptions, cursor string) (*ListPage, *Response, error) {
	resp, err := s.c.call(ctx, http.MethodGet, "dois?"+opt.values(cursor).Encode(), nil)
	if err != nil {
		return nil, resp, err
	}
	var doc struct {
		Data []struct {
			ID         string          `json:"id"`
			Attributes json.RawMessage `json:"attributes"`
		} `json:"data"`
		Meta struct {
			Total int `json:"total"`
		} `json:"meta"`
		Links struct {
			Next string `json:"next"`
		} `json:"links"`
	}
	if err := json.Unmarshal(resp.Body, &doc); err != nil {
		return nil, resp, &ReadError{Format: "JSON", Msg: "a DOI listing: " + err.Error()}
	}
	p := &ListPage{Items: make([]ListItem, len(doc.Data)), Total: doc.Meta.Total}
	for i, d := range doc.Data {
		p.Items[i] = ListItem{DOI: d.ID, Attributes: d.Attributes}
	}
	if doc.Links.Next != "" && len(doc.Data) > 0 {
		if p.Next, err = s.c.nextCursor(doc.Links.Next); err != nil {
			return nil, resp, err
		}
	}
	return p, resp, nil
}

// List returns the selected DOIs as an iterator, fetching one page at a time with cursor paging (so a listing of
// more than 10,000 DOIs is read whole). The iteration stops at the first error, which it yields with a nil record.
//
//	for rec, err := range client.DOIs.List(ctx, datacite.ListOptions{Prefix: "10.5072"}) {
//		if err != nil { return err }
//		fmt.Println(rec.DOI, rec.State)
//	}
func (s *DOIService) List(ctx context.Context, opt ListOptions) iter.Seq2[*Record, error] {
	return func(yield func(*Record, error) bool) {
		cursor := ""
		for {
			resp, err := s.c.call(ctx, http.MethodGet, "dois?"+opt.values(cursor).Encode(), nil)
			if err != nil {
				yield(nil, err)
				return
			}
			recs, err := readJSON(resp.Body)
			if err != nil {
				yield(nil, err)
				return
			}
			for _, r := range recs {
				if !yield(r, nil) {
					return
				}
			}
			var links struct {
				Links struct {
					Next string `json:"next"`
				} `json:"links"`
			}
			_ = json.Unmarshal(resp.Body, &links)
			if len(recs) == 0 || links.Links.Next == "" {
				return
			}
			if cursor, err = s.c.nextCursor(links.Links.Next); err != nil {
				yield(nil, err)
				return
			}
		}
	}
}

// nextCursor reads the page[cursor] of a links.next the API returned; the link must point under the API base URL.
func (c *Client) nextCursor(link string) (string, error) {
	rel, err := c.relative(link)
	if err != nil {
		return "", err
	}
	u, err := url.Parse(rel)
	if err != nil {
		return "", fmt.Errorf("datacite: links.next %q is not a URL", link)
	}
	cur := u.Query().Get("page[cursor]")
	if cur == "" {
		return "", fmt.Errorf("datacite: links.next %q has no page[cursor]", httpx.RedactURL(link))
	}
	return cur, nil
}

// relative turns a link the API returned into a path under the base URL, refusing links to another host so that
// credentials are never sent elsewhere.
func (c *Client) relative(link string) (string, error) {
	u, err := url.Parse(link)
	if err != nil {
		return "", fmt.Errorf("datacite: links.next %q is not a URL", link)
	}
	base := c.core.Base()
	u = base.ResolveReference(u)
	if u.Scheme != base.Scheme || u.Host != base.Host || !strings.HasPrefix(u.EscapedPath(), base.EscapedPath()) {
		return "", fmt.Errorf("datacite: links.next points outside the API (%s://%s); not followed", u.Scheme, u.Host)
	}
	rel := strings.TrimPrefix(u.EscapedPath(), base.EscapedPath())
	if u.RawQuery != "" {
		rel += "?" + u.RawQuery
	}
	return rel, nil
}
