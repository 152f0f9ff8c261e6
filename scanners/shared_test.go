package scanners

import (
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

func TestSharedComputesOncePerKey(t *testing.T) {
	s := NewShared(1 << 20)
	var calls atomic.Int32
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := s.Do("a", func() (any, int64, error) { calls.Add(1); return "A", 10, nil })
			if err != nil || v != "A" {
				t.Errorf("Do = %v, %v", v, err)
			}
		}()
	}
	wg.Wait()
	if n := calls.Load(); n != 1 {
		t.Fatalf("fn ran %d times for one key, want 1", n)
	}
}

func TestSharedBudget(t *testing.T) {
	s := NewShared(100)
	var calls int
	fn := func(w int64) func() (any, int64, error) {
		return func() (any, int64, error) { calls++; return calls, w, nil }
	}
	if _, err := s.Do("small", fn(60)); err != nil {
		t.Fatal(err)
	}
	s.Do("small", fn(60)) //nolint:errcheck // the value is what is checked
	if calls != 1 {
		t.Fatalf("a value within the budget was computed %d times", calls)
	}
	s.Do("big", fn(60)) //nolint:errcheck
	v, _ := s.Do("big", fn(60))
	if calls != 3 || v != 3 {
		t.Fatalf("a value past the budget must be recomputed, not kept: calls=%d v=%v", calls, v)
	}
}

func TestSharedKeepsErrorsAndNilComputes(t *testing.T) {
	s := NewShared(0)
	boom := errors.New("boom")
	if _, err := s.Do("e", func() (any, int64, error) { return nil, 0, boom }); !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if _, err := s.Do("e", func() (any, int64, error) { return "late", 0, nil }); !errors.Is(err, boom) {
		t.Fatalf("a kept error must be returned again, got %v", err)
	}
	var n *Shared
	var calls int
	for range 2 {
		n.Do("k", func() (any, int64, error) { calls++; return nil, 0, nil }) //nolint:errcheck
	}
	if calls != 2 {
		t.Fatalf("a nil Shared must compute every time, ran %d", calls)
	}
}
