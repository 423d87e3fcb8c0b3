package hindsight

import (
	"context"
	"fmt"
	"slices"
)

// Versions lists a post-mortem's history, newest first, to whoever may
// read the post-mortem: a restricted one's history is as restricted as it
// is. The current version is marked.
func (s *Service) Versions(ctx context.Context, id string, f RevisionFilter) (RevisionPage, error) {
	h, err := s.Head(ctx, id)
	if err != nil {
		return RevisionPage{}, err
	}
	page, err := s.store.Revisions(ctx, id, f)
	if err != nil {
		return page, err
	}
	for i := range page.Items {
		page.Items[i].Current = page.Items[i].Version == h.Version
	}
	return page, nil
}

// Version returns the whole post-mortem as it was at version n, with its
// metrics derived, to whoever may read it now.
func (s *Service) Version(ctx context.Context, id string, n int64) (*PostMortem, error) {
	if _, err := s.Head(ctx, id); err != nil {
		return nil, err
	}
	p, err := s.store.GetVersion(ctx, id, n)
	if err != nil {
		return nil, err
	}
	p.Metrics = p.ComputeMetrics()
	return p, nil
}

// Compare returns versions from and to of a post-mortem, for showing what
// changed between them (package versiondiff lays the changes out).
func (s *Service) Compare(ctx context.Context, id string, from, to int64) (a, b *PostMortem, err error) {
	if a, err = s.Version(ctx, id, from); err != nil {
		return nil, nil, fmt.Errorf("version %d: %w", from, err)
	}
	if b, err = s.Version(ctx, id, to); err != nil {
		return nil, nil, fmt.Errorf("version %d: %w", to, err)
	}
	return a, b, nil
}

// Restore brings version n of a post-mortem back as a new version. It is
// an edit like any other: whoever may edit the post-mortem may restore,
// and only from the version they saw (version; a *ConflictError when
// someone saved since). History is never rewritten — the old content is
// saved on top, and the new revision says which version it came from and
// carries the writer's note. Two things stay as they are now: who may see
// it (restoring old content never widens access) and what only the server
// records about a countermeasure still there (its verifications, status
// changes and done time), so nothing recorded since is lost.
func (s *Service) Restore(ctx context.Context, id string, n, version int64, note string) (*PostMortem, error) {
	who, stored, err := s.editable(ctx, id)
	if err != nil {
		return nil, err
	}
	if stored.Version != version {
		return nil, &ConflictError{ID: id, CurrentVersion: stored.Version}
	}
	if n == stored.Version {
		return nil, Invalid("version", "%d is the current version already", n)
	}
	p, err := s.store.GetVersion(ctx, id, n)
	if err != nil {
		return nil, err
	}
	p.ID, p.Version, p.Access, p.ChangeNote = id, version, stored.Access, note
	restoreHistory(p, stored)
	if err := s.save(ctx, who, p, stored, Change{RestoredFrom: n}); err != nil {
		return nil, err
	}
	return p, nil
}

// restoreHistory gives each countermeasure of a restored version that is
// still in the stored post-mortem the history recorded for it since; one
// that is not keeps what the server recorded for it back then.
func restoreHistory(p, stored *PostMortem) {
	byID := make(map[string]Countermeasure, len(stored.Countermeasures))
	for _, c := range stored.Countermeasures {
		byID[c.ID] = c
	}
	for i := range p.Countermeasures {
		c := &p.Countermeasures[i]
		cur, ok := byID[c.ID]
		if !ok {
			continue
		}
		c.Verifications, c.StatusChanges, c.VerifiedAt = slices.Clone(cur.Verifications), slices.Clone(cur.StatusChanges), nil
		c.DoneAt = nil
		if c.Status == CMDone && cur.Status == CMDone {
			c.DoneAt = cur.DoneAt
		}
	}
}
