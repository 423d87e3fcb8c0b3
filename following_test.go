package hindsight_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"hindsight"
)

// TestFollowingTeamsAndServices has readers choose the teams and services
// they follow, on both engines, and checks their "to read" list: a
// post-mortem of a team they follow, naming a service they follow (any
// case) or of one of their groups is listed with why; their own, drafts,
// what they read, what is restricted away from them and what follows
// nothing of theirs are not. Bad names are refused naming the field, a
// read-only token may not change them, and the change is audited.
func TestFollowingTeamsAndServices(t *testing.T) {
	onEngines(t, func(t *testing.T, svc *hindsight.Service) {
		svc.Policy.PublishRules = nil
		admin := as(t, svc, "Ada Admin", hindsight.Admin)
		author := as(t, svc, "Ana Author", hindsight.Editor)
		mei := inGroups(t, svc, as(t, svc, "Mei Lin", hindsight.Editor), "payments")
		if got, err := svc.ToRead(as(t, svc, "Nobody Special", hindsight.Viewer), 10); err != nil || len(got) != 0 {
			t.Fatalf("the list of someone who follows nothing: %+v %v", got, err)
		}
		u, err := svc.SetFollowing(mei, []string{" Search ", "search", "Storage"}, []string{"checkout-api"})
		if err != nil || strings.Join(u.Teams, ",") != "Search,Storage" || strings.Join(u.Services, ",") != "checkout-api" || strings.Join(u.Groups, ",") != "payments" {
			t.Fatalf("following: %+v %v", u, err)
		}
		mei = hindsight.WithPrincipal(t.Context(), hindsight.Principal{User: u, Via: "test"})
		if again, err := svc.Me(mei); err != nil || !slices.Equal(again.Teams, u.Teams) || !slices.Equal(again.Services, u.Services) {
			t.Fatalf("stored: %+v %v", again, err)
		}
		var v *hindsight.ValidationError
		if _, err := svc.SetFollowing(mei, []string{"a,b"}, nil); !errors.As(err, &v) || v.Fields[0].Field != "teams[0]" {
			t.Fatalf("a comma in a team: %v", err)
		}
		readOnly := hindsight.WithPrincipal(t.Context(), hindsight.Principal{User: u, ReadOnly: true, Via: "token"})
		if _, err := svc.SetFollowing(readOnly, nil, nil); !errors.Is(err, hindsight.ErrForbidden) {
			t.Fatalf("a read-only token: %v", err)
		}

		create := func(ctx context.Context, p *hindsight.PostMortem) *hindsight.PostMortem {
			t.Helper()
			if p.Status == "" {
				p.Status = hindsight.StatusPublished
			}
			p.Severity = "SEV3"
			if err := svc.Create(ctx, p); err != nil {
				t.Fatal(err)
			}
			return p
		}
		byTeam := create(author, &hindsight.PostMortem{Title: "Index lag", Team: "SEARCH"})
		byService := create(author, &hindsight.PostMortem{Title: "Checkout slow", Team: "Web", Services: []string{"cdn", "Checkout-API"}})
		byGroup := create(author, &hindsight.PostMortem{Title: "Card declines", Team: "Payments"})
		create(author, &hindsight.PostMortem{Title: "Other team", Team: "Mobile", Services: []string{"push"}})
		create(author, &hindsight.PostMortem{Title: "Draft", Team: "Search", Status: hindsight.StatusDraft})
		create(author, &hindsight.PostMortem{Title: "Restricted", Team: "Search", Access: hindsight.Access{Restricted: true}})
		create(mei, &hindsight.PostMortem{Title: "Mei's own", Team: "Storage"})
		read := create(author, &hindsight.PostMortem{Title: "Read already", Team: "Storage"})
		if err := svc.RecordRead(mei, read.ID); err != nil {
			t.Fatal(err)
		}
		got, err := svc.ToRead(mei, 10)
		if err != nil {
			t.Fatal(err)
		}
		var lines []string
		for _, it := range got {
			lines = append(lines, it.Title+": "+strings.Join(it.Because, ", "))
		}
		want := []string{"Card declines: team Payments", "Checkout slow: service Checkout-API", "Index lag: team SEARCH"}
		slices.Sort(lines)
		if strings.Join(lines, "\n") != strings.Join(want, "\n") {
			t.Fatalf("mei's list:\n%s\nwant:\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
		}
		for _, it := range got {
			if it.ID != byTeam.ID && it.ID != byService.ID && it.ID != byGroup.ID {
				t.Errorf("listed %s", it.ID)
			}
		}
		if got, err := svc.ToRead(mei, 2); err != nil || len(got) != 2 {
			t.Fatalf("a limit of 2: %d %v", len(got), err)
		}

		teams, services, err := svc.TeamsAndServices(mei)
		if err != nil || strings.Join(teams, ",") != "Mobile,Payments,Search,Storage,Web" || strings.Join(services, ",") != "cdn,Checkout-API,push" {
			t.Fatalf("names to follow: %v %v %v", teams, services, err)
		}
		audit, err := svc.Audit(admin, hindsight.AuditFilter{Action: "user.following"})
		if err != nil || len(audit.Items) != 1 || audit.Items[0].Detail != "teams: Search, Storage; services: checkout-api" {
			t.Fatalf("audit: %+v %v", audit.Items, err)
		}
	})
}
