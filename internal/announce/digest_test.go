package announce_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/mail/mailtest"
)

// TestWeeklyDigest runs the scheduled housekeeping of two instances on one
// database: the digest goes out once that week, to each user who asked
// for it and has something to read, as plain text and HTML over
// STARTTLS with AUTH — the post-mortems published that week that they
// may read (not older ones, not drafts, not restricted ones they may not
// see), the overdue countermeasures they own, and the revisits overdue or
// due within the week of post-mortems that concern them (written by them,
// naming them, of a team they follow), restricted ones only for readers.
func TestWeeklyDigest(t *testing.T) {
	pair(t, func(t *testing.T, ins [2]*instance) {
		svc := ins[0].svc
		author := as(t, svc, "Ana Author", hindsight.Editor)
		vic := as(t, svc, "Vic Viewer", hindsight.Viewer)
		olga := as(t, svc, "Olga Owner", hindsight.Viewer)
		as(t, svc, "Otto Other", hindsight.Viewer)
		as(t, svc, "Quinn Quiet", hindsight.Viewer)
		for _, ctx := range []context.Context{author, vic, olga} {
			if _, err := svc.SetWeeklyDigest(ctx, true); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := svc.SetFollowing(vic, []string{"payments"}, nil); err != nil {
			t.Fatal(err)
		}
		svc.Policy.PublishRules = nil // SEV1 and SEV2 published without review
		real := svc.Now
		// Published before: 10 days ago (not this week's news), 40 days
		// ago (a SEV2 whose first revisit, at 30 days, is overdue) and 25
		// days ago (a SEV1 whose first revisit falls due this week).
		for _, old := range []struct {
			days int
			p    *hindsight.PostMortem
		}{
			{10, &hindsight.PostMortem{Title: "Old incident", Severity: "SEV3", Status: hindsight.StatusPublished}},
			{40, &hindsight.PostMortem{Title: "Disk full", Severity: "SEV2", Team: "Storage", Status: hindsight.StatusPublished,
				Stakeholders: []hindsight.Stakeholder{{Name: "Olga", Email: "olga.owner@example.com"}}}},
			{40, &hindsight.PostMortem{Title: "Token theft", Severity: "SEV2", Team: "Payments", Status: hindsight.StatusPublished,
				Access: hindsight.Access{Restricted: true}}},
			{25, &hindsight.PostMortem{Title: "Card outage", Severity: "SEV1", Team: "Payments", Status: hindsight.StatusPublished}},
			// Its first revisit is 170 days late: left to the tracker.
			{200, &hindsight.PostMortem{Title: "Ancient outage", Severity: "SEV2", Team: "Payments", Status: hindsight.StatusPublished}},
		} {
			svc.Now = func() time.Time { return real().Add(-time.Duration(old.days) * 24 * time.Hour) }
			if err := svc.Create(author, old.p); err != nil {
				t.Fatal(err)
			}
		}
		svc.Now = real
		overdueSince := hindsight.DateOf(real().Add(-10 * 24 * time.Hour)).String()
		dueOn := hindsight.DateOf(real().Add(5 * 24 * time.Hour)).String()
		for _, p := range []*hindsight.PostMortem{
			{Title: "Checkout outage", Summary: "The pool stalled.", Severity: "SEV3", Team: "Payments", Status: hindsight.StatusPublished,
				Countermeasures: []hindsight.Countermeasure{{Title: "Alert on pool saturation", Owner: "Olga Owner", Due: &hindsight.Date{Year: 2026, Month: 1, Day: 5}}}},
			{Title: "Credential leak", Severity: "SEV3", Status: hindsight.StatusPublished, Access: hindsight.Access{Restricted: true}},
			{Title: "Draft in progress", Severity: "SEV3"},
		} {
			if err := svc.Create(author, p); err != nil {
				t.Fatal(err)
			}
		}
		srv := mailtest.Start(t, false)
		if n := housekeepTogether(t, ins, srv, "weekly-digest"); n != 1 {
			t.Fatalf("the digest ran %d times in its week across two instances, want once", n)
		}
		waitFor(t, "three digests", func() bool { return len(srv.Messages()) == 3 })
		time.Sleep(300 * time.Millisecond)
		got := map[string]string{}
		for _, m := range srv.Messages() {
			if !m.TLS || m.Auth != mailtest.User || len(m.To) != 1 {
				t.Fatalf("sent %+v", m)
			}
			text, html, err := m.Parts()
			if err != nil {
				t.Fatal(err)
			}
			got[m.To[0]] = m.Parse.Header.Get("Subject") + "\n" + text + "\n" + html
		}
		if keys := mapKeys(got); keys != "ana.author@example.com olga.owner@example.com vic.viewer@example.com" {
			t.Fatalf("digests went to %s", keys)
		}
		for who, want := range map[string][]string{
			"ana.author@example.com": {"[Hindsight] Your weekly digest: 2 published, 0 overdue, 3 revisits due", "Checkout outage", "Credential leak", "The pool stalled.",
				"Disk full — revisit 1 overdue since " + overdueSince, "Token theft — revisit 1 overdue since " + overdueSince, "Card outage — revisit 1 due " + dueOn},
			"vic.viewer@example.com": {"[Hindsight] Your weekly digest: 1 published, 0 overdue, 1 revisit due", "Checkout outage", `href="https://h.example.com/postmortems/`,
				"Card outage — revisit 1 due " + dueOn, "Revisits due"},
			"olga.owner@example.com": {"[Hindsight] Your weekly digest: 1 published, 1 overdue, 1 revisit due", "Alert on pool saturation — due 2026-01-05, of Checkout outage",
				"Disk full — revisit 1 overdue since " + overdueSince, "<strong>overdue since " + overdueSince + "</strong>"},
		} {
			for _, w := range want {
				if !strings.Contains(got[who], w) {
					t.Errorf("%s's digest lacks %q:\n%s", who, w, got[who])
				}
			}
			for _, never := range []string{"Old incident", "Draft in progress", "Ancient outage"} {
				if strings.Contains(got[who], never) {
					t.Errorf("%s's digest has %q", who, never)
				}
			}
		}
		for _, secret := range []string{"Credential leak", "Token theft"} {
			if strings.Contains(got["vic.viewer@example.com"], secret) || strings.Contains(got["olga.owner@example.com"], secret) {
				t.Errorf("a digest shows %q, restricted, to someone it is not shared with", secret)
			}
		}
		// Revisits only for those they concern: Vic follows Payments,
		// not Storage; Olga is a stakeholder of Disk full only.
		if strings.Contains(got["vic.viewer@example.com"], "Disk full") || strings.Contains(got["olga.owner@example.com"], "Card outage") {
			t.Error("a digest names a revisit of a post-mortem that does not concern its reader")
		}
	})
}

func mapKeys(m map[string]string) string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return strings.Join(keys, " ")
}
