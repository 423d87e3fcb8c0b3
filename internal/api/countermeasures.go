package api

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"hindsight"
)

// ParseCountermeasureFilter reads the tracker's parameters, naming each
// bad one. overdue=true keeps the late ones; reverify=true keeps the done
// ones not verified within the policy's period.
func ParseCountermeasureFilter(q url.Values, pol hindsight.Policy, now time.Time) (hindsight.CountermeasureFilter, error) {
	v := &hindsight.ValidationError{}
	f := hindsight.CountermeasureFilter{
		Owner: q.Get("owner"), Status: hindsight.CountermeasureStatus(q.Get("status")), Priority: hindsight.Priority(q.Get("priority")),
		Tag: q.Get("tag"), Severity: q.Get("severity"), Sort: q.Get("sort"), Cursor: q.Get("cursor"), Now: now,
	}
	boolParam := func(name string) bool {
		s := q.Get(name)
		b, err := strconv.ParseBool(s)
		if s != "" && err != nil {
			v.Add(name, "must be true or false")
		}
		return b
	}
	f.Overdue = boolParam("overdue")
	if boolParam("reverify") {
		cutoff := now.Add(-pol.ReverifyAfter)
		f.ReverifyBefore = &cutoff
	}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > hindsight.MaxPageSize {
			v.Add("limit", "must be a number from 1 to %d", hindsight.MaxPageSize)
		}
		f.Limit = n
	}
	return f, v.OrNil()
}

// listCountermeasures answers GET /countermeasures with one page of rows,
// each marked overdue and due for re-verification where it is.
func (h *Handler) listCountermeasures(w http.ResponseWriter, r *http.Request) {
	now := h.svc.Now().UTC()
	f, err := ParseCountermeasureFilter(r.URL.Query(), h.svc.Policy, now)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	page, err := h.svc.Store.ListCountermeasures(r.Context(), f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	type row struct {
		hindsight.CountermeasureRow
		Overdue  bool `json:"overdue"`
		Reverify bool `json:"due_for_reverification"`
	}
	items := make([]row, len(page.Items))
	for i, c := range page.Items {
		items[i] = row{c, c.Overdue(now), NeedsReverification(c.Countermeasure, h.svc.Policy, now)}
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items, "next_cursor": page.NextCursor})
}

// NeedsReverification reports whether a done countermeasure has gone
// longer than the policy allows without a "still taking effect" check.
func NeedsReverification(c hindsight.Countermeasure, pol hindsight.Policy, now time.Time) bool {
	if c.Status != hindsight.CMDone {
		return false
	}
	last := c.VerifiedAt
	if last == nil {
		last = c.DoneAt
	}
	return last == nil || last.Before(now.Add(-pol.ReverifyAfter))
}

// setCountermeasureStatus answers POST .../countermeasures/{cid}/status
// with {"status": "..."}; If-Match names the post-mortem version.
func (h *Handler) setCountermeasureStatus(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Status hindsight.CountermeasureStatus `json:"status"`
	}
	version, ok := h.decodeChange(w, r, &body)
	if !ok {
		return
	}
	p, err := h.svc.SetCountermeasureStatus(r.Context(), r.PathValue("id"), version, r.PathValue("cid"), body.Status)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writePostMortem(w, http.StatusOK, p)
}

// verifyCountermeasure answers POST .../countermeasures/{cid}/verify with
// {"by": "...", "note": "..."}; If-Match names the post-mortem version.
func (h *Handler) verifyCountermeasure(w http.ResponseWriter, r *http.Request) {
	var body struct {
		By   string `json:"by"`
		Note string `json:"note"`
	}
	version, ok := h.decodeChange(w, r, &body)
	if !ok {
		return
	}
	if body.By == "" {
		body.By = actorFrom(r)
	}
	p, err := h.svc.VerifyCountermeasure(r.Context(), r.PathValue("id"), version, r.PathValue("cid"), body.By, body.Note)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writePostMortem(w, http.StatusOK, p)
}

// decodeChange reads If-Match (required) and a small JSON body.
func (h *Handler) decodeChange(w http.ResponseWriter, r *http.Request, dst any) (int64, bool) {
	version, ok, err := ifMatchVersion(r)
	if err != nil {
		h.fail(w, r, err)
		return 0, false
	}
	if !ok {
		writeProblem(w, r, http.StatusPreconditionRequired, "If-Match required", "send the ETag of the post-mortem version you saw in If-Match", nil)
		return 0, false
	}
	if err := requireType(r, "application/json"); err != nil {
		h.fail(w, r, err)
		return 0, false
	}
	b, err := h.readBody(w, r)
	if err != nil {
		h.fail(w, r, err)
		return 0, false
	}
	dec := json.NewDecoder(bytesReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		h.fail(w, r, &badRequest{http.StatusBadRequest, "Malformed JSON", []hindsight.FieldError{{Field: "body", Message: jsonMessage(err)}}})
		return 0, false
	}
	return version, true
}

// lateMeetings answers GET /meetings/late?from=&to=&severity=&tag=:
// incidents whose post-mortem was not held or scheduled within the
// deadline for their severity.
func (h *Handler) lateMeetings(w http.ResponseWriter, r *http.Request) {
	f, err := ParseFactsFilter(r.URL.Query())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	late, err := h.svc.LateMeetings(r.Context(), f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": late})
}
