package hindsight_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"hindsight"
)

// TestBounds checks the bounds that keep one request cheap: a countermeasure
// keeps at most MaxVerifications checks, a search at most MaxQueryWords
// words, and filters and ids must be clean text on every engine.
func TestBounds(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	svc := newService(t, now)
	ctx := as(t, svc, "Vera", hindsight.Editor)
	p := &hindsight.PostMortem{Title: "Checked often", Countermeasures: []hindsight.Countermeasure{{Title: "Alert", Status: hindsight.CMDone}}}
	if err := svc.Create(ctx, p); err != nil {
		t.Fatal(err)
	}
	var err error
	for i := range hindsight.MaxVerifications {
		if p, err = svc.VerifyCountermeasure(ctx, p.ID, p.Version, p.Countermeasures[0].ID, "ok"); err != nil {
			t.Fatalf("check %d: %v", i+1, err)
		}
	}
	if _, err := svc.VerifyCountermeasure(ctx, p.ID, p.Version, p.Countermeasures[0].ID, "one more"); !errors.Is(err, hindsight.ErrInvalid) {
		t.Fatalf("check %d accepted: %v", hindsight.MaxVerifications+1, err)
	}
	if _, err := svc.List(ctx, hindsight.ListFilter{Q: strings.Repeat("word ", hindsight.MaxQueryWords+1)}); !errors.Is(err, hindsight.ErrInvalid) {
		t.Fatalf("a long search ran: %v", err)
	}
	if _, err := svc.List(ctx, hindsight.ListFilter{Tag: "a\x00b"}); !errors.Is(err, hindsight.ErrInvalid) {
		t.Fatalf("a NUL tag: %v", err)
	}
	for _, id := range []string{"a\x00b", "\xff"} {
		if _, err := svc.Get(ctx, id); !errors.Is(err, hindsight.ErrNotFound) {
			t.Fatalf("Get(%q): %v", id, err)
		}
	}
	big := &hindsight.PostMortem{Title: "Pasted", OtherSections: []hindsight.Section{}}
	for range 50 {
		big.OtherSections = append(big.OtherSections, hindsight.Section{Heading: "Log", Body: strings.Repeat("x", hindsight.MaxTextLen)})
	}
	var v *hindsight.ValidationError
	if err := svc.Create(ctx, big); !errors.As(err, &v) || v.Fields[0].Field != "body" {
		t.Fatalf("a %d-byte post-mortem: %v", 50*hindsight.MaxTextLen, err)
	}
}
