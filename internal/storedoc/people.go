package storedoc

import (
	"slices"
	"strings"

	"hindsight"
)

// PeoplePatterns are the LIKE patterns (escaped with '\') that find names
// whose key starts with q or has a word starting with q.
func PeoplePatterns(q string) (start, word string) {
	q = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(q)
	return q + "%", "% " + q + "%"
}

// ReadPeople reads (name) rows of candidate names into the suggestion
// list: one per hindsight.PersonKey, names starting with q first, then
// by key, at most limit (hindsight.DefaultPeople when 0).
func ReadPeople(rows Rows, q string, limit int) ([]string, error) {
	switch {
	case limit <= 0:
		limit = hindsight.DefaultPeople
	case limit > hindsight.MaxPeople:
		limit = hindsight.MaxPeople
	}
	type person struct{ key, name string }
	var all []person
	seen := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		k := hindsight.PersonKey(name)
		if k == "" || seen[k] || !(strings.HasPrefix(k, q) || strings.Contains(k, " "+q)) {
			continue
		}
		seen[k] = true
		all = append(all, person{k, strings.Join(strings.Fields(name), " ")})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(all, func(a, b person) int {
		as, bs := strings.HasPrefix(a.key, q), strings.HasPrefix(b.key, q)
		switch {
		case as && !bs:
			return -1
		case bs && !as:
			return 1
		}
		return strings.Compare(a.key, b.key)
	})
	out := make([]string, 0, min(limit, len(all)))
	for _, p := range all[:min(limit, len(all))] {
		out = append(out, p.name)
	}
	return out, nil
}

// ReadStrings reads a query's one text column.
func ReadStrings(rows Rows) ([]string, error) {
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// ReadStringPairs reads rows of two strings into two lists.
func ReadStringPairs(rows Rows) (firsts, seconds []string, err error) {
	for rows.Next() {
		var a, b string
		if err := rows.Scan(&a, &b); err != nil {
			return nil, nil, err
		}
		firsts, seconds = append(firsts, a), append(seconds, b)
	}
	return firsts, seconds, rows.Err()
}
