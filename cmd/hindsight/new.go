package main

import (
	"context"
	"io"

	"hindsight/internal/markdown"
)

func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", "new > postmortem.md\n\nPrints the guide's blank template to fill in and import.", stderr)
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	if _, err := stdout.Write(markdown.BlankTemplate()); err != nil {
		return fail(stderr, "%v", err)
	}
	return 0
}
