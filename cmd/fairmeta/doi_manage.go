package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/format"
)

func init() {
	register(command{name: "doi get", summary: "print DOIs as the DataCite REST API holds them (DataCite JSON, or any format with -to)", run: runDOIGet})
	register(command{name: "doi list", summary: "list the DOIs of a prefix or repository at DataCite, filtered, as JSON Lines (all pages)", run: runDOIList})
	register(command{name: "doi update", summary: "replace a DOI's metadata at DataCite from a file in any format, or change its URL", run: runDOIUpdate})
	for _, c := range []struct{ name, what string }{
		{"register", "register draft DOIs (state registered: resolvable, not in DataCite's search)"},
		{"publish", "publish DOIs (state findable: resolvable and in DataCite's search)"},
		{"hide", "hide findable DOIs (back to registered)"},
		{"show", "show registered DOIs (findable again)"},
		{"delete", "delete draft DOIs (DataCite keeps every DOI that has left draft)"},
	} {
		register(command{name: "doi " + c.name, summary: c.what, run: func(ctx context.Context, args []string, io stdio) int {
			return runDOIEvent(ctx, c.name, args, io)
		}})
	}
	register(command{name: "doi suffix", summary: "print new random DOI suffixes the way DataCite makes them (xxxx-xxxx, with a check digit)", run: runDOISuffix})
}

// addAPIFlag adds the -api flag of the commands that talk to DataCite's REST API.
func addAPIFlag(fs *flag.FlagSet) *string {
	return fs.String("api", "", "DataCite API base `URL` (default $DATACITE_API_URL, else "+datacite.TestURL+")")
}

// dataciteClient makes the REST API client of a doi command: credentials from DATACITE_USERNAME and
// DATACITE_PASSWORD, the API from -api, else DATACITE_API_URL, else DataCite's test system.
func dataciteClient(api string) (*datacite.Client, error) {
	opts := []datacite.Option{datacite.WithEnv(os.Getenv), datacite.WithUserAgent("fairmeta-cli")}
	if api != "" {
		opts = append(opts, datacite.WithBaseURL(api))
	}
	return datacite.NewClient(opts...)
}

// doiArgs parses the DOI arguments of a doi command, "-" standing for the DOIs of standard input, one per line; a
// bad one is reported and makes the status 1.
func doiArgs(name string, args []string, io stdio) ([]string, int) {
	code := exitOK
	var dois, values []string
	for _, a := range args {
		if a != "-" {
			values = append(values, a)
			continue
		}
		data, err := readInput("-", io.in)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta %s: -: %v\n", name, err)
			return nil, exitProblem
		}
		for _, line := range bytesLines(data) {
			if len(line) > 0 {
				values = append(values, string(line))
			}
		}
	}
	for _, a := range values {
		d, err := doi.Parse(a)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta %s: %v\n", name, err)
			code = exitProblem
			continue
		}
		dois = append(dois, string(d))
	}
	return dois, code
}

const credentialsHelp = "Credentials come from DATACITE_USERNAME (the repository ID) and DATACITE_PASSWORD; the API is the DataCite\n" +
	"test system unless DATACITE_API_URL or -api says otherwise.\n\n"

// runDOIGet prints each DOI's record: DataCite JSON as the API holds it (state, url and dates included), or
// converted to another format.
func runDOIGet(ctx context.Context, args []string, io stdio) int {
	reg := format.Default()
	fs := newFlags("doi get", "[-to FORMAT] [-api URL] DOI... (\"-\": one DOI per line of standard input)", io)
	to := fs.String("to", "", "write the records in this `format` instead of the API's DataCite JSON")
	api := addAPIFlag(fs)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return usageError(fs, "no DOI given")
	}
	if *to != "" {
		if _, err := reg.Writer(*to); err != nil {
			return usageError(fs, "-to %q: not a format fairmeta writes (writes: %s)", *to, writableNames(reg))
		}
	}
	c, err := dataciteClient(*api)
	if err != nil {
		return usageError(fs, "%v", err)
	}
	dois, code := doiArgs("doi get", fs.Args(), io)
	w := bufio.NewWriter(io.out)
	defer w.Flush()
	for _, d := range dois {
		rec, _, err := c.DOIs.Get(ctx, d)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta doi get: %v\n", err)
			code = exitProblem
			continue
		}
		if *to == "" {
			err = rec.WriteJSON(w)
		} else {
			var notWritten fair.Notes
			notWritten, err = reg.Write(w, *to, []*fair.Resource{datacite.ToResource(rec)})
			warnNotWritten(io.err, "fairmeta doi get", *to, notWritten)
		}
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta doi get: %s: %v\n", d, err)
			code = exitProblem
		}
	}
	return code
}

