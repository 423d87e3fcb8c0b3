package hindsight

import (
	"slices"
	"strings"
	"time"
)

// UserRole is what a signed-in user may do. Each role grants everything
// the one before it does.
type UserRole string

// The roles, least to most.
const (
	// Viewer reads the post-mortems they may see; as the author of a
	// post-mortem or the owner of a countermeasure they may edit those.
	Viewer UserRole = "viewer"
	// Editor writes and edits post-mortems and countermeasures.
	Editor UserRole = "editor"
	// Admin manages users, roles and settings, and deletes.
	Admin UserRole = "admin"
)

// UserRoles lists every role, least to most.
var UserRoles = []UserRole{Viewer, Editor, Admin}

// AtLeast reports whether r grants at least what min grants.
func (r UserRole) AtLeast(min UserRole) bool {
	return slices.Index(UserRoles, r) >= slices.Index(UserRoles, min) && slices.Contains(UserRoles, r)
}

// User is someone who signs in. Their secrets are kept apart, in
// Credentials, so nothing that shows users can show those.
type User struct {
	ID    string   `json:"id"`
	Email string   `json:"email"`
	Name  string   `json:"name"`
	Role  UserRole `json:"role"`
	// Groups come from single sign-on (or an admin); restricted
	// post-mortems can be shared with a group.
	Groups []string `json:"groups"`
	// Teams and Services are those the user follows, as they chose them:
	// with their groups, they decide which published post-mortems are
	// theirs to read (Service.ToRead) and which revisits their digest
	// names.
	Teams    []string `json:"teams"`
	Services []string `json:"services"`
	Disabled bool     `json:"disabled"`
	// WeeklyDigest is the user's choice of a weekly e-mail of what was
	// published and what they own that is overdue.
	WeeklyDigest bool `json:"weekly_digest"`
	// HasPassword and TOTP say how the user signs in locally; Subject
	// links the account to its single sign-on identity ("issuer|sub").
	HasPassword  bool       `json:"has_password"`
	TOTP         bool       `json:"totp"`
	Subject      string     `json:"-"`
	CreatedAt    time.Time  `json:"created_at"`
	LastSignInAt *time.Time `json:"last_sign_in_at"`
}

// Credentials are a user's secrets: an argon2id password hash and a TOTP
// secret, either may be empty.
type Credentials struct {
	PasswordHash string
	TOTPSecret   string
}

// CacheKey is everything of a user that what they are shown depends on —
// who they are, how they are named, their role and what restricted
// post-mortems they may see — for caches of rendered pages and feeds.
func (u *User) CacheKey() string {
	if u == nil {
		return ""
	}
	return strings.Join([]string{u.ID, string(u.Role), u.Display(), u.Email, strings.Join(u.Groups, ",")}, "\x1f")
}

// clone is a copy of u that shares nothing with it, so a kept account
// is never changed through what a request was given.
func (u *User) clone() *User {
	c := *u
	c.Groups = slices.Clone(u.Groups)
	if u.LastSignInAt != nil {
		at := *u.LastSignInAt
		c.LastSignInAt = &at
	}
	return &c
}

// Display is how a user is named in the record: their name, else e-mail.
func (u *User) Display() string {
	if u == nil {
		return ""
	}
	if u.Name != "" {
		return u.Name
	}
	return u.Email
}

// Is reports whether name (as typed in a countermeasure's owner) names
// this user: their name or e-mail, ignoring case and extra spaces.
func (u *User) Is(name string) bool {
	name = strings.Join(strings.Fields(name), " ")
	return name != "" && (strings.EqualFold(name, strings.Join(strings.Fields(u.Name), " ")) || strings.EqualFold(name, u.Email))
}

// Follows says what of a post-mortem's team and services makes it the
// user's ("team Payments", "service checkout"), or nothing: its team is
// one the user follows or one of their groups, or a service it names is
// one they follow or one of their groups. Names match ignoring case.
func (u *User) Follows(team string, services []string) []string {
	in := func(name string, lists ...[]string) bool {
		for _, l := range lists {
			if name != "" && slices.ContainsFunc(l, func(x string) bool { return strings.EqualFold(strings.TrimSpace(x), strings.TrimSpace(name)) }) {
				return true
			}
		}
		return false
	}
	var why []string
	if in(team, u.Teams, u.Groups) {
		why = append(why, "team "+team)
	}
	for _, sv := range services {
		if in(sv, u.Services, u.Groups) {
			why = append(why, "service "+sv)
		}
	}
	return why
}

// normalizeUser trims what was typed and puts e-mail in lower case, so one
// address is one account.
func normalizeUser(u *User) {
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	u.Name = strings.Join(strings.Fields(u.Name), " ")
	u.Groups = cleanList(u.Groups)
	if u.Role == "" {
		u.Role = Viewer
	}
}

// validateUser names every bad field of a user.
func validateUser(u *User) error {
	v := &ValidationError{}
	switch at := strings.LastIndex(u.Email, "@"); {
	case u.Email == "":
		v.Add("email", "is required")
	case at < 1 || at == len(u.Email)-1 || strings.ContainsAny(u.Email, " \t\r\n<>,;\x00"):
		v.Add("email", "%q is not an e-mail address", u.Email)
	case len(u.Email) > MaxTitleLen:
		v.Add("email", "is too long: at most %d bytes", MaxTitleLen)
	}
	if len(u.Name) > MaxTitleLen || strings.ContainsRune(u.Name, 0) {
		v.Add("name", "must be at most %d bytes of text", MaxTitleLen)
	}
	if !slices.Contains(UserRoles, u.Role) {
		v.Add("role", "must be one of viewer, editor, admin, not %q", u.Role)
	}
	listItems(v, "groups", u.Groups)
	return v.OrNil()
}
