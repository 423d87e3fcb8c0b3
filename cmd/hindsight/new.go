package main

import (
	"github.com/spf13/cobra"

	"hindsight/internal/markdown"
)

var _ = register(newNewCmd)

func newNewCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "new > postmortem.md",
		Short: "Print the guide's blank post-mortem template",
		Long:  "Prints the guide's blank template to fill in and import.",
		Args:  needArgs(0, 0, "new takes no arguments"),
		RunE: func(c *cobra.Command, args []string) error {
			if _, err := a.stdout.Write(markdown.BlankTemplate()); err != nil {
				return fail("%v", err)
			}
			return nil
		},
	}
}
