package actor

// procFaults yields the crash and restart steps the budgets allow, by
// process id (in a timed run, a restart once the minimum downtime is over).
func (sys *System[P, M]) procFaults(s *State[P, M], w *scratch[P, M], yield func(Action[M], State[P, M])) {
	f := sys.cfg.Faults
	canCrash := int(s.Used.Crash) < f.Crash
	canRestart := int(s.Used.Restart) < f.Restart
	if !canCrash && !canRestart {
		return
	}
	for i := range s.Procs {
		a := &sys.cfg.Actors[i]
		p := &s.Procs[i]
		switch {
		case !p.Down && canCrash && !a.NoCrash:
			yield(Action[M]{Kind: Crash, To: ID(i)}, sys.crash(s, ID(i), w))
		case p.Down && canRestart && !a.NoRestart && p.clock.due[0] == 0:
			sys.restart(s, ID(i), w, yield)
		}
	}
}

// crash returns s with process id down, holding only its stable state, its
// timers unset; in a timed run with a minimum downtime, it may restart only
// that many ticks later (counted down in clock.due[0]).
func (sys *System[P, M]) crash(s *State[P, M], id ID, w *scratch[P, M]) State[P, M] {
	next := *s
	var stable P
	if f := sys.cfg.Actors[id].Stable; f != nil {
		stable = f(s.Procs[id].Local)
	}
	p := Proc[P]{Local: stable, Down: true}
	if sys.timed && !sys.cfg.Actors[id].NoRestart && int(s.Used.Restart) < sys.cfg.Faults.Restart {
		p.clock.due[0] = uint8(sys.cfg.Time.MinDowntime)
	}
	if w.c.plain {
		sys.plainSetProc(&next, s, id, &p, &w.c.keys)
	} else {
		next.Procs, next.pe = sys.setProc(s, id, &p, w)
	}
	next.Used.Crash++
	return next
}

// restart yields the restart steps of process id: Recover runs on the
// stable state, once per combination of its choices.
func (sys *System[P, M]) restart(s *State[P, M], id ID, w *scratch[P, M], yield func(Action[M], State[P, M])) {
	c := &w.c
	a := Action[M]{Kind: Restart, To: id}
	rec := sys.cfg.Actors[id].Recover
	c.reset(id)
	for {
		local := s.Procs[id].Local
		if rec != nil {
			local = rec(c, local)
		}
		a.Choice = c.chosen
		next := sys.apply(s, id, local, w, -1)
		next.Used.Restart++
		yield(a, next)
		if !c.rerun() {
			return
		}
	}
}

// partitions yields the partition steps (every split into two non-empty
// sides, named by the side holding p0) when the budget allows and the
// network is whole, and heal when it is split.
func (sys *System[P, M]) partitions(s *State[P, M], yield func(Action[M], State[P, M])) {
	if s.Cut != 0 {
		next := *s
		next.Cut = 0
		yield(Action[M]{Kind: Heal}, next)
		return
	}
	if int(s.Used.Partition) >= sys.cfg.Faults.Partition || sys.n < 2 {
		return
	}
	all := uint64(1)<<sys.n - 1
	for rest := uint64(0); ; rest++ {
		cut := 1 | rest<<1
		if cut == all {
			return
		}
		next := *s
		next.Cut = cut
		next.Used.Partition++
		yield(Action[M]{Kind: Partition, Cut: cut, n: uint8(sys.n)}, next)
	}
}
