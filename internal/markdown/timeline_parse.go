package markdown

import (
	"regexp"
	"strings"
	"time"

	"hindsight"
)

// item is one timeline entry as found, or a date that the entries after
// it fall on.
type item struct {
	raw    string // the entry's text, its stamp included
	setDay *civil // a date heading or line: no entry
	// setStamp is a date line whose numeric date the document's order
	// decides.
	setStamp *stamp
	row      *rowEntry
}

// rowEntry is an entry read from a timeline table.
type rowEntry struct {
	stamp          stamp
	hasStamp       bool
	when, text, by string
}

// collected is what a timeline section holds: entries, and other lines
// kept as notes.
type collected struct {
	items []item
	notes []string
}

var kindRe = regexp.MustCompile(`^(Action|Observation|Decision|Investigation|Resolution|Communication): `)

// collectItems gathers timeline entries in the shapes people write them:
// bullets, lines that start with a time, table rows, "### 16:58" headings
// with text under them, and dates written as headings or lines of their
// own. Lines indented under a bullet continue it, blank lines between them
// included; code blocks are never entries.
func collectItems(lines []string) collected {
	var c collected
	tables := map[int]table{}
	for _, t := range parseTables(lines) {
		tables[t.start] = t
	}
	inItem, underHeading, blanks, fence := false, false, 0, ""
	itemIndent := 0 // the indentation of the line the current entry began on
	cont := func(l string) {
		last := &c.items[len(c.items)-1]
		last.raw += strings.Repeat("\n", blanks+1) + l
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		t := strings.TrimSpace(l)
		if m := fenceRe.FindStringSubmatch(l); m != nil || fence != "" {
			if m != nil && fence == "" {
				fence = m[1]
			} else if m != nil && m[1] == fence {
				fence = ""
			}
			if inItem && (underHeading || strings.HasPrefix(l, "  ")) {
				cont(stripIndent(l, 2))
			} else {
				c.notes, inItem = append(c.notes, l), false
			}
			blanks = 0
			continue
		}
		if tb, ok := tables[i]; ok {
			c.items = append(c.items, tableItems(tb)...)
			i, inItem = tb.end-1, false
			continue
		}
		switch {
		case t == "":
			blanks++
			continue
		case atxRe.MatchString(l):
			inItem, underHeading = headingItem(&c, headingText(l), l), false
			underHeading = inItem
		case inItem && (underHeading || indentOf(l) > itemIndent):
			if underHeading {
				cont(l)
			} else {
				cont(stripIndent(l, 2))
			}
		case isListItem(l):
			c.items, inItem, itemIndent = append(c.items, item{raw: strings.TrimSpace(listItemRe.ReplaceAllString(l, ""))}), true, indentOf(l)
		case t == hintWhatHappened:
			inItem = false
		default:
			if st, rest, ok := leadingStamp(t); ok && st.clock == nil && st.day != nil && strings.Trim(rest, " :*_") == "" {
				c.items, inItem = append(c.items, item{setStamp: &st}), false
			} else if ok && st.clock != nil {
				c.items, inItem, itemIndent = append(c.items, item{raw: t}), true, indentOf(l)
			} else {
				c.notes, inItem = append(c.notes, l), false
			}
		}
		blanks = 0
	}
	return c
}

// headingItem reads a heading inside a timeline: a date sets the day, a
// time starts an entry (the lines under it are its text), anything else is
// a note. It reports whether an entry started.
func headingItem(c *collected, text, line string) bool {
	st, rest, ok := leadingStamp(text)
	switch {
	case ok && st.clock != nil:
		c.items = append(c.items, item{raw: text})
		return true
	case ok && st.day != nil && strings.Trim(rest, " :*_") == "":
		c.items = append(c.items, item{setDay: st.day})
	default:
		c.notes = append(c.notes, line)
	}
	return false
}

