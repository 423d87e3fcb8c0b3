// Package importer brings in what teams already wrote — Markdown
// post-mortems in any shape, chat timelines, Morgue databases — as draft
// post-mortems, with a report of what it recognised, what it did not and
// what it assumed, so a person knows what to look at. It only reads and
// shapes; storing goes through hindsight.Service like every other write.
package importer
