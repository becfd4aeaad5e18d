package main

import (
	"context"
	"encoding/json"
	"fmt"
	goio "io"
	"os"
	"path/filepath"

	"github.com/dop2i/fairmeta/datacite"
	"github.com/dop2i/fairmeta/dmp"
	"github.com/dop2i/fairmeta/doi"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/internal/atomicfile"
)

func init() {
	register(command{name: "dmp validate", summary: "check maDMP documents against the RDA DMP Common Standard 1.2: FILE: PATH: severity: message", run: runDMPValidate})
	register(command{name: "dmp upgrade", summary: "rewrite a maDMP (1.0, 1.1, tolerated forms) or a DMP OPIDoR plan as maDMP 1.2", run: runDMPUpgrade})
	register(command{name: "dmp check", summary: "check a plan's datasets: PIDs, licences, hosts, overdue DOIs, FAIR scores; -network: DOIs resolve and agree", run: runDMPCheck})
	register(command{name: "dmp resources", summary: "computing and storage declared per year in plans, against accounting lines; table, JSON or HTML", run: runDMPResources})

}

// readPlan reads a maDMP document, or a DMP OPIDoR plan, as a Document (dmp.ReadPlan tells them apart).
func readPlan(name string, stdin goio.Reader) (*dmp.Document, dmp.Notes, error) {
	data, err := readInput(name, stdin)
	if err != nil {
		return nil, nil, err
	}
	return dmp.ReadPlan(data)
}

func warnDMPNotes(w goio.Writer, cmd, name string, notes fair.Notes) {
	for _, n := range notes {
		fmt.Fprintf(w, "%s: %s: warning: %s\n", cmd, name, n)
	}
}

func runDMPValidate(_ context.Context, args []string, io stdio) int {
	fs := newFlags("dmp validate", "[-json] FILE...", io)
	asJSON := fs.Bool("json", false, "print one JSON object per file: {file, problems} or {file, error}")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return usageError(fs, "no FILE given (\"-\" for standard input)")
	}
	code := exitOK
	enc := json.NewEncoder(io.out)
	for _, name := range fs.Args() {
		data, err := readInput(name, io.in)
		var rep dmp.Report
		if err == nil {
			rep, err = dmp.Validate(data)
		}
		if err != nil {
			code = exitProblem
			if *asJSON {
				enc.Encode(map[string]string{"file": name, "error": err.Error()})
			} else {
				fmt.Fprintf(io.err, "fairmeta dmp validate: %s: %v\n", name, err)
			}
			continue
		}
		if rep.HasErrors() {
			code = exitProblem
		}
		if *asJSON {
			if rep == nil {
				rep = dmp.Report{}
			}
			enc.Encode(map[string]any{"file": name, "problems": rep})
			continue
		}
		for _, p := range rep {
			fmt.Fprintf(io.out, "%s: %s\n", name, p)
		}
		if len(rep) == 0 {
			fmt.Fprintf(io.out, "%s: valid\n", name)
		}
	}
	return code
}

func runDMPUpgrade(_ context.Context, args []string, io stdio) int {
	fs := newFlags("dmp upgrade", "[-o FILE] FILE", io)
	outName := fs.String("o", "", "write to this `file` instead of standard output")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		return usageError(fs, "want one FILE, got %d", fs.NArg())
	}
	name := fs.Arg(0)
	doc, notes, err := readPlan(name, io.in)
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta dmp upgrade: %s: %v\n", name, err)
		return exitProblem
	}
	notes = append(notes, doc.Upgrade()...)
	warnDMPNotes(io.err, "fairmeta dmp upgrade", name, notes)
	if *outName != "" {
		// A temporary file renamed into place: -o naming the input, or a crash, never leaves half a plan.
		err = atomicfile.WriteFile(*outName, 0o644, doc.Write)
	} else {
		err = doc.Write(io.out)
	}
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta dmp upgrade: %v\n", err)
		return exitProblem
	}
	return exitOK
}

