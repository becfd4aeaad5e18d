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
	"sort"
	"strings"
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

// run dispatches args to a command. Two-word commands ("doi mint") are tried before one-word ones.
func run(ctx context.Context, args []string, io stdio) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(io.out)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	if len(args) >= 2 {
		if c, ok := commands[args[0]+" "+args[1]]; ok {
			return c.run(ctx, args[2:], io)
		}
	}
	if c, ok := commands[args[0]]; ok {
		return c.run(ctx, args[1:], io)
	}
	fmt.Fprintf(io.err, "fairmeta: unknown command %q; run \"fairmeta help\"\n", strings.Join(args[:min(2, len(args))], " "))
	return exitUsage
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
		fmt.Fprintf(w, "  %-22s %s\n", n, commands[n].summary)
	}
}

// newFlags returns a flag set for a command that writes its usage to io.err and returns errors instead of exiting.
func newFlags(name, args string, io stdio) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.err)
	fs.Usage = func() {
		fmt.Fprintf(io.err, "Usage: fairmeta %s %s\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; it returns the exit status to use and false when the command must stop (-h or a bad flag).
func parseFlags(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return exitOK, false
		}
		return exitUsage, false
	}
	return exitOK, true
}
