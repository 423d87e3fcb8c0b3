package mail

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"hindsight"
)

var digestHTML = template.Must(template.New("digest").Funcs(template.FuncMap{"inc": func(i int) int { return i + 1 }}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Subject}}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a">
<h1 style="font-size: 1.2rem">Your week in Hindsight</h1>
{{if .D.Published}}<h2 style="font-size: 1rem">Published since {{.Since}}</h2>
<ul>{{range .D.Published}}<li><a href="{{$.Base}}/postmortems/{{.ID}}">{{.Title}}</a>{{if .Severity}} ({{.Severity}}{{if .Team}}, team {{.Team}}{{end}}){{end}}{{if .Summary}}<br>{{.Summary}}{{end}}</li>
{{end}}</ul>{{end}}
{{if .D.Overdue}}<h2 style="font-size: 1rem">Your overdue countermeasures</h2>
<ul>{{range .D.Overdue}}<li>{{.Title}} — due {{.Due}}, of <a href="{{$.Base}}/postmortems/{{.PostMortemID}}">{{.PostMortemTitle}}</a></li>
{{end}}</ul>{{end}}
{{if .D.Revisits}}<h2 style="font-size: 1rem">Revisits due</h2>
<p>Are the countermeasures done and still effective, has it recurred, what was learned since?</p>
<ul>{{range .D.Revisits}}<li><a href="{{$.Base}}/postmortems/{{.PostMortemID}}/review#revisits">{{.Title}}</a>{{if .Severity}} ({{.Severity}}){{end}} — revisit {{inc .Seq}} {{if .Overdue}}<strong>overdue since {{.Due}}</strong>{{else}}due {{.Due}}{{end}}</li>
{{end}}</ul>{{end}}
<p style="color: #555; font-size: 0.9rem">You get this because you asked for a weekly digest. Turn it off on your account page: <a href="{{.Base}}/account">{{.Base}}/account</a></p>
</body></html>
`))

// RenderDigest words a user's weekly digest as plain text and HTML.
func RenderDigest(d hindsight.Digest, baseURL string) Message {
	base := strings.TrimRight(baseURL, "/")
	since := d.Since.UTC().Format("Mon 2 Jan 2006")
	subject := fmt.Sprintf("[Hindsight] Your weekly digest: %d published, %d overdue", len(d.Published), len(d.Overdue))
	if n := len(d.Revisits); n > 0 {
		subject += fmt.Sprintf(", %d %s due", n, map[bool]string{true: "revisit", false: "revisits"}[n == 1])
	}
	var text strings.Builder
	text.WriteString("Your week in Hindsight\n\n")
	if len(d.Published) > 0 {
		text.WriteString("Published since " + since + ":\n\n")
		for _, p := range d.Published {
			fmt.Fprintf(&text, "- %s (%s)\n  %s/postmortems/%s\n", p.Title, p.Severity, base, p.ID)
			if p.Summary != "" {
				text.WriteString("  " + p.Summary + "\n")
			}
		}
		text.WriteString("\n")
	}
	if len(d.Overdue) > 0 {
		text.WriteString("Your overdue countermeasures:\n\n")
		for _, c := range d.Overdue {
			fmt.Fprintf(&text, "- %s — due %s, of %s\n  %s/postmortems/%s\n", c.Title, c.Due, c.PostMortemTitle, base, c.PostMortemID)
		}
		text.WriteString("\n")
	}
	if len(d.Revisits) > 0 {
		text.WriteString("Revisits due — are the countermeasures done and still effective, has it recurred, what was learned since?\n\n")
		for _, r := range d.Revisits {
			when := "due " + r.Due.String()
			if r.Overdue {
				when = "overdue since " + r.Due.String()
			}
			fmt.Fprintf(&text, "- %s — revisit %d %s\n  %s/postmortems/%s/review#revisits\n", r.Title, r.Seq+1, when, base, r.PostMortemID)
		}
		text.WriteString("\n")
	}
	text.WriteString("-- \nYou get this because you asked for a weekly digest. Turn it off on your account page: " + base + "/account\n")
	var html bytes.Buffer
	digestHTML.Execute(&html, struct {
		D              hindsight.Digest
		Subject, Since string
		Base           string
	}{d, subject, since, base})
	return Message{To: []string{d.User.Email}, Subject: subject, Text: text.String(), HTML: html.String()}
}
