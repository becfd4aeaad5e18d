package oaipmhtest

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
)

// token is what a resumption token carries: the request and the position after the last record sent.
type token struct {
	Verb   string `json:"v"`
	Prefix string `json:"p"`
	Set    string `json:"s,omitempty"`
	From   string `json:"f,omitempty"`
	Until  string `json:"u,omitempty"`
	After  string `json:"a"` // sort key of the last record sent
	Cursor int    `json:"c"` // records sent before this page
	Gen    int64  `json:"g"`
	Issued int64  `json:"t"` // unix seconds
}

func encodeToken(t token) string {
	b, _ := json.Marshal(t)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeToken(s string) (token, bool) {
	var t token
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &t) != nil || t.Prefix == "" && t.Verb != "ListSets" {
		return token{}, false
	}
	return t, true
}

// key is the sort key of a record in list order; keys compare as strings.
func (s *Server) key(r *Record) string {
	if s.byID {
		return r.Identifier
	}
	return s.stamp(r.Datestamp) + "\x00" + r.Identifier
}

// oaiError is an OAI-PMH error condition.
type oaiError struct{ code, msg string }

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.stats.requests.Add(1)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	args := r.Form
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	fault, cfg := s.pick(args.Get("resumptionToken") != "")
	if fault != FaultNone {
		s.stats.faults[fault].Add(1)
	}
	switch fault {
	case FaultServerError:
		http.Error(w, "internal server error", http.StatusInternalServerError)
		return
	case FaultBadGateway:
		http.Error(w, "bad gateway", http.StatusBadGateway)
		return
	case FaultUnavailable:
		w.Header().Set("Retry-After", strconv.Itoa(cfg.RetryAfter))
		http.Error(w, "service unavailable, retry later", http.StatusServiceUnavailable)
		return
	case FaultDrop:
		dropConnection(w)
		return
	}
	body := s.answer(r, args, fault == FaultExpiredToken)
	w.Header().Set("Content-Type", "text/xml; charset=utf-8")
	if fault == FaultDropMidBody {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(body[:len(body)/2])
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		panic(http.ErrAbortHandler) // net/http closes the connection, leaving the body short
	}
	_, _ = w.Write(body)
}

