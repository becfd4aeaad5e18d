package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dop2i/fairmeta/ror"
	"github.com/dop2i/fairmeta/stream"
)

func init() {
	register(command{name: "ror match", summary: "match affiliation strings (one per line) to ROR IDs, offline or with the ROR API", run: runRORMatch})
	register(command{name: "ror get", summary: "print a ROR organisation (v2 JSON) from a dump or the built-in set", run: runRORGet})
}

// loadIndex returns the index of dump, or the built-in curated set when dump is empty.
func loadIndex(ctx context.Context, cmd, dump string, io stdio) (*ror.Index, bool) {
	if dump == "" {
		return ror.Default(), true
	}
	ix, err := ror.LoadIndex(ctx, dump)
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta %s: %v\n", cmd, err)
		return nil, false
	}
	return ix, true
}

// matchLine is one line of "ror match" output.
type matchLine struct {
	Affiliation string          `json:"affiliation"`
	ID          *string         `json:"id"`
	IDs         []string        `json:"ids"`
	Name        string          `json:"name,omitempty"`
	Score       float64         `json:"score,omitempty"`
	Candidates  []candidateLine `json:"candidates,omitempty"`
}

type candidateLine struct {
	ID           string  `json:"id"`
	Name         string  `json:"name"`
	Score        float64 `json:"score"`
	Substring    string  `json:"substring"`
	MatchingType string  `json:"matching_type"`
	Chosen       bool    `json:"chosen"`
}

// runRORMatch reads one affiliation per line and writes one JSON object per line, in input order. The lines come
// from files, standard input, gzip or tar archives of parts, matched on -j cores (stream.Run): offline against an
// index, or with the ROR API (-api, one request at a time unless -j is given).
func runRORMatch(ctx context.Context, args []string, io stdio) int {
	fs := newFlags("ror match", "[-dump FILE | -api [-api-url URL]] [-all] [-j N] [-shard i/n] [-progress] [FILE...|-]", io)
	dump := fs.String("dump", "", "ROR data dump (.json, .json.gz, .jsonl, .jsonl.gz or release .zip); default: the built-in curated set")
	api := fs.Bool("api", false, "ask the ROR API's affiliation matching instead (client ID from $"+ror.EnvClientID+")")
	apiURL := fs.String("api-url", "", "ROR API base `URL` for -api (default "+ror.DefaultBaseURL+")")
	all := fs.Bool("all", false, "also write the candidates of every line")
	sf := addStreamFlags(fs)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	switch {
	case *api && *dump != "":
		return usageError(fs, "-api and -dump exclude each other")
	case *apiURL != "" && !*api:
		return usageError(fs, "-api-url goes with -api")
	}
	var m ror.Matcher
	if *api {
		opts := []ror.Option{ror.WithEnv(os.Getenv), ror.WithUserAgent("fairmeta-cli")}
		if *apiURL != "" {
			opts = append(opts, ror.WithBaseURL(*apiURL))
		}
		c, err := ror.NewClient(opts...)
		if err != nil {
			fmt.Fprintln(io.err, "fairmeta ror match:", err)
			return exitUsage
		}
		m = c
		if !flagSet(fs, "j") { // the API's rate limit is per client: one request at a time unless asked
			*sf.jobs = 1
		}
		sf.batchBytes = 1 // a request per line: each worker takes one line at a time
	} else {
		start := time.Now()
		ix, ok := loadIndex(ctx, "ror match", *dump, io)
		if !ok {
			return exitProblem
		}
		if *dump != "" {
			fmt.Fprintf(io.err, "fairmeta ror match: %d organisations read from %s in %.1f s\n", ix.Len(), *dump, time.Since(start).Seconds())
		}
		m = ix
	}
	sf.text = true // an affiliation may start with "[" or "{"
	// A failing matcher (the API unreachable) stops the run: every further line would fail the same way.
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	_, code := runStream(ctx, "ror match", fs.Args(), sf, io, func() stream.Func {
		return matchFunc(ctx, stop, m, *all)
	})
	return code
}

// errNotText is the error of a line of binary data given to ror match.
var errNotText = errors.New("not text (binary data or not UTF-8): want one affiliation per line")

// isText reports whether a line is text: valid UTF-8 without control characters other than white space.
func isText(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' || c == 0x7f {
			return false
		}
	}
	return utf8.Valid(b)
}

// matchFunc returns the stream.Func of "ror match": for each line, the organisations m chooses — "id" the most
// specific (or null), "ids" all of them, most specific first.
func matchFunc(ctx context.Context, stop context.CancelCauseFunc, m ror.Matcher, all bool) stream.Func {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	return func(rec stream.Record, out []byte) ([]byte, error) {
		if ctx.Err() != nil { // stopped: the cause is reported once
			return out, nil
		}
		if !isText(rec.Data) {
			return out, errNotText
		}
		line := strings.TrimSpace(string(rec.Data))
		res, err := m.MatchContext(ctx, line)
		if err != nil {
			if ctx.Err() != nil {
				return out, nil
			}
			err = fmt.Errorf("%q: %w", line, err)
			stop(err)
			return out, err
		}
		o := matchLine{Affiliation: line, IDs: make([]string, 0, len(res.Matches))}
		for _, c := range res.Matches {
			o.IDs = append(o.IDs, c.Organization.ID.String())
		}
		if res.Chosen != nil {
			id := res.Chosen.Organization.ID.String()
			o.ID, o.Name, o.Score = &id, res.Chosen.Organization.DisplayName(), res.Chosen.Score
		}
		if all {
			o.Candidates = make([]candidateLine, 0, len(res.Candidates))
			for _, c := range res.Candidates {
				o.Candidates = append(o.Candidates, candidateLine{c.Organization.ID.String(), c.Organization.DisplayName(),
					c.Score, c.Substring, c.MatchingType, c.Chosen})
			}
		}
		buf.Reset()
		if err := enc.Encode(o); err != nil {
			return out, err
		}
		return append(out, buf.Bytes()...), nil
	}
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// runRORGet prints the v2 record of each ID.
func runRORGet(ctx context.Context, args []string, io stdio) int {
	fs := newFlags("ror get", "[-dump FILE] ID...", io)
	dump := fs.String("dump", "", "ROR data dump; default: the built-in curated set")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return usageError(fs, "no ID given")
	}
	ids := make([]ror.ID, 0, fs.NArg())
	for _, a := range fs.Args() {
		id, err := ror.ParseID(a)
		if err != nil {
			fmt.Fprintln(io.err, "fairmeta ror get:", err)
			return exitProblem
		}
		ids = append(ids, id)
	}
	ix, ok := loadIndex(ctx, "ror get", *dump, io)
	if !ok {
		return exitProblem
	}
	enc := json.NewEncoder(io.out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	code := exitOK
	for _, id := range ids {
		o, found := ix.Get(id)
		if !found {
			fmt.Fprintf(io.err, "fairmeta ror get: %s is not in the %s\n", id, map[bool]string{true: "built-in set", false: "dump"}[*dump == ""])
			code = exitProblem
			continue
		}
		if err := enc.Encode(o); err != nil {
			fmt.Fprintln(io.err, "fairmeta ror get:", err)
			return exitProblem
		}
	}
	return code
}
