// Package markdown reads and writes post-mortems in the post-mortem guide's
// Markdown template, so teams that keep post-mortems in git lose nothing by
// moving in or out of Hindsight.
//
// Render writes the template exactly — its headings, tables, hint lines and
// order — filled in, followed by clearly headed sections for what the
// template has no place for (details, 5 whys, root cause, countermeasures,
// stakeholders) and any sections an import kept verbatim. Parse reads that
// back, so Parse(Render(p)) equals p, and it also reads post-mortems written
// in other common shapes: recognised sections map to fields and every other
// section is kept verbatim.
package markdown
