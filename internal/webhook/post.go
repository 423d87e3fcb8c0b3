package webhook

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"time"

	"hindsight"
)

// Result is how one delivery went, for the delivery log.
type Result struct {
	Status   int
	Response string
	Duration time.Duration
	Err      error
}

// OK reports a 2xx answer.
func (r Result) OK() bool { return r.Err == nil && r.Status >= 200 && r.Status < 300 }

// Retry reports whether trying again later may help: no answer (other
// than a refused address), a server error, 408 or 429. Other 4xx answers
// mean the receiver will not take it.
func (r Result) Retry() bool {
	if r.Err != nil {
		return !errors.Is(r.Err, ErrRefused)
	}
	return r.Status >= 500 || r.Status == http.StatusRequestTimeout || r.Status == http.StatusTooManyRequests
}

// Post sends body, signed with secret at now, to url.
func Post(ctx context.Context, c *http.Client, url, secret string, kind hindsight.AnnouncementKind, eventID string, body []byte, now time.Time) Result {
	start := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return Result{Err: err}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Hindsight-Webhook/1")
	req.Header.Set(EventHeader, string(kind))
	req.Header.Set(DeliveryHeader, eventID)
	req.Header.Set(SignatureHeader, Sign(secret, now, body))
	res, err := c.Do(req)
	if err != nil {
		return Result{Err: err, Duration: time.Since(start)}
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(res.Body, 2000))
	return Result{Status: res.StatusCode, Response: string(b), Duration: time.Since(start)}
}
