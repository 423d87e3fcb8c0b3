package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"hindsight"
	"hindsight/internal/markdown"
)

var _ = register(newImportCmd)

// newImportCmd reads every file first and stores them all in one
// transaction: a bad file stops the import before anything is written.
func newImportCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "import [--db ...] FILE...",
		Short: "Import Markdown post-mortems",
		Long:  "Imports Markdown post-mortems (the guide's template or another shape) and prints each new id.",
		Args:  needArgs(1, -1, "name at least one Markdown file"),
	}
	cfgOf := configFlags(cmd)
	cmd.RunE = func(c *cobra.Command, files []string) error {
		var ps []*hindsight.PostMortem
		for _, name := range files {
			src, err := os.ReadFile(name)
			if err != nil {
				return fail("%v", err)
			}
			p, err := markdown.Parse(src)
			if err != nil {
				return fail("%s: %v; nothing was imported", name, err)
			}
			ps = append(ps, p)
		}
		svc, _, closeStore, err := openConfigured(a.ctx, cfgOf)
		if err != nil {
			return err
		}
		defer closeStore()
		if err := svc.CreateMany(a.ctx, ps); err != nil {
			var v *hindsight.ValidationError
			if errors.As(err, &v) {
				return fail("%s; nothing was imported", describeBatch(v, files))
			}
			return fail("%v; nothing was imported", err)
		}
		for _, p := range ps {
			fmt.Fprintln(a.stdout, p.ID)
		}
		return nil
	}
	return cmd
}

// describeBatch names the file behind each "[i].field" error.
func describeBatch(v *hindsight.ValidationError, files []string) string {
	msg := ""
	for _, f := range v.Fields {
		var i int
		var field string
		if n, _ := fmt.Sscanf(f.Field, "[%d].%s", &i, &field); n == 2 && i < len(files) {
			msg += fmt.Sprintf("%s: %s: %s\n", files[i], field, f.Message)
		} else {
			msg += f.Field + ": " + f.Message + "\n"
		}
	}
	return msg[:max(0, len(msg)-1)]
}
