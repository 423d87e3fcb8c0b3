package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"hindsight"
)

// reviewData is what the review and publishing page shows. It is never
// cached: comments, verdicts and the publication change without a new
// version of the post-mortem.
type reviewData struct {
	P         *hindsight.PostMortem
	State     hindsight.ReviewState
	Published *hindsight.PublishedState
	// Threads are the comments grouped, each first comment with its
	// replies.
	Threads []thread
	// Anchors are where a new comment may go.
	Anchors []anchor
	// Verdicts pairs each reviewer asked with their latest verdict.
	Verdicts []verdictRow
	MayEdit  bool
	// Mine is the signed-in user's own latest verdict, if any.
	Mine *hindsight.Review
	// Reads are who opened it (names only for those who may edit it).
	Reads     hindsight.ReadReceipts
	ReadsLine string
	// Meeting is when it is held, who was invited and who of the guide's
	// list was not.
	Meeting hindsight.MeetingState
	// Public is its public summary, if one was written.
	Public *hindsight.PublicSummary
	// Revisits are its revisit schedule and record.
	Revisits hindsight.RevisitState
	Errors   map[string]string
	// Draft keeps what was typed into a form that was refused.
	Draft  url.Values
	Labels map[string]string
}

type thread struct {
	First   hindsight.Comment
	Replies []hindsight.Comment
	// Where names the anchor as a reader says it.
	Where string
}

// invited reports whether an address is among a meeting's invitations.
func (d reviewData) Invited(email string) bool {
	for _, i := range d.Meeting.Invitations {
		if strings.EqualFold(i.Email, email) {
			return true
		}
	}
	return false
}

// commentView is a comment with the reader's zone, for its template.
type commentView struct {
	C    hindsight.Comment
	Zone *time.Location
}

type anchor struct{ Value, Label string }

type verdictRow struct {
	Reviewer string
	Latest   *hindsight.Review
}

// review shows a post-mortem's review: who was asked, what they said,
// the comment threads, whether it may be published and, once published,
// what changed since it was announced.
func (h *Handler) review(w http.ResponseWriter, r *http.Request) {
	h.renderReview(w, r, http.StatusOK, nil, nil)
}

func (h *Handler) renderReview(w http.ResponseWriter, r *http.Request, status int, errs map[string]string, draft url.Values) {
	id := r.PathValue("id")
	p, err := h.svc.Get(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	st, err := h.svc.Review(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pub, err := h.svc.Published(r.Context(), id)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	d := reviewData{P: p, State: st, Published: pub, Errors: errs, Draft: draft, Labels: changeLabels,
		MayEdit: h.svc.MayEdit(r.Context(), hindsight.Head{ID: p.ID, AuthorID: p.AuthorID, Access: p.Access})}
	if d.Reads, err = h.svc.ReadReceipts(r.Context(), id, p.Stakeholders); err != nil {
		h.fail(w, r, err)
		return
	}
	d.ReadsLine = readsLine(d.Reads)
	if d.Meeting, err = h.svc.Meeting(r.Context(), id); err != nil {
		h.fail(w, r, err)
		return
	}
	if d.Public, err = h.svc.PublicSummary(r.Context(), id); err != nil {
		h.fail(w, r, err)
		return
	}
	if d.Revisits, err = h.svc.Revisits(r.Context(), id); err != nil {
		h.fail(w, r, err)
		return
	}
	d.Anchors = commentAnchors(p)
	d.Threads = threads(st.Comments, p)
	d.Verdicts = verdicts(st)
	if u := me(r); u != nil {
		for i := range st.Latest {
			if st.Latest[i].ReviewerID == u.ID {
				d.Mine = &st.Latest[i]
			}
		}
	}
	h.render(w, r, status, "review", page{Title: "Review: " + p.Title, Data: d, Flash: r.URL.Query().Get("flash")})
}

// commentAnchors lists the sections and timeline events a comment can be
// attached to.
func commentAnchors(p *hindsight.PostMortem) []anchor {
	out := []anchor{{"", "The whole post-mortem"}}
	for _, s := range hindsight.CommentSections {
		out = append(out, anchor{s, "Section: " + changeLabels[s]})
	}
	for i, e := range p.Events {
		out = append(out, anchor{"events[" + strconv.Itoa(i) + "]", "Timeline event " + strconv.Itoa(i+1) + ": " + cut(e.Text, 60)})
	}
	return out
}

// anchorLabel names where a comment is attached.
func anchorLabel(c hindsight.Comment) string {
	switch {
	case c.Anchor == "":
		return "The whole post-mortem"
	case strings.HasPrefix(c.Anchor, "events["):
		n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(c.Anchor, "events["), "]"))
		return "Timeline event " + strconv.Itoa(n+1)
	}
	if l, ok := changeLabels[c.Anchor]; ok {
		return "Section: " + l
	}
	return "Section: " + c.Anchor
}

func threads(cs []hindsight.Comment, p *hindsight.PostMortem) []thread {
	var out []thread
	at := map[string]int{}
	for _, c := range cs {
		if c.ParentID == "" {
			at[c.ID] = len(out)
			out = append(out, thread{First: c, Where: anchorLabel(c)})
		}
	}
	for _, c := range cs {
		if i, ok := at[c.ParentID]; ok && c.ParentID != "" {
			out[i].Replies = append(out[i].Replies, c)
		}
	}
	return out
}

