package schemaorg

// URDNA2015, the RDF dataset canonicalization algorithm, on the fast path's blank-node numbers.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/piprate/json-gold/ld"
)

// issuer issues identifiers with a prefix, remembering the order (the Identifier Issuer of RDF canonicalization).
// Blank nodes are known by their number in the run (rdfTerm.id), so an issuer is two pointer-free slices.
type issuer struct {
	prefix string
	ids    []int32 // per blank node: the issued number plus one, 0 if none
	order  []int32
}

// newIssuer returns an empty issuer from the run's recycled ones.
func (u *urdna) newIssuer(prefix string) *issuer {
	var is *issuer
	switch {
	case u.nIssuers < len(u.issuers):
		is = u.issuers[u.nIssuers]
		u.nIssuers++
	case len(u.issuers) < 1024:
		is = &issuer{}
		u.issuers = append(u.issuers, is)
		u.nIssuers++
	default:
		is = &issuer{}
	}
	is.init(prefix, u.n)
	return is
}

// clone returns a copy of is from the run's recycled issuers.
func (u *urdna) clone(is *issuer) *issuer {
	c := u.newIssuer(is.prefix)
	copy(c.ids, is.ids)
	c.order = append(c.order, is.order...)
	return c
}

// init empties the issuer for n blank nodes, keeping its buffers.
func (is *issuer) init(prefix string, n int) {
	is.prefix = prefix
	is.ids = slices.Grow(is.ids[:0], n)[:n]
	clear(is.ids)
	is.order = is.order[:0]
}

// Labels for the first blank nodes, built once: issuing them costs no allocation.
var (
	bLabels    = labelTable("_:b")
	c14nLabels = labelTable("_:c14n")
)

func labelTable(prefix string) []string {
	t := make([]string, 512)
	for i := range t {
		t[i] = prefix + strconv.Itoa(i)
	}
	return t
}

func labelN(prefix string, n int) string {
	switch {
	case n < len(bLabels) && prefix == "_:b":
		return bLabels[n]
	case n < len(c14nLabels) && prefix == "_:c14n":
		return c14nLabels[n]
	}
	return prefix + strconv.Itoa(n)
}

func (is *issuer) issue(b int32) string {
	if k := is.ids[b]; k != 0 {
		return labelN(is.prefix, int(k-1))
	}
	k := len(is.order)
	is.ids[b] = int32(k + 1)
	is.order = append(is.order, b)
	return labelN(is.prefix, k)
}

func (is *issuer) has(b int32) bool { return is.ids[b] != 0 }

// hash is a SHA-256 sum; ordering sums as bytes orders them as their hexadecimal forms.
type hash = [32]byte

func appendHex(b []byte, h *hash) []byte { return hex.AppendEncode(b, h[:]) }

// nResult is a blank node's result of the hash N-degree quads algorithm.
type nResult struct {
	hash hash
	is   *issuer
}

// urdna is the state of one run of URDNA2015, kept with its buffers between documents.
type urdna struct {
	quads     []rdfQuad
	n         int       // blank nodes, numbered 0..n-1
	names     []string  // blank node -> its document label
	byBlank   [][]int32 // blank node -> indexes of the quads it appears in
	first     []hash    // blank node -> its first-degree hash
	canonical issuer
	tooMany   bool // a blank node has more than 8 indistinguishable neighbours: leave it to json-gold
	work      int  // steps of the N-degree hash left (calls and permutations); below zero, the run gives up
	tooManyOK bool // permutations of more than 8 neighbours are listed (the work estimate of workCheck)
	blanks    []int32
	sorted    []int32
	shared    [][]int32
	results   []nResult
	issuers   []*issuer // recycled issuers; the first nIssuers are in use in this run
	nIssuers  int
	// scratch space for serializing lines
	buf   []byte
	ends  []int
	lines [][]byte
	hbuf  []byte
}

// sumLines sorts lines and returns the hash of their concatenation.
func (u *urdna) sumLines(lines [][]byte) hash {
	slices.SortFunc(lines, bytes.Compare)
	h := u.hbuf[:0]
	for _, l := range lines {
		h = append(h, l...)
	}
	u.hbuf = h
	return sha256.Sum256(h)
}

