package auth

import (
	"encoding/json"
	"maps"
	"sync"
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
//
// A session's data changes only when it is written, so requests decode
// the same bytes again and again: what was decoded is kept by its bytes
// (a copy of the values is handed out, as scs changes them).
type sessionCodec struct {
	decoded *decodedSessions
}

// decodedSessions are sessions decoded lately, by their bytes.
type decodedSessions struct {
	mu sync.Mutex
	m  map[string]sessionData
}

// decodedMax bounds the kept sessions; past it they are decoded afresh.
const decodedMax = 10000

func newSessionCodec() sessionCodec {
	return sessionCodec{&decodedSessions{m: map[string]sessionData{}}}
}

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

func (c sessionCodec) Decode(b []byte) (time.Time, map[string]any, error) {
	if len(b) == 0 || b[0] != '{' {
		return scs.GobCodec{}.Decode(b)
	}
	c.decoded.mu.Lock()
	d, ok := c.decoded.m[string(b)]
	c.decoded.mu.Unlock()
	if !ok {
		if err := json.Unmarshal(b, &d); err != nil {
			return time.Time{}, nil, err
		}
		c.decoded.mu.Lock()
		if len(c.decoded.m) >= decodedMax {
			clear(c.decoded.m)
		}
		c.decoded.m[string(b)] = d
		c.decoded.mu.Unlock()
	}
	values := maps.Clone(d.Values)
	if values == nil {
		values = map[string]any{}
	}
	return d.Deadline, values, nil
}
