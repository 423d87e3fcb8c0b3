package hindsight_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"hindsight"
)

// inGroups is a user's context after an admin put them in groups.
func inGroups(t *testing.T, svc *hindsight.Service, ctx context.Context, groups ...string) context.Context {
	t.Helper()
	p, _ := hindsight.PrincipalFrom(ctx)
	u, err := svc.SetGroups(hindsight.CommandLine(t.Context()), p.User.ID, groups)
	if err != nil {
		t.Fatal(err)
	}
	return hindsight.WithPrincipal(t.Context(), hindsight.Principal{User: u, Via: "test"})
}

// TestReadReceipts records who opened published post-mortems on both
// engines: once per reader, counted against the stakeholders, names shown
// only to those who may edit, a restricted post-mortem neither readable
// nor listed for outsiders, the "to read" list by team and service, and
// the share of the most severe post-mortems their team (groups or teams
// followed) read within 14 days.
func TestReadReceipts(t *testing.T) {
	onEngines(t, func(t *testing.T, svc *hindsight.Service) {
		now := time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC)
		svc.Now = func() time.Time { return now }
		svc.Policy.PublishRules = nil
		author := inGroups(t, svc, as(t, svc, "Ana Author", hindsight.Editor), "search")
		mei := inGroups(t, svc, as(t, svc, "Mei Lin", hindsight.Viewer), "payments")
		bo := inGroups(t, svc, as(t, svc, "Bo Berg", hindsight.Viewer), "search")
		create := func(p *hindsight.PostMortem) *hindsight.PostMortem {
			t.Helper()
			p.Status = hindsight.StatusPublished
			if err := svc.Create(author, p); err != nil {
				t.Fatal(err)
			}
			return p
		}
		p := create(&hindsight.PostMortem{Title: "Card declines", Severity: "SEV3", Team: "Payments", Stakeholders: []hindsight.Stakeholder{
			{Name: "Mei", Email: "mei.lin@example.com"}, {Name: "Bo", Email: "bo.berg@example.com"}, {Name: "Xi", Email: "xi@example.com"},
			{Name: "Support"}, {Name: "Mei again", Email: "MEI.LIN@example.com"}}})
		secret := create(&hindsight.PostMortem{Title: "Key leak", Severity: "SEV3", Team: "payments",
			Access: hindsight.Access{Restricted: true}})
		viaService := create(&hindsight.PostMortem{Title: "Search lag", Severity: "SEV3", Services: []string{"Search"}})

		if got, err := svc.ToRead(mei, 10); err != nil || len(got) != 1 || got[0].ID != p.ID {
			t.Fatalf("mei's list: %+v %v", got, err)
		}
		if got, err := svc.ToRead(bo, 10); err != nil || len(got) != 1 || got[0].ID != viaService.ID {
			t.Fatalf("bo's list, by service: %+v %v", got, err)
		}
		first := now
		for range 2 {
			if err := svc.RecordRead(mei, p.ID); err != nil {
				t.Fatal(err)
			}
			now = now.Add(time.Hour)
		}
		if err := svc.RecordRead(mei, secret.ID); !errors.Is(err, hindsight.ErrNotFound) {
			t.Fatalf("reading a restricted post-mortem from outside: %v", err)
		}
		rr, err := svc.ReadReceipts(author, p.ID, nil)
		if err != nil || rr.Stakeholders != 3 || rr.StakeholdersRead != 1 || rr.Total != 1 || len(rr.Readers) != 1 ||
			!rr.Readers[0].At.Equal(first) || rr.Readers[0].Name != "Mei Lin" || len(rr.Unread) != 2 {
			t.Fatalf("receipts for the author: %+v %v", rr, err)
		}
		if rr, err := svc.ReadReceipts(bo, p.ID, nil); err != nil || rr.Total != 1 || len(rr.Readers) != 0 || len(rr.Unread) != 0 {
			t.Fatalf("receipts for a viewer: %+v %v", rr, err)
		}
		if _, err := svc.ReadReceipts(mei, secret.ID, nil); !errors.Is(err, hindsight.ErrNotFound) {
			t.Fatalf("receipts of a restricted post-mortem: %v", err)
		}
		if got, err := svc.ToRead(mei, 10); err != nil || len(got) != 0 {
			t.Fatalf("mei's list after reading: %+v %v", got, err)
		}

		// The reading figure: a SEV1 read by its team in time, a SEV2 read
		// only by its author and by its team too late.
		sev1 := create(&hindsight.PostMortem{Title: "Payments down", Severity: "SEV1", Team: "Payments"})
		sev2 := create(&hindsight.PostMortem{Title: "Search down", Severity: "SEV2", Team: "Search"})
		if fig, err := svc.ReadingFigure(author); err != nil || fig.Counted != 0 || fig.Share != nil {
			t.Fatalf("figure before anyone read: %+v %v", fig, err)
		}
		now = now.Add(24 * time.Hour)
		for _, x := range []struct {
			who context.Context
			id  string
		}{{mei, sev1.ID}, {author, sev2.ID}} {
			if err := svc.RecordRead(x.who, x.id); err != nil {
				t.Fatal(err)
			}
		}
		if fig, err := svc.ReadingFigure(author); err != nil || fig.Counted != 1 || fig.Read != 1 || *fig.Share != 1 {
			t.Fatalf("figure after a day: %+v %v", fig, err)
		}
		now = now.Add(15 * 24 * time.Hour)
		if err := svc.RecordRead(bo, sev2.ID); err != nil {
			t.Fatal(err)
		}
		fig, err := svc.ReadingFigure(author)
		if err != nil || fig.Counted != 2 || fig.Read != 1 || *fig.Share != 0.5 || len(fig.Severities) != 2 {
			t.Fatalf("figure after 16 days: %+v %v", fig, err)
		}

		// A team is also the one a reader follows on their account, not
		// only a sign-in group; a reader of neither does not count.
		sev1b := create(&hindsight.PostMortem{Title: "Checkout down", Severity: "SEV1", Team: "Checkout"})
		cy, di := as(t, svc, "Cy Follower", hindsight.Viewer), as(t, svc, "Di Outsider", hindsight.Viewer)
		if _, err := svc.SetFollowing(cy, []string{"checkout "}, nil); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Hour)
		if err := svc.RecordRead(di, sev1b.ID); err != nil {
			t.Fatal(err)
		}
		if fig, err := svc.ReadingFigure(author); err != nil || fig.Counted != 2 || fig.Read != 1 {
			t.Fatalf("figure after an outsider read: %+v %v", fig, err)
		}
		if err := svc.RecordRead(cy, sev1b.ID); err != nil {
			t.Fatal(err)
		}
		if fig, err := svc.ReadingFigure(author); err != nil || fig.Counted != 3 || fig.Read != 2 {
			t.Fatalf("figure after a follower of the team read: %+v %v", fig, err)
		}
	})
}