func runDMPCheck(ctx context.Context, args []string, io stdio) int {
	fs := newFlags("dmp check", "[-network] [-resolver URL] [-json] FILE", io)
	network := fs.Bool("network", false, "check that dataset DOIs resolve and that their DataCite metadata agree with the plan")
	resolverURL := fs.String("resolver", "", "DOI resolver base `URL` for -network (default https://doi.org/)")
	asJSON := fs.Bool("json", false, "print the findings and assessments as JSON")
	pos, code, ok := parseInterleaved(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 1 {
		return usageError(fs, "want one FILE, got %d", len(pos))
	}
	doc, notes, err := readPlan(pos[0], io.in)
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta dmp check: %s: %v\n", pos[0], err)
		return exitProblem
	}
	warnDMPNotes(io.err, "fairmeta dmp check", pos[0], notes)
	var opts dmp.CheckOptions
	if *network {
		var ropts []doi.Option
		if *resolverURL != "" {
			ropts = append(ropts, doi.WithBaseURL(*resolverURL))
		}
		r, err := doi.NewResolver(ropts...)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta dmp check: %v\n", err)
			return exitUsage
		}
		opts.Resolver = r
		opts.Fetch = func(ctx context.Context, d doi.DOI) (*fair.Resource, error) {
			md, err := r.Metadata(ctx, d, "application/vnd.datacite.datacite+json")
			if err != nil {
				return nil, err
			}
			rec, _, err := datacite.ReadJSONRecord(md.Body)
			if err != nil {
				return nil, err
			}
			return datacite.ToResource(rec), nil
		}
	}
	rep, err := doc.Check(ctx, opts)
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta dmp check: %v\n", err)
		return exitProblem
	}
	if *asJSON {
		enc := json.NewEncoder(io.out)
		enc.SetIndent("", "  ")
		err = enc.Encode(rep)
	} else {
		err = rep.WriteText(io.out)
	}
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta dmp check: %v\n", err)
		return exitProblem
	}
	if rep.Findings.HasErrors() {
		return exitProblem
	}
	return exitOK
}

func runDMPResources(_ context.Context, args []string, io stdio) int {
	fs := newFlags("dmp resources", "[-usage FILE] [-sum] [-json | -html FILE] PLAN...", io)
	usageFile := fs.String("usage", "", "accounting `file`: lines of centre, year, resource, amount, unit")
	sum := fs.Bool("sum", false, "add up the plans: one row per centre, year and resource")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	htmlFile := fs.String("html", "", "also write an HTML report with charts to this `file`")
	pos, code, ok := parseInterleaved(fs, args)
	if !ok {
		return code
	}
	if len(pos) == 0 {
		return usageError(fs, "no PLAN given")
	}
	var demands []dmp.Demand
	for _, name := range pos {
		doc, notes, err := readPlan(name, io.in)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta dmp resources: %s: %v\n", name, err)
			return exitProblem
		}
		if len(pos) > 1 && doc.DMP.Title == "" {
			doc.DMP.Title = filepath.Base(name)
		}
		d, more := doc.Demands()
		warnDMPNotes(io.err, "fairmeta dmp resources", name, append(notes, more...))
		demands = append(demands, d...)
	}
	var usage []dmp.Usage
	if *usageFile != "" {
		f, err := os.Open(*usageFile)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta dmp resources: %v\n", err)
			return exitProblem
		}
		usage, err = dmp.ReadUsage(f)
		f.Close()
		if err != nil {
			for _, e := range unjoin(err) {
				fmt.Fprintf(io.err, "fairmeta dmp resources: %s: %v\n", *usageFile, e)
			}
			return exitProblem
		}
	}
	rep := dmp.Resources(demands, usage, *sum)
	var err error
	if *asJSON {
		err = rep.WriteJSON(io.out)
	} else {
		err = rep.WriteTable(io.out)
	}
	if err == nil && *htmlFile != "" {
		err = atomicfile.WriteFile(*htmlFile, 0o644, rep.WriteHTML)
	}
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta dmp resources: %v\n", err)
		return exitProblem
	}
	return exitOK
}

// unjoin returns the errors joined in err (errors.Join), or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
