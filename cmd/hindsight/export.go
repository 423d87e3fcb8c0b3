package main

import (
	"errors"

	"github.com/spf13/cobra"

	"hindsight"
	"hindsight/internal/markdown"
)

var _ = register(newExportCmd)

func newExportCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export [--db ...] ID > postmortem.md",
		Short: "Print a post-mortem as Markdown",
		Long:  "Prints a post-mortem in the guide's Markdown template.",
		Args:  needArgs(1, 1, "name exactly one post-mortem id"),
	}
	cfgOf := configFlags(cmd)
	cmd.RunE = func(c *cobra.Command, args []string) error {
		svc, cfg, closeStore, err := openConfigured(a.ctx, cfgOf)
		if err != nil {
			return err
		}
		defer closeStore()
		p, err := svc.Get(a.ctx, args[0])
		if errors.Is(err, hindsight.ErrNotFound) {
			return fail("no post-mortem with id %q in %s", args[0], redact(cfg.DB))
		}
		if err != nil {
			return fail("%v", err)
		}
		if _, err := a.stdout.Write(markdown.Render(p)); err != nil {
			return fail("%v", err)
		}
		return nil
	}
	return cmd
}
