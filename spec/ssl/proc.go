package ssl

import (
	"github.com/protocheck/protocheck/model/actor"
	"github.com/protocheck/protocheck/spec/internal/dolevyao"
)

// The processes.
const (
	client   actor.ID = 0
	server   actor.ID = 1
	attacker actor.ID = 2 // the network: every message goes through it
)

// A Phase is where an end is in the connection.
type Phase uint8

// The phases. The client goes HELLO (offer sent) -> FINISH (key sent,
// waiting for the server's Finished) -> OPEN -> CLOSED; the server goes
// HELLO (listening) -> KEY (suite chosen, certificate sent) -> FINISH (key
// received, waiting for the client's Finished) -> OPEN -> CLOSED. Without
// Finished messages (VariantNoFinished) FINISH is skipped.
const (
	PhaseHello Phase = iota
	PhaseKey
	PhaseFinish
	PhaseOpen
	PhaseClosed
)

var phaseNames = [...]string{"HELLO", "KEY", "FINISH", "OPEN", "CLOSED"}

// String returns the phase's name.
func (p Phase) String() string {
	if int(p) < len(phaseNames) {
		return phaseNames[p]
	}
	return "PHASE?"
}

// A Role is what a process is.
type Role uint8

// The roles.
const (
	RoleClient Role = iota
	RoleServer
	RoleAttacker
)

// noKey marks an end that holds no session key yet.
const noKey = 0xff

// A Proc is the local state of one process. The client and the server
// use Phase, Offer, Suite, Key and Peer; the attacker uses Atk.
type Proc struct {
	Role  Role           // what the process is
	Phase Phase          // an end's phase
	Offer Suites         // the client: what it offered; the server: the offer it received
	Suite Suite          // from KEY (server) or FINISH (client): the suite chosen
	Key   uint8          // the pre-master secret (secretC, secretM) its session key comes from, or noKey
	Peer  uint8          // the client, once keyed: the owner (ownerS, ownerM) of the public key it encrypted for
	Atk   dolevyao.State // the attacker: its knowledge and budget used
}

// newEnd returns an end's initial state.
func newEnd(r Role) Proc { return Proc{Role: r, Key: noKey} }

// HasKey reports whether an end holds a session key.
func (p Proc) HasKey() bool { return p.Role != RoleAttacker && p.Key != noKey }

// Completed reports whether an end finished the handshake (OPEN or
// CLOSED).
func (p Proc) Completed() bool { return p.Role != RoleAttacker && p.Phase >= PhaseOpen }

// AppendKey implements actor.Value.
func (p Proc) AppendKey(dst []byte) []byte {
	dst = append(dst, byte(p.Role), byte(p.Phase), byte(p.Offer), byte(p.Suite), p.Key, p.Peer)
	return p.Atk.AppendKey(dst)
}

// String formats the process for traces: "OPEN offer=strong,weak
// suite=strong key=k_C peer=pk_S" for the client, "knows {cert_M(*),
// pms_M, ...}" for the attacker.
func (p Proc) String() string {
	if p.Role == RoleAttacker {
		return p.Atk.Format(func(t dolevyao.Term) string { return knowledgeName(p.Atk.Know, t) })
	}
	s := p.Phase.String()
	if p.Offer != 0 {
		s += " offer=" + p.Offer.String()
	}
	if p.Phase >= PhaseKey {
		s += " suite=" + p.Suite.String()
	}
	if p.HasKey() {
		s += " key=k_" + pmsNames[p.Key]
		if p.Role == RoleClient {
			s += " peer=pk_" + ownerNames[p.Peer]
		}
	}
	return s
}
