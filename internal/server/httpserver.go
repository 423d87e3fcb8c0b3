package server

import (
	"log/slog"
	"net"
	"net/http"
	"time"

	"golang.org/x/net/netutil"
)

// Limits bound what one connection may cost the server: how long it may
// take to send its request and to read the answer, how long it may sit
// idle, how large its headers may be, and how many connections are served
// at once (more wait in the kernel's queue). A client sending a byte a
// second is cut off after Read; three thousand of them cannot hold the
// server.
type Limits struct {
	ReadHeader, Read, Write, Idle time.Duration
	MaxHeaderBytes                int
	MaxConns                      int
}

// DefaultLimits suit people on slow links uploading images: a minute to
// send a request, two to receive an export.
func DefaultLimits() Limits {
	return Limits{ReadHeader: 10 * time.Second, Read: time.Minute, Write: 2 * time.Minute, Idle: 2 * time.Minute,
		MaxHeaderBytes: 64 << 10, MaxConns: 4096}
}

// HTTPServer is the http.Server that serves h within the limits.
func HTTPServer(h http.Handler, l Limits) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: l.ReadHeader, ReadTimeout: l.Read, WriteTimeout: l.Write, IdleTimeout: l.Idle,
		MaxHeaderBytes: l.MaxHeaderBytes, ErrorLog: slog.NewLogLogger(slog.Default().Handler(), slog.LevelWarn)}
}

// Listen opens addr, serving at most l.MaxConns connections at once.
func Listen(addr string, l Limits) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	return netutil.LimitListener(ln, l.MaxConns), nil
}
