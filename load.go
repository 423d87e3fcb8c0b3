package hindsight

import (
	"context"
	"iter"
)

// CreateAll validates and stores every batch batches yields, each
// post-mortem as CreateMany stores it, in one load the store makes the
// fastest way its engine has (Store.CreateAll): for demo data and
// benchmarks, where there are many. Editors and admins may. A validation
// error names the item by its place in the whole sequence ("[1234].title")
// and, like any error, leaves nothing written.
func (s *Service) CreateAll(ctx context.Context, batches iter.Seq[[]*PostMortem]) error {
	if _, err := requireRole(ctx, Editor); err != nil {
		return err
	}
	return s.store.CreateAll(ctx, func(yield func([]*PostMortem, error) bool) {
		n := 0
		for ps := range batches {
			if err := s.prepareBatch(ctx, ps, n); err != nil {
				yield(nil, err)
				return
			}
			s.stampNew(ctx, ps)
			n += len(ps)
			if !yield(ps, nil) {
				return
			}
		}
	})
}
