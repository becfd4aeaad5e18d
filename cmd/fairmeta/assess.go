package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	goio "io"
	"path/filepath"
	"strings"
	"time"

	"github.com/dop2i/fairmeta/assess"
	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/format"
	"github.com/dop2i/fairmeta/internal/atomicfile"
	"github.com/dop2i/fairmeta/internal/httpx"
	"github.com/dop2i/fairmeta/stream"
)

func init() {
	register(command{name: "assess", summary: "score records against the FAIR metrics F-UJI applies and say how to fix them", run: runAssess})
}

// runAssess assesses every record of every FILE ("-" is standard input) and writes the reports: text on standard
// output, or JSON (-json), or HTML files (-html FILE). The exit status is 0 whatever the scores; 1 when an input
// cannot be read or parsed (the others are still assessed); 2 for a usage error.
func runAssess(ctx context.Context, args []string, io stdio) int {
	reg := format.Default()
	fs := newFlags("assess", "[-json|-html FILE] [-network] [-metrics SET] [-from FORMAT] FILE... | -jsonl [-j N] [-shard i/n] [FILE...]", io)
	jsonl := fs.Bool("jsonl", false, "the inputs are JSON Lines (plain, gzip or tar archives of parts), assessed in parallel: one summary line of JSON per record")
	sf := addStreamFlags(fs)
	asJSON := fs.Bool("json", false, "write the reports as a JSON array on standard output")
	htmlFile := fs.String("html", "", "write the report as a self-contained HTML page to `FILE` (FILE-2.html, ... for further records)")
	network := fs.Bool("network", false, "run the network tests: resolve identifiers, fetch landing pages and data links")
	metrics := fs.String("metrics", "", "metric `SET`: "+string(assess.MetricsData)+" or "+string(assess.MetricsSoftware)+" (default: by resource type)")
	from := fs.String("from", "", "input `FORMAT` (default: detected); one of the formats of \"fairmeta convert\"")
	timeout := fs.Duration("timeout", 30*time.Second, "with -network, the time limit of each request")
	resolver := fs.String("resolver", "", "with -network, the DOI resolver base `URL` (default https://doi.org/)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *jsonl && (*asJSON || *htmlFile != "") {
		return usageError(fs, "-jsonl writes one JSON summary per line; it does not go with -json or -html")
	}
	if !*jsonl && fs.NArg() == 0 {
		return usageError(fs, "no FILE given (\"-\" for standard input)")
	}
	if *asJSON && *htmlFile != "" {
		return usageError(fs, "-json and -html exclude each other")
	}
	var opts []assess.Option
	if *metrics != "" {
		if !assess.MetricSet(*metrics).Valid() {
			fmt.Fprintf(io.err, "fairmeta assess: unknown metric set %q (known: %s, %s)\n", *metrics, assess.MetricsData, assess.MetricsSoftware)
			return exitUsage
		}
		opts = append(opts, assess.WithMetricSet(assess.MetricSet(*metrics)))
	}
	if *network {
		hc := httpx.NewClient(*timeout)
		opts = append(opts, assess.WithHTTPClient(hc))
		if *resolver != "" {
			r, err := doi.NewResolver(doi.WithBaseURL(*resolver), doi.WithHTTPClient(hc))
			if err != nil {
				fmt.Fprintf(io.err, "fairmeta assess: -resolver: %v\n", err)
				return exitUsage
			}
			opts = append(opts, assess.WithDOIResolver(r))
		}
	}
	if *jsonl {
		return assessStream(ctx, reg, *from, fs.Args(), sf, io, opts)
	}

	code := exitOK
	var reports []*assess.Result
	for _, name := range fs.Args() {
		recs, notRead, err := readRecords(reg, name, *from, io.in)
		warnNotRead(io.err, "fairmeta assess", name, notRead)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta assess: %s: %v\n", name, err)
			code = exitProblem
			continue
		}
		for _, r := range recs {
			rep, err := assess.Assess(ctx, r, opts...)
			if err != nil {
				fmt.Fprintf(io.err, "fairmeta assess: %s: %v\n", name, err)
				if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
					return exitProblem
				}
				code = exitProblem
				continue
			}
			reports = append(reports, rep)
		}
	}

	switch {
	case *asJSON:
		enc := json.NewEncoder(io.out)
		enc.SetIndent("", "  ")
		if reports == nil {
			reports = []*assess.Result{}
		}
		if err := enc.Encode(reports); err != nil {
			fmt.Fprintf(io.err, "fairmeta assess: %v\n", err)
			return exitProblem
		}
	case *htmlFile != "":
		for i, rep := range reports {
			path := htmlName(*htmlFile, i)
			if err := writeHTML(path, rep); err != nil {
				fmt.Fprintf(io.err, "fairmeta assess: %v\n", err)
				return exitProblem
			}
			fmt.Fprintf(io.out, "%s: %v of %v points (%v %%), FAIR maturity %v: %s\n", rep.Identifier+titleSuffix(rep),
				rep.Overall.Earned, rep.Overall.Total, rep.Overall.Percent, rep.Overall.Maturity, path)
		}
	default:
		for i, rep := range reports {
			if i > 0 {
				fmt.Fprintln(io.out)
			}
			if err := rep.WriteText(io.out); err != nil {
				fmt.Fprintf(io.err, "fairmeta assess: %v\n", err)
				return exitProblem
			}
		}
	}
	return code
}

