package suzukikasami

import (
	"fmt"

	"github.com/protocheck/protocheck/model/actor"
)

// A Phase is where a process stands with respect to its critical section.
type Phase uint8

// The phases. The paper's "requesting" is PhaseWaiting or PhaseInCS.
const (
	PhaseIdle    Phase = iota // not asking
	PhaseWaiting              // asked (broadcast its REQUEST), waiting for the token
	PhaseInCS                 // in its critical section, holding the token
)

var phaseNames = [...]string{"idle", "waiting", "in-cs"}

// String returns the phase's name.
func (p Phase) String() string {
	if int(p) < len(phaseNames) {
		return phaseNames[p]
	}
	return "phase?"
}

// A Proc is the local state of one process: the paper's variables and
// what the model adds to run and measure it.
type Proc struct {
	Phase Phase
	RN    [MaxN]uint8 // RN[j]: the largest request number of process j seen (the text's S_i)
	Has   bool        // havePrivilege: holds the token
	Tok   Token       // the token, when Has (zero otherwise)
	Done  uint8       // critical sections completed (entered and left)
	Sent  uint8       // messages sent so far (REQUEST and PRIVILEGE)
	Free  uint8       // ghost: entries made holding the token already, with no message
	N     uint8       // the number of processes, only to print RN; constant, not part of the key
}

// AppendKey implements actor.Value.
func (p Proc) AppendKey(dst []byte) []byte {
	has := byte(0)
	if p.Has {
		has = 1
	}
	dst = append(dst, byte(p.Phase), has, p.Done, p.Sent, p.Free)
	dst = append(dst, p.RN[:]...)
	if p.Has {
		dst = p.Tok.appendKey(dst)
	}
	return dst
}

// String formats the process for traces: "waiting RN=[1 1 0] done=0
// sent=2", with "token LN=[..] Q=[..]" when it holds the token.
func (p Proc) String() string {
	s := fmt.Sprintf("%v RN=%v", p.Phase, p.RN[:p.N])
	if p.Has {
		s += " token " + p.Tok.String(int(p.N))
	}
	return s + fmt.Sprintf(" done=%d sent=%d", p.Done, p.Sent)
}

// The timers: a process's request (it asks for its critical section) and
// its exit from the critical section. A set timer fires at any moment;
// weak fairness makes it fire eventually.
const (
	timerWant actor.Timer = iota
	timerExit
)

var timerNames = []string{"want", "exit"}

// process returns the behaviour of process id; p0 starts with the token.
func process(cfg Config, id actor.ID) actor.Actor[Proc, Msg] {
	reqs := uint8(cfg.Requests)
	ignoreSeq := cfg.Variant == VariantIgnoreSeq
	return actor.Actor[Proc, Msg]{
		Name: "process",
		Start: func(c *actor.Ctx[Msg]) Proc {
			c.SetTimer(timerWant)
			return Proc{Has: id == 0, N: uint8(cfg.N)}
		},
		Receive: func(c *actor.Ctx[Msg], s Proc, from actor.ID, m Msg) Proc {
			if m.Kind == Privilege {
				s.Has, s.Tok = true, m.Tok
				if s.Phase == PhaseWaiting {
					s.Phase = PhaseInCS
					c.SetTimer(timerExit)
				}
				// Not asking (only in VariantIgnoreSeq): the paper has no
				// rule for an unasked token; the process holds it idle and
				// gives it up on the next REQUEST it receives.
				return s
			}
			s.RN[from] = max(s.RN[from], m.Seq)
			outstanding := s.RN[from] == s.Tok.LN[from]+1
			if s.Has && s.Phase == PhaseIdle && (outstanding || ignoreSeq) {
				return sendToken(c, s, from)
			}
			return s
		},
		Timeout: func(c *actor.Ctx[Msg], s Proc, t actor.Timer) Proc {
			if t == timerWant {
				return request(c, s)
			}
			s.Done++
			if s.Done < reqs {
				c.SetTimer(timerWant)
			}
			return release(c, s)
		},
	}
}

// request: a process holding the token enters at once, with no message;
// otherwise it numbers its request and broadcasts REQUEST(i, RN[i]).
func request(c *actor.Ctx[Msg], s Proc) Proc {
	if s.Has {
		s.Phase = PhaseInCS
		s.Free++
		c.SetTimer(timerExit)
		return s
	}
	self := c.Self()
	s.RN[self]++
	c.Broadcast(Msg{Kind: Request, Seq: s.RN[self]})
	s.Sent += uint8(c.N() - 1)
	s.Phase = PhaseWaiting
	return s
}

// release leaves the critical section: LN[i] := RN[i]; every process j
// (in the order i+1, ..., N-1, 0, ..., i-1) not yet queued whose latest
// request is outstanding (RN[j] = LN[j]+1) joins Q; and the token goes to
// the head of Q, if any.
func release(c *actor.Ctx[Msg], s Proc) Proc {
	self, n := c.Self(), c.N()
	s.Phase = PhaseIdle
	s.Tok.LN[self] = s.RN[self]
	for k := 1; k < n; k++ {
		j := actor.ID((int(self) + k) % n)
		if !s.Tok.queued(j) && s.RN[j] == s.Tok.LN[j]+1 {
			s.Tok.Q[s.Tok.QLen] = j
			s.Tok.QLen++
		}
	}
	if s.Tok.QLen == 0 {
		return s
	}
	head := s.Tok.Q[0]
	copy(s.Tok.Q[:], s.Tok.Q[1:s.Tok.QLen])
	s.Tok.QLen--
	s.Tok.Q[s.Tok.QLen] = 0
	return sendToken(c, s, head)
}

// sendToken gives the token to process to.
func sendToken(c *actor.Ctx[Msg], s Proc, to actor.ID) Proc {
	c.Send(to, Msg{Kind: Privilege, Tok: s.Tok, N: s.N})
	s.Has, s.Tok = false, Token{}
	s.Sent++
	return s
}