// runDOIList writes one line per DOI of the listing, each a DataCite JSON:API document as the API sent it, page
// after page (cursor paging) until the last or -max.
func runDOIList(ctx context.Context, args []string, io stdio) int {
	fs := newFlags("doi list", "[-prefix P] [-client ID] [-state S] [-type T] [-query Q] [-page-size N] [-max N] [-api URL]", io)
	prefix := fs.String("prefix", "", "DOIs of this `prefix`, e.g. 10.5072")
	client := fs.String("client", "", "DOIs of this repository `ID`, e.g. IN2P3.CCIN2P3")
	state := choiceFlag(fs, "state", "", "DOIs in this `state`; drafts and registered DOIs need the repository's credentials", "draft", "registered", "findable")
	typ := fs.String("type", "", "DOIs of this resourceTypeGeneral, as DataCite's filter names it (`dataset`, software, ...)")
	query := fs.String("query", "", "a DataCite `query` (Elasticsearch syntax), e.g. updated:[2026-01-01 TO *]")
	pageSize := fs.Int("page-size", 100, "DOIs per request, 1 to 1000")
	maxDOIs := fs.Int("max", 0, "stop after this many DOIs (0: all)")
	api := addAPIFlag(fs)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	switch {
	case fs.NArg() > 0:
		return usageError(fs, "no arguments expected, got %q", fs.Args())
	case *pageSize < 1 || *pageSize > 1000:
		return usageError(fs, "-page-size %d: want 1 to 1000", *pageSize)
	case *maxDOIs < 0:
		return usageError(fs, "-max %d: want 0 (all) or more", *maxDOIs)
	}
	c, err := dataciteClient(*api)
	if err != nil {
		return usageError(fs, "%v", err)
	}
	opt := datacite.ListOptions{Prefix: *prefix, ClientID: *client, State: datacite.State(*state), ResourceTypeID: *typ, Query: *query, PageSize: *pageSize}
	w := bufio.NewWriter(io.out)
	defer w.Flush()
	n, cursor := 0, ""
	for {
		page, _, err := c.DOIs.ListPage(ctx, opt, cursor)
		if err != nil {
			w.Flush()
			fmt.Fprintf(io.err, "fairmeta doi list: after %d DOIs: %v\n", n, err)
			return exitProblem
		}
		for _, it := range page.Items {
			line, err := json.Marshal(map[string]any{"data": map[string]any{"id": it.DOI, "type": "dois", "attributes": it.Attributes}})
			if err != nil {
				fmt.Fprintf(io.err, "fairmeta doi list: %s: %v\n", it.DOI, err)
				return exitProblem
			}
			w.Write(line)
			w.WriteByte('\n')
			if n++; n == *maxDOIs {
				return flushed(w, "doi list", io)
			}
		}
		if page.Next == "" || len(page.Items) == 0 {
			return flushed(w, "doi list", io)
		}
		cursor = page.Next
	}
}

// flushed flushes w and returns the exit status.
func flushed(w *bufio.Writer, cmd string, io stdio) int {
	if err := w.Flush(); err != nil {
		fmt.Fprintf(io.err, "fairmeta %s: %v\n", cmd, err)
		return exitProblem
	}
	return exitOK
}

