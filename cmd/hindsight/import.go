package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"hindsight"
	"hindsight/internal/config"
	"hindsight/internal/importer"
	"hindsight/internal/markdown"
)

var _ = register(newImportCmd)

// importFlags are the choices of `hindsight import`.
type importFlags struct {
	acceptTimes bool
	asJSON      bool
	chat        chatFlags
	morgue      string
}

// newImportCmd reads every file first and stores them all in one
// transaction: a file that cannot be read stops the import before anything
// is written. Every document is imported as a draft, whatever its shape,
// with a report of what needs a human look.
func newImportCmd(a *app) *cobra.Command {
	var f importFlags
	cmd := &cobra.Command{
		Use:   "import [--db ...] FILE... | --slack EXPORT | --chat FILE | --csv FILE | --jsonl FILE | --from-morgue URL",
		Short: "Import Markdown post-mortems as drafts, or a timeline from chat",
		Long: "Imports Markdown post-mortems of any shape as drafts and prints each new id.\n" +
			"What each file became — recognised, not recognised, assumed, incident times proposed from\n" +
			"its timeline — is reported on standard error (or with the ids as JSON with --json).\n\n" +
			"With --slack, --chat, --csv or --jsonl it brings chat messages in the incident window\n" +
			"(--from, --until) in as timeline events, each with its author and time: the pinned or\n" +
			"reacted-to ones, or all with --all-messages; into a new draft or --into an existing one.\n\n" +
			"With --from-morgue it imports every post-mortem of a Morgue database as a draft; a second\n" +
			"run adds nothing.",
	}
	cfgOf := configFlags(cmd)
	cmd.Flags().BoolVar(&f.acceptTimes, "accept-proposed-times", false, "set incident start, detection and end from the timeline where the document does not state them")
	cmd.Flags().BoolVar(&f.asJSON, "json", false, "print [{file, id, report}] as JSON instead of ids")
	addChatFlags(cmd, &f.chat)
	cmd.Flags().StringVar(&f.morgue, "from-morgue", "", "a Morgue database to import every post-mortem from (mysql://user:password@host:3306/morgue); running it again adds nothing")
	cmd.MarkFlagsMutuallyExclusive("from-morgue", "slack", "chat", "csv", "jsonl")
	cmd.RunE = func(c *cobra.Command, files []string) error {
		if f.morgue != "" {
			if len(files) > 0 {
				return usageErr(c, "import Markdown files or a Morgue database, not both")
			}
			return runMorgueImport(a, cfgOf, f.morgue, f.asJSON)
		}
		if format, _ := f.chat.source(); format != "" {
			if len(files) > 0 {
				return usageErr(c, "import Markdown files or a chat timeline, not both")
			}
			return runChatImport(a, c, cfgOf, f.chat, f.asJSON)
		}
		if len(files) == 0 {
			return usageErr(c, "name at least one Markdown file, or a chat source")
		}
		return importMarkdownFiles(a, cfgOf, files, f)
	}
	return cmd
}

func importMarkdownFiles(a *app, cfgOf func() (config.Config, error), files []string, f importFlags) error {
	cfg, err := cfgOf()
	if err != nil {
		return fail("%v", err)
	}
	var docs []*importer.Document
	var sources []source
	for _, name := range files {
		src, err := readSource(name)
		if err != nil {
			return fail("%v; nothing was imported", err)
		}
		d, err := src.parse(cfg, f.acceptTimes)
		if err != nil {
			return fail("%s: %v; nothing was imported", name, err)
		}
		docs, sources = append(docs, d), append(sources, src)
	}
	svc, _, closeStore, err := openConfigured(a.ctx, cfgOf)
	if err != nil {
		return err
	}
	defer closeStore()
	for i, src := range sources {
		if docs[i], err = src.withImages(a, svc, cfg, f.acceptTimes, docs[i]); err != nil {
			return fail("%s: %v; nothing was imported", src.name, err)
		}
	}
	return storeDocuments(a, svc, docs, f.asJSON)
}

// storeDocuments creates the imported post-mortems in one transaction and
// prints their ids (and reports).
func storeDocuments(a *app, svc *hindsight.Service, docs []*importer.Document, asJSON bool) error {
	ps := make([]*hindsight.PostMortem, len(docs))
	names := make([]string, len(docs))
	for i, d := range docs {
		ps[i], names[i] = d.PostMortem, d.Name
	}
	if err := svc.CreateMany(a.ctx, ps); err != nil {
		var v *hindsight.ValidationError
		if errors.As(err, &v) {
			return fail("%s; nothing was imported", describeBatch(v, names))
		}
		return fail("%v; nothing was imported", err)
	}
	if asJSON {
		type row struct {
			File   string           `json:"file,omitempty"`
			ID     string           `json:"id"`
			Report *markdown.Report `json:"report"`
		}
		out := make([]row, len(docs))
		for i, d := range docs {
			out[i] = row{d.Name, d.PostMortem.ID, d.Report}
		}
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	for _, d := range docs {
		fmt.Fprintln(a.stdout, d.PostMortem.ID)
		printReport(a.stderr, d)
	}
	return nil
}

// printReport writes what an import made of a document, for a person.
func printReport(w io.Writer, d *importer.Document) {
	r := d.Report
	fmt.Fprintf(w, "%s → %s %q (draft)\n", d.Name, d.PostMortem.ID, d.PostMortem.Title)
	for _, l := range []struct {
		label string
		items []string
	}{{"recognised", r.Recognised}, {"not recognised", r.NotRecognised}, {"assumed", r.Assumed}} {
		if len(l.items) > 0 {
			fmt.Fprintf(w, "  %s: %s\n", l.label, strings.Join(l.items, "; "))
		}
	}
	if pr := r.Proposed; pr.Any() {
		var parts []string
		for _, x := range []struct {
			name string
			p    *markdown.Proposal
		}{{"start", pr.StartedAt}, {"detection", pr.DetectedAt}, {"end", pr.EndedAt}} {
			if x.p != nil {
				parts = append(parts, fmt.Sprintf("%s %s (%q)", x.name, x.p.At.UTC().Format("2006-01-02 15:04 UTC"), x.p.Event))
			}
		}
		fmt.Fprintf(w, "  proposed incident times: %s — import with --accept-proposed-times to set them\n", strings.Join(parts, "; "))
	}
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
