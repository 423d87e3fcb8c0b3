// Package mailtest runs a real SMTP server (github.com/emersion/go-smtp)
// in a test's process: STARTTLS or implicit TLS with a certificate of its
// own, AUTH PLAIN with one account, and every message it accepts kept
// for the test to read.
package mailtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// The account the server accepts.
const (
	User     = "hindsight"
	Password = "s3cret-relay-password"
)

// Server is a running SMTP server.
type Server struct {
	// Addr is host:port; Host and Port the same apart.
	Addr string
	Host string
	Port int
	// ClientTLS trusts the server's certificate.
	ClientTLS *tls.Config
	mu        sync.Mutex
	received  []Received
	failed    int
}

// Received is one accepted message.
type Received struct {
	From  string
	To    []string
	TLS   bool
	Auth  string
	Raw   string
	Parse *mail.Message
}

// Start runs a server until the test ends: implicit is TLS from the first
// byte (port 465 style); otherwise plain text that offers STARTTLS and
// accepts AUTH only after it.
func Start(t testing.TB, implicit bool) *Server {
	t.Helper()
	cert, pool := certificate(t)
	srv := &Server{ClientTLS: &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}}
	s := smtp.NewServer(backend{srv})
	s.Domain = "127.0.0.1"
	s.ReadTimeout, s.WriteTimeout = 10*time.Second, 10*time.Second
	s.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	var ln net.Listener
	var err error
	if implicit {
		ln, err = tls.Listen("tcp", "127.0.0.1:0", s.TLSConfig)
	} else {
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatal(err)
	}
	go s.Serve(ln)
	t.Cleanup(func() { s.Close() })
	srv.Addr = ln.Addr().String()
	srv.Host = "127.0.0.1"
	srv.Port = ln.Addr().(*net.TCPAddr).Port
	return srv
}

// Messages returns what the server accepted so far.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.received...)
}

// FailNext makes the server refuse the next n messages with a temporary
// error (451), as a busy server does.
func (s *Server) FailNext(n int) {
	s.mu.Lock()
	s.failed = n
	s.mu.Unlock()
}

type backend struct{ s *Server }

func (b backend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{s: b.s, conn: c}, nil
}

type session struct {
	s    *Server
	conn *smtp.Conn
	auth string
	from string
	to   []string
}

func (x *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (x *session) Auth(mech string) (sasl.Server, error) {
	if _, ok := x.conn.TLSConnectionState(); !ok {
		return nil, errors.New("authentication needs TLS")
	}
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != User || password != Password {
			return errors.New("invalid username or password")
		}
		x.auth = username
		return nil
	}), nil
}

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	if x.auth == "" {
		return smtp.ErrAuthRequired
	}
	x.from = from
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.to = append(x.to, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	x.s.mu.Lock()
	defer x.s.mu.Unlock()
	if x.s.failed > 0 {
		x.s.failed--
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	_, tlsOn := x.conn.TLSConnectionState()
	msg, err := mail.ReadMessage(strings.NewReader(string(b)))
	if err != nil {
		return err
	}
	x.s.received = append(x.s.received, Received{From: x.from, To: x.to, TLS: tlsOn, Auth: x.auth, Raw: string(b), Parse: msg})
	return nil
}

func (x *session) Reset()        { x.from, x.to = "", nil }
func (x *session) Logout() error { return nil }

// certificate makes a self-signed certificate for 127.0.0.1 and a pool
// that trusts it.
func certificate(t testing.TB) (tls.Certificate, *x509.CertPool) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "mailtest"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}
