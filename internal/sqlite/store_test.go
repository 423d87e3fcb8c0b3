package sqlite_test

import (
	"path/filepath"
	"testing"

	"hindsight"
	"hindsight/internal/sqlite"
	"hindsight/internal/storetest"
)

func openTemp(t *testing.T) hindsight.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "hindsight.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) { storetest.Run(t, openTemp) }
