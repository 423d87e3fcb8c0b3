package hindsight_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"hindsight"
)

// TestReviewAndPublish follows a SEV2 post-mortem from draft to published
// under the default rule on both engines: publishing is refused until
// someone other than the author approves, a request for changes blocks it,
// comments thread, resolve and name who they mention, and a restricted
// post-mortem can be neither reviewed by nor mentioned to outsiders.
func TestReviewAndPublish(t *testing.T) {
	onEngines(t, func(t *testing.T, svc *hindsight.Service) {
		now := time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC)
		svc.Now = func() time.Time { return now }
		author, rev := as(t, svc, "Ana Author", hindsight.Editor), as(t, svc, "Rui Reviewer", hindsight.Viewer)
		other := as(t, svc, "Otto Other", hindsight.Viewer)
		p := &hindsight.PostMortem{Title: "Checkout outage", Severity: "SEV2", Status: hindsight.StatusPublished,
			Events: []hindsight.Event{{Text: "Deploy of the pool change"}, {Text: "Alert fires"}}}
		if err := svc.Create(author, p); !errors.Is(err, hindsight.ErrInvalid) || !strings.Contains(err.Error(), "1 approval from someone other than the author") {
			t.Fatalf("creating a SEV2 as published: %v", err)
		}
		p.Status = hindsight.StatusInReview
		if err := svc.Create(author, p); err != nil {
			t.Fatal(err)
		}
		publish := func(ctx any) error {
			q, err := svc.Get(author, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			q.Status = hindsight.StatusPublished
			return svc.Update(author, q)
		}
		if _, err := svc.RequestReview(author, p.ID, []string{"rui.reviewer@example.com", "nobody@example.com"}); !errors.Is(err, hindsight.ErrInvalid) || !strings.Contains(err.Error(), "reviewers[1]") {
			t.Fatalf("a reviewer without an account: %v", err)
		}
		if _, err := svc.RequestReview(rev, p.ID, []string{"otto.other@example.com"}); !errors.Is(err, hindsight.ErrForbidden) {
			t.Fatalf("a viewer asking for reviews: %v", err)
		}
		if _, err := svc.RequestReview(author, p.ID, []string{"rui.reviewer@example.com"}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.SubmitReview(author, p.ID, 1, hindsight.VerdictApproved, ""); err != nil {
			t.Fatal(err)
		}
		if err := publish(nil); !errors.Is(err, hindsight.ErrInvalid) || !strings.Contains(err.Error(), "it has 0") {
			t.Fatalf("publishing with only the author's approval: %v", err)
		}
		if _, err := svc.SubmitReview(rev, p.ID, 1, hindsight.VerdictChangesRequested, ""); !errors.Is(err, hindsight.ErrInvalid) {
			t.Fatalf("asking for changes without saying which: %v", err)
		}
		if _, err := svc.SubmitReview(rev, p.ID, 1, hindsight.VerdictChangesRequested, "Name the pool size"); err != nil {
			t.Fatal(err)
		}
		if err := publish(nil); err == nil || !strings.Contains(err.Error(), "Rui Reviewer asked for changes") {
			t.Fatalf("publishing while changes are asked for: %v", err)
		}
		if _, err := svc.SubmitReview(rev, p.ID, 7, hindsight.VerdictApproved, ""); !errors.Is(err, hindsight.ErrConflict) {
			t.Fatalf("approving a version never read: %v", err)
		}
		c, err := svc.AddComment(rev, p.ID, hindsight.NewComment{Anchor: "events[0]", Body: "Which pool? @ana.author please add the size"})
		if err != nil {
			t.Fatal(err)
		}
		if c.Quote != "Deploy of the pool change" || len(c.Mentions) != 1 {
			t.Fatalf("comment %+v", c)
		}
		if _, err := svc.AddComment(rev, p.ID, hindsight.NewComment{Anchor: "events[9]", Body: "x"}); !errors.Is(err, hindsight.ErrInvalid) {
			t.Fatalf("a comment on a missing event: %v", err)
		}
		reply, err := svc.AddComment(author, p.ID, hindsight.NewComment{ParentID: c.ID, Body: "64 → 8, added"})
		if err != nil || reply.ParentID != c.ID {
			t.Fatalf("reply %+v %v", reply, err)
		}
		if err := svc.ResolveComment(other, p.ID, c.ID, true); !errors.Is(err, hindsight.ErrForbidden) {
			t.Fatalf("resolving someone else's thread as a viewer: %v", err)
		}
		if err := svc.ResolveComment(rev, p.ID, c.ID, true); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Hour)
		if _, err := svc.SubmitReview(rev, p.ID, 1, hindsight.VerdictApproved, "Thanks"); err != nil {
			t.Fatal(err)
		}
		st, err := svc.Review(other, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !st.Publish.Allowed || len(st.Latest) != 2 || len(st.History) != 3 || st.Open != 0 || len(st.Comments) != 2 || st.Comments[0].ResolvedBy != "Rui Reviewer" {
			t.Fatalf("review state %+v", st)
		}
		if err := publish(nil); err != nil {
			t.Fatal(err)
		}
		pub, err := svc.Published(other, p.ID)
		if err != nil || pub == nil || pub.Version != 2 || !pub.FirstPublishedAt.Equal(now) || len(pub.ChangedSince) != 0 {
			t.Fatalf("published %+v %v", pub, err)
		}
		// Edited after publishing: it stays published and says what changed.
		now = now.Add(time.Hour)
		q, _ := svc.Get(author, p.ID)
		q.Summary = "The pool shrank from 64 to 8."
		if err := svc.Update(author, q); err != nil {
			t.Fatal(err)
		}
		pub, _ = svc.Published(other, p.ID)
		if q.Status != hindsight.StatusPublished || pub.ChangedVersions != 1 || strings.Join(pub.ChangedSince, ",") != "summary" {
			t.Fatalf("after an edit: %s %+v", q.Status, pub)
		}
		if err := svc.Reannounce(author, p.ID, 2, "pool size"); !errors.Is(err, hindsight.ErrConflict) {
			t.Fatalf("re-announcing a version not seen: %v", err)
		}
		if err := svc.Reannounce(author, p.ID, 3, "added the pool size"); err != nil {
			t.Fatal(err)
		}
		pub, _ = svc.Published(other, p.ID)
		if pub.Version != 3 || pub.ChangedVersions != 0 || !pub.FirstPublishedAt.Equal(now.Add(-time.Hour)) {
			t.Fatalf("after re-announcing: %+v", pub)
		}

		// A restricted post-mortem: outsiders can neither review nor be told.
		secret := &hindsight.PostMortem{Title: "Credential leak", Severity: "SEV1", Access: hindsight.Access{Restricted: true, Users: []string{"rui.reviewer@example.com"}}}
		if err := svc.Create(author, secret); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.RequestReview(author, secret.ID, []string{"otto.other@example.com"}); err == nil || !strings.Contains(err.Error(), "may not see") {
			t.Fatalf("asking an outsider to review a restricted post-mortem: %v", err)
		}
		if _, err := svc.AddComment(rev, secret.ID, hindsight.NewComment{Body: "cc @otto.other"}); err == nil || !strings.Contains(err.Error(), "may not see") {
			t.Fatalf("mentioning an outsider: %v", err)
		}
		if _, err := svc.Review(other, secret.ID); !errors.Is(err, hindsight.ErrNotFound) {
			t.Fatalf("an outsider reading the review: %v", err)
		}
		if _, err := svc.SubmitReview(other, secret.ID, 1, hindsight.VerdictApproved, ""); !errors.Is(err, hindsight.ErrNotFound) {
			t.Fatalf("an outsider approving: %v", err)
		}
	})
}

func TestParsePublishRules(t *testing.T) {
	rules, err := hindsight.ParsePublishRules("SEV1,SEV2 need 2 approvals from someone other than the author; * need 0 approvals")
	if err != nil {
		t.Fatal(err)
	}
	pol := hindsight.Policy{PublishRules: rules}
	if r := pol.PublishRule("sev1"); r.Approvals != 2 || !r.OtherThanAuthor || r.String() != "SEV1,SEV2 need 2 approvals from someone other than the author" {
		t.Fatalf("SEV1 rule %+v", r)
	}
	if r := pol.PublishRule("SEV4"); r.Approvals != 0 || r.OtherThanAuthor {
		t.Fatalf("the rest %+v", r)
	}
	for _, bad := range []string{"SEV1 needs approval", "SEV1 need x approvals", "SEV1 need 99 approvals"} {
		if _, err := hindsight.ParsePublishRules(bad); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}