// readRecords reads the records of one input through the format registry.
func readRecords(reg *format.Registry, name, from string, stdin goio.Reader) ([]*fair.Resource, fair.Notes, error) {
	data, err := readInput(name, stdin)
	if err != nil {
		return nil, nil, err
	}
	_, recs, notRead, err := reg.Read(from, data)
	return recs, notRead, err
}

func titleSuffix(rep *assess.Result) string {
	if rep.Identifier == "" {
		return rep.Title
	}
	return " " + rep.Title
}

// htmlName returns FILE for the first report and FILE-2.html, FILE-3.html, ... for the next ones.
func htmlName(file string, i int) string {
	if i == 0 {
		return file
	}
	ext := filepath.Ext(file)
	return fmt.Sprintf("%s-%d%s", strings.TrimSuffix(file, ext), i+1, ext)
}

// writeHTML writes the report to a temporary file renamed to path: an existing report is replaced whole or not at all.
func writeHTML(path string, rep *assess.Result) error {
	return atomicfile.WriteFile(path, 0o644, rep.WriteHTML)
}

// assessLine is the one-line summary "assess -jsonl" writes per record.
type assessLine struct {
	Input      string                  `json:"input"`
	Line       int64                   `json:"line"`
	Identifier string                  `json:"identifier,omitempty"`
	Title      string                  `json:"title,omitempty"`
	MetricSet  assess.MetricSet        `json:"metricSet"`
	Overall    assess.Score            `json:"overall"`
	Categories map[string]assess.Score `json:"categories"`
	Failed     []string                `json:"failed,omitempty"` // the IDs of the failed tests
}

// assessStream assesses every record of JSON Lines inputs and writes one summary line per record.
func assessStream(ctx context.Context, reg *format.Registry, from string, inputs []string, sf *streamFlags, io stdio, opts []assess.Option) int {
	dec := stream.Decoder{Registry: reg, From: from}
	_, code := runStream(ctx, "assess", inputs, sf, io, func() stream.Func {
		return func(rec stream.Record, out []byte) ([]byte, error) {
			recs, _, err := dec.Decode(rec.Data)
			if err != nil {
				return out, err
			}
			for _, r := range recs {
				rep, err := assess.Assess(ctx, r, opts...)
				if err != nil {
					return out, err
				}
				l := assessLine{Input: rec.Input, Line: rec.Line, Identifier: rep.Identifier, Title: rep.Title, MetricSet: rep.MetricSet,
					Overall: rep.Overall, Categories: rep.Categories}
				for _, t := range rep.FailedTests() {
					l.Failed = append(l.Failed, t.ID)
				}
				b, err := json.Marshal(l)
				if err != nil {
					return out, err
				}
				out = append(append(out, b...), '\n')
			}
			return out, nil
		}
	})
	return code
}
