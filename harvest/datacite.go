package harvest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/dop2i/fairmeta/datacite"
)

// DataCiteQuery selects the DOIs a DataCite REST harvest lists. Empty fields select everything.
type DataCiteQuery struct {
	ClientID       string // repository ID, e.g. "CERN.ZENODO"
	Prefix         string // DOI prefix, e.g. "10.5281"
	ResourceTypeID string // e.g. "dataset"
	Query          string // a query in DataCite's search syntax, ANDed with the time range
	// From and Until bound the DOIs' updated date, From included, Until excluded. A zero From means
	// DefaultDataCiteFrom; a zero Until means DataCiteLag before now, and a rerun then continues from where the
	// previous run ended.
	From, Until time.Time
	// PageSize is the number of DOIs per request, 1 to 1000; 0 means 1000.
	PageSize int
	// Workers is the number of time ranges harvested at once; 0 means 4.
	Workers int
	// Lag is how far behind now an open-ended harvest stops; 0 means DataCiteLag.
	Lag time.Duration
}

// DefaultDataCiteFrom is the start of a harvest without From: before DataCite's first DOI.
var DefaultDataCiteFrom = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// DataCiteLag is how far behind now an open-ended harvest stops by default, so that DOIs updated while the index
// catches up are left to the next run instead of being missed.
const DataCiteLag = 5 * time.Minute

// dcPlan is the checkpointed plan of one harvest round: its time range and how it was cut.
type dcPlan struct {
	Rounds []dcRound `json:"rounds"`
}

type dcRound struct {
	From   time.Time   `json:"from"`
	Until  time.Time   `json:"until"`
	Slices []time.Time `json:"slices"` // start of each slice; each ends where the next starts, the last at Until
}

// dcSlice is the checkpointed state of one time slice.
type dcSlice struct {
	Cursor string `json:"cursor,omitempty"`
	Done   bool   `json:"done,omitempty"`
}

const planKey = "plan"

func sliceKey(from time.Time) string { return "slice " + from.UTC().Format(time.RFC3339) }

// HarvestDataCite harvests the DOIs q selects into out through c, with cursor paging. The updated-date range is cut
// into slices of about the same number of DOIs (the API counts them), harvested q.Workers at a time; each slice
// checkpoints its cursor after every page, so a harvest stopped for any reason resumes where each slice was. Items
// carry the DOI as identifier, the updated date as datestamp and the attributes as the API sent them.
//
// out's parameters must hold q (without a default Until): a rerun with the same files and an open end continues
// with the DOIs updated since the previous run's end.
func HarvestDataCite(ctx context.Context, c *datacite.Client, q DataCiteQuery, out *Output) (Stats, error) {
	var st Stats
	if c == nil || out == nil {
		return st, errors.New("harvest: HarvestDataCite needs a client and an output")
	}
	if q.PageSize <= 0 || q.PageSize > 1000 {
		q.PageSize = 1000
	}
	if q.Workers <= 0 {
		q.Workers = 4
	}
	if q.From.IsZero() {
		q.From = DefaultDataCiteFrom
	}
	var plan dcPlan
	if raw := out.State(planKey); raw != nil {
		if err := json.Unmarshal(raw, &plan); err != nil {
			return st, &CheckpointError{Path: out.ckPath, Reason: fmt.Sprintf("unreadable DataCite plan: %v", err)}
		}
	}
	// Finish the last round of the plan; when it is done, start one from where it ended (an open-ended harvest
	// continues; a closed range that was covered has nothing left).
	var round dcRound
	if n := len(plan.Rounds); n > 0 && !roundDone(out, plan.Rounds[n-1]) {
		round = plan.Rounds[n-1]
	} else {
		from := q.From.UTC()
		if n > 0 {
			from = plan.Rounds[n-1].Until
		}
		until := q.Until.UTC()
		if q.Until.IsZero() {
			lag := q.Lag
			if lag <= 0 {
				lag = DataCiteLag
			}
			until = time.Now().Add(-lag).UTC().Truncate(time.Second)
		}
		if !from.Before(until) {
			return st, nil
		}
		slices, err := cut(ctx, c, q, from, until)
		if err != nil {
			return st, err
		}
		round = dcRound{From: from, Until: until, Slices: slices}
		plan.Rounds = append(plan.Rounds, round)
		if _, _, err := out.Commit(planKey, nil, plan); err != nil {
			return st, err
		}
	}
	return st, harvestRound(ctx, c, q, round, out, &st)
}

func roundDone(out *Output, r dcRound) bool {
	for _, s := range r.Slices {
		var ss dcSlice
		if raw := out.State(sliceKey(s)); raw == nil || json.Unmarshal(raw, &ss) != nil || !ss.Done {
			return false
		}
	}
	return true
}

