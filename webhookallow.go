package hindsight

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
)

// settingWebhookAllow names the setting of the internal networks webhooks
// may reach.
const settingWebhookAllow = "webhook_allow"

// ParseNetworks reads "10.1.2.0/24, 127.0.0.1": addresses or CIDR
// prefixes, separated by commas.
func ParseNetworks(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		if p, err := netip.ParsePrefix(part); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(part)
		if err != nil {
			return nil, fmt.Errorf("%q is not an address or a CIDR prefix", part)
		}
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// WebhookAllow returns the internal networks an admin allowed webhooks to
// reach on the webhooks page (loopback, private and link-local addresses
// are refused otherwise), as typed; admins (and housekeeping) may.
func (s *Service) WebhookAllow(ctx context.Context) (string, error) {
	if _, err := requireAdminReader(ctx); err != nil {
		return "", err
	}
	return s.store.Setting(ctx, settingWebhookAllow)
}

// SetWebhookAllow changes those networks; "" allows none beyond the
// server's HINDSIGHT_WEBHOOK_ALLOW. Admins may; the change is audited.
func (s *Service) SetWebhookAllow(ctx context.Context, networks string) error {
	who, err := requireRole(ctx, Admin)
	if err != nil {
		return err
	}
	networks = strings.TrimSpace(networks)
	if len(networks) > 2000 || !clean(networks) {
		return Invalid("networks", "must be at most 2000 bytes of addresses or CIDR prefixes, separated by commas")
	}
	parsed, err := ParseNetworks(networks)
	if err != nil {
		return Invalid("networks", "%v: write addresses or CIDR prefixes like 10.0.0.0/8, 127.0.0.1", err)
	}
	canon := make([]string, len(parsed))
	for i, p := range parsed {
		canon[i] = p.String()
	}
	value := strings.Join(canon, ", ")
	return s.store.SetSetting(ctx, settingWebhookAllow, value, s.event(who, "webhook.allow", "webhooks", "internal networks allowed: "+orNone(value)))
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
