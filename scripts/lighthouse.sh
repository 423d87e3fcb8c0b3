#!/usr/bin/env bash
# lighthouse.sh measures the accessibility score Lighthouse gives each main
# page, in Debian's Chromium, against a server filled with demo data. It
# installs Lighthouse from the npm registry into the git-ignored .cache.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/.cache/lighthouse"
if [ ! -x "$dir/node_modules/.bin/lighthouse" ]; then
	echo "lighthouse: installing Lighthouse 12.2.3 (it supports Debian's Node)"
	mkdir -p "$dir"
	(cd "$dir" && npm i -E --silent --no-audit --no-fund lighthouse@12.2.3 >/dev/null)
fi
work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
go build -o "$work/hindsight" "$root/cmd/hindsight"
"$work/hindsight" demo --count 200 --db "$work/h.db" >/dev/null
addr=127.0.0.1:${LIGHTHOUSE_PORT:-18931}
"$work/hindsight" serve --addr "$addr" --db "$work/h.db" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 50); do curl -fs "http://$addr/" >/dev/null && break; sleep 0.2; done
id=$(curl -fs "http://$addr/api/v1/postmortems?limit=1" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items[0].id))')
status=0
for path in / "/?q=database" /postmortems/new "/postmortems/$id" "/postmortems/$id/edit" /countermeasures /insights /import; do
	for preset in mobile desktop; do
		flags=()
		[ "$preset" = desktop ] && flags=(--preset=desktop)
		CHROME_PATH=$(command -v chromium) "$dir/node_modules/.bin/lighthouse" "http://$addr$path" "${flags[@]}" --only-categories=accessibility \
			--chrome-flags="--headless=new --no-sandbox" --output=json --output-path="$work/report.json" --quiet
		score=$(node -e 'const r=require(process.argv[1]);const a=r.categories.accessibility;const f=Object.values(r.audits).filter(x=>x.score===0&&a.auditRefs.some(ref=>ref.id===x.id&&ref.weight>0)).map(x=>x.id);console.log(Math.round(a.score*100)+(f.length?" (failing: "+f.join(", ")+")":""))' "$work/report.json")
		printf '%-28s %-8s %s\n' "$path" "$preset" "$score"
		case "$score" in 100) ;; *) status=1 ;; esac
	done
done
exit $status
