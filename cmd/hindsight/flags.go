package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"hindsight"
	"hindsight/internal/config"
)

// newFlags makes a subcommand's flag set with its help text.
func newFlags(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("hindsight "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: hindsight %s\n\n", usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; it returns the exit code to stop with, or -1 to
// go on. --help exits 0.
func parseFlags(fs *flag.FlagSet, args []string) int {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	return -1
}

// openService opens the configured store and wraps it in the service.
func openService(ctx context.Context, cfg config.Config) (*hindsight.Service, func(), error) {
	store, err := cfg.OpenStore(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("open database %s: %w", redact(cfg.DB), err)
	}
	return hindsight.NewService(store, cfg.Policy()), func() { store.Close() }, nil
}

// withConfig registers the shared configuration flags on fs and returns
// the function that reads them after parsing.
func withConfig(fs *flag.FlagSet) func() (config.Config, error) {
	return config.Register(fs, config.OSEnv)
}

// fail prints an error the way every subcommand does and returns 1.
func fail(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "hindsight: "+format+"\n", args...)
	return 1
}

// openConfigured finishes the configuration and opens the service. It
// returns the exit code to stop with (after printing why), or -1 to go on.
func openConfigured(ctx context.Context, cfgOf func() (config.Config, error), stderr io.Writer) (*hindsight.Service, config.Config, func(), int) {
	cfg, err := cfgOf()
	if err != nil {
		return nil, cfg, nil, fail(stderr, "%v", err)
	}
	svc, closeStore, err := openService(ctx, cfg)
	if err != nil {
		return nil, cfg, nil, fail(stderr, "%v", err)
	}
	return svc, cfg, closeStore, -1
}
