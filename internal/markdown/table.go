package markdown

import (
	"strings"
	"unicode/utf8"
)

// writeTable writes a GitHub-style table with aligned columns, as the
// guide's template does. Cells are escaped so any text survives.
func writeTable(b *strings.Builder, header []string, rows [][]string) {
	width := make([]int, len(header))
	esc := func(row []string) []string {
		out := make([]string, len(row))
		for i, c := range row {
			out[i] = escapeCell(c)
			width[i] = max(width[i], utf8.RuneCountInString(out[i]), 3)
		}
		return out
	}
	head := esc(header)
	body := make([][]string, len(rows))
	for i, r := range rows {
		body[i] = esc(r)
	}
	line := func(cells []string) {
		b.WriteString("|")
		for i, c := range cells {
			b.WriteString(" " + c + strings.Repeat(" ", width[i]-utf8.RuneCountInString(c)) + " |")
		}
		b.WriteString("\n")
	}
	line(head)
	dashes := make([]string, len(width))
	for i, w := range width {
		dashes[i] = strings.Repeat("-", w)
	}
	line(dashes)
	for _, r := range body {
		line(r)
	}
}

// escapeCell makes text safe inside a table cell: backslashes and pipes
// are escaped and line breaks become <br>.
func escapeCell(s string) string {
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "\n", "<br>")
}

// isTableRow reports whether a line is a table row.
func isTableRow(line string) bool {
	t := strings.TrimSpace(line)
	return strings.HasPrefix(t, "|") && len(t) > 1
}

// isDelimiterRow reports whether cells are a header delimiter (---, :--:).
func isDelimiterRow(cells []string) bool {
	for _, c := range cells {
		c = strings.Trim(strings.TrimSpace(c), ":")
		if c == "" || strings.Trim(c, "-") != "" {
			return false
		}
	}
	return len(cells) > 0
}

// splitRow splits a table row into unescaped, trimmed cells.
func splitRow(line string) []string {
	t := strings.TrimSpace(line)
	t = strings.TrimPrefix(t, "|")
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c == '\\' && i+1 < len(t) && (t[i+1] == '|' || t[i+1] == '\\'):
			cur.WriteByte(t[i+1])
			i++
		case c == '|':
			cells = append(cells, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	if rest := cur.String(); strings.TrimSpace(rest) != "" {
		cells = append(cells, rest)
	}
	for i, c := range cells {
		cells[i] = strings.ReplaceAll(strings.TrimSpace(c), "<br>", "\n")
	}
	return cells
}

// table is a parsed Markdown table: its header and body rows.
type table struct {
	header     []string
	rows       [][]string
	start, end int // the table's lines are lines[start:end]
}

// parseTables finds the tables in a section body.
func parseTables(lines []string) []table {
	var out []table
	for i := 0; i < len(lines); i++ {
		if !isTableRow(lines[i]) || i+1 >= len(lines) || !isTableRow(lines[i+1]) || !isDelimiterRow(splitRow(lines[i+1])) {
			continue
		}
		t := table{header: splitRow(lines[i]), start: i}
		i += 2
		for ; i < len(lines) && isTableRow(lines[i]); i++ {
			t.rows = append(t.rows, splitRow(lines[i]))
		}
		t.end = i
		out = append(out, t)
	}
	return out
}

// cell returns row[i], or "" when the row is short.
func cell(row []string, i int) string {
	if i < 0 || i >= len(row) {
		return ""
	}
	return row[i]
}

// column finds the first header whose normalised name is one of names.
func (t table) column(names ...string) int {
	for i, h := range t.header {
		h = normHeading(h)
		for _, n := range names {
			if h == n {
				return i
			}
		}
	}
	return -1
}
