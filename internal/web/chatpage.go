package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"hindsight"
	"hindsight/internal/chatimport"
	"hindsight/internal/importer"
)

// chatData is what the chat import page shows: first where the chat comes
// from; once read, the incident window, the messages in it to choose from
// and where they go.
type chatData struct {
	Format, Channel, Text, Day string
	// Messages are all the messages read, carried in the page (as JSON) from
	// step to step, so nothing is kept on the server between them.
	Messages []chatimport.Message
	JSON     string
	From, To time.Time
	// Shown are the indexes of the messages in the window, in time order;
	// Picked those chosen.
	Shown  []int
	Picked map[int]bool
	// Dest is "new" or "into"; Into the post-mortem, Title the new one's.
	Dest, Into, Title string
	Targets           []hindsight.Summary
	Errors            map[string]string
	Zone              *time.Location
}

// Read says whether messages were read, so the page offers the choice.
func (d *chatData) Read() bool { return d.JSON != "" }

// E is a field's error for the "fielderr" template.
func (d *chatData) E(name string) fieldErr { return fieldErr{errID(name), d.Errors[name]} }

// Aria marks an input invalid and described by its error, if it has one.
func (d *chatData) Aria(name string) template.HTMLAttr { return ariaFor(name, d.Errors[name]) }

// MultiDay says whether the shown messages fall on more than one day, so
// each shows its date.
func (d *chatData) MultiDay() bool {
	if len(d.Shown) < 2 {
		return false
	}
	first, last := d.Messages[d.Shown[0]].At.In(d.Zone), d.Messages[d.Shown[len(d.Shown)-1]].At.In(d.Zone)
	return first.Format(time.DateOnly) != last.Format(time.DateOnly)
}

// First and Last are the times of the first and the last message read.
func (d *chatData) First() time.Time { return d.Messages[0].At }
func (d *chatData) Last() time.Time  { return d.Messages[len(d.Messages)-1].At }

// When is a time in the page's zone, as every page writes it.
func (d *chatData) When(t time.Time) string { return when(&t, d.Zone) }

// Local is a window bound as its input's value, "" when open.
func (d *chatData) Local(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return localInput(&t, d.Zone)
}

// At is message i's time, with its day when the list spans several.
func (d *chatData) At(i int) string {
	t := d.Messages[i].At.In(d.Zone)
	if d.MultiDay() {
		return t.Format("2 Jan 15:04")
	}
	return t.Format("15:04")
}

// ShownList is the shown messages' indexes, so the next step knows which
// were offered (a message not offered before is chosen as at first).
func (d *chatData) ShownList() string {
	s := make([]string, len(d.Shown))
	for i, n := range d.Shown {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, " ")
}

type chatFormat struct{ Value, Label string }

// FormatList is the formats in the order the page offers them.
func (d *chatData) FormatList() []chatFormat {
	out := []chatFormat{}
	for _, f := range []string{"", "slack", "text", "csv", "jsonl"} {
		out = append(out, chatFormat{f, chatFormats[f]})
	}
	return out
}

// chatFields are the page's inputs in order, with the words the error
// summary names them by.
var chatFields = []struct{ Name, Words string }{
	{"file", "File"}, {"text", "Chat"}, {"format", "Format"}, {"channel", "Channel"}, {"day", "Day of pasted times"},
	{"messages", "Messages"}, {"from", "From"}, {"to", "To"}, {"pick", "Messages"}, {"dest", "Where they go"}, {"title", "Title"}, {"into", "Post-mortem"},
}

// ErrorList lists the errors in the order of the page, each linking its
// input.
func (d *chatData) ErrorList() []errorLink {
	var out []errorLink
	for _, f := range chatFields {
		if msg := d.Errors[f.Name]; msg != "" {
			href := "#" + f.Name
			if f.Name == "messages" {
				href = "#text"
			}
			out = append(out, errorLink{Href: href, Where: f.Words, Msg: msg})
		}
	}
	return out
}

// chatFormats names the formats for the page, "" letting the page tell.
var chatFormats = map[string]string{"": "Tell from the file or text", "slack": "Slack export (.zip)", "text": "Chat text copied from Slack, Teams or IRC", "csv": "CSV (time, who, what, kind)", "jsonl": "JSON lines"}

func (h *Handler) chatForm(w http.ResponseWriter, r *http.Request) {
	d := &chatData{Dest: "new", Into: r.URL.Query().Get("into"), Zone: zoneOf(r), Errors: map[string]string{}}
	d.Day = h.svc.Now().In(d.Zone).Format(time.DateOnly)
	if d.Into != "" {
		d.Dest = "into"
	}
	h.chatTargets(r, d)
	h.render(w, r, http.StatusOK, "chat", page{Title: "Import a chat timeline", Data: d})
}

