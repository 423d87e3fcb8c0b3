package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"hindsight/internal/demo"
)

// demoBatch is how many post-mortems go into one transaction: large enough
// that commits do not dominate, small enough to bound memory.
const demoBatch = 1000

func runDemo(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("demo", "demo [--db ...] [--count N] [--seed S]\n\nFills the database with N realistic, varied post-mortems.", stderr)
	cfgOf := withConfig(fs)
	count := fs.Int("count", 200, "how many post-mortems to make")
	seed := fs.Int64("seed", 1, "random seed: the same seed makes the same post-mortems")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if *count < 1 || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "hindsight demo: --count must be at least 1")
		return 2
	}
	svc, _, closeStore, code := openConfigured(ctx, cfgOf, stderr)
	if code >= 0 {
		return code
	}
	defer closeStore()
	start, now := time.Now(), time.Now()
	for from := 0; from < *count; from += demoBatch {
		n := min(demoBatch, *count-from)
		if err := svc.CreateMany(ctx, demo.GenerateRange(*seed, from, n, now)); err != nil {
			return fail(stderr, "after %d post-mortems: %v", from, err)
		}
		if *count > demoBatch {
			fmt.Fprintf(stdout, "\r%d/%d", from+n, *count)
		}
	}
	if *count > demoBatch {
		fmt.Fprintln(stdout)
	}
	fmt.Fprintf(stdout, "made %d post-mortems in %s\n", *count, time.Since(start).Round(time.Millisecond))
	return 0
}
