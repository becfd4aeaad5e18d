// Package oaipmhtest runs an in-process OAI-PMH 2.0 data provider on a loopback address, for tests of harvesters:
// the fairmeta tests use it, and so can pipelines that harvest DataCite, HAL, INSPIRE or arXiv and want to test that
// code offline.
//
// It answers the six verbs (Identify, ListMetadataFormats, ListSets, ListIdentifiers, ListRecords, GetRecord) over
// GET and POST, with the protocol's errors (badVerb, badArgument, cannotDisseminateFormat, idDoesNotExist,
// noRecordsMatch, badResumptionToken, noSetHierarchy), selective harvesting by set and by datestamp at the
// granularity it is given, deleted records, and resumption tokens with a completeListSize and cursor. Tokens are
// stateless: they carry the position after the last record sent (datestamp and identifier), so records added during
// a harvest never shift a page.
//
// Like a real provider it can misbehave on demand, at random (seeded) or at an exact request: 500 and 502, 503 with
// Retry-After (OAI-PMH's flow control), the connection dropped before an answer or half-way through the body, and a
// resumption token answered with badResumptionToken as if it had expired. [Server.ExpireTokens] makes every token
// issued so far expire, and [WithTokenLifetime] makes them expire after a while.
//
// A Server is safe for concurrent use:
//
//	srv := oaipmhtest.NewServer(oaipmhtest.WithPageSize(50))
//	defer srv.Close()
//	srv.Add(oaipmhtest.Record{Identifier: "oai:example.org:1", Datestamp: t, Metadata: map[string]string{"oai_dc": dc}})
//	// harvest srv.URL ...
package oaipmhtest

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Namespaces of the protocol and of the metadata formats the server knows by default.
const (
	NamespaceOAI         = "http://www.openarchives.org/OAI/2.0/"
	NamespaceOAIDC       = "http://www.openarchives.org/OAI/2.0/oai_dc/"
	NamespaceDC          = "http://purl.org/dc/elements/1.1/"
	NamespaceOAIDataCite = "http://schema.datacite.org/oai/oai-1.1/"
	NamespaceDataCite    = "http://datacite.org/schema/kernel-4"
)

// Granularity is the precision of the datestamps a repository supports.
type Granularity int

// The two granularities of OAI-PMH 2.0.
const (
	Seconds Granularity = iota // YYYY-MM-DDThh:mm:ssZ
	Days                       // YYYY-MM-DD
)

// Format is a metadata format the server disseminates: its prefix (e.g. "oai_dc"), schema and namespace.
type Format struct {
	Prefix, Schema, Namespace string
}

// DefaultFormats are the formats a server has unless WithFormats says otherwise: oai_dc, oai_datacite and datacite
// (DataCite's own provider offers the last two).
var DefaultFormats = []Format{
	{"oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", NamespaceOAIDC},
	{"oai_datacite", "http://schema.datacite.org/oai/oai-1.1/oai.xsd", NamespaceOAIDataCite},
	{"datacite", "http://schema.datacite.org/meta/kernel-4/metadata.xsd", NamespaceDataCite},
}

// Record is an item of the repository. Metadata maps a format prefix to the XML of the record in that format (one
// element, the content of OAI-PMH's <metadata>); a record is listed in a format only when it has metadata in it, or
// when it is deleted.
type Record struct {
	Identifier string
	Datestamp  time.Time
	Sets       []string
	Deleted    bool
	Metadata   map[string]string
}

// Server is a loopback OAI-PMH data provider. Its exported methods are safe for concurrent use.
type Server struct {
	// URL is the base URL of the provider, "http://127.0.0.1:port/oai".
	URL string

	hs *httptest.Server

	mu          sync.Mutex
	records     map[string]*Record // by identifier
	sets        map[string]string  // setSpec → setName
	formats     []Format
	pageSize    int
	granularity Granularity
	byID        bool // list in identifier order instead of datestamp order
	earliest    time.Time
	tokenLife   time.Duration
	generation  int64 // tokens of an older generation have expired
	now         func() time.Time

	faults Faults
	rng    *rand.Rand
	queue  []Fault

	stats counters
}

type counters struct {
	requests, tokens, expired atomic.Int64
	faults                    [numFaults]atomic.Int64
}

// Option configures a Server.
type Option func(*Server)

// WithRecords adds records to the repository from the start.
func WithRecords(recs ...Record) Option { return func(s *Server) { s.add(recs) } }

// WithPageSize sets how many records or headers one list answer holds before a resumption token (default 100).
func WithPageSize(n int) Option {
	return func(s *Server) {
		if n > 0 {
			s.pageSize = n
		}
	}
}

// WithGranularity sets the datestamp granularity (default Seconds). With Days, from and until must be dates and
// datestamps are written as dates.
func WithGranularity(g Granularity) Option { return func(s *Server) { s.granularity = g } }

// WithFormats replaces the metadata formats the server offers (default DefaultFormats).
func WithFormats(fs ...Format) Option {
	return func(s *Server) { s.formats = append([]Format(nil), fs...) }
}

// WithSets declares sets (setSpec → setName). Without sets the server answers ListSets and set= with
// noSetHierarchy.
func WithSets(sets map[string]string) Option {
	return func(s *Server) {
		for k, v := range sets {
			s.sets[k] = v
		}
	}
}

// WithIdentifierOrder makes lists come in identifier order instead of datestamp order, as some providers do: a
// harvester then cannot assume that the datestamps it has seen only grow.
func WithIdentifierOrder() Option { return func(s *Server) { s.byID = true } }

