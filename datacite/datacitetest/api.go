package datacitetest

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/fair"
)

const (
	stateDraft      = "draft"
	stateRegistered = "registered"
	stateFindable   = "findable"

	jsonAPI      = "application/vnd.api+json"
	maxBody      = 4 << 20
	defaultPage  = 25
	maxPageSize  = 1000
	msgNotFound  = "The resource you are looking for doesn't exist."
	msgForbidden = "You are not authorized to access this resource."
	msgBadCreds  = "Bad credentials."
	msgTaken     = "This DOI has already been taken"
)

// transitions says, per event, which state a DOI moves to from each state it may be in, as DataCite's state
// machine allows. Like DataCite (whose state machine is not "whiny"), an event from a state it does not leave is
// ignored: the answer is the DOI, unchanged. An event that is not one of these four is refused with 422.
var transitions = map[string]map[string]string{
	"register": {stateDraft: stateRegistered},
	"publish":  {stateDraft: stateFindable, stateRegistered: stateFindable},
	"hide":     {stateFindable: stateRegistered},
	"show":     {stateRegistered: stateFindable},
}

// readOnly are attributes a request may carry but the server computes.
var readOnly = []string{"doi", "prefix", "suffix", "event", "state", "identifiers", "created", "updated",
	"registered", "published", "isActive", "schemaVersion"}

// reply is an answer computed before it is written, so that a fault can replace it after the store changed.
type reply struct {
	status int
	ctype  string
	body   []byte
	header http.Header
}

// problem is one entry of a JSON:API errors document.
type problem struct {
	Status string `json:"status,omitempty"`
	Source string `json:"source,omitempty"`
	Title  string `json:"title"`
	UID    string `json:"uid,omitempty"`
}

func errorReply(status int, title string) reply {
	return errorsReply(status, problem{Status: strconv.Itoa(status), Title: title})
}

func errorsReply(status int, ps ...problem) reply {
	return reply{status: status, ctype: jsonAPI, body: mustJSON(map[string]any{"errors": ps})}
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.stats.requests.Add(1)
	if wait := s.allow(); wait > 0 {
		s.stats.rateLimited.Add(1)
		w.Header().Set("Retry-After", retryAfterSeconds(wait))
		write(w, errorReply(http.StatusTooManyRequests, "Your request has been rate limited."))
		return
	}
	fault, cfg := s.pick(r)
	if fault != FaultNone {
		s.stats.faults[fault].Add(1)
	}
	switch fault {
	case FaultDropBefore:
		dropConnection(w)
		return
	case FaultServerError:
		write(w, errorReply(http.StatusInternalServerError, "Internal Server Error"))
		return
	case FaultTooManyRequests:
		w.Header().Set("Retry-After", strconv.Itoa(cfg.RetryAfter))
		write(w, errorReply(http.StatusTooManyRequests, "Your request has been rate limited."))
		return
	case FaultLatency:
		time.Sleep(cfg.Latency) // deliberately not cut short when the client gives up: the request still applies
	}
	rep := s.handle(r)
	switch fault {
	case FaultDropAfter:
		dropConnection(w)
		return
	case FaultServerErrorAfter:
		write(w, errorReply(http.StatusGatewayTimeout, "Gateway Timeout"))
		return
	}
	write(w, rep)
}

func write(w http.ResponseWriter, rep reply) {
	for k, v := range rep.header {
		w.Header()[k] = v
	}
	if rep.ctype != "" {
		w.Header().Set("Content-Type", rep.ctype)
	}
	w.WriteHeader(rep.status)
	_, _ = w.Write(rep.body)
}

