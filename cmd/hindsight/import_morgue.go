package main

import (
	"encoding/json"
	"fmt"

	"hindsight/internal/config"
	"hindsight/internal/morgue"
)

// runMorgueImport brings in every post-mortem of a Morgue database not
// imported before, as drafts, in one transaction.
func runMorgueImport(a *app, cfgOf func() (config.Config, error), url string, asJSON bool) error {
	svc, _, closeStore, err := openConfigured(a.ctx, cfgOf)
	if err != nil {
		return err
	}
	defer closeStore()
	res, err := morgue.Import(a.ctx, svc, url)
	if err != nil {
		return fail("%v; nothing was imported", err)
	}
	if asJSON {
		return json.NewEncoder(a.stdout).Encode(res)
	}
	for id, rep := range res.Reports {
		fmt.Fprintln(a.stdout, id)
		if len(rep.NotRecognised)+len(rep.Assumed) > 0 {
			fmt.Fprintf(a.stderr, "%s: %v %v\n", id, rep.NotRecognised, rep.Assumed)
		}
	}
	fmt.Fprintf(a.stderr, "Morgue: %d post-mortems read, %d imported, %d imported before, %d deleted in Morgue and left out\n",
		res.Read, res.Imported, res.AlreadyImported, res.Deleted)
	return nil
}