// WithTokenLifetime makes resumption tokens expire d after they were issued (answered with badResumptionToken);
// 0 (the default) means they never expire by themselves.
func WithTokenLifetime(d time.Duration) Option { return func(s *Server) { s.tokenLife = d } }

// WithFaults makes the server inject faults at random from the start; see [Server.SetFaults].
func WithFaults(f Faults) Option { return func(s *Server) { s.setFaults(f) } }

// WithClock sets the server's clock (default time.Now; nil keeps it), which gives responseDate and token ages.
func WithClock(now func() time.Time) Option {
	return func(s *Server) {
		if now != nil {
			s.now = now
		}
	}
}

// NewServer starts a provider on a loopback address; its base URL is Server.URL. A nil option is ignored.
func NewServer(opts ...Option) *Server {
	s := &Server{
		records:  map[string]*Record{},
		sets:     map[string]string{},
		formats:  DefaultFormats,
		pageSize: 100,
		now:      time.Now,
		earliest: time.Date(2011, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	s.setFaults(Faults{})
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/oai", s.serve)
	// The URL is set before the server starts serving: a request that arrives at once
	// (a harvester retrying on a reused port) must not race with the write.
	s.hs = httptest.NewUnstartedServer(mux)
	s.URL = "http://" + s.hs.Listener.Addr().String() + "/oai"
	s.hs.Start()
	return s
}

// Close shuts the server down, dropping open connections.
func (s *Server) Close() {
	s.hs.CloseClientConnections()
	s.hs.Close()
}

// Add adds records, or replaces those with the same identifier (as an update in the repository would).
func (s *Server) Add(recs ...Record) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.add(recs)
}

func (s *Server) add(recs []Record) {
	for _, r := range recs {
		r.Datestamp = r.Datestamp.UTC()
		r.Sets = append([]string(nil), r.Sets...)
		md := make(map[string]string, len(r.Metadata))
		for k, v := range r.Metadata {
			md[k] = v
		}
		r.Metadata = md
		s.records[r.Identifier] = &r
	}
}

// Delete marks the record as deleted at datestamp t (the repository keeps track of deletions persistently). It
// returns false when there is no such record.
func (s *Server) Delete(identifier string, t time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.records[identifier]
	if !ok {
		return false
	}
	r.Deleted, r.Datestamp, r.Metadata = true, t.UTC(), map[string]string{}
	return true
}

// Records returns a snapshot of the repository in list order (datestamp then identifier, or identifier with
// WithIdentifierOrder).
func (s *Server) Records() []Record {
	s.mu.Lock()
	defer s.mu.Unlock()
	list := s.sorted()
	out := make([]Record, len(list))
	for i, r := range list {
		out[i] = *r
	}
	return out
}

// ExpireTokens makes every resumption token issued so far expire: the next request with one is answered with
// badResumptionToken, as a provider does after a restart or when a harvester is too slow.
func (s *Server) ExpireTokens() {
	s.mu.Lock()
	s.generation++
	s.mu.Unlock()
}

// Stats counts what the server did since it started.
type Stats struct {
	Requests      int64           // every request received
	Tokens        int64           // resumption tokens issued
	ExpiredTokens int64           // requests answered with badResumptionToken (injected or not)
	Faults        map[Fault]int64 // injected faults by kind
}

// FaultCount returns the total of injected faults.
func (st Stats) FaultCount() int64 {
	var n int64
	for _, v := range st.Faults {
		n += v
	}
	return n
}

// Stats returns the counters.
func (s *Server) Stats() Stats {
	st := Stats{Requests: s.stats.requests.Load(), Tokens: s.stats.tokens.Load(), ExpiredTokens: s.stats.expired.Load(),
		Faults: map[Fault]int64{}}
	for f := FaultServerError; f < numFaults; f++ {
		if n := s.stats.faults[f].Load(); n > 0 {
			st.Faults[f] = n
		}
	}
	return st
}

// sorted returns the records in list order; s.mu must be held.
func (s *Server) sorted() []*Record {
	list := make([]*Record, 0, len(s.records))
	for _, r := range s.records {
		list = append(list, r)
	}
	sort.Slice(list, func(i, j int) bool { return s.less(list[i], list[j]) })
	return list
}

func (s *Server) less(a, b *Record) bool {
	if !s.byID {
		da, db := s.stamp(a.Datestamp), s.stamp(b.Datestamp)
		if da != db {
			return da < db
		}
	}
	return a.Identifier < b.Identifier
}

// stamp formats t at the server's granularity.
func (s *Server) stamp(t time.Time) string {
	if s.granularity == Days {
		return t.UTC().Format(time.DateOnly)
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

func (s *Server) granularityName() string {
	if s.granularity == Days {
		return "YYYY-MM-DD"
	}
	return "YYYY-MM-DDThh:mm:ssZ"
}

// parseStamp reads a from or until argument; it must have the server's granularity or be a date.
func (s *Server) parseStamp(v string, until bool) (time.Time, bool) {
	if t, err := time.Parse(time.DateOnly, v); err == nil {
		if until {
			t = t.Add(24*time.Hour - time.Second) // a date as until includes the whole day
		}
		return t, true
	}
	if s.granularity == Days {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02T15:04:05Z", v)
	return t, err == nil
}

func (s *Server) format(prefix string) (Format, bool) {
	for _, f := range s.formats {
		if f.Prefix == prefix {
			return f, true
		}
	}
	return Format{}, false
}

func (r *Record) inSet(set string) bool {
	if set == "" {
		return true
	}
	for _, sp := range r.Sets {
		if sp == set || strings.HasPrefix(sp, set+":") {
			return true
		}
	}
	return false
}

func (s *Server) String() string { return fmt.Sprintf("oaipmhtest.Server(%s)", s.URL) }
