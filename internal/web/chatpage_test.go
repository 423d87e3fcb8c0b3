package web_test

import (
	"html"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"hindsight"
)

var chatMessagesRe = regexp.MustCompile(`name="messages" value="([^"]*)"`)

// TestChatPageFormats reads CSV and JSON lines pasted on the chat page,
// told apart without being named, with times without a zone read in the
// zone the page was filled in; the import keeps each line's kind, and
// bad input is refused naming the field.
func TestChatPageFormats(t *testing.T) {
	s := newSite(t)
	for _, c := range []struct {
		file  string
		kinds []hindsight.EventKind
		first time.Time
	}{
		// 09:42 in Berlin is 08:42 UTC.
		{"timeline.csv", []hindsight.EventKind{hindsight.EventAction, hindsight.EventObservation, hindsight.EventResolution}, time.Date(2026, 3, 10, 8, 42, 0, 0, time.UTC)},
		// The line with a zone keeps it; only the pinned message is chosen.
		{"timeline.jsonl", []hindsight.EventKind{""}, time.Date(2026, 3, 10, 9, 58, 0, 0, time.UTC)},
	} {
		data, err := os.ReadFile(filepath.Join("..", "chatimport", "testdata", c.file))
		if err != nil {
			t.Fatal(err)
		}
		code, _, page := s.post("/import/chat", url.Values{"step": {"read"}, "tz": {"Europe/Berlin"}, "text": {string(data)}})
		m := chatMessagesRe.FindStringSubmatch(page)
		if code != http.StatusOK || m == nil {
			t.Fatalf("%s: read %d without messages: %s", c.file, code, page)
		}
		form := url.Values{"step": {"import"}, "tz": {"Europe/Berlin"}, "messages": {html.UnescapeString(m[1])}, "dest": {"new"}, "title": {"From " + c.file}}
		for _, pick := range regexp.MustCompile(`name="pick" value="(\d+)" checked`).FindAllStringSubmatch(page, -1) {
			form.Add("pick", pick[1])
		}
		for _, shown := range regexp.MustCompile(`name="shown" value="([^"]*)"`).FindAllStringSubmatch(page, -1) {
			form.Set("shown", shown[1])
		}
		code, loc, _ := s.post("/import/chat", form)
		if code != http.StatusSeeOther {
			t.Fatalf("%s: import answered %d", c.file, code)
		}
		p, err := s.svc.Get(s.ctx, strings.TrimSuffix(strings.TrimPrefix(loc, "/postmortems/"), "?saved=1"))
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Events) != len(c.kinds) || !p.Events[0].At.Equal(c.first) {
			t.Fatalf("%s: events %+v", c.file, p.Events)
		}
		for i, k := range c.kinds {
			if p.Events[i].Kind != k {
				t.Errorf("%s: event %d kind %q, want %q", c.file, i, p.Events[i].Kind, k)
			}
		}
	}

	for _, bad := range []struct {
		form url.Values
		says string
	}{
		{url.Values{"step": {"read"}, "text": {"  "}}, "Chat: is empty"},
		{url.Values{"step": {"read"}, "text": {"[09:42] Ana: up"}, "day": {""}}, "Day of pasted times: is needed for pasted chat"},
		{url.Values{"step": {"read"}, "text": {"time,who,what\nyesterday,Ana,up"}, "format": {"csv"}}, "Chat: cannot be read as CSV"},
		{url.Values{"step": {"import"}, "messages": {"not json"}}, "Messages: were lost on the way"},
		{url.Values{"step": {"list"}, "messages": {`[{"at":"2026-03-10T09:42:00Z","author":"Ana","text":"up"}]`}, "from": {"10 March"}}, "From: is not a date and time"},
	} {
		code, _, page := s.post("/import/chat", bad.form)
		if code != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(page), bad.says) {
			t.Errorf("%v: %d, want 422 saying %q", bad.form, code, bad.says)
		}
	}
}
