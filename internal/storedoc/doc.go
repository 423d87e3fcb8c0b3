// Package storedoc holds what both storage engines share about how a
// post-mortem is kept: its document encoding, the text the full-text index
// sees, and the opaque list cursors. Keeping it in one place means SQLite
// and PostgreSQL index and page identically.
package storedoc

import (
	"encoding/json"
	"fmt"
	"strings"

	"hindsight"
)

// Encode is the stored form of a post-mortem: its JSON without the derived
// metrics, which are computed on every read, and without the change note,
// which the history keeps.
func Encode(p *hindsight.PostMortem) ([]byte, error) {
	c := *p
	c.Metrics, c.ChangeNote = hindsight.Metrics{}, ""
	b, err := json.Marshal(&c)
	if err != nil {
		return nil, fmt.Errorf("encode post-mortem %s: %w", p.ID, err)
	}
	return b, nil
}

// Decode reads a stored document.
func Decode(b []byte) (*hindsight.PostMortem, error) {
	var p hindsight.PostMortem
	if err := json.Unmarshal(b, &p); err != nil {
		return nil, fmt.Errorf("decode stored post-mortem: %w", err)
	}
	return &p, nil
}

// EncodeCountermeasure is the stored form of one countermeasure row.
func EncodeCountermeasure(c hindsight.Countermeasure) ([]byte, error) {
	return json.Marshal(c)
}

// DecodeCountermeasure reads one stored countermeasure.
func DecodeCountermeasure(b []byte) (hindsight.Countermeasure, error) {
	var c hindsight.Countermeasure
	err := json.Unmarshal(b, &c)
	return c, err
}

// DecodeStrings reads a stored JSON array of strings (tags, readers,
// groups); null is none.
func DecodeStrings(b []byte) ([]string, error) {
	tags := []string{}
	if len(b) == 0 {
		return tags, nil
	}
	if err := json.Unmarshal(b, &tags); err != nil {
		return nil, err
	}
	if tags == nil {
		tags = []string{}
	}
	return tags, nil
}

// AccessOf rebuilds a post-mortem's access from its stored readers
// ("user:EMAIL", "group:NAME").
func AccessOf(restricted bool, readers []string) hindsight.Access {
	a := hindsight.Access{Restricted: restricted, Users: []string{}, Groups: []string{}}
	for _, r := range readers {
		if u, ok := strings.CutPrefix(r, "user:"); ok {
			a.Users = append(a.Users, u)
		} else if g, ok := strings.CutPrefix(r, "group:"); ok {
			a.Groups = append(a.Groups, g)
		}
	}
	return a
}
