package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"hindsight"
	"hindsight/internal/markdown"
)

// runImport reads every file first and stores them all in one transaction:
// a bad file stops the import before anything is written.
func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import", "import [--db ...] FILE...\n\nImports Markdown post-mortems (the guide's template or another shape) and prints each new id.", stderr)
	cfgOf := withConfig(fs)
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "hindsight import: name at least one Markdown file")
		fs.Usage()
		return 2
	}
	var ps []*hindsight.PostMortem
	for _, name := range fs.Args() {
		src, err := os.ReadFile(name)
		if err != nil {
			return fail(stderr, "%v", err)
		}
		p, err := markdown.Parse(src)
		if err != nil {
			return fail(stderr, "%s: %v; nothing was imported", name, err)
		}
		ps = append(ps, p)
	}
	svc, _, closeStore, code := openConfigured(ctx, cfgOf, stderr)
	if code >= 0 {
		return code
	}
	defer closeStore()
	if err := svc.CreateMany(ctx, ps); err != nil {
		var v *hindsight.ValidationError
		if errors.As(err, &v) {
			return fail(stderr, "%s; nothing was imported", describeBatch(v, fs.Args()))
		}
		return fail(stderr, "%v; nothing was imported", err)
	}
	for _, p := range ps {
		fmt.Fprintln(stdout, p.ID)
	}
	return 0
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
