package hindsight

import (
	"bytes"
	"context"
	"fmt"
	"strings"
)

// ImageTypes are the attachments accepted: images every browser shows
// inline, told apart by their first bytes.
var ImageTypes = []string{"image/png", "image/jpeg", "image/gif", "image/webp"}

// ImageType names the image format data starts with, or "" when it is not
// one of ImageTypes. What a client claims about a file is never trusted.
func ImageType(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return "image/jpeg"
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "image/gif"
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return "image/webp"
	}
	return ""
}

// AddAttachment stores an image for a post-mortem whoever may edit it. Its
// type comes from its bytes; anything but an image is refused naming the
// "file" field.
func (s *Service) AddAttachment(ctx context.Context, a *Attachment) error {
	who, err := writer(ctx)
	if err != nil {
		return err
	}
	h, err := s.Head(ctx, a.PostMortemID)
	if err != nil {
		return err
	}
	if !mayEdit(who, h) {
		return forbidden("only editors, admins and its author may add images to this post-mortem")
	}
	a.ContentType = ImageType(a.Data)
	if a.ContentType == "" {
		return Invalid("file", "must be a PNG, JPEG, GIF or WebP image")
	}
	n, size, err := s.store.AttachmentUsage(ctx, a.PostMortemID)
	if err != nil {
		return err
	}
	if n >= MaxAttachments || size+int64(len(a.Data)) > MaxAttachmentBytes {
		return Invalid("file", "this post-mortem already has %d images (%d MiB); at most %d images and %d MiB are kept", n, size>>20, MaxAttachments, MaxAttachmentBytes>>20)
	}
	a.Filename = cleanFilename(a.Filename)
	a.CreatedAt = s.now()
	return s.store.PutAttachment(ctx, a)
}

// Attachment returns an image of a post-mortem the reader may see.
func (s *Service) Attachment(ctx context.Context, postmortemID, id string) (*Attachment, error) {
	if _, err := s.Head(ctx, postmortemID); err != nil {
		return nil, err
	}
	if !clean(id) {
		return nil, fmt.Errorf("attachment: %w", ErrNotFound)
	}
	return s.store.GetAttachment(ctx, postmortemID, id)
}

// cleanFilename keeps an upload's name fit to store and show: valid text,
// no NUL, no folders, at most 200 bytes.
func cleanFilename(name string) string {
	name = strings.ToValidUTF8(strings.ReplaceAll(name, "\x00", ""), "_")
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if len(name) > MaxTitleLen {
		name = strings.ToValidUTF8(name[:MaxTitleLen], "")
	}
	if strings.TrimSpace(name) == "" {
		name = "image"
	}
	return name
}
