package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"

	"hindsight/internal/server"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "serve [--addr HOST:PORT] [--db PATH|postgres://...]", stderr)
	cfgOf := withConfig(fs)
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	svc, cfg, closeStore, code := openConfigured(ctx, cfgOf, stderr)
	if code >= 0 {
		return code
	}
	defer closeStore()
	h, err := server.New(cfg, svc)
	if err != nil {
		return fail(stderr, "%v", err)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fail(stderr, "listen on %s: %v", cfg.Addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		ErrorLog: slog.NewLogLogger(slog.Default().Handler(), slog.LevelWarn)}
	fmt.Fprintf(stdout, "Hindsight is serving http://%s (database %s)\n", ln.Addr(), redact(cfg.DB))
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return fail(stderr, "serve: %v", err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fail(stderr, "shut down: %v", err)
	}
	fmt.Fprintln(stdout, "Hindsight stopped")
	return 0
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