// tableItems reads a timeline table: a time (and/or date) column, the
// event, and who, by the columns' names.
func tableItems(t table) []item {
	when := t.columnPrefix("time", "timestamp", "when", "date/time", "datetime")
	date := t.columnPrefix("date")
	if date < 0 {
		date = t.columnPrefix("day")
	}
	year := ""
	if date >= 0 {
		if m := headerYearRe.FindStringSubmatch(t.header[date]); m != nil {
			year = m[1]
		}
	}
	text := t.columnPrefix("event", "description", "what", "action", "details", "summary", "activity", "update", "notes", "message")
	by := t.columnPrefix("who", "by", "owner", "person", "actor", "reporter", "author", "people", "source")
	if when < 0 {
		when, date = date, -1
	}
	if text < 0 {
		for i := range t.header {
			if i != when && i != date && i != by {
				text = i
				break
			}
		}
	}
	zone := ""
	if when >= 0 {
		if z := zoneOfHeader(unescapeCell(t.header[when])); z != "" {
			zone = " " + z
		}
	}
	var out []item
	for _, row := range t.rows {
		day := cell(row, date)
		if year != "" && day != "" && !strings.Contains(day, year) {
			day += " " + year
		}
		w := strings.TrimSpace(strings.TrimSpace(day + " " + cell(row, when)))
		e := rowEntry{when: w, text: cell(row, text), by: cell(row, by)}
		if st, rest, ok := leadingStamp(w + zone); ok && strings.Trim(rest, " +~?*") == "" {
			e.stamp, e.hasStamp = st, true
		}
		// Cells the event is not read from are kept in its text.
		for i := range row {
			if i != when && i != date && i != text && i != by && cell(row, i) != "" {
				e.text += " (" + headerName(t, i) + ": " + cell(row, i) + ")"
			}
		}
		out = append(out, item{row: &e})
	}
	return out
}

// headerYearRe is a year a date column's header gives, "Date (2022)".
var headerYearRe = regexp.MustCompile(`\((\d{4})\)`)

var headerZoneRe = regexp.MustCompile(`\(([^)]+)\)`)

// zoneOfHeader is the zone a column header names, like "Time (PDT)".
func zoneOfHeader(h string) string {
	if m := headerZoneRe.FindStringSubmatch(h); m != nil && lookupZone(m[1]) != nil {
		return m[1]
	}
	if f := strings.Fields(h); len(f) > 1 && lookupZone(f[len(f)-1]) != nil {
		return f[len(f)-1]
	}
	return ""
}

// event reads an entry; placed is false when it has a time that no date
// could be found for (the time stays in its text).
func (it item) event(cur *dayCursor) (e hindsight.Event, placed bool) {
	if it.row != nil {
		e.Text, e.ReportedBy = it.row.text, it.row.by
		if !it.row.hasStamp {
			if it.row.when != "" {
				e.Text = it.row.when + " — " + e.Text
			}
			return e, !strings.ContainsAny(it.row.when, "0123456789")
		}
		if t, ok := cur.place(it.row.stamp); ok {
			cur.advance(t)
			e.At = &t
			return e, true
		}
		if it.row.stamp.day != nil {
			cur.setDay(*it.row.stamp.day)
		}
		e.Text = it.row.when + " — " + e.Text
		return e, it.row.stamp.clock == nil
	}
	var d eventData
	if _, ok := takeData(it.raw, &d); ok {
		if d.At != nil {
			cur.advance(*d.At)
		}
		return hindsight.Event{At: d.At, Kind: d.Kind, Text: d.Text, Effect: d.Effect, ReportedBy: d.ReportedBy}, true
	}
	s, placed := it.raw, true
	if st, rest, ok := leadingStamp(s); ok {
		if t, ok := cur.place(st); ok {
			cur.advance(t)
			e.At, s = &t, rest
		} else {
			if st.day != nil {
				cur.setDay(*st.ordered(cur.dayFirst).day)
			}
			placed = st.clock == nil
		}
	}
	if rest, who, ok := splitReporter(s); ok {
		e.ReportedBy, s = who, rest
	}
	if m := kindRe.FindStringSubmatch(s); m != nil {
		e.Kind = hindsight.EventKind(strings.ToLower(m[1]))
		s = s[len(m[0]):]
	}
	if i := strings.LastIndex(s, effectArrow); i >= 0 {
		e.Effect = strings.TrimSpace(s[i+len(effectArrow):])
		s = s[:i]
	}
	e.Text = strings.TrimSpace(s)
	return e, placed
}

// stripIndent removes up to n leading spaces (or one tab).
func stripIndent(l string, n int) string {
	if strings.HasPrefix(l, "\t") {
		return l[1:]
	}
	for i := 0; i < n && strings.HasPrefix(l, " "); i++ {
		l = l[1:]
	}
	return l
}

var proseDateRe = regexp.MustCompile(`(?i)\b(\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b|` + monthWord + `\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\s+` + monthWord + `\s+\d{4})\b`)

// proseDate finds the first full date in lines of prose, like "all events
// happened on 2019-10-21".
func proseDate(lines []string, dayFirst bool) (civil, string, bool) {
	for _, l := range lines {
		if m := proseDateRe.FindString(l); m != "" {
			if st, _, ok := leadingStamp(shortYear(m)); ok && st.day != nil && st.day.y != 0 {
				return *st.ordered(dayFirst).day, strings.TrimSpace(l), true
			}
		}
	}
	return civil{}, "", false
}

