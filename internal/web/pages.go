package web

import (
	"bytes"
	"embed"
	"fmt"
	"hindsight/internal/problem"
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"hindsight"
)

//go:embed templates
var templateFS embed.FS

// pages holds one template set per page, each with the shared layout and
// partials.
type pages struct{ byName map[string]*template.Template }

var pageNames = []string{"list", "view", "review", "reading", "form", "import", "chat", "error", "tracker", "insights", "zone", "delete", "signin", "setup", "reset", "account", "users", "audit", "history", "compare", "trash", "purge", "webhooks", "deliveries", "mail", "publicsummary", "public"}

func loadPages(funcs template.FuncMap) (*pages, error) {
	p := &pages{byName: map[string]*template.Template{}}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", name, err)
		}
		p.byName[name] = t
	}
	return p, nil
}

// page is what every page template receives.
type page struct {
	Title string
	Zone  *time.Location
	// Path is the page's own URL, for links that come back to it (the
	// zone picker).
	Path string
	// Refreshable marks a page the script may load again in the
	// browser's zone on a first visit: a GET, never a POST's answer.
	Refreshable bool
	// PrintTitle is a stylesheet that prints the page's title in the
	// page margins (the post-mortem's), or "".
	PrintTitle string
	// Description is the page's meta description; a default says what
	// Hindsight is.
	Description string
	Query       string // the search box's text
	Flash       string
	Data        any
	// Me is the signed-in user, for the navigation; render sets it.
	Me *hindsight.User
}

// render executes a page into a buffer first, so a template error becomes
// a clean 500 rather than half a page.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	body, ok := h.renderPage(w, r, name, p)
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	w.Write(body)
}

// renderPage executes a page's template for r; on failure it answers 500
// itself and reports false.
func (h *Handler) renderPage(w http.ResponseWriter, r *http.Request, name string, p page) ([]byte, bool) {
	if p.Zone == nil {
		p.Zone = zoneOf(r)
	}
	if p.Me == nil {
		p.Me = me(r)
	}
	p.Path, p.Refreshable = r.URL.RequestURI(), r.Method == http.MethodGet
	var buf bytes.Buffer
	if err := h.pages.byName[name].ExecuteTemplate(&buf, "layout", p); err != nil {
		slog.ErrorContext(r.Context(), "render page", "page", name, "err", err)
		http.Error(w, "the page could not be shown", http.StatusInternalServerError)
		return nil, false
	}
	return buf.Bytes(), true
}

func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusNotFound, "error", page{Title: "Not found", Data: "There is no such page or post-mortem. It may have been deleted."})
}

// fail shows an error page with the status and words package problem
// gives the error, as the API would answer it; server faults are logged
// and told without their cause.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	if problem.ClientGone(r.Context(), err) {
		return
	}
	p, fault := problem.From(err, r.URL.Path)
	switch {
	case fault:
		slog.ErrorContext(r.Context(), "page failed", "method", r.Method, "path", r.URL.Path, "err", err)
		h.render(w, r, p.Status, "error", page{Title: "Something went wrong", Data: "The server could not complete the request. Nothing you typed was saved by it; go back and try again."})
	case p.Status == http.StatusNotFound:
		h.notFound(w, r)
	case p.Status == http.StatusUnauthorized:
		h.toSignIn(w, r)
	default:
		h.render(w, r, p.Status, "error", page{Title: p.Title, Data: sentence(p.Detail)})
	}
}

// sentence starts a problem's detail with a capital and ends it with a
// full stop, as a page shows it.
func sentence(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return s
}