func verdicts(st hindsight.ReviewState) []verdictRow {
	var out []verdictRow
	seen := map[string]bool{}
	latest := func(id string) *hindsight.Review {
		for i := range st.Latest {
			if st.Latest[i].ReviewerID == id {
				return &st.Latest[i]
			}
		}
		return nil
	}
	for _, rq := range st.Requests {
		seen[rq.ReviewerID] = true
		out = append(out, verdictRow{Reviewer: rq.Reviewer, Latest: latest(rq.ReviewerID)})
	}
	for i := range st.Latest {
		if !seen[st.Latest[i].ReviewerID] {
			out = append(out, verdictRow{Reviewer: st.Latest[i].Reviewer, Latest: &st.Latest[i]})
		}
	}
	return out
}

// cut shortens text for a label.
func cut(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// reviewAction does what a form on the review page asks and comes back
// to the page saying so; a refused form comes back with its text kept and
// the reason next to the field.
func (h *Handler) reviewAction(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		h.fail(w, r, err)
		return
	}
	id := r.PathValue("id")
	f := r.PostForm
	version, _ := strconv.ParseInt(f.Get("version"), 10, 64)
	var err error
	msg := ""
	switch r.PathValue("action") {
	case "request":
		var names []string
		for _, n := range strings.FieldsFunc(f.Get("reviewers"), func(r rune) bool { return r == ',' || r == ';' || r == '\n' || r == ' ' }) {
			names = append(names, n)
		}
		_, err = h.svc.RequestReview(r.Context(), id, names)
		msg = "Review requested; the reviewers are told."
	case "verdict":
		_, err = h.svc.SubmitReview(r.Context(), id, version, hindsight.Verdict(f.Get("verdict")), f.Get("note"))
		msg = "Your review is recorded."
	case "comment":
		_, err = h.svc.AddComment(r.Context(), id, hindsight.NewComment{ParentID: f.Get("parent_id"), Anchor: f.Get("anchor"), Body: f.Get("body")})
		msg = "Comment added."
	case "resolve", "reopen":
		err = h.svc.ResolveComment(r.Context(), id, f.Get("comment"), r.PathValue("action") == "resolve")
		msg = map[string]string{"resolve": "Thread resolved.", "reopen": "Thread reopened."}[r.PathValue("action")]
	case "publish":
		err = h.publish(r, id, version)
		msg = "Published."
	case "revisit":
		_, err = h.svc.RecordRevisit(r.Context(), id, hindsight.RevisitAnswers{CountermeasuresDone: f.Get("countermeasures_done"),
			StillEffective: f.Get("still_effective"), Recurred: f.Get("recurred"), Learned: f.Get("learned"), Notes: f.Get("notes")})
		msg = "Revisit recorded."
	case "meeting":
		err = h.scheduleMeeting(r, id, version)
		msg = "Meeting scheduled; download the invitation and send it to those invited."
		if h.svc.MailOn(r.Context()) {
			msg = "Meeting scheduled; those invited are e-mailed the invitation, which their calendar offers to accept."
		}
	case "cancel-meeting":
		err = h.svc.CancelMeeting(r.Context(), id, version)
		msg = "Meeting cancelled."
		if h.svc.MailOn(r.Context()) {
			msg = "Meeting cancelled; those invited are e-mailed the cancellation, which takes it out of their calendar."
		}
	case "reannounce":
		err = h.svc.Reannounce(r.Context(), id, version, f.Get("note"))
		msg = "Announced again."
	default:
		h.notFound(w, r)
		return
	}
	if v := asValidation(err); v != nil {
		h.renderReview(w, r, http.StatusBadRequest, fieldErrors(v, r.PathValue("action")), f)
		return
	}
	switch {
	case errors.Is(err, hindsight.ErrConflict):
		h.renderReview(w, r, http.StatusConflict, map[string]string{"version": "Someone changed this post-mortem since you loaded the page. Read the current version below and try again."}, f)
		return
	case err != nil:
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/postmortems/"+id+"/review?"+url.Values{"flash": {msg}}.Encode(), http.StatusSeeOther)
}

// fieldErrors are a refusal's messages by field ("reviewers[1]" counts
// as "reviewers"), with "form" naming the form refused.
func fieldErrors(v *hindsight.ValidationError, form string) map[string]string {
	errs := map[string]string{"form": form}
	for _, fe := range v.Fields {
		key, _, _ := strings.Cut(fe.Field, "[")
		if errs[key] != "" {
			errs[key] += "; "
		}
		errs[key] += fe.Message
	}
	return errs
}

// publish moves the post-mortem, at the version the page showed, to
// published; the service refuses it with the publish rule's reason.
func (h *Handler) publish(r *http.Request, id string, version int64) error {
	p, err := h.svc.Get(r.Context(), id)
	if err != nil {
		return err
	}
	if p.Version != version {
		return &hindsight.ConflictError{ID: id, CurrentVersion: p.Version}
	}
	p.Status = hindsight.StatusPublished
	p.ChangeNote = "Published"
	return h.svc.Update(r.Context(), p)
}

// revisitView is a scheduled or recorded revisit with the reader's zone.
type revisitView struct {
	S    hindsight.ScheduledRevisit
	R    *hindsight.Revisit
	Zone *time.Location
}

// revisitAnswers are the answers a checklist question takes.
func revisitAnswers(q string) []string {
	return map[string][]string{"done": hindsight.RevisitDoneAnswers, "effective": hindsight.RevisitEffectiveAnswers, "recurred": hindsight.RevisitRecurredAnswers}[q]
}

// answerGroup is one checklist question as radio buttons, with what was
// chosen and the error when the form came back.
type answerGroup struct {
	Name, Legend, Chosen, Err string
	Options                   []string
}

func answersOf(name, legend string, options []string, d reviewData) answerGroup {
	g := answerGroup{Name: name, Legend: legend, Options: options, Chosen: d.Draft.Get(name)}
	if d.Errors["form"] == "revisit" {
		g.Err = d.Errors[name]
	}
	return g
}
