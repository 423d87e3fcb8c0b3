// Package enginetest runs a test on each storage engine — a fresh SQLite
// file and a fresh PostgreSQL database (skipped locally without one,
// failing under CI=true) — in parallel, so packages above the store need
// not repeat how each is opened.
package enginetest

import (
	"path/filepath"
	"testing"

	"hindsight"
	"hindsight/internal/postgres"
	"hindsight/internal/postgres/pgtest"
	"hindsight/internal/sqlite"
)

// Stores runs test on each engine's store; pg says which one it is.
func Stores(t *testing.T, test func(t *testing.T, s hindsight.Store, pg bool)) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "h.db"), sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		test(t, s, false)
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		s, err := postgres.Open(t.Context(), pgtest.URL(t), postgres.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		test(t, s, true)
	})
}

// Services runs test on a service over each engine's store, with the
// default policy.
func Services(t *testing.T, test func(t *testing.T, svc *hindsight.Service)) {
	Stores(t, func(t *testing.T, s hindsight.Store, _ bool) {
		test(t, hindsight.NewService(s, hindsight.DefaultPolicy()))
	})
}
