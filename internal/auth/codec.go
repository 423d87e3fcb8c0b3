package auth

import (
	"encoding/json"
	"time"

	"github.com/alexedwards/scs/v2"
)

// sessionCodec keeps session data as JSON. scs's default, gob, makes a
// new decoder for every request, which sends and compiles the type
// description each time: profiling showed it as a third of a cached
// page's server time. Hindsight's session values are strings (and scs's
// own flag a bool), which JSON gives back as they went in; anything else
// is kept by gob, as are sessions stored before — gob's data for this
// struct starts with its length byte (0x25), never '{'.
type sessionCodec struct{}

// sessionData is what a session holds, as scs.GobCodec holds it.
type sessionData struct {
	Deadline time.Time      `json:"deadline"`
	Values   map[string]any `json:"values"`
}

func (sessionCodec) Encode(deadline time.Time, values map[string]any) ([]byte, error) {
	for _, v := range values {
		switch v.(type) {
		case string, bool:
		default:
			return scs.GobCodec{}.Encode(deadline, values)
		}
	}
	return json.Marshal(sessionData{deadline, values})
}

func (sessionCodec) Decode(b []byte) (time.Time, map[string]any, error) {
	if len(b) == 0 || b[0] != '{' {
		return scs.GobCodec{}.Decode(b)
	}
	var d sessionData
	if err := json.Unmarshal(b, &d); err != nil {
		return time.Time{}, nil, err
	}
	if d.Values == nil {
		d.Values = map[string]any{}
	}
	return d.Deadline, d.Values, nil
}
