package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"hindsight/internal/lint"
)

var _ = register(newLintCmd)

// newLintCmd checks Markdown post-mortems like a compiler checks code, so
// teams keeping post-mortems in git can run it in their CI: exit 1 with
// findings, 0 clean, 2 on a usage error or an unreadable file.
func newLintCmd(a *app) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "lint [--format text|json] FILE...",
		Short: "Check Markdown post-mortems for blameless language",
		Long: "Reports blameless-language and completeness findings as FILE:LINE:COL: RULE: message.\n" +
			"Silence a rule for one line with <!-- hindsight-lint-ignore RULE --> at its end or on the line before.",
		Args: needArgs(1, -1, "name at least one file"),
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.RunE = func(c *cobra.Command, files []string) error {
		if format != "text" && format != "json" {
			return usageErr(c, "--format is text or json")
		}
		type fileFinding struct {
			File string `json:"file"`
			lint.Finding
		}
		all := []fileFinding{}
		for _, name := range files {
			src, err := os.ReadFile(name)
			if err != nil {
				return &exitError{code: 2, msg: err.Error()}
			}
			for _, f := range lint.CheckMarkdown(src) {
				all = append(all, fileFinding{name, f})
			}
		}
		if format == "json" {
			enc := json.NewEncoder(a.stdout)
			enc.SetIndent("", "  ")
			enc.Encode(map[string]any{"findings": all})
		} else {
			for _, f := range all {
				fmt.Fprintf(a.stdout, "%s:%d:%d: %s: %s\n", f.File, f.Line, f.Col, f.Rule, describe(f.Finding))
			}
		}
		return silentExit(min(len(all), 1))
	}
	return cmd
}

func describe(f lint.Finding) string {
	s := f.Message
	if f.Excerpt != "" {
		s = fmt.Sprintf("%q %s", f.Excerpt, f.Message)
	}
	return s + " — " + f.Suggestion
}