// answer builds the whole response document.
func (s *Server) answer(r *http.Request, args url.Values, expire bool) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<OAI-PMH xmlns="` + NamespaceOAI + `" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="` + NamespaceOAI + ` http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">` + "\n")
	b.WriteString("<responseDate>" + s.now().UTC().Format("2006-01-02T15:04:05Z") + "</responseDate>\n")
	base := "http://" + r.Host + r.URL.Path
	var content bytes.Buffer
	errs := s.dispatch(&content, args, expire)
	if len(errs) > 0 {
		attrs := ""
		if errs[0].code != "badVerb" && errs[0].code != "badArgument" {
			attrs = requestAttrs(args)
		}
		b.WriteString("<request" + attrs + ">" + esc(base) + "</request>\n")
		for _, e := range errs {
			b.WriteString(`<error code="` + e.code + `">` + esc(e.msg) + "</error>\n")
		}
	} else {
		b.WriteString("<request" + requestAttrs(args) + ">" + esc(base) + "</request>\n")
		b.Write(content.Bytes())
	}
	b.WriteString("</OAI-PMH>\n")
	return b.Bytes()
}

func requestAttrs(args url.Values) string {
	keys := make([]string, 0, len(args))
	for k := range args {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var sb strings.Builder
	for _, k := range keys {
		sb.WriteString(" " + k + `="` + esc(args.Get(k)) + `"`)
	}
	return sb.String()
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// allowed lists the arguments of each verb: required ones first, then optional ones; "exclusive" is the argument
// that must be alone.
var allowed = map[string]struct {
	required, optional []string
	exclusive          string
}{
	"Identify":            {},
	"ListMetadataFormats": {optional: []string{"identifier"}},
	"ListSets":            {exclusive: "resumptionToken"},
	"GetRecord":           {required: []string{"identifier", "metadataPrefix"}},
	"ListIdentifiers":     {required: []string{"metadataPrefix"}, optional: []string{"from", "until", "set"}, exclusive: "resumptionToken"},
	"ListRecords":         {required: []string{"metadataPrefix"}, optional: []string{"from", "until", "set"}, exclusive: "resumptionToken"},
}

// checkArgs returns a badArgument error for missing, unknown, repeated or illegally combined arguments.
func checkArgs(verb string, args url.Values) *oaiError {
	spec := allowed[verb]
	for k, vs := range args {
		if len(vs) > 1 {
			return &oaiError{"badArgument", "argument " + k + " is repeated"}
		}
		if k == "verb" {
			continue
		}
		known := k == spec.exclusive
		for _, a := range append(append([]string(nil), spec.required...), spec.optional...) {
			known = known || a == k
		}
		if !known {
			return &oaiError{"badArgument", "illegal argument " + k + " for " + verb}
		}
	}
	if spec.exclusive != "" && args.Get(spec.exclusive) != "" {
		if len(args) != 2 {
			return &oaiError{"badArgument", spec.exclusive + " is an exclusive argument"}
		}
		return nil
	}
	for _, a := range spec.required {
		if args.Get(a) == "" {
			return &oaiError{"badArgument", "missing argument " + a}
		}
	}
	return nil
}

// dispatch writes the verb's element to w, or returns the errors; s.mu is held.
func (s *Server) dispatch(w *bytes.Buffer, args url.Values, expire bool) []oaiError {
	verb := args.Get("verb")
	if _, ok := allowed[verb]; !ok || len(args["verb"]) != 1 {
		return []oaiError{{"badVerb", "illegal or missing verb"}}
	}
	if e := checkArgs(verb, args); e != nil {
		return []oaiError{*e}
	}
	switch verb {
	case "Identify":
		s.identify(w)
	case "ListMetadataFormats":
		return s.listFormats(w, args.Get("identifier"))
	case "ListSets":
		return s.listSets(w, args.Get("resumptionToken"))
	case "GetRecord":
		return s.getRecord(w, args.Get("identifier"), args.Get("metadataPrefix"))
	default:
		return s.list(w, verb, args, expire)
	}
	return nil
}

func (s *Server) identify(w *bytes.Buffer) {
	w.WriteString("<Identify>\n<repositoryName>oaipmhtest</repositoryName>\n<baseURL>" + esc(s.URL) + "</baseURL>\n")
	w.WriteString("<protocolVersion>2.0</protocolVersion>\n<adminEmail>admin@example.org</adminEmail>\n")
	w.WriteString("<earliestDatestamp>" + s.stamp(s.earliest) + "</earliestDatestamp>\n")
	w.WriteString("<deletedRecord>persistent</deletedRecord>\n<granularity>" + s.granularityName() + "</granularity>\n</Identify>\n")
}

func (s *Server) listFormats(w *bytes.Buffer, id string) []oaiError {
	fs := s.formats
	if id != "" {
		r, ok := s.records[id]
		if !ok {
			return []oaiError{{"idDoesNotExist", "no record " + id}}
		}
		fs = nil
		for _, f := range s.formats {
			if _, ok := r.Metadata[f.Prefix]; ok {
				fs = append(fs, f)
			}
		}
		if len(fs) == 0 {
			return []oaiError{{"noMetadataFormats", "no formats for " + id}}
		}
	}
	w.WriteString("<ListMetadataFormats>\n")
	for _, f := range fs {
		w.WriteString("<metadataFormat><metadataPrefix>" + esc(f.Prefix) + "</metadataPrefix><schema>" + esc(f.Schema) +
			"</schema><metadataNamespace>" + esc(f.Namespace) + "</metadataNamespace></metadataFormat>\n")
	}
	w.WriteString("</ListMetadataFormats>\n")
	return nil
}

func (s *Server) listSets(w *bytes.Buffer, tok string) []oaiError {
	if tok != "" {
		return []oaiError{{"badResumptionToken", "this list has no resumption"}}
	}
	if len(s.sets) == 0 {
		return []oaiError{{"noSetHierarchy", "the repository has no sets"}}
	}
	specs := make([]string, 0, len(s.sets))
	for k := range s.sets {
		specs = append(specs, k)
	}
	sort.Strings(specs)
	w.WriteString("<ListSets>\n")
	for _, k := range specs {
		w.WriteString("<set><setSpec>" + esc(k) + "</setSpec><setName>" + esc(s.sets[k]) + "</setName></set>\n")
	}
	w.WriteString("</ListSets>\n")
	return nil
}

func (s *Server) getRecord(w *bytes.Buffer, id, prefix string) []oaiError {
	if _, ok := s.format(prefix); !ok {
		return []oaiError{{"cannotDisseminateFormat", "unknown format " + prefix}}
	}
	r, ok := s.records[id]
	if !ok {
		return []oaiError{{"idDoesNotExist", "no record " + id}}
	}
	if _, ok := r.Metadata[prefix]; !ok && !r.Deleted {
		return []oaiError{{"cannotDisseminateFormat", id + " is not available as " + prefix}}
	}
	w.WriteString("<GetRecord>\n")
	s.writeRecord(w, r, prefix, true)
	w.WriteString("</GetRecord>\n")
	return nil
}

func (s *Server) writeRecord(w *bytes.Buffer, r *Record, prefix string, full bool) {
	if full {
		w.WriteString("<record>")
	}
	if r.Deleted {
		w.WriteString(`<header status="deleted">`)
	} else {
		w.WriteString("<header>")
	}
	w.WriteString("<identifier>" + esc(r.Identifier) + "</identifier><datestamp>" + s.stamp(r.Datestamp) + "</datestamp>")
	for _, sp := range r.Sets {
		w.WriteString("<setSpec>" + esc(sp) + "</setSpec>")
	}
	w.WriteString("</header>")
	if full {
		if !r.Deleted {
			w.WriteString("<metadata>" + r.Metadata[prefix] + "</metadata>")
		}
		w.WriteString("</record>")
	}
	w.WriteString("\n")
}

func (s *Server) list(w *bytes.Buffer, verb string, args url.Values, expire bool) []oaiError {
	var t token
	if raw := args.Get("resumptionToken"); raw != "" {
		var ok bool
		t, ok = decodeToken(raw)
		tooOld := s.tokenLife > 0 && s.now().Sub(time.Unix(t.Issued, 0)) > s.tokenLife
		if !ok || t.Verb != verb || t.Gen != s.generation || tooOld || expire {
			s.stats.expired.Add(1)
			return []oaiError{{"badResumptionToken", "the resumption token is invalid or has expired"}}
		}
	} else {
		t = token{Verb: verb, Prefix: args.Get("metadataPrefix"), Set: args.Get("set"), From: args.Get("from"), Until: args.Get("until")}
	}
	if _, ok := s.format(t.Prefix); !ok {
		return []oaiError{{"cannotDisseminateFormat", "unknown format " + t.Prefix}}
	}
	var from, until time.Time
	var okF, okU = true, true
	if t.From != "" {
		from, okF = s.parseStamp(t.From, false)
	}
	if t.Until != "" {
		until, okU = s.parseStamp(t.Until, true)
	}
	if !okF || !okU || t.From != "" && t.Until != "" && len(t.From) != len(t.Until) {
		return []oaiError{{"badArgument", "from and until must be dates of the repository's granularity (" + s.granularityName() + ")"}}
	}
	if t.From != "" && t.Until != "" && until.Before(from) {
		return []oaiError{{"badArgument", "until is before from"}}
	}
	if t.Set != "" && len(s.sets) == 0 {
		return []oaiError{{"noSetHierarchy", "the repository has no sets"}}
	}
	var match []*Record
	for _, r := range s.sorted() {
		if _, ok := r.Metadata[t.Prefix]; !ok && !r.Deleted {
			continue
		}
		ds := r.Datestamp.Truncate(time.Second)
		if s.granularity == Days {
			ds = time.Date(ds.Year(), ds.Month(), ds.Day(), 0, 0, 0, 0, time.UTC)
		}
		if t.From != "" && ds.Before(from) || t.Until != "" && ds.After(until) || !r.inSet(t.Set) {
			continue
		}
		match = append(match, r)
	}
	total := len(match)
	start := sort.Search(len(match), func(i int) bool { return t.After == "" || s.key(match[i]) > t.After })
	if total == 0 {
		return []oaiError{{"noRecordsMatch", "no records match"}}
	}
	page := match[start:min(start+s.pageSize, len(match))]
	w.WriteString("<" + verb + ">\n")
	for _, r := range page {
		s.writeRecord(w, r, t.Prefix, verb == "ListRecords")
	}
	if start+len(page) < len(match) || t.Cursor > 0 || args.Get("resumptionToken") != "" {
		cursor := t.Cursor
		if start+len(page) < len(match) {
			next := t
			next.After = s.key(page[len(page)-1])
			next.Cursor = cursor + len(page)
			next.Gen = s.generation
			next.Issued = s.now().Unix()
			s.stats.tokens.Add(1)
			exp := ""
			if s.tokenLife > 0 {
				exp = ` expirationDate="` + s.now().Add(s.tokenLife).UTC().Format("2006-01-02T15:04:05Z") + `"`
			}
			w.WriteString(`<resumptionToken completeListSize="` + strconv.Itoa(total) + `" cursor="` + strconv.Itoa(cursor) + `"` + exp + ">" +
				encodeToken(next) + "</resumptionToken>\n")
		} else {
			// the last page of a resumed list: an empty token says the list is complete
			w.WriteString(`<resumptionToken completeListSize="` + strconv.Itoa(total) + `" cursor="` + strconv.Itoa(cursor) + `"/>` + "\n")
		}
	}
	w.WriteString("</" + verb + ">\n")
	return nil
}
