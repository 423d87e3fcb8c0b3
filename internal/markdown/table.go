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
// are escaped, line breaks become <br> (a "<br>" typed as text is escaped)
// and a value that would read as a template placeholder ("<Name>", "-")
// has its first character escaped.
func escapeCell(s string) string {
	orig := s
	s = strings.ReplaceAll(s, `\`, `\\`)
	s = strings.ReplaceAll(s, "|", `\|`)
	s = strings.ReplaceAll(s, "<br>", `\<br>`)
	s = strings.ReplaceAll(s, "\n", "<br>")
	if orig != "" && placeholder(orig) == "" && !strings.HasPrefix(s, `\`) {
		s = `\` + s
	}
	return s
}

// unescapeCell reads a raw cell: "<br>" is a line break and a backslash
// before ASCII punctuation escapes it, as in CommonMark.
func unescapeCell(raw string) string {
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		switch {
		case raw[i] == '\\' && i+1 < len(raw) && isASCIIPunct(raw[i+1]):
			b.WriteByte(raw[i+1])
			i++
		case strings.HasPrefix(raw[i:], "<br>"):
			b.WriteByte('\n')
			i += len("<br>") - 1
		default:
			b.WriteByte(raw[i])
		}
	}
	return b.String()
}

func isASCIIPunct(c byte) bool {
	return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
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

// splitRow splits a table row into raw, trimmed cells: escapes are kept
// (cell unescapes), so an escaped pipe does not end a cell.
func splitRow(line string) []string {
	t := strings.TrimSpace(line)
	t = strings.TrimPrefix(t, "|")
	var cells []string
	start := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '\\':
			i++
		case '|':
			cells = append(cells, t[start:i])
			start = i + 1
		}
	}
	if rest := t[min(start, len(t)):]; strings.TrimSpace(rest) != "" {
		cells = append(cells, rest)
	}
	for i, c := range cells {
		cells[i] = strings.TrimSpace(c)
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
		for ; i < len(lines) && (isTableRow(lines[i]) || strings.TrimSpace(lines[i]) == "|"); i++ {
			// A lone "|" closes a row whose cell text broke onto a new line.
			if strings.TrimSpace(lines[i]) != "|" {
				t.rows = append(t.rows, splitRow(lines[i]))
			}
		}
		t.end = i
		out = append(out, t)
	}
	return out
}

// cell returns the text of row[i]: "" when the row is short or the cell
// holds a template placeholder, else the cell unescaped.
func cell(row []string, i int) string {
	if i < 0 || i >= len(row) || placeholder(row[i]) == "" {
		return ""
	}
	return strings.TrimSpace(unescapeCell(row[i]))
}

// column finds the first header whose normalised name is one of names.
func (t table) column(names ...string) int {
	for i, h := range t.header {
		h = normHeading(unescapeCell(h))
		for _, n := range names {
			if h == n {
				return i
			}
		}
	}
	return -1
}

// columnPrefix finds the first header that is one of names or starts with
// one followed by a space ("Time (UTC)", "Event description").
func (t table) columnPrefix(names ...string) int {
	for i, h := range t.header {
		h = normHeading(unescapeCell(h))
		for _, n := range names {
			if h == n || strings.HasPrefix(h, n+" ") {
				return i
			}
		}
	}
	return -1
}

// headerName is column i's header, or "column N" past the header's end.
func headerName(t table, i int) string {
	if i < len(t.header) && t.header[i] != "" {
		return unescapeCell(t.header[i])
	}
	return "column " + itoa(i+1)
}
