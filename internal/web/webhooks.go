package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"hindsight"
)

// webhooksData is what the admin's webhooks page shows.
type webhooksData struct {
	Webhooks   []hindsight.Webhook
	Formats    []hindsight.WebhookFormat
	Kinds      []hindsight.AnnouncementKind
	Severities []string
	// New is the add (or change) form as typed, kept when it is refused.
	New hindsight.Webhook
	// Editing is the webhook the form changes; nil to add one.
	Editing *hindsight.Webhook
	// Allow are the internal networks webhooks may reach, as set (or as
	// typed, when refused).
	Allow  string
	Errors map[string]string
	Done   string
}

var webhooksNotes = map[string]string{"added": "Webhook added. Its deliveries are signed with the secret shown below.", "deleted": "Webhook removed; its delivery log stays.",
	"redelivered": "Redelivery queued: it is posted again in a moment, with the same event id.",
	"allowed":     "Internal networks saved: they count from the next delivery.",
	"changed":     "Webhook changed: it counts from the next announcement.",
	"paused":      "Webhook paused: nothing is posted to it until it is resumed, and what is announced meanwhile is not sent later.",
	"resumed":     "Webhook resumed: it gets announcements from now on.",
	"rotated":     "New signing secret made: every delivery from now on, retries too, is signed with it. Give it to the receiver."}

// webhooks lists the announcement destinations for admins, with a form to
// add one (or, with ?edit=ID, to change one) and buttons to pause,
// resume, rotate the secret of and remove each.
func (h *Handler) webhooks(w http.ResponseWriter, r *http.Request) {
	d := &webhooksData{Done: webhooksNotes[r.URL.Query().Get("done")],
		New: hindsight.Webhook{Format: hindsight.FormatSlack, Events: []hindsight.AnnouncementKind{hindsight.AnnouncePublished}}}
	if id := r.URL.Query().Get("edit"); id != "" {
		old, err := h.svc.Webhook(r.Context(), id)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		d.Editing, d.New = old, *old
		d.New.Secret = ""
	}
	h.webhooksPage(w, r, http.StatusOK, d)
}

func (h *Handler) webhooksPage(w http.ResponseWriter, r *http.Request, status int, d *webhooksData) {
	hooks, err := h.svc.Webhooks(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d.Webhooks, d.Formats, d.Kinds, d.Severities = hooks, hindsight.WebhookFormats, hindsight.AnnouncementKinds, h.svc.Policy.Severities
	if d.Errors == nil {
		d.Errors = map[string]string{}
	}
	if d.Errors["networks"] == "" {
		if d.Allow, err = h.svc.WebhookAllow(r.Context()); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	h.render(w, r, status, "webhooks", page{Title: "Webhooks", Data: d})
}

// addWebhook adds a destination from the form.
func (h *Handler) addWebhook(w http.ResponseWriter, r *http.Request) {
	nw, ok := h.webhookForm(w, r)
	if ok && !h.webhooksRefused(w, r, &webhooksData{New: *nw}, h.svc.SaveWebhook(r.Context(), nw)) {
		http.Redirect(w, r, "/admin/webhooks?done=added", http.StatusSeeOther)
	}
}

// changeWebhook changes a destination from the form; whether it is paused
// and, when no new one is typed, its secret stay as they are.
func (h *Handler) changeWebhook(w http.ResponseWriter, r *http.Request) {
	nw, ok := h.webhookForm(w, r)
	if !ok {
		return
	}
	old, err := h.svc.Webhook(r.Context(), r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	nw.ID, nw.Disabled = old.ID, old.Disabled
	typed := *nw
	if !h.webhooksRefused(w, r, &webhooksData{New: typed, Editing: old}, h.svc.SaveWebhook(r.Context(), nw)) {
		http.Redirect(w, r, "/admin/webhooks?done=changed", http.StatusSeeOther)
	}
}

// webhookForm reads the add or change form.
func (h *Handler) webhookForm(w http.ResponseWriter, r *http.Request) (*hindsight.Webhook, bool) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, err)
		return nil, false
	}
	nw := &hindsight.Webhook{Name: r.PostForm.Get("name"), URL: r.PostForm.Get("url"), Format: hindsight.WebhookFormat(r.PostForm.Get("format")),
		Secret: r.PostForm.Get("secret"), Severities: r.PostForm["severities"]}
	for _, k := range r.PostForm["events"] {
		nw.Events = append(nw.Events, hindsight.AnnouncementKind(k))
	}
	return nw, true
}