// runDOIUpdate replaces the metadata of a DOI with the record of FILE (any format fairmeta reads), or changes only
// its URL, and prints "DOI<TAB>state<TAB>url".
func runDOIUpdate(ctx context.Context, args []string, io stdio) int {
	reg := format.Default()
	fs := newFlags("doi update", "DOI [FILE|-] [-from FORMAT] [-url URL] [-api URL]", io)
	from := fs.String("from", "", "`format` of FILE (default: detected)")
	url := fs.String("url", "", "the landing page `URL` the DOI resolves to")
	api := addAPIFlag(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: fairmeta doi update DOI [FILE|-] [-from FORMAT] [-url URL] [-api URL]\n\n"+
			"The record of FILE replaces the DOI's metadata (its identifier becomes DOI); with -url alone only the URL changes.\n"+credentialsHelp)
		fs.PrintDefaults()
		printFormatNames(fs)
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	switch {
	case fs.NArg() == 0 || fs.NArg() > 2:
		return usageError(fs, "want DOI and at most one FILE, got %d arguments", fs.NArg())
	case fs.NArg() == 1 && *url == "":
		return usageError(fs, "nothing to change: give a FILE, -url, or both")
	}
	d, err := doi.Parse(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta doi update: %v\n", err)
		return exitProblem
	}
	c, err := dataciteClient(*api)
	if err != nil {
		return usageError(fs, "%v", err)
	}
	var rec *datacite.Record
	if fs.NArg() == 2 {
		name := fs.Arg(1)
		data, err := readInput(name, io.in)
		var res []*fair.Resource
		var notRead fair.Notes
		if err == nil {
			_, res, notRead, err = reg.Read(*from, data)
		}
		if err == nil && len(res) != 1 {
			err = fmt.Errorf("holds %d records, want 1", len(res))
		}
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta doi update: %s: %v\n", name, err)
			return exitProblem
		}
		warnNotRead(io.err, "fairmeta doi update", name, notRead)
		rec = datacite.FromResource(res[0])
		rec.DOI = string(d)
	} else if rec, _, err = c.DOIs.Get(ctx, string(d)); err != nil {
		fmt.Fprintf(io.err, "fairmeta doi update: %v\n", err)
		return exitProblem
	}
	if *url != "" {
		rec.URL = *url
	}
	got, _, err := c.DOIs.Update(ctx, rec)
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta doi update: %v\n", err)
		return exitProblem
	}
	fmt.Fprintf(io.out, "%s\t%s\t%s\n", got.DOI, got.State, got.URL)
	return exitOK
}

// runDOIEvent sends one event (register, publish, hide, show) or deletes, for each DOI, and prints
// "DOI<TAB>state" ("deleted" for delete).
func runDOIEvent(ctx context.Context, event string, args []string, io stdio) int {
	name := "doi " + event
	fs := newFlags(name, "[-api URL] DOI...", io)
	api := addAPIFlag(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: fairmeta %s [-api URL] DOI... (\"-\": one DOI per line of standard input)\n\n%s. Output: DOI<TAB>state per DOI.\n%s",
			name, commands[name].summary, credentialsHelp)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return usageError(fs, "no DOI given")
	}
	c, err := dataciteClient(*api)
	if err != nil {
		return usageError(fs, "%v", err)
	}
	call := map[string]func(context.Context, string) (*datacite.Record, *datacite.Response, error){
		"register": c.DOIs.Register, "publish": c.DOIs.Publish, "hide": c.DOIs.Hide, "show": c.DOIs.Show,
	}[event]
	dois, code := doiArgs(name, fs.Args(), io)
	for _, d := range dois {
		if event == "delete" {
			if _, err := c.DOIs.Delete(ctx, d); err != nil {
				fmt.Fprintf(io.err, "fairmeta %s: %v\n", name, err)
				code = exitProblem
				continue
			}
			fmt.Fprintf(io.out, "%s\tdeleted\n", d)
			continue
		}
		rec, _, err := call(ctx, d)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta %s: %v\n", name, err)
			code = exitProblem
			continue
		}
		fmt.Fprintf(io.out, "%s\t%s\n", rec.DOI, rec.State)
	}
	return code
}

// runDOISuffix prints -n new suffixes (or whole DOIs with -prefix), each a random number in Crockford base32 with
// its ISO 7064 check digits, after -shoulder.
func runDOISuffix(_ context.Context, args []string, io stdio) int {
	fs := newFlags("doi suffix", "[-shoulder S] [-prefix P] [-n N]", io)
	shoulder := fs.String("shoulder", "", "start every suffix with this `text`, e.g. cc-")
	prefix := fs.String("prefix", "", "print whole DOIs of this `prefix`, e.g. 10.5072")
	n := fs.Int("n", 1, "how many")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(fs, "no arguments expected, got %q", fs.Args())
	}
	if *n < 1 {
		return usageError(fs, "-n %d: want 1 or more", *n)
	}
	if _, err := doi.NewDOI("10.5072", *shoulder); err != nil {
		return usageError(fs, "-shoulder %q cannot start a DOI suffix", *shoulder)
	}
	var b bytes.Buffer
	for range *n {
		if *prefix == "" {
			b.WriteString(doi.NewSuffix(*shoulder))
		} else {
			d, err := doi.NewDOI(*prefix, *shoulder)
			if err != nil {
				return usageError(fs, "%v", err)
			}
			b.WriteString(string(d))
		}
		b.WriteByte('\n')
	}
	if _, err := io.out.Write(b.Bytes()); err != nil {
		return exitProblem
	}
	return exitOK
}
