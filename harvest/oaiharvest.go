package harvest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Stats sums up a harvest.
type Stats struct {
	Pages    int64 // list answers read
	Items    int64 // items written to the output
	Skipped  int64 // items not written because the output already had them
	Deleted  int64 // deleted records among the items written
	Restarts int64 // lists asked again after an expired resumption token
	Problems int64 // items whose metadata could not be read in its format (kept as a string)
}

// oaiState is what an OAI-PMH harvest checkpoints after each page.
type oaiState struct {
	Granularity  string `json:"granularity"`
	From         string `json:"from,omitempty"`  // the from of the current list (the query's, or a restart's)
	Token        string `json:"token,omitempty"` // resumes the current list; empty: list from From
	Latest       string `json:"latest,omitempty"`
	Unordered    bool   `json:"unordered,omitempty"` // datestamps came out of order: restarts go back to Start
	RestartFrom  string `json:"restartFrom,omitempty"`
	RestartAt    int64  `json:"restartAt"` // output offset from which items with datestamps ≥ RestartFrom may be
	Start        string `json:"start,omitempty"`
	StartAt      int64  `json:"startAt"`
	ResponseDate string `json:"responseDate,omitempty"` // of the first answer of this harvest
	Done         bool   `json:"done,omitempty"`
}

const oaiKey = "oai"

// HarvestOAI harvests the records q selects into out, resuming from out's checkpoint: it continues with the saved
// resumption token, or, when that token has expired, lists again from the latest datestamp it had reached (from
// the start of the harvest when the repository's datestamps were not in order), leaving out what out already
// holds. A harvest that had finished is continued incrementally from the latest datestamp it saw, so a rerun
// appends only new and changed records (and deletions).
//
// Records in DataCite XML become DataCite JSON attributes ([DecodeMetadata]); others are kept as strings.
// HarvestOAI returns when the list is complete, at the first error that retries could not overcome (the output
// then holds every page before it and the checkpoint resumes after them), or when ctx is done.
func HarvestOAI(ctx context.Context, c *OAIClient, q Query, out *Output) (Stats, error) {
	var st Stats
	if c == nil || out == nil {
		return st, errors.New("harvest: HarvestOAI needs a client and an output")
	}
	if q.MetadataPrefix == "" {
		return st, errors.New("harvest: HarvestOAI needs a metadata prefix")
	}
	var s oaiState
	if raw := out.State(oaiKey); raw != nil {
		if err := json.Unmarshal(raw, &s); err != nil {
			return st, &CheckpointError{Path: out.ckPath, Reason: fmt.Sprintf("unreadable OAI-PMH state: %v", err)}
		}
	} else {
		id, err := c.Identify(ctx)
		if err != nil {
			return st, err
		}
		s.Granularity = id.Granularity
		s.From = atGranularity(q.From, s.Granularity)
		s.Start, s.StartAt = s.From, out.Size()
		s.RestartFrom, s.RestartAt = s.From, s.StartAt
	}
	if s.Done {
		if q.Until != "" {
			return st, nil // a closed range that was harvested whole: nothing can be missing
		}
		// Continue incrementally: from the latest datestamp when the datestamps came in order, else from when the
		// last harvest began; what the output already holds from there on is left out.
		if s.Unordered || s.Latest == "" {
			if rd := atGranularity(s.ResponseDate, s.Granularity); rd != "" {
				s.From = rd
			}
			s.RestartAt = s.StartAt
		} else {
			s.From = s.RestartFrom
		}
		if err := out.SkipFrom(s.RestartAt); err != nil {
			return st, err
		}
		s.Start, s.StartAt, s.RestartFrom = s.From, s.RestartAt, s.From
		s.Done, s.Token, s.Unordered, s.Latest, s.ResponseDate = false, "", false, "", ""
	}
	qq := q
	restarts := 0
	for {
		qq.From = s.From
		p, err := c.ListRecordsPage(ctx, qq, s.Token)
		var pe *ProtocolError
		if errors.As(err, &pe) && pe.Code == CodeBadResumptionToken && s.Token != "" {
			if restarts >= maxRestarts {
				return st, fmt.Errorf("harvest: %d resumption tokens expired in a row without progress: %w", restarts, err)
			}
			restarts++
			st.Restarts++
			if s.Unordered {
				s.From, s.RestartAt = s.Start, s.StartAt
			} else {
				s.From = s.RestartFrom
			}
			c.logger.Info("harvest: resumption token expired; listing again", "from", s.From)
			if err := out.SkipFrom(s.RestartAt); err != nil {
				return st, err
			}
			s.Token = ""
			continue
		}
		if err != nil {
			return st, err
		}
		st.Pages++
		if s.ResponseDate == "" {
			s.ResponseDate = p.ResponseDate
		}
		before := out.Size()
		items := make([]Item, len(p.Records))
		for i, r := range p.Records {
			it := Item{Identifier: r.Identifier, Datestamp: r.Datestamp, Deleted: r.Deleted}
			if !r.Deleted {
				it.Record, it.NotRead, it.Problem = DecodeMetadata(r.Metadata)
			}
			items[i] = it
			s.track(r.Datestamp, before)
		}
		if len(items) > 0 {
			restarts = 0
		}
		s.Token = p.Token.Value
		s.Done = s.Token == ""
		w, k, err := out.Commit(oaiKey, items, s)
		st.Items += int64(w)
		st.Skipped += int64(k)
		if err != nil {
			return st, err
		}
		for _, it := range items {
			if it.Deleted {
				st.Deleted++
			}
			if it.Problem != "" {
				st.Problems++
			}
		}
		if s.Done && s.Unordered && s.From != s.Start {
			// Out of order, found after a list restarted from a datestamp: records before that datestamp may
			// have been left out, so list again from the start of the harvest, leaving out what is written.
			st.Restarts++
			s.From, s.Token, s.Done = s.Start, "", false
			if err := out.SkipFrom(s.StartAt); err != nil {
				return st, err
			}
		}
		if s.Done {
			return st, nil
		}
		if err := ctx.Err(); err != nil {
			return st, err
		}
	}
}

// track updates the restart point after a record with datestamp ds, on a page written from output offset at.
func (s *oaiState) track(ds string, at int64) {
	if s.Latest != "" && ds < s.Latest && !s.Unordered {
		s.Unordered = true
	}
	if ds > s.Latest {
		s.Latest = ds
	}
	if s.Unordered {
		s.RestartFrom, s.RestartAt = s.Start, s.StartAt
		return
	}
	if g := atGranularity(ds, s.Granularity); g > s.RestartFrom {
		s.RestartFrom, s.RestartAt = g, at
	}
}

// atGranularity cuts a datestamp to the repository's granularity: a date when it has day granularity.
func atGranularity(ds, granularity string) string {
	ds = strings.TrimSpace(ds)
	if ds == "" {
		return ""
	}
	if granularity == "YYYY-MM-DD" && len(ds) > 10 {
		return ds[:10]
	}
	if granularity != "YYYY-MM-DD" && len(ds) > 10 {
		// normalise to whole seconds in UTC, the only other granularity OAI-PMH has
		if t, err := time.Parse(time.RFC3339Nano, ds); err == nil {
			return t.UTC().Format("2006-01-02T15:04:05Z")
		}
	}
	return ds
}
