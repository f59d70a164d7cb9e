package naming

import (
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/model/actor"
)

// A Result is the outcome of a query: none yet, an authoritative
// not-found, a loop error, or an entry (Found).
type Result uint8

// The results other than Found.
const (
	NoResult  Result = iota // no answer (yet)
	NotFound                // the name has no entry
	LoopError               // a DSA saw its own name in the request's trace
	firstEntry
)

// Found returns the result naming entry id (an index of the DIT's entries).
func Found(id int) Result { return firstEntry + Result(id) }

// Entry returns the entry id of a Found result, and false for the others.
func (r Result) Entry() (int, bool) {
	if r < firstEntry {
		return 0, false
	}
	return int(r - firstEntry), true
}

// String returns "not-found", "loop-error", "-" for none, or the entry's
// last relative name, "entry(cn=alice)".
func (r Result) String() string {
	switch r {
	case NoResult:
		return "-"
	case NotFound:
		return "not-found"
	case LoopError:
		return "loop-error"
	}
	id, _ := r.Entry()
	if id < len(entries) {
		return "entry(" + lastRDN(entries[id]) + ")"
	}
	return "entry(" + strconv.Itoa(id) + "?)"
}

// lastRDN returns the last relative distinguished name of n: "cn=alice".
func lastRDN(n name) string { return n[strings.LastIndexByte(n, '/')+1:] }

// A Kind is the type of a message.
type Kind uint8

// The messages (X.500's operations reduced to a read of one name).
const (
	// Request asks a DSA for a name: from the DUA, or chained by a DSA.
	Request Kind = iota
	// Answer carries a Result back: to the DSA that chained the request
	// (recursive chaining) or to the DUA.
	Answer
	// Referral tells the DUA which DSA to ask next (referral mode).
	Referral
)

var kindNames = [...]string{"Request", "Answer", "Referral"}

// A Msg is a message of the protocol. Every message names its query (the
// DUA asks its queries in turn), the name asked and the attempt (the DUA's
// retransmissions of one request are distinct attempts, so that a DSA
// does not merge them); a request and a referral carry the trace of the
// DSAs visited; every message carries the hops taken since the DUA asked.
type Msg struct {
	Kind   Kind
	Q      uint8    // the query: an index of the DUA's query list
	Name   uint8    // the name asked: an index of queryNames
	Try    uint8    // the attempt in the DUA's current step: 0, then one per retransmission
	Trace  uint8    // Request, Referral: the DSAs visited, a bit set of ids
	Hops   uint8    // messages on this attempt's path, this one included, across referrals (0 when not counted)
	Result Result   // Answer: the outcome
	To     actor.ID // Referral: the DSA to ask next
}

// AppendKey implements actor.Value.
func (m Msg) AppendKey(dst []byte) []byte {
	return append(dst, byte(m.Kind), m.Q, m.Name, m.Try, m.Trace, m.Hops, byte(m.Result), byte(m.To))
}

// String formats the message as "Request(q0 cn=alice try=0 trace={p1}
// hops=2)", leaving out an empty trace, a zero hop count and the fields
// its kind does not use.
func (m Msg) String() string {
	k := "Msg?"
	if int(m.Kind) < len(kindNames) {
		k = kindNames[m.Kind]
	}
	s := k + "(q" + strconv.Itoa(int(m.Q)) + " " + nameString(m.Name) + " try=" + strconv.Itoa(int(m.Try))
	switch m.Kind {
	case Answer:
		s += " " + m.Result.String()
	case Referral:
		s += " to=" + m.To.String()
	}
	if m.Trace != 0 {
		s += " trace=" + actor.IDSet(uint64(m.Trace))
	}
	if m.Hops != 0 {
		s += " hops=" + strconv.Itoa(int(m.Hops))
	}
	return s + ")"
}

// nameString prints a name index of the fixed query names.
func nameString(i uint8) string {
	if int(i) < len(queryNames) {
		return lastRDN(queryNames[i])
	}
	return "name" + strconv.Itoa(int(i))
}
