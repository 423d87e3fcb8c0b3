package morgue_test

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"hindsight"
	"hindsight/internal/morgue"
	"hindsight/internal/morgue/morguetest"
	"hindsight/internal/sqlite"
)

// TestImportFromMorgue loads Morgue's schema and data into a real MariaDB,
// imports it, checks every part came across, and imports again: the second
// run adds nothing.
func TestImportFromMorgue(t *testing.T) {
	url := morguetest.Database(t, filepath.Join("testdata", "schema.sql"), filepath.Join("testdata", "data.sql"))
	store, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "h.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	svc := hindsight.NewService(store, hindsight.DefaultPolicy())
	res, err := morgue.Import(t.Context(), svc, url)
	if err != nil {
		t.Fatal(err)
	}
	if res.Read != 3 || res.Deleted != 1 || res.Imported != 2 || res.AlreadyImported != 0 {
		t.Fatalf("first import: %+v", res)
	}
	_, source, _ := morgue.DSN(url)
	p, err := svc.Get(t.Context(), morgue.ID(source, 1))
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ name, got, want string }{
		{"title", p.Title, "Search results empty after index rebuild"},
		{"status", string(p.Status), "draft"},
		{"severity", p.Severity, "SEV2"},
		{"started", p.Incident.StartedAt.Format("2006-01-02 15:04"), "2024-03-10 07:00"},
		{"detected", p.Incident.DetectedAt.Format("15:04"), "07:10"},
		{"ended", p.Incident.EndedAt.Format("15:04"), "07:38"},
		{"status page time", p.Incident.AdditionalTimes[0].Label + " " + p.Incident.AdditionalTimes[0].At.Format("15:04"), "Status page update 07:15"},
		{"summary", p.Summary, "An empty search index went live for 38 minutes."},
		{"description", p.Description, "The nightly index rebuild swapped in an empty index.\n\nSearch returned no results for 38 minutes."},
		{"tags", strings.Join(p.Tags, ","), "indexing,search"},
		{"tickets", p.BugTickets[0].Ref + "," + p.BugTickets[1].Ref + "," + strconv.Itoa(len(p.BugTickets)), "SRCH-311,SRCH-312,2"},
		{"contact", p.Meeting.Contact, "Ana Souza"},
		{"facilitator", p.Meeting.FacilitatedBy + " " + p.Stakeholders[0].Email, "Kwame Mensah kwame@example.com"},
		{"created by", p.Meeting.CreatedBy, "asouza"},
		{"team and service", p.Team + "/" + strings.Join(p.Services, ","), "Discovery/search"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	for _, want := range []string{"![Image 1 from Morgue](https://images.example.com/search-zero-results.png)", "[Customer thread](https://forum.example.com/t/search-outage)", "[Meeting notes](https://docs.example.com/notes/search-index)"} {
		if !strings.Contains(p.AdditionalInfo, want) {
			t.Errorf("additional info lacks %q:\n%s", want, p.AdditionalInfo)
		}
	}
	kept := map[string]string{}
	for _, s := range p.OtherSections {
		kept[s.Heading] = s.Body
	}
	if kept["IRC channels"] != "- #search-ops" || kept["Slack log #search-incident"] != "asouza 07:10 search returns nothing for \"shoes\"\nkmensah 07:21 rolling back to yesterday's index" ||
		kept["Why were we surprised?"] == "" || !strings.Contains(kept["Morgue categories"], "incident cause: Change") {
		t.Errorf("kept sections: %q", kept)
	}
	short, err := svc.Get(t.Context(), morgue.ID(source, 2))
	if err != nil || short.Severity != "" || !strings.Contains(short.OtherSections[len(short.OtherSections)-1].Body, "SEV5") {
		t.Errorf("a severity the policy lacks is kept as written: %v %+v", err, short)
	}
	again, err := morgue.Import(t.Context(), svc, url)
	if err != nil || again.Imported != 0 || again.AlreadyImported != 2 {
		t.Fatalf("second import: %+v %v", again, err)
	}
	if page, _ := svc.List(t.Context(), hindsight.ListFilter{}); len(page.Items) != 2 {
		t.Errorf("%d post-mortems after two imports, want 2", len(page.Items))
	}
}

func TestDSN(t *testing.T) {
	dsn, source, err := morgue.DSN("mysql://morgue:s3cret@db.example.com/morgue?tls=true")
	if err != nil || !strings.Contains(dsn, "morgue:s3cret@tcp(db.example.com:3306)/morgue") || !strings.Contains(dsn, "tls=true") || source != "db.example.com:3306/morgue" {
		t.Errorf("DSN: %q %q %v", dsn, source, err)
	}
	if _, _, err := morgue.DSN("postgres://x:secret@h/db"); err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("a foreign URL: %v", err)
	}
}
