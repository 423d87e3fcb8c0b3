package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"hindsight"
	"hindsight/internal/demo"
)

// demoBatch is how many post-mortems are made at a time: the store writes
// one batch while the next ones are made, all in one load (all or none).
const demoBatch = 1000

var _ = register(newDemoCmd)

func newDemoCmd(a *app) *cobra.Command {
	var count int
	var seed int64
	cmd := &cobra.Command{
		Use:   "demo [--db ...] [--count N] [--seed S]",
		Short: "Fill the database with realistic post-mortems",
		Long:  "Fills the database with N realistic, varied post-mortems.",
		Args:  needArgs(0, 0, "demo takes no arguments"),
	}
	cfgOf := configFlags(cmd)
	cmd.Flags().IntVar(&count, "count", 200, "how many post-mortems to make")
	cmd.Flags().Int64Var(&seed, "seed", 1, "random seed: the same seed makes the same post-mortems")
	cmd.RunE = func(c *cobra.Command, args []string) error {
		if count < 1 {
			return usageErr(c, "--count must be at least 1")
		}
		svc, _, closeStore, err := openConfigured(a.ctx, cfgOf)
		if err != nil {
			return err
		}
		defer closeStore()
		start, now := time.Now(), time.Now()
		err = svc.CreateAll(a.ctx, func(yield func([]*hindsight.PostMortem) bool) {
			for from := 0; from < count; from += demoBatch {
				n := min(demoBatch, count-from)
				if !yield(demo.GenerateRange(seed, from, n, now)) {
					return
				}
				if count > demoBatch {
					fmt.Fprintf(a.stdout, "\r%d/%d", from+n, count)
				}
			}
		})
		if count > demoBatch {
			fmt.Fprintln(a.stdout)
		}
		if err != nil {
			return fail("%v", err)
		}
		fmt.Fprintf(a.stdout, "made %d post-mortems in %s\n", count, time.Since(start).Round(time.Millisecond))
		return nil
	}
	return cmd
}
