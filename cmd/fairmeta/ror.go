package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/dop2i/fairmeta/ror"
)

func init() {
	register(command{name: "ror match", summary: "match affiliation strings (one per line) to ROR IDs, offline or with the ROR API", run: runRORMatch})
	register(command{name: "ror get", summary: "print a ROR organisation (v2 JSON) from a dump or the built-in set", run: runRORGet})
}

// loadIndex returns the index of dump, or the built-in curated set when dump is empty.
func loadIndex(ctx context.Context, dump string, io stdio) (*ror.Index, bool) {
	if dump == "" {
		return ror.Default(), true
	}
	ix, err := ror.LoadIndex(ctx, dump)
	if err != nil {
		fmt.Fprintln(io.err, "fairmeta:", err)
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

// runRORMatch reads one affiliation per line and writes one JSON object per line.
func runRORMatch(ctx context.Context, args []string, io stdio) int {
	fs := newFlags("ror match", "[-dump FILE | -api [-api-url URL]] [-all] [FILE|-]", io)
	dump := fs.String("dump", "", "ROR data dump (.json, .json.gz, .jsonl, .jsonl.gz or release .zip); default: the built-in curated set")
	api := fs.Bool("api", false, "ask the ROR API's affiliation matching instead (client ID from $"+ror.EnvClientID+")")
	apiURL := fs.String("api-url", "", "ROR API base `URL` for -api (default "+ror.DefaultBaseURL+")")
	all := fs.Bool("all", false, "also write the candidates of every line")
	if code, ok := parseInterspersed(fs, args); !ok {
		return code
	}
	if fs.NArg() > 1 || *api && *dump != "" || *apiURL != "" && !*api {
		fs.Usage()
		return exitUsage
	}
	in := io.in
	if name := fs.Arg(0); name != "" && name != "-" {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintln(io.err, "fairmeta:", err)
			return exitProblem
		}
		defer f.Close()
		in = f
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
	} else {
		start := time.Now()
		ix, ok := loadIndex(ctx, *dump, io)
		if !ok {
			return exitProblem
		}
		if *dump != "" {
			fmt.Fprintf(io.err, "fairmeta: %d organisations read from %s in %.1f s\n", ix.Len(), *dump, time.Since(start).Seconds())
		}
		m = ix
	}
	return matchLines(ctx, m, in, io, *all)
}

// matchLines writes, for each line of in, the organisations m chooses: "id" the most specific (or null), "ids" all
// of them, most specific first.
func matchLines(ctx context.Context, m ror.Matcher, in io.Reader, io stdio, all bool) int {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	enc := json.NewEncoder(io.out)
	enc.SetEscapeHTML(false)
	n := 0
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		res, err := m.MatchContext(ctx, line)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta: line %q: %v\n", line, err)
			return exitProblem
		}
		out := matchLine{Affiliation: line, IDs: []string{}}
		for _, c := range res.Matches {
			out.IDs = append(out.IDs, c.Organization.ID.String())
		}
		if res.Chosen != nil {
			id := res.Chosen.Organization.ID.String()
			out.ID, out.Name, out.Score = &id, res.Chosen.Organization.DisplayName(), res.Chosen.Score
		}
		if all {
			out.Candidates = []candidateLine{}
			for _, c := range res.Candidates {
				out.Candidates = append(out.Candidates, candidateLine{c.Organization.ID.String(), c.Organization.DisplayName(),
					c.Score, c.Substring, c.MatchingType, c.Chosen})
			}
		}
		if err := enc.Encode(out); err != nil {
			fmt.Fprintln(io.err, "fairmeta:", err)
			return exitProblem
		}
		n++
		if n%100000 == 0 {
			fmt.Fprintf(io.err, "fairmeta: %d affiliations matched\n", n)
		}
	}
	if err := sc.Err(); err != nil {
		fmt.Fprintln(io.err, "fairmeta:", err)
		return exitProblem
	}
	return exitOK
}

// parseInterspersed is parseFlags that also accepts flags after the arguments ("ror get ID -dump FILE"); the
// arguments are then fs.Args().
func parseInterspersed(fs *flag.FlagSet, args []string) (int, bool) {
	var rest []string
	for {
		if code, ok := parseFlags(fs, args); !ok {
			return code, false
		}
		if fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
	fs.Parse(append([]string{"--"}, rest...))
	return exitOK, true
}

// runRORGet prints the v2 record of each ID.
func runRORGet(ctx context.Context, args []string, io stdio) int {
	fs := newFlags("ror get", "[-dump FILE] ID...", io)
	dump := fs.String("dump", "", "ROR data dump; default: the built-in curated set")
	if code, ok := parseInterspersed(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	ids := make([]ror.ID, 0, fs.NArg())
	for _, a := range fs.Args() {
		id, err := ror.ParseID(a)
		if err != nil {
			fmt.Fprintln(io.err, "fairmeta:", err)
			return exitProblem
		}
		ids = append(ids, id)
	}
	ix, ok := loadIndex(ctx, *dump, io)
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
			fmt.Fprintf(io.err, "fairmeta: %s is not in the %s\n", id, map[bool]string{true: "built-in set", false: "dump"}[*dump == ""])
			code = exitProblem
			continue
		}
		if err := enc.Encode(o); err != nil {
			fmt.Fprintln(io.err, "fairmeta:", err)
			return exitProblem
		}
	}
	return code
}
