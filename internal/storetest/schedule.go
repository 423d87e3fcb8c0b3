package storetest

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// testClaimJob checks a scheduled job's run is claimed by one of several
// instances asking at once, and not again before its next run.
func testClaimJob(t *testing.T, open opener) {
	c := newClock()
	s := open(t, c.now)
	var wg sync.WaitGroup
	var mu sync.Mutex
	won := 0
	for i := range 8 {
		wg.Go(func() {
			ok, err := s.ClaimJob(ctx(t), "purge", fmt.Sprint("instance-", i), c.now(), c.now().Add(time.Hour))
			if err != nil {
				t.Error(err)
			}
			if ok {
				mu.Lock()
				won++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if won != 1 {
		t.Fatalf("%d instances claimed one run", won)
	}
	if ok, _ := s.ClaimJob(ctx(t), "purge", "a", c.now().Add(59*time.Minute), c.now().Add(2*time.Hour)); ok {
		t.Fatal("claimed again before the next run")
	}
	if ok, _ := s.ClaimJob(ctx(t), "other", "a", c.now(), c.now().Add(time.Hour)); !ok {
		t.Fatal("another job's run was not claimed")
	}
	if ok, _ := s.ClaimJob(ctx(t), "purge", "b", c.now().Add(time.Hour), c.now().Add(2*time.Hour)); !ok {
		t.Fatal("the next run was not claimed when due")
	}
}
