package hindsight

import (
	"context"
	"fmt"
	"time"
)

// Delete moves a post-mortem to the trash, if it is still at version: a
// *ConflictError otherwise, and nothing changes — so nobody deletes a
// change they have not seen. Admins and its author may. It can be
// restored from the trash until the policy's TrashRetention has passed.
// The move is written to the audit log in the same transaction, which
// also withdraws the invitations to its meeting and queues their
// cancellation.
func (s *Service) Delete(ctx context.Context, id string, version int64) error {
	who, err := writer(ctx)
	if err != nil {
		return err
	}
	h, err := s.Head(ctx, id)
	if err != nil {
		return err
	}
	if !mayDelete(who, h) {
		return forbidden("only admins and its author may delete a post-mortem")
	}
	hook, err := s.trashNotices(ctx, h, version)
	if err != nil {
		return err
	}
	d := Deletion{At: s.now(), By: ActorFrom(ctx), ByID: actorID(ctx), With: hook}
	if err := s.store.Delete(ctx, id, version, d, s.event(who, "postmortem.deleted", id, "moved to the trash")); err != nil {
		return err
	}
	s.revisitsChanged()
	return nil
}

// Trash lists the trash, most recently deleted first: admins see all of
// it, anybody else the post-mortems they wrote — the ones they may
// restore.
func (s *Service) Trash(ctx context.Context, f TrashFilter) (TrashPage, error) {
	who, err := reader(ctx)
	if err != nil {
		return TrashPage{}, err
	}
	f.AuthorID = ""
	if !audience(who).All {
		f.AuthorID = who.User.ID
	}
	page, err := s.store.ListTrash(ctx, f)
	for i := range page.Items {
		page.Items[i].PurgeAt = page.Items[i].DeletedAt.Add(s.trashRetention())
	}
	return page, err
}

// Trashed describes one post-mortem in the trash to whoever may restore
// it; to anybody else it does not exist.
func (s *Service) Trashed(ctx context.Context, id string) (TrashItem, error) {
	who, err := reader(ctx)
	if err != nil {
		return TrashItem{}, err
	}
	t, err := s.store.GetTrashed(ctx, id)
	if err != nil {
		return t, err
	}
	if !audience(who).All && (who.User == nil || t.AuthorID == "" || t.AuthorID != who.User.ID) {
		return TrashItem{}, fmt.Errorf("post-mortem %s in the trash: %w", id, ErrNotFound)
	}
	t.PurgeAt = t.DeletedAt.Add(s.trashRetention())
	return t, nil
}

// RestoreFromTrash puts a trashed post-mortem back whole — the same
// version, countermeasures, images and history — for admins and its
// author, and logs it.
func (s *Service) RestoreFromTrash(ctx context.Context, id string) error {
	who, err := writer(ctx)
	if err != nil {
		return err
	}
	t, err := s.Trashed(ctx, id)
	if err != nil {
		return err
	}
	if !mayDelete(who, Head{ID: id, AuthorID: t.AuthorID}) {
		return forbidden("only admins and its author may restore a post-mortem from the trash")
	}
	if err := s.store.RestoreFromTrash(ctx, id, s.event(who, "postmortem.restored", id, "restored from the trash: "+t.Title)); err != nil {
		return err
	}
	s.revisitsChanged()
	return nil
}

// Purge deletes one post-mortem in the trash for good, now, with its
// images and history. Only admins may.
func (s *Service) Purge(ctx context.Context, id string) error {
	who, err := requireRole(ctx, Admin)
	if err != nil {
		return err
	}
	gone, err := s.store.PurgeTrash(ctx, PurgeFilter{ID: id}, s.event(who, "postmortem.purged", "", ""))
	if err == nil && len(gone) == 0 {
		err = fmt.Errorf("post-mortem %s in the trash: %w", id, ErrNotFound)
	}
	return err
}

// PurgeExpired deletes for good every post-mortem that has been in the
// trash longer than the policy keeps it, and returns them. Each instance
// of `serve` runs it every hour (several at once on one database purge
// each post-mortem once); admins and the command line may run it any
// time.
func (s *Service) PurgeExpired(ctx context.Context) ([]TrashItem, error) {
	who, err := requireRole(ctx, Admin)
	if err != nil {
		return nil, err
	}
	keep := s.trashRetention()
	return s.store.PurgeTrash(ctx, PurgeFilter{DeletedBefore: s.now().Add(-keep)},
		s.event(who, "postmortem.purged", "", fmt.Sprintf("in the trash longer than %d days", int(keep.Hours()/24))))
}

// trashRetention is the policy's, or the default when a policy sets none.
func (s *Service) trashRetention() time.Duration {
	if s.Policy.TrashRetention > 0 {
		return s.Policy.TrashRetention
	}
	return DefaultPolicy().TrashRetention
}

// TrashDays is how many days a deleted post-mortem can be restored, as
// pages tell it.
func (s *Service) TrashDays() int { return int(s.trashRetention().Hours() / 24) }
