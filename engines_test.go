package hindsight_test

import (
	"path/filepath"
	"testing"

	"hindsight"
	"hindsight/internal/postgres"
	"hindsight/internal/postgres/pgtest"
	"hindsight/internal/sqlite"
)

// onEngines runs a service test on SQLite and on PostgreSQL; each test
// sets the service's clock.
func onEngines(t *testing.T, test func(t *testing.T, svc *hindsight.Service)) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "h.db"), sqlite.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		test(t, hindsight.NewService(s, hindsight.DefaultPolicy()))
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		s, err := postgres.Open(t.Context(), pgtest.URL(t), postgres.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		test(t, hindsight.NewService(s, hindsight.DefaultPolicy()))
	})
}
