package main

import (
	"bytes"
	"context"
	"fmt"

	"github.com/dop2i/fairmeta"
	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/format"
	"github.com/dop2i/fairmeta/software"
)

func init() {
	register(command{name: "software describe", summary: "describe the software in a source directory (or this program) as CodeMeta, CFF, Zenodo, schema.org or DataCite", run: runSoftwareDescribe})
}

func runSoftwareDescribe(_ context.Context, args []string, io stdio) int {
	fs := newFlags("software describe", "[-format NAME] [-self] [DIR]", io)
	name := fs.String("format", "codemeta", "output format: codemeta, cff, zenodo, schemaorg, datacite-xml, datacite-json or fair")
	self := fs.Bool("self", false, "describe this fairmeta program from its Go build information instead of a directory")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 1 || *self && fs.NArg() > 0 {
		return usageError(fs, "one DIR at most, and none with -self")
	}
	reg := format.Default()
	if _, err := reg.Writer(*name); err != nil {
		return usageError(fs, "-format %q: not a format fairmeta writes (writes: %s)", *name, writableNames(reg))
	}
	var rec *fair.Resource
	if *self {
		rel, notRead, err := software.SelfDescribed(fairmeta.CodeMeta())
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta software describe: %v\n", err)
			return exitProblem
		}
		for _, n := range notRead {
			fmt.Fprintf(io.err, "fairmeta software describe: warning: not carried over from fairmeta's codemeta.json: %s\n", n)
		}
		if why := rel.Unpinned(); why != "" {
			fmt.Fprintf(io.err, "fairmeta software describe: warning: %s; data this program describes cannot name its exact code\n", why)
		}
		rec = rel.Resource()
	} else {
		dir := "."
		if fs.NArg() == 1 {
			dir = fs.Arg(0)
		}
		var notRead fair.Notes
		var err error
		rec, notRead, err = software.Discover(dir)
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta software describe: %v\n", err)
			return exitProblem
		}
		for _, n := range notRead {
			fmt.Fprintf(io.err, "fairmeta software describe: warning: not carried over: %s\n", n)
		}
	}
	var buf bytes.Buffer
	notWritten, err := reg.Write(&buf, *name, []*fair.Resource{rec})
	warnNotWritten(io.err, "fairmeta software describe", *name, notWritten)
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta software describe: writing %s: %v\n", *name, err)
		return exitProblem
	}
	if _, err := io.out.Write(buf.Bytes()); err != nil {
		return exitProblem
	}
	return exitOK
}
