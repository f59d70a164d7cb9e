package naming

import (
	"math/bits"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/model/actor"
)

// Bounds of the model.
const (
	// MaxQueries is the most queries a query set holds.
	MaxQueries = 2
	// MaxRetries is the most retransmissions of one request by the DUA.
	MaxRetries = 2
	maxTries   = MaxRetries + 1
	numNames   = 2 // len(queryNames)
	numProcs   = numDSAs + 1
)

// A Proc is the local state of one process: the DUA (p0) or a DSA
// (p1..p3). Fields marked ghost only record what the tables measure; the
// protocol never reads them.
type Proc struct {
	DSA bool // the role: false for the DUA

	// The DUA.
	Q       uint8              // the query being asked: an index of the query list (its length when done)
	Target  actor.ID           // the DSA asked in the current step
	Tries   uint8              // requests sent in the current step: attempts 0..Tries-1
	Trace   uint8              // referral: the trace the current step's request carries
	Hops    uint8              // referral: hops before the current step's request
	Answers [MaxQueries]Result // the answer to each query
	HopSum  uint8              // ghost: hops until the DUA had each answer, summed

	// A DSA.
	Pending uint32           // recursive chaining: requests chained and not yet answered (see pendingBit)
	Peak    uint8            // ghost: the most requests it remembered at once
	Cache   [numNames]Result // answers it relayed, by name (with caching on)
	Revisit bool             // ghost: it passed on a request whose trace named it already

	Sent uint8 // ghost: messages sent
}

// pendingBit is the bit of Proc.Pending that remembers the request of query
// q, attempt try, chained on behalf of process from (whom the answer goes
// back to).
func pendingBit(q, try uint8, from actor.ID) uint32 {
	return 1 << ((uint(q)*maxTries+uint(try))*numProcs + uint(from))
}

// remembered is the number of requests the DSA remembers now.
func (p Proc) remembered() int { return bits.OnesCount32(p.Pending) }

// AppendKey implements actor.Value.
func (p Proc) AppendKey(dst []byte) []byte {
	dst = append(dst, b2u(p.DSA), p.Q, byte(p.Target), p.Tries, p.Trace, p.Hops, p.HopSum)
	for _, a := range p.Answers {
		dst = append(dst, byte(a))
	}
	dst = append(dst, byte(p.Pending), byte(p.Pending>>8), byte(p.Pending>>16), byte(p.Pending>>24), p.Peak)
	for _, c := range p.Cache {
		dst = append(dst, byte(c))
	}
	return append(dst, b2u(p.Revisit), p.Sent)
}

func b2u(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// String formats the process for traces. The DUA: "asks p1 for q0 tries=1
// answers=[-,-]" (or "done answers=[...]"); a DSA: its pending requests as
// "q0#1<p0" (query 0, attempt 1, answer due to p0), its peak, its cache;
// then the ghost counters when not zero.
func (p Proc) String() string {
	var parts []string
	if !p.DSA {
		ans := make([]string, len(p.Answers))
		for i, a := range p.Answers {
			ans[i] = a.String()
		}
		if p.Tries > 0 {
			parts = append(parts, "asks "+p.Target.String()+" for q"+strconv.Itoa(int(p.Q))+" tries="+strconv.Itoa(int(p.Tries)))
		} else {
			parts = append(parts, "done")
		}
		parts = append(parts, "answers=["+strings.Join(ans, ",")+"]")
		if p.HopSum > 0 {
			parts = append(parts, "hopsum="+strconv.Itoa(int(p.HopSum)))
		}
	} else {
		parts = append(parts, p.dsaString()...)
	}
	if p.Sent > 0 {
		parts = append(parts, "sent="+strconv.Itoa(int(p.Sent)))
	}
	return strings.Join(parts, " ")
}

// dsaString formats a DSA's fields.
func (p Proc) dsaString() []string {
	var parts, pend, cache []string
	for q := uint8(0); q < MaxQueries; q++ {
		for try := uint8(0); try < maxTries; try++ {
			for from := actor.ID(0); from < numProcs; from++ {
				if p.Pending&pendingBit(q, try, from) != 0 {
					pend = append(pend, "q"+strconv.Itoa(int(q))+"#"+strconv.Itoa(int(try))+"<"+from.String())
				}
			}
		}
	}
	if len(pend) > 0 {
		parts = append(parts, "pending=["+strings.Join(pend, ",")+"]")
	}
	if p.Peak > 0 {
		parts = append(parts, "peak="+strconv.Itoa(int(p.Peak)))
	}
	for i, c := range p.Cache {
		if c != NoResult {
			cache = append(cache, nameString(uint8(i))+":"+c.String())
		}
	}
	if len(cache) > 0 {
		parts = append(parts, "cache=["+strings.Join(cache, ",")+"]")
	}
	if p.Revisit {
		parts = append(parts, "revisited")
	}
	if len(parts) == 0 {
		parts = append(parts, "idle")
	}
	return parts
}
