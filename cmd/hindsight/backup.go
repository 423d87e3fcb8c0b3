package main

import (
	"fmt"
	"hindsight"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"hindsight/internal/config"
	"hindsight/internal/sqlite"
)

var _ = register(newBackupCmd)
var _ = register(newRestoreCmd)

func newBackupCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "backup [--db PATH] FILE",
		Short: "Write a consistent copy of the SQLite database while Hindsight serves",
		Long: "Writes a consistent, compact copy of the SQLite database to FILE; Hindsight may keep serving meanwhile.\n" +
			"FILE must not exist. For PostgreSQL use pg_dump (see the README).",
		Args: needArgs(1, 1, "name the backup file to write"),
	}
	cfgOf := configFlags(cmd)
	cmd.RunE = func(c *cobra.Command, args []string) error {
		return withService(a, cfgOf, func(svc *hindsight.Service, cfg config.Config) error {
			start := time.Now()
			if err := svc.Backup(a.ctx, args[0]); err != nil {
				return fail("%v", err)
			}
			info, _ := os.Stat(args[0])
			fmt.Fprintf(a.stderr, "backed up %s to %s (%d bytes) in %s\n", redact(cfg.DB), args[0], info.Size(), time.Since(start).Round(time.Millisecond))
			return nil
		})
	}
	return cmd
}

func newRestoreCmd(a *app) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "restore [--db PATH] [--force] FILE",
		Short: "Put a SQLite backup in place of the database (with Hindsight stopped)",
		Long: "Checks that FILE is a whole Hindsight database, then puts it in place of the SQLite database.\n" +
			"Stop Hindsight first. An existing database is kept beside it as PATH.replaced-TIME, and only with --force.",
		Args: needArgs(1, 1, "name the backup file to restore"),
	}
	cfgOf := configFlags(cmd)
	cmd.Flags().BoolVar(&force, "force", false, "replace an existing database (it is kept beside it)")
	cmd.RunE = func(c *cobra.Command, args []string) error {
		cfg, err := cfgOf()
		if err != nil {
			return fail("%v", err)
		}
		if cfg.IsPostgres() {
			return fail("restore puts SQLite backups in place; for PostgreSQL use pg_restore (see the README)")
		}
		if err := sqlite.Check(a.ctx, args[0]); err != nil {
			return fail("%v; nothing was changed", err)
		}
		if _, err := os.Stat(cfg.DB); err == nil {
			if !force {
				return fail("%s exists: stop Hindsight and add --force to replace it (it is kept beside it); nothing was changed", cfg.DB)
			}
			aside := cfg.DB + ".replaced-" + time.Now().UTC().Format("20060102T150405Z")
			for _, suffix := range []string{"", "-wal", "-shm"} {
				if err := os.Rename(cfg.DB+suffix, aside+suffix); err != nil && !os.IsNotExist(err) {
					return fail("move %s aside: %v", cfg.DB+suffix, err)
				}
			}
			fmt.Fprintf(a.stderr, "kept the replaced database as %s\n", aside)
		}
		if err := copyFile(args[0], cfg.DB); err != nil {
			return fail("%v", err)
		}
		fmt.Fprintf(a.stderr, "restored %s from %s\n", cfg.DB, args[0])
		return nil
	}
	return cmd
}

// copyFile copies src to dst through a temporary file in dst's folder, so
// dst is either absent or whole.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp, err := os.CreateTemp(filepath.Dir(dst), ".restore-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, in); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), dst)
}
