package webhook

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"syscall"
	"time"

	"hindsight"
)

// Guard decides which addresses deliveries may connect to. By default
// only public ones: a webhook URL must not become a way to reach the
// instance itself, the intranet or the cloud's metadata service (SSRF).
// An admin may allow networks (HINDSIGHT_WEBHOOK_ALLOW) for receivers on
// the inside.
type Guard struct {
	Allow []netip.Prefix
	// More, when set, adds networks allowed at the moment of each
	// connection: those an admin allows on the webhooks page.
	More func() []netip.Prefix
}

// ParseAllow reads "10.1.2.0/24,127.0.0.1" (addresses or CIDR
// prefixes).
func ParseAllow(s string) ([]netip.Prefix, error) { return hindsight.ParseNetworks(s) }

// ErrRefused is the error of a delivery to an address the guard refuses.
var ErrRefused = errors.New("refused")

// special are networks that are not on the public internet besides those
// netip classifies: shared address space (carrier NAT, where some clouds
// keep their metadata service), IETF protocol assignments, benchmarking,
// reserved, and NAT64, which can wrap any IPv4 address.
var special = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),
	netip.MustParsePrefix("100.64.0.0/10"),
	netip.MustParsePrefix("192.0.0.0/24"),
	netip.MustParsePrefix("198.18.0.0/15"),
	netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("64:ff9b::/96"),
	netip.MustParsePrefix("64:ff9b:1::/48"),
}

// Check returns nil if a delivery may connect to a, or why not.
func (g Guard) Check(a netip.Addr) error {
	a = a.Unmap()
	allow := g.Allow
	if g.More != nil {
		allow = append(append([]netip.Prefix(nil), allow...), g.More()...)
	}
	for _, p := range allow {
		if p.Contains(a) {
			return nil
		}
	}
	why := ""
	switch {
	case a.IsLoopback():
		why = "a loopback address"
	case a.IsPrivate():
		why = "a private address"
	case a.IsLinkLocalUnicast(), a.IsLinkLocalMulticast():
		why = "a link-local address (where cloud metadata services live)"
	case a.IsUnspecified(), a.IsMulticast(), a.IsInterfaceLocalMulticast():
		why = "not a unicast address"
	}
	for _, p := range special {
		if why == "" && p.Contains(a) {
			why = "a reserved or internal address"
		}
	}
	if why == "" {
		return nil
	}
	return fmt.Errorf("%w: %s is %s; an admin may allow it on the webhooks page or with HINDSIGHT_WEBHOOK_ALLOW", ErrRefused, a, why)
}

// control runs for every connection the client makes — after DNS
// resolution, for each address tried and for every redirect — so no name
// that resolves inside, and no redirect that points inside, gets through.
func (g Guard) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("%w: %q is not an address", ErrRefused, address)
	}
	return g.Check(ap.Addr())
}

// Client is an HTTP client for deliveries: it connects only where the
// guard allows (never through a proxy, which would hide the address),
// follows at most three redirects, and gives up after timeout.
func (g Guard) Client(timeout time.Duration) *http.Client {
	d := &net.Dialer{Timeout: timeout, Control: g.control}
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           d.DialContext,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   timeout,
		ResponseHeaderTimeout: timeout,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       30 * time.Second,
	}
	return &http.Client{Transport: tr, Timeout: timeout, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) >= 3 {
			return errors.New("stopped after 3 redirects")
		}
		if req.URL.Scheme != "https" && req.URL.Scheme != "http" {
			return fmt.Errorf("%w: a redirect to %s", ErrRefused, req.URL.Scheme)
		}
		return nil
	}}
}

// resolveTimeout bounds the DNS lookup of CheckURL.
const resolveTimeout = 3 * time.Second

// CheckURL refuses a webhook address whose host is, or resolves to, an
// address the guard refuses, so an admin hears of it when saving. A name
// that does not resolve now is let through: DNS may answer differently at
// delivery, where every connection is checked again anyway.
func (g Guard) CheckURL(ctx context.Context, rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return err
	}
	host := u.Hostname()
	if a, err := netip.ParseAddr(host); err == nil {
		return g.Check(a)
	}
	ctx, cancel := context.WithTimeout(ctx, resolveTimeout)
	defer cancel()
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return nil
	}
	for _, a := range addrs {
		if err := g.Check(a); err != nil {
			return fmt.Errorf("%s resolves to an address deliveries may not reach: %w", host, err)
		}
	}
	return nil
}
