package web

import (
	"time"

	"hindsight"
)

// rowData is what a repeatable row's template receives: the form, the
// row's index and its item (nil for an empty row).
type rowData struct {
	F *formData
	I int
	T any
}

type toolsData struct {
	List, Noun string
	I          int
	// Focus is the form's Focus: the button pressed last, to focus again.
	Focus string
}

// rowNouns name a list's rows in the buttons' labels ("Remove event 3").
var rowNouns = map[string]string{
	"incident.additional_times": "time", "events": "event", "bug_tickets": "ticket", "whys": "why",
	"countermeasures": "countermeasure", "stakeholders": "stakeholder", "other_sections": "section",
}

type mdData struct {
	F                  *formData
	Name, Label, Value string
}

// formFuncs are the helpers the form's row templates use.
func formFuncs() map[string]any {
	return map[string]any{
		"rowOf":   func(f *formData, i int, t any) rowData { return rowData{f, i, t} },
		"toolsOf": func(f *formData, list string, i int) toolsData { return toolsData{list, rowNouns[list], i, f.Focus} },
		"mdOf":    func(f *formData, name, label, value string) mdData { return mdData{f, name, label, value} },
		"ptrTime": func(t time.Time) *time.Time { return &t },
		"eventAt": func(t any) *time.Time {
			if e, ok := t.(hindsight.Event); ok {
				return e.At
			}
			return nil
		},
		"cmOf": func(t any) hindsight.Countermeasure {
			if c, ok := t.(hindsight.Countermeasure); ok {
				return c
			}
			return hindsight.Countermeasure{Status: hindsight.CMOpen}
		},
		"personOf": func(t any) hindsight.Stakeholder {
			s, _ := t.(hindsight.Stakeholder)
			return s
		},
	}
}
