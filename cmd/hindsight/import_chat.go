package main

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"hindsight/internal/chatimport"
	"hindsight/internal/config"
	"hindsight/internal/importer"
)

// chatFlags choose a chat source, the incident window and the messages.
type chatFlags struct {
	slack, channel, text, csv, jsonl string
	date, zone, from, until, into    string
	title                            string
	all                              bool
}

func addChatFlags(cmd *cobra.Command, f *chatFlags) {
	fl := cmd.Flags()
	fl.StringVar(&f.slack, "slack", "", "a Slack export (folder or zip) to take a timeline from")
	fl.StringVar(&f.channel, "channel", "", "the Slack channel, when the export holds several")
	fl.StringVar(&f.text, "chat", "", "a file of chat text pasted from a client (\"[10:42] Ana: …\", or as Slack copies it)")
	fl.StringVar(&f.csv, "csv", "", "a CSV file of time, who, what, kind")
	fl.StringVar(&f.jsonl, "jsonl", "", "a JSON-lines file of {time, who, what, kind}")
	fl.StringVar(&f.date, "date", "", "the date (YYYY-MM-DD) pasted chat times fall on")
	fl.StringVar(&f.zone, "zone", "UTC", "the zone of chat times written without one (e.g. Europe/Berlin)")
	fl.StringVar(&f.from, "from", "", "start of the incident window (e.g. 2026-03-10T09:00:00Z)")
	fl.StringVar(&f.until, "until", "", "end of the incident window")
	fl.BoolVar(&f.all, "all-messages", false, "take every message in the window, not only the pinned or reacted-to ones")
	fl.StringVar(&f.into, "into", "", "add the events to this post-mortem instead of making a new draft")
	fl.StringVar(&f.title, "title", "", "title of the new draft (default \"Chat timeline\")")
	cmd.MarkFlagsMutuallyExclusive("slack", "chat", "csv", "jsonl")
}

// source names the chat source the flags chose; "" for none.
func (f chatFlags) source() (format, path string) {
	for _, s := range []struct{ format, path string }{{"slack", f.slack}, {"text", f.text}, {"csv", f.csv}, {"jsonl", f.jsonl}} {
		if s.path != "" {
			return s.format, s.path
		}
	}
	return "", ""
}

// runChatImport reads the chat source and brings the chosen messages in
// as timeline events.
func runChatImport(a *app, c *cobra.Command, cfgOf func() (config.Config, error), f chatFlags, asJSON bool) error {
	format, path := f.source()
	loc, err := time.LoadLocation(f.zone)
	if err != nil {
		return usageErr(c, "--zone: %v", err)
	}
	src := chatimport.Source{Format: format, Channel: f.channel, Zone: loc}
	if f.date != "" {
		if src.Day, err = time.ParseInLocation("2006-01-02", f.date, loc); err != nil {
			return usageErr(c, "--date %q is not a date like 2026-03-10", f.date)
		}
	}
	var w chatimport.Window
	if w.From, err = importer.ParseWindowTime(f.from, loc); err != nil {
		return usageErr(c, "--from: %v", err)
	}
	if w.To, err = importer.ParseWindowTime(f.until, loc); err != nil {
		return usageErr(c, "--until: %v", err)
	}
	msgs, err := chatimport.ReadPath(src, path)
	if err != nil {
		return fail("%s: %v; nothing was imported", path, err)
	}
	choice := chatimport.ChooseMarked
	if f.all {
		choice = chatimport.ChooseAll
	}
	svc, _, closeStore, err := openConfigured(a.ctx, cfgOf)
	if err != nil {
		return err
	}
	defer closeStore()
	p, res, err := importer.Chat(a.ctx, svc, importer.ChatRequest{Messages: msgs, Window: w, Choice: choice, Into: f.into, Title: f.title})
	if err != nil {
		return fail("%v; nothing was imported", err)
	}
	if asJSON {
		return json.NewEncoder(a.stdout).Encode(map[string]any{"id": p.ID, "chat_import": res})
	}
	fmt.Fprintln(a.stdout, p.ID)
	fmt.Fprintf(a.stderr, "%s: %d messages read, %d in the window, %d added as events to %q\n", path, res.Read, res.InWindow, res.Added, p.Title)
	return nil
}
