package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/cookiejar"
	neturl "net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"hindsight/internal/morgue/morguetest"
)

// hs runs the CLI in-process with its own database.
func hs(t *testing.T, db string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	if db != "" && len(args) > 0 {
		args = append([]string{args[0], "--db", db}, args[1:]...)
	}
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func sample(t *testing.T, name string) string {
	t.Helper()
	return filepath.Join("..", "..", "internal", "markdown", "testdata", name)
}

func TestHelpAndUsage(t *testing.T) {
	code, out, _ := hs(t, "", "--help")
	if code != 0 || !strings.Contains(out, "import") || !strings.Contains(out, "demo") || !strings.Contains(out, "completion") {
		t.Fatalf("help: %d %q", code, out)
	}
	root := newRoot(&app{ctx: context.Background()})
	for _, c := range root.Commands() {
		name := c.Name()
		code, out, _ := hs(t, "", name, "--help")
		if code != 0 || !strings.Contains(out, "hindsight "+name) {
			t.Errorf("%s --help: %d %q", name, code, out)
		}
	}
	if code, _, errOut := hs(t, "", "frobnicate"); code != 2 || !strings.Contains(errOut, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: %d %q", code, errOut)
	}
	if code, _, errOut := hs(t, "", "import"); code != 2 || !strings.Contains(errOut, "hindsight import --help") {
		t.Errorf("import without files: %d %q, want 2 and a pointer to help", code, errOut)
	}
	if code, _, _ := hs(t, "", "demo", "--count", "0"); code != 2 {
		t.Errorf("demo --count 0: %d, want 2", code)
	}
	if code, _, errOut := hs(t, "", "lint", "--colour", "x.md"); code != 2 || !strings.Contains(errOut, "unknown flag: --colour") {
		t.Errorf("unknown flag: %d %q", code, errOut)
	}
}

// TestFlagsAfterFiles reads flags wherever they stand, as Go's command-line
// conventions do: `import FILE --db PATH` and `lint FILE --format json`.
func TestFlagsAfterFiles(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	code, out, errOut := hs(t, "", "import", sample(t, "checkout-payment-timeouts.md"), "--db", db)
	if code != 0 || strings.TrimSpace(out) == "" {
		t.Fatalf("import FILE --db: %d %q %q", code, out, errOut)
	}
	if code, md, errOut := hs(t, "", "export", strings.TrimSpace(out), "--db", db); code != 0 || !strings.HasPrefix(md, "# ") {
		t.Fatalf("export ID --db: %d %q", code, errOut)
	}
	dirty := filepath.Join(t.TempDir(), "dirty.md")
	os.WriteFile(dirty, []byte("# Outage\n\nWe would have caught it.\n"), 0o644)
	code, out, _ = hs(t, "", "lint", dirty, "--format", "json")
	if code != 1 || !strings.HasPrefix(out, "{") {
		t.Fatalf("lint FILE --format json: %d %q", code, out)
	}
}

// TestShellCompletion prints a completion script for each shell and
// completes lint's --format values.
func TestShellCompletion(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		if code, out, errOut := hs(t, "", "completion", shell); code != 0 || !strings.Contains(out, "hindsight") {
			t.Errorf("completion %s: %d %q", shell, code, errOut)
		}
	}
	code, out, _ := hs(t, "", "__complete", "lint", "x.md", "--format", "")
	if code != 0 || !strings.Contains(out, "text\n") || !strings.Contains(out, "json\n") {
		t.Errorf("completing --format: %d %q", code, out)
	}
	code, out, _ = hs(t, "", "__complete", "im")
	if code != 0 || !strings.Contains(out, "import") {
		t.Errorf("completing a command name: %d %q", code, out)
	}
}

func TestNewPrintsTheBlankTemplate(t *testing.T) {
	want, _ := os.ReadFile(sample(t, "blank-template.md"))
	code, out, _ := hs(t, "", "new")
	if code != 0 || out != string(want) {
		t.Fatalf("new: %d\n%s", code, out)
	}
}

func TestImportExportRoundTrip(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	code, out, errOut := hs(t, db, "import", sample(t, "checkout-payment-timeouts.md"))
	if code != 0 {
		t.Fatalf("import: %d %s", code, errOut)
	}
	id := strings.TrimSpace(out)
	code, md, errOut := hs(t, db, "export", id)
	if code != 0 {
		t.Fatalf("export: %d %s", code, errOut)
	}
	src, _ := os.ReadFile(sample(t, "checkout-payment-timeouts.md"))
	for _, line := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(line, "- ") || strings.HasPrefix(line, "# ") || strings.HasPrefix(line, "> ") {
			if !strings.Contains(md, line) {
				t.Errorf("export lost %q", line)
			}
		}
	}
	if code, _, errOut := hs(t, db, "export", "no-such-id"); code != 1 || !strings.Contains(errOut, `no post-mortem with id "no-such-id"`) {
		t.Errorf("export of a missing id: %d %q", code, errOut)
	}
}

