// Package calendar writes an iCalendar feed (RFC 5545) of countermeasure
// target dates and post-mortem meetings, so owners see what is due in the
// calendar they already use and subscribe to it once.
package calendar

import (
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// Event is one entry of the feed: an all-day event (a target date) when
// Day is set, a one-hour event at At otherwise (a meeting).
type Event struct {
	UID         string
	Summary     string
	Description string
	URL         string
	Day         *time.Time // all-day, the date in UTC
	At          *time.Time // timed, UTC
	Modified    time.Time
}

// Write writes the events as one VCALENDAR.
func Write(w io.Writer, name string, events []Event) error {
	cw := &contentWriter{w: w}
	cw.line("BEGIN:VCALENDAR")
	cw.line("VERSION:2.0")
	cw.line("PRODID:-//Hindsight//Post-mortems//EN")
	cw.line("CALSCALE:GREGORIAN")
	cw.line("METHOD:PUBLISH")
	cw.line("X-WR-CALNAME:" + escape(name))
	for _, e := range events {
		cw.line("BEGIN:VEVENT")
		cw.line("UID:" + escape(e.UID))
		cw.line("DTSTAMP:" + e.Modified.UTC().Format("20060102T150405Z"))
		switch {
		case e.Day != nil:
			cw.line("DTSTART;VALUE=DATE:" + e.Day.Format("20060102"))
			cw.line("DTEND;VALUE=DATE:" + e.Day.AddDate(0, 0, 1).Format("20060102"))
			cw.line("TRANSP:TRANSPARENT")
		case e.At != nil:
			cw.line("DTSTART:" + e.At.UTC().Format("20060102T150405Z"))
			cw.line("DTEND:" + e.At.UTC().Add(time.Hour).Format("20060102T150405Z"))
		}
		cw.texts(e.Summary, e.Description, e.URL)
		cw.line("END:VEVENT")
	}
	cw.line("END:VCALENDAR")
	return cw.err
}

// texts writes an event's summary and, when set, its description and
// link.
func (c *contentWriter) texts(summary, description, url string) {
	c.line("SUMMARY:" + escape(summary))
	if description != "" {
		c.line("DESCRIPTION:" + escape(description))
	}
	if url != "" {
		c.line("URL:" + url)
	}
}

// escape escapes TEXT values (RFC 5545 §3.3.11).
func escape(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s)
}

// contentWriter writes content lines ending in CRLF, folded at 75 octets
// without splitting a UTF-8 character (RFC 5545 §3.1).
type contentWriter struct {
	w   io.Writer
	err error
}

func (c *contentWriter) line(s string) {
	if c.err != nil {
		return
	}
	var b strings.Builder
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut] + "\r\n ")
		s = s[cut:]
		limit = 74 // the folded line starts with a space
	}
	b.WriteString(s + "\r\n")
	_, c.err = io.WriteString(c.w, b.String())
}
