package assess

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/fair"
)

// MetricSet names a set of FAIR metrics that [Assess] applies.
type MetricSet string

// The metric sets F-UJI applies, in the versions fairmeta implements.
const (
	// MetricsData is the FAIRsFAIR data metrics v0.8 (F-UJI metrics_v0.8.yaml), for datasets and every other
	// resource that is not software.
	MetricsData MetricSet = "fsf-0.8"
	// MetricsSoftware is the FAIR4RS software metrics (FRSM) v0.7 (F-UJI metrics_v0.7_software.yaml).
	MetricsSoftware MetricSet = "frsm-0.7"
)

// String returns the metric set's name for people, e.g. "FAIRsFAIR data metrics v0.8".
func (s MetricSet) String() string {
	switch s {
	case MetricsData:
		return "FAIRsFAIR data metrics v0.8"
	case MetricsSoftware:
		return "FAIR4RS software metrics (FRSM) v0.7"
	}
	return string(s)
}

// Specification returns the address of the metric set's specification, or "" for an unknown set.
func (s MetricSet) Specification() string {
	switch s {
	case MetricsData:
		return "https://doi.org/10.5281/zenodo.15045911"
	case MetricsSoftware:
		return "https://doi.org/10.5281/zenodo.10047401"
	}
	return ""
}

// Valid reports whether s is one of the metric sets fairmeta implements.
func (s MetricSet) Valid() bool { _, ok := s.metrics(); return ok }

func (s MetricSet) metrics() ([]metricDef, bool) {
	switch s {
	case MetricsData:
		return dataMetrics, true
	case MetricsSoftware:
		return softwareMetrics, true
	}
	return nil, false
}

// Outcome is the outcome of one metric test.
type Outcome string

// The outcomes of a metric test.
const (
	OutcomePass   Outcome = "pass"
	OutcomeFail   Outcome = "fail"
	OutcomeNotRun Outcome = "not run" // a network test without an HTTP client, or a test that needs the source repository
	// OutcomeNotChecked is a network test that could not check what it tests: a name lookup failed or a connection
	// timed out, which says more about the network of the machine running the assessment than about the record.
	// It earns nothing, like a test not run, and has no fix.
	OutcomeNotChecked Outcome = "could not check"
)

// TestResult is the outcome of one metric test.
type TestResult struct {
	// ID is the test identifier, e.g. "FsF-F1-02MD-1".
	ID string `json:"id"`
	// Name is the test as the metric definition states it.
	Name string `json:"name"`
	// Points are the points the test is worth; Earned are those it earned (Points when it passed, otherwise 0).
	Points float64 `json:"points"`
	Earned float64 `json:"earned"`
	// Maturity is the maturity level (1 initial, 2 moderate, 3 advanced) a passed test shows.
	Maturity int `json:"maturity"`
	// Outcome is pass, fail or not run.
	Outcome Outcome `json:"outcome"`
	// Network reports whether the test needs the network (it runs only when Assess is given an HTTP client).
	Network bool `json:"network,omitempty"`
	// Detail says what the test found, or why it did not run.
	Detail string `json:"detail,omitempty"`
	// Fixes say, for a failed test, what to change in this record to pass it.
	Fixes []string `json:"fixes,omitempty"`
}

// MetricResult is the outcome of one metric: its tests and the points and maturity they add up to.
type MetricResult struct {
	// ID is the metric identifier, e.g. "FsF-F1-02MD" or "FRSM-03-F1.2".
	ID string `json:"id"`
	// Principle is the FAIR principle the metric assesses, e.g. "F1" or "A1.1".
	Principle string `json:"principle"`
	// Name is the metric's short name.
	Name string `json:"name"`
	// Earned are the points earned, out of Total.
	Earned float64 `json:"earned"`
	Total  float64 `json:"total"`
	// Maturity is the highest maturity of the passed tests (0 when the metric earned no points): 0 incomplete,
	// 1 initial, 2 moderate, 3 advanced.
	Maturity int `json:"maturity"`
	// Status is pass when the metric earned points, otherwise fail.
	Status Outcome `json:"status"`
	// Tests are the metric's tests in the definition's order.
	Tests []TestResult `json:"tests"`
}

// Score sums the metrics of a FAIR category (F, A, I, R), of a principle (F1, A1.1, ...) or of the whole
// assessment, the way F-UJI's summary does.
type Score struct {
	// Earned and Total are the sums of the metrics' points.
	Earned float64 `json:"earned"`
	Total  float64 `json:"total"`
	// Percent is Earned / Total × 100, rounded to two decimals.
	Percent float64 `json:"percent"`
	// Maturity is the mean maturity of the metrics, rounded half to even, and 1 when the mean is between 0 and 1.
	// Overall it is the mean of the four categories' maturity, rounded to two decimals.
	Maturity float64 `json:"maturity"`
	// Passed is the number of metrics that passed, out of Metrics.
	Passed  int `json:"passed"`
	Metrics int `json:"metrics"`
}

