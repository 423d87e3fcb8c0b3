// Package morgue brings post-mortems in from a Morgue database (Etsy's
// post-mortem tool, on MySQL or MariaDB): each post-mortem with its times,
// severity, summary, tags, Jira tickets, images, forum links, IRC channels
// and Slack logs. Imports are idempotent: every Morgue post-mortem maps to
// a fixed Hindsight id, so a second run adds nothing.
package morgue
