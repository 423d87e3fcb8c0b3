package hindsight_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"hindsight"
)

var png = []byte("\x89PNG\r\n\x1a\nrest")

// TestUploadsBeforeFirstSave follows an image uploaded while a new
// post-mortem is written: only its uploader sees it, the save that
// creates the post-mortem makes it an attachment and rewrites its link,
// a link to an upload that is gone is refused naming the field, and an
// abandoned one is purged.
func TestUploadsBeforeFirstSave(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	svc := newService(t, now)
	ana, ben, viewer := as(t, svc, "Ana", hindsight.Editor), as(t, svc, "Ben", hindsight.Editor), as(t, svc, "Vic", hindsight.Viewer)

	if err := svc.AddUpload(viewer, &hindsight.Upload{Filename: "x.png", Data: png}); !errors.Is(err, hindsight.ErrForbidden) {
		t.Errorf("a viewer uploaded: %v", err)
	}
	if err := svc.AddUpload(ana, &hindsight.Upload{Filename: "notes.txt", Data: []byte("hello")}); err == nil || !strings.Contains(err.Error(), "file") {
		t.Errorf("a text file was taken as an image: %v", err)
	}
	u := &hindsight.Upload{Filename: `C:\shots\graph "1".png`, Data: png}
	if err := svc.AddUpload(ana, u); err != nil {
		t.Fatal(err)
	}
	if u.ContentType != "image/png" || u.Filename != `graph "1".png` || !u.CreatedAt.Equal(now) {
		t.Errorf("upload stamped as %+v", u)
	}
	if got, err := svc.Upload(ana, u.ID); err != nil || string(got.Data) != string(png) {
		t.Errorf("the uploader cannot read the upload: %v", err)
	}
	if _, err := svc.Upload(ben, u.ID); !errors.Is(err, hindsight.ErrNotFound) {
		t.Errorf("another user reads the upload: %v", err)
	}

	// Ben cannot claim Ana's upload: the link is refused, naming its field.
	stolen := &hindsight.PostMortem{Title: "Theft", Events: []hindsight.Event{{Text: "see ![graph](" + hindsight.UploadURL(u.ID) + ")"}}}
	var v *hindsight.ValidationError
	if err := svc.Create(ben, stolen); !errors.As(err, &v) || v.Fields[0].Field != "events[0].text" {
		t.Fatalf("a save linking another user's upload = %v", err)
	}

	p := &hindsight.PostMortem{Title: "With a graph", AdditionalInfo: "Errors rose:\n\n![Error rate rising](" + hindsight.UploadURL(u.ID) + ")"}
	if err := svc.Create(ana, p); err != nil {
		t.Fatal(err)
	}
	want := "![Error rate rising](" + hindsight.AttachmentURL(p.ID, u.ID) + ")"
	if !strings.Contains(p.AdditionalInfo, want) {
		t.Fatalf("the link was not rewritten: %q", p.AdditionalInfo)
	}
	if stored, _ := svc.Get(ana, p.ID); !strings.Contains(stored.AdditionalInfo, want) {
		t.Errorf("stored text %q", stored.AdditionalInfo)
	}
	if a, err := svc.Attachment(ben, p.ID, u.ID); err != nil || a.ContentType != "image/png" {
		t.Errorf("the claimed image is not the post-mortem's attachment: %v", err)
	}
	if _, err := svc.Upload(ana, u.ID); !errors.Is(err, hindsight.ErrNotFound) {
		t.Errorf("a claimed upload is still pending: %v", err)
	}

	// Abandoned: uploaded, never saved, purged after the time given.
	left := &hindsight.Upload{Filename: "left.png", Data: png}
	if err := svc.AddUpload(ana, left); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.PurgeAbandonedUploads(ana, time.Hour); !errors.Is(err, hindsight.ErrForbidden) {
		t.Errorf("an editor purged: %v", err)
	}
	svc.Now = func() time.Time { return now.Add(25 * time.Hour) }
	if n, err := svc.PurgeAbandonedUploads(hindsight.CommandLine(t.Context()), 0); err != nil || n.Uploads != 1 {
		t.Fatalf("purge = %+v, %v", n, err)
	}
	late := &hindsight.PostMortem{Title: "Too late", Summary: "![x](" + hindsight.UploadURL(left.ID) + ")"}
	if err := svc.Create(ana, late); !errors.As(err, &v) || v.Fields[0].Field != "summary" {
		t.Errorf("a save linking a purged upload = %v", err)
	}
	if a, err := svc.Attachment(ana, p.ID, u.ID); err != nil || a == nil {
		t.Errorf("the purge took a linked attachment: %v", err)
	}

	// A writer keeps at most one post-mortem's worth of unsaved images.
	for i := range hindsight.MaxAttachments {
		if err := svc.AddUpload(ben, &hindsight.Upload{Filename: "x.png", Data: png}); err != nil {
			t.Fatalf("upload %d: %v", i+1, err)
		}
	}
	if err := svc.AddUpload(ben, &hindsight.Upload{Filename: "x.png", Data: png}); !errors.As(err, &v) || v.Fields[0].Field != "file" {
		t.Errorf("an upload over the limit = %v", err)
	}
	if err := svc.AddUpload(ana, &hindsight.Upload{Filename: "x.png", Data: png}); err != nil {
		t.Errorf("one writer's limit stopped another: %v", err)
	}
}

// TestPeopleSuggestions checks the names offered through the service
// respect restricted post-mortems.
func TestPeopleSuggestions(t *testing.T) {
	svc := newService(t, time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC))
	ana, otto := as(t, svc, "Ana Author", hindsight.Editor), as(t, svc, "Otto Other", hindsight.Editor)
	secret := &hindsight.PostMortem{Title: "Leak", Access: hindsight.Access{Restricted: true},
		Stakeholders: []hindsight.Stakeholder{{Name: "Quentin Quiet"}}, Meeting: hindsight.Meeting{Contact: "Mei  Lin"}}
	if err := svc.Create(ana, secret); err != nil {
		t.Fatal(err)
	}
	if got, _ := svc.People(ana, "qu", 0); len(got) != 1 || got[0] != "Quentin Quiet" {
		t.Errorf("the author is offered %q", got)
	}
	if got, _ := svc.People(otto, "qu", 0); len(got) != 0 {
		t.Errorf("a name only a restricted post-mortem gives is offered to others: %q", got)
	}
	if got, _ := svc.People(otto, "OTTO", 0); len(got) != 1 || got[0] != "Otto Other" {
		t.Errorf("users are not offered: %q", got)
	}
	if got, _ := svc.People(ana, "mei  lin", 0); len(got) != 1 || got[0] != "Mei Lin" {
		t.Errorf("spacing: %q", got)
	}
	if _, err := svc.People(t.Context(), "a", 0); !errors.Is(err, hindsight.ErrUnauthenticated) {
		t.Errorf("people without sign-in: %v", err)
	}
}
