package main

import (
	"context"
	"errors"
	"fmt"
	"hindsight"
	"io"
	"os"

	"github.com/spf13/cobra"
)

// app is what every subcommand works with: the context and the streams,
// passed in rather than global so tests run the CLI in-process.
type app struct {
	ctx            context.Context
	stdout, stderr io.Writer
}

// subcommands holds the constructor of every subcommand. Each subcommand
// lives in its own file and adds itself there with register, so adding one
// touches one file.
var subcommands []func(*app) *cobra.Command

// register adds a subcommand constructor; it returns true so a file can
// write `var _ = register(newXCmd)`.
func register(newCmd func(*app) *cobra.Command) bool {
	subcommands = append(subcommands, newCmd)
	return true
}

// newRoot builds the command tree. With no subcommand it serves, so
// `hindsight` and `hindsight --addr :9000` start the server as before.
func newRoot(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "hindsight",
		Short: "Blameless post-mortems that teams write, read and follow through.",
		Long: "Hindsight: blameless post-mortems that teams write, read and follow through.\n\n" +
			"With no command it serves the web UI and the API.",
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.SetContext(a.ctx)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageErr(c, "%v", err) })
	cfgOf := configFlags(root)
	root.RunE = func(c *cobra.Command, args []string) error { return serve(a, cfgOf) }
	for _, newCmd := range subcommands {
		root.AddCommand(newCmd(a))
	}
	return root
}

// run executes the command line and returns the process exit code: 0
// success, 1 failure, 2 usage error.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return runIn(ctx, args, os.Stdin, stdout, stderr)
}

// runIn is run reading standard input from stdin (a password, for one).
func runIn(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	// The command line is the operator, who holds the database anyway:
	// what it does is recorded as done by "command line".
	a := &app{ctx: hindsight.CommandLine(ctx), stdout: stdout, stderr: stderr}
	root := newRoot(a)
	root.SetIn(stdin)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var e *exitError
	if !errors.As(err, &e) {
		// Anything cobra itself refuses (an unknown command or flag) is a
		// usage error.
		e = &exitError{code: 2, msg: err.Error() + "\nRun 'hindsight --help' for usage."}
	}
	if e.msg != "" {
		fmt.Fprintln(stderr, "hindsight: "+e.msg)
	}
	return e.code
}
