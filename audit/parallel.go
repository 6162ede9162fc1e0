package audit

import "sync"

// forEach calls fn(i) for every i below n, at most limit at once, and returns when all
// have returned.
func forEach(n, limit int, fn func(i int)) {
	slots := make(chan struct{}, limit)
	var wg sync.WaitGroup
	for i := range n {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			fn(i)
		})
	}
	wg.Wait()
}
