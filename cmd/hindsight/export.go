package main

import (
	"errors"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"hindsight"
	"hindsight/internal/bundle"
	"hindsight/internal/markdown"
)

var _ = register(newExportCmd)

func newExportCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export [--db ...] ID [--bundle FILE.zip] > postmortem.md",
		Short: "Print a post-mortem as Markdown, or write it with its images as a .zip",
		Long: "Prints a post-mortem in the guide's Markdown template; its images are linked absolutely\n" +
			"under --base-url (HINDSIGHT_BASE_URL) when it is set. With --bundle it writes a .zip of the\n" +
			"Markdown and the images it shows, linked relatively, which `hindsight import` reads back.",
		Args: needArgs(1, 1, "name exactly one post-mortem id"),
	}
	cfgOf := configFlags(cmd)
	zipPath := cmd.Flags().String("bundle", "", "write the Markdown and its images to this .zip instead")
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
		if *zipPath != "" {
			return writeBundle(a, svc, p, cfg.BaseURL, *zipPath)
		}
		if _, err := a.stdout.Write(markdown.Render(p.WithAbsoluteLinks(cfg.BaseURL))); err != nil {
			return fail("%v", err)
		}
		return nil
	}
	return cmd
}

// writeBundle writes the bundle to a file next to its final name and
// renames it into place, so a failed export leaves no half-written zip.
func writeBundle(a *app, svc *hindsight.Service, p *hindsight.PostMortem, base, path string) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".hindsight-bundle-*")
	if err != nil {
		return fail("%v", err)
	}
	defer os.Remove(f.Name())
	if err := bundle.Write(a.ctx, f, svc, p, base); err != nil {
		f.Close()
		return fail("%v", err)
	}
	if err := errors.Join(f.Chmod(0o644), f.Close()); err != nil {
		return fail("%v", err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fail("%v", err)
	}
	return nil
}
