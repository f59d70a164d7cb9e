package naming

import (
	"strings"

	"github.com/protocheck/protocheck/model/actor"
)

// The directory: a fixed directory information tree (DIT) cut into five
// naming contexts held by three DSAs, as drawn in doc.go. It is immutable
// package data; the model reads it through the per-DSA resolution table
// that New computes (resolveAt), and the properties read the tree itself.

// A name is a distinguished name written from the root down, its relative
// distinguished names joined by "/": "c=us/o=univ/ou=cs/cn=alice". The root
// is "".
type name = string

// entries are the entries of the DIT, in the order of doc.go's drawing. An
// entry's index is its id in answers (Found).
var entries = []name{
	"c=us",
	"c=us/o=univ",
	"c=us/o=univ/ou=cs",
	"c=us/o=univ/ou=cs/cn=alice",
	"c=us/o=univ/cn=bob",
	"c=us/o=acme",
	"c=us/o=acme/cn=carol",
	"c=uk",
	"c=uk/cn=dave",
}

// A context is a naming context: the subtree under Prefix down to the
// prefixes of the contexts below it, held (mastered) by one DSA.
type context struct {
	Label  string   // the figure's letter
	Prefix name     // the context prefix ("" for the root context)
	Holder actor.ID // the DSA that holds it
}

// DSA ids: the DUA is p0 and DSA k is process pk.
const (
	dua  actor.ID = 0
	dsa1 actor.ID = 1
	dsa2 actor.ID = 2
	dsa3 actor.ID = 3
	// numDSAs is the number of DSAs.
	numDSAs = 3
)

// contexts are the five naming contexts and their holders.
var contexts = []context{
	{"A", "", dsa1},
	{"B", "c=us/o=univ", dsa2},
	{"C", "c=us/o=univ/ou=cs", dsa3},
	{"D", "c=us/o=acme", dsa3},
	{"E", "c=uk", dsa2},
}

// under reports whether n is p or lies below p in the tree.
func under(n, p name) bool {
	return p == "" || n == p || strings.HasPrefix(n, p+"/")
}

// depth is the number of relative distinguished names in n.
func depth(n name) int {
	if n == "" {
		return 0
	}
	return strings.Count(n, "/") + 1
}

// entryID returns the id of the entry named n, and false when the DIT has
// no such entry.
func entryID(n name) (int, bool) {
	for i, e := range entries {
		if e == n {
			return i, true
		}
	}
	return 0, false
}

// A ref is a subordinate knowledge reference: names under Prefix are held
// by DSA.
type ref struct {
	Prefix name
	DSA    actor.ID
}

// knowledge is one DSA's knowledge: the contexts it holds, its subordinate
// references (to the contexts immediately below its own) and its superior
// reference (the DSA that holds the root context, for every name not under
// a context it holds; none for that DSA itself).
type knowledge struct {
	Held     []context
	Sub      []ref
	Superior actor.ID
}

// superiorContext returns the index of the context immediately above
// contexts[i]: the one with the longest prefix strictly above its prefix.
func superiorContext(i int) int {
	best := -1
	for j, c := range contexts {
		if j != i && under(contexts[i].Prefix, c.Prefix) && contexts[i].Prefix != c.Prefix &&
			(best < 0 || depth(c.Prefix) > depth(contexts[best].Prefix)) {
			best = j
		}
	}
	return best
}

// knowledgeOf derives DSA d's knowledge from the contexts. With loop set,
// DSA2's reference for context C is misconfigured: it names DSA1 instead
// of DSA3, which refers names under C back to DSA2 (a knowledge loop).
func knowledgeOf(d actor.ID, loop bool) knowledge {
	k := knowledge{Superior: dsa1}
	for i, c := range contexts {
		if c.Holder == d {
			k.Held = append(k.Held, c)
			if c.Prefix == "" {
				k.Superior = d
			}
			continue
		}
		if sup := superiorContext(i); sup >= 0 && contexts[sup].Holder == d {
			to := c.Holder
			if loop && c.Label == "C" {
				to = dsa1
			}
			k.Sub = append(k.Sub, ref{Prefix: c.Prefix, DSA: to})
		}
	}
	return k
}

// resolve is what DSA d does with a request for n, by its knowledge alone:
// the entry (Found), an authoritative not-found (NotFound: the deepest
// context holding n's place is d's own and no reference leads deeper), or
// the DSA to ask next (a subordinate reference deeper than every context
// d holds, else the superior reference).
func (k knowledge) resolve(n name) (res Result, next actor.ID) {
	held := -1
	for i, c := range k.Held {
		if under(n, c.Prefix) && (held < 0 || depth(c.Prefix) > depth(k.Held[held].Prefix)) {
			held = i
		}
	}
	if held < 0 {
		return NoResult, k.Superior
	}
	sub := -1
	for i, r := range k.Sub {
		if under(n, r.Prefix) && depth(r.Prefix) > depth(k.Held[held].Prefix) &&
			(sub < 0 || depth(r.Prefix) > depth(k.Sub[sub].Prefix)) {
			sub = i
		}
	}
	if sub >= 0 {
		return NoResult, k.Sub[sub].DSA
	}
	// n's place is in the held context: answer from its own entries.
	if id, ok := entryID(n); ok && contextOf(n) == k.Held[held].Label {
		return Found(id), 0
	}
	return NotFound, 0
}

// contextOf returns the label of the context that holds n's place in the
// tree: the one with the deepest prefix above (or at) n.
func contextOf(n name) string {
	best := -1
	for i, c := range contexts {
		if under(n, c.Prefix) && (best < 0 || depth(c.Prefix) > depth(contexts[best].Prefix)) {
			best = i
		}
	}
	return contexts[best].Label
}
