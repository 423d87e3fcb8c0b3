package main

import (
	"context"
	"flag"

	"github.com/spf13/cobra"

	"hindsight"
	"hindsight/internal/config"
)

// configFlags adds the shared configuration flags (--db, --addr, …) to cmd
// and returns the function that finishes the Config after parsing. The
// flags are defined once, in package config, on a standard flag set.
func configFlags(cmd *cobra.Command) func() (config.Config, error) {
	fs := flag.NewFlagSet(cmd.Name(), flag.ContinueOnError)
	cfgOf := config.Register(fs, config.OSEnv)
	cmd.Flags().AddGoFlagSet(fs)
	return cfgOf
}

// openConfigured finishes the configuration and opens the service; close
// releases the store.
func openConfigured(ctx context.Context, cfgOf func() (config.Config, error)) (svc *hindsight.Service, cfg config.Config, close func(), err error) {
	svc, _, cfg, close, err = openStore(ctx, cfgOf)
	return svc, cfg, close, err
}

// openStore is openConfigured also returning the store, for serve, which
// shares its database with the announcement queue.
func openStore(ctx context.Context, cfgOf func() (config.Config, error)) (*hindsight.Service, hindsight.Store, config.Config, func(), error) {
	cfg, err := cfgOf()
	if err != nil {
		return nil, nil, cfg, nil, fail("%v", err)
	}
	store, err := cfg.OpenStore(ctx)
	if err != nil {
		return nil, nil, cfg, nil, fail("open database %s: %v", redact(cfg.DB), err)
	}
	return hindsight.NewService(store, cfg.Policy()), store, cfg, func() { store.Close() }, nil
}
