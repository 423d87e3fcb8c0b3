package hindsight

import (
	"context"
	"fmt"
	"time"
)

// DefaultUploadTTL is how long an image uploaded but never linked by a
// save is kept before it is purged as abandoned.
const DefaultUploadTTL = 24 * time.Hour

// AddUpload keeps an image for a post-mortem that is not saved yet — one
// being written, or imported with its images — for the user who uploads
// it; linking it (UploadURL) in the save that creates the post-mortem
// makes it that post-mortem's attachment. Editors and admins may, as they
// may create post-mortems. Its type comes from its bytes.
func (s *Service) AddUpload(ctx context.Context, u *Upload) error {
	if _, err := requireRole(ctx, Editor); err != nil {
		return err
	}
	u.ContentType = ImageType(u.Data)
	if u.ContentType == "" {
		return Invalid("file", "must be a PNG, JPEG, GIF or WebP image")
	}
	u.ID, u.OwnerID, u.CreatedAt = "", actorID(ctx), s.now()
	// A writer's unsaved images are bounded like one post-mortem's: they
	// become one when it is saved.
	n, size, err := s.store.UploadUsage(ctx, u.OwnerID)
	if err != nil {
		return err
	}
	if n >= MaxAttachments || size+int64(len(u.Data)) > MaxAttachmentBytes {
		return Invalid("file", "you already have %d images (%d MiB) not saved with a post-mortem; at most %d images and %d MiB are kept until a save", n, size>>20, MaxAttachments, MaxAttachmentBytes>>20)
	}
	u.Filename = cleanFilename(u.Filename)
	return s.store.PutUpload(ctx, u)
}

// Upload returns a pending upload to the user who uploaded it; to anybody
// else it does not exist.
func (s *Service) Upload(ctx context.Context, id string) (*Upload, error) {
	who, err := reader(ctx)
	if err != nil {
		return nil, err
	}
	u, err := s.store.GetUpload(ctx, id)
	if err != nil {
		return nil, err
	}
	if !who.System && u.OwnerID != actorID(ctx) {
		return nil, fmt.Errorf("upload %s: %w", id, ErrNotFound)
	}
	return u, nil
}

// PurgeAbandonedUploads deletes images nobody linked within ttl of
// uploading them: pending uploads no save claimed, and attachments no
// saved version of their post-mortem ever linked (an image placed in the
// form and taken out again before saving). An attachment some version
// linked is kept even when the current text no longer does, because that
// version can still be read and restored. Admins and the command line
// (the server's housekeeping) may.
func (s *Service) PurgeAbandonedUploads(ctx context.Context, ttl time.Duration) (Purged, error) {
	if _, err := requireRole(ctx, Admin); err != nil {
		return Purged{}, err
	}
	if ttl <= 0 {
		ttl = DefaultUploadTTL
	}
	return s.store.PurgeUploads(ctx, s.now().Add(-ttl))
}

// claimUploads turns p's links to the saving user's pending uploads into
// links to p's own attachments of the same ids; the store moves the
// uploads in the transaction that writes p. A link to a pending upload that
// is gone (purged as abandoned) or is somebody else's is refused naming its
// field, so no save keeps a link to nothing. p gets its ID here if it has
// none, for the links to name it.
func (s *Service) claimUploads(ctx context.Context, p *PostMortem) error {
	var ids []string
	where := map[string]string{}
	p.EachLink(func(field, u string) {
		if id, ok := ParseUploadURL(u); ok {
			if _, dup := where[id]; !dup {
				ids = append(ids, id)
				where[id] = field
			}
		}
	})
	if len(ids) == 0 {
		return nil
	}
	missing, err := s.store.MissingUploads(ctx, actorID(ctx), ids)
	if err != nil {
		return err
	}
	v := &ValidationError{}
	for _, id := range missing {
		v.Add(where[id], "links an image that is no longer kept (uploads never saved are removed after a while): upload it again")
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	if p.ID == "" {
		p.ID = NewID()
	}
	p.MapLinks(func(_, u string) string {
		if id, ok := ParseUploadURL(u); ok {
			return AttachmentURL(p.ID, id)
		}
		return u
	})
	return nil
}
