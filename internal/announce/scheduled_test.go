package announce_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/housekeeping"
	"hindsight/internal/mail/mailtest"
	"hindsight/internal/webhook"
)

// TestOverdueAnnouncedOncePerPeriod runs the scheduled housekeeping of two
// instances on one database at once: the scan for overdue countermeasures
// runs once in its period, and each overdue countermeasure reaches the
// webhook once and its owner and the author by e-mail once — except one
// of a restricted post-mortem, which goes to no webhook and only to people
// who may read it. A later scan announces nothing again.
func TestOverdueAnnouncedOncePerPeriod(t *testing.T) {
	pair(t, func(t *testing.T, ins [2]*instance) {
		svc := ins[0].svc
		admin, author := as(t, svc, "Ada Admin", hindsight.Admin), as(t, svc, "Ana Author", hindsight.Editor)
		as(t, svc, "Olga Owner", hindsight.Viewer)
		rc := newReceiver(t, "")
		hook(t, svc, admin, rc, hindsight.FormatJSON, hindsight.AnnounceOverdue)
		past, future := &hindsight.Date{Year: 2026, Month: 1, Day: 5}, &hindsight.Date{Year: 2099, Month: 1, Day: 1}
		open := &hindsight.PostMortem{Title: "Checkout outage", Severity: "SEV3", Status: hindsight.StatusPublished, Countermeasures: []hindsight.Countermeasure{
			{Title: "Alert on pool saturation", Owner: "Olga Owner", Due: past},
			{Title: "Load test the pool", Owner: "Olga Owner", Due: future},
			{Title: "Raise the pool size", Owner: "Olga Owner", Due: past, Status: hindsight.CMDone},
		}}
		secret := &hindsight.PostMortem{Title: "Credential leak", Severity: "SEV3", Status: hindsight.StatusPublished, Access: hindsight.Access{Restricted: true},
			Countermeasures: []hindsight.Countermeasure{{Title: "Rotate zebracorn keys", Owner: "Olga Owner", Due: past}}}
		for _, p := range []*hindsight.PostMortem{open, secret} {
			if err := svc.Create(author, p); err != nil {
				t.Fatal(err)
			}
		}
		srv := mailtest.Start(t, false)
		if n := housekeepTogether(t, ins, srv, "announce-overdue"); n != 1 {
			t.Fatalf("the scan ran %d times in its period across two instances, want once", n)
		}
		waitFor(t, "the overdue announcement", func() bool { return len(rc.deliveries()) == 1 && len(srv.Messages()) == 3 })
		var e webhook.Event
		if err := json.Unmarshal(rc.deliveries()[0].Body, &e); err != nil {
			t.Fatal(err)
		}
		if e.Type != hindsight.AnnounceOverdue || e.PostMortem.ID != open.ID || e.Detail != "Alert on pool saturation (Olga Owner)" || e.Due.String() != "2026-01-05" {
			t.Fatalf("webhook got %+v", e)
		}
		got := map[string][]string{}
		for _, m := range srv.Messages() {
			got[m.To[0]] = append(got[m.To[0]], m.Parse.Header.Get("Subject"))
		}
		if s := got["olga.owner@example.com"]; len(s) != 1 || s[0] != "[Hindsight] Countermeasure overdue: Alert on pool saturation (Olga Owner)" {
			t.Errorf("the owner got %q", s)
		}
		if len(got["ana.author@example.com"]) != 2 || len(got) != 2 {
			t.Errorf("mail went to %q", got)
		}
		// The next hour's scan finds the same: nothing is announced again.
		if err := ins[1].q.Scan(t.Context()); err != nil {
			t.Fatal(err)
		}
		time.Sleep(500 * time.Millisecond)
		if len(rc.deliveries()) != 1 || len(srv.Messages()) != 3 {
			t.Fatalf("a second scan announced again: %d deliveries, %d mails", len(rc.deliveries()), len(srv.Messages()))
		}
		for _, d := range rc.deliveries() {
			if strings.Contains(string(d.Body), "zebracorn") || strings.Contains(string(d.Body), "Credential leak") {
				t.Fatal("a restricted post-mortem's countermeasure was posted")
			}
		}
	})
}

