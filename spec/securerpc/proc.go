package securerpc

import (
	"strconv"

	"github.com/protocheck/protocheck/model/actor"
	"github.com/protocheck/protocheck/spec/internal/dolevyao"
)

// The processes.
const (
	client   actor.ID = 0
	server   actor.ID = 1
	attacker actor.ID = 2 // the network: every message goes through it
)

// A Phase is where an end is in the session.
type Phase uint8

// The phases. The client goes WAIT (Hello sent) -> DONE (key computed,
// Call sent); the server goes WAIT -> KEYED (Hello answered, key computed)
// -> DONE (the client's Call decrypted under its key).
const (
	PhaseWait Phase = iota
	PhaseKeyed
	PhaseDone
)

var phaseNames = [...]string{"WAIT", "KEYED", "DONE"}

// String returns the phase's name.
func (p Phase) String() string {
	if int(p) < len(phaseNames) {
		return phaseNames[p]
	}
	return "PHASE?"
}

// A Proc is the local state of one process. The client and the server
// use Phase, Peer and Key; the attacker uses Atk.
type Proc struct {
	Attacker bool           // this is the attacker's state
	Phase    Phase          // an end's phase
	Peer     Elem           // an end, from KEYED: the public value it used
	Key      Elem           // an end, from KEYED: its session key, symbolically
	KeyValue uint8          // an end, from KEYED: its session key's number mod M
	Atk      dolevyao.State // the attacker: its knowledge and budget used
}

// HasKey reports whether an end has computed its session key.
func (p Proc) HasKey() bool { return !p.Attacker && p.Phase >= PhaseKeyed }

// AppendKey implements actor.Value.
func (p Proc) AppendKey(dst []byte) []byte {
	dst = append(dst, boolByte(p.Attacker), byte(p.Phase), byte(p.Peer), byte(p.Key), p.KeyValue)
	return p.Atk.AppendKey(dst)
}

// String formats the process for traces: "DONE peer=g^s key=g^cs=7" for
// an end, "knows {g, g^c, ...} injected=1" for the attacker.
func (p Proc) String() string {
	if p.Attacker {
		return p.Atk.Format(func(t dolevyao.Term) string { return termName(p.Atk.Know, t) })
	}
	if !p.HasKey() {
		return p.Phase.String()
	}
	return p.Phase.String() + " peer=" + p.Peer.String() + " key=" + p.Key.String() + "=" + strconv.Itoa(int(p.KeyValue))
}

// termName names a term of knowledge k; a sealed payload whose key k
// holds is implied by the key and left out ("").
func termName(k dolevyao.Knowledge, t dolevyao.Term) string {
	if t < numElems {
		return Elem(t).String()
	}
	p, key := sealedTerm(t)
	if k.Has(key.Term()) {
		return ""
	}
	return "{" + p.String() + "}" + key.String()
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}
