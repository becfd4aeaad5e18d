// Command fairmeta is the command-line tool over the fairmeta SDK: it identifies, converts, validates, mints and
// assesses research metadata. It is a thin layer: every command calls the packages and owns no logic of its own.
//
// Usage:
//
//	fairmeta <command> [flags] [arguments]
//
// Run "fairmeta help" for the list of commands and "fairmeta <command> -h" for one command's flags.
// Exit status: 0 on success, 1 when a command found a problem (an invalid identifier, a record that fails
// validation, unreadable input), 2 for a usage error.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"sort"
	"strings"

	"github.com/dop2i/fairmeta/format"
	"github.com/dop2i/fairmeta/software"
)

// stdio is where a command reads and writes, so that tests run commands in-process.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

// command is one subcommand. Files register theirs with register in an init function.
type command struct {
	name    string // the first word after fairmeta, e.g. "id"; "doi mint" style groups use a name with a space
	summary string // one line for "fairmeta help"
	run     func(ctx context.Context, args []string, io stdio) int
}

// commands is the table of subcommands, filled by init functions before main runs and only read afterwards.
var commands = map[string]command{}

func register(c command) {
	if _, dup := commands[c.name]; dup {
		panic("fairmeta: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// Exit statuses.
const (
	exitOK      = 0
	exitProblem = 1
	exitUsage   = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], stdio{os.Stdin, os.Stdout, os.Stderr})
	stop()
	os.Exit(code)
}

// run dispatches args to a command. Two-word commands ("doi mint") are tried before one-word ones; a group word
// alone ("doi") prints the group's commands.
func run(ctx context.Context, args []string, io stdio) int {
	if len(args) == 0 {
		usage(io.out)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 && args[0] == "help" {
			return help(ctx, args[1:], io)
		}
		usage(io.out)
		return exitOK
	case "version", "-version", "--version":
		return printVersion(io)
	}
	if len(args) >= 2 {
		if c, ok := commands[args[0]+" "+args[1]]; ok {
			return c.run(ctx, args[2:], io)
		}
	}
	if c, ok := commands[args[0]]; ok {
		return c.run(ctx, args[1:], io)
	}
	if sub := groupCommands(args[0]); len(sub) > 0 {
		if len(args) >= 2 && args[1] != "-h" && args[1] != "-help" && args[1] != "--help" {
			fmt.Fprintf(io.err, "fairmeta %s: unknown command %q\n", args[0], args[1])
			groupUsage(io.err, args[0])
			return exitUsage
		}
		groupUsage(io.out, args[0])
		if len(args) == 1 {
			return exitUsage
		}
		return exitOK
	}
	fmt.Fprintf(io.err, "fairmeta: unknown command %q; run \"fairmeta help\"\n", args[0])
	return exitUsage
}

// help prints the help of one command ("help convert", "help doi mint") or of a group ("help doi") on standard
// output.
func help(ctx context.Context, args []string, io stdio) int {
	name := strings.Join(args, " ")
	if c, ok := commands[name]; ok {
		fmt.Fprintf(io.out, "fairmeta %s: %s\n\n", c.name, c.summary)
		// A command prints its help for -h on its error output; here that is standard output.
		c.run(ctx, []string{"-h"}, stdio{strings.NewReader(""), io.out, io.out})
		return exitOK
	}
	if len(args) == 1 && len(groupCommands(args[0])) > 0 {
		groupUsage(io.out, args[0])
		return exitOK
	}
	fmt.Fprintf(io.err, "fairmeta help: unknown command %q; run \"fairmeta help\"\n", name)
	return exitUsage
}

// groupCommands returns the sorted names of the commands of a group ("doi" → "doi mint", "doi resolve", ...).
func groupCommands(group string) []string {
	var names []string
	for n := range commands {
		if strings.HasPrefix(n, group+" ") {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// groupUsage lists the commands of a group with their summaries.
func groupUsage(w io.Writer, group string) {
	fmt.Fprintf(w, "Usage: fairmeta %s <command> [flags] [arguments]\n\nCommands:\n", group)
	for _, n := range groupCommands(group) {
		fmt.Fprintf(w, "  %-26s %s\n", n, commands[n].summary)
	}
	fmt.Fprintf(w, "\nRun \"fairmeta help %s <command>\" for the flags of one.\n", group)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "fairmeta: FAIR research metadata and persistent identifiers")
	fmt.Fprintln(w, "\nUsage: fairmeta <command> [flags] [arguments]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-26s %s\n", n, commands[n].summary)
	}
	fmt.Fprintf(w, "  %-26s %s\n", "help", "print this list, or with a command's name that command's flags")
	fmt.Fprintf(w, "  %-26s %s\n", "version", "print the module version and VCS revision of this program")
	fmt.Fprintln(w, "\nFlags may come before or after the arguments; \"-\" reads standard input. Exit status: 0 success, 1 a problem found, 2 usage error.")
}

// printVersion prints the module version, VCS revision and Go version of this program, from its build information.
func printVersion(io stdio) int {
	rel, err := software.Self()
	if err != nil {
		fmt.Fprintf(io.err, "fairmeta version: %v\n", err)
		return exitProblem
	}
	fmt.Fprintln(io.out, versionLine(rel))
	return exitOK
}

// versionLine is the line of "fairmeta version": "fairmeta VERSION, revision COMMIT, GO PLATFORM".
func versionLine(rel *software.Release) string {
	version := rel.Version
	if version == "" {
		version = "(devel)"
	}
	rev := "no VCS revision recorded (built with go run, -buildvcs=false or outside a checkout)"
	if rel.Commit != "" {
		rev = "revision " + rel.Commit
	}
	return fmt.Sprintf("fairmeta %s, %s, %s", version, rev, strings.Join(append(slices.Clip(rel.RuntimePlatforms), rel.OperatingSystems...), " "))
}

// newFlags returns a flag set for a command that writes its usage to io.err and returns errors instead of exiting.
// The usage ends with the format names when the command has a format flag (-from, -to, -format).
func newFlags(name, args string, io stdio) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.err)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: fairmeta %s %s\n", name, args)
		fs.PrintDefaults()
		printFormatNames(fs)
	}
	return fs
}

