package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/dop2i/fairmeta/fair"
	"github.com/dop2i/fairmeta/format"
)

func init() {
	register(command{name: "formats", summary: "list the metadata formats, their media types and file extensions, and what each can read and write", run: runFormats})
}

// runFormats prints one line per format of the SDK's registry: name, read, write, list and line capabilities,
// media types, extensions and description.
func runFormats(_ context.Context, args []string, io stdio) int {
	fs := newFlags("formats", "", io)
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(fs, "no arguments expected, got %q", fs.Args())
	}
	tw := tabwriter.NewWriter(io.out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NAME\tREAD\tWRITE\tMEDIA TYPES\tEXTENSIONS\tDESCRIPTION")
	for _, f := range format.Default().Formats() {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", f.Name, yesNo(f.CanRead()), writeModes(f),
			orDash(strings.Join(f.MediaTypes, " ")), orDash(strings.Join(f.Extensions, " ")), f.Description)
	}
	if err := tw.Flush(); err != nil {
		return exitProblem
	}
	return exitOK
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// writeModes says how a format writes: "yes", with "+list" and "+lines" for its list and one-line forms.
func writeModes(f fair.Format) string {
	if !f.CanWrite() {
		return "no"
	}
	s := "yes"
	if f.WriteList != nil {
		s += "+list"
	}
	if f.WriteLine != nil {
		s += "+lines"
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// formatNames lists the registry's format names for usage messages.
func formatNames(reg *format.Registry) string { return strings.Join(reg.Names(), ", ") }

// writableNames lists the names of the formats the registry can write.
func writableNames(reg *format.Registry) string {
	var names []string
	for _, f := range reg.Formats() {
		if f.CanWrite() {
			names = append(names, f.Name)
		}
	}
	return strings.Join(names, ", ")
}

// maxInput caps every metadata input the CLI reads, a file or standard input.
const maxInput = 64 << 20

// errTooLarge is returned for an input beyond maxInput.
var errTooLarge = fmt.Errorf("input larger than %d MiB", maxInput>>20)

// readInput reads one metadata input: the file name, or standard input for "-". It is the one path by which
// commands read whole inputs, with one size cap.
func readInput(name string, stdin io.Reader) ([]byte, error) {
	var r io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxInput {
		return nil, errTooLarge
	}
	return data, nil
}

// warnNotRead prints what a reader could not carry into the records, one warning per line:
// "CMD: NAME: warning: not carried over: NOTE".
func warnNotRead(w io.Writer, cmd, name string, notRead fair.Notes) {
	for _, n := range notRead {
		fmt.Fprintf(w, "%s: %s: warning: not carried over: %s\n", cmd, name, n)
	}
}

// warnNotWritten prints what a writer could not hold: "CMD: warning: FORMAT cannot hold: NOTE".
func warnNotWritten(w io.Writer, cmd, to string, notWritten fair.Notes) {
	for _, n := range notWritten {
		fmt.Fprintf(w, "%s: warning: %s cannot hold: %s\n", cmd, to, n)
	}
}

// usageFormatError reports a format flag the registry cannot honour, or nil: an unknown name, or a format that
// cannot do what the flag asks.
func usageFormatError(err error) bool {
	var ue *format.UnknownFormatError
	var ce *format.CapabilityError
	return errors.As(err, &ue) && ue.Name != "" || errors.As(err, &ce)
}
