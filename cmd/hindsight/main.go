// Command hindsight is the whole product in one binary: it serves the web
// UI and the JSON API, and works with post-mortems from the command line.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// command is one subcommand: it parses its own flags from args and returns
// the process exit code (0 success, 1 failure, 2 usage error).
type command struct {
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

// commands lists the subcommands; each lives in its own file.
var commands = map[string]command{
	"serve":   {"serve the web UI and the API (the default)", runServe},
	"new":     {"print the guide's blank post-mortem template", runNew},
	"import":  {"import Markdown post-mortems: hindsight import FILE...", runImport},
	"export":  {"print a post-mortem as Markdown: hindsight export ID", runExport},
	"demo":    {"fill the database with realistic post-mortems: hindsight demo --count N", runDemo},
	"lint":    {"check Markdown post-mortems for blameless language: hindsight lint FILE...", runLint},
	"version": {"print the version", runVersion},
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run dispatches to a subcommand; with none (or only flags) it serves.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	name := "serve"
	if len(args) > 0 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help") {
		usage(stdout)
		return 0
	}
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		name, args = args[0], args[1:]
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "hindsight: unknown command %q\n\n", name)
		usage(stderr)
		return 2
	}
	return cmd.run(ctx, args, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Hindsight: blameless post-mortems that teams write, read and follow through.")
	fmt.Fprintln(w, "\nUsage: hindsight [command] [flags]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'hindsight COMMAND --help' for a command's flags.")
}
