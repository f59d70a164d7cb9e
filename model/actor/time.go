package actor

import (
	"fmt"
	"strconv"
)

// Discrete time (Config.Time): the semantics are in the package doc,
// section "Time". This file holds the configuration, the timers' and
// messages' remaining times (the clock abstraction), the tick step and
// how deadlines print.

// A TimeConfig turns on discrete time for one run (Config.Time): a global
// "tick" step, timers with durations (Ctx.SetTimerAfter, Ctx.SetDeadline),
// a bound on message delay and a minimum downtime. A nil *TimeConfig is an
// untimed run, in which a timer may fire at any moment.
type TimeConfig struct {
	// MaxDelay bounds the delay of every message, in ticks: a message sent
	// between ticks k and k+1 is delivered, dropped or lost (at a crashed
	// receiver) before tick k+MaxDelay+1. 0..MaxTicks; 0 means before the
	// next tick. A message held by a partition is exempt while the
	// partition lasts.
	MaxDelay int
	// MinDowntime is the least number of ticks a crashed process stays
	// down before it may restart, 0..MaxTicks.
	MinDowntime int
	_           struct{} // forbids positional literals
}

// MaxTicks is the largest duration, delay bound or downtime, in ticks.
const MaxTicks = 250

// MaxTimedTimers is the number of timers a timed run allows (Config.Timers
// may name at most this many when Config.Time is set). Only they carry a
// remaining time, which keeps a process's slot in a State as small as in an
// untimed run.
const MaxTimedTimers = 6

// A clock is one process's remaining times in a timed run: the clock
// abstraction of timed model checkers. It stores, for each set timer, the
// ticks until it may fire (0: expired), never the time it was set: nothing
// distinguishes an expired timer's age, so none is kept and the values stay
// within the largest duration. Unset timers have zero entries, so equal
// clocks are equal values.
type clock struct {
	// due holds, per set timer, the ticks until it may fire; while the
	// process is down (it has no timers then), due[0] holds the ticks until
	// it may restart.
	due    [MaxTimedTimers]uint8
	urgent uint8 // the set timers that are deadlines (Ctx.SetDeadline), a bit set
}

// apply returns the clock after a handler that set the timers in set (each
// with its duration in after, a deadline when its bit is in deadline) and
// cancelled those in cancel.
func (k clock) apply(set, cancel uint64, after *[MaxTimedTimers]uint8, deadline uint8) clock {
	for t := 0; t < MaxTimedTimers; t++ {
		bit := uint8(1) << t
		switch {
		case set&(1<<t) != 0:
			k.due[t] = after[t]
			k.urgent = k.urgent&^bit | deadline&bit
		case cancel&(1<<t) != 0:
			k.due[t] = 0
			k.urgent &^= bit
		}
	}
	return k
}

// appendKey appends k's key: a fixed number of bytes.
func (k *clock) appendKey(dst []byte) []byte {
	return append(append(dst, k.due[:]...), k.urgent)
}

// pending reports whether a tick changes k: some time remains.
func (k clock) pending() bool { return k.due != [MaxTimedTimers]uint8{} }

// tick returns k one tick later: every remaining time less one, down to 0.
func (k clock) tick() clock {
	for t, d := range k.due {
		if d > 0 {
			k.due[t] = d - 1
		}
	}
	return k
}

// overdue reports whether a set deadline has expired: its timer must fire
// before time passes.
func (k clock) overdue() bool {
	for t := 0; t < MaxTimedTimers; t++ {
		if k.urgent&(1<<t) != 0 && k.due[t] == 0 {
			return true
		}
	}
	return false
}

// SetTimerAfter sets timer t of this process to fire no sooner than d
// ticks from now, at any later time (weak fairness makes it fire
// eventually). It re-arms a timer that is already set. In an untimed run d
// is ignored: the timer may fire at any moment, as with SetTimer. It panics
// when d is outside 0..MaxTicks or t is not below MaxTimedTimers.
func (c *Ctx[M]) SetTimerAfter(t Timer, d int) { c.setTimed(t, d, false) }

// SetDeadline sets timer t of this process to fire exactly d ticks from
// now: no sooner, and before time passes further (its firing is urgent:
// no tick is taken while it is due and the process is up). It re-arms a
// timer that is already set. In an untimed run it is SetTimer. It panics as
// SetTimerAfter does.
func (c *Ctx[M]) SetDeadline(t Timer, d int) { c.setTimed(t, d, true) }

// setTimed records a timer set with a duration.
func (c *Ctx[M]) setTimed(t Timer, d int, urgent bool) {
	if d < 0 || d > MaxTicks || int(t) >= MaxTimedTimers {
		panic(fmt.Sprintf("actor: %v sets timer %d for %d ticks (want a timer below %d, 0..%d ticks)",
			c.self, t, d, MaxTimedTimers, MaxTicks))
	}
	c.SetTimer(t)
	c.after[t] = uint8(d)
	if urgent {
		c.deadline |= 1 << t
	}
}

