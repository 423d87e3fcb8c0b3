package main

import (
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"hindsight/internal/dbcopy"
	"hindsight/internal/postgres"
	"hindsight/internal/sqlite"
)

var _ = register(newMigrateCmd)

// newMigrateCmd moves a whole database from SQLite to PostgreSQL.
func newMigrateCmd(a *app) *cobra.Command {
	var from, to string
	cmd := &cobra.Command{
		Use:   "migrate --from sqlite:PATH --to postgres://…",
		Short: "Move everything from a SQLite database to a new PostgreSQL one, and verify",
		Long: "Moves every post-mortem (with its history and images), account, token, session, setting and audit event\n" +
			"from a SQLite database to an empty PostgreSQL database, then compares both: the row count of every table\n" +
			"and checksums of the documents and rows. Stop Hindsight on the SQLite database first.",
		Args: needArgs(0, 0, "migrate takes --from and --to"),
	}
	cmd.Flags().StringVar(&from, "from", "", "the SQLite database: sqlite:PATH")
	cmd.Flags().StringVar(&to, "to", "", "the PostgreSQL database: postgres://…")
	cmd.RunE = func(c *cobra.Command, args []string) error {
		path, ok := strings.CutPrefix(from, "sqlite:")
		if !ok || path == "" || !(strings.HasPrefix(to, "postgres://") || strings.HasPrefix(to, "postgresql://")) {
			return usageErr(c, "give --from sqlite:PATH and --to postgres://…")
		}
		if err := sqlite.Check(a.ctx, path); err != nil {
			return fail("%v", err)
		}
		src, err := sqlite.Open(a.ctx, path, sqlite.Options{})
		if err != nil {
			return fail("open %s: %v", path, err)
		}
		defer src.Close()
		dst, err := postgres.Open(a.ctx, to, postgres.Options{})
		if err != nil {
			return fail("open %s: %v", redact(to), err)
		}
		defer dst.Close()
		start := time.Now()
		if err := dbcopy.Copy(a.ctx, src, dst, a.stderr); err != nil {
			return fail("%v", err)
		}
		checks, err := dbcopy.Verify(a.ctx, src, dst)
		if err != nil {
			return fail("verify: %v", err)
		}
		tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "TABLE\tSQLITE\tPOSTGRES\tCHECK")
		bad := 0
		for _, ch := range checks {
			verdict := "same"
			if !ch.OK() {
				verdict, bad = "DIFFERENT", bad+1
			}
			fmt.Fprintf(tw, "%s\t%d\t%d\t%s\n", ch.Table, ch.Source, ch.Target, verdict)
		}
		tw.Flush()
		if bad > 0 {
			return fail("%d tables differ after the move; keep using %s and report this", bad, path)
		}
		fmt.Fprintf(a.stderr, "moved and verified in %s; point HINDSIGHT_DB at %s\n", time.Since(start).Round(time.Millisecond), redact(to))
		return nil
	}
	return cmd
}
