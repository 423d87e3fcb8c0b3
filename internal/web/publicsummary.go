package web

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"hindsight"
	"hindsight/internal/atomfeed"
)

// publicView is a public summary as its public page and the preview show
// it: nothing but the summary's own fields.
type publicView struct {
	S       hindsight.PublicSummary
	Zone    *time.Location
	Updated bool
}

func newPublicView(s hindsight.PublicSummary, loc *time.Location) publicView {
	return publicView{S: s, Zone: loc, Updated: s.PublishedAt != nil && s.UpdatedAt.Sub(*s.PublishedAt) > time.Minute}
}

// publicSummaryData is what the public summary editor shows.
type publicSummaryData struct {
	P       *hindsight.PostMortem
	Saved   *hindsight.PublicSummary
	Draft   hindsight.PublicSummaryDraft
	Preview *publicView
	Errors  []hindsight.FieldError
	Base    string
}

// publicSummaryForm shows the editor of a post-mortem's public summary.
func (h *Handler) publicSummaryForm(w http.ResponseWriter, r *http.Request) {
	d, ok := h.publicSummaryData(w, r)
	if !ok {
		return
	}
	if d.Saved != nil {
		d.Draft = hindsight.PublicSummaryDraft{Title: d.Saved.Title, CustomerImpact: d.Saved.CustomerImpact, Timeline: d.Saved.Timeline,
			Actions: d.Saved.Actions, Publish: d.Saved.PublishedAt != nil}
	}
	h.render(w, r, http.StatusOK, "publicsummary", page{Title: "Public summary: " + d.P.Title, Data: d, Flash: r.URL.Query().Get("flash")})
}

func (h *Handler) publicSummaryData(w http.ResponseWriter, r *http.Request) (publicSummaryData, bool) {
	id := r.PathValue("id")
	p, err := h.svc.Get(r.Context(), id)
	if err == nil {
		err = h.svc.EditAllowed(r.Context(), hindsight.Head{ID: p.ID, AuthorID: p.AuthorID, Access: p.Access})
	}
	var saved *hindsight.PublicSummary
	if err == nil {
		saved, err = h.svc.PublicSummary(r.Context(), id)
	}
	if err != nil {
		h.fail(w, r, err)
		return publicSummaryData{}, false
	}
	return publicSummaryData{P: p, Saved: saved, Base: strings.TrimRight(h.opts.BaseURL, "/")}, true
}

// publicSummarySave previews or saves the public summary.
func (h *Handler) publicSummarySave(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 256<<10)
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, err)
		return
	}
	d, ok := h.publicSummaryData(w, r)
	if !ok {
		return
	}
	f := r.PostForm
	d.Draft = hindsight.PublicSummaryDraft{Title: f.Get("title"), CustomerImpact: f.Get("customer_impact"), Timeline: f.Get("timeline"),
		Actions: f.Get("actions"), Publish: f.Get("publish") == "true"}
	var err error
	if f.Get("action") == "preview" {
		draft := d.Draft
		draft.Publish = true // the preview shows what customers would read
		if err = hindsight.CheckPublicSummary(&draft); err == nil {
			v := newPublicView(hindsight.PublicSummary{Title: draft.Title, CustomerImpact: draft.CustomerImpact, Timeline: draft.Timeline, Actions: draft.Actions}, zoneOf(r))
			d.Preview = &v
			h.render(w, r, http.StatusOK, "publicsummary", page{Title: "Public summary: " + d.P.Title, Data: d})
			return
		}
	} else {
		_, err = h.svc.SavePublicSummary(r.Context(), d.P.ID, d.Draft)
	}
	if v := asValidation(err); v != nil {
		d.Errors = v.Fields
		h.render(w, r, http.StatusBadRequest, "publicsummary", page{Title: "Public summary: " + d.P.Title, Data: d})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/postmortems/"+d.P.ID+"/public?"+url.Values{"flash": {"Public summary saved."}}.Encode(), http.StatusSeeOther)
}

// publicPage shows a published public summary to anybody, signed in or
// not: its own page, with nothing of Hindsight's navigation.
func (h *Handler) publicPage(w http.ResponseWriter, r *http.Request) {
	s, err := h.svc.PublishedSummary(r.Context(), r.PathValue("pid"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := h.pages.byName["public"].ExecuteTemplate(&buf, "public", newPublicView(*s, time.UTC)); err != nil {
		slog.ErrorContext(r.Context(), "render public summary", "err", err)
		http.Error(w, "the page could not be shown", http.StatusInternalServerError)
		return
	}
	writeHTML(w, buf.Bytes())
}

// publicFeedSize is how many summaries the public feed carries.
const publicFeedSize = 50

// publicFeed is the Atom feed of published public summaries, without
// sign-in.
func (h *Handler) publicFeed(w http.ResponseWriter, r *http.Request) {
	list, err := h.svc.PublishedSummaries(r.Context(), publicFeedSize)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	base := strings.TrimRight(h.opts.BaseURL, "/")
	if base == "" {
		base = "http://" + r.Host
	}
	f := atomfeed.Feed{ID: base + "/public/feed.atom", Title: "Incident summaries", Author: atomfeed.Person{Name: "Hindsight"},
		Links: []atomfeed.Link{{Rel: "self", Type: "application/atom+xml", Href: base + "/public/feed.atom"}}, Updated: time.Unix(0, 0).UTC().Format(time.RFC3339)}
	for _, s := range list {
		if u := s.UpdatedAt.UTC().Format(time.RFC3339); u > f.Updated {
			f.Updated = u
		}
		var body bytes.Buffer
		if err := h.pages.byName["public"].ExecuteTemplate(&body, "publicbody", newPublicView(s, time.UTC)); err != nil {
			h.fail(w, r, err)
			return
		}
		f.Entries = append(f.Entries, atomfeed.Entry{ID: base + "/public/" + s.PublicID, Title: s.Title, Updated: s.UpdatedAt.UTC().Format(time.RFC3339),
			Published: s.PublishedAt.UTC().Format(time.RFC3339), Links: []atomfeed.Link{{Rel: "alternate", Type: "text/html", Href: base + "/public/" + s.PublicID}},
			Content: atomfeed.Text{Type: "html", Body: body.String()}})
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "max-age=300")
	if err := atomfeed.Write(w, f); err != nil {
		slog.WarnContext(r.Context(), "public feed", "err", err)
	}
}
