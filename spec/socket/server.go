package socket

import "github.com/protocheck/protocheck/model/actor"

// An endpoint's next call is a timer named after it, set when the call
// can return (a blocking call such as accept, read or recvfrom waits for
// its input) and fired at any later moment, weakly fairly: the label
// "timeout p0 accept" is the server's accept returning.

// arm sets the timer of e's next call when the call can return now.
func arm(c *actor.Ctx[Msg], e End, cfg Config) End {
	if e.Next != CallDone && ready(e, cfg) {
		c.SetTimer(actor.Timer(e.Next))
	}
	return e
}

// ready reports whether e's next call can return.
func ready(e End, cfg Config) bool {
	switch e.Next {
	case CallAccept:
		return e.Conn // a connection is established, waiting in the listen queue
	case CallRead:
		return e.readable()
	case CallRecvfrom:
		return e.BufN > 0
	case CallWrite:
		return e.Conn // client: connect has completed
	case CallClose:
		// The server closes when the reply was received, which the
		// client's close tells it; the client closes at once.
		return !e.Made.Has(CallAccept) || e.FinIn
	}
	return true
}

// server returns the server's behaviour.
func server(cfg Config) actor.Actor[End, Msg] {
	return actor.Actor[End, Msg]{
		Name:  "server",
		Start: func(c *actor.Ctx[Msg]) End { return arm(c, End{}, cfg) },
		Receive: func(c *actor.Ctx[Msg], e End, _ actor.ID, m Msg) End {
			switch {
			case e.Next == CallDone:
				// Closed: whatever arrives is discarded.
			case m.Kind == Connect && !e.Conn:
				e.Pending = true
				e = handshake(c, e)
			case m.Kind == Data:
				e = e.push(m.Seg)
			case m.Kind == Fin:
				e.FinIn = true
			}
			return arm(c, e, cfg)
		},
		Timeout: func(c *actor.Ctx[Msg], e End, t actor.Timer) End {
			if closeEarly(c, e, cfg) {
				e.Early = true
				return closeSocket(c, e, ClientID)
			}
			return arm(c, serverCall(c, e, Call(t), cfg), cfg)
		},
	}
}

// serverCall makes the server's call k.
func serverCall(c *actor.Ctx[Msg], e End, k Call, cfg Config) End {
	switch k {
	case CallSocket:
		return e.made(k, CallBind)
	case CallBind:
		if cfg.Mode == Connectionless {
			return e.made(k, CallRecvfrom)
		}
		return e.made(k, CallListen)
	case CallListen:
		return handshake(c, e.made(k, CallAccept))
	case CallAccept:
		return e.made(k, CallRead)
	case CallRead:
		if e.BufN == 0 { // end of file: the client closed first
			e.EOF = true
			return e.made(k, CallClose)
		}
		if e = e.pop(); int(e.Read) < cfg.Segments {
			return e.made(k, CallRead)
		}
		return e.made(k, CallWrite)
	case CallRecvfrom:
		if e = e.pop(); int(e.Read) < cfg.Segments {
			return e.made(k, CallRecvfrom)
		}
		return e.made(k, CallSendto)
	case CallWrite, CallSendto:
		e = send(c, e, ClientID, Msg{Kind: Data, Seg: 1})
		e.Wrote++
		if k == CallSendto {
			return e.made(k, CallDone)
		}
		return e.made(k, CallClose)
	}
	return closeSocket(c, e, ClientID)
}

// handshake completes a connection request that arrived once the server
// listens: its kernel answers Connected, and accept can return.
func handshake(c *actor.Ctx[Msg], e End) End {
	if !e.Pending || !e.Made.Has(CallListen) || e.Conn {
		return e
	}
	e.Conn, e.Pending = true, false
	return send(c, e, ClientID, Msg{Kind: Connected})
}

// closeEarly decides, when the configuration allows a peer that closes
// early, whether the server closes instead of making its next call: after
// accept (connection) or bind (connectionless), before its reply.
func closeEarly(c *actor.Ctx[Msg], e End, cfg Config) bool {
	switch e.Next {
	case CallRead, CallWrite, CallRecvfrom, CallSendto:
		return cfg.CloseEarly && c.Choose("proceed", "close early") == 1
	}
	return false
}

// closeSocket closes e's socket: on a connection its kernel sends Fin
// unless the peer closed first.
func closeSocket(c *actor.Ctx[Msg], e End, peer actor.ID) End {
	if e.Conn && !e.FinIn {
		e = send(c, e, peer, Msg{Kind: Fin})
	}
	return e.made(CallClose, CallDone)
}

// send sends m and counts it.
func send(c *actor.Ctx[Msg], e End, to actor.ID, m Msg) End {
	c.Send(to, m)
	e.Sent++
	return e
}