// TestRevisitDueAnnounced announces revisits due as the revisit schedule
// does (Service.Announce): a Slack webhook gets each once however often
// it is announced, never one of a restricted post-mortem, and only
// housekeeping may announce.
func TestRevisitDueAnnounced(t *testing.T) {
	engines(t, func(t *testing.T, in *instance) {
		svc := in.svc
		admin, author := as(t, svc, "Ada Admin", hindsight.Admin), as(t, svc, "Ana Author", hindsight.Editor)
		slack := newReceiver(t, "")
		hook(t, svc, admin, slack, hindsight.FormatSlack, hindsight.AnnounceRevisitDue)
		in.start(t, fast())
		p := publish(t, svc, author, "Checkout outage", hindsight.Access{})
		q := publish(t, svc, author, "Credential leak", hindsight.Access{Restricted: true})
		due := &hindsight.Date{Year: 2026, Month: 4, Day: 1}
		hk := hindsight.Housekeeping(t.Context())
		for range 3 {
			for _, x := range []*hindsight.PostMortem{p, q} {
				a := hindsight.Announcement{Kind: hindsight.AnnounceRevisitDue, Key: "revisit:" + x.ID + ":30d", PostMortemID: x.ID, Title: x.Title,
					Severity: x.Severity, Detail: "The 30-day revisit", Due: due}
				if err := svc.Announce(hk, a); err != nil {
					t.Fatal(err)
				}
			}
		}
		waitFor(t, "the revisit", func() bool { return len(slack.deliveries()) == 1 })
		time.Sleep(400 * time.Millisecond)
		if got := slack.deliveries(); len(got) != 1 || !strings.Contains(string(got[0].Body), "Revisit due: Checkout outage") ||
			!strings.Contains(string(got[0].Body), "The 30-day revisit — due 2026-04-01") {
			t.Fatalf("slack got %d: %s", len(got), got[0].Body)
		}
		if err := svc.Announce(author, hindsight.Announcement{Kind: hindsight.AnnounceRevisitDue, Key: "k", PostMortemID: p.ID}); !errors.Is(err, hindsight.ErrForbidden) {
			t.Errorf("an editor announcing: %v", err)
		}
		if err := svc.Announce(hk, hindsight.Announcement{Kind: "party", PostMortemID: p.ID}); err == nil || !strings.Contains(err.Error(), "kind") || !strings.Contains(err.Error(), "key") {
			t.Errorf("a bad announcement: %v", err)
		}
	})
}

// housekeepTogether starts both instances' queues, sending mail through
// srv, and runs their scheduled housekeeping at once for a while, with
// only the named job; it returns how often that job ran in all.
func housekeepTogether(t *testing.T, ins [2]*instance, srv *mailtest.Server, job string) int32 {
	t.Helper()
	var runs atomic.Int32
	jobs := [2][]housekeeping.Job{}
	for i, in := range ins {
		o := withMail(t, srv, nil)
		o.ScanEvery = time.Hour
		in.start(t, o)
		for _, j := range in.q.Jobs() {
			if j.Name == job {
				run := j.Run
				j.Run = func(ctx context.Context) error { runs.Add(1); return run(ctx) }
				jobs[i] = append(jobs[i], j)
			}
		}
	}
	// Both queues run before either instance's housekeeping starts.
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
	defer cancel()
	done := make(chan struct{}, 2)
	for i, in := range ins {
		go func() {
			housekeeping.Run(ctx, in.svc, "instance-"+string(rune('a'+i)), 20*time.Millisecond, jobs[i])
			done <- struct{}{}
		}()
	}
	<-done
	<-done
	return runs.Load()
}
