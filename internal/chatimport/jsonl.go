package chatimport

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// ReadJSONLines reads one JSON object a line with a time ("time", "ts",
// "at" or "timestamp"), who ("who", "author", "user" or "reported_by"),
// what ("what", "text", "message") and optionally "kind" and "pinned".
func ReadJSONLines(r io.Reader, loc *time.Location) ([]Message, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	var out []Message
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var o map[string]any
		if err := json.Unmarshal([]byte(line), &o); err != nil {
			return nil, fmt.Errorf("JSON line %d: %w", n, err)
		}
		pick := func(keys ...string) string {
			for _, k := range keys {
				if v, ok := o[k]; ok && v != nil {
					if f, ok := v.(float64); ok {
						return fmt.Sprintf("%.6f", f)
					}
					return fmt.Sprint(v)
				}
			}
			return ""
		}
		m, err := message(pick("time", "ts", "at", "timestamp"), pick("who", "author", "user", "reported_by"), pick("what", "text", "message"), pick("kind"), loc)
		if err != nil {
			return nil, fmt.Errorf("JSON line %d: %w", n, err)
		}
		m.Marked = pick("pinned") == "true"
		out = append(out, m)
	}
	return out, sc.Err()
}
