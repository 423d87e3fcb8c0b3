package hindsight_test

import (
	"errors"
	"testing"
	"time"

	"hindsight"
)

// TestRoles checks who may write what: viewers read; editors write; the
// author and a countermeasure's owner may change theirs even as viewers;
// admins and the author delete; a read-only principal changes nothing.
func TestRoles(t *testing.T) {
	now := time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC)
	svc := newService(t, now)
	editor, viewer, admin := as(t, svc, "Eda Editor", hindsight.Editor), as(t, svc, "Vic Viewer", hindsight.Viewer), as(t, svc, "Ada Admin", hindsight.Admin)
	owner := as(t, svc, "Olu Owner", hindsight.Viewer)

	if err := svc.Create(viewer, &hindsight.PostMortem{Title: "x"}); !errors.Is(err, hindsight.ErrForbidden) {
		t.Fatalf("a viewer created a post-mortem: %v", err)
	}
	p := &hindsight.PostMortem{Title: "Queue backlog", Countermeasures: []hindsight.Countermeasure{{Title: "Alert on lag", Owner: "olu owner"}}}
	if err := svc.Create(editor, p); err != nil {
		t.Fatal(err)
	}
	me, _ := hindsight.PrincipalFrom(editor)
	if p.AuthorID != me.User.ID || p.UpdatedBy != "Eda Editor" || p.UpdatedByID != me.User.ID {
		t.Fatalf("author and editor not stamped from the signed-in user: %q %q %q", p.AuthorID, p.UpdatedBy, p.UpdatedByID)
	}
	// A client cannot claim authorship.
	forged := *p
	forged.AuthorID, forged.UpdatedBy = "someone-else", "Someone Else"
	if err := svc.Update(editor, &forged); err != nil || forged.AuthorID != me.User.ID || forged.UpdatedBy != "Eda Editor" {
		t.Fatalf("forged author kept: %q %q %v", forged.AuthorID, forged.UpdatedBy, err)
	}
	p = &forged
	edit := *p
	edit.Title = "Viewer rename"
	if err := svc.Update(viewer, &edit); !errors.Is(err, hindsight.ErrForbidden) {
		t.Fatalf("a viewer edited somebody's post-mortem: %v", err)
	}
	// The countermeasure's owner may move it, though a viewer.
	p, err := svc.SetCountermeasureStatus(owner, p.ID, p.Version, p.Countermeasures[0].ID, hindsight.CMInProgress)
	if err != nil {
		t.Fatalf("the owner could not change their countermeasure: %v", err)
	}
	if _, err := svc.SetCountermeasureStatus(viewer, p.ID, p.Version, p.Countermeasures[0].ID, hindsight.CMDone); !errors.Is(err, hindsight.ErrForbidden) {
		t.Fatalf("a viewer changed somebody's countermeasure: %v", err)
	}
	// The author keeps the right to edit after being made a viewer.
	if _, err := svc.SetRole(admin, me.User.ID, hindsight.Viewer); err != nil {
		t.Fatal(err)
	}
	demoted, _ := svc.SessionUser(t.Context(), me.User.ID)
	asDemoted := hindsight.WithPrincipal(t.Context(), hindsight.Principal{User: demoted})
	edit = *p
	edit.Title = "Queue backlog on the billing consumer"
	if err := svc.Update(asDemoted, &edit); err != nil {
		t.Fatalf("the author, now a viewer, could not edit: %v", err)
	}
	p = &edit
	// Read-only: reads work, writes do not.
	ro := hindsight.WithPrincipal(t.Context(), hindsight.Principal{User: demoted, ReadOnly: true})
	if _, err := svc.Get(ro, p.ID); err != nil {
		t.Fatal(err)
	}
	edit = *p
	if err := svc.Update(ro, &edit); !errors.Is(err, hindsight.ErrForbidden) {
		t.Fatalf("a read-only token wrote: %v", err)
	}
	if err := svc.Delete(ro, p.ID, p.Version); !errors.Is(err, hindsight.ErrForbidden) {
		t.Fatalf("a read-only token deleted: %v", err)
	}
	// Deleting: not an editor who is not the author; the author or an admin.
	if err := svc.Delete(as(t, svc, "Ed Two", hindsight.Editor), p.ID, p.Version); !errors.Is(err, hindsight.ErrForbidden) {
		t.Fatalf("an editor deleted somebody's post-mortem: %v", err)
	}
	if err := svc.Delete(admin, p.ID, p.Version); err != nil {
		t.Fatal(err)
	}
	log, err := svc.Audit(admin, hindsight.AuditFilter{Action: "postmortem.deleted"})
	if err != nil || len(log.Items) != 1 || log.Items[0].Target != p.ID || log.Items[0].Actor != "Ada Admin" {
		t.Fatalf("deletion not audited: %+v %v", log, err)
	}
	if _, err := svc.Audit(editor, hindsight.AuditFilter{}); !errors.Is(err, hindsight.ErrForbidden) {
		t.Fatalf("an editor read the audit log: %v", err)
	}
}

// TestRestrictionChangesAudited checks that making a post-mortem
// restricted, or changing who may see it, is in the audit log.
func TestRestrictionChangesAudited(t *testing.T) {
	svc := newService(t, time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC))
	editor, admin := as(t, svc, "Eda Editor", hindsight.Editor), as(t, svc, "Ada Admin", hindsight.Admin)
	p := &hindsight.PostMortem{Title: "Payroll export exposed"}
	if err := svc.Create(editor, p); err != nil {
		t.Fatal(err)
	}
	p.Access = hindsight.Access{Restricted: true, Users: []string{"hr@example.com"}, Groups: []string{"people-ops"}}
	if err := svc.Update(editor, p); err != nil {
		t.Fatal(err)
	}
	p.Summary = "no access change"
	if err := svc.Update(editor, p); err != nil {
		t.Fatal(err)
	}
	log, err := svc.Audit(admin, hindsight.AuditFilter{Action: "postmortem."})
	if err != nil || len(log.Items) != 1 || log.Items[0].Detail != "everyone → restricted to hr@example.com, people-ops" {
		t.Fatalf("audit: %+v %v", log.Items, err)
	}
}

// TestLastAdmin checks somebody can always manage the instance.
func TestLastAdmin(t *testing.T) {
	svc := newService(t, time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC))
	admin := as(t, svc, "Ada Admin", hindsight.Admin)
	me, _ := hindsight.PrincipalFrom(admin)
	if _, err := svc.SetRole(admin, me.User.ID, hindsight.Editor); !errors.Is(err, hindsight.ErrInvalid) {
		t.Fatalf("the last admin was demoted: %v", err)
	}
	if _, err := svc.SetDisabled(admin, me.User.ID, true); !errors.Is(err, hindsight.ErrInvalid) {
		t.Fatalf("the last admin was disabled: %v", err)
	}
	as(t, svc, "Second Admin", hindsight.Admin)
	if _, err := svc.SetRole(admin, me.User.ID, hindsight.Editor); err != nil {
		t.Fatal(err)
	}
}
