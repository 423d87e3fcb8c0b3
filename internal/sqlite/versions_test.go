package sqlite_test

import (
	"path/filepath"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/sqlite"
	"hindsight/internal/storetest"
)

// TestVersionsSeeOtherWriters writes to the file through a second store,
// as the command line does while the server runs: the server's store
// knows of each change the moment it is committed, data and identity.
func TestVersionsSeeOtherWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hindsight.db")
	var server, cli *sqlite.Store
	for _, s := range []**sqlite.Store{&server, &cli} {
		var err error
		if *s, err = sqlite.Open(t.Context(), path, sqlite.Options{}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { (*s).Close() })
	}
	ctx := t.Context()
	before, err := server.Versions(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if again, err := server.Versions(ctx); err != nil || again != before {
			t.Fatalf("nothing changed, yet the versions went from %+v to %+v (%v)", before, again, err)
		}
	}
	p := storetest.Minimal("Written elsewhere")
	p.Normalize()
	if err := cli.Create(ctx, p); err != nil {
		t.Fatal(err)
	}
	after, err := server.Versions(ctx)
	if err != nil || after.Data <= before.Data {
		t.Fatalf("a post-mortem created through another connection: data version %d → %d (%v)", before.Data, after.Data, err)
	}
	u := &hindsight.User{Email: "cli@example.com", Name: "C", Role: hindsight.Editor, CreatedAt: time.Now()}
	if err := cli.CreateUser(ctx, u, hindsight.Credentials{}); err != nil {
		t.Fatal(err)
	}
	u.Disabled = true
	if err := cli.UpdateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	if v, err := server.Versions(ctx); err != nil || v.Identity <= after.Identity {
		t.Fatalf("an account disabled through another connection: identity version %d → %d (%v)", after.Identity, v.Identity, err)
	}
}
