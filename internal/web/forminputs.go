package web

import (
	"fmt"
	"html/template"
	"time"
)

// rowName is the input name of a row's field: "events.2.text".
func rowName(list string, i int, field string) string { return fmt.Sprintf("%s.%d.%s", list, i, field) }

// fieldErr is an input's error message and the id of the element that
// shows it, which the input names in aria-describedby.
type fieldErr struct{ ID, Msg string }

func errID(name string) string { return name + "-err" }

// E is the error of an input.
func (f *formData) E(name string) fieldErr { return fieldErr{errID(name), f.Errors[name]} }

// EAt is the error of a row's input.
func (f *formData) EAt(list string, i int, field string) fieldErr {
	return f.E(rowName(list, i, field))
}

// Aria marks an input that has an error as invalid and points assistive
// technology at the message.
func (f *formData) Aria(name string) template.HTMLAttr { return ariaFor(name, f.Errors[name]) }

// ariaFor is the attributes of the input called name given its error
// message, "" when it has none.
func ariaFor(name, msg string) template.HTMLAttr {
	if msg == "" {
		return ""
	}
	return template.HTMLAttr(fmt.Sprintf(`aria-invalid="true" aria-describedby="%s"`, template.HTMLEscapeString(errID(name))))
}

// AriaAt is Aria for a row's input.
func (f *formData) AriaAt(list string, i int, field string) template.HTMLAttr {
	return f.Aria(rowName(list, i, field))
}

// whenInput is a form time: a time of day and its day, which may be left
// empty to be worked out (see formParser.when).
type whenInput struct {
	Name, Label string
	Clock, Day  string
	// Rule tells the page script how to fill an empty day: "after" the
	// incident start, "nearest" the event before, or "" (typed).
	Rule string
	Err  fieldErr
	Aria template.HTMLAttr
}

// When is the time input called name, showing t in the form's zone or
// what was typed if it could not be read.
func (f *formData) When(name, label string, t *time.Time, rule string) whenInput {
	w := whenInput{Name: name, Label: label, Rule: rule, Err: f.E(name), Aria: f.Aria(name)}
	if t != nil {
		lt := t.In(f.Zone)
		w.Clock, w.Day = lt.Format("15:04"), lt.Format("2006-01-02")
	}
	if s, ok := f.Raw[name+clockSuffix]; ok {
		w.Clock = s
	}
	if s, ok := f.Raw[name+daySuffix]; ok {
		w.Day = s
	}
	if s, ok := f.Raw[name]; ok { // a full date and time that could not be read
		w.Day, w.Clock = "", s
	}
	return w
}

// WhenAt is When for a row's "at" time.
func (f *formData) WhenAt(list string, i int, label string, t *time.Time, rule string) whenInput {
	return f.When(rowName(list, i, "at"), label, t, rule)
}
