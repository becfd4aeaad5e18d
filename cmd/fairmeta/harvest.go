package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/harvest"
)

func init() {
	register(command{name: "harvest oai", summary: "harvest an OAI-PMH repository into JSON Lines, resumable", run: runHarvestOAI})
	register(command{name: "harvest datacite", summary: "harvest DataCite's REST API (DOIs by time range, in parallel) into JSON Lines, resumable", run: runHarvestDataCite})
}

// harvestOutput opens the output: a file with its checkpoint (FILE.checkpoint unless -checkpoint names another),
// or standard output without one.
func harvestOutput(name, out, checkpoint string, params any, io stdio) (*harvest.Output, int) {
	if out == "" || out == "-" {
		if checkpoint != "" {
			fmt.Fprintf(io.err, "fairmeta %s: -checkpoint needs -o FILE: a harvest to standard output cannot resume\n", name)
			return nil, exitUsage
		}
		o, _ := harvest.NewOutput(io.out)
		return o, exitOK
	}
	if checkpoint == "" {
		checkpoint = out + ".checkpoint"
	}
	o, err := harvest.OpenOutput(out, checkpoint, params)
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta %s: %v\n", name, err)
		return nil, exitProblem
	}
	return o, exitOK
}

func printHarvest(w io.Writer, name string, st harvest.Stats, start time.Time) {
	fmt.Fprintf(w, "fairmeta %s: %d records written (%d deleted, %d already in the output), %d pages, %d restarts after expired tokens, %d kept as XML for a reading problem, in %s\n",
		name, st.Items, st.Deleted, st.Skipped, st.Pages, st.Restarts, st.Problems, time.Since(start).Round(time.Millisecond))
}

// runHarvestOAI harvests ListRecords of one OAI-PMH repository.
func runHarvestOAI(ctx context.Context, args []string, io stdio) int {
	const name = "harvest oai"
	fs := newFlags(name, "[-metadata-prefix oai_datacite] [-set S] [-from DATE] [-until DATE] [-checkpoint FILE] [-o FILE] URL", io)
	prefix := fs.String("metadata-prefix", "oai_datacite", "metadata `format` to harvest (oai_datacite, datacite, oai_dc, ...)")
	set := fs.String("set", "", "harvest only this `set`")
	from := fs.String("from", "", "harvest records changed from this `date` on (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ)")
	until := fs.String("until", "", "harvest records changed until this `date`, included")
	out := fs.String("o", "", "output `file` (JSON Lines, appended to); standard output when omitted")
	checkpoint := fs.String("checkpoint", "", "checkpoint `file` that makes the harvest resumable (default: the output file + .checkpoint)")
	rate := fs.Float64("rate", harvest.DefaultOAIRateLimit, "at most this many requests per `second`")
	ua := fs.String("user-agent", "fairmeta-harvest", "User-Agent `text`; repositories like a contact address in it")
	pos, code, ok := parseInterleaved(fs, args)
	if !ok {
		return code
	}
	switch {
	case len(pos) != 1:
		return usageError(fs, "want one URL, the repository's OAI-PMH base URL; got %d arguments", len(pos))
	case *prefix == "":
		return usageError(fs, "-metadata-prefix must not be empty")
	case *rate < 0:
		return usageError(fs, "-rate %v: want 0 (no limit) or more", *rate)
	}
	client, err := harvest.NewOAIClient(pos[0], harvest.WithRateLimit(*rate, 1), harvest.WithUserAgent(*ua))
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta %s: %v\n", name, err)
		return exitUsage
	}
	q := harvest.Query{MetadataPrefix: *prefix, Set: *set, From: *from, Until: *until}
	o, code := harvestOutput(name, *out, *checkpoint, map[string]string{"oai": pos[0], "metadataPrefix": q.MetadataPrefix, "set": q.Set,
		"from": q.From, "until": q.Until}, io)
	if o == nil {
		return code
	}
	defer o.Close()
	start := time.Now()
	st, err := harvest.HarvestOAI(ctx, client, q, o)
	printHarvest(io.err, name, st, start)
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta %s: %v\n", name, err)
		if *out != "" {
			fmt.Fprintf(io.err, "fairmeta %s: run the same command again to resume\n", name)
		}
		return exitProblem
	}
	return exitOK
}

