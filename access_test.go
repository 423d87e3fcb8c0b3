package hindsight_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"hindsight"
)

// TestRestrictedPostMortems checks that a restricted post-mortem is seen by
// the people and groups it names, its author and admins, and does not exist
// for anybody else on any read path.
func TestRestrictedPostMortems(t *testing.T) {
	now := time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC)
	svc := newService(t, now)
	author := as(t, svc, "Ana Author", hindsight.Editor)
	named := as(t, svc, "Nia Named", hindsight.Viewer)
	other := as(t, svc, "Otto Other", hindsight.Editor)
	admin := as(t, svc, "Ada Admin", hindsight.Admin)
	secOps, err := svc.AddUser(hindsight.CommandLine(t.Context()), hindsight.NewUser{Email: "sam@example.com", Name: "Sam Sec", Role: hindsight.Viewer})
	if err != nil {
		t.Fatal(err)
	}
	if secOps, err = svc.SetGroups(hindsight.CommandLine(t.Context()), secOps.ID, []string{"SecOps"}); err != nil {
		t.Fatal(err)
	}
	group := hindsight.WithPrincipal(t.Context(), hindsight.Principal{User: secOps})

	ended := now.Add(-10 * 24 * time.Hour)
	secret := &hindsight.PostMortem{Title: "Credential leak in build logs", Summary: "zebracorn token exposed", Severity: "SEV1", Tags: []string{"security"},
		Incident:        hindsight.Incident{StartedAt: &ended, EndedAt: &ended},
		Countermeasures: []hindsight.Countermeasure{{Title: "Rotate zebracorn keys", Owner: "Otto Other"}},
		Access:          hindsight.Access{Restricted: true, Users: []string{"NIA.named@example.com"}, Groups: []string{"secops"}}}
	open := &hindsight.PostMortem{Title: "Disk full", Summary: "zebracorn logs filled the disk", Severity: "SEV3", Tags: []string{"security"},
		Incident: hindsight.Incident{StartedAt: &ended, EndedAt: &ended}, Countermeasures: []hindsight.Countermeasure{{Title: "Rotate logs", Owner: "Otto Other"}}}
	for _, p := range []*hindsight.PostMortem{secret, open} {
		if err := svc.Create(author, p); err != nil {
			t.Fatal(err)
		}
	}
	img := &hindsight.Attachment{PostMortemID: secret.ID, Filename: "x.png", Data: []byte("\x89PNG\r\n\x1a\nrest")}
	if err := svc.AddAttachment(author, img); err != nil {
		t.Fatal(err)
	}

	for name, reader := range map[string]struct {
		ctx  context.Context
		sees bool
	}{"author": {author, true}, "named user": {named, true}, "group": {group, true}, "admin": {admin, true}, "other": {other, false}} {
		t.Run(name, func(t *testing.T) {
			rc := reader.ctx
			visible := func(what string, got bool) {
				t.Helper()
				if got != reader.sees {
					t.Errorf("%s: sees the restricted post-mortem = %v, want %v", what, got, reader.sees)
				}
			}
			_, err := svc.Get(rc, secret.ID)
			visible("Get", err == nil)
			if err != nil && !errors.Is(err, hindsight.ErrNotFound) {
				t.Errorf("Get refused with %v, want not found (nothing may tell it exists)", err)
			}
			_, err = svc.Head(rc, secret.ID)
			visible("Head", err == nil)
			_, err = svc.Attachment(rc, secret.ID, img.ID)
			visible("Attachment", err == nil)
			for _, f := range []hindsight.ListFilter{{}, {Q: "zebracorn"}, {Tag: "security"}, {Severity: "SEV1"}} {
				page, err := svc.List(rc, f)
				if err != nil {
					t.Fatal(err)
				}
				visible("List "+f.Q+f.Tag+f.Severity, containsSummary(page.Items, secret.ID))
				if f.Q != "" && !containsSummary(page.Items, open.ID) {
					t.Errorf("search lost the open post-mortem")
				}
			}
			facts, err := svc.IncidentFacts(rc, hindsight.FactsFilter{})
			if err != nil {
				t.Fatal(err)
			}
			seen := false
			for _, f := range facts {
				seen = seen || f.ID == secret.ID
			}
			visible("IncidentFacts", seen)
			cms, err := svc.ListCountermeasures(rc, hindsight.CountermeasureFilter{Owner: "Otto Other"})
			if err != nil {
				t.Fatal(err)
			}
			seen = false
			for _, c := range cms.Items {
				seen = seen || c.PostMortemID == secret.ID
			}
			visible("ListCountermeasures", seen)
			late, err := svc.LateMeetings(rc, hindsight.FactsFilter{})
			if err != nil {
				t.Fatal(err)
			}
			seen = false
			for _, l := range late {
				seen = seen || l.ID == secret.ID
			}
			visible("LateMeetings", seen)
		})
	}
	// The owner of its countermeasure does not see it either, and so cannot
	// change it.
	if _, err := svc.SetCountermeasureStatus(other, secret.ID, secret.Version, secret.Countermeasures[0].ID, hindsight.CMDone); !errors.Is(err, hindsight.ErrNotFound) {
		t.Errorf("an outsider changed a restricted countermeasure: %v", err)
	}
	if _, err := svc.Get(t.Context(), open.ID); !errors.Is(err, hindsight.ErrUnauthenticated) {
		t.Errorf("nobody signed in read a post-mortem: %v", err)
	}
}

func containsSummary(items []hindsight.Summary, id string) bool {
	for _, s := range items {
		if s.ID == id {
			return true
		}
	}
	return false
}