// pauseWebhook pauses or resumes a destination.
func (h *Handler) pauseWebhook(paused bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, err := h.svc.PauseWebhook(r.Context(), r.PathValue("id"), paused)
		h.seeOther(w, r, err, "/admin/webhooks?done="+map[bool]string{true: "paused", false: "resumed"}[paused])
	}
}

// rotateWebhookSecret gives a destination a new signing secret.
func (h *Handler) rotateWebhookSecret(w http.ResponseWriter, r *http.Request) {
	_, err := h.svc.RotateWebhookSecret(r.Context(), r.PathValue("id"))
	h.seeOther(w, r, err, "/admin/webhooks?done=rotated")
}

// setWebhookAllow saves the internal networks webhooks may reach.
func (h *Handler) setWebhookAllow(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	networks := r.PostFormValue("networks")
	if !h.webhooksRefused(w, r, &webhooksData{Allow: networks}, h.svc.SetWebhookAllow(r.Context(), networks)) {
		http.Redirect(w, r, "/admin/webhooks?done=allowed", http.StatusSeeOther)
	}
}

// webhooksRefused shows a refused change on the webhooks page, with the
// form d as typed; it reports whether there was one.
func (h *Handler) webhooksRefused(w http.ResponseWriter, r *http.Request, d *webhooksData, err error) bool {
	if err == nil {
		return false
	}
	if v := asValidation(err); v != nil {
		d.Errors = map[string]string{}
		for _, f := range v.Fields {
			d.Errors[strings.SplitN(f.Field, "[", 2)[0]] = f.Message
		}
		h.webhooksPage(w, r, http.StatusUnprocessableEntity, d)
		return true
	}
	h.fail(w, r, err)
	return true
}

// deleteWebhook removes a destination.
func (h *Handler) deleteWebhook(w http.ResponseWriter, r *http.Request) {
	h.seeOther(w, r, h.svc.DeleteWebhook(r.Context(), r.PathValue("id")), "/admin/webhooks?done=deleted")
}

// deliveriesData is what the delivery log shows.
type deliveriesData struct {
	Webhooks []hindsight.Webhook
	Filter   string
	Page     hindsight.DeliveryPage
	Next     string
	Done     string
}

// deliveries shows the delivery log, newest first, of every webhook or of
// one: each attempt's status, response and duration, with a button to
// deliver it again.
func (h *Handler) deliveries(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := deliveriesData{Filter: q.Get("webhook"), Done: webhooksNotes[q.Get("done")]}
	var err error
	if d.Webhooks, err = h.svc.Webhooks(r.Context()); err == nil {
		d.Page, err = h.svc.Deliveries(r.Context(), hindsight.DeliveryFilter{WebhookID: d.Filter, Cursor: q.Get("cursor"), Limit: 50})
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if d.Page.NextCursor != "" {
		next := url.Values{"cursor": {d.Page.NextCursor}}
		if d.Filter != "" {
			next.Set("webhook", d.Filter)
		}
		d.Next = "/admin/webhooks/deliveries?" + next.Encode()
	}
	h.render(w, r, http.StatusOK, "deliveries", page{Title: "Delivery log", Data: d})
}

// redeliver queues a logged delivery again.
func (h *Handler) redeliver(w http.ResponseWriter, r *http.Request) {
	if err := h.svc.Redeliver(r.Context(), r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	back := "/admin/webhooks/deliveries?done=redelivered"
	if wid := r.PostFormValue("webhook"); wid != "" {
		back += "&webhook=" + url.QueryEscape(wid)
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// Chosen reports whether the add form has the event ticked.
func (d *webhooksData) Chosen(k hindsight.AnnouncementKind) bool {
	return slices.Contains(d.New.Events, k)
}

// ChosenSeverity reports whether the add form has the severity ticked.
func (d *webhooksData) ChosenSeverity(s string) bool { return slices.Contains(d.New.Severities, s) }
