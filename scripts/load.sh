#!/usr/bin/env bash
# load.sh runs `make load`: 60 s of a mixed workload (views, lists,
# searches, saves, the tracker, insights) at 200 requests/s against a
# Hindsight serving LOAD_COUNT (100,000) demo post-mortems on SQLite, and
# prints throughput, p50/p99 per route, errors and the server's peak
# memory. LOAD_DB=postgres://… runs it on PostgreSQL instead.
set -euo pipefail
count=${LOAD_COUNT:-100000}
db=${LOAD_DB:-/tmp/hindsight-load-$count.db}
duration=${LOAD_DURATION:-60s}
rate=${LOAD_RATE:-200}
bin=$(mktemp -d)
trap 'rm -rf "$bin"; [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null || true' EXIT
go build -o "$bin/hindsight" ./cmd/hindsight
go build -o "$bin/loadgen" ./cmd/loadgen
if [[ "$db" != postgres* && ! -f "$db" ]]; then
	echo "load: making $count demo post-mortems in $db (once)"
	"$bin/hindsight" demo --count "$count" --db "$db"
fi
password="load test password of some length"
echo "$password" | "$bin/hindsight" user add load@example.com --name "Load Test" --role editor --password-stdin --db "$db" 2>/dev/null ||
	echo "$password" | "$bin/hindsight" user reset-password load@example.com --password-stdin --db "$db" 2>/dev/null
token=$("$bin/hindsight" token create load@example.com --expires 1d --db "$db")
addr=127.0.0.1:${LOAD_PORT:-18080}
"$bin/hindsight" serve --addr "$addr" --db "$db" --rate-limits off --log-level warn >/dev/null &
pid=$!
for _ in $(seq 1 100); do
	(exec 3<>"/dev/tcp/${addr%:*}/${addr#*:}") 2>/dev/null && break
	sleep 0.2
done
"$bin/loadgen" --url "http://$addr" --token "$token" --email load@example.com --password "$password" \
	--duration "$duration" --rate "$rate" --pid "$pid"
