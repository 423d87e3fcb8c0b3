package mail

import (
	"bytes"
	"html/template"
	"strings"

	"hindsight"
	"hindsight/internal/webhook"
)

var htmlMessage = template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Headline}}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a">
<h1 style="font-size: 1.2rem"><a href="{{.URL}}">{{.Headline}}</a></h1>
{{range .Lines}}<p>{{.}}</p>
{{end}}<p><a href="{{.URL}}">Open it in Hindsight</a></p>
<p style="color: #555; font-size: 0.9rem">{{.Why}}</p>
</body></html>
`))

// Render words an announcement as an e-mail to a user (nil: a list).
func Render(a hindsight.Announcement, to *hindsight.User, baseURL string) Message {
	why := "This list gets Hindsight's announcements of this kind."
	if to != nil {
		why = "You get this because " + reason(a) + ". Choose what you get on your account page in Hindsight."
	}
	return compose(webhook.MessageOf(a, baseURL), why)
}

// compose is a message's plain-text and HTML alternatives: the headline,
// one paragraph a line, the link, and why the reader gets it.
func compose(m webhook.Message, why string) Message {
	var text strings.Builder
	text.WriteString(m.Headline + "\n\n")
	for _, l := range m.Lines {
		text.WriteString(l + "\n\n")
	}
	text.WriteString(m.URL + "\n\n-- \n" + why + "\n")
	var html bytes.Buffer
	htmlMessage.Execute(&html, struct {
		webhook.Message
		Why string
	}{m, why})
	return Message{Subject: "[Hindsight] " + m.Headline, Text: text.String(), HTML: html.String()}
}

func reason(a hindsight.Announcement) string {
	switch a.Kind {
	case hindsight.AnnounceReviewRequested:
		return "you were asked to review it"
	case hindsight.AnnounceMentioned:
		return "you were mentioned"
	case hindsight.AnnounceOverdue:
		return "you own the countermeasure or wrote the post-mortem"
	}
	return "you wrote it, review it, own one of its countermeasures or are one of its stakeholders"
}

// RenderTest is the message an admin sends to check the mail settings.
func RenderTest(to, baseURL string) Message {
	base := strings.TrimRight(baseURL, "/")
	m := webhook.Message{Headline: "Test mail from Hindsight", URL: base + "/admin/mail",
		Lines: []string{"This is a test: Hindsight's mail settings work. Announcements, meeting invitations and weekly digests go out through this server."}}
	out := compose(m, "You get this because an admin of Hindsight sent a test mail to "+to+".")
	out.Subject, out.To = "[Hindsight] Test mail", []string{to}
	return out
}