// parseEvents reads the timeline section's events, and returns the lines
// that were not entries as notes.
func parseEvents(heading string, lines []string, p *hindsight.PostMortem, d *doc) ([]hindsight.Event, string) {
	c := collectItems(lines)
	cur := newDayCursor(p, d.loc())
	cur.dayFirst = d.dayFirst
	if d.year != 0 && cur.year == 0 {
		cur.year = d.year
	}
	if cur.day == nil && len(c.items) > 0 && !c.items[0].dated() {
		if day, from, ok := proseDate(append([]string{heading}, c.notes...), d.dayFirst); ok {
			cur.setDay(day)
			d.report.Assumed = append(d.report.Assumed, "times of day in the timeline fall on "+day.String()+" (from \""+from+"\")")
		} else if d.fallbackDay != nil {
			cur.setDay(*d.fallbackDay)
			d.report.Assumed = append(d.report.Assumed, "times of day in the timeline fall on "+d.fallbackDay.String()+", the document's date")
		} else if day, from, ok := proseDate(append([]string{p.Title}, d.text...), d.dayFirst); ok {
			cur.setDay(day)
			d.report.Assumed = append(d.report.Assumed, "times of day in the timeline fall on "+day.String()+", the first date the document names (\""+from+"\")")
		}
	}
	events := []hindsight.Event{}
	unplaced := 0
	for _, it := range c.items {
		if it.setDay != nil {
			cur.setDay(*it.setDay)
			continue
		}
		if it.setStamp != nil {
			cur.setDay(*it.setStamp.ordered(cur.dayFirst).day)
			continue
		}
		if it.row == nil && it.raw == "" {
			continue // the template's empty "-"
		}
		e, placed := it.event(cur)
		if e.Text == "" && e.At == nil {
			continue
		}
		if e.Text == "" {
			e.Text = "(no text)"
		}
		if !placed {
			unplaced++
			e.Text = it.rawText()
		}
		if e.At != nil && !hasOwnZone(it) {
			d.noZone++
		}
		events = append(events, e)
	}
	if unplaced > 0 {
		d.Add("events", "%d timeline entries have a time of day but no date to place it on; they are kept with their time in the text", unplaced)
	}
	return events, body(c.notes)
}

// dated reports whether the entry names its own day, or is a date line.
func (it item) dated() bool {
	switch {
	case it.setDay != nil || it.setStamp != nil:
		return true
	case it.row != nil:
		return it.row.hasStamp && it.row.stamp.day != nil
	}
	st, _, ok := leadingStamp(it.raw)
	return ok && st.day != nil
}

// rawText is the entry as written, for an entry whose time could not be
// placed: nothing is lost.
func (it item) rawText() string {
	if it.row != nil {
		return strings.TrimSpace(it.row.when + " — " + it.row.text)
	}
	return it.raw
}

// hasOwnZone reports whether the entry's time names its zone.
func hasOwnZone(it item) bool {
	if it.row != nil {
		return it.row.stamp.clock != nil && it.row.stamp.clock.zone != nil
	}
	st, _, ok := leadingStamp(it.raw)
	return ok && st.clock != nil && st.clock.zone != nil
}

func (c civil) String() string {
	return time.Date(c.y, time.Month(c.m), c.d, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// splitReporter takes "(who)" off the end of an entry. The parentheses
// balance, so a perspective written "Ben Okafor (payments dev)" is read
// whole.
func splitReporter(s string) (rest, who string, ok bool) {
	if !strings.HasSuffix(s, ")") {
		return s, "", false
	}
	depth := 0
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case '\n':
			return s, "", false
		case ')':
			depth++
		case '(':
			depth--
		}
		if depth == 0 {
			who = strings.TrimSpace(s[i+1 : len(s)-1])
			if who == "" || (i > 0 && s[i-1] != ' ' && s[i-1] != '\t') {
				return s, "", false
			}
			return s[:i], who, true
		}
	}
	return s, "", false
}

var shortYearRe = regexp.MustCompile(`^(\d{1,2}[/.-]\d{1,2}[/.-])(\d{2})$`)

// shortYear writes a two-digit year ("5-26-21") in full, this century.
func shortYear(s string) string {
	return shortYearRe.ReplaceAllString(s, "${1}20$2")
}

// indentOf is a line's indentation in columns, a tab counting four.
func indentOf(l string) int {
	n := 0
	for _, r := range l {
		switch r {
		case ' ':
			n++
		case '\t':
			n += 4
		default:
			return n
		}
	}
	return n
}
