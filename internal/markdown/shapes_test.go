package markdown

import (
	"strings"
	"testing"

	"hindsight"
)

// TestOtherShapes imports post-mortems written in other common shapes:
// recognised sections land in their fields, every other section is kept
// verbatim.
func TestOtherShapes(t *testing.T) {
	sre := parseValid(t, readFile(t, "sre-style.md"))
	checks := []struct{ name, got, want string }{
		{"title (setext)", sre.Title, "Shopping cart outage: 2026-02-03"},
		{"created by", sre.Meeting.CreatedBy, "Lena Fischer, Mateo García"},
		{"status", string(sre.Status), "published"},
		{"severity", sre.Severity, "SEV1"},
		{"summary", sre.Summary, "Carts could not be saved for 47 minutes after a Redis cluster lost quorum."},
		{"root cause", sre.RootCause, "A network partition split the Redis cluster; the client library had no fallback for writes."},
		{"events", itoa(len(sre.Events)), "4"},
		{"event rolls onto the first event's day", formatTime(*sre.Events[1].At), "2026-02-03 14:05 UTC"},
		{"event reporter", sre.Events[1].ReportedBy, "Lena Fischer"},
		{"event kind", string(sre.Events[2].Kind), "decision"},
		{"countermeasures", itoa(len(sre.Countermeasures)), "2"},
		{"countermeasure owner", sre.Countermeasures[0].Owner, "Mateo García"},
		{"countermeasure kind", string(sre.Countermeasures[1].Kind), "detect"},
		{"countermeasure ticket", sre.Countermeasures[1].Ticket, "CART-89"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("sre: %s = %q, want %q", c.name, c.got, c.want)
		}
	}
	kept := map[string]string{}
	for _, s := range sre.OtherSections {
		kept[s.Heading] = s.Body
	}
	if kept["Impact"] != `About 12,000 customers saw "cart could not be saved"; revenue impact estimated at 3% of the day.` {
		t.Errorf("Impact not kept verbatim: %q", kept["Impact"])
	}
	if want := "### What went well\n\n- The alert fired within three minutes.\n\n### Where we got lucky\n\n- The partition healed on its own."; kept["Lessons Learned"] != want {
		t.Errorf("Lessons Learned not kept verbatim:\n%q", kept["Lessons Learned"])
	}
	// "All times UTC." under the timeline is not an event and is not lost.
	if kept["Timeline notes"] != "All times UTC." {
		t.Errorf("the note under the timeline was not kept: %q", kept["Timeline notes"])
	}

	morgue := parseValid(t, readFile(t, "morgue-style.md"))
	if morgue.Severity != "SEV3" || morgue.Team != "Payments" || morgue.Summary != "Webhooks to merchants were delayed by up to 40 minutes." {
		t.Errorf("morgue metadata: %q %q %q", morgue.Severity, morgue.Team, morgue.Summary)
	}
	cm := morgue.Countermeasures
	if len(cm) != 2 || cm[0].Status != hindsight.CMDone || cm[0].Owner != "Kwame Mensah" || cm[0].Due.String() != "2026-01-20" || cm[0].Priority != hindsight.P2 || cm[1].Priority != hindsight.P1 || cm[1].Status != hindsight.CMOpen {
		t.Errorf("follow-ups: %+v", cm)
	}
	if strings.Join(morgue.Tags, ",") != "payments,webhooks" {
		t.Errorf("tags %q", morgue.Tags)
	}
	if len(morgue.OtherSections) != 1 || morgue.OtherSections[0].Heading != "Contributing Factors" || !strings.HasPrefix(morgue.OtherSections[0].Body, "1. A queue consumer") {
		t.Errorf("contributing factors: %+v", morgue.OtherSections)
	}
	// Whatever shape came in, the round trip through the template holds.
	for _, p := range []*hindsight.PostMortem{sre, morgue} {
		back := parseValid(t, Render(p))
		if comparable(t, back) != comparable(t, p) {
			t.Errorf("%q does not survive Render and Parse", p.Title)
		}
	}
}

// TestTimelineDays checks times without a date: they take the incident's
// day, roll past midnight, and honour zones.
func TestTimelineDays(t *testing.T) {
	src := "# Night incident\n\n## Timeline\n\n| Incident | Value |\n| --- | --- |\n| Start Time | 2026-03-10 23:40 UTC |\n\n## What happened \n\n" +
		"- 23:40 UTC — Disk fills\n- 23:55 — Alert\n- 00:10 UTC — Volume expanded\n- 02:30 +02:00 — Next day in Berlin\n- 2026-03-12 08:00 UTC — Follow-up review\n- 08:30 — After the review\n"
	p := parseValid(t, []byte(src))
	want := []string{"2026-03-10 23:40 UTC", "2026-03-10 23:55 UTC", "2026-03-11 00:10 UTC", "2026-03-11 00:30 UTC", "2026-03-12 08:00 UTC", "2026-03-12 08:30 UTC"}
	for i, w := range want {
		if got := formatTime(*p.Events[i].At); got != w {
			t.Errorf("event %d at %s, want %s", i, got, w)
		}
	}
	back := parseValid(t, Render(p))
	for i := range want {
		if !back.Events[i].At.Equal(*p.Events[i].At) {
			t.Errorf("event %d moved in the round trip: %v", i, back.Events[i].At)
		}
	}
	p, rep, _ := Import([]byte("# No day\n\n## What happened\n\n- 09:40 — Something\n"), Options{})
	if len(p.Events) != 1 || p.Events[0].At != nil || p.Events[0].Text != "09:40 — Something" || !strings.Contains(strings.Join(rep.NotRecognised, "\n"), "no date") {
		t.Errorf("a time with no day to place it on is kept in the text and reported: %+v %+v", p.Events, rep.NotRecognised)
	}
	p, rep, _ = Import([]byte("# Bad\n\n## Timeline\n\n| Incident | Value |\n| --- | --- |\n| Start Time | yesterday |\n"), Options{})
	if p.Incident.StartedAt != nil || !strings.Contains(strings.Join(rep.NotRecognised, "\n"), "incident.started_at") || !strings.Contains(p.OtherSections[0].Body, "yesterday") {
		t.Errorf("a malformed start time is kept as written and reported: %+v %+v", p.OtherSections, rep.NotRecognised)
	}
}
