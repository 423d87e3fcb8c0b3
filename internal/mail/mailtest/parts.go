package mailtest

import (
	"fmt"
	"io"
	"mime"
	"mime/multipart"
)

// Parts reads the plain-text and HTML alternatives of a message, which
// must be multipart/alternative.
func (r Received) Parts() (text, html string, err error) {
	mt, params, err := mime.ParseMediaType(r.Parse.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		return "", "", fmt.Errorf("content type %q (%v), not multipart/alternative", mt, err)
	}
	mr := multipart.NewReader(r.Parse.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return text, html, nil
		}
		if err != nil {
			return "", "", err
		}
		b, _ := io.ReadAll(p)
		body := string(b) // NextPart undoes quoted-printable
		switch ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type")); ct {
		case "text/plain":
			text = body
		case "text/html":
			html = body
		}
	}
}
