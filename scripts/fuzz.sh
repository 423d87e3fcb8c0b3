#!/usr/bin/env bash
# fuzz.sh runs each fuzz target for a while (FUZZTIME, default 60s).
# Inputs that ever failed are kept in testdata/fuzz and run by `make test`.
set -euo pipefail
t=${FUZZTIME:-60s}
for target in FuzzParse FuzzRoundTrip FuzzFormRoundTrip; do
	go test -run '^$' -fuzz "^${target}\$" -fuzztime "$t" ./internal/markdown
done
for pkg in $(go list ./... ); do
	for target in $(go test -list '^Fuzz' "$pkg" 2>/dev/null | grep '^Fuzz' || true); do
		case "$pkg:$target" in */internal/markdown:*) continue ;; esac
		go test -run '^$' -fuzz "^${target}\$" -fuzztime "$t" "$pkg"
	done
done
