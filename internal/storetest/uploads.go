package storetest

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"testing"

	"hindsight"
)

var pngBytes = []byte("\x89PNG\r\n\x1a\nfake")

func putUpload(t *testing.T, s hindsight.Store, owner string) *hindsight.Upload {
	t.Helper()
	u := &hindsight.Upload{OwnerID: owner, Filename: "graph.png", ContentType: "image/png", Data: pngBytes}
	if err := s.PutUpload(ctx(t), u); err != nil {
		t.Fatal(err)
	}
	return u
}

// by is a context whose principal is the user with that id, whose saves
// the store stamps with it.
func by(t *testing.T, userID string) context.Context {
	return hindsight.WithPrincipal(ctx(t), hindsight.Principal{User: &hindsight.User{ID: userID, Name: userID}})
}

// linking is a post-mortem whose additional info links the given
// attachment ids of its own.
func linking(title, id string, aids ...string) *hindsight.PostMortem {
	return Minimal(title, func(p *hindsight.PostMortem) {
		p.ID = id
		for _, a := range aids {
			p.AdditionalInfo += "![graph](" + hindsight.AttachmentURL(id, a) + ")\n\n"
		}
	})
}

// testUploads checks pending uploads: kept for their owner, and moved to
// the post-mortem whose first save (by their owner) links them, in the
// same write.
func testUploads(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	mine, theirs := putUpload(t, s, "ana"), putUpload(t, s, "ben")
	if mine.ID == "" || !mine.CreatedAt.Equal(c.t) {
		t.Fatalf("PutUpload did not stamp: %+v", mine)
	}
	got, err := s.GetUpload(ctx(t), mine.ID)
	if err != nil || got.OwnerID != "ana" || !bytes.Equal(got.Data, pngBytes) || got.Filename != "graph.png" || got.ContentType != "image/png" || !got.CreatedAt.Equal(c.t) {
		t.Fatalf("GetUpload = %+v, %v", got, err)
	}
	if _, err := s.GetUpload(ctx(t), hindsight.NewID()); !errors.Is(err, hindsight.ErrNotFound) {
		t.Errorf("GetUpload of nothing = %v, want ErrNotFound", err)
	}
	if n, size, err := s.UploadUsage(ctx(t), "ana"); err != nil || n != 1 || size != int64(len(pngBytes)) {
		t.Errorf("UploadUsage = %d, %d, %v", n, size, err)
	}
	gone := hindsight.NewID()
	missing, err := s.MissingUploads(ctx(t), "ana", []string{theirs.ID, mine.ID, gone})
	if err != nil || !slices.Equal(missing, []string{theirs.ID, gone}) {
		t.Fatalf("MissingUploads = %v, %v; want ben's and the unknown one", missing, err)
	}

	// Ana's save links both uploads: hers becomes an attachment, Ben's
	// stays his.
	id := hindsight.NewID()
	p := linking("With images", id, mine.ID, theirs.ID)
	prepare(t, p)
	if err := s.Create(by(t, "ana"), p); err != nil {
		t.Fatal(err)
	}
	a, err := s.GetAttachment(ctx(t), p.ID, mine.ID)
	if err != nil || !bytes.Equal(a.Data, pngBytes) || a.Filename != "graph.png" || !a.CreatedAt.Equal(c.t) {
		t.Fatalf("claimed upload as attachment = %+v, %v", a, err)
	}
	if _, err := s.GetUpload(ctx(t), mine.ID); !errors.Is(err, hindsight.ErrNotFound) {
		t.Errorf("a claimed upload is still pending: %v", err)
	}
	if _, err := s.GetAttachment(ctx(t), p.ID, theirs.ID); !errors.Is(err, hindsight.ErrNotFound) {
		t.Errorf("another user's upload was claimed: %v", err)
	}
	if u, err := s.GetUpload(ctx(t), theirs.ID); err != nil || u.OwnerID != "ben" {
		t.Errorf("another user's upload = %+v, %v", u, err)
	}

	// An update claims too, and a failed (stale) update claims nothing.
	later := putUpload(t, s, "ben")
	q := linking("With images", id, mine.ID, later.ID)
	q.Version = p.Version + 1
	prepare(t, q)
	var conflict *hindsight.ConflictError
	if err := s.Update(by(t, "ben"), q, hindsight.Change{}); !errors.As(err, &conflict) {
		t.Fatalf("stale update = %v", err)
	}
	if _, err := s.GetUpload(ctx(t), later.ID); err != nil {
		t.Fatalf("a refused update claimed an upload: %v", err)
	}
	q.Version = p.Version
	if err := s.Update(by(t, "ben"), q, hindsight.Change{}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetAttachment(ctx(t), p.ID, later.ID); err != nil {
		t.Errorf("update did not claim the saver's upload: %v", err)
	}
}

// testUploadsClaimedOnce checks that an upload two post-mortems link
// belongs to the first saved, and that CreateMany claims for each.
func testUploadsClaimedOnce(t *testing.T, open opener) {
	s := open(t, newClock().now)
	u1, u2 := putUpload(t, s, "ana"), putUpload(t, s, "ana")
	id1, id2 := hindsight.NewID(), hindsight.NewID()
	ps := []*hindsight.PostMortem{linking("one", id1, u1.ID), linking("two", id2, u2.ID, u1.ID)}
	for _, p := range ps {
		prepare(t, p)
	}
	if err := s.CreateMany(by(t, "ana"), ps); err != nil {
		t.Fatal(err)
	}
	if _, err := s.GetAttachment(ctx(t), id1, u1.ID); err != nil {
		t.Errorf("first post-mortem lacks its upload: %v", err)
	}
	if _, err := s.GetAttachment(ctx(t), id2, u2.ID); err != nil {
		t.Errorf("second post-mortem lacks its upload: %v", err)
	}
	if _, err := s.GetAttachment(ctx(t), id2, u1.ID); !errors.Is(err, hindsight.ErrNotFound) {
		t.Errorf("one upload became two attachments: %v", err)
	}
}

// testPurgeUploads checks what a purge of abandoned images deletes:
// pending uploads and never-linked attachments older than the cutoff, and
// nothing a saved version linked, even once it no longer does.
func testPurgeUploads(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	p := create(t, s, Minimal("Images"))
	attach := func() string {
		a := &hindsight.Attachment{PostMortemID: p.ID, Filename: "x.png", ContentType: "image/png", Data: pngBytes}
		if err := s.PutAttachment(ctx(t), a); err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	oldUpload, oldUnlinked, oldLinked, unlinkedAgain := putUpload(t, s, "ana").ID, attach(), attach(), attach()
	p.AdditionalInfo = "![a](" + hindsight.AttachmentURL(p.ID, oldLinked) + ") ![b](" + hindsight.AttachmentURL(p.ID, unlinkedAgain) + ")"
	if err := s.Update(by(t, "ana"), p, hindsight.Change{}); err != nil {
		t.Fatal(err)
	}
	// The second image is taken out again: a version linked it, so it stays.
	p.AdditionalInfo = "![a](" + hindsight.AttachmentURL(p.ID, oldLinked) + ")"
	if err := s.Update(by(t, "ana"), p, hindsight.Change{}); err != nil {
		t.Fatal(err)
	}
	c.add(days(2))
	newUpload, newUnlinked := putUpload(t, s, "ana").ID, attach()
	n, err := s.PurgeUploads(ctx(t), c.t.Add(-days(1)))
	if err != nil || n != (hindsight.Purged{Uploads: 1, Attachments: 1}) {
		t.Fatalf("PurgeUploads = %+v, %v; want one of each", n, err)
	}
	if _, err := s.GetUpload(ctx(t), oldUpload); !errors.Is(err, hindsight.ErrNotFound) {
		t.Errorf("abandoned upload kept: %v", err)
	}
	if _, err := s.GetAttachment(ctx(t), p.ID, oldUnlinked); !errors.Is(err, hindsight.ErrNotFound) {
		t.Errorf("never-linked attachment kept: %v", err)
	}
	for _, id := range []string{oldLinked, unlinkedAgain, newUnlinked} {
		if _, err := s.GetAttachment(ctx(t), p.ID, id); err != nil {
			t.Errorf("attachment %s purged: %v", id, err)
		}
	}
	if _, err := s.GetUpload(ctx(t), newUpload); err != nil {
		t.Errorf("recent upload purged: %v", err)
	}
	if n, err := s.PurgeUploads(ctx(t), c.t.Add(-days(1))); err != nil || n != (hindsight.Purged{}) {
		t.Errorf("second purge = %+v, %v; want nothing", n, err)
	}
}
