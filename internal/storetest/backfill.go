package storetest

import (
	"testing"
	"time"

	"hindsight"
)

// Unmigrated is what a database held before migration 0003: what it
// derives is gone, a countermeasure's owner column holds the name as
// typed ("Mei  LIN") and an attachment is stored. Engine tests write it
// through s, take 0003 out by hand and open the store again; Backfilled
// then checks what 0003 and 0021 derived.
func Unmigrated(t *testing.T, s hindsight.Store) (postmortemID, attachmentID string) {
	t.Helper()
	p := create(t, s, Minimal("Before people were kept", func(p *hindsight.PostMortem) {
		p.Meeting.Contact = "Ana Souza"
		p.Events = []hindsight.Event{{ReportedBy: "Ben Okafor", Text: "x"}}
		p.Countermeasures = []hindsight.Countermeasure{{Title: "t", Owner: "Mei Lin"}}
		p.Stakeholders = []hindsight.Stakeholder{{Name: "Support"}}
	}))
	a := &hindsight.Attachment{PostMortemID: p.ID, Filename: "x.png", ContentType: "image/png", Data: pngBytes, CreatedAt: time.Now().Add(-48 * time.Hour)}
	if err := s.PutAttachment(ctx(t), a); err != nil {
		t.Fatal(err)
	}
	return p.ID, a.ID
}

// Backfilled checks a store migrated from Unmigrated's state: the people
// it named are offered, the owner filter finds the owner however it is
// spaced, and the attachment stored before is kept by a purge.
func Backfilled(t *testing.T, s hindsight.Store, postmortemID, attachmentID string) {
	t.Helper()
	all := hindsight.Audience{All: true}
	if page := list(t, s, hindsight.ListFilter{Audience: all}); len(page.Items) != 1 || page.Items[0].ID != postmortemID {
		t.Errorf("list after migrating = %q", titles(page))
	}
	if page := list(t, s, hindsight.ListFilter{Q: "people", Audience: all}); len(page.Items) != 1 || page.Items[0].Snippet == "" {
		t.Errorf("search after migrating = %+v", page.Items)
	}
	got, err := s.People(ctx(t), hindsight.PeopleFilter{Audience: hindsight.Audience{All: true}})
	if err != nil || !sameSet(got, []string{"Ana Souza", "Ben Okafor", "Mei Lin", "Support"}) {
		t.Errorf("People after migrating = %q, %v", got, err)
	}
	cms, err := s.ListCountermeasures(ctx(t), hindsight.CountermeasureFilter{Owner: "mei lin", Audience: hindsight.Audience{All: true}})
	if err != nil || len(cms.Items) != 1 {
		t.Errorf("owner filter after migrating = %+v, %v", cms.Items, err)
	}
	if _, err := s.PurgeUploads(ctx(t), time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetAttachment(ctx(t), postmortemID, attachmentID); err != nil {
		t.Errorf("an attachment stored before the migration was purged: %v", err)
	}
}
