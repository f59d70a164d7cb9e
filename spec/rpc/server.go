package rpc

import (
	"slices"

	"github.com/protocheck/protocheck/model/actor"
)

// binder returns the behaviour of the binder: the name service that maps
// the service to the server's port and incarnation. It never crashes.
func (cfg Config) binder() actor.Actor[Proc, Msg] {
	return actor.Actor[Proc, Msg]{
		Name:  "binder",
		Start: func(*ctx) Proc { return Proc{Port: 1} },
		Receive: func(c *ctx, s Proc, from actor.ID, m Msg) Proc {
			switch m.Kind {
			case Lookup:
				c.Send(from, Msg{Kind: Binding, Port: s.Port, Inc: s.Inc, Ver: s.Ver})
			case Register:
				if m.Ver > s.Ver {
					s.Port, s.Inc, s.Ver = m.Port, m.Inc, m.Ver
				}
			}
			return s
		},
		NoCrash: true,
	}
}

// server returns the behaviour of the server for cfg.
func (cfg Config) server() actor.Actor[Proc, Msg] {
	return actor.Actor[Proc, Msg]{
		Name: "server",
		Start: func(c *ctx) Proc {
			if cfg.Moved {
				c.SetTimer(moveTimer)
			}
			return Proc{Port: 1, Known: make([]uint8, cfg.Clients)}
		},
		Receive: cfg.serverReceive,
		Timeout: cfg.serverTimeout,
		// The counter and the ghost counts are on stable storage; the
		// reply cache and the running computations are not.
		Stable: func(s Proc) Proc {
			s.Running, s.Cache = nil, nil
			return s
		},
		Recover: func(c *ctx, s Proc) Proc {
			s.Inc++
			s.Ver++
			c.Send(Binder, Msg{Kind: Register, Port: s.Port, Inc: s.Inc, Ver: s.Ver})
			return s
		},
	}
}

// serverTimeout finishes the oldest computation, moves the server, or
// kills the computations of a client whose lease expired.
func (cfg Config) serverTimeout(c *ctx, s Proc, t actor.Timer) Proc {
	switch {
	case t == moveTimer:
		s.Port = 2
		s.Ver++
		c.Send(Binder, Msg{Kind: Register, Port: s.Port, Inc: s.Inc, Ver: s.Ver})
		return s
	case t >= leaseTimer:
		return s.expire(FirstClient + actor.ID(t-leaseTimer))
	}
	if len(s.Running) == 0 {
		return s // every computation was killed as an orphan
	}
	comp := s.Running[0]
	s.Running = s.Running[1:len(s.Running):len(s.Running)]
	if len(s.Running) > 0 {
		c.SetTimer(workTimer)
	}
	if comp.Op == Inc {
		s.Counter++
	}
	s.Execs = addExec(s.Execs, comp.Client, comp.Xid)
	if cfg.Orphans == Expiration && !slices.ContainsFunc(s.Running, func(r Comp) bool { return r.Client == comp.Client }) {
		c.CancelTimer(lease(comp.Client)) // nothing of that client's left to expire
	}
	if cfg.Semantics != AtLeastOnce {
		s.Cache = insertSorted(s.Cache, Cached{Client: comp.Client, Xid: comp.Xid, Val: s.Counter}, cmpCached)
	}
	c.Send(comp.Client, Msg{Kind: Reply, Xid: comp.Xid, Val: s.Counter})
	return s
}

// serverReceive handles requests and the orphan rules' messages.
func (cfg Config) serverReceive(c *ctx, s Proc, from actor.ID, m Msg) Proc {
	switch m.Kind {
	case Request:
		return cfg.serve(c, s, from, m)
	case Kill:
		s = s.learnEpoch(from, m.Epoch)
		c.Send(from, Msg{Kind: KillAck, Epoch: m.Epoch})
	case Hello:
		s = s.learnEpoch(from, m.Epoch)
	}
	return s
}

