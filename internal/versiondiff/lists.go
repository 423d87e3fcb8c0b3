package versiondiff

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sergi/go-diff/diffmatchpatch"

	"hindsight"
)

// part is one field of a list item: its JSON name, label and text.
type part struct {
	name, label, text string
	prose             bool
}

// pair is a list item in both versions, by index; -1 where it is missing.
type pair struct{ a, b int }

// byKey pairs the items of two lists that share a key (a countermeasure's
// id, a stakeholder's address), in the newer list's order with removed
// items after.
func byKey(na, nb int, keyA, keyB func(int) string) []pair {
	index := map[string]int{}
	for i := range na {
		index[keyA(i)] = i
	}
	used := map[int]bool{}
	var out []pair
	for j := range nb {
		i, ok := index[keyB(j)]
		if ok && !used[i] {
			used[i] = true
			out = append(out, pair{i, j})
		} else {
			out = append(out, pair{-1, j})
		}
	}
	for i := range na {
		if !used[i] {
			out = append(out, pair{i, -1})
		}
	}
	return out
}

// bySequence pairs the items of two lists without ids (events, whys) by
// the longest common subsequence of identical items; in each stretch
// between identical ones, removed and added items are paired in order as
// changed, the rest added or removed.
func bySequence[T any](a, b []T) []pair {
	ids := map[string]rune{}
	enc := func(xs []T) []rune {
		out := make([]rune, len(xs))
		for i, x := range xs {
			k, _ := json.Marshal(x)
			r, ok := ids[string(k)]
			if !ok {
				r = runeFor(len(ids))
				ids[string(k)] = r
			}
			out[i] = r
		}
		return out
	}
	diffs := diffmatchpatch.New().DiffMainRunes(enc(a), enc(b), false)
	var out, gone, came []pair
	i, j := 0, 0
	flush := func() {
		for k := range max(len(gone), len(came)) {
			switch {
			case k < len(gone) && k < len(came):
				out = append(out, pair{gone[k].a, came[k].b})
			case k < len(gone):
				out = append(out, gone[k])
			default:
				out = append(out, came[k])
			}
		}
		gone, came = nil, nil
	}
	for _, d := range diffs {
		n := len([]rune(d.Text))
		for range n {
			switch d.Type {
			case diffmatchpatch.DiffEqual:
				flush()
				out = append(out, pair{i, j})
				i, j = i+1, j+1
			case diffmatchpatch.DiffDelete:
				gone = append(gone, pair{i, -1})
				i++
			case diffmatchpatch.DiffInsert:
				came = append(came, pair{-1, j})
				j++
			}
		}
	}
	flush()
	return out
}

// items turns paired list entries into changed items: list is the JSON
// name of the list, partsA and partsB the fields of entry i of each
// version, label what an item is called. An added or removed item shows
// every field it has; a changed one the fields that differ.
func items(list string, pairs []pair, partsA, partsB func(int) []part, label func(p pair) string) []Item {
	blank := func(ps []part) []part {
		out := slices.Clone(ps)
		for k := range out {
			out[k].text = ""
		}
		return out
	}
	var out []Item
	for _, p := range pairs {
		it, at := Item{Label: label(p), Change: Changed}, p.b
		var pa, pb []part
		switch {
		case p.a < 0:
			it.Change, pb = Added, partsB(p.b)
			pa = blank(pb)
		case p.b < 0:
			it.Change, pa, at = Removed, partsA(p.a), p.a
			pb = blank(pa)
		default:
			pa, pb = partsA(p.a), partsB(p.b)
		}
		for k, x := range pa {
			if f, ok := field(fmt.Sprintf("%s[%d].%s", list, at, x.name), x.label, x.text, pb[k].text, x.prose); ok {
				it.Fields = append(it.Fields, f)
			}
		}
		if len(it.Fields) > 0 {
			out = append(out, it)
		}
	}
	return out
}

func events(a, b []hindsight.Event, t func(*time.Time) string) []Item {
	parts := func(es []hindsight.Event) func(int) []part {
		return func(i int) []part {
			e := es[i]
			return []part{{"at", "When", t(e.At), false}, {"reported_by", "Seen by", e.ReportedBy, false},
				{"kind", "Kind", words(string(e.Kind)), false}, {"text", "What", e.Text, true}, {"effect", "Effect", e.Effect, true}}
		}
	}
	return items("events", bySequence(a, b), parts(a), parts(b), func(p pair) string {
		e := pick(a, b, p)
		if e.At == nil {
			return "Event without a time"
		}
		return "Event at " + t(e.At)
	})
}

