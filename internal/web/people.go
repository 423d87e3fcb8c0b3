package web

import (
	"encoding/json"
	"net/http"

	"hindsight"
)

// people answers the form script with the names to offer as a name is
// typed (?q=): people named in post-mortems the reader may see, and users.
func (h *Handler) people(w http.ResponseWriter, r *http.Request) {
	names, err := h.svc.People(r.Context(), r.URL.Query().Get("q"), 0)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if names == nil {
		names = []string{}
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "private, max-age=60")
	json.NewEncoder(w).Encode(names)
}

// formPeople is how many names the form offers before the writer types:
// enough for a team, few enough to keep the page small.
const formPeople = 100

// peopleFor is the names the form offers before the writer types: p's
// own, then others', once each by hindsight.PersonKey. Suggestions are a
// help: when they cannot be read, the form still works without them.
func (h *Handler) peopleFor(r *http.Request, p *hindsight.PostMortem) []string {
	names := p.People()
	others, _ := h.svc.People(r.Context(), "", formPeople)
	seen := map[string]bool{}
	for _, n := range names {
		seen[hindsight.PersonKey(n)] = true
	}
	for _, n := range others {
		if k := hindsight.PersonKey(n); !seen[k] {
			seen[k] = true
			names = append(names, n)
		}
	}
	return names
}
