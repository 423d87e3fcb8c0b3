package web

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// errorLink is one line of the form's error summary: a link to the input
// and what is wrong with it.
type errorLink struct {
	Href, Where, Msg string
}

// formOrder is the order the form's sections appear in, so the summary
// lists errors from top to bottom.
var formOrder = []string{"title", "severity", "status", "team", "services", "tags", "meeting.", "incident.started_at", "incident.detected_at", "incident.ended_at", "incident.additional_times.", "description", "events.", "additional_info", "file", "image_alt", "remediation", "bug_tickets.", "summary", "whys.", "root_cause", "countermeasures.", "stakeholders.", "other_sections."}

var rowIndexRe = regexp.MustCompile(`\.(\d+)\.`)

// timeInputs are the names whose input is a time of day with its day; an
// error on one of them links to its time input.
var timeInputRe = regexp.MustCompile(`^(meeting\.date|incident\.[a-z_]+_at|incident\.additional_times\.\d+\.at|events\.\d+\.at)$`)

// fieldLabels are the words for inputs whose name does not say it well.
var fieldLabels = map[string]string{
	"incident.started_at": "Start time", "incident.detected_at": "Detected time", "incident.ended_at": "End time",
	"meeting.date": "Meeting date", "file": "Image", "image_alt": "Image description",
}

// ErrorList lists every error, in the order the inputs appear, each with a
// link to its input.
func (f *formData) ErrorList() []errorLink {
	names := make([]string, 0, len(f.Errors))
	for n := range f.Errors {
		names = append(names, n)
	}
	rank := func(n string) (int, int) {
		r := len(formOrder)
		for i, p := range formOrder {
			if n == p || (strings.HasSuffix(p, ".") && strings.HasPrefix(n, p)) {
				r = i
				break
			}
		}
		row := -1
		if m := rowIndexRe.FindStringSubmatch(n); m != nil {
			row, _ = strconv.Atoi(m[1])
		}
		return r, row
	}
	slices.SortFunc(names, func(a, b string) int {
		ra, ia := rank(a)
		rb, ib := rank(b)
		if ra != rb {
			return ra - rb
		}
		if ia != ib {
			return ia - ib
		}
		return strings.Compare(a, b)
	})
	out := make([]errorLink, len(names))
	for i, n := range names {
		target := n
		switch {
		case timeInputRe.MatchString(n):
			target = n + clockSuffix
		case n == "file":
			target = "image" // the file input's id
		}
		where, named := fieldLabels[n]
		if !named {
			where = fieldWords(rowIndexRe.ReplaceAllString(n, "[$1]."))
		}
		if w, ok := strings.CutSuffix(where, " at"); ok {
			where = w + " time"
		}
		out[i] = errorLink{Href: "#" + target, Where: where, Msg: f.Errors[n]}
	}
	return out
}
