package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/format"
	"github.com/dop2i/fairmeta/internal/httpx"
)

func init() {
	register(command{name: "doi mint", summary: "mint DOIs at DataCite, exactly once, with a resumable journal", run: runDOIMint})
	register(command{name: "doi resolve", summary: "resolve a DOI to its URL, or fetch its metadata by content negotiation", run: runDOIResolve})
}

// parseInterleaved is parseFlags returning the arguments.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, int, bool) {
	if code, ok := parseFlags(fs, args); !ok {
		return nil, code, false
	}
	return fs.Args(), exitOK, true
}

// runDOIMint mints one DOI per record of FILE and prints "DOI<TAB>state<TAB>line" per record.
func runDOIMint(ctx context.Context, args []string, io stdio) int {
	fs := newFlags("doi mint", "-prefix PREFIX [-event draft|register|publish] [-url URL | -url-template TEMPLATE] [-o FILE] [-workers N] [-journal FILE] [-jsonl] [-from FORMAT] [-rate N] FILE", io)
	prefix := fs.String("prefix", "", "DOI `prefix` of the new DOIs, e.g. 10.5072 (required unless every record has its DOI)")
	landing := fs.String("url", "", "landing page `URL` of the one record of FILE, when it has none (DataCite XML has none)")
	urlTemplate := fs.String("url-template", "", "landing page of each record without one, from its DOI: {doi}, {prefix} and {suffix} are replaced, e.g. https://data.example.org/{suffix}")
	output := fs.String("o", "", "write the records minted, each with its DOI and url, to this `file` (the input's format)")
	event := choiceFlag(fs, "event", "draft", "`state` of the new DOIs", "draft", "register", "publish")
	workers := fs.Int("workers", 4, "records minted at once")
	journal := fs.String("journal", "", "journal `file`: a rerun with the same file mints nothing twice and finishes the rest")
	jsonl := fs.Bool("jsonl", false, "FILE holds one DataCite JSON record per line, each with its own url")
	from := fs.String("from", "", "format of FILE when it is not -jsonl (default: detected)")
	shoulder := fs.String("shoulder", "", "start every generated suffix with this `text`")
	rate := fs.Float64("rate", datacite.DefaultRateLimit, "at most this many requests per `second` (DataCite allows 3,000 per 5 minutes)")
	api := fs.String("api", "", "DataCite API base `URL` (default $DATACITE_API_URL, else "+datacite.TestURL+")")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: fairmeta doi mint -prefix PREFIX [flags] FILE\n\n"+
			"Credentials come from DATACITE_USERNAME (the repository ID) and DATACITE_PASSWORD; the API is the DataCite\n"+
			"test system unless DATACITE_API_URL or -api says otherwise. Output: DOI<TAB>state<TAB>line per record.\n\n")
		fs.PrintDefaults()
		printFormatNames(fs)
	}
	pos, code, ok := parseInterleaved(fs, args)
	if !ok {
		return code
	}
	ev, evOK := map[string]datacite.Event{"draft": "", "register": datacite.EventRegister, "publish": datacite.EventPublish}[*event]
	switch {
	case len(pos) != 1:
		return usageError(fs, "want one FILE, got %d", len(pos))
	case !evOK:
		return usageError(fs, "-event %q: want draft, register or publish", *event)
	case *workers < 1:
		return usageError(fs, "-workers %d: want 1 or more", *workers)
	case *rate < 0:
		return usageError(fs, "-rate %v: want 0 (no limit) or more", *rate)
	case *landing != "" && *urlTemplate != "":
		return usageError(fs, "-url and -url-template exclude each other")
	}
	opts := []datacite.Option{datacite.WithEnv(os.Getenv), datacite.WithUserAgent("fairmeta-cli"), datacite.WithRateLimit(*rate, 2)}
	if *api != "" {
		opts = append(opts, datacite.WithBaseURL(*api))
	}
	client, err := datacite.NewClient(opts...)
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta doi mint: %v\n", err)
		return exitUsage
	}

	srcs, lines, bad, inFormat, err := readMintInput(pos[0], *from, *jsonl, io.in, io.err)
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta doi mint: %s: %v\n", pos[0], err)
		return exitProblem
	}
	if *landing != "" {
		if len(srcs) != 1 {
			fmt.Fprintf(io.err, "fairmeta doi mint: -url gives one record its landing page, and %s holds %d; use -url-template\n", pos[0], len(srcs))
			return exitUsage
		}
		srcs[0].URL = *landing
	}
	// Each record is checked as it will be sent, except for the DOI minting assigns: a record DataCite would refuse
	// to register or publish is not sent; a draft's problems are warnings. The problems name places in the input:
	// DataCite's members for DataCite input, fair.Resource's for any other.
	dataciteInput := inFormat == datacite.XMLFormat().Name || inFormat == datacite.JSONFormat().Name
	send := make([]*datacite.Record, 0, len(srcs))
	sendLines := make([]int, 0, len(srcs))
	for i, src := range srcs {
		rec := datacite.FromResource(src)
		req := datacite.MintRequest{Resource: src, Prefix: *prefix, Event: ev, URLTemplate: *urlTemplate}
		if dataciteInput {
			req.Resource, req.Record = nil, rec
		}
		rep := datacite.ValidateMint(req)
		errs := rep.Errors()
		if len(errs) > 0 && (ev != "" || *prefix == "" && rec.DOI == "") {
			bad = append(bad, badLine{lines[i], fmt.Errorf("not sent, DataCite would refuse it: %s", problemList(errs))})
			continue
		}
		for _, p := range rep {
			fmt.Fprintf(io.err, "fairmeta doi mint: line %d: warning: %s\n", lines[i], p)
		}
		send, sendLines = append(send, rec), append(sendLines, lines[i])
	}
	recs := send
	lines = sendLines
	start := time.Now()
	var progMu sync.Mutex
	lastProgress := start
	results, err := client.MintBatch(ctx, recs, datacite.BatchOptions{Prefix: *prefix, Shoulder: *shoulder, URLTemplate: *urlTemplate, Event: ev, Workers: *workers, Journal: *journal,
		Progress: func(p datacite.BatchProgress) {
			progMu.Lock()
			defer progMu.Unlock()
			if p.Total >= 50 && (time.Since(lastProgress) >= 2*time.Second || p.Done+p.Failed == p.Total) {
				lastProgress = time.Now()
				fmt.Fprintf(io.err, "fairmeta doi mint: %d/%d done, %d failed\n", p.Done+p.Failed, p.Total, p.Failed)
			}
		}})
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta doi mint: %v\n", err)
		if results == nil {
			return exitProblem
		}
	}
	// One line per input record, in input order: unreadable lines and mint results merged by line number.
	type outLine struct {
		line int
		text string
	}
	out := make([]outLine, 0, len(results)+len(bad))
	sort.Slice(bad, func(a, b int) bool { return bad[a].line < bad[b].line })
	for _, b := range bad {
		out = append(out, outLine{b.line, fmt.Sprintf("-\tfailed\t%d\n", b.line)})
		fmt.Fprintf(io.err, "fairmeta doi mint: line %d: %v\n", b.line, b.err)
	}
	minted, resumed, failed := 0, 0, len(bad)
	var written []*datacite.Record
	for i, r := range results {
		if r.Err != nil {
			failed++
			d := string(r.DOI)
			if d == "" {
				d = "-"
			}
			status, why := mintFailure(r.Err)
			out = append(out, outLine{lines[i], fmt.Sprintf("%s\t%s\t%d\n", d, status, lines[i])})
			fmt.Fprintf(io.err, "fairmeta doi mint: line %d: %s\n", lines[i], why)
			continue
		}
		done := r.Record
		if done == nil { // minted by an earlier run: the record sent, with its DOI
			cp := *recs[i]
			cp.DOI = string(r.DOI)
			if cp.URL == "" && *urlTemplate != "" {
				cp.URL, _ = datacite.ExpandURLTemplate(*urlTemplate, r.DOI)
			}
			done = &cp
		}
		written = append(written, done)
		minted++
		if r.Resumed {
			resumed++
		}
		state := string(r.State)
		if state == "" {
			state = "draft"
		}
		out = append(out, outLine{lines[i], fmt.Sprintf("%s\t%s\t%d\n", r.DOI, state, lines[i])})
	}
	sort.Slice(out, func(a, b int) bool { return out[a].line < out[b].line })
	w := bufio.NewWriter(io.out)
	for _, l := range out {
		w.WriteString(l.text)
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(io.err, "fairmeta doi mint: %v\n", err)
		return exitProblem
	}
	fmt.Fprintf(io.err, "fairmeta doi mint: %d minted (%d from the journal), %d failed, in %v; %d requests to %s\n",
		minted, resumed, failed, time.Since(start).Round(time.Millisecond), client.Requests(), client.BaseURL())
	if *output != "" && len(written) > 0 {
		if err := writeMinted(*output, inFormat, *jsonl, written, io.err); err != nil {
			fmt.Fprintf(io.err, "fairmeta doi mint: -o %s: %v\n", *output, err)
			return exitProblem
		}
	}
	if failed > 0 || err != nil {
		return exitProblem
	}
	return exitOK
}

