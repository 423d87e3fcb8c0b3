package storedoc

import (
	"context"
	"iter"

	"hindsight"
)

// Encoded is a post-mortem with every stored form a save writes of it
// worked out: both engines write these values, whether one post-mortem is
// saved or a bulk load writes thousands, so both paths store the same.
type Encoded struct {
	*hindsight.PostMortem
	Doc, Summary []byte
	Text         SearchText
	// Countermeasures are the stored form of each countermeasure, in order.
	Countermeasures [][]byte
	// People are the names the post-mortem gives (PostMortem.People) and
	// their keys (hindsight.PersonKey), index by index.
	People, PeopleKeys []string
}

// EncodeWrite works out every stored form of p.
func EncodeWrite(p *hindsight.PostMortem) (Encoded, error) {
	e := Encoded{PostMortem: p, Text: TextOf(p), People: p.People()}
	var err error
	if e.Doc, err = Encode(p); err != nil {
		return e, err
	}
	if e.Summary, err = EncodeSummary(p); err != nil {
		return e, err
	}
	e.Countermeasures = make([][]byte, len(p.Countermeasures))
	for i, c := range p.Countermeasures {
		if e.Countermeasures[i], err = EncodeCountermeasure(c); err != nil {
			return e, err
		}
	}
	e.PeopleKeys = make([]string, len(e.People))
	for i, n := range e.People {
		e.PeopleKeys[i] = hindsight.PersonKey(n)
	}
	return e, nil
}

// loadAhead is how many encoded batches a bulk load keeps ready for the
// writer: enough that it never waits on a batch being made, few enough to
// bound memory.
const loadAhead = 2

// Encoding stamps (see Stamp) and encodes the batches of a bulk load in a
// goroutine of its own, so making, checking and encoding post-mortems runs
// on one core while the database writes on another. Stopping the
// iteration early stops the goroutine.
func Encoding(ctx context.Context, batches iter.Seq2[[]*hindsight.PostMortem, error]) iter.Seq2[[]Encoded, error] {
	type result struct {
		batch []Encoded
		err   error
	}
	return func(yield func([]Encoded, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		out := make(chan result, loadAhead)
		defer func() {
			cancel()
			for range out { // wait for the goroutine, so no work outlives the load
			}
		}()
		go func() {
			defer close(out)
			send := func(r result) bool {
				select {
				case out <- r:
					return r.err == nil
				case <-ctx.Done():
					return false
				}
			}
			for ps, err := range batches {
				if err != nil {
					send(result{err: err})
					return
				}
				stamped := Stamp(ps)
				r := result{batch: make([]Encoded, len(ps))}
				for i := range stamped {
					if r.batch[i], r.err = EncodeWrite(&stamped[i]); r.err != nil {
						break
					}
				}
				if !send(r) {
					return
				}
			}
		}()
		for r := range out {
			if !yield(r.batch, r.err) || r.err != nil {
				return
			}
		}
		if err := ctx.Err(); err != nil {
			yield(nil, err)
		}
	}
}
