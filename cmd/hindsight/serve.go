package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/spf13/cobra"

	"hindsight/internal/config"
	"hindsight/internal/server"
)

var _ = register(newServeCmd)

func newServeCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve [--addr HOST:PORT] [--db PATH|postgres://...]",
		Short: "Serve the web UI and the API (the default)",
		Args:  needArgs(0, 0, "serve takes no arguments"),
	}
	cfgOf := configFlags(cmd)
	cmd.RunE = func(c *cobra.Command, args []string) error { return serve(a, cfgOf) }
	return cmd
}

// serve runs the server until the context ends (SIGINT or SIGTERM).
func serve(a *app, cfgOf func() (config.Config, error)) error {
	svc, cfg, closeStore, err := openConfigured(a.ctx, cfgOf)
	if err != nil {
		return err
	}
	defer closeStore()
	h, err := server.New(cfg, svc)
	if err != nil {
		return fail("%v", err)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fail("listen on %s: %v", cfg.Addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(slog.Default().Handler(), slog.LevelWarn)}
	fmt.Fprintf(a.stdout, "Hindsight is serving http://%s (database %s)\n", ln.Addr(), redact(cfg.DB))
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fail("serve: %v", err)
	case <-a.ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fail("shut down: %v", err)
	}
	fmt.Fprintln(a.stdout, "Hindsight stopped")
	return nil
}

// redact hides a password in a database URL before it is printed.
func redact(db string) string {
	u, err := url.Parse(db)
	if err != nil || u.User == nil {
		return db
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
