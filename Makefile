# Hindsight's developer commands. `make test` is what CI runs.
GO ?= go
BENCH_COUNT ?= 100000

.PHONY: run test test-deps vet bench fuzz load lighthouse lint-eval corpus-eval

run:
	$(GO) run ./cmd/hindsight

test-deps:
	./scripts/test-deps.sh

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt: files above need formatting"; exit 1; }

# test runs every test: unit, both storage engines (PostgreSQL is required
# under CI=true) and the browser tests in Debian's Chromium.
test: test-deps vet
	$(GO) test -count=1 -timeout 12m ./...

# bench runs the store, API and page benchmarks on both engines at
# $(BENCH_COUNT) post-mortems made by `hindsight demo`.
bench: test-deps
	HINDSIGHT_BENCH_COUNT=$(BENCH_COUNT) $(GO) test -run '^$$' -bench Store -benchtime 200x -timeout 60m ./internal/sqlite ./internal/postgres
	$(GO) test -run '^$$' -bench CreateMany -benchtime 20x ./internal/sqlite
	$(GO) test -run '^$$' -bench Load -benchtime 3x -timeout 30m ./internal/sqlite ./internal/postgres
	HINDSIGHT_BENCH_COUNT=$(BENCH_COUNT) $(GO) test -run '^$$' -bench Pages -benchtime 20x -timeout 60m ./internal/web
	$(GO) test -run '^$$' -bench . -timeout 10m ./internal/demo
	$(GO) build -o /tmp/hindsight-bench ./cmd/hindsight
	rm -f /tmp/hindsight-bench.db*
	time /tmp/hindsight-bench demo --count $(BENCH_COUNT) --db /tmp/hindsight-bench.db

# fuzz runs each fuzz target briefly.
fuzz:
	./scripts/fuzz.sh

# lint-eval prints the blameless lint's precision and recall per rule on
# its labelled sentences, with every miss and false positive.
lint-eval:
	$(GO) test -count=1 -run '^TestLintEval$$' -v ./internal/lint | grep -v '^=== RUN'

# corpus-eval measures the Markdown import on real public post-mortems:
# fetch the files listed in internal/importer/testdata/corpus-sources.tsv
# into $(CORPUS) (they are not kept in this repository).
CORPUS ?= ../corpus
corpus-eval:
	$(GO) run ./internal/importer/corpuseval $(CORPUS)

# lighthouse prints Lighthouse's accessibility score for each main page,
# phone and desktop, against a demo-filled server; it fails below 100.
lighthouse:
	./scripts/lighthouse.sh

# load runs 60 s of mixed load at 200 requests/s against 100,000 demo
# post-mortems and prints throughput, p50/p99 per route, errors and peak
# memory (LOAD_COUNT, LOAD_DB, LOAD_DURATION, LOAD_RATE change it).
load:
	./scripts/load.sh
