package datacitetest

import (
	"encoding/json"
	"mime"
	"net/http"
	"strings"
)

// Media types of content negotiation that the server answers for a findable DOI (see doi.org and DataCite's content
// negotiation): DataCite JSON, CSL JSON and, with [WithCitations], a formatted citation (text/x-bibliography with
// the parameters style and locale). Other types get 406 Not Acceptable; no Accept, or text/html, redirects to the
// landing page.
const (
	typeDataCiteJSON = "application/vnd.datacite.datacite+json"
	typeCSLJSON      = "application/vnd.citationstyles.csl+json"
	typeCitation     = "text/x-bibliography"
)

// handleValue is one value of a Handle record as the Handle API returns it.
type handleValue struct {
	Index int    `json:"index"`
	Type  string `json:"type"`
	Data  struct {
		Format string `json:"format"`
		Value  string `json:"value"`
	} `json:"data"`
	TTL       int    `json:"ttl"`
	Timestamp string `json:"timestamp"`
}

// handleAPI answers like https://doi.org/api/handles/{doi}: responseCode 1 with the URL value for a registered or
// findable DOI, responseCode 100 and 404 for any other.
func (s *Server) handleAPI(raw string) reply {
	key, ok := lookupKey(raw)
	s.mu.Lock()
	rec, found := s.store[key]
	var url string
	var ts string
	if ok && found && rec.state != stateDraft {
		url = attrString(rec.attrs, "url")
		ts = rec.updated.Format("2006-01-02T15:04:05Z")
	}
	s.mu.Unlock()
	if url == "" {
		return reply{status: http.StatusNotFound, ctype: "application/json",
			body: mustJSON(map[string]any{"responseCode": 100, "handle": raw})}
	}
	v := handleValue{Index: 1, Type: "URL", TTL: 86400, Timestamp: ts}
	v.Data.Format, v.Data.Value = "string", url
	return reply{status: http.StatusOK, ctype: "application/json",
		body: mustJSON(map[string]any{"responseCode": 1, "handle": key, "values": []handleValue{v}})}
}

// negotiate answers a request for a DOI at the resolver: metadata by content negotiation or a redirect.
func (s *Server) negotiate(r *http.Request, raw string) reply {
	key, ok := lookupKey(raw)
	s.mu.Lock()
	rec, found := s.store[key]
	var attrs map[string]json.RawMessage
	if ok && found && rec.state != stateDraft {
		attrs = rec.view()
	}
	findable := found && rec.state == stateFindable
	s.mu.Unlock()
	if attrs == nil {
		return errorReply(http.StatusNotFound, "DOI not found")
	}
	for _, accept := range strings.Split(r.Header.Get("Accept"), ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(accept))
		if err != nil {
			continue
		}
		switch mt {
		case typeDataCiteJSON:
			if findable {
				return reply{status: http.StatusOK, ctype: typeDataCiteJSON, body: mustJSON(attrs)}
			}
		case typeCSLJSON:
			if findable {
				return reply{status: http.StatusOK, ctype: typeCSLJSON, body: mustJSON(cslItem(key, attrs))}
			}
		case typeCitation:
			if findable && s.cite != nil {
				return s.citation(key, attrs, params["style"], params["locale"])
			}
		case "text/html", "*/*":
			return redirect(attrs)
		}
	}
	if r.Header.Get("Accept") == "" {
		return redirect(attrs)
	}
	return errorReply(http.StatusNotAcceptable, "Not Acceptable")
}

func redirect(attrs map[string]json.RawMessage) reply {
	h := http.Header{}
	h.Set("Location", attrString(attrs, "url"))
	return reply{status: http.StatusFound, header: h}
}

// Citer formats the citation of a record given as CSL JSON, in a CSL style and locale ("" for the default ones),
// as plain text; an error is answered as 400 Bad Request (an unknown style, as DataCite answers). Package csl
// formats citations: a test wires its bundled styles in.
type Citer func(cslJSON []byte, style, locale string) (string, error)

// WithCitations makes the server answer content negotiation for text/x-bibliography with the citations cite
// formats, as DataCite's content negotiation does.
func WithCitations(cite Citer) Option { return func(s *Server) { s.cite = cite } }

// citation answers text/x-bibliography.
func (s *Server) citation(key string, attrs map[string]json.RawMessage, style, locale string) reply {
	text, err := s.cite(mustJSON(cslItem(key, attrs)), style, locale)
	if err != nil {
		return errorReply(http.StatusBadRequest, err.Error())
	}
	return reply{status: http.StatusOK, ctype: typeCitation + "; charset=utf-8", body: []byte(strings.TrimSpace(text) + "\n")}
}

// cslItem is the CSL JSON of a record: the fields a citation needs.
func cslItem(key string, attrs map[string]json.RawMessage) map[string]any {
	out := map[string]any{"id": "https://doi.org/" + key, "DOI": key, "URL": attrString(attrs, "url"), "type": "dataset"}
	var titles []struct {
		Title string `json:"title"`
	}
	if json.Unmarshal(attrs["titles"], &titles) == nil && len(titles) > 0 {
		out["title"] = titles[0].Title
	}
	var creators []struct {
		Name       string `json:"name"`
		GivenName  string `json:"givenName"`
		FamilyName string `json:"familyName"`
	}
	if json.Unmarshal(attrs["creators"], &creators) == nil {
		var authors []map[string]string
		for _, c := range creators {
			if c.FamilyName != "" {
				authors = append(authors, map[string]string{"family": c.FamilyName, "given": c.GivenName})
			} else {
				authors = append(authors, map[string]string{"literal": c.Name})
			}
		}
		out["author"] = authors
	}
	var year json.Number
	if json.Unmarshal(attrs["publicationYear"], &year) == nil && year != "" {
		out["issued"] = map[string]any{"date-parts": [][]any{{year}}}
	}
	return out
}
