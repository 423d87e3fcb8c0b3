package hindsight

import (
	"context"
	"slices"
	"strings"
)

// Access says who may see a post-mortem. The zero value is everyone who
// signs in. A restricted one (a security incident, an HR-sensitive outage)
// is seen only by the users and groups named, its author and admins; to
// everybody else it does not exist, on every page, feed and count.
type Access struct {
	Restricted bool `json:"restricted"`
	// Users are e-mail addresses, Groups single sign-on group names.
	Users  []string `json:"users"`
	Groups []string `json:"groups"`
}

// Audience is the reader a query is made for: stores leave out restricted
// post-mortems unless All is set or the reader is their author or named in
// their access. The service fills it from the principal; nothing a client
// sends can set it.
type Audience struct {
	All    bool
	UserID string
	Email  string
	Groups []string
}

// Readers are the access entries that name this audience, as stores keep
// them: "user:EMAIL" and "group:NAME".
func (a Audience) Readers() []string {
	out := make([]string, 0, 1+len(a.Groups))
	if a.Email != "" {
		out = append(out, "user:"+strings.ToLower(a.Email))
	}
	for _, g := range a.Groups {
		out = append(out, "group:"+strings.ToLower(g))
	}
	return out
}

// Readers are the entries of an access list as stores keep them, so a
// query can match them against Audience.Readers.
func (a Access) Readers() []string {
	out := make([]string, 0, len(a.Users)+len(a.Groups))
	for _, u := range a.Users {
		out = append(out, "user:"+strings.ToLower(u))
	}
	for _, g := range a.Groups {
		out = append(out, "group:"+strings.ToLower(g))
	}
	return out
}

// Head is what deciding about a post-mortem needs, read without its
// document: its version, author and access.
type Head struct {
	ID       string
	Version  int64
	AuthorID string
	Access   Access
}

// audience is the reader the context's principal is.
func audience(p Principal) Audience {
	if p.System || p.User == nil || p.User.Role == Admin {
		return Audience{All: true}
	}
	return Audience{UserID: p.User.ID, Email: p.User.Email, Groups: p.User.Groups}
}

// mayRead reports whether p may see a post-mortem with this author and
// access.
func mayRead(p Principal, h Head) bool {
	a := audience(p)
	if a.All || !h.Access.Restricted || (h.AuthorID != "" && h.AuthorID == a.UserID) {
		return true
	}
	mine := a.Readers()
	return slices.ContainsFunc(h.Access.Readers(), func(r string) bool { return slices.Contains(mine, r) })
}

// mayEdit reports whether p may change a post-mortem they may read:
// editors and admins, and its author whatever their role; never with a
// read-only token.
func mayEdit(p Principal, h Head) bool {
	if p.System {
		return true
	}
	return !p.ReadOnly && p.User != nil && (p.User.Role.AtLeast(Editor) || (h.AuthorID != "" && h.AuthorID == p.User.ID))
}

// mayDelete reports whether p may move a post-mortem to the trash: admins
// and its author.
func mayDelete(p Principal, h Head) bool {
	if p.System {
		return true
	}
	return !p.ReadOnly && p.User != nil && (p.User.Role == Admin || (h.AuthorID != "" && h.AuthorID == p.User.ID))
}

// reader returns the request's principal, or ErrUnauthenticated.
func reader(ctx context.Context) (Principal, error) {
	p, ok := PrincipalFrom(ctx)
	if !ok {
		return p, ErrUnauthenticated
	}
	return p, nil
}

// writer returns the request's principal if it may write at all (a user
// who is not disabled, not through a read-only token).
func writer(ctx context.Context) (Principal, error) {
	p, err := reader(ctx)
	if err != nil {
		return p, err
	}
	if p.ReadOnly {
		return p, forbidden("this token is read-only")
	}
	return p, nil
}

// requireRole refuses a principal below min.
func requireRole(ctx context.Context, min UserRole) (Principal, error) {
	p, err := writer(ctx)
	if err != nil {
		return p, err
	}
	if !p.System && !p.User.Role.AtLeast(min) {
		return p, forbidden("this needs the %s role; you are %s", min, p.User.Role)
	}
	return p, nil
}

// headOf is the head of a post-mortem document.
func headOf(p *PostMortem) Head {
	return Head{ID: p.ID, Version: p.Version, AuthorID: p.AuthorID, Access: p.Access}
}

func sameAccess(a, b Access) bool {
	return a.Restricted == b.Restricted && slices.Equal(a.Readers(), b.Readers())
}

// describeAccess says who may see a post-mortem, for the audit log.
func describeAccess(a Access) string {
	if !a.Restricted {
		return "everyone"
	}
	if len(a.Users)+len(a.Groups) == 0 {
		return "restricted to its author and admins"
	}
	return "restricted to " + strings.Join(append(slices.Clone(a.Users), a.Groups...), ", ")
}
