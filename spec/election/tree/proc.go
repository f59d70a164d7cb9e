package tree

import (
	"fmt"
	"strings"

	"github.com/protocheck/protocheck/model/actor"
)

// A Status is a node's state: GHS's SN (Sleeping, Find, Found) or the
// saturation election's (Sleeping, Active, Processing, Saturated, Done).
type Status uint8

// The statuses. Sleeping is both algorithms' state before waking up.
const (
	Sleeping   Status = iota
	Find              // GHS: looking for the fragment's lightest outgoing edge
	Found             // GHS: not looking (reported, or not yet asked)
	Active            // saturation: awake, waiting for Inward from all neighbours but one
	Processing        // saturation: sent Inward to its parent, waiting for the parent's
	Saturated         // saturation: received Inward from every neighbour, decided
	Done              // saturation: learned the leader from Elected
)

var statusNames = [...]string{"Sleeping", "Find", "Found", "Active", "Processing", "Saturated", "Done"}

// String returns the status's name.
func (st Status) String() string {
	if int(st) < len(statusNames) {
		return statusNames[st]
	}
	return "Status?"
}

// An EdgeState is GHS's SE(j): what a node knows of one of its edges.
type EdgeState uint8

// The edge states.
const (
	Basic    EdgeState = iota // not yet classified
	Branch                    // in the spanning tree
	Rejected                  // not in the tree: it joins two nodes of one fragment
)

var edgeStateLetters = [...]byte{'B', 'T', 'R'} // Basic, branch (Tree), Rejected

// None marks an unset edge index (GHS's nil) or an unknown leader.
const None int8 = -1

// A deferred message is a received message a GHS node placed "on the end
// of the queue": it is handled once the node's state allows it.
type deferred struct {
	Edge uint8 // the local edge it came over
	Msg  Msg
}

// MaxQueue bounds the queue of one node (overflow is a model error: a
// panic).
const MaxQueue = 3 * MaxDeg

// A Proc is the local state of one node: the paper's variables of either
// algorithm, the leader it learned, and a message count.
type Proc struct {
	SN     Status // the node's state
	Deg    uint8  // the node's edges (a constant of the graph, for printing)
	Leader int8   // the leader it knows (itself when it leads), None before
	Sent   uint8  // messages sent so far (the "messages" measure)

	// GHS (Gallager, Humblet and Spira's names).
	LN        uint8             // the fragment's level
	FN        uint8             // the fragment's name: the weight of its core edge (0 before any)
	SE        [MaxDeg]EdgeState // the state of each local edge
	InBranch  int8              // the edge toward the core
	BestEdge  int8              // the edge toward the lightest outgoing edge found so far
	BestWt    uint8             // its weight, Inf when none
	TestEdge  int8              // the edge being tested, None when none
	FindCount uint8             // Report messages still expected
	Queue     [MaxQueue]deferred
	NQ        uint8 // deferred messages: Queue[:NQ], oldest first

	// Saturation election.
	Got    uint8 // edges Inward came over, a bit set of local edge indices
	Max    uint8 // the largest id seen so far
	Parent int8  // the edge Inward was sent over, None before
}

// AppendKey implements actor.Value.
func (p Proc) AppendKey(dst []byte) []byte {
	dst = append(dst, byte(p.SN), p.Deg, byte(p.Leader), p.Sent, p.LN, p.FN)
	for _, e := range p.SE[:p.Deg] {
		dst = append(dst, byte(e))
	}
	dst = append(dst, byte(p.InBranch), byte(p.BestEdge), p.BestWt, byte(p.TestEdge), p.FindCount,
		p.Got, p.Max, byte(p.Parent), p.NQ)
	for _, q := range p.Queue[:p.NQ] {
		dst = q.Msg.AppendKey(append(dst, q.Edge))
	}
	return dst
}

// String formats the node for traces. A GHS node: "Find L1 F=w1 SE=TRB
// in=0 best=w3@2 test=2 fc=1 q=[Test(1,w1)@1] sent=3" (SE has one letter
// per local edge, lightest first: B Basic, T Branch, R Rejected; q is the
// queue, each message with the local edge it came over); a saturation
// node: "Processing max=p2 got=1 parent=1" (got: a bit set of local
// edges); "leader=p2" once it knows the leader.
func (p Proc) String() string {
	var b strings.Builder
	b.WriteString(p.SN.String())
	switch p.SN {
	case Find, Found:
		fmt.Fprintf(&b, " L%d F=%s SE=", p.LN, weight(p.FN))
		for _, e := range p.SE[:p.Deg] {
			b.WriteByte(edgeStateLetters[e])
		}
		fmt.Fprintf(&b, " in=%s best=%s@%s test=%s fc=%d", edge(p.InBranch), weight(p.BestWt),
			edge(p.BestEdge), edge(p.TestEdge), p.FindCount)
	case Active, Processing, Saturated, Done:
		fmt.Fprintf(&b, " max=%v got=%b parent=%s", actor.ID(p.Max), p.Got, edge(p.Parent))
	}
	if p.NQ > 0 {
		q := make([]string, p.NQ)
		for i, d := range p.Queue[:p.NQ] {
			q[i] = fmt.Sprintf("%v@%d", d.Msg, d.Edge)
		}
		fmt.Fprintf(&b, " q=[%s]", strings.Join(q, " "))
	}
	if p.Leader != None {
		fmt.Fprintf(&b, " leader=%v", actor.ID(p.Leader))
	}
	fmt.Fprintf(&b, " sent=%d", p.Sent)
	return b.String()
}

// edge formats a local edge index, "-" for None.
func edge(e int8) string {
	if e == None {
		return "-"
	}
	return fmt.Sprint(e)
}

// sleeping returns the state of a node of deg edges before it wakes up.
func sleeping(deg int) Proc {
	return Proc{Deg: uint8(deg), Leader: None, InBranch: None, BestEdge: None, BestWt: Inf, TestEdge: None, Parent: None}
}

// enqueue returns p with m, received over edge j, at the end of its queue.
func (p Proc) enqueue(j int, m Msg) Proc {
	if int(p.NQ) == len(p.Queue) {
		panic(fmt.Sprintf("tree: deferred-message queue overflow adding %v@%d to %v", m, j, p))
	}
	p.Queue[p.NQ] = deferred{Edge: uint8(j), Msg: m}
	p.NQ++
	return p
}

// dequeue returns p without its i-th deferred message.
func (p Proc) dequeue(i int) Proc {
	copy(p.Queue[i:], p.Queue[i+1:p.NQ])
	p.NQ--
	p.Queue[p.NQ] = deferred{}
	return p
}