func rangeQuery(q DataCiteQuery, from, until time.Time) datacite.ListOptions {
	rng := `updated:["` + from.UTC().Format(time.RFC3339) + `" TO "` + until.UTC().Format(time.RFC3339) + `"}`
	query := rng
	if q.Query != "" {
		query = "(" + q.Query + ") AND " + rng
	}
	return datacite.ListOptions{ClientID: q.ClientID, Prefix: q.Prefix, ResourceTypeID: q.ResourceTypeID, Query: query, PageSize: q.PageSize}
}

func count(ctx context.Context, c *datacite.Client, q DataCiteQuery, from, until time.Time) (int, error) {
	opt := rangeQuery(q, from, until)
	opt.PageSize = 1
	p, _, err := c.DOIs.ListPage(ctx, opt, "")
	if err != nil {
		return 0, err
	}
	return p.Total, nil
}

// cut splits [from, until) into slices of about the same number of DOIs: it bisects the fullest slice, by time,
// until there are 4 slices per worker or none holds more than its share.
func cut(ctx context.Context, c *datacite.Client, q DataCiteQuery, from, until time.Time) ([]time.Time, error) {
	type span struct {
		from, until time.Time
		n           int
	}
	total, err := count(ctx, c, q, from, until)
	if err != nil {
		return nil, err
	}
	spans := []span{{from, until, total}}
	target := 4 * q.Workers
	share := max(total/target, q.PageSize)
	for len(spans) < target {
		sort.Slice(spans, func(i, j int) bool { return spans[i].n > spans[j].n })
		big := spans[0]
		if big.n <= share || big.until.Sub(big.from) < 2*time.Second {
			break
		}
		mid := big.from.Add(big.until.Sub(big.from) / 2).Truncate(time.Second)
		n1, err := count(ctx, c, q, big.from, mid)
		if err != nil {
			return nil, err
		}
		spans[0] = span{big.from, mid, n1}
		spans = append(spans, span{mid, big.until, big.n - n1})
	}
	starts := make([]time.Time, 0, len(spans))
	for _, s := range spans {
		if s.n > 0 || len(spans) == 1 {
			starts = append(starts, s.from)
		}
	}
	sort.Slice(starts, func(i, j int) bool { return starts[i].Before(starts[j]) })
	if len(starts) == 0 || !starts[0].Equal(from) {
		starts = append([]time.Time{from}, starts...) // the first slice starts at from even when empty
	}
	return starts, nil
}

// harvestRound harvests the slices of a round that are not done, q.Workers at a time.
func harvestRound(ctx context.Context, c *datacite.Client, q DataCiteQuery, r dcRound, out *Output, st *Stats) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct{ from, until time.Time }
	jobs := make(chan job)
	var (
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	fail := func(err error) {
		mu.Lock()
		if firstErr == nil {
			firstErr = err
			cancel()
		}
		mu.Unlock()
	}
	for range q.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if err := harvestSlice(ctx, c, q, j.from, j.until, out, st, &mu); err != nil {
					fail(err)
				}
			}
		}()
	}
	for i, s := range r.Slices {
		end := r.Until
		if i+1 < len(r.Slices) {
			end = r.Slices[i+1]
		}
		select {
		case jobs <- job{s, end}:
		case <-ctx.Done():
		}
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

func harvestSlice(ctx context.Context, c *datacite.Client, q DataCiteQuery, from, until time.Time, out *Output, st *Stats, mu *sync.Mutex) error {
	key := sliceKey(from)
	var s dcSlice
	if raw := out.State(key); raw != nil {
		if err := json.Unmarshal(raw, &s); err != nil {
			return &CheckpointError{Path: out.ckPath, Reason: fmt.Sprintf("unreadable state of %s: %v", key, err)}
		}
	}
	opt := rangeQuery(q, from, until)
	for !s.Done {
		if err := ctx.Err(); err != nil {
			return err
		}
		p, _, err := c.DOIs.ListPage(ctx, opt, s.Cursor)
		if err != nil {
			return err
		}
		items := make([]Item, len(p.Items))
		for i, it := range p.Items {
			var a struct {
				Updated string `json:"updated"`
			}
			_ = json.Unmarshal(it.Attributes, &a)
			items[i] = Item{Identifier: it.DOI, Datestamp: a.Updated, Record: it.Attributes}
		}
		s = dcSlice{Cursor: p.Next, Done: p.Next == ""}
		w, k, err := out.Commit(key, items, s)
		mu.Lock()
		st.Pages++
		st.Items += int64(w)
		st.Skipped += int64(k)
		mu.Unlock()
		if err != nil {
			return err
		}
	}
	return nil
}