// chatPost is every step of the page: "read" reads the upload or the
// pasted text; "list", "all" and "none" show the messages of the window
// again with the choice changed; "import" brings the chosen ones in through
// the service, as a new draft or into a post-mortem, and opens it.
func (h *Handler) chatPost(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 2*h.opts.MaxUploadBytes+8<<20)
	if err := parseAnyForm(r); err != nil {
		h.render(w, r, http.StatusRequestEntityTooLarge, "error", page{Title: "Too large", Data: "The chat is too large to import at once; export a shorter range of days."})
		return
	}
	f := r.PostForm
	d := &chatData{Format: f.Get("format"), Channel: f.Get("channel"), Text: f.Get("text"), Day: f.Get("day"), Zone: formZone(r),
		Dest: f.Get("dest"), Into: f.Get("into"), Title: strings.TrimSpace(f.Get("title")), Errors: map[string]string{}, Picked: map[int]bool{}}
	step := f.Get("step")
	if step == "read" {
		h.chatRead(r, d)
	} else if err := json.Unmarshal([]byte(f.Get("messages")), &d.Messages); err != nil || len(d.Messages) == 0 {
		d.Errors["messages"] = "were lost on the way; read the chat again"
	} else {
		d.JSON = f.Get("messages")
		d.From, d.To = chatBound(d, "from", f.Get("from")), chatBound(d, "to", f.Get("to"))
		if !d.From.IsZero() && !d.To.IsZero() && d.To.Before(d.From) {
			d.Errors["to"] = "is before the start of the window"
		}
		d.Shown = inWindow(d.Messages, chatimport.Window{From: d.From, To: d.To})
		shown := map[int]bool{}
		for _, s := range strings.Fields(f.Get("shown")) {
			if i, err := strconv.Atoi(s); err == nil {
				shown[i] = true
			}
		}
		for _, s := range f["pick"] {
			if i, err := strconv.Atoi(s); err == nil {
				d.Picked[i] = true
			}
		}
		for _, i := range d.Shown {
			switch {
			case step == "all":
				d.Picked[i] = true
			case step == "none":
				d.Picked[i] = false
			case !shown[i]:
				// Newly in the window: chosen as the first list chose.
				d.Picked[i] = d.Messages[i].Marked
			}
		}
	}
	if step == "import" && len(d.Errors) == 0 {
		if id, ok := h.chatImport(w, r, d); ok {
			http.Redirect(w, r, "/postmortems/"+id+"?saved=1", http.StatusSeeOther)
			return
		}
	}
	h.chatTargets(r, d)
	status := http.StatusOK
	if len(d.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	h.render(w, r, status, "chat", page{Title: "Import a chat timeline", Data: d, Zone: d.Zone})
}

// chatRead reads the uploaded file or the pasted text, and sets the
// window and the first choice: the pinned or reacted-to messages, or all
// when none is.
func (h *Handler) chatRead(r *http.Request, d *chatData) {
	data, name := []byte(d.Text), ""
	if file, hdr, err := r.FormFile("file"); err == nil {
		b, err := io.ReadAll(file)
		file.Close()
		if err == nil && len(b) > 0 {
			data, name = b, hdr.Filename
		}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		d.Errors["text"] = "is empty: paste the chat here or choose an export file"
		return
	}
	src := chatimport.Source{Format: d.Format, Channel: d.Channel, Zone: d.Zone}
	if src.Format == "" {
		src.Format = detectChat(data, name)
	} else if _, ok := chatFormats[src.Format]; !ok {
		d.Errors["format"] = "is not one of the formats listed"
		return
	}
	if src.Format == "text" {
		day, err := time.ParseInLocation(time.DateOnly, d.Day, d.Zone)
		if err != nil {
			d.Errors["day"] = "is needed for pasted chat, as a date like 2026-03-10: the times in it fall on that day"
			return
		}
		src.Day = day
	}
	msgs, err := chatimport.Read(src, data)
	switch {
	case err != nil && src.Format == "slack" && strings.Contains(err.Error(), "channel"):
		d.Errors["channel"] = err.Error()
	case err != nil && name != "":
		d.Errors["file"] = "cannot be read as " + chatFormats[src.Format] + ": " + err.Error()
	case err != nil:
		d.Errors["text"] = "cannot be read as " + chatFormats[src.Format] + ": " + err.Error()
	case len(msgs) == 0:
		d.Errors["text"] = "holds no messages with a time and an author"
	}
	if len(d.Errors) > 0 {
		return
	}
	slices.SortStableFunc(msgs, func(a, b chatimport.Message) int { return a.At.Compare(b.At) })
	js, _ := json.Marshal(msgs)
	d.Format, d.Messages, d.JSON = src.Format, msgs, string(js)
	d.From, d.To = defaultWindow(msgs)
	d.Shown = inWindow(msgs, chatimport.Window{From: d.From, To: d.To})
	chosen := chatimport.Select(msgs, chatimport.Window{From: d.From, To: d.To}, chatimport.ChooseMarked)
	for _, i := range d.Shown {
		d.Picked[i] = slices.ContainsFunc(chosen, func(m chatimport.Message) bool { return m == msgs[i] })
	}
	if d.Title == "" {
		d.Title = "Incident on " + d.From.In(d.Zone).Format("2 Jan 2006")
		if d.Channel != "" {
			d.Title += " (#" + strings.TrimPrefix(d.Channel, "#") + ")"
		}
	}
}

