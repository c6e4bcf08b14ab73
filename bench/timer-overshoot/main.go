package main

import (
	"fmt"
	"sort"
	"sync"
	"time"
)

// Measures how late a 2 ms Go timer fires when 200 start per second, as in the demo profile.
func main() {
	var mu sync.Mutex
	var lates []time.Duration
	var wg sync.WaitGroup
	tick := time.NewTicker(5 * time.Millisecond)
	for i := 0; i < 1000; i++ {
		<-tick.C
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			t := time.NewTimer(2 * time.Millisecond)
			<-t.C
			mu.Lock()
			lates = append(lates, time.Since(start)-2*time.Millisecond)
			mu.Unlock()
		}()
	}
	wg.Wait()
	sort.Slice(lates, func(a, b int) bool { return lates[a] < lates[b] })
	fmt.Printf("timer overshoot p50 %v p90 %v p99 %v\n", lates[len(lates)/2], lates[len(lates)*9/10], lates[len(lates)*99/100])
}