func (u *urdna) hashFirstDegree(id int32) hash {
	label := func(b int32) string {
		if b == id {
			return "_:a"
		}
		return "_:z"
	}
	buf := u.buf[:0]
	ends := u.ends[:0]
	for _, qi := range u.byBlank[id] {
		buf = appendNQuad(buf, &u.quads[qi], label)
		ends = append(ends, len(buf))
	}
	lines := u.lines[:0]
	start := 0
	for _, e := range ends {
		lines = append(lines, buf[start:e])
		start = e
	}
	h := u.sumLines(lines)
	u.buf, u.ends, u.lines = buf, ends, lines
	return h
}

func (u *urdna) hashRelated(related int32, q *rdfQuad, is *issuer, position byte) hash {
	b := append(u.hbuf[:0], position, '<')
	b = append(b, q.p.v...)
	b = append(b, '>')
	switch {
	case u.canonical.has(related):
		b = append(b, u.canonical.issue(related)...)
	case is.has(related):
		b = append(b, is.issue(related)...)
	default:
		b = appendHex(b, &u.first[related])
	}
	u.hbuf = b
	return sha256.Sum256(b)
}

func (u *urdna) hashNDegree(id int32, is *issuer) (hash, *issuer) {
	if u.work--; u.work < 0 {
		return hash{}, is
	}
	hashToRelated := map[hash][]int32{}
	for _, qi := range u.byBlank[id] {
		q := &u.quads[qi]
		if q.s.kind == tBlank && q.s.id != id {
			h := u.hashRelated(q.s.id, q, is, 's')
			hashToRelated[h] = append(hashToRelated[h], q.s.id)
		}
		if q.o.kind == tBlank && q.o.id != id {
			h := u.hashRelated(q.o.id, q, is, 'o')
			hashToRelated[h] = append(hashToRelated[h], q.o.id)
		}
		if q.g.kind == tBlank && q.g.id != id {
			h := u.hashRelated(q.g.id, q, is, 'g')
			hashToRelated[h] = append(hashToRelated[h], q.g.id)
		}
	}
	hashes := make([]hash, 0, len(hashToRelated))
	for h := range hashToRelated {
		hashes = append(hashes, h)
	}
	slices.SortFunc(hashes, func(a, b hash) int { return bytes.Compare(a[:], b[:]) })
	var data []byte
	for i := range hashes {
		h := &hashes[i]
		data = appendHex(data, h)
		chosenPath := ""
		var chosen *issuer
		// Every permutation is a step: a poison graph (many blank nodes alike) runs out of work here before its
		// permutations are even listed.
		if u.work -= permutationCount(hashToRelated[*h], u.work+1); u.work < 0 {
			return hash{}, is
		}
		if len(hashToRelated[*h]) > 8 && !u.tooManyOK {
			u.tooMany = true
			return hash{}, is
		}
		perms := u.permutations(hashToRelated[*h])
	perm:
		for _, perm := range perms {
			isc := u.clone(is)
			path := ""
			var recursion []int32
			for _, rel := range perm {
				if u.canonical.has(rel) {
					path += u.canonical.issue(rel)
				} else {
					if !isc.has(rel) {
						recursion = append(recursion, rel)
					}
					path += isc.issue(rel)
				}
				if chosenPath != "" && len(path) >= len(chosenPath) && path > chosenPath {
					continue perm
				}
			}
			for _, rel := range recursion {
				rh, ri := u.hashNDegree(rel, isc)
				if u.tooMany || u.work < 0 {
					return hash{}, is
				}
				path += isc.issue(rel)
				path += "<" + string(appendHex(nil, &rh)) + ">"
				isc = ri
				if chosenPath != "" && len(path) >= len(chosenPath) && path > chosenPath {
					continue perm
				}
			}
			if chosenPath == "" || path < chosenPath {
				chosenPath, chosen = path, isc
			}
		}
		data = append(data, chosenPath...)
		is = chosen
	}
	return sha256.Sum256(data), is
}

