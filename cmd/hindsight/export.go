package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"hindsight"
	"hindsight/internal/markdown"
)

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("export", "export [--db ...] ID > postmortem.md\n\nPrints a post-mortem in the guide's Markdown template.", stderr)
	cfgOf := withConfig(fs)
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "hindsight export: name exactly one post-mortem id")
		fs.Usage()
		return 2
	}
	svc, cfg, closeStore, code := openConfigured(ctx, cfgOf, stderr)
	if code >= 0 {
		return code
	}
	defer closeStore()
	p, err := svc.Get(ctx, fs.Arg(0))
	if errors.Is(err, hindsight.ErrNotFound) {
		return fail(stderr, "no post-mortem with id %q in %s", fs.Arg(0), redact(cfg.DB))
	}
	if err != nil {
		return fail(stderr, "%v", err)
	}
	if _, err := stdout.Write(markdown.Render(p)); err != nil {
		return fail(stderr, "%v", err)
	}
	return 0
}
