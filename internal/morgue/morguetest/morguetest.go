// Package morguetest gives tests a fresh MariaDB (or MySQL) database of
// their own. Locally the tests skip when no server answers; under CI=true
// a missing server fails them, so CI can never pass by skipping.
package morguetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"strings"
	"testing"
	"time"

	_ "github.com/go-sql-driver/mysql" // registers the "mysql" driver
)

// DefaultAddr is the server on this project's machines: root without a
// password on 127.0.0.1:3306. HINDSIGHT_TEST_MARIADB overrides it with a
// "user:password@tcp(host:port)/" driver DSN.
const DefaultAddr = "root@tcp(127.0.0.1:3306)/"

func adminDSN() string {
	if d := os.Getenv("HINDSIGHT_TEST_MARIADB"); d != "" {
		return d
	}
	return DefaultAddr
}

// Database creates an empty database, loads the SQL files into it, and
// returns a mysql:// URL for it; the database is dropped when the test
// ends.
func Database(t testing.TB, sqlFiles ...string) string {
	t.Helper()
	admin, err := sql.Open("mysql", adminDSN()+"?multiStatements=true")
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		err = admin.PingContext(ctx)
		cancel()
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("MariaDB is required under CI=true but does not answer at %s: %v", adminDSN(), err)
		}
		t.Skipf("no MariaDB at %s (set HINDSIGHT_TEST_MARIADB): %v", adminDSN(), err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "morgue_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE DATABASE " + name + " CHARACTER SET utf8mb4"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP DATABASE IF EXISTS " + name)
		admin.Close()
	})
	db, err := sql.Open("mysql", adminDSN()+name+"?multiStatements=true&charset=utf8mb4")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, f := range sqlFiles {
		script, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(string(script)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	user, host := "root", "127.0.0.1:3306"
	if d := os.Getenv("HINDSIGHT_TEST_MARIADB"); d != "" {
		user, _, _ = strings.Cut(d, "@")
		host = strings.TrimSuffix(strings.TrimPrefix(d[strings.Index(d, "@")+1:], "tcp("), ")/")
	}
	return "mysql://" + user + "@" + host + "/" + name
}
