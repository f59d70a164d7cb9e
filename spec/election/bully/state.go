package bully

import (
	"github.com/protocheck/protocheck/invariants"
	"github.com/protocheck/protocheck/model/actor"
)

// A Status is where a node is in the algorithm.
type Status uint8

// The statuses. A node is Normal outside elections; the others are the
// text's steps.
const (
	// StatusNormal: the node knows its leader (Proc.Peer), itself when it
	// leads.
	StatusNormal Status = iota
	// StatusProbing (step 1): it sent Are-U-Up to every higher node and
	// waits for an answer.
	StatusProbing
	// StatusAwaiting (after step 1): a higher node (Peer) answered; the
	// node waits for an Enter-Election.
	StatusAwaiting
	// StatusCoordinating (steps 2 and 3): the node is the highest alive; it
	// sent Enter-Election to every lower node and collects their ACKs.
	StatusCoordinating
	// StatusHalted (step 4): it received Enter-Election from Peer and stays
	// in this transient state until Peer's Result.
	StatusHalted
)

var statusNames = [...]string{"NORMAL", "PROBING", "AWAITING", "COORDINATING", "HALTED"}

// String returns the status's name.
func (st Status) String() string {
	if int(st) < len(statusNames) {
		return statusNames[st]
	}
	return "STATUS?"
}

// A Proc is the local state of one node. Everything is volatile: a
// crashed node restarts from scratch and starts an election.
type Proc struct {
	Status Status
	// Peer is the other node the status is about: Normal, the leader;
	// Awaiting, the higher node that answered; Halted, the node whose
	// Enter-Election it obeys. Unused otherwise.
	Peer actor.ID
	// Acked is, while Coordinating, the set of lower nodes that ACKed its
	// Enter-Election (a bit set of ids).
	Acked uint64
}

// AppendKey implements actor.Value.
func (p Proc) AppendKey(dst []byte) []byte {
	dst = append(dst, byte(p.Status), byte(p.Peer))
	for v := p.Acked; ; v >>= 7 {
		if v < 0x80 {
			return append(dst, byte(v))
		}
		dst = append(dst, byte(v)|0x80)
	}
}

// String formats the node for traces: "NORMAL leader=p2",
// "COORDINATING acked={p0}", "HALTED by=p2", "AWAITING p2", "PROBING".
func (p Proc) String() string {
	s := p.Status.String()
	switch p.Status {
	case StatusNormal:
		s += " leader=" + p.Peer.String()
	case StatusAwaiting:
		s += " answered=" + p.Peer.String()
	case StatusHalted:
		s += " by=" + p.Peer.String()
	case StatusCoordinating:
		s += " acked=" + actor.IDSet(p.Acked)
	}
	return s
}

// leader returns the node p believes leads (invariants.NoLeader outside
// the Normal status: a node in an election follows nobody).
func (p Proc) leader() int {
	if p.Status != StatusNormal {
		return invariants.NoLeader
	}
	return int(p.Peer)
}

// A Kind is the type of a message.
type Kind uint8

// The messages (the text's names). A message carries nothing but its kind:
// the sender is the channel's, and Result names the sender as the leader.
const (
	AreYouUp      Kind = iota // step 1, to a higher node: are you alive?
	IAmUp                     // the answer to Are-U-Up
	EnterElection             // step 2, to a lower node: stop, I am taking over
	Ack                       // step 3: the answer to Enter-Election
	Result                    // step 3: the sender is the new leader
)

var kindNames = [...]string{"AreYouUp", "IAmUp", "EnterElection", "Ack", "Result"}

// A Msg is a message of the protocol.
type Msg struct {
	Kind Kind
}

// AppendKey implements actor.Value.
func (m Msg) AppendKey(dst []byte) []byte { return append(dst, byte(m.Kind)) }

// String returns the message's name.
func (m Msg) String() string {
	if int(m.Kind) < len(kindNames) {
		return kindNames[m.Kind]
	}
	return "Msg?"
}
