package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"hindsight/internal/lint"
)

// runLint checks Markdown post-mortems like a compiler checks code, so
// teams keeping post-mortems in git can run it in their CI: exit 1 with
// findings, 0 clean, 2 on a usage error or an unreadable file.
func runLint(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("lint", "lint [--format text|json] FILE...\n\nReports blameless-language and completeness findings as FILE:LINE:COL: RULE: message.\nSilence a rule for one line with <!-- hindsight-lint-ignore RULE --> at its end or on the line before.", stderr)
	format := fs.String("format", "text", "output format: text or json")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() == 0 || (*format != "text" && *format != "json") {
		fmt.Fprintln(stderr, "hindsight lint: name at least one file; --format is text or json")
		fs.Usage()
		return 2
	}
	type fileFinding struct {
		File string `json:"file"`
		lint.Finding
	}
	all := []fileFinding{}
	for _, name := range fs.Args() {
		src, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintf(stderr, "hindsight lint: %v\n", err)
			return 2
		}
		for _, f := range lint.CheckMarkdown(src) {
			all = append(all, fileFinding{name, f})
		}
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(map[string]any{"findings": all})
	} else {
		for _, f := range all {
			fmt.Fprintf(stdout, "%s:%d:%d: %s: %s\n", f.File, f.Line, f.Col, f.Rule, describe(f.Finding))
		}
	}
	if len(all) > 0 {
		return 1
	}
	return 0
}

func describe(f lint.Finding) string {
	s := f.Message
	if f.Excerpt != "" {
		s = fmt.Sprintf("%q %s", f.Excerpt, f.Message)
	}
	return s + " — " + f.Suggestion
}
