package explore

import (
	"math"
	"sync"
	"sync/atomic"
	"time"
)

// monitor watches a run from its own goroutine: it enforces the time limit
// and cancellation, and calls the progress callback. Workers only read the
// stop flag and bump counters.
type monitor struct {
	opts      *Options
	start     time.Time
	stopFlag  atomic.Bool
	mu        sync.Mutex
	reason    string
	generated atomic.Int64
	distinct  atomic.Int64
	queue     atomic.Int64
	depth     atomic.Int64
	done      chan struct{}
	wg        sync.WaitGroup
}

func newMonitor(opts *Options) *monitor {
	mo := &monitor{opts: opts, start: time.Now(), done: make(chan struct{})}
	mo.wg.Add(1)
	go mo.loop()
	return mo
}

// stop ends the run early; the first reason given is the one reported.
func (mo *monitor) stop(reason string) {
	mo.mu.Lock()
	if mo.reason == "" {
		mo.reason = reason
	}
	mo.mu.Unlock()
	mo.stopFlag.Store(true)
}

func (mo *monitor) stopped() bool { return mo.stopFlag.Load() }

func (mo *monitor) stopReason() string {
	mo.mu.Lock()
	defer mo.mu.Unlock()
	return mo.reason
}

func (mo *monitor) loop() {
	defer mo.wg.Done()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	last := mo.start
	var deadline <-chan time.Time
	if mo.opts.Time > 0 {
		t := time.NewTimer(mo.opts.Time)
		defer t.Stop()
		deadline = t.C
	}
	for {
		select {
		case <-mo.done:
			return
		case <-deadline:
			mo.stop("time limit")
		case <-mo.opts.Context.Done():
			mo.stop("interrupted")
		case now := <-tick.C:
			if mo.opts.Progress != nil && now.Sub(last) >= mo.opts.ProgressTime {
				last = now
				mo.opts.Progress(mo.snapshot())
			}
		}
	}
}

func (mo *monitor) snapshot() Progress {
	return Progress{
		Generated: mo.generated.Load(),
		Distinct:  mo.distinct.Load(),
		Queue:     mo.queue.Load(),
		Depth:     int(mo.depth.Load()),
		Elapsed:   time.Since(mo.start),
	}
}

// finish stops the monitor goroutine and returns the elapsed time.
func (mo *monitor) finish() time.Duration {
	close(mo.done)
	mo.wg.Wait()
	return time.Since(mo.start)
}

// collision estimates the probability that a fingerprint collision hid a
// state: each of the n states was new when inserted and could have matched
// any of the states before it, so n(n-1)/2 pairs each collide with
// probability 2^-fpBits (fingerprints keep fpBits bits of hash; see
// fingerprint). It is the union bound, capped at 1.
func collision(n int64) float64 {
	if n < 2 {
		return 0
	}
	f := float64(n)
	return min(1, f*(f-1)/2/math.Exp2(fpBits))
}
