package mailtest

import (
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"net/textproto"
	"strings"
)

// Part is one leaf of a MIME message: its media type and parameters
// (method=REQUEST), its file name when it is an attachment, and its
// decoded body.
type Part struct {
	Type     string
	Params   map[string]string
	Filename string
	Body     string
	// Within is the media type of the multipart it sits in.
	Within string
}

// Parts reads the plain-text and HTML alternatives of a message, which
// must be multipart/alternative or hold one.
func (r Received) Parts() (text, html string, err error) {
	all, err := r.Leaves()
	if err != nil {
		return "", "", err
	}
	for _, p := range all {
		if p.Within != "multipart/alternative" {
			continue
		}
		switch p.Type {
		case "text/plain":
			text = p.Body
		case "text/html":
			html = p.Body
		}
	}
	if text == "" && html == "" {
		return "", "", fmt.Errorf("no multipart/alternative text in %q", r.Parse.Header.Get("Content-Type"))
	}
	return text, html, nil
}

// Leaves reads every leaf part of a message, depth first. It reads the
// raw message afresh, so it may be called again.
func (r Received) Leaves() ([]Part, error) {
	m, err := mail.ReadMessage(strings.NewReader(r.Raw))
	if err != nil {
		return nil, err
	}
	return leaves(textproto.MIMEHeader(m.Header), m.Body, "")
}

func leaves(h textproto.MIMEHeader, body io.Reader, within string) ([]Part, error) {
	mt, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil {
		return nil, fmt.Errorf("content type %q: %w", h.Get("Content-Type"), err)
	}
	if _, ok := params["boundary"]; !ok {
		if strings.EqualFold(h.Get("Content-Transfer-Encoding"), "base64") {
			body = base64.NewDecoder(base64.StdEncoding, body)
		}
		b, err := io.ReadAll(body) // NextPart undoes quoted-printable
		if err != nil {
			return nil, err
		}
		_, dp, _ := mime.ParseMediaType(h.Get("Content-Disposition"))
		return []Part{{Type: mt, Params: params, Filename: dp["filename"], Body: string(b), Within: within}}, nil
	}
	var out []Part
	mr := multipart.NewReader(body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		sub, err := leaves(p.Header, p, mt)
		if err != nil {
			return nil, err
		}
		out = append(out, sub...)
	}
}
