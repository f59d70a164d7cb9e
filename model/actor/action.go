package actor

import "strconv"

// An ActionKind is the kind of a step of an actor system.
type ActionKind uint8

// The kinds of steps. Deliver and Timeout are the protocol's own steps;
// Drop, Dup, Crash and Partition are faults, each bounded by its budget;
// Restart and Heal end a fault; Tick (timed runs only) advances time.
const (
	Deliver   ActionKind = iota // a message is received (or lost at a crashed receiver)
	Timeout                     // a set timer fires
	Drop                        // a message in flight is lost
	Dup                         // a message in flight is duplicated
	Crash                       // a process crashes, keeping its stable state
	Restart                     // a crashed process restarts from its stable state
	Partition                   // the network splits in two sides
	Heal                        // the partition ends
	Tick                        // time advances by one tick (Config.Time)
)

var kindNames = [...]string{"deliver", "timeout", "drop", "dup", "crash", "restart", "partition", "heal", "tick"}

// String returns the kind's name as it starts an action label.
func (k ActionKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Fault reports whether the kind is a fault (a step with no fairness).
func (k ActionKind) Fault() bool { return k == Drop || k == Dup || k == Crash || k == Partition }

// An Action labels a step of an actor system. It prints as
// "deliver p1->p2 Prepare", "drop p1->p2 Prepare", "dup p1->p2 Prepare",
// "timeout p1 retry", "crash p2", "restart p2", "partition {p0} | {p1,p2}",
// "heal" or "tick", followed by " [option]" when a handler made a choice (see
// Ctx.Choose).
type Action[M Message] struct {
	Kind   ActionKind // what happened
	From   ID         // Deliver, Drop, Dup: the sender
	To     ID         // Deliver, Drop, Dup: the receiver; Timeout, Crash, Restart: the process
	Msg    M          // Deliver, Drop, Dup: the message
	Timer  Timer      // Timeout: the timer
	Cut    uint64     // Partition: the side holding p0, as a bit set of ids
	Choice string     // the option chosen by the handler, if it made a choice
	Lost   bool       // Deliver: the receiver was down, so the message was lost
	name   string     // Timeout: the timer's name
	n      uint8      // Partition: the number of processes
}

// String returns the action's label.
func (a Action[M]) String() string {
	var s string
	switch a.Kind {
	case Deliver, Drop, Dup:
		s = a.Kind.String() + " " + a.From.String() + "->" + a.To.String() + " " + a.Msg.String()
		if a.Lost {
			s += " (lost: " + a.To.String() + " down)"
		}
	case Timeout:
		s = "timeout " + a.To.String() + " " + a.name
	case Crash, Restart:
		s = a.Kind.String() + " " + a.To.String()
	case Partition:
		s = "partition " + cutString(a.Cut, int(a.n))
	default:
		s = a.Kind.String()
	}
	if a.Choice != "" {
		s += " [" + a.Choice + "]"
	}
	return s
}

// fairClass returns the action's weak-fairness class: deliveries per
// channel and message, timers per process and timer, restarts per process,
// heal and tick; faults are not fair.
func (a Action[M]) fairClass() (string, bool) {
	switch a.Kind {
	case Deliver:
		return "deliver " + a.From.String() + "->" + a.To.String() + " " + a.Msg.String(), true
	case Timeout:
		return "timeout " + a.To.String() + " " + a.name, true
	case Restart:
		return "restart " + a.To.String(), true
	case Heal:
		return "heal", true
	case Tick:
		return "tick", true
	}
	return "", false
}

// appendFairKey appends a key of the action's fairness class (see
// fairClass): the kind, then what tells classes of that kind apart. It does
// not allocate beyond growing dst.
func (a Action[M]) appendFairKey(dst []byte) []byte {
	dst = append(dst, byte(a.Kind))
	switch a.Kind {
	case Deliver:
		return a.Msg.AppendKey(append(dst, byte(a.From), byte(a.To)))
	case Timeout:
		return append(append(dst, byte(a.To)), a.name...)
	case Restart:
		return append(dst, byte(a.To))
	}
	return dst
}