// TestImportNeverRejectsADocument: the blank template and a severity the
// policy does not know are imported as drafts, with a report on standard
// error; a file that cannot be read stops the whole import.
func TestImportNeverRejectsADocument(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	bad := filepath.Join(t.TempDir(), "bad.md")
	os.WriteFile(bad, []byte("# Title\n\n> Severity: SEV9\n\n## Timeline\n\n- 2026-03-10 09:40 UTC — Alert fired\n- 09:55 UTC — Service recovered\n"), 0o644)
	code, out, errOut := hs(t, db, "import", sample(t, "checkout-payment-timeouts.md"), sample(t, "blank-template.md"), bad)
	if code != 0 || len(strings.Fields(out)) != 3 {
		t.Fatalf("import: %d %q %q", code, out, errOut)
	}
	for _, want := range []string{"blank-template.md → ", "the title is the file name", `severity "SEV9"`, "proposed incident times: start 2026-03-10 09:40 UTC", "--accept-proposed-times"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("the report lacks %q:\n%s", want, errOut)
		}
	}
	code, out, _ = hs(t, db, "import", bad, "--accept-proposed-times", "--json")
	var rows []struct {
		ID     string
		Report struct{ Assumed []string }
	}
	if err := json.Unmarshal([]byte(out), &rows); code != 0 || err != nil || len(rows) != 1 {
		t.Fatalf("import --json: %d %v %q", code, err, out)
	}
	if _, md, _ := hs(t, db, "export", rows[0].ID); !strings.Contains(md, "| Start Time  | 2026-03-10 09:40 UTC") || !strings.Contains(md, "| End Time    | 2026-03-10 09:55 UTC") {
		t.Errorf("proposed times not accepted:\n%s", md)
	}
	if code, out, errOut := hs(t, db, "import", bad, filepath.Join(t.TempDir(), "missing.md")); code != 1 || out != "" || !strings.Contains(errOut, "missing.md") || !strings.Contains(errOut, "nothing was imported") {
		t.Errorf("missing file: %d %q %q", code, out, errOut)
	}
}

func TestDemoAndVersion(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	code, out, errOut := hs(t, db, "demo", "--count", "30")
	if code != 0 || !strings.Contains(out, "made 30 post-mortems") {
		t.Fatalf("demo: %d %q %q", code, out, errOut)
	}
	if code, out, _ := hs(t, "", "version"); code != 0 || !strings.HasPrefix(out, "hindsight ") {
		t.Errorf("version: %d %q", code, out)
	}
}

