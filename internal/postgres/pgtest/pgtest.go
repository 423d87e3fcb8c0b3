// Package pgtest gives tests a fresh PostgreSQL database of their own.
// Locally the tests skip when no server answers; under CI=true a missing
// server fails them, so CI can never pass by skipping.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// DefaultURL is the server on this project's machines: trust auth on
// 127.0.0.1:5432. HINDSIGHT_TEST_POSTGRES overrides it.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// AdminURL is the URL of the server's maintenance database.
func AdminURL() string {
	if u := os.Getenv("HINDSIGHT_TEST_POSTGRES"); u != "" {
		return u
	}
	return DefaultURL
}

// Admin connects to the maintenance database, skipping (or, under CI,
// failing) the test when the server does not answer.
func Admin(t testing.TB) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", AdminURL())
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err = db.PingContext(ctx)
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL is required under CI=true but does not answer at %s: %v", AdminURL(), err)
		}
		t.Skipf("no PostgreSQL at %s (set HINDSIGHT_TEST_POSTGRES): %v", AdminURL(), err)
	}
	return db
}

// URL creates a new, empty database for the test and returns its URL; the
// database is dropped when the test ends.
func URL(t testing.TB) string {
	t.Helper()
	admin := Admin(t)
	b := make([]byte, 6)
	rand.Read(b)
	name := "hindsight_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		admin.Close()
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
			t.Logf("drop test database %s: %v", name, err)
		}
	})
	return WithDatabase(AdminURL(), name)
}

// WithDatabase returns base with its database name replaced.
func WithDatabase(base, name string) string {
	u, err := url.Parse(base)
	if err != nil {
		panic(fmt.Sprintf("bad PostgreSQL URL %q: %v", base, err))
	}
	u.Path = "/" + name
	return u.String()
}