// serve handles a request: the port check (by the server's host), the
// incarnation check, the orphan check, then deduplication and execution.
func (cfg Config) serve(c *ctx, s Proc, from actor.ID, m Msg) Proc {
	switch {
	case m.Port != s.Port && cfg.SilentStale:
		s.Discarded = true
		return s
	case m.Port != s.Port:
		c.Send(from, Msg{Kind: Rejected, Xid: m.Xid})
		return s
	case cfg.Semantics != Maybe && m.Inc != s.Inc:
		c.Send(from, Msg{Kind: Crashed, Xid: m.Xid, Inc: s.Inc})
		return s
	}
	if cfg.Orphans == ServerKill {
		s = s.learnEpoch(from, m.Epoch)
	}
	if cfg.Orphans == Expiration {
		// Every request renews the client's lease; no request for
		// Lease ticks, and its computations are killed, exactly then.
		c.SetDeadline(lease(from), cfg.Lease)
	}
	if cfg.Orphans != NoKill && m.Epoch < s.Known[from-FirstClient] {
		return s // from a client epoch whose orphans were killed: ignore
	}
	if cfg.Semantics != AtLeastOnce {
		if i, ok := slices.BinarySearchFunc(s.Cache, Cached{Client: from, Xid: m.Xid}, cmpCached); ok {
			c.Send(from, Msg{Kind: Reply, Xid: m.Xid, Val: s.Cache[i].Val})
			s.Resent = true
			return s
		}
		if slices.ContainsFunc(s.Running, func(r Comp) bool { return r.Client == from && r.Xid == m.Xid }) {
			return s // in progress: its reply will come
		}
	}
	s.Running = append(s.Running[:len(s.Running):len(s.Running)], Comp{Client: from, Xid: m.Xid, Op: m.Op})
	c.SetTimer(workTimer)
	return s
}

// expire kills the computations of client cl, whose lease has expired:
// they are orphans, or calls the client stopped waiting for.
func (s Proc) expire(cl actor.ID) Proc {
	kept := make([]Comp, 0, len(s.Running))
	for _, r := range s.Running {
		if r.Client != cl {
			kept = append(kept, r)
		}
	}
	if len(kept) < len(s.Running) {
		s.Running, s.Killed = kept, true
	}
	return s
}

// learnEpoch records that client from has reached epoch e and kills the
// computations of its older epochs: they are orphans.
func (s Proc) learnEpoch(from actor.ID, e uint8) Proc {
	i := int(from - FirstClient)
	if e <= s.Known[i] {
		return s
	}
	s.Known = slices.Clone(s.Known)
	s.Known[i] = e
	kept := make([]Comp, 0, len(s.Running))
	for _, r := range s.Running {
		if r.Client == from && r.Xid.Epoch < e {
			s.Killed = true
			continue
		}
		kept = append(kept, r)
	}
	s.Running = kept
	return s
}

// addExec returns execs with the count of (client, xid) incremented.
func addExec(execs []Exec, client actor.ID, x Xid) []Exec {
	e := Exec{Client: client, Xid: x}
	i, ok := slices.BinarySearchFunc(execs, e, cmpExec)
	execs = slices.Clone(execs)
	if !ok {
		execs = slices.Insert(execs, i, e)
	}
	execs[i].N++
	return execs
}

// insertSorted returns a copy of xs with x inserted in order.
func insertSorted[T any](xs []T, x T, cmp func(a, b T) int) []T {
	i, _ := slices.BinarySearchFunc(xs, x, cmp)
	return slices.Insert(slices.Clone(xs), i, x)
}

func cmpCall(c1 actor.ID, x1 Xid, c2 actor.ID, x2 Xid) int {
	switch {
	case c1 != c2:
		return int(c1) - int(c2)
	case x1.Epoch != x2.Epoch:
		return int(x1.Epoch) - int(x2.Epoch)
	}
	return int(x1.Seq) - int(x2.Seq)
}

func cmpExec(a, b Exec) int     { return cmpCall(a.Client, a.Xid, b.Client, b.Xid) }
func cmpCached(a, b Cached) int { return cmpCall(a.Client, a.Xid, b.Client, b.Xid) }
