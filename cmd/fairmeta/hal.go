package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/format"
	"github.com/dop2i/fairmeta/hal"
	"github.com/dop2i/fairmeta/inspire"
	"github.com/dop2i/fairmeta/ror"
)

func init() {
	register(command{name: "hal check", summary: "what HAL would refuse in a deposit and what a cataloguer must look at (HAL TEI, or any format written as a deposit)", run: runHALCheck})
}

// halFlags are the flags that say how a HAL deposit is written: how affiliations are resolved to HAL structures.
type halFlags struct {
	structures *string
	api        *string
	lookups    *string
	first      *bool
}

func addHALFlags(fs *flag.FlagSet) *halFlags {
	return &halFlags{
		structures: fs.String("hal-structures", "", "HAL structure `file` resolving ROR IDs offline: a HAL TEI export (its listOrg) or the JSON of HAL's structure referential"),
		api:        fs.String("hal-api", "", "resolve ROR IDs through HAL's structure referential at this base `URL` (e.g. "+hal.DefaultBaseURL+"); online"),
		lookups:    fs.String("inspire", "", "comma-separated INSPIRE institution and author record `files` that resolve INSPIRE affiliations (ROR IDs, HAL structures) offline"),
		first:      fs.Bool("ror-first", false, "with -enrich-ror, give an affiliation string only its most specific organisation (the laboratory: HAL derives its institutions from the structure's parents)"),
	}
}

// enrichOptions are the options of ror.Enrich the flags ask for.
func (f *halFlags) enrichOptions() []ror.EnrichOption {
	if *f.first {
		return []ror.EnrichOption{ror.FirstOnly()}
	}
	return nil
}

// set reports whether a flag of f is given.
func (f *halFlags) set() bool {
	return *f.structures != "" || *f.api != "" || *f.lookups != "" || *f.first
}

// writer builds the HAL deposit writer of the flags: affiliations resolved through the table or the referential,
// walking up ROR's parents in ix.
func (f *halFlags) writer(ix *ror.Index, io stdio) (*hal.Writer, error) {
	w := &hal.Writer{}
	switch {
	case *f.structures != "" && *f.api != "":
		return nil, errors.New("-hal-structures and -hal-api: give one")
	case *f.structures != "":
		data, err := readInput(*f.structures, io.in)
		if err != nil {
			return nil, fmt.Errorf("-hal-structures: %w", err)
		}
		t, err := hal.ReadTable(bytes.NewReader(data), hal.Limits{})
		if err != nil {
			return nil, fmt.Errorf("-hal-structures %s: %w", *f.structures, err)
		}
		w.Resolver = t
	case *f.api != "":
		c, err := hal.NewClient(hal.WithBaseURL(*f.api))
		if err != nil {
			return nil, fmt.Errorf("-hal-api: %w", err)
		}
		w.Resolver = c
	}
	if w.Resolver != nil && ix != nil {
		w.Parents = hal.RORIndexParents(ix)
	}
	return w, nil
}

// lookup reads the INSPIRE records of -inspire.
func (f *halFlags) lookup(io stdio) (*inspire.Lookup, error) {
	var lk inspire.Lookup
	for _, name := range splitList(*f.lookups) {
		data, err := readInput(name, io.in)
		if err == nil {
			_, err = lk.Add(data)
		}
		if err != nil {
			return nil, fmt.Errorf("-inspire %s: %w", name, err)
		}
	}
	return &lk, nil
}

// withFormat returns a copy of reg whose format of f's name is f.
func withFormat(reg *format.Registry, f fair.Format) (*format.Registry, error) {
	fs := reg.Formats()
	for i := range fs {
		if fs[i].Name == f.Name {
			fs[i] = f
		}
	}
	return format.New(fs...)
}

// checkLine is one finding of "hal check -json".
type checkLine struct {
	File     string       `json:"file"`
	Record   int          `json:"record"`
	Severity hal.Severity `json:"severity"`
	Path     string       `json:"path"`
	Message  string       `json:"message"`
}