// badLine is an input line that is not a record.
type badLine struct {
	line int
	err  error
}

// readMintInput reads the records to mint and the input line of each. With jsonl, each non-blank line is one
// record (in format from, DataCite JSON when from is ""); lines that do not read are returned in bad. Otherwise the
// file is one document in any format of the registry, and its records are numbered from 1.
//
// What a reader could not carry into a record is printed to warn as warnings.
func readMintInput(name, from string, jsonl bool, stdin io.Reader, warn io.Writer) (recs []*fair.Resource, lines []int, bad []badLine, formatName string, err error) {
	reg := format.Default()
	data, err := readInput(name, stdin)
	if err != nil {
		return nil, nil, nil, "", err
	}
	if !jsonl {
		f, res, notRead, err := reg.Read(from, data)
		if err != nil {
			return nil, nil, nil, "", err
		}
		warnNotRead(warn, "fairmeta doi mint", name, notRead)
		for i := range res {
			lines = append(lines, i+1)
		}
		recs = res
		return recs, lines, nil, f.Name, nil
	}
	if from == "" {
		from = datacite.JSONFormat().Name
	}
	for n, line := range bytesLines(data) {
		if len(line) == 0 {
			continue
		}
		_, res, notRead, err := reg.Read(from, line)
		if err == nil && len(res) != 1 {
			err = fmt.Errorf("holds %d records, want 1", len(res))
		}
		if err != nil {
			bad = append(bad, badLine{n, err})
			continue
		}
		warnNotRead(warn, "fairmeta doi mint", fmt.Sprintf("%s: line %d", name, n), notRead)
		recs = append(recs, res[0])
		lines = append(lines, n)
	}
	return recs, lines, bad, from, nil
}

