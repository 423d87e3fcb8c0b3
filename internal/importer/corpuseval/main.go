// Command corpuseval measures the Markdown import on a folder of real
// post-mortems (kept outside the repository; their sources are listed in
// internal/importer/testdata/corpus-sources.tsv): the share imported, the
// words kept through import and export, timeline entries with a time, and
// action items with an owner. It writes every timed entry with the time it
// was given, for checking by hand.
//
//	go run ./internal/importer/corpuseval DIR > report.txt
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"hindsight"
	"hindsight/internal/importer"
	"hindsight/internal/markdown"
)

var wordRe = regexp.MustCompile(`[\p{L}\p{N}]*\p{L}[\p{L}\p{N}]*`)

// words counts the words of a text, lower-cased. Numbers are left out:
// times are written again in UTC on export, so their digits change while
// nothing is lost.
func words(s string) map[string]int {
	m := map[string]int{}
	for _, w := range wordRe.FindAllString(strings.ToLower(s), -1) {
		m[w]++
	}
	return m
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: corpuseval DIR")
		os.Exit(2)
	}
	var files []string
	filepath.WalkDir(os.Args[1], func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	pol := hindsight.DefaultPolicy()
	var docs, imported, srcWords, keptWords, events, timed, items, owned, withStatus int
	var times strings.Builder
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			fmt.Println(f, err)
			continue
		}
		docs++
		d, err := importer.Markdown(src, filepath.Base(f), pol)
		if err != nil {
			fmt.Printf("NOT IMPORTED %s: %v\n", f, err)
			continue
		}
		p := d.PostMortem
		p.Normalize()
		if err := p.Validate(pol); err != nil {
			fmt.Printf("NOT IMPORTED %s: %v\n", f, err)
			continue
		}
		imported++
		out := words(string(markdown.Render(p)))
		in := words(string(src))
		kept, total := 0, 0
		for w, n := range in {
			total += n
			kept += min(n, out[w])
		}
		srcWords, keptWords = srcWords+total, keptWords+kept
		t := 0
		fmt.Fprintf(&times, "\n## %s (zone %s)\n", f, d.Report.Zone)
		for _, e := range p.Events {
			if e.At != nil {
				t++
				fmt.Fprintf(&times, "%s  %s\n", e.At.UTC().Format("2006-01-02 15:04 UTC"), firstLine(e.Text, 70))
			} else {
				fmt.Fprintf(&times, "(no time)         %s\n", firstLine(e.Text, 70))
			}
		}
		o, st := 0, 0
		for _, c := range p.Countermeasures {
			if c.Owner != "" {
				o++
			}
			if c.Status != "" {
				st++
			}
		}
		events, timed, items, owned, withStatus = events+len(p.Events), timed+t, items+len(p.Countermeasures), owned+o, withStatus+st
		fmt.Printf("%-70s words %5.1f%%  events %2d (%2d timed)  action items %2d (%d owned)  zone %s\n", trim(f), 100*float64(kept)/float64(max(total, 1)), len(p.Events), t, len(p.Countermeasures), o, d.Report.Zone)
	}
	fmt.Printf("\n%d documents, %d imported (%.0f%%); words kept %.2f%%; %d timeline entries, %d with a time; %d action items, %d with an owner, %d with a status\n",
		docs, imported, 100*float64(imported)/float64(max(docs, 1)), 100*float64(keptWords)/float64(max(srcWords, 1)), events, timed, items, owned, withStatus)
	fmt.Print("\n# Timed entries, for checking by hand\n", times.String())
}

func firstLine(s string, n int) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

func trim(s string) string {
	if len(s) > 70 {
		return "…" + s[len(s)-69:]
	}
	return s
}
