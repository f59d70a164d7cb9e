package actor

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// A Network is the delivery semantics of the in-flight messages, chosen per
// run. Loss is never part of a network: it is the explicit, budgeted "drop"
// step (see Faults).
type Network uint8

const (
	// Unordered delivers any in-flight message next; the network is a
	// multiset, so a message sent twice is delivered twice.
	Unordered Network = iota
	// FIFO delivers, per channel (ordered pair of processes), the oldest
	// message first, like TCP between two live processes.
	FIFO
	// Duplicating is unordered and never removes a delivered message: the
	// network is a set and every message may be delivered any number of
	// times (stateright's UnorderedDuplicating). The "dup" fault is then
	// meaningless and never enabled.
	Duplicating
)

// networkNames are the names ParseNetwork accepts, indexed by Network.
var networkNames = [...]string{Unordered: "unordered", FIFO: "fifo", Duplicating: "duplicating"}

// String returns the network's name as ParseNetwork accepts it.
func (n Network) String() string {
	if int(n) < len(networkNames) {
		return networkNames[n]
	}
	return "network(" + strconv.Itoa(int(n)) + ")"
}

// NetworkNames lists the names ParseNetwork accepts, the default first.
func NetworkNames() []string { return networkNames[:] }

// ErrConfig is wrapped by every error about an invalid actor configuration,
// fault list or network name.
var ErrConfig = errors.New("actor: invalid configuration")

// ParseNetwork parses a network name: "unordered", "fifo" or "duplicating".
// The empty string means Unordered.
func ParseNetwork(s string) (Network, error) {
	if s == "" {
		return Unordered, nil
	}
	for i, name := range networkNames {
		if s == name {
			return Network(i), nil
		}
	}
	return 0, fmt.Errorf("%w: unknown network %q (want one of %s)",
		ErrConfig, s, strings.Join(networkNames[:], ", "))
}

// Faults are fault budgets: how many times each kind of fault step may be
// taken in one run. Every fault is an explicit step in the trace; a budget
// of 0 disables the kind. The zero value is a fault-free run.
type Faults struct {
	Drop      int // messages lost in transit ("drop p1->p2 M")
	Dup       int // messages duplicated in transit ("dup p1->p2 M")
	Crash     int // process crashes; a crash keeps only the stable state ("crash p2")
	Restart   int // restarts of crashed processes ("restart p2"); see Actor.NoRestart
	Partition int // network partitions ("partition {p0} | {p1,p2}"); "heal" is free
}

// FaultKinds lists the fault names ParseFaults accepts, in Faults field
// order.
func FaultKinds() []string { return []string{"drop", "dup", "crash", "restart", "partition"} }

// field returns a pointer to the budget of the named kind, nil if unknown.
func (f *Faults) field(kind string) *int {
	switch kind {
	case "drop":
		return &f.Drop
	case "dup":
		return &f.Dup
	case "crash":
		return &f.Crash
	case "restart":
		return &f.Restart
	case "partition":
		return &f.Partition
	}
	return nil
}

// Budget returns the budget of the named kind, 0 for an unknown kind.
func (f Faults) Budget(kind string) int {
	if p := f.field(kind); p != nil {
		return *p
	}
	return 0
}

// maxBudget bounds each budget so that the counters fit a byte of the key.
const maxBudget = 255

// Set sets the budget of the named kind ("drop", "dup", "crash", "restart",
// "partition"). It returns an error wrapping ErrConfig for an unknown kind
// or a count outside 0..255.
func (f *Faults) Set(kind string, n int) error {
	p := f.field(kind)
	if p == nil {
		return fmt.Errorf("%w: unknown fault kind %q (want one of %s)",
			ErrConfig, kind, strings.Join(FaultKinds(), ", "))
	}
	if n < 0 || n > maxBudget {
		return fmt.Errorf("%w: fault %s=%d out of range 0..%d", ErrConfig, kind, n, maxBudget)
	}
	*p = n
	return nil
}

// FaultsFromMap converts a map of budgets (as the CLI parses them) to
// Faults, with the same errors as Set. Keys are applied in sorted order so
// that the first error reported is deterministic.
func FaultsFromMap(m map[string]int) (Faults, error) {
	var f Faults
	kinds := make([]string, 0, len(m))
	for k := range m {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	for _, k := range kinds {
		if err := f.Set(k, m[k]); err != nil {
			return Faults{}, err
		}
	}
	return f, nil
}

// ParseFaults parses a comma-separated list of kind=count budgets, such as
// "drop=2,dup=1,crash=1,restart=1,partition=1". A kind without a count
// ("crash") means 1; a kind given twice is an error; the empty string is
// the fault-free Faults{}.
func ParseFaults(s string) (Faults, error) {
	var f Faults
	if strings.TrimSpace(s) == "" {
		return f, nil
	}
	seen := map[string]bool{}
	for _, item := range strings.Split(s, ",") {
		kind, num, hasNum := strings.Cut(strings.TrimSpace(item), "=")
		kind = strings.TrimSpace(kind)
		n := 1
		if hasNum {
			v, err := strconv.Atoi(strings.TrimSpace(num))
			if err != nil {
				return Faults{}, fmt.Errorf("%w: fault %q: bad count %q", ErrConfig, item, num)
			}
			n = v
		}
		if seen[kind] {
			return Faults{}, fmt.Errorf("%w: fault %q given twice", ErrConfig, kind)
		}
		seen[kind] = true
		if err := f.Set(kind, n); err != nil {
			return Faults{}, err
		}
	}
	return f, nil
}

// String formats the non-zero budgets as ParseFaults accepts them, in
// FaultKinds order ("drop=1,crash=1"); "none" for the zero value.
func (f Faults) String() string {
	var b strings.Builder
	for _, k := range FaultKinds() {
		if n := *f.field(k); n > 0 {
			if b.Len() > 0 {
				b.WriteByte(',')
			}
			b.WriteString(k + "=" + strconv.Itoa(n))
		}
	}
	if b.Len() == 0 {
		return "none"
	}
	return b.String()
}
