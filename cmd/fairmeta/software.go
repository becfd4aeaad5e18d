package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/software"
)

// The software formats (CodeMeta, CFF, .zenodo.json) and "fairmeta software describe".

func init() {
	registerFormat(format{
		name: "codemeta",
		detect: func(data []byte) bool {
			t := bytes.TrimSpace(data)
			// A CodeMeta context (w3id.org/codemeta, doi.org/10.5063/schema/codemeta-2.0, the GitHub raw file);
			// plain schema.org SoftwareSourceCode is the schemaorg format's.
			return len(t) > 0 && t[0] == '{' && bytes.Contains(t, []byte(`"@context"`)) && bytes.Contains(t, []byte("codemeta"))
		},
		read:      readOne(software.ReadCodeMeta),
		write:     software.WriteCodeMeta,
		unwritten: softwareUnwritten("codemeta"),
	})
	registerFormat(format{
		name: "cff",
		detect: func(data []byte) bool {
			return bytes.HasPrefix(bytes.TrimSpace(data), []byte("cff-version:")) || bytes.Contains(data, []byte("\ncff-version:"))
		},
		read:      readOne(software.ReadCFF),
		write:     software.WriteCFF,
		unwritten: softwareUnwritten("cff"),
	})
	registerFormat(format{
		name: "zenodo",
		detect: func(data []byte) bool {
			t := bytes.TrimSpace(data)
			return len(t) > 0 && t[0] == '{' && bytes.Contains(t, []byte(`"upload_type"`)) && bytes.Contains(t, []byte(`"creators"`))
		},
		read:      readOne(software.ReadZenodo),
		write:     software.WriteZenodo,
		unwritten: softwareUnwritten("zenodo"),
	})
	register(command{name: "software describe", summary: "describe the software in a source directory (or this program) as CodeMeta, CFF, Zenodo, schema.org or DataCite", run: runSoftwareDescribe})
}

// readOne adapts a software reader to the format table. Facts the record cannot hold (a *software.DroppedError)
// do not stop a conversion: the record is complete otherwise, and they come back as notes that commands print.
func readOne(read func([]byte) (*fair.Resource, error)) func([]byte) ([]*fair.Resource, []note, error) {
	return func(data []byte) ([]*fair.Resource, []note, error) {
		r, err := read(data)
		var dropped *software.DroppedError
		if errors.As(err, &dropped) {
			notes := make([]note, len(dropped.Paths))
			for i, p := range dropped.Paths {
				notes[i] = note{Path: p, Msg: "no place for it in the record"}
			}
			return []*fair.Resource{r}, notes, nil
		}
		if err != nil {
			return nil, nil, err
		}
		return []*fair.Resource{r}, nil, nil
	}
}

// softwareUnwritten lists what the named software format cannot hold of a record.
func softwareUnwritten(name string) func(*fair.Resource) []string {
	return func(r *fair.Resource) []string { return software.Unwritten(name, r) }
}

func runSoftwareDescribe(_ context.Context, args []string, io stdio) int {
	fs := newFlags("software describe", "[-format NAME] [-self] [DIR]", io)
	name := fs.String("format", "codemeta", "output format: codemeta, cff, zenodo, schemaorg, datacite-xml, datacite-json or fair")
	self := fs.Bool("self", false, "describe this fairmeta program from its Go build information instead of a directory")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 1 || *self && fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	f, ok := formats[*name]
	if !ok || f.write == nil {
		fmt.Fprintf(io.err, "fairmeta software describe: no writable format %q (known: %s)\n", *name, formatNames())
		return exitUsage
	}
	var rec *fair.Resource
	if *self {
		rel, err := software.Self()
		if err != nil {
			fmt.Fprintf(io.err, "fairmeta software describe: %v\n", err)
			return exitProblem
		}
		rec = rel.Resource()
	} else {
		dir := "."
		if fs.NArg() == 1 {
			dir = fs.Arg(0)
		}
		var err error
		rec, err = software.Discover(dir)
		var dropped *software.DroppedError
		if errors.As(err, &dropped) {
			for _, p := range dropped.Paths {
				fmt.Fprintf(io.err, "fairmeta software describe: warning: not carried over: %s\n", p)
			}
		} else if err != nil {
			fmt.Fprintf(io.err, "fairmeta software describe: %v\n", err)
			return exitProblem
		}
	}
	warnUnwritten(io.err, "fairmeta software describe", f, rec)
	var buf bytes.Buffer
	if err := f.write(&buf, rec); err != nil {
		fmt.Fprintf(io.err, "fairmeta software describe: writing %s: %v\n", *name, err)
		return exitProblem
	}
	if _, err := io.out.Write(buf.Bytes()); err != nil {
		return exitProblem
	}
	return exitOK
}
