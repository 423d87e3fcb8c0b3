package hindsight

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// NewUser is what adding an account takes: the profile and, for a local
// account, a password (empty for single sign-on only, or to hand the user
// a set-password link instead).
type NewUser struct {
	Email    string
	Name     string
	Role     UserRole
	Password string
}

// AddUser creates an account; admins (and the command line) may.
func (s *Service) AddUser(ctx context.Context, n NewUser) (*User, error) {
	who, err := requireRole(ctx, Admin)
	if err != nil {
		return nil, err
	}
	return s.addUser(ctx, who, n)
}

func (s *Service) addUser(ctx context.Context, who Principal, n NewUser) (*User, error) {
	u := &User{Email: n.Email, Name: n.Name, Role: n.Role, CreatedAt: s.now()}
	normalizeUser(u)
	if err := validateUser(u); err != nil {
		return nil, err
	}
	var c Credentials
	if n.Password != "" {
		if err := checkPasswordStrength("password", n.Password, u.Email, u.Name); err != nil {
			return nil, err
		}
		var err error
		if c.PasswordHash, err = hashPassword(n.Password); err != nil {
			return nil, err
		}
		u.HasPassword = true
	}
	u.ID = NewID()
	if err := s.store.CreateUser(ctx, u, c, s.event(who, "user.created", u.Email, "role "+string(u.Role))); err != nil {
		return nil, err
	}
	return u, nil
}

// Users lists every account; admins may.
func (s *Service) Users(ctx context.Context) ([]User, error) {
	if _, err := requireRole(ctx, Admin); err != nil {
		return nil, err
	}
	return s.store.ListUsers(ctx)
}

// UserByEmail finds an account by its address; admins may.
func (s *Service) UserByEmail(ctx context.Context, email string) (*User, error) {
	if _, err := requireRole(ctx, Admin); err != nil {
		return nil, err
	}
	if !clean(email) {
		return nil, fmt.Errorf("user: %w", ErrNotFound)
	}
	return s.store.UserByEmail(ctx, strings.ToLower(strings.TrimSpace(email)))
}

// SetRole changes a user's role; admins may. The last admin cannot be
// demoted: somebody must be able to manage the instance.
func (s *Service) SetRole(ctx context.Context, userID string, role UserRole) (*User, error) {
	return s.changeUser(ctx, userID, func(u *User) (string, string, error) {
		if !slices.Contains(UserRoles, role) {
			return "", "", Invalid("role", "must be one of viewer, editor, admin, not %q", role)
		}
		old := u.Role
		u.Role = role
		return "user.role", string(old) + " → " + string(role), nil
	})
}

// SetDisabled disables (or enables again) an account; a disabled user's
// sessions and tokens stop working at once. Admins may; the last admin
// cannot be disabled.
func (s *Service) SetDisabled(ctx context.Context, userID string, disabled bool) (*User, error) {
	return s.changeUser(ctx, userID, func(u *User) (string, string, error) {
		u.Disabled = disabled
		if disabled {
			return "user.disabled", "", nil
		}
		return "user.enabled", "", nil
	})
}

// SetGroups sets the groups an admin manages for a local account.
func (s *Service) SetGroups(ctx context.Context, userID string, groups []string) (*User, error) {
	return s.changeUser(ctx, userID, func(u *User) (string, string, error) {
		u.Groups = groups
		return "user.groups", strings.Join(cleanList(groups), ", "), nil
	})
}

// changeUser applies an admin's change to a user, refusing one that
// would leave no active admin, and audits it in the same transaction.
func (s *Service) changeUser(ctx context.Context, userID string, change func(*User) (action, detail string, err error)) (*User, error) {
	who, err := requireRole(ctx, Admin)
	if err != nil {
		return nil, err
	}
	if !clean(userID) {
		return nil, fmt.Errorf("user: %w", ErrNotFound)
	}
	u, err := s.store.GetUser(ctx, userID)
	if err != nil {
		return nil, err
	}
	wasAdmin := u.Role == Admin && !u.Disabled
	action, detail, err := change(u)
	if err != nil {
		return nil, err
	}
	normalizeUser(u)
	if err := validateUser(u); err != nil {
		return nil, err
	}
	if wasAdmin && (u.Role != Admin || u.Disabled) {
		n, err := s.store.CountAdmins(ctx)
		if err != nil {
			return nil, err
		}
		if n <= 1 {
			return nil, Invalid("role", "%s is the only admin: make someone else admin first", u.Email)
		}
	}
	if err := s.store.UpdateUser(ctx, u, s.event(who, action, u.Email, detail)); err != nil {
		return nil, err
	}
	return u, nil
}

// Me returns the signed-in user as stored now.
func (s *Service) Me(ctx context.Context) (*User, error) {
	who, err := reader(ctx)
	if err != nil {
		return nil, err
	}
	if who.User == nil || who.User.ID == "" {
		return nil, fmt.Errorf("the command line has no account: %w", ErrNotFound)
	}
	return s.store.GetUser(ctx, who.User.ID)
}

// ChangePassword sets the signed-in user's own password after checking the
// current one (when they have one).
func (s *Service) ChangePassword(ctx context.Context, current, next string) error {
	me, err := s.Me(ctx)
	if err != nil {
		return err
	}
	c, err := s.store.Credentials(ctx, me.ID)
	if err != nil {
		return err
	}
	if c.PasswordHash != "" && !passwordMatches(current, c.PasswordHash) {
		return Invalid("current_password", "is not your current password")
	}
	if err := checkPasswordStrength("password", next, me.Email, me.Name); err != nil {
		return err
	}
	if c.PasswordHash, err = hashPassword(next); err != nil {
		return err
	}
	who, _ := PrincipalFrom(ctx)
	return s.store.SetCredentials(ctx, me.ID, c, s.event(who, "user.password", me.Email, "changed by the user"))
}
