package socket

import "github.com/protocheck/protocheck/model/actor"

// client returns the client's behaviour.
func client(cfg Config) actor.Actor[End, Msg] {
	return actor.Actor[End, Msg]{
		Name:  "client",
		Start: func(c *actor.Ctx[Msg]) End { return arm(c, End{}, cfg) },
		Receive: func(c *actor.Ctx[Msg], e End, _ actor.ID, m Msg) End {
			switch {
			case e.Next == CallDone:
				// Closed: whatever arrives is discarded.
			case m.Kind == Connected:
				e.Conn = true
			case m.Kind == Data:
				e = e.push(m.Seg)
			case m.Kind == Fin:
				e.FinIn = true
			}
			return arm(c, e, cfg)
		},
		Timeout: func(c *actor.Ctx[Msg], e End, t actor.Timer) End {
			return arm(c, clientCall(c, e, Call(t), cfg), cfg)
		},
	}
}

// clientCall makes the client's call k.
func clientCall(c *actor.Ctx[Msg], e End, k Call, cfg Config) End {
	switch k {
	case CallSocket:
		if cfg.Mode == Connectionless {
			return e.made(k, CallBind)
		}
		return e.made(k, CallConnect)
	case CallBind:
		return e.made(k, CallSendto)
	case CallConnect:
		return send(c, e, ServerID, Msg{Kind: Connect}).made(k, CallWrite)
	case CallWrite, CallSendto:
		e = send(c, e, ServerID, Msg{Kind: Data, Seg: e.Wrote + 1})
		if e.Wrote++; int(e.Wrote) < cfg.Segments {
			return e.made(k, k)
		}
		if k == CallSendto {
			return e.made(k, CallRecvfrom)
		}
		return e.made(k, CallRead)
	case CallRead, CallRecvfrom:
		next := CallClose
		if k == CallRecvfrom {
			next = CallDone
		}
		if e.BufN == 0 { // end of file: the server closed first
			e.EOF = true
			return e.made(k, next)
		}
		e = e.pop()
		e.GotReply = true
		return e.made(k, next)
	}
	return closeSocket(c, e, ServerID)
}
