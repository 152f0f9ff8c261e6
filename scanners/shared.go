package scanners

import "sync"

// Shared holds what one run computes once and several scanners read: a
// parsed Python file is parsed by the first scanner that asks and handed to
// the others. Values are kept while their total cost (what the producer says
// a value weighs, such as its source bytes) stays under the budget; past it,
// each caller computes its own copy, so memory stays bounded on a huge tree.
type Shared struct {
	mu     sync.Mutex
	budget int64
	used   int64
	calls  map[string]*sharedCall
}

type sharedCall struct {
	done chan struct{}
	val  any
	err  error
	keep bool
}

// DefaultSharedBudget bounds what a run keeps: 64 MiB of weighed values.
const DefaultSharedBudget = 64 << 20

// NewShared returns a memo that keeps values up to budget (<= 0: the default).
func NewShared(budget int64) *Shared {
	if budget <= 0 {
		budget = DefaultSharedBudget
	}
	return &Shared{budget: budget, calls: map[string]*sharedCall{}}
}

// Do returns the value for key, computing it with fn once per run while the
// budget lasts; concurrent callers of one key wait for the first. fn returns
// the value, its weight and an error; a negative weight keeps nothing (a
// cancelled computation that the next caller should try again). A nil
// Shared computes every time.
func (s *Shared) Do(key string, fn func() (any, int64, error)) (any, error) {
	if s == nil {
		v, _, err := fn()
		return v, err
	}
	s.mu.Lock()
	if c, ok := s.calls[key]; ok {
		s.mu.Unlock()
		<-c.done
		if c.keep {
			return c.val, c.err
		}
		v, _, err := fn()
		return v, err
	}
	c := &sharedCall{done: make(chan struct{})}
	s.calls[key] = c
	s.mu.Unlock()

	v, weight, err := fn()
	s.mu.Lock()
	if weight >= 0 && s.used+weight <= s.budget {
		// Only a kept value is held: one past the budget is the caller's
		// alone, or the memo would hold every value of the run after all.
		s.used += weight
		c.val, c.err, c.keep = v, err, true
	}
	s.mu.Unlock()
	close(c.done)
	return v, err
}
