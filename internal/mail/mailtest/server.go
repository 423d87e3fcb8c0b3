// Package mailtest runs a real SMTP server for tests: Debian's
// python3-aiosmtpd (installed by scripts/test-deps.sh) in a subprocess on
// a free port of 127.0.0.1, with STARTTLS or implicit TLS on a
// certificate of its own and AUTH required for one account. Every message
// it accepts is kept for the test to read. Without python3-aiosmtpd tests
// are skipped, and fail under CI=true.
package mailtest

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	_ "embed"
	"encoding/json"
	"encoding/pem"
	"math/big"
	"net"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The account the server accepts.
const (
	User     = "hindsight"
	Password = "s3cret-relay-password"
)

//go:embed smtpd.py
var script []byte

// Server is a running SMTP server.
type Server struct {
	// Addr is host:port; Host and Port the same apart.
	Addr string
	Host string
	Port int
	// ClientTLS trusts the server's certificate; Cert is it, for a client
	// that talks to several servers.
	ClientTLS *tls.Config
	Cert      *x509.Certificate
	dir       string
}

// Received is one accepted message.
type Received struct {
	From  string   `json:"from"`
	To    []string `json:"to"`
	TLS   bool     `json:"tls"`
	Auth  string   `json:"auth"`
	Raw   string   `json:"raw"`
	Parse *mail.Message
}

// python is Debian's interpreter, which has python3-aiosmtpd, in
// preference to any other on PATH.
func python() string {
	if _, err := os.Stat("/usr/bin/python3"); err == nil {
		return "/usr/bin/python3"
	}
	return "python3"
}

// Start runs a server until the test ends: implicit is TLS from the first
// byte (port 465 style); otherwise plain text that offers STARTTLS and
// accepts AUTH only after it.
func Start(t testing.TB, implicit bool) *Server {
	t.Helper()
	if out, err := exec.Command(python(), "-c", "import aiosmtpd").CombinedOutput(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("python3-aiosmtpd is required under CI=true (scripts/test-deps.sh installs it): %v %s", err, out)
		}
		t.Skipf("no python3-aiosmtpd (scripts/test-deps.sh installs it): %v", err)
	}
	dir := t.TempDir()
	certFile, keyFile, leaf := certificate(t, dir)
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	mode := "starttls"
	if implicit {
		mode = "tls"
	}
	scriptFile := filepath.Join(dir, "smtpd.py")
	mailDir := filepath.Join(dir, "mail")
	if err := os.WriteFile(scriptFile, script, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(mailDir, 0o700); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python(), scriptFile, mailDir, certFile, keyFile, User, Password, mode)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	ports := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(out).ReadString('\n')
		ports <- strings.TrimSpace(line)
	}()
	var port int
	select {
	case p := <-ports:
		if port, err = strconv.Atoi(p); err != nil {
			t.Fatalf("the SMTP server did not start: %q", p)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the SMTP server did not start within 20s")
	}
	return &Server{Addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), Host: "127.0.0.1", Port: port, dir: mailDir, Cert: leaf,
		ClientTLS: &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}}
}

// Messages returns what the server accepted so far, in order.
func (s *Server) Messages() []Received {
	names, _ := filepath.Glob(filepath.Join(s.dir, "*.json"))
	out := []Received{}
	for _, name := range names { // Glob sorts; the names are numbered
		b, err := os.ReadFile(name)
		if err != nil {
			continue
		}
		var r Received
		if json.Unmarshal(b, &r) != nil {
			continue
		}
		if r.Parse, err = mail.ReadMessage(strings.NewReader(r.Raw)); err != nil {
			continue
		}
		out = append(out, r)
	}
	return out
}

// FailNext makes the server refuse the next n messages with a temporary
// error (451), as a busy server does.
func (s *Server) FailNext(n int) {
	os.WriteFile(filepath.Join(s.dir, "fail"), []byte(strconv.Itoa(n)), 0o600)
}

// certificate writes a self-signed certificate for 127.0.0.1 and its key
// to dir and returns their files and the certificate.
func certificate(t testing.TB, dir string) (certFile, keyFile string, leaf *x509.Certificate) {
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
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8}), 0o600); err != nil {
		t.Fatal(err)
	}
	leaf, _ = x509.ParseCertificate(der)
	return certFile, keyFile, leaf
}
