package api

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"

	"hindsight"
)

var (
	timeType = reflect.TypeFor[time.Time]()
	dateType = reflect.TypeFor[hindsight.Date]()
)

// readOnly fields may appear in a body (clients send back what they read)
// but are ignored: identity, version and times are the server's.
var readOnly = map[string]bool{"id": true, "version": true, "created_at": true, "updated_at": true, "updated_by": true, "metrics": true}

// checkShape walks a decoded JSON value beside the PostMortem type and
// reports, by JSON path, every field that is unknown, of the wrong type,
// or a malformed time or date.
func checkShape(v any) []hindsight.FieldError {
	var out []hindsight.FieldError
	walkShape(v, reflect.TypeFor[hindsight.PostMortem](), "", true, &out)
	return out
}

func walkShape(v any, t reflect.Type, path string, top bool, out *[]hindsight.FieldError) {
	add := func(format string, args ...any) {
		field := path
		if field == "" {
			field = "body"
		}
		*out = append(*out, hindsight.FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	if t.Kind() == reflect.Pointer {
		if v == nil {
			return
		}
		t = t.Elem()
	}
	switch {
	case t == timeType:
		s, ok := v.(string)
		if !ok {
			add("must be an RFC 3339 time string like \"2026-03-10T09:42:00Z\"")
			return
		}
		if _, err := time.Parse(time.RFC3339, s); err != nil {
			add("%q is not an RFC 3339 time like \"2026-03-10T09:42:00Z\"", s)
		}
		return
	case t == dateType:
		s, ok := v.(string)
		if !ok {
			add("must be a date string like \"2026-04-01\"")
			return
		}
		var d hindsight.Date
		if err := d.UnmarshalJSON([]byte(`"` + s + `"`)); err != nil {
			add("%v", err)
		}
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			add("must be an object")
			return
		}
		fields := jsonFields(t)
		for k, val := range m {
			p := join(path, k)
			if top && readOnly[k] {
				continue
			}
			f, ok := fields[k]
			if !ok {
				*out = append(*out, hindsight.FieldError{Field: p, Message: "is not a field of a post-mortem"})
				continue
			}
			walkShape(val, f.Type, p, false, out)
		}
	case reflect.Slice:
		if v == nil {
			return
		}
		a, ok := v.([]any)
		if !ok {
			add("must be an array")
			return
		}
		for i, e := range a {
			walkShape(e, t.Elem(), fmt.Sprintf("%s[%d]", path, i), false, out)
		}
	case reflect.String:
		if s, ok := v.(string); !ok {
			add("must be a string")
		} else if strings.ContainsRune(s, 0) {
			add("contains a NUL character")
		}
	case reflect.Int, reflect.Int64:
		n, ok := v.(json.Number)
		if _, err := n.Int64(); !ok || err != nil {
			add("must be an integer")
		}
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// jsonFields maps a struct's JSON names to its fields, following embedded
// structs as encoding/json does.
func jsonFields(t reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || f.Anonymous {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f
	}
	return out
}

// nulFields names every string in a decoded JSON value that holds a NUL
// character: well-formed JSON, but text no store should take.
func nulFields(v any, path string, out *[]hindsight.FieldError) {
	switch t := v.(type) {
	case string:
		if strings.ContainsRune(t, 0) {
			if path == "" {
				path = "body"
			}
			*out = append(*out, hindsight.FieldError{Field: path, Message: "contains a NUL character"})
		}
	case map[string]any:
		for k, x := range t {
			nulFields(x, join(path, k), out)
		}
	case []any:
		for i, x := range t {
			nulFields(x, fmt.Sprintf("%s[%d]", path, i), out)
		}
	}
}