// TestServeBinary builds the real binary, serves (the default, with no
// command) on a free port, prints the one-time setup link of a new
// instance, through which the first admin signs up and then reads the
// API, and stops cleanly on SIGTERM.
func TestServeBinary(t *testing.T) {
	bin := binary(t)
	cmd := exec.Command(bin, "--addr", "127.0.0.1:0", "--db", filepath.Join(t.TempDir(), "h.db"))
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() {
		t.Fatal("serve printed nothing")
	}
	first := lines.Text()
	url := strings.Fields(strings.TrimPrefix(first, "Hindsight is serving "))[0]
	setup := ""
	for setup == "" && lines.Scan() {
		if f := strings.Fields(lines.Text()); len(f) == 1 && strings.Contains(f[0], "/setup/") {
			setup = f[0]
		}
	}
	if !strings.HasPrefix(setup, url+"/setup/") {
		t.Fatalf("no setup link printed for %s: %q", url, setup)
	}
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	get := func(path string, want int) {
		t.Helper()
		res, err := browser.Get(url + path)
		if err != nil || res.StatusCode != want {
			t.Fatalf("GET %s: %v %v, want %d", path, res, err, want)
		}
		res.Body.Close()
	}
	get("/healthz", 200)
	get("/api/v1/postmortems", 401)
	form := neturl.Values{"email": {"first@example.com"}, "name": {"First Admin"}, "password": {"correct horse battery staple"}, "password2": {"correct horse battery staple"}}
	res, err := browser.PostForm(setup, form)
	if err != nil || res.StatusCode != 200 || !strings.HasSuffix(res.Request.URL.Path, "/admin/users") {
		t.Fatalf("setup: %v %v", res, err)
	}
	res.Body.Close()
	get("/api/v1/postmortems", 200)
	res, err = http.PostForm(setup, form)
	if err != nil || res.StatusCode != 403 {
		t.Fatalf("the setup link worked twice: %v %v", res, err)
	}
	res.Body.Close()
	// A request still arriving when SIGTERM comes is finished and
	// answered before the process stops.
	conn, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	body := "email=a%40example.com&password=not-the-password"
	fmt.Fprintf(conn, "POST /signin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s", len(body), body[:10])
	time.Sleep(100 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGTERM)
	time.Sleep(300 * time.Millisecond)
	conn.Write([]byte(body[10:]))
	status, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil || !strings.HasPrefix(status, "HTTP/1.1 422") {
		t.Fatalf("the request in flight at SIGTERM: %q %v", status, err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve exited with %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop on SIGTERM")
	}
}

// TestAbsentDatabase starts against a PostgreSQL that does not answer:
// the command says which database and stops with 1.
func TestAbsentDatabase(t *testing.T) {
	code, _, errOut := hs(t, "postgres://nobody:secret@127.0.0.1:1/none?sslmode=disable&connect_timeout=2", "export", "x")
	if code != 1 || !strings.Contains(errOut, "open database postgres://nobody:xxxxx@127.0.0.1:1/none") || strings.Contains(errOut, "secret") {
		t.Fatalf("absent database: %d %q", code, errOut)
	}
}

// TestImportChat brings a Slack export's pinned and reacted-to messages
// in the window in as a new draft, then adds a CSV timeline to it.
func TestImportChat(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	slack := filepath.Join("..", "..", "internal", "chatimport", "testdata", "slack")
	code, out, errOut := hs(t, db, "import", "--slack", slack, "--from", "2026-03-10T09:00:00Z", "--until", "2026-03-10T23:00:00Z", "--title", "Checkout timeouts")
	if code != 0 || !strings.Contains(errOut, "7 messages read, 6 in the window, 4 added") {
		t.Fatalf("slack import: %d %q %q", code, out, errOut)
	}
	id := strings.TrimSpace(out)
	csv := filepath.Join("..", "..", "internal", "chatimport", "testdata", "timeline.csv")
	if code, _, errOut := hs(t, db, "import", "--csv", csv, "--zone", "UTC", "--all-messages", "--into", id); code != 0 || !strings.Contains(errOut, "3 added") {
		t.Fatalf("csv into: %d %q", code, errOut)
	}
	_, md, _ := hs(t, db, "export", id)
	for _, want := range []string{"- 09:42 UTC — Action: Pool size changed from 64 to 8 (Deploy bot)", "- 09:58 UTC — Checkout error rate is at 12%, paging @Jonas Weber (Priya Raman)", "Pool size back to 64, deployed (Jonas Weber)"} {
		if !strings.Contains(md, want) {
			t.Errorf("export lacks %q:\n%s", want, md)
		}
	}
	if code, _, _ := hs(t, db, "import", "--chat", csv); code != 1 {
		t.Errorf("pasted chat without --date: %d, want 1", code)
	}
	if code, _, _ := hs(t, db, "import", "x.md", "--csv", csv); code != 2 {
		t.Errorf("files and a chat source together: %d, want 2", code)
	}
}

// TestImportFromMorgue imports a Morgue database twice: the second run
// adds nothing.
func TestImportFromMorgue(t *testing.T) {
	td := filepath.Join("..", "..", "internal", "morgue", "testdata")
	url := morguetest.Database(t, filepath.Join(td, "schema.sql"), filepath.Join(td, "data.sql"))
	db := filepath.Join(t.TempDir(), "h.db")
	code, out, errOut := hs(t, db, "import", "--from-morgue", url)
	if code != 0 || len(strings.Fields(out)) != 2 || !strings.Contains(errOut, "3 post-mortems read, 2 imported, 0 imported before, 1 deleted") {
		t.Fatalf("morgue: %d %q %q", code, out, errOut)
	}
	code, out, errOut = hs(t, db, "import", "--from-morgue", url)
	if code != 0 || out != "" || !strings.Contains(errOut, "0 imported, 2 imported before") {
		t.Fatalf("morgue again: %d %q %q", code, out, errOut)
	}
	if code, _, errOut := hs(t, db, "import", "--from-morgue", "mysql://root@127.0.0.1:1/none"); code != 1 || !strings.Contains(errOut, "nothing was imported") {
		t.Errorf("an absent Morgue: %d %q", code, errOut)
	}
}
