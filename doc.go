// Package hindsight holds the domain of a blameless post-mortem tool: the
// post-mortem as the guide describes it, its countermeasures and stakeholders,
// the rules that make one valid, and the Store interface the storage engines
// implement. It does no I/O of its own, so every other package (storage, API,
// web, Markdown, lint) shares one vocabulary and one set of rules.
package hindsight