func countermeasures(a, b []hindsight.Countermeasure) []Item {
	parts := func(cs []hindsight.Countermeasure) func(int) []part {
		return func(i int) []part {
			c := cs[i]
			due := ""
			if c.Due != nil {
				due = c.Due.String()
			}
			return []part{{"title", "Countermeasure", c.Title, true}, {"kind", "Kind", string(c.Kind), false},
				{"priority", "Priority", string(c.Priority), false}, {"owner", "Owner", c.Owner, false},
				{"due", "Target date", due, false}, {"status", "Status", words(string(c.Status)), false}, {"ticket", "Ticket", c.Ticket, false}}
		}
	}
	pairs := byKey(len(a), len(b), func(i int) string { return a[i].ID }, func(j int) string { return b[j].ID })
	return items("countermeasures", pairs, parts(a), parts(b), func(p pair) string { return "“" + pick(a, b, p).Title + "”" })
}

func stakeholders(a, b []hindsight.Stakeholder) []Item {
	key := func(s hindsight.Stakeholder) string {
		if s.Email != "" {
			return strings.ToLower(s.Email)
		}
		return strings.ToLower(s.Name)
	}
	parts := func(ss []hindsight.Stakeholder) func(int) []part {
		return func(i int) []part {
			s := ss[i]
			roles := make([]string, len(s.Roles))
			for k, r := range s.Roles {
				roles[k] = string(r)
			}
			return []part{{"name", "Name", s.Name, false}, {"email", "E-mail", s.Email, false}, {"roles", "Roles", strings.Join(roles, ", "), true}}
		}
	}
	pairs := byKey(len(a), len(b), func(i int) string { return key(a[i]) }, func(j int) string { return key(b[j]) })
	return items("stakeholders", pairs, parts(a), parts(b), func(p pair) string { return pick(a, b, p).Name })
}

func additionalTimes(a, b []hindsight.LabelledTime, formatTime func(time.Time) string) []Item {
	parts := func(ts []hindsight.LabelledTime) func(int) []part {
		return func(i int) []part {
			return []part{{"label", "Label", ts[i].Label, false}, {"at", "When", formatTime(ts[i].At), false}}
		}
	}
	key := func(ts []hindsight.LabelledTime) func(int) string {
		return func(i int) string { return strings.ToLower(ts[i].Label) }
	}
	pairs := byKey(len(a), len(b), key(a), key(b))
	return items("incident.additional_times", pairs, parts(a), parts(b), func(p pair) string { return pick(a, b, p).Label })
}

func whys(a, b []hindsight.Why) []Item {
	parts := func(ws []hindsight.Why) func(int) []part {
		return func(i int) []part {
			return []part{{"question", "Why", ws[i].Question, true}, {"answer", "Because", ws[i].Answer, true}}
		}
	}
	return items("whys", bySequence(a, b), parts(a), parts(b), func(p pair) string { return fmt.Sprintf("Why %d", max(p.a, p.b)+1) })
}

func bugTickets(a, b []hindsight.BugTicket) []Item {
	parts := func(ts []hindsight.BugTicket) func(int) []part {
		return func(i int) []part {
			return []part{{"ref", "Ticket", ts[i].Ref, false}, {"url", "Address", ts[i].URL, false}}
		}
	}
	return items("bug_tickets", bySequence(a, b), parts(a), parts(b), func(p pair) string { return pick(a, b, p).Ref })
}

func otherSections(a, b []hindsight.Section) []Item {
	parts := func(ss []hindsight.Section) func(int) []part {
		return func(i int) []part {
			return []part{{"heading", "Heading", ss[i].Heading, true}, {"body", "Text", ss[i].Body, true}}
		}
	}
	return items("other_sections", bySequence(a, b), parts(a), parts(b), func(p pair) string { return pick(a, b, p).Heading })
}

// pick is the newer version of a paired item, or the older if it went.
func pick[T any](a, b []T, p pair) T {
	if p.b >= 0 {
		return b[p.b]
	}
	return a[p.a]
}
