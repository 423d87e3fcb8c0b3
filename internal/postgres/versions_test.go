package postgres_test

import (
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/postgres"
	"hindsight/internal/postgres/pgtest"
	"hindsight/internal/storetest"
)

// TestVersionsAcrossInstances checks that a change written through one
// instance is known to another, which keeps its versions in memory, by
// the time the write returns; and that the other stops trusting its
// memory when its listening connection is cut — reading the versions
// from the database meanwhile — and trusts it again once it listens.
func TestVersionsAcrossInstances(t *testing.T) {
	url := pgtest.URL(t)
	var a, b *postgres.Store
	for _, s := range []**postgres.Store{&a, &b} {
		var err error
		if *s, err = postgres.Open(t.Context(), url, postgres.Options{}); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { (*s).Close() })
		if _, err := (*s).Versions(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "both to listen", func() bool { return a.Listening() && b.Listening() })
	ctx := t.Context()
	knows := func(what string) {
		t.Helper()
		va, err := a.Versions(ctx)
		if err != nil {
			t.Fatal(err)
		}
		vb, err := b.Versions(ctx)
		if err != nil || !vb.Covers(va) {
			t.Fatalf("right after %s through a (%+v), b knows %+v (%v)", what, va, vb, err)
		}
	}
	p := storetest.Minimal("Seen elsewhere")
	p.Normalize()
	for i := range 20 {
		if i == 0 {
			if err := a.Create(ctx, p); err != nil {
				t.Fatal(err)
			}
		} else if err := a.Update(ctx, p, hindsight.Change{}); err != nil {
			t.Fatal(err)
		}
		knows("a save")
	}
	if err := a.CommitSession(ctx, "s", []byte("one"), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := a.DeleteSession(ctx, "s"); err != nil {
		t.Fatal(err)
	}
	knows("a sign-out")
	if err := a.RecordRead(ctx, p.ID, "reader", time.Now()); err != nil {
		t.Fatal(err)
	}
	knows("a first reading")

	// A bulk load moves the data version without the usual trigger; the
	// counter's table announces it all the same.
	va, _ := a.Versions(ctx)
	bulk := storetest.Minimal("Loaded in bulk")
	bulk.Normalize()
	if err := a.CreateAll(ctx, func(yield func([]*hindsight.PostMortem, error) bool) { yield([]*hindsight.PostMortem{bulk}, nil) }); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "b to hear of a bulk load", func() bool {
		vb, err := b.Versions(ctx)
		return err == nil && vb.Data > va.Data
	})

	// Cut both listening connections: b reads the versions meanwhile,
	// then listens again.
	admin := pgtest.Admin(t)
	defer admin.Close()
	if _, err := admin.Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE starts_with(application_name, $1)`, postgres.ListenerName); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "b to stop trusting its memory", func() bool { return !b.Listening() })
	if err := a.Update(ctx, p, hindsight.Change{}); err != nil {
		t.Fatal(err)
	}
	knows("a save while neither listens")
	waitFor(t, "both to listen again", func() bool { return a.Listening() && b.Listening() })
	if err := a.Update(ctx, p, hindsight.Change{}); err != nil {
		t.Fatal(err)
	}
	knows("a save after both listen again")
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for start := time.Now(); !ok(); time.Sleep(time.Millisecond) {
		if time.Since(start) > 5*time.Second {
			t.Fatalf("waited 5 s for %s", what)
		}
	}
}
