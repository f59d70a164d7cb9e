package socket

import (
	"github.com/protocheck/protocheck/catalog"
	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model"
	"github.com/protocheck/protocheck/model/actor"
)

// The variants.
const (
	// VariantConnection is the connection-oriented exchange over a
	// reliable FIFO network: every property holds.
	VariantConnection = "connection"
	// VariantConnectionless is the datagram exchange with one loss
	// (drop=1): a lost request or reply is never answered and the client
	// waits in recvfrom for good.
	VariantConnectionless = "connectionless"
	// VariantServerClosesEarly lets the server close before its reply:
	// the client reads end of file and closes, without a reply.
	VariantServerClosesEarly = "server-closes-early"
	// VariantConnectionLossy is a connection over a lossy network: the
	// model takes the connection's reliability from the network, so a
	// lost segment leaves a gap.
	VariantConnectionLossy = "connection-lossy"
)

// Spec describes the model for the catalogue (package protocols).
var Spec = catalog.Spec[State, Action]{
	Info: catalog.Info{
		Name:    "socket",
		Summary: "the text's socket calls: a connection-oriented and a connectionless request and reply, with loss and early close",
		Params: []catalog.Param{
			catalog.ChoiceParam("mode", "connection-oriented or connectionless sockets", Connection.String(), modeNames[:]...),
			catalog.IntParam("segments", "segments (datagrams) of the request", 2, 1, maxSegments),
			catalog.IntParam("close-early", "1: the server may close before its reply (a peer that closes early)", 0, 0, 1),
		},
		Variants: []catalog.Variant{
			{Name: VariantConnection, Summary: "socket, bind, listen, accept, read, write, close against socket, connect, write, read, close; reliable FIFO network"},
			{Name: VariantConnectionless, Summary: "socket, bind, recvfrom, sendto against socket, bind, sendto, recvfrom; one datagram lost (drop=1)",
				Violates: []string{PropReply, invariants.PropDeadlock}, Faults: actor.Faults{Drop: 1},
				Network: actor.Unordered, HasNetwork: true, Params: map[string]string{"mode": Connectionless.String()}},
			{Name: VariantServerClosesEarly, Summary: "the server may close after accept, before its reply: the client reads EOF and closes",
				Violates: []string{PropReply}, Params: map[string]string{"close-early": "1"}},
			{Name: VariantConnectionLossy, Summary: "a connection over a lossy network (drop=1): no retransmission is modelled, so data is lost",
				Violates: []string{PropNoDataLost, PropReply, PropClientDone, invariants.PropDeadlock}, Faults: actor.Faults{Drop: 1}},
		},
		Networks: []actor.Network{actor.FIFO, actor.Unordered},
		Faults:   []string{"drop"},
		Unit:     "request",
	},
	Build: func(c catalog.Config) (model.Model[State, Action], error) {
		mode, _ := ParseMode(c.Value("mode"))
		return New(Config{Mode: mode, Segments: c.Int("segments"), CloseEarly: c.Int("close-early") == 1,
			Network: c.Net(), Faults: c.Faults})
	},
	Measures: []catalog.Measure[State]{
		{Name: "messages", Of: func(s State) int { return int(s.Local(ServerID).Sent) + int(s.Local(ClientID).Sent) }},
		{Name: "units", Of: func(s State) int {
			if s.Local(ClientID).GotReply {
				return 1
			}
			return 0
		}},
	},
}