// parseDate reads YYYY-MM-DD or an RFC 3339 time; "" is the zero time.
func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date (YYYY-MM-DD) or a time (YYYY-MM-DDThh:mm:ssZ)", s)
	}
	return t.UTC(), nil
}

// runHarvestDataCite lists DOIs of the DataCite REST API.
func runHarvestDataCite(ctx context.Context, args []string, io stdio) int {
	const name = "harvest datacite"
	fs := newFlags(name, "[-client ID] [-prefix P] [-query Q] [-from DATE] [-until DATE] [-j N] [-checkpoint FILE] [-o FILE]", io)
	client := fs.String("client", "", "harvest only this repository's DOIs (e.g. CERN.ZENODO)")
	prefix := fs.String("prefix", "", "harvest only DOIs with this `prefix`")
	resType := fs.String("resource-type", "", "harvest only this resourceTypeGeneral, as DataCite's filter names it (dataset, software, ...)")
	query := fs.String("query", "", "a DataCite `query` (Elasticsearch syntax), e.g. creators.affiliation.affiliationIdentifier:\"https://ror.org/03fd77x13\"")
	from := fs.String("from", "", "harvest DOIs updated from this `date` on (YYYY-MM-DD or RFC 3339)")
	until := fs.String("until", "", "harvest DOIs updated before this `date`; default: a few minutes ago, and a rerun continues from there")
	jobs := fs.Int("j", 4, "time ranges harvested at once")
	out := fs.String("o", "", "output `file` (JSON Lines, appended to); standard output when omitted")
	checkpoint := fs.String("checkpoint", "", "checkpoint `file` that makes the harvest resumable (default: the output file + .checkpoint)")
	rate := fs.Float64("rate", datacite.DefaultRateLimit, "at most this many requests per `second`, all ranges together")
	pageSize := fs.Int("page-size", 1000, "DOIs per request (1 to 1000)")
	api := fs.String("api", "", "DataCite API base `URL` (default $DATACITE_API_URL, else "+datacite.ProductionURL+": harvesting only reads)")
	pos, code, ok := parseInterleaved(fs, args)
	if !ok {
		return code
	}
	f, err1 := parseDate(*from)
	u, err2 := parseDate(*until)
	switch {
	case len(pos) != 0:
		return usageError(fs, "no arguments expected, got %q", pos)
	case err1 != nil:
		return usageError(fs, "-from: %v", err1)
	case err2 != nil:
		return usageError(fs, "-until: %v", err2)
	case *jobs < 1:
		return usageError(fs, "-j %d: want 1 or more", *jobs)
	case *rate < 0:
		return usageError(fs, "-rate %v: want 0 (no limit) or more", *rate)
	case *pageSize < 1 || *pageSize > 1000:
		return usageError(fs, "-page-size %d: want 1 to 1000", *pageSize)
	}
	opts := []datacite.Option{datacite.WithBaseURL(datacite.ProductionURL), datacite.WithEnv(envWithoutCredentials),
		datacite.WithUserAgent("fairmeta-harvest"), datacite.WithRateLimit(*rate, max(2, min(*jobs, 8)))}
	if *api != "" {
		opts = append(opts, datacite.WithBaseURL(*api))
	}
	c, err := datacite.NewClient(opts...)
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta %s: %v\n", name, err)
		return exitUsage
	}
	q := harvest.DataCiteQuery{ClientID: *client, Prefix: *prefix, ResourceTypeID: *resType, Query: *query, From: f, Until: u,
		PageSize: *pageSize, Workers: *jobs}
	params := map[string]string{"api": c.BaseURL(), "client": q.ClientID, "prefix": q.Prefix, "resourceType": q.ResourceTypeID,
		"query": q.Query, "from": *from, "until": *until}
	o, code := harvestOutput(name, *out, *checkpoint, params, io)
	if o == nil {
		return code
	}
	defer o.Close()
	start := time.Now()
	st, err := harvest.HarvestDataCite(ctx, c, q, o)
	printHarvest(io.err, name, st, start)
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta %s: %v\n", name, err)
		if *out != "" {
			fmt.Fprintf(io.err, "fairmeta %s: run the same command again to resume\n", name)
		}
		return exitProblem
	}
	return exitOK
}

// envWithoutCredentials gives DATACITE_API_URL only: a harvest reads public DOIs and sends no password.
func envWithoutCredentials(k string) string {
	if k == datacite.EnvAPIURL {
		return os.Getenv(k)
	}
	return ""
}
