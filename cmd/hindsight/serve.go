package main

import (
	"context"
	"errors"
	"fmt"
	"hindsight"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"hindsight/internal/config"
	"hindsight/internal/housekeeping"
	"hindsight/internal/logging"
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
	svc, store, cfg, closeStore, err := openStore(a.ctx, cfgOf)
	if err != nil {
		return err
	}
	defer closeStore()
	logger, err := logging.New(a.stderr, cfg.LogFormat, cfg.LogLevel)
	if err != nil {
		return fail("%v", err)
	}
	slog.SetDefault(logger)
	h, err := server.New(cfg, svc)
	if err != nil {
		return fail("%v", err)
	}
	limits := server.DefaultLimits()
	ln, err := server.Listen(cfg.Addr, limits)
	if err != nil {
		return fail("listen on %s: %v", cfg.Addr, err)
	}
	srv := server.HTTPServer(h, limits)
	fmt.Fprintf(a.stdout, "Hindsight is serving http://%s (database %s)\n", ln.Addr(), redact(cfg.DB))
	if err := announceSetup(a, svc, cfg, ln.Addr()); err != nil {
		return fail("%v", err)
	}
	queue, err := openQueue(a.ctx, svc, store, cfg)
	if err != nil {
		return fail("%v", err)
	}
	if err := queue.Start(context.WithoutCancel(a.ctx)); err != nil {
		return fail("start the announcement queue: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	host, _ := os.Hostname()
	go housekeeping.Run(a.ctx, svc, host+"/"+strconv.Itoa(os.Getpid()), time.Minute, append(housekeeping.Jobs(svc, cfg.UploadTTL), queue.Jobs()...))
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
	if err := queue.Stop(shutdown); err != nil {
		slog.Warn("stop the announcement queue", "err", err)
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

// announceSetup prints a one-time link for creating the first admin when
// there is none: the very first start of a new instance.
func announceSetup(a *app, svc *hindsight.Service, cfg config.Config, addr net.Addr) error {
	secret, err := svc.SetupLink(a.ctx)
	if err != nil || secret == "" {
		return err
	}
	base := cfg.BaseURL
	if base == "" {
		host, port, _ := net.SplitHostPort(addr.String())
		if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
			host = "127.0.0.1"
		}
		base = "http://" + net.JoinHostPort(host, port)
	}
	fmt.Fprintf(a.stdout, "\nNo admin yet. Create the first account, which becomes the admin, within the hour at:\n\n    %s/setup/%s\n\n"+
		"(or run: hindsight user add EMAIL --role admin --password-stdin)\n\n", strings.TrimRight(base, "/"), secret)
	return nil
}
