package hindsight

import (
	"bytes"
	"context"
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

// AddAttachment stores an image for a post-mortem. Its type comes from its
// bytes; anything but an image is refused naming the "file" field.
func (s *Service) AddAttachment(ctx context.Context, a *Attachment) error {
	a.ContentType = ImageType(a.Data)
	if a.ContentType == "" {
		return Invalid("file", "must be a PNG, JPEG, GIF or WebP image")
	}
	a.CreatedAt = s.now()
	return s.store.PutAttachment(ctx, a)
}

// Attachment returns an image of a post-mortem.
func (s *Service) Attachment(ctx context.Context, postmortemID, id string) (*Attachment, error) {
	return s.store.GetAttachment(ctx, postmortemID, id)
}
