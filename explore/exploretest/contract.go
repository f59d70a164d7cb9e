package exploretest

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/protocheck/protocheck/model"
)

// TB is what Contract needs of a test; *testing.T, *testing.B and
// *rapid.T satisfy it.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
}

// ContractOptions say which states Contract samples. The zero value takes
// up to 1,000 states breadth first, then 10 random walks of 100 steps.
type ContractOptions struct {
	States int      // states sampled breadth first from the initial states; 0 means 1000
	Walks  int      // seeded random walks from the initial states after that; 0 means 10, negative none
	Depth  int      // steps per walk; 0 means 100
	Seed   uint64   // the walks' seed: walk w draws from a PCG seeded (Seed, w)
	_      struct{} // forbids positional literals
}

// Contract checks, on sampled states of m, what package model requires of
// every model, and fails t once for each kind of breach, with the index
// path (as in model.Trace.Path) of the first state that shows it:
//
//   - Init yields the same states, by key, on two calls.
//   - Next is deterministic: two calls yield the same labels (as fmt
//     prints them) and successors with the same keys, in the same order.
//   - Next does not mutate its input (the key of s is the same before and
//     after) and does not change a state after yielding it (a successor's
//     key is the same at the yield and after Next returns).
//   - AppendKey is deterministic and appends: it keeps dst's bytes and
//     ignores whatever lies in dst's spare capacity.
//   - The key is injective and canonical where == compares contents (S is
//     comparable and holds no pointers, interfaces or channels): two
//     sampled states with equal keys are ==, and two == states have equal
//     keys. Sampling deduplicates by key, so every successor whose key was
//     seen before is compared with the first state of that key.
//   - Properties are pure: Holds (and Then) give the same answer twice and
//     leave the state's key unchanged.
//   - For a model.Symmetric, Canonical leaves its input unchanged and is
//     idempotent: the canonical state is its own representative.
//
// The sample is a bounded breadth-first search, then seeded random walks
// that reach deeper states; see ContractOptions. Contract does not explore
// the whole space and checks no property's verdict: that is Check's job.
func Contract[S, A any](t TB, m model.Model[S, A], opts ...ContractOptions) {
	t.Helper()
	var o ContractOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	o.States = cmpOr(o.States, 1000)
	o.Walks = cmpOr(o.Walks, 10)
	o.Depth = cmpOr(o.Depth, 100)
	c := &contract[S, A]{t: t, m: m, failed: map[string]bool{}, seen: map[string]int{}}
	if byContents(reflect.TypeFor[S]()) {
		c.byValue = map[any]string{}
	}
	c.checkInit()
	c.breadthFirst(o.States)
	c.walks(o)
	for _, x := range c.sample {
		c.checkState(x)
	}
}

// byContents reports whether == on values of t compares their contents:
// t is comparable and holds no pointers, interfaces or channels.
func byContents(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Array:
		return byContents(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if !byContents(t.Field(i).Type) {
				return false
			}
		}
		return true
	case reflect.Pointer, reflect.Interface, reflect.Chan, reflect.UnsafePointer,
		reflect.Slice, reflect.Map, reflect.Func:
		return false
	}
	return true
}

func cmpOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// A sampled state, its key when sampled and the index path that reached it.
type sampled[S any] struct {
	s    S
	key  string
	path []int
}

type contract[S, A any] struct {
	t       TB
	m       model.Model[S, A]
	failed  map[string]bool // kinds of breach already reported
	sample  []sampled[S]
	seen    map[string]int    // key -> index in sample
	byValue map[any]string    // state -> key; nil unless == compares S's contents
	classOf map[string]string // fairness key -> the class it stood for (FairKeyer)
}

// fail reports a breach of the given kind, once per kind.
func (c *contract[S, A]) fail(kind string, path []int, s S, format string, args ...any) {
	c.t.Helper()
	if c.failed[kind] {
		return
	}
	c.failed[kind] = true
	c.t.Errorf("model contract: %s: %s\n  state (path %s): %v", kind, fmt.Sprintf(format, args...), pathString(path), s)
}