// funcs are the template helpers.
func (h *Handler) funcs() template.FuncMap {
	fm := template.FuncMap{
		"asset":      func(name string) string { return h.assets.url[name] },
		"current":    currentPage,
		"markdown":   h.md.Render,
		"mdLines":    h.md.RenderLines,
		"when":       when,
		"whenT":      func(t time.Time, loc *time.Location) string { return when(&t, loc) },
		"whenLong":   func(t *time.Time, loc *time.Location) string { return whenFmt(t, loc, "Mon 2 Jan 2006, 15:04 MST") },
		"clock":      func(t *time.Time, loc *time.Location) string { return whenFmt(t, loc, "15:04") },
		"day":        func(t *time.Time, loc *time.Location) string { return whenFmt(t, loc, "2 Jan 2006") },
		"local":      localInput,
		"duration":   duration,
		"highlight":  highlight,
		"join":       strings.Join,
		"title":      func(s string) string { return strings.ToUpper(s[:min(1, len(s))]) + s[min(1, len(s)):] },
		"label":      func(s any) string { return strings.ReplaceAll(fmt.Sprint(s), "_", " ") },
		"overdue":    func(c hindsight.Countermeasure) bool { return c.Overdue(h.svc.Now()) },
		"severities": func() []string { return h.svc.Policy.Severities },
		"add":        func(a, b int) int { return a + b },
		"hasRole":    func(s hindsight.Stakeholder, r hindsight.Role) bool { return containsRole(s.Roles, r) },
		"sevClass":   func(s string) string { return "sev-" + strings.ToLower(s) },
		"minutes":    minutesText,
		"percent":    percent,
		"safeURL":    func(s string) template.URL { return template.URL(s) },
		"cmHistory":  cmHistory,
		"diffSide":   diffSide,
		"revisitAt": func(sr hindsight.ScheduledRevisit, loc *time.Location) revisitView {
			return revisitView{S: sr, Zone: loc}
		},
		"revisitDoneAt":  func(r *hindsight.Revisit, loc *time.Location) revisitView { return revisitView{R: r, Zone: loc} },
		"revisitAnswers": revisitAnswers,
		"answersOf":      answersOf,
		"readsMark":      func() template.HTML { return readsMark },
		"commentAt":      func(c hindsight.Comment, loc *time.Location) commentView { return commentView{c, loc} },
	}
	for k, v := range formFuncs() {
		fm[k] = v
	}
	return fm
}

func when(t *time.Time, loc *time.Location) string { return whenFmt(t, loc, "2006-01-02 15:04 MST") }

func whenFmt(t *time.Time, loc *time.Location, layout string) string {
	if t == nil {
		return ""
	}
	return t.In(loc).Format(layout)
}

// localInput is a time as a datetime-local input's value in the zone.
func localInput(t *time.Time, loc *time.Location) string {
	if t == nil {
		return ""
	}
	return t.In(loc).Format("2006-01-02T15:04")
}

// duration writes seconds as people say them: "16 min", "1 h 23 min",
// "2 d 3 h".
func duration(s *int64) string {
	if s == nil {
		return ""
	}
	d := time.Duration(*s) * time.Second
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%d s", *s)
	case d < time.Hour:
		return fmt.Sprintf("%d min", int(d.Minutes()))
	case d < 24*time.Hour:
		return fmt.Sprintf("%d h %d min", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%d d %d h", int(d.Hours())/24, int(d.Hours())%24)
}

// highlight escapes a search snippet and marks the matches.
func highlight(s string) template.HTML {
	s = template.HTMLEscapeString(s)
	s = strings.ReplaceAll(s, hindsight.HighlightStart, "<mark>")
	return template.HTML(strings.ReplaceAll(s, hindsight.HighlightEnd, "</mark>"))
}

func containsRole(rs []hindsight.Role, r hindsight.Role) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// minutesText writes a duration in seconds for tables: "—" when not
// recorded.
func minutesText(s *float64) string {
	if s == nil {
		return "—"
	}
	n := int64(*s)
	return duration(&n)
}

// percent writes a share as a whole percentage: "—" when there is none.
func percent(f *float64) string {
	if f == nil {
		return "—"
	}
	return fmt.Sprintf("%.0f%%", *f*100)
}

// currentPage marks the main navigation's link to the section the page
// belongs to, for assistive technology and the eye.
func currentPage(path, href string) template.HTMLAttr {
	p, _, _ := strings.Cut(path, "?")
	if p == href || (href == "/" && strings.HasPrefix(p, "/postmortems")) || (href != "/" && strings.HasPrefix(p, href+"/")) {
		return ` aria-current="page"`
	}
	return ""
}