// problemList joins validation problems for one line of output.
func problemList(ps datacite.Report) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.String()
	}
	return strings.Join(parts, "; ")
}

// mintFailure names the outcome of a failed mint — "rejected" when DataCite refused the record for good (its
// reasons given), "unknown" when the DOI may exist, "failed" otherwise — and says why.
func mintFailure(err error) (status, why string) {
	var me *datacite.MintError
	var api *datacite.APIError
	switch {
	case errors.As(err, &me) && me.Unknown:
		return "unknown", err.Error()
	case errors.As(err, &api) && errors.Is(err, datacite.ErrInvalidMetadata):
		// The problems as the API error keeps them (escaped, each cut), the first few and then "and N more".
		shown := api.Problems[:min(len(api.Problems), httpx.ShownProblems)]
		reasons := make([]string, 0, len(shown))
		for _, p := range shown {
			if p.Source != "" {
				reasons = append(reasons, p.Source+": "+p.Title)
			} else {
				reasons = append(reasons, p.Title)
			}
		}
		why := httpx.JoinProblems(reasons, len(api.Problems)-len(shown)+api.Omitted)
		if why == "" {
			why = fmt.Sprintf("%d %s", api.StatusCode, http.StatusText(api.StatusCode))
		}
		return "rejected", "rejected by DataCite: " + why
	}
	return "failed", err.Error()
}