func (s *Server) handle(r *http.Request) reply {
	path := r.URL.Path
	switch {
	case path == "/heartbeat":
		return reply{status: http.StatusOK, ctype: "text/plain", body: []byte("OK")}
	case path == "/dois" || path == "/dois/":
		switch r.Method {
		case http.MethodGet:
			return s.list(r)
		case http.MethodPost:
			return s.create(r)
		}
		return errorReply(http.StatusMethodNotAllowed, "Method not allowed")
	case strings.HasPrefix(path, "/dois/"):
		d := strings.TrimPrefix(path, "/dois/")
		switch r.Method {
		case http.MethodGet:
			return s.get(r, d)
		case http.MethodPut:
			return s.update(r, d)
		case http.MethodDelete:
			return s.remove(r, d)
		}
		return errorReply(http.StatusMethodNotAllowed, "Method not allowed")
	case strings.HasPrefix(path, "/api/handles/"):
		return s.handleAPI(strings.TrimPrefix(path, "/api/handles/"))
	case strings.HasPrefix(path, "/10."):
		return s.negotiate(r, strings.TrimPrefix(path, "/"))
	}
	return errorReply(http.StatusNotFound, msgNotFound)
}

// auth returns the authenticated repository, whether credentials were sent, and a 401 reply when they are wrong.
func (s *Server) auth(r *http.Request) (repo string, sent bool, fail *reply) {
	user, pass, ok := r.BasicAuth()
	if !ok {
		if r.Header.Get("Authorization") != "" {
			rep := errorReply(http.StatusUnauthorized, msgBadCreds)
			return "", true, &rep
		}
		return "", false, nil
	}
	s.mu.Lock()
	acc, found := s.repos[strings.ToUpper(user)]
	s.mu.Unlock()
	if !found || acc.password != pass {
		rep := errorReply(http.StatusUnauthorized, msgBadCreds)
		return "", true, &rep
	}
	return acc.id, true, nil
}

// requireAuth is auth for writes: credentials are mandatory.
func (s *Server) requireAuth(r *http.Request) (string, *reply) {
	repo, sent, fail := s.auth(r)
	if fail != nil {
		return "", fail
	}
	if !sent {
		rep := errorReply(http.StatusUnauthorized, msgBadCreds)
		return "", &rep
	}
	return repo, nil
}

// document is a JSON:API request body.
type document struct {
	Data *struct {
		ID         string                     `json:"id"`
		Type       string                     `json:"type"`
		Attributes map[string]json.RawMessage `json:"attributes"`
	} `json:"data"`
}

