package chatimport

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
)

// slackUser is the part of users.json the import needs.
type slackUser struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	RealName string `json:"real_name"`
	Profile  struct {
		RealName    string `json:"real_name"`
		DisplayName string `json:"display_name"`
	} `json:"profile"`
}

// display is the name people know the user by.
func (u slackUser) display() string {
	for _, s := range []string{u.RealName, u.Profile.RealName, u.Profile.DisplayName, u.Name} {
		if s != "" {
			return s
		}
	}
	return u.ID
}

// slackMessage is one message of a channel's day file.
type slackMessage struct {
	Type      string   `json:"type"`
	Subtype   string   `json:"subtype"`
	User      string   `json:"user"`
	Username  string   `json:"username"`
	Text      string   `json:"text"`
	TS        string   `json:"ts"`
	PinnedTo  []string `json:"pinned_to"`
	Reactions []struct {
		Name  string `json:"name"`
		Count int    `json:"count"`
	} `json:"reactions"`
}

// skippedSubtypes are channel housekeeping, not what happened.
var skippedSubtypes = map[string]bool{"channel_join": true, "channel_leave": true, "channel_topic": true, "channel_purpose": true, "channel_name": true, "pinned_item": true, "bot_add": true}

var dayFileRe = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}\.json$`)

// ReadSlackExport reads one channel of a Slack export (the folder or the
// zip Slack makes: users.json and a folder of per-day JSON files for each
// channel). channel may be empty when the export holds one channel.
func ReadSlackExport(export fs.FS, channel string) ([]Message, error) {
	users := map[string]string{}
	if b, err := fs.ReadFile(export, "users.json"); err == nil {
		var list []slackUser
		if err := json.Unmarshal(b, &list); err != nil {
			return nil, fmt.Errorf("users.json: %w", err)
		}
		for _, u := range list {
			users[u.ID] = u.display()
		}
	}
	dir, err := channelDir(export, channel)
	if err != nil {
		return nil, err
	}
	files, err := fs.Glob(export, path.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	var out []Message
	for _, f := range files {
		if !dayFileRe.MatchString(path.Base(f)) {
			continue
		}
		b, err := fs.ReadFile(export, f)
		if err != nil {
			return nil, err
		}
		var day []slackMessage
		if err := json.Unmarshal(b, &day); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for _, m := range day {
			if m.Type != "message" || skippedSubtypes[m.Subtype] {
				continue
			}
			at, err := ParseTime(m.TS, time.UTC)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f, err)
			}
			author := users[m.User]
			if author == "" {
				author = cmpOr(m.Username, m.User)
			}
			out = append(out, Message{At: at, Author: author, Text: slackText(m.Text, users), Marked: len(m.PinnedTo) > 0 || len(m.Reactions) > 0})
		}
	}
	return out, nil
}

// channelDir finds the channel's folder; with no channel named, the only
// one there is.
func channelDir(export fs.FS, channel string) (string, error) {
	entries, err := fs.ReadDir(export, ".")
	if err != nil {
		return "", err
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() && !strings.HasPrefix(e.Name(), "__") {
			dirs = append(dirs, e.Name())
		}
	}
	channel = strings.TrimPrefix(channel, "#")
	switch {
	case channel != "" && slices.Contains(dirs, channel):
		return channel, nil
	case channel == "" && len(dirs) == 1:
		return dirs[0], nil
	case channel == "":
		return "", fmt.Errorf("the export holds channels %s: name one", strings.Join(dirs, ", "))
	}
	return "", fmt.Errorf("the export has no channel %q (it has %s)", channel, strings.Join(dirs, ", "))
}

var (
	mentionRe = regexp.MustCompile(`<@([A-Z0-9]+)(?:\|[^>]*)?>`)
	linkRe    = regexp.MustCompile(`<((?:https?|mailto):[^|>]+)(?:\|([^>]+))?>`)
	specialRe = regexp.MustCompile(`<!(here|channel|everyone)[^>]*>`)
)

// slackText turns Slack's markup into plain Markdown: mentions become
// names, links become Markdown links, entities are unescaped.
func slackText(s string, users map[string]string) string {
	s = mentionRe.ReplaceAllStringFunc(s, func(m string) string {
		id := mentionRe.FindStringSubmatch(m)[1]
		return "@" + cmpOr(users[id], id)
	})
	s = linkRe.ReplaceAllStringFunc(s, func(m string) string {
		p := linkRe.FindStringSubmatch(m)
		if p[2] == "" {
			return p[1]
		}
		return "[" + p[2] + "](" + p[1] + ")"
	})
	s = specialRe.ReplaceAllString(s, "@$1")
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(s)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
