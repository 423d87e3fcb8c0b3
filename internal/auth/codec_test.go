package auth

import (
	"reflect"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
)

// TestSessionCodec checks that session data comes back as it went in,
// kept as JSON when its values are strings and flags, by gob otherwise,
// and that sessions stored by gob before still read.
func TestSessionCodec(t *testing.T) {
	deadline := time.Date(2026, 6, 1, 12, 30, 0, 123456789, time.UTC)
	codec := newSessionCodec()
	for _, c := range []struct {
		name   string
		values map[string]any
		json   bool
	}{
		{"signed in", map[string]any{keyUser: "0190c2a4", "__rememberMe": true}, true},
		{"empty", map[string]any{}, true},
		{"another type", map[string]any{keyUser: "0190c2a4", "count": 3}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, err := codec.Encode(deadline, c.values)
			if err != nil {
				t.Fatal(err)
			}
			if isJSON := b[0] == '{'; isJSON != c.json {
				t.Fatalf("kept as JSON: %v, want %v (%q)", isJSON, c.json, b)
			}
			for range 2 {
				gotDeadline, got, err := codec.Decode(b)
				if err != nil || !gotDeadline.Equal(deadline) || !reflect.DeepEqual(got, c.values) {
					t.Fatalf("decoded %v %#v %v, want %v %#v", gotDeadline, got, err, deadline, c.values)
				}
				// What scs is given is its own to change.
				got["changed"] = "by the request"
			}
		})
	}
	old, err := scs.GobCodec{}.Encode(deadline, map[string]any{keyUser: "0190c2a4"})
	if err != nil {
		t.Fatal(err)
	}
	gotDeadline, got, err := codec.Decode(old)
	if err != nil || !gotDeadline.Equal(deadline) || got[keyUser] != "0190c2a4" {
		t.Fatalf("a session stored by gob: %v %v %v", gotDeadline, got, err)
	}
}