func readDocument(r *http.Request) (document, *reply) {
	var doc document
	ct := strings.TrimSpace(strings.Split(r.Header.Get("Content-Type"), ";")[0])
	if ct != jsonAPI && ct != "application/json" {
		rep := errorReply(http.StatusUnsupportedMediaType, "The content type is not recognized.")
		return doc, &rep
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil || len(body) > maxBody {
		rep := errorReply(http.StatusBadRequest, "The request body could not be read.")
		return doc, &rep
	}
	if err := json.Unmarshal(body, &doc); err != nil || doc.Data == nil {
		rep := errorReply(http.StatusBadRequest, "You need to provide a payload following the JSONAPI spec")
		return doc, &rep
	}
	if doc.Data.Attributes == nil {
		doc.Data.Attributes = map[string]json.RawMessage{}
	}
	return doc, nil
}

func attrString(attrs map[string]json.RawMessage, key string) string {
	var v string
	if raw, ok := attrs[key]; ok {
		_ = json.Unmarshal(raw, &v)
	}
	return v
}

// ownerOf returns the repository owning the prefix of d.
func (s *Server) ownerOf(d string) string {
	p, _, _ := strings.Cut(d, "/")
	return s.prefixes[p]
}

func (s *Server) create(r *http.Request) reply {
	repo, fail := s.requireAuth(r)
	if fail != nil {
		return *fail
	}
	doc, fail := readDocument(r)
	if fail != nil {
		return *fail
	}
	attrs := doc.Data.Attributes
	raw := attrString(attrs, "doi")
	if raw == "" {
		raw = doc.Data.ID
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if raw == "" {
		prefix := attrString(attrs, "prefix")
		if prefix == "" {
			return errorsReply(http.StatusUnprocessableEntity, problem{Source: "doi", Title: "Can't be blank"})
		}
		if s.prefixes[strings.ToLower(prefix)] != repo {
			return errorReply(http.StatusForbidden, msgForbidden)
		}
		for {
			d, err := doi.NewDOI(prefix, "")
			if err != nil {
				return errorsReply(http.StatusUnprocessableEntity, problem{Source: "prefix", Title: "Is invalid"})
			}
			if _, taken := s.store[string(d)]; !taken {
				raw = string(d)
				break
			}
		}
	}
	d, err := doi.Parse(raw)
	if err != nil {
		return errorsReply(http.StatusUnprocessableEntity, problem{Source: "doi", Title: "Is invalid", UID: raw})
	}
	key := string(d)
	if s.ownerOf(key) != repo {
		return errorReply(http.StatusForbidden, msgForbidden)
	}
	if _, taken := s.store[key]; taken {
		return errorsReply(http.StatusUnprocessableEntity, problem{Source: "doi", Title: msgTaken, UID: key})
	}
	return s.insert(key, repo, attrs)
}

// insert stores a new DOI (s.mu held) and returns 201 with it.
func (s *Server) insert(key, repo string, attrs map[string]json.RawMessage) reply {
	event := attrString(attrs, "event")
	state := stateDraft
	if event != "" {
		moves, known := transitions[event]
		if !known {
			return errorsReply(http.StatusUnprocessableEntity, problem{Source: "event",
				Title: fmt.Sprintf("Event %q is not one of register, publish, hide, show", event), UID: key})
		}
		if to, ok := moves[stateDraft]; ok {
			state = to
		}
	}
	stored := clean(attrs)
	if p := s.domainProblem(repo, key, stored); p != nil {
		return errorsReply(http.StatusUnprocessableEntity, *p)
	}
	if state != stateDraft {
		if ps := validate(key, stored); len(ps) > 0 {
			return errorsReply(http.StatusUnprocessableEntity, ps...)
		}
	}
	now := s.now()
	s.seq++
	rec := &record{doi: key, client: repo, state: state, attrs: stored, created: now, updated: now, seq: s.seq}
	if state != stateDraft {
		rec.registered = now
	}
	s.store[key] = rec
	s.stats.created.Add(1)
	return docReply(http.StatusCreated, rec)
}

func clean(attrs map[string]json.RawMessage) map[string]json.RawMessage {
	out := make(map[string]json.RawMessage, len(attrs))
	for k, v := range attrs {
		out[k] = v
	}
	for _, k := range readOnly {
		delete(out, k)
	}
	return out
}

func docReply(status int, rec *record) reply {
	return reply{status: status, ctype: jsonAPI, body: mustJSON(map[string]any{"data": resource(rec)})}
}

func resource(rec *record) map[string]any {
	return map[string]any{
		"id": rec.doi, "type": "dois", "attributes": rec.view(),
		"relationships": map[string]any{"client": map[string]any{"data": map[string]string{"id": strings.ToLower(rec.client), "type": "clients"}}},
	}
}

// lookupDOI normalises the DOI of a path.
func lookupKey(raw string) (string, bool) {
	if dec, err := url.PathUnescape(raw); err == nil {
		raw = dec
	}
	d, err := doi.Parse(raw)
	return string(d), err == nil
}

func (s *Server) get(r *http.Request, raw string) reply {
	repo, _, fail := s.auth(r)
	if fail != nil {
		return *fail
	}
	key, ok := lookupKey(raw)
	if !ok {
		return errorReply(http.StatusNotFound, msgNotFound)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, found := s.store[key]
	if !found || (rec.state != stateFindable && rec.client != repo) {
		return errorReply(http.StatusNotFound, msgNotFound)
	}
	return docReply(http.StatusOK, rec)
}

func (s *Server) update(r *http.Request, raw string) reply {
	repo, fail := s.requireAuth(r)
	if fail != nil {
		return *fail
	}
	doc, fail := readDocument(r)
	if fail != nil {
		return *fail
	}
	key, ok := lookupKey(raw)
	if !ok {
		return errorsReply(http.StatusUnprocessableEntity, problem{Source: "doi", Title: "Is invalid", UID: raw})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, found := s.store[key]
	if !found {
		// DataCite's PUT creates a DOI that does not exist: the reason a careful client never creates with PUT.
		if s.ownerOf(key) != repo {
			return errorReply(http.StatusForbidden, msgForbidden)
		}
		return s.insert(key, repo, doc.Data.Attributes)
	}
	if rec.client != repo {
		return errorReply(http.StatusForbidden, msgForbidden)
	}
	attrs := doc.Data.Attributes
	state := rec.state
	if event := attrString(attrs, "event"); event != "" {
		moves, known := transitions[event]
		if !known {
			return errorsReply(http.StatusUnprocessableEntity, problem{Source: "event",
				Title: fmt.Sprintf("Event %q is not one of register, publish, hide, show", event), UID: key})
		}
		if to, ok := moves[rec.state]; ok {
			state = to
		}
	}
	merged := clean(rec.attrs)
	for k, v := range clean(attrs) {
		merged[k] = v
	}
	if p := s.domainProblem(repo, key, clean(attrs)); p != nil {
		return errorsReply(http.StatusUnprocessableEntity, *p)
	}
	if state != stateDraft {
		if ps := validate(key, merged); len(ps) > 0 {
			return errorsReply(http.StatusUnprocessableEntity, ps...)
		}
	}
	now := s.now()
	if rec.state == stateDraft && state != stateDraft {
		rec.registered = now
	}
	rec.attrs, rec.state, rec.updated = merged, state, now
	s.stats.updated.Add(1)
	return docReply(http.StatusOK, rec)
}

func (s *Server) remove(r *http.Request, raw string) reply {
	repo, fail := s.requireAuth(r)
	if fail != nil {
		return *fail
	}
	key, ok := lookupKey(raw)
	if !ok {
		return errorReply(http.StatusNotFound, msgNotFound)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, found := s.store[key]
	if !found {
		return errorReply(http.StatusNotFound, msgNotFound)
	}
	if rec.client != repo {
		return errorReply(http.StatusForbidden, msgForbidden)
	}
	if rec.state != stateDraft {
		return errorReply(http.StatusMethodNotAllowed, "Method not allowed")
	}
	delete(s.store, key)
	s.stats.deleted.Add(1)
	return reply{status: http.StatusNoContent}
}

// maxPageRecords is how far page-number paging reaches: DataCite refuses pages past the first 10,000 records and
// asks for cursor paging instead.
const maxPageRecords = 10000

func (s *Server) list(r *http.Request) reply {
	repo, _, fail := s.auth(r)
	if fail != nil {
		return *fail
	}
	q := r.URL.Query()
	size, number := defaultPage, 1
	if v := q.Get("page[size]"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return errorReply(http.StatusBadRequest, "page[size] must be a number")
		}
		size = min(max(n, 1), maxPageSize)
	}
	cursorMode := q.Has("page[cursor]")
	var after int64 // cursor paging: the seq of the last record of the previous page
	if cursorMode {
		v := q.Get("page[cursor]")
		if v != "" && v != "1" {
			b, err := base64.RawURLEncoding.DecodeString(v)
			n, err2 := strconv.ParseInt(string(b), 10, 64)
			if err != nil || err2 != nil || n < 0 {
				return errorReply(http.StatusBadRequest, "page[cursor] is not a cursor this server issued")
			}
			after = n
		}
	} else if v := q.Get("page[number]"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return errorReply(http.StatusBadRequest, "page[number] must be a positive number")
		}
		number = n
	}
	if !cursorMode && (number-1)*size >= maxPageRecords {
		return errorReply(http.StatusBadRequest, "Pagination with page[number] is limited to the first 10,000 records; use cursor pagination (page[cursor]=1, then links.next)")
	}
	match, err := newFilter(q)
	if err != nil {
		return errorReply(http.StatusBadRequest, err.Error())
	}
	s.mu.Lock()
	var recs []*record
	for _, rec := range s.store {
		if rec.state != stateFindable && rec.client != repo {
			continue
		}
		if match(rec) {
			recs = append(recs, rec)
		}
	}
	sortRecords(recs)
	total := len(recs)
	var page []*record
	if cursorMode {
		i := sort.Search(len(recs), func(i int) bool { return recs[i].seq > after })
		page = recs[i:min(i+size, len(recs))]
	} else {
		from := min((number-1)*size, total)
		page = recs[from:min(from+size, total)]
	}
	data := make([]any, 0, len(page))
	for _, rec := range page {
		data = append(data, resource(rec))
	}
	more := len(page) > 0 && page[len(page)-1] != recs[len(recs)-1]
	var lastSeq int64
	if len(page) > 0 {
		lastSeq = page[len(page)-1].seq
	}
	s.mu.Unlock()
	pages := (total + size - 1) / size
	links := map[string]string{}
	meta := map[string]int{"total": total, "totalPages": pages}
	if cursorMode {
		links["self"] = linkURL(r, "page[cursor]", q.Get("page[cursor]"), size)
		if more {
			links["next"] = linkURL(r, "page[cursor]", base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(lastSeq, 10))), size)
		}
	} else {
		meta["page"] = number
		links["self"] = linkURL(r, "page[number]", strconv.Itoa(number), size)
		if number < pages && number*size < maxPageRecords {
			links["next"] = linkURL(r, "page[number]", strconv.Itoa(number+1), size)
		}
	}
	return reply{status: http.StatusOK, ctype: jsonAPI, body: mustJSON(map[string]any{"data": data, "meta": meta, "links": links})}
}

// newFilter returns the test of the listing filters of q: prefix, client-id, state, resource-type-id, created and
// registered (years, comma-separated), and query. Of DataCite's query syntax (Elasticsearch query strings) the
// server understands date ranges of created, updated and registered — updated:[2020-01-01 TO 2020-02-01}, with
// "[" and "]" inclusive, "{" and "}" exclusive, "*" open, dates or RFC 3339 times, quoted or not — joined by AND
// with other terms, each of which must occur (without regard to case) in the record's attributes.
func newFilter(q url.Values) (func(*record) bool, error) {
	prefixes := splitList(q.Get("prefix"))
	clients := splitList(strings.ToUpper(q.Get("client-id")))
	states := splitList(q.Get("state"))
	types := splitList(q.Get("resource-type-id"))
	created := splitList(q.Get("created"))
	registered := splitList(q.Get("registered"))
	ranges, terms, err := parseQuery(q.Get("query"))
	if err != nil {
		return nil, err
	}
	return func(rec *record) bool {
		p, _, _ := strings.Cut(rec.doi, "/")
		if !inList(prefixes, p) || !inList(clients, rec.client) || !inList(states, rec.state) {
			return false
		}
		if types != nil && !inList(types, resourceTypeID(rec)) {
			return false
		}
		if created != nil && !inList(created, strconv.Itoa(rec.created.Year())) ||
			registered != nil && (rec.registered.IsZero() || !inList(registered, strconv.Itoa(rec.registered.Year()))) {
			return false
		}
		for _, rg := range ranges {
			if !rg.holds(rec) {
				return false
			}
		}
		if len(terms) > 0 {
			text := strings.ToLower(string(mustJSON(rec.attrs)))
			for _, t := range terms {
				if !strings.Contains(text, t) {
					return false
				}
			}
		}
		return true
	}, nil
}

// resourceTypeID is the resource-type-id of a record: its resourceTypeGeneral in lower case with hyphens
// ("OutputManagementPlan" → "output-management-plan"), as DataCite's filter names them.
func resourceTypeID(rec *record) string {
	var types struct {
		General string `json:"resourceTypeGeneral"`
	}
	if raw, ok := rec.attrs["types"]; ok {
		_ = json.Unmarshal(raw, &types)
	}
	var b strings.Builder
	for i, c := range types.General {
		if c >= 'A' && c <= 'Z' {
			if i > 0 {
				b.WriteByte('-')
			}
			c += 'a' - 'A'
		}
		b.WriteRune(c)
	}
	return b.String()
}

// dateRange is a range clause of a query on one of the record's dates.
type dateRange struct {
	field          string
	from, to       time.Time // zero for an open end
	fromInc, toInc bool
}

func (d dateRange) holds(rec *record) bool {
	var t time.Time
	switch d.field {
	case "created":
		t = rec.created
	case "updated":
		t = rec.updated
	case "registered":
		if t = rec.registered; t.IsZero() {
			return false
		}
	}
	if !d.from.IsZero() && (t.Before(d.from) || !d.fromInc && t.Equal(d.from)) {
		return false
	}
	if !d.to.IsZero() && (t.After(d.to) || !d.toInc && t.Equal(d.to)) {
		return false
	}
	return true
}

// parseQuery splits a query into date ranges and plain terms (lower case); AND between clauses is implied.
func parseQuery(query string) ([]dateRange, []string, error) {
	var ranges []dateRange
	var terms []string
	rest := strings.TrimSpace(query)
	for rest != "" {
		field, after, isRange := "", "", false
		for _, f := range []string{"created", "updated", "registered"} {
			if a, ok := strings.CutPrefix(rest, f+":"); ok && len(a) > 0 && (a[0] == '[' || a[0] == '{') {
				field, after, isRange = f, a, true
			}
		}
		if isRange {
			end := strings.IndexAny(after, "]}")
			if end < 0 {
				return nil, nil, fmt.Errorf("query: unclosed range after %s:", field)
			}
			lo, hi, ok := strings.Cut(after[1:end], " TO ")
			if !ok {
				return nil, nil, fmt.Errorf("query: a range of %s needs \"A TO B\"", field)
			}
			rg := dateRange{field: field, fromInc: after[0] == '[', toInc: after[end] == ']'}
			var err error
			if rg.from, err = rangeTime(lo); err != nil {
				return nil, nil, err
			}
			if rg.to, err = rangeTime(hi); err != nil {
				return nil, nil, err
			}
			if !rg.to.IsZero() && len(strings.Trim(strings.TrimSpace(hi), `"`)) == 10 && rg.toInc {
				rg.to = rg.to.Add(24*time.Hour - time.Nanosecond) // an inclusive date takes its whole day
			}
			ranges = append(ranges, rg)
			rest = strings.TrimSpace(after[end+1:])
			continue
		}
		word, tail, _ := strings.Cut(rest, " ")
		rest = strings.TrimSpace(tail)
		word = strings.Trim(word, `()"`)
		if word != "" && word != "AND" && word != "&&" {
			terms = append(terms, strings.ToLower(word))
		}
	}
	return ranges, terms, nil
}

func rangeTime(v string) (time.Time, error) {
	v = strings.Trim(strings.TrimSpace(v), `"`)
	if v == "*" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("query: %q is not a date", v)
	}
	return t.UTC(), nil
}

