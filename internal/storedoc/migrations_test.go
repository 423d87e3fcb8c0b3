package storedoc

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestMigrationsRefuseSharedNumbers(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"m/0001_init.sql":  {Data: []byte("CREATE TABLE a (x INT);")},
		"m/0002_auth.sql":  {Data: []byte("CREATE TABLE b (x INT);")},
		"m/0002_other.sql": {Data: []byte("CREATE TABLE c (x INT);")},
	}
	if _, err := Migrations(fsys, "m"); err == nil || !strings.Contains(err.Error(), "share the number 2") {
		t.Fatalf("shared number accepted: %v", err)
	}
	delete(fsys, "m/0002_other.sql")
	ms, err := Migrations(fsys, "m")
	if err != nil || len(ms) != 2 || ms[1].Version != 2 || ms[1].Name != "0002_auth.sql" {
		t.Fatalf("%+v %v", ms, err)
	}
}