// writeMinted writes the records minted, with their DOIs, to path in the format the input was read in (one per line
// for JSON Lines input).
func writeMinted(path, formatName string, jsonl bool, recs []*datacite.Record, warn io.Writer) error {
	reg := format.Default()
	res := make([]*fair.Resource, len(recs))
	for i, r := range recs {
		res[i] = datacite.ToResource(r)
	}
	var b bytes.Buffer
	var notWritten fair.Notes
	var err error
	if jsonl {
		notWritten, err = reg.WriteLines(&b, formatName, res)
	} else {
		notWritten, err = reg.Write(&b, formatName, res)
	}
	if err != nil {
		return err
	}
	warnNotWritten(warn, "fairmeta doi mint", formatName, notWritten)
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// bytesLines yields the lines of data, numbered from 1 and trimmed of white space.
func bytesLines(data []byte) iter.Seq2[int, []byte] {
	return func(yield func(int, []byte) bool) {
		n := 0
		for line := range bytes.Lines(data) {
			n++
			if !yield(n, bytes.TrimSpace(line)) {
				return
			}
		}
	}
}

// runDOIResolve prints "DOI<TAB>URL", or with -accept the metadata document.
func runDOIResolve(ctx context.Context, args []string, io stdio) int {
	fs := newFlags("doi resolve", "DOI [-accept TYPE] [-style STYLE] [-locale LOCALE] [-resolver URL]", io)
	accept := fs.String("accept", "", "fetch metadata in this `type`: datacite, datacite-xml, schemaorg, csl, bibtex, ris, citation, jats, or a media type")
	style := fs.String("style", "", "CSL `style` of -accept citation, e.g. apa, ieee")
	locale := fs.String("locale", "", "`locale` of -accept citation, e.g. fr-FR")
	resolver := fs.String("resolver", "", "resolver base `URL` (default https://doi.org/)")
	pos, code, ok := parseInterleaved(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		return usageError(fs, "want one DOI, got %d", len(pos))
	}
	d, err := doi.Parse(pos[0])
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta doi resolve: %v\n", err)
		return exitProblem
	}
	var opts []doi.Option
	if *resolver != "" {
		opts = append(opts, doi.WithBaseURL(*resolver))
	}
	r, err := doi.NewResolver(opts...)
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta doi resolve: %v\n", err)
		return exitUsage
	}
	if *accept == "" {
		res, err := r.Resolve(ctx, d)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta doi resolve: %v\n", err)
			return exitProblem
		}
		fmt.Fprintf(io.out, "%s\t%s\n", res.DOI, res.URL)
		return exitOK
	}
	mt, ok := doi.MediaType(*accept)
	if !ok {
		return usageError(fs, "-accept %q: not a media type nor one of datacite, datacite-xml, schemaorg, csl, bibtex, ris, citation, jats, crossref", *accept)
	}
	var body []byte
	if mt == doi.TypeCitation {
		var cit string
		cit, err = r.Citation(ctx, d, *style, *locale)
		body = []byte(cit)
	} else {
		var m *doi.Metadata
		if m, err = r.Metadata(ctx, d, mt); err == nil {
			body = m.Body
		}
	}
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta doi resolve: %v\n", err)
		if errors.Is(err, doi.ErrNotAcceptable) {
			fmt.Fprintf(io.err, "fairmeta doi resolve: the resolver cannot give %s for %s\n", strings.TrimSpace(mt), d)
		}
		return exitProblem
	}
	if _, err := io.out.Write(body); err != nil {
		return exitProblem
	}
	if len(body) > 0 && body[len(body)-1] != '\n' {
		fmt.Fprintln(io.out)
	}
	return exitOK
}