func splitList(v string) []string {
	if v == "" {
		return nil
	}
	return strings.Split(strings.ToLower(v), ",")
}

func inList(list []string, v string) bool {
	if list == nil {
		return true
	}
	for _, x := range list {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}

func sortRecords(recs []*record) {
	sort.Slice(recs, func(i, j int) bool { return recs[i].seq < recs[j].seq })
}

func linkURL(r *http.Request, param, value string, size int) string {
	q := r.URL.Query()
	q.Del("page[number]")
	q.Del("page[cursor]")
	q.Set(param, value)
	q.Set("page[size]", strconv.Itoa(size))
	return "http://" + r.Host + "/dois?" + q.Encode()
}

// domainProblem refuses a url outside the repository's domains (s.mu held), or returns nil.
func (s *Server) domainProblem(repo, key string, attrs map[string]json.RawMessage) *problem {
	domains := s.repos[repo].domains
	u := attrString(attrs, "url")
	if len(domains) == 0 || u == "" {
		return nil
	}
	pu, err := url.Parse(u)
	if err != nil {
		return nil // validate reports it
	}
	host := strings.ToLower(pu.Hostname())
	for _, d := range domains {
		d = strings.ToLower(d)
		if host == d || strings.HasPrefix(d, "*.") && strings.HasSuffix(host, d[1:]) {
			return nil
		}
	}
	return &problem{Source: "url", Title: "URL is not allowed by repository domain settings.", UID: key}
}

// validate checks the properties DataCite requires of a registered or findable DOI and returns one problem for each
// that is missing or wrong, as DataCite's 422 document lists them.
func validate(key string, attrs map[string]json.RawMessage) []problem {
	var ps []problem
	add := func(source, title string) { ps = append(ps, problem{Source: source, Title: title, UID: key}) }

	u := attrString(attrs, "url")
	if u == "" {
		add("url", "Can't be blank")
	} else if pu, err := url.Parse(u); err != nil || (pu.Scheme != "https" && pu.Scheme != "http") || pu.Host == "" {
		add("url", "Is not a valid URL")
	}

	var creators []struct {
		Name string `json:"name"`
	}
	if json.Unmarshal(attrs["creators"], &creators) != nil || len(creators) == 0 {
		add("creators", "Can't be blank")
	}
	for i, c := range creators {
		if strings.TrimSpace(c.Name) == "" {
			add(fmt.Sprintf("creators[%d].name", i), "Can't be blank")
		}
	}

	var titles []struct {
		Title string `json:"title"`
	}
	if json.Unmarshal(attrs["titles"], &titles) != nil || len(titles) == 0 {
		add("titles", "Can't be blank")
	}
	for i, t := range titles {
		if strings.TrimSpace(t.Title) == "" {
			add(fmt.Sprintf("titles[%d].title", i), "Can't be blank")
		}
	}

	var pubName string
	if json.Unmarshal(attrs["publisher"], &pubName) != nil {
		var pub struct {
			Name string `json:"name"`
		}
		_ = json.Unmarshal(attrs["publisher"], &pub)
		pubName = pub.Name
	}
	if strings.TrimSpace(pubName) == "" {
		add("publisher", "Can't be blank")
	}

	var year json.Number
	dec := json.NewDecoder(strings.NewReader(string(attrs["publicationYear"])))
	dec.UseNumber()
	var yv any
	if dec.Decode(&yv) == nil {
		switch v := yv.(type) {
		case json.Number:
			year = v
		case string:
			year = json.Number(v)
		}
	}
	if y, err := strconv.Atoi(string(year)); year == "" || err != nil || len(year) != 4 || y < 1000 {
		if year == "" {
			add("publicationYear", "Can't be blank")
		} else {
			add("publicationYear", "Is not a four-digit year")
		}
	}

	var types struct {
		General string `json:"resourceTypeGeneral"`
	}
	_ = json.Unmarshal(attrs["types"], &types)
	switch {
	case types.General == "":
		add("types.resourceTypeGeneral", "Can't be blank")
	case !fair.ResourceTypeGeneral(types.General).Valid():
		add("types.resourceTypeGeneral", fmt.Sprintf("%q is not a resourceTypeGeneral of the DataCite Metadata Schema", types.General))
	}
	return ps
}
