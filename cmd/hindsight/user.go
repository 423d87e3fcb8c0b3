package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"hindsight"
	"hindsight/internal/config"
)

var _ = register(newUserCmd)

// newUserCmd manages accounts for operators and scripts: everything the
// admin's Users page does.
func newUserCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "user add|list|set-role|disable|enable|reset-password",
		Short: "Manage accounts: add, list, change role, disable, reset a password",
		Args:  needArgs(1, -1, "name a user command: add, list, set-role, disable, enable or reset-password"),
		RunE:  func(c *cobra.Command, args []string) error { return usageErr(c, "unknown user command %q", args[0]) },
	}
	cmd.AddCommand(newUserAddCmd(a), newUserListCmd(a), newUserSetRoleCmd(a), newUserDisableCmd(a, true), newUserDisableCmd(a, false), newUserResetCmd(a))
	return cmd
}

func newUserAddCmd(a *app) *cobra.Command {
	var name, role string
	var fromStdin bool
	cmd := &cobra.Command{
		Use:   "add EMAIL --name NAME --role admin|editor|viewer [--password-stdin]",
		Short: "Add an account",
		Long: "Adds an account. With --password-stdin the password is read from the first line of standard input;\n" +
			"without it, a one-time link to set one is printed (valid for a day).",
		Args: needArgs(1, 1, "name the new account's e-mail address"),
	}
	cfgOf := configFlags(cmd)
	cmd.Flags().StringVar(&name, "name", "", "the person's name")
	cmd.Flags().StringVar(&role, "role", "editor", "viewer, editor or admin")
	cmd.Flags().BoolVar(&fromStdin, "password-stdin", false, "read the password from standard input")
	cmd.RunE = func(c *cobra.Command, args []string) error {
		password, err := readPassword(c.InOrStdin(), fromStdin)
		if err != nil {
			return err
		}
		return withService(a, cfgOf, func(svc *hindsight.Service, cfg config.Config) error {
			u, err := svc.AddUser(a.ctx, hindsight.NewUser{Email: args[0], Name: name, Role: hindsight.UserRole(role), Password: password})
			if err != nil {
				return fail("%v", err)
			}
			fmt.Fprintf(a.stderr, "added %s (%s)\n", u.Email, u.Role)
			if !u.HasPassword {
				return printResetLink(a, svc, cfg, u)
			}
			return nil
		})
	}
	return cmd
}

func newUserListCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{Use: "list", Short: "List every account", Args: needArgs(0, 0, "list takes no arguments")}
	cfgOf := configFlags(cmd)
	cmd.RunE = func(c *cobra.Command, args []string) error {
		return withService(a, cfgOf, func(svc *hindsight.Service, _ config.Config) error {
			users, err := svc.Users(a.ctx)
			if err != nil {
				return fail("%v", err)
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "EMAIL\tNAME\tROLE\tSTATE\tSIGN-IN")
			for _, u := range users {
				state, how := "active", []string{}
				if u.Disabled {
					state = "disabled"
				}
				if u.HasPassword {
					how = append(how, "password")
				}
				if u.TOTP {
					how = append(how, "code")
				}
				if u.Subject != "" {
					how = append(how, "single sign-on")
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Email, u.Name, u.Role, state, strings.Join(how, "+"))
			}
			return tw.Flush()
		})
	}
	return cmd
}

func newUserSetRoleCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{Use: "set-role EMAIL admin|editor|viewer", Short: "Change an account's role", Args: needArgs(2, 2, "name the account's e-mail address and the role")}
	cfgOf := configFlags(cmd)
	cmd.RunE = func(c *cobra.Command, args []string) error {
		return changeUser(a, cfgOf, args[0], func(svc *hindsight.Service, u *hindsight.User) (*hindsight.User, error) {
			return svc.SetRole(a.ctx, u.ID, hindsight.UserRole(args[1]))
		})
	}
	return cmd
}

