package oaipmhtest

import (
	"math/rand/v2"
	"net/http"
	"strconv"
)

// Fault is a kind of failure the server can inject into a request.
type Fault int

// The faults.
const (
	FaultNone         Fault = iota
	FaultServerError        // 500 Internal Server Error
	FaultBadGateway         // 502 Bad Gateway, as a proxy in front of a provider answers
	FaultUnavailable        // 503 Service Unavailable with Retry-After: OAI-PMH's flow control
	FaultDrop               // the connection is closed without an answer
	FaultDropMidBody        // the status and half of the body are sent, then the connection is closed
	FaultExpiredToken       // a request with a resumption token is answered with badResumptionToken
	numFaults
)

var allFaults = []Fault{FaultServerError, FaultBadGateway, FaultUnavailable, FaultDrop, FaultDropMidBody, FaultExpiredToken}

// AllFaults returns every fault kind, for Faults.Kinds.
func AllFaults() []Fault { return append([]Fault(nil), allFaults...) }

var faultNames = [...]string{"none", "server-error", "bad-gateway", "unavailable", "drop", "drop-mid-body", "expired-token"}

// String names the fault, e.g. "drop-mid-body".
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
	// Kinds are the faults drawn from, uniformly; empty means all of them. FaultExpiredToken drawn for a request
	// without a resumption token gives no fault.
	Kinds []Fault
	// RetryAfter is the Retry-After of an injected 503, in whole seconds; 0 means 1.
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

// InjectNext makes the next requests get the given faults, one each, in order, before any random fault is drawn.
// Tests use it to put a fault at an exact point. A queued FaultExpiredToken waits for a request with a token.
func (s *Server) InjectNext(faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queue = append(s.queue, faults...)
}

// pick returns the fault for a request, which carries a resumption token or not.
func (s *Server) pick(hasToken bool) (Fault, Faults) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.queue {
		if f == FaultExpiredToken && !hasToken {
			continue
		}
		s.queue = append(s.queue[:i:i], s.queue[i+1:]...)
		return f, s.faults
	}
	f := s.faults
	if f.Rate <= 0 || s.rng.Float64() >= f.Rate {
		return FaultNone, f
	}
	k := f.Kinds[s.rng.IntN(len(f.Kinds))]
	if k == FaultExpiredToken && !hasToken {
		return FaultNone, f
	}
	return k, f
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
