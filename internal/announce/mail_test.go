package announce_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/announce"
	"hindsight/internal/mail"
	"hindsight/internal/mail/mailtest"
)

// TestMailAnnouncements sends announcements through the queue to a real
// SMTP server: a review request to the reviewer, a publication to the
// people concerned and the list, and a restricted one only to those who
// may read it — never to the list — and an @mention to the person
// mentioned. A server that refuses for a while is retried.
func TestMailAnnouncements(t *testing.T) {
	engines(t, func(t *testing.T, in *instance) {
		svc := in.svc
		author := as(t, svc, "Ana Author", hindsight.Editor)
		rui := as(t, svc, "Rui Reviewer", hindsight.Viewer)
		as(t, svc, "Otto Other", hindsight.Viewer)
		srv := mailtest.Start(t, false)
		in.start(t, withMail(t, srv, map[hindsight.AnnouncementKind][]string{hindsight.AnnouncePublished: {"eng-all@example.com"}}))
		srv.FailNext(1)
		p := &hindsight.PostMortem{Title: "Queue backlog", Severity: "SEV3", Status: hindsight.StatusInReview,
			Stakeholders: []hindsight.Stakeholder{{Name: "Otto", Email: "otto.other@example.com", Roles: []hindsight.Role{hindsight.RoleAffected}}}}
		if err := svc.Create(author, p); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.RequestReview(author, p.ID, []string{"rui.reviewer@example.com"}); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the review request", func() bool { return len(srv.Messages()) == 1 })
		if got := srv.Messages()[0]; got.To[0] != "rui.reviewer@example.com" || !strings.HasPrefix(got.Parse.Header.Get("Subject"), "[Hindsight] Review requested: Queue backlog") {
			t.Fatalf("review request mail %+v", got)
		}
		p.Status = hindsight.StatusPublished
		if err := svc.Update(author, p); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the publication's mail", func() bool { return len(srv.Messages()) == 5 })
		if got := recipients(srv.Messages()[1:]); got != "ana.author@example.com eng-all@example.com otto.other@example.com rui.reviewer@example.com" {
			t.Fatalf("published went to %s", got)
		}
		secret := &hindsight.PostMortem{Title: "Credential leak", Severity: "SEV3", Status: hindsight.StatusPublished,
			Access:       hindsight.Access{Restricted: true, Users: []string{"rui.reviewer@example.com"}},
			Stakeholders: []hindsight.Stakeholder{{Name: "Otto", Email: "otto.other@example.com"}, {Name: "Rui", Email: "rui.reviewer@example.com"}}}
		if err := svc.Create(author, secret); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the restricted one's mail", func() bool { return len(srv.Messages()) == 7 })
		time.Sleep(300 * time.Millisecond)
		if got := recipients(srv.Messages()[5:]); got != "ana.author@example.com rui.reviewer@example.com" {
			t.Fatalf("a restricted post-mortem went to %s", got)
		}

		// An @mention in a comment is mailed to the person mentioned
		// alone, quoting the comment.
		if _, err := svc.AddComment(rui, p.ID, hindsight.NewComment{Anchor: "summary", Body: "Was the backlog visible? @otto.other please check the dashboards"}); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the mention's mail", func() bool { return len(srv.Messages()) == 8 })
		time.Sleep(300 * time.Millisecond)
		got := srv.Messages()[7:]
		if len(got) != 1 || recipients(got) != "otto.other@example.com" || got[0].Parse.Header.Get("Subject") != "[Hindsight] Rui Reviewer mentioned you on Queue backlog" {
			t.Fatalf("the mention went to %s: %+v", recipients(got), got)
		}
		if text, _, err := got[0].Parts(); err != nil || !strings.Contains(text, "please check the dashboards") {
			t.Fatalf("the mention's mail says %q %v", text, err)
		}
	})
}

func recipients(ms []mailtest.Received) string {
	var to []string
	for _, m := range ms {
		to = append(to, m.To...)
	}
	slices.Sort(to)
	return strings.Join(to, " ")
}

// withMail are fast options that send mail through the test's SMTP
// server over STARTTLS with AUTH, also to lists.
func withMail(t *testing.T, srv *mailtest.Server, lists map[hindsight.AnnouncementKind][]string) announce.Options {
	t.Helper()
	m, err := mail.New(mail.Config{Host: srv.Host, Port: srv.Port, Security: "starttls", Username: mailtest.User, Password: mailtest.Password,
		From: "hindsight@example.com", TLS: srv.ClientTLS, Lists: lists})
	if err != nil {
		t.Fatal(err)
	}
	o := fast()
	o.Mail = m
	return o
}