// Fix is one concrete change that makes a failed test pass.
type Fix struct {
	Metric string `json:"metric"` // metric identifier
	Test   string `json:"test"`   // test identifier
	Text   string `json:"text"`   // what to change, phrased for the assessed record
}

// Result is the assessment of one record against one metric set.
type Result struct {
	// Title and Identifier name the assessed record (its main title and primary identifier).
	Title      string `json:"title,omitempty"`
	Identifier string `json:"identifier,omitempty"`
	// MetricSet is the metric set applied; Specification is its address.
	MetricSet     MetricSet `json:"metricSet"`
	Specification string    `json:"specification"`
	// Network reports whether the network tests ran.
	Network bool `json:"network"`
	// Metrics are the metric results in the definition's order.
	Metrics []MetricResult `json:"metrics"`
	// Categories are the scores of F, A, I and R; Principles those of each principle (F1, F1.1, A1.1, ...).
	Categories map[string]Score `json:"categories"`
	Principles map[string]Score `json:"principles"`
	// Overall is the score of the whole assessment.
	Overall Score `json:"overall"`
	// Reachable is the most points this assessment could award: Overall.Total when the network tests ran,
	// otherwise the points of the tests that run offline.
	Reachable float64 `json:"reachable"`
	// Fixes lists, for every failed test, what to change in the record.
	Fixes []Fix `json:"fixes,omitempty"`
}

// Categories are the four FAIR categories in their order.
var fairCategories = []string{"F", "A", "I", "R"}

// FAIRCategories returns "F", "A", "I", "R": the keys of [Result.Categories] in their order.
func FAIRCategories() []string { return append([]string(nil), fairCategories...) }

// MaturityName names a maturity level as F-UJI does: 0 incomplete, 1 initial, 2 moderate, 3 advanced.
func MaturityName(level int) string {
	switch level {
	case 0:
		return "incomplete"
	case 1:
		return "initial"
	case 2:
		return "moderate"
	case 3:
		return "advanced"
	}
	return fmt.Sprintf("level %d", level)
}

// Option configures [Assess]. Options are made by this package's With functions only.
type Option interface {
	applyAssess(*assessConfig) error
}

type assessConfig struct {
	client   *http.Client
	resolver *doi.Resolver
	set      MetricSet
}

type optionFunc func(*assessConfig) error

func (f optionFunc) applyAssess(c *assessConfig) error { return f(c) }

// WithHTTPClient makes Assess run the network tests (does the identifier resolve, is the landing page reachable,
// does content negotiation work) with c. Without it those tests are reported as not run. The client's timeout
// and transport are used as they are; responses are read up to 2 MiB.
func WithHTTPClient(c *http.Client) Option {
	return optionFunc(func(cfg *assessConfig) error {
		if c == nil {
			return fmt.Errorf("%w: WithHTTPClient(nil)", ErrInvalidOption)
		}
		cfg.client = c
		return nil
	})
}

// WithDOIResolver makes the network tests resolve DOIs (Handle API) and negotiate their metadata with r, e.g. one
// pointed at a test server. Without it they use a resolver for https://doi.org/ on the client of [WithHTTPClient].
// It does not by itself enable the network tests: they run only with WithHTTPClient.
func WithDOIResolver(r *doi.Resolver) Option {
	return optionFunc(func(cfg *assessConfig) error {
		if r == nil {
			return fmt.Errorf("%w: WithDOIResolver(nil)", ErrInvalidOption)
		}
		cfg.resolver = r
		return nil
	})
}

// WithMetricSet chooses the metric set. Without it Assess applies [MetricsSoftware] to a record whose general
// resource type is Software (or that has no type but carries software facts) and [MetricsData] to any other.
func WithMetricSet(s MetricSet) Option {
	return optionFunc(func(cfg *assessConfig) error {
		if _, ok := s.metrics(); !ok {
			return fmt.Errorf("%w: unknown metric set %q (known: %s, %s)", ErrInvalidOption, s, MetricsData, MetricsSoftware)
		}
		cfg.set = s
		return nil
	})
}

// ErrInvalidOption is returned by Assess for an invalid option.
var ErrInvalidOption = errors.New("assess: invalid option")

// ErrNilResource is returned by Assess when it is given no record.
var ErrNilResource = errors.New("assess: nil resource")

