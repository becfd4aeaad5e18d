package datacitetest

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Fault is a kind of failure the server can inject into a request.
type Fault int

// The faults. "Before" faults fail the request without touching the store; "after" faults apply the request (a
// create stores the DOI) and then fail the answer, which is what makes a failure ambiguous for a client.
const (
	FaultNone             Fault = iota
	FaultServerError            // 500 Internal Server Error, nothing stored
	FaultServerErrorAfter       // the request is applied, then 504 Gateway Timeout is answered
	FaultDropBefore             // the connection is closed without an answer, nothing stored
	FaultDropAfter              // the request is applied, then the connection is closed without an answer
	FaultTooManyRequests        // 429 with Retry-After, nothing stored
	FaultLatency                // the answer is delayed by Faults.Latency, then the request is applied
	numFaults
)

var allFaults = []Fault{FaultServerError, FaultServerErrorAfter, FaultDropBefore, FaultDropAfter, FaultTooManyRequests, FaultLatency}

// AllFaults returns every fault kind, for Faults.Kinds.
func AllFaults() []Fault { return append([]Fault(nil), allFaults...) }

var faultNames = [...]string{"none", "server-error", "server-error-after-store", "drop-before", "drop-after-store", "too-many-requests", "latency"}

// String names the fault, e.g. "drop-after-store".
func (f Fault) String() string {
	if f >= 0 && int(f) < len(faultNames) {
		return faultNames[f]
	}
	return "fault(" + strconv.Itoa(int(f)) + ")"
}

// Faults says which requests get which fault at random.
type Faults struct {
	// Rate is the fraction of requests (0 to 1) that get a fault.
	Rate float64
	// Kinds are the faults drawn from, uniformly; empty means all of them.
	Kinds []Fault
	// Methods restricts faults to requests with these HTTP methods; empty means every request.
	Methods []string
	// Latency is the delay of FaultLatency; 0 means 100 ms. To make a client time out, give the client a shorter
	// timeout: the server still applies the request after the delay, as a slow DataCite would.
	Latency time.Duration
	// RetryAfter is the Retry-After of an injected 429, in whole seconds; 0 means 1.
	RetryAfter int
	// Seed seeds the random draws, so a run can be repeated; 0 picks a random seed.
	Seed uint64
}

// SetFaults replaces the random fault injection. Faults{} turns it off.
func (s *Server) SetFaults(f Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.setFaults(f)
}

func (s *Server) setFaults(f Faults) {
	if len(f.Kinds) == 0 {
		f.Kinds = allFaults
	}
	if f.Latency <= 0 {
		f.Latency = 100 * time.Millisecond
	}
	if f.RetryAfter <= 0 {
		f.RetryAfter = 1
	}
	seed := f.Seed
	if seed == 0 {
		seed = rand.Uint64()
	}
	s.faults = f
	s.rng = rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// InjectNext makes the next requests with the given HTTP method ("" for any) get the given faults, one each, in
// order, before any random fault is drawn. Tests use it to put a fault at an exact point.
func (s *Server) InjectNext(method string, faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range faults {
		s.queue = append(s.queue, queued{method: strings.ToUpper(method), fault: f})
	}
}

// pick returns the fault for r.
func (s *Server) pick(r *http.Request) (Fault, Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, q := range s.queue {
		if q.method == "" || q.method == r.Method {
			s.queue = append(s.queue[:i:i], s.queue[i+1:]...)
			return q.fault, s.faults
		}
	}
	f := s.faults
	if f.Rate <= 0 {
		return FaultNone, f
	}
	if len(f.Methods) > 0 {
		found := false
		for _, m := range f.Methods {
			if strings.EqualFold(m, r.Method) {
				found = true
			}
		}
		if !found {
			return FaultNone, f
		}
	}
	if s.rng.Float64() >= f.Rate {
		return FaultNone, f
	}
	return f.Kinds[s.rng.IntN(len(f.Kinds))], f
}

// dropConnection closes the client's connection without an answer.
func dropConnection(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler) // net/http closes the connection
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}
