package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/dop2i/fairmeta/csl"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/format"
	"github.com/dop2i/fairmeta/stream"
)

func init() {
	register(command{name: "cite", summary: "format citations and bibliographies (any CSL style and locale; BibTeX, RIS, CSL-JSON)", run: runCite})
}

// runCite reads records in any format of the registry (a CSL-JSON array gives every item as it is) and prints their
// bibliography or their citations in a CSL style, or the records as BibTeX, RIS or CSL-JSON. The formatting is
// package csl's; this prints.
func runCite(ctx context.Context, args []string, io stdio) int {
	reg := format.Default()
	fs := newFlags("cite", "[-style NAME|FILE.csl] [-locale TAG] [-locales DIR] [-format text|html|bibtex|ris|csl-json] [-mode bibliography|citation] [-items CITATION-ITEMS.json] [-citations CITATIONS.json] [-from FORMAT] [FILE...|-]", io)
	styleName := fs.String("style", "apa", "bundled style `name` ("+strings.Join(csl.BundledStyles(), ", ")+") or a .csl file")
	locale := fs.String("locale", "", "language `tag` of the output (fr-FR, en-GB, ...); the style's default when omitted")
	localesDir := fs.String("locales", "", "`directory` of locales-*.xml files added to the bundled locales (en-US, en-GB, fr-FR)")
	outFormat := choiceFlag(fs, "format", "text", "output: formatted with the style in text or html, or the records in bibtex, ris or csl-json", "text", "html", "bibtex", "ris", "csl-json")
	mode := choiceFlag(fs, "mode", "bibliography", "a bibliography (one entry a line) or citations (one a line)", "bibliography", "citation")
	itemsFile := fs.String("items", "", "citation clusters `file`, written as the CSL test suite's CITATION-ITEMS section")
	citationsFile := fs.String("citations", "", "citations `file`, written as the CSL test suite's CITATIONS section")
	from := fs.String("from", "", "input `format`; detected from each input when omitted")
	jsonl := fs.Bool("jsonl", false, "read JSON Lines (one record a line; plain, gzip or tar archives of parts) and print each record's bibliography entry, formatted alone, on one line, in input order, in parallel")
	sf := addStreamFlags(fs)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	usageErr := func(format string, a ...any) int { return usageError(fs, format, a...) }
	var f csl.Format
	styled := true
	switch *outFormat {
	case "text":
		f = csl.Text
	case "html":
		f = csl.HTML
	default:
		styled = false
	}
	if *itemsFile != "" && *citationsFile != "" {
		return usageErr("-items and -citations exclude each other")
	}
	if *from != "" {
		if _, err := reg.Reader(*from, nil); err != nil {
			return usageErr("-from %q: not a format fairmeta reads (known: %s)", *from, formatNames(reg))
		}
	}
	if *jsonl && (!styled || *mode != "bibliography" || *itemsFile != "" || *citationsFile != "") {
		return usageErr("-jsonl prints bibliography entries in text or html, without -items or -citations (for BibTeX, RIS or CSL-JSON lines: fairmeta convert -jsonl)")
	}
	var p *csl.Processor
	if styled {
		style, err := csl.LoadStyle(*styleName)
		if errors.Is(err, csl.ErrUnknownStyle) {
			return usageErr("-style %q: not a bundled style (%s) nor a .csl file", *styleName, strings.Join(csl.BundledStyles(), ", "))
		}
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta cite: style %s: %v\n", *styleName, err)
			return exitProblem
		}
		var opts []csl.Option
		if *localesDir != "" {
			locales, err := csl.ReadLocaleDir(*localesDir)
			if err != nil {
				fmt.Fprintf(io.err, "fairmeta cite: locales %s: %v\n", *localesDir, err)
				return exitProblem
			}
			opts = append(opts, csl.WithLocales(locales...))
		}
		if *locale != "" {
			opts = append(opts, csl.WithLocale(*locale, true))
		}
		if p, err = csl.New(style, opts...); err != nil {
			fmt.Fprintf(io.err, "fairmeta cite: style %s: %v\n", *styleName, err)
			return exitProblem
		}
	}

	if *jsonl {
		return citeStream(ctx, reg, *from, p, f, fs.Args(), sf, io)
	}
	items, recs, itemNotes, notes, code := readCiteInputs(reg, *from, fs.Args(), io)
	if code != exitOK {
		return code
	}
	if styled || *outFormat == "csl-json" {
		warnNotWritten(io.err, "fairmeta cite", "csl-json", notes)
	}
	w := bufio.NewWriter(io.out)
	defer w.Flush()
	if !styled {
		if *outFormat == "csl-json" {
			if err := csl.WriteItems(w, items); err != nil {
				fmt.Fprintf(io.err, "fairmeta cite: %v\n", err)
				return exitProblem
			}
			return exitOK
		}
		// What CSL-JSON items hold that a record cannot.
		for _, n := range itemNotes {
			fmt.Fprintf(io.err, "fairmeta cite: warning: not carried over from CSL-JSON: %s\n", n)
		}
		notWritten, err := reg.Write(w, *outFormat, recs)
		warnNotWritten(io.err, "fairmeta cite", *outFormat, notWritten)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta cite: %v\n", err)
			return exitProblem
		}
		return exitOK
	}

	var citations []csl.Citation
	var clusters [][]csl.CiteItem
	switch {
	case *citationsFile != "":
		data, err := readInput(*citationsFile, io.in)
		if err == nil {
			citations, err = csl.ReadCitations(bytes.NewReader(data))
		}
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta cite: %s: %v\n", *citationsFile, err)
			return exitProblem
		}
	case *itemsFile != "":
		data, err := readInput(*itemsFile, io.in)
		if err == nil {
			clusters, err = csl.ReadCitationItems(bytes.NewReader(data))
		}
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta cite: %s: %v\n", *itemsFile, err)
			return exitProblem
		}
		if *mode == "bibliography" {
			for i, cl := range clusters {
				citations = append(citations, csl.Citation{ID: fmt.Sprintf("CLUSTER-%d", i+1), Items: cl})
			}
			clusters = nil
		}
	case *mode == "citation":
		// Each record cited once, in input order, as one document.
		for i, it := range items {
			citations = append(citations, csl.Citation{ID: fmt.Sprintf("CITATION-%d", i+1), Items: []csl.CiteItem{{ID: it.ID}}})
		}
	}

	var lines []string
	var err error
	switch {
	case *mode == "citation" && clusters != nil:
		lines, err = p.CitationClusters(items, clusters, f)
	case *mode == "citation":
		lines, err = p.Citations(items, citations, f)
	default:
		var entries []csl.Entry
		if citations != nil {
			entries, err = p.CitedBibliography(items, citations, f)
		} else {
			entries, err = p.Bibliography(items, f)
		}
		for _, e := range entries {
			lines = append(lines, e.Text)
		}
	}
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta cite: %v\n", err)
		return exitProblem
	}
	if f == csl.HTML && *mode == "bibliography" {
		fmt.Fprintln(w, `<div class="csl-bib-body">`)
		for _, l := range lines {
			fmt.Fprintf(w, "  <div class=\"csl-entry\">%s</div>\n", l)
		}
		fmt.Fprintln(w, "</div>")
		return exitOK
	}
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
	return exitOK
}