// Assess scores r against the FAIR metrics F-UJI applies and says how to fix every failed test. It returns an
// error only for a nil record, an invalid option or a cancelled context; a poor record is a low score, not an
// error. Network tests run only with [WithHTTPClient]. Assess does not modify r.
func Assess(ctx context.Context, r *fair.Resource, opts ...Option) (*Result, error) {
	if r == nil {
		return nil, ErrNilResource
	}
	var cfg assessConfig
	for _, o := range opts {
		if o == nil {
			return nil, fmt.Errorf("%w: nil option", ErrInvalidOption)
		}
		if err := o.applyAssess(&cfg); err != nil {
			return nil, err
		}
	}
	if cfg.set == "" {
		cfg.set = MetricsData
		if r.ResourceType.General == fair.ResourceTypeSoftware || r.ResourceType.General == "" && !r.Software.IsZero() {
			cfg.set = MetricsSoftware
		}
	}
	defs, _ := cfg.set.metrics()
	if cfg.client != nil && cfg.resolver == nil {
		res, err := doi.NewResolver(doi.WithHTTPClient(cfg.client), doi.WithRetry(2, 200*time.Millisecond, 0),
			doi.WithUserAgent("fairmeta-assess"))
		if err != nil {
			return nil, fmt.Errorf("assess: %w", err)
		}
		cfg.resolver = res
	}
	a := newAssessment(r, cfg.client)
	a.resolver = cfg.resolver
	rep := &Result{
		Title:         r.MainTitle(),
		Identifier:    r.Identifier.Value,
		MetricSet:     cfg.set,
		Specification: cfg.set.Specification(),
		Network:       cfg.client != nil,
	}
	for _, m := range defs {
		mr := MetricResult{ID: m.id, Principle: m.principle, Name: m.name, Total: m.total, Status: OutcomeFail}
		sum, offline := 0.0, 0.0
		for _, td := range m.tests {
			tr, err := a.run(ctx, td)
			if err != nil {
				return nil, err
			}
			if tr.Outcome == OutcomePass {
				sum += td.points
				mr.Maturity = max(mr.Maturity, td.maturity)
			}
			if c := checks[td.id]; c.kind == kindOffline || c.kind == kindNetwork && cfg.client != nil {
				offline += td.points
			}
			for _, f := range tr.Fixes {
				rep.Fixes = append(rep.Fixes, Fix{Metric: m.id, Test: td.id, Text: f})
			}
			mr.Tests = append(mr.Tests, tr)
		}
		// F-UJI adds the points of the passed tests up to the metric's total.
		mr.Earned = math.Min(sum, m.total)
		if mr.Earned > 0 {
			mr.Status = OutcomePass
		} else {
			mr.Maturity = 0
		}
		rep.Reachable += math.Min(offline, m.total)
		rep.Metrics = append(rep.Metrics, mr)
	}
	rep.summarise()
	return rep, nil
}

// principleRE reads the principle and category from a metric identifier, as F-UJI's summary does.
var principleRE = regexp.MustCompile(`^(?:FRSM-[0-9]+|FsF)-(([FAIR])[0-9](\.[0-9])?)`)

// principleOf returns the FAIR principle in a metric identifier ("FsF-A1.1-01MD" → "A1.1"), or "".
func principleOf(id string) string {
	if m := principleRE.FindStringSubmatch(id); m != nil {
		return m[1]
	}
	return ""
}

// summarise computes the category, principle and overall scores the way F-UJI's get_assessment_summary does:
// points are summed; percentages are rounded to two decimals; a group's maturity is the mean of its metrics'
// maturity, 1 when that mean is strictly between 0 and 1 and otherwise rounded half to even (Python's round); the
// overall maturity is the sum of the four categories' maturity divided by four, with the same rule for (0, 1),
// rounded to two decimals.
func (rep *Result) summarise() {
	type acc struct {
		earned, total float64
		maturity      []int
		passed, n     int
	}
	groups := map[string]*acc{}
	add := func(key string, m MetricResult) {
		g := groups[key]
		if g == nil {
			g = &acc{}
			groups[key] = g
		}
		g.earned += m.Earned
		g.total += m.Total
		g.maturity = append(g.maturity, m.Maturity)
		g.n++
		if m.Status == OutcomePass {
			g.passed++
		}
	}
	for _, m := range rep.Metrics {
		add(m.Principle, m)
		add(m.Principle[:1], m)
		add("FAIR", m)
	}
	score := func(g *acc) Score {
		s := Score{Earned: round2(g.earned), Total: round2(g.total), Passed: g.passed, Metrics: g.n}
		if g.total > 0 {
			s.Percent = round2(g.earned / g.total * 100)
		}
		mean := 0.0
		for _, v := range g.maturity {
			mean += float64(v)
		}
		mean /= float64(len(g.maturity))
		if mean > 0 && mean < 1 {
			s.Maturity = 1
		} else {
			s.Maturity = math.RoundToEven(mean)
		}
		return s
	}
	rep.Categories = map[string]Score{}
	rep.Principles = map[string]Score{}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		switch {
		case k == "FAIR":
			rep.Overall = score(groups[k])
		case len(k) == 1:
			rep.Categories[k] = score(groups[k])
		default:
			rep.Principles[k] = score(groups[k])
		}
	}
	total := 0.0
	for _, c := range fairCategories {
		total += rep.Categories[c].Maturity
	}
	overall := total / 4
	if overall > 0 && overall < 1 {
		overall = 1
	}
	rep.Overall.Maturity = round2(overall)
	rep.Reachable = round2(rep.Reachable)
}

