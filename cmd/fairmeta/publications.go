package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dop2i/fairmeta/format"
	"github.com/dop2i/fairmeta/inspire"
	"github.com/dop2i/fairmeta/ror"
)

func init() {
	register(command{name: "publications affiliations", summary: "which records have an author at an organisation of a country (or within one), offline", run: runPubAffiliations})
}

// pubLine is one record of "publications affiliations" output.
type pubLine struct {
	File          string           `json:"file"`
	Record        int              `json:"record"`
	ID            string           `json:"id,omitempty"`
	Title         string           `json:"title,omitempty"`
	Organizations []ror.Affiliated `json:"organizations"`
}

// runPubAffiliations reads publication records in any format and lists, per record, the organisations its authors
// are affiliated with that the filter selects.
func runPubAffiliations(ctx context.Context, args []string, io stdio) int {
	reg := format.Default()
	fs := newFlags("publications affiliations", "[-from FORMAT] [-dump FILE] [-inspire FILE,...] [-country CC,...] [-within ROR,...] [-or] [-all] [-json] FILE...", io)
	from := fs.String("from", "", "input `format`; detected from each input when omitted")
	dump := fs.String("dump", "", "ROR data dump; default: the built-in curated set")
	lookups := fs.String("inspire", "", "comma-separated INSPIRE institution and author record files that resolve INSPIRE affiliations offline")
	countries := fs.String("country", "", "comma-separated ISO 3166-1 codes of the countries wanted, e.g. FR")
	within := fs.String("within", "", "comma-separated ROR IDs of organisations whose units are wanted, e.g. https://ror.org/03fd77x13 (IN2P3)")
	or := fs.Bool("or", false, "select organisations in the countries or within the organisations, instead of both")
	all := fs.Bool("all", false, "list every record, also those with no selected organisation")
	asJSON := fs.Bool("json", false, "write one JSON object per record")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return usageError(fs, "no FILE given (\"-\" for standard input)")
	}
	filter := ror.OrgFilter{Countries: splitList(*countries), Or: *or}
	for _, w := range splitList(*within) {
		id, err := ror.ParseID(w)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta publications affiliations: -within: %v\n", err)
			return exitUsage
		}
		filter.Within = append(filter.Within, id)
	}
	ix, ok := loadIndex(ctx, "publications affiliations", *dump, io)
	if !ok {
		return exitProblem
	}
	var lk inspire.Lookup
	for _, f := range splitList(*lookups) {
		data, err := readInput(f, io.in)
		if err == nil {
			_, err = lk.Add(data)
		}
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta publications affiliations: %s: %v\n", f, err)
			return exitProblem
		}
	}
	enc := json.NewEncoder(io.out)
	code, records, selected := exitOK, 0, 0
	for _, name := range fs.Args() {
		data, err := readInput(name, io.in)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta publications affiliations: %s: %v\n", name, err)
			code = exitProblem
			continue
		}
		_, recs, _, err := reg.Read(*from, data)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta publications affiliations: %s: %v\n", name, err)
			code = exitProblem
			continue
		}
		for i, r := range recs {
			records++
			lk.Resolve(r)
			orgs, _, err := ror.FindAffiliated(ctx, r, ix, filter)
			if err != nil {
				fmt.Fprintf(io.err, "fairmeta publications affiliations: %s[%d]: %v\n", name, i, err)
				code = exitProblem
				continue
			}
			if len(orgs) > 0 {
				selected++
			} else if !*all {
				continue
			}
			line := pubLine{File: name, Record: i, ID: r.Identifier.Value, Title: r.MainTitle(), Organizations: orgs}
			if line.Organizations == nil {
				line.Organizations = []ror.Affiliated{}
			}
			if *asJSON {
				enc.Encode(line)
				continue
			}
			fmt.Fprintf(io.out, "%s[%d]\t%s\t%s\n", name, i, line.ID, line.Title)
			for _, o := range orgs {
				fmt.Fprintf(io.out, "\t%s\t%s\t%s\t%d: %s\n", o.ID, o.Country, o.Name, len(o.People), strings.Join(o.People, "; "))
			}
		}
	}
	fmt.Fprintf(io.err, "fairmeta publications affiliations: %d of %d records have an author at a selected organisation\n", selected, records)
	return code
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
