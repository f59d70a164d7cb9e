package exploretest

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/protocheck/protocheck/model"
)

// queue is a state with a slice: a bounded FIFO of values and a counter.
type queue struct {
	Items []uint8
	Sent  uint8
}

// queueModel pushes the next value or pops the head, up to 3 items and 4
// sends. The bug field selects one breach of the model contract.
type queueModel struct {
	bug   string
	calls *int // counts Next calls, for the non-deterministic bug
}

func (q queueModel) Init(yield func(queue)) { yield(queue{}) }

func (q queueModel) Next(s queue, yield func(string, queue)) {
	*q.calls++
	push := func(label string, v uint8) {
		items := append(s.Items[:len(s.Items):len(s.Items)], v) // copy on write
		if q.bug == "aliasing" {
			items = append(s.Items, v) // shares s's spare capacity with its sibling
		}
		yield(label, queue{Items: items, Sent: s.Sent + 1})
	}
	pop := func() {
		if q.bug == "mutates" {
			s.Items[0] = 99 // writes into the caller's backing array
		}
		yield("pop", queue{Items: s.Items[1:], Sent: s.Sent})
	}
	canPush, canPop := len(s.Items) < 3 && s.Sent < 4, len(s.Items) > 0
	if canPop && q.bug == "nondeterministic" && *q.calls%2 == 0 {
		pop() // every other call, pop comes first
		canPop = false
	}
	if canPush {
		push("push", s.Sent)
		push("push high", s.Sent+100)
	}
	if canPop {
		pop()
	}
}

func (q queueModel) AppendKey(dst []byte, s queue) []byte {
	if q.bug == "clobbers" {
		dst = dst[:0]
	}
	return append(model.AppendBytes(dst, s.Items), s.Sent)
}

func (q queueModel) Properties() []model.Property[queue] {
	flip := false
	return []model.Property[queue]{
		model.Always("short", func(s queue) bool { return len(s.Items) <= 3 }),
		model.Always("impure", func(queue) bool { flip = !flip; return q.bug != "impure" || flip }),
	}
}

// pair is comparable: == compares its contents.
type pair struct{ A, B uint8 }

// pairModel counts A and B up to 2. Its key is derived by a
// model.StructKeyer; with lossy, the key forgets B.
func pairModel(lossy bool) model.Func[pair, string] {
	k, err := model.NewStructKeyer[pair]()
	if err != nil {
		panic(err)
	}
	return model.Func[pair, string]{
		InitFn: func(y func(pair)) { y(pair{}) },
		NextFn: func(s pair, y func(string, pair)) {
			if s.A < 2 {
				y("a", pair{s.A + 1, s.B})
			}
			if s.B < 2 {
				y("b", pair{s.A, s.B + 1})
			}
		},
		KeyFn: func(dst []byte, s pair) []byte {
			if lossy {
				return append(dst, s.A)
			}
			return k.AppendKey(dst, s)
		},
	}
}

func contractErrors(m func(tb testing.TB)) []string { return runRecorded(m).errors }

func TestContractPassesCorrectModels(t *testing.T) {
	n := 0
	assert.Empty(t, contractErrors(func(tb testing.TB) { Contract(tb, queueModel{calls: &n}) }))
	assert.Empty(t, contractErrors(func(tb testing.TB) { Contract(tb, pairModel(false)) }))
	assert.Positive(t, n, "Next was called")
}

// TestContractCatches: each breach is reported once, by name, with the
// path of a state that shows it.
func TestContractCatches(t *testing.T) {
	for bug, want := range map[string]string{
		"mutates":          "Next mutated its input",
		"nondeterministic": "Next is not deterministic",
		"aliasing":         "Next changed a state it had yielded",
		"clobbers":         "AppendKey does not append",
		"impure":           "property is not pure",
	} {
		t.Run(bug, func(t *testing.T) {
			n := 0
			errs := contractErrors(func(tb testing.TB) { Contract(tb, queueModel{bug: bug, calls: &n}) })
			found := 0
			for _, e := range errs {
				if strings.Contains(e, want) {
					found++
					assert.Contains(t, e, "(path 0", "the report gives the path to the state")
				}
			}
			assert.Equal(t, 1, found, "one report of %q among %q", want, errs)
		})
	}
	errs := contractErrors(func(tb testing.TB) { Contract(tb, pairModel(true)) })
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0], "key is not injective")
}

// TestContractCatchesNonCanonicalKeys: -0 and +0 are == but a key of the
// float's bits tells them apart.
func TestContractCatchesNonCanonicalKeys(t *testing.T) {
	m := model.Func[float64, string]{
		InitFn: func(y func(float64)) { y(0) },
		NextFn: func(s float64, y func(string, float64)) {
			if s == 0 && !math.Signbit(s) {
				y("negate", math.Copysign(0, -1))
			}
		},
		KeyFn: func(dst []byte, s float64) []byte { return model.AppendUint(dst, math.Float64bits(s)) },
	}
	errs := contractErrors(func(tb testing.TB) { Contract(tb, m) })
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0], "key is not canonical")
}

// TestContractSamples: the breadth-first bound and the walks decide which
// states are checked; a breach beyond the sample goes unseen.
func TestContractSamples(t *testing.T) {
	deep := func(dst []byte, s int) []byte {
		if s == 50 {
			return append(dst[:0], 0xff, 0xff) // clobbers dst, deep down only
		}
		return model.AppendInt(dst, s)
	}
	m := model.Func[int, string]{
		InitFn: func(y func(int)) { y(0) },
		NextFn: func(s int, y func(string, int)) {
			if s < 60 {
				y("inc", s+1)
			}
		},
		KeyFn: deep,
	}
	none := ContractOptions{States: 10, Walks: -1}
	assert.Empty(t, contractErrors(func(tb testing.TB) { Contract(tb, m, none) }), "state 50 is not sampled")
	walk := ContractOptions{States: 10, Walks: 1, Depth: 55}
	errs := contractErrors(func(tb testing.TB) { Contract(tb, m, walk) })
	require.Len(t, errs, 1, "a walk reaches state 50")
	assert.Contains(t, errs[0], "AppendKey does not append")
	assert.Len(t, contractErrors(func(tb testing.TB) { Contract(tb, m) }), 1, "the default sample reaches state 50")
}

// fairPair is pairModel with weak fairness per counter, and fairness keys
// that are right, or (merge) the same for both counters.
type fairPair struct {
	model.Func[pair, string]
	merge bool
}

func (f fairPair) FairClass(a string) (string, bool) { return "inc " + a, true }

func (f fairPair) AppendFairKey(dst []byte, a string) []byte {
	if f.merge {
		return dst
	}
	return append(dst, a...)
}

func TestContractChecksFairKeys(t *testing.T) {
	assert.Empty(t, contractErrors(func(tb testing.TB) { Contract(tb, fairPair{Func: pairModel(false)}) }))
	errs := contractErrors(func(tb testing.TB) { Contract(tb, fairPair{Func: pairModel(false), merge: true}) })
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0], "AppendFairKey merges fairness classes")
}