// permutations returns every ordering of list (sorted by label first), in lexicographic order of the labels.
func (u *urdna) permutations(list []int32) [][]int32 {
	l := slices.Clone(list)
	less := func(a, b int32) bool { return u.names[a] < u.names[b] }
	slices.SortFunc(l, func(a, b int32) int { return strings.Compare(u.names[a], u.names[b]) })
	var out [][]int32
	for {
		out = append(out, slices.Clone(l))
		i := len(l) - 2
		for i >= 0 && !less(l[i], l[i+1]) {
			i--
		}
		if i < 0 {
			return out
		}
		j := len(l) - 1
		for !less(l[i], l[j]) {
			j--
		}
		l[i], l[j] = l[j], l[i]
		for a, b := i+1, len(l)-1; a < b; a, b = a+1, b-1 {
			l[a], l[b] = l[b], l[a]
		}
	}
}

// reset prepares the state for a dataset with n blank nodes and a budget of work steps, reusing its buffers.
func (u *urdna) reset(quads []rdfQuad, n, work int) {
	u.quads, u.n, u.tooMany, u.work = quads, n, false, work
	u.byBlank = slices.Grow(u.byBlank[:0], n)[:n]
	for i := range u.byBlank {
		u.byBlank[i] = u.byBlank[i][:0]
	}
	u.names = slices.Grow(u.names[:0], n)[:n]
	u.first = slices.Grow(u.first[:0], n)[:n]
	u.blanks = u.blanks[:0]
	u.nIssuers = 0
	u.canonical.init("_:c14n", n)
}

// release drops what the state refers to of a document.
func (u *urdna) release() {
	u.quads = nil
	clear(u.names)
	clear(u.results)
}

// canonicalNQuads runs URDNA2015 over the quads (all in the default graph) and returns the sorted N-Quads, or
// errWorkLimit for a poison graph.
func (u *urdna) canonicalNQuads() ([]byte, error) {
	if err := u.labelCanonically(); err != nil {
		return nil, err
	}
	quads := u.quads
	label := func(b int32) string { return u.canonical.issue(b) }
	size := 0
	for i := range quads {
		size += len(quads[i].s.nq) + len(quads[i].p.nq) + len(quads[i].o.nq) + 16
	}
	buf := slices.Grow(u.buf[:0], size)
	ends := u.ends[:0]
	for i := range quads {
		buf = appendNQuad(buf, &quads[i], label)
		ends = append(ends, len(buf))
	}
	lines := u.lines[:0]
	start := 0
	for _, e := range ends {
		lines = append(lines, buf[start:e])
		start = e
	}
	slices.SortFunc(lines, bytes.Compare)
	u.buf, u.ends, u.lines = buf, ends, lines
	out := make([]byte, 0, len(buf))
	for _, l := range lines {
		out = append(out, l...)
	}
	return out, nil
}

