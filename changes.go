package hindsight

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
)

// serverFields are the fields no writer changes directly: identity,
// stamps and derived values. A save's change summary leaves them out.
var serverFields = map[string]bool{"id": true, "version": true, "metrics": true, "created_at": true,
	"updated_at": true, "author_id": true, "updated_by": true, "updated_by_id": true, "change_note": true}

// ChangedFields names, by JSON name and in the document's order, the
// top-level fields in which after differs from before: the short summary
// of a save that the history shows. Values are compared as JSON, so a
// time in another zone or an empty list against a missing one is no
// change.
func ChangedFields(before, after *PostMortem) []string {
	b, a := reflect.ValueOf(before).Elem(), reflect.ValueOf(after).Elem()
	out := []string{}
	for i, f := range reflect.VisibleFields(b.Type()) {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if serverFields[name] || name == "" || name == "-" {
			continue
		}
		x, _ := json.Marshal(b.Field(i).Interface())
		y, _ := json.Marshal(a.Field(i).Interface())
		if !bytes.Equal(emptyAsNull(x), emptyAsNull(y)) {
			out = append(out, name)
		}
	}
	return out
}

// emptyAsNull treats an empty list as a missing one.
func emptyAsNull(b []byte) []byte {
	if string(b) == "[]" {
		return []byte("null")
	}
	return b
}
