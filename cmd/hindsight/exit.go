package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// exitError carries the exit code a subcommand stops with and the message
// to print (empty when the subcommand has already said everything).
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// fail is a failure of the work itself (exit 1), printed as
// "hindsight: message".
func fail(format string, args ...any) error {
	return &exitError{code: 1, msg: fmt.Sprintf(format, args...)}
}

// usageErr is a command line that cannot be run (exit 2); the message
// points at the subcommand's help.
func usageErr(c *cobra.Command, format string, args ...any) error {
	return &exitError{code: 2, msg: fmt.Sprintf(format, args...) + "\nRun '" + c.CommandPath() + " --help' for usage."}
}

// silentExit stops with code after the subcommand printed its own output,
// like lint's exit 1 when it found something.
func silentExit(code int) error {
	if code == 0 {
		return nil
	}
	return &exitError{code: code}
}

// needArgs checks the count of positional arguments as a usage error.
func needArgs(min, max int, what string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) < min || (max >= 0 && len(args) > max) {
			return usageErr(c, "%s", what)
		}
		return nil
	}
}