// labelCanonically issues the canonical labels of the blank nodes: URDNA2015 without its output. It returns
// errWorkLimit when the N-degree hash would take more than maxNDegreeWork steps, and errBail when a blank node has
// more than 8 indistinguishable neighbours within that work (the fast path leaves it to json-gold).
func (u *urdna) labelCanonically() error {
	quads := u.quads
	blanks := u.blanks
	add := func(t *rdfTerm, i int) {
		if t.kind != tBlank {
			return
		}
		if len(u.byBlank[t.id]) == 0 {
			blanks = append(blanks, t.id)
			u.names[t.id] = t.v
		}
		u.byBlank[t.id] = append(u.byBlank[t.id], int32(i)) // twice for a quad it is in twice, as json-gold does
	}
	for i := range quads {
		add(&quads[i].s, i)
		add(&quads[i].o, i)
		add(&quads[i].g, i)
	}
	u.blanks = blanks
	for _, b := range blanks {
		u.first[b] = u.hashFirstDegree(b)
	}
	// The blank nodes by first-degree hash; equal hashes keep the order of first appearance.
	sorted := append(u.sorted[:0], blanks...)
	u.sorted = sorted
	slices.SortStableFunc(sorted, func(a, b int32) int { return bytes.Compare(u.first[a][:], u.first[b][:]) })
	shared := u.shared[:0]
	for i := 0; i < len(sorted); {
		j := i + 1
		for j < len(sorted) && u.first[sorted[j]] == u.first[sorted[i]] {
			j++
		}
		if j == i+1 {
			u.canonical.issue(sorted[i])
		} else {
			shared = append(shared, sorted[i:j])
		}
		i = j
	}
	u.shared = shared
	for _, group := range shared {
		results := u.results[:0]
		for _, b := range group {
			if u.canonical.has(b) {
				continue
			}
			is := u.newIssuer("_:b")
			is.issue(b)
			rh, ri := u.hashNDegree(b, is)
			if u.work < 0 {
				return errWorkLimit
			}
			if u.tooMany {
				return errBail
			}
			results = append(results, nResult{rh, ri})
		}
		u.results = results
		slices.SortStableFunc(results, func(a, b nResult) int { return bytes.Compare(a.hash[:], b.hash[:]) })
		for _, res := range results {
			for _, old := range res.is.order {
				u.canonical.issue(old)
			}
		}
	}
	return nil
}

// permutationCount returns the number of distinct orderings of list (a blank node may be in it more than once), or
// limit when it reaches limit.
func permutationCount(list []int32, limit int) int {
	if len(list) < 2 {
		return 1
	}
	counts := map[int32]int{}
	for _, b := range list {
		counts[b]++
	}
	// n! / (k1! k2! ...), in logarithms: only the comparison with limit needs to be exact enough.
	lg := func(n int) float64 { v, _ := math.Lgamma(float64(n + 1)); return v }
	l := lg(len(list))
	for _, k := range counts {
		l -= lg(k)
	}
	if l >= math.Log(float64(limit)) {
		return limit
	}
	return int(math.Round(math.Exp(l)))
}

// workCheck runs the labelling of URDNA2015 on a json-gold dataset within maxNDegreeWork, to refuse a poison graph
// before json-gold's own implementation, which has no bound, runs it. Terms are written in a form of their own
// (distinct terms, distinct forms), which gives the blank nodes the same first-degree partition and the N-degree
// hash the same work as the N-Quads form.
func workCheck(ds *ld.RDFDataset, limit int) error {
	var u urdna
	ids := map[string]int32{}
	blank := func(label string) rdfTerm {
		id, ok := ids[label]
		if !ok {
			id = int32(len(ids))
			ids[label] = id
		}
		return rdfTerm{kind: tBlank, v: label, id: id}
	}
	literal := func(l ld.Literal) rdfTerm {
		return rdfTerm{kind: tLiteral, nq: strconv.Quote(l.Value) + "^^" + strconv.Quote(l.Datatype) + "@" + strconv.Quote(l.Language)}
	}
	term := func(n ld.Node) rdfTerm {
		switch n := n.(type) {
		case *ld.BlankNode:
			return blank(n.Attribute)
		case ld.BlankNode:
			return blank(n.Attribute)
		case *ld.IRI:
			return rdfTerm{kind: tIRI, v: n.Value, nq: "<" + n.Value + ">"}
		case ld.IRI:
			return rdfTerm{kind: tIRI, v: n.Value, nq: "<" + n.Value + ">"}
		case *ld.Literal:
			return literal(*n)
		case ld.Literal:
			return literal(n)
		}
		return rdfTerm{}
	}
	var quads []rdfQuad
	for name, graph := range ds.Graphs {
		for _, q := range graph {
			rq := rdfQuad{s: term(q.Subject), p: term(q.Predicate), o: term(q.Object)}
			if name != "@default" && q.Graph != nil {
				rq.g = term(q.Graph)
			}
			quads = append(quads, rq)
		}
	}
	u.reset(quads, len(ids), limit)
	u.tooManyOK = true
	if err := u.labelCanonically(); errors.Is(err, errWorkLimit) {
		return err
	}
	return nil
}