// chatImport brings the chosen messages in and returns the post-mortem's
// id, or records what stops it.
func (h *Handler) chatImport(w http.ResponseWriter, r *http.Request, d *chatData) (string, bool) {
	var chosen []chatimport.Message
	for _, i := range d.Shown {
		if d.Picked[i] {
			chosen = append(chosen, d.Messages[i])
		}
	}
	if len(chosen) == 0 {
		d.Errors["pick"] = "choose at least one message to import"
		return "", false
	}
	req := importer.ChatRequest{Messages: chosen, Choice: chatimport.ChooseAll}
	switch d.Dest {
	case "into":
		if d.Into == "" {
			d.Errors["into"] = "choose the post-mortem the events go to"
			return "", false
		}
		req.Into = d.Into
	case "new":
		if d.Title == "" {
			d.Errors["title"] = "is required for a new post-mortem"
			return "", false
		}
		req.Title = d.Title
	default:
		d.Errors["dest"] = "choose a new draft or a post-mortem to add to"
		return "", false
	}
	p, _, err := importer.Chat(r.Context(), h.svc, req)
	if v := asValidation(err); v != nil {
		for _, f := range v.Fields {
			d.Errors["pick"] = fmt.Sprintf("%s %s", fieldWords(inputName(f.Field)), f.Message)
		}
		return "", false
	} else if err != nil {
		h.fail(w, r, err)
		return "", true
	}
	return p.ID, true
}

// chatTargets lists the post-mortems the reader may add events to: the
// newest ones for an editor, and the one the page was opened from.
func (h *Handler) chatTargets(r *http.Request, d *chatData) {
	ctx := r.Context()
	if h.svc.CreateAllowed(ctx) == nil {
		if pg, err := h.svc.List(ctx, hindsight.ListFilter{Limit: 100}); err == nil {
			d.Targets = pg.Items
		}
	}
	if d.Into == "" || slices.ContainsFunc(d.Targets, func(s hindsight.Summary) bool { return s.ID == d.Into }) {
		return
	}
	if p, err := h.svc.Get(ctx, d.Into); err == nil && h.svc.MayEdit(ctx, hindsight.Head{ID: p.ID, AuthorID: p.AuthorID, Access: p.Access}) {
		d.Targets = append([]hindsight.Summary{{ID: p.ID, Title: p.Title, StartedAt: p.Incident.StartedAt}}, d.Targets...)
	}
}

// chatBound reads a window bound typed in the page's zone; an unreadable
// one is an error and an open bound.
func chatBound(d *chatData, name, value string) time.Time {
	s := strings.TrimSpace(value)
	if s == "" {
		return time.Time{}
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", s, d.Zone)
	if err != nil {
		d.Errors[name] = "is not a date and time like 2026-03-10 09:42"
		return time.Time{}
	}
	return t
}

// inWindow is the indexes of the messages in the window.
func inWindow(msgs []chatimport.Message, w chatimport.Window) []int {
	var out []int
	for i, m := range msgs {
		if w.Contains(m.At) && strings.TrimSpace(m.Text) != "" {
			out = append(out, i)
		}
	}
	return out
}

// defaultWindow is the window a chat is first shown with: all of it when
// it covers a day or less (a channel made for the incident); otherwise the
// hour around the pinned and reacted-to messages, where the incident was
// worked.
func defaultWindow(msgs []chatimport.Message) (from, to time.Time) {
	from, to = msgs[0].At, msgs[len(msgs)-1].At
	if to.Sub(from) <= 24*time.Hour {
		return from.Truncate(time.Minute), to.Truncate(time.Minute).Add(time.Minute)
	}
	var marked []time.Time
	for _, m := range msgs {
		if m.Marked {
			marked = append(marked, m.At)
		}
	}
	if len(marked) == 0 {
		return from.Truncate(time.Minute), to.Truncate(time.Minute).Add(time.Minute)
	}
	return marked[0].Add(-time.Hour).Truncate(time.Minute), marked[len(marked)-1].Add(time.Hour).Truncate(time.Minute)
}

// detectChat tells the format from the file's name and content: a zip is a
// Slack export, JSON objects a line are JSON lines, a header naming a time
// column is CSV, anything else chat text.
func detectChat(data []byte, name string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(string(data[:min(len(data), 4096)])), "\n")
	switch ext := strings.ToLower(path.Ext(name)); {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return "slack"
	case ext == ".jsonl" || ext == ".ndjson" || strings.HasPrefix(first, "{"):
		return "jsonl"
	case ext == ".csv" || (strings.Contains(first, ",") && strings.Contains(strings.ToLower(first), "time")):
		return "csv"
	}
	return "text"
}
