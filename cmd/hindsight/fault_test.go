package main

import (
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"hindsight"
	"hindsight/internal/config"
	"hindsight/internal/postgres/pgtest"
)

// TestKillUnderWriteLoad kills the server with SIGKILL while eight clients
// write, on each engine, and finds every write the server acknowledged
// (201) in the database afterwards.
func TestKillUnderWriteLoad(t *testing.T) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "h.db")
			if engine == "postgres" {
				db = pgtest.URL(t)
			}
			if code, _, errOut := hsIn(t, "correct horse battery staple\n", "user", "add", "ops@example.com", "--role", "admin", "--password-stdin", "--db", db); code != 0 {
				t.Fatalf("user add: %s", errOut)
			}
			_, token, _ := hsIn(t, "", "token", "create", "ops@example.com", "--db", db)
			token = strings.TrimSpace(token)
			url, cmd := serving(t, "--db", db, "--rate-limits", "off")

			var mu sync.Mutex
			var acked []string
			stop := make(chan struct{})
			var wg sync.WaitGroup
			for w := range 8 {
				wg.Go(func() {
					for i := 0; ; i++ {
						select {
						case <-stop:
							return
						default:
						}
						body := fmt.Sprintf(`{"title":"writer %d, write %d","summary":"%s"}`, w, i, strings.Repeat("text ", 200))
						req, _ := http.NewRequest("POST", url+"/api/v1/postmortems", strings.NewReader(body))
						req.Header.Set("Authorization", "Bearer "+token)
						req.Header.Set("Content-Type", "application/json")
						res, err := http.DefaultClient.Do(req)
						if err != nil {
							continue // the server is gone: not acknowledged
						}
						b, _ := io.ReadAll(res.Body)
						res.Body.Close()
						if res.StatusCode == http.StatusCreated {
							var id string
							if _, after, ok := strings.Cut(string(b), `"id":"`); ok {
								id, _, _ = strings.Cut(after, `"`)
							}
							mu.Lock()
							acked = append(acked, id)
							mu.Unlock()
						}
					}
				})
			}
			time.Sleep(1500 * time.Millisecond)
			cmd.Process.Kill() // SIGKILL: no shutdown, no flush
			cmd.Wait()
			close(stop)
			wg.Wait()
			if len(acked) < 20 {
				t.Fatalf("only %d writes were acknowledged before the kill", len(acked))
			}
			cfg := config.Default()
			cfg.DB = db
			store, err := cfg.OpenStore(t.Context())
			if err != nil {
				t.Fatalf("the database does not open after the kill: %v", err)
			}
			defer store.Close()
			svc := hindsight.NewService(store, hindsight.DefaultPolicy())
			cli := hindsight.CommandLine(t.Context())
			lost := 0
			for _, id := range acked {
				if _, err := svc.Get(cli, id); err != nil {
					lost++
				}
			}
			t.Logf("%s: %d acknowledged writes before SIGKILL, %d lost", engine, len(acked), lost)
			if lost > 0 {
				t.Fatalf("%d of %d acknowledged writes were lost", lost, len(acked))
			}
		})
	}
}
