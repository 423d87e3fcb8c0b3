package storetest

import (
	"bytes"
	"errors"
	"testing"

	"hindsight"
)

func testAttachments(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	p := create(t, s, Minimal("With image"))
	other := create(t, s, Minimal("Other"))
	data := []byte("\x89PNG\r\n\x1a\nfake")
	a := &hindsight.Attachment{PostMortemID: p.ID, Filename: "graph.png", ContentType: "image/png", Data: data}
	if err := s.PutAttachment(ctx(t), a); err != nil {
		t.Fatal(err)
	}
	if a.ID == "" || !a.CreatedAt.Equal(c.t) {
		t.Fatalf("PutAttachment did not stamp: %+v", a)
	}
	got, err := s.GetAttachment(ctx(t), p.ID, a.ID)
	if err != nil || !bytes.Equal(got.Data, data) || got.Filename != "graph.png" || got.ContentType != "image/png" {
		t.Fatalf("GetAttachment = %+v, %v", got, err)
	}
	if _, err := s.GetAttachment(ctx(t), other.ID, a.ID); !errors.Is(err, hindsight.ErrNotFound) {
		t.Errorf("attachment readable through another post-mortem: %v", err)
	}
	orphan := &hindsight.Attachment{PostMortemID: "missing", Filename: "x.png", ContentType: "image/png", Data: data}
	if err := s.PutAttachment(ctx(t), orphan); !errors.Is(err, hindsight.ErrNotFound) {
		t.Errorf("attachment to a missing post-mortem = %v, want ErrNotFound", err)
	}
}
