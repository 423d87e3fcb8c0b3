// Package webhook posts announcements to chat and to any HTTP receiver:
// the bodies Slack, Microsoft Teams and generic JSON receivers expect,
// the HMAC-SHA256 signature that proves a delivery came from this
// Hindsight, and an HTTP client that refuses to reach the instance's own
// network unless an admin allowed it.
package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The headers every delivery carries.
const (
	// SignatureHeader is "t=UNIX_SECONDS,v1=HEX": v1 is the lower-case hex
	// HMAC-SHA256, keyed with the webhook's secret, of the timestamp, a
	// full stop and the raw body ("1716200000.{...}"). A receiver
	// recomputes it and refuses a timestamp older than a few minutes, so
	// a captured delivery cannot be replayed.
	SignatureHeader = "Hindsight-Signature"
	// EventHeader names the announcement kind ("published").
	EventHeader = "Hindsight-Event"
	// DeliveryHeader is the event id, the same on every retry and
	// redelivery of one announcement to one webhook: receivers dedupe on
	// it.
	DeliveryHeader = "Hindsight-Delivery"
)

// Sign returns the SignatureHeader value for body sent at t.
func Sign(secret string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",v1=" + mac(secret, ts, body)
}

func mac(secret, ts string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// ErrBadSignature is what Verify returns for a delivery that was not
// signed with the secret, or whose signature was tampered with.
var ErrBadSignature = errors.New("webhook signature does not match")

// ErrStale is what Verify returns for a signature older than the
// tolerance: possibly a replay.
var ErrStale = errors.New("webhook signature is too old")

// Verify checks a SignatureHeader value against the body as a receiver
// does: the HMAC must match (compared in constant time) and the timestamp
// be within tolerance of now.
func Verify(secret, header string, body []byte, now time.Time, tolerance time.Duration) error {
	var ts string
	var sigs []string
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sigs = append(sigs, v)
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || len(sigs) == 0 {
		return fmt.Errorf("%w: the header is not t=…,v1=…", ErrBadSignature)
	}
	want := mac(secret, ts, body)
	ok := false
	for _, s := range sigs {
		ok = ok || hmac.Equal([]byte(s), []byte(want))
	}
	if !ok {
		return ErrBadSignature
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return fmt.Errorf("%w: signed %s ago", ErrStale, d.Round(time.Second))
	}
	return nil
}
