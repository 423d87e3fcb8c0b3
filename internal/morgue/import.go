package morgue

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	_ "github.com/go-sql-driver/mysql" // registers the "mysql" driver

	"hindsight"
	"hindsight/internal/importer"
	"hindsight/internal/markdown"
)

// Result says what an import did.
type Result struct {
	Read            int `json:"read"`
	Deleted         int `json:"deleted_in_morgue"`
	AlreadyImported int `json:"already_imported"`
	Imported        int `json:"imported"`
	// Reports holds, for each imported post-mortem, what needs a look.
	Reports map[string]*markdown.Report `json:"reports"`
}

// Import reads the Morgue database at rawURL and creates, in one
// transaction, a draft for every post-mortem not deleted in Morgue and not
// imported before.
func Import(ctx context.Context, svc *hindsight.Service, rawURL string) (Result, error) {
	res := Result{Reports: map[string]*markdown.Report{}}
	dsn, source, err := DSN(rawURL)
	if err != nil {
		return res, err
	}
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		return res, err
	}
	defer db.Close()
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(pingCtx); err != nil {
		return res, fmt.Errorf("open Morgue database %s: %w", redact(rawURL), err)
	}
	recs, err := Read(ctx, db)
	if err != nil {
		return res, err
	}
	res.Read = len(recs)
	var fresh []*hindsight.PostMortem
	for _, r := range recs {
		if r.Columns["deleted"] == "1" {
			res.Deleted++
			continue
		}
		p := Convert(r, source)
		switch _, err := svc.Get(ctx, p.ID); {
		case err == nil:
			res.AlreadyImported++
			continue
		case !errors.Is(err, hindsight.ErrNotFound):
			return res, err
		}
		rep := &markdown.Report{Recognised: []string{}, NotRecognised: []string{}, Assumed: []string{}}
		importer.Fit(p, rep, svc.Policy)
		res.Reports[p.ID] = rep
		fresh = append(fresh, p)
	}
	if err := svc.CreateMany(ctx, fresh); err != nil {
		return res, err
	}
	res.Imported = len(fresh)
	return res, nil
}