func newUserDisableCmd(a *app, disable bool) *cobra.Command {
	use, short := "disable EMAIL", "Disable an account: its sessions and tokens stop working at once"
	if !disable {
		use, short = "enable EMAIL", "Enable a disabled account again"
	}
	cmd := &cobra.Command{Use: use, Short: short, Args: needArgs(1, 1, "name the account's e-mail address")}
	cfgOf := configFlags(cmd)
	cmd.RunE = func(c *cobra.Command, args []string) error {
		return changeUser(a, cfgOf, args[0], func(svc *hindsight.Service, u *hindsight.User) (*hindsight.User, error) {
			return svc.SetDisabled(a.ctx, u.ID, disable)
		})
	}
	return cmd
}

func newUserResetCmd(a *app) *cobra.Command {
	var fromStdin bool
	cmd := &cobra.Command{
		Use:   "reset-password EMAIL [--password-stdin]",
		Short: "Set a new password, or print a one-time link to set one",
		Args:  needArgs(1, 1, "name the account's e-mail address"),
	}
	cfgOf := configFlags(cmd)
	cmd.Flags().BoolVar(&fromStdin, "password-stdin", false, "read the new password from standard input instead of printing a link")
	cmd.RunE = func(c *cobra.Command, args []string) error {
		password, err := readPassword(c.InOrStdin(), fromStdin)
		if err != nil {
			return err
		}
		return withService(a, cfgOf, func(svc *hindsight.Service, cfg config.Config) error {
			u, err := svc.UserByEmail(a.ctx, args[0])
			if err != nil {
				return fail("%s: %v", args[0], err)
			}
			if password == "" {
				return printResetLink(a, svc, cfg, u)
			}
			secret, err := svc.ResetLink(a.ctx, u.ID)
			if err == nil {
				_, err = svc.CompleteReset(a.ctx, secret, password, "command line")
			}
			if err != nil {
				return fail("%v", err)
			}
			fmt.Fprintf(a.stderr, "password of %s set\n", u.Email)
			return nil
		})
	}
	return cmd
}

// changeUser finds an account by e-mail and applies an admin's change.
func changeUser(a *app, cfgOf func() (config.Config, error), email string, change func(*hindsight.Service, *hindsight.User) (*hindsight.User, error)) error {
	return withService(a, cfgOf, func(svc *hindsight.Service, _ config.Config) error {
		u, err := svc.UserByEmail(a.ctx, email)
		if err != nil {
			return fail("%s: %v", email, err)
		}
		if u, err = change(svc, u); err != nil {
			return fail("%v", err)
		}
		state := ""
		if u.Disabled {
			state = ", disabled"
		}
		fmt.Fprintf(a.stderr, "%s is %s%s\n", u.Email, u.Role, state)
		return nil
	})
}

// printResetLink prints a one-time set-password link alone on standard
// output, so a script can hand it on.
func printResetLink(a *app, svc *hindsight.Service, cfg config.Config, u *hindsight.User) error {
	secret, err := svc.ResetLink(a.ctx, u.ID)
	if err != nil {
		return fail("%v", err)
	}
	fmt.Fprintf(a.stderr, "give %s this link to set a password (it works once, for a day):\n", u.Email)
	fmt.Fprintln(a.stdout, cfg.PublicURL()+"/reset/"+secret)
	return nil
}

// readPassword reads a password from the first line of r when asked.
func readPassword(r io.Reader, fromStdin bool) (string, error) {
	if !fromStdin {
		return "", nil
	}
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", fail("read the password from standard input: %v", err)
	}
	if line = strings.TrimRight(line, "\r\n"); line == "" {
		return "", fail("standard input held no password")
	}
	return line, nil
}

// withService opens the configured store for one piece of work.
func withService(a *app, cfgOf func() (config.Config, error), work func(*hindsight.Service, config.Config) error) error {
	svc, cfg, closeStore, err := openConfigured(a.ctx, cfgOf)
	if err != nil {
		return err
	}
	defer closeStore()
	return work(svc, cfg)
}
