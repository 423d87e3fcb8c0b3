package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"hindsight"
	"hindsight/internal/config"
)

var _ = register(newTokenCmd)

// newTokenCmd makes API tokens for scripts and CI.
func newTokenCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "token create EMAIL [--read-only] [--expires 90d]",
		Short: "Make an API token for an account",
		Args:  needArgs(1, -1, "name a token command: create"),
		RunE:  func(c *cobra.Command, args []string) error { return usageErr(c, "unknown token command %q", args[0]) },
	}
	var readOnly bool
	var expires, name string
	create := &cobra.Command{
		Use:   "create EMAIL [--read-only] [--expires 90d] [--name NAME]",
		Short: "Make a token and print it alone on standard output",
		Long:  "Makes an API token for the account and prints the token alone on standard output; it is not shown again.\nSend it as \"Authorization: Bearer TOKEN\".",
		Args:  needArgs(1, 1, "name the account's e-mail address"),
	}
	cfgOf := configFlags(create)
	create.Flags().BoolVar(&readOnly, "read-only", false, "the token may read but not change anything")
	create.Flags().StringVar(&expires, "expires", "90d", "how long the token works, like 30d or 8h; never for no end")
	create.Flags().StringVar(&name, "name", "command line", "what the token is for, shown in the account page")
	create.RunE = func(c *cobra.Command, args []string) error {
		n := hindsight.NewToken{Name: name, ReadOnly: readOnly}
		if expires != "never" {
			d, err := hindsight.ParseDays(expires)
			if err != nil || d == 0 {
				return usageErr(c, "--expires must be a duration like 90d or 8h, or never")
			}
			n.ExpiresIn = d
		}
		return withService(a, cfgOf, func(svc *hindsight.Service, _ config.Config) error {
			u, err := svc.UserByEmail(a.ctx, args[0])
			if err != nil {
				return fail("%s: %v", args[0], err)
			}
			_, secret, err := svc.CreateTokenFor(a.ctx, u.ID, n)
			if err != nil {
				return fail("%v", err)
			}
			fmt.Fprintln(a.stdout, secret)
			return nil
		})
	}
	cmd.AddCommand(create)
	return cmd
}
