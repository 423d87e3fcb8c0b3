package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"hindsight/internal/demo"
)

// demoBatch is how many post-mortems go into one transaction: large enough
// that commits do not dominate, small enough to bound memory.
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
		for from := 0; from < count; from += demoBatch {
			n := min(demoBatch, count-from)
			if err := svc.CreateMany(a.ctx, demo.GenerateRange(seed, from, n, now)); err != nil {
				return fail("after %d post-mortems: %v", from, err)
			}
			if count > demoBatch {
				fmt.Fprintf(a.stdout, "\r%d/%d", from+n, count)
			}
		}
		if count > demoBatch {
			fmt.Fprintln(a.stdout)
		}
		fmt.Fprintf(a.stdout, "made %d post-mortems in %s\n", count, time.Since(start).Round(time.Millisecond))
		return nil
	}
	return cmd
}
