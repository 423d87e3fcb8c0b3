package storedoc

import "hindsight"

// PurgeEvent is the audit event for purging one post-mortem, made from
// the template the service gives: a new id, the post-mortem as target,
// its title (and the template's reason) as detail.
func PurgeEvent(template hindsight.AuditEvent, t hindsight.TrashItem) hindsight.AuditEvent {
	e := template
	e.ID, e.Target, e.Detail = hindsight.NewID(), t.ID, t.Title
	if template.Detail != "" {
		e.Detail += " — " + template.Detail
	}
	return e
}

// TrashPaging reads a trash filter's page size and cursor: the keyset
// (deleted at, id) of the last item of the page before.
func TrashPaging(f hindsight.TrashFilter) (int, Cursor, error) {
	limit, err := Limit(f.Limit)
	if err != nil {
		return 0, Cursor{}, err
	}
	cur, err := DecodeCursor(f.Cursor, false)
	return limit, cur, err
}

// TrashPage ends a trash page read with one item more than limit.
func TrashPage(items []hindsight.TrashItem, limit int) hindsight.TrashPage {
	page := hindsight.TrashPage{Items: items}
	if len(items) > limit {
		page.Items = items[:limit]
		last := items[limit-1]
		page.NextCursor = EncodeCursor(Cursor{SortAt: last.DeletedAt.UnixMicro(), ID: last.ID})
	}
	if page.Items == nil {
		page.Items = []hindsight.TrashItem{}
	}
	return page
}