func round2(x float64) float64 { return math.RoundToEven(x*100) / 100 }

// FailedTests returns the tests that failed (not those that did not run), in the report's order.
func (rep *Result) FailedTests() []TestResult {
	var out []TestResult
	for _, m := range rep.Metrics {
		for _, t := range m.Tests {
			if t.Outcome == OutcomeFail {
				out = append(out, t)
			}
		}
	}
	return out
}

// Metric returns the result of the metric with the given identifier, and whether the report has it.
func (rep *Result) Metric(id string) (MetricResult, bool) {
	for _, m := range rep.Metrics {
		if m.ID == id {
			return m, true
		}
	}
	return MetricResult{}, false
}

// Test returns the result of the test with the given identifier, and whether the report has it.
func (rep *Result) Test(id string) (TestResult, bool) {
	for _, m := range rep.Metrics {
		for _, t := range m.Tests {
			if t.ID == id {
				return t, true
			}
		}
	}
	return TestResult{}, false
}

// checkKind says how a metric test is decided.
type checkKind int

const (
	kindOffline    checkKind = iota // from the record and the bundled lists
	kindNetwork                     // over HTTP, only with WithHTTPClient
	kindRepository                  // needs the source repository's contents, which fairmeta does not fetch
)

// verdict is what a check decided.
type verdict struct {
	pass   bool
	detail string   // what was found
	fixes  []string // for a failed test: what to change
}

// check decides one metric test.
type check struct {
	kind    checkKind
	offline func(a *assessment) verdict
	network func(ctx context.Context, a *assessment) (verdict, error) // errors only for a cancelled context
	reason  string                                                    // for kindRepository: why it cannot run
}

// checks binds every test identifier of both metric sets to its check (assess_data.go, assess_software.go).
var checks = func() map[string]check {
	m := map[string]check{}
	for _, tbl := range []map[string]check{dataChecks, softwareChecks} {
		for id, c := range tbl {
			m[id] = c
		}
	}
	return m
}()

func (a *assessment) run(ctx context.Context, td testDef) (TestResult, error) {
	tr := TestResult{ID: td.id, Name: td.name, Points: td.points, Maturity: td.maturity, Outcome: OutcomeNotRun}
	c, ok := checks[td.id]
	if !ok { // cannot happen: TestEveryTestBound
		tr.Detail = "not implemented"
		return tr, nil
	}
	var v verdict
	switch c.kind {
	case kindRepository:
		tr.Detail = c.reason
		return tr, nil
	case kindNetwork:
		tr.Network = true
		if a.client == nil {
			tr.Detail = "network test; give an HTTP client (fairmeta assess -network) to run it"
			return tr, nil
		}
		var err error
		a.unreached = nil
		if v, err = c.network(ctx, a); err != nil {
			return tr, err
		}
		if !v.pass && a.unreached != nil {
			tr.Outcome = OutcomeNotChecked
			tr.Detail = "could not check: " + a.unreached.Error() + "; run the assessment again where the network resolves names and answers (if the host name is wrong, correct it)"
			return tr, nil
		}
	default:
		v = c.offline(a)
	}
	tr.Detail = v.detail
	if v.pass {
		tr.Outcome, tr.Earned = OutcomePass, td.points
	} else {
		tr.Outcome, tr.Fixes = OutcomeFail, v.fixes
	}
	return tr, nil
}

// assessment holds the record being assessed and what the checks share.
type assessment struct {
	r          *fair.Resource
	client     *http.Client
	resolver   *doi.Resolver            // for DOIs: Handle API and content negotiation; set with client
	pages      map[string]*page         // fetched pages by method, URL and Accept
	negotiated map[doi.DOI]*negotiation // content negotiation results by DOI
	unreached  error                    // the first failed name lookup or timeout of the network test running
}

// noteUnreached records err when it says nothing about the address asked: the name could not be looked up or the
// connection timed out (see [OutcomeNotChecked]).
func (a *assessment) noteUnreached(err error) {
	var dns *net.DNSError
	var ne net.Error
	if a.unreached == nil && (errors.As(err, &dns) || errors.As(err, &ne) && ne.Timeout()) {
		a.unreached = err
	}
}

func newAssessment(r *fair.Resource, c *http.Client) *assessment {
	return &assessment{r: r, client: c, pages: map[string]*page{}, negotiated: map[doi.DOI]*negotiation{}}
}

// joinList writes "a, b and c".
func joinList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