// readCiteInputs reads every input (standard input when there is none) and returns the CSL items and the records, in
// input order. CSL-JSON inputs give their items as they are (every item of an array); other formats give records
// that package csl converts, with ids made unique. It prints what could not be carried over, and returns what the
// CSL-JSON items hold that their records cannot (itemNotes) and what the records hold that CSL cannot (notes).
func readCiteInputs(reg *format.Registry, from string, names []string, io stdio) (items []*csl.Item, recs []*fair.Resource, itemNotes, notes fair.Notes, code int) {
	if len(names) == 0 {
		names = []string{"-"}
	}
	cslJSON := csl.JSONFormat().Name
	type input struct {
		items []*csl.Item // CSL-JSON items, or nil
		first int         // the index of the input's first record in recs
		n     int
	}
	var inputs []input
	stdinUsed := false
	for _, name := range names {
		if name == "-" && stdinUsed {
			fmt.Fprintln(io.err, "fairmeta cite: standard input (-) named twice")
			return nil, nil, nil, nil, exitUsage
		}
		stdinUsed = stdinUsed || name == "-"
	}
	for _, name := range names {
		data, err := readInput(name, io.in)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta cite: %s: %v\n", name, err)
			return nil, nil, nil, nil, exitProblem
		}
		f, err := reg.Reader(from, data)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta cite: %s: %v\n", name, err)
			return nil, nil, nil, nil, exitProblem
		}
		if f.Name == cslJSON {
			items, err := csl.ReadItems(bytes.NewReader(data))
			if err != nil {
				fmt.Fprintf(io.err, "fairmeta cite: %s: %v\n", name, err)
				return nil, nil, nil, nil, exitProblem
			}
			inputs = append(inputs, input{items: items})
			continue
		}
		_, rs, notRead, err := reg.Read(f.Name, data)
		warnNotRead(io.err, "fairmeta cite", name, notRead)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta cite: %s: %v\n", name, err)
			return nil, nil, nil, nil, exitProblem
		}
		inputs = append(inputs, input{first: len(recs), n: len(rs)})
		recs = append(recs, rs...)
	}
	converted, notes := csl.FromResources(recs)
	var all []*fair.Resource
	seen := map[string]string{}
	for i, in := range inputs {
		its := in.items
		if its == nil {
			its = converted[in.first : in.first+in.n]
			all = append(all, recs[in.first:in.first+in.n]...)
		} else {
			for _, it := range its {
				r, ns := csl.ToResource(it)
				itemNotes = append(itemNotes, ns.Prefixed(names[i]+": "+it.ID)...)
				all = append(all, r)
			}
		}
		for _, it := range its {
			if other, dup := seen[it.ID]; dup {
				fmt.Fprintf(io.err, "fairmeta cite: %s: item id %q is also in %s\n", names[i], it.ID, other)
				return nil, nil, nil, nil, exitProblem
			}
			seen[it.ID] = names[i]
		}
		items = append(items, its...)
	}
	if len(items) == 0 {
		fmt.Fprintln(io.err, "fairmeta cite: no records in the input")
		return nil, nil, nil, nil, exitProblem
	}
	return items, all, itemNotes, notes, exitOK
}