func pathString(p []int) string {
	parts := make([]string, len(p))
	for i, x := range p {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, "/")
}

func (c *contract[S, A]) key(s S) string { return string(c.m.AppendKey(nil, s)) }

// checkInit calls Init twice and compares the keys it yields.
func (c *contract[S, A]) checkInit() {
	c.t.Helper()
	var first, second []string
	var states []S
	c.m.Init(func(s S) { first, states = append(first, c.key(s)), append(states, s) })
	c.m.Init(func(s S) { second = append(second, c.key(s)) })
	if !slices.Equal(first, second) && len(states) > 0 {
		c.fail("Init is not deterministic", []int{0}, states[0], "%d then %d initial states, or different keys", len(first), len(second))
	}
	for i, s := range states {
		c.add(s, []int{i})
	}
}

// add puts s in the sample unless a state with its key is there; when ==
// compares S's contents, s must then be == to that state.
func (c *contract[S, A]) add(s S, path []int) {
	c.t.Helper()
	k := c.key(s)
	if i, dup := c.seen[k]; dup {
		if c.byValue != nil && any(s) != any(c.sample[i].s) {
			c.fail("key is not injective", path, s, "a different state (!=) has the same key: %v (path %s)", c.sample[i].s, pathString(c.sample[i].path))
		}
		return
	}
	if c.byValue != nil {
		c.checkCanonical(s, k, path)
	}
	c.seen[k] = len(c.sample)
	c.sample = append(c.sample, sampled[S]{s, k, path})
}

// checkCanonical checks that states equal by == have equal keys.
func (c *contract[S, A]) checkCanonical(s S, k string, path []int) {
	c.t.Helper()
	if prev, ok := c.byValue[any(s)]; ok && prev != k {
		c.fail("key is not canonical", path, s, "an equal state (==) has a different key")
	}
	c.byValue[any(s)] = k
}

// breadthFirst extends the sample breadth first up to n states.
func (c *contract[S, A]) breadthFirst(n int) {
	c.t.Helper()
	for i := 0; i < len(c.sample) && len(c.sample) < n; i++ {
		x := c.sample[i]
		j := 0
		c.m.Next(x.s, func(_ A, t S) {
			if len(c.sample) < n {
				c.add(t, append(x.path[:len(x.path):len(x.path)], j))
			}
			j++
		})
		c.unchanged(x.s, x.key, x.path)
	}
}

// walks adds the states of seeded random walks to the sample.
func (c *contract[S, A]) walks(o ContractOptions) {
	c.t.Helper()
	var inits []S
	c.m.Init(func(s S) { inits = append(inits, s) })
	for w := 0; w < o.Walks && len(inits) > 0; w++ {
		rng := rand.New(rand.NewPCG(o.Seed, uint64(w)))
		i := rng.IntN(len(inits))
		s, path := inits[i], []int{i}
		for range o.Depth {
			var next []S
			k := c.key(s)
			c.m.Next(s, func(_ A, t S) { next = append(next, t) })
			c.unchanged(s, k, path)
			if len(next) == 0 {
				break
			}
			j := rng.IntN(len(next))
			s, path = next[j], append(path[:len(path):len(path)], j)
			c.add(s, path)
		}
	}
}

// unchanged reports a breach if the key of s, just passed to Next, is no
// longer k.
func (c *contract[S, A]) unchanged(s S, k string, path []int) {
	c.t.Helper()
	if c.key(s) != k {
		c.fail("Next mutated its input", path, s, "the state's key changed while Next ran (copy slices and maps before changing them)")
	}
}

// sentinel fills the spare capacity of the dst given to AppendKey.
const sentinel = 0xa5

