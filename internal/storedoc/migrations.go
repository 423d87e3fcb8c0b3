package storedoc

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Migration is one numbered schema change.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations reads the numbered NNNN_name.sql files of dir in order. Two
// files with one number are refused: the second would never run on a
// database that recorded the first.
func Migrations(fsys fs.FS, dir string) ([]Migration, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.sql"))
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []Migration
	for _, name := range names {
		base := path.Base(name)
		version, err := strconv.Atoi(strings.SplitN(base, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with its number", base)
		}
		if len(out) > 0 && out[len(out)-1].Version == version {
			return nil, fmt.Errorf("migrations %s and %s share the number %d: renumber the newer one", out[len(out)-1].Name, base, version)
		}
		src, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{version, base, string(src)})
	}
	return out, nil
}

// Pending names the migrations in fsys's dir that are not among applied:
// a database an older instance set up, or one still being migrated.
func Pending(fsys fs.FS, dir string, applied []int) ([]string, error) {
	ms, err := Migrations(fsys, dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, m := range ms {
		if !slices.Contains(applied, m.Version) {
			out = append(out, m.Name)
		}
	}
	return out, nil
}

// ReadyError says a database is reachable but not migrated to what this
// binary needs.
func ReadyError(pending []string) error {
	if len(pending) == 0 {
		return nil
	}
	return fmt.Errorf("migrations not applied: %s", strings.Join(pending, ", "))
}
