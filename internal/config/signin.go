package config

import (
	"flag"
	"slices"
	"strings"
	"time"

	"hindsight"
)

// SignIn configures sessions, proxies and single sign-on.
type SignIn struct {
	// SessionIdle ends a session unused this long; SessionLifetime ends
	// every session this long after sign-in.
	SessionIdle, SessionLifetime time.Duration
	// TrustedProxies lists the reverse proxies (addresses or CIDR ranges)
	// whose X-Forwarded-For names the client.
	TrustedProxies string
	OIDC           OIDC
}

// OIDC is single sign-on with an OpenID Connect provider; it is on when
// Issuer and ClientID are set.
type OIDC struct {
	Issuer, ClientID, ClientSecret string
	Name                           string
	GroupsClaim                    string
	// RoleByGroup maps provider groups to Hindsight roles
	// ("hindsight-admins=admin,engineering=editor"); new users whose groups
	// map to nothing get DefaultRole.
	RoleByGroup map[string]hindsight.UserRole
	DefaultRole hindsight.UserRole
	// TrustEmail accepts addresses the provider does not mark verified.
	TrustEmail bool
}

// DefaultSignIn is sessions idle for 12 hours or 7 days old ending, no
// proxies trusted, no single sign-on.
func DefaultSignIn() SignIn {
	return SignIn{SessionIdle: 12 * time.Hour, SessionLifetime: 7 * 24 * time.Hour, OIDC: OIDC{GroupsClaim: "groups", DefaultRole: hindsight.Editor}}
}

// registerSignIn defines the sign-in flags and returns what finishes them.
func registerSignIn(fs *flag.FlagSet, get func(name, def string) string, s *SignIn) func(*hindsight.ValidationError) {
	idle := fs.String("session-idle", get("HINDSIGHT_SESSION_IDLE", "12h"), "sign out sessions unused this long (HINDSIGHT_SESSION_IDLE)")
	life := fs.String("session-max", get("HINDSIGHT_SESSION_MAX", "7d"), "sign out every session this long after sign-in (HINDSIGHT_SESSION_MAX)")
	fs.StringVar(&s.TrustedProxies, "trusted-proxies", get("HINDSIGHT_TRUSTED_PROXIES", ""), "reverse proxies whose X-Forwarded-For is believed, comma-separated IPs or CIDRs (HINDSIGHT_TRUSTED_PROXIES)")
	o := &s.OIDC
	fs.StringVar(&o.Issuer, "oidc-issuer", get("HINDSIGHT_OIDC_ISSUER", ""), "OpenID Connect issuer URL for single sign-on (HINDSIGHT_OIDC_ISSUER)")
	fs.StringVar(&o.ClientID, "oidc-client-id", get("HINDSIGHT_OIDC_CLIENT_ID", ""), "OpenID Connect client id (HINDSIGHT_OIDC_CLIENT_ID)")
	fs.StringVar(&o.ClientSecret, "oidc-client-secret", get("HINDSIGHT_OIDC_CLIENT_SECRET", ""), "OpenID Connect client secret (HINDSIGHT_OIDC_CLIENT_SECRET)")
	fs.StringVar(&o.Name, "oidc-name", get("HINDSIGHT_OIDC_NAME", "single sign-on"), "what the sign-in button calls the provider (HINDSIGHT_OIDC_NAME)")
	fs.StringVar(&o.GroupsClaim, "oidc-groups-claim", get("HINDSIGHT_OIDC_GROUPS_CLAIM", o.GroupsClaim), "ID token claim listing the user's groups (HINDSIGHT_OIDC_GROUPS_CLAIM)")
	roles := fs.String("oidc-roles", get("HINDSIGHT_OIDC_ROLES", ""), "groups mapped to roles, like admins=admin,engineering=editor (HINDSIGHT_OIDC_ROLES)")
	fs.BoolVar(&o.TrustEmail, "oidc-trust-email", get("HINDSIGHT_OIDC_TRUST_EMAIL", "") == "true", "accept e-mail addresses the provider does not mark verified (HINDSIGHT_OIDC_TRUST_EMAIL=true)")
	def := fs.String("oidc-default-role", get("HINDSIGHT_OIDC_DEFAULT_ROLE", string(o.DefaultRole)), "role of new single sign-on users whose groups map to none (HINDSIGHT_OIDC_DEFAULT_ROLE)")
	return func(v *hindsight.ValidationError) {
		var err error
		if s.SessionIdle, err = ParseDays(*idle); err != nil || s.SessionIdle <= 0 {
			v.Add("-session-idle", "must be a duration like 12h")
		}
		if s.SessionLifetime, err = ParseDays(*life); err != nil || s.SessionLifetime <= 0 {
			v.Add("-session-max", "must be a duration like 7d")
		}
		o.DefaultRole = hindsight.UserRole(*def)
		if !slices.Contains(hindsight.UserRoles, o.DefaultRole) {
			v.Add("-oidc-default-role", "must be viewer, editor or admin, not %q", *def)
		}
		o.RoleByGroup = map[string]hindsight.UserRole{}
		for _, part := range strings.Split(*roles, ",") {
			if strings.TrimSpace(part) == "" {
				continue
			}
			g, r, ok := strings.Cut(strings.TrimSpace(part), "=")
			if !ok || g == "" || !slices.Contains(hindsight.UserRoles, hindsight.UserRole(r)) {
				v.Add("-oidc-roles", "%q is not GROUP=ROLE with a role of viewer, editor or admin", part)
				continue
			}
			o.RoleByGroup[g] = hindsight.UserRole(r)
		}
		if (o.Issuer == "") != (o.ClientID == "") {
			v.Add("-oidc-issuer", "single sign-on needs both the issuer URL and the client id")
		}
	}
}