// checkState checks one sampled state.
func (c *contract[S, A]) checkState(x sampled[S]) {
	c.t.Helper()
	s, k := x.s, c.key(x.s)
	if k != x.key {
		c.fail("Next mutated its input", x.path, s, "the state's key changed since it was sampled: "+
			"Next, on it or on a state sharing its memory, changed it (copy slices and maps before changing them)")
	}
	if again := c.key(s); again != k {
		c.fail("AppendKey is not deterministic", x.path, s, "two calls gave different keys")
	}
	prefix := []byte("dst!")
	dst := bytes.Repeat([]byte{sentinel}, len(prefix)+len(k)+16)
	copy(dst, prefix)
	if out := c.m.AppendKey(dst[:len(prefix)], s); !bytes.Equal(out[:min(len(out), len(prefix))], prefix) || string(out[min(len(out), len(prefix)):]) != k {
		c.fail("AppendKey does not append", x.path, s, "AppendKey(dst, s) must return dst followed by the key of s, whatever dst's spare capacity holds")
	}
	labels1, keys1 := c.next(x)
	labels2, keys2 := c.next(x)
	if !slices.Equal(labels1, labels2) || !slices.Equal(keys1, keys2) {
		c.fail("Next is not deterministic", x.path, s, "two calls yielded different steps:\n  %v\n  %v", labels1, labels2)
	}
	c.unchanged(s, k, x.path)
	c.checkFairKeys(x)
	for _, p := range c.m.Properties() {
		for _, pred := range []func(S) bool{p.Holds, p.Then} {
			if pred == nil {
				continue
			}
			if first := pred(s); pred(s) != first {
				c.fail("property is not pure", x.path, s, "%q gave two different answers", p.Name)
			}
		}
		if c.key(s) != k {
			c.fail("property mutated the state", x.path, s, "evaluating %q changed the state's key", p.Name)
		}
	}
	if sym, ok := c.m.(model.Symmetric[S]); ok {
		canon := sym.Canonical(s)
		if c.key(s) != k {
			c.fail("Canonical mutated its input", x.path, s, "the state's key changed")
		}
		if c.key(sym.Canonical(canon)) != c.key(canon) {
			c.fail("Canonical is not idempotent", x.path, s, "the canonical state %v has another representative", canon)
		}
	}
}

// checkFairKeys checks a FairKeyer's keys against its classes on the steps
// of a sampled state: steps with equal keys must have equal classes, across
// every state sampled, and AppendFairKey must append.
func (c *contract[S, A]) checkFairKeys(x sampled[S]) {
	c.t.Helper()
	fk, ok := c.m.(model.FairKeyer[A])
	if !ok {
		return
	}
	if c.classOf == nil {
		c.classOf = map[string]string{}
	}
	c.m.Next(x.s, func(a A, _ S) {
		class, fair := fk.FairClass(a)
		if !fair {
			class = "(not fair)"
		}
		key := string(fk.AppendFairKey(nil, a))
		if out := fk.AppendFairKey([]byte("dst!"), a); string(out) != "dst!"+key {
			c.fail("AppendFairKey does not append", x.path, x.s, "AppendFairKey(dst, %v) must return dst followed by the step's key", a)
		}
		if prev, seen := c.classOf[key]; seen && prev != class {
			c.fail("AppendFairKey merges fairness classes", x.path, x.s,
				"step %v has class %q, another step with the same fairness key has %q", a, class, prev)
		}
		c.classOf[key] = class
	})
}

// next calls Next on a sampled state and returns the labels and the keys
// of the successors; it checks that no successor changed after its yield.
func (c *contract[S, A]) next(x sampled[S]) (labels, keys []string) {
	c.t.Helper()
	var succ []S
	c.m.Next(x.s, func(a A, t S) {
		labels = append(labels, fmt.Sprint(a))
		keys = append(keys, c.key(t))
		succ = append(succ, t)
	})
	for i, t := range succ {
		if c.key(t) != keys[i] {
			c.fail("Next changed a state it had yielded", append(x.path[:len(x.path):len(x.path)], i), t,
				"successor %d (%s) has another key once Next returns: it shares memory with a later successor", i, labels[i])
		}
	}
	return labels, keys
}