// printFormatNames ends a usage with the format names when the command has a format flag.
func printFormatNames(fs *flag.FlagSet) {
	for _, f := range []string{"from", "to", "format"} {
		if fs.Lookup(f) != nil {
			fmt.Fprintf(fs.Output(), "Formats: %s (\"fairmeta formats\" says what each reads and writes)\n", formatNames(format.Default()))
			return
		}
	}
}

// parseFlags parses args, with flags before or after the arguments ("convert FILE -to X"); after it the arguments
// are fs.Args(). A "--" ends the flags: what follows is arguments. It returns the exit status to use and false when
// the command must stop: -h (help on the flag set's output, exit 0) or a bad flag (the error, prefixed with the
// command's name, then the usage; exit 2).
func parseFlags(fs *flag.FlagSet, args []string) (int, bool) {
	out, usageFn := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	var pos []string
	var err error
	for {
		if err = fs.Parse(args); err != nil {
			break
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	fs.SetOutput(out)
	fs.Usage = usageFn
	switch {
	case err == flag.ErrHelp:
		fs.Usage()
		return exitOK, false
	case err != nil:
		fmt.Fprintf(out, "fairmeta %s: %v\n", fs.Name(), err)
		fs.Usage()
		return exitUsage, false
	}
	fs.Parse(append([]string{"--"}, pos...))
	return exitOK, true
}

// usageError prints "fairmeta CMD: MESSAGE" and the command's usage, and returns the usage exit status.
func usageError(fs *flag.FlagSet, format string, args ...any) int {
	fmt.Fprintf(fs.Output(), "fairmeta %s: %s\n", fs.Name(), fmt.Sprintf(format, args...))
	fs.Usage()
	return exitUsage
}

// choice is the value of a flag that takes one of a fixed list of words; any other word is a usage error that
// names the flag and the allowed words.
type choice struct {
	value   string
	allowed []string
}

func (c *choice) String() string {
	if c == nil {
		return ""
	}
	return c.value
}

func (c *choice) Set(s string) error {
	if !slices.Contains(c.allowed, s) {
		return fmt.Errorf("%q is not one of %s", s, strings.Join(c.allowed, ", "))
	}
	c.value = s
	return nil
}

// choiceFlag defines a flag taking one of allowed (def is the default) and returns its value.
func choiceFlag(fs *flag.FlagSet, name, def, usage string, allowed ...string) *string {
	c := &choice{value: def, allowed: allowed}
	fs.Var(c, name, usage+" ("+strings.Join(allowed, ", ")+")")
	return &c.value
}
