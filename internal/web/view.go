package web

import (
	"bytes"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"hindsight"
)

// viewData is what the post-mortem page shows.
type viewData struct {
	P      *hindsight.PostMortem
	Roles  []hindsight.Role
	Lint   []lintNote
	Saved  bool
	Zone   string
	Events []eventRow
	// MayEdit and MayDelete offer only the buttons that will work.
	MayEdit, MayDelete bool
	// Restored is the earlier version a restore just brought back.
	Restored string
	// Old is set when the page shows an earlier version.
	Old *oldVersion
}

// eventRow is a timeline entry with the day shown when it changes.
type eventRow struct {
	hindsight.Event
	NewDay bool
}

// view shows one post-mortem laid out like the guide's template. The
// rendered page depends only on (id, version, zone, day, reader), so it is
// cached and a view costs a head lookup — which also checks the reader may
// see it, and is itself kept in memory per data version — and a copy.
func (h *Handler) view(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	loc := zoneOf(r)
	head, err := h.svc.PageHead(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	version := head.Version
	key := viewKey{id, version, loc.String(), h.svc.Now().UTC().Format("2006-01-02"), me(r).CacheKey()}
	restored := r.URL.Query().Get("restored")
	saved := r.URL.Query().Get("saved") != "" || restored != ""
	body, hit := h.views.Get(key)
	meta, known := h.viewMeta(id, version)
	h.opts.Metrics.CacheLookup("view", hit && known && !saved)
	if hit && known && !saved {
		h.serveView(w, r, id, body, meta)
		return
	}
	p, err := h.svc.Get(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := viewData{P: p, Roles: hindsight.Roles, Saved: saved, Zone: loc.String(), Events: eventRows(p.Events, loc),
		MayEdit: h.svc.MayEdit(r.Context(), head), MayDelete: h.svc.MayDelete(r.Context(), head), Restored: restored}
	if saved {
		d.Lint = h.lintFindings(p)
	}
	var buf bytes.Buffer
	if err := h.pages.byName["view"].ExecuteTemplate(&buf, "layout", page{Title: p.Title, Description: describe(p), PrintTitle: "/postmortems/" + p.ID + "/print.css?v=" + strconv.FormatInt(p.Version, 10), Zone: loc, Path: r.URL.Path, Refreshable: true, Data: d, Me: me(r)}); err != nil {
		h.fail(w, r, err)
		return
	}
	meta = viewMeta{Published: p.Status == hindsight.StatusPublished, Stakeholders: p.Stakeholders}
	if !saved && p.Version == version {
		h.views.Put(key, buf.Bytes())
		h.putViewMeta(id, version, meta)
	}
	h.serveView(w, r, id, buf.Bytes(), meta)
}

func writeHTML(w http.ResponseWriter, body []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(body)
}

// eventRows lays out the timeline in time order (the order saves keep;
// sorted here too for post-mortems stored before they did), with a day
// heading wherever the day changes in the reader's zone.
func eventRows(stored []hindsight.Event, loc *time.Location) []eventRow {
	events := slices.Clone(stored)
	hindsight.SortEvents(events)
	rows := make([]eventRow, len(events))
	last := ""
	for i, e := range events {
		rows[i].Event = e
		if e.At != nil {
			day := e.At.In(loc).Format("2006-01-02")
			rows[i].NewDay = day != last
			last = day
		}
	}
	return rows
}

// describe is a post-mortem's meta description: its short summary, cut
// to what search results and link previews show.
func describe(p *hindsight.PostMortem) string {
	s := strings.Join(strings.Fields(p.Summary), " ")
	if s == "" {
		s = "Post-mortem: " + p.Title
	}
	if r := []rune(s); len(r) > 160 {
		s = string(r[:157]) + "…"
	}
	return s
}