// citeStream prints the bibliography entry of every record of JSON Lines inputs, one per line, each formatted alone
// (a numeric style numbers each 1), with package stream's parallel engine; what the records hold that CSL cannot is
// counted and summarised.
func citeStream(ctx context.Context, reg *format.Registry, from string, p *csl.Processor, f csl.Format, inputs []string, sf *streamFlags, io stdio) int {
	dec := stream.Decoder{Registry: reg, From: from}
	var mu sync.Mutex
	var locals []map[[2]string]int64
	newFunc := func() stream.Func {
		local := map[[2]string]int64{}
		mu.Lock()
		locals = append(locals, local)
		mu.Unlock()
		return func(rec stream.Record, out []byte) ([]byte, error) {
			recs, notRead, err := dec.Decode(rec.Data)
			if err != nil {
				return out, err
			}
			for _, n := range notRead {
				local[[2]string{"not read", n.Path + "\x00" + n.Reason}]++
			}
			for _, r := range recs {
				it, notes := csl.FromResource(r)
				for _, n := range notes {
					local[[2]string{"not in CSL", n.Path + "\x00" + n.Reason}]++
				}
				entries, err := p.Bibliography([]*csl.Item{it}, f)
				if err != nil {
					return out, err
				}
				for _, e := range entries {
					out = append(append(out, strings.ReplaceAll(e.Text, "\n", " ")...), '\n')
				}
			}
			return out, nil
		}
	}
	_, code := runStream(ctx, "cite", inputs, sf, io, newFunc)
	total := map[[2]string]int64{}
	for _, l := range locals {
		for k, v := range l {
			total[k] += v
		}
	}
	counts := make([]stream.NoteCount, 0, len(total))
	for k, v := range total {
		path, reason, _ := strings.Cut(k[1], "\x00")
		counts = append(counts, stream.NoteCount{Direction: k[0], Path: path, Reason: reason, Count: v})
	}
	sort.Slice(counts, func(i, j int) bool {
		if counts[i].Count != counts[j].Count {
			return counts[i].Count > counts[j].Count
		}
		return counts[i].Direction+counts[i].Path+counts[i].Reason < counts[j].Direction+counts[j].Path+counts[j].Reason
	})
	printNoteCounts(io, "cite", counts)
	return code
}
