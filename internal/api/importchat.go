package api

import (
	"io"
	"net/http"
	"slices"
	"time"

	"hindsight"
	"hindsight/internal/chatimport"
	"hindsight/internal/importer"
	"hindsight/internal/problem"
)

// importChat brings chat messages in as timeline events: a Slack export
// (the zip), pasted chat text, CSV or JSON lines, chosen by ?format=. The
// incident window is ?from=&to=; ?messages=all takes every message in it
// instead of the pinned or reacted-to ones; ?into=ID adds them to that
// post-mortem (200), otherwise a new draft titled ?title= is made (201).
// Pasted text needs ?date=; ?zone= is the zone of times without one.
func (h *Handler) importChat(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	bad := &hindsight.ValidationError{}
	src := chatimport.Source{Format: q.Get("format"), Channel: q.Get("channel"), Zone: time.UTC}
	if !slices.Contains(chatimport.Formats, src.Format) {
		bad.Add("format", "must be one of %v", chatimport.Formats)
	}
	if z := q.Get("zone"); z != "" {
		loc, err := time.LoadLocation(z)
		if err != nil {
			bad.Add("zone", "is not a zone name like Europe/Berlin")
		} else {
			src.Zone = loc
		}
	}
	if d := q.Get("date"); d != "" {
		day, err := time.ParseInLocation("2006-01-02", d, src.Zone)
		if err != nil {
			bad.Add("date", "is not a date like 2026-03-10")
		}
		src.Day = day
	}
	var win chatimport.Window
	var err error
	if win.From, err = importer.ParseWindowTime(q.Get("from"), src.Zone); err != nil {
		bad.Add("from", "%v", err)
	}
	if win.To, err = importer.ParseWindowTime(q.Get("to"), src.Zone); err != nil {
		bad.Add("to", "%v", err)
	}
	if m := q.Get("messages"); m != "" && m != "all" && m != "marked" {
		bad.Add("messages", "must be all or marked")
	}
	if bad.OrNil() != nil {
		h.fail(w, r, &problem.Error{Status: http.StatusBadRequest, Title: "Bad query", Fields: bad.Fields})
		return
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.opts.MaxBodyBytes))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	msgs, err := chatimport.Read(src, data)
	if err != nil {
		h.fail(w, r, &problem.Error{Status: http.StatusUnprocessableEntity, Title: "Chat cannot be read",
			Fields: []hindsight.FieldError{{Field: "body", Message: err.Error()}}})
		return
	}
	choice := chatimport.ChooseMarked
	if q.Get("messages") == "all" {
		choice = chatimport.ChooseAll
	}
	p, res, err := importer.Chat(r.Context(), h.svc, importer.ChatRequest{Messages: msgs, Window: win, Choice: choice, Into: q.Get("into"), Title: q.Get("title")})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	status := http.StatusOK
	if q.Get("into") == "" {
		status = http.StatusCreated
		w.Header().Set("Location", "/api/v1/postmortems/"+p.ID)
	}
	w.Header().Set("ETag", etag(p.Version))
	writeJSON(w, status, struct {
		*hindsight.PostMortem
		ChatImport importer.ChatResult `json:"chat_import"`
	}{p, res})
}