// validateTime checks cfg.Time.
func validateTime[P Value, M Message](cfg *Config[P, M]) error {
	tc := cfg.Time
	switch {
	case tc == nil:
		return nil
	case tc.MaxDelay < 0 || tc.MaxDelay > MaxTicks || tc.MinDowntime < 0 || tc.MinDowntime > MaxTicks:
		return fmt.Errorf("%w: time: delay bound %d and downtime %d must lie in 0..%d", ErrConfig, tc.MaxDelay, tc.MinDowntime, MaxTicks)
	case len(cfg.Timers) > MaxTimedTimers:
		return fmt.Errorf("%w: time: %d timers (a timed run allows %d)", ErrConfig, len(cfg.Timers), MaxTimedTimers)
	case cfg.Network == Duplicating:
		// A duplicating network keeps every message forever, so no
		// message could ever be past its delay bound.
		return fmt.Errorf("%w: time: a duplicating network has no delay bound (use unordered or fifo)", ErrConfig)
	}
	return nil
}

// tick yields the tick step when time may pass in s: no process that is
// up has an expired deadline, and no message that a partition does not
// hold is at its delay bound. It is not offered when it would change
// nothing and no other step is enabled (stepped false): time passing in a
// quiescent state is the end of the run, so the state stays terminal and
// the deadlock check (Config.Final) still means something.
func (sys *System[P, M]) tick(s *State[P, M], stepped bool, w *scratch[P, M], yield func(Action[M], State[P, M])) {
	procsChange, netChanges := false, false
	for i := range s.Procs {
		p := &s.Procs[i]
		if !p.Down && p.clock.overdue() {
			return
		}
		procsChange = procsChange || p.clock.pending()
	}
	for i := range s.Net {
		e := &s.Net[i]
		if e.Due == 0 && !s.Partitioned(e.From, e.To) {
			return
		}
		netChanges = netChanges || e.Due > 0
	}
	if !procsChange && !netChanges && !stepped {
		return
	}
	next := *s
	if next.Ticks < ^uint16(0) {
		next.Ticks++
	}
	if procsChange {
		w.procs = append(w.procs[:0], s.Procs...)
		for i := range w.procs {
			w.procs[i].clock = w.procs[i].clock.tick()
		}
		next.Procs, next.pe = sys.internVector(w.procs, &w.c)
		clear(w.procs) // drop the references held by local states
	}
	if netChanges {
		w.c.net = append(w.c.net[:0], s.Net...)
		for i := range w.c.net {
			if e := &w.c.net[i]; e.Due > 0 {
				e.Due--
			}
		}
		next.Net, next.ne = sys.internNetwork(w.c.net, &w.c)
	}
	yield(Action[M]{Kind: Tick}, next)
}

// Remaining returns the ticks until timer t of process id may fire, and
// whether that is a deadline (Ctx.SetDeadline). It is 0 for an expired
// timer, an unset one, and in an untimed run.
func (s State[P, M]) Remaining(id ID, t Timer) (ticks int, deadline bool) {
	p := &s.Procs[id]
	if int(t) >= MaxTimedTimers || p.Down || p.Timers&(1<<t) == 0 {
		return 0, false
	}
	return int(p.clock.due[t]), p.clock.urgent&(1<<t) != 0
}

// timed reports whether s was made by a System with Config.Time.
func (s State[P, M]) timed() bool { return s.names != nil && s.names.timed }

// timerString formats timer t of a process with clock k: its name, then in
// a timed run when it may fire: "retry(in 2)", "retry(ready)", or for a
// deadline "lease(deadline in 2)", "lease(deadline now)".
func (s State[P, M]) timerString(t int, k *clock) string {
	name := s.timerName(t)
	if !s.timed() || t >= MaxTimedTimers {
		return name
	}
	d := int(k.due[t])
	switch {
	case k.urgent&(1<<t) != 0 && d == 0:
		return name + "(deadline now)"
	case k.urgent&(1<<t) != 0:
		return name + "(deadline in " + strconv.Itoa(d) + ")"
	case d == 0:
		return name + "(ready)"
	}
	return name + "(in " + strconv.Itoa(d) + ")"
}

// envString formats a message in flight: "p1->p2 Msg", and in a timed run
// the ticks left before it must arrive, "p1->p2 Msg (due in 1)" or
// "(due now)".
func (s State[P, M]) envString(e *Envelope[M]) string {
	str := e.String()
	switch {
	case !s.timed():
	case e.Due == 0:
		str += " (due now)"
	default:
		str += " (due in " + strconv.Itoa(int(e.Due)) + ")"
	}
	return str
}
