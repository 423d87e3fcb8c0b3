package postgres

import (
	"fmt"
	"slices"

	"hindsight"
	"strings"
	"time"
)

// where builds a WHERE clause with numbered placeholders.
type where struct {
	conds []string
	args  []any
}

// arg adds a parameter and returns its placeholder.
func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return fmt.Sprintf("$%d", len(w.args))
}

func (w *where) add(cond string) { w.conds = append(w.conds, cond) }

// clone is a copy of w that adding to leaves w as it is.
func (w *where) clone() *where {
	return &where{conds: slices.Clone(w.conds), args: slices.Clone(w.args)}
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return "TRUE"
	}
	return strings.Join(w.conds, " AND ")
}

// filters adds the post-mortem filters shared by lists and facts, over
// alias p.
func (w *where) filters(tag, severity, status string, from, to *time.Time) {
	if tag != "" {
		w.add("EXISTS (SELECT 1 FROM postmortem_tags t WHERE t.postmortem_id = p.id AND lower(t.tag) = lower(" + w.arg(strings.TrimSpace(tag)) + "))")
	}
	if severity != "" {
		w.add("p.severity = " + w.arg(severity))
	}
	if status != "" {
		w.add("p.status = " + w.arg(status))
	}
	if from != nil {
		w.add("p.sort_at >= " + w.arg(*from))
	}
	if to != nil {
		w.add("p.sort_at < " + w.arg(*to))
	}
}

// teamService keeps the post-mortems (alias p) of one team and naming
// one service, either in any case, when set.
func (w *where) teamService(team, service string) {
	if team != "" {
		w.add("lower(p.team) = lower(" + w.arg(strings.TrimSpace(team)) + ")")
	}
	if service != "" {
		w.add("EXISTS (SELECT 1 FROM jsonb_array_elements_text(p.doc->'services') sv(v) WHERE lower(sv.v) = lower(" + w.arg(strings.TrimSpace(service)) + "))")
	}
}

// audience leaves out the restricted post-mortems (alias p) the reader is
// neither the author of nor named in.
func (w *where) audience(a hindsight.Audience) {
	if a.All {
		return
	}
	w.add(`(NOT p.restricted OR p.author_id = ` + w.arg(a.UserID) + ` OR EXISTS (SELECT 1 FROM postmortem_readers r
		WHERE r.postmortem_id = p.id AND r.reader = ANY(` + w.arg(a.Readers()) + `::text[])))`)
}