// runHALCheck says, per record, what HAL would refuse and what a cataloguer must look at. HAL TEI is checked as it
// is; a record in another format is first written as a deposit (affiliations resolved as convert -to hal-tei does),
// and what the deposit does not hold is reported for review too.
func runHALCheck(ctx context.Context, args []string, io stdio) int {
	reg := format.Default()
	fs := newFlags("hal check", "[-from FORMAT] [-hal-structures FILE | -hal-api URL] [-inspire FILE,...] [-enrich-ror [-ror-first]] [-ror-dump FILE] [-json] FILE...", io)
	from := fs.String("from", "", "input `format`; detected from each input when omitted")
	hf := addHALFlags(fs)
	enrich := fs.Bool("enrich-ror", false, "before writing a record that is not HAL TEI as a deposit, fill in the ROR IDs of its affiliations offline")
	dump := fs.String("ror-dump", "", "ROR data dump `file` for -enrich-ror and ROR's parents (default: the built-in set)")
	asJSON := fs.Bool("json", false, "write one JSON object per finding")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return usageError(fs, "no FILE given (\"-\" for standard input)")
	}
	var ix *ror.Index
	if *enrich || hf.set() {
		var ok bool
		if ix, ok = loadIndex(ctx, "hal check", *dump, io); !ok {
			return exitProblem
		}
	}
	w, err := hf.writer(ix, io)
	if err == nil {
		var lk *inspire.Lookup
		if lk, err = hf.lookup(io); err == nil {
			return checkFiles(ctx, reg, *from, w, lk, ix, *enrich, hf.enrichOptions(), *asJSON, fs.Args(), io)
		}
	}
	fmt.Fprintf(io.err, "fairmeta hal check: %v\n", err)
	return exitUsage
}

func checkFiles(ctx context.Context, reg *format.Registry, from string, w *hal.Writer, lk *inspire.Lookup, ix *ror.Index, enrich bool, opts []ror.EnrichOption, asJSON bool, names []string, io stdio) int {
	enc := json.NewEncoder(io.out)
	code, refused, review, records := exitOK, 0, 0, 0
	for _, name := range names {
		data, err := readInput(name, io.in)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta hal check: %s: %v\n", name, err)
			code = exitProblem
			continue
		}
		var docs []*hal.Document
		f, err := reg.Reader(from, data)
		switch {
		case err != nil:
		case f.Name == hal.FormatName:
			docs, _, err = hal.Decode(data, hal.Limits{})
		default:
			var recs []*fair.Resource
			_, recs, _, err = reg.Read(from, data)
			for i, r := range recs {
				lk.Resolve(r)
				if enrich {
					if _, err = ror.Enrich(ctx, r, ix, opts...); err != nil {
						break
					}
				}
				var dep *hal.Deposit
				if dep, err = w.Document(ctx, r); err != nil {
					break
				}
				warnNotWritten(io.err, "fairmeta hal check", fmt.Sprintf("%s[%d] as %s", name, i, hal.FormatName), dep.Notes)
				docs = append(docs, dep.Document)
			}
		}
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta hal check: %s: %v\n", name, err)
			code = exitProblem
			continue
		}
		for i, d := range docs {
			records++
			for _, p := range hal.Check(d) {
				if p.Severity == hal.Refused {
					refused++
					code = exitProblem
				} else {
					review++
				}
				if asJSON {
					enc.Encode(checkLine{File: name, Record: i, Severity: p.Severity, Path: p.Path, Message: p.Message})
					continue
				}
				fmt.Fprintf(io.out, "%s[%d]: %s\n", name, i, p)
			}
		}
	}
	fmt.Fprintf(io.err, "fairmeta hal check: %d records: %d findings HAL would refuse, %d for a cataloguer to review\n", records, refused, review)
	return code
}
