package naming

import (
	"errors"
	"fmt"
	"slices"

	"github.com/protocheck/protocheck/model/actor"
)

// The resolution modes (Config.Mode).
const (
	// ModeRecursive is recursive chaining: each DSA passes the request on
	// and waits; the answer comes back along the chain, each DSA
	// remembering the request until then.
	ModeRecursive = "recursive"
	// ModeTransitive is transitive chaining: each DSA passes the request on
	// and forgets it; the DSA that resolves the name answers the DUA.
	ModeTransitive = "transitive"
	// ModeReferral is referral: a DSA that cannot resolve the name tells
	// the DUA which DSA to ask next, and the DUA asks it.
	ModeReferral = "referral"
)

// Modes lists the resolution modes, the default first.
var Modes = []string{ModeRecursive, ModeTransitive, ModeReferral}

// The variants.
const (
	// VariantCorrect is the text's directory, with loop detection.
	VariantCorrect = "correct"
	// VariantLoopDetected misconfigures DSA2's knowledge reference for
	// context C to name DSA1, a knowledge loop; a DSA that finds its own
	// name in a request's trace answers with a loop error.
	VariantLoopDetected = "loop-detected"
	// VariantLoop is the same knowledge loop without loop detection: the
	// request for a name under C goes round for ever.
	VariantLoop = "loop"
)

// The query sets (Config.Queries): the names the DUA asks, in turn.
const (
	QueriesFound   = "found"   // cn=alice, two references away from DSA1
	QueriesMissing = "missing" // cn=zed under o=univ: no such entry
	QueriesBoth    = "both"    // cn=alice, then cn=zed
	QueriesRepeat  = "repeat"  // cn=alice twice: the second may come from a cache
)

// QuerySets lists the query sets, the default (QueriesBoth) first.
var QuerySets = []string{QueriesBoth, QueriesFound, QueriesMissing, QueriesRepeat}

// queryNames are the names queries ask for: one that exists, one that
// does not.
var queryNames = [numNames]name{"c=us/o=univ/ou=cs/cn=alice", "c=us/o=univ/cn=zed"}

// querySet returns the name indices a query set asks for.
func querySet(set string) ([]uint8, bool) {
	switch set {
	case QueriesFound:
		return []uint8{0}, true
	case QueriesMissing:
		return []uint8{1}, true
	case QueriesBoth, "":
		return []uint8{0, 1}, true
	case QueriesRepeat:
		return []uint8{0, 0}, true
	}
	return nil, false
}

// A Config is one configuration of the model.
type Config struct {
	Mode    string        // one of Modes; "" means ModeRecursive
	Cache   bool          // DSAs cache the answers they relay
	Queries string        // one of QuerySets; "" means QueriesBoth
	Retries int           // retransmissions of a request by the DUA, 0..MaxRetries (used only when Faults.Drop > 0)
	Variant string        // one of the variants; "" means VariantCorrect
	Faults  actor.Faults  // fault budgets: drop and dup
	Network actor.Network // the network semantics
}

// ErrConfig is wrapped by every error about an invalid Config.
var ErrConfig = errors.New("naming: invalid configuration")

// resolution is one entry of a DSA's resolution table.
type resolution struct {
	res  Result   // the answer, or NoResult
	next actor.ID // with NoResult: the DSA to pass the request on to
}

// setup is what the handlers read: the configuration, derived.
type setup struct {
	mode     string
	cache    bool
	detect   bool                           // loop detection
	loop     bool                           // the misconfigured knowledge reference
	count    bool                           // keep the ghost counters (see doc.go)
	retry    bool                           // the DUA sets its retry timer
	retries  int                            // retransmissions per request
	queries  []uint8                        // name indices, asked in turn
	resolved [numProcs][numNames]resolution // by DSA and name
	expect   [MaxQueries]Result             // the right answer to each query; NoResult: never answered
	_        [0]func()                      // not comparable
}

// newSetup validates cfg and derives the setup.
func newSetup(cfg Config) (*setup, error) {
	if cfg.Mode == "" {
		cfg.Mode = ModeRecursive
	}
	if cfg.Variant == "" {
		cfg.Variant = VariantCorrect
	}
	qs, ok := querySet(cfg.Queries)
	switch {
	case !slices.Contains(Modes, cfg.Mode):
		return nil, fmt.Errorf("%w: unknown mode %q", ErrConfig, cfg.Mode)
	case !ok:
		return nil, fmt.Errorf("%w: unknown query set %q", ErrConfig, cfg.Queries)
	case cfg.Retries < 0 || cfg.Retries > MaxRetries:
		return nil, fmt.Errorf("%w: %d retries (want 0..%d)", ErrConfig, cfg.Retries, MaxRetries)
	case cfg.Faults.Crash+cfg.Faults.Restart+cfg.Faults.Partition > 0:
		return nil, fmt.Errorf("%w: faults %v (the model takes drop and dup)", ErrConfig, cfg.Faults)
	case cfg.Variant != VariantCorrect && cfg.Variant != VariantLoopDetected && cfg.Variant != VariantLoop:
		return nil, fmt.Errorf("%w: unknown variant %q", ErrConfig, cfg.Variant)
	}
	st := &setup{
		mode: cfg.Mode, cache: cfg.Cache, queries: qs,
		loop:    cfg.Variant != VariantCorrect,
		detect:  cfg.Variant != VariantLoop,
		retry:   cfg.Faults.Drop > 0 && cfg.Retries > 0,
		retries: cfg.Retries,
	}
	st.count = st.detect || !st.loop
	for d := dsa1; d <= dsa3; d++ {
		k := knowledgeOf(d, st.loop)
		for i, n := range queryNames {
			res, next := k.resolve(n)
			st.resolved[d][i] = resolution{res, next}
		}
	}
	st.expect = st.expected()
	return st, nil
}

// expected returns the right answer to each query: the entry if the DIT
// has it, else not-found, unless the knowledge references for the name
// form a loop, which ends in a loop error with detection and never
// without (NoResult). A query after one never answered is never asked.
func (st *setup) expected() [MaxQueries]Result {
	var out [MaxQueries]Result
	for i, q := range st.queries {
		r := truth(queryNames[q])
		if st.loops(q) {
			if !st.detect {
				return out
			}
			r = LoopError
		}
		out[i] = r
	}
	return out
}

// truth is the answer the DIT itself gives for n.
func truth(n name) Result {
	if id, ok := entryID(n); ok {
		return Found(id)
	}
	return NotFound
}

// loops reports whether following the DSAs' knowledge from DSA1 for name q
// visits a DSA twice.
func (st *setup) loops(q uint8) bool {
	var seen uint8
	for d := dsa1; st.resolved[d][q].res == NoResult; d = st.resolved[d][q].next {
		if seen&(1<<d) != 0 {
			return true
		}
		seen |= 1 << d
	}
	return false
}
