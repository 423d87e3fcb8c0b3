package chatimport

import (
	"os"
	"strings"
	"testing"
	"time"
)

func utc(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestSlackExport reads a channel: names from users.json, housekeeping
// skipped, markup made plain, pinned and reacted-to messages marked; the
// default choice takes the marked ones in the window.
func TestSlackExport(t *testing.T) {
	msgs, err := ReadSlackExport(os.DirFS("testdata/slack"), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 7 {
		t.Fatalf("%d messages, want 7 (the join is housekeeping)", len(msgs))
	}
	first := msgs[0]
	if first.Author != "Priya Raman" || first.Text != "Checkout error rate is at 12%, paging @Jonas Weber" || !first.At.Equal(utc("2026-03-10 09:58")) || !first.Marked {
		t.Errorf("first message %+v", first)
	}
	if msgs[2].Text != "Gateway status page is green: [status](https://status.example.com). Ruling the gateway out." || msgs[3].Author != "Mei Lin" || !strings.Contains(msgs[3].Text, "& the pool") {
		t.Errorf("markup: %q / %q %q", msgs[2].Text, msgs[3].Author, msgs[3].Text)
	}
	window := Window{From: utc("2026-03-10 09:00"), To: utc("2026-03-10 23:59")}
	chosen := Select(msgs, window, ChooseMarked)
	if len(chosen) != 4 || chosen[3].Text != "Pool size back to 64, deployed" {
		t.Errorf("marked in the window: %+v", chosen)
	}
	if all := Select(msgs, window, ChooseAll); len(all) != 6 {
		t.Errorf("all in the window: %d", len(all))
	}
	ev := Events(chosen)
	if ev[0].ReportedBy != "Priya Raman" || !ev[0].At.Equal(utc("2026-03-10 09:58")) {
		t.Errorf("event %+v", ev[0])
	}
	if _, err := ReadSlackExport(os.DirFS("testdata/slack"), "random"); err == nil || !strings.Contains(err.Error(), "incident-checkout") {
		t.Errorf("an unknown channel: %v", err)
	}
}

func TestCSVAndJSONLines(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	f, _ := os.Open("testdata/timeline.csv")
	defer f.Close()
	msgs, err := ReadCSV(f, berlin)
	if err != nil || len(msgs) != 3 {
		t.Fatalf("CSV: %v %d", err, len(msgs))
	}
	if !msgs[0].At.Equal(utc("2026-03-10 08:42")) || msgs[1].Text != "Alert pages the on-call engineer, error rate 12%" || msgs[2].Kind != "resolution" || !msgs[2].At.Equal(utc("2026-03-10 10:47")) {
		t.Errorf("CSV messages: %+v", msgs)
	}
	if _, err := ReadCSV(strings.NewReader("time,who,what,kind\n2026-03-10 09:42,a,b,party\n"), time.UTC); err == nil || !strings.Contains(err.Error(), "row 1") {
		t.Errorf("a bad kind: %v", err)
	}
	j, _ := os.Open("testdata/timeline.jsonl")
	defer j.Close()
	msgs, err = ReadJSONLines(j, time.UTC)
	if err != nil || len(msgs) != 2 || msgs[1].Author != "Priya Raman" || !msgs[1].At.Equal(utc("2026-03-10 09:58")) || !msgs[1].Marked || msgs[0].Kind != "action" {
		t.Fatalf("JSON lines: %v %+v", err, msgs)
	}
}

// TestPastedChat reads text copied from Slack (author and time on a line,
// the text under it), one-line "[time] name:" and IRC shapes, and rolls
// past midnight.
func TestPastedChat(t *testing.T) {
	b, _ := os.ReadFile("testdata/pasted.txt")
	cet := time.FixedZone("CET", 3600)
	msgs, err := ReadPasted(string(b), time.Date(2026, 3, 10, 0, 0, 0, 0, cet), cet)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ at, who, text string }{
		{"2026-03-10 09:58", "Priya Raman", "Checkout error rate is at 12%\npaging Jonas"},
		{"2026-03-10 10:10", "Jonas Weber", "Gateway status page is green, ruling it out"},
		{"2026-03-10 10:25", "Mei Lin", "thread dumps show every worker waiting for a pooled connection"},
		{"2026-03-10 10:47", "jonas", "pool size back to 64"},
		{"2026-03-10 23:15", "priya", "error rate normal, closing"},
	}
	if len(msgs) != len(want) {
		t.Fatalf("%d messages: %+v", len(msgs), msgs)
	}
	for i, w := range want {
		if m := msgs[i]; !m.At.Equal(utc(w.at)) || m.Author != w.who || m.Text != w.text {
			t.Errorf("message %d: %v %q %q, want %s %q %q", i, m.At, m.Author, m.Text, w.at, w.who, w.text)
		}
	}
	if _, err := ReadPasted("just words", time.Now(), time.UTC); err == nil {
		t.Error("text with no message was read")
	}
}
