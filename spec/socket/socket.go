package socket

import (
	"errors"
	"fmt"

	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// A Mode is the kind of socket communication.
type Mode uint8

// The modes.
const (
	Connection     Mode = iota // connection-oriented: listen, accept, connect, read, write, close
	Connectionless             // datagrams: sendto and recvfrom on bound sockets
)

var modeNames = [...]string{"connection", "connectionless"}

// String returns the mode's name as the -mode flag takes it.
func (m Mode) String() string {
	if int(m) < len(modeNames) {
		return modeNames[m]
	}
	return "mode?"
}

// ParseMode returns the named mode, false when there is none.
func ParseMode(name string) (Mode, bool) {
	for i, n := range modeNames {
		if n == name {
			return Mode(i), true
		}
	}
	return 0, false
}

// A Config is one configuration of the model.
type Config struct {
	Mode       Mode
	Segments   int           // the request's segments (datagrams when connectionless), 1..3
	CloseEarly bool          // the server may close early: after accept or bind, before its reply
	Network    actor.Network // Unordered or FIFO (per channel, as a connection delivers)
	Faults     actor.Faults  // drop only
}

// ErrConfig is wrapped by every error about an invalid Config.
var ErrConfig = errors.New("socket: invalid configuration")

// Property names.
const (
	PropNoEarlyRead   = "nothing read before accept or connect"
	PropNoUnboundRecv = "nothing received before bind"
	PropClientCloses  = "client closes only after reply or EOF"
	PropNoDataLost    = "no data lost on a connection"
	PropReply         = "eventual reply"
	PropClientDone    = "client eventually closes"
	PropReplyReached  = "reply received"
)

// New returns the model of cfg.
func New(cfg Config) (*Model, error) {
	switch {
	case int(cfg.Mode) >= len(modeNames):
		return nil, fmt.Errorf("%w: unknown mode %d", ErrConfig, cfg.Mode)
	case cfg.Segments < 1 || cfg.Segments > maxSegments:
		return nil, fmt.Errorf("%w: %d segments (want 1..%d)", ErrConfig, cfg.Segments, maxSegments)
	case cfg.Network != actor.Unordered && cfg.Network != actor.FIFO:
		return nil, fmt.Errorf("%w: network %v (want unordered or fifo)", ErrConfig, cfg.Network)
	case cfg.Faults != actor.Faults{Drop: cfg.Faults.Drop}:
		return nil, fmt.Errorf("%w: faults %v (want drop only)", ErrConfig, cfg.Faults)
	}
	return actor.New(actor.Config[End, Msg]{
		Actors:     []actor.Actor[End, Msg]{server(cfg), client(cfg)},
		Network:    cfg.Network,
		Faults:     cfg.Faults,
		Timers:     callNames,
		Properties: properties(cfg.Mode),
		Final: func(s State) bool {
			return s.Local(ServerID).Next == CallDone && s.Local(ClientID).Next == CallDone
		},
	})
}

// properties returns the properties checked in mode m.
func properties(m Mode) []model.Property[State] {
	reply := func(s State) bool { return s.Local(ClientID).GotReply }
	if m == Connectionless {
		return []model.Property[State]{
			model.Always(PropNoUnboundRecv, func(s State) bool {
				return receivedBound(s.Local(ServerID)) && receivedBound(s.Local(ClientID))
			}),
			model.Sometimes(PropReplyReached, reply),
			model.Eventually(PropReply, reply),
		}
	}
	return []model.Property[State]{
		model.Always(PropNoEarlyRead, func(s State) bool {
			sv, cl := s.Local(ServerID), s.Local(ClientID)
			return (!sv.Made.Has(CallRead) || sv.Made.Has(CallAccept)) && (!cl.Made.Has(CallRead) || cl.Conn)
		}),
		model.Always(PropClientCloses, func(s State) bool {
			cl := s.Local(ClientID)
			return !cl.Made.Has(CallClose) || cl.GotReply || cl.EOF
		}),
		model.Always(PropNoDataLost, noDataLost),
		model.Sometimes(PropReplyReached, reply),
		model.Eventually(PropReply, reply),
		model.Eventually(PropClientDone, func(s State) bool { return s.Local(ClientID).Next == CallDone }),
	}
}

// receivedBound reports whether e received a datagram only on a bound
// socket.
func receivedBound(e End) bool { return !e.Made.Has(CallRecvfrom) || e.Made.Has(CallBind) }

// noDataLost reports whether each end read exactly what its peer wrote,
// in order and without a gap, and read end of file only after all of it.
func noDataLost(s State) bool {
	sv, cl := s.Local(ServerID), s.Local(ClientID)
	return !sv.Gap && !cl.Gap && (!sv.EOF || sv.Read == cl.Wrote) && (!cl.EOF || cl.Read == sv.Wrote)
}
