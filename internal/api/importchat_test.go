package api_test

import (
	"archive/zip"
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"hindsight"
)

// zipDir packs a folder the way Slack ships an export.
func zipDir(t *testing.T, dir string) []byte {
	t.Helper()
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		w, _ := z.Create(filepath.ToSlash(rel))
		data, _ := os.ReadFile(path)
		w.Write(data)
		return nil
	})
	z.Close()
	return b.Bytes()
}

func TestImportChat(t *testing.T) {
	engines(t, func(t *testing.T, c *client) {
		export := zipDir(t, filepath.Join("..", "chatimport", "testdata", "slack"))
		res := c.do("POST", "/api/v1/postmortems/import/chat?format=slack&from=2026-03-10T09:00:00Z&to=2026-03-10T23:00:00Z&title=Checkout", "application/zip", export)
		var got struct {
			hindsight.PostMortem
			ChatImport struct {
				Read     int `json:"messages_read"`
				InWindow int `json:"messages_in_window"`
				Added    int `json:"events_added"`
			} `json:"chat_import"`
		}
		res.json(t, &got)
		if res.status != http.StatusCreated || got.ChatImport.Added != 4 || got.ChatImport.InWindow != 6 || len(got.Events) != 4 || got.Events[0].ReportedBy != "Priya Raman" || got.Status != "draft" {
			t.Fatalf("slack: %d %s", res.status, res.body)
		}
		csv, _ := os.ReadFile(filepath.Join("..", "chatimport", "testdata", "timeline.csv"))
		res = c.do("POST", "/api/v1/postmortems/import/chat?format=csv&messages=all&into="+got.ID, "text/csv", csv)
		var into hindsight.PostMortem
		res.json(t, &into)
		if res.status != http.StatusOK || len(into.Events) != 7 || into.Events[0].Text != "Pool size changed from 64 to 8" {
			t.Fatalf("csv into: %d %s", res.status, res.body)
		}
		c.do("POST", "/api/v1/postmortems/import/chat?format=fax&zone=Mars/Base", "text/plain", nil).problem(t, 400, "zone")
		c.do("POST", "/api/v1/postmortems/import/chat?format=text", "text/plain", []byte("[10:42] Ana: hi")).problem(t, 422, "body")
	})
}
